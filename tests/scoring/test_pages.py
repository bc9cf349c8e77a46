"""Every scoring page by persona and phase: who gets the page, who gets 403 (the page exists for them, not now),
who gets 404 (an object they must not know of — another unit's sheet, above all a draft), and what a page
shows (never another unit's points while scoring is open)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.core.actors import SYSTEM
from tdkt.scoring import services
from tdkt.scoring.enums import SheetKind, SheetStatus
from tdkt.scoring.models import ScoreLine
from tdkt.scoring.queries import table_rows
from tests.scoring.conftest import fill, full_points, keys, peer_sheet, self_sheet

PERSONAS = [
    "admin",
    "officer_a",
    "leader_a",
    "viewer_a",
    "officer_b",
    "leader_b",
    "officer_d",
    "officer_e",
    "officer_c",
    "council",
    "anonymous",
]


def status_of(world, persona, url, method="get", data=None):
    client = world.client(persona)
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    if response.status_code == 302 and "/dang-nhap/" in response["Location"]:
        return "login"
    return response.status_code


def expect(world, url, table, method="get"):
    got = {persona: status_of(world, persona, url, method) for persona in table}
    assert got == table


@pytest.fixture
def b_self_with_evidence(self_round, world):
    """B's self score: a telling 9,99 on criterion 1.1, a note, a PDF and a link; still a draft."""
    sheet = self_sheet(self_round, world.unit_b)
    names = keys(self_round)
    points = full_points(self_round)
    points[names["I › 1 › 1.1"]] = "9.99"
    services.save_sheet(
        world.users["officer_b"], sheet, points=points, notes={names["I › 1 › 1.1"]: "Vượt 12% chỉ tiêu"}
    )
    criterion = next(r.criterion for r in table_rows(self_round) if r.path == "I › 1 › 1.1")
    pdf = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 minh chung", content_type="application/pdf")
    evidence = services.add_evidence_file(
        world.users["officer_b"], sheet, criterion, upload=pdf, title="Báo cáo năm"
    )
    services.add_evidence_link(
        world.users["officer_b"], sheet, criterion, url="https://vanlinh.gov.vn/bc", title="Cổng thông tin"
    )
    return sheet, evidence


def test_lists_and_round_page(world, draft_round):
    url = reverse("scoring:round_list")
    expect(world, url, {p: ("login" if p == "anonymous" else 200) for p in PERSONAS})
    detail = draft_round.get_absolute_url()
    expect(world, detail, {p: {"anonymous": "login", "officer_c": 404}.get(p, 200) for p in PERSONAS})
    page = world.client("officer_b").get(url).content.decode()
    assert world.block.name in page


def test_the_round_s_configuration_pages(world, draft_round, signed_pledge):
    edit = reverse("scoring:round_edit", args=[draft_round.pk])
    expect(
        world,
        edit,
        {
            "admin": 200,
            "officer_a": 200,
            "leader_a": 200,
            "officer_d": 200,
            "viewer_a": 403,
            "officer_b": 403,
            "council": 403,
            "officer_c": 404,
            "anonymous": "login",
        },
    )
    response = world.client("officer_a").post(
        edit,
        {
            "mode": "peer",
            "formula": "weighted",
            "self_weight_percent": "30",
            "margin": "2,5",
            "margin_unit": "points",
            "tie_rule_1": "group:II",
            "tie_rule_2": "",
            "tie_rule_3": "more_bonus",
            "self_deadline": str(draft_round.self_deadline),
            "cross_deadline": str(draft_round.cross_deadline),
        },
    )
    assert response.status_code == 302
    draft_round.refresh_from_db()
    assert (str(draft_round.self_weight), str(draft_round.margin), draft_round.tie_rules) == (
        "0.30",
        "2.50",
        ["group:II", "more_bonus"],
    )
    create = reverse("scoring:round_create")
    expect(
        world, create, {"admin": 403, "officer_a": 403, "officer_b": 403}
    )  # the only signed pledge has its round


