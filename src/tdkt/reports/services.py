"""Writes of reports, one function per transition: check permission and phase, validate, write in one
transaction, audit, notify.

The story (the six-month review of a block): the template sets the sections, the indicators and the deadlines;
each member unit drafts and submits its report; the block head compiles the block's draft from the submissions,
opens a comment round on a version, answers each comment, saves new versions, closes the round, and marks one
version final — from then on the report, its rounds and the units' reports are locked.

Loaders replaying history (the demo) may pass ``at`` to date an action in the past; pages and the API never do.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tdkt import vn
from tdkt.core.audit import log_action
from tdkt.core.notify import notify
from tdkt.org.models import EmulationBlock, Unit
from tdkt.reports import queries
from tdkt.reports.enums import (
    Action,
    AnswerKind,
    BlockReportStatus,
    PeriodKind,
    UnitReportStatus,
)
from tdkt.reports.models import (
    BlockReport,
    BlockReportFigure,
    BlockReportText,
    BlockReportVersion,
    Comment,
    CommentRound,
    ReportIndicator,
    ReportSection,
    ReportTemplate,
    UnitReport,
    UnitReportText,
    UnitReportValue,
)

#: The sections a new template starts with (the block head adapts them). Stored data, hence not translated.
DEFAULT_SECTIONS = {
    PeriodKind.SIX_MONTHS: [
        "Công tác thi đua, khen thưởng",
        "Kết quả thực hiện nhiệm vụ chính trị",
        "Khó khăn, vướng mắc",
        "Phương hướng, nhiệm vụ 6 tháng cuối năm",
    ],
    PeriodKind.YEAR: [
        "Công tác thi đua, khen thưởng",
        "Kết quả thực hiện nhiệm vụ chính trị",
        "Khó khăn, vướng mắc",
        "Phương hướng, nhiệm vụ năm tiếp theo",
    ],
}
DEFAULT_INDICATORS = [
    "Số phong trào thi đua phát động",
    "Số sáng kiến được công nhận",
    "Số tập thể được khen thưởng",
    "Số cá nhân được khen thưởng",
]

#: Technical bounds on what one form may carry (not law: a report section is a few pages at most).
MAX_TEXT_LENGTH = 100_000
MAX_VALUE = 10**12


# --- Helpers ------------------------------------------------------------------------------------------------


def _require(actor: Any, perm: str, obj: Any = None) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _user(actor: Any) -> Any:
    """The signed-in user behind the actor (None for the system actor of loaders)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def _now(at: datetime.datetime | None) -> datetime.datetime:
    return at or timezone.now()


def _today(at: datetime.datetime | None) -> datetime.date:
    return timezone.localdate(at) if at is not None else timezone.localdate()


def clean_text(value: Any) -> str:
    """A multi-line text as stored: NFC, Windows line ends made plain, trailing spaces and blank edges removed,
    paragraphs kept (unlike :func:`tdkt.vn.clean`, which is for one-line names)."""
    text = vn.nfc(str(value or "")).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n").strip()


def _locked_message() -> str:
    return _("Báo cáo của Khối đã hoàn thành và được khóa; không thể thay đổi.")


def _ensure_open(template: ReportTemplate) -> None:
    """Refuse any change once the block's report for the template is final."""
    if BlockReport.objects.filter(template=template, status=BlockReportStatus.FINAL).exists():
        raise ValidationError(_locked_message())


def _lock_block_report(report: BlockReport) -> BlockReport:
    """Re-read the report under a row lock and refuse if it is final."""
    locked = BlockReport.objects.select_for_update().select_related("template__block").get(pk=report.pk)
    if locked.status == BlockReportStatus.FINAL:
        raise ValidationError(_locked_message())
    return locked


def _lines(values: Iterable[str], *, kind: str) -> list[str]:
    """Distinct, cleaned, non-empty titles of sections or indicators, in the given order."""
    result: list[str] = []
    seen: set[str] = set()
    for raw in values:
        title = vn.clean(str(raw))
        if not title:
            continue
        if len(title) > 255:
            raise ValidationError(
                {kind: _("Tên quá dài (tối đa 255 ký tự): %(title)s") % {"title": title[:60]}}
            )
        key = vn.fold(title)
        if key in seen:
            raise ValidationError({kind: _("Tên bị lặp: %(title)s") % {"title": title}})
        seen.add(key)
        result.append(title)
    return result


