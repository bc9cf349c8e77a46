"""Reads of scoring rounds. Visibility is a named query: the pages, the API, the charts and the work queue go
through the ``*_for_user`` functions here, never through an unscoped ``.get()``.

Who sees what (the rules of the issue, and DESIGN.md rule 3, "a unit officer never sees another unit's drafts"):

* a round: Phòng TĐKT and council members, and the people of the block's member units that year;
* sheets: a unit's own sheets (its self sheet, the sheets it scores), in every state; a council member's own
  panel sheets; every *submitted* sheet for Phòng TĐKT, and for the block head (head or deputy unit) once self
  scoring is over — while the head's own unit is still scoring itself it sees nobody's points. Nobody outside a
  unit ever sees its drafts;
* evidence: with its sheet, and for the scorers of the unit from the opening of cross scoring (evidence is what
  they score against; the self points stay hidden from them);
* results (after the close only): the ranking for everyone who sees the round; a unit's breakdown for the unit
  itself, the block head, council members and Phòng TĐKT.

For other apps: :func:`ranking` is the closed round's ranking of a block and year (the secret ballot takes it
as its default list of candidates).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tdkt import vn
from tdkt.core.enums import Role
from tdkt.core.rules import is_council_member, is_system_admin
from tdkt.emulation.enums import AdjustmentKind, PledgeStatus
from tdkt.emulation.models import Criterion, Pledge, ScoringItem
from tdkt.emulation.scoring import format_points
from tdkt.org.enums import MembershipRole
from tdkt.org.models import BlockFollowUp, BlockMembership, EmulationBlock, Unit
from tdkt.scoring import formulas
from tdkt.scoring.enums import RoundState, SheetKind, SheetStatus, TieRule
from tdkt.scoring.models import Evidence, FinalScore, Reconciliation, ScoreLine, ScoreSheet, ScoringRound

HEAD_ROLES = (MembershipRole.HEAD, MembershipRole.DEPUTY)
#: From these states on, the block head sees every submitted sheet (its own unit's self score is locked).
HEAD_SEES_STATES = (RoundState.CROSS_SCORING, RoundState.CLOSED)


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def acts_for_unit(user: Any) -> bool:
    return (
        _signed_in(user) and user.unit_id is not None and user.role in (Role.UNIT_OFFICER, Role.UNIT_LEADER)
    )


def _heads(user: Any, block_ref: Any, year_ref: Any) -> Exists:
    return Exists(
        BlockMembership.objects.filter(
            block_id=block_ref, year=year_ref, unit_id=user.unit_id, role__in=HEAD_ROLES
        )
    )


# --- visibility -------------------------------------------------------------------------------------------------


def rounds_for_user(user: Any) -> QuerySet[ScoringRound]:
    """Rounds the user may see: all for Phòng TĐKT and council members, else those of the blocks the user's unit
    belongs to in the round's year. Other units get a 404."""
    rounds = ScoringRound.objects.select_related("pledge__block", "table_version")
    if not _signed_in(user):
        return rounds.none()
    if is_system_admin(user) or is_council_member(user):
        return rounds
    if user.unit_id is None:
        return rounds.none()
    return rounds.filter(
        Exists(
            BlockMembership.objects.filter(
                block_id=OuterRef("pledge__block_id"), year=OuterRef("pledge__year"), unit_id=user.unit_id
            )
        )
    )


def sheets_for_user(user: Any) -> QuerySet[ScoreSheet]:
    """Sheets the user may read (see the module docstring). Another unit's draft is never among them."""
    sheets = ScoreSheet.objects.select_related("round__pledge__block", "unit", "scorer_unit", "scorer_person")
    if not _signed_in(user):
        return sheets.none()
    seen = Q(pk__in=[])
    if user.unit_id is not None:
        seen |= Q(scorer_unit_id=user.unit_id)
    if is_council_member(user) and user.person_id is not None:
        seen |= Q(scorer_person_id=user.person_id)
    submitted = Q(status=SheetStatus.SUBMITTED)
    if is_system_admin(user):
        seen |= submitted
    elif acts_for_unit(user):
        seen |= (
            submitted
            & Q(round__state__in=HEAD_SEES_STATES)
            & Q(_heads(user, OuterRef("round__pledge__block_id"), OuterRef("round__pledge__year")))
        )
    return sheets.filter(seen)


