"""The case machine: deficiency -> notice -> regain or $0.10 or expiry -> determination, over (cases x sessions).

One implementation per price test, built once over an array of closes (one
row per ticker, price path or the single series of a walk; one column per
session) and asked two questions for any set of rows at once:

* ``next_deficiency(rows, start)`` -- the column completing each row's next
  deficiency at or after ``start`` (``-1``: none);
* ``settle(rows, t, day, notice, groups, ...)`` -- what ends each case: its
  period ends (the kernel's :func:`~.periods.period_ends`, clock stops applied
  as known when the case was settled), the regain, the $0.10 trigger, a
  ``"drop"`` moratorium, or the period running out, with the Staff Delisting
  Determination date (:func:`~.periods.determination_dates`) and the column
  the next search starts from.

:func:`chain` runs the two in turn until every row's last case is known
(``compliance.scan`` and the simulator); the walk behind ``check_compliance``
calls them case by case, because it matches a given notice date to its case
and applies the reverse-split bars between the two steps. No other module
decides when a case is cured, triggered, dropped or expired.

The tests:

* :class:`ConsecutiveBid` -- Nasdaq Rule 5810(c)(3)(A) and its 2001-2003
  NASD predecessors: ``deficiency_days`` (30) consecutive business days
  below ``min_bid``; regained by ``regain_days`` (10) consecutive business
  days at or above it inside the compliance period, which runs from the
  notice; ended early by ``low_price_days`` (10) consecutive days at or below
  ``low_price_threshold`` ($0.10, 5810(c)(3)(A)(iii), for companies first
  notified on or after its effective date). Sessions inside a suspension
  (2001, 2008-09) do not count toward a deficiency nor a $0.10 run;
  regaining still counts (Nasdaq kept monitoring regains then).
* :class:`ThirtyDayAverage` -- NYSE Listed Company Manual 802.01C: the
  30-trading-day average close below ``min_bid`` (exact, :mod:`.nyse_average`);
  cured on the last trading day of a calendar month, or on the period's last
  trading day, when the close and the average are both at or above it; a cure
  by reverse split needs ``regain_days`` (30) trading days above after it.

Readings shared with the rule texts are documented on each method; outcomes
are the integer codes :data:`OPEN`, :data:`CURED`, :data:`EXPIRED`,
:data:`LOW_PRICE`, :data:`DROPPED` (names in :data:`OUTCOMES`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from ...rules import Moratorium, Rule, RuleSet
from .nyse_average import Averages, rolling_average
from .periods import clock_stops, determination_dates, estimated_notices, moratoria, period_ends
from .streaks import Completions, Runs, end_streaks

__all__ = [
    "CURED",
    "DROPPED",
    "EXPIRED",
    "LOW_PRICE",
    "OPEN",
    "OUTCOMES",
    "CaseTable",
    "ConsecutiveBid",
    "Groups",
    "Settled",
    "ThirtyDayAverage",
    "chain",
]

#: A case still inside its compliance period on the evaluation date (or past the data of an undated run).
OPEN: Final = 0
#: Compliance regained inside the period.
CURED: Final = 1
#: The period ended uncured: a Staff Delisting Determination the next session.
EXPIRED: Final = 2
#: The $0.10 rule ended the period (a determination on the day it fired).
LOW_PRICE: Final = 3
#: Dropped by a moratorium that began while the case was open (Nasdaq, Sep 27, 2001).
DROPPED: Final = 4
OUTCOMES: Final = ("open", "cured", "expired", "low_price", "dropped")

NAT: Final = np.datetime64("NaT", "D")
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
Days = npt.NDArray[np.datetime64]
#: Per case, the rules judging it: ``(mask over the cases, rule set)`` pairs covering every case once
#: (:meth:`splitcalc.compliance._rules_by_date.RulesByDate.groups`; ``[(all, rs)]`` for one rule set).
Groups = list[tuple[BoolArray, RuleSet]]


def _days(values: Any, size: int) -> Days:
    """``values`` as ``datetime64[D]`` of ``size`` entries (a scalar or ``None`` is broadcast); read only."""
    if values is None:
        return np.full(size, NAT)
    arr = np.asarray(values, dtype="datetime64[D]")
    return arr if arr.shape == (size,) else np.broadcast_to(arr, (size,)).copy()


@dataclass(frozen=True)
class Settled:
    """How each case handed to ``settle`` ends (arrays with one entry per case; columns ``-1`` for none).

    ``first_end`` / ``final_end`` are the period ends (``NaT``: undated or no
    such period), ``stamp`` the date clock stops were read as of (the
    evaluation date, or the day the case was settled: a window that began
    later did not apply to it), ``last`` the last column inside both the
    period and the data, ``regain`` / ``low_price`` the column completing the
    regain run / the $0.10 run when that is what ends the case, ``regain_extra``
    the regain run of ``extra_need`` sessions (staff may ask for 20:
    5810(c)(3)(H)), ``dropped`` the index into the test's ``drops`` of the
    moratorium that dropped the case, ``resume`` the column the next
    deficiency is searched from (``-1``: the row has no next case),
    ``deadline`` the period end running on the evaluation date (open cases),
    ``determination`` the Staff Delisting Determination (expired: the
    session after the final end; $0.10: the day it fired). ``straddles``
    marks a case ended by a run that began in the first period and completed
    in the second: counted, a documented reading (:data:`STRADDLE_READING`).
    """

    outcome: npt.NDArray[np.int8]
    first_end: Days
    final_end: Days
    stamp: Days
    last: IntArray
    regain: IntArray
    regain_extra: IntArray
    low_price: IntArray
    dropped: IntArray
    resume: IntArray
    deadline: Days
    determination: Days
    by_split: BoolArray  # NYSE: cured by a reverse split and the trading days after it
    run_start: IntArray  # the first column of the run (regain or $0.10) that ended the case; -1 for none
    straddles: BoolArray  # that run began on or before the first period's end and completed after it


@dataclass(frozen=True)
class CaseTable:
    """Every case :func:`chain` found, in the order found: ``row``, ``t`` (deficiency column), ``notice``, outcome."""

    row: IntArray
    t: IntArray
    notice: Days
    settled: Settled

    def last_per_row(self, rows: int) -> IntArray:
        """Per row, the index of its last case in this table (``-1``: none)."""
        return _last_index(self.row, np.ones(len(self.row), dtype=bool), rows)

    def last_where(self, which: BoolArray, rows: int) -> IntArray:
        """Per row, the index of its last case where ``which`` holds (``-1``: none)."""
        return _last_index(self.row, which, rows)

    def cases_per_row(self, rows: int) -> IntArray:
        """Per row, the number of cases found."""
        return np.bincount(self.row, minlength=rows).astype(np.int64)


def _last_index(row: IntArray, which: BoolArray, rows: int) -> IntArray:
    out = np.full(rows, -1, dtype=np.int64)
    idx = np.flatnonzero(which)
    np.maximum.at(out, row[idx], idx)  # well defined with repeated rows (a plain assignment is not)
    return out


def _as_of(value: np.datetime64 | dt.date | None, grid: Days | None) -> np.datetime64:
    """The evaluation date as ``datetime64[D]``: ``value``, else the last column's date (``NaT`` undated)."""
    if value is not None:
        return np.datetime64(str(np.asarray(value, dtype="datetime64[D]")), "D")
    return NAT if grid is None else grid[-1]


