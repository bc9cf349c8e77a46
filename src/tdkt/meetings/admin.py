"""Meetings in the admin: read-only. Every change goes through the services (phases, audit, notices); Phòng TĐKT
uses the meetings pages for that."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tdkt.core.rules import is_system_admin
from tdkt.meetings.models import AgendaItem, Attendee, Meeting, Minutes, Photo


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(is_system_admin(request.user))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(is_system_admin(request.user))


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.fields or ()

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(is_system_admin(request.user))

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AttendeeInline(ReadOnlyInline):
    model = Attendee
    fields = ["full_name", "position_title", "unit_name", "role", "invited", "status", "note"]


class AgendaInline(ReadOnlyInline):
    model = AgendaItem
    fields = ["order", "title", "presenter", "presenter_text"]


class PhotoInline(ReadOnlyInline):
    model = Photo
    fields = ["order", "caption", "image", "width", "height"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "block", "year", "starts_at", "host_unit", "state"]
    list_filter = ["kind", "state", "year"]
    search_fields = ["title", "venue"]
    list_select_related = ["block", "host_unit"]
    date_hierarchy = "starts_at"
    inlines = [AgendaInline, AttendeeInline, PhotoInline]


@admin.register(Minutes)
class MinutesAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "state", "approved_at", "locked_at"]
    list_filter = ["state"]
    list_select_related = ["meeting"]
