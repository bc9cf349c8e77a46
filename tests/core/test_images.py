from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tdkt.core.images import THUMBNAIL_SIZE, process_photo, sample_photo


def test_a_real_photo_is_reencoded_with_a_thumbnail():
    result = process_photo(SimpleUploadedFile("hoi-nghi.jpg", sample_photo()), basename="anh-1")
    assert (result.width, result.height) == (1200, 800)
    with Image.open(io.BytesIO(result.thumbnail.read())) as thumb:
        assert thumb.width <= THUMBNAIL_SIZE[0] and thumb.height <= THUMBNAIL_SIZE[1]
    assert result.image.name == "anh-1.jpg"


def test_a_file_that_is_not_an_image_is_refused():
    with pytest.raises(ValidationError, match="không phải là ảnh"):
        process_photo(SimpleUploadedFile("bao-cao.jpg", b"%PDF-1.4 not an image"), basename="x")


def test_an_oversized_photo_is_refused(settings):
    settings.TDKT_PHOTO_MAX_MB = 1
    big = SimpleUploadedFile("lon.jpg", b"\xff" * (1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="quá lớn"):
        process_photo(big, basename="x")