class _Dated:
    """The session dates of the columns (``None``: undated, sessions counted only) and their exchange calendar."""

    def __init__(self, n: int, grid: Days | None, calendar: str | None) -> None:
        self.n = n
        self.grid = None if grid is None else np.asarray(grid, dtype="datetime64[D]")
        if self.grid is not None and calendar is None:
            raise ValueError("a dated grid needs its exchange calendar")
        self.calendar = calendar
        #: per column, the calendar's next session (the estimated notice, :func:`~.periods.estimated_notices`) and
        #: the column it falls on (``n`` past the grid)
        self.after: Days = np.full(n, NAT)
        self.after_col = np.arange(1, n + 1, dtype=np.int64)
        if self.grid is not None and calendar is not None:
            self.after = estimated_notices(self.grid, calendar)
            self.after_col = np.searchsorted(self.grid, self.after, side="left").astype(np.int64)

    def col_before(self, days: Days) -> IntArray:
        """Column of the last session strictly before each day (``-1`` if none)."""
        assert self.grid is not None
        return np.searchsorted(self.grid, days, side="left").astype(np.int64) - 1

    def col_on_or_before(self, days: Days) -> IntArray:
        """Column of the last session on or before each day (``-1`` before the grid, ``n - 1`` for NaT)."""
        assert self.grid is not None
        out = np.searchsorted(self.grid, days, side="right").astype(np.int64) - 1
        return np.where(np.isnat(days), self.n - 1, out)

    def col_on_or_after(self, days: Days) -> IntArray:
        """Column of the first session on or after each day (``n`` past the grid, ``0`` for NaT)."""
        assert self.grid is not None
        out = np.searchsorted(self.grid, days, side="left").astype(np.int64)
        return np.where(np.isnat(days), 0, out)

    def window_cols(
        self, rs: RuleSet, *, kinds: tuple[str, ...], outside: bool = False
    ) -> list[tuple[int, int, Rule[Any], Moratorium]]:
        """Session columns ``[a, b)`` of each moratorium of ``rs`` of the given kinds inside the grid.

        ``outside``: keep windows that hold no column too (one beginning after the last close may still drop a
        case open on an evaluation date past the data).
        """
        if self.grid is None:
            return []
        out = []
        for rule, m in moratoria(rs):
            if m.kind not in kinds:
                continue
            a = int(np.searchsorted(self.grid, np.datetime64(m.start, "D")))
            b = int(np.searchsorted(self.grid, np.datetime64(m.end, "D")))
            if a < b or outside:
                out.append((a, b, rule, m))
        return out


def _period_key(rs: RuleSet) -> tuple[object, ...]:
    """What a rule set's period ends depend on: groups that differ only in other rows share one computation."""
    rows = (rs.compliance_period_days, rs.compliance_period_months, rs.second_period_days, rs.period_end_on_session)
    # the moratorium row in force and the tier's history of them: the clock stops (:func:`~.periods.moratoria`)
    return (*map(id, rows), id(rs.moratorium), id(rs.tier_data), rs.name, rs.calendar)