def _validate_deadlines(
    year: int, submission_deadline: Any, comment_deadline: Any
) -> tuple[datetime.date, datetime.date | None]:
    errors: dict[str, str] = {}
    if not isinstance(submission_deadline, datetime.date):
        errors["submission_deadline"] = _("Cần có hạn nộp báo cáo của đơn vị.")
    elif abs(submission_deadline.year - year) > 1:
        errors["submission_deadline"] = _("Hạn nộp báo cáo phải gần năm báo cáo %(year)s.") % {"year": year}
    if comment_deadline is not None and not isinstance(comment_deadline, datetime.date):
        errors["comment_deadline"] = _("Hạn góp ý không hợp lệ.")
    elif (
        comment_deadline is not None
        and isinstance(submission_deadline, datetime.date)
        and comment_deadline < submission_deadline
    ):
        errors["comment_deadline"] = _("Hạn góp ý dự thảo không được trước hạn nộp báo cáo của đơn vị.")
    if errors:
        raise ValidationError(errors)
    return submission_deadline, comment_deadline


def _template_snapshot(template: ReportTemplate) -> dict[str, Any]:
    return {
        "block": template.block_id,
        "year": template.year,
        "period": template.period,
        "submission_deadline": str(template.submission_deadline),
        "comment_deadline": str(template.comment_deadline) if template.comment_deadline else None,
        "sections": list(template.sections.values_list("title", flat=True)),
        "indicators": list(template.indicators.values_list("name", flat=True)),
    }


# --- Templates ----------------------------------------------------------------------------------------------


@transaction.atomic
def create_template(
    actor: Any,
    *,
    block: EmulationBlock,
    year: int,
    period: str,
    submission_deadline: datetime.date,
    comment_deadline: datetime.date | None = None,
    sections: Iterable[str] | None = None,
    indicators: Iterable[str] | None = None,
) -> ReportTemplate:
    """Set up the report of a period for a block: sections and indicators (the defaults unless given) and the
    deadlines. Phòng TĐKT or the block's head for that year."""
    if period not in PeriodKind.values:
        raise ValidationError({"period": _("Kỳ báo cáo không hợp lệ.")})
    if not 1990 <= int(year) <= 2100:
        raise ValidationError({"year": _("Năm không hợp lệ.")})
    template = ReportTemplate(block=block, year=year, period=period)
    _require(actor, "reports.add_reporttemplate", template)
    template.submission_deadline, template.comment_deadline = _validate_deadlines(
        year, submission_deadline, comment_deadline
    )
    if ReportTemplate.objects.filter(block=block, year=year, period=period).exists():
        raise ValidationError(
            _("%(block)s đã có mẫu báo cáo %(period)s %(year)s.")
            % {"block": block.name, "period": PeriodKind(period).label, "year": year}
        )
    section_titles = _lines(
        DEFAULT_SECTIONS[PeriodKind(period)] if sections is None else sections, kind="sections"
    )
    indicator_names = _lines(DEFAULT_INDICATORS if indicators is None else indicators, kind="indicators")
    if not section_titles:
        raise ValidationError({"sections": _("Mẫu báo cáo cần có ít nhất một mục.")})
    template.save()
    ReportSection.objects.bulk_create(
        [ReportSection(template=template, position=i, title=t) for i, t in enumerate(section_titles, 1)]
    )
    ReportIndicator.objects.bulk_create(
        [ReportIndicator(template=template, position=i, name=n) for i, n in enumerate(indicator_names, 1)]
    )
    log_action(actor, Action.TEMPLATE_CREATED, template, after=_template_snapshot(template))
    return template


def _structure_frozen(template: ReportTemplate) -> bool:
    """Sections and indicators stay fixed once a unit has submitted or the block's report exists."""
    return (
        template.unit_reports.filter(status=UnitReportStatus.SUBMITTED).exists()
        or BlockReport.objects.filter(template=template).exists()
    )


