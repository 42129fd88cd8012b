"""Models of the statistics domain: the registry (system of record), its imports and the published figures."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from investbridge.core.models import TimeStampedModel


class ImportSource(models.TextChoices):
    UPLOAD = "upload", _("Upload page")
    CLI = "cli", _("Command line")
    DEMO = "demo", _("Demo data")


class ImportBatch(models.Model):
    """One accepted registry file: where it came from, who imported it and what it changed."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    file_kind = models.CharField(_("file type"), max_length=10)
    source = models.CharField(_("source"), max_length=10, choices=ImportSource.choices)
    rows_total = models.PositiveIntegerField(_("rows in the file"))
    rows_created = models.PositiveIntegerField(_("new entities"))
    rows_updated = models.PositiveIntegerField(_("updated entities"))
    rows_unchanged = models.PositiveIntegerField(_("unchanged entities"))
    imported_at = models.DateTimeField(_("imported at"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("registry import")
        verbose_name_plural = _("registry imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d %H:%M})"


class RegisteredEntity(TimeStampedModel):
    """A market entity of the company registry, keyed by its Unified Social Credit Code."""

    uscc = models.CharField(_("unified social credit code"), max_length=18, unique=True)
    name = models.CharField(_("name"), max_length=300)
    registered_on = models.DateField(_("registered on"), db_index=True)
    district = models.CharField(_("district"), max_length=6)
    industry = models.CharField(_("industry"), max_length=1)
    foreign_capital = models.BooleanField(_("foreign capital"))
    #: ISO 3166-1 alpha-2 codes, sorted and joined with ";" ("" for domestic capital).
    investor_countries = models.CharField(_("investor countries"), max_length=200, blank=True)
    registered_capital = models.DecimalField(_("registered capital"), max_digits=20, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    first_batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    last_batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["registered_on", "uscc"]
        verbose_name = _("registered entity")
        verbose_name_plural = _("registered entities")

    def __str__(self) -> str:
        return f"{self.name} ({self.uscc})"

    @property
    def countries(self) -> list[str]:
        return self.investor_countries.split(";") if self.investor_countries else []


class ColumnarCopy(models.Model):
    """Which Parquet file holds the columnar copy of the registry (a single row, locked during imports)."""

    file_name = models.CharField(max_length=100, blank=True)
    batch = models.ForeignKey(ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    rows = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.file_name or "-"


class Metric(models.TextChoices):
    COUNT = "count", _("New entities in the period")
    PREVIOUS_COUNT = "previous_count", _("New entities a year earlier")
    YOY_CHANGE_PCT = "yoy_change_pct", _("Year-on-year change, %")


class PublishedFigure(TimeStampedModel):
    """A figure the office published, recomputed from the registry after every import."""

    metric = models.CharField(_("metric"), max_length=20, choices=Metric.choices)
    period_from = models.DateField(_("period from"))
    period_to = models.DateField(_("period to"))
    foreign_capital = models.BooleanField(_("foreign capital only"), default=False)
    country = models.CharField(_("investor country"), max_length=2, blank=True)
    value = models.DecimalField(_("published value"), max_digits=20, decimal_places=2)
    tolerance = models.DecimalField(
        _("tolerance"),
        max_digits=20,
        decimal_places=2,
        default=0,
        help_text=_(
            "The largest difference between the published and the computed value that still counts as "
            "reproduced: 0 for an exact figure, 0.5 for a percentage published without its decimal, "
            "more for an “about” figure."
        ),
    )
    wording = models.CharField(_("as published"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=300)
    published_on = models.DateField(_("publication date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    computed_value = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    difference = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    reproduced = models.BooleanField(default=False)
    checked_at = models.DateTimeField(null=True, blank=True)
    checked_batch = models.ForeignKey(
        ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: Set when an import turned a reproduced figure into one that no longer matches the data.
    broken_by = models.ForeignKey(
        ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("published figure")
        verbose_name_plural = _("published figures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_to__gte=models.F("period_from")), name="statistics_figure_period"
            ),
            models.CheckConstraint(condition=models.Q(tolerance__gte=0), name="statistics_figure_tolerance"),
        ]

    def __str__(self) -> str:
        return f"{self.get_metric_display()} {self.period_from}–{self.period_to}: {self.value}"