def evidence_for_user(user: Any) -> QuerySet[Evidence]:
    """Evidence the user may open: that of the sheets the user may read, and, from the opening of cross scoring,
    that of the submitted self sheets of the units the user scores."""
    evidence = Evidence.objects.select_related("sheet__round__pledge", "criterion")
    if not _signed_in(user):
        return evidence.none()
    scores_it = Exists(
        ScoreSheet.objects.filter(
            scorer_filter(user),
            round_id=OuterRef("sheet__round_id"),
            unit_id=OuterRef("sheet__unit_id"),
            kind=SheetKind.PEER,
        )
    )
    return evidence.filter(
        Q(sheet__in=sheets_for_user(user).values("pk"))
        | Q(
            scores_it,
            sheet__kind=SheetKind.SELF,
            sheet__status=SheetStatus.SUBMITTED,
            sheet__round__state__in=HEAD_SEES_STATES,
        )
    )


def scorer_filter(user: Any) -> Q:
    """Sheets the user writes: those of the user's unit (officers and leaders), or the council member's own."""
    scorer = Q(pk__in=[])
    if acts_for_unit(user):
        scorer |= Q(scorer_unit_id=user.unit_id)
    if is_council_member(user) and user.person_id is not None:
        scorer |= Q(scorer_person_id=user.person_id)
    return scorer


def scorer_view_of_unit(user: Any, sheet: ScoreSheet) -> tuple[dict[int, list[Evidence]], dict[str, str]]:
    """What a cross-scoring sheet's reader may see of the scored unit's self score: its evidence by criterion and
    its notes by line — never its points. Empty unless the unit's self score was submitted and the user scores
    the unit (or may read the self sheet itself)."""
    target = sheet.round.sheets.filter(
        kind=SheetKind.SELF, unit_id=sheet.unit_id, status=SheetStatus.SUBMITTED
    ).first()
    if target is None:
        return {}, {}
    scores_it = (
        sheet.round.state in HEAD_SEES_STATES
        and sheet.round.sheets.filter(
            scorer_filter(user), unit_id=sheet.unit_id, kind=SheetKind.PEER
        ).exists()
    )
    if not scores_it and not sheets_for_user(user).filter(pk=target.pk).exists():
        return {}, {}
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    for item in evidence_for_user(user).filter(sheet=target).order_by("added_at", "pk"):
        evidence[item.criterion_id].append(item)
    notes = {key: line.note for key, line in sheet_values(target).items() if line.note}
    return evidence, notes


def final_scores_for_user(user: Any) -> QuerySet[FinalScore]:
    """Breakdowns the user may read: every unit's for Phòng TĐKT, council members and the block head; a member's
    own for its people. Final scores exist only once a round is closed."""
    scores = FinalScore.objects.select_related("round__pledge__block", "unit")
    if not _signed_in(user):
        return scores.none()
    if is_system_admin(user) or is_council_member(user):
        return scores
    if user.unit_id is None:
        return scores.none()
    seen = Q(unit_id=user.unit_id)
    if acts_for_unit(user):
        seen |= Q(_heads(user, OuterRef("round__pledge__block_id"), OuterRef("round__pledge__year")))
    return scores.filter(seen)


def round_list(user: Any, year: int | None = None) -> QuerySet[ScoringRound]:
    rounds = rounds_for_user(user)
    if year is not None:
        rounds = rounds.filter(pledge__year=year)
    return rounds.order_by("-pledge__year", "pledge__block__name_sort", "pk")


