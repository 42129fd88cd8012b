import uuid
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from investbridge.directory.models import Sector
from investbridge.region import services
from investbridge.region.models import ExpressionOfInterest, InterestStatus
from tests.factories.region import (
    DimensionFactory,
    ExpressionOfInterestFactory,
    IncentiveFactory,
    KeyFigureFactory,
    RegionProfileFactory,
)

pytestmark = pytest.mark.integration


def _create(**overrides):
    data = {
        "submission_key": uuid.uuid4(),
        "name": "  Ольга Петрова ",
        "email": "olga@example.org",
        "organization_name": "ООО «Восток»",
        "country": "ru",
        "language": "ru",
        "consent": True,
        "consent_source": "test form",
        "message": "Интересует порт.",
    }
    data.update(overrides)
    return services.expression_of_interest_create(**data)


def test_expression_of_interest_create_records_consent_and_mails_in_chosen_language(
    db, django_capture_on_commit_callbacks
):
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        expression = _create(language="zh-hans", sectors=[Sector.objects.get(code="H")])

    expression.refresh_from_db()
    assert expression.name == "Ольга Петрова"
    assert expression.country == "RU"
    # The pipeline's listener routed it into an inquiry on commit (tests/pipeline/test_expression_routing_auto.py).
    assert expression.status == InterestStatus.ROUTED
    assert expression.consent is True
    assert expression.consent_at >= before
    assert expression.consent_source == "test form"
    assert [sector.code for sector in expression.sectors.all()] == ["H"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["olga@example.org"]
    assert mail.outbox[0].subject == "我们已收到您的投资意向"
    assert "Ольга Петрова" in mail.outbox[0].body


def test_expression_of_interest_create_mail_in_russian(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _create(language="ru")

    assert mail.outbox[0].subject == "Мы получили ваше заявление о заинтересованности"


def test_expression_of_interest_create_without_consent_is_refused(db):
    with pytest.raises(ValidationError) as error:
        _create(consent=False)

    with translation.override("en"):
        assert error.value.message_dict == {"consent": ["We can only contact you with your consent."]}
    assert ExpressionOfInterest.objects.count() == 0


def test_expression_of_interest_create_with_unknown_language_is_refused(db):
    with pytest.raises(ValidationError):
        _create(language="de")


def test_expression_of_interest_create_twice_with_same_key_records_once(
    db, django_capture_on_commit_callbacks
):
    key = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        first = _create(submission_key=key)
    with django_capture_on_commit_callbacks(execute=True):
        second = _create(submission_key=key)

    assert first.pk == second.pk
    assert ExpressionOfInterest.objects.count() == 1
    assert len(mail.outbox) == 1


def test_expression_of_interest_mark_routed_once(db):
    expression = ExpressionOfInterestFactory()

    routed = services.expression_of_interest_mark_routed(expression=expression, reference="inquiry 42")

    assert routed.status == InterestStatus.ROUTED
    assert routed.routed_reference == "inquiry 42"
    assert routed.routed_at is not None
    with pytest.raises(ValidationError):
        services.expression_of_interest_mark_routed(expression=expression, reference="inquiry 43")
    expression.refresh_from_db()
    assert expression.routed_reference == "inquiry 42"


def test_expression_of_interest_mark_routed_by_company_user_is_denied(db, company_user, officer):
    expression = ExpressionOfInterestFactory()

    with pytest.raises(PermissionDenied):
        services.expression_of_interest_mark_routed(expression=expression, user=company_user)

    assert services.expression_of_interest_mark_routed(expression=expression, user=officer).status == "routed"


@pytest.mark.parametrize("role", ["company", "partner"])
def test_dimension_update_by_non_officer_is_denied(user_for_role, role):
    dimension = DimensionFactory()

    with pytest.raises(PermissionDenied):
        services.dimension_update(
            user=user_for_role(role), dimension_id=dimension.pk, expected_version=1, data={"title_ru": "x"}
        )


def test_dimension_update_changes_texts_and_version(officer):
    dimension = DimensionFactory(title_ru="Старое")

    updated = services.dimension_update(
        user=officer, dimension_id=dimension.pk, expected_version=1, data={"title_ru": "Новое", "order": 3}
    )

    assert (updated.title_ru, updated.order, updated.version) == ("Новое", 3, 2)


def test_dimension_update_from_a_stale_version_is_refused(officer):
    dimension = DimensionFactory()
    services.dimension_update(
        user=officer, dimension_id=dimension.pk, expected_version=1, data={"title_en": "A"}
    )

    with pytest.raises(ValidationError) as error:
        services.dimension_update(
            user=officer, dimension_id=dimension.pk, expected_version=1, data={"title_en": "B"}
        )

    assert error.value.code == "stale"
    dimension.refresh_from_db()
    assert dimension.title_en == "A"


def test_dimension_update_rejects_fields_outside_its_list(officer):
    dimension = DimensionFactory()

    with pytest.raises(ValueError, match="kind"):
        services.dimension_update(
            user=officer, dimension_id=dimension.pk, expected_version=1, data={"kind": "x"}
        )


def test_key_figure_create_update_delete(officer):
    dimension = DimensionFactory()
    data = {
        "label_ru": "Площадь",
        "label_zh_hans": "面积",
        "label_en": "Area",
        "unit_ru": "км²",
        "unit_zh_hans": "平方公里",
        "unit_en": "km²",
        "source_name_ru": "",
        "source_name_zh_hans": "",
        "source_name_en": "",
        "value": Decimal("3146"),
        "as_of": timezone.localdate(),
        "source_url": "",
        "order": 1,
    }

    figure = services.key_figure_create(user=officer, dimension=dimension, data=data)
    services.key_figure_update(user=officer, key_figure_id=figure.pk, data={"value": Decimal("3150.5")})
    figure.refresh_from_db()

    assert figure.value == Decimal("3150.5")
    services.key_figure_delete(user=officer, key_figure_id=figure.pk)
    assert dimension.key_figures.count() == 0


def test_key_figure_delete_by_partner_is_denied(partner_user):
    figure = KeyFigureFactory()

    with pytest.raises(PermissionDenied):
        services.key_figure_delete(user=partner_user, key_figure_id=figure.pk)


def test_incentive_update_sets_sectors_and_refuses_stale_version(officer):
    incentive = IncentiveFactory()
    sectors = list(Sector.objects.filter(code__in=["C", "J"]))

    services.incentive_update(
        user=officer, incentive_id=incentive.pk, expected_version=1, data={"title_en": "New"}, sectors=sectors
    )
    incentive.refresh_from_db()

    assert incentive.title_en == "New"
    assert sorted(sector.code for sector in incentive.sectors.all()) == ["C", "J"]
    with pytest.raises(ValidationError):
        services.incentive_update(user=officer, incentive_id=incentive.pk, expected_version=1, data={})


def test_expression_of_interest_notifies_office_in_office_language(db, django_capture_on_commit_callbacks):
    RegionProfileFactory(office_email="invest@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        _create(language="ru", sectors=[Sector.objects.get(code="H")])

    assert [message.to for message in mail.outbox] == [["olga@example.org"], ["invest@example.org"]]
    notice = mail.outbox[1]
    assert notice.subject == "新的投资意向：Ольга Петрова"
    assert "国家/地区: 俄罗斯" in notice.body
    assert notice.body.strip().endswith(f"{settings.SITE_URL}/zh-hans/region/manage/interest/")


def test_expression_of_interest_create_calls_listeners_once_after_commit(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    heard: list[int] = []
    monkeypatch.setattr(services, "_created_listeners", [])
    services.expression_of_interest_on_created(heard.append)
    services.expression_of_interest_on_created(heard.append)  # registered once
    key = uuid.uuid4()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        expression = _create(submission_key=key)
        _create(submission_key=key)  # the same submission again: nothing new
    assert heard == []
    for callback in callbacks:
        callback()

    assert heard == [expression.pk]


def test_expression_of_interest_create_demo_calls_no_listener(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    heard: list[int] = []
    monkeypatch.setattr(services, "_created_listeners", [heard.append])

    with django_capture_on_commit_callbacks(execute=True):
        _create(is_demo=True)

    assert heard == []


def test_expression_of_interest_create_failing_listener_keeps_the_expression(
    db, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def broken(expression_id: int) -> None:
        raise RuntimeError("queue is down")

    monkeypatch.setattr(services, "_created_listeners", [broken])

    with django_capture_on_commit_callbacks(execute=True):
        expression = _create()

    expression.refresh_from_db()
    assert expression.status == InterestStatus.NEW
    assert "queue is down" in caplog.text


def test_profile_create_and_dimension_create_by_an_officer(officer):
    profile = services.profile_create(
        user=officer, slug="sanya", data={"name_ru": "Санья", "name_zh_hans": "三亚", "name_en": "Sanya"}
    )
    dimension = services.dimension_create(
        user=officer, profile=profile, kind="infrastructure", data={"title_en": "Infrastructure", "order": 10}
    )

    assert (profile.slug, profile.name_zh_hans, profile.is_demo) == ("sanya", "三亚", False)
    assert list(profile.dimensions.values_list("kind", "title_en", "version")) == [
        ("infrastructure", "Infrastructure", dimension.version)
    ]


def test_profile_create_refuses_a_company_representative(db):
    from tests.factories.accounts import UserFactory

    with pytest.raises(PermissionDenied):
        services.profile_create(user=UserFactory(role="company"), slug="sanya", data={"name_en": "Sanya"})
