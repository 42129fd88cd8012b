import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from investbridge.statistics import services
from investbridge.statistics.models import ImportBatch, Metric, PublishedFigure, RegisteredEntity
from tests.archives import xlsx_bomb
from tests.conftest import ROLES
from tests.factories.statistics import domestic_row, make_uscc, row, write_csv

pytestmark = pytest.mark.integration

PAGES = [
    "/en/statistics/",
    "/en/statistics/import/",
    "/en/statistics/figures/",
    "/en/statistics/export.xlsx?date_from=2020-01-01&date_to=2020-12-31",
    "/en/statistics/export.pdf?date_from=2020-01-01&date_to=2020-12-31",
]
EXPECTED = {"anonymous": 302, "company": 403, "partner": 403, "officer": 200, "admin": 200}


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_statistics_pages_permission_matrix(client_for, role, url):
    response = client_for(role).get(url)

    assert response.status_code == EXPECTED[role]


@pytest.mark.parametrize("role", ROLES)
def test_figure_delete_permission_matrix(client_for, role):
    figure = services.published_figure_create(
        user=None,
        metric=Metric.COUNT,
        period_from=date(2020, 1, 1),
        period_to=date(2020, 1, 31),
        value=Decimal(0),
        source="Test",
        published_on=date(2020, 2, 1),
    )

    response = client_for(role).post(f"/en/statistics/figures/{figure.pk}/delete/")

    assert response.status_code == {"officer": 302, "admin": 302}.get(role, EXPECTED[role])
    assert PublishedFigure.objects.filter(pk=figure.pk).exists() is (role not in {"officer", "admin"})


def _upload(client, path, language="en"):
    with path.open("rb") as handle:
        upload = SimpleUploadedFile(path.name, handle.read(), content_type="text/csv")
    return client.post(f"/{language}/statistics/import/", {"file": upload})


def test_acceptance_bad_row_then_corrected_file_shows_the_figures(client_for, files):
    """An officer uploads a file with one bad row, gets one clear error, then uploads the corrected file."""
    client = client_for("officer")
    good = [row(registered_on="2020-03-01"), row(registered_on="2020-04-02", investor_countries="RU;KZ")]
    bad = [*good, row(uscc=make_uscc(), registered_on="2020-13-01")]

    rejected = _upload(client, write_csv(files / "registry.csv", bad))

    page = rejected.content.decode()
    assert rejected.status_code == 400
    assert "The file has 1 error. Nothing was imported." in page
    assert (
        '<td class="num">4</td><td><code>registered_on</code></td><td>“2020-13-01” is not a date written as YYYY-MM-DD.</td>'
        in page
    )
    assert RegisteredEntity.objects.count() == 0
    assert ImportBatch.objects.count() == 0

    bad[2]["registered_on"] = "2020-12-01"
    accepted = _upload(client, write_csv(files / "registry.csv", bad))

    assert accepted.status_code == 302
    dashboard = client.get(accepted["Location"] + "?date_from=2020-01-01&date_to=2020-12-31")
    assert dashboard.status_code == 200
    assert dashboard.context["report"].count == 3
    assert '<p class="stats-figure" data-testid="report-count">3</p>' in dashboard.content.decode()
    assert ImportBatch.objects.get().imported_by.email == "officer@example.org"


def test_upload_errors_are_in_the_officers_language(client_for, files):
    response = _upload(client_for("officer"), write_csv(files / "r.csv", [row(industry="Z")]), language="ru")

    assert "«Z» — не буква раздела от A до T классификатора GB/T 4754-2017." in response.content.decode()


def test_upload_rejects_a_file_of_another_type(client_for):
    upload = SimpleUploadedFile("registry.pdf", b"%PDF-1.4 not a registry", content_type="application/pdf")

    response = client_for("officer").post("/en/statistics/import/", {"file": upload})

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "This file type is not accepted here. Accepted types: .csv, .xlsx, .parquet."
    ]


def test_upload_refuses_an_xlsx_bomb_in_chinese(client_for):
    upload = SimpleUploadedFile("registry.xlsx", xlsx_bomb())

    response = client_for("officer").post("/zh-hans/statistics/import/", {"file": upload})

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "该文件解压后将超过 256.0\xa0MB，可能是损坏的或恶意构造的压缩包。请重新保存，或拆分成几个较小的文件。"
    ]


@pytest.mark.parametrize("language", ["ru", "zh-hans", "en"])
def test_dashboard_renders_in_each_language(client_for, files, language):
    services.registry_import(
        path=write_csv(
            files / "r.csv",
            [
                row(investor_countries="RU;CN", registered_on="2020-03-31"),
                domestic_row(registered_on="2019-03-03"),
            ],
        ),
        file_name="r.csv",
    )

    response = client_for("officer").get(f"/{language}/statistics/")

    page = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in page
    assert page.count("data:image/png;base64,") == 4
    expected = {"ru": "Россия", "zh-hans": "俄罗斯", "en": "Russia"}[language]
    assert expected in page


def test_dashboard_defaults_to_the_complete_months_of_the_latest_year(client_for, files):
    rows = [row(registered_on="2020-10-05"), row(registered_on="2020-12-28")]
    services.registry_import(path=write_csv(files / "r.csv", rows), file_name="r.csv")

    response = client_for("officer").get("/en/statistics/")
    report = response.context["report"]

    assert (report.date_from, report.date_to, report.count) == (date(2020, 1, 1), date(2020, 11, 30), 1)
    assert response.context["form"].data["date_to"] == "2020-11-30"


def test_dashboard_with_a_reversed_period_shows_the_error(client_for):
    response = client_for("officer").get("/en/statistics/?date_from=2020-05-01&date_to=2020-01-01")

    assert response.status_code == 200
    assert response.context["report"] is None
    assert response.context["form"].errors["__all__"] == ["The end of the period is earlier than its start."]


