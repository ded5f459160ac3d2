"""scan(): many tickers at once; long and wide input; same answers as check_compliance."""

from __future__ import annotations

import datetime as dt
import json
import warnings

import numpy as np
import pandas as pd
import pytest

from splitcalc import rules
from splitcalc.calendars import sessions_between
from splitcalc.compliance import check_compliance, scan
from splitcalc.errors import InvalidPrices, NoRuleInForce
from splitcalc.serialize import dumps

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
    # first period to Sat Oct 12, 2024 -> Mon Oct 14 passed; second 180 days to Sat Apr 12 -> Mon Apr 14, 2025
    assert f.loc["DEF", "deadline"] == pd.Timestamp("2025-04-14")
    assert f.loc["DEF", "days_remaining"] == 104  # Dec 31, 2024 -> Apr 14, 2025: 31 + 28 + 31 + 14
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
    # counted at its last close (Apr 30), as documented and as check_compliance counts it: every session from
    # Jan 2 to Apr 30, 2024 (21 + 20 + 20 + 22 = 83) closed below $1.00 (it was 0: the missing closes after)
    assert res.loc["OLD", "below_streak"] == 83


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


def test_days_remaining_is_missing_without_a_running_deadline() -> None:
    days = _days("2024-01-02", "2024-12-31")
    frame = pd.DataFrame(index=days)
    frame["OK"] = 2.0  # compliant: no deadline
    # below from Feb 1, 2024: Feb 1-2 (2), 5-9 (7), 12-16 (12), [19], 20-23 (16), 26-29 (20), Mar 1 (21),
    # 4-8 (26), 11-14 (30) -> Mar 14; notice Mar 15 + 180 = Sep 11; Global Market: no second period ->
    # determination Sep 12, 2024: no deadline running on Dec 31
    frame["DEAD"] = np.where(days >= pd.Timestamp("2024-02-01"), 0.5, 1.5)
    # below from Oct 1, 2024: Oct 1-4 (4), 7-11 (9), 14-18 (14), 21-25 (19), 28-31 (23), Nov 1 (24), 4-8 (29),
    # 11 (30) -> Nov 11; notice Nov 12 + 180 = May 11, 2025 (18 + 31 + 31 + 28 + 31 + 30 + 11);
    # + 180 = Sun May 11 -> Mon May 12; Dec 31 -> May 12: 31 + 28 + 31 + 30 + 12 = 132 days
    frame["LATE"] = np.where(days >= pd.Timestamp("2024-10-01"), 0.5, 1.5)
    f = scan(frame, "nasdaq-global").frame
    assert f.loc["DEAD", "status"] == "delisting_determination"
    assert f.loc["DEAD", "determination_date"] == pd.Timestamp("2024-09-12")
    assert f["days_remaining"].dtype == "Int64"
    assert f.loc["OK", "days_remaining"] is pd.NA and f.loc["DEAD", "days_remaining"] is pd.NA
    assert f.loc["LATE", "days_remaining"] == 132 and f.loc["LATE", "deadline"] == pd.Timestamp("2025-05-12")
    data = json.loads(dumps(scan(frame, "nasdaq-global")))
    rows = {r["ticker"]: r for r in data["tickers"]}
    assert rows["OK"]["days_remaining"] is None and rows["OK"]["deadline"] is None
    assert rows["DEAD"]["determination_date"] == "2024-09-12" and rows["LATE"]["days_remaining"] == 132


def test_scan_default_rules_are_the_capital_market_by_name() -> None:
    days = _days("2024-02-01", "2024-08-30")
    frame = pd.DataFrame({"A": 0.5, "B": 1.2}, index=days)
    pd.testing.assert_frame_equal(scan(frame).frame, scan(frame, "nasdaq-capital").frame)
    assert scan(frame).rules_name == "nasdaq-capital"


def test_scan_by_name_judges_each_case_by_the_rules_on_its_date() -> None:
    # National Market, below from Jan 2, 2002: Jan 2-4 (3), 7-11 (8), 14-18 (13), [21], 22-25 (17),
    # Jan 28-Feb 1 (22), 4-8 (27), 11-13 (30) -> Feb 13, 2002; notice Feb 14; the 2002 period is 90 days:
    # May 15, 2002 (Feb 14->28: 14, Mar 31: 45, Apr 30: 75, May 15: 90) -> determination May 16, 2002.
    # The frame runs into 2003, when the period was 180 days (from Mar 18, 2003): resolving the name on the
    # last date would give Aug 13 / Aug 14, 2002.
    days = _days("2002-01-02", "2003-04-30")
    frame = pd.DataFrame({"NNM": 0.8}, index=days)
    row = scan(frame, "nasdaq-national-market").frame.loc["NNM"]
    assert row["status"] == "delisting_determination"
    assert row["determination_date"] == pd.Timestamp("2002-05-16")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tl = check_compliance(frame["NNM"], "nasdaq-national-market")
    assert tl.last("delisting_determination").date == D(2002, 5, 16)


