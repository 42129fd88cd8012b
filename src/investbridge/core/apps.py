from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "investbridge.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from datetime import timedelta

        from investbridge.core import schedule, tasks

        # Inbound mail (core/inbound.py): INVESTBRIDGE_SCHEDULE_INBOUND_* changes or switches these off.
        schedule.register("core.inbound_folder", tasks.read_inbound_folder, every=timedelta(minutes=1))
        schedule.register("core.inbound_imap", tasks.poll_inbound_imap, every=timedelta(minutes=2))
