"""Uploaded photos: accept only real images within the size limit, and make a thumbnail on upload.

Used by conference photos and article galleries. A file is an image only if Pillow can open and verify it
(the name and the browser's content type are not trusted). The stored image is re-encoded as JPEG or PNG, which
also strips anything smuggled after the image data.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
THUMBNAIL_SIZE = (480, 360)
MAX_PIXELS = 60_000_000  # a decompression bomb is refused before it is decoded


@dataclass(frozen=True)
class ProcessedImage:
    image: ContentFile[bytes]
    thumbnail: ContentFile[bytes]
    width: int
    height: int


def process_photo(upload: UploadedFile, *, basename: str) -> ProcessedImage:
    """Validate an uploaded photo and return the re-encoded image and its thumbnail (nothing is saved here)."""
    limit_mb = settings.TDKT_PHOTO_MAX_MB
    if upload.size is None or upload.size > limit_mb * 1024 * 1024:
        raise ValidationError(
            _("Ảnh “%(name)s” quá lớn: tối đa %(limit)s MB.") % {"name": upload.name, "limit": limit_mb}
        )
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image: Image.Image = Image.open(io.BytesIO(data))
        if image.format not in ALLOWED_FORMATS:
            raise UnidentifiedImageError(image.format)
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(_("Ảnh “%(name)s” có kích thước điểm ảnh quá lớn.") % {"name": upload.name})
        image = ImageOps.exif_transpose(image)
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("Tệp “%(name)s” không phải là ảnh (chỉ nhận JPEG, PNG, WEBP, GIF).") % {"name": upload.name}
        ) from None
    keep_png = image.mode in ("RGBA", "LA", "P") and image.format == "PNG"
    fmt, ext = ("PNG", "png") if keep_png else ("JPEG", "jpg")
    if fmt == "JPEG" and image.mode != "RGB":
        image = image.convert("RGB")
    full = _encode(image, fmt)
    thumb = image.copy()
    thumb.thumbnail(THUMBNAIL_SIZE)
    return ProcessedImage(
        image=ContentFile(full, name=f"{basename}.{ext}"),
        thumbnail=ContentFile(_encode(thumb, fmt), name=f"{basename}-thumb.{ext}"),
        width=image.width,
        height=image.height,
    )


def _encode(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **({"quality": 85, "optimize": True} if fmt == "JPEG" else {}))
    return buffer.getvalue()


def sample_photo(size: tuple[int, int] = (1200, 800), color: str = "#b3261e") -> bytes:
    """A generated JPEG (for the demo and tests): a coloured field with a light band, no external files."""
    image = Image.new("RGB", size, color)
    band = Image.new("RGB", (size[0], size[1] // 5), "#ffd54a")
    image.paste(band, (0, size[1] * 2 // 5))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()