def _period(groups: Groups, notice: Days, *, second: bool, stamp: Days) -> tuple[Days, Days]:
    """Per case, the first and the final period end from :func:`~.periods.period_ends` under its rules."""
    first = np.full(len(notice), NAT)
    final = np.full(len(notice), NAT)
    merged: dict[tuple[object, ...], tuple[BoolArray, RuleSet]] = {}
    for mask, rs in groups:  # e.g. the groups a notice-keyed row ($0.10) splits share their period rows
        key = _period_key(rs)
        merged[key] = (merged[key][0] | mask, merged[key][1]) if key in merged else (mask, rs)
    for mask, rs in merged.values():
        if mask.any():
            ends = period_ends(notice[mask], rs, second=second, as_of=stamp[mask])
            first[mask] = ends.first
            final[mask] = ends.final
    return first, final


@dataclass(frozen=True)
class _Ends:
    """Per case: the first and final period ends, the last column inside the period, the determination if it ran out."""

    first: Days
    final: Days
    last: IntArray
    determination: Days


def _clock_stop_days(rs: RuleSet) -> Days:
    """The distinct first days of ``rs``'s clock stops, sorted (``"pause"`` and ``"toll"`` windows)."""
    return np.unique(np.array([m.start for _, m in clock_stops(rs)], dtype="datetime64[D]"))


class _PriceTest:
    """What both price tests share: the closes, their dates, the evaluation date, and how a period runs out."""

    def __init__(
        self,
        x: npt.NDArray[np.float64],
        rules: RuleSet,
        *,
        grid: Days | None,
        calendar: str | None,
        as_of: np.datetime64 | dt.date | None,
    ) -> None:
        self.x = x
        self.rules = rules
        self.dated = _Dated(x.shape[1], grid, calendar)
        self.as_of = _as_of(as_of, self.dated.grid)
        self.min_bid = float(rules.min_bid.value)  # type: ignore[arg-type]
        #: whether a case's final period end is its second one, where the rules offer a second period
        self.second = False
        #: per rule set's period rows (:func:`_period_key`) and clock stops begun: the rule set and, per column,
        #: the period ends of a case whose deficiency completes there (:meth:`estimated_periods`)
        self._estimated: dict[tuple[tuple[object, ...], int | None], tuple[RuleSet, _Ends]] = {}
        self._stop_days: dict[tuple[object, ...], tuple[RuleSet, Days]] = {}  # per period rows: _clock_stop_days
        self._eval_column = (
            self.dated.n - 1 if self.dated.grid is None else int(self.dated.col_on_or_before(np.array([self.as_of]))[0])
        )

    def _eval_col(self) -> int:
        """The column of the evaluation date (the last column undated)."""
        return self._eval_column

    def _last_col(self, final: Days) -> IntArray:
        """Per case, the last column inside its period ending on ``final``, at most the evaluation date's."""
        return np.minimum(self.dated.col_on_or_before(final), self._eval_column).astype(np.int64)

    def estimated_periods(self, groups: Groups, t: IntArray, stamp: Days | None = None) -> _Ends:
        """The period ends of the cases whose deficiencies complete on columns ``t``.

        Each case's notice is the session after its deficiency
        (:func:`~.periods.estimated_notices`, as :func:`chain` dates them), its
        ends are read as of ``stamp`` (default: the evaluation date): what
        :func:`_period` gives for those notices. :func:`~.periods.period_ends`
        is elementwise and reads the stamp only through which clock stops had
        begun by it, so the ends are computed once per rule set's period rows
        and number of clock stops begun, for every column, and looked up per
        case -- not recomputed in every round of the chain.
        """
        size = len(t)
        out = _Ends(np.full(size, NAT), np.full(size, NAT), np.full(size, -1, dtype=np.int64), np.full(size, NAT))
        for mask, rs in groups:
            key = _period_key(rs)
            if stamp is None:
                parts: list[tuple[BoolArray, int | None]] = [(mask, None)]
            else:
                if key not in self._stop_days:  # the rule set is kept: the ids in the key stay its rows' ids
                    self._stop_days[key] = (rs, _clock_stop_days(rs))
                # a NaT stamp compares false with every start: no clock stop begun by it, as in period_ends
                begun = np.where(np.isnat(stamp), 0, np.searchsorted(self._stop_days[key][1], stamp, side="right"))
                parts = [(mask & (begun == k), int(k)) for k in np.unique(begun[mask])]
            for sel, k in parts:
                if (key, k) not in self._estimated:
                    self._estimated[key, k] = self._estimate(rs, k)
                _, by_col = self._estimated[key, k]
                cols = t[sel]
                out.first[sel] = by_col.first[cols]
                out.final[sel] = by_col.final[cols]
                out.last[sel] = by_col.last[cols]
                out.determination[sel] = by_col.determination[cols]
        return out

    def _estimate(self, rs: RuleSet, begun: int | None) -> tuple[RuleSet, _Ends]:
        """Per column, the ends of a case found there under ``rs``'s period rows, with ``begun`` clock stops begun.

        ``begun=None``: as of the evaluation date. The rule set is kept with the
        result: the ids in :func:`_period_key` stay its rows' ids.
        """
        as_of = self.as_of
        if begun is not None:
            _, starts = self._stop_days[_period_key(rs)]
            if starts.size:  # without clock stops the stamp changes nothing
                as_of = starts[begun - 1] if begun else starts[0] - np.timedelta64(1, "D")
        ends = period_ends(self.dated.after, rs, second=self.second, as_of=as_of)
        return rs, _Ends(
            ends.first, ends.final, self._last_col(ends.final), determination_dates(ends.final, rs.calendar)
        )

    def _run_out(
        self,
        unsettled: BoolArray,
        first: Days,
        final: Days,
        groups: Groups,
        last: IntArray | None,
        *,
        after_final: Days | None = None,
    ) -> tuple[BoolArray, Days, Days]:
        """Of the cases nothing settled: which ran out, the running period end, the determination.

        The running period end is the one running on the evaluation date; the Staff Delisting
        Determination of a case that ran out is the session after its final period end. A period given
        in columns (``last``) ran out when it ends inside the data; undated, a case is open.
        ``after_final``: the session after each final end, if the caller has it.
        """
        size = len(unsettled)
        deadline = np.full(size, NAT)
        determination = np.full(size, NAT)
        if last is not None:
            return unsettled & (last < self.dated.n), deadline, determination
        if self.dated.grid is None:
            return np.zeros(size, dtype=bool), deadline, determination
        in_first = unsettled & (self.as_of <= first)
        in_final = unsettled & ~in_first & (self.as_of <= final)
        deadline[in_first] = first[in_first]
        deadline[in_final] = final[in_final]
        expired = unsettled & ~in_first & ~in_final
        if after_final is not None:
            determination[expired] = after_final[expired]
            return expired, deadline, determination
        for mask, rs in groups:
            sel = expired & mask
            if sel.any():
                determination[sel] = determination_dates(final[sel], rs.calendar)
        return expired, deadline, determination


