from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "investbridge.agreements"
    label = "agreements"
    verbose_name = _("Partner agreements")

    def ready(self) -> None:
        from investbridge.agreements import selectors
        from investbridge.pipeline import notifications

        # The pipeline's daily digest carries the obligations due soon (the pipeline may not import agreements).
        notifications.register_obligations(selectors.obligations_for_digest)
