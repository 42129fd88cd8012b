from modeltranslation.translator import TranslationOptions, register

from investbridge.events.models import Event, Session


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description", "host_city", "partner_city", "venue")


@register(Session)
class SessionTranslationOptions(TranslationOptions):
    fields = ("title",)
