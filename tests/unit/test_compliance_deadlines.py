"""The rule kernel's period ends: the exchanges' dating (session move, NYSE months) and the 2020 tolling.

Expected dates are counted by hand in the comments (XNYS closures used: Jul 4, 2023; Sep 4, 2023 Labor Day;
Jan 1, 2021; Apr 10, 2020 Good Friday; Nov 28, Dec 25, 2019; Jan 1, 2020).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from splitcalc import rules
from splitcalc.calendars import is_session, sessions_between
from splitcalc.compliance import check_compliance, deadlines, scan

D = dt.date


def closes(start: str, end: str, *changes: tuple[str, float], first: float = 1.5) -> pd.Series:
    """Closes on every session from start to end: ``first``, then each (date, price) from that date on."""
    days = pd.DatetimeIndex(sessions_between(start, end))
    series = pd.Series(first, index=days, dtype=float)
    for when, price in changes:
        series[days >= pd.Timestamp(when)] = price
    return series


# ------------------------------------------------------------------ the letters' dating
def test_independence_day_moves_the_deadline() -> None:
    d = deadlines(D(2023, 1, 5), "nasdaq-capital", second_period=False)
    assert (d.first_count, d.first_deadline) == (D(2023, 7, 4), D(2023, 7, 5))
    assert d.moved and d.second_deadline is None
    assert d.determination == D(2023, 7, 6)  # the first session after the period
    assert any("5810(c)(3)(A)" in c for c in d.cites)
    frame = d.to_frame()
    assert "not a session" in frame.loc["first period", "moved"]


def test_mullen_second_period_counts_from_the_moved_first_and_moves_again() -> None:
    # Sep 7, 2022 + 180 = Mon Mar 6, 2023; + 180 = Sat Sep 2; Mon Sep 4 Labor Day -> Tue Sep 5, 2023
    d = deadlines(D(2022, 9, 7), "nasdaq-capital")
    assert d.first_deadline == D(2023, 3, 6) and d.first_count == D(2023, 3, 6)
    assert (d.second_count, d.second_deadline) == (D(2023, 9, 2), D(2023, 9, 5))
    assert d.final_deadline == D(2023, 9, 5)


def test_second_period_counts_from_the_moved_first_deadline() -> None:
    # Jul 25, 2022 + 180 = Sat Jan 21, 2023 -> Mon Jan 23; + 180 from Jan 23 = Sat Jul 22 -> Mon Jul 24, 2023
    # (from the unmoved Jan 21 it would be Thu Jul 20, a session: the two readings differ)
    d = deadlines(D(2022, 7, 25), "nasdaq-capital")
    assert d.first_deadline == D(2023, 1, 23) and d.second_deadline == D(2023, 7, 24)


def test_nyse_six_months_are_not_moved() -> None:
    # Mon Jan 30, 2023 + 6 months = Sun Jul 30, 2023: stays
    d = deadlines(D(2023, 1, 30), "nyse")
    assert d.first_deadline == d.first_count == D(2023, 7, 30) and not is_session(d.first_deadline)
    assert d.second_deadline is None
    assert d.determination == D(2023, 7, 31)
    # Aug 31 + 6 months: clamped to Feb 28
    assert deadlines(D(2024, 8, 31), "nyse").first_deadline == D(2025, 2, 28)


def test_nyse_american_has_no_period_and_says_so() -> None:
    d = deadlines(D(2023, 1, 30), "nyse-american")
    assert d.first_deadline is None and d.final_deadline is None and d.determination is None
    assert d.note.startswith("no compliance period")


# ------------------------------------------------------------------ 2020 tolling
def test_tolling_rows_are_dated_and_cited() -> None:
    for name, sr in (("nasdaq-capital", "SR-NASDAQ-2020-021"), ("nyse", "SR-NYSE-2020-36")):
        row = rules.get(name, as_of=D(2020, 5, 1)).moratorium
        assert row.effective == D(2020, 4, 16) and sr in row.cite
        assert (row.value.start, row.value.end, row.value.kind) == (D(2020, 4, 16), D(2020, 7, 1), "toll")


def test_nasdaq_period_running_on_apr_16_2020_resumes_its_balance_on_jul_1() -> None:
    # notice Thu Jan 2, 2020 + 180 = Tue Jun 30, 2020; 75 days left on Apr 16 (Jun 30 - Apr 16);
    # Jul 1 + 75 = Mon Sep 14, 2020 (Jul 31: 30, Aug 31: 61, Sep 14: 75)
    d = deadlines(D(2020, 1, 2), "nasdaq-capital", second_period=False)
    assert d.first_deadline == D(2020, 9, 14)
    assert [(s.period, s.before, s.after, s.notified_inside) for s in d.stops] == [
        ("first", D(2020, 6, 30), D(2020, 9, 14), False)
    ]
    assert any("SR-NASDAQ-2020-021" in c for c in d.cites)
    # what the letter itself stated on Jan 2, 2020 (the tolling was not known then)
    assert deadlines(D(2020, 1, 2), "nasdaq-capital", second_period=False, as_of=D(2020, 1, 2)).first_deadline == D(
        2020, 6, 30
    )


def test_nasdaq_first_notified_during_the_tolling_gets_180_days_from_jul_1_2020() -> None:
    # Jul 1 + 180: Jul 31 (30), Aug 31 (61), Sep 30 (91), Oct 31 (122), Nov 30 (152), Mon Dec 28 (180)
    for notice in (D(2020, 4, 16), D(2020, 5, 1), D(2020, 6, 30)):
        d = deadlines(notice, "nasdaq-capital", second_period=False)
        assert d.clock_start == D(2020, 7, 1) and d.first_deadline == D(2020, 12, 28), notice
    # the day after the tolling: an ordinary count (Jul 1 + 180)
    assert deadlines(D(2020, 7, 1), "nasdaq-capital", second_period=False).first_deadline == D(2020, 12, 28)
    assert deadlines(D(2020, 7, 2), "nasdaq-capital", second_period=False).first_deadline == D(2020, 12, 29)


def test_period_that_ended_before_the_tolling_is_untouched() -> None:
    # Oct 1, 2019 + 180 = Sun Mar 29, 2020 -> Mon Mar 30
    assert deadlines(D(2019, 10, 1), "nasdaq-capital", second_period=False).first_deadline == D(2020, 3, 30)


def test_nyse_tolling() -> None:
    # in a period: Feb 3 + 6 months = Aug 3, 2020; + 76 days tolled (Apr 16 - Jun 30) = Sun Oct 18 (not moved)
    assert deadlines(D(2020, 2, 3), "nyse").first_deadline == D(2020, 10, 18)
    # notified during it: six months from Jul 1, 2020 = Fri Jan 1, 2021 (a holiday, not moved)
    d = deadlines(D(2020, 5, 1), "nyse")
    assert d.first_deadline == D(2021, 1, 1) and d.determination == D(2021, 1, 4)


def test_walk_and_scan_toll_a_running_period() -> None:
    # below from Mon Nov 18, 2019: Nov 18-22 (5), 25-27, 29 (9; Thanksgiving), Dec 2-6 (14), 9-13 (19),
    # 16-20 (24), 23, 24, 26, 27 (28), 30, 31 (30) -> deficiency Tue Dec 31, 2019; notice (est.) Thu Jan 2, 2020
    px = closes("2019-09-03", "2020-08-31", ("2019-11-18", 0.5))
    tl = check_compliance(px, "nasdaq-capital", second_period=False)
    assert tl.first("deficiency").date == D(2019, 12, 31) and tl.first("notice").date == D(2020, 1, 2)
    assert tl.status == "deficient" and tl.deadline == D(2020, 9, 14)
    paused = tl.first("compliance_period_paused")
    assert paused is not None and paused.date == D(2020, 4, 16) and "SR-NASDAQ-2020-021" in paused.cite
    frame = scan(pd.DataFrame({"X": px}), "nasdaq-capital", second_period=False).frame
    assert frame.loc["X", "deadline"] == pd.Timestamp("2020-09-14")


def test_walk_and_scan_notice_inside_the_tolling() -> None:
    # below from Mon Mar 23, 2020: Mar 23-27 (5), Mar 30-Apr 3 (10), Apr 6-9 (14; Good Friday), 13-17 (19),
    # 20-24 (24), Apr 27-May 1 (29), Mon May 4 (30) -> notice (est.) Tue May 5, 2020: 180 days from Jul 1
    px = closes("2020-01-02", "2020-08-31", ("2020-03-23", 0.5))
    tl = check_compliance(px, "nasdaq-capital", second_period=False)
    assert tl.first("deficiency").date == D(2020, 5, 4)  # deficiencies still accrue during the tolling
    assert tl.status == "deficient" and tl.deadline == D(2020, 12, 28)
    frame = scan(pd.DataFrame({"X": px}), "nasdaq-capital", second_period=False).frame
    assert frame.loc["X", "deficiency_date"] == pd.Timestamp("2020-05-04")
    assert frame.loc["X", "deadline"] == pd.Timestamp("2020-12-28")


# ------------------------------------------------------------------ invariants
@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=D(2010, 11, 1), max_value=D(2027, 12, 31)))
def test_nasdaq_deadline_is_the_first_session_on_or_after_the_count(notice: dt.date) -> None:
    d = deadlines(notice, "nasdaq-capital")
    assert d.first_count is not None and d.first_deadline is not None and d.second_deadline is not None
    assert is_session(d.first_deadline) and is_session(d.second_deadline)
    # nothing between the count and the deadline is a session
    for k in range((d.first_deadline - d.first_count).days):
        assert not is_session(d.first_count + dt.timedelta(days=k))
    assert 0 <= (d.first_deadline - d.first_count).days <= 4
    tolled = D(2020, 4, 16) <= max(notice, d.first_count) and notice < D(2020, 7, 1)
    if not tolled:
        assert d.first_count == notice + dt.timedelta(days=180)
    if d.first_deadline >= D(2020, 7, 1):
        assert d.second_count == d.first_deadline + dt.timedelta(days=180)
