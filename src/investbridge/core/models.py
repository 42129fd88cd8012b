"""Abstract base models shared by the domains."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class PeriodicJobRun(models.Model):
    """The last period of a periodic job (`core/schedule.py`) that a worker enqueued: one row per job."""

    # Not shown to users (no admin, no page), so the names are not translated.
    name = models.CharField(max_length=100, unique=True)
    period = models.CharField(max_length=40, blank=True, default="")
    last_run_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.period})"


class SentMail(models.Model):
    """One mail the platform sent (`core/mail.py`): the log officers and replies are matched against."""

    to = models.CharField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300)
    language = models.CharField(_("language"), max_length=8)
    kind = models.CharField(_("kind"), max_length=60)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    object_id = models.BigIntegerField(null=True, blank=True)
    related = GenericForeignKey("content_type", "object_id")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    reply_to = models.CharField(_("Reply-To"), max_length=600, blank=True)
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("sent mail")
        verbose_name_plural = _("sent mails")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class InboundSource(models.TextChoices):
    FOLDER = "folder", pgettext_lazy("inbound mail source", "Folder")
    IMAP = "imap", pgettext_lazy("inbound mail source", "IMAP mailbox")
    WEBHOOK = "webhook", pgettext_lazy("inbound mail source", "Webhook")


class InboundMatch(models.TextChoices):
    TOKEN = "token", pgettext_lazy("inbound mail match", "Reply address")
    HEADER = "header", pgettext_lazy("inbound mail match", "Reply headers")
    OFFICER = "officer", pgettext_lazy("inbound mail match", "Assigned by an officer")
    UNMATCHED = "unmatched", pgettext_lazy("inbound mail match", "Not matched")


class InboundMail(models.Model):
    """A mail the platform received (`core/inbound.py`): a reply recorded on its thread, or kept unmatched until
    an officer assigns it."""

    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    from_address = models.CharField(_("from"), max_length=254)
    from_name = models.CharField(_("sender's name"), max_length=200, blank=True)
    to_address = models.CharField(_("to"), max_length=600, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    text = models.TextField(_("full text"), blank=True)
    short_text = models.TextField(_("text without the quoted message"), blank=True)
    from_html = models.BooleanField(_("converted from HTML"), default=False)
    in_reply_to = models.CharField(_("In-Reply-To"), max_length=255, blank=True)
    references = models.TextField(_("References"), blank=True)
    date = models.DateTimeField(_("written"), null=True, blank=True)
    received_at = models.DateTimeField(_("received"))
    source = models.CharField(_("source"), max_length=10, choices=InboundSource.choices)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    object_id = models.BigIntegerField(null=True, blank=True)
    related = GenericForeignKey("content_type", "object_id")
    matched_by = models.CharField(_("matched by"), max_length=10, choices=InboundMatch.choices)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    in_reply_to_sent = models.ForeignKey(
        SentMail, on_delete=models.SET_NULL, null=True, blank=True, related_name="replies"
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("received mail")
        verbose_name_plural = _("received mails")
        indexes = [models.Index(fields=["content_type", "object_id"]), models.Index(fields=["matched_by"])]

    def __str__(self) -> str:
        return f"{self.from_address}: {self.subject}"


class InboundAttachment(models.Model):
    """A file attached to a received mail: stored when it passed the upload checks, else only named with the
    reason it was refused."""

    mail = models.ForeignKey(InboundMail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    file = models.FileField(_("file"), upload_to="inbound-mail/%Y/%m/", blank=True)
    refused = models.CharField(_("refused because"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.filename
