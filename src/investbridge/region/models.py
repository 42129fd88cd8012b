"""The region profile: six dimensions with key figures, incentives and policies, expressions of interest.

Content fields (titles, summaries, bodies, labels, units, source names) exist per language
(django-modeltranslation, see translation.py) and fall back to the office's language.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from investbridge.core.models import TimeStampedModel
from investbridge.directory.models import Sector


class DimensionKind(models.TextChoices):
    """The six dimensions an investment promotion office presents; the value is also the page's address."""

    RESOURCES = "resource-base", _("Resource base")
    POLICIES = "preferential-policies", _("Preferential policies")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    INDUSTRY = "industry-structure", _("Industry structure")
    BUSINESS_CLIMATE = "business-climate", _("Business climate")
    PRODUCTION_FACTORS = "production-factors", _("Production factors")


class RegionProfile(TimeStampedModel):
    """The region the office presents (one per installation; `slug` keeps it addressable)."""

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    # Translated: name, tagline, introduction.
    name = models.CharField(_("name"), max_length=200)
    tagline = models.CharField(_("tagline"), max_length=300, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    office_email = models.EmailField(_("office e-mail address"), blank=True)
    # Public contacts shown on the landing page; the address is translated (contact_address_ru, ...).
    contact_address = models.TextField(_("office address"), blank=True)
    contact_phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        validators=[
            RegexValidator(
                r"^\+?[0-9][0-9 ()\-]{4,38}$",
                _("Enter a phone number of digits, spaces, brackets and dashes, e.g. +86 898 6000 0000."),
            )
        ],
    )
    contact_wechat = models.CharField(
        _("WeChat ID"),
        max_length=40,
        blank=True,
        validators=[
            RegexValidator(
                r"^[A-Za-z][A-Za-z0-9_\-]{5,39}$",
                _(
                    "A WeChat ID has 6 to 40 Latin letters, digits, underscores or dashes and starts with a letter."
                ),
            )
        ],
    )
    contact_email = models.EmailField(
        _("public e-mail address"),
        blank=True,
        help_text=_(
            "Shown to visitors. Notices of new expressions of interest go to the office e-mail address."
        ),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    @property
    def has_contacts(self) -> bool:
        return bool(self.contact_address or self.contact_phone or self.contact_wechat or self.contact_email)

    class Meta:
        verbose_name = _("region profile")
        verbose_name_plural = _("region profiles")

    def __str__(self) -> str:
        return self.name or self.slug


class Dimension(TimeStampedModel):
    profile = models.ForeignKey(
        RegionProfile, verbose_name=_("region profile"), on_delete=models.CASCADE, related_name="dimensions"
    )
    kind = models.CharField(_("dimension"), max_length=30, choices=DimensionKind.choices)
    # Translated: title, summary, body.
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("profile dimension")
        verbose_name_plural = _("profile dimensions")
        constraints = [
            models.UniqueConstraint(fields=["profile", "kind"], name="region_dimension_unique_kind"),
        ]

    def __str__(self) -> str:
        return self.title or self.kind


class KeyFigure(TimeStampedModel):
    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimension"), on_delete=models.CASCADE, related_name="key_figures"
    )
    # Translated: label, unit, source_name.
    label = models.CharField(_("label"), max_length=200)
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    as_of = models.DateField(_("as of"))
    source_name = models.CharField(_("source"), max_length=200, blank=True)
    source_url = models.URLField(_("source address"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")

    def __str__(self) -> str:
        return f"{self.label}: {self.value} {self.unit}".strip()


class Incentive(TimeStampedModel):
    """An incentive or policy an investor can use (a tax rate, a customs regime, a subsidy)."""

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    # Translated: title, summary, body, eligibility, source_name.
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), blank=True)
    eligibility = models.TextField(_("who is eligible"), blank=True)
    source_name = models.CharField(_("source"), max_length=250, blank=True)
    source_url = models.URLField(_("source address"), blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True, related_name="incentives")
    is_published = models.BooleanField(_("published"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_demo = models.BooleanField(_("demo data"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("incentive")
        verbose_name_plural = _("incentives")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="region_incentive_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.slug


class InterestStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("expression of interest status", "New")
    ROUTED = "routed", pgettext_lazy("expression of interest status", "Routed")


class ExpressionOfInterest(TimeStampedModel):
    """A visitor's expression of interest from the landing page, to be routed into the pipeline."""

    submission_key = models.UUIDField(_("submission key"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    organization_name = models.CharField(_("organization"), max_length=300, blank=True)
    country = models.CharField(_("country"), max_length=2)
    language = models.CharField(_("preferred language"), max_length=8, choices=settings.LANGUAGES)
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), blank=True, related_name="expressions_of_interest"
    )
    message = models.TextField(_("message"), blank=True)
    consent = models.BooleanField(_("consents to be contacted"), default=False)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_source = models.CharField(_("consent source"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=InterestStatus.choices, default=InterestStatus.NEW
    )
    routed_at = models.DateTimeField(_("routed at"), null=True, blank=True)
    routed_reference = models.CharField(_("routed to"), max_length=200, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        constraints = [
            models.CheckConstraint(
                condition=Q(consent=False) | Q(consent_at__isnull=False), name="region_interest_consent_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"
