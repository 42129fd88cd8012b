"""Abstract base models shared by the domains."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
