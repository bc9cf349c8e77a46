"""Shared enumerations. English identifiers, Vietnamese labels (glossary)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """An account's standing role. Block head/deputy is not stored: it follows from the yearly membership."""

    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống (Phòng TĐKT)")
    UNIT_OFFICER = "unit_officer", _("Cán bộ thi đua, khen thưởng đơn vị")
    UNIT_LEADER = "unit_leader", _("Lãnh đạo đơn vị")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng Thi đua - Khen thưởng")
    VIEWER = "viewer", _("Người xem")


class AuditAction(models.TextChoices):
    """Named actions of the audit log. Each service function records exactly one of these."""

    CREATE = "create", _("Tạo mới")
    UPDATE = "update", _("Cập nhật")
    DELETE = "delete", _("Xóa")
    LOGIN = "login", _("Đăng nhập")
    LOGIN_FAILED = "login_failed", _("Đăng nhập thất bại")
    LOGOUT = "logout", _("Đăng xuất")
    DEMO_LOADED = "demo_loaded", _("Nạp dữ liệu mẫu")
    MEMBERSHIP_SET = "membership_set", _("Phân công thành viên Khối")
    FOLLOWUP_SET = "followup_set", _("Phân công theo dõi Khối")
    POSITION_SET = "position_set", _("Bổ nhiệm chức vụ")
    ACCOUNT_CREATED = "account_created", _("Tạo tài khoản")
