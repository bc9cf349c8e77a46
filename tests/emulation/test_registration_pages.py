"""Registration pages by persona: my unit's registration (with the multi-select of people), the leader's
approval page, the block head's and Phòng TĐKT's scope list, the Excel export read back with openpyxl."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tdkt.core.actors import SYSTEM
from tdkt.core.enums import Role
from tdkt.emulation import services
from tdkt.emulation.enums import CollectiveTitle, IndividualTitle, RegistrationStatus
from tdkt.emulation.models import Registration, RegistrationEntry
from tdkt.org import services as org_services
from tdkt.org.enums import Gender
from tests.conftest import make_user

PAGES = [
    "emulation:registration_mine",
    "emulation:registration_approvals",
    "emulation:registration_scope",
    "emulation:registration_export",
]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_goes_to_login(world, name):
    response = world.client("anonymous").get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_anonymous_goes_to_login_for_a_registration(world, registration_b):
    for name in ("emulation:registration_detail", "emulation:registration_edit"):
        response = world.client("anonymous").get(reverse(name, args=[registration_b.pk]))
        assert response.status_code == 302


def test_officer_registers_through_the_page(world, year, staff_b):
    client = world.client("officer_b")
    page = client.get(reverse("emulation:registration_mine"))
    body = page.content.decode()
    assert "Trần Thị An" in body and "Phạm Văn Đã Nghỉ" not in body  # only active staff of the unit
    assert "Đặng Thị Ánh Tuyết" not in body  # nobody from another unit
    response = client.post(
        reverse("emulation:registration_mine"),
        {
            "collective_titles": [CollectiveTitle.TAP_THE_LAO_DONG_TIEN_TIEN],
            f"title_{IndividualTitle.LAO_DONG_TIEN_TIEN}": [staff_b[0].pk, staff_b[1].pk, staff_b[2].pk],
            f"title_{IndividualTitle.CHIEN_SI_THI_DUA_CO_SO}": [staff_b[2].pk],
            "note": "",
        },
    )
    registration = Registration.objects.get()
    assert response.status_code == 302 and response["Location"] == registration.get_absolute_url()
    assert registration.unit == world.unit_b and registration.year == year
    assert RegistrationEntry.objects.filter(registration=registration, person=staff_b[2]).count() == 2
    # the page now leads to the registration
    assert client.get(reverse("emulation:registration_mine")).status_code == 302


def test_a_person_from_another_unit_cannot_be_posted(world, year, staff_b):
    response = world.client("officer_b").post(
        reverse("emulation:registration_mine"),
        {f"title_{IndividualTitle.LAO_DONG_TIEN_TIEN}": [world.person_a.pk]},
    )
    assert response.status_code == 200 and "không phải là một trong các lựa chọn" in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("persona", "form_shown"), [("officer_b", True), ("leader_a", False), ("viewer_a", False)]
)
def test_only_the_officer_gets_the_form(world, persona, form_shown, leader_b):
    body = world.client(persona).get(reverse("emulation:registration_mine")).content.decode()
    assert ('name="collective_titles"' in body) is form_shown
    if not form_shown:
        assert world.client(persona).post(reverse("emulation:registration_mine"), {}).status_code == 403


def test_admin_without_unit_goes_to_the_scope_list(world):
    response = world.client("admin").get(reverse("emulation:registration_mine"))
    assert response.status_code == 302 and response["Location"] == reverse("emulation:registration_scope")


@pytest.mark.parametrize(
    ("persona", "draft", "submitted"),
    [
        ("officer_b", 200, 200),
        ("leader_b", 200, 200),
        ("admin", 404, 200),
        ("block_head", 404, 200),
        ("officer_c", 404, 404),
        ("council", 404, 404),
        ("viewer_a", 404, 404),
    ],
)
def test_detail_page_by_persona(world, registration_b, leader_b, persona, draft, submitted):
    url = reverse("emulation:registration_detail", args=[registration_b.pk])
    assert world.client(persona).get(url).status_code == draft
    services.submit_registration(world.users["officer_b"], registration_b)
    response = world.client(persona).get(url)
    assert response.status_code == submitted
    if submitted == 200:
        assert "Tập thể lao động xuất sắc" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"), [("officer_b", 200), ("leader_b", 403), ("block_head", 404), ("officer_c", 404)]
)
def test_edit_page_by_persona(world, registration_b, leader_b, persona, status):
    assert (
        world.client(persona)
        .get(reverse("emulation:registration_edit", args=[registration_b.pk]))
        .status_code
        == status
    )


def test_edit_page_prefills_and_saves(world, registration_b, staff_b):
    client = world.client("officer_b")
    url = reverse("emulation:registration_edit", args=[registration_b.pk])
    form = client.get(url).context["form"]
    assert form.initial[f"title_{IndividualTitle.CHIEN_SI_THI_DUA_CO_SO}"] == [staff_b[0].pk]
    response = client.post(url, {"collective_titles": [CollectiveTitle.CO_THI_DUA_TINH]})
    assert response.status_code == 302
    assert list(RegistrationEntry.objects.values_list("person", "title")) == [(None, "co_thi_dua_tinh")]


def test_submit_approve_and_return_from_the_pages(world, registration_b, leader_b):
    officer, leader = world.client("officer_b"), world.client("leader_b")
    assert leader.post(reverse("emulation:registration_submit", args=[registration_b.pk])).status_code == 403
    officer.post(reverse("emulation:registration_submit", args=[registration_b.pk]))
    registration_b.refresh_from_db()
    assert registration_b.status == RegistrationStatus.SUBMITTED
    # the approval page lists it for the leader only
    body = leader.get(reverse("emulation:registration_approvals")).content.decode()
    assert "Nguyễn Văn Bình" in body and "Duyệt đăng ký" in body
    assert officer.get(reverse("emulation:registration_approvals")).status_code == 403
    assert world.client("admin").get(reverse("emulation:registration_approvals")).status_code == 403
    # returning without a reason is refused with the message, and the state stays
    response = leader.post(
        reverse("emulation:registration_return", args=[registration_b.pk]), {"reason": ""}, follow=True
    )
    assert "Cần ghi lý do trả lại" in response.content.decode()
    registration_b.refresh_from_db()
    assert registration_b.status == RegistrationStatus.SUBMITTED
    leader.post(reverse("emulation:registration_return", args=[registration_b.pk]), {"reason": "Thiếu người"})
    registration_b.refresh_from_db()
    assert registration_b.status == RegistrationStatus.RETURNED
    assert "Thiếu người" in officer.get(registration_b.get_absolute_url()).content.decode()
    officer.post(reverse("emulation:registration_submit", args=[registration_b.pk]))
    leader.post(reverse("emulation:registration_approve", args=[registration_b.pk]))
    registration_b.refresh_from_db()
    assert registration_b.status == RegistrationStatus.APPROVED
    assert (
        world.client("officer_c")
        .post(reverse("emulation:registration_approve", args=[registration_b.pk]))
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    ("persona", "sees_b"), [("admin", True), ("block_head", True), ("officer_c", False), ("council", False)]
)
def test_scope_page_by_persona(world, submitted_b, persona, sees_b):
    response = world.client(persona).get(reverse("emulation:registration_scope"))
    assert response.status_code == 200
    assert (submitted_b.get_absolute_url() in response.content.decode()) is sees_b
    if not sees_b:
        assert "Sở Tư pháp" not in response.content.decode()


def test_scope_and_export_need_a_unit_or_phong_tdkt(world):
    client = Client()
    client.force_login(make_user("khach", Role.VIEWER, None))
    assert client.get(reverse("emulation:registration_scope")).status_code == 403
    assert client.get(reverse("emulation:registration_export")).status_code == 403
    assert client.get(reverse("documents:registrations")).status_code == 403


def test_scope_page_htmx_returns_the_rows_only(world, submitted_b, year):
    response = world.client("admin").get(
        reverse("emulation:registration_scope"), {"nam": year, "khoi": world.block.pk}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "<html" not in body and 'id="scope-rows"' in body and "Sở Tư pháp" in body


# --- the Excel export ---------------------------------------------------------------------------------------


def _sheet(response):
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = load_workbook(io.BytesIO(response.content))
    return book.active


def test_export_has_vietnamese_headers_and_vietnamese_order(world, year, submitted_b, staff_b):
    # unit A's registration too, approved, with a person whose family name starts with Đ
    extra = org_services.create_person(
        SYSTEM, unit=world.unit_a, full_name="Võ Thị Yến", gender=Gender.FEMALE
    )
    mine = services.create_registration(
        world.users["officer_a"],
        unit=world.unit_a,
        year=year,
        people={
            world.person_a: [IndividualTitle.LAO_DONG_TIEN_TIEN],
            extra: [IndividualTitle.LAO_DONG_TIEN_TIEN],
        },
    )
    services.submit_registration(world.users["officer_a"], mine)
    response = world.client("admin").get(reverse("documents:registrations"), {"nam": year})
    sheet = _sheet(response)
    assert response["Content-Disposition"] == f'attachment; filename="dang-ky-thi-dua-{year}.xlsx"'
    assert sheet["A1"].value == f"DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM {year}"
    assert [cell.value for cell in sheet[4]] == [
        "STT",
        "Đơn vị",
        "Đối tượng",
        "Họ và tên",
        "Danh hiệu đăng ký",
        "Trạng thái",
    ]
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows(min_row=5)]
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        # Sở Kế hoạch… before Sở Tư pháp; inside a unit the collective row first, then people by tên
        (1, "Sở Kế hoạch và Đầu tư", "Tập thể", None),
        (2, "Sở Kế hoạch và Đầu tư", "Cá nhân", "Đặng Thị Ánh Tuyết"),
        (3, "Sở Kế hoạch và Đầu tư", "Cá nhân", "Võ Thị Yến"),
        (4, "Sở Tư pháp", "Tập thể", None),
        (5, "Sở Tư pháp", "Cá nhân", "Trần Thị An"),
        (6, "Sở Tư pháp", "Cá nhân", "Nguyễn Văn Bình"),
    ]
    assert rows[5][4] == "Lao động tiên tiến; Chiến sĩ thi đua cơ sở"
    assert rows[3][4] == "Tập thể lao động xuất sắc" and rows[3][5] == "Chờ lãnh đạo duyệt"


def test_export_contains_only_what_the_user_may_see(world, year, registration_b):
    # a draft of unit B: in unit B's export, not in the block head's nor in Phòng TĐKT's
    own = _sheet(world.client("officer_b").get(reverse("documents:registrations"), {"nam": year}))
    assert {row[1].value for row in own.iter_rows(min_row=5)} == {"Sở Tư pháp"}
    for persona in ("block_head", "admin"):
        sheet = _sheet(world.client(persona).get(reverse("documents:registrations"), {"nam": year}))
        assert list(sheet.iter_rows(min_row=5)) == []
    council = _sheet(world.client("council").get(reverse("documents:registrations"), {"nam": year}))
    assert list(council.iter_rows(min_row=5)) == []


def test_the_old_export_address_hands_over_to_the_documents_app(world, year, registration_b):
    response = world.client("officer_b").get(reverse("emulation:registration_export"), {"nam": year})
    assert (
        response.status_code == 302
        and response["Location"] == f"{reverse('documents:registrations')}?nam={year}"
    )
