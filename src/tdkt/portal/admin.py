from django.contrib import admin

from tdkt.core.admin_mixins import AuditedAdmin
from tdkt.portal.models import Category


@admin.register(Category)
class CategoryAdmin(AuditedAdmin):
    """Categories are a catalogue of Phòng TĐKT; articles are written on the portal's own pages."""

    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
