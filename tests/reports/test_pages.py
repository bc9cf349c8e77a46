"""Report pages by persona: allowed (200), refused (403), unknown to the persona (404), anonymous (login);
actions through the pages, refusals shown with their message and no change; query counts pinned."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.core.actors import SYSTEM
from tdkt.core.models import AuditEntry
from tdkt.org import services as org_services
from tdkt.org.enums import MembershipRole
from tdkt.org.models import EmulationBlock, Unit
from tdkt.reports import services
from tdkt.reports.enums import Action, AnswerKind, BlockReportStatus, PeriodKind, UnitReportStatus
from tdkt.reports.models import BlockReport, Comment, CommentRound, ReportTemplate, UnitReport
from tests.conftest import make_user

from .conftest import TEXTS_B, VALUES_B, by_position, by_title, fill, today

PERSONAS = ["admin", "officer_a", "leader_a", "viewer_a", "officer_b", "officer_c", "council"]


def _get(world, persona, name, *args, **params):
    return world.client(persona).get(reverse(name, args=args), params)


def _post(world, persona, name, *args, data=None, **headers):
    return world.client(persona).post(reverse(name, args=args), data or {}, **headers)


def _messages(response) -> str:
    return " ".join(str(m) for m in response.wsgi_request._messages)


# --- Anonymous ----------------------------------------------------------------------------------------------

PAGES = [
    ("reports:index", False),
    ("reports:template_create", False),
    ("reports:template_detail", "template"),
    ("reports:template_edit", "template"),
    ("reports:unit_report", "template"),
    ("reports:status_board", "template"),
    ("reports:unit_report_detail", "report"),
    ("reports:block_report", "block"),
    ("reports:block_report_edit", "block"),
    ("reports:versions", "block"),
    ("reports:compare", "block"),
]
ACTIONS = [
    ("reports:unit_report_submit", "template"),
    ("reports:compile", "template"),
    ("reports:unit_report_return", "report"),
    ("reports:comment_add", "block"),
    ("reports:round_open", "block"),
    ("reports:finalise", "block"),
]


@pytest.mark.parametrize(("name", "arg"), PAGES + ACTIONS)
def test_anonymous_is_sent_to_login(world, template, compiled, name, arg):
    args = {"template": [template.pk], "report": [UnitReport.objects.first().pk], "block": [compiled.pk]}
    url = reverse(name, args=args.get(arg, []))
    for method in ("get", "post"):
        response = getattr(world.client("anonymous"), method)(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert BlockReport.objects.get().versions.count() == 1


@pytest.mark.parametrize(("name", "arg"), ACTIONS)
def test_actions_refuse_get(world, template, compiled, name, arg):
    pk = {"template": template.pk, "report": UnitReport.objects.first().pk, "block": compiled.pk}[arg]
    assert world.client("block_head").get(reverse(name, args=[pk])).status_code == 405


# --- The list and templates ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_report_list_by_persona(world, template, persona):
    response = _get(world, persona, "reports:index")
    assert response.status_code == 200
    body = response.content.decode()
    assert (template.title in body) is (persona != "officer_c")
    assert ("Tạo mẫu báo cáo" in body) is (persona in ("admin", "officer_a", "leader_a"))


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin", 200),
        ("officer_a", 200),
        ("leader_a", 200),
        ("viewer_a", 403),
        ("officer_b", 403),
        ("council", 403),
    ],
)
def test_template_create_page(world, persona, status):
    assert _get(world, persona, "reports:template_create").status_code == status


def test_head_creates_a_template_through_the_page(world):
    data = {
        "block": world.block.pk,
        "year": world.block.memberships.first().year,
        "period": PeriodKind.YEAR,
        "submission_deadline": (today() + datetime.timedelta(days=5)).isoformat(),
        "comment_deadline": "",
    }
    response = _post(world, "block_head", "reports:template_create", data=data)
    template = ReportTemplate.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "reports:template_detail", args=[template.pk]
    )
    assert template.sections.count() == 4
    # The same period again: the service's message on the form, nothing more created.
    response = _post(world, "block_head", "reports:template_create", data=data)
    assert response.status_code == 200 and "đã có mẫu báo cáo" in response.content.decode()
    assert ReportTemplate.objects.count() == 1


def test_a_member_cannot_post_a_template_for_another_block(world):
    other = EmulationBlock(province=world.province, name="Cụm thi đua số 1", abbreviation="C1")
    other.save()
    data = {
        "block": other.pk,
        "year": world.block.memberships.first().year,
        "period": PeriodKind.YEAR,
        "submission_deadline": today().isoformat(),
    }
    response = _post(world, "block_head", "reports:template_create", data=data)
    assert response.status_code == 200  # the form offers only the blocks the user heads
    assert response.context["form"].errors["block"]
    assert not ReportTemplate.objects.exists()


@pytest.mark.parametrize(
    ("persona", "detail", "edit"),
    [
        ("admin", 200, 200),
        ("officer_a", 200, 200),
        ("leader_a", 200, 200),
        ("viewer_a", 200, 403),
        ("officer_b", 200, 403),
        ("council", 200, 403),
        ("officer_c", 404, 404),
    ],
)
def test_template_pages_by_persona(world, template, persona, detail, edit):
    assert _get(world, persona, "reports:template_detail", template.pk).status_code == detail
    assert _get(world, persona, "reports:template_edit", template.pk).status_code == edit


def test_template_edit_shows_refusal_and_keeps_the_template(world, template, submitted):
    data = {
        "submission_deadline": template.submission_deadline.isoformat(),
        "comment_deadline": "",
        "sections": "Một mục mới",
        "indicators": "",
    }
    response = _post(world, "block_head", "reports:template_edit", template.pk, data=data)
    assert response.status_code == 200
    assert "không sửa được các mục và chỉ tiêu" in response.content.decode()
    assert template.sections.count() == 4 and template.indicators.count() == 4


# --- A unit's own report ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("officer_b", 200),
        ("officer_a", 200),
        ("leader_a", 200),
        ("viewer_a", 200),
        ("admin", 404),  # Phòng TĐKT has no unit report of its own
        ("council", 404),  # follows the block, but the council member's unit is not in it
        ("officer_c", 404),
    ],
)
def test_own_report_page_by_persona(world, template, persona, status):
    assert _get(world, persona, "reports:unit_report", template.pk).status_code == status


def test_unit_fills_and_submits_through_the_page(world, template):
    data = {f"section_{pk}": text for pk, text in by_title(template, TEXTS_B).items()}
    data.update({f"indicator_{pk}": value for pk, value in by_position(template, VALUES_B).items()})
    response = _post(world, "officer_b", "reports:unit_report", template.pk, data=data)
    assert response.status_code == 302
    report = UnitReport.objects.get(unit=world.unit_b)
    assert report.texts.count() == 4 and report.values.count() == 4
    response = _post(world, "officer_b", "reports:unit_report_submit", template.pk)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == UnitReportStatus.SUBMITTED
    page = _get(world, "officer_b", "reports:unit_report", template.pk).content.decode()
    assert "Đã nộp" in page and 'name="section_' not in page  # read-only once submitted


def test_bad_figure_on_the_page_shows_a_message_and_changes_nothing(world, template, report_b):
    data = {f"section_{pk}": "Đổi nội dung" for pk in by_title(template, TEXTS_B)}
    data.update({f"indicator_{pk}": -3 for pk in by_position(template, VALUES_B)})
    response = _post(world, "officer_b", "reports:unit_report", template.pk, data=data)
    assert response.status_code == 200
    assert "Số liệu «Số sáng kiến được công nhận» phải là số nguyên không âm." in response.content.decode()
    assert sorted(report_b.values.values_list("value", flat=True)) == sorted(VALUES_B)
    assert not report_b.texts.filter(text="Đổi nội dung").exists()


def test_submitting_an_incomplete_report_on_the_page_shows_why(world, template):
    fill(world.users["officer_b"], template, {t: "" for t in TEXTS_B}, [None] * 4)
    response = world.client("officer_b").post(
        reverse("reports:unit_report_submit", args=[template.pk]), follow=True
    )
    assert "Chưa điền đủ nội dung" in response.content.decode()
    assert UnitReport.objects.get(unit=world.unit_b).status == UnitReportStatus.DRAFT


@pytest.mark.parametrize("persona", ["viewer_a", "officer_c", "council", "admin"])
def test_others_cannot_write_through_the_own_report_page(world, template, persona):
    data = {f"section_{pk}": "x" for pk in by_title(template, TEXTS_B)}
    response = _post(world, persona, "reports:unit_report", template.pk, data=data)
    assert response.status_code in (403, 404)
    assert not UnitReport.objects.exists()


@pytest.mark.parametrize(
    ("persona", "draft", "submitted"),
    [
        ("officer_b", 200, 200),
        ("admin", 404, 200),
        ("officer_a", 404, 200),
        ("leader_a", 404, 200),
        ("council", 404, 200),
        ("viewer_a", 404, 404),
        ("officer_c", 404, 404),
    ],
)
def test_unit_report_detail_by_persona(world, report_b, persona, draft, submitted):
    assert _get(world, persona, "reports:unit_report_detail", report_b.pk).status_code == draft
    services.submit_unit_report(world.users["officer_b"], report_b)
    response = _get(world, persona, "reports:unit_report_detail", report_b.pk)
    assert response.status_code == submitted
    if submitted == 200:
        assert TEXTS_B["Khó khăn, vướng mắc"] in response.content.decode()


def test_head_returns_a_report_through_the_page(world, submitted):
    report_b = submitted[1]
    response = _post(world, "officer_b", "reports:unit_report_return", report_b.pk, data={"reason": "x"})
    assert response.status_code == 403
    response = _post(world, "block_head", "reports:unit_report_return", report_b.pk, data={"reason": ""})
    assert response.status_code == 302
    report_b.refresh_from_db()
    assert report_b.status == UnitReportStatus.SUBMITTED
    _post(world, "block_head", "reports:unit_report_return", report_b.pk, data={"reason": "Thiếu số liệu"})
    report_b.refresh_from_db()
    assert report_b.status == UnitReportStatus.DRAFT and report_b.returned_reason == "Thiếu số liệu"
    assert (
        "Thiếu số liệu"
        in _get(world, "officer_b", "reports:unit_report", report_b.template_id).content.decode()
    )


# --- Status board and compiling -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin", 200),
        ("officer_a", 200),
        ("leader_a", 200),
        ("viewer_a", 403),
        ("officer_b", 403),
        ("council", 403),
        ("officer_c", 404),
    ],
)
def test_status_board_by_persona(world, template, persona, status):
    assert _get(world, persona, "reports:status_board", template.pk).status_code == status


def test_status_board_shows_each_units_state(world, template, report_a):
    late_unit = Unit(province=world.province, name="Sở Xây dựng", abbreviation="SXD")
    late_unit.save()
    org_services.set_membership(SYSTEM, block=world.block, unit=late_unit, year=template.year)
    services.submit_unit_report(world.users["officer_a"], report_a)
    body = _get(world, "block_head", "reports:status_board", template.pk).content.decode()
    assert "Đã nộp" in body and "Chưa bắt đầu" in body
    template.submission_deadline = today() - datetime.timedelta(days=1)
    template.save()
    body = _get(world, "block_head", "reports:status_board", template.pk).content.decode()
    assert "Quá hạn, chưa nộp" in body


def test_compile_through_the_page(world, template, submitted):
    response = _post(world, "officer_b", "reports:compile", template.pk)
    assert response.status_code == 403 and not BlockReport.objects.exists()
    response = _post(world, "block_head", "reports:compile", template.pk)
    report = BlockReport.objects.get()
    assert response["Location"] == reverse("reports:block_report", args=[report.pk])


def test_compile_refusal_is_shown(world, template, report_a):
    response = world.client("block_head").post(reverse("reports:compile", args=[template.pk]), follow=True)
    assert "Chưa có đơn vị nào nộp báo cáo" in response.content.decode()
    assert not BlockReport.objects.exists()


# --- The block's report -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "draft", "circulated_status", "edit"),
    [
        ("admin", 200, 200, 403),
        ("officer_a", 200, 200, 200),
        ("leader_a", 200, 200, 200),
        ("council", 200, 200, 403),
        ("officer_b", 404, 200, 403),
        ("viewer_a", 404, 200, 403),
        ("officer_c", 404, 404, 404),
    ],
)
def test_block_report_pages_by_persona(world, compiled, persona, draft, circulated_status, edit):
    for name in ("reports:block_report", "reports:versions"):
        assert _get(world, persona, name, compiled.pk).status_code == draft
    services.open_comment_round(world.users["block_head"], compiled)
    for name in ("reports:block_report", "reports:versions"):
        assert _get(world, persona, name, compiled.pk).status_code == circulated_status
    assert _get(world, persona, "reports:compare", compiled.pk, a=1, b=1).status_code == circulated_status
    assert _get(world, persona, "reports:block_report_edit", compiled.pk).status_code == edit


def test_head_edits_the_text_into_a_new_version(world, template, compiled):
    section = template.sections.first()
    data = {f"section_{s.pk}": "" for s in template.sections.all()}
    from tdkt.reports.queries import version_texts

    data.update({f"section_{pk}": text for pk, text in version_texts(compiled.current_version).items()})
    response = _post(world, "block_head", "reports:block_report_edit", compiled.pk, data=data)
    assert response.status_code == 200 and "không thay đổi" in response.content.decode()
    data[f"section_{section.pk}"] = "Nội dung đã biên tập."
    data["note"] = "Biên tập lần 1"
    response = _post(world, "block_head", "reports:block_report_edit", compiled.pk, data=data)
    assert response.status_code == 302
    assert compiled.versions.count() == 2
    body = _get(world, "block_head", "reports:block_report", compiled.pk).content.decode()
    assert "Nội dung đã biên tập." in body and "Phiên bản 2" in body


def test_versions_compare_escapes_and_marks_changes(world, template, compiled):
    section = template.sections.first()
    services.save_block_report_version(
        world.users["block_head"],
        compiled,
        {section.pk: "Sở Kế hoạch và Đầu tư:\n<script>alert(1)</script> mới"},
    )
    body = _get(world, "council", "reports:compare", compiled.pk, a=1, b=2).content.decode()
    assert "<ins>" in body and "<del>" in body
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "không thay đổi" in body  # the other sections
    # A member may not compare with a version never circulated to them.
    services.open_comment_round(world.users["block_head"], compiled, version=1)
    assert _get(world, "officer_b", "reports:compare", compiled.pk, a=1, b=2).status_code == 404
    assert (
        _get(world, "officer_b", "reports:block_report", compiled.pk, **{"phien-ban": 2}).status_code == 404
    )
    response = world.client("council").get(
        reverse("reports:compare", args=[compiled.pk]), {"a": "x"}, follow=True
    )
    assert "Hãy chọn hai phiên bản" in response.content.decode()


def test_round_comment_answer_close_finalise_through_the_pages(world, template, compiled):
    section = template.sections.first()
    deadline = (today() + datetime.timedelta(days=3)).isoformat()
    response = _post(
        world,
        "officer_b",
        "reports:round_open",
        compiled.pk,
        data={"version": compiled.current_version_id, "deadline": deadline},
    )
    assert response.status_code == 404  # not circulated yet: the member does not know the report
    _post(
        world,
        "block_head",
        "reports:round_open",
        compiled.pk,
        data={"version": compiled.current_version_id, "deadline": deadline},
    )
    round_ = CommentRound.objects.get()
    page = _get(world, "officer_b", "reports:block_report", compiled.pk).content.decode()
    assert "Gửi góp ý" in page and "Gửi trả lời" not in page
    _post(
        world,
        "officer_b",
        "reports:comment_add",
        compiled.pk,
        data={"version": 1, "section": section.pk, "text": "Thêm số liệu."},
    )
    comment = Comment.objects.get()
    assert comment.unit == world.unit_b
    page = _get(world, "block_head", "reports:block_report", compiled.pk).content.decode()
    assert "Thêm số liệu." in page and "Gửi trả lời" in page and "Gửi góp ý" not in page
    response = _post(
        world, "officer_b", "reports:comment_answer", comment.pk, data={"kind": "applied", "text": "x"}
    )
    assert response.status_code == 403
    response = _post(
        world,
        "block_head",
        "reports:comment_answer",
        comment.pk,
        data={"kind": AnswerKind.APPLIED, "text": "Đã bổ sung."},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body and f'id="y-kien-{comment.pk}"' in body
    assert "Đã bổ sung." in body and "Tiếp thu" in body
    _post(world, "block_head", "reports:round_close", round_.pk)
    round_.refresh_from_db()
    assert not round_.is_open
    _post(world, "block_head", "reports:finalise", compiled.pk, data={"version": compiled.current_version_id})
    compiled.refresh_from_db()
    assert compiled.status == BlockReportStatus.FINAL
    page = _get(world, "block_head", "reports:block_report", compiled.pk).content.decode()
    assert "Gửi trả lời" not in page and "Mở vòng góp ý" not in page and "Sửa nội dung" not in page
    assert _get(world, "block_head", "reports:block_report_edit", compiled.pk).status_code == 302


def test_answer_refusal_on_htmx_keeps_the_comment(world, template, circulated):
    comment = services.add_comment(
        world.users["officer_b"], circulated, version=1, section=template.sections.first(), text="Ý kiến"
    )
    response = _post(
        world,
        "block_head",
        "reports:comment_answer",
        comment.pk,
        data={"kind": "applied", "text": " "},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "nhập nội dung trả lời" in response.content.decode()
    comment.refresh_from_db()
    assert not comment.is_answered


def test_comment_on_the_wrong_version_through_the_page_is_refused(world, template, circulated):
    section = template.sections.first()
    services.save_block_report_version(world.users["block_head"], circulated, {section.pk: "Bản 2"})
    response = world.client("officer_b").post(
        reverse("reports:comment_add", args=[circulated.pk]),
        {"version": 2, "section": section.pk, "text": "Ý kiến"},
        follow=True,
    )
    assert "Vòng góp ý đang mở là cho phiên bản 1" in response.content.decode()
    assert not Comment.objects.exists()


def test_comment_on_a_final_report_through_the_page_is_refused(world, template, circulated):
    head = world.users["block_head"]
    services.close_comment_round(head, circulated.rounds.get())
    services.finalise_block_report(head, circulated)
    response = world.client("officer_b").post(
        reverse("reports:comment_add", args=[circulated.pk]),
        {"version": 1, "section": template.sections.first().pk, "text": "Ý kiến"},
        follow=True,
    )
    assert "Báo cáo của Khối đã hoàn thành và được khóa" in response.content.decode()
    assert not Comment.objects.exists()


def test_pages_use_no_inline_script_or_style(world, template, circulated):
    for name, args in (
        ("reports:index", []),
        ("reports:template_detail", [template.pk]),
        ("reports:unit_report", [template.pk]),
        ("reports:status_board", [template.pk]),
        ("reports:block_report", [circulated.pk]),
        ("reports:versions", [circulated.pk]),
    ):
        body = world.client("block_head").get(reverse(name, args=args)).content.decode()
        assert "<script>" not in body and "style=" not in body, name


# --- Query counts -------------------------------------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_report_list_query_count_does_not_grow(world, template, report_b):
    year = template.year
    clients = {persona: world.client(persona) for persona in ("officer_b", "block_head", "admin", "council")}
    url = reverse("reports:index")
    few = {persona: _queries(client, url) for persona, client in clients.items()}
    for past in range(year - 15, year):  # a unit is in one block a year: the history of earlier years
        org_services.set_membership(
            SYSTEM, block=world.block, unit=world.unit_a, year=past, role=MembershipRole.HEAD
        )
        org_services.set_membership(SYSTEM, block=world.block, unit=world.unit_b, year=past)
        other = services.create_template(
            SYSTEM,
            block=world.block,
            year=past,
            period=PeriodKind.SIX_MONTHS,
            submission_deadline=datetime.date(past, 6, 5),
        )
        report = fill(world.users["officer_b"], other, TEXTS_B, VALUES_B)
        if past % 2:
            services.submit_unit_report(world.users["officer_b"], report)
            services.compile_block_report(SYSTEM, other)
    assert {persona: _queries(client, url) for persona, client in clients.items()} == few
    assert ReportTemplate.objects.count() == 16


def test_status_board_query_count_does_not_grow(world, template, report_b):
    client = world.client("block_head")
    url = reverse("reports:status_board", args=[template.pk])
    few = _queries(client, url)
    for i in range(15):
        unit = Unit(province=world.province, name=f"Sở Thứ {i}", abbreviation=f"S{i}")
        unit.save()
        org_services.set_membership(SYSTEM, block=world.block, unit=unit, year=template.year)
        officer = make_user(f"canbo.s{i}", "unit_officer", unit)
        report = fill(officer, template, TEXTS_B, VALUES_B)
        if i % 2:
            services.submit_unit_report(officer, report)
    assert _queries(client, url) == few


def test_block_report_page_query_count_does_not_grow_with_comments(world, template, circulated):
    client = world.client("block_head")
    url = reverse("reports:block_report", args=[circulated.pk])
    services.add_comment(
        world.users["officer_b"], circulated, version=1, section=template.sections.first(), text="Một"
    )
    few = _queries(client, url)
    for i in range(12):
        unit = Unit(province=world.province, name=f"Sở Góp Ý {i}", abbreviation=f"G{i}")
        unit.save()
        org_services.set_membership(SYSTEM, block=world.block, unit=unit, year=template.year)
        officer = make_user(f"gopy.{i}", "unit_officer", unit)
        comment = services.add_comment(
            officer, circulated, version=1, section=template.sections.all()[i % 4], text=f"Ý kiến {i}"
        )
        if i % 2:
            services.answer_comment(
                world.users["block_head"], comment, kind=AnswerKind.EXPLAINED, text="Giải trình"
            )
    assert _queries(client, url) == few


# --- The admin ----------------------------------------------------------------------------------------------


def test_admin_changes_deadlines_through_the_service(world, template):
    client = world.client("admin")
    assert client.get(reverse("admin:reports_reporttemplate_changelist")).status_code == 200
    url = reverse("admin:reports_reporttemplate_change", args=[template.pk])
    assert client.get(url).status_code == 200
    later = template.submission_deadline + datetime.timedelta(days=2)
    response = client.post(
        url, {"submission_deadline": later.isoformat(), "comment_deadline": later.isoformat()}
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.submission_deadline == later
    assert AuditEntry.objects.filter(action=Action.TEMPLATE_CHANGED, object_id=str(template.pk)).exists()
    # The comment deadline may not come before the submission deadline, here either.
    earlier = (later - datetime.timedelta(days=5)).isoformat()
    response = client.post(url, {"submission_deadline": later.isoformat(), "comment_deadline": earlier})
    assert response.status_code == 200
    template.refresh_from_db()
    assert template.comment_deadline == later
    assert world.client("officer_a").get(url).status_code == 302  # not staff: to the admin login


def test_admin_cannot_change_a_locked_template(world, template, compiled):
    services.finalise_block_report(world.users["block_head"], compiled)
    client = world.client("admin")
    url = reverse("admin:reports_reporttemplate_change", args=[template.pk])
    before = template.submission_deadline
    response = client.post(url, {"submission_deadline": (before + datetime.timedelta(days=1)).isoformat()})
    assert response.status_code == 403
    template.refresh_from_db()
    assert template.submission_deadline == before
