"""Scoring enumerations (glossary: Tự chấm điểm / chấm chéo / thẩm định, Xếp hạng) and named audit actions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tdkt.scoring import formulas


class RoundState(models.TextChoices):
    """draft → self_scoring → cross_scoring → closed. Each step is one service of the block head (or Phòng TĐKT)."""

    DRAFT = "draft", _("Dự thảo")
    SELF_SCORING = "self_scoring", _("Đang tự chấm điểm")
    CROSS_SCORING = "cross_scoring", _("Đang chấm chéo")
    CLOSED = "closed", _("Đã kết thúc chấm điểm")


#: While these states last, nobody sees another unit's scores (statuses only).
OPEN_STATES = (RoundState.SELF_SCORING, RoundState.CROSS_SCORING)


class ScoringMode(models.TextChoices):
    """Who scores the members in cross scoring."""

    PEER = "peer", _("Các đơn vị thành viên chấm chéo lẫn nhau")
    PANEL = "panel", _("Tổ thẩm định (Khối trưởng, Khối phó, thành viên Hội đồng theo dõi Khối) chấm")


class Formula(models.TextChoices):
    """How the final score of a criterion is made (:mod:`tdkt.scoring.formulas`)."""

    MEAN = formulas.MEAN, _("Trung bình điểm chấm chéo")
    TRIMMED_MEAN = formulas.TRIMMED_MEAN, _("Trung bình điểm chấm chéo, bỏ phiếu cao nhất và thấp nhất")
    PANEL = formulas.PANEL, _("Điểm của Tổ thẩm định")
    WEIGHTED = formulas.WEIGHTED, _("Kết hợp điểm tự chấm và điểm chấm chéo theo trọng số")


#: The formulas each mode allows (the panel's score needs a panel; a trimmed mean needs many peers).
FORMULAS_BY_MODE = {
    ScoringMode.PEER: (Formula.MEAN, Formula.TRIMMED_MEAN, Formula.WEIGHTED),
    ScoringMode.PANEL: (Formula.PANEL, Formula.WEIGHTED),
}


class MarginUnit(models.TextChoices):
    POINTS = formulas.POINTS, _("điểm")
    PERCENT = formulas.PERCENT, _("% điểm tối đa của tiêu chí")


class TieRule(models.TextChoices):
    """Tie rules besides "points in a criteria group" (``group:<code>``, built from the table)."""

    FEWER_PENALTIES = formulas.FEWER_PENALTIES, _("Ít điểm trừ hơn")
    MORE_BONUS = formulas.MORE_BONUS, _("Nhiều điểm thưởng hơn")


class SheetKind(models.TextChoices):
    SELF = "self", _("Tự chấm")
    PEER = "peer", _("Chấm chéo")


class SheetStatus(models.TextChoices):
    """draft → submitted. Submitting locks the sheet."""

    DRAFT = "draft", _("Đang chấm")
    SUBMITTED = "submitted", _("Đã nộp")


class EvidenceKind(models.TextChoices):
    FILE = "file", _("Tệp minh chứng")
    LINK = "link", _("Đường dẫn minh chứng")


class Action(models.TextChoices):
    """Named audit actions of the scoring app. Each service function records exactly one of these."""

    ROUND_CREATED = "scoring_round_created", _("Tạo đợt chấm điểm")
    ROUND_UPDATED = "scoring_round_updated", _("Sửa cấu hình đợt chấm điểm")
    DEADLINES_SET = "scoring_deadlines_set", _("Đặt hạn chấm điểm")
    SELF_SCORING_OPENED = "scoring_self_opened", _("Mở tự chấm điểm")
    CROSS_SCORING_OPENED = "scoring_cross_opened", _("Mở chấm chéo")
    SCORING_CLOSED = "scoring_closed", _("Kết thúc chấm điểm, xếp hạng")
    SHEET_SAVED = "scoring_sheet_saved", _("Lưu phiếu chấm điểm")
    SHEET_SUBMITTED = "scoring_sheet_submitted", _("Nộp phiếu chấm điểm")
    EVIDENCE_ADDED = "scoring_evidence_added", _("Thêm minh chứng")
    EVIDENCE_REMOVED = "scoring_evidence_removed", _("Gỡ minh chứng")
    DISCREPANCY_RECONCILED = "scoring_discrepancy_reconciled", _("Xử lý chênh lệch điểm")
    BALLOT_FROM_RANKING = "scoring_ballot_from_ranking", _("Lập phiên bỏ phiếu từ kết quả xếp hạng")