def _removed_rows(
    template: ReportTemplate, sections: list[str], indicators: list[str]
) -> tuple[list[ReportSection], list[ReportIndicator]]:
    """The sections and indicators that the new lists drop; refused when a unit already wrote in one."""
    gone_sections = list(ReportSection.objects.filter(template=template).exclude(title__in=sections))
    gone_indicators = list(ReportIndicator.objects.filter(template=template).exclude(name__in=indicators))
    for section in gone_sections:
        if UnitReportText.objects.filter(section=section).exclude(text="").exists():
            raise ValidationError(
                {
                    "sections": _("Mục «%(title)s» đã có nội dung trong báo cáo của đơn vị; không xóa được.")
                    % {"title": section.title}
                }
            )
    for indicator in gone_indicators:
        if UnitReportValue.objects.filter(indicator=indicator).exists():
            raise ValidationError(
                {
                    "indicators": _(
                        "Chỉ tiêu «%(title)s» đã có số liệu trong báo cáo của đơn vị; không xóa được."
                    )
                    % {"title": indicator.name}
                }
            )
    return gone_sections, gone_indicators


def _place_rows(
    template: ReportTemplate,
    model: type[ReportSection] | type[ReportIndicator],
    label: str,
    wanted: list[str],
) -> None:
    """Give the kept rows their new positions and create the new ones, in the order of ``wanted``."""
    existing = {getattr(row, label): row for row in model.objects.filter(template=template)}
    for position, title in enumerate(wanted, 1):
        row = existing.get(title)
        if row is None:
            model.objects.create(template=template, position=position, **{label: title})
        elif row.position != position:
            row.position = position
            row.save(update_fields=["position"])


@transaction.atomic
def update_template(
    actor: Any,
    template: ReportTemplate,
    *,
    submission_deadline: datetime.date,
    comment_deadline: datetime.date | None = None,
    sections: Iterable[str] | None = None,
    indicators: Iterable[str] | None = None,
) -> ReportTemplate:
    """Change the deadlines, and the sections and indicators while no unit has submitted (a section or
    indicator already filled in a draft cannot be removed)."""
    _require(actor, "reports.change_reporttemplate", template)
    template = ReportTemplate.objects.select_for_update().select_related("block").get(pk=template.pk)
    _ensure_open(template)
    before = _template_snapshot(template)
    template.submission_deadline, template.comment_deadline = _validate_deadlines(
        template.year, submission_deadline, comment_deadline
    )
    section_titles = _lines(sections, kind="sections") if sections is not None else before["sections"]
    indicator_names = (
        _lines(indicators, kind="indicators") if indicators is not None else before["indicators"]
    )
    if not section_titles:
        raise ValidationError({"sections": _("Mẫu báo cáo cần có ít nhất một mục.")})
    structure_changes = section_titles != before["sections"] or indicator_names != before["indicators"]
    if structure_changes and _structure_frozen(template):
        raise ValidationError(
            _("Đã có đơn vị nộp báo cáo hoặc Khối đã tổng hợp; không sửa được các mục và chỉ tiêu nữa.")
        )
    removed: tuple[list[ReportSection], list[ReportIndicator]] = ([], [])
    if structure_changes:
        removed = _removed_rows(template, section_titles, indicator_names)
    template.save()
    for row in [*removed[0], *removed[1]]:
        row.delete()
    if structure_changes:
        _place_rows(template, ReportSection, "title", section_titles)
        _place_rows(template, ReportIndicator, "name", indicator_names)
    after = _template_snapshot(template)
    if after != before:
        log_action(actor, Action.TEMPLATE_CHANGED, template, before=before, after=after)
    return template


# --- Unit reports -------------------------------------------------------------------------------------------


def _content_snapshot(report: UnitReport) -> dict[str, Any]:
    if report.pk is None:
        return {"status": None, "texts": {}, "values": {}}
    return {
        "status": report.status,
        "texts": {
            title: text
            for title, text in report.texts.values_list("section__title", "text").order_by(
                "section__position"
            )
        },
        "values": dict(report.values.values_list("indicator__name", "value").order_by("indicator__position")),
    }


def _lock_unit_report(report: UnitReport) -> UnitReport:
    locked = (
        UnitReport.objects.select_for_update().select_related("template__block", "unit").get(pk=report.pk)
    )
    _ensure_open(locked.template)
    return locked


def _keyed(template: ReportTemplate, model: Any, given: Mapping[Any, Any], kind: str) -> dict[Any, Any]:
    """Map the keys of ``given`` (rows, primary keys or their text) to the template's rows."""
    rows = {row.pk: row for row in model.objects.filter(template=template)}
    result = {}
    for key, value in given.items():
        pk = key.pk if isinstance(key, model) else key
        try:
            row = rows[int(pk)]
        except (KeyError, TypeError, ValueError):
            raise ValidationError(
                _("Mục báo cáo không thuộc mẫu này.")
                if kind == "section"
                else _("Chỉ tiêu không thuộc mẫu này.")
            ) from None
        result[row] = value
    return result


