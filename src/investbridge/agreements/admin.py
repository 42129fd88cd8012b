"""Administration site: agreements and obligations for administrators."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from investbridge.agreements.models import Agreement, Evidence, Obligation


@admin.register(Agreement)
class AgreementAdmin(TranslationAdmin):
    list_display = ("title", "kind", "signed_on", "signing_method", "valid_until")
    readonly_fields = ("document", "document_sha256", "document_size")


@admin.register(Obligation)
class ObligationAdmin(TranslationAdmin):
    list_display = ("title", "agreement", "owner", "due_on", "status")
    list_filter = ("status", "kind")


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ("obligation", "submitted_by", "submitted_at")
    readonly_fields = ("file", "file_sha256")
