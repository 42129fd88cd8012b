"""Tasks of the matchmaking domain (django-tasks): the scheduler run and the expiry of unanswered requests."""

from django_tasks import task

from investbridge.matchmaking import services


@task()
def run_scheduler(run_id: int) -> int:
    """Compute the draft schedule of a queued run; returns the number of meetings scheduled."""
    return services.schedule_run_execute(run_id=run_id).scheduled


@task()
def expire_requests() -> int:
    """Expire the pending requests past their deadline; returns how many."""
    return services.requests_expire()
