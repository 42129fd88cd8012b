"""The directory: organizations, people and their memberships.

Names and descriptions exist in Russian, Chinese and English (django-modeltranslation, see translation.py).
Validation of identifiers and duplicate detection live in `validators.py` and `services.py`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from investbridge.core.models import TimeStampedModel
from investbridge.directory import isic


class Sector(models.Model):
    """An ISIC Rev.4 section (A–U); its label comes from the gettext catalogs."""

    code = models.CharField(_("code"), max_length=1, primary_key=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return f"{self.code} · {isic.label(self.code)}"

    @property
    def label(self) -> str:
        return isic.label(self.code)


class OrganizationKind(models.TextChoices):
    COMPANY = "company", _("Company")
    BANK = "bank", _("Bank")
    ASSOCIATION = "association", _("Business association")
    GOVERNMENT = "government", _("Government agency")
    INVESTMENT_FIRM = "investment_firm", _("Investment firm")
    OTHER = "other", pgettext_lazy("organization kind", "Other")


class Organization(TimeStampedModel):
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    # Translated (name_ru, name_zh_hans, name_en): see translation.py.
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    country = models.CharField(
        _("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2 code, e.g. RU or CN.")
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), blank=True, related_name="organizations"
    )
    website = models.URLField(_("website"), blank=True)
    uscc = models.CharField(
        _("Unified Social Credit Code"),
        max_length=18,
        blank=True,
        help_text=_("For a Chinese entity: its 18-character Unified Social Credit Code."),
    )
    inn = models.CharField(_("INN"), max_length=12, blank=True, help_text=_("For a Russian entity: its INN."))
    ogrn = models.CharField(
        _("OGRN"), max_length=15, blank=True, help_text=_("For a Russian entity: its OGRN.")
    )
    is_partner = models.BooleanField(
        _("partner organization"),
        default=False,
        help_text=_("A partner of the promotion office whose staff work in the partner portal."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_from",
    )
    # "|key|key|key|": the normalized names in every language (services.organization_name_keys), so that
    # duplicate checks and case-insensitive search work alike for Cyrillic and Chinese on SQLite and PostgreSQL.
    name_keys = models.TextField(blank=True, default="", editable=False)
    # The order of the name each reader sees (core.scripts.sort_key, kept by the services): pinyin for Chinese
    # readers, Cyrillic before Latin for Russian ones. Plain 0-9a-z keys, so no database collation is needed.
    name_sort_ru = models.CharField(max_length=200, blank=True, default="", editable=False)
    name_sort_zh_hans = models.CharField(max_length=200, blank=True, default="", editable=False)
    name_sort_en = models.CharField(max_length=200, blank=True, default="", editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.UniqueConstraint(fields=["uscc"], condition=~Q(uscc=""), name="directory_org_unique_uscc"),
            models.UniqueConstraint(fields=["inn"], condition=~Q(inn=""), name="directory_org_unique_inn"),
        ]

    def __str__(self) -> str:
        return self.name or ""


class Person(TimeStampedModel):
    full_name = models.CharField(_("name as written"), max_length=200)
    name_latin = models.CharField(_("name in Latin letters"), max_length=200, blank=True)
    # Translated (name_ru, name_zh_hans, name_en): the name as a reader of each language writes it, when an officer
    # has stored it (王小明 -> «Ван Сяомин»); otherwise readers get a marked transliteration (core/scripts.py).
    name = models.CharField(
        pgettext_lazy("person", "name for readers"), max_length=200, blank=True, default=""
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    email_normalized = models.CharField(max_length=254, blank=True, editable=False, db_index=True)
    phone = models.CharField(
        _("phone"), max_length=20, blank=True, help_text=_("In international form, e.g. +7 495 123-45-67.")
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    languages = models.JSONField(pgettext_lazy("person", "languages spoken"), default=list, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    consent_to_contact = models.BooleanField(_("consents to be contacted"), default=False)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_source = models.CharField(_("consent source"), max_length=200, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Lower-cased name, Latin name and e-mail for case-insensitive search in any script (services.person_search_text).
    search_text = models.TextField(blank=True, default="", editable=False)
    # As on Organization: the order of the name each reader sees.
    name_sort_ru = models.CharField(max_length=200, blank=True, default="", editable=False)
    name_sort_zh_hans = models.CharField(max_length=200, blank=True, default="", editable=False)
    name_sort_en = models.CharField(max_length=200, blank=True, default="", editable=False)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                fields=["email_normalized"],
                condition=~Q(email_normalized="") & Q(merged_into__isnull=True),
                name="directory_person_unique_email",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class Membership(TimeStampedModel):
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="memberships"
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    is_primary = models.BooleanField(_("main organization"), default=True)

    class Meta:
        ordering = ["organization__name", "person__full_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["person", "organization"], name="directory_membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.organization}"
