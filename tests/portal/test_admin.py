"""Categories are a catalogue kept by Phòng TĐKT in the admin, written through the audited services."""

from __future__ import annotations

from django.urls import reverse

from tdkt.core.models import AuditEntry
from tdkt.portal.models import Category


def test_phong_tdkt_adds_a_category_and_the_slug_is_made_from_its_name(world):
    response = world.client("admin").post(
        reverse("admin:portal_category_add"), {"name": "Gương điển hình tiên tiến", "slug": "", "order": 30}
    )
    assert response.status_code == 302
    category = Category.objects.get(name="Gương điển hình tiên tiến")
    assert category.slug == "guong-dien-hinh-tien-tien"
    assert AuditEntry.objects.filter(object_type="portal.category", object_id=str(category.pk)).exists()


def test_a_reserved_category_address_is_refused_in_the_admin(world):
    response = world.client("admin").post(
        reverse("admin:portal_category_add"), {"name": "Bài viết", "slug": "", "order": 30}
    )
    assert response.status_code == 200
    assert "đã được cổng thông tin dùng riêng" in response.content.decode()
    assert not Category.objects.filter(name="Bài viết").exists()


def test_units_cannot_open_the_category_admin(world):
    assert world.client("officer_a").get(reverse("admin:portal_category_changelist")).status_code == 302
