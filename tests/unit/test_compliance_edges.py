"""Edges the rule texts do not settle: one documented reading each, a test, and the uncertain flag in output.

Readings (splitcalc.compliance.kernel.windows): look-back windows are open at the far end -- a split exactly one
year (same calendar date) or exactly N days before the failure is outside; a run across the end of the first
period counts when a second period follows; Jan 2, 2002 counts (the 2001 moratorium ran through Jan 1).
"""

from __future__ import annotations

import datetime as dt
import warnings

import pandas as pd
import pytest

from splitcalc.calendars import sessions_between
from splitcalc.compliance import check_compliance, check_planned_split, scan
from splitcalc.errors import RuleUncertainWarning

D = dt.date


def closes(start: str, end: str, *changes: tuple[str, float], first: float = 1.5) -> pd.Series:
    days = pd.DatetimeIndex(sessions_between(start, end))
    series = pd.Series(first, index=days, dtype=float)
    for when, price in changes:
        series[days >= pd.Timestamp(when)] = price
    return series


# below $1 from Mon Mar 3, 2025: Mar 3-7 (5), 10-14 (10), 17-21 (15), 24-28 (20), Mar 31-Apr 4 (25),
# Apr 7-11 (30) -> deficiency Fri Apr 11, 2025 (one-year bar in force since Jan 17, 2025)
PX_2025 = closes("2025-02-03", "2025-06-30", ("2025-03-03", 0.5))


def test_split_on_the_anniversary_is_outside_the_one_year_bar_and_flagged() -> None:
    with pytest.warns(RuleUncertainWarning, match="reading"):
        tl = check_compliance(PX_2025, "nasdaq-capital", splits=[("2024-04-11", "1-for-10")])
    assert tl.first("deficiency").date == D(2025, 4, 11)
    assert tl.first("compliance_period_deadline") is not None  # a period was granted
    assert any("exactly one year before 2025-04-11" in c and "UNCERTAIN" in c for c in tl.caveats)
    assert any(u.startswith("look-back windows: reading:") for u in tl.uncertain)


def test_split_the_day_after_the_anniversary_bars_the_period() -> None:
    tl = check_compliance(PX_2025, "nasdaq-capital", splits=[("2024-04-12", "1-for-10")])
    assert tl.first("compliance_period_deadline") is None
    assert tl.status == "delisting_determination"
    assert not any("exactly" in c for c in tl.caveats)


def test_730th_day_of_the_look_back_is_outside_and_flagged_the_same_way() -> None:
    # 1-for-25 on Wed Jun 1, 2022 and 1-for-10 on Thu Jun 1, 2023 (250:1); Jun 1, 2022 + 730 days = Fri May 31,
    # 2024 (2024 is a leap year); before Jan 17, 2025, so no one-year bar
    prior = [("2022-06-01", "1-for-25"), ("2023-06-01", "1-for-10")]
    with pytest.warns(RuleUncertainWarning, match="reading"):
        on_edge = check_planned_split(
            "1-for-2", "2024-06-10", "nasdaq-capital", prior_splits=prior, deficiency_date="2024-05-31"
        )
    assert on_edge.permitted
    assert any("exactly 730 days before 2024-05-31" in c for c in on_edge.caveats)
    assert any(u.startswith("reading:") for u in on_edge.uncertain)
    inside = check_planned_split(
        "1-for-2", "2024-06-10", "nasdaq-capital", prior_splits=prior, deficiency_date="2024-05-30"
    )
    assert not inside.permitted and "250:1" in inside.reasons[0]


def test_anniversary_counted_the_same_way_in_the_planned_check() -> None:
    with pytest.warns(RuleUncertainWarning, match="reading"):
        chk = check_planned_split(
            "1-for-2",
            "2025-04-14",
            "nasdaq-capital",
            prior_splits=[("2024-04-11", "1-for-10")],
            deficiency_date="2025-04-11",
        )
    assert chk.permitted and any("exactly one year" in c for c in chk.caveats)


