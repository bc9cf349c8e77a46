"""The demo: the seed's world in a plainly fictional province, Tỉnh Vân Lĩnh.

The seed (a 17/06/2020 news item) names no province. Its block — "Khối thi đua các cơ quan tham mưu tổng hợp
tỉnh", 7 member units, Sở Kế hoạch và Đầu tư hosting the 2020 six-month review, a council member following the
block — is reproduced here with fictional people. The composition follows observed provincial practice
(legal brief §7.1); head and deputy rotate yearly, last year's deputy becoming head (§2.9, practice [U]).
"""

from __future__ import annotations

import datetime
import importlib
import random
from dataclasses import dataclass, field

from django.apps import apps as django_apps
from django.conf import settings
from django.db import transaction

from tdkt import vn
from tdkt.accounts.models import User
from tdkt.accounts.services import create_account
from tdkt.core.actors import SYSTEM
from tdkt.core.audit import log_action
from tdkt.core.enums import AuditAction, Role
from tdkt.demo.awards import FLAG_DECIDED, load_2025_flag, load_award_histories
from tdkt.demo.ballots2025 import load_2025_ballots
from tdkt.demo.cycle2020 import load_2020_story
from tdkt.demo.generate import generate, random_person_name
from tdkt.demo.yearend2025 import YEAR as YEAR_END_ROUND
from tdkt.demo.yearend2025 import load_2025_round
from tdkt.org import services as org_services
from tdkt.org.enums import BlockKind, CouncilRole, Gender, MembershipRole, PositionLevel, UnitKind
from tdkt.org.models import Council, CouncilMember, EmulationBlock, Person, Province, Unit
from tdkt.scoring.queries import ranking

SEED_BLOCK_NAME = "Khối thi đua các cơ quan tham mưu tổng hợp tỉnh"
FIRST_YEAR = 2019
HISTORY_START = datetime.date(2016, 1, 1)

# (name, short name, abbreviation used in document symbols, kind)
SEED_BLOCK_UNITS = (
    ("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh", "VPUBND", UnitKind.OFFICE),
    (
        "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh",
        "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
        "VPĐĐBQH",
        UnitKind.OFFICE,
    ),
    ("Sở Nội vụ", "Sở Nội vụ", "SNV", UnitKind.DEPARTMENT),
    ("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", "SKHĐT", UnitKind.DEPARTMENT),
    ("Sở Tài chính", "Sở Tài chính", "STC", UnitKind.DEPARTMENT),
    ("Sở Tư pháp", "Sở Tư pháp", "STP", UnitKind.DEPARTMENT),
    ("Thanh tra tỉnh", "Thanh tra tỉnh", "TTr", UnitKind.DEPARTMENT),
)
# Rotation: 2020 head is the host of the seed's conference (Sở KH&ĐT); each deputy heads the next year.
ROTATION = ("SKHĐT", "STP", "STC", "TTr", "VPĐĐBQH", "SNV", "VPUBND")

OTHER_BLOCKS = (
    (
        "Khối thi đua các cơ quan kinh tế",
        "KKT",
        BlockKind.BLOCK,
        (
            ("Sở Công Thương", "SCT"),
            ("Sở Nông nghiệp và Phát triển nông thôn", "SNNPTNT"),
            ("Sở Xây dựng", "SXD"),
            ("Sở Giao thông vận tải", "SGTVT"),
            ("Sở Tài nguyên và Môi trường", "STNMT"),
            ("Sở Khoa học và Công nghệ", "SKHCN"),
        ),
    ),
    (
        "Khối thi đua các cơ quan văn hóa - xã hội",
        "KVHXH",
        BlockKind.BLOCK,
        (
            ("Sở Giáo dục và Đào tạo", "SGDĐT"),
            ("Sở Y tế", "SYT"),
            ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
            ("Sở Lao động - Thương binh và Xã hội", "SLĐTBXH"),
            ("Sở Thông tin và Truyền thông", "STTTT"),
        ),
    ),
    (
        "Khối thi đua các tổ chức chính trị - xã hội tỉnh",
        "KĐT",
        BlockKind.BLOCK,
        (
            ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "MTTQ"),
            ("Tỉnh đoàn", "TĐ"),
            ("Hội Liên hiệp Phụ nữ tỉnh", "HLHPN"),
            ("Hội Nông dân tỉnh", "HND"),
            ("Liên đoàn Lao động tỉnh", "LĐLĐ"),
        ),
    ),
    (
        "Cụm thi đua các xã phía Bắc",
        "CTĐ1",
        BlockKind.CLUSTER,
        (
            ("Ủy ban nhân dân xã Vân Sơn", "XVS"),
            ("Ủy ban nhân dân xã Tân Lĩnh", "XTL"),
            ("Ủy ban nhân dân xã Bắc Vân", "XBV"),
            ("Ủy ban nhân dân xã Phú Lĩnh", "XPL"),
        ),
    ),
    (
        "Cụm thi đua các phường trung tâm",
        "CTĐ2",
        BlockKind.CLUSTER,
        (
            ("Ủy ban nhân dân phường Vân Lĩnh", "PVL"),
            ("Ủy ban nhân dân phường Đông Hòa", "PĐH"),
            ("Ủy ban nhân dân phường Tây Hòa", "PTH"),
            ("Ủy ban nhân dân phường Lĩnh Nam", "PLN"),
        ),
    ),
)

