"""Directory reads used by pages, the API, the import and other domains.

Merged-away records are never listed. Search is case-insensitive in every script (Cyrillic and Chinese too,
on SQLite as on PostgreSQL) because it runs on the normalized keys the services keep.
"""

from collections import defaultdict

from django.db.models import Count, Prefetch, Q, QuerySet

from investbridge.core.scripts import ReaderName
from investbridge.directory import names
from investbridge.directory.models import Membership, Organization, Person
from investbridge.directory.services import name_key, normalize_email, normalize_name


def organization_reader_name(organization: Organization, language: str | None = None) -> ReaderName:
    """The organization's name for a reader of `language` (default: the active one): stored, or transliterated
    and marked as such (`core.scripts.ReaderName`)."""
    return names.organization_reader_name(organization, language)


def person_reader_name(person: Person, language: str | None = None) -> ReaderName:
    """The person's name for a reader of `language`: stored per language, or as written when the reader reads its
    script, else transliterated (王小明 for a Russian reader: «Ван Сяомин», marked, with the original)."""
    return names.person_reader_name(person, language)


def written_person_name(full_name: str, name_latin: str = "", language: str | None = None) -> ReaderName:
    """The same for a name typed outside the directory (a registration, a user account)."""
    return names.written_person_name(full_name, name_latin, language)


def written_organization_name(name: str, language: str | None = None) -> ReaderName:
    return names.written_organization_name(name, language)


def name_order(language: str | None = None) -> str:
    """The column that orders organizations or people by the name a reader of `language` sees."""
    return names.sort_field(language)


def _yes_no(value: bool | str | None) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


def organization_list(
    *,
    search: str | None = None,
    country: str | None = None,
    kind: str | None = None,
    sector: str | None = None,
    is_partner: bool | str | None = None,
    is_demo: bool | None = None,
    within: QuerySet[Organization] | None = None,
    language: str | None = None,
) -> QuerySet[Organization]:
    """Active organizations matching every given filter, with their sectors prefetched and members counted;
    `within` restricts them to the organizations a user may see (e.g. a partner's, decided by a higher domain).
    Ordered by the name a reader of `language` (default: the active one) sees: by pinyin in Chinese."""
    queryset = Organization.objects.filter(merged_into__isnull=True)
    if within is not None:
        queryset = queryset.filter(pk__in=within.values("pk"))
    if search:
        term = search.strip()
        normalized = normalize_name(term)
        key = name_key(term)
        query = Q(inn=term) | Q(ogrn=term) | Q(uscc__iexact=term)
        for part in {normalized, key} - {""}:
            query |= Q(name_keys__contains=part)
        queryset = queryset.filter(query)
    if country:
        queryset = queryset.filter(country=country.strip().upper())
    if kind:
        queryset = queryset.filter(kind=kind)
    if sector:
        queryset = queryset.filter(sectors__code=sector.strip().upper())
    partner = _yes_no(is_partner)
    if partner is not None:
        queryset = queryset.filter(is_partner=partner)
    if is_demo is not None:
        queryset = queryset.filter(is_demo=is_demo)
    return (
        queryset.annotate(member_count=Count("memberships", distinct=True))
        .prefetch_related("sectors")
        .order_by(name_order(language), "pk")
    )


def organization_detail(*, pk: int) -> Organization:
    """One organization with its members (people and positions) and sectors; raises DoesNotExist."""
    memberships = Membership.objects.select_related("person").filter(person__merged_into__isnull=True)
    return (
        Organization.objects.prefetch_related("sectors", Prefetch("memberships", queryset=memberships))
        .select_related("merged_into")
        .get(pk=pk)
    )


def partner_organizations(language: str | None = None) -> QuerySet[Organization]:
    """The promotion office's partners (their staff use the partner portal), in the reader's order."""
    return Organization.objects.filter(is_partner=True, merged_into__isnull=True).order_by(
        name_order(language), "pk"
    )


def organization_choices(language: str | None = None) -> QuerySet[Organization]:
    """Active organizations for a select, in the reader's order (by pinyin in Chinese)."""
    return Organization.objects.filter(merged_into__isnull=True).order_by(name_order(language), "pk")


