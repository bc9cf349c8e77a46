"""The API over the same services: scoped reads, 401 for anonymous, 403 for the wrong role, 404 for meetings the
user may not see, 422 with the Vietnamese reason for bad input or the wrong phase (data unchanged)."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from tdkt.core.actors import SYSTEM
from tdkt.meetings import services
from tdkt.meetings.enums import Attendance, MinutesState
from tdkt.meetings.models import AgendaItem, Attendee, Meeting, Minutes, Photo

from .conftest import photo_file

API = "/api/v1/meetings"
READERS = ["admin", "officer_a", "leader_a", "viewer_a", "officer_b", "council"]


def _json(client, method, url, payload=None):
    return getattr(client, method)(url, json.dumps(payload or {}), content_type="application/json")


@pytest.mark.parametrize("persona", [*READERS, "officer_c"])
def test_list_is_scoped(world, held, persona):
    response = world.client(persona).get(f"{API}/")
    assert response.status_code == 200
    ids = [row["id"] for row in response.json()["items"]]
    assert ids == ([] if persona == "officer_c" else [held.pk])


@pytest.mark.parametrize(("persona", "status"), [*[(p, 200) for p in READERS], ("officer_c", 404)])
def test_detail_by_persona(world, held, persona, status):
    response = world.client(persona).get(f"{API}/{held.pk}")
    assert response.status_code == status
    if status == 200:
        data = response.json()
        assert data["title"] == held.title and len(data["attendees"]) == 6
        assert data["attendance"].startswith("Chưa điểm danh")


def test_anonymous_gets_401(world, held):
    client = world.client("anonymous")
    assert client.get(f"{API}/").status_code == 401
    assert client.get(f"{API}/{held.pk}").status_code == 401
    assert _json(client, "post", f"{API}/{held.pk}/minutes/approve").status_code in (401, 403)


def test_draft_minutes_text_is_hidden_from_readers_who_do_not_write_it(world, held):
    services.save_minutes(SYSTEM, held, "Dự thảo nội bộ")
    assert world.client("officer_b").get(f"{API}/{held.pk}").json()["minutes"] == {
        "state": "draft",
        "body": None,
        "approved_at": None,
        "locked_at": None,
    }
    assert world.client("officer_a").get(f"{API}/{held.pk}").json()["minutes"]["body"] == "Dự thảo nội bộ"


def _create_payload(world, **extra):
    return {
        "kind": "midyear_review",
        "block_id": world.block.pk,
        "year": world.block.memberships.first().year,
        "host_unit_id": world.unit_a.pk,
        "venue": "Sở Kế hoạch và Đầu tư",
        "starts_at": (timezone.now() + datetime.timedelta(days=5)).isoformat(),
        **extra,
    }


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin", 201),
        ("officer_a", 201),
        ("leader_a", 201),
        ("viewer_a", 403),
        ("officer_b", 403),
        ("council", 403),
        ("officer_c", 403),
    ],
)
def test_create_by_persona(world, staff, persona, status):
    response = _json(world.client(persona), "post", f"{API}/", _create_payload(world))
    assert response.status_code == status
    assert Meeting.objects.exists() is (status == 201)
    if status == 201:
        assert len(response.json()["attendees"]) == 6


def test_create_with_bad_input_is_422_and_creates_nothing(world, staff):
    client = world.client("officer_a")
    cases = [
        (_create_payload(world, venue=" "), "Cần nhập địa điểm"),
        (_create_payload(world, kind="party"), "Loại hội nghị không hợp lệ"),
        (_create_payload(world, host_unit_id=999999), "Không tìm thấy đơn vị"),
        (_create_payload(world, invited_unit_ids=[999999]), "Không tìm thấy đơn vị"),
        (
            _create_payload(world, ends_at=(timezone.now() + datetime.timedelta(days=4)).isoformat()),
            "Thời gian kết thúc phải sau",
        ),
    ]
    for payload, message in cases:
        response = _json(client, "post", f"{API}/", payload)
        assert response.status_code == 422, payload
        assert message in response.json()["detail"]
    assert not Meeting.objects.exists()


def test_patch_sets_the_chair_from_the_list_only(world, staff, planned):
    client = world.client("officer_a")
    response = _json(
        client, "patch", f"{API}/{planned.pk}", {"chair_id": staff.director_a.pk, "chair_title": "Giám đốc"}
    )
    assert response.status_code == 200 and response.json()["chair_id"] == staff.director_a.pk
    for bad in (staff.specialist_a.pk, 999999):
        response = _json(client, "patch", f"{API}/{planned.pk}", {"chair_id": bad})
        assert response.status_code == 422
    planned.refresh_from_db()
    assert planned.chair == staff.director_a


@pytest.mark.parametrize(("persona", "status"), [("viewer_a", 403), ("officer_b", 403), ("officer_c", 404)])
def test_writes_refused_by_persona(world, staff, held, persona, status):
    client = world.client(persona)
    row = held.attendees.first()
    calls = [
        _json(client, "patch", f"{API}/{held.pk}", {"venue": "Nơi khác"}),
        _json(
            client,
            "put",
            f"{API}/{held.pk}/attendance",
            {"entries": [{"attendee_id": row.pk, "status": "absent"}]},
        ),
        _json(client, "post", f"{API}/{held.pk}/attendees", {"full_name": "Đỗ Thu Hà"}),
        client.delete(f"{API}/{held.pk}/attendees/{row.pk}"),
        _json(client, "post", f"{API}/{held.pk}/agenda", {"title": "Khai mạc"}),
        _json(client, "put", f"{API}/{held.pk}/minutes", {"body": "Biên bản"}),
        client.post(f"{API}/{held.pk}/minutes/approve"),
        client.post(f"{API}/{held.pk}/photos", {"photos": [photo_file()]}),
    ]
    assert [c.status_code for c in calls] == [status] * len(calls)
    row.refresh_from_db()
    assert row.status == Attendance.PENDING
    assert not (Minutes.objects.exists() or AgendaItem.objects.exists() or Photo.objects.exists())
    assert held.attendees.count() == 6


def test_the_whole_cycle_through_the_api(world, staff, django_capture_on_commit_callbacks):
    client = world.client("officer_a")
    created = _json(
        client,
        "post",
        f"{API}/",
        _create_payload(world, starts_at=(timezone.now() - datetime.timedelta(hours=2)).isoformat()),
    )
    meeting_id = created.json()["id"]
    assert client.post(f"{API}/{meeting_id}/invitations").json() == {"invited": 6}
    assert client.post(f"{API}/{meeting_id}/held").json()["state"] == "held"
    item = _json(
        client,
        "post",
        f"{API}/{meeting_id}/agenda",
        {"title": "Báo cáo sơ kết", "presenter_id": staff.officer_a.pk},
    )
    assert item.status_code == 201 and item.json()["presenter"] == "Đặng Thị Ánh Tuyết"
    added = _json(client, "post", f"{API}/{meeting_id}/attendees", {"person_id": staff.specialist_a.pk})
    assert added.status_code == 201 and added.json()["status"] == "present" and not added.json()["invited"]
    entries = [
        {"attendee_id": a.pk, "status": "present"}
        for a in Attendee.objects.filter(meeting_id=meeting_id, status="pending")
    ]
    entries[0] = {**entries[0], "status": "excused", "note": "Ốm"}
    attendance = _json(client, "put", f"{API}/{meeting_id}/attendance", {"entries": entries})
    assert attendance.status_code == 200
    assert attendance.json()["summary"].startswith("Tham dự: 1 thành viên Hội đồng")
    assert (
        _json(client, "put", f"{API}/{meeting_id}/minutes", {"body": "Biên bản"}).json()["state"] == "draft"
    )
    assert client.post(f"{API}/{meeting_id}/minutes/approve").json()["state"] == "approved"
    reopened = _json(client, "post", f"{API}/{meeting_id}/minutes/reopen", {"reason": "Bổ sung ý kiến"})
    assert reopened.json()["state"] == "draft"
    client.post(f"{API}/{meeting_id}/minutes/approve")
    assert client.post(f"{API}/{meeting_id}/minutes/lock").json()["state"] == "locked"
    uploaded = client.post(
        f"{API}/{meeting_id}/photos",
        {"photos": [photo_file("a.jpg"), photo_file("b.jpg")], "captions": ["Quang cảnh", "Phát biểu"]},
    )
    assert uploaded.status_code == 201
    assert [p["caption"] for p in uploaded.json()] == ["Quang cảnh", "Phát biểu"]
    photo_id = uploaded.json()[0]["id"]
    assert (
        _json(client, "patch", f"{API}/{meeting_id}/photos/{photo_id}", {"caption": "Toàn cảnh"}).json()[
            "caption"
        ]
        == "Toàn cảnh"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(f"{API}/{meeting_id}/photos/{photo_id}").status_code == 204
    summary = client.get(f"{API}/{meeting_id}/summary").json()
    assert summary["council_member_present"] is True
    assert summary["units_present"] == ["Sở Kế hoạch và Đầu tư", "Sở Tư pháp"]
    assert Minutes.objects.get(meeting_id=meeting_id).state == MinutesState.LOCKED


def test_api_photo_validation_saves_nothing(world, held, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = world.client("officer_a")
    fake = SimpleUploadedFile("bao-cao.png", b"not an image", content_type="image/png")
    response = client.post(f"{API}/{held.pk}/photos", {"photos": [photo_file(), fake]})
    assert response.status_code == 422
    assert "không phải là ảnh" in response.json()["detail"]
    settings.TDKT_PHOTO_MAX_MB = 1
    big = SimpleUploadedFile("lon.jpg", b"\xff" * (1024 * 1024 + 1), content_type="image/jpeg")
    response = client.post(f"{API}/{held.pk}/photos", {"photos": [big]})
    assert response.status_code == 422 and "quá lớn" in response.json()["detail"]
    assert not Photo.objects.exists()


def test_attendance_with_a_stranger_is_422_and_changes_nothing(world, held, planned):
    stranger = planned.attendees.first()  # on another meeting's list
    row = held.attendees.first()
    response = _json(
        world.client("officer_a"),
        "put",
        f"{API}/{held.pk}/attendance",
        {
            "entries": [
                {"attendee_id": row.pk, "status": "present"},
                {"attendee_id": stranger.pk, "status": "present"},
            ]
        },
    )
    assert response.status_code == 422 and "không thuộc danh sách" in response.json()["detail"]
    row.refresh_from_db()
    assert row.status == Attendance.PENDING


def test_outsiders_cannot_reach_photos_of_a_meeting_through_another(world, held, staff):
    photo = services.upload_photos(SYSTEM, held, [(photo_file(), "Một")])[0]
    other = services.create_meeting(
        SYSTEM,
        kind="other",
        block=world.block,
        year=held.year,
        host_unit=world.unit_a,
        venue="Nơi khác",
        starts_at=timezone.now() + datetime.timedelta(days=1),
    )
    response = _json(
        world.client("officer_a"), "patch", f"{API}/{other.pk}/photos/{photo.pk}", {"caption": "X"}
    )
    assert response.status_code == 404


def test_list_changes_through_the_api(world, staff, planned):
    client = world.client("officer_a")
    response = _json(client, "put", f"{API}/{planned.pk}/invited-units", {"unit_ids": [world.unit_a.pk]})
    assert response.status_code == 200 and response.json()["invited_unit_ids"] == [world.unit_a.pk]
    assert not planned.attendees.filter(unit=world.unit_b).exists()
    response = _json(
        client, "put", f"{API}/{planned.pk}/invited-units", {"unit_ids": [world.unit_a.pk, 999999]}
    )
    assert response.status_code == 422 and "Không tìm thấy đơn vị" in response.json()["detail"]
    guest = _json(
        client,
        "post",
        f"{API}/{planned.pk}/attendees",
        {"full_name": "Đỗ Thu Hà", "unit_name": "Báo Vân Lĩnh"},
    )
    assert guest.status_code == 201 and guest.json()["invited"] is True
    assert client.delete(f"{API}/{planned.pk}/attendees/{guest.json()['id']}").status_code == 204
    assert not Attendee.objects.filter(full_name="Đỗ Thu Hà").exists()
    stranger = _json(client, "post", f"{API}/{planned.pk}/attendees", {"person_id": 999999})
    assert stranger.status_code == 422 and "Chỉ thêm được cán bộ" in stranger.json()["detail"]


def test_agenda_through_the_api(world, staff, planned):
    client = world.client("officer_a")
    item = _json(client, "post", f"{API}/{planned.pk}/agenda", {"title": "Khai mạc"}).json()
    response = _json(
        client,
        "patch",
        f"{API}/{planned.pk}/agenda/{item['id']}",
        {"title": "Khai mạc hội nghị", "presenter_id": staff.director_a.pk},
    )
    assert response.status_code == 200
    assert (response.json()["title"], response.json()["presenter"]) == ("Khai mạc hội nghị", "Trần Văn An")
    bad = _json(
        client, "patch", f"{API}/{planned.pk}/agenda/{item['id']}", {"presenter_id": staff.specialist_a.pk}
    )
    assert bad.status_code == 422 and "Người trình bày phải có trong danh sách" in bad.json()["detail"]
    assert _json(client, "post", f"{API}/{planned.pk}/agenda", {"title": " "}).status_code == 422
    assert client.delete(f"{API}/{planned.pk}/agenda/{item['id']}").status_code == 204
    assert not AgendaItem.objects.exists()


def test_the_api_is_documented(world):
    paths = world.client("anonymous").get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/meetings/",
        "/api/v1/meetings/{meeting_id}/attendance",
        "/api/v1/meetings/{meeting_id}/photos",
    ):
        assert path in paths
    upload = paths["/api/v1/meetings/{meeting_id}/photos"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"]
