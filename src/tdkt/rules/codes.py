"""The vocabulary the rules speak: codes and their Vietnamese names.

These are words, not law: the numbers and conditions attached to them (which leave counts as work, which rating
a title needs, what share of members…) live in the rulesets (``rulesets/*.toml``), each with its citation.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class Rating(StrEnum):
    """Yearly rating of an individual (Nghị định 90/2020/NĐ-CP) or of a collective, best first."""

    HTXSNV = "HTXSNV"
    HTTNV = "HTTNV"
    HTNV = "HTNV"
    KHTNV = "KHTNV"


RATING_NAMES: Final[dict[str, str]] = {
    "HTXSNV": "Hoàn thành xuất sắc nhiệm vụ",
    "HTTNV": "Hoàn thành tốt nhiệm vụ",
    "HTNV": "Hoàn thành nhiệm vụ",
    "KHTNV": "Không hoàn thành nhiệm vụ",
}
# Higher is better; comparisons go through these ranks, never through the strings.
RATING_RANK: Final[dict[str, int]] = {"HTXSNV": 4, "HTTNV": 3, "HTNV": 2, "KHTNV": 1}


class SubjectKind(StrEnum):
    INDIVIDUAL = "individual"
    COLLECTIVE = "collective"
    HOUSEHOLD = "household"


SUBJECT_KIND_NAMES: Final[dict[str, str]] = {
    "individual": "cá nhân",
    "collective": "tập thể",
    "household": "hộ gia đình",
}


class Scope(StrEnum):
    """Scope at which an initiative (or scientific work) was recognised (Luật 06/2022/QH15, Điều 21–23)."""

    GRASSROOTS = "grassroots"
    PROVINCIAL = "provincial"
    NATIONAL = "national"


SCOPE_NAMES: Final[dict[str, str]] = {
    "grassroots": "cấp cơ sở",
    "provincial": "cấp bộ, ban, ngành, tỉnh",
    "national": "toàn quốc",
}
SCOPE_RANK: Final[dict[str, int]] = {"grassroots": 1, "provincial": 2, "national": 3}


class InitiativeKind(StrEnum):
    INITIATIVE = "initiative"
    SCIENCE_WORK = "science_work"
    COMBAT_INGENUITY = "combat_ingenuity"


INITIATIVE_KIND_NAMES: Final[dict[str, str]] = {
    "initiative": "sáng kiến",
    "science_work": "đề tài, đề án, công trình khoa học",
    "combat_ingenuity": "mưu trí, sáng tạo trong chiến đấu",
}


class LeaveKind(StrEnum):
    MATERNITY = "maternity"
    SICK = "sick"
    UNPAID = "unpaid"
    INJURY_IN_COMBAT_OR_RESCUE = "injury_in_combat_or_rescue"
    TRAINING = "training"
    OTHER = "other"


LEAVE_NAMES: Final[dict[str, str]] = {
    "maternity": "nghỉ thai sản",
    "sick": "nghỉ ốm",
    "unpaid": "nghỉ không hưởng lương",
    "injury_in_combat_or_rescue": "điều trị thương tích khi chiến đấu, cứu người, cứu tài sản",
    "training": "đi đào tạo, bồi dưỡng",
    "other": "nghỉ khác",
}


class DisciplineLevel(StrEnum):
    """Disciplinary measures (administrative and Party), mildest first."""

    REPRIMAND = "reprimand"
    WARNING = "warning"
    SALARY_DOWNGRADE = "salary_downgrade"
    DEMOTION = "demotion"
    DISMISSAL = "dismissal"
    FORCED_RESIGNATION = "forced_resignation"
    EXPULSION = "expulsion"


DISCIPLINE_NAMES: Final[dict[str, str]] = {
    "reprimand": "khiển trách",
    "warning": "cảnh cáo",
    "salary_downgrade": "hạ bậc lương",
    "demotion": "giáng chức",
    "dismissal": "cách chức",
    "forced_resignation": "buộc thôi việc",
    "expulsion": "khai trừ",
}


class Status(StrEnum):
    """A verdict: ``needs_review`` = every computable condition holds but a judgment remains."""

    ELIGIBLE = "eligible"
    NEEDS_REVIEW = "needs_review"
    NOT_ELIGIBLE = "not_eligible"


STATUS_NAMES: Final[dict[str, str]] = {
    "eligible": "Đủ điều kiện",
    "needs_review": "Cần xem xét",
    "not_eligible": "Không đủ điều kiện",
}


class Basis(StrEnum):
    """Where a reason's answer comes from.

    * ``data`` — computed from the history: ``met`` is true or false;
    * ``judgment`` — a person must decide (outstanding among the candidates, leading the block, a title still
      to be decided): ``met`` is null and the verdict is at best ``needs_review``;
    * ``dossier`` — a condition attested by the proposal's papers (review minutes, achievement report), or a
      route of the law this evaluator does not compute: ``met`` is null and the status is unchanged.
    """

    DATA = "data"
    JUDGMENT = "judgment"
    DOSSIER = "dossier"


class Confidence(StrEnum):
    """How sure the legal research is (legal brief, "How to read this file")."""

    VERIFIED = "V"
    SECONDARY = "S"
    UNVERIFIED = "U"


MEMBER_FIELDS: Final[dict[str, str]] = {
    "total": "tổng số thành viên",
    "rated_htnv_or_better": "thành viên hoàn thành nhiệm vụ trở lên",
    "lao_dong_tien_tien": "thành viên đạt danh hiệu Lao động tiên tiến",
    "chien_si_thi_dua_co_so": "thành viên đạt danh hiệu Chiến sĩ thi đua cơ sở",
    "disciplined_warning_or_above": "thành viên bị kỷ luật từ cảnh cáo trở lên",
}
