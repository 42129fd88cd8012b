"""Background tasks of the events domain (django-tasks): thin wrappers that load objects and call the domain.

`queue_registration_mail` is how services queue a registrant's mail; `emails.py` renders it and imports nothing
from here (no import cycle).
"""

from django.db import transaction
from django_tasks import task
from django_tasks_db.backend import DatabaseBackend

from investbridge.core import limits
from investbridge.events.emails import send_registration_mail
from investbridge.events.models import Registration


@task()
def send_registration_mail_task(registration_id: int, kind: str, message: str = "") -> None:
    """Render and send one registration e-mail (with its .ics) in the registrant's language."""
    send_registration_mail(registration_id, kind, message)


def queue_registration_mail(registration: Registration, kind: str, *, message: str = "") -> None:
    """Queue the mail as a background task that exists only if the current transaction commits.

    The request that registers someone only inserts a task (its id, the kind, the message); `investbridge
    db_worker` renders the mail and its .ics in the registrant's language and sends it. With the database task
    backend the task's row is written inside the caller's transaction, so it commits or rolls back with the
    change (no write transaction of its own); other backends get the task once the transaction commits.
    """
    if limits.mail_is_held_back(registration.email):
        return  # a public door's cap on mails to this address is reached (`core.limits.mail_held_back`)
    registration_id = registration.pk
    if isinstance(send_registration_mail_task.get_backend(), DatabaseBackend):
        send_registration_mail_task.enqueue(registration_id, kind, message)
    else:
        transaction.on_commit(lambda: send_registration_mail_task.enqueue(registration_id, kind, message))