def _parse_value(indicator: ReportIndicator, value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    message = _("Số liệu «%(name)s» phải là số nguyên không âm.") % {"name": indicator.name}
    if isinstance(value, bool):
        raise ValidationError({f"indicator_{indicator.pk}": message})
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise ValidationError({f"indicator_{indicator.pk}": message}) from None
    if number < 0 or number > MAX_VALUE:
        raise ValidationError({f"indicator_{indicator.pk}": message})
    return number


@transaction.atomic
def start_unit_report(actor: Any, template: ReportTemplate, unit: Unit | None = None) -> UnitReport:
    """The unit's draft report for the template (created empty when there is none yet)."""
    unit_id = unit.pk if unit is not None else getattr(actor, "unit_id", None)
    if unit_id is None:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    existing = UnitReport.objects.filter(template=template, unit_id=unit_id).first()
    if existing is not None:
        _require(actor, "reports.view_unitreport", existing)
        return existing
    report = UnitReport(template=template, unit_id=unit_id, status=UnitReportStatus.DRAFT)
    _require(actor, "reports.change_unitreport", report)
    _ensure_open(template)
    report.save()
    log_action(actor, Action.UNIT_REPORT_SAVED, report, after=_content_snapshot(report))
    return report


@transaction.atomic
def save_unit_report(
    actor: Any,
    report: UnitReport,
    sections: Mapping[Any, str] | None = None,
    indicators: Mapping[Any, Any] | None = None,
) -> UnitReport:
    """Save the unit's draft: the text of the given sections and the value of the given indicators (a blank value
    clears it). ``report`` may be the unsaved draft of :func:`tdkt.reports.queries.unit_report_of`. Refused once
    submitted (the block head may return it) or when the block's report is final."""
    _require(actor, "reports.change_unitreport", report)
    if report.pk is not None:
        report = _lock_unit_report(report)
        if report.status == UnitReportStatus.SUBMITTED:
            raise ValidationError(
                _("Báo cáo đã nộp, đơn vị không sửa được nữa; nếu cần sửa, đề nghị Khối trưởng trả lại.")
            )
    else:
        existing = UnitReport.objects.filter(template=report.template, unit_id=report.unit_id).first()
        if existing is not None:  # started meanwhile (another tab, another officer): save into that one
            return save_unit_report(actor, existing, sections, indicators)
        _ensure_open(report.template)
    template = report.template
    texts = {
        section: clean_text(text)
        for section, text in _keyed(template, ReportSection, sections or {}, "section").items()
    }
    for section, text in texts.items():
        if len(text) > MAX_TEXT_LENGTH:
            raise ValidationError(
                {
                    f"section_{section.pk}": _("Nội dung quá dài (tối đa %(max)s ký tự).")
                    % {"max": MAX_TEXT_LENGTH}
                }
            )
    values = {
        indicator: _parse_value(indicator, value)
        for indicator, value in _keyed(template, ReportIndicator, indicators or {}, "indicator").items()
    }
    before = _content_snapshot(report)
    report.save()
    for section, text in texts.items():
        UnitReportText.objects.update_or_create(report=report, section=section, defaults={"text": text})
    for indicator, value in values.items():
        if value is None:
            UnitReportValue.objects.filter(report=report, indicator=indicator).delete()
        else:
            UnitReportValue.objects.update_or_create(
                report=report, indicator=indicator, defaults={"value": value}
            )
    log_action(actor, Action.UNIT_REPORT_SAVED, report, before=before, after=_content_snapshot(report))
    return report


@transaction.atomic
def submit_unit_report(actor: Any, report: UnitReport, *, at: datetime.datetime | None = None) -> UnitReport:
    """Submit the unit's report to the block head: every section written and every figure given. After the
    deadline it is still accepted and shown as submitted late; once the block's report is final it is refused."""
    _require(actor, "reports.submit_unitreport", report)
    if report.pk is None:
        raise ValidationError(_("Báo cáo chưa được soạn; hãy nhập nội dung và lưu trước khi nộp."))
    report = _lock_unit_report(report)
    if report.status == UnitReportStatus.SUBMITTED:
        raise ValidationError(_("Báo cáo này đã được nộp."))
    content = queries.unit_report_content(report)
    missing = [section.title for section, text in content.sections if not text.strip()]
    missing += [indicator.name for indicator, value in content.indicators if value is None]
    if missing:
        raise ValidationError(_("Chưa điền đủ nội dung: %(missing)s.") % {"missing": "; ".join(missing)})
    before = {"status": report.status}
    report.status = UnitReportStatus.SUBMITTED
    report.submitted_at = _now(at)
    report.submitted_by = _user(actor)
    report.save()
    log_action(
        actor,
        Action.UNIT_REPORT_SUBMITTED,
        report,
        before=before,
        after={
            "status": report.status,
            "submitted_at": report.submitted_at.isoformat(),
            "late": report.submitted_late,
        },
    )
    notify(
        queries.head_users(report.template),
        title=_("%(unit)s đã nộp %(report)s")
        % {"unit": report.unit.display_name, "report": report.template.title.lower()},
        url=reverse("reports:unit_report_detail", args=[report.pk]),
    )
    return report


@transaction.atomic
def return_unit_report(
    actor: Any, report: UnitReport, reason: str, *, at: datetime.datetime | None = None
) -> UnitReport:
    """The block head returns a submitted report to the unit with a reason; it becomes a draft again."""
    _require(actor, "reports.return_unitreport", report)
    report = _lock_unit_report(report)
    if report.status != UnitReportStatus.SUBMITTED:
        raise ValidationError(_("Chỉ trả lại được báo cáo đã nộp."))
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Cần ghi rõ lý do trả lại.")})
    before = {
        "status": report.status,
        "submitted_at": report.submitted_at.isoformat() if report.submitted_at else None,
    }
    report.status = UnitReportStatus.DRAFT
    report.submitted_at = None
    report.submitted_by = None
    report.returned_at = _now(at)
    report.returned_reason = reason
    report.save()
    log_action(
        actor,
        Action.UNIT_REPORT_RETURNED,
        report,
        before=before,
        after={"status": report.status, "reason": reason},
    )
    notify(
        queries.unit_users(report.unit_id),
        title=_("Khối trưởng trả lại %(report)s của đơn vị") % {"report": report.template.title.lower()},
        body=reason,
        url=reverse("reports:unit_report", args=[report.template_id]),
    )
    return report


# --- The block's report -------------------------------------------------------------------------------------


def _new_version(
    actor: Any,
    report: BlockReport,
    texts: Mapping[int, str],
    figures: Mapping[int, tuple[int, int]],
    *,
    note: str,
    compiled: bool,
    at: datetime.datetime | None,
) -> BlockReportVersion:
    number = (report.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    user = _user(actor)
    version = BlockReportVersion.objects.create(
        report=report,
        number=number,
        author=user,
        author_label=(user.display_name if user is not None else actor.get_username())[:200],
        created_at=_now(at),
        note=vn.clean(note)[:500],
        compiled=compiled,
    )
    BlockReportText.objects.bulk_create(
        [BlockReportText(version=version, section_id=pk, text=text) for pk, text in texts.items()]
    )
    BlockReportFigure.objects.bulk_create(
        [
            BlockReportFigure(version=version, indicator_id=pk, value=value, unit_count=count)
            for pk, (value, count) in figures.items()
        ]
    )
    report.current_version = version
    report.save(update_fields=["current_version", "updated_at"])
    return version


def gather_sections(template: ReportTemplate, reports: list[UnitReport]) -> dict[int, str]:
    """Each section's text: the units' texts one after another, each under the unit's short name."""
    texts: dict[tuple[int, int], str] = {
        (report_id, section_id): text
        for report_id, section_id, text in UnitReportText.objects.filter(report__in=reports).values_list(
            "report_id", "section_id", "text"
        )
    }
    gathered = {}
    for section in template.sections.all():
        parts = []
        for report in reports:
            text = texts.get((report.pk, section.pk), "").strip()
            if text:
                parts.append(f"{report.unit.display_name}:\n{text}")
        gathered[section.pk] = "\n\n".join(parts)
    return gathered


def sum_figures(template: ReportTemplate, reports: list[UnitReport]) -> dict[int, tuple[int, int]]:
    """Each indicator's block total over the given reports, with how many units gave a value."""
    totals = {
        row["indicator_id"]: (row["total"] or 0, row["units"])
        for row in UnitReportValue.objects.filter(report__in=reports)
        .values("indicator_id")
        .annotate(total=Sum("value"), units=Count("pk"))
    }
    return {indicator.pk: totals.get(indicator.pk, (0, 0)) for indicator in template.indicators.all()}


@transaction.atomic
def compile_block_report(
    actor: Any, template: ReportTemplate, *, note: str = "", at: datetime.datetime | None = None
) -> BlockReport:
    """The block head compiles the block's draft from the submitted reports: each section gathers the units'
    texts (by unit short name, in Vietnamese alphabetical order), each indicator is the sum of their values.
    Allowed when every member unit has submitted or the submission deadline has passed; compiling again makes
    a new version (earlier ones are kept)."""
    _require(actor, "reports.compile_blockreport", template)
    template = ReportTemplate.objects.select_for_update().select_related("block").get(pk=template.pk)
    report = BlockReport.objects.filter(template=template).first()
    if report is not None:
        report = _lock_block_report(report)
        if report.rounds.filter(closed_at__isnull=True).exists():
            raise ValidationError(_("Đang có vòng góp ý mở; hãy đóng vòng góp ý trước khi tổng hợp lại."))
    reports = list(queries.submitted_reports(template))
    if not reports:
        raise ValidationError(_("Chưa có đơn vị nào nộp báo cáo; chưa tổng hợp được."))
    waiting = queries.member_units(template).count() - len(reports)
    if waiting and _today(at) <= template.submission_deadline:
        raise ValidationError(
            ngettext(
                "Chưa hết hạn nộp (%(deadline)s) và còn %(count)s đơn vị chưa nộp báo cáo.",
                "Chưa hết hạn nộp (%(deadline)s) và còn %(count)s đơn vị chưa nộp báo cáo.",
                waiting,
            )
            % {"deadline": vn.short_date(template.submission_deadline), "count": waiting}
        )
    created = report is None
    if report is None:
        report = BlockReport.objects.create(template=template)
    before = {"version": report.current_version.number if report.current_version else None}
    version = _new_version(
        actor,
        report,
        gather_sections(template, reports),
        sum_figures(template, reports),
        note=note,
        compiled=True,
        at=at,
    )
    log_action(
        actor,
        Action.BLOCK_REPORT_COMPILED,
        report,
        summary=_("Tổng hợp từ báo cáo của %(count)s đơn vị") % {"count": len(reports)},
        before=None if created else before,
        after={
            "version": version.number,
            "units": [r.unit.display_name for r in reports],
            "figures": {str(f.indicator_id): f.value for f in version.figures.all()},
        },
    )
    return report


@transaction.atomic
def save_block_report_version(
    actor: Any,
    report: BlockReport,
    sections: Mapping[Any, str],
    *,
    note: str = "",
    at: datetime.datetime | None = None,
) -> BlockReportVersion:
    """Save the head's edit of the consolidated text as a new version (sections not given keep their text; the
    figures carry over). Nothing changed → refused, so that every version is a real change."""
    _require(actor, "reports.change_blockreport", report)
    report = _lock_block_report(report)
    current = report.current_version
    if current is None:
        raise ValidationError(_("Báo cáo của Khối chưa được tổng hợp."))
    texts = queries.version_texts(current)
    changes = {
        section.pk: clean_text(text)
        for section, text in _keyed(report.template, ReportSection, sections, "section").items()
    }
    for pk, text in changes.items():
        if len(text) > MAX_TEXT_LENGTH:
            raise ValidationError(
                {f"section_{pk}": _("Nội dung quá dài (tối đa %(max)s ký tự).") % {"max": MAX_TEXT_LENGTH}}
            )
    new_texts = {section.pk: texts.get(section.pk, "") for section in report.template.sections.all()}
    new_texts.update(changes)
    if all(new_texts[pk] == texts.get(pk, "") for pk in new_texts):
        raise ValidationError(
            _("Nội dung không thay đổi so với phiên bản hiện tại; không tạo phiên bản mới.")
        )
    figures = {f.indicator_id: (f.value, f.unit_count) for f in current.figures.all()}
    version = _new_version(actor, report, new_texts, figures, note=note, compiled=False, at=at)
    changed = [s.title for s in report.template.sections.all() if new_texts[s.pk] != texts.get(s.pk, "")]
    log_action(
        actor,
        Action.BLOCK_REPORT_VERSION_SAVED,
        report,
        summary=str(version),
        before={"version": current.number},
        after={"version": version.number, "changed_sections": changed, "note": version.note},
    )
    return version


def _version_of(report: BlockReport, version: BlockReportVersion | int | None) -> BlockReportVersion:
    if version is None:
        if report.current_version is None:
            raise ValidationError(_("Báo cáo của Khối chưa được tổng hợp."))
        return report.current_version
    number = version.number if isinstance(version, BlockReportVersion) else version
    found = report.versions.filter(number=number).first()
    if found is None or (isinstance(version, BlockReportVersion) and version.report_id != report.pk):
        raise ValidationError({"version": _("Phiên bản không thuộc báo cáo này.")})
    return found


@transaction.atomic
def open_comment_round(
    actor: Any,
    report: BlockReport,
    *,
    version: BlockReportVersion | int | None = None,
    deadline: datetime.date | None = None,
    at: datetime.datetime | None = None,
) -> CommentRound:
    """Circulate a version of the draft to the member units for comments until a deadline (the template's
    comment deadline unless given). One round is open at a time."""
    _require(actor, "reports.open_commentround", report)
    report = _lock_block_report(report)
    opened = report.rounds.filter(closed_at__isnull=True).first()
    if opened is not None:
        raise ValidationError(
            _("Vòng góp ý %(number)s đang mở; hãy đóng trước khi mở vòng mới.") % {"number": opened.number}
        )
    chosen = _version_of(report, version)
    deadline = deadline or report.template.comment_deadline
    if deadline is None:
        raise ValidationError({"deadline": _("Cần đặt hạn góp ý.")})
    if deadline < _today(at):
        raise ValidationError({"deadline": _("Hạn góp ý không được trước ngày mở vòng góp ý.")})
    number = (report.rounds.aggregate(last=Max("number"))["last"] or 0) + 1
    round_ = CommentRound.objects.create(
        report=report,
        number=number,
        version=chosen,
        deadline=deadline,
        opened_at=_now(at),
        opened_by=_user(actor),
    )
    log_action(
        actor,
        Action.COMMENT_ROUND_OPENED,
        report,
        summary=str(round_),
        after={"round": number, "version": chosen.number, "deadline": str(deadline)},
    )
    notify(
        queries.commenting_users(report.template),
        title=_("Đề nghị góp ý dự thảo %(report)s, hạn %(deadline)s")
        % {"report": report.template.title.lower(), "deadline": vn.short_date(deadline)},
        body=report.template.block.name,
        url=reverse("reports:block_report", args=[report.pk]),
    )
    return round_


@transaction.atomic
def add_comment(
    actor: Any,
    report: BlockReport,
    *,
    version: BlockReportVersion | int,
    section: ReportSection | int,
    text: str,
    at: datetime.datetime | None = None,
) -> Comment:
    """A member unit comments on a section of the version circulated in the open round. Refused on another
    version, when no round is open (or it was closed), and on a final report."""
    _require(actor, "reports.add_comment", report)
    if getattr(actor, "unit_id", None) is None:
        # A comment speaks for a member unit: the system actor of loaders has none.
        raise PermissionDenied(_("Chỉ người dùng của đơn vị thành viên mới góp ý được."))
    report = _lock_block_report(report)
    number = version.number if isinstance(version, BlockReportVersion) else int(version)
    round_ = report.rounds.filter(closed_at__isnull=True).select_related("version").first()
    if round_ is None:
        last = report.rounds.filter(version__number=number).order_by("-number").first()
        if last is not None:
            raise ValidationError(
                _("Vòng góp ý %(number)s đã đóng; không nhận thêm góp ý.") % {"number": last.number}
            )
        raise ValidationError(_("Hiện không có vòng góp ý nào đang mở cho báo cáo này."))
    if round_.version.number != number:
        raise ValidationError(
            _("Vòng góp ý đang mở là cho phiên bản %(current)s; không góp ý vào phiên bản %(version)s.")
            % {"current": round_.version.number, "version": number}
        )
    section_row = next(iter(_keyed(report.template, ReportSection, {section: ""}, "section")))
    text = clean_text(text)
    if not text:
        raise ValidationError({"text": _("Cần nhập nội dung góp ý.")})
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError(
            {"text": _("Nội dung quá dài (tối đa %(max)s ký tự).") % {"max": MAX_TEXT_LENGTH}}
        )
    comment = Comment.objects.create(
        round=round_, section=section_row, author=actor, unit_id=actor.unit_id, text=text, created_at=_now(at)
    )
    log_action(
        actor,
        Action.COMMENT_ADDED,
        comment,
        summary=str(round_),
        after={"round": round_.number, "version": number, "section": section_row.title, "text": text},
    )
    return comment


@transaction.atomic
def answer_comment(
    actor: Any, comment: Comment, *, kind: str, text: str, at: datetime.datetime | None = None
) -> Comment:
    """The block head answers a comment: taken into the text (tiếp thu) or explained (giải trình), with a text.
    An answer may be corrected until the report is final; the commenter is told."""
    _require(actor, "reports.answer_comment", comment)
    _lock_block_report(comment.round.report)
    comment = (
        Comment.objects.select_for_update()
        .select_related("round__report__template", "section")
        .get(pk=comment.pk)
    )
    if kind not in AnswerKind.values:
        raise ValidationError({"kind": _("Hãy chọn tiếp thu hoặc giải trình.")})
    text = clean_text(text)
    if not text:
        raise ValidationError({"text": _("Cần nhập nội dung trả lời.")})
    before = {"kind": comment.answer_kind, "text": comment.answer_text} if comment.is_answered else None
    comment.answer_kind = kind
    comment.answer_text = text
    comment.answered_at = _now(at)
    comment.answered_by = _user(actor)
    comment.save()
    log_action(actor, Action.COMMENT_ANSWERED, comment, before=before, after={"kind": kind, "text": text})
    report = comment.round.report
    notify(
        [comment.author] if comment.author.is_active else [],
        title=_("Khối trưởng đã trả lời góp ý của bạn về %(report)s")
        % {"report": report.template.title.lower()},
        body=text,
        url=reverse("reports:block_report", args=[report.pk]) + f"#y-kien-{comment.pk}",
    )
    return comment


@transaction.atomic
def close_comment_round(
    actor: Any, round_: CommentRound, *, at: datetime.datetime | None = None
) -> CommentRound:
    """Close the round once every comment in it has been answered."""
    _require(actor, "reports.close_commentround", round_)
    _lock_block_report(round_.report)
    round_ = (
        CommentRound.objects.select_for_update()
        .select_related("report__template", "version")
        .get(pk=round_.pk)
    )
    if not round_.is_open:
        raise ValidationError(_("Vòng góp ý này đã đóng."))
    unanswered = round_.comments.filter(answered_at__isnull=True).count()
    if unanswered:
        raise ValidationError(
            ngettext(
                "Còn %(count)s góp ý chưa trả lời; hãy trả lời hết trước khi đóng vòng góp ý.",
                "Còn %(count)s góp ý chưa trả lời; hãy trả lời hết trước khi đóng vòng góp ý.",
                unanswered,
            )
            % {"count": unanswered}
        )
    round_.closed_at = _now(at)
    round_.closed_by = _user(actor)
    round_.save()
    log_action(
        actor,
        Action.COMMENT_ROUND_CLOSED,
        round_.report,
        summary=str(round_),
        after={"round": round_.number, "comments": round_.comments.count()},
    )
    return round_


@transaction.atomic
def finalise_block_report(
    actor: Any,
    report: BlockReport,
    *,
    version: BlockReportVersion | int | None = None,
    at: datetime.datetime | None = None,
) -> BlockReport:
    """Mark a version (the current one unless given) as the final report: the report, its rounds and the units'
    reports are locked from then on. No round may be open."""
    _require(actor, "reports.finalise_blockreport", report)
    report = _lock_block_report(report)
    if report.rounds.filter(closed_at__isnull=True).exists():
        raise ValidationError(_("Hãy đóng vòng góp ý đang mở trước khi hoàn thành báo cáo."))
    chosen = _version_of(report, version)
    report.status = BlockReportStatus.FINAL
    report.final_version = chosen
    report.finalised_at = _now(at)
    report.finalised_by = _user(actor)
    report.save()
    log_action(
        actor,
        Action.BLOCK_REPORT_FINALISED,
        report,
        before={"status": BlockReportStatus.DRAFT},
        after={"status": report.status, "version": chosen.number},
    )
    notify(
        [*queries.commenting_users(report.template), *queries.follower_users(report.template)],
        title=_("%(report)s đã được hoàn thành") % {"report": str(report)},
        url=reverse("reports:block_report", args=[report.pk]),
    )
    return report