def round_years(user: Any) -> list[int]:
    return list(
        rounds_for_user(user).order_by("-pledge__year").values_list("pledge__year", flat=True).distinct()
    )


def pledges_for_new_round(user: Any) -> QuerySet[Pledge]:
    """Signed pledges without a scoring round that the user may start one on: all for Phòng TĐKT, else those of
    the blocks the user's unit heads (or is deputy of) in the pledge's year."""
    pledges = (
        Pledge.objects.filter(status=PledgeStatus.SIGNED, scoring_round__isnull=True)
        .select_related("block")
        .order_by("-year", "block__name_sort")
    )
    if not _signed_in(user):
        return pledges.none()
    if is_system_admin(user):
        return pledges
    if not acts_for_unit(user):
        return pledges.none()
    return pledges.filter(_heads(user, OuterRef("block_id"), OuterRef("year")))


# --- the table --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableRow:
    """A row of the round's table as the pages show it: a heading (a criterion with sub-criteria), a leaf
    criterion, or a bonus or penalty item. Only leaf criteria and items take points (``key`` is not empty)."""

    kind: str
    key: str
    depth: int
    code: str
    name: str
    maximum: Decimal
    guidance: str = ""
    group: str = ""
    path: str = ""
    criterion: Criterion | None = None
    item: ScoringItem | None = None

    @property
    def takes_points(self) -> bool:
        return bool(self.key)

    @property
    def is_heading(self) -> bool:
        return not self.key

    @property
    def is_item(self) -> bool:
        return self.item is not None

    @property
    def label(self) -> str:
        """How messages name the row: "Tiêu chí I › 1", "Điểm thưởng 2"."""
        if self.kind == formulas.BONUS:
            return _("Điểm thưởng %(code)s") % {"code": self.code}
        if self.kind == formulas.PENALTY:
            return _("Điểm trừ %(code)s") % {"code": self.code}
        return _("Tiêu chí %(path)s") % {"path": self.path}


def criterion_key(criterion_id: int) -> str:
    return f"c{criterion_id}"


def item_key(kind: str, item_id: int) -> str:
    return f"{'b' if kind == AdjustmentKind.BONUS else 'p'}{item_id}"


def table_rows(scoring_round: ScoringRound) -> list[TableRow]:
    """The round's table (its pledge's, signed and locked) as rows in printed order."""
    return pledge_table_rows(scoring_round.pledge)


def pledge_table_rows(pledge: Pledge) -> list[TableRow]:
    """A pledge's table as rows in printed order: criteria (headings and leaves), then bonus items, then penalty
    items (two queries)."""
    criteria = list(Criterion.objects.filter(table__pledge_id=pledge.pk).order_by("position"))
    with_children = {c.parent_id for c in criteria if c.parent_id is not None}
    by_id = {c.pk: c for c in criteria}
    rows: list[TableRow] = []
    for criterion in criteria:
        chain = [criterion]
        while chain[-1].parent_id is not None:
            chain.append(by_id[chain[-1].parent_id])
        chain.reverse()
        leaf = criterion.pk not in with_children
        rows.append(
            TableRow(
                kind=formulas.CRITERION if leaf else "heading",
                key=criterion_key(criterion.pk) if leaf else "",
                depth=criterion.depth,
                code=criterion.code,
                name=criterion.name,
                maximum=criterion.max_points,
                guidance=criterion.guidance,
                group=chain[0].code,
                path=" › ".join(node.code for node in chain),
                criterion=criterion,
            )
        )
    # "bonus" sorts before "penalty": bonus items first, as the table prints them.
    for item in ScoringItem.objects.filter(table__pledge_id=pledge.pk).order_by("kind", "position"):
        kind = formulas.BONUS if item.kind == AdjustmentKind.BONUS else formulas.PENALTY
        rows.append(
            TableRow(
                kind=kind,
                key=item_key(item.kind, item.pk),
                depth=1,
                code=item.code,
                name=item.name,
                maximum=item.cap,
                guidance=_("%(points)s điểm mỗi lần, tối đa %(cap)s")
                % {"points": format_points(item.points), "cap": format_points(item.cap)},
                path=item.code,
                item=item,
            )
        )
    return rows


