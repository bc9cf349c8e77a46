"""Report templates in the admin: deadlines only. Templates are created, and their sections and indicators
changed, on the app's pages (services enforce when the structure may still change); the reports themselves are
read and written there too."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from tdkt.core.admin_mixins import AuditedAdmin
from tdkt.reports import services
from tdkt.reports.enums import BlockReportStatus
from tdkt.reports.models import BlockReport, ReportIndicator, ReportSection, ReportTemplate


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SectionInline(_ReadOnlyInline):
    model = ReportSection
    fields = ["position", "title"]


class IndicatorInline(_ReadOnlyInline):
    model = ReportIndicator
    fields = ["position", "name"]


@admin.register(ReportTemplate)
class ReportTemplateAdmin(AuditedAdmin):
    list_display = ["block", "year", "period", "submission_deadline", "comment_deadline"]
    list_filter = ["year", "period"]
    list_select_related = ["block"]
    readonly_fields = ["block", "year", "period"]
    fields = ["block", "year", "period", "submission_deadline", "comment_deadline"]
    inlines = [SectionInline, IndicatorInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A template whose block report is final is locked, here as everywhere.
        if (
            obj is not None
            and BlockReport.objects.filter(template=obj, status=BlockReportStatus.FINAL).exists()
        ):
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        assert isinstance(obj, ReportTemplate)
        services.update_template(
            request.user,
            obj,
            submission_deadline=obj.submission_deadline,
            comment_deadline=obj.comment_deadline,
        )
