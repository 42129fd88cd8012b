from datetime import timedelta

import factory
from django.utils import timezone

from investbridge.pipeline.models import Inquiry, Lead, LeadSource, Stage, Task
from tests.factories.accounts import OfficerFactory
from tests.factories.directory import OrganizationFactory


class InquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inquiry

    company_name = factory.Sequence(lambda n: f"Company {n}")
    contact_name = "Ivan Petrov"
    email = factory.Sequence(lambda n: f"inquirer{n}@example.ru")
    country = "RU"
    cooperation_kind = "investment"
    message = "We would like to invest."
    language = "ru"
    consent = True
    received_at = factory.LazyFunction(timezone.now)
    reply_due_at = factory.LazyAttribute(lambda obj: obj.received_at + timedelta(hours=24))


class LeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lead

    title = factory.Sequence(lambda n: f"Lead {n}")
    organization = factory.SubFactory(OrganizationFactory)
    stage = Stage.INQUIRY
    source = LeadSource.DIRECT
    stage_changed_at = factory.LazyFunction(timezone.now)


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    title = factory.Sequence(lambda n: f"Task {n}")
    assignee = factory.SubFactory(OfficerFactory)
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
