from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "tdkt.reports"
    label = "reports"
    verbose_name = _("Báo cáo sơ kết, tổng kết")

    def ready(self) -> None:
        from tdkt.reports import worklist  # noqa: F401  (registers work-queue providers)
