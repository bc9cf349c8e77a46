"""Reports enumerations (glossary: Báo cáo sơ kết / tổng kết, Góp ý dự thảo)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    """The counting period a report covers."""

    SIX_MONTHS = "six_months", _("6 tháng đầu năm")
    YEAR = "year", _("năm")


class UnitReportStatus(models.TextChoices):
    """A unit's own report: the unit drafts it, submits it (locked for the unit); the block head may return it."""

    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã nộp")


class BoardStatus(models.TextChoices):
    """What the status board shows for one member unit (computed, never stored)."""

    NOT_STARTED = "not_started", _("Chưa bắt đầu")
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã nộp")
    SUBMITTED_LATE = "submitted_late", _("Nộp muộn")
    LATE = "late", _("Quá hạn, chưa nộp")


class BlockReportStatus(models.TextChoices):
    """The block's consolidated report: a draft revised in versions, then final (locked)."""

    DRAFT = "draft", _("Dự thảo")
    FINAL = "final", _("Đã hoàn thành")


class AnswerKind(models.TextChoices):
    """How the block head answered a comment: taken into the text, or explained why not."""

    APPLIED = "applied", _("Tiếp thu")
    EXPLAINED = "explained", _("Giải trình")


class Action(models.TextChoices):
    """Named actions this app writes to the audit log (one per service function)."""

    TEMPLATE_CREATED = "report_template_created", _("Tạo mẫu báo cáo")
    TEMPLATE_CHANGED = "report_template_changed", _("Sửa mẫu báo cáo")
    UNIT_REPORT_SAVED = "unit_report_saved", _("Lưu báo cáo đơn vị")
    UNIT_REPORT_SUBMITTED = "unit_report_submitted", _("Nộp báo cáo đơn vị")
    UNIT_REPORT_RETURNED = "unit_report_returned", _("Trả lại báo cáo đơn vị")
    BLOCK_REPORT_COMPILED = "block_report_compiled", _("Tổng hợp báo cáo của Khối")
    BLOCK_REPORT_VERSION_SAVED = "block_report_version_saved", _("Lưu phiên bản báo cáo của Khối")
    COMMENT_ROUND_OPENED = "comment_round_opened", _("Mở vòng góp ý")
    COMMENT_ROUND_CLOSED = "comment_round_closed", _("Đóng vòng góp ý")
    COMMENT_ADDED = "report_comment_added", _("Góp ý dự thảo báo cáo")
    COMMENT_ANSWERED = "report_comment_answered", _("Trả lời góp ý")
    BLOCK_REPORT_FINALISED = "block_report_finalised", _("Hoàn thành báo cáo của Khối")
