import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from investbridge.core.models import InboundAttachment, InboundMail, InboundMatch, InboundSource
from investbridge.pipeline import services
from investbridge.pipeline.models import SetupTemplate, Stage
from tests.factories.pipeline import InquiryFactory, LeadFactory, TaskFactory
from tests.pipeline.conftest import MATRIX_ROLES

pytestmark = pytest.mark.integration

#: Expected status per row of the matrix for an officer-only page (GET) and action (POST).
OFFICER_GET = {
    "anonymous": 302,
    "company": 403,
    "partner_a": 403,
    "partner_b": 403,
    "officer": 200,
    "admin": 200,
}
OFFICER_POST = {
    "anonymous": 302,
    "company": 403,
    "partner_a": 403,
    "partner_b": 403,
    "officer": 302,
    "admin": 302,
}


@pytest.fixture
def objects(db, officer):
    inquiry = InquiryFactory(assigned_to=officer)
    lead = LeadFactory(owner=officer)
    task = TaskFactory(assignee=officer, lead=lead)
    template = services.setup_template_create(
        user=officer, kind="representative_office", names={"en": "Rep office"}
    )
    step = services.setup_template_step_add(
        user=officer, template_id=template.pk, titles={"en": "Lease an office"}
    )
    case = services.setup_case_start(
        user=officer,
        kind="representative_office",
        organization_id=lead.organization_id,
        responsible_id=officer.pk,
        lead_id=lead.pk,
    )
    reply_template = services.reply_template_save(
        user=officer, names={"en": "Thanks"}, subjects={"en": "Thank you"}, bodies={"en": "Received."}
    )
    mail = InboundMail.objects.create(
        message_id="<unmatched@example.org>",
        from_address="someone@example.org",
        received_at=timezone.now(),
        source=InboundSource.FOLDER,
        matched_by=InboundMatch.UNMATCHED,
    )
    attachment = InboundAttachment.objects.create(
        mail=mail, filename="plan.pdf", content_type="application/pdf", size=9, sha256="0" * 64
    )
    attachment.file.save("plan.pdf", ContentFile(b"%PDF-1.4\n"))
    return {
        "attachment": attachment,
        "inquiry": inquiry,
        "lead": lead,
        "task": task,
        "template": template,
        "step": step,
        "case": case,
        "reply_template": reply_template,
        "mail": mail,
    }


OFFICER_PAGES = [
    "/en/pipeline/inquiries/",
    "/en/pipeline/inquiries/?status=overdue&mine=1",
    "/en/pipeline/inquiries/{inquiry}/",
    "/en/pipeline/inquiries/report/",
    "/en/pipeline/inquiries/rules/",
    "/en/pipeline/leads/",
    "/en/pipeline/leads/board/",
    "/en/pipeline/leads/new/",
    "/en/pipeline/leads/{lead}/",
    "/en/pipeline/leads/{lead}/edit/",
    "/en/pipeline/tasks/",
    "/en/pipeline/cases/",
    "/en/pipeline/cases/{case}/",
    "/en/pipeline/checklists/",
    "/en/pipeline/checklists/{template}/",
    "/en/pipeline/conversion/",
    "/en/pipeline/conversion/?format=csv",
    "/en/pipeline/inquiries/{inquiry}/?template={reply_template}&language=ru",
    "/en/pipeline/reply-templates/",
    "/en/pipeline/reply-templates/{reply_template}/",
    "/en/pipeline/mail/unmatched/",
    "/en/pipeline/mail/attachments/{attachment}/",
]


def _url(template, objects):
    return template.format(**{key: value.pk for key, value in objects.items()})


@pytest.mark.parametrize("row", MATRIX_ROLES)
@pytest.mark.parametrize("page", OFFICER_PAGES)
def test_officer_pages_permission_matrix(matrix_client, objects, row, page):
    response = matrix_client(row).get(_url(page, objects))
    response.close()  # a file download keeps its file open until then

    assert response.status_code == OFFICER_GET[row]


@pytest.mark.parametrize("row", MATRIX_ROLES)
def test_public_inquiry_form_is_open_to_everyone(matrix_client, row):
    assert matrix_client(row).get("/en/pipeline/inquiry/").status_code == 200
    assert matrix_client(row).get("/en/pipeline/inquiry/thanks/").status_code == 200


OFFICER_ACTIONS = [
    ("/en/pipeline/inquiries/{inquiry}/close/", {}),
    ("/en/pipeline/inquiries/{inquiry}/convert/", {}),
    ("/en/pipeline/leads/{lead}/activities/", {"kind": "call", "subject": "Call"}),
    ("/en/pipeline/tasks/{task}/done/", {}),
    ("/en/pipeline/cases/{case}/complete/", {}),
    ("/en/pipeline/inquiries/route-expressions/", {}),
    ("/en/pipeline/mail/{mail}/assign/", {"target": "lead", "number": "0"}),
]


@pytest.mark.parametrize("row", MATRIX_ROLES)
@pytest.mark.parametrize(("action", "data"), OFFICER_ACTIONS)
def test_officer_actions_permission_matrix(matrix_client, objects, row, action, data):
    response = matrix_client(row).post(_url(action, objects), data)

    assert response.status_code == OFFICER_POST[row]


