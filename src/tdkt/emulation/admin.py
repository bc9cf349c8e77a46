from django.contrib import admin

from tdkt.core.admin_mixins import AuditedAdmin
from tdkt.emulation.models import RegistrationPeriod


@admin.register(RegistrationPeriod)
class RegistrationPeriodAdmin(AuditedAdmin):
    """The yearly registration deadline: a catalogue row kept by Phòng TĐKT (audited like every write)."""

    list_display = ["year", "deadline", "note"]
