"""Document types (Nghị định 30/2020/NĐ-CP, Phụ lục III, mục I: the abbreviations used in symbols), job states
and the named audit actions of this app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentType(models.TextChoices):
    """Administrative document types and their abbreviations (ND 30 Phụ lục III, mục I). A công văn has no
    abbreviation of its own (its symbol is the issuer's and the drafting unit's), so it is not listed."""

    NGHI_QUYET = "NQ", _("Nghị quyết")
    QUYET_DINH = "QĐ", _("Quyết định")
    CHI_THI = "CT", _("Chỉ thị")
    QUY_CHE = "QC", _("Quy chế")
    QUY_DINH = "QyĐ", _("Quy định")
    THONG_CAO = "TC", _("Thông cáo")
    THONG_BAO = "TB", _("Thông báo")
    HUONG_DAN = "HD", _("Hướng dẫn")
    CHUONG_TRINH = "CTr", _("Chương trình")
    KE_HOACH = "KH", _("Kế hoạch")
    PHUONG_AN = "PA", _("Phương án")
    DE_AN = "ĐA", _("Đề án")
    DU_AN = "DA", _("Dự án")
    BAO_CAO = "BC", _("Báo cáo")
    BIEN_BAN = "BB", _("Biên bản")
    TO_TRINH = "TTr", _("Tờ trình")
    HOP_DONG = "HĐ", _("Hợp đồng")
    CONG_DIEN = "CĐ", _("Công điện")
    BAN_GHI_NHO = "BGN", _("Bản ghi nhớ")
    BAN_THOA_THUAN = "BTT", _("Bản thỏa thuận")
    GIAY_UY_QUYEN = "GUQ", _("Giấy ủy quyền")
    GIAY_MOI = "GM", _("Giấy mời")
    GIAY_GIOI_THIEU = "GGT", _("Giấy giới thiệu")
    GIAY_NGHI_PHEP = "GNP", _("Giấy nghỉ phép")
    PHIEU_GUI = "PG", _("Phiếu gửi")
    PHIEU_CHUYEN = "PC", _("Phiếu chuyển")
    PHIEU_BAO = "PB", _("Phiếu báo")


class JobKind(models.TextChoices):
    YEAR_DOCUMENTS = "year_documents", _("Văn bản cả năm của Khối")
    CERTIFICATES = "certificates", _("In bằng, giấy khen")


class JobState(models.TextChoices):
    """queued → running → done, or → failed (with the reason)."""

    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không tạo được")


FINISHED_JOB_STATES = (JobState.DONE, JobState.FAILED)


class Action(models.TextChoices):
    """Named audit actions of the documents app."""

    NUMBER_ISSUED = "document_number_issued", _("Lấy số văn bản")
    JOB_STARTED = "document_job_started", _("Bắt đầu tạo văn bản hàng loạt")