def lines_of(rows: Iterable[TableRow]) -> tuple[formulas.Line, ...]:
    return tuple(
        formulas.Line(key=row.key, kind=row.kind, group=row.group, maximum=row.maximum, label=row.path)
        for row in rows
        if row.takes_points
    )


def groups_of(rows: Iterable[TableRow]) -> list[TableRow]:
    """The criteria groups (depth 1) in order."""
    return [row for row in rows if row.criterion is not None and row.depth == 1]


def table_total(rows: Iterable[TableRow]) -> Decimal:
    return sum((row.maximum for row in rows if row.criterion is not None and row.depth == 1), Decimal(0))


def tie_rule_choices(rows: Iterable[TableRow]) -> list[tuple[str, str]]:
    """The tie rules a round may use: points in each criteria group, fewer penalties, more bonus points."""
    choices = [
        (
            formulas.GROUP_PREFIX + row.code,
            _("Điểm nhóm %(code)s. %(name)s") % {"code": row.code, "name": row.name},
        )
        for row in groups_of(rows)
    ]
    choices += [(str(value), str(label)) for value, label in TieRule.choices]
    return choices


def tie_rule_label(rule: str) -> str:
    group = formulas.rule_group(rule)
    if group is not None:
        return _("điểm nhóm tiêu chí %(code)s cao hơn") % {"code": group}
    if rule == TieRule.FEWER_PENALTIES:
        return _("ít điểm trừ hơn")
    if rule == TieRule.MORE_BONUS:
        return _("nhiều điểm thưởng hơn")
    return rule


def line_key(line: ScoreLine) -> str:
    """The key of a sheet's line (its item must be loaded with it)."""
    if line.criterion_id is not None:
        return criterion_key(line.criterion_id)
    assert line.item is not None
    return item_key(line.item.kind, line.item.pk)


def sheet_values(sheet: ScoreSheet) -> dict[str, ScoreLine]:
    """The lines of one sheet by line key (one query)."""
    return {line_key(line): line for line in ScoreLine.objects.filter(sheet=sheet).select_related("item")}


def evidence_of(sheet: ScoreSheet) -> dict[int, list[Evidence]]:
    """A self sheet's evidence by criterion id."""
    grouped: dict[int, list[Evidence]] = defaultdict(list)
    for evidence in sheet.evidence.order_by("added_at", "pk"):
        grouped[evidence.criterion_id].append(evidence)
    return grouped


# --- who scores whom --------------------------------------------------------------------------------------------


def members_of(scoring_round: ScoringRound) -> list[BlockMembership]:
    """The block's member units that year (head, deputy, members), in Vietnamese order of their names."""
    memberships = BlockMembership.objects.filter(
        block_id=scoring_round.pledge.block_id, year=scoring_round.pledge.year
    ).select_related("unit")
    return sorted(memberships, key=lambda m: vn.sort_key(m.unit.name))


def followup_of(scoring_round: ScoringRound) -> BlockFollowUp | None:
    """The council member who follows the block that year."""
    return (
        BlockFollowUp.objects.filter(block_id=scoring_round.pledge.block_id, year=scoring_round.pledge.year)
        .select_related("council_member__person__unit")
        .first()
    )


def unit_parents() -> dict[int, int | None]:
    """Every unit's parent (the structure the conflicts of interest come from)."""
    return dict(Unit.objects.values_list("pk", "parent_id"))


