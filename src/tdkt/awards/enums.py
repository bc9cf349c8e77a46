"""Commendation enumerations (glossary: Commendation) and the named audit actions.

The codes of ratings, leave, discipline and initiatives are the words :mod:`tdkt.rules` speaks
(:mod:`tdkt.rules.codes`); here they get their Vietnamese labels for forms and pages. A test keeps both lists
equal. What the law attaches to them (which leave counts as work, which rating a title needs) is the rulesets'
business, never this module's.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    """Yearly rating (đánh giá, xếp loại chất lượng), best first."""

    HTXSNV = "HTXSNV", _("Hoàn thành xuất sắc nhiệm vụ")
    HTTNV = "HTTNV", _("Hoàn thành tốt nhiệm vụ")
    HTNV = "HTNV", _("Hoàn thành nhiệm vụ")
    KHTNV = "KHTNV", _("Không hoàn thành nhiệm vụ")


class LeaveKind(models.TextChoices):
    MATERNITY = "maternity", _("Nghỉ thai sản")
    SICK = "sick", _("Nghỉ ốm")
    UNPAID = "unpaid", _("Nghỉ không hưởng lương")
    INJURY_IN_COMBAT_OR_RESCUE = (
        "injury_in_combat_or_rescue",
        _("Điều trị thương tích khi chiến đấu, cứu người, cứu tài sản"),
    )
    TRAINING = "training", _("Đi đào tạo, bồi dưỡng")
    OTHER = "other", _("Nghỉ khác")


class DisciplineLevel(models.TextChoices):
    """Disciplinary measures, mildest first."""

    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    SALARY_DOWNGRADE = "salary_downgrade", _("Hạ bậc lương")
    DEMOTION = "demotion", _("Giáng chức")
    DISMISSAL = "dismissal", _("Cách chức")
    FORCED_RESIGNATION = "forced_resignation", _("Buộc thôi việc")
    EXPULSION = "expulsion", _("Khai trừ")


class InitiativeScope(models.TextChoices):
    """The scope at which an initiative was recognised (Luật 06/2022/QH15, Điều 21–23)."""

    GRASSROOTS = "grassroots", _("Cấp cơ sở")
    PROVINCIAL = "provincial", _("Cấp tỉnh")
    NATIONAL = "national", _("Toàn quốc")


class InitiativeKind(models.TextChoices):
    INITIATIVE = "initiative", _("Sáng kiến")
    SCIENCE_WORK = "science_work", _("Đề tài, đề án, công trình khoa học")
    COMBAT_INGENUITY = "combat_ingenuity", _("Mưu trí, sáng tạo trong chiến đấu")


class Confidence(models.TextChoices):
    """How sure the legal research is about an item (V / S / U, as in the rulesets)."""

    VERIFIED = "V", _("Đã đối chiếu văn bản (V)")
    SECONDARY = "S", _("Theo nguồn thứ cấp (S)")
    UNVERIFIED = "U", _("Chưa kiểm chứng (U)")


class SubjectKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")


class AwardKind(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    FORM = "form", _("Hình thức khen thưởng")


class DecisionKind(models.TextChoices):
    TITLE = "title", _("Quyết định công nhận danh hiệu thi đua")
    COMMENDATION = "commendation", _("Quyết định khen thưởng")
    CORRECTION = "correction", _("Quyết định đính chính, hủy bỏ")
    INITIATIVE = "initiative", _("Quyết định công nhận sáng kiến")
    OTHER = "other", _("Quyết định khác")


#: The document kind the numbering register counts decisions under (Nghị định 30/2020/NĐ-CP, Phụ lục III: QĐ).
DECISION_SERIES = "QĐ"


class ProposalState(models.TextChoices):
    """draft → submitted → (returned → submitted …) → in_council → ready → decided.

    An award without a council vote in the ruleset goes from submitted straight to ready; a council that
    approves nobody ends the proposal (closed).
    """

    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Chờ thẩm định")
    RETURNED = "returned", _("Bị trả lại")
    IN_COUNCIL = "in_council", _("Hội đồng đang xét")
    READY = "ready", _("Chờ ban hành quyết định")
    DECIDED = "decided", _("Đã có quyết định")
    CLOSED = "closed", _("Kết thúc, không khen thưởng")


#: States in which the proposing unit may change the proposal (candidates, dossier).
EDITABLE_PROPOSAL_STATES = (ProposalState.DRAFT, ProposalState.RETURNED)


class Appraisal(models.TextChoices):
    """Phòng TĐKT's verdict on one candidate (thẩm định)."""

    PENDING = "pending", _("Chưa thẩm định")
    ACCEPTED = "accepted", _("Đạt thẩm định")
    RETURNED = "returned", _("Trả lại")


class Action(models.TextChoices):
    """Named audit actions of the awards app. Each service function records exactly one of these."""

    RATING_SET = "awards_rating_set", _("Ghi xếp loại năm")
    UNIT_RATING_SET = "awards_unit_rating_set", _("Ghi xếp loại tập thể")
    INITIATIVE_ADDED = "awards_initiative_added", _("Ghi sáng kiến")
    DISCIPLINE_ADDED = "awards_discipline_added", _("Ghi kỷ luật")
    HOLD_SET = "awards_hold_set", _("Ghi trường hợp chưa xét khen thưởng")
    HOLD_LIFTED = "awards_hold_lifted", _("Chấm dứt trường hợp chưa xét khen thưởng")
    PAST_AWARD_RECORDED = "awards_past_award_recorded", _("Ghi khen thưởng theo quyết định đã ban hành")
    IMPORTED = "awards_imported", _("Nhập lịch sử từ Excel")
    PROPOSAL_CREATED = "awards_proposal_created", _("Lập tờ trình đề nghị khen thưởng")
    PROPOSAL_UPDATED = "awards_proposal_updated", _("Sửa tờ trình đề nghị")
    CANDIDATES_SET = "awards_candidates_set", _("Lập danh sách đề nghị")
    ACHIEVEMENTS_WRITTEN = "awards_achievements_written", _("Viết thành tích trong báo cáo thành tích")
    DOSSIER_FILE_ADDED = "awards_dossier_file_added", _("Thêm hồ sơ")
    DOSSIER_FILE_REMOVED = "awards_dossier_file_removed", _("Gỡ hồ sơ")
    PROPOSAL_SUBMITTED = "awards_proposal_submitted", _("Gửi đề nghị khen thưởng")
    CANDIDATE_APPRAISED = "awards_candidate_appraised", _("Thẩm định trường hợp đề nghị")
    PROPOSAL_RETURNED = "awards_proposal_returned", _("Trả lại đề nghị")
    SENT_TO_COUNCIL = "awards_sent_to_council", _("Trình Hội đồng xét")
    COUNCIL_RESULT_RECORDED = "awards_council_result_recorded", _("Ghi nhận kết quả Hội đồng")
    PROPOSAL_APPROVED = "awards_proposal_approved", _("Trình ký quyết định")
    DECISION_ISSUED = "awards_decision_issued", _("Ban hành quyết định khen thưởng")
    CORRECTION_ISSUED = "awards_correction_issued", _("Ban hành quyết định đính chính")
    BASE_SALARY_ADDED = "awards_base_salary_added", _("Thêm mức lương cơ sở")
    BASE_SALARY_WITHDRAWN = "awards_base_salary_withdrawn", _("Rút mức lương cơ sở đã thêm")
