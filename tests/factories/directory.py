import factory

from investbridge.directory.models import Membership, Organization, OrganizationKind, Person
from investbridge.directory.names import organization_sort_keys, person_sort_keys
from investbridge.directory.services import organization_name_keys, organization_names, person_search_text


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        skip_postgeneration_save = True

    kind = OrganizationKind.COMPANY
    name = factory.Sequence(lambda n: f"Organization {n}")
    name_en = factory.SelfAttribute("name")
    country = "RU"

    @factory.post_generation
    def name_keys(obj, create, extracted, **kwargs):
        """Keep the search keys the services maintain, so factory rows are found like real ones."""
        obj.name_keys = organization_name_keys(organization_names(obj).values())
        for field_name, key in organization_sort_keys(obj).items():
            setattr(obj, field_name, key)
        if create:
            obj.save(update_fields=["name_keys", "name_sort_ru", "name_sort_zh_hans", "name_sort_en"])

    @factory.post_generation
    def sectors(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.sectors.set(extracted)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    full_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    email_normalized = factory.LazyAttribute(lambda o: o.email.strip().lower())
    country = "RU"

    @factory.post_generation
    def search_text(obj, create, extracted, **kwargs):
        obj.search_text = person_search_text(
            full_name=obj.full_name, name_latin=obj.name_latin, email=obj.email_normalized
        )
        for field_name, key in person_sort_keys(obj).items():
            setattr(obj, field_name, key)
        if create:
            obj.save(update_fields=["search_text", "name_sort_ru", "name_sort_zh_hans", "name_sort_en"])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
