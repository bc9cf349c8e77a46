from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BallotsConfig(AppConfig):
    name = "tdkt.ballots"
    label = "ballots"
    verbose_name = _("Bỏ phiếu kín")

    def ready(self) -> None:
        from tdkt.ballots import worklist  # noqa: F401  (registers work-queue providers)
