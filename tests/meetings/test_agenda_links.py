"""Agenda items link to what they discuss: the block's pledge and consolidated report of the meeting's own block
and year. Another block's or year's object is refused with a Vietnamese message and changes nothing; the meeting
page links the object for those who may open it and names it for the others; the API does the same."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tdkt.core.actors import SYSTEM
from tdkt.core.models import AuditEntry
from tdkt.meetings import services
from tdkt.meetings.enums import Action, MeetingKind
from tdkt.meetings.models import AgendaItem
from tdkt.org.enums import BlockKind
from tdkt.org.models import EmulationBlock
from tdkt.reports import services as reports

from .conftest import make_block_report, make_pledge, schedule

API = "/api/v1/meetings"


@pytest.fixture
def other_block(world):
    block = EmulationBlock(
        province=world.province, name="Khối thi đua các cơ quan văn hóa - xã hội", kind=BlockKind.BLOCK
    )
    block.save()
    return block


@pytest.fixture
def old_pledge(world, planned):
    return make_pledge(world.block, planned.year - 1)


@pytest.fixture
def other_report(world, planned, other_block):
    return make_block_report(other_block, planned.year, [world.unit_c])


def _json(client, method, url, data):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


# --- the service -----------------------------------------------------------------------------------------------


def test_an_item_links_the_pledge_and_the_report_of_its_block_and_year(world, planned, pledge, block_report):
    item = services.add_agenda_item(
        world.users["block_head"],
        planned,
        title="Báo cáo sơ kết 6 tháng",
        pledge=pledge,
        block_report=block_report,
    )
    item.refresh_from_db()
    assert (item.pledge, item.block_report) == (pledge, block_report)
    assert item.block_report_label == f"Báo cáo sơ kết 6 tháng đầu năm {planned.year}"
    entry = AuditEntry.objects.filter(action=Action.AGENDA_ITEM_ADDED).latest("pk")
    assert (entry.after["pledge_id"], entry.after["block_report_id"]) == (pledge.pk, block_report.pk)


def test_another_years_pledge_is_refused(world, planned, old_pledge):
    with pytest.raises(ValidationError) as caught:
        services.add_agenda_item(world.users["block_head"], planned, title="Giao ước", pledge=old_pledge)
    assert caught.value.message_dict["pledge"] == [
        f"Chỉ gắn được giao ước thi đua của {world.block.name} năm {planned.year} "
        "(cùng khối và năm với hội nghị)."
    ]
    assert not AgendaItem.objects.exists()


def test_another_blocks_report_is_refused(world, planned, other_report):
    with pytest.raises(ValidationError) as caught:
        services.add_agenda_item(
            world.users["block_head"], planned, title="Báo cáo", block_report=other_report
        )
    assert caught.value.message_dict["block_report"] == [
        f"Chỉ gắn được báo cáo của {world.block.name} năm {planned.year} (cùng khối và năm với hội nghị)."
    ]
    assert not AgendaItem.objects.exists()


def test_a_council_session_links_no_block_object(world, staff, pledge):
    session = services.create_meeting(
        SYSTEM,
        kind=MeetingKind.COUNCIL_SESSION,
        block=None,
        year=pledge.year,
        host_unit=world.unit_c,
        venue="UBND tỉnh",
        starts_at=timezone.now() + datetime.timedelta(days=2),
    )
    with pytest.raises(ValidationError, match="Phiên họp Hội đồng không thuộc khối nào"):
        services.add_agenda_item(SYSTEM, session, title="Xét khen thưởng", pledge=pledge)
    assert not AgendaItem.objects.exists()


def test_links_change_and_unlink_and_a_wrong_one_leaves_the_item_as_it_was(
    world, planned, pledge, block_report, old_pledge
):
    head = world.users["block_head"]
    item = services.add_agenda_item(head, planned, title="Thảo luận", block_report=block_report)
    item = services.update_agenda_item(head, item, pledge=pledge, block_report=None)
    item.refresh_from_db()
    assert (item.pledge_id, item.block_report_id) == (pledge.pk, None)
    with pytest.raises(ValidationError):
        services.update_agenda_item(head, item, pledge=old_pledge)
    item.refresh_from_db()
    assert item.pledge_id == pledge.pk


def test_only_the_organiser_links(world, planned, pledge):
    with pytest.raises(PermissionDenied):
        services.add_agenda_item(world.users["officer_b"], planned, title="Giao ước", pledge=pledge)
    assert not AgendaItem.objects.exists()


def test_a_locked_record_keeps_its_links(world, staff, pledge, block_report):
    meeting = schedule(world, actor=SYSTEM, when=timezone.now() - datetime.timedelta(days=1))
    item = services.add_agenda_item(SYSTEM, meeting, title="Thảo luận", block_report=block_report)
    services.mark_held(SYSTEM, meeting)
    services.save_minutes(SYSTEM, meeting, "Biên bản")
    services.approve_minutes(SYSTEM, meeting)
    services.lock_minutes(SYSTEM, meeting)
    with pytest.raises(ValidationError, match="Biên bản hội nghị đã khóa"):
        services.update_agenda_item(world.users["admin"], item, block_report=None, pledge=pledge)
    with pytest.raises(ValidationError, match="Biên bản hội nghị đã khóa"):
        services.add_agenda_item(world.users["admin"], meeting, title="Giao ước", pledge=pledge)
    item.refresh_from_db()
    assert (item.pledge_id, item.block_report_id) == (None, block_report.pk)
    assert AgendaItem.objects.count() == 1


# --- the pages -------------------------------------------------------------------------------------------------


def _options(page, name):
    """The values offered by the ``<select name=…>`` of a page (the empty choice left out)."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select is not None, name
    return {int(value) for value in re.findall(r'<option value="(\d+)"', select.group(1))}


