"""What goes into a user's daily digest: overdue replies and tasks for officers, obligations for officers and
partner staff. Read-only; `services.digest_send` sends it.

The obligations belong to the agreements domain, which is above the pipeline in the layer order: it registers the
function that lists them (`register_obligations`, in its AppConfig.ready()), so the pipeline does not import it."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from investbridge.core.permissions import has_role
from investbridge.core.roles import Role
from investbridge.pipeline import selectors
from investbridge.pipeline.models import Inquiry, Task

#: Partners hear about obligations due within this many days.
OBLIGATION_HORIZON_DAYS = 14

#: (user, due_by) -> the obligations due by then that the user's digest lists; set by the agreements app.
ObligationSource = Callable[..., list[Any]]
_obligation_sources: list[ObligationSource] = []


def register_obligations(source: ObligationSource) -> None:
    """Called by the agreements app: `source(user, due_by=date)` lists the user's obligations due by that day."""
    if source not in _obligation_sources:
        _obligation_sources.append(source)


def _obligations(user: Any, *, due_by: date) -> list[Any]:
    return [obligation for source in _obligation_sources for obligation in source(user, due_by=due_by)]


@dataclass
class Digest:
    overdue_inquiries: list[Inquiry] = field(default_factory=list)
    due_tasks: list[Task] = field(default_factory=list)
    obligations: list[Any] = field(default_factory=list)

    @property
    def item_count(self) -> int:
        return len(self.overdue_inquiries) + len(self.due_tasks) + len(self.obligations)


def digest_for(user: Any, *, now: datetime) -> Digest:
    digest = Digest()
    horizon = (now + timedelta(days=OBLIGATION_HORIZON_DAYS)).date()
    if has_role(user, Role.OFFICER, Role.ADMIN):
        digest.overdue_inquiries = list(
            selectors.inquiries_overdue(now=now, officer=user).order_by("reply_due_at")
        )
        digest.due_tasks = list(selectors.tasks_open_for(user).filter(due_at__lt=now + timedelta(days=1)))
    digest.obligations = _obligations(user, due_by=horizon)
    return digest
