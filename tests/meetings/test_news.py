"""Draft news from a recorded conference: title, body and gallery from the meeting, then edited and published."""

from __future__ import annotations

import os

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tdkt.core.actors import SYSTEM
from tdkt.core.images import sample_photo
from tdkt.core.models import AuditEntry
from tdkt.meetings import services
from tdkt.portal.enums import Action as PortalAction
from tdkt.portal.enums import ArticleState
from tdkt.portal.from_meeting import draft_article_from_meeting, news_title
from tdkt.portal.models import Article


def test_title_follows_the_published_form(world, locked):
    assert news_title(locked) == (
        f"Hội nghị Sơ kết phong trào thi đua khen thưởng 06 tháng đầu năm {locked.year} "
        "Khối thi đua các cơ quan tham mưu tổng hợp tỉnh"
    )


def test_draft_has_body_from_the_meeting_and_its_photos(world, locked):
    services.upload_photos(SYSTEM, locked, [(sample_photo((640, 480)), "Toàn cảnh Hội nghị")])
    article = draft_article_from_meeting(world.users["block_head"], locked)
    assert article.state == ArticleState.DRAFT
    assert article.author_unit == world.unit_a
    assert (
        f"Ngày {locked.date.day}/{locked.date.month}/{locked.date.year}, tại {locked.venue}" in article.body
    )
    assert "Thành viên Hội đồng Thi đua - Khen thưởng tỉnh theo dõi Khối" in article.body
    assert "02 đơn vị thành viên" in article.body  # units A and B were present
    assert [p.caption for p in article.photos.all()] == ["Toàn cảnh Hội nghị"]


def test_a_meeting_not_yet_held_cannot_be_drafted(world, planned):
    with pytest.raises(ValidationError):
        draft_article_from_meeting(world.users["admin"], planned)
    assert not Article.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("block_head", 302), ("officer_c", 404), ("viewer_a", 403)])
def test_draft_news_page_by_persona(world, locked, persona, status):
    response = world.client(persona).post(reverse("portal:draft_from_meeting", args=[locked.pk]))
    assert response.status_code == status
    assert Article.objects.exists() is (status == 302)


# --- review fixes: who is offered the button, the API, the audit trail, a photo whose file is gone -------------

DRAFTERS = {"admin", "officer_a", "leader_a"}  # Phòng TĐKT and the host unit's officers and leaders


@pytest.mark.parametrize("persona", ["admin", "officer_a", "leader_a", "viewer_a", "officer_b", "council"])
def test_only_those_who_may_draft_are_offered_the_button(world, locked, persona):
    page = world.client(persona).get(locked.get_absolute_url()).content.decode()
    assert ("Soạn tin từ hội nghị" in page) is (persona in DRAFTERS)


def test_the_button_waits_for_the_meeting_to_be_held(world, planned):
    assert (
        "Soạn tin từ hội nghị"
        not in world.client("officer_a").get(planned.get_absolute_url()).content.decode()
    )


def test_a_member_units_editor_may_not_draft_the_hosts_news(world, locked):
    with pytest.raises(PermissionDenied):
        draft_article_from_meeting(world.users["officer_b"], locked)
    assert not Article.objects.exists()


def test_the_audit_entry_names_the_meeting(world, locked):
    article = draft_article_from_meeting(world.users["block_head"], locked)
    entry = AuditEntry.objects.get(action=PortalAction.ARTICLE_DRAFTED, object_id=str(article.pk))
    assert entry.after["meeting"] == locked.pk


def test_a_photo_whose_file_is_gone_is_reported_and_nothing_is_drafted(world, locked):
    [photo] = services.upload_photos(SYSTEM, locked, [(sample_photo((64, 48)), "Toàn cảnh Hội nghị")])
    os.remove(photo.image.path)
    client = world.client("officer_a")
    response = client.post(reverse("portal:draft_from_meeting", args=[locked.pk]))
    assert response.status_code == 302 and response["Location"] == locked.get_absolute_url()
    page = client.get(locked.get_absolute_url()).content.decode()
    assert "Không đọc được tệp ảnh “Toàn cảnh Hội nghị” của hội nghị" in page
    assert not Article.objects.exists()


API = "/api/v1/portal/manage/articles/from-meeting"


@pytest.mark.parametrize(
    ("persona", "status"),
    [("officer_a", 201), ("admin", 201), ("officer_b", 403), ("viewer_a", 403), ("officer_c", 404)],
)
def test_api_drafts_news_from_a_meeting(world, locked, persona, status):
    response = world.client(persona).post(f"{API}/{locked.pk}")
    assert response.status_code == status, response.content
    if status == 201:
        body = response.json()
        assert body["state"] == ArticleState.DRAFT and body["title"] == news_title(locked)
        assert body["author_unit_id"] == world.unit_a.pk
    assert Article.objects.exists() is (status == 201)


def test_api_refuses_a_meeting_not_yet_held_in_vietnamese(world, planned):
    response = world.client("officer_a").post(f"{API}/{planned.pk}")
    assert response.status_code == 422
    assert response.json()["detail"] == "Chỉ soạn tin cho hội nghị đã tổ chức."
    assert not Article.objects.exists()


# --- one article per meeting, linked from the meeting page ------------------------------------------------------


def test_a_meeting_has_one_article_drafting_again_is_refused(world, locked):
    article = draft_article_from_meeting(world.users["block_head"], locked)
    assert article.meeting == locked
    with pytest.raises(ValidationError, match="Hội nghị này đã có tin bài"):
        draft_article_from_meeting(world.users["admin"], locked)
    assert list(Article.objects.values_list("pk", flat=True)) == [article.pk]
    response = world.client("officer_a").post(f"{API}/{locked.pk}")
    assert response.status_code == 422 and "đã có tin bài" in response.json()["detail"]
    assert Article.objects.count() == 1


def test_the_meeting_page_links_its_article_by_who_may_read_it(world, locked):
    article = draft_article_from_meeting(world.users["block_head"], locked)
    edit_url = reverse("portal:edit", args=[article.pk])
    read_url = reverse("portal:article", args=[article.slug])
    officer = world.client("officer_a").get(locked.get_absolute_url()).content.decode()
    assert edit_url in officer and "Soạn tin từ hội nghị" not in officer
    # A draft is the host unit's: a member unit's officer sees no link until it is published.
    assert read_url not in world.client("officer_b").get(locked.get_absolute_url()).content.decode()
    article.state = ArticleState.PUBLISHED
    article.save(update_fields=["state"])
    member = world.client("officer_b").get(locked.get_absolute_url()).content.decode()
    assert read_url in member and edit_url not in member
