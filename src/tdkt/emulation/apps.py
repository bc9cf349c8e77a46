from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "tdkt.emulation"
    label = "emulation"
    verbose_name = _("Phong trào, giao ước, đăng ký thi đua")

    def ready(self) -> None:
        from tdkt.emulation import worklist  # noqa: F401  (registers work-queue providers)
