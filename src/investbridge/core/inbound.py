"""Inbound mail: one service records a raw RFC 5322 message, whichever way it came in.

`inbound_mail_record(raw=..., source=...)` parses the message (subjects and bodies in any charset the mail clients
use: UTF-8, GB18030/GBK/GB2312, KOI8-R, windows-1251; quoted-printable and base64), keeps the plain text (or the
HTML part converted to text when there is no plain one) in full and without the quoted earlier message, stores
the attachments that pass the upload checks (`core/uploads.py`) and names the refused ones with the reason, and
matches the mail to its conversation (`core/mail.py`): by the signed token in the reply address, else by
`In-Reply-To`/`References` against the Message-IDs the platform logged. A mail that matches nothing, or whose
token is not the platform's, is kept unmatched for an officer to assign; it is never dropped and never attached
to a conversation it does not name. It is idempotent by Message-ID and writes in one transaction; the officer
concerned is told by mail once it commits.

The ways in: `inbound_folder_process()` (a folder of .eml files, read by the worker), `imap_poll()` (an IMAP
mailbox, polled by the worker) and the API's webhook (`POST /api/v1/mail/inbound`).
"""

import contextlib
import email
import email.policy
import hashlib
import imaplib
import logging
import re
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage as ParsedMessage
from email.message import Message
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from pathlib import Path
from typing import Any

import html2text
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from investbridge.core import mail, uploads
from investbridge.core.models import InboundAttachment, InboundMail, InboundMatch, InboundSource, SentMail
from investbridge.core.permissions import require_role
from investbridge.core.roles import Role
from investbridge.core.urls import absolute_url

logger = logging.getLogger(__name__)

#: The kinds of attachment kept (checked by content, `core/uploads.py`).
ATTACHMENT_KINDS = (uploads.PDF, uploads.DOCX, uploads.XLSX, uploads.PPTX, uploads.JPEG, uploads.PNG)

#: Charsets declared by Chinese mail clients that the wider GB18030 decodes correctly (GB2312 and GBK mails often
#: hold characters outside the charset they declare).
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}


class InboundMailError(ValueError):
    """The bytes are not a message the platform can record (too large, not a mail at all)."""


@dataclass
class ParsedAttachment:
    filename: str
    content_type: str
    data: bytes


@dataclass
class ParsedMail:
    message_id: str
    from_address: str
    from_name: str
    to_addresses: list[str]
    subject: str
    text: str
    from_html: bool
    in_reply_to: str
    references: list[str]
    date: datetime | None
    attachments: list[ParsedAttachment] = field(default_factory=list)


# --- parsing ----------------------------------------------------------------------------------------------


def _decode(payload: bytes, charset: str | None) -> str:
    name = (charset or "utf-8").strip().lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        return payload.decode(name)
    except LookupError:
        return payload.decode("utf-8", errors="replace")
    except UnicodeDecodeError:
        return payload.decode(name, errors="replace")


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    return _decode(payload, part.get_content_charset())


def html_to_text(html: str) -> str:
    converter = html2text.HTML2Text(bodywidth=0)
    converter.ignore_images = True
    converter.ignore_emphasis = True
    converter.ignore_links = False
    return _tidy(converter.handle(html))


def _tidy(text: str) -> str:
    """Lines without trailing spaces, and never more than one empty line in a row."""
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.splitlines())).strip()


def _header(message: Message, name: str) -> str:
    value = message.get(name)
    return " ".join(str(value).split()) if value is not None else ""


def _message_ids(value: str) -> list[str]:
    return re.findall(r"<[^<>\s]+>", value)


