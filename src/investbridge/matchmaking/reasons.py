"""Reasons of a recommendation as sentences in the reader's language."""

from django.utils.translation import gettext as _

from investbridge.core.i18n import country_name, language_name
from investbridge.directory import isic
from investbridge.matchmaking.models import Kind
from investbridge.matchmaking.scoring import Reason


def kind_label(code: str) -> str:
    try:
        return str(Kind(code).label)
    except ValueError:
        return code


def kinds_label(codes: list[str]) -> str:
    return ", ".join(kind_label(code) for code in codes)


def reason_text(reason: Reason) -> str:
    if reason.code == "offers":
        return _("Offers what you seek: %(kind)s") % {"kind": kind_label(reason.value)}
    if reason.code == "seeks":
        return _("Seeks what you offer: %(kind)s") % {"kind": kind_label(reason.value)}
    if reason.code == "sector":
        return _("Shared sector: %(sector)s") % {"sector": isic.label(reason.value)}
    if reason.code == "country_interest":
        return _("From a country you are interested in: %(country)s") % {
            "country": country_name(reason.value)
        }
    if reason.code == "interested_in_you":
        return _("Interested in your country: %(country)s") % {"country": country_name(reason.value)}
    if reason.code == "common_language":
        return _("Common language: %(language)s") % {"language": language_name(reason.value)}
    return _("No common language: an interpreter is needed")
