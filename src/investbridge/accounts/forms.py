"""Forms of the accounts pages: own settings, and the password reset whose e-mail speaks the user's language."""

import zoneinfo
from functools import cache
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from investbridge.core.names import NameField


@cache
def time_zone_names() -> tuple[str, ...]:
    """IANA zone names a person would pick (Area/City), sorted; plus UTC."""
    names = {name for name in zoneinfo.available_timezones() if "/" in name and not name.startswith("Etc/")}
    return tuple(sorted(names | {"UTC"}))


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in time_zone_names()]


class ProfileForm(forms.Form):
    full_name = NameField(label=_("Full name"), max_length=200, required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("The language of the interface and of the e-mails you receive."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        help_text=_("Times of meetings and events are shown in this zone."),
    )


class LocalizedPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the e-mail written in the language the user chose, not the page's."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        language = getattr(context.get("user"), "language", "") or settings.LANGUAGE_CODE
        with translation.override(language):
            super().send_mail(
                subject_template_name,
                email_template_name,
                context,
                from_email,
                to_email,
                html_email_template_name,
            )
