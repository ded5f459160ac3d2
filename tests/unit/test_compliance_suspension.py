"""Nasdaq's Oct 16, 2008 - Jul 31, 2009 suspension of the bid-price test ("pause"), against 2001's "drop".

Facts (splitcalc/rules/nasdaq.py, ``_SUSPENSION_2008``): no new deficiencies during the suspension; new ones
counted from data of Mon Aug 3, 2009; a company in a compliance period on Oct 16, 2008 got "the balance of any
pending compliance period" (read: the days left on Oct 16, ``deadline - Oct 16``, resume on Aug 3, 2009, i.e.
the deadline moves out by 291 days); regaining compliance during the suspension still counted.

Every expected date is counted by hand in the comments (2008-09 XNYS closures used: Sep 1, Nov 27, Dec 25,
2008; Jan 1, Jan 19, Feb 16, Apr 10, May 25, Jul 3, Sep 7, 2009).
"""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pandas as pd
import pytest

from splitcalc import rules
from splitcalc.calendars import sessions_between
from splitcalc.compliance import EVENT_KINDS, ComplianceTimeline, check_compliance, scan
from splitcalc.errors import RuleUncertainWarning

D = dt.date
FIRST = "2008-07-01"
LAST = "2009-12-31"


def closes(*changes: tuple[str, float], start: str = FIRST, end: str = LAST, first: float = 1.5) -> pd.Series:
    """Closes on every session from start to end: ``first``, then each (date, price) from that date on."""
    days = pd.DatetimeIndex(sessions_between(start, end))
    series = pd.Series(first, index=days, dtype=float)
    for when, price in changes:
        series[days >= pd.Timestamp(when)] = price
    return series


def check(px: pd.Series, name: str, as_of: str, **kw: object) -> ComplianceTimeline:
    # the 2005-2010 compliance periods are carried forward in rules.md, flagged UNCERTAIN: that warning is
    # expected here and checked in test_compliance.py
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuleUncertainWarning)
        return check_compliance(px, rules.get(name, as_of=as_of), as_of=as_of, **kw)  # type: ignore[arg-type]


# Below $1 from Mon Jul 7, 2008: Jul 7-11 (5), 14-18 (10), 21-25 (15), Jul 28-Aug 1 (20), Aug 4-8 (25),
# Aug 11-15 (30) -> deficiency Fri Aug 15, 2008; notice (estimated) Mon Aug 18, 2008; 180 days:
# Aug 18 -> Sep 18 (31), Oct 18 (61), Nov 18 (92), Dec 18 (122), Jan 18 (153), Feb 14, 2009 (180).
# On Oct 16, 2008 it had Feb 14, 2009 - Oct 16, 2008 = 121 days left (Oct 16 -> Nov 16 31, Dec 16 61,
# Jan 16 92, Feb 16 123, Feb 14 121). The balance resumes Aug 3, 2009: Aug 3 + 121 -> Sep 3 (31), Oct 3 (61),
# Nov 3 (92), Dec 3 (122) -> Dec 2, 2009. Check: Feb 14, 2009 + 291 (the suspension's length) = Dec 2, 2009.
#
# Why "+ N" and not "+ N - 1": a company's days_remaining on Aug 3, 2009 equals the one it had on Oct 16,
# 2008 (121), and the one public letter found agrees (North American Scientific, healthimaging.com:
# deadline Feb 17, 2009; with the tests first due back Mon Jan 19, 2009 Nasdaq gave May 26, 2009 =
# Jan 19 + 124 = Sat May 23, moved past the weekend and Memorial Day; "+ N - 1" would give Fri May 22).
PAUSED = (("2008-07-07", 0.5),)
ORIGINAL_DEADLINE = D(2009, 2, 17)  # + 180 = Sat Feb 14, 2009; Mon Feb 16 Presidents' Day -> Tue Feb 17
PAUSED_DEADLINE = D(2009, 12, 2)