def test_board_move_with_htmx_returns_the_board(client, officer, objects):
    client.force_login(officer)
    lead = objects["lead"]

    response = client.post(
        f"/en/pipeline/leads/{lead.pk}/move/", {"stage": "qualified", "version": 1}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith('<div id="board"')
    lead.refresh_from_db()
    assert lead.stage == Stage.QUALIFIED


def test_board_move_with_stale_version_shows_error_and_keeps_other_change(client, officer, objects):
    client.force_login(officer)
    lead = objects["lead"]
    services.lead_move_to_stage(user=officer, lead_id=lead.pk, stage=Stage.ENGAGED, expected_version=1)

    response = client.post(
        f"/en/pipeline/leads/{lead.pk}/move/", {"stage": "decision", "version": 1}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert "Someone else changed this lead a moment ago." in response.content.decode()
    lead.refresh_from_db()
    assert lead.stage == Stage.ENGAGED


def test_lead_edit_saves_money_and_shows_it_per_locale(client, officer, objects):
    client.force_login(officer)
    lead = objects["lead"]

    response = client.post(
        f"/ru/pipeline/leads/{lead.pk}/edit/",
        {
            "version": 1,
            "title": "Завод",
            "description": "",
            "owner": officer.pk,
            "projected_investment": "2500000",
            "projected_currency": "CNY",
            "realised_investment": "",
            "realised_currency": "USD",
            "projected_jobs": "40",
            "realised_jobs": "",
            "uscc": "",
        },
    )

    assert response.status_code == 302
    page = client.get(f"/ru/pipeline/leads/{lead.pk}/").content.decode()
    assert "2\xa0500\xa0000,00\xa0CN¥" in page


def test_inquiry_list_has_fixed_query_count(client, officer, django_assert_num_queries):
    client.force_login(officer)
    for _ in range(3):
        InquiryFactory(assigned_to=officer)
    with CaptureQueriesContext(connection) as few:
        client.get("/en/pipeline/inquiries/")
    for _ in range(5):
        InquiryFactory(assigned_to=officer)

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get("/en/pipeline/inquiries/")

    assert response.status_code == 200


def test_lead_board_and_list_have_fixed_query_count(client, officer, django_assert_num_queries):
    client.force_login(officer)
    for _ in range(3):
        LeadFactory(owner=officer)
    counts = []
    for url in ("/en/pipeline/leads/board/", "/en/pipeline/leads/"):
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        counts.append(len(few.captured_queries))
    for _ in range(5):
        LeadFactory(owner=officer)

    for url, count in zip(("/en/pipeline/leads/board/", "/en/pipeline/leads/"), counts, strict=True):
        with django_assert_num_queries(count):
            client.get(url)


def test_case_checklist_copies_template_and_completes(client, officer, objects):
    client.force_login(officer)
    case, step = objects["case"], objects["case"].steps.get()

    refused = client.post(f"/en/pipeline/cases/{case.pk}/complete/")
    client.post(f"/en/pipeline/cases/{case.pk}/steps/{step.pk}/", {"status": "done"})
    client.post(f"/en/pipeline/cases/{case.pk}/complete/")

    assert refused.status_code == 302
    case.refresh_from_db()
    assert (step.title_en, case.status) == ("Lease an office", "completed")
    assert SetupTemplate.objects.get().steps.count() == 1


def test_case_links_registered_company_by_valid_uscc(client, officer, objects):
    client.force_login(officer)
    case = objects["case"]

    client.post(f"/en/pipeline/cases/{case.pk}/company/", {"uscc": "not-a-code"})
    unchanged = type(case).objects.get(pk=case.pk).uscc
    client.post(f"/en/pipeline/cases/{case.pk}/company/", {"uscc": "91460000MA5T5Y8X2D"})

    case.refresh_from_db()
    assert (unchanged, case.uscc) == ("", "91460000MA5T5Y8X2D")
    case.lead.refresh_from_db()
    assert case.lead.uscc == "91460000MA5T5Y8X2D"


def test_officer_creates_assignment_rule_from_page(client, officer):
    client.force_login(officer)

    response = client.post(
        "/en/pipeline/inquiries/rules/", {"officer": officer.pk, "language": "ru", "priority": 1}
    )
    missing = client.post("/en/pipeline/inquiries/rules/", {"officer": officer.pk, "priority": 1})

    assert response.status_code == 302
    assert missing.status_code == 400


def test_lead_edit_with_stale_version_shows_error_instead_of_overwriting(client, officer, objects):
    client.force_login(officer)
    lead = objects["lead"]
    services.lead_update(user=officer, lead_id=lead.pk, expected_version=1, title="Changed by a colleague")
    data = {
        "version": 1,
        "title": "My title",
        "description": "",
        "owner": officer.pk,
        "projected_investment": "",
        "projected_currency": "USD",
        "realised_investment": "",
        "realised_currency": "USD",
        "projected_jobs": "",
        "realised_jobs": "",
        "uscc": "",
    }

    response = client.post(f"/en/pipeline/leads/{lead.pk}/edit/", data)

    assert response.status_code == 400
    assert "Someone else changed this lead a moment ago." in response.content.decode()
    lead.refresh_from_db()
    assert lead.title == "Changed by a colleague"
