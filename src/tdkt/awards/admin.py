"""Commendation in the admin: read-only. Histories, proposals and decisions change only through the services
(checks, audit, notices) and their pages; issued decisions and the register never change at all."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tdkt.awards.models import (
    AddedBaseSalary,
    AwardRecord,
    Decision,
    Hold,
    InitiativeUse,
    PersonYear,
    Proposal,
    UnitYear,
)
from tdkt.core.rules import is_system_admin


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


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["number", "symbol", "signed_on", "issuer_name", "kind", "external"]
    list_filter = ["kind", "external", "year"]
    search_fields = ["symbol", "issuer_name", "summary"]


@admin.register(AwardRecord)
class AwardRecordAdmin(ReadOnlyAdmin):
    list_display = ["subject_name", "award_name", "year", "decision", "bonus"]
    list_filter = ["award_code", "year"]
    search_fields = ["subject_name"]
    list_select_related = ["decision"]


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "year", "state"]
    list_filter = ["state", "year"]


admin.site.register(PersonYear, ReadOnlyAdmin)
admin.site.register(UnitYear, ReadOnlyAdmin)
admin.site.register(Hold, ReadOnlyAdmin)


@admin.register(AddedBaseSalary)
class AddedBaseSalaryAdmin(ReadOnlyAdmin):
    """Added and withdrawn on the page "Bộ quy tắc đang áp dụng" (service, audit); read-only here."""

    list_display = ["effective_from", "amount", "citation", "confidence", "added_by", "added_at"]


@admin.register(InitiativeUse)
class InitiativeUseAdmin(ReadOnlyAdmin):
    list_display = ["initiative", "record"]
    list_select_related = ["initiative", "record"]