def own_sheets(user: Any, scoring_round: ScoringRound) -> dict[str, Any]:
    """What the user scores in this round: its unit's self sheet and the peer sheets it (or, for a council member,
    the person) gives, in the order of the scored units' names."""
    self_sheet = None
    scorer = Q(pk__in=[])
    if _signed_in(user) and user.unit_id is not None:
        self_sheet = scoring_round.sheets.filter(kind=SheetKind.SELF, unit_id=user.unit_id).first()
        scorer |= Q(scorer_unit_id=user.unit_id)
    if is_council_member(user) and user.person_id is not None:
        scorer |= Q(scorer_person_id=user.person_id)
    peer = scoring_round.sheets.filter(scorer, kind=SheetKind.PEER).select_related("unit")
    return {
        "self": self_sheet,
        "peer": sorted(peer, key=lambda sheet: vn.sort_key(sheet.unit.name)),
    }


@dataclass
class BoardRow:
    """A member unit on the round's progress board: statuses only, never points."""

    membership: BlockMembership
    self_status: str | None = None
    given_submitted: int = 0
    given_total: int = 0
    received_submitted: int = 0
    received_total: int = 0

    @property
    def unit(self) -> Unit:
        return self.membership.unit


def progress_board(scoring_round: ScoringRound) -> list[BoardRow]:
    """Every member unit with its self sheet's status and how many cross-scoring sheets it has submitted of
    those it must give, and received of those it is due (two queries)."""
    rows = {m.unit_id: BoardRow(m) for m in members_of(scoring_round)}
    for kind, unit_id, scorer_unit_id, status in scoring_round.sheets.values_list(
        "kind", "unit_id", "scorer_unit_id", "status"
    ):
        submitted = status == SheetStatus.SUBMITTED
        if kind == SheetKind.SELF:
            if unit_id in rows:
                rows[unit_id].self_status = status
            continue
        if unit_id in rows:
            rows[unit_id].received_total += 1
            rows[unit_id].received_submitted += submitted
        if scorer_unit_id in rows:
            rows[scorer_unit_id].given_total += 1
            rows[scorer_unit_id].given_submitted += submitted
    return list(rows.values())


# --- inputs, live results, flags --------------------------------------------------------------------------------


@dataclass
class UnitInputs:
    """A scored unit's inputs as they stand (submitted sheets only) and what the formula makes of them."""

    unit: Unit
    inputs: formulas.Inputs | None
    result: formulas.Result | None
    scorer_names: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Flag:
    """A criterion where a unit's self points and its peers' mean differ by more than the margin."""

    unit: Unit
    row: TableRow
    self_points: Decimal
    peer_points: Decimal
    limit: Decimal
    reconciliation: Reconciliation | None

    @property
    def difference(self) -> Decimal:
        return abs(self.self_points - self.peer_points)

    @property
    def is_reconciled(self) -> bool:
        """Reconciled on the numbers that stand now (a reconciliation made before a late sheet does not hold)."""
        r = self.reconciliation
        return r is not None and r.self_points == self.self_points and r.peer_points == self.peer_points

    @property
    def is_stale(self) -> bool:
        return self.reconciliation is not None and not self.is_reconciled


@dataclass
class RoundInputs:
    rows: list[TableRow]
    units: dict[int, UnitInputs]
    flags: list[Flag]

    @property
    def open_flags(self) -> list[Flag]:
        return [flag for flag in self.flags if not flag.is_reconciled]


def _scorer_name(sheet: ScoreSheet) -> str:
    if sheet.scorer_unit is not None:
        return sheet.scorer_unit.display_name
    person = sheet.scorer_person
    return _("%(name)s (thành viên Hội đồng)") % {"name": person.full_name if person else "?"}


