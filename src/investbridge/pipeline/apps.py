from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PipelineConfig(AppConfig):
    name = "investbridge.pipeline"
    label = "pipeline"
    verbose_name = _("Investor pipeline")

    def ready(self) -> None:
        # Every new expression of interest becomes an inquiry without an officer's action: the region calls this
        # listener after the expression is committed (the region does not import the pipeline, which is above it).
        from investbridge.pipeline import tasks
        from investbridge.region import services as region_services

        region_services.expression_of_interest_on_created(tasks.queue_expression_of_interest_routing)
