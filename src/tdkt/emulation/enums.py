"""Emulation enumerations (glossary: The emulation cycle): movements, pledges, registrations and their titles."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MovementKind(models.TextChoices):
    REGULAR = "regular", _("Thường xuyên")
    THEMATIC = "thematic", _("Theo chuyên đề")


class PledgeStatus(models.TextChoices):
    """draft → open_for_signing → signed. A signed pledge is locked for everyone, Phòng TĐKT included."""

    DRAFT = "draft", _("Dự thảo")
    OPEN_FOR_SIGNING = "open_for_signing", _("Đang ký kết")
    SIGNED = "signed", _("Đã ký kết")


class AdjustmentKind(models.TextChoices):
    """The two kinds of items outside the criteria tree of a scoring table."""

    BONUS = "bonus", _("Điểm thưởng")
    PENALTY = "penalty", _("Điểm trừ")


class RegistrationStatus(models.TextChoices):
    """draft → submitted → approved, or → returned (with a reason) → submitted again."""

    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Chờ lãnh đạo duyệt")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Bị trả lại")


#: Registrations the unit officer may still change (and submit).
EDITABLE_REGISTRATION_STATES = (RegistrationStatus.DRAFT, RegistrationStatus.RETURNED)
#: Registrations that people outside the unit (the block head, Phòng TĐKT) may see: the unit's drafts and the
#: ones its leader sent back stay inside the unit.
SHARED_REGISTRATION_STATES = (RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED)


# The title catalogue below follows Luật Thi đua, khen thưởng 06/2022/QH15 Art. 19 (individuals) and Art. 20
# (collectives). It is here only until the commendation work moves titles into the versioned rulesets
# (tdkt.rules); registrations store these codes, which the rulesets will keep.


class IndividualTitle(models.TextChoices):
    """Emulation titles for individuals (Luật TĐKT 2022, Art. 19)."""

    LAO_DONG_TIEN_TIEN = "lao_dong_tien_tien", _("Lao động tiên tiến")
    CHIEN_SI_THI_DUA_CO_SO = "chien_si_thi_dua_co_so", _("Chiến sĩ thi đua cơ sở")
    CHIEN_SI_THI_DUA_TINH = "chien_si_thi_dua_tinh", _("Chiến sĩ thi đua tỉnh")
    CHIEN_SI_THI_DUA_TOAN_QUOC = "chien_si_thi_dua_toan_quoc", _("Chiến sĩ thi đua toàn quốc")


class CollectiveTitle(models.TextChoices):
    """Emulation titles for collectives (Luật TĐKT 2022, Art. 20)."""

    TAP_THE_LAO_DONG_TIEN_TIEN = "tap_the_lao_dong_tien_tien", _("Tập thể lao động tiên tiến")
    TAP_THE_LAO_DONG_XUAT_SAC = "tap_the_lao_dong_xuat_sac", _("Tập thể lao động xuất sắc")
    CO_THI_DUA_TINH = "co_thi_dua_tinh", _("Cờ thi đua của UBND tỉnh")
    CO_THI_DUA_CHINH_PHU = "co_thi_dua_chinh_phu", _("Cờ thi đua của Chính phủ")


def title_label(code: str) -> str:
    """The Vietnamese name of an individual or collective title code."""
    for choices in (IndividualTitle, CollectiveTitle):
        if code in choices.values:
            return str(choices(code).label)
    return code


class Action(models.TextChoices):
    """Named actions this app writes to the audit log (one per service function)."""

    MOVEMENT_CREATED = "movement_created", _("Tạo phong trào thi đua")
    MOVEMENT_UPDATED = "movement_updated", _("Sửa phong trào thi đua")
    MOVEMENT_DOCUMENT_ADDED = "movement_document_added", _("Thêm văn bản phát động")
    MOVEMENT_DOCUMENT_REMOVED = "movement_document_removed", _("Gỡ văn bản phát động")
    PLEDGE_CREATED = "pledge_created", _("Tạo giao ước thi đua")
    PLEDGE_COPIED = "pledge_copied", _("Tạo giao ước từ giao ước năm trước")
    PLEDGE_UPDATED = "pledge_updated", _("Sửa giao ước thi đua")
    SCORING_TABLE_SAVED = "scoring_table_saved", _("Lưu phiên bản bảng chấm điểm")
    PLEDGE_OPENED = "pledge_opened", _("Mở ký kết giao ước")
    PLEDGE_REOPENED = "pledge_reopened", _("Trả giao ước về dự thảo")
    PLEDGE_SIGNED = "pledge_signed", _("Ký giao ước thi đua")
    PLEDGE_LOCKED = "pledge_locked", _("Khóa giao ước đã ký")
    REGISTRATION_PERIOD_SET = "registration_period_set", _("Đặt hạn đăng ký thi đua")
    REGISTRATION_CREATED = "registration_created", _("Tạo đăng ký thi đua")
    REGISTRATION_UPDATED = "registration_updated", _("Sửa đăng ký thi đua")
    REGISTRATION_SUBMITTED = "registration_submitted", _("Trình duyệt đăng ký thi đua")
    REGISTRATION_APPROVED = "registration_approved", _("Duyệt đăng ký thi đua")
    REGISTRATION_RETURNED = "registration_returned", _("Trả lại đăng ký thi đua")
