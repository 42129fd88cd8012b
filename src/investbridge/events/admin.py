from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from investbridge.events.models import Event, Material, Registration, Session, VideoRoom


@admin.register(Event)
class EventAdmin(TranslationAdmin):
    list_display = ("title", "slug", "starts_at", "status", "capacity")
    list_filter = ("status", "format")
    search_fields = ("title", "slug")


@admin.register(Session)
class SessionAdmin(TranslationAdmin):
    list_display = ("title", "event", "starts_at")


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("full_name", "email", "event", "status", "arrival", "attended")
    list_filter = ("status", "attended")
    search_fields = ("full_name", "email", "organization_name")
    readonly_fields = ("arrival", "manage_token", "sequence")


admin.site.register(Material)
admin.site.register(VideoRoom)
