from modeltranslation.translator import TranslationOptions, register

from investbridge.pipeline.models import ReplyTemplate, SetupCaseStep, SetupTemplate, SetupTemplateStep


@register(SetupTemplate)
class SetupTemplateTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(SetupTemplateStep)
class SetupTemplateStepTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(SetupCaseStep)
class SetupCaseStepTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(ReplyTemplate)
class ReplyTemplateTranslationOptions(TranslationOptions):
    fields = ("name", "subject", "body")