# Leaders' titles by kind of unit: (head, deputy).
_HEAD_TITLES = {
    UnitKind.OFFICE: ("Chánh Văn phòng", "Phó Chánh Văn phòng"),
    UnitKind.DEPARTMENT: ("Giám đốc", "Phó Giám đốc"),
    UnitKind.COMMUNE: ("Chủ tịch", "Phó Chủ tịch"),
    UnitKind.MASS_ORGANISATION: ("Chủ tịch", "Phó Chủ tịch"),
    UnitKind.PEOPLES_COMMITTEE: ("Chủ tịch", "Phó Chủ tịch"),
}


@dataclass
class DemoAccount:
    username: str
    role: str
    unit: str
    person: str
    note: str = ""


@dataclass
class DemoSummary:
    province: str
    accounts: list[DemoAccount] = field(default_factory=list)
    people: int = 0


def _title_for(unit: Unit, head: bool) -> str:
    if unit.abbreviation == "TTr":
        return "Chánh Thanh tra tỉnh" if head else "Phó Chánh Thanh tra tỉnh"
    if unit.abbreviation == "TĐ":
        return "Bí thư Tỉnh đoàn" if head else "Phó Bí thư Tỉnh đoàn"
    titles = _HEAD_TITLES.get(UnitKind(unit.kind), ("Giám đốc", "Phó Giám đốc"))
    return titles[0] if head else titles[1]


class _World:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.units: dict[str, Unit] = {}
        self.leaders: dict[str, Person] = {}
        self.officers: dict[str, Person] = {}

    def person(self, unit: Unit, gender: str | None = None, name: str | None = None) -> Person:
        gender = gender or (Gender.FEMALE if self.rng.random() < 0.5 else Gender.MALE)
        born = datetime.date(self.rng.randint(1968, 1990), self.rng.randint(1, 12), self.rng.randint(1, 28))
        return org_services.create_person(
            SYSTEM,
            unit=unit,
            full_name=name or random_person_name(self.rng, gender),
            gender=gender,
            date_of_birth=born,
        )

    def unit(
        self,
        province: Province,
        name: str,
        abbreviation: str,
        kind: str,
        short: str = "",
        parent: Unit | None = None,
    ) -> Unit:
        unit = Unit(
            province=province,
            name=name,
            short_name=short,
            abbreviation=abbreviation,
            kind=kind,
            parent=parent,
        )
        unit.save()
        self.units[abbreviation] = unit
        return unit

    def staff(self, unit: Unit) -> None:
        """A head, a deputy and the officer in charge of emulation work (in the unit's office)."""
        head = self.person(unit)
        org_services.appoint(
            SYSTEM, head, title=_title_for(unit, True), level=PositionLevel.HEAD, start_date=HISTORY_START
        )
        deputy = self.person(unit)
        org_services.appoint(
            SYSTEM,
            deputy,
            title=_title_for(unit, False),
            level=PositionLevel.DEPUTY_HEAD,
            start_date=HISTORY_START,
            handles_emulation=True,
        )
        officer = self.person(unit)
        org_services.appoint(
            SYSTEM,
            officer,
            title="Chuyên viên Văn phòng, phụ trách thi đua, khen thưởng",
            start_date=HISTORY_START,
            handles_emulation=True,
        )
        self.leaders[unit.abbreviation] = head
        self.officers[unit.abbreviation] = officer


def _username(prefix: str, abbreviation: str) -> str:
    return f"{prefix}.{vn.fold(abbreviation).replace(' ', '')}"


