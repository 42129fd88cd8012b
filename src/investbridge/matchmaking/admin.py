"""Administration site views of matchmaking (administrators only; officers use the back office)."""

from django.contrib import admin

from investbridge.matchmaking.models import (
    Interpreter,
    MatchmakingSetup,
    Meeting,
    MeetingRequest,
    Profile,
    Room,
    ScheduleRun,
    Slot,
)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("organization_name", "event", "country", "time_zone")
    list_filter = ("event",)
    search_fields = ("organization_name",)
    raw_id_fields = ("registration",)


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = ("requester", "recipient", "event", "status", "must_have", "priority", "expires_at")
    list_filter = ("status", "must_have")
    raw_id_fields = ("requester", "recipient")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("request", "event", "slot", "room", "interpreter", "locked", "sequence")
    list_filter = ("locked",)
    raw_id_fields = ("request",)


@admin.register(Interpreter)
class InterpreterAdmin(admin.ModelAdmin):
    list_display = ("name", "event", "email")
    filter_horizontal = ("unavailable_slots",)


@admin.register(ScheduleRun)
class ScheduleRunAdmin(admin.ModelAdmin):
    list_display = ("event", "status", "progress", "scheduled", "unscheduled", "created_at")
    list_filter = ("status",)


admin.site.register(MatchmakingSetup)
admin.site.register(Slot)
admin.site.register(Room)
