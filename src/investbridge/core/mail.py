"""The one way the platform sends mail.

Every domain renders and sends through `send_mail(...)`: the subject and body are rendered by the caller's
templates in the recipient's language (`render`, which also sets the recipient's time zone), links are built with
`core.urls.absolute_url` (`reverse()` on `INVESTBRIDGE_SITE_URL`), and the service

- sets From (`DEFAULT_FROM_EMAIL`), `Content-Language` and a `Message-ID` of the platform's own domain;
- sets `Reply-To` when the mail belongs to a conversation (an inquiry, a lead: a model registered with
  `register_thread`): the platform's reply address with a signed token of the thread and of the officer who wrote
  (`replies+<token>@domain`, `INVESTBRIDGE_REPLY_ADDRESS`), and the officer's own address when the mail is written
  on their behalf. A reply then reaches the officer and is recorded on the thread (`core/inbound.py`), by the
  token or, when a mail client dropped it, by `In-Reply-To`/`References` against the logged Message-IDs;
- drops a mail to an address that a public door has held back (`core.limits.mail_held_back`); the doors count
  their recipients with `core.limits.recipient_allowed` as before;
- logs what was sent (`SentMail`: to, subject, language, kind, the related object, the officer, Message-ID, time),
  in the same transaction as the sending, so a mail that could not be handed over leaves no row.
"""

import hmac
import re
import uuid
import zoneinfo
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.utils import formataddr, parseaddr
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from investbridge.core import limits


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes | str
    mimetype: str


@dataclass(frozen=True)
class Thread:
    """A kind of object mail conversations belong to (registered by its domain in `AppConfig.ready()`)."""

    model: type[models.Model]
    url_name: str  # the back-office page of one object, reversed with its pk
    officer: Callable[[Any], Any]  # the officer responsible for an object (notified of replies), or None


_threads: dict[str, Thread] = {}


def register_thread(model: type[models.Model], *, url_name: str, officer: Callable[[Any], Any]) -> None:
    """Declare `model` a conversation: mails about its objects carry a reply token, replies are recorded on it."""
    _threads[model._meta.label_lower] = Thread(model=model, url_name=url_name, officer=officer)


def thread_for(model: type[models.Model] | None) -> Thread | None:
    if model is None:
        return None
    return _threads.get(model._meta.label_lower)


def threads() -> list[Thread]:
    return list(_threads.values())


# --- addresses and tokens --------------------------------------------------------------------------------


def mail_domain() -> str:
    """The domain of the platform's Message-IDs: the reply address's, else the sender's."""
    for address in (getattr(settings, "REPLY_ADDRESS", ""), settings.DEFAULT_FROM_EMAIL):
        domain = parseaddr(address or "")[1].rpartition("@")[2]
        if domain:
            return domain.lower()
    return "investbridge.local"


def _token_mac(payload: str) -> str:
    return salted_hmac("investbridge.core.mail.reply-token", payload).hexdigest()[:20]


def reply_token(*, content_type_id: int, object_id: int, officer_id: int | None) -> str:
    """A token naming a thread and the officer who wrote: digits, letters a-f and dashes only, so mail servers
    that change the case of the local part do not break it."""
    payload = f"{content_type_id}-{object_id}-{officer_id or 0}"
    return f"{payload}-{_token_mac(payload)}"


@dataclass(frozen=True)
class TokenTarget:
    content_type_id: int
    object_id: int
    officer_id: int | None


def read_reply_token(token: str) -> TokenTarget | None:
    """The thread a token names; None for anything not signed by this platform."""
    match = re.fullmatch(r"(\d{1,9})-(\d{1,18})-(\d{1,18})-([0-9a-f]{20})", token.strip().lower())
    if match is None:
        return None
    payload = f"{match[1]}-{match[2]}-{match[3]}"
    if not hmac.compare_digest(_token_mac(payload), match[4]):
        return None
    return TokenTarget(int(match[1]), int(match[2]), int(match[3]) or None)


def reply_address(token: str) -> str:
    """`INVESTBRIDGE_REPLY_ADDRESS` with the token after a plus: replies+<token>@domain. Empty when not set."""
    address = parseaddr(getattr(settings, "REPLY_ADDRESS", "") or "")[1]
    if not address or "@" not in address:
        return ""
    local, _at, domain = address.rpartition("@")
    return f"{local}+{token}@{domain}"


