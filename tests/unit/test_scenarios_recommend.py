"""Ratio solver: hand-computed cases, including a holder minimum that binds."""

from __future__ import annotations

from decimal import Decimal

import pytest

from splitcalc import CapitalStructure, InputError, SplitRatio
from splitcalc.scenarios import (
    HolderSizeDistribution,
    initial_listing,
    recommend_ratio,
)

NEOT = CapitalStructure(outstanding=39_752_812, price=Decimal("0.17"))

# holders by position size (old shares): [1,10) 200, [10,100) 150, [100,1k) 100, [1k,10k) 50, [10k,1M) 10
BRACKETS = HolderSizeDistribution.from_brackets(
    [1, 10, 100, 1_000, 10_000, 1_000_000],
    [200, 150, 100, 50, 10],
)


def test_default_cushion_neotherapeutics() -> None:
    rec = recommend_ratio(NEOT, ratios=range(2, 26))
    # target 1.5 x $1.00 = $1.50; $0.17 x 8 = $1.36 < $1.50 <= $0.17 x 9 = $1.53
    assert rec.ratio == SplitRatio(1, 9)
    assert rec.target_price == Decimal("1.50")
    assert rec.feasible
    assert "Desai & Jain" in rec.target_basis
    assert any("1-for-8 would give $1.36" in r for r in rec.reasons)
    assert rec.unchecked == ("public holders",)
    assert rec.row is not None
    assert rec.row.price_after == Decimal("1.5300")


def test_uplisting_target() -> None:
    # $4.00 initial-listing bid: $0.17 x 23 = $3.91 < $4.00 <= $0.17 x 24 = $4.08
    rec = recommend_ratio(NEOT, ratios="1-for-2..1-for-25", rules=initial_listing(), cushion=1)
    assert rec.ratio == SplitRatio(1, 24)
    assert rec.target_price == Decimal("4.00")
    # 39,752,812 / 24 = 1,656,367 PHS >= 1,000,000 (5505(a))
    assert rec.row is not None
    assert rec.row.checks["min_publicly_held_shares"].actual == 1_656_367


def test_holder_minimum_binds_not_price() -> None:
    cap = CapitalStructure(outstanding=100_000_000, price=Decimal("0.12"))
    rec = recommend_ratio(cap, ratios=range(2, 21), holders=BRACKETS)
    # price: target $1.50 needs 0.12 x N >= 1.50 -> N >= 12.5 -> 1-for-13 ($1.56); the price is reachable.
    # holders at 1-for-13: 150 x (2 - log10 13) + 160 = 292.91 -> 293 < 300 (5550(a)(3)), short by 7.
    assert rec.ratio is None
    assert not rec.feasible
    [binding] = rec.binding
    assert binding.constraint == "public holders"
    assert binding.ratio == SplitRatio(1, 13)
    assert (binding.actual, binding.required, binding.shortfall) == (293, 300, 7)
    # 300 holders hold up to 1-for-11: 150 x (2 - log10 11) + 160 = 303.79 -> 304; 1-for-12: 298.12 -> 298
    assert "hold up to 1-for-11, where the price is $1.32" in binding.detail
    assert "5550(a)(3)" in binding.cite
    assert rec.to_frame().loc["public holders", "actual"] == 293
    assert "No authorised ratio" in str(rec)


def test_holders_fine_when_price_needs_less() -> None:
    cap = CapitalStructure(outstanding=100_000_000, price=Decimal("0.20"))
    rec = recommend_ratio(cap, ratios=range(2, 21), holders=BRACKETS)
    # $0.20 x 8 = $1.60 >= $1.50 > $1.40; holders at 1-for-8: 200 x (1 - log10 8) + 310 = 329.38 -> 329 >= 300
    assert rec.ratio == SplitRatio(1, 8)
    row = rec.row
    assert row is not None
    assert row.public_holders_after == 329
    assert any("public holders: est. 329 >= 300" in r for r in rec.reasons)


def test_publicly_held_shares_bind() -> None:
    # Nasdaq's own example (rules.md §2): 1,600,000 PHS, 1-for-4 -> 400,000 < 500,000
    cap = CapitalStructure(outstanding=1_600_000, price=Decimal("0.30"))
    rec = recommend_ratio(cap, ratios=range(2, 11))
    # price needs 0.30 x N >= 1.50 -> 1-for-5; PHS 320,000 < 500,000, short 180,000; MVPHS 320,000 x 1.50 = 480,000
    assert rec.ratio is None
    by = {s.constraint: s for s in rec.binding}
    assert by["publicly held shares"].actual == 320_000
    assert by["publicly held shares"].shortfall == 180_000
    assert "hold up to 1-for-3" in by["publicly held shares"].detail  # 1,600,000 / 3 = 533,333
    assert by["MVPHS"].actual == Decimal("480000.00")
    assert "fail at every candidate ratio" in by["MVPHS"].detail  # market value is conserved by a split


def test_price_binds() -> None:
    cap = CapitalStructure(outstanding=50_000_000, price=Decimal("0.03"))
    rec = recommend_ratio(cap, ratios=range(2, 26))
    # best price $0.03 x 25 = $0.75, $0.75 short of $1.50; 1.50 / 0.03 = 50 -> 1-for-50 needed
    [binding] = rec.binding
    assert binding.constraint == "price"
    assert binding.shortfall == Decimal("0.7500")
    assert "1-for-50 would be needed" in binding.detail


def test_cumulative_limit_binds() -> None:
    cap = CapitalStructure(outstanding=50_000_000, price=Decimal("0.10"))
    rec = recommend_ratio(cap, ratios=range(2, 26), prior_splits=["1-for-25"])
    # price needs 1-for-15 ($1.50); 25 x 15 = 375 >= 250 (5810(c)(3)(A)(iv))
    [binding] = rec.binding
    assert binding.constraint == "cumulative reverse-split ratio"
    assert "1-for-375" in binding.detail
    ok = recommend_ratio(cap, ratios=range(2, 26), prior_splits=["1-for-5"])
    assert ok.ratio == SplitRatio(1, 15)  # 5 x 15 = 75 < 250


@pytest.mark.parametrize("prior", ["2-for-1", "1-for-1", SplitRatio(3, 2)])
def test_prior_split_must_be_reverse(prior: object) -> None:
    cap = CapitalStructure(outstanding=50_000_000, price=Decimal("0.10"))
    with pytest.raises(InputError, match="is not a reverse split") as info:
        recommend_ratio(cap, ratios=range(2, 26), prior_splits=["1-for-5", prior])
    assert info.value.param_name == "prior_splits"


def test_explicit_target_and_errors() -> None:
    rec = recommend_ratio(NEOT, ratios=range(2, 26), target_price="2.00")
    # 2.00 / 0.17 = 11.76 -> 1-for-12 ($2.04)
    assert rec.ratio == SplitRatio(1, 12)
    assert rec.target_basis == "given"
    with pytest.raises(InputError, match="price"):
        recommend_ratio(CapitalStructure(outstanding=10), ratios=[2])
    with pytest.raises(InputError, match="target_price"):
        recommend_ratio(NEOT, ratios=[2], target_price="-1")
    d = rec.to_dict()
    assert d["ratio"] == "1-for-12"
    assert d["sweep"]["rows"][0]["ratio"] == "1-for-2"  # type: ignore[index]
