"""What several document types share: the issuer block of a unit or a block, the head who signs, the lines of a
long name balanced over two lines, counts written as officials write them."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable
from typing import ParamSpec, TypeVar

from django.db.models import Q
from django.utils import translation

from tdkt import vn
from tdkt.documents import fonts, style
from tdkt.documents.layout import DEFAULT_FONT, Issuer, Paragraph
from tdkt.org.enums import MembershipRole, PositionLevel, UnitKind
from tdkt.org.models import BlockMembership, EmulationBlock, Person, Position, Province, Unit

P = ParamSpec("P")
R = TypeVar("R")


def in_vietnamese(builder: Callable[P, R]) -> Callable[P, R]:
    """Build with Vietnamese labels whatever the reader's interface language: an official document is written in
    Vietnamese (ND 30 Art. 8), and some labels the builders read (a period's name, a title) are translatable."""

    @functools.wraps(builder)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with translation.override("vi"):
            return builder(*args, **kwargs)

    return wrapper


def balanced_lines(
    text: str, size: float = style.TYPE.issuer, width_mm: float = style.HEADER_LEFT_MM - 4
) -> str:
    """An upper-case name that does not fit the header's left cell, split at the word that makes the two lines
    closest in length (as officials set "KHỐI THI ĐUA CÁC CƠ QUAN / THAM MƯU TỔNG HỢP TỈNH")."""
    text = vn.clean(text).upper()
    try:
        family: fonts.FontFamily | None = fonts.find_family(DEFAULT_FONT)
    except Exception:
        family = None

    def width(value: str) -> float:
        if family is None:
            return len(value) * size * 0.55 * 25.4 / 72
        return fonts.text_width_mm(value, family, size, "bold")

    if width(text) <= width_mm:
        return text
    words = text.split(" ")
    best = min(
        range(1, len(words)),
        key=lambda i: max(width(" ".join(words[:i])), width(" ".join(words[i:]))),
        default=0,
    )
    if not best:
        return text
    first, second = words[:best], words[best:]
    if first[-1] in ("-", "–"):  # "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG": the dash is not left hanging at a break
        first = first[:-1]
    return " ".join(first) + "\n" + " ".join(second)


def province_of(unit: Unit | EmulationBlock) -> Province:
    return unit.province


def committee_name(province: Province) -> str:
    """ "UBND TỈNH VÂN LĨNH": the governing body line, common words abbreviated (ND 30 Phụ lục I, Phần II, 2)."""
    return f"UBND {vn.clean(province.name).upper()}"


def unit_issuer(unit: Unit) -> Issuer:
    """A unit as issuer: a People's Committee names itself on two lines ("ỦY BAN NHÂN DÂN" / "TỈNH VÂN LĨNH");
    an agency under it carries the committee as its governing body."""
    province = unit.province
    if unit.kind == UnitKind.PEOPLES_COMMITTEE:
        return Issuer(name=f"ỦY BAN NHÂN DÂN\n{vn.clean(province.name).upper()}", code=unit.abbreviation)
    parent = committee_name(province) if unit.parent_id is not None else ""
    return Issuer(name=balanced_lines(unit.name), code=unit.abbreviation, parent=parent)


def block_issuer(block: EmulationBlock) -> Issuer:
    """A block issues its own documents (the head unit signs on its behalf) under the provincial committee."""
    return Issuer(
        name=balanced_lines(block.name), code=block.abbreviation, parent=committee_name(block.province)
    )


def head_unit(block: EmulationBlock, year: int) -> Unit | None:
    membership = (
        BlockMembership.objects.filter(block=block, year=year, role=MembershipRole.HEAD)
        .select_related("unit")
        .first()
    )
    return membership.unit if membership is not None else None


def head_of(unit: Unit, day: datetime.date) -> tuple[str, Person] | None:
    """The title and person of the unit's head on ``day`` (the most recent appointment)."""
    position = (
        Position.objects.filter(unit=unit, level=PositionLevel.HEAD, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("person")
        .order_by("-start_date", "pk")
        .first()
    )
    return (position.title, position.person) if position is not None else None


def unit_head_title(unit: Unit, title: str) -> str:
    """ "Giám đốc Sở Kế hoạch và Đầu tư": a head's title completed with the unit's name where it lacks it."""
    title = vn.clean(title)
    if vn.fold(unit.name) in vn.fold(title) or "tỉnh" in vn.fold(title):
        return title
    return f"{title} {unit.name}"


def count_text(n: int) -> str:
    """Counts in documents take a leading zero below 10: "05 tập thể"."""
    return f"{n:02d}"


def paragraphs(text: str) -> list[Paragraph]:
    """Free text typed by users, one body paragraph per non-empty line."""
    return [Paragraph(line) for line in (vn.clean(raw) for raw in text.splitlines()) if line]


def join_names(names: Iterable[str]) -> str:
    """ "A, B và C"."""
    items = [vn.clean(name) for name in names if vn.clean(name)]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]