def token_in_address(address: str) -> str | None:
    """The token of a reply address (`local+token@domain`) when the address is the platform's reply address."""
    configured = parseaddr(getattr(settings, "REPLY_ADDRESS", "") or "")[1].lower()
    if not configured:
        return None
    base_local, _at, base_domain = configured.rpartition("@")
    local, _at, domain = parseaddr(address)[1].lower().rpartition("@")
    if domain != base_domain or not local.startswith(f"{base_local}+"):
        return None
    return local[len(base_local) + 1 :]


# --- rendering and sending --------------------------------------------------------------------------------


def language_of(value: str | None) -> str:
    """`value` when it is one of the site's languages, else the site's default language."""
    return value if value in settings.LANGUAGE_CODES else settings.LANGUAGE_CODE


def render(template: str, context: dict[str, Any], *, language: str, time_zone: str = "") -> str:
    """Render a mail template in `language`, times in `time_zone` (the office's zone when empty or unknown),
    which the template gets as `zone`."""
    try:
        zone = zoneinfo.ZoneInfo(time_zone or settings.OFFICE_TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo(settings.OFFICE_TIME_ZONE)
    with translation.override(language), timezone.override(zone):
        return render_to_string(template, {**context, "zone": str(zone)})


def _officer_address(officer: Any) -> str:
    name = (getattr(officer, "full_name", "") or "").strip()
    return formataddr((name, officer.email)) if name else str(officer.email)


@dataclass
class Outgoing:
    """A mail ready to go: the message and what the log records about it. `send()` sends and logs it."""

    message: EmailMessage
    language: str
    kind: str
    related: models.Model | None
    officer: Any

    @property
    def to(self) -> list[str]:
        return list(self.message.to)

    @property
    def subject(self) -> str:
        return str(self.message.subject)

    @property
    def body(self) -> str:
        return str(self.message.body)

    @property
    def attachments(self) -> list[Any]:
        return list(self.message.attachments)

    def send(self) -> Any:
        """Send the mail and log it in one transaction (returns the `SentMail` row, or None when a public door
        held the address back)."""
        from investbridge.core.models import SentMail  # local: the models module is loaded after this one

        (to,) = self.message.to
        if limits.mail_is_held_back(to):
            return None
        related = self.related
        with transaction.atomic():
            sent = SentMail.objects.create(
                to=to,
                subject=self.subject[:300],
                language=self.language,
                kind=self.kind,
                content_type=ContentType.objects.get_for_model(related) if related is not None else None,
                object_id=related.pk if related is not None else None,
                officer=self.officer if getattr(self.officer, "pk", None) else None,
                message_id=self.message.extra_headers["Message-ID"],
                reply_to=", ".join(self.message.reply_to)[:600],
                sent_at=timezone.now(),
            )
            self.message.send()
        return sent


def compose(
    *,
    to: str,
    subject: str,
    body: str,
    language: str,
    kind: str,
    related: models.Model | None = None,
    officer: Any = None,
    replies: bool = False,
    attachments: Sequence[Attachment] = (),
) -> Outgoing:
    """Build one mail (see `send_mail`) without sending it."""
    reply_to: list[str] = []
    if replies and related is not None and thread_for(type(related)) is not None:
        content_type = ContentType.objects.get_for_model(related)
        token = reply_token(
            content_type_id=content_type.pk,
            object_id=int(related.pk),
            officer_id=getattr(officer, "pk", None),
        )
        if address := reply_address(token):
            reply_to.append(address)
    if replies and officer is not None and officer.email:
        reply_to.append(_officer_address(officer))
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[to],
        reply_to=reply_to or None,
        headers={"Message-ID": f"<ib-{uuid.uuid4().hex}@{mail_domain()}>", "Content-Language": language},
    )
    for attachment in attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    return Outgoing(message=message, language=language, kind=kind, related=related, officer=officer)


def send_mail(
    *,
    to: str,
    subject: str,
    body: str,
    language: str,
    kind: str,
    related: models.Model | None = None,
    officer: Any = None,
    replies: bool = False,
    attachments: Sequence[Attachment] = (),
) -> Any:
    """Send one mail and log it (returns the `SentMail` row, or None when the address is held back).

    `related` is the object the mail is about (logged). `replies=True` (mails to the office's correspondents)
    puts the platform's reply address with the thread's token into Reply-To, so the answer is recorded on
    `related` (a registered thread). `officer` is the officer on whose behalf the mail is written: with
    `replies=True` their own address goes into Reply-To too and the token names them, so the answer reaches them.
    """
    return compose(
        to=to,
        subject=subject,
        body=body,
        language=language,
        kind=kind,
        related=related,
        officer=officer,
        replies=replies,
        attachments=attachments,
    ).send()
