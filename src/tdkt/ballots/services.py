"""Writes of ballots: one function per transition, each in one transaction — re-read the session under a row lock,
check the permission (403) and the state (422 with the reason), validate, write, audit, notify.

draft → open → closed → counted. Secrecy (docs/ballots.md):

* :func:`cast_ballot` locks the session and the voter's roll row, refuses a second vote, sets ``has_voted`` and
  adds one *sealed* ballot (ciphertext, no candidate reference) to the session's box. Its audit entry says that
  the voter voted, never what they chose.
* :func:`close_session` unseals the whole box at once, shuffles it with the system's random source, writes the
  ballots (random UUIDs, no time, no voter) in that shuffled order in the closing transaction, and deletes the
  sealed rows. Ballots therefore share one transaction id and their physical order is a random permutation.
* Results exist only from :func:`count_session` (or :func:`enter_paper_counts` for paper ballots) on.
"""

from __future__ import annotations

import datetime
import secrets
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.ballots import sealing, tally
from tdkt.ballots.enums import Action, Comparison, RollKind, SessionState, ThresholdBase, VotingMode
from tdkt.ballots.models import (
    Ballot,
    BallotMark,
    BallotSession,
    Candidate,
    RollEntry,
    SealedBallot,
    Tally,
    TallyLine,
)
from tdkt.ballots.queries import (
    block_member_units,
    candidates_of,
    council_seats,
    heads_block,
    roll_entry_for,
    roll_of,
)
from tdkt.ballots.thresholds import VoteRule, rule_for_award
from tdkt.core.audit import log_action, snapshot
from tdkt.core.enums import Role
from tdkt.core.notify import notify
from tdkt.core.rules import is_system_admin
from tdkt.org.enums import MembershipRole
from tdkt.org.models import BlockMembership, Council, EmulationBlock, Person, Unit

MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_CANDIDATES = 200
_SNAPSHOT_FIELDS = [
    "question",
    "roll_kind",
    "block",
    "year",
    "council",
    "award_code",
    "mode",
    "max_choices",
    "threshold",
    "threshold_comparison",
    "threshold_base",
    "quorum",
    "rule_source",
    "state",
    "manager_unit",
]
_EDITABLE = (
    "question",
    "award_code",
    "mode",
    "max_choices",
    "threshold",
    "threshold_comparison",
    "threshold_base",
    "quorum",
    "rule_source",
)


@dataclass(frozen=True)
class CandidateInput:
    """A name for the ballot. The label defaults to the unit's or the person's name."""

    label: str = ""
    unit: Unit | None = None
    person: Person | None = None
    note: str = ""


# --- checks --------------------------------------------------------------------------------------------------


def _require(actor: Any, perm: str, obj: Any = None, message: str | None = None) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(message or _("Bạn không có quyền thực hiện thao tác này."))


def _fresh(session: BallotSession) -> BallotSession:
    """The session re-read under a row lock: casts, close and count of one session run one at a time, so a vote
    never lands in a box that is being closed."""
    return (
        BallotSession.objects.select_for_update(of=("self",))
        .select_related("block", "council", "manager_unit")
        .get(pk=session.pk)
    )


def _require_state(session: BallotSession, state: str, message: str) -> None:
    if session.state != state:
        raise ValidationError(message)


def _moment(actor: Any, at: datetime.datetime | None) -> datetime.datetime:
    """Now, or a past moment given by the system's loader (a signed-in user cannot backdate anything)."""
    if at is None:
        return timezone.now()
    if getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Chỉ trình nạp dữ liệu của hệ thống được ghi thời điểm khác hiện tại."))
    return at


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _text(value: str | None, field: str, label: str, max_length: int, *, required: bool = False) -> str:
    text = vn.clean(value or "")
    if required and not text:
        raise ValidationError({field: _("Cần nhập %(label)s.") % {"label": label}})
    if len(text) > max_length:
        raise ValidationError(
            {field: _("%(label)s dài tối đa %(max)s ký tự.") % {"label": label, "max": max_length}}
        )
    return text


