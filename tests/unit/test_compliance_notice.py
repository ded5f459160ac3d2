"""A given notice date: checked against the evaluation date and matched to the case open on that date.

Expected dates are counted by hand in the comments (sessions from the XNYS
calendar: Jul 4, Sep 11-14 2001, Memorial Day... closed).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from splitcalc import rules
from splitcalc.calendars import sessions_between
from splitcalc.cli import main
from splitcalc.compliance import check_compliance
from splitcalc.errors import InputError, RuleUncertainWarning

D = dt.date


def closes(start: str, end: str, *changes: tuple[str, float], first: float = 1.5) -> pd.Series:
    """Closes on every session from start to end: ``first``, then each (date, price) from that date on."""
    days = pd.DatetimeIndex(sessions_between(start, end))
    series = pd.Series(first, index=days, dtype=float)
    for when, price in changes:
        series[days >= pd.Timestamp(when)] = price
    return series


def _dates(tl: object, kind: str) -> list[tuple[dt.date, bool]]:
    return [(e.date, e.estimated) for e in tl.events if e.kind == kind]  # type: ignore[attr-defined]


# ------------------------------------------------------------ the right case
def test_notice_attaches_to_the_case_open_on_its_date_neotherapeutics_like() -> None:
    # NEOT-like, but below $1 ($0.80) from Mon Jul 2, 2001, on the National Market (90-day periods):
    # case 1: Jul 2-3, [4], 5-6 (4), 9-13 (9), 16-20 (14), 23-27 (19), Jul 30-Aug 3 (24), 6-10 (29),
    #   Aug 13 (30) -> deficiency Aug 13, 2001; notice (est.) Aug 14; deadline Aug 14 + 90 = Nov 12, 2001
    #   (Aug 14->31: 17, Sep 30: 47, Oct 31: 78, Nov 12: 90); dropped by the moratorium on Sep 27, 2001,
    #   so that deadline is gone and not shown (rules.md §4: "pending cases dropped").
    # case 2: counting restarts Jan 2, 2002: Jan 2-4 (3), 7-11 (8), 14-18 (13), [21], 22-25 (17),
    #   Jan 28-Feb 1 (22), 4-8 (27), 11-13 (30) -> deficiency Feb 13, 2002, still open on Jun 12, 2002:
    #   the given notice is this case's, so its deadline is Jun 12 + 90 = Sep 10, 2002 (Jun 12->30: 18,
    #   Jul 31: 49, Aug 31: 80, Sep 10: 90) -- not Feb 14 + 90 = May 15 from an estimated notice.
    # $0.17 from Jul 12, 1-for-25 effective Sep 6: $4.25; Sep 6, 9, 10 (3 sessions) before the deadline,
    # 10 by Sep 19 -> too late: determination the session after Sep 10, Wed Sep 11, 2002.
    px = closes("2001-06-01", "2002-10-31", ("2001-07-02", 0.80), ("2002-07-12", 0.17), ("2002-09-06", 4.25))
    with pytest.warns(RuleUncertainWarning, match="2001 moratorium"):  # Jan 2, 2002 counted: flagged reading
        tl = check_compliance(
            px, "nasdaq-national-market", splits=[("2002-09-06", "1-for-25")], notice_date="2002-06-12"
        )
    assert _dates(tl, "deficiency") == [(D(2001, 8, 13), False), (D(2002, 2, 13), False)]
    assert _dates(tl, "notice") == [(D(2001, 8, 14), True), (D(2002, 6, 12), False)]
    assert _dates(tl, "case_dropped") == [(D(2001, 9, 27), False)]
    assert [d for d, _ in _dates(tl, "compliance_period_deadline")] == [D(2002, 9, 10)]
    assert not [e for e in tl.events if e.date in (D(2002, 5, 15), D(2002, 5, 16))]  # no spurious expiry
    assert tl.status == "delisting_determination"
    assert _dates(tl, "delisting_determination") == [(D(2002, 9, 11), True)]
    started = tl.first("regain_streak_started")
    assert (started.date, started.day_count) == (D(2002, 9, 6), 3)
    assert "when the compliance period ended" in started.description


def test_late_notice_on_the_nyse_attaches_to_the_open_case() -> None:
    # At $0.80 from Jan 2, 2024: the 30-trading-day average is first below $1 on the 30th session, Feb 13
    # (see test_nyse_month_end_cure). Feb 29, the only month-end before the notice, fails ($0.80).
    # Given notice Fri Mar 1, 2024: cure period 6 months -> Sep 1, 2024; intent to cure within 10 business
    # days: Mar 4-8 (5), 11-15 (10) -> Mar 15, 2024.
    px = closes("2024-01-02", "2024-06-28", first=0.8)
    tl = check_compliance(px, rules.get("nyse", as_of="2024-02-13"), notice_date="2024-03-01")
    assert _dates(tl, "deficiency") == [(D(2024, 2, 13), False)]
    assert _dates(tl, "notice") == [(D(2024, 3, 1), False)]
    assert tl.first("intent_to_cure_due").date == D(2024, 3, 15)
    assert tl.status == "deficient" and tl.deadline == D(2024, 9, 1)


# ------------------------------------------------------------ refused
def test_notice_after_the_last_close_or_as_of_is_refused() -> None:
    px = closes("2025-01-02", "2025-06-30", ("2025-02-03", 0.5))
    with pytest.raises(InputError, match=r"notice_date: is after the last close \(2025-06-30\)") as err:
        check_compliance(px, "nasdaq-capital", notice_date="2030-01-01")
    assert err.value.param_name == "notice_date"
    with pytest.raises(InputError, match="after the as-of date 2025-04-30"):
        check_compliance(px, "nasdaq-capital", notice_date="2025-05-01", as_of="2025-04-30")


def test_notice_before_any_deficiency_is_refused() -> None:
    # $1.50 until Feb 29, 2024, $0.60 from Mar 1: the only deficiency is Apr 12, 2024 (Good Friday case)
    px = closes("2024-02-01", "2024-04-30", ("2024-03-01", 0.6))
    with pytest.raises(InputError, match="no deficiency is open on 2024-03-20") as err:
        check_compliance(px, "nasdaq-capital", notice_date="2024-03-20")
    assert "2024-04-12" in str(err.value) and err.value.param_name == "notice_date"
    flat = closes("2024-02-01", "2024-04-30")
    with pytest.raises(InputError, match=r"show none \(30 consecutive business days below \$1.00\)"):
        check_compliance(flat, "nasdaq-capital", notice_date="2024-03-20")


def test_notice_after_the_case_was_cured_is_refused() -> None:
    # deficiency Aug 14, 2015; 10 business days at $1.05 from Aug 31 regain on Sep 14 (test_compliance.py):
    # a notice of Sep 21 belongs to no open case
    px = closes("2015-06-01", "2015-10-30", ("2015-07-06", 0.8), ("2015-08-31", 1.05))
    with pytest.raises(InputError, match=r"deficiencies .* on 2015-08-14"):
        check_compliance(px, "nasdaq-capital", notice_date="2015-09-21")
    ok = check_compliance(px, "nasdaq-capital", notice_date="2015-09-14")  # the regain day: still open
    assert ok.first("notice").date == D(2015, 9, 14) and not ok.first("notice").estimated


def test_nyse_notice_the_average_rules_out_is_refused() -> None:
    # $1.50 from Nov 1, 2023, $0.80 from Jan 2, 2024: the 30-session average is below $1 once 22 of the 30
    # are at $0.80 ((22 x 0.8 + 8 x 1.5) / 30 = 0.9867; 21 give 1.01): Jan 2-5 (4), 8-12 (9), 16-19 (13),
    # 22-26 (18), 29-31 (21), Feb 1 (22) -> Feb 1, 2024. A notice of Jan 25 comes before it.
    px = closes("2023-11-01", "2024-03-28", ("2024-01-02", 0.8))
    with pytest.raises(InputError, match=r"deficiencies \(30-trading-day average close below \$1.00\) on 2024-02-01"):
        check_compliance(px, "nyse", notice_date="2024-01-25")


def test_the_cure_counts_from_a_later_notice() -> None:
    # deficiency Aug 14, 2015, $1.05 from Mon Aug 31 (regain Sep 14 counted from the estimated notice).
    # A letter dated Tue Sep 8 (Mon Sep 7 Labor Day) is accepted: nothing was cured before it. The cure
    # counts inside the period, from the notice: Sep 8, 9, 10, 11, 14, 15, 16, 17, 18, 21 -> Sep 21, 2015.
    px = closes("2015-06-01", "2015-10-30", ("2015-07-06", 0.8), ("2015-08-31", 1.05))
    assert check_compliance(px, "nasdaq-capital").first("compliance_regained").date == D(2015, 9, 14)
    tl = check_compliance(px, "nasdaq-capital", notice_date="2015-09-08")
    assert _dates(tl, "notice") == [(D(2015, 9, 8), False)]
    regained = tl.first("compliance_regained")
    assert regained.date == D(2015, 9, 21) and tl.first("regain_streak_started").date == D(2015, 9, 8)
    assert tl.status == "cured"


# ------------------------------------------------------------ closes too short to tell
def test_closes_starting_inside_the_streak_keep_the_notice() -> None:
    # all closes below $1 from Fri Mar 1, 2024: only 14 sessions before a notice of Mar 20, so the closes
    # cannot show the 30-day run, nor rule it out. The deficiency is dated the day before the notice
    # (estimated); deadline Mar 20 + 180 = Sep 16, 2024 (Mar 20->31: 11, Apr 30: 41, May 31: 72,
    # Jun 30: 102, Jul 31: 133, Aug 31: 164, Sep 16: 180).
    inside = closes("2024-03-01", "2024-06-28", first=0.6)
    tl = check_compliance(inside, "nasdaq-capital", notice_date="2024-03-20")
    assert _dates(tl, "deficiency") == [(D(2024, 3, 19), True)]
    assert tl.status == "deficient" and tl.deadline == D(2024, 9, 16)
    after = closes("2024-04-01", "2024-06-28", first=0.6)  # closes begin after the notice
    assert check_compliance(after, "nasdaq-capital", notice_date="2024-03-20").deadline == D(2024, 9, 16)


def test_cli_notice_date_after_the_prices_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "px.csv"
    closes("2025-01-02", "2025-06-30", ("2025-02-03", 0.5)).rename_axis("date").rename("close").to_csv(path)
    assert main(["compliance", str(path), "--exchange", "nasdaq-capital", "--notice-date", "2030-01-01"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: error: --notice-date: is after the last close") and err.count("\n") == 1
