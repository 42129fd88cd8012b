"""Read-only administration views: the registry changes only through imports, so its provenance stays whole."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from investbridge.statistics.models import ImportBatch, PublishedFigure, RegisteredEntity


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = (
        "file_name",
        "imported_at",
        "imported_by",
        "source",
        "rows_total",
        "rows_created",
        "rows_updated",
    )
    list_filter = ("source", "file_kind")
    search_fields = ("file_name", "sha256")


@admin.register(RegisteredEntity)
class RegisteredEntityAdmin(ReadOnlyAdmin):
    list_display = (
        "uscc",
        "name",
        "registered_on",
        "district",
        "industry",
        "foreign_capital",
        "investor_countries",
    )
    list_filter = ("foreign_capital", "district", "industry")
    search_fields = ("uscc", "name")
    date_hierarchy = "registered_on"
    list_select_related = ("first_batch", "last_batch")


@admin.register(PublishedFigure)
class PublishedFigureAdmin(ReadOnlyAdmin):
    list_display = (
        "metric",
        "period_from",
        "period_to",
        "value",
        "computed_value",
        "reproduced",
        "published_on",
    )
    list_filter = ("metric", "reproduced")
