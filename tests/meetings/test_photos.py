"""Photos: images only, size-limited, re-encoded with a thumbnail, in order; served only to those who may see the
meeting. A bad file in a batch stops the batch: a clear message and nothing saved."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tdkt.core.actors import SYSTEM
from tdkt.core.models import AuditEntry
from tdkt.meetings import services
from tdkt.meetings.enums import Action
from tdkt.meetings.models import Photo

from .conftest import photo_file, schedule


def _files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _formset(*rows):
    data = {
        "anh-TOTAL_FORMS": str(len(rows)),
        "anh-INITIAL_FORMS": "0",
        "anh-MIN_NUM_FORMS": "0",
        "anh-MAX_NUM_FORMS": "20",
    }
    for i, (upload, caption) in enumerate(rows):
        if upload is not None:
            data[f"anh-{i}-image"] = upload
        data[f"anh-{i}-caption"] = caption
    return data


def test_upload_several_photos_with_captions(world, held, settings):
    response = world.client("officer_a").post(
        reverse("meetings:photos", args=[held.pk]),
        _formset(
            (photo_file("a.jpg"), "Quang cảnh Hội nghị"),
            (None, ""),
            (photo_file("b.png"), "Đại biểu phát biểu"),
        ),
    )
    assert response.status_code == 302
    photos = list(held.photos.order_by("order"))
    assert [(p.order, p.caption) for p in photos] == [(1, "Quang cảnh Hội nghị"), (2, "Đại biểu phát biểu")]
    first = photos[0]
    assert first.image.name.startswith("meetings/photos/") and first.thumbnail.name.endswith("-thumb.jpg")
    assert (first.width, first.height) == (800, 600)
    assert len(_files(settings)) == 4
    assert AuditEntry.objects.filter(action=Action.PHOTOS_UPLOADED).count() == 1


def test_a_file_that_is_not_an_image_saves_nothing(world, held, settings):
    fake = SimpleUploadedFile(
        "anh-hoi-nghi.jpg", b"%PDF-1.4 a report, not a photo", content_type="image/jpeg"
    )
    response = world.client("officer_a").post(
        reverse("meetings:photos", args=[held.pk]),
        _formset((photo_file("a.jpg"), "Quang cảnh"), (fake, "Giả")),
        follow=True,
    )
    assert "Tệp “anh-hoi-nghi.jpg” không phải là ảnh" in response.content.decode()
    assert not Photo.objects.exists()
    assert _files(settings) == []


def test_an_oversized_photo_saves_nothing(world, held, settings):
    settings.TDKT_PHOTO_MAX_MB = 1
    big = SimpleUploadedFile("lon.jpg", b"\xff" * (1024 * 1024 + 1), content_type="image/jpeg")
    response = world.client("officer_a").post(
        reverse("meetings:photos", args=[held.pk]), _formset((photo_file(), "Nhỏ"), (big, "Lớn")), follow=True
    )
    assert "Ảnh “lon.jpg” quá lớn: tối đa 1 MB." in response.content.decode()
    assert not Photo.objects.exists()
    assert _files(settings) == []


def test_an_empty_upload_says_so(world, held):
    response = world.client("officer_a").post(
        reverse("meetings:photos", args=[held.pk]), _formset((None, "")), follow=True
    )
    assert "Chưa chọn ảnh nào." in response.content.decode()


def test_photos_wait_for_the_meeting(world, planned):
    with pytest.raises(ValidationError, match="Chỉ tải ảnh khi hội nghị đã tổ chức"):
        services.upload_photos(world.users["officer_a"], planned, [(photo_file(), "")])
    assert not Photo.objects.exists()


def test_a_too_long_caption_saves_nothing(world, held):
    with pytest.raises(ValidationError, match="Chú thích ảnh thứ 2 dài tối đa 500 ký tự"):
        services.upload_photos(SYSTEM, held, [(photo_file(), "Ngắn"), (photo_file(), "x" * 501)])
    assert not Photo.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin", 200),
        ("officer_a", 200),
        ("viewer_a", 200),
        ("officer_b", 200),
        ("council", 200),
        ("officer_c", 404),
    ],
)
def test_photo_files_follow_the_meetings_visibility(world, held, persona, status):
    photo = services.upload_photos(SYSTEM, held, [(photo_file(), "Quang cảnh")])[0]
    for name in ("meetings:photo_image", "meetings:photo_thumbnail"):
        response = world.client(persona).get(reverse(name, args=[photo.pk]))
        assert response.status_code == status
        if status == 200:
            with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
                assert image.format == "JPEG"


def test_anonymous_users_get_no_photo(world, held):
    photo = services.upload_photos(SYSTEM, held, [(photo_file(), "")])[0]
    response = world.client("anonymous").get(reverse("meetings:photo_image", args=[photo.pk]))
    assert response.status_code == 302


def test_caption_move_and_remove(world, held, settings, django_capture_on_commit_callbacks):
    first, second = services.upload_photos(SYSTEM, held, [(photo_file(), "Một"), (photo_file(), "Hai")])
    client = world.client("officer_a")
    client.post(reverse("meetings:photo_caption", args=[first.pk]), {"caption": "Khai mạc Hội nghị"})
    client.post(reverse("meetings:photo_move", args=[second.pk]), {"huong": "up"})
    assert list(held.photos.order_by("order").values_list("caption", flat=True)) == [
        "Hai",
        "Khai mạc Hội nghị",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:photo_remove", args=[second.pk]))
    assert list(held.photos.values_list("order", "caption")) == [(1, "Khai mạc Hội nghị")]
    assert len(_files(settings)) == 2  # the removed photo's image and thumbnail are gone


@pytest.mark.parametrize(
    ("persona", "status"), [("viewer_a", 403), ("officer_b", 403), ("council", 403), ("officer_c", 404)]
)
def test_others_cannot_change_photos(world, held, persona, status):
    photo = services.upload_photos(SYSTEM, held, [(photo_file(), "Một")])[0]
    client = world.client(persona)
    assert (
        client.post(reverse("meetings:photo_caption", args=[photo.pk]), {"caption": "Khác"}).status_code
        == status
    )
    assert client.post(reverse("meetings:photo_remove", args=[photo.pk])).status_code == status
    assert (
        client.post(reverse("meetings:photos", args=[held.pk]), _formset((photo_file(), ""))).status_code
        == status
    )
    assert list(Photo.objects.values_list("caption", flat=True)) == ["Một"]


def test_the_host_units_staff_manage_photos_even_when_not_organisers(world, staff):
    meeting = schedule(world, when=timezone.now() - datetime.timedelta(hours=3), host_unit=world.unit_b)
    services.mark_held(SYSTEM, meeting)
    created = services.upload_photos(world.users["officer_b"], meeting, [(photo_file(), "Đón đại biểu")])
    assert created[0].uploaded_by == world.users["officer_b"]
    assert world.client("officer_b").get(reverse("meetings:photos", args=[meeting.pk])).status_code == 200


def test_a_photo_whose_file_is_gone_is_a_404_not_an_error(world, held):
    import os

    [photo] = services.upload_photos(SYSTEM, held, [(photo_file(), "Toàn cảnh")])
    os.remove(photo.image.path)
    os.remove(photo.thumbnail.path)
    client = world.client("officer_a")
    client.raise_request_exception = False
    assert client.get(photo.get_absolute_url()).status_code == 404
    assert client.get(photo.thumbnail_url).status_code == 404