class ConsecutiveBid(_PriceTest):
    """Nasdaq's consecutive-closing-bid test over a (cases x sessions) array of closes (module docstring).

    Parameters
    ----------
    x
        Closes (float64, C-ordered (cases x sessions)); NaN where missing
        (a missing close breaks every run).
    rules
        The rules in force on the evaluation date: the minimum, the
        deficiency days and the moratoria (each case's period rules are the
        ``groups`` given to :meth:`settle`).
    grid, calendar
        The columns' session dates and their exchange calendar (both or
        neither: without them the run is undated -- no notice dates, period
        ends, moratoria or clock stops; a case's period is then given in
        columns or runs to the end of the data).
    as_of
        The evaluation date (default: the last column).
    second
        Count the second compliance period where the rules offer one.
    below, x_min
        ``x < min_bid`` and the least close if the caller has them (the scan's
        first pass); moratorium sessions are cleared in ``below`` here.
    gaps
        Whether ``x`` holds a missing close, if the caller knows (default: looked up).
    """

    def __init__(
        self,
        x: npt.NDArray[np.float64],
        rules: RuleSet,
        *,
        grid: Days | None = None,
        calendar: str | None = None,
        as_of: np.datetime64 | dt.date | None = None,
        second: bool = True,
        below: BoolArray | None = None,
        x_min: float | None = None,
        gaps: bool | None = None,
    ) -> None:
        super().__init__(x, rules, grid=grid, calendar=calendar, as_of=as_of)
        self.second = second
        g = self.dated.grid
        self.need = int(rules.deficiency_days.value)  # type: ignore[arg-type]
        below = x < self.min_bid if below is None else below
        self.x_min = float(np.nanmin(x)) if x_min is None else x_min
        #: suspensions: no deficiency accrues and the $0.10 run stops (tolling stops periods only: the kernel)
        self.suspended = self.dated.window_cols(rules, kinds=("drop", "pause"))
        #: the ``"drop"`` moratoria (a case open when one begins is dropped), indexable by ``Settled.dropped``
        self.drops = self.dated.window_cols(rules, kinds=("drop",), outside=True)
        for a, b, _, _ in self.suspended:
            below[:, a:b] = False
        self.counting = below  # closes below the minimum that count toward a deficiency
        # undated: no clock to stop
        self._stop_starts = np.empty(0, dtype="datetime64[D]") if g is None else _clock_stop_days(rules)
        runs = Runs.of(below)
        self._deficiency = runs.completing(True, self.need)
        if gaps is None:
            gaps = bool(np.isnan(x).any())
        if gaps or self.suspended:  # a missing close is neither below nor at or above: it breaks both runs
            above_runs = Runs.of(x >= self.min_bid)
            self._regain_runs, self._regain_value = above_runs, True
            #: per row, the sessions below / at or above the minimum ending on its last close
            self.streaks = end_streaks(x, self.min_bid, below, runs=runs, up_runs=above_runs)
        else:  # at or above == not below: one set of runs serves both
            self._regain_runs, self._regain_value = runs, False
            self.streaks = (runs.at_end(True), runs.at_end(False))
        self._regain_keys: dict[int, Completions] = {}
        self._low_keys: dict[tuple[float, int], Completions] = {}

    # ------------------------------------------------------------ the runs
    def _regains(self, need: int) -> Completions:
        if need not in self._regain_keys:
            self._regain_keys[need] = self._regain_runs.completing(self._regain_value, need)
        return self._regain_keys[need]

    def _lows(self, level: float, days: int) -> Completions:
        if (level, days) not in self._low_keys:
            mask = self.x <= level
            for a, b, _, _ in self.suspended:  # the $0.10 run is part of the suspended test
                mask[:, a:b] = False
            self._low_keys[level, days] = Completions.of(mask, days)
        return self._low_keys[level, days]

    def next_deficiency(self, rows: IntArray, start: IntArray) -> IntArray:
        """Per row, the column completing its next deficiency at or after ``start`` (``-1``: none)."""
        return self._deficiency.next(rows, start)

    def closed_before(self, row: int, t: int, *, day: dt.date, when: dt.date, rs: RuleSet, block: int) -> bool:
        """Whether the case of ``row`` whose deficiency is on column ``t`` was cured or dropped before ``when``.

        Cured: its regain run (``rs``'s regain days, not from column
        ``block`` on) completes before ``when`` (and by the evaluation date).
        Dropped: a ``"drop"`` moratorium began after ``day`` and on or before
        ``when``. Expiry is not a closing here: it depends on the notice.
        """
        if any(day < m.start <= when for _, _, _, m in self.drops):
            return True
        need = rs.regain_days.value
        if need is None or self.dated.grid is None:
            return False
        before = int(self.dated.col_before(np.array([np.datetime64(when, "D")]))[0])
        end = min(before, self._eval_col(), block - 1)
        hit = int(self._regains(int(need)).next(np.array([row]), np.array([t + int(need)]))[0])
        return 0 <= hit <= end

    # ------------------------------------------------------------ one step
    def settle(
        self,
        rows: IntArray,
        t: IntArray,
        day: Any,
        notice: Any,
        groups: Groups,
        *,
        lo: IntArray | None = None,
        last: IntArray | None = None,
        block: IntArray | None = None,
        extra_need: int | None = None,
        notice_col: IntArray | None = None,
        estimated: bool = False,
    ) -> Settled:
        """How each case ends (:class:`Settled`).

        Parameters
        ----------
        rows, t
            The cases' rows and deficiency columns (``t`` may be ``-1`` or the
            column before a given notice: an anchored case).
        day, notice
            Deficiency and notice dates (``NaT`` / ``None`` when undated).
        groups
            The rules judging each case (its deficiency date's, and the
            notice-keyed rows of its notice date).
        lo
            First column that counts toward the cure (default ``t + 1``): the
            period runs from the notice (Rule 5810(c)(3)(A)).
        last
            Undated runs: the last column of each case's period (default: the
            end of the data; the case is then open if nothing settles it).
        block
            First column from which a split that broke another numeric
            standard keeps the case from being regained (default: none).
        extra_need
            Also report the regain run of this length (``regain_extra``).
        notice_col
            The notice's column if the caller has it (the chain's estimated notices).
        estimated
            Each notice is the session after ``t`` (the chain's estimate): the
            period ends are looked up per column (:meth:`estimated_periods`).

        Notes
        -----
        A regain run must lie wholly inside ``[lo, last]``; the $0.10 run
        counts from the notice's session. A case is settled by whichever
        completes first; a clock stop (2008-09, 2020) that began after that
        day did not apply to it, so its period ends are read as of that day.
        A ``"drop"`` moratorium that begins after the deficiency and by the
        period's end (and the evaluation date) drops a case not settled
        before it; the next search starts at the moratorium's end.
        """
        size = len(rows)
        n = self.dated.n
        g = self.dated.grid
        day_d, notice_d = _days(day, size), _days(notice, size)
        lo = t + 1 if lo is None else lo
        stamp = np.full(size, self.as_of)
        est = self.estimated_periods(groups, t) if estimated and g is not None else None
        if est is not None:
            first, final = est.first, est.final
        elif g is not None:
            first, final = _period(groups, notice_d, second=self.second, stamp=stamp)
        else:
            first, final = np.full(size, NAT), np.full(size, NAT)
        # per group of cases (one rule set each): the regain run, and the $0.10 run where it applies to the notice
        regain = np.full(size, -1, dtype=np.int64)
        low = np.full(size, -1, dtype=np.int64)
        regain_run = np.zeros(size, dtype=np.int64)
        low_run = np.zeros(size, dtype=np.int64)
        for mask, rs in groups:
            need = rs.regain_days.value
            if need is not None and mask.any():  # a missing value: the test does not apply (never regained)
                regain[mask] = self._regains(int(need)).next(rows[mask], lo[mask] + int(need) - 1)
                regain_run[mask] = int(need)
            rule = rs.low_price_threshold
            if rule.value is None or rs.low_price_days.value is None or self.x_min > float(rule.value):
                continue  # no $0.10 rule, or no close at or below it anywhere
            run = int(rs.low_price_days.value)
            starts = np.datetime64(rule.effective or dt.date.min, "D")
            low_run[mask] = run
            applies = mask & (np.isnat(notice_d) | (notice_d >= starts))
            if applies.any():
                if notice_col is None:  # the notice's own session counts (the period runs from the notice)
                    notice_col = t + 1 if g is None else self.dated.col_on_or_after(notice_d)
                low[applies] = self._lows(float(rule.value), run).next(rows[applies], notice_col[applies] + run - 1)
        regain_extra = np.full(size, -1, dtype=np.int64)
        if extra_need is not None:
            regain_extra = self._regains(int(extra_need)).next(rows, lo + int(extra_need) - 1)
        if block is not None:
            regain = np.where(regain < block, regain, -1)
            regain_extra = np.where(regain_extra < block, regain_extra, -1)

        def ends_at(final_end: Days) -> IntArray:
            if last is not None:  # the period's last column is given (a case open before the data)
                return np.asarray(np.minimum(last, min(eval_col, n - 1)), dtype=np.int64)
            if g is None:
                return np.full(size, n - 1, dtype=np.int64)
            return self._last_col(final_end)

        eval_col = self._eval_col()
        end_col = est.last if est is not None and last is None else ends_at(final)
        regained, low_hit = _first_settlement(end_col, regain, low)
        if self._stop_starts.size and g is not None:
            # a clock stop that began after a case was settled did not apply to it
            hit = np.minimum(np.where(regained, regain, n), np.where(low_hit, low, n))
            settled_on = np.where(hit < n, g[np.minimum(hit, n - 1)], self.as_of)
            k = np.searchsorted(self._stop_starts, settled_on, side="right")
            later = np.where(
                k < self._stop_starts.size, self._stop_starts[np.minimum(k, self._stop_starts.size - 1)], NAT
            )
            redo = (hit < n) & (later <= final) & (later > day_d)
            if redo.any():
                stamp[redo] = np.minimum(settled_on[redo], self.as_of)
                sub = [(mask[redo], rs) for mask, rs in groups]
                if est is not None:
                    again = self.estimated_periods(sub, t[redo], stamp=stamp[redo])
                    first[redo], final[redo] = again.first, again.final
                    est.determination[redo] = again.determination
                else:
                    first[redo], final[redo] = _period(sub, notice_d[redo], second=self.second, stamp=stamp[redo])
                if last is None:  # a period given in columns does not move
                    end_col[redo] = self._last_col(final[redo])
                regained, low_hit = _first_settlement(end_col, regain, low)
        dropped = np.full(size, -1, dtype=np.int64)
        resume = np.full(size, -1, dtype=np.int64)
        for i, (a, b, _, m) in enumerate(self.drops):
            begins = np.datetime64(m.start, "D")
            inside = (dropped < 0) & (day_d < begins) & (begins <= np.minimum(final, self.as_of))
            hit = inside & (~regained | (regain >= a)) & (~low_hit | (low >= a))
            dropped[hit] = i
            resume[hit] = b
        is_dropped = dropped >= 0
        outcome = np.full(size, OPEN, dtype=np.int8)
        expired, deadline, determination = self._run_out(
            ~regained & ~low_hit & ~is_dropped,
            first,
            final,
            groups,
            last,
            after_final=None if est is None else est.determination,
        )
        outcome[expired] = EXPIRED
        low_first = low_hit & ~is_dropped
        outcome[low_first] = LOW_PRICE
        if g is not None:
            determination[low_first] = g[low[low_first]]
        cured = regained & ~low_hit & ~is_dropped
        outcome[cured] = CURED
        resume[cured] = regain[cured] + 1
        outcome[is_dropped] = DROPPED
        low = np.where(low_hit & ~is_dropped, low, -1)
        regain_out = np.where(regained & ~low_hit & ~is_dropped, regain, -1)
        extra = np.where((regain_extra >= 0) & (regain_extra <= end_col), regain_extra, -1)
        ended_at = np.where(low >= 0, low, regain_out)
        run_start = np.where(ended_at >= 0, ended_at - np.where(low >= 0, low_run, regain_run) + 1, -1)
        straddles = np.zeros(size, dtype=bool)
        if g is not None:  # a run across the end of the first period (the second follows without a gap)
            ok = ended_at >= 0
            straddles[ok] = (g[run_start[ok]] <= first[ok]) & (first[ok] < g[ended_at[ok]])
        return Settled(
            outcome=outcome,
            first_end=first,
            final_end=final,
            stamp=stamp,
            last=end_col,
            regain=regain_out,
            regain_extra=extra,
            low_price=low,
            dropped=dropped,
            resume=resume,
            deadline=deadline,
            determination=determination,
            by_split=np.zeros(size, dtype=bool),
            run_start=run_start,
            straddles=straddles,
        )


