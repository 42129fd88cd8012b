from modeltranslation.translator import TranslationOptions, register

from investbridge.region.models import Dimension, Incentive, KeyFigure, RegionProfile


@register(RegionProfile)
class RegionProfileTranslationOptions(TranslationOptions):
    fields = ("name", "tagline", "introduction", "contact_address")


@register(Dimension)
class DimensionTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")


@register(KeyFigure)
class KeyFigureTranslationOptions(TranslationOptions):
    fields = ("label", "unit", "source_name")


@register(Incentive)
class IncentiveTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "eligibility", "source_name")
