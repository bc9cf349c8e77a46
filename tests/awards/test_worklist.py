"""What the home page asks of each role: Phòng TĐKT appraises, records the council's result and issues; the unit
finishes its drafts and corrects what was returned."""

from __future__ import annotations

from django.urls import reverse

from tdkt.awards import services
from tdkt.core.worklist import pending_work


def titles(user) -> list[str]:
    return [item.title for item in pending_work(user) if item.category == "awards"]


def test_the_unit_finishes_its_draft_and_phong_tdkt_appraises(world, proposal):
    assert titles(world.users["officer_a"]) == [f"Hoàn thiện và gửi: {proposal.title}"]
    assert titles(world.users["officer_b"]) == [] and titles(world.users["admin"]) == []
    services.submit_proposal(world.users["officer_a"], proposal)
    assert titles(world.users["admin"]) == ["Thẩm định 1 tờ trình đề nghị khen thưởng"]
    assert titles(world.users["officer_a"]) == []
    services.return_proposal(world.users["admin"], proposal, reason="Thiếu biên bản.")
    (item,) = [i for i in pending_work(world.users["leader_a"]) if i.category == "awards"]
    assert item.title == f"Sửa và gửi lại: {proposal.title}" and item.detail == "Thiếu biên bản."
    page = world.client("officer_a").get(reverse("home")).content.decode()
    assert f"Sửa và gửi lại: {proposal.title}" in page


def test_phong_tdkt_records_the_council_result_then_issues(world, in_council):
    from tdkt.ballots import services as ballots

    assert titles(world.users["admin"]) == []  # the council has not counted yet
    session = in_council.ballot
    ballots.cast_ballot(world.users["council"], session, [session.candidates.get().pk])
    ballots.close_session(world.users["admin"], session)
    ballots.count_session(world.users["admin"], session)
    assert titles(world.users["admin"]) == ["Ghi nhận kết quả Hội đồng cho 1 tờ trình"]
    services.record_council_result(world.users["admin"], in_council)
    assert titles(world.users["admin"]) == ["Ban hành quyết định cho 1 tờ trình"]
