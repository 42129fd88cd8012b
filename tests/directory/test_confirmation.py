"""Double opt-in: a public submission changes a known person's consent and memberships only through a link
mailed to that person, which is signed, expires and can be applied any number of times."""

import re
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.utils import timezone

from investbridge.directory import services
from investbridge.directory.models import Membership, Person
from tests.conftest import ROLES
from tests.factories.directory import MembershipFactory, OrganizationFactory, PersonFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def known(db):
    return PersonFactory(full_name="Иван Петров", email="ivan@example.ru", preferred_language="ru")


def _propose(django_capture_on_commit_callbacks, *, person_email="IVAN@example.ru", organization=None):
    organization = organization or OrganizationFactory(name="ООО «Ромашка»", name_ru="ООО «Ромашка»")
    with django_capture_on_commit_callbacks(execute=True):
        person = services.person_match_or_create(
            full_name="Someone Else",
            email=person_email,
            organization=organization,
            position="Директор",
            consent=True,
            consent_source="event registration: test",
            preferred_language="en",
            confirm_by_mail=True,
        )
    return person, organization


def _link() -> str:
    """The confirmation link of the last mail, as a path on this site."""
    (path,) = re.findall(r"(/(?:ru|zh-hans|en)/directory/confirm/[^/\s]+/)", mail.outbox[-1].body)
    return path


def test_known_person_public_submission_changes_nothing_and_mails_link(
    known, django_capture_on_commit_callbacks
):
    person, _organization = _propose(django_capture_on_commit_callbacks)

    known.refresh_from_db()
    assert person.pk == known.pk
    assert (known.full_name, known.consent_to_contact, known.consent_at) == ("Иван Петров", False, None)
    assert not Membership.objects.filter(person=known).exists()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    # To the person's own address, in the person's language (not the one the form asked for).
    assert (message.to, message.subject) == (["ivan@example.ru"], "Подтвердите изменение ваших данных")
    assert "вы согласны, чтобы офис по привлечению инвестиций связывался с вами" in message.body
    assert "вы работаете в организации «ООО «Ромашка»» в должности «Директор»" in message.body
    assert "/ru/directory/confirm/" in message.body


def test_new_person_public_submission_applied_at_once_without_mail(db, django_capture_on_commit_callbacks):
    person, organization = _propose(django_capture_on_commit_callbacks, person_email="new@example.ru")

    person.refresh_from_db()
    assert person.consent_to_contact is True
    assert Membership.objects.filter(person=person, organization=organization, position="Директор").exists()
    assert mail.outbox == []


def test_known_person_same_details_no_mail(known, django_capture_on_commit_callbacks):
    organization = OrganizationFactory(name="Vostok", name_en="Vostok")
    MembershipFactory(person=known, organization=organization)
    known.consent_to_contact = True
    known.save()

    _propose(django_capture_on_commit_callbacks, organization=organization)

    assert mail.outbox == []


def test_known_person_without_confirm_by_mail_changes_at_once(known, django_capture_on_commit_callbacks):
    organization = OrganizationFactory(name="Vostok", name_en="Vostok")

    with django_capture_on_commit_callbacks(execute=True):
        services.person_match_or_create(
            full_name="Иван Петров", email="ivan@example.ru", organization=organization, consent=True
        )

    known.refresh_from_db()
    assert known.consent_to_contact is True
    assert Membership.objects.filter(person=known, organization=organization).exists()
    assert mail.outbox == []


def test_confirm_link_get_shows_change_post_applies_idempotently(
    client, known, django_capture_on_commit_callbacks
):
    _person, organization = _propose(django_capture_on_commit_callbacks)
    link = _link()

    shown = client.get(link)
    known.refresh_from_db()
    assert shown.status_code == 200
    assert "вы работаете в организации «ООО «Ромашка»» в должности «Директор»" in shown.content.decode()
    assert known.consent_to_contact is False  # a GET (a mail scanner following links) changes nothing

    applied = client.post(link)
    again = client.post(link)

    known.refresh_from_db()
    assert (applied.status_code, again.status_code) == (200, 200)
    assert "Ваши данные обновлены" in applied.content.decode()
    assert known.consent_to_contact is True
    assert known.consent_source == "event registration: test (confirmed by e-mail)"
    assert list(Membership.objects.filter(person=known).values_list("organization", "position")) == [
        (organization.pk, "Директор")
    ]
    after = client.get(link)
    assert "изменять больше нечего" in after.content.decode()


def test_confirm_link_tampered_refused_with_clear_page(client, known, django_capture_on_commit_callbacks):
    _propose(django_capture_on_commit_callbacks)
    link = _link()
    token = link.rstrip("/").rsplit("/", 1)[1]
    payload = signing.loads(token, salt="investbridge.directory.person-change")
    forged = signing.dumps({**payload, "p": PersonFactory().pk}, salt="wrong-salt", compress=True)

    responses = [
        client.post(link.replace(token, token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB"))),
        client.post(link.replace(token, forged)),
        client.get("/en/directory/confirm/garbage/"),
    ]

    assert [response.status_code for response in responses] == [400, 400, 400]
    assert "Эта ссылка для подтверждения недействительна" in responses[0].content.decode()
    assert "This confirmation link is not valid" in responses[2].content.decode()
    known.refresh_from_db()
    assert known.consent_to_contact is False
    assert Membership.objects.count() == 0


def test_confirm_link_expired_refused_with_clear_page(
    client, known, django_capture_on_commit_callbacks, monkeypatch
):
    _propose(django_capture_on_commit_callbacks)
    link = _link()
    later = timezone.now() + services.PERSON_CHANGE_MAX_AGE + timedelta(minutes=1)
    monkeypatch.setattr(signing.time, "time", lambda: later.timestamp())

    response = client.post(link.replace("/ru/", "/zh-hans/"))

    assert response.status_code == 410
    assert "此确认链接已过期" in response.content.decode()
    known.refresh_from_db()
    assert known.consent_to_contact is False
    assert Membership.objects.count() == 0


def test_confirm_link_refused_when_person_email_changed(client, known, django_capture_on_commit_callbacks):
    _propose(django_capture_on_commit_callbacks)
    link = _link()
    Person.objects.filter(pk=known.pk).update(email="other@example.ru", email_normalized="other@example.ru")

    response = client.post(link)

    assert response.status_code == 400
    assert "больше не соответствует" in response.content.decode()
    assert Membership.objects.count() == 0


def test_confirm_link_follows_merge_of_person(client, known, django_capture_on_commit_callbacks):
    _propose(django_capture_on_commit_callbacks)
    link = _link()
    target = PersonFactory(email="target@example.ru")
    Person.objects.filter(pk=target.pk).update(email="", email_normalized="")
    Person.objects.filter(pk=known.pk).update(merged_into=target)
    Person.objects.filter(pk=target.pk).update(email="ivan@example.ru", email_normalized="ivan@example.ru")

    response = client.post(link)

    assert response.status_code == 200
    assert Person.objects.get(pk=target.pk).consent_to_contact is True
    assert Membership.objects.filter(person=target).count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_confirm_change_permission_matrix(client_for, role, django_capture_on_commit_callbacks):
    PersonFactory(email="ivan@example.ru", preferred_language="en")
    _propose(django_capture_on_commit_callbacks)
    link = _link()

    client = client_for(role)

    assert (client.get(link).status_code, client.post(link).status_code) == (200, 200)
    assert client.get("/en/directory/confirm/garbage/").status_code == 400