def test_scan_by_name_follows_a_renamed_tier_but_not_a_wrong_one() -> None:
    # 2002 and 2007 cases under "nasdaq-global": the 2002 one is judged as a National Market case
    days = _days("2002-04-01", "2007-06-29")
    px = np.where(days >= pd.Timestamp("2002-05-01"), 0.8, 1.5)
    px = np.where(days >= pd.Timestamp("2002-08-01"), 1.2, px)
    frame = pd.DataFrame({"X": np.where(days >= pd.Timestamp("2007-03-01"), 0.8, px)}, index=days)
    res = scan(frame, "nasdaq-global")
    assert res.rules_name == "nasdaq-global" and res.frame.loc["X", "cases"] == 2
    assert any("judged under 'nasdaq-national-market'" in c for c in res.caveats)
    with pytest.raises(NoRuleInForce, match="use 'nasdaq-global'"):
        scan(frame.loc["2007-01-02":], "nasdaq-national-market")


def test_scan_dime_rule_by_notice_date_matches_check_compliance() -> None:
    # rules.md §1 row 7: the $0.10 rule applies to companies first notified on/after Sep 1, 2020.
    # AUG31: below from Jul 21, 2020 -> 30th business day Mon Aug 31 (Jul 21-24: 4, 27-31: 9, Aug 3-7: 14,
    #   10-14: 19, 17-21: 24, 24-28: 29, 31: 30); notice (next session) Tue Sep 1 -> the rule applies;
    #   $0.09 from Oct 1: Oct 1-2 (2), 5-9 (7), 12-14 (10) -> determination Oct 14, 2020.
    # AUG28: below from Jul 20 -> 30th business day Fri Aug 28; notice Mon Aug 31 -> no $0.10 rule;
    #   deadline Aug 31 + 180 = Feb 27, 2021 (Sep 30: 30, Oct 31: 61, Nov 30: 91, Dec 31: 122, Jan 31: 153).
    days = _days("2020-06-01", "2020-12-31")
    frame = pd.DataFrame(index=days)
    frame["AUG31"] = np.where(days >= "2020-10-01", 0.09, np.where(days >= "2020-07-21", 0.5, 1.5))
    frame["AUG28"] = np.where(days >= "2020-10-01", 0.09, np.where(days >= "2020-07-20", 0.5, 1.5))
    for judge in ("nasdaq-capital", rules.get("nasdaq-capital", as_of="2020-08-31")):
        f = scan(frame, judge).frame
        assert f.loc["AUG31", "deficiency_date"] == pd.Timestamp("2020-08-31")
        assert f.loc["AUG31", "notice_date"] == pd.Timestamp("2020-09-01")
        assert f.loc["AUG31", "status"] == "delisting_determination"
        assert f.loc["AUG31", "determination_date"] == pd.Timestamp("2020-10-14")
        assert f.loc["AUG28", "notice_date"] == pd.Timestamp("2020-08-31")
        assert f.loc["AUG28", "status"] == "deficient"
        assert f.loc["AUG28", "deadline"] == pd.Timestamp("2021-03-01")  # Sat Feb 27 -> Mon Mar 1
        for ticker in ("AUG31", "AUG28"):
            tl = check_compliance(frame[ticker], judge)
            assert tl.status == f.loc[ticker, "status"]


def test_nyse_average_needs_thirty_closes_not_zeros_for_a_late_start_or_early_end() -> None:
    days = _days("2024-01-02", "2024-06-28")
    full = pd.Series(1.20, index=days)
    late, early = full.copy(), full.copy()
    late.iloc[:10] = np.nan
    early.iloc[-10:] = np.nan
    result = scan(pd.DataFrame({"FULL": full, "LATE": late, "EARLY_END": early}), "nyse")
    assert result.frame["status"].tolist() == ["compliant"] * 3
    assert not any("inside" in c for c in result.caveats)
    for series in (late.dropna(), early.dropna()):
        assert check_compliance(series, "nyse").status == "compliant"
