"""Monte Carlo: rules on hand-made paths, reproducibility, convergence within binomial error."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from splitcalc import InputError, InsufficientHistory
from splitcalc.scenarios import EVIDENCE, RuleValue, default_rules, estimate_parameters, simulate
from splitcalc.scenarios.simulate import _path_events


def _phi(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2))


def _log(rows: list[list[float]]) -> np.ndarray:
    return np.log(np.array(rows, dtype=np.float64))


def test_rules_on_hand_made_paths() -> None:
    a = [1.5] * 9 + [0.9] + [1.2] * 10 + [0.8] * 30 + [1.1] * 10  # regain at 19, deficiency at 49
    b = [0.05] * 60  # never regains; 10 closes <= $0.10 complete at index 9
    c = [2.0] * 60  # regains at index 9 (10th close), stays
    e = _path_events(_log([a, b, c]), default_rules(), "consecutive_closing_bid", None)
    assert e.regain.tolist() == [19, -1, 9]
    assert e.regain_max.tolist() == [-1, -1, 19]  # 20 consecutive: path a's longest run is 10
    assert e.deficiency.tolist() == [49, -1, -1]
    assert e.low_price.tolist() == [False, True, False]
    late = _path_events(_log([a, c]), default_rules(), "consecutive_closing_bid", 15)
    assert late.regain.tolist() == [-1, 9]  # path a regains at 19, after the 15-session deadline


def test_exactly_one_dollar_counts_as_compliant() -> None:
    e = _path_events(_log([[1.0] * 12]), default_rules(), "consecutive_closing_bid", None)
    assert e.regain.tolist() == [9]  # "at or above $1.00"


def test_low_price_rule_absent_before_2020() -> None:
    rules = default_rules().with_values(low_price_threshold=None, low_price_days=None)
    e = _path_events(_log([[0.05] * 20]), rules, "consecutive_closing_bid", None)
    assert e.low_price.tolist() == [False]


def test_nyse_average_test() -> None:
    # 30 closes at $1.50 then $0.50: close and average (over the sessions so far) >= $1 at once: index 0;
    # with k closes at $0.50 in the window the average is 1.5 - k/30 < 1 once k = 16, at index 30 + 15 = 45.
    path = [1.5] * 30 + [0.5] * 30
    e = _path_events(_log([path]), default_rules(), "average_30_trading_days", None)
    assert e.regain.tolist() == [0]
    assert e.deficiency.tolist() == [45]
    # index 0 closes at $0.90; index 1 at $1.20 with average (0.90 + 1.20) / 2 = 1.05: regained at 1
    e2 = _path_events(_log([[0.9] + [1.2] * 5]), default_rules(), "average_30_trading_days", None)
    assert e2.regain.tolist() == [1]


def test_nyse_average_is_exact_in_the_simulator() -> None:
    # $1.10 for 30 sessions, then $0.90 / $1.10 alternating: every 30-session average is $1.10 or exactly
    # $1.00 -- compliant ("below $1.00" is the test). Averaged in floats it reads 0.999999999999998.
    path = [1.10] * 30 + [0.90, 1.10] * 30
    csum = np.cumsum(np.exp(_log([path]))[0])
    assert ((csum[30:] - csum[:-30]) / 30 < 1.0).any()  # the float trap is real (the former simulator code)
    e = _path_events(_log([path]), default_rules(), "average_30_trading_days", None)
    assert e.regain.tolist() == [0]
    assert e.deficiency.tolist() == [-1]
    # one cent lower somewhere in the last window tips the exact average below $1.00 on that session
    e2 = _path_events(_log([[*path[:-1], 1.09]]), default_rules(), "average_30_trading_days", None)
    assert e2.deficiency.tolist() == [len(path) - 1]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([0.5, 0.9, 0.99, 1.0, 1.01, 1.1, 1.5]), min_size=31, max_size=90))
def test_simulator_nyse_deficiency_is_the_kernels(path: list[float]) -> None:
    """From session 29 on, the simulator's NYSE deficiency is the kernel's 30-session average below $1.00."""
    from splitcalc.compliance.kernel import rolling_average

    e = _path_events(_log([path]), default_rules(), "average_30_trading_days", None)
    kernel = rolling_average(np.array(path), 30, Decimal("1.00"))
    above = np.array(path) >= 1.0
    ok = above & kernel.at_or_above
    if e.regain[0] >= 29 or (e.regain[0] < 0 and not ok.any()):
        # regained on a full window (or never): the first full-window deficiency after it is the kernel's
        g = int(e.regain[0]) if e.regain[0] >= 0 else len(path)
        after = np.flatnonzero(kernel.below[g + 1 :])
        assert e.deficiency[0] == (g + 1 + int(after[0]) if len(after) else -1)


def test_reproducible_and_chunk_independent() -> None:
    kw = {"days": 120, "paths": 3_000, "seed": 42, "volatility": 0.8, "drift": -0.2}
    one = simulate(1.30, **kw)  # type: ignore[arg-type]
    two = simulate(1.30, **kw)  # type: ignore[arg-type]
    small = simulate(1.30, chunk_size=257, **kw)  # type: ignore[arg-type]
    for other in (two, small):
        assert {k: p.estimate for k, p in one.probabilities.items()} == {
            k: p.estimate for k, p in other.probabilities.items()
        }
        pd.testing.assert_frame_equal(one.quantiles, other.quantiles)
        pd.testing.assert_frame_equal(one.curves, other.curves)
    np.testing.assert_array_equal(one.samples, small.samples)
    assert simulate(1.30, **{**kw, "seed": 43})["regain"].estimate != one["regain"].estimate  # type: ignore[arg-type]


def test_converges_to_closed_form_within_binomial_error() -> None:
    s0, vol, drift, days, n = 1.40, 0.7, -0.1076, 252, 20_000
    sim = simulate(s0, days=days, paths=n, seed=2002, volatility=vol)
    assert sim.drift == drift  # Desai & Jain (1997) by default
    s = vol / math.sqrt(252)
    m = math.log1p(drift) / 252 - s * s / 2
    # P(S_T >= 1) = Phi((ln S0 + m T) / (s sqrt T))
    p = _phi((math.log(s0) + m * days) / (s * math.sqrt(days)))
    se = math.sqrt(p * (1 - p) / n)
    got = sim["above_at_end"]
    assert abs(got.estimate - p) < 4 * se
    assert got.stderr == pytest.approx(math.sqrt(got.estimate * (1 - got.estimate) / n))
    # E[S_T] = S0 (1 + drift); sd = E[S_T] sqrt(exp(s^2 T) - 1)
    mean = s0 * (1 + drift)
    sd = mean * math.sqrt(math.expm1(s * s * days))
    assert abs(sim.quantiles["mean"].iloc[-1] - mean) < 4 * sd / math.sqrt(n)
    # median exp(ln S0 + m T): Monte Carlo error 1.2533 s sqrt(T) / sqrt(n) in logs, plus one histogram bin
    log_tol = 4 * 1.2533 * s * math.sqrt(days) / math.sqrt(n) + 16 * s * math.sqrt(days) / 2048
    assert abs(math.log(sim.quantiles["q50"].iloc[-1]) - (math.log(s0) + m * days)) < log_tol
    # the per-session curve ends where the event does
    assert sim.curves["p_above"].iloc[-1] == got.estimate


def test_probability_set_and_table() -> None:
    sim = simulate(Decimal("4.25"), days=252, paths=2_000, seed=1, volatility=0.9, deadline_days=60)
    keys = set(sim.probabilities)
    assert {"regain", "compliant_6m", "compliant_12m", "new_deficiency_1y", "low_price", "delisting"} <= keys
    assert sim["regain"].estimate == 1.0  # $4.25 far above $1.00: the first 10 closes regain on almost all paths
    frame = sim.to_frame()
    assert list(frame.columns) == ["description", "probability", "stderr", "ci95_low", "ci95_high", "rule"]
    assert "5810(c)(3)(A)" in frame.loc["regain", "rule"]
    # compliant at 12 months <= at 6 months; and delisting includes every new deficiency in the year
    assert sim["compliant_12m"].estimate <= sim["compliant_6m"].estimate
    assert sim["delisting"].estimate >= sim["new_deficiency_1y"].estimate
    d = sim.to_dict()
    assert d["seed"] == 1
    assert d["probabilities"]["regain"]["probability"] == 1.0  # type: ignore[index]
    assert "Monte Carlo" in str(sim)
    with pytest.raises(KeyError, match="available"):
        sim["nope"]


def test_horizon_shorter_than_a_year() -> None:
    sim = simulate(2.0, days=100, paths=500, seed=3, volatility=0.5)
    assert "compliant_6m" not in sim.probabilities  # 126 sessions needed
    assert any("compliant_6m not estimated" in n for n in sim.notes)


def test_start_date_uses_exchange_sessions() -> None:
    # NEOT post-split trading started Friday Sep 6, 2002 (rules.md §4)
    sim = simulate(4.25, days=260, paths=200, seed=5, volatility=1.0, start_date=dt.date(2002, 9, 6))
    idx = sim.quantiles.index
    assert idx[0] == pd.Timestamp("2002-09-06")
    assert pd.Timestamp("2002-11-28") not in idx  # Thanksgiving
    h6 = sim.horizons["6m"]
    assert idx[h6 - 1] <= pd.Timestamp("2003-03-06") < idx[h6]
    h365 = sim.horizons["one_year_bar"]
    assert idx[h365 - 1] <= pd.Timestamp("2003-09-06") < idx[h365]


def test_drift_from_evidence_and_history() -> None:
    vendor = simulate(2.0, days=30, paths=100, seed=1, volatility=0.5, drift="alphanume-252")
    assert vendor.drift == -0.40
    assert "vendor claim" in vendor.drift_source
    assert "vendor" in EVIDENCE["alphanume-252"].describe()
    rng = np.random.default_rng(0)
    closes = pd.Series(np.exp(np.cumsum(rng.normal(0.0, 0.03, 300))), index=pd.bdate_range("2020-01-01", periods=300))
    sim = simulate(2.0, days=30, paths=100, seed=1, history=closes)
    est = estimate_parameters(closes)
    assert sim.volatility == pytest.approx(est.daily_std * math.sqrt(252))
    assert sim.drift == -0.1076  # drift stays the published evidence unless drift="history"
    own = simulate(2.0, days=30, paths=100, seed=1, history=closes, drift="history")
    assert own.drift == pytest.approx(est.annual_return)


def test_split_day_return_dropped() -> None:
    idx = pd.bdate_range("2024-01-01", periods=40)
    prices = np.full(40, 0.5)
    prices[1::2] = 0.55
    prices[20:] *= 25  # as traded: a 1-for-25 split takes effect on idx[20]
    frame = pd.DataFrame({"close": prices}, index=idx)
    frame.attrs["splits"] = [(idx[20].date(), "1-for-25")]
    est = estimate_parameters(frame)
    assert est.returns == 38  # 39 returns less the split day
    assert est.daily_std < 0.1  # the x25 jump is not in the estimate


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"volatility": None}, "volatility"),
        ({"volatility": -0.2}, "volatility"),
        ({"volatility": 0.5, "drift": -1.5}, "drift"),
        ({"volatility": 0.5, "drift": "rumour"}, "drift"),
        ({"volatility": 0.5, "drift": "history"}, "drift"),
        ({"volatility": 0.5, "paths": 0}, "paths"),
        ({"volatility": 0.5, "quantiles": (0.5, 1.0)}, "quantiles"),
    ],
)
def test_bad_inputs(kwargs: dict[str, object], param: str) -> None:
    with pytest.raises(InputError, match=param):
        simulate(1.5, days=10, paths=kwargs.pop("paths", 10), **kwargs)  # type: ignore[arg-type]


def test_short_history() -> None:
    with pytest.raises(InsufficientHistory):
        estimate_parameters([1.0, 1.1, 1.2])


def test_rules_without_bid_rule() -> None:
    rules = default_rules().with_values(min_bid=None)
    with pytest.raises(InputError, match="rules"):
        simulate(1.5, days=10, paths=10, volatility=0.5, rules=rules)


def test_rule_values_flow_from_a_ruleset() -> None:
    @dataclasses.dataclass(frozen=True)
    class R:
        value: object
        cite: str = "2002 stand-in"
        uncertain: bool = False

    @dataclasses.dataclass(frozen=True)
    class RuleSet2002:
        name: str = "nasdaq-national-market"
        min_bid: R = R(Decimal("1.00"))
        deficiency_days: R = R(30)
        regain_days: R = R(10)
        low_price_threshold: R = R(None)
        reverse_split_one_year_bar: R = R(False)
        price_test: R = R("consecutive_closing_bid")

    sim = simulate(4.25, days=252, paths=500, seed=9, volatility=1.2, rules=RuleSet2002())
    assert "low_price" not in sim.probabilities
    assert sim.rules.regain_days == RuleValue(10, "2002 stand-in", False)
    assert "no compliance period" not in sim["new_deficiency_1y"].label
    assert "delisting" not in sim.probabilities  # no $0.10 rule, no one-year bar, no deadline
    # the price test is a rule row too: a stand-in without one is refused, not given Nasdaq's test
    with pytest.raises(InputError, match="no price test rule"):
        simulate(4.25, days=252, paths=500, seed=9, volatility=1.2, rules=RuleSet2002(price_test=R(None)))


def test_bid_proxy_note_only_where_the_rule_tests_the_bid() -> None:
    from splitcalc import rules

    nasdaq = simulate(
        2.0, days=30, paths=50, seed=1, volatility=0.5, rules=rules.get("nasdaq-capital", as_of="2025-06-02")
    )
    nyse = simulate(2.0, days=30, paths=50, seed=1, volatility=0.5, rules=rules.get("nyse", as_of="2025-06-02"))
    assert any("closing bid" in n for n in nasdaq.notes)  # Nasdaq 5810(c)(3)(A): the closing bid
    assert not any("closing bid" in n for n in nyse.notes)  # NYSE 802.01C: closing prices (rules.md §5)


def test_one_year_bar_horizon_is_the_kernels_window_for_a_feb_29_split() -> None:
    """A split on Thu Feb 29, 2024 still bars a failure on Fri Feb 28, 2025 (the window opens after Feb 28).

    The horizon counts the sessions the bar covers: every XNYS session from Feb 29, 2024 through
    Feb 28, 2025, counted here from the exchange calendar itself.
    """
    import warnings

    import exchange_calendars as xc

    from splitcalc.scenarios import simulate

    with warnings.catch_warnings():  # exchange_calendars' own pandas deprecation warnings
        warnings.simplefilter("ignore")
        days = xc.get_calendar("XNYS", start="2024-01-01", end="2025-12-31").sessions.strftime("%Y-%m-%d")
    covered = int(((days >= "2024-02-29") & (days <= "2025-02-28")).sum())
    sim = simulate(4.25, days=300, paths=50, seed=1, volatility=0.9, start_date="2024-02-29", rules="nasdaq-capital")
    assert sim.horizons["one_year_bar"] == covered
