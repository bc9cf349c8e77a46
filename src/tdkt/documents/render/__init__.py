"""Renderers of the document model: :func:`render` to bytes, :func:`write` to a file without ever leaving half a
file behind (everything is rendered in memory first, then written to a temporary file that replaces the target)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tdkt.documents.layout import Document

DOCX = "docx"
PDF = "pdf"
FORMATS = (DOCX, PDF)
CONTENT_TYPES = {
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    PDF: "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}


def render(document: Document, fmt: str) -> bytes:
    """The document as .docx or PDF bytes; a ValidationError in Vietnamese on bad input."""
    if fmt == DOCX:
        from tdkt.documents.render.docx import render_docx

        return render_docx(document)
    if fmt == PDF:
        from tdkt.documents.render.pdf import render_pdf

        return render_pdf(document)
    raise ValidationError(_("Định dạng “%(fmt)s” không được hỗ trợ (chỉ .docx và .pdf).") % {"fmt": fmt})


def write_atomically(path: Path, produce: Callable[[], bytes]) -> Path:
    """Produce the bytes first, then write them beside ``path`` and rename: a failure leaves no file at all."""
    content = produce()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def write(document: Document, path: Path, fmt: str | None = None) -> Path:
    """Render ``document`` into ``path`` (.docx or .pdf, from the suffix unless ``fmt`` is given)."""
    fmt = fmt or path.suffix.lstrip(".").lower()
    return write_atomically(path, lambda: render(document, fmt))
