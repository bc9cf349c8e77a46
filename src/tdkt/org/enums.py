"""Organisation enumerations (glossary: Organisation)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    PARTY_BODY = "party_body", _("Cơ quan Đảng")
    OFFICE = "office", _("Văn phòng")
    DEPARTMENT = "department", _("Sở, ngành")
    BOARD = "board", _("Ban")
    CENTRAL_BRANCH = "central_branch", _("Cơ quan ngành dọc Trung ương")
    MASS_ORGANISATION = "mass_organisation", _("Mặt trận, đoàn thể")
    PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp")
    COMMUNE = "commune", _("Xã, phường")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    OTHER = "other", _("Khác")


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class PositionLevel(models.TextChoices):
    """How senior a position is; leaders sign, officers handle emulation work."""

    HEAD = "head", _("Người đứng đầu")
    DEPUTY_HEAD = "deputy_head", _("Cấp phó")
    DIVISION_HEAD = "division_head", _("Trưởng, phó phòng")
    STAFF = "staff", _("Chuyên viên, nhân viên")


class BlockKind(models.TextChoices):
    BLOCK = "block", _("Khối thi đua")
    CLUSTER = "cluster", _("Cụm thi đua")


class MembershipRole(models.TextChoices):
    HEAD = "head", _("Khối trưởng")
    DEPUTY = "deputy", _("Khối phó")
    MEMBER = "member", _("Thành viên")


class CouncilRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch Hội đồng")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch Hội đồng")
    STANDING_MEMBER = "standing_member", _("Ủy viên thường trực")
    MEMBER = "member", _("Ủy viên")
    SECRETARY = "secretary", _("Thư ký")
