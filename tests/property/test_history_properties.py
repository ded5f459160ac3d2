"""As-traded -> adjusted -> as-traded is the identity, across several splits.

Tolerance: each direction multiplies by one float factor per segment (the exact
product of the ratios, rounded once), so a round trip moves a value by at most a few
units in the last place: rtol 1e-12 is ~4,500 ulps of headroom and still a million
times finer than a cent on a $10,000 price.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from splitcalc import SplitRatio
from splitcalc.history import check_splits, to_adjusted, to_as_traded

REVERSE = [SplitRatio(1, 25), SplitRatio(1, 190), SplitRatio(1, 10_000), SplitRatio(33, 70), SplitRatio(19, 25)]
MIXED = [SplitRatio(4, 1), SplitRatio(3, 2), SplitRatio(1, 8), SplitRatio(5, 1), SplitRatio(2, 3)]
ratios = st.sampled_from([*REVERSE, *MIXED])
prices = st.floats(min_value=1e-4, max_value=1e5, allow_nan=False, allow_infinity=False)


@st.composite
def as_traded_frames(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(min_value=2, max_value=40))
    days = pd.bdate_range("2010-01-04", periods=n)
    close = np.array(draw(st.lists(prices, min_size=n, max_size=n)))
    volume = np.array(draw(st.lists(st.integers(0, 10**9), min_size=n, max_size=n)), dtype=float)
    k = draw(st.integers(min_value=0, max_value=4))
    # split positions anywhere, including before the first row and after the last
    offsets = draw(st.lists(st.integers(-3, n + 3), min_size=k, max_size=k, unique=True))
    splits = [(days[0].date() + dt.timedelta(days=7 * o), draw(ratios)) for o in sorted(offsets)]
    frame = pd.DataFrame(
        {"open": close, "high": close * 1.05, "low": close * 0.95, "close": close, "volume": volume},
        index=pd.DatetimeIndex(days, name="date"),
    )
    frame.attrs.update(splits=splits, adjustment="as_traded", source="hypothesis")
    return frame


@given(as_traded_frames())
def test_round_trip_identity(frame: pd.DataFrame) -> None:
    before = frame.copy()
    back = to_as_traded(to_adjusted(frame))
    np.testing.assert_allclose(back.to_numpy(), frame.to_numpy(), rtol=1e-12)
    assert back.attrs["splits"] == frame.attrs["splits"]
    assert back.attrs["adjustment"] == "as_traded"
    pd.testing.assert_frame_equal(frame, before)


@given(as_traded_frames())
def test_adjusted_factor_is_product_of_later_splits(frame: pd.DataFrame) -> None:
    adj = to_adjusted(frame)
    for i, ts in enumerate(frame.index):
        later = [r.factor for d, r in frame.attrs["splits"] if d > ts.date()]
        f = Fraction(1)
        for x in later:
            f *= x
        # adjusted = as-traded / F(t); volume x F(t)
        assert np.isclose(adj["close"].iloc[i], frame["close"].iloc[i] * f.denominator / f.numerator, rtol=1e-13)
        assert np.isclose(adj["volume"].iloc[i], frame["volume"].iloc[i] * f.numerator / f.denominator, rtol=1e-13)


@settings(max_examples=25)
@given(st.lists(ratios, min_size=1, max_size=3), st.integers(0, 2**32 - 1))
def test_correct_as_traded_series_checks_ok(chosen: list[SplitRatio], seed: int) -> None:
    # a calm random walk (1 % a day) with splits 20 sessions apart: each shows its full jump
    rng = np.random.default_rng(seed)
    n = 20 * (len(chosen) + 1)
    days = pd.bdate_range("2015-01-05", periods=n)
    close = 5.0 * np.exp(np.cumsum(rng.normal(0, 0.01, n)))
    splits = []
    for j, r in enumerate(chosen, start=1):
        close[20 * j :] *= float(r.price_multiplier)
        splits.append((days[20 * j].date(), r))
    frame = pd.DataFrame({"close": close}, index=days)
    frame.attrs.update(splits=splits, adjustment="as_traded")
    result = check_splits(frame)
    assert [c.verdict for c in result] == ["ok"] * len(chosen), [c.note for c in result]
