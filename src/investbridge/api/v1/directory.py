"""Directory endpoints: organizations (officers and partners) and people (officers only), read-only."""

from typing import Any

from django.db.models import QuerySet
from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers

from investbridge.agreements.selectors import organizations_visible_to
from investbridge.api.permissions import IsOfficer, IsOfficerOrPartner
from investbridge.core import i18n
from investbridge.core.permissions import has_role
from investbridge.core.roles import Role
from investbridge.core.scripts import ReaderName
from investbridge.directory import isic, selectors
from investbridge.directory.models import Membership, Organization, OrganizationKind, Person


class SectorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="ISIC Rev.4 section letter, A to U.")
    label = serializers.CharField(help_text="The section's name in the requested language.")  # type: ignore[assignment]


class NamesSerializer(serializers.Serializer):
    ru = serializers.CharField(allow_blank=True)
    zh_hans = serializers.CharField(allow_blank=True)
    en = serializers.CharField(allow_blank=True)


class ReaderNameMixin:
    """`name`, `name_transliterated` and `name_original`: the name for the requested language (Accept-Language)."""

    def reader_name(self, instance: Any) -> ReaderName:
        cache = self.__dict__.setdefault("_reader_names", {})
        key = (type(instance).__name__, instance.pk)
        if key not in cache:
            if isinstance(instance, Organization):
                cache[key] = selectors.organization_reader_name(instance)
            else:
                cache[key] = selectors.person_reader_name(instance)
        return cache[key]

    def get_name(self, instance: Any) -> str:
        return self.reader_name(instance).text

    def get_name_transliterated(self, instance: Any) -> bool:
        return self.reader_name(instance).transliterated

    def get_name_original(self, instance: Any) -> str:
        return self.reader_name(instance).original


NAME_HELP = (
    "The name for the requested language: the stored one, else a transliteration (pinyin for Chinese names, "
    "Palladius Cyrillic for Chinese names read in Russian, ICAO Doc 9303 Latin for Cyrillic names)."
)
TRANSLITERATED_HELP = "True when `name` is a transliteration, not a stored name; show it marked as such."
ORIGINAL_HELP = (
    "The name in its own script when `name` is transliterated (e.g. 王小明 for Wang Xiaoming), else empty."
)


