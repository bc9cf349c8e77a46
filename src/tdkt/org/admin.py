from django.contrib import admin

from tdkt import vn
from tdkt.core.admin_mixins import AuditedAdmin
from tdkt.org.models import (
    BlockFollowUp,
    BlockMembership,
    Council,
    CouncilMember,
    EmulationBlock,
    Person,
    Position,
    Province,
    Unit,
)


@admin.register(Province)
class ProvinceAdmin(AuditedAdmin):
    list_display = ["name", "place_name", "abbreviation"]


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["name", "short_name", "abbreviation", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name_search", "abbreviation"]
    autocomplete_fields = ["parent"]


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ["full_name", "gender", "date_of_birth", "unit", "is_active"]
    list_filter = ["gender", "is_active"]
    search_fields = ["name_search"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]
    inlines = [PositionInline]
    show_full_result_count = False

    def get_search_results(self, request, queryset, search_term):
        # Search on the folded key so that "dang thi anh tuyet" finds "Đặng Thị Ánh Tuyết".
        return super().get_search_results(request, queryset, vn.fold(search_term))


class MembershipInline(admin.TabularInline):
    model = BlockMembership
    extra = 0
    autocomplete_fields = ["unit"]


class FollowUpInline(admin.TabularInline):
    model = BlockFollowUp
    extra = 0


@admin.register(EmulationBlock)
class EmulationBlockAdmin(AuditedAdmin):
    list_display = ["name", "kind", "abbreviation", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name_search", "abbreviation"]
    inlines = [MembershipInline, FollowUpInline]


@admin.register(BlockMembership)
class BlockMembershipAdmin(AuditedAdmin):
    list_display = ["block", "year", "unit", "role"]
    list_filter = ["year", "role", "block"]
    autocomplete_fields = ["unit", "block"]


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Council)
class CouncilAdmin(AuditedAdmin):
    list_display = ["name", "term", "start_date", "end_date"]
    inlines = [CouncilMemberInline]


@admin.register(CouncilMember)
class CouncilMemberAdmin(AuditedAdmin):
    list_display = ["person", "role", "title", "council"]
    list_filter = ["role", "council"]
    autocomplete_fields = ["person"]
    search_fields = ["person__name_search"]


@admin.register(BlockFollowUp)
class BlockFollowUpAdmin(AuditedAdmin):
    list_display = ["block", "year", "council_member"]
    list_filter = ["year"]
