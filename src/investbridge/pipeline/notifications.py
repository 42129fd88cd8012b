"""What goes into a user's daily digest: overdue replies and tasks for officers, obligations for officers and
partner staff. Read-only; `services.digest_send` sends it."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from investbridge.agreements import selectors as agreement_selectors
from investbridge.core.permissions import has_role
from investbridge.core.roles import Role
from investbridge.pipeline import selectors
from investbridge.pipeline.models import Inquiry, Task

#: Partners hear about obligations due within this many days.
OBLIGATION_HORIZON_DAYS = 14


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
        digest.obligations = list(
            agreement_selectors.obligations_followed_by(user).filter(due_on__lte=horizon)
        )
    elif has_role(user, Role.PARTNER):
        digest.obligations = list(
            agreement_selectors.obligations_visible_to(user, open_only=True).filter(due_on__lte=horizon)
        )
    return digest