def test_creating_a_round_from_the_page(world, signed_pledge):
    create = reverse("scoring:round_create")
    expect(
        world,
        create,
        {
            "admin": 200,
            "officer_a": 200,
            "officer_d": 200,
            "officer_b": 403,
            "viewer_a": 403,
            "council": 403,
            "officer_c": 403,
            "anonymous": "login",
        },
    )
    page = world.client("officer_a").get(create).content.decode()
    assert 'value="group:I" selected' in page  # the first group is proposed as the first tie rule
    response = world.client("officer_a").post(
        create,
        {
            "pledge": signed_pledge.pk,
            "mode": "panel",
            "formula": "mean",
            "margin": "10",
            "margin_unit": "percent",
            "self_deadline": "2099-01-01",
            "cross_deadline": "2099-01-10",
        },
    )
    assert "không dùng được" in response.content.decode()  # the panel has its own formula
    assert not signed_pledge.__class__.objects.filter(scoring_round__isnull=False).exists()


def test_transitions_from_the_page(world, draft_round):
    for persona in ("officer_b", "viewer_a", "council"):
        assert (
            status_of(world, persona, reverse("scoring:round_open_self", args=[draft_round.pk]), "post")
            == 403
        )
    assert (
        status_of(world, "officer_c", reverse("scoring:round_open_self", args=[draft_round.pk]), "post")
        == 404
    )
    response = world.client("officer_a").post(
        reverse("scoring:round_open_self", args=[draft_round.pk]), follow=True
    )
    assert "Đã mở tự chấm điểm." in response.content.decode()
    response = world.client("officer_a").post(
        reverse("scoring:round_open_cross", args=[draft_round.pk]), follow=True
    )
    assert "Còn 4 đơn vị chưa nộp bản tự chấm điểm" in response.content.decode()


def test_a_member_never_reads_another_member_s_draft(world, b_self_with_evidence, self_round):
    sheet, evidence = b_self_with_evidence
    url = sheet.get_absolute_url()
    expect(
        world,
        url,
        {
            "officer_b": 200,
            "leader_b": 200,
            "officer_e": 404,
            "officer_d": 404,
            "officer_a": 404,
            "leader_a": 404,
            "viewer_a": 404,
            "admin": 404,
            "council": 404,
            "officer_c": 404,
            "anonymous": "login",
        },
    )
    file_url = reverse("scoring:evidence", args=[evidence.pk])
    expect(
        world,
        file_url,
        {"officer_b": 200, "officer_e": 404, "officer_a": 404, "admin": 404, "officer_c": 404},
    )
    # nor changes it
    names = keys(self_round)
    assert status_of(world, "officer_e", url, "post", {f"points_{names['I › 2']}": "1"}) == 404
    assert ScoreLine.objects.get(sheet=sheet, criterion__code="2").points == 24
    assert (
        status_of(world, "officer_e", reverse("scoring:evidence_remove", args=[evidence.pk]), "post") == 404
    )


def test_the_unit_fills_its_sheet_on_the_page(world, self_round):
    sheet = self_sheet(self_round, world.unit_b)
    names = keys(self_round)
    client = world.client("officer_b")
    page = client.get(sheet.get_absolute_url()).content.decode()
    assert 'form="sheet-form"' in page and "Thêm minh chứng" in page
    data = {f"points_{key}": "" for key in names.values()}
    data[f"points_{names['I › 1 › 1.1']}"] = "11"
    response = client.post(sheet.get_absolute_url(), data)
    assert response.status_code == 200 and "vượt điểm tối đa 10 của tiêu chí" in response.content.decode()
    assert 'value="11"' in response.content.decode()  # what was typed is kept
    data.update({f"points_{key}": "1" for key in names.values()})
    data[f"points_{names['I › 1 › 1.1']}"] = "7,5"
    data["submit"] = "1"
    response = client.post(sheet.get_absolute_url(), data, follow=True)
    assert "Đã nộp phiếu: phiếu đã khóa." in response.content.decode()
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.SUBMITTED
    assert ScoreLine.objects.get(sheet=sheet, criterion__code="1.1").points == 7.5


