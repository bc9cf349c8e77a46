"""Ballot enumerations (glossary: bỏ phiếu kín, biên bản kiểm phiếu) and the named audit actions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionState(models.TextChoices):
    """draft → open → closed → counted. Nothing goes back: a closed box is never reopened."""

    DRAFT = "draft", _("Dự thảo")
    OPEN = "open", _("Đang bỏ phiếu")
    CLOSED = "closed", _("Đã kết thúc bỏ phiếu")
    COUNTED = "counted", _("Đã kiểm phiếu")


class RollKind(models.TextChoices):
    """Who is on the roll: one vote per member unit of a block for a year, or one per council member."""

    BLOCK = "block", _("Các đơn vị thành viên Khối, Cụm")
    COUNCIL = "council", _("Thành viên Hội đồng Thi đua - Khen thưởng")


class VotingMode(models.TextChoices):
    ELECTRONIC = "electronic", _("Bỏ phiếu điện tử")
    PAPER = "paper", _("Phiếu giấy, kiểm phiếu tại phòng họp")


class ThresholdBase(models.TextChoices):
    """What the threshold is a share of."""

    ROLL = "roll", _("tổng số người có quyền bỏ phiếu")
    VOTING = "voting", _("số người tham gia bỏ phiếu")


class Comparison(models.TextChoices):
    GE = "ge", _("từ … trở lên (≥)")
    GT = "gt", _("trên … (>)")


class Outcome(models.TextChoices):
    """A candidate's outcome in the tally."""

    ELECTED = "elected", _("Đạt, được đề nghị")
    TIED = "tied", _("Đạt tỷ lệ nhưng bằng phiếu ở vị trí cuối: cần bỏ phiếu lại")
    OVER_SEATS = "over_seats", _("Đạt tỷ lệ nhưng ngoài số được chọn")
    NO_QUORUM = "no_quorum", _("Không đủ số người tham gia theo quy định")
    NOT_REACHED = "not_reached", _("Không đạt tỷ lệ")


class Action(models.TextChoices):
    """Named audit actions. ``BALLOT_CAST`` records that a voter voted, never what they chose."""

    SESSION_CREATED = "ballot_session_created", _("Tạo phiên bỏ phiếu")
    SESSION_UPDATED = "ballot_session_updated", _("Sửa phiên bỏ phiếu")
    CANDIDATES_SET = "ballot_candidates_set", _("Lập danh sách bầu")
    SESSION_OPENED = "ballot_session_opened", _("Mở bỏ phiếu")
    BALLOT_CAST = "ballot_cast", _("Đã bỏ phiếu")
    SESSION_CLOSED = "ballot_session_closed", _("Kết thúc bỏ phiếu")
    SESSION_COUNTED = "ballot_session_counted", _("Kiểm phiếu")
    PAPER_COUNTS_ENTERED = "ballot_paper_counts_entered", _("Nhập kết quả kiểm phiếu giấy")
