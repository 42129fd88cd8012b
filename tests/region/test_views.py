import uuid

import pytest
from django.core import mail
from django.urls import reverse

from investbridge.region.models import Dimension, ExpressionOfInterest, Incentive, KeyFigure
from tests.factories.region import (
    DimensionFactory,
    ExpressionOfInterestFactory,
    IncentiveFactory,
    KeyFigureFactory,
    RegionProfileFactory,
)

pytestmark = pytest.mark.integration

ROLES = ["anonymous", "company", "partner", "officer", "admin"]
STAFF_EXPECTED = {"anonymous": 302, "company": 403, "partner": 403, "officer": 200, "admin": 200}


@pytest.fixture
def content(db):
    figure = KeyFigureFactory()
    incentive = IncentiveFactory(slug="tax-15")
    return {"figure": figure, "dimension": figure.dimension, "incentive": incentive}


def _public_urls(content):
    return [
        "/en/",
        f"/en/region/dimensions/{content['dimension'].kind}/",
        "/en/region/incentives/",
        "/en/region/incentives/tax-15/",
        "/en/region/interest/",
        "/en/region/interest/thanks/",
    ]


def _staff_urls(content):
    return [
        "/en/region/manage/",
        "/en/region/manage/profile/",
        f"/en/region/manage/dimensions/{content['dimension'].pk}/",
        f"/en/region/manage/dimensions/{content['dimension'].pk}/figures/new/",
        f"/en/region/manage/figures/{content['figure'].pk}/",
        "/en/region/manage/incentives/new/",
        f"/en/region/manage/incentives/{content['incentive'].pk}/",
        "/en/region/manage/interest/",
    ]


@pytest.mark.parametrize("role", ROLES)
def test_public_pages_permission_matrix(client_for, content, role):
    client = client_for(role)

    assert [client.get(url).status_code for url in _public_urls(content)] == [200] * 6


@pytest.mark.parametrize("role", ROLES)
def test_back_office_pages_permission_matrix(client_for, content, role):
    client = client_for(role)

    statuses = [client.get(url).status_code for url in _staff_urls(content)]

    assert statuses == [STAFF_EXPECTED[role]] * 8


@pytest.mark.parametrize("role", ROLES)
def test_key_figure_delete_permission_matrix(client_for, content, role):
    response = client_for(role).post(f"/en/region/manage/figures/{content['figure'].pk}/delete/")

    expected = {"anonymous": 302, "company": 403, "partner": 403, "officer": 302, "admin": 302}[role]
    assert response.status_code == expected
    assert KeyFigure.objects.filter(pk=content["figure"].pk).exists() is (role not in ("officer", "admin"))


def test_key_figure_delete_refuses_get(client_for, content):
    assert (
        client_for("officer").get(f"/en/region/manage/figures/{content['figure'].pk}/delete/").status_code
        == 405
    )


