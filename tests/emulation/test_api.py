"""The emulation API by persona: the same visibility and the same refusals as the pages (401 anonymous,
403 not allowed, 404 not visible, 422 with a Vietnamese message for a phase or input problem)."""

from __future__ import annotations

import datetime

import pytest

from tdkt.core.actors import SYSTEM
from tdkt.core.models import AuditEntry
from tdkt.emulation import services
from tdkt.emulation.enums import IndividualTitle, MovementKind, PledgeStatus, RegistrationStatus
from tdkt.emulation.models import PledgeSignature, Registration
from tdkt.emulation.queries import table_snapshot

API = "/api/v1/emulation"


def _json(client, method, url, payload=None):
    return getattr(client, method)(url, payload, content_type="application/json")


@pytest.fixture
def movement(world, year):
    return services.create_movement(
        SYSTEM, name="Thi đua cải cách hành chính", kind=MovementKind.REGULAR, year=year, blocks=[world.block]
    )


@pytest.mark.parametrize(
    "url",
    ["/movements", "/pledges", "/registrations"],
)
def test_anonymous_gets_401(world, url):
    assert world.client("anonymous").get(API + url).status_code == 401


def test_anonymous_cannot_sign_or_register(world, open_pledge, registration_b):
    client = world.client("anonymous")
    assert _json(client, "post", f"{API}/pledges/{open_pledge.pk}/sign").status_code == 401
    assert _json(client, "post", f"{API}/registrations", {"year": 2026}).status_code == 401


@pytest.mark.parametrize(
    ("persona", "visible"), [("officer_b", True), ("council", True), ("officer_c", False)]
)
def test_movements(world, movement, persona, visible):
    client = world.client(persona)
    listed = client.get(f"{API}/movements").json()
    assert [m["id"] for m in listed] == ([movement.pk] if visible else [])
    response = client.get(f"{API}/movements/{movement.pk}")
    assert response.status_code == (200 if visible else 404)
    if visible:
        data = response.json()
        assert data["kind_label"] == "Thường xuyên" and data["blocks"] == [
            {"id": world.block.pk, "name": world.block.name}
        ]
        assert data["documents"] == []


@pytest.mark.parametrize(
    ("persona", "status"), [("admin", 200), ("officer_b", 200), ("council", 200), ("officer_c", 404)]
)
def test_pledge_detail_with_the_tree(world, draft_pledge, persona, status):
    response = world.client(persona).get(f"{API}/pledges/{draft_pledge.pk}")
    assert response.status_code == status
    if status == 200:
        data = response.json()
        assert data["table"]["criteria"][0]["children"][0]["children"][1] == {
            "code": "1.2",
            "name": "Nhiệm vụ tham mưu",
            "max_points": "20",
        }
        assert data["table_version"] == 1 and data["status"] == "draft"
        assert [row["signed"] for row in data["signing"]] == [False, False]


def test_pledge_list_is_scoped(world, draft_pledge, year):
    assert [p["id"] for p in world.client("officer_b").get(f"{API}/pledges", {"year": year}).json()] == [
        draft_pledge.pk
    ]
    assert world.client("officer_c").get(f"{API}/pledges").json() == []


def test_block_head_sets_the_table_through_the_api(world, draft_pledge, tree):
    tree["criteria"][1]["children"][0]["name"] = "Ký kết giao ước"
    response = _json(
        world.client("block_head"), "put", f"{API}/pledges/{draft_pledge.pk}/table", {**tree, "note": "API"}
    )
    assert response.status_code == 200 and response.json()["number"] == 2
    assert (
        world.client("officer_b").get(f"{API}/pledges/{draft_pledge.pk}/versions").json()[0]["note"] == "API"
    )
    compared = (
        world.client("officer_b").get(f"{API}/pledges/{draft_pledge.pk}/compare", {"a": 1, "b": 2}).json()
    )
    assert [row["status"] for row in compared if row["status"] != "same"] == ["changed"]