def _first_settlement(end: IntArray, regain: IntArray, low: IntArray) -> tuple[BoolArray, BoolArray]:
    """Per case: regained by column ``end``; the $0.10 rule fired by then and before a regain."""
    regained = (regain >= 0) & (regain <= end)
    return regained, (low >= 0) & (low <= end) & (~regained | (low < regain))


class ThirtyDayAverage(_PriceTest):
    """NYSE 802.01C over a (cases x sessions) array of closes (module docstring).

    Parameters
    ----------
    x
        Closes (float64, (cases x sessions)).
    rules
        The rules in force on the evaluation date (minimum, 30 days).
    grid, calendar
        As for :class:`ConsecutiveBid`. Undated, every session is a cure test
        day (the month ends are not known).
    as_of
        The evaluation date (default: the last column).
    partial
        Average the closes so far over the first 29 sessions (paths that
        start on a split's effective date).
    """

    def __init__(
        self,
        x: npt.NDArray[np.float64],
        rules: RuleSet,
        *,
        grid: Days | None = None,
        calendar: str | None = None,
        as_of: np.datetime64 | dt.date | None = None,
        partial: bool = False,
    ) -> None:
        super().__init__(x, rules, grid=grid, calendar=calendar, as_of=as_of)
        n = x.shape[1]
        g = self.dated.grid
        self.days = int(rules.deficiency_days.value)  # type: ignore[arg-type]
        self.first_column = 0 if partial else self.days - 1
        self.averages: Averages = rolling_average(x, self.days, rules.min_bid.value, partial=partial)  # type: ignore[arg-type]
        self._deficiency = Completions.points(np.flatnonzero(self.averages.below), n)
        with np.errstate(invalid="ignore"):
            self.cure_ok = (x >= self.min_bid) & self.averages.at_or_above
        if g is None:
            self.month_end = np.ones(n, dtype=bool)
            self._next = None
        else:
            self._next = self.dated.after
            self.month_end = g.astype("datetime64[M]") != self._next.astype("datetime64[M]")
        self._cure_keys = Completions.points(np.flatnonzero(self.cure_ok & self.month_end), n)

    def closed_before(self, row: int, t: int, when: dt.date) -> bool:
        """Whether the case of ``row`` with its deficiency on column ``t`` passed a month-end test before ``when``."""
        if self.dated.grid is None:
            return False
        before = int(self.dated.col_before(np.array([np.datetime64(when, "D")]))[0])
        hit = int(self._cure_keys.next(np.array([row]), np.array([t + 1]))[0])
        return 0 <= hit <= before

    def next_deficiency(self, rows: IntArray, start: IntArray) -> IntArray:
        """Per row, the first session at or after ``start`` whose 30-day average is below the minimum (``-1``)."""
        return self._deficiency.next(rows, np.maximum(start, self.first_column))

    def settle(
        self,
        rows: IntArray,
        t: IntArray,
        day: Any,
        notice: Any,
        groups: Groups,
        *,
        lo: IntArray | None = None,
        last: IntArray | None = None,
        splits: Sequence[dt.date] = (),
        estimated: bool = False,
    ) -> Settled:
        """How each case ends: the first passing test day in ``[lo, end]``, or the period runs out.

        Parameters
        ----------
        rows, t, day, notice, groups, lo, last
            As for :meth:`ConsecutiveBid.settle` (``lo`` default ``t + 1``:
            the notice's session).
        splits
            Reverse-split dates (a single row): a split after the deficiency
            and by the period's end cures when the ``regain_days`` trading
            days from it all close at or above the minimum (802.01C), if that
            comes first; without a ``regain_days`` row no split cures.
        estimated
            As for :meth:`ConsecutiveBid.settle`.

        Notes
        -----
        The six-month date is not moved to a session (802.01C); its last
        trading day is a test day when it lies in the data and is the
        exchange's last session on or before that date (no close missing).
        """
        size = len(rows)
        n = self.dated.n
        g = self.dated.grid
        day_d, notice_d = _days(day, size), _days(notice, size)
        lo = t + 1 if lo is None else lo
        stamp = np.full(size, self.as_of)
        first: Days = np.full(size, NAT)
        eval_col = n - 1
        if last is not None:  # the period's last column is given (a case open before the data)
            e = np.asarray(last, dtype=np.int64)
            end_col = np.minimum(e, n - 1)
        elif g is not None:
            if estimated:
                first = self.estimated_periods(groups, t).first
            else:
                first, _ = _period(groups, notice_d, second=False, stamp=stamp)
            e = self.dated.col_on_or_before(first)
            eval_col = self._eval_col()
            end_col = np.minimum(e, eval_col)
        else:
            e = np.full(size, n - 1, dtype=np.int64)
            end_col = e
        cure = self._cure_keys.next(rows, lo)
        cure = np.where((cure >= 0) & (cure <= end_col), cure, -1)
        # the period's last trading day is a test day (802.01C): the session on or before its end date, when the
        # data reach it; a period given in columns ends on its last column
        ec = np.clip(e, 0, n - 1)
        if last is not None:
            period_day = (e <= n - 1) & (e >= lo)
        elif g is not None and self._next is not None:
            period_day = (e >= 0) & (e <= eval_col) & (self._next[ec] > first) & (e >= lo)
        else:
            period_day = np.zeros(size, dtype=bool)
        end_ok = period_day & self.cure_ok[rows, ec]
        cure = np.where((cure < 0) & end_ok, e, cure)
        by_split = np.zeros(size, dtype=bool)
        for i in range(size if splits and g is not None else 0):
            rs = next(r for mask, r in groups if mask[i])
            vote_need = rs.regain_days.value
            if not vote_need:
                continue
            for split_day in splits:
                when = np.datetime64(split_day, "D")
                if not (day_d[i] < when <= first[i]):
                    continue
                s = int(self.dated.col_on_or_after(np.array([when]))[0])
                stop = s + int(vote_need)
                held = stop <= min(n, eval_col + 1) and bool(np.all(self.x[rows[i], s:stop] >= self.min_bid))
                if held and (cure[i] < 0 or stop - 1 < cure[i]):
                    cure[i], by_split[i] = stop - 1, True
        cured = cure >= 0
        outcome = np.full(size, OPEN, dtype=np.int8)
        outcome[cured] = CURED
        resume = np.where(cured, cure + 1, -1)
        expired, deadline, determination = self._run_out(~cured, first, first, groups, last)
        outcome[expired] = EXPIRED
        none = np.full(size, -1, dtype=np.int64)
        return Settled(
            outcome=outcome,
            first_end=first,
            final_end=first.copy(),
            stamp=stamp,
            last=end_col,
            regain=cure,
            regain_extra=cure.copy(),
            low_price=none,
            dropped=none.copy(),
            resume=resume,
            deadline=deadline,
            determination=determination,
            by_split=by_split,
            run_start=none.copy(),  # the average has no run; the period has no second part (802.01C)
            straddles=np.zeros(size, dtype=bool),
        )

    def cure_test_days(self, row: int, settled: Settled, i: int) -> BoolArray:
        """The test days of case ``i`` of ``settled`` for row ``row``: month ends, and the period's last session."""
        days = self.month_end.copy()
        e = int(settled.last[i])
        g = self.dated.grid
        end = settled.first_end[i]
        if g is not None and self._next is not None and 0 <= e < self.dated.n and g[e] <= end < self._next[e]:
            days[e] = True
        return days