# ------------------------------------------------------------- (1) new deficiencies
def test_streak_completing_during_the_suspension_is_not_cited_until_30_days_from_aug_3_2009() -> None:
    # below from Mon Sep 22, 2008: Sep 22-26 (5), Sep 29-Oct 3 (10), Oct 6-10 (15), Oct 13-15 (18); without
    # the suspension Oct 16-17 (20), 20-24 (25), 27-31 (30) -> Oct 31, 2008. With it nothing counts until
    # Aug 3, 2009: Aug 3-7 (5), 10-14 (10), 17-21 (15), 24-28 (20), Aug 31-Sep 4 (25), [Sep 7 Labor Day],
    # Sep 8-11 (29), Sep 14 (30) -> deficiency Mon Sep 14, 2009; notice Tue Sep 15, 2009.
    px = closes(("2008-09-22", 0.5))
    tl = check(px, "nasdaq-global", "2009-09-30")
    assert [e.date for e in tl.events if e.kind == "deficiency"] == [D(2009, 9, 14)]
    assert tl.first("below_bid_streak_started").date == D(2009, 8, 3)
    assert tl.first("notice").date == D(2009, 9, 15)
    # Sep 15, 2009 + 180: Oct 15 (30), Nov 15 (61), Dec 15 (91), Jan 15 (122), Feb 15 (153), Mar 15 (181)
    # -> Mar 14, 2010
    assert tl.status == "deficient" and tl.deadline == D(2010, 3, 15)  # + 180 = Sun Mar 14, 2010 -> Mon Mar 15
    assert tl.first("compliance_period_paused") is None  # no case was open on Oct 16, 2008
    moratorium = tl.first("moratorium")
    assert moratorium.date == D(2008, 10, 16) and "compliance periods paused" in moratorium.description


def test_inside_the_suspension_a_below_streak_does_not_count() -> None:
    # same closes, evaluated on Fri Jul 31, 2009 (last day of the suspension): only the 18 days of Sep 22 -
    # Oct 15, 2008 were below outside it, and they ended; the streak on the last close is 0
    tl = check(closes(("2008-09-22", 0.5)), "nasdaq-capital", "2009-07-31")
    assert tl.status == "compliant" and tl.below_streak == 0
    assert tl.first("deficiency") is None


# --------------------------------------------------------- (2) balance of the period
def test_open_case_gets_the_balance_of_its_period_from_aug_3_2009() -> None:
    tl = check(closes(*PAUSED), "nasdaq-global", "2009-09-30")
    assert tl.first("deficiency").date == D(2008, 8, 15)
    assert tl.first("notice").date == D(2008, 8, 18)
    paused = tl.first("compliance_period_paused")
    assert paused.date == D(2008, 10, 16) and paused.day_count == 121
    assert "suspension: compliance period paused" in paused.description
    assert "2009-02-14" in paused.description and "2009-08-03" in paused.description
    deadline = tl.first("compliance_period_deadline")
    assert deadline.date == PAUSED_DEADLINE and deadline.day_count == 180
    assert "plus 291 calendar days paused" in deadline.description
    assert tl.status == "deficient" and tl.deadline == PAUSED_DEADLINE
    assert tl.days_remaining == 63  # Sep 30 -> Oct 30 (30), Nov 30 (61), Dec 2 (63)
    assert tl.first("delisting_determination") is None  # the unpaused deadline, Feb 14, 2009, is not applied


def test_days_left_on_oct_16_2008_are_the_days_left_on_aug_3_2009() -> None:
    on_oct_16 = check(closes(*PAUSED), "nasdaq-global", "2008-10-16")
    on_aug_3 = check(closes(*PAUSED), "nasdaq-global", "2009-08-03")
    assert on_aug_3.days_remaining == 121  # the balance, as stated in the comment above
    # on Oct 16 itself the timeline already counts the pause: Oct 16, 2008 -> Dec 2, 2009 = 121 + 291
    assert on_oct_16.deadline == PAUSED_DEADLINE and on_oct_16.days_remaining == 412


def test_before_the_suspension_the_original_deadline_stands() -> None:
    # evaluated on Wed Oct 15, 2008 the suspension has not begun: the deadline is the unpaused one
    tl = check(closes(*PAUSED), "nasdaq-global", "2008-10-15")
    assert tl.deadline == ORIGINAL_DEADLINE and tl.first("compliance_period_paused") is None