def _share(value: Any, field: str, comparison: str, *, allow_zero: bool) -> Decimal:
    if value is None or value == "":
        raise ValidationError({field: _("Cần nhập tỷ lệ.")})
    try:
        share = tally.parse_share(value, comparison)
    except ValueError:
        raise ValidationError(
            {field: _("Tỷ lệ không hợp lệ: nhập dạng 0,8 hoặc 80% hoặc 2/3, từ 0 đến 1.")}
        ) from None
    if share == 0 and not allow_zero:
        raise ValidationError({field: _("Tỷ lệ phiếu đồng ý phải lớn hơn 0.")})
    return share


def _users_for_roll(entries: Iterable[RollEntry]) -> list[Any]:
    entries = list(entries)
    unit_ids = [entry.unit_id for entry in entries if entry.unit_id is not None]
    person_ids = [entry.person_id for entry in entries if entry.person_id is not None]
    users = get_user_model().objects.filter(is_active=True)
    found = list(users.filter(unit_id__in=unit_ids, role__in=[Role.UNIT_OFFICER, Role.UNIT_LEADER]))
    found += list(users.filter(person_id__in=person_ids))
    return found


def _managers(session: BallotSession) -> list[Any]:
    users = get_user_model().objects.filter(is_active=True)
    if session.manager_unit_id is None:
        return list(users.filter(role=Role.SYSTEM_ADMIN))
    return list(users.filter(unit_id=session.manager_unit_id, role__in=[Role.UNIT_OFFICER, Role.UNIT_LEADER]))


# --- the rule ------------------------------------------------------------------------------------------------


def _apply_rule(values: dict[str, Any], legal: VoteRule | None) -> dict[str, Any]:
    """Validate the rule fields; a council vote on an award the law regulates takes the law's rule."""
    if legal is not None:
        given = values.get("threshold")
        if (
            given not in (None, "")
            and _share(given, "threshold", legal.comparison, allow_zero=False) != legal.threshold
        ):
            raise ValidationError(
                {
                    "threshold": _(
                        "Hội đồng biểu quyết danh hiệu, hình thức này theo tỷ lệ quy định (%(rule)s), "
                        "không nhập tỷ lệ khác."
                    )
                    % {"rule": legal.citation}
                }
            )
        values.update(
            threshold=legal.threshold,
            threshold_comparison=legal.comparison,
            threshold_base=legal.base,
            quorum=legal.quorum,
            rule_source=legal.source,
        )
        return values
    comparison = values.get("threshold_comparison") or Comparison.GE
    if comparison not in Comparison.values:
        raise ValidationError({"threshold_comparison": _("Cách so sánh không hợp lệ.")})
    base = values.get("threshold_base") or ThresholdBase.ROLL
    if base not in ThresholdBase.values:
        raise ValidationError({"threshold_base": _("Cơ sở tính tỷ lệ không hợp lệ.")})
    values["threshold_comparison"], values["threshold_base"] = comparison, base
    values["threshold"] = _share(values.get("threshold"), "threshold", comparison, allow_zero=False)
    quorum = values.get("quorum")
    values["quorum"] = (
        Decimal(0) if quorum in (None, "") else _share(quorum, "quorum", Comparison.GE, allow_zero=True)
    )
    values["rule_source"] = _text(values.get("rule_source"), "rule_source", _("căn cứ"), 500)
    return values


def _check_basics(values: dict[str, Any]) -> None:
    if values["mode"] not in VotingMode.values:
        raise ValidationError({"mode": _("Hình thức bỏ phiếu không hợp lệ.")})
    k = values["max_choices"]
    if not isinstance(k, int) or isinstance(k, bool) or not 1 <= k <= MAX_CANDIDATES:
        raise ValidationError({"max_choices": _("Số được chọn tối đa phải từ 1 trở lên.")})


def _legal_rule(roll_kind: str, award_code: str, on_date: datetime.date) -> VoteRule | None:
    if roll_kind != RollKind.COUNCIL or not award_code:
        return None
    return rule_for_award(award_code, on_date)


# --- candidates and roll -------------------------------------------------------------------------------------