def parse_message(raw: bytes) -> ParsedMail:
    """The parts of a raw message the platform keeps."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, ParsedMessage)
    if not message.keys():
        raise InboundMailError("no headers: this is not an e-mail message")
    name, address = parseaddr(_header(message, "From"))
    if "@" not in address:
        raise InboundMailError("the message has no sender address (From)")
    recipients = [
        addr
        for _name, addr in getaddresses(
            [
                _header(message, header)
                for header in ("To", "Cc", "Delivered-To", "X-Original-To")
                if message.get(header)
            ]
        )
        if addr
    ]
    body = message.get_body(preferencelist=("plain", "html"))
    text, from_html = "", False
    if body is not None:
        text = _part_text(body)
        if body.get_content_subtype() == "html":
            text, from_html = html_to_text(text), True
    attachments = []
    for part in message.walk():
        if part is body or part.is_multipart():
            continue
        filename = part.get_filename()
        if not filename and part.get_content_disposition() != "attachment":
            continue
        data = part.get_payload(decode=True)
        if isinstance(data, bytes):
            attachments.append(
                ParsedAttachment(
                    filename=(filename or "attachment").replace("/", "_").replace("\\", "_")[:200],
                    content_type=part.get_content_type(),
                    data=data,
                )
            )
    message_id = (_message_ids(_header(message, "Message-ID")) or [""])[0]
    if not message_id:  # a message without one is still recorded once: its fingerprint stands for it
        message_id = f"<sha256-{hashlib.sha256(raw).hexdigest()}@inbound.invalid>"
    try:
        date = parsedate_to_datetime(_header(message, "Date")) if message.get("Date") else None
    except (TypeError, ValueError):
        date = None
    if date is not None and timezone.is_naive(date):
        date = timezone.make_aware(date, timezone.get_fixed_timezone(0))
    return ParsedMail(
        message_id=message_id[:255],
        from_address=address.strip()[:254],
        from_name=name.strip()[:200],
        to_addresses=recipients,
        subject=_header(message, "Subject")[:300],
        text=text.replace("\r\n", "\n").strip(),
        from_html=from_html,
        in_reply_to=(_message_ids(_header(message, "In-Reply-To")) or [""])[0][:255],
        references=_message_ids(_header(message, "References")),
        date=date,
        attachments=attachments,
    )


#: Lines that begin the quoted earlier message, as Outlook, Gmail, Yandex, Mail.ru, Thunderbird, Apple Mail,
#: QQ Mail and Foxmail write them in English, Russian and Chinese.
_QUOTE_HEADERS = [
    re.compile(
        r"^\s*-{2,}\s*(original message|исходное сообщение|пересылаемое сообщение|原始邮件|原始郵件)\s*-{2,}",
        re.I,
    ),
    re.compile(r"^\s*_{10,}\s*$"),  # Outlook's rule above its header block
    re.compile(r"^\s*(from|от|发件人|寄件者)\s*[:：]\s*\S", re.I),
    re.compile(r"^\s*(on|в|在)\s.*(wrote|написал|написала|пишет|писал|写道)\s*[:：]?\s*$", re.I),
    re.compile(r"^.*<[^<>\s]+@[^<>\s]+>\s*[:：]\s*$"),  # "4 дек. 2026 г., в 10:00, Name <a@b>:"
    re.compile(r"^.*(wrote|написал|написала|пишет|写道)\s*[:：]\s*$", re.I),
]


def strip_quoted(text: str) -> str:
    """The text without the earlier message it quotes: cut at the first line that starts a quoted message, and
    without '>' lines."""
    lines = text.splitlines()
    cut = len(lines)
    for number, line in enumerate(lines):
        if number == 0 and not line.startswith(">"):
            continue  # the first line is the writer's own, even when it ends in a colon
        if any(pattern.match(line) for pattern in _QUOTE_HEADERS):
            cut = number
            break
    kept = [line for line in lines[:cut] if not line.lstrip().startswith(">")]
    return "\n".join(kept).strip()


# --- matching ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    content_type: ContentType | None
    object_id: int | None
    matched_by: str
    officer: Any
    sent: SentMail | None


_UNMATCHED = Match(None, None, InboundMatch.UNMATCHED, None, None)


def _thread_officer(content_type: ContentType, related: Any, officer_id: int | None) -> Any:
    from django.contrib.auth import get_user_model

    if officer_id:
        officer = get_user_model().objects.filter(pk=officer_id, is_active=True).first()
        if officer is not None:
            return officer
    thread = mail.thread_for(content_type.model_class())
    return thread.officer(related) if thread is not None else None


def _by_token(parsed: ParsedMail) -> Match | None:
    """The thread the reply address names; `_UNMATCHED` for a token that is not the platform's."""
    for address in parsed.to_addresses:
        token = mail.token_in_address(address)
        if token is None:
            continue
        target = mail.read_reply_token(token)
        if target is None:
            logger.warning("Inbound mail %s: a reply token that is not ours.", parsed.message_id)
            return _UNMATCHED
        content_type = ContentType.objects.filter(pk=target.content_type_id).first()
        model = content_type.model_class() if content_type is not None else None
        if content_type is None or mail.thread_for(model) is None or model is None:
            return _UNMATCHED
        related = model._default_manager.filter(pk=target.object_id).first()
        if related is None:
            return _UNMATCHED
        officer = _thread_officer(content_type, related, target.officer_id)
        return Match(content_type, target.object_id, InboundMatch.TOKEN, officer, None)
    return None


