from modeltranslation.translator import TranslationOptions, register

from investbridge.pipeline.models import SetupCaseStep, SetupTemplate, SetupTemplateStep


@register(SetupTemplate)
class SetupTemplateTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(SetupTemplateStep)
class SetupTemplateStepTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(SetupCaseStep)
class SetupCaseStepTranslationOptions(TranslationOptions):
    fields = ("title",)
