from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "investbridge.matchmaking"
    label = "matchmaking"
    verbose_name = _("B2B matchmaking")

    def ready(self) -> None:
        from datetime import timedelta

        from investbridge.core import schedule
        from investbridge.matchmaking import tasks

        # The worker expires unanswered meeting requests (core/schedule.py; INVESTBRIDGE_SCHEDULE_MATCHMAKING_EXPIRE).
        schedule.register("matchmaking.expire", tasks.expire_requests, every=timedelta(minutes=15))
