from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from investbridge.events.models import Event, Material, Registration, Session, VideoRoom


@admin.register(Event)
class EventAdmin(TranslationAdmin):
    list_display = ("title", "slug", "starts_at", "status", "capacity")
    list_filter = ("status", "format")
    search_fields = ("title", "slug")

    def save_model(self, request: HttpRequest, obj: Event, form: Any, change: bool) -> None:
        """An edit writes only the fields the form changed: the counters the registration services keep under the
        event's row lock (`arrivals`, `confirmed_count`, `version`) are never written back from the admin's copy,
        which a registration may have outdated since it was read."""
        if not change:
            super().save_model(request, obj, form, change)
            return
        concrete = {field.name for field in Event._meta.concrete_fields}
        changed = [name for name in form.changed_data if name in concrete]
        if changed:
            obj.save(update_fields=[*changed, "updated_at"])


@admin.register(Session)
class SessionAdmin(TranslationAdmin):
    list_display = ("title", "event", "starts_at")


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Registrations are added, confirmed, cancelled and promoted only by the events services (which keep the
    waiting list, the event's place counter and the registrants' mails): here their status is read-only."""

    list_display = ("full_name", "email", "event", "status", "arrival", "attended", "attended_minutes")
    list_filter = ("status", "attended")
    search_fields = ("full_name", "email", "organization_name")
    readonly_fields = ("event", "status", "arrival", "manage_token", "sequence")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Registration | None = None) -> bool:
        return False


admin.site.register(Material)
admin.site.register(VideoRoom)
