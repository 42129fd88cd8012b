"""Background tasks of the events domain (django-tasks): thin wrappers that load objects and call the domain."""

from django_tasks import task

from investbridge.events.emails import send_registration_mail


@task()
def send_registration_mail_task(registration_id: int, kind: str, message: str = "") -> None:
    """Render and send one registration e-mail (with its .ics) in the registrant's language."""
    send_registration_mail(registration_id, kind, message)
