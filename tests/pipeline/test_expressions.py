import uuid
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from investbridge.directory.models import Sector
from investbridge.pipeline import services
from investbridge.pipeline.models import Inquiry
from investbridge.region import selectors as region_selectors
from investbridge.region import services as region_services

pytestmark = pytest.mark.integration


def _express(email, language="ru"):
    return region_services.expression_of_interest_create(
        submission_key=uuid.uuid4(),
        name="Наталья Белова",
        email=email,
        country="RU",
        language=language,
        consent=True,
        consent_source="region page",
        organization_name="ООО «Белый парус»",
        message="Интересует туризм на Хайнане.",
        sectors=[Sector.objects.get(code="I")],
    )


def test_expressions_become_inquiries_once_and_are_marked_routed(
    db, officer, django_capture_on_commit_callbacks
):
    expression = _express("belova@parus.example.ru")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = services.expressions_of_interest_route(user=officer)
    second = services.expressions_of_interest_route(user=officer)

    inquiry = Inquiry.objects.get()
    assert (first, second) == (1, 0)
    assert (inquiry.channel, inquiry.source_reference, inquiry.language) == (
        "expression_of_interest",
        str(expression.pk),
        "ru",
    )
    assert (inquiry.company_name, inquiry.contact_name, inquiry.assigned_to) == (
        "ООО «Белый парус»",
        "Наталья Белова",
        officer,
    )
    assert list(inquiry.sectors.values_list("code", flat=True)) == ["I"]
    assert inquiry.received_at == expression.created_at
    assert list(region_selectors.expression_of_interest_list(status="new")) == []
    assert [message.to for message in mail.outbox] == [[officer.email]]  # the region already acknowledged


def test_route_expressions_command_and_officer_action(client, officer):
    _express("one@example.ru")
    out = StringIO()

    call_command("pipeline", "route-expressions", stdout=out)
    _express("two@example.ru", language="en")
    client.force_login(officer)
    response = client.post("/en/pipeline/inquiries/route-expressions/")

    assert out.getvalue() == "Routed 1 expressions of interest into inquiries.\n"
    assert response.status_code == 302
    assert Inquiry.objects.count() == 2
