"""Models of the agreements domain: partner agreements, their signed documents and the obligations under them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from investbridge.core.models import TimeStampedModel


class AgreementKind(models.TextChoices):
    MEMORANDUM = "memorandum", _("Memorandum of understanding")
    COOPERATION = "cooperation", _("Cooperation agreement")


class SigningMethod(models.TextChoices):
    ONLINE = "online", _("Signed online")
    IN_PERSON = "in_person", _("Signed in person")


def agreement_document_path(instance: "Agreement", filename: str) -> str:
    return f"agreements/{instance.document_sha256[:2]}/{instance.document_sha256}.pdf"


class Agreement(TimeStampedModel):
    title = models.CharField(_("title"), max_length=300)  # translated
    summary = models.TextField(_("summary"), blank=True)  # translated
    kind = models.CharField(_("type"), max_length=16, choices=AgreementKind.choices)
    parties = models.ManyToManyField(
        "directory.Organization", verbose_name=_("parties"), related_name="agreements"
    )
    signed_on = models.DateField(_("date signed"))
    signing_method = models.CharField(_("how it was signed"), max_length=16, choices=SigningMethod.choices)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    document = models.FileField(_("signed document"), upload_to=agreement_document_path, blank=True)
    document_sha256 = models.CharField(_("SHA-256 fingerprint"), max_length=64, blank=True)
    document_size = models.PositiveIntegerField(_("document size"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="agreements_validity_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title or ""


class ObligationKind(models.TextChoices):
    OFFICE = "office", _("Open a representative office")
    REFERRALS = "referrals", _("Refer companies")
    EVENT = "event", _("Co-host an event")
    OTHER = "other", _("Other commitment")


class ObligationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    FULFILLED = "fulfilled", _("Fulfilled")
    MISSED = "missed", _("Missed")
    WAIVED = "waived", _("Waived")


#: Statuses in which an obligation still has to be met.
OPEN_OBLIGATION_STATUSES = (ObligationStatus.OPEN, ObligationStatus.IN_PROGRESS)


class Obligation(TimeStampedModel):
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="obligations"
    )
    title = models.CharField(_("obligation"), max_length=300)  # translated
    description = models.TextField(_("description"), blank=True)  # translated
    kind = models.CharField(_("kind"), max_length=16, choices=ObligationKind.choices)
    owner = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="obligations",
        help_text=_("The party that has to fulfil the obligation."),
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer following it"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_obligations",
    )
    due_on = models.DateField(_("due"))
    target_count = models.PositiveIntegerField(
        _("target number"),
        null=True,
        blank=True,
        help_text=_("For example the companies to refer in a year."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ObligationStatus.choices, default=ObligationStatus.OPEN
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")

    def __str__(self) -> str:
        return self.title or ""


def evidence_path(instance: "Evidence", filename: str) -> str:
    return f"agreements/evidence/{instance.file_sha256[:2]}/{instance.file_sha256}.pdf"


class Evidence(models.Model):
    obligation = models.ForeignKey(
        Obligation, verbose_name=_("obligation"), on_delete=models.CASCADE, related_name="evidence"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    note = models.TextField(_("what was done"))
    link = models.URLField(_("link"), blank=True)
    file = models.FileField(_("document"), upload_to=evidence_path, blank=True)
    file_sha256 = models.CharField(_("SHA-256 fingerprint"), max_length=64, blank=True)
    submitted_at = models.DateTimeField(_("submitted"))

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.note[:60]
