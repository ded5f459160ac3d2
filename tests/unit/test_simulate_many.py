"""simulate_many: common random numbers give each candidate exactly simulate()'s odds; odds objective."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import splitcalc as sc
from splitcalc.errors import InputError
from splitcalc.scenarios import recommend_ratio, simulate, simulate_many


@settings(max_examples=8, deadline=None)
@given(
    prices=st.lists(st.decimals("0.2", "8", places=2), min_size=1, max_size=4),
    seed=st.integers(0, 2**16),
    deadline=st.one_of(st.none(), st.integers(10, 200)),
    rules=st.sampled_from(["nasdaq-capital", "nyse"]),
)
def test_each_candidate_equals_simulate(prices: list[object], seed: int, deadline: int | None, rules: str) -> None:
    kwargs: dict[str, object] = {
        "rules": sc.rules.get(rules),
        "paths": 300,
        "seed": seed,
        "volatility": 0.9,
        "chunk_size": 128,
        "deadline_days": deadline,
        "days": 120,
    }
    many = simulate_many(prices, **kwargs)  # type: ignore[arg-type]
    for price, probs in zip(prices, many.probabilities, strict=True):
        one = simulate(price, **kwargs)  # type: ignore[arg-type]
        assert {k: p.estimate for k, p in one.probabilities.items()} == {k: p.estimate for k, p in probs.items()}


def test_odds_grow_with_price_on_common_numbers() -> None:
    many = simulate_many([0.5, 1.0, 2.0, 4.0], paths=1_000, seed=3, volatility=1.0)
    odds = [p.estimate for p in many.odds("regain") if p is not None]
    assert odds == sorted(odds)  # same draws: a higher start is never worse on any path
    frame = many.to_frame()
    assert list(frame.index) == list(many.start_prices)
    assert "compliant_12m_stderr" in frame.columns


def test_bad_prices_name_the_argument() -> None:
    with pytest.raises(InputError, match=r"start_prices\[1\]"):
        simulate_many([1, -2], paths=10, seed=1, volatility=0.5)
    with pytest.raises(InputError, match="start_prices"):
        simulate_many([], paths=10, seed=1, volatility=0.5)


CAP = sc.CapitalStructure(outstanding=39_752_812, price="0.17")
OPTIONS: dict[str, object] = {"volatility": 1.0, "paths": 1_000, "seed": 5, "start_date": dt.date(2002, 9, 6)}


def test_odds_objective_picks_the_smallest_ratio_over_the_threshold() -> None:
    rec = recommend_ratio(CAP, ratios="1-for-2..1-for-30", objective="odds", min_odds=0.7, simulate_options=OPTIONS)
    assert rec.feasible and rec.ratio is not None and rec.odds is not None
    assert rec.odds.estimate >= 0.7
    for row in rec.sweep.rows:
        assert row.odds is not None
        if row.ratio.price_multiplier < rec.ratio.price_multiplier:
            assert row.odds.estimate < 0.7
    # the row's odds are simulate()'s for the same starting price, seed and paths
    row = rec.sweep.row(rec.ratio)
    direct = simulate(row.price_after, rules=rec.sweep.rules, **OPTIONS)  # type: ignore[arg-type]
    assert direct["compliant_12m"].estimate == rec.odds.estimate
    assert "odds" in rec.sweep.to_frame().columns


def test_odds_objective_names_the_binding_odds() -> None:
    rec = recommend_ratio(CAP, ratios="1-for-2..1-for-10", objective="odds", min_odds=0.95, simulate_options=OPTIONS)
    assert not rec.feasible
    assert rec.binding[0].constraint == "odds"
    best = max(r.odds.estimate for r in rec.sweep.rows if r.odds is not None)
    assert rec.odds is not None and rec.odds.estimate == best
    assert "odds bind" in rec.reasons[0]


def test_odds_objective_checks_min_odds() -> None:
    with pytest.raises(InputError, match="min_odds"):
        recommend_ratio(CAP, ratios="1-for-2..1-for-3", objective="odds", min_odds=1.5, simulate_options=OPTIONS)
