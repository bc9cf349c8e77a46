"""What the reports ask of each user: units submit, the block head compiles and answers, members comment.

Each provider costs one query whatever the number of templates, reports or comments.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.core.enums import Role
from tdkt.core.worklist import WorkItem, register
from tdkt.reports import queries


@register
def unit_reports_due(user: Any) -> Iterator[WorkItem]:
    """Unit officers: "Nộp báo cáo 6 tháng đầu năm 2020" until the unit's report is submitted."""
    if user.role != Role.UNIT_OFFICER:
        return
    for template in queries.templates_to_submit(user):
        detail = template.block.name
        returned_reason = getattr(template, "returned_reason", "")
        if returned_reason:
            detail = _("Khối trưởng đã trả lại báo cáo: %(reason)s") % {"reason": returned_reason}
        yield WorkItem(
            title=_("Nộp báo cáo %(period)s") % {"period": template.period_label},
            detail=detail,
            url=reverse("reports:unit_report", args=[template.pk]),
            due=template.submission_deadline,
            category="reports",
        )


@register
def block_report_duties(user: Any) -> Iterator[WorkItem]:
    """Block head: compile when every member has submitted (or the deadline passed); answer waiting comments."""
    today = timezone.localdate()
    for template in queries.templates_headed(user):
        report = getattr(template, "block_report", None)
        submitted = getattr(template, "submitted_count", None) or 0
        members = getattr(template, "member_count", None) or 0
        unanswered = getattr(template, "unanswered_count", None) or 0
        if report is None and submitted and (submitted >= members or today > template.submission_deadline):
            yield WorkItem(
                title=_("Tổng hợp báo cáo %(period)s") % {"period": template.period_label},
                detail=_("%(block)s: %(submitted)s/%(members)s đơn vị đã nộp.")
                % {"block": template.block.name, "submitted": submitted, "members": members},
                url=reverse("reports:status_board", args=[template.pk]),
                category="reports",
            )
        if report is not None and unanswered:
            yield WorkItem(
                title=_("Trả lời góp ý (%(count)s)") % {"count": unanswered},
                detail=str(report),
                url=reverse("reports:block_report", args=[report.pk]),
                due=getattr(template, "round_deadline", None),
                count=unanswered,
                category="reports",
            )


@register
def draft_comments_due(user: Any) -> Iterator[WorkItem]:
    """Member units' officers and leaders: comment on the circulated draft while the round is open."""
    for round_ in queries.rounds_awaiting_comment(user):
        report = round_.report
        yield WorkItem(
            title=_("Góp ý dự thảo báo cáo"),
            detail=_("%(report)s — phiên bản %(version)s")
            % {"report": str(report), "version": round_.version.number},
            url=reverse("reports:block_report", args=[report.pk]),
            due=round_.deadline,
            category="reports",
        )
