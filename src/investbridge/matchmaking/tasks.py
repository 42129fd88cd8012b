"""Tasks of the matchmaking domain (django-tasks): the expiry of unanswered requests. The scheduler run's task is
`runs.run_scheduler` (the services queue it)."""

from django_tasks import task

from investbridge.matchmaking import services


@task()
def expire_requests() -> int:
    """Expire the pending requests past their deadline; returns how many."""
    return services.requests_expire()