def test_landing_formats_key_figures_for_russian_reader(client, content):
    response = client.get("/ru/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "26\xa0800\xa0000" in html
    assert "на 31 декабря 2024\u202fг." in html
    assert "Пассажиропоток" in html
    assert "Демонстрационные данные." in html


def test_landing_formats_key_figures_for_chinese_reader(client, content):
    html = client.get("/zh-hans/").content.decode()

    assert "26,800,000" in html
    assert "截至2024年12月31日" in html
    assert "旅客吞吐量" in html


def test_landing_falls_back_to_office_language_and_marks_it(client, db):
    KeyFigureFactory(label_ru="", label_zh_hans="机场旅客", label_en="")

    html = client.get("/ru/").content.decode()

    assert '<dt lang="zh-hans">机场旅客</dt>' in html


def test_landing_without_profile_still_offers_the_form(client, db):
    response = client.get("/ru/")

    assert response.status_code == 200
    assert response.context["profile"] is None
    assert 'data-testid="interest-form"' in response.content.decode()


def test_landing_query_count_does_not_grow_with_content(client, db, django_assert_max_num_queries):
    profile = RegionProfileFactory()
    for kind in ("resource-base", "infrastructure", "business-climate"):
        dimension = DimensionFactory(profile=profile, kind=kind)
        KeyFigureFactory.create_batch(3, dimension=dimension)
    IncentiveFactory.create_batch(6)

    with django_assert_max_num_queries(8):
        client.get("/ru/")


def test_incentive_list_query_count(client, db, django_assert_num_queries):
    RegionProfileFactory()
    IncentiveFactory.create_batch(5)

    with django_assert_num_queries(4):  # profile, incentives, their sectors, the footer's office contacts
        response = client.get("/ru/region/incentives/")

    assert len(response.context["incentives"]) == 5


def test_interest_list_query_count(client_for, db, django_assert_max_num_queries):
    client = client_for("officer")
    ExpressionOfInterestFactory.create_batch(5)

    with django_assert_max_num_queries(6):  # session, user, expressions, sectors (+ savepoints)
        response = client.get("/en/region/manage/interest/")

    assert len(response.context["expressions"]) == 5


def test_unknown_dimension_and_incentive_are_404(client, content):
    assert client.get("/ru/region/dimensions/weather/").status_code == 404
    assert client.get("/ru/region/dimensions/production-factors/").status_code == 404
    assert client.get("/ru/region/incentives/no-such/").status_code == 404


def test_expired_incentive_is_not_listed(client, content):
    IncentiveFactory(slug="old", title_en="Old rule", valid_from="2010-01-01", valid_to="2012-12-31")

    response = client.get("/en/region/incentives/")

    assert [incentive.slug for incentive in response.context["incentives"]] == ["tax-15"]


def _interest_data(**overrides):
    data = {
        "submission_key": str(uuid.uuid4()),
        "name": "Ольга Петрова",
        "email": "olga@example.org",
        "organization_name": "ООО «Восток»",
        "country": "RU",
        "language": "ru",
        "sectors": ["H", "C"],
        "message": "Склад у порта.",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_interest_form_records_and_thanks_in_visitor_language(
    client, content, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ru/region/interest/", _interest_data(language="en"), follow=True)

    assert response.redirect_chain == [("/ru/region/interest/thanks/", 302)]
    assert "Спасибо за ваш интерес" in response.content.decode()
    expression = ExpressionOfInterest.objects.get()
    assert expression.language == "en"
    assert expression.consent_source == "web form /ru/region/interest/"
    assert sorted(sector.code for sector in expression.sectors.all()) == ["C", "H"]
    assert [message.subject for message in mail.outbox] == ["We have received your expression of interest"]


def test_interest_form_key_of_another_visitor_refused_in_language(client, content):
    key = str(uuid.uuid4())
    client.post("/ru/region/interest/", _interest_data(submission_key=key))

    response = client.post(
        "/zh-hans/region/interest/", _interest_data(submission_key=key, email="other@example.org")
    )

    assert response.status_code == 400
    assert response.context["form"].errors["submission_key"] == [
        "此提交密钥已被另一份提交使用，请使用新的密钥。"
    ]
    assert ExpressionOfInterest.objects.get().email == "olga@example.org"


def test_interest_form_sent_twice_records_once(client, content, django_capture_on_commit_callbacks):
    data = _interest_data()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/ru/region/interest/", data)
        client.post("/ru/region/interest/", data)

    assert ExpressionOfInterest.objects.count() == 1
    assert len(mail.outbox) == 1


def test_interest_form_without_consent_shows_error_in_chinese(client, content):
    data = _interest_data()
    del data["consent"]

    response = client.post("/zh-hans/region/interest/", data)

    assert response.status_code == 400
    assert response.context["form"].errors == {"consent": ["须经您同意，我们才能与您联系。"]}
    assert "须经您同意，我们才能与您联系。" in response.content.decode()
    assert ExpressionOfInterest.objects.count() == 0


def test_interest_form_with_bad_email_and_country_shows_russian_errors(client, content):
    response = client.post("/ru/region/interest/", _interest_data(email="olga@", country="ZZ"))

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["email"] == ["Введите правильный адрес электронной почты."]
    assert sorted(errors) == ["country", "email"]


def test_officer_edits_dimension_side_by_side(client_for, content):
    client = client_for("officer")
    dimension = content["dimension"]
    page = client.get(f"/en/region/manage/dimensions/{dimension.pk}/")
    assert [len(row["fields"]) for row in page.context["form"].translated_rows()] == [3, 3, 3]

    response = client.post(
        f"/en/region/manage/dimensions/{dimension.pk}/",
        {
            "version": 1,
            "order": 5,
            "title_ru": "Транспорт",
            "title_zh_hans": "交通",
            "title_en": "Transport",
            "summary_ru": "",
            "summary_zh_hans": "",
            "summary_en": "",
            "body_ru": "",
            "body_zh_hans": "",
            "body_en": "",
        },
    )

    assert response.status_code == 302
    dimension.refresh_from_db()
    assert (dimension.title_ru, dimension.title_zh_hans, dimension.title_en, dimension.version) == (
        "Транспорт",
        "交通",
        "Transport",
        2,
    )


def test_officer_edit_from_stale_version_is_refused_with_message(client_for, content):
    client = client_for("officer")
    dimension = content["dimension"]
    Dimension.objects.filter(pk=dimension.pk).update(version=2)

    response = client.post(
        f"/ru/region/manage/dimensions/{dimension.pk}/",
        {"version": 1, "order": 1, "title_zh_hans": "交通"},
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Пока вы редактировали запись, её сохранил другой сотрудник. Обновите страницу, чтобы увидеть его "
        "изменения, и внесите свои заново."
    ]


def test_officer_edit_requires_office_language_title(client_for, content):
    response = client_for("officer").post(
        f"/en/region/manage/dimensions/{content['dimension'].pk}/",
        {"version": 1, "order": 1, "title_ru": "Только по-русски"},
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["title_zh_hans"]


def test_officer_creates_key_figure_and_incentive(client_for, content):
    client = client_for("officer")
    dimension = content["dimension"]

    figure_response = client.post(
        f"/en/region/manage/dimensions/{dimension.pk}/figures/new/",
        {
            "label_zh_hans": "面积",
            "label_ru": "Площадь",
            "unit_zh_hans": "平方公里",
            "value": "3146.5",
            "as_of": "2024-12-31",
            "source_url": "https://example.org/area",
            "order": 3,
        },
    )
    incentive_response = client.post(
        "/en/region/manage/incentives/new/",
        {
            "slug": "zero-tariff",
            "title_zh_hans": "零关税",
            "title_en": "Zero tariffs",
            "valid_from": "2025-12-18",
            "is_published": "on",
            "order": 1,
            "sectors": ["C"],
        },
    )

    assert (figure_response.status_code, incentive_response.status_code) == (302, 302)
    assert dimension.key_figures.get(order=3).label_ru == "Площадь"
    incentive = Incentive.objects.get(slug="zero-tariff")
    assert [sector.code for sector in incentive.sectors.all()] == ["C"]


def test_officer_incentive_with_inverted_dates_gets_error(client_for, content):
    response = client_for("officer").post(
        "/en/region/manage/incentives/new/",
        {
            "slug": "x",
            "title_zh_hans": "某政策",
            "valid_from": "2025-01-01",
            "valid_to": "2024-01-01",
            "order": 1,
        },
    )

    assert response.status_code == 400
    assert response.context["form"].errors["valid_to"] == [
        "The end of validity cannot come before its start."
    ]


def test_officer_edits_profile(client_for, content):
    response = client_for("officer").post(
        "/en/region/manage/profile/",
        {
            "name_zh_hans": "海口市",
            "name_ru": "Хайкоу",
            "name_en": "Haikou",
            "office_email": "invest@example.org",
        },
    )

    assert response.status_code == 302
    profile = content["dimension"].profile
    profile.refresh_from_db()
    assert (profile.name_zh_hans, profile.office_email) == ("海口市", "invest@example.org")


def test_interest_list_filters_by_status(client_for, db):
    ExpressionOfInterestFactory(name="Новый")
    ExpressionOfInterestFactory(name="Переданный", status="routed")

    response = client_for("officer").get("/en/region/manage/interest/?status=routed")

    assert [expression.name for expression in response.context["expressions"]] == ["Переданный"]


def test_officer_dashboard_shows_new_expressions_of_interest(client_for, db):
    ExpressionOfInterestFactory.create_batch(2)

    html = client_for("officer").get("/ru/dashboard/").content.decode()

    assert "2 новых заявления ждут передачи в работу." in html
    assert reverse("region:manage_interest_list") in html


def test_company_dashboard_has_no_region_panel(client_for, db):
    ExpressionOfInterestFactory()

    assert (
        'data-testid="region-dashboard"' not in client_for("company").get("/ru/dashboard/").content.decode()
    )


def test_dimension_page_query_count(client, db, django_assert_max_num_queries):
    profile = RegionProfileFactory()
    for kind in ("resource-base", "infrastructure", "business-climate"):
        KeyFigureFactory.create_batch(4, dimension=DimensionFactory(profile=profile, kind=kind))

    with django_assert_max_num_queries(4):  # profile, dimensions, key figures, the footer's office contacts
        response = client.get("/ru/region/dimensions/infrastructure/")

    assert len(response.context["dimension"].key_figures.all()) == 4


def test_policies_page_lists_current_incentives(client, db):
    profile = RegionProfileFactory()
    DimensionFactory(profile=profile, kind="preferential-policies", title_ru="Льготы")
    IncentiveFactory(slug="tax", title_ru="Налог 15 %")

    response = client.get("/ru/region/dimensions/preferential-policies/")

    assert [incentive.slug for incentive in response.context["incentives"]] == ["tax"]
    assert "Налог 15 %" in response.content.decode()


def test_interest_form_is_rate_limited_per_address(client, content, settings):
    settings.REGION_INTEREST_RATE = "2/hour"

    statuses = [client.post("/ru/region/interest/", _interest_data()).status_code for _ in range(3)]

    assert statuses == [302, 302, 429]
    assert ExpressionOfInterest.objects.count() == 2
