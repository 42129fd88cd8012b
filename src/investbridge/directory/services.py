"""Directory: creating, matching and merging organizations and people.

Other domains (events registration, pipeline inquiries) reach the directory through
`organization_match_or_create` and `person_match_or_create`.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from investbridge.directory.models import Membership, Organization, OrganizationKind, Person


def normalize_email(email: str) -> str:
    return email.strip().lower()


def normalize_name(name: str) -> str:
    """Case, spacing and quotes do not make two organization names different."""
    for quote in "\"'«»“”„‘’「」『』":
        name = name.replace(quote, " ")
    return " ".join(name.casefold().split())


def organization_find_by_name(*, name: str) -> Organization | None:
    """An organization (not merged away) whose name in any language equals `name` once normalized."""
    wanted = normalize_name(name)
    if not wanted:
        return None
    first_word = wanted.split(" ")[0]
    candidates = Organization.objects.filter(merged_into__isnull=True).filter(
        Q(name_ru__icontains=first_word)
        | Q(name_zh_hans__icontains=first_word)
        | Q(name_en__icontains=first_word)
    )
    for organization in candidates:
        names = (organization.name_ru, organization.name_zh_hans, organization.name_en)  # type: ignore[attr-defined]
        if any(normalize_name(candidate or "") == wanted for candidate in names):
            return organization
    return None


@transaction.atomic
def organization_match_or_create(
    *, name: str, country: str, language: str, kind: str = OrganizationKind.COMPANY
) -> Organization:
    """The organization with this name in any language, or a new one named in `language`."""
    existing = organization_find_by_name(name=name)
    if existing is not None:
        return existing
    organization = Organization(kind=kind, country=country.upper())
    setattr(organization, f"name_{language.replace('-', '_')}", name.strip())
    organization.name = name.strip() if not organization.name else organization.name
    organization.save()
    return organization


@transaction.atomic
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
) -> Person:
    """The person with this e-mail (normalized), or a new one; adds the membership and any new consent."""
    normalized = normalize_email(email)
    person = (
        Person.objects.select_for_update()
        .filter(email_normalized=normalized, merged_into__isnull=True)
        .first()
    )
    if person is None:
        person = Person.objects.create(
            full_name=full_name.strip(),
            name_latin=name_latin.strip(),
            email=email.strip(),
            email_normalized=normalized,
            country=country.upper(),
            preferred_language=preferred_language or "ru",
        )
    if consent and not person.consent_to_contact:
        person.consent_to_contact = True
        person.consent_at = timezone.now()
        person.consent_source = consent_source
        person.save(update_fields=["consent_to_contact", "consent_at", "consent_source", "updated_at"])
    if organization is not None:
        Membership.objects.get_or_create(
            person=person, organization=organization, defaults={"position": position}
        )
    return person