def round_inputs(scoring_round: ScoringRound) -> RoundInputs:
    """Every member's inputs from the submitted sheets, the formula's result, the flags and their
    reconciliations (a fixed number of queries, whatever the number of units and sheets)."""
    rows = table_rows(scoring_round)
    lines = lines_of(rows)
    by_key = {row.key: row for row in rows if row.takes_points}
    members = members_of(scoring_round)
    sheets = list(scoring_round.sheets.select_related("scorer_unit", "scorer_person").order_by("pk"))
    values: dict[int, dict[str, Decimal]] = defaultdict(dict)
    item_kinds = {row.item.pk: row.item.kind for row in rows if row.item is not None}
    for sheet_id, criterion_id, item_id, points in ScoreLine.objects.filter(
        sheet__round=scoring_round, sheet__status=SheetStatus.SUBMITTED, points__isnull=False
    ).values_list("sheet_id", "criterion_id", "item_id", "points"):
        key = criterion_key(criterion_id) if criterion_id else item_key(item_kinds[item_id], item_id)
        values[sheet_id][key] = points or Decimal(0)  # never None: filtered above
    reconciliations = {
        (r.unit_id, criterion_key(r.criterion_id)): r
        for r in Reconciliation.objects.filter(round=scoring_round).select_related("decided_by__person")
    }
    units: dict[int, UnitInputs] = {}
    flags: list[Flag] = []
    margin, margin_unit = scoring_round.margin, scoring_round.margin_unit
    for membership in members:
        unit = membership.unit
        own = [s for s in sheets if s.unit_id == unit.pk]
        self_sheet = next((s for s in own if s.kind == SheetKind.SELF and s.is_submitted), None)
        peers = [s for s in own if s.kind == SheetKind.PEER]
        entry = UnitInputs(unit=unit, inputs=None, result=None)
        entry.scorer_names = {s.scorer_key: _scorer_name(s) for s in peers}
        entry.missing = [_scorer_name(s) for s in peers if not s.is_submitted]
        submitted = [
            formulas.PeerSheet(scorer=s.scorer_key, values=values.get(s.pk, {}))
            for s in peers
            if s.is_submitted
        ]
        units[unit.pk] = entry
        if not submitted:
            continue
        inputs = formulas.Inputs(
            formula=scoring_round.formula,
            lines=lines,
            self_values=values.get(self_sheet.pk, {}) if self_sheet is not None else None,
            peers=tuple(submitted),
            self_weight=scoring_round.self_weight,
            peer_weight=scoring_round.peer_weight,
        )
        result = formulas.compute(inputs)
        entry.flagged = formulas.discrepancies(inputs, result, margin, margin_unit)
        unit_flags = []
        for key in entry.flagged:
            row = by_key[key]
            unit_flags.append(
                Flag(
                    unit=unit,
                    row=row,
                    self_points=(inputs.self_values or {}).get(key, Decimal(0)),
                    peer_points=result.peer_part[key],
                    limit=formulas.margin_limit(row.maximum, margin, margin_unit),
                    reconciliation=reconciliations.get((unit.pk, key)),
                )
            )
        overrides: dict[str, Decimal] = {}
        for flag in unit_flags:
            agreed = flag.reconciliation.points if flag.reconciliation is not None else None
            if flag.is_reconciled and agreed is not None:
                overrides[flag.row.key] = agreed
        if overrides:
            inputs = formulas.Inputs(
                formula=inputs.formula,
                lines=inputs.lines,
                self_values=inputs.self_values,
                peers=inputs.peers,
                self_weight=inputs.self_weight,
                peer_weight=inputs.peer_weight,
                overrides=overrides,
            )
            result = formulas.compute(inputs)
        entry.inputs, entry.result = inputs, result
        flags.extend(unit_flags)
    return RoundInputs(rows=rows, units=units, flags=flags)


def provisional_ranking(
    scoring_round: ScoringRound, collected: RoundInputs
) -> list[tuple[formulas.Ranked, UnitInputs]]:
    """The ranking the round would have if it closed now (for the block head and Phòng TĐKT only)."""
    entries = [
        rank_entry(entry.unit, entry.result) for entry in collected.units.values() if entry.result is not None
    ]
    ranked = formulas.rank(entries, scoring_round.tie_rules)
    return [(r, collected.units[int(r.key)]) for r in ranked]


