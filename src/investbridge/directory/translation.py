from modeltranslation.translator import TranslationOptions, register

from investbridge.directory.models import Organization


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("name", "description")
