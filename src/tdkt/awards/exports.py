"""The award register as an Excel workbook (openpyxl): Vietnamese headers, people in Vietnamese order by tên,
họ, đệm, then collectives by name; each subject's awards newest first. The rows are those of
:func:`tdkt.awards.queries.search_register`, so the export shows exactly what the page shows."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, QuerySet, Value, When
from django.utils.translation import gettext as _

from tdkt.awards.excel import table_workbook
from tdkt.awards.models import AwardRecord

WIDTHS = (6, 30, 36, 34, 10, 24, 12, 36, 14)


def register_headers() -> list[str]:
    return [
        _("STT"),
        _("Họ và tên, tập thể"),
        _("Đơn vị"),
        _("Danh hiệu, hình thức"),
        _("Năm"),
        _("Số, ký hiệu quyết định"),
        _("Ngày ký"),
        _("Cơ quan ban hành"),
        _("Tiền thưởng (đồng)"),
    ]


def export_order(records: QuerySet[AwardRecord]) -> QuerySet[AwardRecord]:
    collective = Case(When(unit__isnull=False, then=Value(1)), default=Value(0))
    return records.annotate(collective=collective).order_by(
        "collective",
        "person__name_sort",
        "unit__name_sort",
        "-year",
        "decision__signed_on",
        "decision_id",
        "order",
    )


def register_rows(records: QuerySet[AwardRecord]) -> list[list[Any]]:
    rows = []
    for index, record in enumerate(export_order(records).select_related("decision"), start=1):
        decision = record.decision
        rows.append(
            [
                index,
                record.subject_name,
                record.unit_name,
                record.award_name,
                record.period,
                decision.reference,
                decision.signed_on.strftime("%d/%m/%Y"),
                decision.issuer_name,
                record.bonus,
            ]
        )
    return rows


def register_workbook(records: QuerySet[AwardRecord]) -> bytes:
    return table_workbook(
        _("SỔ KHEN THƯỞNG"), _("Sổ khen thưởng"), register_headers(), register_rows(records), WIDTHS
    )
