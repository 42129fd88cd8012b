import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from investbridge.pipeline.models import Lead
from tests.agreements.conftest import MATRIX_ROLES, make_pdf
from tests.factories.agreements import AgreementFactory, ObligationFactory
from tests.factories.pipeline import LeadFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def objects(
    db,
    office_org,
    partner_a,
    partner_b,
    partner_a_user,
    partner_b_user,
    agreement_a,
    obligation_a,
    referral_a,
):
    agreement_b = AgreementFactory(parties=[office_org, partner_b], title="Agreement with B")
    obligation_b = ObligationFactory(agreement=agreement_b, owner=partner_b, title="Refer companies (B)")
    referral_b = LeadFactory(source="partner", source_partner=partner_b, title="Referred by B")
    # The office's own obligation in agreement A, and a three-party agreement with one obligation of B's.
    obligation_office = ObligationFactory(
        agreement=agreement_a, owner=office_org, title="Host a forum (office)"
    )
    shared = AgreementFactory(parties=[office_org, partner_a, partner_b], title="Agreement of three")
    obligation_shared_b = ObligationFactory(agreement=shared, owner=partner_b, title="Co-host an event (B)")
    return {
        "agreement": agreement_a,
        "obligation": obligation_a,
        "referral": referral_a,
        "agreement_b": agreement_b,
        "obligation_b": obligation_b,
        "referral_b": referral_b,
        "obligation_office": obligation_office,
        "obligation_shared_b": obligation_shared_b,
    }


# Expected statuses of the shared pages (officers and partners): partner B gets 404 for partner A's objects.
SHARED_OF_A = {
    "anonymous": 302,
    "company": 403,
    "partner_a": 200,
    "partner_b": 404,
    "officer": 200,
    "admin": 200,
}
SHARED_LIST = {
    "anonymous": 302,
    "company": 403,
    "partner_a": 200,
    "partner_b": 200,
    "officer": 200,
    "admin": 200,
}
OFFICER_ONLY = {
    "anonymous": 302,
    "company": 403,
    "partner_a": 403,
    "partner_b": 403,
    "officer": 200,
    "admin": 200,
}
PARTNER_ONLY = {
    "anonymous": 302,
    "company": 403,
    "partner_a": 200,
    "partner_b": 200,
    "officer": 403,
    "admin": 403,
}
PARTNER_A_ONLY = {
    "anonymous": 302,
    "company": 403,
    "partner_a": 200,
    "partner_b": 404,
    "officer": 403,
    "admin": 403,
}

PAGES = [
    ("/en/agreements/", SHARED_LIST),
    ("/en/agreements/new/", OFFICER_ONLY),
    ("/en/agreements/{agreement}/", SHARED_OF_A),
    ("/en/agreements/{agreement}/obligations/new/", {**OFFICER_ONLY}),
    ("/en/agreements/obligations/", SHARED_LIST),
    ("/en/agreements/obligations/{obligation}/", SHARED_OF_A),
    ("/en/agreements/{agreement}/edit/", OFFICER_ONLY),
    ("/en/agreements/obligations/{obligation}/edit/", OFFICER_ONLY),
    ("/en/agreements/obligations/{obligation_shared_b}/edit/", OFFICER_ONLY),
    ("/en/agreements/portal/", PARTNER_ONLY),
    ("/en/agreements/portal/referrals/", PARTNER_ONLY),
    ("/en/agreements/portal/referrals/new/", PARTNER_ONLY),
    ("/en/agreements/portal/referrals/{referral}/", PARTNER_A_ONLY),
]


@pytest.mark.parametrize("row", MATRIX_ROLES)
@pytest.mark.parametrize(("page", "expected"), PAGES)
def test_agreement_pages_permission_matrix(matrix_client, objects, row, page, expected):
    url = page.format(**{key: value.pk for key, value in objects.items()})

    response = matrix_client(row).get(url)

    assert response.status_code == expected[row]


@pytest.mark.parametrize("row", MATRIX_ROLES)
def test_partner_b_never_sees_partner_a_data_in_lists(matrix_client, objects, row):
    pages = [
        "/en/agreements/",
        "/en/agreements/obligations/",
        "/en/agreements/portal/",
        "/en/agreements/portal/referrals/",
    ]
    for page in pages:
        response = matrix_client(row).get(page)
        if response.status_code != 200:
            continue
        body = response.content.decode()
        if row == "partner_b":
            assert "Agreement with A" not in body
            assert "Open an office (A)" not in body
            assert objects["referral"].organization.name not in body
        if row == "partner_a":
            assert "Agreement with B" not in body
            assert "Refer companies (B)" not in body
            assert objects["referral_b"].organization.name not in body


POSTS = [
    (
        "/en/agreements/{agreement}/document/verify/",
        {"anonymous": 302, "company": 403, "partner_a": 200, "partner_b": 404, "officer": 200, "admin": 200},
    ),
    (
        "/en/agreements/obligations/{obligation}/evidence/",
        {"anonymous": 302, "company": 403, "partner_a": 302, "partner_b": 404, "officer": 302, "admin": 302},
    ),
    # Another party's obligation in a shared agreement is visible to a partner but not theirs to report on.
    (
        "/en/agreements/obligations/{obligation_office}/evidence/",
        {"anonymous": 302, "company": 403, "partner_a": 403, "partner_b": 404, "officer": 302, "admin": 302},
    ),
    (
        "/en/agreements/obligations/{obligation_shared_b}/evidence/",
        {"anonymous": 302, "company": 403, "partner_a": 403, "partner_b": 302, "officer": 302, "admin": 302},
    ),
    (
        "/en/agreements/obligations/{obligation}/status/",
        {"anonymous": 302, "company": 403, "partner_a": 403, "partner_b": 403, "officer": 302, "admin": 302},
    ),
    # Partners never edit, not even their own agreement; an officer's incomplete form is refused with 400.
    (
        "/en/agreements/{agreement}/edit/",
        {"anonymous": 302, "company": 403, "partner_a": 403, "partner_b": 403, "officer": 400, "admin": 400},
    ),
    (
        "/en/agreements/obligations/{obligation}/edit/",
        {"anonymous": 302, "company": 403, "partner_a": 403, "partner_b": 403, "officer": 400, "admin": 400},
    ),
    (
        "/en/agreements/{agreement}/document/upload/",
        {"anonymous": 302, "company": 403, "partner_a": 403, "partner_b": 403, "officer": 302, "admin": 302},
    ),
]


