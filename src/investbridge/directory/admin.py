"""The directory in the administration site (administrators only). Officers work in the directory pages, which
check duplicates and registry codes; edits here keep the search keys up to date."""

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from investbridge.directory import services
from investbridge.directory.models import Membership, Organization, Person


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("person", "organization")


@admin.register(Organization)
class OrganizationAdmin(TranslationAdmin):
    list_display = ("name", "kind", "country", "city", "inn", "uscc", "is_partner", "is_demo", "merged_into")
    list_filter = ("kind", "country", "is_partner", "is_demo")
    search_fields = ("name_ru", "name_zh_hans", "name_en", "inn", "ogrn", "uscc")
    raw_id_fields = ("merged_into",)
    filter_horizontal = ("sectors",)
    inlines = [MembershipInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request: HttpRequest, obj: Organization, form: Any, change: bool) -> None:
        obj.name_keys = services.organization_name_keys(services.organization_names(obj).values())
        super().save_model(request, obj, form, change)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("full_name", "name_latin", "email", "phone", "country", "consent_to_contact", "is_demo")
    list_filter = ("country", "consent_to_contact", "is_demo")
    search_fields = ("full_name", "name_latin", "email_normalized", "phone")
    raw_id_fields = ("user", "merged_into")
    inlines = [MembershipInline]

    def save_model(self, request: HttpRequest, obj: Person, form: Any, change: bool) -> None:
        obj.email_normalized = services.normalize_email(obj.email)
        obj.search_text = services.person_search_text(
            full_name=obj.full_name, name_latin=obj.name_latin, email=obj.email_normalized
        )
        super().save_model(request, obj, form, change)
