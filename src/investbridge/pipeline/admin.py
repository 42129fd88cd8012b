"""Administration site: read-mostly views of the pipeline's records for administrators."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from investbridge.pipeline.models import (
    AssignmentRule,
    DigestSend,
    Inquiry,
    Lead,
    SetupCase,
    SetupTemplate,
    SetupTemplateStep,
)


@admin.register(Inquiry)
class InquiryAdmin(admin.ModelAdmin):
    list_display = ("company_name", "language", "status", "assigned_to", "received_at", "first_reply_at")
    list_filter = ("status", "language", "channel")
    search_fields = ("company_name", "contact_name", "email")
    readonly_fields = ("received_at", "reply_due_at", "first_reply_at", "first_reply_language")


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
    list_display = ("title", "stage", "source", "owner", "updated_at")
    list_filter = ("stage", "source")
    search_fields = ("title",)
    readonly_fields = ("version",)


@admin.register(SetupCase)
class SetupCaseAdmin(admin.ModelAdmin):
    list_display = ("organization", "kind", "status", "responsible", "due_on")
    list_filter = ("kind", "status")


class SetupTemplateStepInline(TranslationTabularInline):
    model = SetupTemplateStep
    extra = 0


@admin.register(SetupTemplate)
class SetupTemplateAdmin(TranslationAdmin):
    """Checklist templates: the name and each step's title per language, never the interface language's copy."""

    list_display = ("name", "kind", "is_active")
    inlines = [SetupTemplateStepInline]


admin.site.register(AssignmentRule)


@admin.register(DigestSend)
class DigestSendAdmin(admin.ModelAdmin):
    list_display = ("user", "day", "language", "item_count", "sent_at")
    list_filter = ("day",)