def _candidate_rows(session: BallotSession, candidates: Sequence[CandidateInput]) -> list[Candidate]:
    if len(candidates) > MAX_CANDIDATES:
        raise ValidationError({"candidates": _("Danh sách bầu quá dài.")})
    rows: list[Candidate] = []
    seen_units: set[int] = set()
    seen_people: set[int] = set()
    seen_labels: set[str] = set()
    for order, item in enumerate(candidates, start=1):
        default = item.unit.name if item.unit else (item.person.full_name if item.person else "")
        label = _text(
            item.label or default, "candidates", _("tên người, đơn vị được bầu"), 300, required=True
        )
        if item.unit is not None:
            if item.unit.pk in seen_units:
                raise ValidationError(
                    {"candidates": _("%(name)s có hai lần trong danh sách bầu.") % {"name": label}}
                )
            seen_units.add(item.unit.pk)
        if item.person is not None:
            if item.person.pk in seen_people:
                raise ValidationError(
                    {"candidates": _("%(name)s có hai lần trong danh sách bầu.") % {"name": label}}
                )
            seen_people.add(item.person.pk)
        if vn.fold(label) in seen_labels and item.unit is None and item.person is None:
            raise ValidationError(
                {"candidates": _("%(name)s có hai lần trong danh sách bầu.") % {"name": label}}
            )
        seen_labels.add(vn.fold(label))
        note = _text(item.note, "candidates", _("ghi chú"), 300)
        rows.append(
            Candidate(
                session=session, order=order, label=label, unit=item.unit, person=item.person, note=note
            )
        )
    return rows


def _roll_rows(session: BallotSession) -> list[RollEntry]:
    if session.roll_kind == RollKind.BLOCK:
        assert session.block is not None
        units = list(block_member_units(session.block, session.year))
        return [
            RollEntry(session=session, order=i, label=unit.name, unit=unit) for i, unit in enumerate(units, 1)
        ]
    seats = list(council_seats(session.council))
    return [
        RollEntry(
            session=session,
            order=i,
            label=seat.person.full_name + (f", {seat.title}" if seat.title else ""),
            person=seat.person,
        )
        for i, seat in enumerate(seats, 1)
    ]


def default_candidates(block: EmulationBlock, year: int) -> list[CandidateInput]:
    """The block's member units, until the caller passes the ranking from the scoring."""
    return [CandidateInput(unit=unit) for unit in block_member_units(block, year)]


def _manager_unit(block: EmulationBlock, year: int) -> Unit | None:
    """The block's head unit that year (its deputy when no head is set): it organises the block's ballot."""
    memberships = BlockMembership.objects.filter(block=block, year=year).select_related("unit")
    head = (
        memberships.filter(role=MembershipRole.HEAD).first()
        or memberships.filter(role=MembershipRole.DEPUTY).first()
    )
    return head.unit if head is not None else None


# --- transitions ---------------------------------------------------------------------------------------------