def test_head_and_phong_tdkt_see_submitted_sheets_the_head_only_once_self_scoring_is_over(
    world, b_self_with_evidence, self_round
):
    sheet, _evidence = b_self_with_evidence
    services.submit_sheet(world.users["officer_b"], sheet)
    url = sheet.get_absolute_url()
    expect(world, url, {"admin": 200, "officer_a": 404, "officer_d": 404, "officer_e": 404, "council": 404})
    for unit in (world.unit_a, world.unit_d, world.unit_e):
        fill(SYSTEM, self_sheet(self_round, unit), full_points(self_round))
    services.open_cross_scoring(SYSTEM, self_round)
    expect(
        world,
        url,
        {
            "admin": 200,
            "officer_a": 200,
            "leader_a": 200,
            "officer_d": 200,
            "viewer_a": 404,
            "officer_e": 404,
            "council": 404,
            "officer_c": 404,
        },
    )
    assert "9,99" in world.client("officer_a").get(url).content.decode()


def test_a_scorer_sees_the_unit_s_evidence_and_notes_never_its_points(
    world, b_self_with_evidence, self_round
):
    sheet, evidence = b_self_with_evidence
    services.submit_sheet(world.users["officer_b"], sheet)
    for unit in (world.unit_a, world.unit_d, world.unit_e):
        fill(SYSTEM, self_sheet(self_round, unit), full_points(self_round))
    services.open_cross_scoring(SYSTEM, self_round)
    mine = peer_sheet(self_round, world.unit_e, world.unit_b)
    page = world.client("officer_e").get(mine.get_absolute_url()).content.decode()
    assert "Báo cáo năm" in page and "Cổng thông tin" in page and "Vượt 12% chỉ tiêu" in page
    assert "9,99" not in page and "9.99" not in page
    assert status_of(world, "officer_e", reverse("scoring:evidence", args=[evidence.pk])) == 200
    # another scorer's sheet on the same unit stays closed to E, draft or submitted
    theirs = peer_sheet(self_round, world.unit_d, world.unit_b)
    assert status_of(world, "officer_e", theirs.get_absolute_url()) == 404
    fill(world.users["officer_d"], theirs, full_points(self_round, "0.5"))
    assert status_of(world, "officer_e", theirs.get_absolute_url()) == 404
    # and B sees nobody's sheet on itself
    assert status_of(world, "officer_b", theirs.get_absolute_url()) == 404


def test_flags_page(world, cross_round):
    url = reverse("scoring:flags", args=[cross_round.pk])
    expect(
        world,
        url,
        {
            "admin": 200,
            "officer_a": 200,
            "leader_a": 200,
            "officer_d": 200,
            "viewer_a": 403,
            "officer_b": 403,
            "officer_e": 403,
            "council": 403,
            "officer_c": 404,
            "anonymous": "login",
        },
    )


def test_flags_page_is_closed_to_the_head_during_self_scoring(world, self_round):
    url = reverse("scoring:flags", args=[self_round.pk])
    expect(world, url, {"admin": 200, "officer_a": 403, "officer_b": 403})


@pytest.fixture
def closed_round(cross_round):
    for sheet in cross_round.sheets.filter(kind=SheetKind.PEER):
        fill(SYSTEM, sheet, full_points(cross_round, "0.75"))
    services.close_scoring(SYSTEM, cross_round)
    return cross_round


def test_the_ranking_is_published_at_the_close(world, cross_round):
    url = reverse("scoring:ranking", args=[cross_round.pk])
    before = {p: {"anonymous": "login", "officer_c": 404}.get(p, 403) for p in PERSONAS}
    expect(world, url, before)
    expect(world, reverse("scoring:ranking_chart", args=[cross_round.pk]), before)
    for sheet in cross_round.sheets.filter(kind=SheetKind.PEER):
        fill(SYSTEM, sheet, full_points(cross_round, "0.75"))
    services.close_scoring(SYSTEM, cross_round)
    after = {p: {"anonymous": "login", "officer_c": 404}.get(p, 200) for p in PERSONAS}
    expect(world, url, after)
    expect(world, reverse("scoring:ranking_chart", args=[cross_round.pk]), after)
    page = world.client("officer_b").get(url).content.decode()
    assert "<svg" in page and 'class="chart"' in page and world.unit_e.name in page
    assert "đồng hạng" in page  # everyone 75 %
    chart = world.client("officer_b").get(reverse("scoring:ranking_chart", args=[cross_round.pk]))
    assert chart["Content-Type"] == "image/svg+xml; charset=utf-8" and chart.content.startswith(b"<svg")


