"""The reports API by persona: the same services and visibility as the pages; 401 anonymous, 403 refused,
404 unknown, 422 refused transitions with the Vietnamese message, and the data unchanged."""

from __future__ import annotations

import pytest

from tdkt.reports import services
from tdkt.reports.enums import AnswerKind, BlockReportStatus, UnitReportStatus
from tdkt.reports.models import BlockReport, BlockReportVersion, Comment, CommentRound, UnitReport

from .conftest import TEXTS_B, VALUES_B, by_position, by_title

API = "/api/v1/reports"


def _get(world, persona, path):
    return world.client(persona).get(API + path)


def _send(world, persona, path, payload=None, method="post"):
    client = world.client(persona)
    return getattr(client, method)(API + path, payload or {}, content_type="application/json")


def test_anonymous_gets_401(world, template, compiled):
    report = UnitReport.objects.first()
    for path in (
        "/templates",
        f"/templates/{template.pk}",
        f"/templates/{template.pk}/my-report",
        "/unit-reports",
        f"/unit-reports/{report.pk}",
        "/block-reports",
        f"/block-reports/{compiled.pk}",
    ):
        assert _get(world, "anonymous", path).status_code == 401, path
    for path in (f"/templates/{template.pk}/compile", f"/block-reports/{compiled.pk}/finalise"):
        assert _send(world, "anonymous", path).status_code == 401
    assert _send(world, "anonymous", f"/templates/{template.pk}/my-report", method="put").status_code == 401


@pytest.mark.parametrize(
    ("persona", "sees", "board"),
    [
        ("admin", True, 200),
        ("officer_a", True, 200),
        ("leader_a", True, 200),
        ("viewer_a", True, 403),
        ("officer_b", True, 403),
        ("council", True, 403),
        ("officer_c", False, 404),
    ],
)
def test_templates_by_persona(world, template, persona, sees, board):
    listed = [t["id"] for t in _get(world, persona, "/templates").json()]
    assert listed == ([template.pk] if sees else [])
    response = _get(world, persona, f"/templates/{template.pk}")
    assert response.status_code == (200 if sees else 404)
    if sees:
        assert next(s["title"] for s in response.json()["sections"]) == "Công tác thi đua, khen thưởng"
    assert _get(world, persona, f"/templates/{template.pk}/status").status_code == board


def test_status_board_endpoint(world, template, report_a):
    rows = _get(world, "block_head", f"/templates/{template.pk}/status").json()
    assert {row["unit_name"]: row["status"] for row in rows} == {
        "Sở Kế hoạch và Đầu tư": "draft",
        "Sở Tư pháp": "not_started",
    }


def test_unit_saves_and_submits_through_the_api(world, template):
    payload = {
        "sections": {str(pk): text for pk, text in by_title(template, TEXTS_B).items()},
        "indicators": {str(pk): value for pk, value in by_position(template, VALUES_B).items()},
    }
    response = _send(world, "officer_b", f"/templates/{template.pk}/my-report", payload, method="put")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "draft" and [i["value"] for i in body["indicators"]] == VALUES_B
    response = _send(world, "officer_b", f"/templates/{template.pk}/my-report/submit")
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    response = _send(world, "officer_b", f"/templates/{template.pk}/my-report", payload, method="put")
    assert response.status_code == 422 and "Báo cáo đã nộp" in response.json()["detail"]


def test_bad_input_through_the_api_is_refused_and_nothing_changes(world, template, report_b):
    first = template.indicators.first()
    response = _send(
        world,
        "officer_b",
        f"/templates/{template.pk}/my-report",
        {"sections": {str(template.sections.first().pk): "Đổi"}, "indicators": {str(first.pk): -1}},
        method="put",
    )
    assert response.status_code == 422
    assert (
        response.json()["detail"] == "Số liệu «Số phong trào thi đua phát động» phải là số nguyên không âm."
    )
    assert report_b.values.get(indicator=first).value == VALUES_B[0]
    assert not report_b.texts.filter(text="Đổi").exists()
    response = _send(
        world, "officer_b", f"/templates/{template.pk}/my-report", {"sections": {"999999": "x"}}, method="put"
    )
    assert response.status_code == 422 and "không thuộc mẫu này" in response.json()["detail"]


@pytest.mark.parametrize(
    ("persona", "status"), [("officer_c", 404), ("admin", 404), ("council", 404), ("viewer_a", 403)]
)
def test_outsiders_cannot_write_a_unit_report_through_the_api(world, template, persona, status):
    response = _send(world, persona, f"/templates/{template.pk}/my-report", {"sections": {}}, method="put")
    assert response.status_code == status
    assert not UnitReport.objects.exists()


