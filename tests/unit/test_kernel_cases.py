"""The rule kernel's case machine (splitcalc.compliance.kernel.cases), on series built by hand.

Each expected column or date below is worked out from the series and the rule text in the test, not read back from
the code: the deficiency completes on the 30th close below $1.00, the notice is the next session, a regain needs 10
closes at or above $1.00 from the notice on, the $0.10 run counts from the notice, the NYSE cure is a month's last
session with close and 30-day average at or above $1.00.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from splitcalc import rules
from splitcalc.calendars import sessions_between
from splitcalc.compliance.kernel import deadlines
from splitcalc.compliance.kernel.cases import (
    CURED,
    DROPPED,
    EXPIRED,
    LOW_PRICE,
    OPEN,
    ConsecutiveBid,
    ThirtyDayAverage,
    chain,
)
from splitcalc.errors import RuleUncertainWarning

DAYS = np.array(sessions_between("2024-01-02", "2025-06-30"), dtype="datetime64[D]")
CAPITAL = rules.get("nasdaq-capital", as_of="2024-01-02")


def _one(rs: rules.RuleSet):  # type: ignore[no-untyped-def]
    return lambda day, notice: [(np.ones(len(day), dtype=bool), rs)]


def _bid(closes: list[float], rs: rules.RuleSet = CAPITAL, grid: np.ndarray = DAYS, **kw: object) -> ConsecutiveBid:
    x = np.array([closes], dtype=np.float64)
    return ConsecutiveBid(x, rs, grid=grid[: len(closes)], calendar=rs.calendar, **kw)  # type: ignore[arg-type]


def test_a_regain_run_counts_from_the_notice_and_cures() -> None:
    test = _bid([0.5] * 35 + [1.2] * 20)
    table = chain(test, _one(CAPITAL))
    assert table.t.tolist() == [29]  # the 30th close below $1.00 (Feb 13, 2024)
    assert table.notice[0] == np.datetime64("2024-02-14")
    s = table.settled
    assert s.outcome.tolist() == [CURED]
    assert s.regain.tolist() == [44]  # closes 35..44 are the 10 at or above
    assert s.resume.tolist() == [45]


def test_the_low_price_run_counts_from_the_notice_not_from_its_first_close() -> None:
    # closes at $0.05 from session 25: the deficiency completes on 29 and the $0.10 run is counted from the
    # notice (session 30), so it completes on 39 -- not on 34, the 10th such close
    test = _bid([0.5] * 25 + [0.05] * 30)
    s = chain(test, _one(CAPITAL)).settled
    assert s.outcome.tolist() == [LOW_PRICE]
    assert s.low_price.tolist() == [39]
    assert s.determination[0] == DAYS[39]
    assert s.regain.tolist() == [-1]


def test_a_period_that_runs_out_is_a_determination_the_next_session() -> None:
    closes = [0.5] * 250  # Jan 2 to Dec 31, 2024
    test = _bid(closes, second=False)
    s = chain(test, _one(CAPITAL)).settled
    ends = deadlines(dt.date(2024, 2, 14), CAPITAL, second_period=False)
    assert s.outcome.tolist() == [EXPIRED]
    assert s.final_end[0] == np.datetime64(ends.first_deadline)
    assert s.determination[0] == np.datetime64(ends.determination)
    # with the second period assumed (Aug 12, 2024 to Feb 2025), the case is still open on Dec 31, 2024
    s2 = chain(_bid(closes, second=True), _one(CAPITAL)).settled
    ends2 = deadlines(dt.date(2024, 2, 14), CAPITAL, second_period=True)
    assert s2.outcome.tolist() == [OPEN]
    assert s2.deadline[0] == np.datetime64(ends2.second_deadline)


def test_a_split_that_broke_another_standard_blocks_the_cure_from_its_session() -> None:
    test = _bid([0.5] * 35 + [1.2] * 20)
    one = np.zeros(1, dtype=np.int64)
    groups = _one(CAPITAL)(np.zeros(1), np.zeros(1))
    free = test.settle(one, np.array([29]), DAYS[29], DAYS[30], groups)
    blocked = test.settle(one, np.array([29]), DAYS[29], DAYS[30], groups, block=np.array([40]))
    assert free.regain.tolist() == [44]
    assert blocked.regain.tolist() == [-1]
    assert blocked.outcome.tolist() == [OPEN]


def test_a_later_given_notice_moves_the_first_session_that_counts() -> None:
    # regain run on 35..44; a notice given as session 37 means only 37.. count: 10 closes end on 46
    test = _bid([0.5] * 35 + [1.2] * 20)
    groups = _one(CAPITAL)(np.zeros(1), np.zeros(1))
    s = test.settle(np.zeros(1, dtype=np.int64), np.array([29]), DAYS[29], DAYS[37], groups, lo=np.array([37]))
    assert s.regain.tolist() == [46]


def test_an_open_case_given_in_columns_cures_or_runs_out() -> None:
    undated = ConsecutiveBid(np.array([[1.2] * 12, [0.5] * 5 + [1.2] * 7, [0.5] * 12]), CAPITAL)
    rows = np.arange(3, dtype=np.int64)
    table = chain(undated, _one(CAPITAL), opened=(rows, np.array([9, 9, 20])), max_cases=1)
    s = table.settled
    # row 0: 10 closes at or above end on session 9, inside; row 1: they would end on 14, after session 9;
    # row 2: never, and its period (to session 20) reaches past the 12 sessions: still open
    assert s.outcome.tolist() == [CURED, EXPIRED, OPEN]
    assert s.regain.tolist() == [9, -1, -1]
    assert table.t.tolist() == [-1, -1, -1]


def test_the_chain_counts_every_case_and_keeps_the_last_per_row() -> None:
    a = [0.5] * 35 + [1.2] * 10 + [0.5] * 35 + [1.2] * 5
    b = [1.2] * 85
    x = np.array([a, b])
    test = ConsecutiveBid(x, CAPITAL, grid=DAYS[:85], calendar="XNYS")
    table = chain(test, _one(CAPITAL))
    assert table.cases_per_row(2).tolist() == [2, 0]
    assert table.t.tolist() == [29, 74]  # the second deficiency: 30 closes below from session 45
    assert table.last_per_row(2).tolist() == [1, -1]
    assert table.settled.outcome.tolist() == [CURED, OPEN]


def test_a_drop_moratorium_that_begins_in_a_case_drops_it() -> None:
    # Nasdaq's Sep 27, 2001 moratorium dropped pending bid-price cases; counting resumed Jan 2, 2002
    grid = np.array(sessions_between("2001-06-01", "2002-03-28"), dtype="datetime64[D]")
    rs = rules.get("nasdaq-national-market", as_of="2002-03-28")
    test = ConsecutiveBid(np.full((1, len(grid)), 0.5), rs, grid=grid, calendar=rs.calendar)
    table = chain(test, _one(rs), max_cases=1)
    s = table.settled
    assert s.outcome.tolist() == [DROPPED]
    _, resume, _, m = test.drops[int(s.dropped[0])]
    assert m.start == dt.date(2001, 9, 27)
    assert s.resume[0] == resume
    assert grid[resume] == np.datetime64(m.end)
    assert grid[table.t[0]] < np.datetime64(m.start)


def test_nyse_cures_on_a_month_end_with_close_and_average_at_or_above() -> None:
    nyse = rules.get("nyse", as_of="2024-01-02")
    closes = [0.9] * 30 + [1.5] * 60
    x = np.array([closes])
    test = ThirtyDayAverage(x, nyse, grid=DAYS[:90], calendar="XNYS")
    table = chain(test, _one(nyse))
    assert table.t[0] == 29  # the first full 30-session average, $0.90
    # by hand: the first month's last session from the notice on where the 30-day average is >= $1.00
    avg = np.convolve(closes, np.ones(30) / 30, mode="full")[29 : 29 + 90 - 29]
    month_end = [i for i in range(30, 89) if str(DAYS[i])[:7] != str(DAYS[i + 1])[:7]]
    expected = next(i for i in month_end if avg[i - 29] >= 1.0 - 1e-12)
    assert table.settled.outcome[0] == CURED
    assert table.settled.regain[0] == expected


def test_nyse_tests_the_last_session_of_the_period_too() -> None:
    nyse = rules.get("nyse", as_of="2024-01-02")
    test = ThirtyDayAverage(np.array([[0.9] * 30 + [0.95] * 200]), nyse, grid=DAYS[:230], calendar="XNYS")
    s = chain(test, _one(nyse)).settled
    assert s.outcome[0] == EXPIRED
    days = test.cure_test_days(0, s, 0)
    end = s.first_end[0]
    last = int(s.last[0])
    assert DAYS[last] <= end < DAYS[last + 1]  # the period's last session is in the data ...
    assert days[last]  # ... and is a test day, month end or not


@pytest.mark.parametrize("test_cls", [ConsecutiveBid, ThirtyDayAverage])
def test_a_dated_grid_needs_its_calendar(test_cls: type) -> None:
    with pytest.raises(ValueError, match="calendar"):
        test_cls(np.ones((1, 40)), rules.get("nyse", as_of="2024-01-02"), grid=DAYS[:40])


# ------------------------------------------------------------ found in review (each failed before its fix)
def test_a_notice_dated_on_the_deficiency_day_counts_its_own_close_toward_the_low_price_run() -> None:
    import pandas as pd

    from splitcalc.compliance import check_compliance

    # closes at $0.08 from the start: the 30th completes on session 29 (Feb 13, 2024), the day of the given
    # notice; the period runs from the notice, so sessions 29..38 are the 10 at or below $0.10 -> Feb 27
    days = pd.DatetimeIndex(sessions_between("2024-01-02", "2024-06-28"))
    px = pd.Series([0.08] * 39 + [1.5] * (len(days) - 39), index=days)
    tl = check_compliance(px, "nasdaq-capital", notice_date=days[29].date())
    trigger = tl.first("low_price_trigger")
    assert trigger is not None and trigger.date == dt.date(2024, 2, 27)
    assert tl.status == "delisting_determination"


def test_a_drop_moratorium_after_the_last_close_still_drops_a_case_open_on_the_evaluation_date() -> None:
    import pandas as pd

    from splitcalc.compliance import check_compliance

    days = pd.DatetimeIndex(sessions_between("2001-06-01", "2001-09-10"))
    with pytest.warns(RuleUncertainWarning):  # the 2001 moratorium reading is flagged
        tl = check_compliance(pd.Series(0.5, index=days), "nasdaq-national-market", as_of=dt.date(2002, 3, 1))
    dropped = tl.first("case_dropped")
    assert dropped is not None and dropped.date == dt.date(2001, 9, 27)
    assert tl.first("delisting_determination") is None


def test_a_missing_close_inside_the_data_breaks_the_regain_run() -> None:
    closes = [0.5] * 30 + [1.5] * 5 + [np.nan] + [1.5] * 5 + [0.5] * 5
    test = ConsecutiveBid(np.array([closes]), CAPITAL)
    s = chain(test, _one(CAPITAL)).settled
    assert s.outcome.tolist() == [OPEN]  # 5 + 5 closes at or above, never 10 in a row
    assert s.regain.tolist() == [-1]


@pytest.mark.parametrize("name", ["nasdaq-capital", "nyse"])
def test_scan_counts_the_streaks_of_a_ticker_that_stops_early_at_its_last_close(name: str) -> None:
    import pandas as pd

    from splitcalc.compliance import check_compliance, scan

    days = pd.DatetimeIndex(sessions_between("2024-01-02", "2024-06-28"))
    stops = np.r_[np.full(60, 1.5), np.full(10, 0.8), np.full(len(days) - 70, np.nan)]
    row = scan(pd.DataFrame({"A": stops, "B": 1.5}, index=days), name).frame.loc["A"]
    tl = check_compliance(pd.Series(stops[:70], index=days[:70]), name, as_of=days[-1].date())
    assert (row["status"], row["below_streak"], row["above_streak"]) == ("below_bid_streak", 10, 0)
    assert (tl.status, tl.below_streak, tl.above_streak) == ("below_bid_streak", 10, 0)


# ------------------------------------------------------------ the chain's per-column look-ups
GRID_2020 = np.array(sessions_between("2019-06-03", "2021-06-30"), dtype="datetime64[D]")


def test_estimated_periods_read_as_of_a_stamp_match_period_ends() -> None:
    """Read as of a stamp before the 2020 tolling began (Apr 16, 2020), a period is not tolled; as of a later one,
    or of a NaT stamp (no clock stop begun by it, as ``period_ends`` reads NaT), it is what period_ends says."""
    from splitcalc.compliance.kernel.periods import period_ends

    rs = rules.get("nasdaq-capital", as_of="2021-06-30")
    test = ConsecutiveBid(np.full((1, len(GRID_2020)), 2.0), rs, grid=GRID_2020, calendar="XNYS")
    t = np.array([int(np.searchsorted(GRID_2020, np.datetime64("2020-02-03")))] * 3, dtype=np.int64)
    stamp = np.array(["2020-03-02", "2020-06-01", "NaT"], dtype="datetime64[D]")
    got = test.estimated_periods([(np.ones(3, dtype=bool), rs)], t, stamp=stamp)
    notice = test.dated.after[t]
    want = period_ends(notice, rs, second=True, as_of=stamp)
    assert got.first.tolist() == want.first.tolist()
    assert got.final.tolist() == want.final.tolist()
    assert got.first[0] < got.first[1]  # the tolling moved the second reading only


def test_estimated_periods_of_rules_without_clock_stops() -> None:
    """A group whose rules have no clock stop (and no period: NYSE American) reads NaT ends, whatever the stamp."""
    american = rules.get("nyse-american", as_of="2021-06-30")
    rs = rules.get("nasdaq-capital", as_of="2021-06-30")
    test = ConsecutiveBid(np.full((1, len(GRID_2020)), 2.0), rs, grid=GRID_2020, calendar="XNYS")
    got = test.estimated_periods(
        [(np.ones(2, dtype=bool), american)],
        np.array([10, 20], dtype=np.int64),
        stamp=np.array(["2020-05-01", "2019-07-01"], dtype="datetime64[D]"),
    )
    assert np.isnat(got.first).all()
    assert np.isnat(got.final).all()
