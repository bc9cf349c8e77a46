"""Meeting enumerations (glossary: Hội nghị sơ kết / tổng kết, Hội nghị ký kết giao ước) and named audit actions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    PLEDGE_SIGNING = "pledge_signing", _("Hội nghị ký kết giao ước thi đua")
    MIDYEAR_REVIEW = "midyear_review", _("Hội nghị sơ kết 6 tháng")
    YEAR_END_REVIEW = "year_end_review", _("Hội nghị tổng kết năm")
    COUNCIL_SESSION = "council_session", _("Phiên họp Hội đồng Thi đua - Khen thưởng")
    OTHER = "other", _("Khác")


class MeetingState(models.TextChoices):
    """planned → held. The minutes have their own states; locking them freezes the meeting's record."""

    PLANNED = "planned", _("Đã lên lịch")
    HELD = "held", _("Đã tổ chức")


class AttendeeRole(models.TextChoices):
    """Why a person is on the list; the summary line counts council members apart from units' delegates."""

    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng")
    LEADER = "leader", _("Lãnh đạo đơn vị")
    EMULATION_OFFICER = "emulation_officer", _("Cán bộ phụ trách thi đua, khen thưởng")
    DELEGATE = "delegate", _("Đại biểu")


class Attendance(models.TextChoices):
    PENDING = "pending", _("Chưa điểm danh")
    PRESENT = "present", _("Có mặt")
    ABSENT = "absent", _("Vắng")
    EXCUSED = "excused", _("Vắng có lý do")


#: The statuses a roll call may set (``pending`` is only the state before it).
RECORDED_ATTENDANCE = (Attendance.PRESENT, Attendance.ABSENT, Attendance.EXCUSED)


class MinutesState(models.TextChoices):
    """draft → approved → locked. An approved text may go back to draft; a locked one never changes."""

    DRAFT = "draft", _("Dự thảo")
    APPROVED = "approved", _("Đã thông qua")
    LOCKED = "locked", _("Đã khóa")


class Move(models.TextChoices):
    UP = "up", _("Lên")
    DOWN = "down", _("Xuống")


class Action(models.TextChoices):
    """Named audit actions of the meetings app. Each service function records exactly one of these."""

    MEETING_CREATED = "meeting_created", _("Lên lịch hội nghị")
    MEETING_UPDATED = "meeting_updated", _("Sửa thông tin hội nghị")
    INVITED_UNITS_SET = "meeting_invited_units_set", _("Chọn đơn vị được mời")
    ATTENDEE_ADDED = "meeting_attendee_added", _("Thêm đại biểu")
    ATTENDEE_REMOVED = "meeting_attendee_removed", _("Bỏ đại biểu khỏi danh sách")
    INVITATIONS_SENT = "meeting_invitations_sent", _("Gửi giấy mời")
    MEETING_HELD = "meeting_held", _("Ghi nhận hội nghị đã tổ chức")
    ATTENDANCE_RECORDED = "meeting_attendance_recorded", _("Điểm danh")
    AGENDA_ITEM_ADDED = "meeting_agenda_item_added", _("Thêm mục chương trình")
    AGENDA_ITEM_UPDATED = "meeting_agenda_item_updated", _("Sửa mục chương trình")
    AGENDA_ITEM_REMOVED = "meeting_agenda_item_removed", _("Xóa mục chương trình")
    AGENDA_ITEM_MOVED = "meeting_agenda_item_moved", _("Đổi thứ tự chương trình")
    MINUTES_SAVED = "meeting_minutes_saved", _("Ghi biên bản")
    MINUTES_APPROVED = "meeting_minutes_approved", _("Thông qua biên bản")
    MINUTES_REOPENED = "meeting_minutes_reopened", _("Trả biên bản về dự thảo")
    MINUTES_LOCKED = "meeting_minutes_locked", _("Khóa biên bản")
    PHOTOS_UPLOADED = "meeting_photos_uploaded", _("Tải ảnh hội nghị")
    PHOTO_UPDATED = "meeting_photo_updated", _("Sửa chú thích ảnh")
    PHOTO_MOVED = "meeting_photo_moved", _("Đổi thứ tự ảnh")
    PHOTO_REMOVED = "meeting_photo_removed", _("Xóa ảnh hội nghị")