@pytest.mark.parametrize(
    ("persona", "draft", "submitted"),
    [
        ("officer_b", 200, 200),
        ("admin", 404, 200),
        ("officer_a", 404, 200),
        ("council", 404, 200),
        ("viewer_a", 404, 404),
        ("officer_c", 404, 404),
    ],
)
def test_unit_report_endpoints_by_persona(world, report_b, persona, draft, submitted):
    assert _get(world, persona, f"/unit-reports/{report_b.pk}").status_code == draft
    assert (report_b.pk in [r["id"] for r in _get(world, persona, "/unit-reports").json()]) is (draft == 200)
    services.submit_unit_report(world.users["officer_b"], report_b)
    assert _get(world, persona, f"/unit-reports/{report_b.pk}").status_code == submitted


def test_return_through_the_api(world, submitted):
    report_b = submitted[1]
    assert (
        _send(world, "officer_b", f"/unit-reports/{report_b.pk}/return", {"reason": "x"}).status_code == 403
    )
    response = _send(world, "block_head", f"/unit-reports/{report_b.pk}/return", {"reason": " "})
    assert response.status_code == 422 and "lý do" in response.json()["detail"]
    response = _send(world, "block_head", f"/unit-reports/{report_b.pk}/return", {"reason": "Bổ sung"})
    assert response.status_code == 200 and response.json()["status"] == UnitReportStatus.DRAFT


@pytest.mark.parametrize(
    ("persona", "status"), [("officer_b", 403), ("council", 403), ("admin", 403), ("officer_c", 404)]
)
def test_only_the_head_compiles_through_the_api(world, template, submitted, persona, status):
    assert _send(world, persona, f"/templates/{template.pk}/compile").status_code == status
    assert not BlockReport.objects.exists()


def test_compile_through_the_api_sums_and_gathers(world, template, submitted):
    response = _send(world, "block_head", f"/templates/{template.pk}/compile", {"note": "Lần 1"})
    assert response.status_code == 200
    body = response.json()
    assert body["current_version"] == 1 and body["status"] == "draft"
    assert [f["value"] for f in body["shown"]["figures"]] == [3, 9, 5, 21]
    assert (
        body["shown"]["sections"][2]["text"]
        == "Sở Kế hoạch và Đầu tư:\nDịch bệnh Covid-19 ảnh hưởng đến tiến độ.\n\nSở Tư pháp:\nThiếu biên chế."
    )


@pytest.mark.parametrize(
    ("persona", "before", "after"),
    [
        ("block_head", 200, 200),
        ("admin", 200, 200),
        ("council", 200, 200),
        ("officer_b", 404, 200),
        ("viewer_a", 404, 200),
        ("officer_c", 404, 404),
    ],
)
def test_block_report_endpoints_by_persona(world, compiled, persona, before, after):
    assert _get(world, persona, f"/block-reports/{compiled.pk}").status_code == before
    assert _get(world, persona, f"/block-reports/{compiled.pk}/versions/1").status_code == before
    services.open_comment_round(world.users["block_head"], compiled)
    assert _get(world, persona, f"/block-reports/{compiled.pk}").status_code == after
    assert _get(world, persona, f"/block-reports/{compiled.pk}/compare?a=1&b=1").status_code == after
    listed = [r["id"] for r in _get(world, persona, "/block-reports").json()]
    assert listed == ([compiled.pk] if after == 200 else [])


def test_versions_and_compare_through_the_api(world, template, compiled):
    section = template.sections.first()
    payload = {"sections": {str(section.pk): "Văn bản mới <b>đậm</b>"}, "note": "Sửa"}
    assert _send(world, "officer_b", f"/block-reports/{compiled.pk}/versions", payload).status_code == 404
    assert _send(world, "council", f"/block-reports/{compiled.pk}/versions", payload).status_code == 403
    response = _send(world, "block_head", f"/block-reports/{compiled.pk}/versions", payload)
    assert response.status_code == 200 and response.json()["number"] == 2
    response = _send(world, "block_head", f"/block-reports/{compiled.pk}/versions", payload)
    assert response.status_code == 422 and "không thay đổi" in response.json()["detail"]
    diff = _get(world, "council", f"/block-reports/{compiled.pk}/compare?a=1&b=2").json()
    first = diff["sections"][0]
    assert first["changed"] and "<ins>" in first["html"] and "&lt;b&gt;đậm&lt;/b&gt;" in first["html"]
    assert not diff["sections"][1]["changed"]
    assert {s["op"] for s in first["segments"]} >= {"delete", "insert"}