@transaction.atomic
def create_session(
    actor: Any,
    *,
    question: str,
    year: int,
    block: EmulationBlock | None = None,
    council: Council | None = None,
    award_code: str = "",
    mode: str = VotingMode.ELECTRONIC,
    max_choices: int = 1,
    threshold: Any = None,
    threshold_comparison: str | None = None,
    threshold_base: str | None = None,
    quorum: Any = None,
    rule_source: str = "",
    candidates: Sequence[CandidateInput] | None = None,
) -> BallotSession:
    """Draw up a ballot for a block's member units in a year, or for a council's members.

    The roll is the block's member units that year (one vote each) or the council's members. ``candidates``
    default to the block's member units (the caller passes the ranking when it has one). A council vote on an
    award the law regulates (``award_code``) takes the threshold, base and quorum of :func:`rule_for_award` on
    today's date; otherwise the rule is given here (the block's operating regulation).
    """
    _require(actor, "ballots.add_session")
    if (block is None) == (council is None):
        raise ValidationError(_("Chọn một khối, cụm thi đua hoặc Hội đồng Thi đua - Khen thưởng."))
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({"year": _("Năm không hợp lệ.")})
    roll_kind = RollKind.BLOCK if block is not None else RollKind.COUNCIL
    if block is not None:
        if not (is_system_admin(actor) or heads_block(actor, block.pk, year)):
            raise PermissionDenied(
                _(
                    "Chỉ Khối trưởng, Khối phó của %(block)s năm %(year)s hoặc Phòng TĐKT tổ chức bỏ phiếu này."
                )
                % {"block": block.name, "year": year}
            )
        if not BlockMembership.objects.filter(block=block, year=year).exists():
            raise ValidationError(
                {
                    "block": _("%(block)s chưa có thành viên năm %(year)s.")
                    % {"block": block.name, "year": year}
                }
            )
    elif not is_system_admin(actor):
        raise PermissionDenied(_("Chỉ Phòng TĐKT tổ chức bỏ phiếu của Hội đồng."))
    values: dict[str, Any] = {
        "question": _text(question, "question", _("nội dung bỏ phiếu"), 500, required=True),
        "award_code": _text(award_code, "award_code", _("mã danh hiệu"), 60),
        "mode": mode,
        "max_choices": max_choices,
        "threshold": threshold,
        "threshold_comparison": threshold_comparison,
        "threshold_base": threshold_base,
        "quorum": quorum,
        "rule_source": rule_source,
    }
    _check_basics(values)
    values = _apply_rule(values, _legal_rule(roll_kind, values["award_code"], timezone.localdate()))
    session = BallotSession(
        roll_kind=roll_kind,
        block=block,
        council=council,
        year=year,
        manager_unit=_manager_unit(block, year) if block is not None else None,
        created_by=_user(actor),
        **values,
    )
    session.full_clean()
    session.save()
    RollEntry.objects.bulk_create(_roll_rows(session))
    if candidates is None:
        candidates = default_candidates(block, year) if block is not None else []
    Candidate.objects.bulk_create(_candidate_rows(session, candidates))
    log_action(
        actor,
        Action.SESSION_CREATED,
        session,
        after={
            **snapshot(session, _SNAPSHOT_FIELDS),
            "candidates": [c.label for c in candidates_of(session)],
            "roll": roll_of(session).count(),
        },
    )
    return session


