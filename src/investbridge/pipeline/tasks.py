"""Background tasks of the pipeline domain (django-tasks): thin wrappers around services."""

from datetime import date

from django_tasks import task

from investbridge.pipeline import selectors, services


@task()
def route_expression_of_interest(expression_id: int) -> int | None:
    """Turn a new expression of interest into an inquiry; returns the inquiry's id (None: routed already)."""
    inquiry = services.expression_of_interest_route(expression_id=expression_id)
    return inquiry.pk if inquiry else None


def queue_expression_of_interest_routing(expression_id: int) -> None:
    """The region's listener for new expressions of interest (registered in pipeline/apps.py)."""
    route_expression_of_interest.enqueue(expression_id)


@task()
def send_digest(user_id: int, day: str) -> int:
    """Send one user's daily digest; returns the number of items (0 when nothing was sent)."""
    record = services.digest_send(user_id=user_id, day=date.fromisoformat(day))
    return record.item_count if record else 0


def digests_enqueue(*, day: date) -> int:
    """Queue one digest per officer and partner user for the day (`send_digest`); returns how many.

    Here rather than in the services: the services never queue a task that calls them back (no import cycle)."""
    recipients = selectors.digest_recipients()
    for recipient in recipients:
        send_digest.enqueue(user_id=recipient.pk, day=day.isoformat())
    return len(recipients)


@task()
def enqueue_digests(day: str) -> int:
    """The daily periodic job: queue the day's digest for every officer and partner user (`send_digest`)."""
    return digests_enqueue(day=date.fromisoformat(day))


@task()
def send_warnings() -> int:
    """The periodic job: warn officers about inquiries whose reply is due soon or overdue."""
    return services.inquiry_overdue_warnings_send()


@task()
def send_reminders() -> int:
    """The periodic job: send the task reminders whose time has come."""
    return services.task_reminders_send()