def test_during_the_suspension_the_deadline_is_the_paused_one_with_a_caveat() -> None:
    tl = check(closes(*PAUSED), "nasdaq-global", "2008-11-03")
    assert tl.status == "deficient" and tl.deadline == PAUSED_DEADLINE
    assert tl.days_remaining == 394  # Nov 3, 2008 -> Nov 3, 2009 (365) -> Dec 2, 2009 (+29)
    assert any("paused by the 2008-10-16 to 2009-08-03 suspension" in c for c in tl.caveats)


def test_expiry_after_the_paused_deadline() -> None:
    tl = check(closes(*PAUSED), "nasdaq-global", "2009-12-31")
    det = tl.first("delisting_determination")
    assert det.date == D(2009, 12, 3) and det.estimated  # the session after Wed Dec 2, 2009
    assert "compliance period ended 2009-12-02" in det.description


def test_second_period_running_on_oct_16_2008_moves_out() -> None:
    # Capital Market. Below from Mon Dec 17, 2007: Dec 17-21 (5), 24 (6), [25], 26-28 (9), 31 (10), [Jan 1],
    # Jan 2-4 (13), 7-11 (18), 14-18 (23), [Jan 21 MLK], 22-25 (27), 28-30 (30) -> Wed Jan 30, 2008; notice
    # Thu Jan 31. First period: Jan 31 -> Feb 29 (29), Mar 31 (60), Apr 30 (90), May 31 (121), Jun 30 (151),
    # Jul 29, 2008 (180), before the suspension: it stays. Second: Jul 29 -> Aug 29 (31), Sep 29 (62),
    # Oct 29 (92), Nov 29 (123), Dec 29 (153), Jan 25, 2009 (180); 101 days left on Oct 16 (Nov 16 31,
    # Dec 16 61, Jan 16 92, Jan 25 101) -> Aug 3, 2009 + 101: Sep 3 (31), Oct 3 (61), Nov 3 (92), Nov 12 (101).
    px = closes(("2007-12-17", 0.5), start="2007-12-03")
    tl = check(px, "nasdaq-capital", "2009-10-01")
    assert tl.first("deficiency").date == D(2008, 1, 30)
    assert tl.first("compliance_period_deadline").date == D(2008, 7, 29)
    assert tl.first("compliance_period_paused").day_count == 101
    second = tl.first("second_period_deadline")
    assert second.date == D(2009, 11, 12) and "plus 291 calendar days paused" in second.description
    assert tl.status == "deficient" and tl.deadline == D(2009, 11, 12)


# ------------------------------------------------------------- (3) regain during it
def test_ten_days_at_1_during_the_suspension_regain_compliance() -> None:
    # the open case above; at $1.20 from Mon Mar 2, 2009: Mar 2-6 (5), 9-13 (10) -> regained Fri Mar 13, 2009
    # (inside the suspension, which Nasdaq kept monitoring). Below again from Mon Mar 16, 2009: nothing
    # counts until Aug 3, 2009, then the 30th business day is Mon Sep 14, 2009 (as in test (1)).
    px = closes(*PAUSED, ("2009-03-02", 1.2), ("2009-03-16", 0.5))
    tl = check(px, "nasdaq-global", "2009-09-30")
    assert tl.first("regain_streak_started").date == D(2009, 3, 2)
    regained = tl.first("compliance_regained")
    assert regained.date == D(2009, 3, 13) and regained.day_count == 10
    assert [e.date for e in tl.events if e.kind == "deficiency"] == [D(2008, 8, 15), D(2009, 9, 14)]
    assert tl.status == "deficient" and tl.deadline == D(2010, 3, 15)  # Sep 15, 2009 + 180 = Sun Mar 14 -> next session


def test_nine_days_during_the_suspension_do_not() -> None:
    # Mar 2-6 (5), 9-12 (9), below again Fri Mar 13: short of 10; the case stays open with the paused deadline
    px = closes(*PAUSED, ("2009-03-02", 1.2), ("2009-03-13", 0.5))
    tl = check(px, "nasdaq-global", "2009-09-30")
    assert tl.first("compliance_regained") is None
    assert tl.status == "deficient" and tl.deadline == PAUSED_DEADLINE


