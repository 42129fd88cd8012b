from modeltranslation.translator import TranslationOptions, register

from investbridge.agreements.models import Agreement, Obligation


@register(Agreement)
class AgreementTranslationOptions(TranslationOptions):
    fields = ("title", "summary")


@register(Obligation)
class ObligationTranslationOptions(TranslationOptions):
    fields = ("title", "description")