@pytest.mark.parametrize("row", MATRIX_ROLES)
@pytest.mark.parametrize(("action", "expected"), POSTS)
def test_agreement_actions_permission_matrix(matrix_client, objects, row, action, expected):
    url = action.format(**{key: value.pk for key, value in objects.items()})
    data = {"note": "Done", "status": "fulfilled", "document": SimpleUploadedFile("d.pdf", make_pdf())}

    response = matrix_client(row).post(url, data)

    assert response.status_code == expected[row]


@pytest.mark.parametrize(
    ("row", "obligation", "has_form"),
    [
        ("partner_a", "obligation", True),
        ("partner_a", "obligation_office", False),
        ("partner_a", "obligation_shared_b", False),
        ("partner_b", "obligation_shared_b", True),
        ("officer", "obligation_shared_b", True),
    ],
)
def test_obligation_page_offers_evidence_form_only_to_owner(
    matrix_client, objects, row, obligation, has_form
):
    response = matrix_client(row).get(f"/en/agreements/obligations/{objects[obligation].pk}/")

    assert response.status_code == 200
    assert ("Submit evidence" in response.content.decode()) is has_form


def test_partner_evidence_on_other_party_obligation_is_refused_in_russian(matrix_client, objects):
    url = f"/ru/agreements/obligations/{objects['obligation_shared_b'].pk}/evidence/"

    response = matrix_client("partner_a").post(url, {"note": "Сделано"})

    assert response.status_code == 403
    assert objects["obligation_shared_b"].evidence.count() == 0


def test_portal_lists_only_own_open_obligations(matrix_client, objects):
    body = matrix_client("partner_a").get("/en/agreements/portal/").content.decode()

    assert "Open an office (A)" in body
    assert "Host a forum (office)" not in body
    assert "Co-host an event (B)" not in body


def test_document_download_and_verify_for_partner(client, officer, partner_a_user, agreement_a):
    client.force_login(officer)
    data = make_pdf()
    client.post(
        f"/en/agreements/{agreement_a.pk}/document/upload/", {"document": SimpleUploadedFile("s.pdf", data)}
    )
    client.force_login(partner_a_user)

    download = client.get(f"/en/agreements/{agreement_a.pk}/document/")
    good = client.post(
        f"/en/agreements/{agreement_a.pk}/document/verify/", {"document": SimpleUploadedFile("c.pdf", data)}
    )
    bad = client.post(
        f"/en/agreements/{agreement_a.pk}/document/verify/",
        {"document": SimpleUploadedFile("c.pdf", make_pdf("x"))},
    )

    assert b"".join(download.streaming_content) == data
    assert "The file matches the signed document." in good.content.decode()
    assert "The file does NOT match the signed document." in bad.content.decode()


def test_upload_of_non_pdf_shows_error(client, officer, agreement_a):
    client.force_login(officer)

    response = client.post(
        f"/en/agreements/{agreement_a.pk}/document/upload/",
        {"document": SimpleUploadedFile("s.pdf", b"hello")},
    )

    assert response.status_code == 400
    assert "This file type is not accepted here. Accepted types: .pdf." in response.content.decode()


def test_partner_refers_a_company_and_follows_only_own_work(
    client, partner_a_user, partner_a, officer, objects
):
    client.force_login(partner_a_user)

    response = client.post(
        "/ru/agreements/portal/referrals/new/",
        {
            "company_name": "АО «Уральский металл»",
            "country": "RU",
            "contact_name": "Сергей Орлов",
            "contact_email": "orlov@uralmet.example",
            "language": "ru",
            "description": "Ищут площадку",
            "projected_investment": "5000000",
            "projected_currency": "USD",
        },
    )

    lead = Lead.objects.get(title="АО «Уральский металл»")
    assert response.status_code == 302
    assert (lead.source, lead.source_partner) == ("partner", partner_a)
    page = client.get("/ru/agreements/portal/referrals/").content.decode()
    assert "АО «Уральский металл»" in page
    assert objects["referral_b"].organization.name not in page
    detail = client.get(f"/ru/agreements/portal/referrals/{lead.pk}/")
    assert detail.status_code == 200
    assert client.get(f"/ru/agreements/portal/referrals/{objects['referral_b'].pk}/").status_code == 404


def test_obligation_overview_lists_overdue(client, officer, obligation_a):
    obligation_a.due_on = obligation_a.due_on.replace(year=2020)
    obligation_a.save()
    client.force_login(officer)

    response = client.get("/en/agreements/obligations/")

    assert response.status_code == 200
    overdue_table = (
        response.content.decode().split('data-testid="obligations-overdue"')[1].split("</table>")[0]
    )
    assert "Open an office (A)" in overdue_table


def test_agreement_list_query_count_is_fixed(
    client, officer, office_org, partner_a, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(officer)
    AgreementFactory(parties=[office_org, partner_a])
    with CaptureQueriesContext(connection) as few:
        client.get("/en/agreements/")
    for _ in range(4):
        AgreementFactory(parties=[office_org, partner_a])

    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/en/agreements/")