# ------------------------------------------------------------- "pause" vs "drop"
def test_the_same_window_as_a_drop_ends_the_case() -> None:
    # a scenario override of the 2008 row with 2001's semantics: the open case is dropped on Oct 16, 2008,
    # and nothing counts until Aug 3, 2009 -> a new deficiency on Sep 14, 2009
    rs = rules.get("nasdaq-global", as_of="2009-09-30")
    drop = rs.with_value("moratorium", rules.Moratorium(D(2008, 10, 16), D(2009, 8, 3), "drop"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuleUncertainWarning)
        tl = check_compliance(closes(*PAUSED), drop, as_of="2009-09-30")
    assert tl.first("case_dropped").date == D(2008, 10, 16)
    assert tl.first("compliance_period_paused") is None
    assert [e.date for e in tl.events if e.kind == "deficiency"] == [D(2008, 8, 15), D(2009, 9, 14)]
    assert tl.deadline == D(2010, 3, 15)  # + 180 = Sun Mar 14, 2010 -> Mon Mar 15


def test_2001_moratorium_still_drops() -> None:
    # unchanged 2001 semantics under a modern tier that carries both rows: below from Jul 2, 2001, 30th business
    # day Aug 13, 2001 (test_compliance.py); judged under the 2002-era tier, dropped on Sep 27, 2001
    px = closes(("2001-07-02", 0.5), start="2001-06-01", end="2001-12-31")
    tl = check_compliance(px, rules.get("nasdaq-national-market", as_of="2001-08-13"))
    assert tl.first("case_dropped").date == D(2001, 9, 27)
    assert tl.first("compliance_period_paused") is None


def test_event_kind_registered_and_json() -> None:
    assert "compliance_period_paused" in EVENT_KINDS
    tl = check(closes(*PAUSED), "nasdaq-global", "2009-09-30")
    assert set(tl.kinds()) <= set(EVENT_KINDS)
    frame = tl.to_frame()
    assert "suspension: compliance period paused" in " ".join(frame["description"])


# ------------------------------------------------------------------------- scan
def test_scan_agrees_on_the_suspension() -> None:
    days = pd.DatetimeIndex(sessions_between(FIRST, "2009-09-30"))
    frame = pd.DataFrame(
        {
            "STREAK": closes(("2008-09-22", 0.5), end="2009-09-30"),
            "PAUSED": closes(*PAUSED, end="2009-09-30"),
            "REGAIN": closes(*PAUSED, ("2009-03-02", 1.2), ("2009-03-16", 0.5), end="2009-09-30"),
            "OK": np.full(len(days), 2.0),
        },
        index=days,
    )
    res = scan(frame, "nasdaq-global")
    f = res.frame
    assert f.loc["STREAK", "deficiency_date"] == pd.Timestamp("2009-09-14") and f.loc["STREAK", "cases"] == 1
    assert f.loc["PAUSED", "status"] == "deficient"
    assert f.loc["PAUSED", "deadline"] == pd.Timestamp(PAUSED_DEADLINE)
    assert f.loc["PAUSED", "days_remaining"] == 63
    assert f.loc["REGAIN", "regained_date"] == pd.Timestamp("2009-03-13") and f.loc["REGAIN", "cases"] == 2
    assert f.loc["REGAIN", "deadline"] == pd.Timestamp("2010-03-15")
    assert f.loc["OK", "status"] == "compliant"
    for ticker in ("STREAK", "PAUSED", "REGAIN"):
        tl = check(frame[ticker], "nasdaq-global", "2009-09-30")
        assert f.loc[ticker, "status"] == tl.status
        assert f.loc[ticker, "deadline"].date() == tl.deadline


@pytest.mark.parametrize("kind", ["drop", "pause"])
def test_scan_follows_the_kind_of_an_override(kind: str) -> None:
    rs = rules.get("nasdaq-global", as_of="2009-09-30")
    rs = rs.with_value("moratorium", rules.Moratorium(D(2008, 10, 16), D(2009, 8, 3), kind))
    px = closes(*PAUSED, end="2009-09-30")
    row = scan(pd.DataFrame({"T": px}), rs).frame.loc["T"]
    # pause: the first case is still open (Dec 2, 2009); drop: it ended, a new one from Sep 14, 2009 (Mar 14, 2010)
    expected = PAUSED_DEADLINE if kind == "pause" else D(2010, 3, 15)
    assert row["deadline"] == pd.Timestamp(expected)
    assert row["cases"] == (1 if kind == "pause" else 2)
