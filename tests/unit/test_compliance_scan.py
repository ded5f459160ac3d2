"""scan(): many tickers at once; long and wide input; same answers as check_compliance."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from splitcalc import rules
from splitcalc.calendars import sessions_between
from splitcalc.compliance import scan
from splitcalc.errors import InvalidPrices

D = dt.date


def _days(start: str, end: str) -> pd.DatetimeIndex:
    return pd.DatetimeIndex(sessions_between(start, end))


def test_wide_scan_statuses() -> None:
    days = _days("2024-02-01", "2024-12-31")
    frame = pd.DataFrame(index=days)
    frame["OK"] = 2.0
    frame["DEF"] = np.where(days >= pd.Timestamp("2024-03-01"), 0.6, 1.5)  # deficiency Apr 12, 2024
    frame["CURE"] = np.where((days >= "2024-03-01") & (days < "2024-06-03"), 0.6, 1.5)
    frame["STREAK"] = np.where(days >= pd.Timestamp("2024-12-23"), 0.9, 1.5)
    res = scan(frame, rules.get("nasdaq-capital", as_of="2024-04-12"))
    f = res.frame
    assert f.loc["OK", "status"] == "compliant"
    assert f.loc["DEF", "status"] == "deficient"
    assert f.loc["DEF", "deficiency_date"] == pd.Timestamp("2024-04-12")
    assert f.loc["DEF", "notice_date"] == pd.Timestamp("2024-04-15")
    # first period to Oct 12, 2024 passed; second 180 days to Apr 10, 2025
    assert f.loc["DEF", "deadline"] == pd.Timestamp("2025-04-10")
    assert f.loc["DEF", "days_remaining"] == 100  # Dec 31, 2024 -> Apr 10, 2025: 31 + 28 + 31 + 10
    # at $1.50 from Jun 3: Jun 3-7 (5), 10-14 (10) -> regained Jun 14, 2024
    assert f.loc["CURE", "status"] == "cured" and f.loc["CURE", "regained_date"] == pd.Timestamp("2024-06-14")
    # Dec 23, 24, [25], 26, 27, 30, 31: 6 sessions below
    assert f.loc["STREAK", "status"] == "below_bid_streak" and f.loc["STREAK", "below_streak"] == 6
    assert res.counts() == {"compliant": 1, "below_bid_streak": 1, "deficient": 1, "cured": 1}


def test_long_frame_equals_wide_frame() -> None:
    days = _days("2024-02-01", "2024-08-30")
    wide = pd.DataFrame({"A": 0.5, "B": 1.2}, index=days)
    long = wide.rename_axis("date").reset_index().melt(id_vars="date", var_name="ticker", value_name="close")
    a = scan(wide, "nasdaq-capital").frame
    b = scan(long, "nasdaq-capital").frame
    pd.testing.assert_frame_equal(a, b)


def test_dime_rule_and_nyse_in_scan() -> None:
    days = _days("2020-08-03", "2020-12-31")
    frame = pd.DataFrame(
        {"DIME": np.where(days >= "2020-10-14", 0.08, np.where(days >= "2020-09-01", 0.5, 1.5))}, index=days
    )
    res = scan(frame, "nasdaq-capital")
    assert res.frame.loc["DIME", "status"] == "delisting_determination"
    assert res.frame.loc["DIME", "determination_date"] == pd.Timestamp("2020-10-27")
    nyse_days = _days("2024-01-02", "2024-06-28")
    nyse = pd.DataFrame({"X": np.where(nyse_days >= "2024-04-01", 1.5, 0.8)}, index=nyse_days)
    out = scan(nyse, "nyse").frame
    assert out.loc["X", "status"] == "cured" and out.loc["X", "regained_date"] == pd.Timestamp("2024-04-30")


def test_tickers_listed_at_different_times() -> None:
    days = _days("2024-01-02", "2024-06-28")
    frame = pd.DataFrame(
        {"NEW": np.where(days >= "2024-03-01", 0.6, np.nan), "OLD": np.where(days < "2024-05-01", 0.6, np.nan)},
        index=days,
    )
    res = scan(frame, "nasdaq-capital").frame
    assert res.loc["NEW", "deficiency_date"] == pd.Timestamp("2024-04-12")  # as in the Good Friday case
    assert res.loc["NEW", "last_date"] == pd.Timestamp("2024-06-28")
    assert res.loc["OLD", "last_date"] == pd.Timestamp("2024-04-30")
    assert res.loc["OLD", "below_streak"] == 0


def test_scan_rejects_bad_frames() -> None:
    with pytest.raises(InvalidPrices):
        scan(pd.DataFrame({"A": [1.0]}, index=["x"]), "nasdaq-capital")
    days = _days("2024-01-02", "2024-01-05")
    with pytest.raises(InvalidPrices, match="non-positive"):
        scan(pd.DataFrame({"A": [1.0, 0.0, 1.0, 1.0]}, index=days), "nasdaq-capital")


def test_scan_input_not_mutated() -> None:
    days = _days("2024-01-02", "2024-06-28")
    frame = pd.DataFrame({"A": np.where(days >= "2024-03-01", 0.6, np.nan)}, index=days)
    before = frame.copy()
    scan(frame, "nasdaq-capital")
    pd.testing.assert_frame_equal(frame, before)
