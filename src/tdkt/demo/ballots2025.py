"""The seed's block at the end of 2025: two secret ballots, closed and counted.

The member units put Sở Tư pháp forward for the Emulation Flag of the province (Cờ thi đua của UBND tỉnh, one
name) and Văn phòng UBND tỉnh and Sở Tài chính for the Certificate of Merit (Bằng khen của Chủ tịch UBND tỉnh, two
names). The candidates are a fixed fictional order for now; once the year-end scoring lands, its ranking is what
the block head passes in. Every step goes through the services: each unit's emulation officer casts the unit's
vote, so the demo's tables and audit log look exactly like a real ballot's — and, like a real one, say nothing
about who chose what.
"""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from tdkt.accounts.models import User
from tdkt.ballots import services
from tdkt.ballots.models import BallotSession
from tdkt.core.actors import SYSTEM
from tdkt.core.enums import Role
from tdkt.org.models import EmulationBlock, Unit

YEAR = 2025
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
RULE: dict[str, Any] = {
    "threshold": "1/2",
    "threshold_comparison": "gt",
    "threshold_base": "roll",
    "quorum": "2/3",
    "rule_source": "Quy chế hoạt động của Khối (mẫu): suy tôn khi được trên 50% tổng số đơn vị thành viên đồng ý, "
    "với ít nhất 2/3 số đơn vị thành viên tham gia bỏ phiếu",
}

# (question, award, names kept at most, candidates in ballot order, each unit's ballot)
BALLOTS = (
    (
        "Đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh năm 2025",
        "co_thi_dua_tinh",
        1,
        ("STP", "VPUBND", "STC"),
        {
            "VPUBND": ["STP"],
            "VPĐĐBQH": ["STP"],
            "SNV": ["STP"],
            "SKHĐT": ["STP"],
            "STC": ["STP"],
            "STP": ["VPUBND"],
            "TTr": ["STP"],
        },
    ),
    (
        "Đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm 2025",
        "bang_khen_tinh",
        2,
        ("VPUBND", "STC", "TTr", "SNV"),
        {
            "VPUBND": ["STC", "TTr"],
            "VPĐĐBQH": ["VPUBND", "STC"],
            "SNV": ["VPUBND", "STC"],
            "SKHĐT": ["VPUBND", "STC"],
            "STC": ["VPUBND", "SNV"],
            "STP": ["VPUBND", "STC"],
            "TTr": ["VPUBND", "TTr"],
        },
    ),
)


def _at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(YEAR, 12, day, hour, minute, tzinfo=TZ)


def load_2025_ballots(block: EmulationBlock, units: dict[str, Unit]) -> list[BallotSession]:
    """Create, open, vote, close and count the two 2025 ballots of the seed's block."""
    officers = {
        user.unit_id: user
        for user in User.objects.filter(role=Role.UNIT_OFFICER, unit__in=list(units.values())).order_by("pk")
    }
    sessions = []
    for question, award, names, candidates, ballots in BALLOTS:
        session = services.create_session(
            SYSTEM,
            question=question,
            year=YEAR,
            block=block,
            award_code=award,
            max_choices=names,
            candidates=[services.CandidateInput(unit=units[abbreviation]) for abbreviation in candidates],
            **RULE,
        )
        services.open_session(SYSTEM, session, at=_at(10, 14))
        ids = {c.unit_id: c.pk for c in session.candidates.all()}
        for voter, kept in ballots.items():
            officer = officers[units[voter].pk]
            services.cast_ballot(officer, session, [ids[units[name].pk] for name in kept])
        services.close_session(SYSTEM, session, at=_at(10, 15, 30))
        services.count_session(SYSTEM, session, at=_at(10, 15, 45))
        sessions.append(session)
    return sessions
