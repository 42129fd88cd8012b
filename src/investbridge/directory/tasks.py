"""Background tasks of the directory (django-tasks): thin wrappers that load objects and call the domain."""

from django_tasks import task

from investbridge.directory.emails import send_person_change_mail


@task()
def send_person_change_mail_task(person_id: int, token: str) -> None:
    """Send a person the link that confirms a change to their record, in their language."""
    send_person_change_mail(person_id, token)