class OrganizationSerializer(ReaderNameMixin, serializers.ModelSerializer):
    name = serializers.SerializerMethodField(help_text=NAME_HELP)
    name_transliterated = serializers.SerializerMethodField(help_text=TRANSLITERATED_HELP)
    name_original = serializers.SerializerMethodField(help_text=ORIGINAL_HELP)
    names = serializers.SerializerMethodField(help_text="The stored names per language (empty: none stored).")
    country_name = serializers.SerializerMethodField()
    sectors = serializers.SerializerMethodField()
    website = serializers.CharField(read_only=True, help_text="The web site's address (https://…), or empty.")

    class Meta:
        model = Organization
        fields = [
            "id", "kind", "name", "name_transliterated", "name_original", "names", "description", "country",
            "country_name", "city", "sectors",
            "website", "uscc", "inn", "ogrn", "is_partner", "is_demo",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(NamesSerializer)
    def get_names(self, organization: Organization) -> dict[str, str]:
        return {
            "ru": getattr(organization, "name_ru", "") or "",
            "zh_hans": getattr(organization, "name_zh_hans", "") or "",
            "en": getattr(organization, "name_en", "") or "",
        }

    def get_country_name(self, organization: Organization) -> str:
        return i18n.country_name(organization.country) if organization.country else ""

    @extend_schema_field(SectorSerializer(many=True))
    def get_sectors(self, organization: Organization) -> list[dict[str, str]]:
        return [
            {"code": sector.code, "label": isic.label(sector.code)} for sector in organization.sectors.all()
        ]


class MembershipSerializer(serializers.ModelSerializer):
    organization_id = serializers.IntegerField(source="organization.pk")
    organization_name = serializers.SerializerMethodField(help_text=NAME_HELP)
    organization_name_transliterated = serializers.SerializerMethodField(help_text=TRANSLITERATED_HELP)

    class Meta:
        model = Membership
        fields = [
            "organization_id", "organization_name", "organization_name_transliterated", "position", "is_primary",
        ]  # fmt: skip
        read_only_fields = fields

    def get_organization_name(self, membership: Membership) -> str:
        return selectors.organization_reader_name(membership.organization).text

    def get_organization_name_transliterated(self, membership: Membership) -> bool:
        return selectors.organization_reader_name(membership.organization).transliterated


class PersonSerializer(ReaderNameMixin, serializers.ModelSerializer):
    name = serializers.SerializerMethodField(help_text=NAME_HELP)
    name_transliterated = serializers.SerializerMethodField(help_text=TRANSLITERATED_HELP)
    name_original = serializers.SerializerMethodField(help_text=ORIGINAL_HELP)
    names = serializers.SerializerMethodField(
        help_text="The stored names per language (empty: none stored; `name_latin` stands for English)."
    )
    memberships = MembershipSerializer(many=True, read_only=True)
    languages = serializers.ListField(child=serializers.CharField(), help_text="ISO 639-1 codes.")
    preferred_language = serializers.CharField(help_text="Interface language: ru, zh-hans or en.")

    class Meta:
        model = Person
        fields = [
            "id", "name", "name_transliterated", "name_original", "names", "full_name", "name_latin", "email",
            "phone", "country", "languages", "preferred_language", "consent_to_contact", "consent_at",
            "consent_source", "memberships", "is_demo",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(NamesSerializer)
    def get_names(self, person: Person) -> dict[str, str]:
        return {
            "ru": getattr(person, "name_ru", "") or "",
            "zh_hans": getattr(person, "name_zh_hans", "") or "",
            "en": getattr(person, "name_en", "") or "",
        }


COUNTRY_HELP = "ISO 3166-1 alpha-2 code, e.g. RU."


class PersonFilterSerializer(serializers.Serializer):
    search = serializers.CharField(
        required=False, allow_blank=True, help_text="Part of a name, a Latin name or an e-mail address."
    )
    country = serializers.RegexField(
        r"^[A-Za-z]{2}$", required=False, allow_blank=True, help_text=COUNTRY_HELP
    )
    organization = serializers.IntegerField(
        required=False, min_value=1, help_text="Only members of this organization."
    )


class OrganizationFilterSerializer(serializers.Serializer):
    search = serializers.CharField(
        required=False, allow_blank=True, help_text="Part of a name in any language, or an INN, OGRN or USCC."
    )
    country = serializers.RegexField(
        r"^[A-Za-z]{2}$", required=False, allow_blank=True, help_text=COUNTRY_HELP
    )
    kind = serializers.ChoiceField(choices=OrganizationKind.choices, required=False, allow_blank=True)
    sector = serializers.ChoiceField(
        choices=list(isic.SECTIONS), required=False, allow_blank=True, help_text="ISIC Rev.4 section letter."
    )
    is_partner = serializers.BooleanField(required=False, allow_null=True, default=None)


@extend_schema(tags=["directory"], parameters=[OrganizationFilterSerializer])
class OrganizationListView(generics.ListAPIView):
    """Organizations in the directory, filtered. Promotion officers see all of them; partner staff only their
    own organization, the parties of their agreements and the companies they referred."""

    permission_classes = [IsOfficerOrPartner]
    serializer_class = OrganizationSerializer

    def get_queryset(self) -> QuerySet[Organization]:
        filters = OrganizationFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        data: dict[str, Any] = filters.validated_data
        return selectors.organization_list(
            search=data.get("search") or None,
            country=data.get("country") or None,
            kind=data.get("kind") or None,
            sector=data.get("sector") or None,
            is_partner=data.get("is_partner"),
            # Officers read the whole directory; partner staff only what their portal shows them.
            within=None
            if has_role(self.request.user, Role.OFFICER, Role.ADMIN)
            else organizations_visible_to(self.request.user),
        )


@extend_schema(tags=["directory"])
class OrganizationDetailView(generics.RetrieveAPIView):
    """One organization; for promotion officers, and for partner staff when the organization is their own, a
    party to one of their agreements or a company they referred (any other answers 404)."""

    permission_classes = [IsOfficerOrPartner]
    serializer_class = OrganizationSerializer

    def get_queryset(self) -> QuerySet[Organization]:
        # Partner staff read only the organizations their portal shows them; any other one answers 404.
        return organizations_visible_to(self.request.user).prefetch_related("sectors")


@extend_schema(tags=["directory"], parameters=[PersonFilterSerializer])
class PersonListView(generics.ListAPIView):
    """People in the directory with their organizations and positions; for promotion officers only."""

    permission_classes = [IsOfficer]
    serializer_class = PersonSerializer

    def get_queryset(self) -> QuerySet[Person]:
        filters = PersonFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        data: dict[str, Any] = filters.validated_data
        return selectors.person_list(
            search=data.get("search") or None,
            country=data.get("country") or None,
            organization=data.get("organization"),
        )


urlpatterns = [
    path("organizations", OrganizationListView.as_view(), name="organization-list"),
    path("organizations/<int:pk>", OrganizationDetailView.as_view(), name="organization-detail"),
    path("people", PersonListView.as_view(), name="person-list"),
]
