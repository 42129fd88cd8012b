"""Forms of the accounts pages: own settings, and the password reset whose e-mail speaks the user's language."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from investbridge.core import mail
from investbridge.core.names import NameField
from investbridge.core.timezones import TimeZoneField


class ProfileForm(forms.Form):
    full_name = NameField(label=_("Full name"), max_length=200, required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("The language of the interface and of the e-mails you receive."),
    )
    time_zone = TimeZoneField(
        label=_("Time zone"),
        help_text=_("Times of meetings and events are shown in this zone."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zone_field = self.fields["time_zone"]
        assert isinstance(zone_field, TimeZoneField)
        zone_field.include(self.initial.get("time_zone"))


class LocalizedPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the e-mail written in the language the user chose, not the page's, and sent
    through the platform's mail service (`core/mail.py`)."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        user = context.get("user")
        language = mail.language_of(getattr(user, "language", ""))
        with translation.override(language):
            subject = "".join(render_to_string(subject_template_name, context).splitlines())
            body = render_to_string(email_template_name, context)
        mail.send_mail(
            to=to_email,
            subject=subject,
            body=body,
            language=language,
            kind="accounts.password_reset",
            related=user,
        )