def rank_entry(unit: Unit, result: formulas.Result) -> formulas.RankEntry:
    return formulas.RankEntry(
        key=str(unit.pk),
        total=result.total,
        groups=result.groups,
        bonus=result.bonus_total,
        penalty=result.penalty_total,
        order=unit.name_sort,
    )


# --- the ranking ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RankedUnit:
    """A unit in a closed round's ranking."""

    rank: int
    unit: Unit
    final_score: Decimal
    tied: bool = False
    decided_by: str = ""
    """The tie rule that placed it below a unit with the same score (a code, see :func:`tie_rule_label`)."""

    @property
    def decided_by_label(self) -> str:
        return tie_rule_label(self.decided_by) if self.decided_by else ""


def _ranked(scores: Iterable[FinalScore]) -> list[RankedUnit]:
    return [
        RankedUnit(
            rank=score.rank,
            unit=score.unit,
            final_score=score.total,
            tied=score.tied,
            decided_by=score.decided_by,
        )
        for score in scores
    ]


def ranking(block: EmulationBlock, year: int) -> list[RankedUnit]:
    """The ranking of the block's closed scoring round for ``year``: units best first, with their final scores
    (ties share a rank and are listed in Vietnamese order). Empty while there is no closed round.

    Not scoped to a user: callers show it only where the ranking is visible (after the close, to the people who
    see the round), e.g. the secret ballot's default list of candidates.
    """
    scores = FinalScore.objects.filter(
        round__pledge__block=block, round__pledge__year=year, round__state=RoundState.CLOSED
    ).select_related("unit")
    return _ranked(scores.order_by("rank", "unit__name_sort", "unit_id"))


def ranking_for_user(user: Any, scoring_round: ScoringRound) -> list[RankedUnit]:
    """The round's ranking if the user may see it (after the close, anyone who sees the round), else empty."""
    if not user.has_perm("scoring.view_ranking", scoring_round):
        return []
    return _ranked(
        scoring_round.final_scores.select_related("unit").order_by("rank", "unit__name_sort", "unit_id")
    )


# --- the breakdown of a final score -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PeerValue:
    label: str
    points: Decimal
    counted: bool


@dataclass(frozen=True)
class BreakdownLine:
    row: TableRow
    self_points: Decimal | None
    peers: list[PeerValue]
    peer_part: Decimal | None
    final: Decimal | None
    flagged: bool = False
    reason: str = ""
    agreed: Decimal | None = None


@dataclass(frozen=True)
class SheetSummary:
    label: str
    total: Decimal
    dropped: bool


@dataclass
class Breakdown:
    """A final score explained from what was stored at the close: each line's self and peer points, the sheets
    counted and dropped, the reconciliations, the group totals. ``named`` shows who scored; a member reading its
    own breakdown sees numbered sheets instead (ordered by total, so the order gives nothing away)."""

    final: FinalScore
    inputs: formulas.Inputs
    result: formulas.Result
    lines: list[BreakdownLine]
    sheets: list[SheetSummary]
    groups: list[tuple[TableRow, Decimal]]
    named: bool

    @property
    def self_submitted(self) -> bool:
        return self.inputs.self_values is not None

    @property
    def formula_text(self) -> str:
        return formula_text(self.inputs, self.result)