@transaction.atomic
def update_session(actor: Any, session: BallotSession, **changes: Any) -> BallotSession:
    """Change the question, award, mode or rule of a draft."""
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise ValidationError(
            _("Không sửa được các trường: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    session = _fresh(session)
    _require(actor, "ballots.manage_session", session)
    _require_state(session, SessionState.DRAFT, _("Chỉ sửa được phiên bỏ phiếu chưa mở."))
    before = snapshot(session, _SNAPSHOT_FIELDS)
    values = {name: getattr(session, name) for name in _EDITABLE}
    legal_before = _legal_rule(session.roll_kind, session.award_code, timezone.localdate())
    if legal_before is not None and "award_code" in changes and changes["award_code"] != session.award_code:
        values["threshold"] = None  # the old award's legal rule does not carry over
    values.update(changes)
    values["question"] = _text(values["question"], "question", _("nội dung bỏ phiếu"), 500, required=True)
    values["award_code"] = _text(values["award_code"], "award_code", _("mã danh hiệu"), 60)
    _check_basics(values)
    values = _apply_rule(values, _legal_rule(session.roll_kind, values["award_code"], timezone.localdate()))
    if values["max_choices"] > max(candidates_of(session).count(), 1):
        raise ValidationError(
            {"max_choices": _("Số được chọn tối đa vượt quá số người, đơn vị trong danh sách bầu.")}
        )
    for name, value in values.items():
        setattr(session, name, value)
    session.full_clean()
    session.save()
    log_action(
        actor, Action.SESSION_UPDATED, session, before=before, after=snapshot(session, _SNAPSHOT_FIELDS)
    )
    return session


@transaction.atomic
def set_candidates(actor: Any, session: BallotSession, candidates: Sequence[CandidateInput]) -> BallotSession:
    """Replace the list of names on the ballot of a draft (in ballot order)."""
    session = _fresh(session)
    _require(actor, "ballots.manage_session", session)
    _require_state(session, SessionState.DRAFT, _("Danh sách bầu đã chốt khi mở bỏ phiếu."))
    before = [c.label for c in candidates_of(session)]
    rows = _candidate_rows(session, candidates)
    Candidate.objects.filter(session=session).delete()
    Candidate.objects.bulk_create(rows)
    log_action(
        actor,
        Action.CANDIDATES_SET,
        session,
        before={"candidates": before},
        after={"candidates": [r.label for r in rows]},
    )
    return session


@transaction.atomic
def open_session(actor: Any, session: BallotSession, *, at: datetime.datetime | None = None) -> BallotSession:
    """Open the ballot: the candidates and the roll are fixed; the voters are told."""
    session = _fresh(session)
    _require(actor, "ballots.manage_session", session)
    _require_state(session, SessionState.DRAFT, _("Phiên bỏ phiếu đã mở hoặc đã kết thúc."))
    candidates = candidates_of(session).count()
    if candidates == 0:
        raise ValidationError(_("Danh sách bầu đang trống."))
    if session.max_choices > candidates:
        raise ValidationError(_("Số được chọn tối đa vượt quá số người, đơn vị trong danh sách bầu."))
    roll = list(roll_of(session))
    if not roll:
        raise ValidationError(_("Danh sách người có quyền bỏ phiếu đang trống."))
    session.state = SessionState.OPEN
    session.opened_at = _moment(actor, at)
    session.save(update_fields=["state", "opened_at", "updated_at"])
    log_action(actor, Action.SESSION_OPENED, session, after={"state": session.state, "roll": len(roll)})
    if session.mode == VotingMode.ELECTRONIC:
        notify(
            _users_for_roll(roll),
            title=_("Mời bỏ phiếu kín: %(question)s") % {"question": session.question},
            body=_("Mỗi đơn vị, thành viên bỏ một phiếu; phiếu không ghi tên người bỏ phiếu."),
            url=session.get_absolute_url(),
        )
    return session


@transaction.atomic
def cast_ballot(actor: Any, session: BallotSession, candidate_ids: Iterable[int]) -> None:
    """Cast the actor's vote (their unit's, or their council seat's) keeping ``candidate_ids`` on the ballot.

    Refuses a second vote for the same roll entry even when two requests arrive together: the session and the
    roll row are locked (``select_for_update``) and ``has_voted`` is read under the lock. Writes only
    ``has_voted = true`` and one sealed ballot; returns nothing, and the audit entry names no candidate.
    """
    session = _fresh(session)
    _require(actor, "ballots.vote", session, _("Bạn không có tên trong danh sách bỏ phiếu này."))
    if session.mode != VotingMode.ELECTRONIC:
        raise ValidationError(_("Phiên này bỏ phiếu giấy tại phòng họp."))
    if session.state == SessionState.DRAFT:
        raise ValidationError(_("Phiên bỏ phiếu chưa mở."))
    _require_state(session, SessionState.OPEN, _("Phiên bỏ phiếu đã kết thúc: không nhận thêm phiếu."))
    entry = roll_entry_for(actor, session).select_for_update().get()
    if entry.has_voted:
        raise ValidationError(
            _("%(voter)s đã bỏ phiếu; mỗi đơn vị, thành viên chỉ bỏ một phiếu.") % {"voter": entry.label}
        )
    ids = [c for c in candidates_of(session).values_list("pk", flat=True)]
    try:
        chosen = [int(pk) for pk in candidate_ids]
    except (TypeError, ValueError):
        raise ValidationError(_("Lựa chọn không hợp lệ.")) from None
    if len(set(chosen)) != len(chosen) or not set(chosen) <= set(ids):
        raise ValidationError(_("Lựa chọn không có trong danh sách bầu."))
    if len(chosen) > session.max_choices:
        raise ValidationError(_("Chỉ được chọn tối đa %(k)s người, đơn vị.") % {"k": session.max_choices})
    entry.has_voted = True
    entry.save(update_fields=["has_voted"])
    SealedBallot.objects.create(session=session, sealed=sealing.seal(str(session.seal_salt), ids, chosen))
    log_action(
        actor,
        Action.BALLOT_CAST,
        entry,
        summary=_("%(voter)s đã bỏ phiếu: %(question)s")
        % {"voter": entry.label, "question": session.question},
    )


@transaction.atomic
def close_session(
    actor: Any, session: BallotSession, *, at: datetime.datetime | None = None
) -> BallotSession:
    """End the vote. Electronic: unseal the box, shuffle it and write the ballots, then empty the box."""
    session = _fresh(session)
    _require(actor, "ballots.manage_session", session)
    _require_state(session, SessionState.OPEN, _("Chỉ kết thúc được phiên đang bỏ phiếu."))
    if session.mode == VotingMode.ELECTRONIC:
        _empty_the_box(session)
    session.state = SessionState.CLOSED
    session.closed_at = _moment(actor, at)
    session.save(update_fields=["state", "closed_at", "updated_at"])
    log_action(actor, Action.SESSION_CLOSED, session, after={"state": session.state})
    return session


def _empty_the_box(session: BallotSession) -> None:
    ids = list(candidates_of(session).values_list("pk", flat=True))
    box = list(SealedBallot.objects.filter(session=session).values_list("sealed", flat=True))
    voted = RollEntry.objects.filter(session=session, has_voted=True).count()
    if len(box) != voted:
        raise ValidationError(
            _(
                "Hòm phiếu không khớp danh sách: %(box)s phiếu, %(voted)s người đã bỏ phiếu. Không kết thúc được."
            )
            % {"box": len(box), "voted": voted}
        )
    try:
        choices = [sealing.unseal(str(session.seal_salt), ids, sealed) for sealed in box]
    except sealing.BrokenSeal:
        raise ValidationError(
            _("Có phiếu niêm phong không mở được (khóa máy chủ đã đổi hoặc dữ liệu bị sửa).")
        ) from None
    secrets.SystemRandom().shuffle(choices)
    ballots = [Ballot(session=session) for _ in choices]
    Ballot.objects.bulk_create(ballots)
    BallotMark.objects.bulk_create(
        [
            BallotMark(ballot=ballot, candidate_id=pk)
            for ballot, kept in zip(ballots, choices, strict=True)
            for pk in kept
        ]
    )
    SealedBallot.objects.filter(session=session).delete()


def _store_tally(
    actor: Any,
    session: BallotSession,
    *,
    present: int,
    issued: int,
    valid: int,
    invalid: int,
    votes: Mapping[int, int],
    at: datetime.datetime | None,
) -> Tally:
    roll = roll_of(session).count()
    rule = tally.Rule(
        threshold=session.threshold,
        comparison=session.threshold_comparison,
        base=session.threshold_base,
        quorum=session.quorum,
        seats=session.max_choices,
    )
    counts = tally.Counts(
        roll=roll, present=present, received=valid + invalid, votes={pk: n for pk, n in votes.items()}
    )
    result = tally.evaluate(rule, counts)
    record = Tally.objects.create(
        session=session,
        mode=session.mode,
        roll_count=roll,
        present_count=present,
        ballots_issued=issued,
        ballots_received=valid + invalid,
        ballots_valid=valid,
        ballots_invalid=invalid,
        max_choices=session.max_choices,
        threshold=session.threshold,
        threshold_comparison=session.threshold_comparison,
        threshold_base=session.threshold_base,
        base_count=result.base,
        quorum=session.quorum,
        quorum_met=result.quorum_met,
        rule_source=session.rule_source,
        counted_at=_moment(actor, at),
        counted_by=_user(actor),
    )
    TallyLine.objects.bulk_create(
        [
            TallyLine(
                tally=record,
                candidate_id=cast(int, line.key),
                votes=line.votes,
                share=line.share,
                reached=line.reached,
                outcome=line.outcome,
            )
            for line in result.lines
        ]
    )
    session.state = SessionState.COUNTED
    session.save(update_fields=["state", "updated_at"])
    return record


def _tell_results(session: BallotSession) -> None:
    notify(
        [*_users_for_roll(roll_of(session)), *_managers(session)],
        title=_("Đã có kết quả kiểm phiếu: %(question)s") % {"question": session.question},
        url=session.get_absolute_url(),
    )


@transaction.atomic
def count_session(actor: Any, session: BallotSession, *, at: datetime.datetime | None = None) -> Tally:
    """Count the ballots of a closed electronic session and store the tally (biên bản kiểm phiếu)."""
    session = _fresh(session)
    _require(actor, "ballots.manage_session", session)
    _require_state(session, SessionState.CLOSED, _("Chỉ kiểm phiếu sau khi kết thúc bỏ phiếu, và một lần."))
    if session.mode != VotingMode.ELECTRONIC:
        raise ValidationError(_("Phiên bỏ phiếu giấy: nhập kết quả kiểm phiếu tại phòng họp."))
    present = RollEntry.objects.filter(session=session, has_voted=True).count()
    ballots = Ballot.objects.filter(session=session).count()
    if ballots != present:
        raise ValidationError(
            _("Số phiếu (%(ballots)s) không khớp số người đã bỏ phiếu (%(voted)s).")
            % {"ballots": ballots, "voted": present}
        )
    marks = Counter(
        dict(
            BallotMark.objects.filter(ballot__session=session)
            .values_list("candidate_id")
            .annotate(n=Count("id"))
            .values_list("candidate_id", "n")
        )
    )
    votes = {pk: marks.get(pk, 0) for pk in candidates_of(session).values_list("pk", flat=True)}
    record = _store_tally(
        actor, session, present=present, issued=present, valid=ballots, invalid=0, votes=votes, at=at
    )
    log_action(actor, Action.SESSION_COUNTED, session, after=_tally_summary(record, votes))
    _tell_results(session)
    return record


@transaction.atomic
def enter_paper_counts(
    actor: Any,
    session: BallotSession,
    *,
    present: int,
    issued: int,
    valid: int,
    invalid: int,
    votes: Mapping[int, int],
    at: datetime.datetime | None = None,
) -> Tally:
    """Record the count of paper ballots made in the room: those present, ballots issued, valid and invalid, and
    the votes for each name (every name on the ballot must have a number, 0 included)."""
    session = _fresh(session)
    _require(actor, "ballots.manage_session", session)
    if session.mode != VotingMode.PAPER:
        raise ValidationError(_("Phiên này bỏ phiếu điện tử: kết quả do hệ thống kiểm."))
    _require_state(session, SessionState.CLOSED, _("Chỉ nhập kết quả sau khi kết thúc bỏ phiếu, và một lần."))
    roll = roll_of(session).count()
    numbers = {"present": present, "issued": issued, "valid": valid, "invalid": invalid}
    for field, value in numbers.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValidationError({field: _("Cần nhập số nguyên không âm.")})
    if present > roll:
        raise ValidationError(
            {"present": _("Số người tham gia vượt quá danh sách (%(roll)s).") % {"roll": roll}}
        )
    if issued > present:
        raise ValidationError({"issued": _("Số phiếu phát ra vượt quá số người tham gia.")})
    if valid + invalid > issued:
        raise ValidationError({"valid": _("Số phiếu hợp lệ và không hợp lệ vượt quá số phiếu phát ra.")})
    ids = list(candidates_of(session).values_list("pk", flat=True))
    if set(votes) != set(ids):
        raise ValidationError({"votes": _("Cần nhập số phiếu cho từng người, đơn vị trong danh sách bầu.")})
    for pk in ids:
        n = votes[pk]
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise ValidationError({"votes": _("Số phiếu phải là số nguyên không âm.")})
        if n > valid:
            raise ValidationError(
                {"votes": _("Số phiếu đồng ý của một người, đơn vị không vượt quá số phiếu hợp lệ.")}
            )
    if sum(votes.values()) > valid * session.max_choices:
        raise ValidationError(
            {"votes": _("Tổng số phiếu đồng ý vượt quá số phiếu hợp lệ nhân với số được chọn tối đa.")}
        )
    record = _store_tally(
        actor, session, present=present, issued=issued, valid=valid, invalid=invalid, votes=dict(votes), at=at
    )
    log_action(actor, Action.PAPER_COUNTS_ENTERED, session, after=_tally_summary(record, votes))
    _tell_results(session)
    return record


def _tally_summary(record: Tally, votes: Mapping[int, int]) -> dict[str, Any]:
    """The session's totals for the audit entry (the aggregate result, like the minutes — no ballot)."""
    return {
        "roll": record.roll_count,
        "present": record.present_count,
        "issued": record.ballots_issued,
        "valid": record.ballots_valid,
        "invalid": record.ballots_invalid,
        "quorum_met": record.quorum_met,
        "votes": {str(pk): n for pk, n in votes.items()},
    }