def test_comment_round_through_the_api(world, template, compiled):
    section = template.sections.first()
    assert _send(world, "council", f"/block-reports/{compiled.pk}/rounds", {}).status_code == 403
    response = _send(world, "block_head", f"/block-reports/{compiled.pk}/rounds", {"version": 1})
    assert response.status_code == 200
    round_id = response.json()["id"]
    comment = {"version": 1, "section_id": section.pk, "text": "Bổ sung số liệu."}
    assert _send(world, "block_head", f"/block-reports/{compiled.pk}/comments", comment).status_code == 403
    assert _send(world, "officer_c", f"/block-reports/{compiled.pk}/comments", comment).status_code == 404
    response = _send(world, "officer_b", f"/block-reports/{compiled.pk}/comments", comment)
    assert response.status_code == 200 and response.json()["unit_name"] == "Sở Tư pháp"
    comment_id = response.json()["id"]
    response = _send(world, "block_head", f"/rounds/{round_id}/close")
    assert response.status_code == 422 and "chưa trả lời" in response.json()["detail"]
    answer = {"kind": AnswerKind.EXPLAINED, "text": "Số liệu đã đúng."}
    assert _send(world, "officer_b", f"/comments/{comment_id}/answer", answer).status_code == 403
    response = _send(world, "block_head", f"/comments/{comment_id}/answer", answer)
    assert response.status_code == 200 and response.json()["answer_kind"] == "explained"
    assert _send(world, "block_head", f"/rounds/{round_id}/close").json()["closed_at"] is not None
    response = _send(world, "officer_b", f"/block-reports/{compiled.pk}/comments", comment)
    assert (
        response.status_code == 422
        and response.json()["detail"] == "Vòng góp ý 1 đã đóng; không nhận thêm góp ý."
    )
    assert Comment.objects.count() == 1


def test_comment_on_another_version_through_the_api_is_refused(world, template, circulated):
    section = template.sections.first()
    services.save_block_report_version(world.users["block_head"], circulated, {section.pk: "Bản 2"})
    response = _send(
        world,
        "officer_b",
        f"/block-reports/{circulated.pk}/comments",
        {"version": 2, "section_id": section.pk, "text": "Ý kiến"},
    )
    assert response.status_code == 422 and "phiên bản 1" in response.json()["detail"]
    assert not Comment.objects.exists()


def test_finalise_through_the_api_and_the_lock(world, template, circulated):
    section = template.sections.first()
    head_round = circulated.rounds.get()
    response = _send(world, "block_head", f"/block-reports/{circulated.pk}/finalise", {})
    assert response.status_code == 422 and "đóng vòng góp ý" in response.json()["detail"]
    assert _send(world, "officer_b", f"/block-reports/{circulated.pk}/finalise", {}).status_code == 403
    services.close_comment_round(world.users["block_head"], head_round)
    response = _send(world, "block_head", f"/block-reports/{circulated.pk}/finalise", {"version": 1})
    assert response.status_code == 200
    assert response.json()["status"] == BlockReportStatus.FINAL and response.json()["final_version"] == 1
    before = (BlockReportVersion.objects.count(), CommentRound.objects.count(), Comment.objects.count())
    refused = [
        ("block_head", f"/block-reports/{circulated.pk}/versions", {"sections": {str(section.pk): "Sửa"}}),
        ("block_head", f"/block-reports/{circulated.pk}/rounds", {}),
        ("block_head", f"/block-reports/{circulated.pk}/finalise", {}),
        ("block_head", f"/templates/{template.pk}/compile", {}),
        (
            "officer_b",
            f"/block-reports/{circulated.pk}/comments",
            {"version": 1, "section_id": section.pk, "text": "Muộn"},
        ),
    ]
    for persona, path, payload in refused:
        response = _send(world, persona, path, payload)
        assert response.status_code == 422, path
        assert "đã hoàn thành" in response.json()["detail"]
    response = _send(
        world,
        "officer_b",
        f"/templates/{template.pk}/my-report",
        {"sections": {str(section.pk): "x"}},
        method="put",
    )
    assert response.status_code == 422 and "đã hoàn thành" in response.json()["detail"]
    assert (
        BlockReportVersion.objects.count(),
        CommentRound.objects.count(),
        Comment.objects.count(),
    ) == before
