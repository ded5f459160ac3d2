"""Invariants of the sweep, the solver and the per-path rules (hypothesis, small sizes)."""

from __future__ import annotations

import itertools
from decimal import Decimal
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from splitcalc import CapitalStructure
from splitcalc.scenarios import HolderSizeDistribution, RuleValue, default_rules, ratio_sweep, recommend_ratio
from splitcalc.scenarios.simulate import _path_events

structures = st.builds(
    lambda out, ins_pct, cents: CapitalStructure(
        outstanding=out, insiders=out * ins_pct // 100, price=Decimal(cents) / 100
    ),
    st.integers(10_000, 200_000_000),
    st.integers(0, 60),
    st.integers(1, 300),
)
brackets = st.lists(st.integers(0, 2_000), min_size=5, max_size=5).map(
    lambda c: (
        HolderSizeDistribution.from_brackets([1, 10, 100, 1_000, 10_000, 1_000_000], c)
        if sum(c)
        else HolderSizeDistribution.from_brackets([1, 10], [1])
    )
)


@settings(max_examples=40, deadline=None)
@given(structures, brackets)
def test_sweep_is_monotone_in_the_ratio(cap: CapitalStructure, dist: HolderSizeDistribution) -> None:
    sweep = ratio_sweep(cap, ratios=range(2, 31), holders=dist)
    rows = list(sweep)
    for a, b in itertools.pairwise(rows):
        assert a.price_after_exact is not None
        assert b.price_after_exact is not None
        assert b.price_after_exact > a.price_after_exact
        assert b.publicly_held_after <= a.publicly_held_after
        assert b.public_holders_after is not None
        assert a.public_holders_after is not None
        assert b.public_holders_after <= a.public_holders_after
        assert b.round_lot_holders_after is not None
        assert a.round_lot_holders_after is not None
        assert b.round_lot_holders_after <= a.round_lot_holders_after
    for row in rows:
        # price x old / new exactly; PHS = floor((outstanding - insiders) / N)
        assert row.price_after_exact == Fraction(cap.price) * row.ratio.old  # type: ignore[arg-type]
        assert row.publicly_held_after == cap.publicly_held // row.ratio.old
        assert row.occ_deliverable_shares == 100 // row.ratio.old


@settings(max_examples=40, deadline=None)
@given(structures, brackets, st.sampled_from(["1.00", "1.50", "2.00", "4.00"]))
def test_recommendation_is_the_smallest_passing_ratio(
    cap: CapitalStructure, dist: HolderSizeDistribution, target: str
) -> None:
    rec = recommend_ratio(cap, ratios=range(2, 26), holders=dist, target_price=target)

    def passes(row: object) -> bool:
        return row.price_after_exact >= Fraction(target) and row.meets_minimums is not False  # type: ignore[attr-defined]

    passing = [r.ratio for r in rec.sweep if passes(r)]
    assert rec.ratio == (passing[0] if passing else None)
    assert bool(rec.binding) == (rec.ratio is None)


def _naive(closes: list[float], regain: int, deficiency: int, low: float, low_days: int) -> tuple[int, int, bool]:
    """Day-by-day reading of rules.md §1 rows 2, 4 and 7 (the loop the vectorised code replaces).

    The path starts inside a compliance period (session 0 = the split). In a period, a run of ``low_days``
    closes at or below ``low`` ends it (the $0.10 rule: no regain after that) and a run of ``regain`` closes
    at or above $1 regains; after a regain, ``deficiency`` closes below $1 make a new deficiency, whose period
    runs from the notice (the next session): both runs count from there.
    """

    def settle(start: int) -> tuple[int, bool]:
        above = low_run = 0
        for i in range(start, len(closes)):
            above = above + 1 if closes[i] >= 1.0 else 0
            low_run = low_run + 1 if closes[i] <= low else 0
            if low_run >= low_days:
                return -1, True
            if above >= regain:
                return i, False
        return -1, False

    g, low_hit = settle(0)
    if g < 0:
        return g, -1, low_hit
    below = 0
    for i in range(g + 1, len(closes)):
        below = below + 1 if closes[i] < 1.0 else 0
        if below >= deficiency:
            return g, i, settle(i + 1)[1]
    return g, -1, False


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([0.05, 0.5, 0.99, 1.0, 1.7]), min_size=1, max_size=90))
def test_path_rules_match_a_day_by_day_loop(closes: list[float]) -> None:
    rules = default_rules().with_values(
        regain_days=RuleValue(3, "t"),
        deficiency_days=RuleValue(5, "t"),
        low_price_days=RuleValue(2, "t"),
    )
    e = _path_events(np.log(np.array([closes])), rules, "consecutive_closing_bid", None)
    g, d, low = _naive(closes, 3, 5, 0.10, 2)
    assert (int(e.regain[0]), int(e.deficiency[0]), bool(e.low_price[0])) == (g, d, low)