def chain(
    test: ConsecutiveBid | ThirtyDayAverage,
    groups_of: Any,
    *,
    start: IntArray | None = None,
    opened: tuple[IntArray, IntArray] | None = None,
    max_cases: int | None = None,
    extra_need: int | None = None,
) -> CaseTable:
    """Every case of every row, in turn: find the next deficiency, estimate its notice, settle it, go on.

    Parameters
    ----------
    test
        A :class:`ConsecutiveBid` or :class:`ThirtyDayAverage`.
    groups_of
        ``groups_of(day, notice) -> Groups``: the rules judging cases with
        these deficiency and notice dates
        (:meth:`~splitcalc.compliance._rules_by_date.RulesByDate.groups`).
    start
        Per row, the first column a deficiency may complete on (default 0).
    opened
        ``(rows, last)``: rows with a case already open on column 0 (a split
        made inside a compliance period: the simulator's paths), whose period
        ends on column ``last`` (``>= n``: after the data). Their cure counts
        from column 0.
    max_cases
        Stop each row after this many cases.
    extra_need
        Passed to :meth:`ConsecutiveBid.settle`.

    Returns
    -------
    CaseTable
        The notice is the session after the deficiency (estimated, as the
        exchanges notify promptly), ``NaT`` when undated.
    """
    t_count = test.x.shape[0]
    found_rows: list[IntArray] = []
    found_t: list[IntArray] = []
    found_notice: list[Days] = []
    parts: list[Settled] = []
    pos = np.zeros(t_count, dtype=np.int64) if start is None else start.astype(np.int64).copy()
    count = np.zeros(t_count, dtype=np.int64)
    rows = np.arange(t_count, dtype=np.int64)

    def record(r: IntArray, t: IntArray, notice: Days, s: Settled) -> IntArray:
        found_rows.append(r)
        found_t.append(t)
        found_notice.append(notice)
        parts.append(s)
        count[r] += 1
        more = s.resume >= 0
        if max_cases is not None:
            more &= count[r] < max_cases
        pos[r[more]] = s.resume[more]
        return r[more]

    if opened is not None:
        r, last = opened
        t = np.full(len(r), -1, dtype=np.int64)
        notice: Days = np.full(len(r), NAT)
        groups = groups_of(notice, notice)
        if isinstance(test, ConsecutiveBid):
            s = test.settle(
                r, t, notice, notice, groups, lo=np.zeros(len(r), dtype=np.int64), last=last, extra_need=extra_need
            )
        else:
            s = test.settle(r, t, notice, notice, groups, lo=np.zeros(len(r), dtype=np.int64), last=last)
        rows = np.union1d(record(r, t, notice, s), np.setdiff1d(rows, r))
    while rows.size:
        t = test.next_deficiency(rows, pos[rows])
        found = t >= 0
        rows, t = rows[found], t[found]
        if not rows.size:
            break
        notice = test.dated.after[t]
        g = test.dated.grid
        day: Days = np.full(len(t), NAT) if g is None else g[t]
        groups = groups_of(day, notice)
        if isinstance(test, ConsecutiveBid):
            s = test.settle(
                rows,
                t,
                day,
                notice,
                groups,
                extra_need=extra_need,
                notice_col=test.dated.after_col[t],
                estimated=True,
            )
        else:
            s = test.settle(rows, t, day, notice, groups, estimated=True)
        rows = record(rows, t, notice, s)
    if not parts:
        empty = np.empty(0, dtype=np.int64)
        nat = np.empty(0, dtype="datetime64[D]")
        settled = Settled(
            np.empty(0, dtype=np.int8),
            nat,
            nat,
            nat,
            empty,
            empty,
            empty,
            empty,
            empty,
            empty,
            nat,
            nat,
            np.empty(0, dtype=bool),
            empty,
            np.empty(0, dtype=bool),
        )
        return CaseTable(empty, empty, nat, settled)
    fields = {name: np.concatenate([getattr(p, name) for p in parts]) for name in Settled.__dataclass_fields__}
    return CaseTable(
        np.concatenate(found_rows), np.concatenate(found_t), np.concatenate(found_notice), Settled(**fields)
    )
