"""Django admin (administrators only) for the region domain; officers edit in the back office pages."""

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from investbridge.region.models import Dimension, ExpressionOfInterest, Incentive, KeyFigure, RegionProfile


@admin.register(RegionProfile)
class RegionProfileAdmin(TabbedTranslationAdmin):
    list_display = ("slug", "name", "is_demo")


class KeyFigureInline(TranslationTabularInline):
    model = KeyFigure
    extra = 0


@admin.register(Dimension)
class DimensionAdmin(TabbedTranslationAdmin):
    list_display = ("kind", "title", "profile", "order")
    list_filter = ("kind",)
    inlines = [KeyFigureInline]


@admin.register(Incentive)
class IncentiveAdmin(TabbedTranslationAdmin):
    list_display = ("slug", "title", "valid_from", "valid_to", "is_published")
    list_filter = ("is_published",)
    filter_horizontal = ("sectors",)


@admin.register(ExpressionOfInterest)
class ExpressionOfInterestAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "organization_name", "country", "status", "created_at")
    list_filter = ("status", "language")
    search_fields = ("name", "email", "organization_name")
    readonly_fields = ("submission_key", "consent_at", "consent_source", "routed_at")
