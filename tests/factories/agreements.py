import datetime

import factory

from investbridge.agreements.models import Agreement, AgreementKind, Obligation, ObligationKind, SigningMethod


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Agreement {n}")
    title_en = factory.SelfAttribute("title")
    kind = AgreementKind.COOPERATION
    signed_on = datetime.date(2026, 3, 1)
    signing_method = SigningMethod.ONLINE
    valid_from = datetime.date(2026, 3, 1)

    @factory.post_generation
    def parties(self, create, extracted, **kwargs):
        if create and extracted:
            self.parties.set(extracted)


class ObligationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Obligation

    agreement = factory.SubFactory(AgreementFactory)
    title = factory.Sequence(lambda n: f"Obligation {n}")
    title_en = factory.SelfAttribute("title")
    kind = ObligationKind.OFFICE
    due_on = datetime.date(2026, 12, 31)