def test_the_agenda_form_offers_only_this_block_and_year(
    world, planned, pledge, block_report, old_pledge, other_report
):
    page = world.client("officer_a").get(reverse("meetings:agenda", args=[planned.pk])).content.decode()
    assert _options(page, "pledge") == {pledge.pk}
    assert _options(page, "block_report") == {block_report.pk}


def test_adding_a_linked_item_on_the_page(world, planned, pledge, block_report):
    client = world.client("officer_a")
    response = client.post(
        reverse("meetings:agenda", args=[planned.pk]),
        {"title": "Báo cáo sơ kết 6 tháng", "pledge": pledge.pk, "block_report": block_report.pk},
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert (item.pledge_id, item.block_report_id) == (pledge.pk, block_report.pk)


def test_a_posted_link_to_another_year_is_refused_in_vietnamese(world, planned, old_pledge):
    response = world.client("officer_a").post(
        reverse("meetings:agenda", args=[planned.pk]), {"title": "Giao ước", "pledge": old_pledge.pk}
    )
    assert response.status_code == 200
    assert "Chỉ chọn được giao ước thi đua của khối và năm của hội nghị." in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_editing_an_item_links_and_unlinks(world, planned, pledge, block_report):
    item = services.add_agenda_item(SYSTEM, planned, title="Thảo luận", pledge=pledge)
    url = reverse("meetings:agenda_item_edit", args=[planned.pk, item.pk])
    client = world.client("officer_a")
    assert f'<option value="{pledge.pk}" selected>' in client.get(url).content.decode()
    client.post(url, {"title": "Thảo luận", "pledge": "", "block_report": block_report.pk})
    item.refresh_from_db()
    assert (item.pledge_id, item.block_report_id) == (None, block_report.pk)


PLEDGE_LINK = {"admin", "officer_a", "leader_a", "viewer_a", "officer_b", "council"}
REPORT_LINK = {"admin", "officer_a", "leader_a", "council"}  # the members open it once it is circulated


@pytest.mark.parametrize("persona", ["admin", "officer_a", "leader_a", "viewer_a", "officer_b", "council"])
def test_the_meeting_page_links_what_each_reader_may_open(world, held, pledge, block_report, persona):
    services.add_agenda_item(SYSTEM, held, title="Báo cáo sơ kết", pledge=pledge, block_report=block_report)
    page = world.client(persona).get(held.get_absolute_url()).content.decode()
    pledge_href = f'href="{reverse("emulation:pledge_detail", args=[pledge.pk])}"'
    report_href = f'href="{reverse("reports:block_report", args=[block_report.pk])}"'
    assert pledge.title in page and f"Báo cáo sơ kết 6 tháng đầu năm {held.year}" in page
    assert (pledge_href in page) is (persona in PLEDGE_LINK)
    assert (report_href in page) is (persona in REPORT_LINK)


def test_a_member_gets_the_report_link_once_it_is_circulated(world, held, block_report):
    services.add_agenda_item(SYSTEM, held, title="Thảo luận dự thảo", block_report=block_report)
    report_href = f'href="{reverse("reports:block_report", args=[block_report.pk])}"'
    client = world.client("officer_b")
    assert report_href not in client.get(held.get_absolute_url()).content.decode()
    reports.open_comment_round(
        SYSTEM, block_report, deadline=timezone.localdate() + datetime.timedelta(days=7)
    )
    assert report_href in client.get(held.get_absolute_url()).content.decode()


def test_the_agenda_page_lists_the_links(world, planned, pledge, block_report):
    services.add_agenda_item(SYSTEM, planned, title="Thảo luận", pledge=pledge, block_report=block_report)
    page = world.client("officer_a").get(reverse("meetings:agenda", args=[planned.pk])).content.decode()
    assert f'href="{reverse("emulation:pledge_detail", args=[pledge.pk])}"' in page
    assert f'href="{reverse("reports:block_report", args=[block_report.pk])}"' in page


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_linked_items_do_not_add_queries_per_item(world, staff, pledge, block_report):
    when = timezone.now() - datetime.timedelta(days=1)
    small = schedule(world, actor=SYSTEM, when=when, invited_units=[])
    services.add_agenda_item(SYSTEM, small, title="Mục 0", pledge=pledge, block_report=block_report)
    big = schedule(world, actor=SYSTEM, when=when - datetime.timedelta(days=1), invited_units=[])
    for i in range(8):
        services.add_agenda_item(SYSTEM, big, title=f"Mục {i}", pledge=pledge, block_report=block_report)
    for persona in ("officer_a", "officer_b"):
        client = world.client(persona)
        for name in ("meetings:detail", "meetings:agenda"):
            if persona == "officer_b" and name == "meetings:agenda":
                continue
            assert _queries(client, reverse(name, args=[small.pk])) == _queries(
                client, reverse(name, args=[big.pk])
            ), (persona, name)
        assert _queries(client, f"{API}/{small.pk}") == _queries(client, f"{API}/{big.pk}"), persona


# --- the API ---------------------------------------------------------------------------------------------------


def test_api_links_an_item_and_shows_it(world, planned, pledge, block_report):
    client = world.client("officer_a")
    response = _json(
        client,
        "post",
        f"{API}/{planned.pk}/agenda",
        {"title": "Báo cáo sơ kết", "pledge_id": pledge.pk, "block_report_id": block_report.pk},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["pledge_id"], body["block_report_id"]) == (pledge.pk, block_report.pk)
    assert body["pledge"] == pledge.title
    assert body["block_report"] == f"Báo cáo sơ kết 6 tháng đầu năm {planned.year}"
    agenda = client.get(f"{API}/{planned.pk}").json()["agenda"]
    assert agenda[0]["pledge_id"] == pledge.pk and agenda[0]["block_report_id"] == block_report.pk

    unlinked = _json(client, "patch", f"{API}/{planned.pk}/agenda/{body['id']}", {"pledge_id": None})
    assert unlinked.status_code == 200
    assert (unlinked.json()["pledge_id"], unlinked.json()["block_report_id"]) == (None, block_report.pk)


def test_api_refuses_another_years_pledge_and_another_blocks_report(world, planned, old_pledge, other_report):
    client = world.client("admin")
    for field, value, message in (
        ("pledge_id", old_pledge.pk, "Chỉ gắn được giao ước thi đua của"),
        ("block_report_id", other_report.pk, "Chỉ gắn được báo cáo của"),
    ):
        response = _json(client, "post", f"{API}/{planned.pk}/agenda", {"title": "Mục", field: value})
        assert response.status_code == 422
        assert response.json()["detail"].startswith(message)
    assert not AgendaItem.objects.exists()


def test_api_an_unknown_or_invisible_object_is_a_422(world, planned, other_report):
    client = world.client("officer_a")  # unit A is not in the other block: its report does not exist for A
    for field, value in (("pledge_id", 999999), ("block_report_id", other_report.pk)):
        response = _json(client, "post", f"{API}/{planned.pk}/agenda", {"title": "Mục", field: value})
        assert response.status_code == 422
        assert response.json()["errors"][field]
    assert not AgendaItem.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("officer_b", 403), ("council", 403), ("officer_c", 404)])
def test_api_only_the_organiser_links(world, planned, pledge, persona, status):
    response = _json(
        world.client(persona), "post", f"{API}/{planned.pk}/agenda", {"title": "Mục", "pledge_id": pledge.pk}
    )
    assert response.status_code == status
    assert not AgendaItem.objects.exists()


def test_api_a_locked_record_refuses_new_links(world, locked, pledge):
    response = _json(
        world.client("admin"), "post", f"{API}/{locked.pk}/agenda", {"title": "Mục", "pledge_id": pledge.pk}
    )
    assert response.status_code == 422
    assert "Biên bản hội nghị đã khóa" in response.json()["detail"]
