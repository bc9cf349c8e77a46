"""The statutory statistics form the Ministry of Home Affairs asks of the emulation and commendation sector
(Biểu 0602.N/BNV-TĐKT under Thông tư 2/2023/TT-BNV), computed from the award register for a year.

The form is not verified (legal brief §7.5 [S]): its number and basis come from a secondary source, and its rows
and columns are this project's reading. They are data (``data/statistics_0602.json``, with the source, the
confidence and how entries are counted), so an officer who checks the official form corrects the file, not the
code. The page and the workbook print the warning with the figures.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db.models import Count, Q, Sum

from tdkt.awards.queries import register_for_user
from tdkt.documents.excel import MONEY, Sheet, SheetColumn, workbook

FORM = Path(__file__).resolve().parent / "data" / "statistics_0602.json"
KEYS = ("collective", "individual", "total", "bonus")


def form_spec() -> dict[str, Any]:
    return dict(json.loads(FORM.read_text(encoding="utf-8")))


@dataclass
class StatRow:
    code: str
    label: str
    group: bool = False
    values: dict[str, int] = field(default_factory=dict)


@dataclass
class Statistics:
    year: int
    spec: dict[str, Any]
    rows: list[StatRow]
    total: dict[str, int]

    @property
    def columns(self) -> list[dict[str, str]]:
        return list(self.spec["columns"])


def compute(user: Any, year: int) -> Statistics:
    """The form for ``year``: the register entries the user sees, standing today, whose decision was signed in
    the year, counted per row (collectives, individuals, both) with their bonus. Two queries' worth of
    grouping, whatever the size of the register."""
    spec = form_spec()
    records = register_for_user(user).filter(decision__signed_on__year=year)
    counted = (
        records.values("award_code")
        .annotate(
            collective=Count("pk", filter=Q(unit__isnull=False)),
            individual=Count("pk", filter=Q(person__isnull=False)),
            bonus=Sum("bonus"),
        )
        .order_by("award_code")
    )
    by_code: dict[str, dict[str, int]] = {}
    for item in counted:
        by_code[item["award_code"]] = {
            "collective": item["collective"],
            "individual": item["individual"],
            "total": item["collective"] + item["individual"],
            "bonus": int(item["bonus"] or 0),
        }
    named = {code for row in spec["rows"] for code in row.get("awards", [])}
    rows: list[StatRow] = []
    total: dict[str, int] = defaultdict(int)
    for row in spec["rows"]:
        if row.get("group"):
            rows.append(StatRow(row["code"], row["label"], group=True))
            continue
        codes = [c for c in by_code if c not in named] if row.get("other") else row.get("awards", [])
        values = {key: sum(by_code.get(code, {}).get(key, 0) for code in codes) for key in KEYS}
        for key in KEYS:
            total[key] += values[key]
        rows.append(StatRow(row["code"], row["label"], values=values))
    return Statistics(year=year, spec=spec, rows=rows, total={key: total[key] for key in KEYS})


def _cells(row: StatRow) -> list[Any]:
    figures: list[Any] = [None] * len(KEYS) if row.group else [row.values[k] for k in KEYS]
    return [row.code, row.label, *figures]


def statistics_workbook(stats: Statistics) -> bytes:
    spec = stats.spec
    columns = [
        SheetColumn("Mã số", 8),
        SheetColumn("Danh hiệu, hình thức", 50),
        *(
            SheetColumn(c["title"], 16 if c["key"] == "bonus" else 12, number_format=MONEY)
            for c in spec["columns"]
        ),
    ]
    return workbook(
        Sheet(
            name=spec["form"].replace("/", "-")[:31],
            title=f"{spec['title']} NĂM {stats.year}",
            subtitle=f"({spec['form']} — {spec['basis']})",
            columns=columns,
            rows=[_cells(row) for row in stats.rows],
            number_rows=False,
            total=["", "TỔNG CỘNG", *[stats.total[k] for k in KEYS]],
            notes=(
                f"Cách tính: {spec['counting']}",
                f"Nguồn: {spec['source']}",
                f"CHƯA ĐỐI CHIẾU VỚI BIỂU MẪU CHÍNH THỨC ({spec['confidence']}): {spec['unverified']}",
            ),
        )
    )
