"""Dates in templates are the province's calendar days: a moment stored in UTC is shown on its local day."""

from __future__ import annotations

import datetime

from django.template import Context, Template

EARLY_MORNING = datetime.datetime(2020, 6, 16, 20, 30, tzinfo=datetime.UTC)  # 03:30 on 17/06/2020 in Hà Nội


def _render(source: str, value: object) -> str:
    return Template("{% load tdkt %}" + source).render(Context({"value": value}))


def test_a_moment_is_shown_on_its_local_day(settings):
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert _render("{{ value|dmy }}", EARLY_MORNING) == "17/06/2020"
    assert _render("{{ value|in_words }}", EARLY_MORNING) == "ngày 17 tháng 6 năm 2020"


def test_dates_and_naive_moments_are_shown_as_they_are():
    assert _render("{{ value|dmy }}", datetime.date(2020, 6, 17)) == "17/06/2020"
    assert _render("{{ value|dmy }}", datetime.datetime(2020, 6, 17, 3, 30)) == "17/06/2020"
    assert _render("{{ value|dmy }}", None) == ""
