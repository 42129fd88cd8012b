"""Background tasks of the pipeline domain (django-tasks): thin wrappers around services."""

from datetime import date

from django_tasks import task

from investbridge.pipeline import services


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


@task()
def enqueue_digests(day: str) -> int:
    """The daily periodic job: queue the day's digest for every officer and partner user (`send_digest`)."""
    return services.digests_enqueue(day=date.fromisoformat(day))


@task()
def send_warnings() -> int:
    """The periodic job: warn officers about inquiries whose reply is due soon or overdue."""
    return services.inquiry_overdue_warnings_send()


@task()
def send_reminders() -> int:
    """The periodic job: send the task reminders whose time has come."""
    return services.task_reminders_send()