def test_a_member_cannot_set_the_table(world, draft_pledge, tree):
    response = _json(world.client("officer_b"), "put", f"{API}/pledges/{draft_pledge.pk}/table", tree)
    assert response.status_code == 403
    assert response.json()["detail"] == "Bạn không có quyền thực hiện thao tác này."
    assert (
        _json(world.client("officer_c"), "put", f"{API}/pledges/{draft_pledge.pk}/table", tree).status_code
        == 404
    )


def test_a_bad_table_is_a_422_with_the_vietnamese_reason(world, draft_pledge, tree):
    tree["criteria"][0]["max_points"] = 65
    response = _json(world.client("admin"), "put", f"{API}/pledges/{draft_pledge.pk}/table", tree)
    assert response.status_code == 422
    assert (
        "Tiêu chí I: điểm tối đa (65) phải bằng tổng điểm tối đa của các tiêu chí con (60)."
        in response.json()["detail"]
    )
    assert draft_pledge.table.versions.count() == 1


def test_sign_through_the_api_and_duplicate(world, open_pledge):
    client = world.client("officer_b")
    response = _json(client, "post", f"{API}/pledges/{open_pledge.pk}/sign")
    assert response.status_code == 201 and response.json()["unit"]["name"] == "Sở Tư pháp"
    response = _json(client, "post", f"{API}/pledges/{open_pledge.pk}/sign")
    assert response.status_code == 422 and "Mỗi đơn vị chỉ ký một lần." in response.json()["detail"]
    assert PledgeSignature.objects.count() == 1
    assert _json(world.client("officer_c"), "post", f"{API}/pledges/{open_pledge.pk}/sign").status_code == 404
    assert _json(world.client("viewer_a"), "post", f"{API}/pledges/{open_pledge.pk}/sign").status_code == 403


def test_open_and_lock_through_the_api(world, draft_pledge):
    assert (
        _json(world.client("officer_b"), "post", f"{API}/pledges/{draft_pledge.pk}/open").status_code == 403
    )
    response = _json(world.client("block_head"), "post", f"{API}/pledges/{draft_pledge.pk}/open")
    assert response.status_code == 200 and response.json()["status"] == PledgeStatus.OPEN_FOR_SIGNING
    response = _json(world.client("block_head"), "post", f"{API}/pledges/{draft_pledge.pk}/lock")
    assert response.status_code == 200 and response.json()["status"] == PledgeStatus.SIGNED


@pytest.mark.parametrize("persona", ["admin", "block_head"])
def test_a_locked_pledge_cannot_be_changed_through_the_api(world, signed_pledge, tree, persona):
    client = world.client(persona)
    before = (table_snapshot(signed_pledge.table), signed_pledge.targets, AuditEntry.objects.count())
    for method, url, payload in (
        ("put", f"{API}/pledges/{signed_pledge.pk}/table", tree),
        ("put", f"{API}/pledges/{signed_pledge.pk}", {"title": "Sửa", "targets": "Sửa"}),
        ("post", f"{API}/pledges/{signed_pledge.pk}/open", None),
        ("post", f"{API}/pledges/{signed_pledge.pk}/lock", None),
    ):
        response = _json(client, method, url, payload)
        assert response.status_code == 422
        assert (
            response.json()["detail"]
            == "Giao ước đã ký kết và đã khóa: không ai được sửa hay thay đổi trạng thái nữa."
        )
    signed_pledge.refresh_from_db()
    assert (table_snapshot(signed_pledge.table), signed_pledge.targets, AuditEntry.objects.count()) == before


