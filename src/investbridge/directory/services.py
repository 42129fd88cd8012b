"""Directory: creating, matching, updating and merging organizations and people.

Other domains (events registration, pipeline inquiries) reach the directory through
`organization_match_or_create` and `person_match_or_create`; officers' pages, the import and the demo use the
other verbs. `actor` is the user who acts: officers and administrators may write; `None` means the system itself
(the command line, the demo, another domain's service that has checked its own permissions).
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from investbridge.core import db, limits
from investbridge.core.i18n import country_name
from investbridge.core.names import normalize_display_name
from investbridge.core.permissions import require_role
from investbridge.core.roles import Role
from investbridge.directory import names as reader_names
from investbridge.directory import validators
from investbridge.directory.models import Membership, Organization, OrganizationKind, Person, Sector

#: The content languages as field suffixes: name_ru, name_zh_hans, name_en.
LANGUAGE_SUFFIXES = {"ru": "ru", "zh-hans": "zh_hans", "en": "en"}

#: Legal forms that do not tell two organizations apart ("ООО «Ромашка»" is "Romashka LLC").
_LEGAL_FORM_WORDS = frozenset(
    [
        "ооо",
        "оао",
        "зао",
        "пао",
        "ао",
        "нао",
        "нко",
        "ано",
        "ип",
        "фгуп",
        "гуп",
        "муп",
        "ук",
        "тоо",
        "llc",
        "ltd",
        "limited",
        "inc",
        "jsc",
        "pjsc",
        "cjsc",
        "ojsc",
        "co",
        "corp",
        "corporation",
        "company",
        "gmbh",
        "plc",
        "sa",
        "ag",
    ]
)
_LEGAL_FORM_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司")
_NON_WORD = re.compile(r"[\W_]+")


class DuplicateError(ValidationError):
    """A record with the same name or e-mail exists; `existing` is offered instead of creating another."""

    def __init__(self, message: str, *, existing: Any, field_name: str = "__all__") -> None:
        super().__init__({field_name: [ValidationError(message, code="duplicate")]})
        self.existing = existing


@dataclass
class MergeResult:
    """What a merge moved: {"<app>.<model>.<field>": rows moved}; rows left on the merged record on conflicts."""

    target: Any
    moved: dict[str, int] = field(default_factory=dict)
    left: dict[str, int] = field(default_factory=dict)


# --- normalization -------------------------------------------------------------------------------


def normalize_email(email: str) -> str:
    """Case and surrounding spaces do not make two e-mail addresses different."""
    return unicodedata.normalize("NFKC", email or "").strip().lower()


def normalize_name(name: str) -> str:
    """Case, spacing, quotes and punctuation do not make two names different (ё is е)."""
    text = unicodedata.normalize("NFKC", name or "").casefold().replace("ё", "е")
    return " ".join(_NON_WORD.sub(" ", text).split())


def name_key(name: str) -> str:
    """`normalize_name` without legal forms: "ООО «Ромашка»", "Ромашка" and "ромашка, ООО" share a key."""
    normalized = normalize_name(name)
    words = [word for word in normalized.split(" ") if word not in _LEGAL_FORM_WORDS]
    key = " ".join(words)
    for suffix in _LEGAL_FORM_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)].strip()
            break
    return key or normalized


def organization_names(organization: Organization) -> dict[str, str]:
    """{"ru": …, "zh-hans": …, "en": …} as stored (empty strings for missing versions)."""
    return {
        language: getattr(organization, f"name_{suffix}", "") or ""
        for language, suffix in LANGUAGE_SUFFIXES.items()
    }


def organization_name_keys(names: Iterable[str]) -> str:
    keys = {normalize_name(name) for name in names if normalize_name(name)}
    keys |= {name_key(name) for name in names if name_key(name)}
    return "|" + "|".join(sorted(keys)) + "|" if keys else ""


def person_search_text(*, full_name: str, name_latin: str, email: str) -> str:
    return " | ".join(part for part in (normalize_name(full_name), normalize_name(name_latin), email) if part)


def _check_actor(actor: Any) -> None:
    if actor is not None:
        require_role(actor, Role.OFFICER, Role.ADMIN)


# --- organizations --------------------------------------------------------------------------------


def organization_find_by_name(*, name: str, exclude_id: int | None = None) -> Organization | None:
    """An organization (not merged away) whose name in any language has the same key as `name`."""
    found = organization_duplicates(names=[name], exclude_id=exclude_id)
    return found[0] if found else None


def organization_link_by_name(*, name: str) -> Organization | None:
    """`organization_find_by_name` for another domain that only links to the organization: only its key and
    names are loaded (a lighter read, e.g. before a registration's write transaction)."""
    found = _organizations_by_names(names=[name], exclude_id=None, only=("pk", *_NAME_FIELDS))
    return found[0] if found else None


def organization_duplicates(*, names: Iterable[str], exclude_id: int | None = None) -> list[Organization]:
    """Organizations (not merged away) sharing a name key with any of `names`, oldest first."""
    return _organizations_by_names(names=names, exclude_id=exclude_id, only=())


#: The per-language name fields (name_ru, name_zh_hans, name_en).
_NAME_FIELDS = tuple(f"name_{suffix}" for suffix in LANGUAGE_SUFFIXES.values())


def _organizations_by_names(
    *, names: Iterable[str], exclude_id: int | None, only: tuple[str, ...]
) -> list[Organization]:
    keys = {name_key(name) for name in names if name_key(name)}
    if not keys:
        return []
    query = models.Q()
    for key in keys:
        query |= models.Q(name_keys__contains=f"|{key}|")
    candidates = Organization.objects.filter(query, merged_into__isnull=True).order_by("pk")
    if only:
        candidates = candidates.only(*only)
    if exclude_id is not None:
        candidates = candidates.exclude(pk=exclude_id)
    # `contains` found the key between separators; confirm on the names themselves.
    return [
        organization
        for organization in candidates
        if keys & {name_key(name) for name in organization_names(organization).values() if name}
    ]


def _refresh_name_keys(organization: Organization) -> None:
    organization.name_keys = organization_name_keys(organization_names(organization).values())
    _refresh_sort_keys(organization)


def _refresh_sort_keys(record: Organization | Person) -> None:
    """The sort key of the name each reader sees (pinyin for Chinese readers, Cyrillic first for Russian ones)."""
    keys = (
        reader_names.organization_sort_keys(record)
        if isinstance(record, Organization)
        else reader_names.person_sort_keys(record)
    )
    for field_name, key in keys.items():
        setattr(record, field_name, key)


def organization_match_or_create(
    *, name: str, country: str, language: str, kind: str = OrganizationKind.COMPANY
) -> Organization:
    """The organization with this name in any language, or a new one named in `language`.

    Safe under concurrency: two simultaneous calls with the same new name create one organization. Called inside
    a caller's transaction it adds no savepoint of its own: a database error fails the caller's transaction.
    """
    name = normalize_display_name(name)
    if not name:
        raise ValidationError({"name": [_("Enter the organization's name.")]})
    with transaction.atomic(savepoint=False):
        db.serialize_on(f"organization:{name_key(name)}")
        existing = organization_find_by_name(name=name)
        if existing is not None:
            return existing
        suffix = LANGUAGE_SUFFIXES.get(language.lower(), LANGUAGE_SUFFIXES.get(settings.LANGUAGE_CODE, "ru"))
        organization = Organization(kind=kind, country=(country or "").strip().upper()[:2])
        setattr(organization, f"name_{suffix}", name)
        _refresh_name_keys(organization)
        organization.save()
        return organization


def organization_clean(data: Mapping[str, Any]) -> dict[str, Any]:
    """Validate and normalize organization fields (no writes); a ValidationError names each wrong field."""
    errors: dict[str, list[ValidationError]] = {}
    cleaned: dict[str, Any] = {}

    def run(name: str, function: Any, *args: Any) -> None:
        try:
            cleaned[name] = function(*args)
        except ValidationError as error:
            errors.setdefault(name, []).extend(error.error_list)

    for suffix in LANGUAGE_SUFFIXES.values():
        cleaned[f"name_{suffix}"] = normalize_display_name(str(data.get(f"name_{suffix}") or ""))
        cleaned[f"description_{suffix}"] = str(data.get(f"description_{suffix}") or "").strip()
    if not any(cleaned[f"name_{suffix}"] for suffix in LANGUAGE_SUFFIXES.values()):
        errors.setdefault("name_ru", []).append(
            ValidationError(_("Enter the name in at least one language."), code="required")
        )
    kind = data.get("kind") or OrganizationKind.COMPANY
    if kind not in OrganizationKind.values:
        errors.setdefault("kind", []).append(
            ValidationError(_("Choose a kind from the list."), code="invalid")
        )
    cleaned["kind"] = kind
    run("country", validators.clean_country, str(data.get("country") or ""))
    cleaned["city"] = str(data.get("city") or "").strip()
    website = str(data.get("website") or "").strip()
    if website and "://" not in website:
        website = f"https://{website}"
    if website:
        from django.core.validators import URLValidator

        try:
            URLValidator()(website)
        except ValidationError:
            errors.setdefault("website", []).append(
                ValidationError(_("“%(value)s” is not a web address.") % {"value": website}, code="invalid")
            )
    cleaned["website"] = website
    run("uscc", validators.clean_uscc, str(data.get("uscc") or ""))
    run("inn", validators.clean_inn, str(data.get("inn") or ""))
    run("ogrn", validators.clean_ogrn, str(data.get("ogrn") or ""))
    codes = [str(code).strip().upper() for code in (data.get("sectors") or []) if str(code).strip()]
    known = set(Sector.objects.filter(code__in=codes).values_list("code", flat=True))
    unknown = [code for code in codes if code not in known]
    if unknown:
        errors.setdefault("sectors", []).append(
            ValidationError(
                _("Unknown ISIC section(s): %(codes)s. Use the letters A to U.")
                % {"codes": ", ".join(unknown)},
                code="invalid",
            )
        )
    cleaned["sectors"] = sorted(set(codes))
    cleaned["is_partner"] = bool(data.get("is_partner", False))
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check_unique_codes(cleaned: Mapping[str, Any], exclude_id: int | None) -> None:
    errors: dict[str, list[ValidationError]] = {}
    for code_field, label in (("inn", _("INN")), ("uscc", _("Unified Social Credit Code"))):
        value = cleaned.get(code_field)
        if not value:
            continue
        clashes = Organization.objects.filter(**{code_field: value})
        if exclude_id is not None:
            clashes = clashes.exclude(pk=exclude_id)
        clash = clashes.first()
        if clash is not None:
            errors[code_field] = [
                ValidationError(
                    _("%(label)s %(value)s already belongs to “%(name)s”.")
                    % {"label": label, "value": value, "name": clash.name},
                    code="duplicate",
                )
            ]
    if errors:
        raise ValidationError(errors)


def _duplicate_name_error(duplicates: list[Organization]) -> DuplicateError:
    existing = duplicates[0]
    return DuplicateError(
        _(
            "An organization with this name already exists: “%(name)s” (%(country)s). Open it instead, "
            "or confirm that this is a different organization."
        )
        % {"name": existing.name, "country": country_name(existing.country)},
        existing=existing,
    )


def _apply_organization(organization: Organization, cleaned: Mapping[str, Any]) -> None:
    for key, value in cleaned.items():
        if key != "sectors":
            setattr(organization, key, value)
    # Only the per-language fields are written: assigning `name` itself would overwrite the version in
    # whichever language happens to be active (django-modeltranslation).
    organization.name_keys = organization_name_keys(
        [cleaned[f"name_{suffix}"] for suffix in LANGUAGE_SUFFIXES.values()]
    )
    _refresh_sort_keys(organization)


@transaction.atomic
def organization_create(
    *, actor: Any, data: Mapping[str, Any], confirm_duplicate: bool = False, is_demo: bool = False
) -> Organization:
    """Create an organization from `data` (kind, name_ru, name_zh_hans, name_en, description_*, country, city,
    sectors [ISIC letters], website, uscc, inn, ogrn, is_partner).

    The same name in any language as an existing organization raises DuplicateError (offering that
    organization) unless the officer confirms with `confirm_duplicate=True`.
    """
    _check_actor(actor)
    cleaned = organization_clean(data)
    names = [cleaned[f"name_{suffix}"] for suffix in LANGUAGE_SUFFIXES.values() if cleaned[f"name_{suffix}"]]
    for key in sorted({name_key(name) for name in names}):
        db.serialize_on(f"organization:{key}")
    _check_unique_codes(cleaned, exclude_id=None)
    duplicates = organization_duplicates(names=names)
    if duplicates and not confirm_duplicate:
        raise _duplicate_name_error(duplicates)
    organization = Organization(is_demo=is_demo)
    _apply_organization(organization, cleaned)
    organization.save()
    organization.sectors.set(cleaned["sectors"])
    return organization


@transaction.atomic
def organization_update(
    *, actor: Any, organization: Organization, data: Mapping[str, Any], confirm_duplicate: bool = False
) -> Organization:
    """Change an organization; the same checks as `organization_create`, ignoring the organization itself."""
    _check_actor(actor)
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    cleaned = organization_clean(data)
    names = [cleaned[f"name_{suffix}"] for suffix in LANGUAGE_SUFFIXES.values() if cleaned[f"name_{suffix}"]]
    for key in sorted({name_key(name) for name in names}):
        db.serialize_on(f"organization:{key}")
    _check_unique_codes(cleaned, exclude_id=organization.pk)
    old_keys = {name_key(name) for name in organization_names(organization).values() if name}
    new_names = [name for name in names if name_key(name) not in old_keys]
    duplicates = organization_duplicates(names=new_names, exclude_id=organization.pk) if new_names else []
    if duplicates and not confirm_duplicate:
        raise _duplicate_name_error(duplicates)
    _apply_organization(organization, cleaned)
    organization.save()
    organization.sectors.set(cleaned["sectors"])
    return organization


# --- people ---------------------------------------------------------------------------------------


def person_find_by_email(*, email: str) -> Person | None:
    normalized = normalize_email(email)
    if not normalized:
        return None
    return Person.objects.filter(email_normalized=normalized, merged_into__isnull=True).first()


def person_email_known(*, email: str) -> bool:
    """Whether a person (not merged away) has this e-mail, normalized: one indexed look-up, no row loaded."""
    normalized = normalize_email(email)
    return bool(normalized) and (
        Person.objects.filter(email_normalized=normalized, merged_into__isnull=True).exists()
    )


def person_match_or_create(
    *,
    full_name: str,
    email: str,
    organization: Organization | None = None,
    position: str = "",
    country: str = "",
    preferred_language: str = "",
    name_latin: str = "",
    consent: bool = False,
    consent_source: str = "",
    absent: bool = False,
    insert_first: bool = False,
    confirm_by_mail: bool = False,
) -> Person:
    """The person with this e-mail (normalized), or a new one; adds the membership and any new consent.

    Safe under concurrency: two simultaneous registrations with the same e-mail make one person. One indexed
    look-up by the normalized e-mail; a new person gets the membership without looking for one. `absent=True`
    says the caller has just found no one with this e-mail (`person_email_known`, before its transaction): the
    person is then inserted without a look-up, and if a concurrent insert got there first the unique constraint's
    IntegrityError reaches the caller, whose transaction is rolled back, to look again. `insert_first=True` is for
    a caller that expects a new person most of the time (a registration) and has not looked: the insert is tried
    first, in a savepoint, and if the e-mail is taken the savepoint is rolled back and the existing person locked
    (no look-up before the insert, none at all for a new person).
    Called inside a caller's transaction it adds no savepoint of its own (only around an insert it recovers from).

    `confirm_by_mail=True` is for public submissions (a registration, an inquiry), where anyone may type anyone's
    e-mail: a person created now gets the consent and membership as before, but a person who already exists is
    changed only by themselves. Their new consent or membership is not applied; it travels in a signed link mailed
    to their address (`person_change_propose`), and only opening that link applies it (double opt-in).
    """
    normalized = normalize_email(email)
    if not normalized:
        raise ValidationError({"email": [_("Enter an e-mail address.")]})
    full_name, name_latin = normalize_display_name(full_name), normalize_display_name(name_latin)
    with transaction.atomic(savepoint=False):
        if not insert_first:
            # An insert tried first needs no lock: the unique e-mail constraint makes a concurrent insert of the
            # same e-mail wait for this transaction and then fail, and that one is recovered from.
            db.serialize_on(f"person:{normalized}")
        person = None
        if not absent and not insert_first:
            person = (
                Person.objects.select_for_update()
                .filter(email_normalized=normalized, merged_into__isnull=True)
                .first()
            )
        created = False
        if person is None:
            person, created = _person_insert(
                full_name=full_name,
                name_latin=name_latin,
                email=email,
                normalized=normalized,
                country=country,
                preferred_language=preferred_language,
                recover=not absent,
            )
        if confirm_by_mail and not created:
            person_change_propose(
                person=person,
                consent=consent,
                consent_source=consent_source,
                organization=organization,
                position=position,
            )
            return person
        if consent and not person.consent_to_contact:
            person.consent_to_contact = True
            person.consent_at = timezone.now()
            person.consent_source = consent_source
            person.save(update_fields=["consent_to_contact", "consent_at", "consent_source", "updated_at"])
        if organization is not None:
            if created:
                # A person inserted just now has no membership yet.
                Membership.objects.create(person=person, organization=organization, position=position)
            else:
                Membership.objects.get_or_create(
                    person=person, organization=organization, defaults={"position": position}
                )
        return person


# --- changes a person confirms by e-mail (double opt-in) ---------------------------------------------

#: How long a link that confirms a change to a person's record stays valid.
PERSON_CHANGE_MAX_AGE = timedelta(days=7)
_PERSON_CHANGE_SALT = "investbridge.directory.person-change"
#: How many merges a link follows from the person (or organization) it was made for.
_MERGE_HOPS = 10


class PersonChangeLinkError(ValidationError):
    """A confirmation link that cannot be used: tampered with (`invalid`), too old (`expired`), or no longer
    matching the person's record (`stale`); nothing is changed."""


@dataclass(frozen=True)
class PersonChange:
    """A change to a person's record proposed by a public submission, as carried by its signed link."""

    person: Person
    consent: bool
    consent_source: str
    organization: Organization | None
    position: str

    @property
    def consent_pending(self) -> bool:
        return self.consent and not self.person.consent_to_contact

    @property
    def membership_pending(self) -> bool:
        return (
            self.organization is not None
            and not Membership.objects.filter(person=self.person, organization=self.organization).exists()
        )


def person_change_propose(
    *,
    person: Person,
    consent: bool,
    consent_source: str = "",
    organization: Organization | None = None,
    position: str = "",
) -> str | None:
    """Mail `person` a link that applies the consent and membership a public submission asked for, where they
    differ from the record (nothing is mailed when nothing would change): the signed link, or None.

    The change is not stored: it travels in the link, signed with the site's secret key (`django.core.signing`),
    so it cannot be altered, expires after `PERSON_CHANGE_MAX_AGE`, and applying it twice changes nothing more.
    The mail is queued in the caller's transaction (it leaves only if that commits), in the person's language.
    """
    wants_consent = consent and not person.consent_to_contact
    wants_membership = (
        organization is not None
        and not Membership.objects.filter(person=person, organization=organization).exists()
    )
    if not (wants_consent or wants_membership):
        return None
    payload = {
        "p": person.pk,
        "e": person.email_normalized,
        "c": wants_consent,
        "s": consent_source[:150] if wants_consent else "",
        "o": organization.pk if wants_membership and organization is not None else None,
        "r": " ".join(position.split())[:200] if wants_membership else "",
    }
    token = signing.dumps(payload, salt=_PERSON_CHANGE_SALT, compress=True)
    from investbridge.directory.emails import queue_person_change_mail  # local: emails imports this module

    if not limits.mail_is_held_back(person.email):  # a public door's cap on mails to this address is reached
        queue_person_change_mail(person_id=person.pk, token=token)
    return token


def _follow_merges(model: type[models.Model], pk: Any) -> Any:
    """The record with this key, or the one it was merged into (None when there is none)."""
    record = model._default_manager.filter(pk=pk).first()
    for _hop in range(_MERGE_HOPS):
        if record is None or record.merged_into_id is None:  # type: ignore[attr-defined]
            return record
        record = model._default_manager.filter(pk=record.merged_into_id).first()  # type: ignore[attr-defined]
    return None


def person_change_read(*, token: str, lock: bool = False) -> PersonChange:
    """The change a confirmation link carries; PersonChangeLinkError when the link was altered, has expired or
    no longer matches the person (their record merged away without a successor, or its e-mail changed)."""
    try:
        payload = signing.loads(token, salt=_PERSON_CHANGE_SALT, max_age=PERSON_CHANGE_MAX_AGE)
    except signing.SignatureExpired as error:
        raise PersonChangeLinkError(
            _(
                "This confirmation link has expired. Nothing has been changed; send the form again to get a new link."
            ),
            code="expired",
        ) from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise PersonChangeLinkError(
            _("This confirmation link is not valid. Open it exactly as it is in the e-mail."), code="invalid"
        ) from error
    stale = PersonChangeLinkError(
        _("This confirmation link no longer matches a record in our directory. Nothing has been changed."),
        code="stale",
    )
    if not isinstance(payload, dict):
        raise stale
    person = _follow_merges(Person, payload.get("p"))
    if person is None or not person.email_normalized or person.email_normalized != payload.get("e"):
        raise stale
    if lock:
        person = Person.objects.select_for_update().get(pk=person.pk)
    organization = _follow_merges(Organization, payload["o"]) if payload.get("o") else None
    return PersonChange(
        person=person,
        consent=bool(payload.get("c")),
        consent_source=str(payload.get("s") or ""),
        organization=organization,
        position=str(payload.get("r") or ""),
    )


@transaction.atomic
def person_change_apply(*, token: str) -> PersonChange:
    """Apply what a confirmation link carries (its holder has shown they read the person's mail): the consent to be
    contacted and the membership, each only if still missing, so applying it again changes nothing."""
    change = person_change_read(token=token, lock=True)
    person = change.person
    if change.consent_pending:
        person.consent_to_contact = True
        person.consent_at = timezone.now()
        person.consent_source = f"{change.consent_source} (confirmed by e-mail)"[:200]
        person.save(update_fields=["consent_to_contact", "consent_at", "consent_source", "updated_at"])
    if change.organization is not None:
        Membership.objects.get_or_create(
            person=person, organization=change.organization, defaults={"position": change.position}
        )
    return change


def _person_insert(
    *,
    full_name: str,
    name_latin: str,
    email: str,
    normalized: str,
    country: str,
    preferred_language: str,
    recover: bool,
) -> tuple[Person, bool]:
    """Insert the person with this (normalized) e-mail: (person, True); with `recover`, (the one another
    transaction has just inserted, False) when the insert collides, otherwise the IntegrityError."""
    language = preferred_language if preferred_language in settings.LANGUAGE_CODES else settings.LANGUAGE_CODE
    candidate = Person(
        full_name=" ".join(full_name.split()),
        name_latin=" ".join(name_latin.split()),
        email=email.strip(),
        email_normalized=normalized,
        country=(country or "").strip().upper()[:2],
        preferred_language=language,
    )
    candidate.search_text = person_search_text(
        full_name=candidate.full_name, name_latin=candidate.name_latin, email=normalized
    )
    _refresh_sort_keys(candidate)
    if not recover:
        candidate.save()
        return candidate, True
    try:
        with transaction.atomic():
            candidate.save()
    except IntegrityError:
        # Another transaction created this person since the look-up.
        return (
            Person.objects.select_for_update().get(email_normalized=normalized, merged_into__isnull=True),
            False,
        )
    return candidate, True


def person_clean(data: Mapping[str, Any]) -> dict[str, Any]:
    """Validate and normalize a person's fields (no writes); a ValidationError names each wrong field."""
    errors: dict[str, list[ValidationError]] = {}
    cleaned: dict[str, Any] = {}
    cleaned["full_name"] = normalize_display_name(str(data.get("full_name") or ""))
    if not cleaned["full_name"]:
        errors["full_name"] = [ValidationError(_("Enter the person's name as written."), code="required")]
    cleaned["name_latin"] = normalize_display_name(str(data.get("name_latin") or ""))
    for suffix in LANGUAGE_SUFFIXES.values():
        # The name stored for each reader's language (only when given: an update without them keeps them).
        if f"name_{suffix}" in data:
            cleaned[f"name_{suffix}"] = normalize_display_name(str(data.get(f"name_{suffix}") or ""))
    email = str(data.get("email") or "").strip()
    if email:
        from django.core.validators import validate_email

        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [
                ValidationError(_("“%(value)s” is not an e-mail address.") % {"value": email}, code="invalid")
            ]
    cleaned["email"] = email
    country = str(data.get("country") or "").strip()
    cleaned["country"] = ""
    if country:
        try:
            cleaned["country"] = validators.clean_country(country)
        except ValidationError as error:
            errors["country"] = error.error_list
    try:
        cleaned["phone"] = validators.clean_phone(str(data.get("phone") or ""), country=cleaned["country"])
    except ValidationError as error:
        errors["phone"] = error.error_list
    try:
        cleaned["languages"] = validators.clean_languages(data.get("languages") or [])
    except ValidationError as error:
        errors["languages"] = error.error_list
    language = data.get("preferred_language") or settings.LANGUAGE_CODE
    if language not in settings.LANGUAGE_CODES:
        errors["preferred_language"] = [
            ValidationError(_("Choose one of the offered languages."), code="invalid")
        ]
    cleaned["preferred_language"] = language
    cleaned["consent_to_contact"] = bool(data.get("consent_to_contact", False))
    cleaned["consent_source"] = str(data.get("consent_source") or "").strip()
    consent_at = data.get("consent_at")
    if isinstance(consent_at, datetime) and timezone.is_aware(consent_at):
        cleaned["consent_at"] = consent_at  # when the consent was given elsewhere (import, registration form)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _apply_person(person: Person, cleaned: Mapping[str, Any]) -> None:
    consent = cleaned["consent_to_contact"]
    if consent and not person.consent_to_contact:
        person.consent_at = cleaned.get("consent_at") or timezone.now()
    if not consent:
        person.consent_at = None
    for key, value in cleaned.items():
        if key == "consent_at":
            continue
        setattr(person, key, value)
    if not consent:
        person.consent_source = ""
    person.email_normalized = normalize_email(person.email)
    person.search_text = person_search_text(
        full_name=person.full_name, name_latin=person.name_latin, email=person.email_normalized
    )
    _refresh_sort_keys(person)


def _duplicate_email_error(existing: Person) -> DuplicateError:
    return DuplicateError(
        _("This e-mail address already belongs to %(name)s. Open that person instead.")
        % {"name": existing.full_name},
        existing=existing,
        field_name="email",
    )


@transaction.atomic
def person_create(
    *,
    actor: Any,
    data: Mapping[str, Any],
    organization: Organization | None = None,
    position: str = "",
    is_demo: bool = False,
) -> Person:
    """Create a person from `data` (full_name, name_latin, email, phone, country, languages,
    preferred_language, consent_to_contact, consent_source); an e-mail already in the directory
    (normalized) raises DuplicateError offering that person."""
    _check_actor(actor)
    cleaned = person_clean(data)
    normalized = normalize_email(cleaned["email"])
    if normalized:
        db.serialize_on(f"person:{normalized}")
        existing = person_find_by_email(email=normalized)
        if existing is not None:
            raise _duplicate_email_error(existing)
    person = Person(is_demo=is_demo)
    _apply_person(person, cleaned)
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError as error:
        existing = person_find_by_email(email=normalized)
        if existing is None:
            raise
        raise _duplicate_email_error(existing) from error
    if organization is not None:
        Membership.objects.create(person=person, organization=organization, position=position.strip())
    return person


@transaction.atomic
def person_update(*, actor: Any, person: Person, data: Mapping[str, Any]) -> Person:
    _check_actor(actor)
    person = Person.objects.select_for_update().get(pk=person.pk)
    cleaned = person_clean(data)
    normalized = normalize_email(cleaned["email"])
    if normalized and normalized != person.email_normalized:
        db.serialize_on(f"person:{normalized}")
        existing = person_find_by_email(email=normalized)
        if existing is not None and existing.pk != person.pk:
            raise _duplicate_email_error(existing)
    _apply_person(person, cleaned)
    person.save()
    return person


@transaction.atomic
def membership_set(
    *, actor: Any, person: Person, organization: Organization, position: str = "", is_primary: bool = True
) -> Membership:
    """Add the person to the organization, or change their position there."""
    _check_actor(actor)
    membership, _created = Membership.objects.update_or_create(
        person=person,
        organization=organization,
        defaults={"position": position.strip(), "is_primary": is_primary},
    )
    return membership


@transaction.atomic
def membership_remove(*, actor: Any, membership: Membership) -> None:
    _check_actor(actor)
    membership.delete()


# --- merging --------------------------------------------------------------------------------------


def _move_related(source: models.Model, target: models.Model, result: MergeResult) -> None:
    """Point every row that refers to `source` at `target`, for every model (including later domains')."""
    for relation in source._meta.related_objects:
        related_model = relation.related_model
        label = f"{related_model._meta.label}.{relation.field.name}"
        if relation.many_to_many:
            through = getattr(relation, "through", None)
            if through is not None and not through._meta.auto_created:
                continue  # an explicit through model's own foreign key is moved below as a row
            accessor = relation.get_accessor_name()
            if accessor is None:
                continue
            rows = list(getattr(source, accessor).all())
            if rows:
                getattr(target, accessor).add(*rows)
                getattr(source, accessor).clear()
                result.moved[label] = len(rows)
            continue
        if relation.field.name == "merged_into" and related_model is type(source):
            # Records merged earlier into `source` now point at `target` directly.
            count = related_model._base_manager.filter(merged_into=source).update(merged_into=target)
            if count:
                result.moved[label] = count
            continue
        manager = related_model._base_manager
        for row in manager.filter(**{relation.field.name: source}):
            try:
                with transaction.atomic():
                    manager.filter(pk=row.pk).update(**{relation.field.name: target})
                result.moved[label] = result.moved.get(label, 0) + 1
            except IntegrityError:
                # The target already has an equivalent row (a unique constraint); keep it on the merged record.
                result.left[label] = result.left.get(label, 0) + 1


def _merge_memberships(*, source_filter: dict[str, Any], target_filter: dict[str, Any], other: str) -> None:
    """Where both records have a membership with the same counterpart, keep the target's and fill its gaps."""
    target_rows = {getattr(row, f"{other}_id"): row for row in Membership.objects.filter(**target_filter)}
    for row in Membership.objects.filter(**source_filter):
        twin = target_rows.get(getattr(row, f"{other}_id"))
        if twin is None:
            continue
        if not twin.position and row.position:
            twin.position = row.position
            twin.save(update_fields=["position", "updated_at"])
        row.delete()


@transaction.atomic
def organization_merge(*, actor: Any, source: Organization, target: Organization) -> MergeResult:
    """Merge `source` into `target`: members, users and every row of any domain that points at `source` move
    to `target`; missing names, codes and sectors are copied; `source` stays, marked `merged_into`."""
    _check_actor(actor)
    if source.pk == target.pk:
        raise ValidationError(_("An organization cannot be merged into itself."))
    locked = {o.pk: o for o in Organization.objects.select_for_update().filter(pk__in=[source.pk, target.pk])}
    source, target = locked[source.pk], locked[target.pk]
    if source.merged_into_id is not None or target.merged_into_id is not None:
        raise ValidationError(_("This organization has already been merged into another one."))
    result = MergeResult(target=target)
    _merge_memberships(
        source_filter={"organization": source}, target_filter={"organization": target}, other="person"
    )
    _move_related(source, target, result)
    target.sectors.add(*source.sectors.all())
    for suffix in LANGUAGE_SUFFIXES.values():
        for base in ("name", "description"):
            if not getattr(target, f"{base}_{suffix}") and getattr(source, f"{base}_{suffix}"):
                setattr(target, f"{base}_{suffix}", getattr(source, f"{base}_{suffix}"))
    for simple in ("city", "website", "ogrn"):
        if not getattr(target, simple) and getattr(source, simple):
            setattr(target, simple, getattr(source, simple))
    target.is_partner = target.is_partner or source.is_partner
    moved_codes = {}
    for unique in ("inn", "uscc"):
        if not getattr(target, unique) and getattr(source, unique):
            moved_codes[unique] = getattr(source, unique)
            setattr(source, unique, "")
    source.merged_into = target
    source.save()
    for unique, value in moved_codes.items():
        setattr(target, unique, value)
    _refresh_name_keys(target)
    target.save()
    return result


@transaction.atomic
def person_merge(*, actor: Any, source: Person, target: Person) -> MergeResult:
    """Merge `source` into `target`: memberships, the user account and every row of any domain that points
    at `source` move to `target`; missing details are copied; `source` stays, marked `merged_into`."""
    _check_actor(actor)
    if source.pk == target.pk:
        raise ValidationError(_("A person cannot be merged into themselves."))
    locked = {p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[source.pk, target.pk])}
    source, target = locked[source.pk], locked[target.pk]
    if source.merged_into_id is not None or target.merged_into_id is not None:
        raise ValidationError(_("This person has already been merged into another one."))
    result = MergeResult(target=target)
    _merge_memberships(
        source_filter={"person": source}, target_filter={"person": target}, other="organization"
    )
    _move_related(source, target, result)
    # Forward fields: fill the target's gaps from the source.
    for simple in ("name_latin", "name_ru", "name_zh_hans", "name_en", "phone", "country"):
        if not getattr(target, simple) and getattr(source, simple):
            setattr(target, simple, getattr(source, simple))
    target.languages = list(dict.fromkeys([*target.languages, *source.languages]))
    if source.consent_to_contact and (
        not target.consent_to_contact
        or (source.consent_at and target.consent_at and source.consent_at < target.consent_at)
    ):
        target.consent_to_contact = True
        target.consent_at = source.consent_at
        target.consent_source = source.consent_source
    user_moved = False
    if source.user_id is not None and target.user_id is None:
        target.user_id = source.user_id
        source.user = None
        user_moved = True
    elif source.user_id is not None:
        result.left["accounts.User.person"] = 1
    email = source.email
    source.merged_into = target
    source.save()
    if not target.email and email:
        target.email = email
        target.email_normalized = normalize_email(email)
    target.search_text = person_search_text(
        full_name=target.full_name, name_latin=target.name_latin, email=target.email_normalized
    )
    _refresh_sort_keys(target)
    target.save()
    if user_moved:
        result.moved["directory.Person.user"] = 1
    return result


@transaction.atomic
def person_link_user(*, actor: Any, person: Person, user: Any) -> Person:
    """Link a sign-in to the person's directory entry (a user has at most one person)."""
    _check_actor(actor)
    if person.user_id == user.pk:
        return person
    if Person.objects.filter(user=user).exclude(pk=person.pk).exists():
        raise ValidationError(_("This user account already belongs to another person in the directory."))
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    return person