@transaction.atomic
def load_demo(*, people: int = 300, seed: int = 2020, last_year: int | None = None) -> DemoSummary:
    """Load the demo into an empty database (``reset_demo`` empties it first)."""
    last_year = last_year or datetime.date.today().year
    # A flushed database (``reset_demo``, transactional tests) has lost the rows data migrations put in: the
    # portal's starting categories, which the 2020 news needs, come back first (get-or-create, so idempotent).
    starting = importlib.import_module("tdkt.portal.migrations.0002_default_categories")
    starting.add_categories(django_apps, None)
    rng = random.Random(seed)
    world = _World(rng)
    province = Province(name="Tỉnh Vân Lĩnh", place_name="Vân Lĩnh", abbreviation="VL")
    province.save()

    ubnd = world.unit(province, "Ủy ban nhân dân tỉnh", "UBND", UnitKind.PEOPLES_COMMITTEE, "UBND tỉnh")
    for name, short, abbreviation, kind in SEED_BLOCK_UNITS:
        world.unit(province, name, abbreviation, kind, short, parent=ubnd)
    for _, _, _, members in OTHER_BLOCKS:
        for name, abbreviation in members:
            kind = (
                UnitKind.COMMUNE
                if abbreviation.startswith(("X", "P"))
                else (
                    UnitKind.MASS_ORGANISATION
                    if abbreviation in {"MTTQ", "TĐ", "HLHPN", "HND", "LĐLĐ"}
                    else UnitKind.DEPARTMENT
                )
            )
            world.unit(
                province,
                name,
                abbreviation,
                kind,
                parent=None if kind == UnitKind.MASS_ORGANISATION else ubnd,
            )
    for unit in world.units.values():
        world.staff(unit)

    # Phòng Thi đua, khen thưởng of Sở Nội vụ runs the system.
    snv = world.units["SNV"]
    tdkt_head = world.person(snv, Gender.FEMALE, "Đặng Thị Ánh Tuyết")
    org_services.appoint(
        SYSTEM,
        tdkt_head,
        title="Trưởng phòng Thi đua, khen thưởng",
        level=PositionLevel.DIVISION_HEAD,
        start_date=HISTORY_START,
        handles_emulation=True,
    )

    # The seed's block, with yearly rotation of head and deputy.
    seed_block = EmulationBlock(
        province=province,
        name=SEED_BLOCK_NAME,
        abbreviation="KTMTH",
        kind=BlockKind.BLOCK,
        description="Khối thi đua gồm 07 cơ quan tham mưu tổng hợp của tỉnh.",
    )
    seed_block.save()
    years = range(FIRST_YEAR, last_year + 1)
    for year in years:
        head = ROTATION[(year - 2020) % len(ROTATION)]
        deputy = ROTATION[(year - 2020 + 1) % len(ROTATION)]
        for _, _, abbreviation, _ in SEED_BLOCK_UNITS:
            role = (
                MembershipRole.HEAD
                if abbreviation == head
                else (MembershipRole.DEPUTY if abbreviation == deputy else MembershipRole.MEMBER)
            )
            org_services.set_membership(
                SYSTEM, block=seed_block, unit=world.units[abbreviation], year=year, role=role
            )
    other_blocks = []
    for name, abbreviation, block_kind, members in OTHER_BLOCKS:
        block = EmulationBlock(province=province, name=name, abbreviation=abbreviation, kind=block_kind)
        block.save()
        other_blocks.append(block)
        for year in years:
            for i, (_, unit_abbr) in enumerate(members):
                role = (
                    MembershipRole.HEAD
                    if i == (year % len(members))
                    else (
                        MembershipRole.DEPUTY if i == ((year + 1) % len(members)) else MembershipRole.MEMBER
                    )
                )
                org_services.set_membership(
                    SYSTEM, block=block, unit=world.units[unit_abbr], year=year, role=role
                )

    # Two council terms; the vice-chair of Sở Nội vụ's council seat is the standing member (practice).
    terms = [
        Council(
            province=province,
            term="2016–2021",
            start_date=datetime.date(2016, 7, 1),
            end_date=datetime.date(2021, 6, 30),
            decision_ref="Quyết định số 1520/QĐ-UBND ngày 01/7/2016",
        ),
        Council(
            province=province,
            term="2021–2026",
            start_date=datetime.date(2021, 7, 1),
            end_date=datetime.date(2026, 12, 31),
            decision_ref="Quyết định số 1675/QĐ-UBND ngày 01/7/2021",
        ),
    ]
    chair = world.person(ubnd, Gender.MALE)
    org_services.appoint(
        SYSTEM,
        chair,
        title="Chủ tịch Ủy ban nhân dân tỉnh",
        level=PositionLevel.HEAD,
        start_date=HISTORY_START,
    )
    seats = [
        (chair, CouncilRole.CHAIR, "Chủ tịch UBND tỉnh"),
        (world.leaders["SNV"], CouncilRole.VICE_CHAIR, "Giám đốc Sở Nội vụ"),
        (world.leaders["LĐLĐ"], CouncilRole.VICE_CHAIR, "Chủ tịch Liên đoàn Lao động tỉnh"),
        (world.leaders["MTTQ"], CouncilRole.STANDING_MEMBER, "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"),
        (world.leaders["SCT"], CouncilRole.MEMBER, "Giám đốc Sở Công Thương"),
        (world.leaders["SGDĐT"], CouncilRole.MEMBER, "Giám đốc Sở Giáo dục và Đào tạo"),
        (world.leaders["HLHPN"], CouncilRole.MEMBER, "Chủ tịch Hội Liên hiệp Phụ nữ tỉnh"),
        (world.leaders["TĐ"], CouncilRole.MEMBER, "Bí thư Tỉnh đoàn"),
        (tdkt_head, CouncilRole.SECRETARY, "Trưởng phòng Thi đua, khen thưởng, Sở Nội vụ"),
    ]
    followers: dict[int, dict[int, CouncilMember]] = {}
    for council in terms:
        council.save()
        for person, seat_role, title in seats:
            seat = CouncilMember(council=council, person=person, role=seat_role, title=title)
            seat.save()
            followers.setdefault(council.pk, {})[person.pk] = seat
    # Who follows which block: the seed's block is followed by the Chủ tịch Liên đoàn Lao động tỉnh.
    followed_by = [
        world.leaders["LĐLĐ"],
        world.leaders["SCT"],
        world.leaders["SGDĐT"],
        world.leaders["HLHPN"],
        world.leaders["TĐ"],
        world.leaders["MTTQ"],
    ]
    for year in years:
        council = max((c for c in terms if c.start_date.year <= year), key=lambda c: c.start_date)
        for block, person in zip([seed_block, *other_blocks], followed_by, strict=True):
            org_services.assign_followup(
                SYSTEM, block=block, council_member=followers[council.pk][person.pk], year=year
            )

    summary = DemoSummary(province=province.name)
    password = settings.TDKT_DEMO_PASSWORD

    def account(username: str, role: str, unit: Unit, person: Person, note: str = "") -> None:
        create_account(SYSTEM, username=username, password=password, role=role, unit=unit, person=person)
        summary.accounts.append(
            DemoAccount(username, str(Role(role).label), unit.display_name, person.full_name, note)
        )

    head_now = ROTATION[(last_year - 2020) % len(ROTATION)]
    account("admin", Role.SYSTEM_ADMIN, snv, tdkt_head, "Phòng TĐKT, Sở Nội vụ")
    account(
        "hoidong",
        Role.COUNCIL_MEMBER,
        world.units["LĐLĐ"],
        world.leaders["LĐLĐ"],
        "thành viên Hội đồng theo dõi Khối",
    )
    account("xem", Role.VIEWER, world.units["STP"], world.person(world.units["STP"]), "chỉ xem")
    for _, _, abbreviation, _ in SEED_BLOCK_UNITS:
        unit = world.units[abbreviation]
        note = f"Khối trưởng năm {last_year}" if abbreviation == head_now else ""
        account(_username("canbo", abbreviation), Role.UNIT_OFFICER, unit, world.officers[abbreviation], note)
        account(_username("lanhdao", abbreviation), Role.UNIT_LEADER, unit, world.leaders[abbreviation], note)

    load_2020_story(seed_block, world.units)
    if last_year > YEAR_END_ROUND:
        # The year-end round ranks the members; the block's ballots then start from that ranking.
        load_2025_round(seed_block, world.units)
        ranked = [place.unit for place in ranking(seed_block, YEAR_END_ROUND)]
        load_2025_ballots(seed_block, world.units, ranked)

    result = generate(
        people=people,
        years=last_year - FIRST_YEAR + 1,
        seed=seed,
        last_year=last_year,
        province=province,
        units=len(world.units),
        histories=False,  # the seed block's records come from its units' workbooks, below
    )
    # The block's commendation history (after the generated people, so that they have one too) and its 2025 Flag.
    load_award_histories(world.units, [a for _, _, a, _ in SEED_BLOCK_UNITS], last_year, seed)
    if last_year >= 2025 and datetime.date.today() >= FLAG_DECIDED:
        load_2025_flag(seed_block, world.units)
    summary.people = Person.objects.count()
    log_action(
        SYSTEM,
        AuditAction.DEMO_LOADED,
        province,
        summary=f"Dữ liệu mẫu: {len(world.units)} đơn vị, {summary.people} cá nhân ({result.people} sinh ngẫu nhiên).",
    )
    return summary


def reset_demo(**kwargs: object) -> DemoSummary:
    """Empty the database (all rows, schema kept) and load the demo again."""
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    return load_demo(**kwargs)  # type: ignore[arg-type]


def demo_loaded() -> bool:
    return User.objects.filter(username="admin").exists()