def _by_headers(parsed: ParsedMail) -> Match | None:
    ids = [parsed.in_reply_to] if parsed.in_reply_to else []
    ids += [value for value in reversed(parsed.references) if value not in ids]
    for message_id in ids:
        sent = SentMail.objects.filter(message_id=message_id, content_type__isnull=False).first()
        if sent is None or sent.content_type is None or sent.object_id is None:
            continue
        model = sent.content_type.model_class()
        if mail.thread_for(model) is None or model is None:
            continue
        related = model._default_manager.filter(pk=sent.object_id).first()
        if related is None:
            continue
        officer = _thread_officer(sent.content_type, related, sent.officer_id)
        return Match(sent.content_type, sent.object_id, InboundMatch.HEADER, officer, sent)
    return None


def match(parsed: ParsedMail) -> Match:
    return _by_token(parsed) or _by_headers(parsed) or _UNMATCHED


# --- recording --------------------------------------------------------------------------------------------


def _attachment_refusal(attachment: ParsedAttachment) -> str:
    upload = SimpleUploadedFile(attachment.filename, attachment.data, attachment.content_type)
    try:
        uploads.validate_upload(upload, ATTACHMENT_KINDS)
    except ValidationError as error:
        return " ".join(error.messages)[:300]
    return ""


@dataclass(frozen=True)
class Recorded:
    mail: InboundMail
    created: bool


def inbound_mail_record(*, raw: bytes, source: str) -> Recorded:
    """Record one raw message (see the module's docstring); the same Message-ID again returns the first record."""
    if source not in InboundSource.values:
        raise ValueError(f"unknown inbound mail source {source!r}")
    limit = settings.INBOUND_MAIL_MAX_SIZE
    if len(raw) > limit:
        raise InboundMailError(f"the message is {len(raw)} bytes, more than the limit of {limit}")
    parsed = parse_message(raw)
    existing = InboundMail.objects.filter(message_id=parsed.message_id).first()
    if existing is not None:
        return Recorded(existing, False)
    try:
        with transaction.atomic():
            recorded = _record(parsed, source=source)
    except IntegrityError:
        # The same message came in by another way at the same moment: the first record stands.
        existing = InboundMail.objects.filter(message_id=parsed.message_id).first()
        if existing is None:
            raise
        return Recorded(existing, False)
    return Recorded(recorded, True)


def _record(parsed: ParsedMail, *, source: str) -> InboundMail:
    found = match(parsed)
    with translation.override(settings.OFFICE_LANGUAGE):  # refusal reasons are read in the back office
        refusals = [_attachment_refusal(attachment) for attachment in parsed.attachments]
    record = InboundMail.objects.create(
        message_id=parsed.message_id,
        from_address=parsed.from_address,
        from_name=parsed.from_name,
        to_address=", ".join(parsed.to_addresses)[:600],
        subject=parsed.subject,
        text=parsed.text,
        short_text=strip_quoted(parsed.text),
        from_html=parsed.from_html,
        in_reply_to=parsed.in_reply_to,
        references=" ".join(parsed.references),
        date=parsed.date,
        received_at=timezone.now(),
        source=source,
        content_type=found.content_type,
        object_id=found.object_id,
        matched_by=found.matched_by,
        officer=found.officer,
        in_reply_to_sent=found.sent,
    )
    for attachment, refused in zip(parsed.attachments, refusals, strict=True):
        stored = InboundAttachment(
            mail=record,
            filename=attachment.filename,
            content_type=attachment.content_type[:100],
            size=len(attachment.data),
            refused=refused,
        )
        if not refused:
            stored.sha256 = hashlib.sha256(attachment.data).hexdigest()
            suffix = Path(attachment.filename).suffix.lower()[:10]
            stored.file.save(f"{stored.sha256}{suffix}", ContentFile(attachment.data), save=False)
        stored.save()
    if found.officer is not None:
        record_id = record.pk
        transaction.on_commit(lambda: notify_officer(mail_id=record_id))
    return record


def notify_officer(*, mail_id: int) -> None:
    """Tell the officer of a recorded reply, in their language, with a link to the conversation."""
    record = InboundMail.objects.select_related("officer", "content_type").get(pk=mail_id)
    officer = record.officer
    if officer is None or not officer.email:
        return
    related = record.related
    thread = mail.thread_for(type(related)) if related is not None else None
    language = mail.language_of(officer.language)
    url = ""
    if thread is not None and related is not None:
        url = absolute_url(thread.url_name, language=language, args=[related.pk])
    with translation.override(language):
        subject = _("Reply from %(sender)s: %(subject)s") % {
            "sender": record.from_name or record.from_address,
            "subject": record.subject,
        }
        body = mail.render(
            "core/email/reply_received.txt",
            {"mail": record, "related": related, "url": url, "attachments": list(record.attachments.all())},
            language=language,
            time_zone=getattr(officer, "time_zone", ""),
        )
    mail.send_mail(
        to=officer.email,
        subject=subject,
        body=body,
        language=language,
        kind="reply_received",
        related=related,
    )


