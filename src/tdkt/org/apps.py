from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "tdkt.org"
    label = "org"
    verbose_name = _("Tổ chức")

    def ready(self) -> None:
        from tdkt.org import worklist  # noqa: F401  (registers work-queue providers)
