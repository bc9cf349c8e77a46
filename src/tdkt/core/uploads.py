"""Uploaded documents (launching documents of movements, evidence of scores): accept only the listed types,
within the size limit, whose first bytes match their extension (the name and the browser's content type are
not trusted). Photos have their own path, :mod:`tdkt.core.images`."""

from __future__ import annotations

import pathlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

#: The accepted extensions and the first bytes a real file of that type starts with.
DOCUMENT_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    ".docx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}


def document_max_mb() -> int:
    """The size limit of an uploaded document (``TDKT_DOCUMENT_MAX_MB``)."""
    return int(settings.TDKT_DOCUMENT_MAX_MB)


def check_document(upload: UploadedFile, field: str = "file") -> str:
    """Check an uploaded document and return its file name (without any folder part); refuse it with a
    Vietnamese message on ``field`` when its type, size or content is wrong."""
    name = pathlib.Path(upload.name or "").name
    suffix = pathlib.Path(name).suffix.lower()
    if suffix not in DOCUMENT_SIGNATURES:
        raise ValidationError(
            {
                field: _("Tệp “%(name)s” không đúng loại: chỉ nhận PDF, DOC, DOCX, ODT, JPG, PNG.")
                % {"name": name}
            }
        )
    limit = document_max_mb()
    if not upload.size or upload.size > limit * 1024 * 1024:
        raise ValidationError(
            {
                field: _("Tệp “%(name)s” rỗng hoặc quá lớn: tối đa %(limit)s MB.")
                % {"name": name, "limit": limit}
            }
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in DOCUMENT_SIGNATURES[suffix]):
        raise ValidationError(
            {
                field: _("Nội dung tệp “%(name)s” không khớp với đuôi %(suffix)s.")
                % {"name": name, "suffix": suffix}
            }
        )
    return name
