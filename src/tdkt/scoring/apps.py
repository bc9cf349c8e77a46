from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "tdkt.scoring"
    label = "scoring"
    verbose_name = _("Chấm điểm, xếp hạng thi đua")

    def ready(self) -> None:
        from tdkt.scoring import worklist  # noqa: F401  (registers work-queue providers)
