from modeltranslation.translator import TranslationOptions, register

from investbridge.directory.models import Organization, Person


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("name",)