@transaction.atomic
def inbound_mail_assign(*, user: Any, mail_id: int, related: Any) -> InboundMail:
    """An officer assigns an unmatched mail to a conversation (an inquiry, a lead)."""
    require_role(user, Role.OFFICER, Role.ADMIN)
    if mail.thread_for(type(related)) is None:
        raise PermissionDenied("not a conversation")
    record = InboundMail.objects.select_for_update().get(pk=mail_id)
    if record.matched_by != InboundMatch.UNMATCHED:
        raise ValidationError(_("This mail is already recorded on a conversation."))
    record.content_type = ContentType.objects.get_for_model(related)
    record.object_id = related.pk
    record.matched_by = InboundMatch.OFFICER
    record.officer = user
    record.save(update_fields=["content_type", "object_id", "matched_by", "officer"])
    return record


# --- the ways in: a folder, an IMAP mailbox ---------------------------------------------------------------


@dataclass
class FolderResult:
    processed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def _move(path: Path, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / path.name
    counter = 1
    while target.exists():
        target = directory / f"{path.stem}-{counter}{path.suffix}"
        counter += 1
    shutil.move(str(path), target)
    return target


def inbound_folder_process(*, directory: Path | None = None) -> FolderResult:
    """Record every `*.eml` file of the inbound folder: recorded ones move to `processed/`, refused ones to
    `failed/` with a `<name>.reason.txt` beside them. The folders are made when missing, so that the inbox is
    there to drop files into."""
    inbox = Path(directory or settings.INBOUND_MAIL_DIR)
    result = FolderResult()
    inbox.mkdir(parents=True, exist_ok=True)
    for path in sorted(inbox.glob("*.eml")):
        try:
            inbound_mail_record(raw=path.read_bytes(), source=InboundSource.FOLDER)
        except (InboundMailError, ValidationError, UnicodeError, LookupError) as error:
            moved = _move(path, inbox / "failed")
            moved.with_name(f"{moved.name}.reason.txt").write_text(f"{error}\n", encoding="utf-8")
            result.failed.append(path.name)
            logger.warning("Inbound mail %s refused: %s", path.name, error)
            continue
        _move(path, inbox / "processed")
        result.processed.append(path.name)
    return result


@dataclass
class ImapResult:
    recorded: int = 0
    failed: int = 0


def _imap_connect() -> imaplib.IMAP4:
    host, port = settings.INBOUND_IMAP_HOST, settings.INBOUND_IMAP_PORT
    if settings.INBOUND_IMAP_SSL:
        return imaplib.IMAP4_SSL(host, port, timeout=60)
    return imaplib.IMAP4(host, port, timeout=60)


def imap_poll() -> ImapResult:
    """Read the unseen messages of the IMAP folder, record each, and mark it seen (a refused one also flagged,
    so that someone looks at it in a mail client). Nothing happens without `INBOUND_IMAP_HOST`."""
    result = ImapResult()
    if not settings.INBOUND_IMAP_HOST:
        return result
    connection = _imap_connect()
    try:
        connection.login(settings.INBOUND_IMAP_USER, settings.INBOUND_IMAP_PASSWORD)
        status, _data = connection.select(settings.INBOUND_IMAP_FOLDER)
        if status != "OK":
            raise imaplib.IMAP4.error(f"cannot select {settings.INBOUND_IMAP_FOLDER!r}")
        _status, found = connection.uid("SEARCH", "UNSEEN")
        for uid in [value.decode() for value in (found[0] or b"").split()]:
            _status, fetched = connection.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next((item[1] for item in fetched if isinstance(item, tuple)), None)
            flags = r"(\Seen)"
            try:
                if raw is None:
                    raise InboundMailError("the server returned no message")
                inbound_mail_record(raw=raw, source=InboundSource.IMAP)
                result.recorded += 1
            except (InboundMailError, ValidationError, UnicodeError, LookupError) as error:
                logger.warning("Inbound IMAP message %s refused: %s", uid, error)
                flags = r"(\Seen \Flagged)"
                result.failed += 1
            connection.uid("STORE", uid, "+FLAGS", flags)
        connection.close()
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            connection.logout()
    return result
