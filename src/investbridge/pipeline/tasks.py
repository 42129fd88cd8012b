"""Background tasks of the pipeline domain (django-tasks): thin wrappers around services."""

from datetime import date

from django_tasks import task

from investbridge.pipeline import services


@task()
def send_digest(user_id: int, day: str) -> int:
    """Send one user's daily digest; returns the number of items (0 when nothing was sent)."""
    record = services.digest_send(user_id=user_id, day=date.fromisoformat(day))
    return record.item_count if record else 0
