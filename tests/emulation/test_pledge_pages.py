"""Pledge pages by persona: reading (members, council, Phòng TĐKT; others 404), editing (block head, admin),
signing from the page (with HTMX), the status board, the versions and their comparison."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tdkt.core.models import AuditEntry
from tdkt.emulation import services
from tdkt.emulation.enums import PledgeStatus
from tdkt.emulation.models import Pledge, PledgeSignature, ScoringTableVersion
from tdkt.emulation.queries import table_snapshot

READERS = {
    "admin": 200,
    "council": 200,
    "officer_a": 200,
    "leader_a": 200,
    "viewer_a": 200,
    "officer_b": 200,
    "officer_c": 404,
}


@pytest.mark.parametrize(("persona", "status"), READERS.items())
@pytest.mark.parametrize("name", ["emulation:pledge_detail", "emulation:pledge_versions"])
def test_reading_a_pledge_by_persona(world, draft_pledge, persona, status, name):
    response = world.client(persona).get(reverse(name, args=[draft_pledge.pk]))
    assert response.status_code == status
    if status == 200:
        assert draft_pledge.title in response.content.decode()


def test_detail_shows_the_tree_items_and_total(world, draft_pledge):
    body = (
        world.client("officer_b")
        .get(reverse("emulation:pledge_detail", args=[draft_pledge.pk]))
        .content.decode()
    )
    for text in (
        "Chỉ tiêu kinh tế - xã hội",
        "Nộp muộn trừ 1 điểm.",
        "Được tặng Cờ thi đua của Chính phủ",
        "−0,5",
    ):
        assert text in body
    assert "Tổng điểm: 100" in body
    assert "Sửa bảng chấm điểm" not in body  # a member does not edit


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin", 200),
        ("block_head", 200),
        ("leader_a", 200),
        ("viewer_a", 403),
        ("officer_b", 403),
        ("council", 403),
        ("officer_c", 404),
    ],
)
@pytest.mark.parametrize("name", ["emulation:pledge_edit", "emulation:pledge_table_edit"])
def test_editing_pages_by_persona(world, draft_pledge, persona, status, name):
    assert world.client(persona).get(reverse(name, args=[draft_pledge.pk])).status_code == status


@pytest.mark.parametrize(
    "name",
    [
        "emulation:pledge_list",
        "emulation:pledge_create",
    ],
)
def test_anonymous_goes_to_login(world, name):
    response = world.client("anonymous").get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_anonymous_goes_to_login_for_a_pledge(world, draft_pledge):
    for name in ("emulation:pledge_detail", "emulation:pledge_edit", "emulation:pledge_sign"):
        response = world.client("anonymous").get(reverse(name, args=[draft_pledge.pk]))
        assert response.status_code == 302


def test_list_shows_the_counts_of_signatures(world, open_pledge, year):
    services.sign_pledge(world.users["officer_b"], open_pledge)
    body = world.client("council").get(reverse("emulation:pledge_list"), {"nam": year}).content.decode()
    assert open_pledge.title in body and "1/2" in body and "Đang ký kết" in body
    outside = world.client("officer_c").get(reverse("emulation:pledge_list"), {"nam": year}).content.decode()
    assert open_pledge.get_absolute_url() not in outside and "Chưa có giao ước nào trong năm này." in outside


@pytest.mark.parametrize(
    ("persona", "status"), [("admin", 200), ("block_head", 200), ("officer_b", 403), ("council", 403)]
)
def test_create_page_only_for_those_who_may_draw_up(world, persona, status):
    assert world.client(persona).get(reverse("emulation:pledge_create")).status_code == status


def test_create_through_the_page_copies_last_years(world, year, tree):
    from tdkt.core.actors import SYSTEM

    last = services.create_pledge(SYSTEM, block=world.block, year=year - 1, targets="Năm trước")
    services.set_scoring_table(SYSTEM, last, tree)
    response = world.client("block_head").post(
        reverse("emulation:pledge_create"),
        {"year": year, "block": world.block.pk, "copy_previous": "on", "signing_deadline": f"{year}-03-31"},
    )
    pledge = Pledge.objects.get(year=year)
    assert response.status_code == 302 and response["Location"] == pledge.get_absolute_url()
    assert pledge.copied_from == last and table_snapshot(pledge.table) == table_snapshot(last.table)


def test_table_editor_saves_a_new_version(world, draft_pledge):
    client = world.client("block_head")
    url = reverse("emulation:pledge_table_edit", args=[draft_pledge.pk])
    form = client.get(url).context["editor"]
    data = _post_data(form)
    data["tc-4-name"] = "Cải cách hành chính"  # row 5 is criterion 2
    data["thuong-0-points"] = "1,5"
    data["note"] = "Theo góp ý hội nghị"
    response = client.post(url, data)
    assert response.status_code == 302
    version = ScoringTableVersion.objects.get(table=draft_pledge.table, number=2)
    assert version.note == "Theo góp ý hội nghị"
    assert version.snapshot["criteria"][0]["children"][1]["name"] == "Cải cách hành chính"
    assert version.snapshot["bonus_items"][0]["points"] == "1.5"


def test_table_editor_inserts_rows_by_order_and_deletes(world, draft_pledge):
    client = world.client("block_head")
    url = reverse("emulation:pledge_table_edit", args=[draft_pledge.pk])
    data = _post_data(client.get(url).context["editor"])
    # a new sub-criterion between 1.2 (order 40) and criterion 2 (order 50); 1.2 loses 5 points to it
    data.update(
        {
            "tc-8-ORDER": "45",
            "tc-8-depth": "3",
            "tc-8-code": "1.3",
            "tc-8-name": "Tham mưu đột xuất",
            "tc-8-max_points": "5",
        }
    )
    data["tc-3-max_points"] = "15"
    data["tru-1-DELETE"] = "on"
    assert client.post(url, data).status_code == 302
    snap = table_snapshot(draft_pledge.table)
    assert [c["code"] for c in snap["criteria"][0]["children"][0]["children"]] == ["1.1", "1.2", "1.3"]
    assert [i["code"] for i in snap["penalty_items"]] == ["1"]


def test_table_editor_refuses_a_bad_table_and_keeps_the_old_one(world, draft_pledge):
    client = world.client("block_head")
    url = reverse("emulation:pledge_table_edit", args=[draft_pledge.pk])
    before = table_snapshot(draft_pledge.table)
    data = _post_data(client.get(url).context["editor"])
    data["tc-0-max_points"] = "70"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Tiêu chí I: điểm tối đa (70) phải bằng tổng điểm tối đa của các tiêu chí con (60)." in (
        response.content.decode()
    )
    assert table_snapshot(draft_pledge.table) == before and draft_pledge.table.versions.count() == 1


def test_table_editor_adds_blank_rows_without_saving(world, draft_pledge):
    client = world.client("block_head")
    url = reverse("emulation:pledge_table_edit", args=[draft_pledge.pk])
    data = _post_data(client.get(url).context["editor"])
    data["add_rows"] = "1"
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["editor"].criteria.total_form_count() == 8 + 3 + 5
    assert draft_pledge.table.versions.count() == 1


def test_table_editor_refuses_after_opening(world, open_pledge):
    client = world.client("block_head")
    url = reverse("emulation:pledge_table_edit", args=[open_pledge.pk])
    page = client.get(url)
    assert "không sửa được bảng chấm điểm" in page.content.decode()
    data = _post_data(page.context["editor"])
    data["tc-0-name"] = "Đổi"
    response = client.post(url, data)
    assert "đang trong thời gian ký kết" in response.content.decode()
    assert open_pledge.table.versions.count() == 1


def test_sign_from_the_page_with_htmx_returns_the_board(world, open_pledge):
    client = world.client("officer_b")
    url = reverse("emulation:pledge_sign", args=[open_pledge.pk])
    response = client.post(url, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert 'id="ky-ket"' in body and "Đơn vị đã ký giao ước." in body and "1/2" in body
    # a second click is refused with a message, nothing is written
    response = client.post(url, HTTP_HX_REQUEST="true")
    assert "Mỗi đơn vị chỉ ký một lần." in response.content.decode()
    assert PledgeSignature.objects.count() == 1


def test_sign_button_only_for_members_who_have_not_signed(world, open_pledge):
    url = reverse("emulation:pledge_detail", args=[open_pledge.pk])
    assert "Ký giao ước cho Sở Tư pháp" in world.client("officer_b").get(url).content.decode()
    assert "Ký giao ước cho" not in world.client("viewer_a").get(url).content.decode()
    assert "Ký giao ước cho" not in world.client("admin").get(url).content.decode()
    assert (
        world.client("officer_c").post(reverse("emulation:pledge_sign", args=[open_pledge.pk])).status_code
        == 404
    )
    assert (
        world.client("admin").post(reverse("emulation:pledge_sign", args=[open_pledge.pk])).status_code == 403
    )


def test_open_lock_and_reopen_from_the_page(world, draft_pledge):
    head = world.client("block_head")
    assert (
        world.client("officer_b").post(reverse("emulation:pledge_open", args=[draft_pledge.pk])).status_code
        == 403
    )
    head.post(reverse("emulation:pledge_open", args=[draft_pledge.pk]))
    draft_pledge.refresh_from_db()
    assert draft_pledge.status == PledgeStatus.OPEN_FOR_SIGNING
    admin = world.client("admin")
    admin.post(reverse("emulation:pledge_reopen", args=[draft_pledge.pk]), {"reason": "Sửa tiêu chí"})
    draft_pledge.refresh_from_db()
    assert draft_pledge.status == PledgeStatus.DRAFT
    head.post(reverse("emulation:pledge_open", args=[draft_pledge.pk]))
    head.post(reverse("emulation:pledge_lock", args=[draft_pledge.pk]))
    draft_pledge.refresh_from_db()
    assert draft_pledge.status == PledgeStatus.SIGNED
    body = head.get(reverse("emulation:pledge_detail", args=[draft_pledge.pk])).content.decode()
    assert "không ai sửa được nữa" in body and "Sửa bảng chấm điểm" not in body


def test_a_locked_pledge_cannot_be_edited_from_the_pages_even_by_the_admin(world, signed_pledge):
    admin = world.client("admin")
    before = (table_snapshot(signed_pledge.table), signed_pledge.title, AuditEntry.objects.count())
    response = admin.post(
        reverse("emulation:pledge_edit", args=[signed_pledge.pk]), {"title": "Sửa", "targets": "Sửa"}
    )
    assert "đã ký kết và đã khóa" in response.content.decode()
    admin.post(reverse("emulation:pledge_reopen", args=[signed_pledge.pk]))
    signed_pledge.refresh_from_db()
    assert (table_snapshot(signed_pledge.table), signed_pledge.title, AuditEntry.objects.count()) == before
    assert signed_pledge.status == PledgeStatus.SIGNED


def test_versions_and_compare(world, draft_pledge, tree):
    tree["criteria"][1]["children"][1]["name"] = "Báo cáo đầy đủ, đúng hạn"
    services.set_scoring_table(world.users["block_head"], draft_pledge, tree, note="Lần 2")
    client = world.client("officer_b")
    body = client.get(reverse("emulation:pledge_versions", args=[draft_pledge.pk])).content.decode()
    assert "Lần 2" in body and "So sánh" in body
    response = client.get(reverse("emulation:pledge_compare", args=[draft_pledge.pk]), {"a": 1, "b": 2})
    body = response.content.decode()
    assert "Báo cáo đúng hạn" in body and "Báo cáo đầy đủ, đúng hạn" in body and "1 dòng khác nhau" in body
    response = client.get(reverse("emulation:pledge_compare", args=[draft_pledge.pk]), {"a": 1, "b": 9})
    assert response.status_code == 302
    assert (
        world.client("officer_c")
        .get(reverse("emulation:pledge_compare", args=[draft_pledge.pk]), {"a": 1, "b": 2})
        .status_code
        == 404
    )


def _post_data(editor):
    """The editor's forms as a browser would post them back (initial values, management forms)."""
    data = {}
    for formset in (editor.criteria, editor.bonus, editor.penalty):
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = str(value)
        for form in formset.forms:
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                if name == "DELETE" or value is None:
                    continue
                data[form.add_prefix(name)] = str(value)
    for name in editor.caps.fields:
        value = editor.caps.initial.get(name)
        if value is not None:
            data[name] = str(value)
    return data
