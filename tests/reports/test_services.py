"""The report cycle through its services: templates, unit reports, compiling, versions, rounds, finalising.

Refusals carry a Vietnamese message and leave the data as it was; a final report locks everything."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tdkt.core.actors import SYSTEM
from tdkt.core.models import AuditEntry, Notice
from tdkt.org import services as org_services
from tdkt.org.enums import MembershipRole
from tdkt.org.models import Unit
from tdkt.org.queries import current_year
from tdkt.reports import services
from tdkt.reports.enums import Action, AnswerKind, BlockReportStatus, PeriodKind, UnitReportStatus
from tdkt.reports.models import (
    BlockReport,
    BlockReportVersion,
    Comment,
    CommentRound,
    ReportTemplate,
    UnitReport,
    UnitReportText,
)
from tdkt.reports.queries import version_texts

from .conftest import TEXTS_A, TEXTS_B, VALUES_A, VALUES_B, by_position, by_title, fill, today


def _message(error: ValidationError) -> str:
    return " ".join(error.messages)


def _state(*models):
    """A fingerprint of every row of the given models (to prove a refused action wrote nothing)."""
    return [sorted(model.objects.values_list("pk", flat=True)) for model in models] + [
        AuditEntry.objects.count(),
        Notice.objects.count(),
    ]


# --- Templates ----------------------------------------------------------------------------------------------


def test_new_template_has_the_default_sections_and_indicators(template):
    assert [s.title for s in template.sections.all()] == [
        "Công tác thi đua, khen thưởng",
        "Kết quả thực hiện nhiệm vụ chính trị",
        "Khó khăn, vướng mắc",
        "Phương hướng, nhiệm vụ 6 tháng cuối năm",
    ]
    assert [i.name for i in template.indicators.all()] == [
        "Số phong trào thi đua phát động",
        "Số sáng kiến được công nhận",
        "Số tập thể được khen thưởng",
        "Số cá nhân được khen thưởng",
    ]
    assert template.title == f"Báo cáo sơ kết 6 tháng đầu năm {current_year()}"
    assert AuditEntry.objects.filter(action=Action.TEMPLATE_CREATED, object_id=str(template.pk)).exists()


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("admin", True),
        ("block_head", True),
        ("leader_a", True),
        ("viewer_a", False),
        ("officer_b", False),
        ("officer_c", False),
        ("council", False),
    ],
)
def test_who_may_create_a_template(world, persona, allowed):
    def create():
        return services.create_template(
            world.users[persona],
            block=world.block,
            year=current_year(),
            period=PeriodKind.YEAR,
            submission_deadline=today(),
        )

    if allowed:
        assert create().period == PeriodKind.YEAR
    else:
        with pytest.raises(PermissionDenied):
            create()
        assert not ReportTemplate.objects.exists()


def test_a_block_has_one_template_per_period_and_year(world, template):
    with pytest.raises(ValidationError) as error:
        services.create_template(
            SYSTEM, block=world.block, year=template.year, period=template.period, submission_deadline=today()
        )
    assert "đã có mẫu báo cáo" in _message(error.value)


def test_comment_deadline_cannot_precede_the_submission_deadline(world):
    with pytest.raises(ValidationError) as error:
        services.create_template(
            SYSTEM,
            block=world.block,
            year=current_year(),
            period=PeriodKind.SIX_MONTHS,
            submission_deadline=today(),
            comment_deadline=today() - datetime.timedelta(days=1),
        )
    assert "không được trước hạn nộp" in _message(error.value)
    assert not ReportTemplate.objects.exists()


def test_head_edits_sections_and_indicators_until_a_unit_submits(world, template):
    head = world.users["block_head"]
    services.update_template(
        head,
        template,
        submission_deadline=template.submission_deadline,
        sections=[*TEXTS_B.keys(), "Kiến nghị, đề xuất"],
        indicators=["Số sáng kiến được công nhận", "Số phong trào thi đua phát động"],
    )
    assert [s.title for s in template.sections.all()][-1] == "Kiến nghị, đề xuất"
    assert [i.name for i in template.indicators.all()] == [
        "Số sáng kiến được công nhận",
        "Số phong trào thi đua phát động",
    ]
    report_b = fill(
        world.users["officer_b"], template, {**TEXTS_B, "Kiến nghị, đề xuất": "Không có."}, [4, 1]
    )
    services.submit_unit_report(world.users["officer_b"], report_b)
    with pytest.raises(ValidationError) as error:
        services.update_template(
            head, template, submission_deadline=template.submission_deadline, sections=["Một mục duy nhất"]
        )
    assert "không sửa được các mục và chỉ tiêu" in _message(error.value)
    assert template.sections.count() == 5
    # The deadlines may still move.
    later = template.submission_deadline + datetime.timedelta(days=3)
    services.update_template(head, template, submission_deadline=later, comment_deadline=later)
    template.refresh_from_db()
    assert template.submission_deadline == later


def test_a_section_with_a_units_text_cannot_be_removed(world, template, report_b):
    with pytest.raises(ValidationError) as error:
        services.update_template(
            world.users["block_head"],
            template,
            submission_deadline=template.submission_deadline,
            sections=["Công tác thi đua, khen thưởng"],
        )
    assert "Kết quả thực hiện nhiệm vụ chính trị" in _message(error.value)
    assert template.sections.count() == 4


def test_other_units_cannot_edit_the_template(world, template):
    with pytest.raises(PermissionDenied):
        services.update_template(
            world.users["officer_b"],
            template,
            submission_deadline=template.submission_deadline,
            sections=["X"],
        )


# --- Unit reports -------------------------------------------------------------------------------------------


def test_unit_drafts_saves_and_submits(world, template):
    officer = world.users["officer_b"]
    report = fill(officer, template, TEXTS_B, VALUES_B)
    assert report.status == UnitReportStatus.DRAFT
    assert UnitReportText.objects.filter(report=report).count() == 4
    services.submit_unit_report(officer, report)
    report.refresh_from_db()
    assert report.status == UnitReportStatus.SUBMITTED
    assert report.submitted_by == officer and not report.submitted_late
    assert AuditEntry.objects.filter(action=Action.UNIT_REPORT_SUBMITTED, object_id=str(report.pk)).exists()


def test_submitting_notifies_the_block_heads_users(world, template, report_b):
    services.submit_unit_report(world.users["officer_b"], report_b)
    told = set(Notice.objects.values_list("recipient__username", flat=True))
    assert told == {"canbo.a", "lanhdao.a"}  # officer and leader of the head unit, not its viewer
    assert "Sở Tư pháp đã nộp báo cáo sơ kết" in Notice.objects.first().title


def test_text_is_stored_nfc_and_paragraphs_are_kept(world, template):
    officer = world.users["officer_b"]
    section = template.sections.first()
    decomposed = "Thi đua\r\n\r\nkhen thưởng  ".replace("ư", "u\u031b")
    report = services.save_unit_report(
        officer, services.start_unit_report(officer, template), {section.pk: decomposed}
    )
    assert report.texts.get().text == "Thi đua\n\nkhen thưởng"


def test_bad_figure_is_refused_with_a_message_and_nothing_changes(world, template, report_b):
    indicator = template.indicators.first()
    before = list(report_b.values.values_list("indicator_id", "value"))
    for bad in (-1, "ba", 1.5, True):
        with pytest.raises(ValidationError) as error:
            services.save_unit_report(
                world.users["officer_b"], report_b, {template.sections.first().pk: "Đổi"}, {indicator.pk: bad}
            )
        assert "phải là số nguyên không âm" in _message(error.value)
    assert list(report_b.values.values_list("indicator_id", "value")) == before
    assert (
        report_b.texts.get(section=template.sections.first()).text == TEXTS_B["Công tác thi đua, khen thưởng"]
    )


def test_a_section_of_another_template_is_refused(world, template, report_b):
    other = services.create_template(
        SYSTEM, block=world.block, year=template.year, period=PeriodKind.YEAR, submission_deadline=today()
    )
    with pytest.raises(ValidationError) as error:
        services.save_unit_report(world.users["officer_b"], report_b, {other.sections.first().pk: "x"})
    assert "không thuộc mẫu này" in _message(error.value)


def test_incomplete_report_cannot_be_submitted(world, template):
    officer = world.users["officer_b"]
    report = services.save_unit_report(
        officer, services.start_unit_report(officer, template), {template.sections.first().pk: "Một mục."}
    )
    with pytest.raises(ValidationError) as error:
        services.submit_unit_report(officer, report)
    message = _message(error.value)
    assert "Chưa điền đủ nội dung" in message and "Khó khăn, vướng mắc" in message
    assert "Số cá nhân được khen thưởng" in message
    report.refresh_from_db()
    assert report.status == UnitReportStatus.DRAFT


def test_submitted_report_is_locked_for_the_unit(world, submitted):
    _, report_b = submitted
    officer = world.users["officer_b"]
    with pytest.raises(ValidationError) as error:
        services.save_unit_report(
            officer, report_b, {report_b.template.sections.first().pk: "Sửa sau khi nộp"}
        )
    assert "Báo cáo đã nộp" in _message(error.value)
    with pytest.raises(ValidationError):
        services.submit_unit_report(officer, report_b)
    assert report_b.texts.get(section=report_b.template.sections.first()).text.startswith("Tổ chức")


@pytest.mark.parametrize("persona", ["officer_a", "leader_a", "viewer_a", "officer_c", "council", "admin"])
def test_nobody_else_writes_a_units_report(world, report_b, persona):
    with pytest.raises(PermissionDenied):
        services.save_unit_report(
            world.users[persona], report_b, {report_b.template.sections.first().pk: "x"}
        )
    with pytest.raises(PermissionDenied):
        services.submit_unit_report(world.users[persona], report_b)


def test_a_unit_outside_the_block_cannot_start_a_report(world, template):
    with pytest.raises(PermissionDenied):
        services.start_unit_report(world.users["officer_c"], template)
    assert not UnitReport.objects.exists()


def test_block_head_returns_a_report_with_a_reason(world, submitted):
    _, report_b = submitted
    head = world.users["block_head"]
    with pytest.raises(ValidationError) as error:
        services.return_unit_report(head, report_b, "   ")
    assert "lý do" in _message(error.value)
    report_b.refresh_from_db()
    assert report_b.status == UnitReportStatus.SUBMITTED
    services.return_unit_report(head, report_b, "Bổ sung số liệu khen thưởng.")
    report_b.refresh_from_db()
    assert report_b.status == UnitReportStatus.DRAFT and report_b.submitted_at is None
    assert report_b.returned_reason == "Bổ sung số liệu khen thưởng."
    assert Notice.objects.filter(
        recipient=world.users["officer_b"], body="Bổ sung số liệu khen thưởng."
    ).exists()
    # Back in the unit's hands: it may edit and submit again.
    services.save_unit_report(
        world.users["officer_b"], report_b, {}, by_position(report_b.template, [1, 4, 3, 10])
    )
    services.submit_unit_report(world.users["officer_b"], report_b)


@pytest.mark.parametrize("persona", ["officer_b", "viewer_a", "council", "officer_c", "admin"])
def test_only_the_block_head_returns_a_report(world, submitted, persona):
    with pytest.raises(PermissionDenied):
        services.return_unit_report(world.users[persona], submitted[1], "Không đạt")


def test_late_and_submitted_late(world, template, report_b):
    template.submission_deadline = today() - datetime.timedelta(days=1)
    template.save()
    report_b.refresh_from_db()
    assert report_b.board_status(today()) == "late"
    services.submit_unit_report(world.users["officer_b"], report_b)
    report_b.refresh_from_db()
    assert report_b.submitted_late and report_b.board_status(today()) == "submitted_late"
    on_time = timezone.make_aware(
        datetime.datetime.combine(template.submission_deadline, datetime.time(16, 0))
    )
    services.return_unit_report(world.users["block_head"], report_b, "Bổ sung")
    services.submit_unit_report(world.users["officer_b"], report_b, at=on_time)
    report_b.refresh_from_db()
    assert not report_b.submitted_late  # the deadline day itself is on time


# --- Compiling ----------------------------------------------------------------------------------------------


def test_compile_gathers_sections_by_unit_and_sums_figures(world, template, compiled):
    version = compiled.current_version
    assert version.number == 1 and version.compiled
    texts = version_texts(version)
    first = template.sections.first()
    # Units in Vietnamese alphabetical order: "Sở Kế hoạch…" before "Sở Tư pháp".
    assert texts[first.pk] == (
        "Sở Kế hoạch và Đầu tư:\n" + TEXTS_A[first.title] + "\n\nSở Tư pháp:\n" + TEXTS_B[first.title]
    )
    figures = {f.indicator.name: (f.value, f.unit_count) for f in version.figures.select_related("indicator")}
    assert figures == {
        indicator.name: (a + b, 2)
        for indicator, a, b in zip(template.indicators.all(), VALUES_A, VALUES_B, strict=True)
    }
    assert str(compiled) == f"Báo cáo sơ kết 6 tháng đầu năm {current_year()} — {world.block.name}"


def test_compile_uses_short_names_and_skips_empty_sections(world, template, report_a, report_b):
    world.unit_b.short_name = "STP"
    world.unit_b.save()
    services.submit_unit_report(world.users["officer_a"], report_a)
    services.submit_unit_report(world.users["officer_b"], report_b)
    report = services.compile_block_report(world.users["block_head"], template)
    assert "STP:\n" in version_texts(report.current_version)[template.sections.first().pk]


def test_compile_waits_for_every_unit_until_the_deadline(world, template, report_a, report_b):
    head = world.users["block_head"]
    with pytest.raises(ValidationError) as error:
        services.compile_block_report(head, template)
    assert "Chưa có đơn vị nào nộp" in _message(error.value)
    services.submit_unit_report(world.users["officer_a"], report_a)
    with pytest.raises(ValidationError) as error:
        services.compile_block_report(head, template)
    assert "còn 1 đơn vị chưa nộp" in _message(error.value)
    assert not BlockReport.objects.exists()
    # After the deadline the head compiles what arrived.
    after = timezone.now() + datetime.timedelta(days=11)
    report = services.compile_block_report(head, template, at=after)
    figures = {f.indicator_id: f.value for f in report.current_version.figures.all()}
    assert list(figures.values()) == VALUES_A


@pytest.mark.parametrize("persona", ["officer_b", "viewer_a", "council", "officer_c", "admin"])
def test_only_the_block_head_compiles(world, template, submitted, persona):
    with pytest.raises(PermissionDenied):
        services.compile_block_report(world.users[persona], template)
    assert not BlockReport.objects.exists()


def test_the_deputy_unit_acts_as_head(world, template, submitted):
    deputy = Unit(province=world.province, name="Văn phòng UBND tỉnh", abbreviation="VPUBND")
    deputy.save()
    org_services.set_membership(
        SYSTEM, block=world.block, unit=deputy, year=template.year, role=MembershipRole.DEPUTY
    )
    from tests.conftest import make_user

    officer = make_user("canbo.vp", "unit_officer", deputy)
    template.submission_deadline = today() - datetime.timedelta(days=1)
    template.save()
    report = services.compile_block_report(officer, template)
    assert report.current_version.author == officer


def test_recompiling_makes_a_new_version_and_keeps_the_old(world, template, compiled):
    head = world.users["block_head"]
    services.save_block_report_version(head, compiled, {template.sections.first().pk: "Sửa của Khối trưởng."})
    services.compile_block_report(head, template)
    numbers = list(compiled.versions.order_by("number").values_list("number", "compiled"))
    assert numbers == [(1, True), (2, False), (3, True)]
    assert (
        version_texts(compiled.versions.get(number=2))[template.sections.first().pk] == "Sửa của Khối trưởng."
    )


# --- Versions -----------------------------------------------------------------------------------------------


def test_each_saved_change_is_a_new_version_with_figures_carried_over(world, template, compiled):
    head = world.users["block_head"]
    section = template.sections.first()
    version = services.save_block_report_version(
        head, compiled, {section.pk: "Nội dung mới."}, note="Biên tập"
    )
    compiled.refresh_from_db()
    assert compiled.current_version == version and version.number == 2 and version.author == head
    texts = version_texts(version)
    assert texts[section.pk] == "Nội dung mới."
    assert (
        texts[template.sections.last().pk]
        == version_texts(compiled.versions.get(number=1))[template.sections.last().pk]
    )
    assert [f.value for f in version.figures.order_by("indicator__position")] == [
        a + b for a, b in zip(VALUES_A, VALUES_B, strict=True)
    ]


def test_saving_the_same_text_makes_no_version(world, template, compiled):
    texts = version_texts(compiled.current_version)
    with pytest.raises(ValidationError) as error:
        services.save_block_report_version(world.users["block_head"], compiled, texts)
    assert "không thay đổi" in _message(error.value)
    assert compiled.versions.count() == 1


@pytest.mark.parametrize("persona", ["officer_b", "viewer_a", "council", "admin"])
def test_only_the_head_saves_versions(world, template, compiled, persona):
    with pytest.raises(PermissionDenied):
        services.save_block_report_version(
            world.users[persona], compiled, {template.sections.first().pk: "x"}
        )
    assert compiled.versions.count() == 1


# --- Comment rounds -----------------------------------------------------------------------------------------


def test_opening_a_round_notifies_the_member_units(world, compiled):
    Notice.objects.all().delete()
    round_ = services.open_comment_round(world.users["block_head"], compiled)
    assert round_.number == 1 and round_.version == compiled.current_version
    assert round_.deadline == compiled.template.comment_deadline
    assert set(Notice.objects.values_list("recipient__username", flat=True)) == {"canbo.b"}
    assert "Đề nghị góp ý dự thảo báo cáo sơ kết" in Notice.objects.get().title


def test_one_round_at_a_time_and_a_valid_deadline(world, compiled):
    head = world.users["block_head"]
    with pytest.raises(ValidationError) as error:
        services.open_comment_round(head, compiled, deadline=today() - datetime.timedelta(days=1))
    assert "Hạn góp ý không được trước" in _message(error.value)
    services.open_comment_round(head, compiled)
    with pytest.raises(ValidationError) as error:
        services.open_comment_round(head, compiled)
    assert "đang mở" in _message(error.value)
    assert CommentRound.objects.count() == 1


def test_member_comments_and_head_answers(world, template, circulated):
    officer_b = world.users["officer_b"]
    section = template.sections.first()
    comment = services.add_comment(officer_b, circulated, version=1, section=section, text="Bổ sung số liệu.")
    assert comment.unit == world.unit_b and comment.round.number == 1
    Notice.objects.all().delete()
    services.answer_comment(world.users["block_head"], comment, kind=AnswerKind.APPLIED, text="Đã bổ sung.")
    comment.refresh_from_db()
    assert comment.is_answered and comment.answer_kind == AnswerKind.APPLIED
    assert list(Notice.objects.values_list("recipient__username", flat=True)) == ["canbo.b"]


@pytest.mark.parametrize("persona", ["officer_a", "leader_a", "viewer_a", "officer_c", "council", "admin"])
def test_only_member_units_comment(world, template, circulated, persona):
    with pytest.raises(PermissionDenied):
        services.add_comment(
            world.users[persona], circulated, version=1, section=template.sections.first(), text="Ý kiến"
        )
    assert not Comment.objects.exists()


def test_comment_on_another_version_is_refused(world, template, circulated):
    head = world.users["block_head"]
    services.save_block_report_version(head, circulated, {template.sections.first().pk: "Phiên bản 2."})
    before = _state(Comment)
    with pytest.raises(ValidationError) as error:
        services.add_comment(
            world.users["officer_b"], circulated, version=2, section=template.sections.first(), text="Ý kiến"
        )
    assert _message(error.value) == "Vòng góp ý đang mở là cho phiên bản 1; không góp ý vào phiên bản 2."
    assert _state(Comment) == before
    # The round's own version still takes comments after the head saved a newer one.
    services.add_comment(
        world.users["officer_b"], circulated, version=1, section=template.sections.first(), text="Ý kiến"
    )


def test_comment_after_the_round_closed_is_refused(world, template, circulated):
    round_ = circulated.rounds.get()
    services.close_comment_round(world.users["block_head"], round_)
    with pytest.raises(ValidationError) as error:
        services.add_comment(
            world.users["officer_b"], circulated, version=1, section=template.sections.first(), text="Muộn"
        )
    assert _message(error.value) == "Vòng góp ý 1 đã đóng; không nhận thêm góp ý."
    assert not Comment.objects.exists()


def test_comment_needs_a_round_and_a_text(world, template, compiled):
    with pytest.raises(ValidationError) as error:
        services.add_comment(
            world.users["officer_b"], compiled, version=1, section=template.sections.first(), text="x"
        )
    assert "không có vòng góp ý nào đang mở" in _message(error.value)
    services.open_comment_round(world.users["block_head"], compiled)
    with pytest.raises(ValidationError) as error:
        services.add_comment(
            world.users["officer_b"], compiled, version=1, section=template.sections.first(), text=" "
        )
    assert "Cần nhập nội dung góp ý" in _message(error.value)
    assert not Comment.objects.exists()


def test_round_closes_only_when_every_comment_is_answered(world, template, circulated):
    head = world.users["block_head"]
    comment = services.add_comment(
        world.users["officer_b"], circulated, version=1, section=template.sections.first(), text="Ý kiến"
    )
    round_ = circulated.rounds.get()
    with pytest.raises(ValidationError) as error:
        services.close_comment_round(head, round_)
    assert "Còn 1 góp ý chưa trả lời" in _message(error.value)
    with pytest.raises(ValidationError) as error:
        services.answer_comment(head, comment, kind="maybe", text="x")
    assert "tiếp thu hoặc giải trình" in _message(error.value)
    services.answer_comment(head, comment, kind=AnswerKind.EXPLAINED, text="Giữ nguyên vì đúng số liệu.")
    services.close_comment_round(head, round_)
    round_.refresh_from_db()
    assert not round_.is_open
    with pytest.raises(ValidationError):
        services.close_comment_round(head, round_)


@pytest.mark.parametrize("persona", ["officer_b", "viewer_a", "council", "admin"])
def test_only_the_head_answers_and_runs_rounds(world, template, circulated, persona):
    comment = services.add_comment(
        world.users["officer_b"], circulated, version=1, section=template.sections.first(), text="Ý kiến"
    )
    user = world.users[persona]
    with pytest.raises(PermissionDenied):
        services.answer_comment(user, comment, kind=AnswerKind.APPLIED, text="x")
    with pytest.raises(PermissionDenied):
        services.close_comment_round(user, circulated.rounds.get())
    with pytest.raises(PermissionDenied):
        services.finalise_block_report(user, circulated)
    comment.refresh_from_db()
    assert not comment.is_answered


# --- Finalising and the lock --------------------------------------------------------------------------------


def test_finalise_needs_the_round_closed(world, circulated):
    with pytest.raises(ValidationError) as error:
        services.finalise_block_report(world.users["block_head"], circulated)
    assert "đóng vòng góp ý" in _message(error.value)
    circulated.refresh_from_db()
    assert circulated.status == BlockReportStatus.DRAFT


@pytest.fixture
def final(world, template, circulated):
    head = world.users["block_head"]
    comment = services.add_comment(
        world.users["officer_b"], circulated, version=1, section=template.sections.first(), text="Ý kiến"
    )
    services.answer_comment(head, comment, kind=AnswerKind.APPLIED, text="Tiếp thu.")
    services.save_block_report_version(head, circulated, {template.sections.first().pk: "Đã tiếp thu."})
    services.close_comment_round(head, circulated.rounds.get())
    return services.finalise_block_report(head, circulated, version=1)


def test_head_marks_a_version_final(world, final):
    assert final.status == BlockReportStatus.FINAL and final.final_version.number == 1
    assert final.finalised_by == world.users["block_head"]
    assert Notice.objects.filter(
        recipient=world.users["council"], title__contains="đã được hoàn thành"
    ).exists()


def test_a_final_report_cannot_be_changed_by_anyone(world, template, final):
    head = world.users["block_head"]
    section = template.sections.first()
    comment = Comment.objects.get()
    report_b = UnitReport.objects.get(unit=world.unit_b)
    report_a = UnitReport.objects.get(unit=world.unit_a)
    before = _state(BlockReportVersion, CommentRound, Comment, UnitReport)
    attempts = [
        lambda: services.save_block_report_version(head, final, {section.pk: "Sửa sau khi khóa"}),
        lambda: services.compile_block_report(head, template),
        lambda: services.open_comment_round(head, final),
        lambda: services.add_comment(
            world.users["officer_b"], final, version=1, section=section, text="Muộn"
        ),
        lambda: services.answer_comment(head, comment, kind=AnswerKind.EXPLAINED, text="Sửa trả lời"),
        lambda: services.finalise_block_report(head, final),
        lambda: services.return_unit_report(head, report_b, "Trả lại muộn"),
        lambda: services.update_template(head, template, submission_deadline=template.submission_deadline),
        lambda: services.save_unit_report(world.users["officer_a"], report_a, {section.pk: "Sửa"}),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as error:
            attempt()
        assert "đã hoàn thành" in _message(error.value)
    assert _state(BlockReportVersion, CommentRound, Comment, UnitReport) == before
    comment.refresh_from_db()
    assert comment.answer_text == "Tiếp thu."


def test_a_comment_on_a_finalised_report_is_refused_and_nothing_is_written(world, template, final):
    before = _state(Comment)
    with pytest.raises(ValidationError) as error:
        services.add_comment(
            world.users["officer_b"], final, version=1, section=template.sections.first(), text="Muộn"
        )
    assert _message(error.value) == "Báo cáo của Khối đã hoàn thành và được khóa; không thể thay đổi."
    assert _state(Comment) == before


def test_a_report_submitted_after_the_lock_is_refused(world, template):
    report_a = fill(world.users["officer_a"], template, TEXTS_A, VALUES_A)
    services.submit_unit_report(world.users["officer_a"], report_a)
    head = world.users["block_head"]
    late = timezone.now() + datetime.timedelta(days=11)
    report = services.compile_block_report(head, template, at=late)
    services.finalise_block_report(head, report)
    officer_b = world.users["officer_b"]
    with pytest.raises(ValidationError) as error:
        fill(officer_b, template, TEXTS_B, VALUES_B)
    assert "đã hoàn thành" in _message(error.value)
    assert not UnitReport.objects.filter(unit=world.unit_b).exists()


def test_a_draft_saved_before_the_lock_cannot_be_submitted_after(world, template, report_a, report_b):
    services.submit_unit_report(world.users["officer_a"], report_a)
    head = world.users["block_head"]
    report = services.compile_block_report(head, template, at=timezone.now() + datetime.timedelta(days=11))
    services.finalise_block_report(head, report)
    with pytest.raises(ValidationError) as error:
        services.submit_unit_report(world.users["officer_b"], report_b)
    assert "đã hoàn thành" in _message(error.value)
    report_b.refresh_from_db()
    assert report_b.status == UnitReportStatus.DRAFT


def test_loader_replays_history_with_dates(world):
    """The demo replays 2020: actions dated in the past, deadlines in the past."""
    year = current_year() - 1
    for unit, role in ((world.unit_a, MembershipRole.HEAD), (world.unit_b, MembershipRole.MEMBER)):
        org_services.set_membership(SYSTEM, block=world.block, unit=unit, year=year, role=role)
    template = services.create_template(
        SYSTEM,
        block=world.block,
        year=year,
        period=PeriodKind.SIX_MONTHS,
        submission_deadline=datetime.date(year, 6, 5),
        comment_deadline=datetime.date(year, 6, 12),
    )

    def at(month, day):
        return timezone.make_aware(datetime.datetime(year, month, day, 9, 0))

    for unit, texts, values in ((world.unit_a, TEXTS_A, VALUES_A), (world.unit_b, TEXTS_B, VALUES_B)):
        report = services.start_unit_report(SYSTEM, template, unit)
        services.save_unit_report(SYSTEM, report, by_title(template, texts), by_position(template, values))
        services.submit_unit_report(SYSTEM, report, at=at(6, 4))
    report = services.compile_block_report(SYSTEM, template, at=at(6, 6))
    round_ = services.open_comment_round(SYSTEM, report, at=at(6, 6))
    comment = services.add_comment(
        world.users["officer_b"],
        report,
        version=1,
        section=template.sections.first(),
        text="Góp ý",
        at=at(6, 10),
    )
    services.answer_comment(SYSTEM, comment, kind=AnswerKind.APPLIED, text="Tiếp thu", at=at(6, 11))
    services.close_comment_round(SYSTEM, round_, at=at(6, 12))
    services.finalise_block_report(SYSTEM, report, at=at(6, 17))
    report.refresh_from_db()
    assert report.is_final and timezone.localdate(report.finalised_at) == datetime.date(year, 6, 17)
    assert not UnitReport.objects.filter(template=template, submitted_at__gt=at(6, 5)).exists()
    assert report.current_version.author is None and report.current_version.author_label == "hệ thống"
