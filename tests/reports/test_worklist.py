"""What the home page asks of each persona as the report cycle moves on; and the word-level comparison."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tdkt.reports import services, worklist
from tdkt.reports.diff import diff_segments, segments_html
from tdkt.reports.enums import AnswerKind

from .conftest import today

PROVIDERS = (worklist.unit_reports_due, worklist.block_report_duties, worklist.draft_comments_due)


def _work(user):
    """This app's part of the user's work queue (other apps' providers are tested by their own suites)."""
    return [item for provider in PROVIDERS for item in provider(user)]


def _titles(user):
    return [item.title for item in _work(user)]


def test_providers_are_registered(world):
    from tdkt.core import worklist as core_worklist

    assert all(provider in core_worklist._providers for provider in PROVIDERS)


def test_units_are_asked_to_submit_until_they_do(world, template, report_b):
    title = f"Nộp báo cáo 6 tháng đầu năm {template.year}"
    items = [i for i in _work(world.users["officer_b"]) if i.title == title]
    assert len(items) == 1 and items[0].due == template.submission_deadline
    assert title in _titles(world.users["officer_a"])  # the head unit reports too
    assert title not in _titles(world.users["officer_c"])
    assert title not in _titles(world.users["viewer_a"])
    services.submit_unit_report(world.users["officer_b"], report_b)
    assert title not in _titles(world.users["officer_b"])
    services.return_unit_report(world.users["block_head"], report_b, "Bổ sung số liệu")
    items = [i for i in _work(world.users["officer_b"]) if i.title == title]
    assert "Bổ sung số liệu" in items[0].detail


def test_head_is_asked_to_compile_when_all_submitted_or_the_deadline_passed(
    world, template, report_a, report_b
):
    title = f"Tổng hợp báo cáo 6 tháng đầu năm {template.year}"
    head = world.users["block_head"]
    services.submit_unit_report(world.users["officer_a"], report_a)
    assert title not in _titles(head)
    template.submission_deadline = today() - datetime.timedelta(days=1)
    template.save()
    assert title in _titles(head)
    template.submission_deadline = today() + datetime.timedelta(days=1)
    template.save()
    services.submit_unit_report(world.users["officer_b"], report_b)
    assert title in _titles(head) and title in _titles(world.users["leader_a"])
    assert title not in _titles(world.users["officer_b"])
    services.compile_block_report(head, template)
    assert title not in _titles(head)


def test_members_are_asked_to_comment_and_the_head_to_answer(world, template, circulated):
    member, head = world.users["officer_b"], world.users["block_head"]
    assert "Góp ý dự thảo báo cáo" in _titles(member)
    assert "Góp ý dự thảo báo cáo" not in _titles(head)
    comment = services.add_comment(
        member, circulated, version=1, section=template.sections.first(), text="Ý kiến"
    )
    assert "Góp ý dự thảo báo cáo" not in _titles(member)
    assert "Trả lời góp ý (1)" in _titles(head)
    services.answer_comment(head, comment, kind=AnswerKind.APPLIED, text="Tiếp thu")
    assert not any(t.startswith("Trả lời góp ý") for t in _titles(head))


def test_work_queue_providers_cost_a_fixed_number_of_queries(world, template, circulated):
    for provider in PROVIDERS:
        for persona in ("officer_b", "block_head"):
            with CaptureQueriesContext(connection) as ctx:
                list(provider(world.users[persona]))
            assert len(ctx.captured_queries) <= 1, (provider.__name__, persona)


def test_diff_marks_words_and_escapes():
    segments = diff_segments("Tổng số 12 sáng kiến.", "Tổng số 15 sáng kiến <mới>.")
    assert [(s.op, s.text) for s in segments] == [
        ("equal", "Tổng số "),
        ("delete", "12"),
        ("insert", "15"),
        ("equal", " sáng "),
        ("delete", "kiến."),
        ("insert", "kiến <mới>."),
    ]
    html = segments_html(segments)
    assert "<del>12</del>" in html and "<ins>15</ins>" in html and "&lt;mới&gt;" in html
    assert "".join(s.text for s in segments if s.op != "delete") == "Tổng số 15 sáng kiến <mới>."
    assert "".join(s.text for s in segments if s.op != "insert") == "Tổng số 12 sáng kiến."
    assert segments_html(diff_segments("a\nb", "a\nb")) == "a<br>\nb"
