"""Movements: Phòng TĐKT publishes them with their launching documents; each user reads those that apply."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.core.actors import SYSTEM
from tdkt.core.models import AuditEntry
from tdkt.emulation import services
from tdkt.emulation.enums import Action, MovementKind
from tdkt.emulation.models import Movement, MovementDocument
from tdkt.emulation.queries import movements_for_user

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def movements(world, year):
    """One province-wide regular movement, one thematic movement for the block, one for unit C only."""
    province = services.create_movement(
        SYSTEM,
        name="Phong trào thi đua yêu nước năm " + str(year),
        kind=MovementKind.REGULAR,
        year=year,
        province_wide=True,
    )
    block = services.create_movement(
        SYSTEM,
        name="Thi đua cải cách hành chính",
        kind=MovementKind.THEMATIC,
        year=year,
        start_date=datetime.date(year, 3, 1),
        end_date=datetime.date(year, 11, 30),
        blocks=[world.block],
    )
    unit_c = services.create_movement(
        SYSTEM, name="Thi đua ngành y tế", kind=MovementKind.REGULAR, year=year, units=[world.unit_c]
    )
    return {"province": province, "block": block, "unit_c": unit_c}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("admin", {"province", "block", "unit_c"}),
        ("council", {"province", "block", "unit_c"}),
        ("officer_a", {"province", "block"}),
        ("viewer_a", {"province", "block"}),
        ("officer_b", {"province", "block"}),
        ("officer_c", {"province", "unit_c"}),
    ],
)
def test_each_user_reads_the_movements_that_apply(world, movements, persona, expected):
    seen = set(movements_for_user(world.users[persona]))
    assert seen == {movements[key] for key in expected}
    for key, movement in movements.items():
        response = world.client(persona).get(reverse("emulation:movement_detail", args=[movement.pk]))
        assert response.status_code == (200 if key in expected else 404)
        assert world.users[persona].has_perm("emulation.view_movement", movement) is (key in expected)


def test_a_block_movement_applies_to_the_members_of_its_year_only(world, year, movements):
    next_year = services.create_movement(
        SYSTEM, name="Phong trào năm sau", kind=MovementKind.REGULAR, year=year + 1, blocks=[world.block]
    )
    assert next_year not in set(movements_for_user(world.users["officer_b"]))


def test_anonymous_is_sent_to_login(world, movements):
    for url in (
        reverse("emulation:movement_list"),
        reverse("emulation:movement_detail", args=[movements["province"].pk]),
        reverse("emulation:movement_create"),
    ):
        response = world.client("anonymous").get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_list_page_by_persona(world, movements):
    body = world.client("officer_c").get(reverse("emulation:movement_list")).content.decode()
    assert "Thi đua ngành y tế" in body and "Thi đua cải cách hành chính" not in body
    body = world.client("admin").get(reverse("emulation:movement_list")).content.decode()
    assert "Tạo phong trào" in body


@pytest.mark.parametrize(("persona", "status"), [("admin", 200), ("officer_a", 403), ("council", 403)])
def test_only_phong_tdkt_creates_and_edits(world, movements, persona, status):
    client = world.client(persona)
    assert client.get(reverse("emulation:movement_create")).status_code == status
    assert client.get(reverse("emulation:movement_edit", args=[movements["block"].pk])).status_code == status
    if persona != "admin":
        with pytest.raises(PermissionDenied):
            services.update_movement(
                world.users[persona],
                movements["block"],
                name="Đổi tên",
                kind=MovementKind.REGULAR,
                year=2020,
                province_wide=True,
            )
        assert Movement.objects.get(pk=movements["block"].pk).name == "Thi đua cải cách hành chính"


def test_create_through_the_page(world, year):
    response = world.client("admin").post(
        reverse("emulation:movement_create"),
        {
            "name": "  Thi đua chuyển đổi số  ",
            "kind": MovementKind.THEMATIC,
            "year": year,
            "start_date": f"{year}-04-01",
            "end_date": f"{year}-10-31",
            "units": [world.unit_a.pk, world.unit_b.pk],
        },
    )
    movement = Movement.objects.get()
    assert response.status_code == 302 and response["Location"] == movement.get_absolute_url()
    assert movement.name == "Thi đua chuyển đổi số"
    assert set(movement.units.all()) == {world.unit_a, world.unit_b}
    assert AuditEntry.objects.get(action=Action.MOVEMENT_CREATED).after["units"] == sorted(
        [world.unit_a.pk, world.unit_b.pk]
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"kind": MovementKind.THEMATIC, "start_date": ""},
            "Phong trào theo chuyên đề cần có ngày bắt đầu và ngày kết thúc.",
        ),
        ({"start_date": "2020-05-01", "end_date": "2020-04-01"}, "Ngày kết thúc phải sau ngày bắt đầu."),
        (
            {"province_wide": "", "units": []},
            "Chọn phạm vi áp dụng: toàn tỉnh, hoặc các đơn vị, khối, cụm thực hiện phong trào.",
        ),
    ],
)
def test_bad_movement_input_shows_a_message_and_changes_nothing(world, movements, changes, message):
    movement = movements["province"]
    data = {"name": "Đổi tên", "kind": MovementKind.REGULAR, "year": movement.year, "province_wide": "on"}
    data.update(changes)
    response = world.client("admin").post(reverse("emulation:movement_edit", args=[movement.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    movement.refresh_from_db()
    assert movement.name.startswith("Phong trào thi đua yêu nước")


def test_documents_upload_download_and_remove(world, movements):
    movement = movements["block"]
    upload = SimpleUploadedFile("Kế hoạch phát động.pdf", PDF, content_type="application/pdf")
    response = world.client("admin").post(
        reverse("emulation:movement_document_add", args=[movement.pk]), {"title": "", "file": upload}
    )
    assert response.status_code == 302
    document = MovementDocument.objects.get()
    assert document.title == "Kế hoạch phát động" and document.original_name == "Kế hoạch phát động.pdf"
    assert document.file.name.startswith(f"emulation/movements/{movement.year}/")
    assert document.size == len(PDF)
    # members of the block read it; unit C does not know it exists
    response = world.client("officer_b").get(document.get_absolute_url())
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert world.client("officer_c").get(document.get_absolute_url()).status_code == 404
    assert world.client("anonymous").get(document.get_absolute_url()).status_code == 302
    # only Phòng TĐKT removes it
    assert (
        world.client("officer_b")
        .post(reverse("emulation:movement_document_remove", args=[document.pk]))
        .status_code
        == 403
    )
    world.client("admin").post(reverse("emulation:movement_document_remove", args=[document.pk]))
    assert not MovementDocument.objects.exists()
    assert AuditEntry.objects.filter(action=Action.MOVEMENT_DOCUMENT_REMOVED).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "không đúng loại: chỉ nhận PDF, DOC, DOCX, ODT, JPG, PNG"),
        ("gia-mao.pdf", b"<html>not a pdf</html>", "không khớp với đuôi .pdf"),
        ("rong.pdf", b"", "rỗng hoặc quá lớn"),
    ],
)
def test_bad_documents_are_refused(world, movements, name, content, message):
    with pytest.raises(ValidationError) as caught:
        services.add_movement_document(
            world.users["admin"],
            movements["block"],
            title="Văn bản",
            upload=SimpleUploadedFile(name, content),
        )
    assert message in " ".join(caught.value.messages)
    assert not MovementDocument.objects.exists()


def test_document_size_limit_is_a_setting(world, movements, settings):
    settings.TDKT_DOCUMENT_MAX_MB = 1
    big = SimpleUploadedFile("lon.pdf", PDF + b"0" * (1024 * 1024))
    client = world.client("admin")
    response = client.post(
        reverse("emulation:movement_document_add", args=[movements["block"].pk]), {"title": "To", "file": big}
    )
    assert response.status_code == 302
    assert not MovementDocument.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "rỗng hoặc quá lớn: tối đa 1 MB" in page


def test_only_phong_tdkt_uploads(world, movements):
    response = world.client("officer_a").post(
        reverse("emulation:movement_document_add", args=[movements["block"].pk]),
        {"title": "X", "file": SimpleUploadedFile("a.pdf", PDF)},
    )
    assert response.status_code == 403 and not MovementDocument.objects.exists()