def test_registration_lifecycle_through_the_api(world, year, staff_b, leader_b):
    officer = world.client("officer_b")
    response = _json(
        officer,
        "post",
        f"{API}/registrations",
        {
            "year": year,
            "collective_titles": ["tap_the_lao_dong_tien_tien"],
            "people": [{"person_id": staff_b[1].pk, "titles": [IndividualTitle.LAO_DONG_TIEN_TIEN]}],
        },
    )
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == RegistrationStatus.DRAFT and data["people"][0]["full_name"] == "Trần Thị An"
    assert data["people"][0]["title_labels"] == ["Lao động tiên tiến"]
    pk = data["id"]
    response = _json(
        officer,
        "put",
        f"{API}/registrations/{pk}",
        {
            "collective_titles": [],
            "people": [{"person_id": world.person_a.pk, "titles": ["lao_dong_tien_tien"]}],
        },
    )
    assert (
        response.status_code == 422
        and "không có trong danh sách cán bộ đang công tác" in response.json()["detail"]
    )
    assert _json(world.client("leader_b"), "post", f"{API}/registrations/{pk}/submit").status_code == 403
    assert (
        _json(officer, "post", f"{API}/registrations/{pk}/submit").json()["status"]
        == RegistrationStatus.SUBMITTED
    )
    leader = world.client("leader_b")
    response = _json(leader, "post", f"{API}/registrations/{pk}/return", {"reason": ""})
    assert response.status_code == 422
    response = _json(leader, "post", f"{API}/registrations/{pk}/return", {"reason": "Thêm người"})
    assert (
        response.json()["status"] == RegistrationStatus.RETURNED
        and response.json()["return_reason"] == "Thêm người"
    )
    _json(officer, "post", f"{API}/registrations/{pk}/submit")
    response = _json(leader, "post", f"{API}/registrations/{pk}/approve")
    assert response.status_code == 200 and response.json()["status"] == RegistrationStatus.APPROVED
    assert _json(officer, "put", f"{API}/registrations/{pk}", {"collective_titles": []}).status_code == 422


@pytest.mark.parametrize(
    ("persona", "draft", "submitted"),
    [
        ("officer_b", True, True),
        ("block_head", False, True),
        ("admin", False, True),
        ("officer_c", False, False),
    ],
)
def test_registration_visibility_through_the_api(world, year, registration_b, persona, draft, submitted):
    client = world.client(persona)
    assert [r["id"] for r in client.get(f"{API}/registrations", {"year": year}).json()] == (
        [registration_b.pk] if draft else []
    )
    assert client.get(f"{API}/registrations/{registration_b.pk}").status_code == (200 if draft else 404)
    services.submit_registration(world.users["officer_b"], registration_b)
    assert client.get(f"{API}/registrations/{registration_b.pk}").status_code == (200 if submitted else 404)


def test_only_officers_create_registrations_through_the_api(world, year):
    for persona in ("leader_a", "admin"):
        response = _json(world.client(persona), "post", f"{API}/registrations", {"year": year})
        assert response.status_code == 403
    assert not Registration.objects.exists()


def test_the_api_cannot_backdate(world, open_pledge, year):
    # the moment of a signature is the server's: an "at" sent by a client is ignored
    body = {"at": "2020-01-01T00:00:00Z"}
    response = _json(world.client("officer_b"), "post", f"{API}/pledges/{open_pledge.pk}/sign", body)
    assert response.status_code == 201
    assert datetime.datetime.fromisoformat(response.json()["signed_at"]).year == year
    assert PledgeSignature.objects.get().signed_at.year == year


def test_the_schema_documents_every_emulation_endpoint_behind_the_session(world):
    schema = world.client("anonymous").get("/api/v1/openapi.json").json()
    paths = {path: operations for path, operations in schema["paths"].items() if path.startswith(API)}
    assert set(paths) == {
        f"{API}/movements",
        f"{API}/movements/{{movement_id}}",
        f"{API}/pledges",
        f"{API}/pledges/{{pledge_id}}",
        f"{API}/pledges/{{pledge_id}}/table",
        f"{API}/pledges/{{pledge_id}}/versions",
        f"{API}/pledges/{{pledge_id}}/compare",
        f"{API}/pledges/{{pledge_id}}/open",
        f"{API}/pledges/{{pledge_id}}/sign",
        f"{API}/pledges/{{pledge_id}}/lock",
        f"{API}/registrations",
        f"{API}/registrations/{{registration_id}}",
        f"{API}/registrations/{{registration_id}}/submit",
        f"{API}/registrations/{{registration_id}}/approve",
        f"{API}/registrations/{{registration_id}}/return",
    }
    assert all(
        operation.get("security") for operations in paths.values() for operation in operations.values()
    )
    assert "CriterionNode" in schema["components"]["schemas"]