def person_list(
    *,
    search: str | None = None,
    country: str | None = None,
    organization: Organization | int | None = None,
    is_demo: bool | None = None,
    consent: bool | None = None,
    language: str | None = None,
) -> QuerySet[Person]:
    """Active people matching every given filter, with their memberships and organizations prefetched, ordered by
    the name a reader of `language` (default: the active one) sees."""
    queryset = Person.objects.filter(merged_into__isnull=True)
    if search:
        term = search.strip()
        parts = {normalize_name(term), normalize_email(term)} - {""}
        query = Q()
        for part in parts:
            query |= Q(search_text__contains=part)
        query |= Q(phone=term.replace(" ", ""))
        queryset = queryset.filter(query)
    if country:
        queryset = queryset.filter(country=country.strip().upper())
    if organization is not None:
        queryset = queryset.filter(memberships__organization=organization)
    if is_demo is not None:
        queryset = queryset.filter(is_demo=is_demo)
    if consent is not None:
        queryset = queryset.filter(consent_to_contact=consent)
    memberships = Membership.objects.select_related("organization").order_by("-is_primary", "pk")
    return queryset.prefetch_related(Prefetch("memberships", queryset=memberships)).order_by(
        name_order(language), "pk"
    )


def person_detail(*, pk: int) -> Person:
    memberships = Membership.objects.select_related("organization").order_by("-is_primary", "pk")
    return (
        Person.objects.prefetch_related(Prefetch("memberships", queryset=memberships))
        .select_related("user")
        .get(pk=pk)
    )


def directory_counts() -> dict[str, int]:
    """Figures for the officers' dashboard."""
    organizations = Organization.objects.filter(merged_into__isnull=True)
    return {
        "organizations": organizations.count(),
        "partners": organizations.filter(is_partner=True).count(),
        "countries": organizations.values("country").distinct().count(),
        "people": Person.objects.filter(merged_into__isnull=True).count(),
        "consenting": Person.objects.filter(merged_into__isnull=True, consent_to_contact=True).count(),
    }


def organization_duplicate_groups() -> list[list[Organization]]:
    """Groups of active organizations that share a name key in any language (candidates for a merge)."""
    by_key: dict[str, set[int]] = defaultdict(set)
    for pk, keys in Organization.objects.filter(merged_into__isnull=True).values_list("pk", "name_keys"):
        for key in {name_key(part) for part in keys.strip("|").split("|") if part}:
            by_key[key].add(pk)
    groups = _connected({frozenset(ids) for ids in by_key.values() if len(ids) > 1})
    found = Organization.objects.in_bulk([pk for group in groups for pk in group])
    return [sorted((found[pk] for pk in group), key=lambda o: o.pk) for group in groups]


def person_duplicate_groups() -> list[list[Person]]:
    """Groups of active people with the same name (as written or in Latin letters): candidates for a merge."""
    by_key: dict[str, set[int]] = defaultdict(set)
    rows = Person.objects.filter(merged_into__isnull=True).values_list("pk", "full_name", "name_latin")
    for pk, full_name, latin in rows:
        for name in (full_name, latin):
            key = " ".join(sorted(normalize_name(name).split()))
            if key:
                by_key[key].add(pk)
    groups = _connected({frozenset(ids) for ids in by_key.values() if len(ids) > 1})
    found = Person.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("organization"))
    ).in_bulk([pk for group in groups for pk in group])
    return [sorted((found[pk] for pk in group), key=lambda p: p.pk) for group in groups]


def _connected(sets: set[frozenset[int]]) -> list[list[int]]:
    """Join overlapping groups, so one record appears in one group only; ordered by the smallest id."""
    merged: list[set[int]] = []
    for group in sorted(sets, key=min):
        overlapping = [existing for existing in merged if existing & group]
        combined = set(group).union(*overlapping)
        merged = [existing for existing in merged if not existing & group] + [combined]
    return sorted((sorted(group) for group in merged), key=lambda g: g[0])


def organization_countries() -> list[str]:
    """Country codes that active organizations are in (for list filters)."""
    codes = Organization.objects.filter(merged_into__isnull=True).values_list("country", flat=True)
    return sorted(set(codes) - {""})


def person_countries() -> list[str]:
    codes = Person.objects.filter(merged_into__isnull=True).values_list("country", flat=True)
    return sorted(set(codes) - {""})