def test_breakdowns_after_the_close(world, closed_round):
    url = reverse("scoring:breakdown", args=[closed_round.pk, world.unit_b.pk])
    expect(
        world,
        url,
        {
            "officer_b": 200,
            "leader_b": 200,
            "officer_e": 404,
            "officer_d": 200,
            "officer_a": 200,
            "viewer_a": 404,
            "admin": 200,
            "council": 200,
            "officer_c": 404,
            "anonymous": "login",
        },
    )
    expect(
        world,
        reverse("scoring:breakdown_chart", args=[closed_round.pk, world.unit_b.pk]),
        {"officer_b": 200, "officer_e": 404, "admin": 200},
    )
    own = world.client("officer_b").get(url).content.decode()
    assert "Phiếu 1" in own and world.unit_e.name not in own  # who scored stays with the head
    head = world.client("officer_a").get(url).content.decode()
    assert world.unit_e.name in head and "Phiếu 1" not in head
    assert "trung bình điểm của 3 phiếu chấm chéo" in own


def test_breakdowns_do_not_exist_before_the_close(world, cross_round):
    url = reverse("scoring:breakdown", args=[cross_round.pk, world.unit_b.pk])
    expect(world, url, {"officer_b": 404, "officer_a": 404, "admin": 404})


def test_round_page_shows_each_phase_s_next_step(world, closed_round):
    page = world.client("officer_e").get(closed_round.get_absolute_url()).content.decode()
    assert "Bảng xếp hạng và biểu đồ" in page and "Điểm chi tiết của đơn vị" in page
    assert (
        'id="close-round"'
        not in world.client("officer_a").get(closed_round.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize(
    ("name", "outcome"),
    [("round_open_self", None), ("round_open_cross", None), ("round_close", None), ("flags", None)],
)
def test_round_writes_are_the_head_s(world, cross_round, name, outcome):
    url = reverse(f"scoring:{name}", args=[cross_round.pk])
    for persona, expected in (
        ("officer_b", 403),
        ("viewer_a", 403),
        ("council", 403),
        ("officer_e", 403),
        ("officer_c", 404),
        ("anonymous", "login"),
    ):
        assert (
            status_of(world, persona, url, "post", {"unit": world.unit_b.pk, "criterion": 1, "reason": "x"})
            == expected
        ), persona
    cross_round.refresh_from_db()
    assert cross_round.state == "cross_scoring"


def test_sheet_writes_are_the_scorer_s(world, self_round):
    sheet = self_sheet(self_round, world.unit_b)
    criterion = next(r.criterion for r in table_rows(self_round) if r.kind == "criterion")
    for name, data in (
        ("sheet_submit", {}),
        ("evidence_add", {"criterion": criterion.pk, "url": "https://vanlinh.gov.vn/"}),
    ):
        url = reverse(f"scoring:{name}", args=[sheet.pk])
        for persona in ("officer_e", "officer_a", "admin", "council", "officer_c"):
            assert status_of(world, persona, url, "post", data) == 404, (name, persona)
        assert status_of(world, "anonymous", url, "post", data) == "login"
    # the unit's viewer reads the sheet but cannot write it
    assert status_of(world, "viewer_a", self_sheet(self_round, world.unit_a).get_absolute_url()) == 200
    assert (
        status_of(
            world,
            "viewer_a",
            reverse("scoring:sheet_submit", args=[self_sheet(self_round, world.unit_a).pk]),
            "post",
        )
        == 403
    )
    response = world.client("officer_b").post(
        reverse("scoring:evidence_add", args=[sheet.pk]),
        {"criterion": criterion.pk, "url": "https://vanlinh.gov.vn/bc"},
        follow=True,
    )
    assert "Đã thêm minh chứng." in response.content.decode()
    response = world.client("officer_b").post(reverse("scoring:sheet_submit", args=[sheet.pk]), follow=True)
    assert "Chưa chấm 5 tiêu chí" in response.content.decode()
