from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PipelineConfig(AppConfig):
    name = "investbridge.pipeline"
    label = "pipeline"
    verbose_name = _("Investor pipeline")

    def ready(self) -> None:
        # Every new expression of interest becomes an inquiry without an officer's action: the region calls this
        # listener after the expression is committed (the region does not import the pipeline, which is above it).
        from datetime import time, timedelta

        from investbridge.core import mail, schedule
        from investbridge.pipeline import tasks
        from investbridge.pipeline.models import Inquiry, Lead
        from investbridge.region import services as region_services

        region_services.expression_of_interest_on_created(tasks.queue_expression_of_interest_routing)
        # The worker enqueues these (core/schedule.py); INVESTBRIDGE_SCHEDULE_* changes or switches them off.
        schedule.register("pipeline.digests", tasks.enqueue_digests, at=time(8, 0))
        schedule.register("pipeline.warnings", tasks.send_warnings, every=timedelta(minutes=15))
        schedule.register("pipeline.reminders", tasks.send_reminders, every=timedelta(minutes=15))
        # Mails about inquiries and leads are conversations: replies are recorded on them (core/mail.py).
        mail.register_thread(
            Inquiry, url_name="pipeline:inquiry_detail", officer=lambda inquiry: inquiry.assigned_to
        )
        mail.register_thread(Lead, url_name="pipeline:lead_detail", officer=lambda lead: lead.owner)
