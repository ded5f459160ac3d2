"""Hypothesis: the chain's per-column look-ups give what the kernel computes case by case.

:func:`~splitcalc.compliance.kernel.cases.chain` dates every case's notice as
the session after its deficiency, so it reads period ends, last columns and
determinations from tables computed once per column (``settle(...,
estimated=True)``), including the re-read of a case settled before a clock
stop began (the 2020 tolling, the 2008-09 suspension). Here every case a chain
finds is settled again the long way (``estimated=False``: ``period_ends`` per
case) by a fresh test, and every field must agree.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from splitcalc import rules
from splitcalc.calendars import session_days, sessions_between
from splitcalc.compliance._rules_by_date import RulesByDate
from splitcalc.compliance.kernel.cases import EXPIRED, ConsecutiveBid, Settled, ThirtyDayAverage, chain
from splitcalc.compliance.kernel.periods import period_ends

WINDOWS = {
    # SR-NASDAQ-2020-021 / SR-NYSE-2020-36 tolling; the 2008-09 suspension
    "2020": np.array(sessions_between("2019-01-02", "2021-06-30"), dtype="datetime64[D]"),
    "2008": np.array(sessions_between("2007-06-01", "2010-06-30"), dtype="datetime64[D]"),
}
LEVELS = st.sampled_from([0.05, 0.5, 0.95, 1.0, 1.05, 2.0])


@st.composite
def closes(draw: st.DrawFn, n: int) -> np.ndarray:
    """A few rows of piecewise-constant closes around $1 over ``n`` sessions."""
    rows = draw(st.integers(1, 4))
    out = np.empty((rows, n))
    for r in range(rows):
        i = 0
        while i < n:
            length = draw(st.integers(5, 90))
            out[r, i : i + length] = draw(LEVELS)
            i += length
    return out


def _same(a: Settled, b: Settled) -> None:
    for field in dataclasses.fields(Settled):
        x, y = getattr(a, field.name), getattr(b, field.name)
        if x.dtype.kind == "M":
            assert ((x == y) | (np.isnat(x) & np.isnat(y))).all(), field.name
        else:
            assert np.array_equal(x, y), field.name


@settings(max_examples=60, deadline=None)
@given(st.data(), st.sampled_from(sorted(WINDOWS)), st.sampled_from(["nasdaq-capital", "nasdaq-global", "nyse"]))
def test_chain_lookups_match_case_by_case(data: st.DataObject, window: str, name: str) -> None:
    grid = WINDOWS[window]
    x = data.draw(closes(len(grid)))
    # an evaluation date anywhere in the window: clock stops that begin after it are not known yet
    as_of = grid[data.draw(st.integers(len(grid) // 2, len(grid) - 1))]
    book = RulesByDate.of(name)
    rs = rules.get(name, as_of=str(as_of))

    def make() -> ConsecutiveBid | ThirtyDayAverage:
        if rs.price_test.value == "average_30_trading_days":
            return ThirtyDayAverage(x, rs, grid=grid, calendar=rs.calendar, as_of=as_of)
        return ConsecutiveBid(x, rs, grid=grid, calendar=rs.calendar, as_of=as_of)

    table = chain(make(), book.groups)
    if not len(table.row):
        return
    fresh = make()
    day = grid[table.t]
    groups = book.groups(day, table.notice)
    assert np.array_equal(table.notice, fresh.dated.after[table.t])
    if isinstance(fresh, ConsecutiveBid):
        again = fresh.settle(table.row, table.t, day, table.notice, groups, notice_col=fresh.dated.after_col[table.t])
    else:
        again = fresh.settle(table.row, table.t, day, table.notice, groups)
    _same(table.settled, again)
    # and, independently of the code the two paths share: each case's ends from period_ends as of its stamp,
    # its last column the last session on or before the final end (at most the evaluation date's)
    s = table.settled
    eval_col = int(np.searchsorted(grid, as_of, side="right")) - 1
    for i in range(len(table.row)):
        rs_case = next(r for mask, r in groups if mask[i])
        ends = period_ends(table.notice[i : i + 1], rs_case, second=fresh.second, as_of=s.stamp[i])
        assert ends.first[0] == s.first_end[i] or (np.isnat(ends.first[0]) and np.isnat(s.first_end[i]))
        final = ends.final[0] if isinstance(fresh, ConsecutiveBid) else ends.first[0]
        assert final == s.final_end[i] or (np.isnat(final) and np.isnat(s.final_end[i]))
        assert s.last[i] == min(int(np.searchsorted(grid, final, side="right")) - 1, eval_col)
        if s.outcome[i] == EXPIRED:
            assert s.determination[i] == grid_after(final)


def grid_after(day: np.datetime64) -> np.datetime64:
    """The first XNYS session after ``day`` (the Staff Delisting Determination of a period that ran out)."""
    days = session_days("XNYS")
    return days[int(np.searchsorted(days, day, side="right"))]
