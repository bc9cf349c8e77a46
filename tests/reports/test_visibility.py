"""Who reads what: units never see each other's drafts; submitted reports go to those who oversee the block;
the block's draft reaches the members only when circulated, and then only the circulated versions."""

from __future__ import annotations

import pytest

from tdkt.reports import queries, services
from tdkt.reports.models import BlockReport

# persona -> sees unit B's draft / unit B's submitted report
UNIT_B_REPORT = {
    "officer_b": (True, True),
    "admin": (False, True),
    "block_head": (False, True),
    "leader_a": (False, True),
    "council": (False, True),
    "viewer_a": (False, False),
    "officer_c": (False, False),
}


@pytest.mark.parametrize(("persona", "expected"), UNIT_B_REPORT.items())
def test_unit_report_visibility(world, report_b, persona, expected):
    sees_draft, sees_submitted = expected
    user = world.users[persona]
    assert queries.unit_reports_for_user(user).filter(pk=report_b.pk).exists() is sees_draft
    assert user.has_perm("reports.view_unitreport", report_b) is sees_draft
    services.submit_unit_report(world.users["officer_b"], report_b)
    report_b.refresh_from_db()
    assert queries.unit_reports_for_user(user).filter(pk=report_b.pk).exists() is sees_submitted
    assert user.has_perm("reports.view_unitreport", report_b) is sees_submitted


def test_units_never_see_each_others_drafts(world, report_a, report_b):
    assert list(queries.unit_reports_for_user(world.users["officer_b"])) == [report_b]
    assert list(queries.unit_reports_for_user(world.users["officer_a"])) == [report_a]
    assert list(queries.unit_reports_for_user(world.users["viewer_a"])) == [report_a]


# persona -> sees the compiled draft before / after circulation
BLOCK_REPORT = {
    "block_head": (True, True),
    "leader_a": (True, True),
    "admin": (True, True),
    "council": (True, True),
    "officer_b": (False, True),
    "viewer_a": (False, True),
    "officer_c": (False, False),
}


@pytest.mark.parametrize(("persona", "expected"), BLOCK_REPORT.items())
def test_block_report_visibility(world, compiled, persona, expected):
    before, after = expected
    user = world.users[persona]
    assert queries.block_reports_for_user(user).filter(pk=compiled.pk).exists() is before
    assert user.has_perm("reports.view_blockreport", compiled) is before
    services.open_comment_round(world.users["block_head"], compiled)
    compiled = BlockReport.objects.get(pk=compiled.pk)
    assert queries.block_reports_for_user(user).filter(pk=compiled.pk).exists() is after
    assert user.has_perm("reports.view_blockreport", compiled) is after


def test_members_see_only_the_circulated_and_final_versions(world, template, circulated):
    head = world.users["block_head"]
    section = template.sections.first()
    services.save_block_report_version(head, circulated, {section.pk: "Bản làm việc của Khối trưởng."})
    member = world.users["officer_b"]
    assert [v.number for v in queries.versions_for_user(member, circulated)] == [1]
    assert queries.displayed_version(member, circulated).number == 1
    assert [v.number for v in queries.versions_for_user(head, circulated)] == [2, 1]
    assert [v.number for v in queries.versions_for_user(world.users["council"], circulated)] == [2, 1]
    services.close_comment_round(head, circulated.rounds.get())
    services.save_block_report_version(head, circulated, {section.pk: "Bản cuối."})
    services.finalise_block_report(head, circulated)
    circulated.refresh_from_db()
    assert [v.number for v in queries.versions_for_user(member, circulated)] == [3, 1]
    assert queries.displayed_version(member, circulated).number == 3


def test_templates_are_seen_by_members_followers_and_admin(world, template):
    for persona in ("officer_a", "officer_b", "viewer_a", "council", "admin"):
        assert list(queries.templates_for_user(world.users[persona])) == [template], persona
    assert list(queries.templates_for_user(world.users["officer_c"])) == []