def test_export_xlsx_holds_the_report(client_for, files):
    services.registry_import(
        path=write_csv(files / "r.csv", [row(investor_countries="RU;KZ"), row(registered_on="2019-05-05")]),
        file_name="r.csv",
    )

    response = client_for("officer").get(
        "/ru/statistics/export.xlsx?date_from=2020-01-01&date_to=2020-11-30&foreign_capital=on"
    )

    workbook = load_workbook(io.BytesIO(response.content))
    assert response["Content-Disposition"] == 'attachment; filename="registry-report-20200101-20201130.xlsx"'
    assert workbook.sheetnames == [
        "Сводка",
        "По месяцам",
        "По странам инвесторов",
        "По районам",
        "По отраслям",
        "Диаграммы",
    ]
    countries = [list(values) for values in workbook["По странам инвесторов"].iter_rows(values_only=True)]
    assert countries[1:] == [["KZ", "Казахстан", 1, 0], ["RU", "Россия", 1, 1]]
    assert len(workbook["Диаграммы"]._images) == 4


def test_export_pdf_is_a_pdf_with_charts(client_for, files):
    services.registry_import(
        path=write_csv(files / "r.csv", [row(investor_countries="RU")]), file_name="r.csv"
    )

    response = client_for("officer").get(
        "/zh-hans/statistics/export.pdf?date_from=2020-01-01&date_to=2020-12-31"
    )

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    # four charts, each an image with its transparency mask; reportlab stores identical masks once (the three
    # breakdown charts have the same size, so one mask), hence 4 + 2 image objects; the CJK font is embedded
    assert response.content.count(b"/Subtype /Image") == 6
    assert response.content.count(b"/SMask") == 4
    assert b"/FontFile2" in response.content


def test_export_with_invalid_filters_is_a_400(client_for):
    response = client_for("officer").get("/en/statistics/export.pdf?date_from=2020-05-01&date_to=bad")

    assert response.status_code == 400


def test_figures_page_records_a_figure_and_shows_its_status(client_for, files):
    services.registry_import(path=write_csv(files / "r.csv", [row(), row()]), file_name="r.csv")
    client = client_for("officer")

    response = client.post(
        "/en/statistics/figures/",
        {
            "metric": "count",
            "period_from": "2020-01-01",
            "period_to": "2020-11-30",
            "foreign_capital": "on",
            "country": "",
            "value": "2",
            "tolerance": "0",
            "wording": "about 2",
            "source": "Press release",
            "published_on": "2020-12-18",
        },
    )

    assert response.status_code == 302
    page = client.get("/en/statistics/figures/").content.decode()
    assert '<span class="badge ok">Reproduced</span>' in page


def test_figures_page_rejects_a_reversed_period(client_for):
    response = client_for("officer").post(
        "/en/statistics/figures/",
        {
            "metric": "count",
            "period_from": "2020-12-01",
            "period_to": "2020-01-01",
            "value": "2",
            "tolerance": "0",
            "source": "x",
            "published_on": "2020-12-18",
        },
    )

    assert response.status_code == 400
    assert PublishedFigure.objects.count() == 0


def test_figures_list_query_count_does_not_grow_with_figures(client_for, django_assert_num_queries):
    client = client_for("officer")
    for index in range(5):
        services.published_figure_create(
            user=None,
            metric=Metric.COUNT,
            period_from=date(2020, 1, 1),
            period_to=date(2020, 1, 31),
            value=Decimal(index),
            source="Test",
            published_on=date(2020, 2, 1),
        )

    # session, user, figures (with their imports), the footer's office contacts: 4 queries whatever the number
    with django_assert_num_queries(4):
        response = client.get("/en/statistics/figures/")

    assert len(response.context["figures"]) == 5


def test_upload_page_query_count(client_for, files, django_assert_num_queries):
    for index in range(3):
        services.registry_import(path=write_csv(files / f"{index}.csv", [row()]), file_name=f"{index}.csv")
    client = client_for("officer")

    with django_assert_num_queries(4):  # with the footer's office contacts
        response = client.get("/en/statistics/import/")

    assert len(response.context["batches"]) == 3


def test_dashboard_panel_and_nav_are_for_officers_only(client_for):
    officer_page = client_for("officer").get("/en/dashboard/").content.decode()
    company_page = client_for("company").get("/en/dashboard/").content.decode()

    assert 'data-testid="statistics-panel"' in officer_page
    assert 'href="/en/statistics/"' in officer_page
    assert 'data-testid="statistics-panel"' not in company_page
    assert 'href="/en/statistics/"' not in company_page


def test_admin_lists_the_registry_read_only(client_for, files):
    services.registry_import(path=write_csv(files / "r.csv", [row()]), file_name="r.csv")
    client = client_for("admin")

    listing = client.get("/admin/statistics/registeredentity/")
    add = client.get("/admin/statistics/registeredentity/add/")

    assert (listing.status_code, add.status_code) == (200, 403)


@pytest.mark.parametrize("kind", ["xlsx", "parquet"])
def test_upload_accepts_xlsx_and_parquet(client_for, files, kind):
    from tests.factories.statistics import write_parquet, write_xlsx

    writer = write_xlsx if kind == "xlsx" else write_parquet
    path = writer(files / f"registry.{kind}", [row(), domestic_row()])

    with path.open("rb") as handle:
        upload = SimpleUploadedFile(path.name, handle.read())
    response = client_for("officer").post("/en/statistics/import/", {"file": upload})

    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert (batch.file_name, batch.file_kind, batch.rows_created) == (f"registry.{kind}", kind, 2)
