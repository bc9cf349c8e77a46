"""Report fixtures on top of the shared ``world``: a six-month template for the block this year, the two member
units' reports (A heads the block, B is a member), the compiled block report and a circulated draft."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from tdkt.core.actors import SYSTEM
from tdkt.org.queries import current_year
from tdkt.reports import services
from tdkt.reports.enums import PeriodKind
from tdkt.reports.models import BlockReport, ReportTemplate, UnitReport

TEXTS_A = {
    "Công tác thi đua, khen thưởng": "Phát động thi đua chào mừng Đại hội Đảng bộ tỉnh.",
    "Kết quả thực hiện nhiệm vụ chính trị": "Tham mưu kế hoạch phát triển kinh tế - xã hội 5 năm.",
    "Khó khăn, vướng mắc": "Dịch bệnh Covid-19 ảnh hưởng đến tiến độ.",
    "Phương hướng, nhiệm vụ 6 tháng cuối năm": "Hoàn thành kế hoạch năm 2020.",
}
TEXTS_B = {
    "Công tác thi đua, khen thưởng": "Tổ chức phong trào thi đua cải cách hành chính.",
    "Kết quả thực hiện nhiệm vụ chính trị": "Thẩm định 120 văn bản quy phạm pháp luật.",
    "Khó khăn, vướng mắc": "Thiếu biên chế.",
    "Phương hướng, nhiệm vụ 6 tháng cuối năm": "Tiếp tục phổ biến pháp luật.",
}
VALUES_A = [2, 5, 3, 12]
VALUES_B = [1, 4, 2, 9]


def today() -> datetime.date:
    return timezone.localdate()


def by_title(template: ReportTemplate, texts: dict[str, str]) -> dict[int, str]:
    return {section.pk: texts[section.title] for section in template.sections.all()}


def by_position(template: ReportTemplate, values: list[Any]) -> dict[int, Any]:
    return {indicator.pk: value for indicator, value in zip(template.indicators.all(), values, strict=True)}


def fill(actor: Any, template: ReportTemplate, texts: dict[str, str], values: list[Any]) -> UnitReport:
    report = services.start_unit_report(actor, template)
    return services.save_unit_report(actor, report, by_title(template, texts), by_position(template, values))


@pytest.fixture
def template(world: Any) -> ReportTemplate:
    return services.create_template(
        SYSTEM,
        block=world.block,
        year=current_year(),
        period=PeriodKind.SIX_MONTHS,
        submission_deadline=today() + datetime.timedelta(days=10),
        comment_deadline=today() + datetime.timedelta(days=20),
    )


@pytest.fixture
def report_a(world: Any, template: ReportTemplate) -> UnitReport:
    return fill(world.users["officer_a"], template, TEXTS_A, VALUES_A)


@pytest.fixture
def report_b(world: Any, template: ReportTemplate) -> UnitReport:
    return fill(world.users["officer_b"], template, TEXTS_B, VALUES_B)


@pytest.fixture
def submitted(world: Any, report_a: UnitReport, report_b: UnitReport) -> tuple[UnitReport, UnitReport]:
    return (
        services.submit_unit_report(world.users["officer_a"], report_a),
        services.submit_unit_report(world.users["officer_b"], report_b),
    )


@pytest.fixture
def compiled(world: Any, template: ReportTemplate, submitted: Any) -> BlockReport:
    return services.compile_block_report(world.users["block_head"], template)


@pytest.fixture
def circulated(world: Any, compiled: BlockReport) -> BlockReport:
    services.open_comment_round(world.users["block_head"], compiled)
    compiled.refresh_from_db()
    return compiled