def test_regain_run_straddling_the_end_of_period_one_counts_and_is_flagged() -> None:
    # Good Friday case: first period ends Mon Oct 14, 2024. At $1.05 from Tue Oct 8: Oct 8-11 (4), 14 (5),
    # 15-18 (9), 21 (10) -> regained Mon Oct 21, 2024, inside the second period
    px = closes("2024-02-01", "2024-11-29", ("2024-03-01", 0.6), ("2024-10-08", 1.05))
    with pytest.warns(RuleUncertainWarning, match="reading"):
        tl = check_compliance(px, "nasdaq-capital")
    assert tl.first("compliance_regained").date == D(2024, 10, 21) and tl.status == "cured"
    assert any("straddles the end of the first period (2024-10-14)" in c for c in tl.caveats)
    # without a second period the run is cut by the end of period one: no straddle, determination instead
    cut = check_compliance(px, "nasdaq-capital", second_period=False)
    assert cut.first("compliance_regained") is None and cut.status == "delisting_determination"
    assert not any("straddles" in c for c in cut.caveats)


def test_low_price_run_straddling_the_end_of_period_one_counts_and_is_flagged() -> None:
    # the same calendar at $0.08 from Tue Oct 8, 2024: the 10th session at or below $0.10 is Mon Oct 21, 2024,
    # inside the second period, so the $0.10 rule (5810(c)(3)(A)(iii)) fires then, under the flagged reading
    px = closes("2024-02-01", "2024-11-29", ("2024-03-01", 0.6), ("2024-10-08", 0.08))
    with pytest.warns(RuleUncertainWarning, match="straddling run"):
        tl = check_compliance(px, "nasdaq-capital")
    assert tl.first("low_price_trigger").date == D(2024, 10, 21) and tl.status == "delisting_determination"
    assert tl.first("delisting_determination").date == D(2024, 10, 21)
    assert any("10-day run from 2024-10-08 to 2024-10-21 straddles" in c for c in tl.caveats)
    assert any(u.startswith("straddling run: reading:") for u in tl.uncertain)
    # no second period: the run is cut by the end of period one and the period simply runs out
    cut = check_compliance(px, "nasdaq-capital", second_period=False)
    assert cut.first("low_price_trigger") is None and not any("straddles" in c for c in cut.caveats)
    assert cut.first("delisting_determination").date == D(2024, 10, 15)


def test_scan_flags_the_tickers_settled_by_a_straddling_run() -> None:
    low = closes("2024-02-01", "2024-11-29", ("2024-03-01", 0.6), ("2024-10-08", 0.08))
    cure = closes("2024-02-01", "2024-11-29", ("2024-03-01", 0.6), ("2024-10-08", 1.05))
    inside = closes("2024-02-01", "2024-11-29", ("2024-03-01", 0.6), ("2024-10-01", 1.05))  # 10th session: Oct 14
    # the straddling cure of Oct 21, then below $1 again from Nov 1: the flag belongs to the ticker, not its last case
    again = closes("2024-02-01", "2025-02-28", ("2024-03-01", 0.6), ("2024-10-08", 1.05), ("2024-11-01", 0.6))
    res = scan(pd.DataFrame({"LOW": low, "CURE": cure, "INSIDE": inside}), "nasdaq-capital")
    f = res.to_frame()
    assert f["uncertain"].to_dict() == {"LOW": True, "CURE": True, "INSIDE": False}
    later = scan(pd.DataFrame({"AGAIN": again}), "nasdaq-capital").to_frame().loc["AGAIN"]
    assert later["cases"] == 2 and later["regained_date"] == pd.Timestamp("2024-10-21") and later["uncertain"]
    assert f.loc["LOW", "determination_date"] == pd.Timestamp("2024-10-21")
    assert f.loc["CURE", "regained_date"] == pd.Timestamp("2024-10-21")
    assert f.loc["INSIDE", "regained_date"] == pd.Timestamp("2024-10-14")
    assert any("UNCERTAIN): LOW, CURE" in c for c in res.caveats)
    # the walk agrees ticker by ticker
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuleUncertainWarning)
        for name, px in (("LOW", low), ("CURE", cure), ("INSIDE", inside)):
            walked = check_compliance(px, "nasdaq-capital")
            assert any("straddles" in c for c in walked.caveats) == bool(f.loc[name, "uncertain"])
        assert any("straddles" in c for c in check_compliance(again, "nasdaq-capital").caveats)
