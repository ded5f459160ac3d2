"""NYSE 802.01C: the 30-trading-day average is exact; "below $1.00" is the test, so exactly $1.00 complies."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from splitcalc.calendars import sessions_between
from splitcalc.compliance import check_compliance, scan
from splitcalc.compliance.kernel import rolling_average


def _alternating() -> pd.Series:
    # 40 sessions at $1.10, then $0.90 / $1.10 alternating: every 30-session window from then on holds
    # fifteen of each (average exactly $1.00) or sixteen $1.10s (above): never below $1.00
    days = pd.DatetimeIndex(sessions_between("2024-01-02", "2024-12-31"))
    values = [1.10] * 40 + [0.90 if i % 2 == 0 else 1.10 for i in range(len(days) - 40)]
    return pd.Series(values, index=days, dtype=float)


def test_an_average_of_exactly_one_dollar_is_not_below() -> None:
    px = _alternating().to_numpy()
    a = rolling_average(px, 30, Decimal("1.00"))
    assert not a.below.any()
    assert a.at_or_above[29:].all() and a.value[69] == 1.0


def test_alternation_raises_no_deficiency_in_the_walk_or_the_scan() -> None:
    px = _alternating()
    tl = check_compliance(px, "nyse")
    assert tl.first("deficiency") is None and tl.status == "compliant"
    frame = scan(pd.DataFrame({"ALT": px}), "nyse").frame
    assert frame.loc["ALT", "status"] == "compliant" and frame.loc["ALT", "cases"] == 0


def test_one_tick_lower_is_a_deficiency() -> None:
    px = _alternating()
    assert len(px) == 252  # 2024 sessions: the last 30 closes are fifteen $0.90 and fifteen $1.10 (exactly $1.00)
    px.iloc[-1] = round(px.iloc[-1] - 0.0001, 4)  # now $29.9999 over 30 sessions: below $1.00
    a = rolling_average(px.to_numpy(), 30, Decimal("1.00"))
    assert a.below[-1] and not a.below[:-1].any()
    tl = check_compliance(px, "nyse")
    assert tl.first("deficiency").date == px.index[-1].date()
    frame = scan(pd.DataFrame({"ALT": px}), "nyse").frame
    assert frame.loc["ALT", "deficiency_date"] == px.index[-1]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=30_000), min_size=30, max_size=80))
def test_exact_average_matches_integer_arithmetic(ticks: list[int]) -> None:
    # closes in whole $0.0001 ticks: below exactly when the 30-tick sum is under 30 x 10,000
    px = np.array(ticks, dtype=float) / 10_000
    a = rolling_average(px, 30, Decimal("1.00"))
    for end in range(29, len(ticks)):
        total = sum(ticks[end - 29 : end + 1])
        assert bool(a.below[end]) == (total < 300_000)
        assert bool(a.at_or_above[end]) == (total >= 300_000)
    assert not a.below[:29].any() and not a.at_or_above[:29].any()
