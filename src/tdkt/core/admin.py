from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tdkt.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only and written by services."""

    list_display = ["at", "actor_label", "action", "object_type", "object_repr", "summary"]
    list_filter = ["object_type"]
    search_fields = ["actor_label", "object_repr", "summary"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
