import factory

from investbridge.directory.models import Membership, Organization, OrganizationKind, Person


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    kind = OrganizationKind.COMPANY
    name = factory.Sequence(lambda n: f"Organization {n}")
    name_en = factory.SelfAttribute("name")
    country = "RU"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    email_normalized = factory.SelfAttribute("email")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
