from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "tdkt.meetings"
    label = "meetings"
    verbose_name = _("Hội nghị")

    def ready(self) -> None:
        from tdkt.meetings import worklist  # noqa: F401  (registers work-queue providers)