def formula_text(inputs: formulas.Inputs, result: formulas.Result) -> str:
    """The formula in words, with the numbers of this unit's case."""
    counted = len(result.counted)
    if inputs.formula == formulas.WEIGHTED:
        return ngettext(
            "Điểm mỗi tiêu chí = %(own)s%% × điểm tự chấm + %(peer)s%% × trung bình điểm của %(n)s phiếu chấm chéo.",
            "Điểm mỗi tiêu chí = %(own)s%% × điểm tự chấm + %(peer)s%% × trung bình điểm của %(n)s phiếu chấm chéo.",
            counted,
        ) % {
            "own": format_points(inputs.self_weight * 100),
            "peer": format_points(inputs.peer_weight * 100),
            "n": counted,
        }
    if inputs.formula == formulas.TRIMMED_MEAN:
        if result.dropped:
            return ngettext(
                "Điểm mỗi tiêu chí = trung bình điểm của %(n)s phiếu chấm chéo còn lại sau khi bỏ phiếu có tổng "
                "điểm cao nhất và phiếu có tổng điểm thấp nhất.",
                "Điểm mỗi tiêu chí = trung bình điểm của %(n)s phiếu chấm chéo còn lại sau khi bỏ phiếu có tổng "
                "điểm cao nhất và phiếu có tổng điểm thấp nhất.",
                counted,
            ) % {"n": counted}
        return ngettext(
            "Điểm mỗi tiêu chí = trung bình điểm của %(n)s phiếu chấm chéo (dưới %(min)s phiếu nên không bỏ phiếu nào).",
            "Điểm mỗi tiêu chí = trung bình điểm của %(n)s phiếu chấm chéo (dưới %(min)s phiếu nên không bỏ phiếu nào).",
            counted,
        ) % {"n": counted, "min": formulas.TRIM_MINIMUM}
    if inputs.formula == formulas.PANEL:
        return ngettext(
            "Điểm mỗi tiêu chí = trung bình điểm của %(n)s thành viên Tổ thẩm định.",
            "Điểm mỗi tiêu chí = trung bình điểm của %(n)s thành viên Tổ thẩm định.",
            counted,
        ) % {"n": counted}
    return ngettext(
        "Điểm mỗi tiêu chí = trung bình điểm của %(n)s phiếu chấm chéo.",
        "Điểm mỗi tiêu chí = trung bình điểm của %(n)s phiếu chấm chéo.",
        counted,
    ) % {"n": counted}


def breakdown(final: FinalScore, rows: list[TableRow], *, named: bool) -> Breakdown:
    """Explain a stored final score (no query beyond the table rows the caller passes)."""
    inputs = formulas.inputs_from_json(final.inputs)
    result = formulas.result_from_json(final.result)
    stored = {line.key for line in inputs.lines}
    totals = {sheet.scorer: formulas.sheet_total(sheet.values, inputs.lines) for sheet in inputs.peers}
    if named:
        names = {
            sheet.scorer: final.labels.get("scorers", {}).get(sheet.scorer, sheet.scorer)
            for sheet in inputs.peers
        }
        ordered = sorted(inputs.peers, key=lambda sheet: vn.sort_key(names[sheet.scorer]))
    else:
        ordered = sorted(inputs.peers, key=lambda sheet: (-totals[sheet.scorer], sheet.scorer))
        names = {sheet.scorer: _("Phiếu %(n)s") % {"n": n} for n, sheet in enumerate(ordered, start=1)}
    reasons = final.labels.get("reconciled", {})
    flagged = set(final.labels.get("flagged", []))
    own = inputs.self_values
    lines: list[BreakdownLine] = []
    for row in rows:
        if not row.takes_points or row.key not in stored:
            lines.append(BreakdownLine(row, None, [], None, None))
            continue
        lines.append(
            BreakdownLine(
                row=row,
                self_points=None if own is None else own.get(row.key, Decimal(0)),
                peers=[
                    PeerValue(
                        names[sheet.scorer],
                        sheet.values.get(row.key, Decimal(0)),
                        sheet.scorer in result.counted,
                    )
                    for sheet in ordered
                ],
                peer_part=result.peer_part.get(row.key),
                final=result.values.get(row.key),
                flagged=row.key in flagged,
                reason=reasons.get(row.key, ""),
                agreed=inputs.overrides.get(row.key),
            )
        )
    sheets = [
        SheetSummary(names[sheet.scorer], totals[sheet.scorer], sheet.scorer in result.dropped)
        for sheet in ordered
    ]
    groups = [(row, result.groups.get(row.code, Decimal(0))) for row in groups_of(rows)]
    return Breakdown(final, inputs, result, lines, sheets, groups, named)
