"""The B2B link on a registrant's own page (`events.registrant_links`): a confirmed registrant of an event for
which the office has opened B2B meetings (its matchmaking settings exist) and that has not ended reaches its
participant page from there, without waiting for a meeting request to arrive by e-mail."""

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from investbridge.events.registrant_links import RegistrantLink
from investbridge.matchmaking import selectors


def b2b_link(registration: Any) -> RegistrantLink | None:
    event = registration.event
    if event.ends_at < timezone.now() or selectors.setup_of(event=event) is None:
        return None
    if selectors.registration_of_token(token=registration.manage_token) is None:  # not confirmed
        return None
    return RegistrantLink(
        name="b2b",
        text=_(
            "Meet other participants one to one: describe your organization, see whom we suggest and ask for meetings."
        ),
        label=_("B2B meetings"),
        url=reverse("matchmaking:p_home", args=[registration.manage_token]),
    )
