"""Django admin (administrators only) for the region domain; officers edit in the back office pages."""

from collections.abc import Mapping
from typing import Any

from django.contrib import admin
from django.db import models
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from investbridge.region.models import Dimension, ExpressionOfInterest, Incentive, KeyFigure, RegionProfile

#: Source addresses typed without a scheme are taken as https (Django 6's default).
URL_FIELDS: Mapping[type[models.Field[Any, Any]], Mapping[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


@admin.register(RegionProfile)
class RegionProfileAdmin(TabbedTranslationAdmin):
    list_display = ("slug", "name", "is_demo")


class KeyFigureInline(TranslationTabularInline):
    model = KeyFigure
    formfield_overrides = URL_FIELDS
    extra = 0


@admin.register(Dimension)
class DimensionAdmin(TabbedTranslationAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ("kind", "title", "profile", "order")
    list_filter = ("kind",)
    inlines = [KeyFigureInline]


@admin.register(Incentive)
class IncentiveAdmin(TabbedTranslationAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ("slug", "title", "valid_from", "valid_to", "is_published")
    list_filter = ("is_published",)
    filter_horizontal = ("sectors",)


@admin.register(ExpressionOfInterest)
class ExpressionOfInterestAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "organization_name", "country", "status", "created_at")
    list_filter = ("status", "language")
    search_fields = ("name", "email", "organization_name")
    readonly_fields = ("submission_key", "consent_at", "consent_source", "routed_at")
