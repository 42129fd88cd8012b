"""E-mails of the directory: the link that lets a person confirm a change to their own record (double opt-in).

Services call `queue_person_change_mail` inside their transaction; the mail leaves only if it commits.
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks_db.backend import DatabaseBackend

from investbridge.core import mail
from investbridge.core.urls import absolute_url
from investbridge.directory.models import Person
from investbridge.directory.services import PERSON_CHANGE_MAX_AGE, person_change_read


def person_change_url(*, language: str, token: str) -> str:
    return absolute_url("directory:confirm_change", language=language, args=[token])


def build_person_change_mail(person: Person, token: str) -> mail.Outgoing:
    """The mail with the confirmation link, in the person's own language, saying what the link would change."""
    language = person.preferred_language if person.preferred_language in settings.LANGUAGE_CODES else None
    language = language or settings.LANGUAGE_CODE
    change = person_change_read(token=token)
    with override(language):
        body = render_to_string(
            "directory/email/confirm_change.txt",
            {
                "person": person,
                "change": change,
                "url": person_change_url(language=language, token=token),
                "days": PERSON_CHANGE_MAX_AGE.days,
            },
        )
        subject = _("Please confirm the change to your details")
    return mail.compose(
        to=person.email,
        subject=subject,
        body=body,
        language=language,
        kind="directory.confirm_change",
        related=person,
    )


def send_person_change_mail(person_id: int, token: str) -> None:
    person = Person.objects.get(pk=person_id)
    build_person_change_mail(person, token).send()


def queue_person_change_mail(*, person_id: int, token: str) -> None:
    """Queue the mail as a background task that exists only if the current transaction commits (with the database
    task backend its row is written in the caller's transaction; other backends get it on commit)."""
    from investbridge.directory.tasks import send_person_change_mail_task  # local: tasks imports this module

    if isinstance(send_person_change_mail_task.get_backend(), DatabaseBackend):
        send_person_change_mail_task.enqueue(person_id, token)
    else:
        transaction.on_commit(lambda: send_person_change_mail_task.enqueue(person_id, token))
