"""The count's arithmetic (hypothesis): exact shares, the 2/3 rounding, quorum, seats and ties."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.ballots import tally

shares = st.fractions(min_value=0, max_value=1, max_denominator=1000)


@given(
    numerator=st.integers(1, 99),
    denominator=st.integers(1, 100),
    total=st.integers(1, 100_000),
    count=st.integers(0, 100_000),
    comparison=st.sampled_from([tally.GE, tally.GT]),
)
def test_a_typed_fraction_decides_exactly_like_the_fraction(numerator, denominator, total, count, comparison):
    if numerator > denominator:
        numerator, denominator = denominator, numerator
    share = tally.parse_share(f"{numerator}/{denominator}", comparison)
    exact = Fraction(numerator, denominator) * total
    expected = count >= exact if comparison == tally.GE else count > exact
    assert tally.meets(count, total, share, comparison) is expected


@pytest.mark.parametrize(
    ("text", "comparison", "value"),
    [
        ("0,8", "ge", "0.8"),
        ("80%", "ge", "0.8"),
        ("80 %", "gt", "0.8"),
        ("2/3", "ge", "0.666666"),
        ("2/3", "gt", "0.666667"),
        ("1/2", "gt", "0.5"),
        ("1", "ge", "1"),
        ("0", "ge", "0"),
    ],
)
def test_shares_are_read_as_vietnamese_write_them(text, comparison, value):
    assert tally.parse_share(text, comparison) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "1.2", "120%", "3/2", "1/0", "-0.1"])
def test_bad_shares_are_refused(text):
    with pytest.raises(ValueError):
        tally.parse_share(text)


def test_the_legal_thresholds_on_small_councils():
    rule = tally.Rule(threshold=Decimal("0.8"), comparison=tally.GE, base=tally.ROLL, quorum=Decimal("0.8"))
    # 8 of 10 members reach 80 %; 7 of 9 (77.8 %) do not; absentees count in the base (all members).
    assert tally.evaluate(rule, tally.Counts(10, 10, 10, {"x": 8})).lines[0].outcome == tally.ELECTED
    assert tally.evaluate(rule, tally.Counts(9, 9, 9, {"x": 7})).lines[0].outcome == tally.NOT_REACHED
    assert tally.evaluate(rule, tally.Counts(10, 8, 8, {"x": 8})).lines[0].outcome == tally.ELECTED
    assert tally.evaluate(rule, tally.Counts(10, 7, 7, {"x": 7})).lines[0].outcome == tally.NOT_REACHED
    no_quorum = tally.evaluate(
        tally.Rule(threshold=Decimal("0.5"), quorum=Decimal("0.8")), tally.Counts(10, 7, 7, {"x": 7})
    )
    assert not no_quorum.quorum_met and no_quorum.lines[0].outcome == tally.NO_QUORUM


def test_a_share_of_those_voting_counts_invalid_ballots_in_the_base():
    rule = tally.Rule(threshold=Decimal("0.5"), comparison=tally.GT, base=tally.VOTING)
    result = tally.evaluate(rule, tally.Counts(roll=9, present=8, received=8, votes={"a": 4, "b": 5}))
    assert result.base == 8 and [line.outcome for line in result.lines] == [tally.NOT_REACHED, tally.ELECTED]


@given(
    roll=st.integers(1, 60),
    data=st.data(),
    threshold=shares,
    quorum=shares,
    comparison=st.sampled_from([tally.GE, tally.GT]),
    base=st.sampled_from([tally.ROLL, tally.VOTING]),
    seats=st.integers(1, 4),
)
def test_outcomes_follow_the_rule(roll, data, threshold, quorum, comparison, base, seats):
    present = data.draw(st.integers(0, roll))
    received = data.draw(st.integers(0, present))
    names = data.draw(st.integers(1, 8))
    votes = {i: data.draw(st.integers(0, received)) for i in range(names)}
    rule = tally.Rule(
        threshold=tally.parse_share(str(threshold), comparison) or Decimal("0.000001"),
        comparison=comparison,
        base=base,
        quorum=tally.parse_share(str(quorum)),
        seats=seats,
    )
    result = tally.evaluate(rule, tally.Counts(roll, present, received, votes))
    base_count = roll if base == tally.ROLL else received
    assert result.base == base_count
    assert result.quorum_met is (present >= Fraction(rule.quorum) * roll)
    by_key = {line.key: line for line in result.lines}
    elected = [line for line in result.lines if line.outcome == tally.ELECTED]
    assert len(elected) <= seats
    for line in result.lines:
        exact = Fraction(rule.threshold) * base_count
        reached = base_count > 0 and (line.votes >= exact if comparison == tally.GE else line.votes > exact)
        assert line.reached is reached
        assert (line.outcome == tally.NOT_REACHED) is (not reached)
        if reached and not result.quorum_met:
            assert line.outcome == tally.NO_QUORUM
        if line.outcome == tally.ELECTED:
            # whoever reached the threshold with more votes is elected too
            assert all(
                by_key[k].outcome == tally.ELECTED
                for k, v in votes.items()
                if by_key[k].reached and v > line.votes
            )
        if base_count:
            assert abs(line.share - Decimal(line.votes) / base_count) <= Decimal("0.0000005")
    if any(line.outcome == tally.TIED for line in result.lines):
        assert len(elected) < seats
    reached_sorted = sorted((line.votes for line in result.lines if line.reached), reverse=True)
    if result.quorum_met and len(reached_sorted) <= seats:
        assert len(elected) == len(reached_sorted)
