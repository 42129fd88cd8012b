from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "investbridge.matchmaking"
    label = "matchmaking"
    verbose_name = _("B2B matchmaking")

    def ready(self) -> None:
        from datetime import timedelta

        from investbridge.core import schedule
        from investbridge.events import registrant_links
        from investbridge.matchmaking import links, tasks

        # The worker expires unanswered meeting requests (core/schedule.py; INVESTBRIDGE_SCHEDULE_MATCHMAKING_EXPIRE).
        schedule.register("matchmaking.expire", tasks.expire_requests, every=timedelta(minutes=15))
        # A confirmed registrant's own page links to its B2B page (events/registrant_links.py).
        registrant_links.register("b2b", links.b2b_link)
