"""Ratio sweep and holder estimates against hand-computed figures."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from splitcalc import CapitalStructure, EstimateWarning, InputError, SplitRatio, UnknownExchange, rules
from splitcalc.scenarios import (
    HolderSizeDistribution,
    RuleValues,
    candidate_ratios,
    default_rules,
    parse_ratios,
    ratio_sweep,
)


# A frozen stand-in for splitcalc.rules' RuleSet, with the contract attribute names
# (team contracts, "Rules (issue 4)"), so the sweep is tested without that package.
@dataclasses.dataclass(frozen=True)
class _Rule:
    value: Any
    cite: str = "stand-in"
    effective: dt.date | None = None
    source: str = "test"
    uncertain: bool = False


@dataclasses.dataclass(frozen=True)
class _RuleSet:
    name: str = "nasdaq-global-stand-in"
    exchange: str = "Nasdaq"
    tier: str = "Global Market"
    as_of: dt.date = dt.date(2025, 6, 1)
    min_bid: _Rule = _Rule(Decimal("1.00"), "5450(a)(1)")
    price_test: _Rule = _Rule("consecutive_closing_bid")
    deficiency_days: _Rule = _Rule(30)
    regain_days: _Rule = _Rule(10)
    regain_days_max: _Rule = _Rule(20, uncertain=True)
    low_price_threshold: _Rule = _Rule(Decimal("0.10"))
    low_price_days: _Rule = _Rule(10)
    reverse_split_cumulative_limit: _Rule = _Rule(250)
    reverse_split_one_year_bar: _Rule = _Rule(True)
    compliance_period_days: _Rule = _Rule(180)
    min_publicly_held_shares: _Rule = _Rule(750_000, "5450(b)(1)(B)")
    min_public_holders: _Rule = _Rule(None)
    min_total_holders: _Rule = _Rule(400, "5450(a)(2)")
    min_round_lot_holders: _Rule = _Rule(None)
    min_mvphs: _Rule = _Rule(Decimal("5000000"), "5450(b)(1)(C)")


NEOT = CapitalStructure(outstanding=39_752_812, authorized=100_000_000, price=Decimal("0.17"), name="NeoTherapeutics")

# Bracket table used below: holders by position size (old shares).
BRACKETS = HolderSizeDistribution.from_brackets(
    [1, 10, 100, 1_000, 10_000, 1_000_000],
    [200, 150, 100, 50, 10],
)


def test_neotherapeutics_rows() -> None:
    sweep = ratio_sweep(NEOT, ratios="1-for-2..1-for-25")
    assert [r.ratio.old for r in sweep] == list(range(2, 26))
    r25 = sweep.row("1-for-25")
    # $0.17 x 25 = $4.25; 39,752,812 / 25 = 1,590,112.48 -> 1,590,112 shares
    assert r25.price_after_exact == Fraction(17, 4)
    assert r25.price_after == Decimal("4.2500")
    assert r25.shares_after == 1_590_112
    assert r25.publicly_held_after == 1_590_112  # no insiders
    # MVPHS 1,590,112 x 4.25 = 6,757,976.00
    assert r25.mvphs_after == Fraction(675_797_600, 100)
    # OCC: 100 / 25 = 4 shares, nothing in cash
    assert (r25.occ_deliverable_shares, r25.occ_cash_fraction) == (4, 0)
    # headroom: 100,000,000 - 1,590,112 = 98,409,888 (authorised unchanged)
    assert r25.available_for_issuance == 98_409_888
    r3 = sweep.row(3)
    # 100 / 3 = 33 shares + 1/3 share in cash; $0.17 x 3 = $0.51 < $1.00
    assert (r3.occ_deliverable_shares, r3.occ_cash_fraction) == (33, Fraction(1, 3))
    assert r3.meets_bid is False
    # 1-for-6 is the first at or above $1.00: 0.17 x 6 = 1.02; 0.17 x 5 = 0.85
    assert next(r.ratio.old for r in sweep if r.meets_bid) == 6
    assert r25.unknown == ("public holders",)
    assert sweep.holder_basis == "none"


def test_frame_and_dict() -> None:
    sweep = ratio_sweep(NEOT, ratios=[5, 25])
    frame = sweep.to_frame()
    assert list(frame.index) == ["1-for-5", "1-for-25"]
    assert frame.loc["1-for-25", "occ_deliverable"] == "4 sh"
    assert not frame.loc["1-for-5", "meets_bid"]
    assert frame.loc["1-for-25", "meets_bid"]
    assert "meets_publicly_held_shares" in frame.columns
    d = sweep.to_dict()
    assert d["rows"][1]["price_after_exact"] == Fraction(17, 4)
    assert d["rows"][1]["checks"]["min_mvphs"]["met"] is True
    assert "ratio sweep" in str(sweep)
    assert "<table" in sweep._repr_html_()


def test_insiders_reduce_publicly_held() -> None:
    cap = CapitalStructure(outstanding=1_600_000, insiders=100_000, price=Decimal("0.30"))
    row = ratio_sweep(cap, ratios=[4]).row(4)
    # (1,600,000 - 100,000) / 4 = 375,000 < 500,000 (5550(a)(4))
    assert row.publicly_held_after == 375_000
    assert row.checks["min_publicly_held_shares"].met is False
    assert row.checks["min_publicly_held_shares"].margin == -125_000
    # MVPHS 375,000 x $1.20 = $450,000 < $1,000,000
    assert row.checks["min_mvphs"].actual == Decimal("450000.00")
    assert row.failed == ("publicly held shares", "MVPHS")


def test_bracket_estimate_by_hand() -> None:
    # keep threshold 1-for-13 = 13 shares; log-uniform in [10, 100):
    # 150 x (log 100 - log 13) / (log 100 - log 10) = 150 x 0.886057 = 132.91, + 100 + 50 + 10 = 292.91 -> 293
    est = BRACKETS.estimate(SplitRatio(1, 13))
    assert est.public_holders_before == 510
    assert est.public_holders_after == 293
    # round lot: >= 1,300 old shares: 50 x (4 - log10 1300) = 44.30, + 10 = 54.30 -> 54
    assert est.round_lot_holders_after == 54
    # before: >= 100 shares = 100 + 50 + 10 = 160
    assert est.round_lot_holders_before == 160
    assert est.holders_eliminated == 510 - 293


def test_round_up_keeps_every_holder() -> None:
    est = BRACKETS.estimate(13, "round_up")
    assert est.public_holders_after == 510
    # round-lot under round-up: ceil(x / 13) >= 100 <=> x > 1,287: 50 x (4 - log10 1287) + 10 = 54.52 -> 55
    assert est.round_lot_holders_after == 55
    nearest = BRACKETS.estimate(10, "round_nearest")
    # keep x >= 5: 200 x (1 - log10 5) = 60.21, + 310 = 370.21 -> 370
    assert nearest.public_holders_after == 370


def test_lognormal_median_by_hand() -> None:
    d = HolderSizeDistribution.lognormal(1_000, publicly_held=1_000_000, sigma=2.0)
    # mean 1,000; mu = ln 1000 - 2; half the holders sit at or above exp(mu) = 1000 / e^2
    assert d.at_least(1_000 / math.e**2) == pytest.approx(500.0)
    # one sigma above the median: 1 - Phi(1) = 0.158655 -> 158.66 holders
    assert d.at_least(1_000 / math.e**2 * math.e**2) == pytest.approx(158.655, abs=1e-3)
    assert "assumption" in d.describe()


def test_holder_count_gives_estimate_warning() -> None:
    cap = CapitalStructure(outstanding=10_000_000, price=Decimal("0.50"))
    with pytest.warns(EstimateWarning, match="estimates"):
        sweep = ratio_sweep(cap, ratios=[2, 10], holders=2_000)
    assert sweep.holder_basis == "estimate"
    row = sweep.row(10)
    assert row.holders_estimated
    assert row.checks["min_public_holders"].estimated
    assert row.public_holders_after is not None
    assert row.public_holders_after <= 2_000


def test_ruleset_stand_in_is_read_by_contract_names() -> None:
    values = RuleValues.from_rules(_RuleSet())
    assert values.min_bid is not None
    assert values.min_bid.value == Decimal("1.00")
    assert values.min_public_holders is None  # value None = not applicable
    assert values.min_total_holders is not None
    assert values.min_total_holders.value == 400
    assert values.one_year_bar is not None
    assert values.one_year_bar.value is True
    assert values.uncertain() == ("regain_days_max",)
    assert "Nasdaq Global Market" in values.name
    sweep = ratio_sweep(NEOT, ratios=[25], rules=_RuleSet(), holders=BRACKETS)
    row = sweep.row(25)
    # total holders: >= 25 shares: 150 x (2 - log10 25) = 90.31, + 160 = 250.31 -> 250 < 400
    assert row.total_holders_after == 250
    assert row.checks["min_total_holders"].met is False
    # PHS 1,590,112 >= 750,000; MVPHS $6,757,976 >= $5M
    assert row.checks["min_publicly_held_shares"].met is True
    assert row.checks["min_mvphs"].met is True
    assert set(row.checks) == {"min_publicly_held_shares", "min_total_holders", "min_mvphs"}


def test_holdings_totals_are_used() -> None:
    @dataclasses.dataclass(frozen=True)
    class Totals:
        holders_after: int
        public_holders_after: int
        round_lot_holders_after: int
        holders_eliminated: int
        shares_after: int
        public_shares_after: int

    class FakeHoldings:
        def __init__(self) -> None:
            self.calls: list[tuple[SplitRatio, str]] = []

        def apply(self, ratio: SplitRatio, *, fractional: str) -> Any:
            self.calls.append((ratio, fractional))
            n = ratio.old
            return type("R", (), {"totals": Totals(1000 // n, 900 // n, 500 // n, 1000 - 1000 // n, 100 * n, 50 * n)})

    h = FakeHoldings()
    sweep = ratio_sweep(NEOT, ratios=[2, 4], holdings=h)
    assert sweep.holder_basis == "holdings"
    row = sweep.row(4)
    assert (row.total_holders_after, row.public_holders_after, row.round_lot_holders_after) == (250, 225, 125)
    assert row.publicly_held_after == 200
    assert row.holders_estimated is False
    assert [c[0].old for c in h.calls] == [2, 4]


def test_candidates_and_parsing() -> None:
    assert [r.old for r in candidate_ratios("1-for-25", "1-for-20")] == [20, 21, 22, 23, 24, 25]
    assert [r.old for r in parse_ratios("2..4")] == [2, 3, 4]
    assert parse_ratios(range(2, 4)) == (SplitRatio(1, 2), SplitRatio(1, 3))
    assert parse_ratios("1-for-10, 1-for-5") == (SplitRatio(1, 5), SplitRatio(1, 10))
    with pytest.raises(InputError, match="ratios"):
        parse_ratios([])
    with pytest.raises(InputError, match="low"):
        candidate_ratios(1, 5)
    with pytest.raises(InputError, match="structure"):
        ratio_sweep("not a structure", ratios=[2])  # type: ignore[arg-type]
    with pytest.raises(InputError, match="rules"):
        ratio_sweep(NEOT, ratios=[2], rules=42)
    with pytest.raises(UnknownExchange, match="nasdaq-moon"):
        ratio_sweep(NEOT, ratios=[2], rules="nasdaq-moon")
    with pytest.raises(InputError, match="ratio"):
        ratio_sweep(NEOT, ratios=[2]).row(3)


def test_bad_brackets() -> None:
    with pytest.raises(InputError, match="edges"):
        HolderSizeDistribution.from_brackets([1, 10], [1, 2])
    with pytest.raises(InputError, match="edges"):
        HolderSizeDistribution.from_brackets([0, 10], [1])
    with pytest.raises(InputError, match="publicly_held"):
        HolderSizeDistribution.lognormal(100, publicly_held=10)


def test_default_rules_are_cited() -> None:
    assert default_rules().min_public_holders is not None
    assert "5550(a)(3)" in default_rules().min_public_holders.cite
    assert RuleValues.coerce(None) is default_rules()


def test_inputs_not_mutated() -> None:
    ratios = [25, 5]
    before = NEOT
    ratio_sweep(NEOT, ratios=ratios)
    assert ratios == [25, 5]
    assert before == NEOT


def test_real_rule_sets() -> None:
    # the 2002 National Market set has a bid test but no PHS / holder minimums in the rules data
    nnm = RuleValues.coerce(rules.get("nnm", as_of="2002-07-23"))
    assert nnm.min_bid is not None
    assert nnm.min_bid.value == Decimal("1.00")
    assert nnm.compliance_period_days is not None
    assert nnm.compliance_period_days.value == 90
    assert list(nnm.minimums()) == []
    nyse = ratio_sweep(NEOT, ratios=[25], rules="nyse").rules
    assert nyse.price_test is not None
    assert nyse.price_test.value == "average_30_trading_days"


def test_neotherapeutics_synthetic_holder_file() -> None:
    from splitcalc import Holdings
    from tests.conftest import REPO_ROOT

    holdings = Holdings.from_csv(REPO_ROOT / "data" / "examples" / "neotherapeutics-2002-holders.csv")
    sweep = ratio_sweep(NEOT, ratios=[10, 25], holdings=holdings)
    r25 = sweep.row(25)
    totals = holdings.apply(SplitRatio(1, 25)).totals
    assert r25.public_holders_after == totals.public_holders_after
    assert r25.publicly_held_after == totals.public_shares_after
    assert r25.shares_after == totals.shares_after <= 1_590_112
    assert r25.public_holders_after is not None
    assert sweep.row(10).public_holders_after is not None
    assert r25.public_holders_after <= sweep.row(10).public_holders_after


def test_a_ratio_needing_more_authorised_shares_is_left_out_with_a_note() -> None:
    # 10 shares, 10 authorised, round up, authorised reduced by the ratio: 1-for-3 needs 4 (10/3 up) but only
    # 3 are left (10/3 down); 1-for-4 needs 3 of 2; 1-for-2 (5 of 5) and 1-for-5 (2 of 2) can be effected
    cap = CapitalStructure(outstanding=10, authorized=10, price=Decimal("0.17"))
    sweep = ratio_sweep(cap, ratios="1-for-2..1-for-5", fractional="round_up", authorized="proportional")
    assert [str(row.ratio) for row in sweep.rows] == ["1-for-2", "1-for-5"]
    left_out = [n for n in sweep.notes if n.startswith("left out")]
    assert len(left_out) == 2 and "1-for-3 split needs 4 authorised shares" in left_out[0]
    with pytest.raises(InputError, match="authorized"):  # nothing left to sweep: the first reason
        ratio_sweep(cap, ratios="1-for-3..1-for-4", fractional="round_up", authorized="proportional")


def test_rule_values_are_a_view_of_ruleset_rows() -> None:
    """RuleValues holds no rule value of its own: every value is the RuleSet row's, read on access."""
    from splitcalc.scenarios import RuleValue, initial_listing

    assert [f.name for f in dataclasses.fields(RuleValues)] == ["ruleset", "label"]
    rs = rules.get("nyse", as_of="2025-06-02")
    view = RuleValues.coerce(rs)
    assert view.ruleset is rs
    for attr, row_name in (("min_bid", "min_bid"), ("one_year_bar", "reverse_split_one_year_bar")):
        row = getattr(rs, row_name)
        got = getattr(view, attr)
        assert got is not None and (got.value, got.cite, got.uncertain) == (row.value, row.cite, row.uncertain)
    assert view.min_public_holders is None and rs.min_public_holders.value is None  # no row value: not applicable
    changed = view.with_values(regain_days=RuleValue(7, "scenario"), min_bid=None)
    assert changed.ruleset.regain_days.value == 7 and changed.regain_days == RuleValue(7, "scenario")
    assert changed.min_bid is None and changed.ruleset.min_bid.value is None
    assert view.regain_days == RuleValue(rs.regain_days.value, rs.regain_days.cite, rs.regain_days.uncertain)
    # the uplisting view reads the tier's initial-listing rows, cites and all
    cm = rules.get("nasdaq-capital", as_of="2025-06-02")
    up = initial_listing(cm)
    assert up.min_bid is not None and (up.min_bid.value, up.min_bid.cite) == (
        cm.initial_min_bid.value,
        cm.initial_min_bid.cite,
    )
    assert up.min_public_holders is None and up.min_mvphs is None
    assert up.regain_days == RuleValues.coerce(cm).regain_days  # the price rules stay the base's
    with pytest.raises(InputError, match="not a rule value"):
        view.with_values(bogus=None)
