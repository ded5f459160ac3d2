"""Compliance-period ends, dated the way the exchanges date them: the one place a deadline is computed.

Nasdaq (Rule 5810(c)(3)(A)): a period is a count of calendar days from the
staff's notice (180; 90 for the 2002 National Market), and it ends on a
trading day: when the count lands on a weekend or an XNYS holiday, the
deadline is the next session (``period_end_on_session``). The staff's letters
state it so: notice Jan 5, 2023 -> +180 = Tue Jul 4, 2023 (Independence Day)
-> Jul 5, 2023. A second period counts from the *moved* first deadline and is
moved again (Mullen Automotive: Mar 6, 2023 -> +180 = Sat Sep 2, Mon Sep 4 is
Labor Day -> Sep 5, 2023).

NYSE (Listed Company Manual 802.01C): six calendar months from the notice,
not moved (the cure is tested on the last trading day on or before it).

Suspensions of the clock (rows of the ``moratorium`` table):

* ``"pause"`` (Oct 16, 2008 - Aug 3, 2009) and ``"toll"`` (Apr 16 - Jun 30,
  2020: SR-NASDAQ-2020-021, SR-NYSE-2020-36): a period running when the
  window begins keeps its balance, which runs again from the window's end --
  the deadline moves out by the window's length in calendar days;
* a notice dated inside the window starts its period at the window's end
  (first notified during the 2020 tolling: 180 days from Jul 1, 2020);
* ``"drop"`` (2001) ends a case; it is not a deadline matter and is left to
  the callers.

Everything is vectorised over an array of notice dates (the scan's and the
simulator's cases); :func:`deadlines` is the one-notice view of it.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from ..._display import FrameDisplay
from ...calendars import _session_days, to_date
from ...errors import InputError
from ...rules import Moratorium, Rule, RuleSet
from ...rules._sources import public_source

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ClockStop",
    "Deadlines",
    "PeriodEnds",
    "add_months",
    "add_months_array",
    "clock_stops",
    "deadlines",
    "determination_dates",
    "moratoria",
    "next_session_on_or_after",
    "period_ends",
    "second_period_end",
]

NAT: Final = np.datetime64("NaT", "D")
Days = npt.NDArray[np.datetime64]


# ------------------------------------------------------------------ calendar arithmetic
def add_months_array(days: Days, months: int) -> Days:
    """Each day plus ``months`` calendar months, clamped to the target month's last day (NaT stays NaT)."""
    month = days.astype("datetime64[M]")
    offset = days - month.astype("datetime64[D]")
    target = month + months
    last = (target + 1).astype("datetime64[D]") - np.timedelta64(1, "D")
    return np.asarray(np.minimum(target.astype("datetime64[D]") + offset, last), dtype="datetime64[D]")


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the month's last day.

    >>> add_months(dt.date(2024, 8, 31), 6)
    datetime.date(2025, 2, 28)
    """
    out = add_months_array(np.array([day], dtype="datetime64[D]"), months)[0]
    return dt.date.fromisoformat(str(out))


@functools.lru_cache(maxsize=8)
def _on_or_after_table(calendar: str) -> tuple[np.datetime64, Days]:
    """For every calendar day the calendar covers, the first session on or after it (one gather per lookup)."""
    sessions = _session_days(calendar)
    every_day = np.arange(sessions[0], sessions[-1] + np.timedelta64(1, "D"), dtype="datetime64[D]")
    return sessions[0], sessions[np.searchsorted(sessions, every_day, side="left")]


def next_session_on_or_after(days: Days, calendar: str) -> Days:
    """Each day if it is a session of ``calendar``, else the next session (unchanged outside the calendar)."""
    day0, table = _on_or_after_table(calendar)
    offset = (days - day0).astype(np.int64)  # NaT: the least int64, outside the table like any day before it
    inside = (offset >= 0) & (offset < len(table))
    return np.where(inside, table[np.where(inside, offset, 0)], days)


def estimated_notices(days: Days, calendar: str) -> Days:
    """The notice a deficiency on each day is assumed to get: the next session (the exchanges notify promptly).

    The rule texts give no day (Nasdaq 5810(c)(3)(A) "promptly"; NYSE 802.01C "promptly"): a user's notice date
    replaces it wherever one is given.
    """
    return _first_session_after(days, calendar)


def estimated_notice(day: dt.date, calendar: str) -> dt.date:
    """:func:`estimated_notices` of one day.

    >>> estimated_notice(dt.date(2023, 7, 3), "XNYS")  # Jul 4 is a holiday
    datetime.date(2023, 7, 5)
    """
    out = _date(estimated_notices(np.array([np.datetime64(day, "D")]), calendar)[0])
    if out is None:  # pragma: no cover - a day past the calendar splitcalc loads
        raise ValueError(f"{day} is past the {calendar} sessions splitcalc loads")
    return out


def _first_session_after(days: Days, calendar: str) -> Days:
    sessions = _session_days(calendar)
    i = np.searchsorted(sessions, days, side="right")
    inside = (i < len(sessions)) & ~np.isnat(days)
    out = np.full(days.shape, NAT)
    out[inside] = sessions[i[inside]]
    return out


# ------------------------------------------------------------------ clock stops
def moratoria(rs: RuleSet) -> list[tuple[Rule[Any], Moratorium]]:
    """Every moratorium or tolling window in the tier's history, oldest first (dated facts, whatever ``as_of``).

    One per start date; the row in force on ``rs.as_of`` wins over the
    tier's history, so a scenario override (``rs.with_value("moratorium",
    ...)``) replaces the recorded window that begins on the same day.
    """
    by_start: dict[dt.date, Rule[Any]] = {}
    for row in (*rs.history("moratorium"), rs.moratorium):
        if isinstance(row.value, Moratorium):
            by_start[row.value.start] = row
    return [(by_start[start], by_start[start].value) for start in sorted(by_start)]


def clock_stops(rs: RuleSet) -> list[tuple[Rule[Any], Moratorium]]:
    """The windows that stop a compliance period's clock (``"pause"`` and ``"toll"``), oldest first."""
    return [(rule, m) for rule, m in moratoria(rs) if m.kind in ("pause", "toll")]


@dataclass(frozen=True)
class ClockStop:
    """One suspension that moved a deadline: the window, its rule row, and what it did."""

    period: str  # "first" or "second"
    window: Moratorium
    rule: Rule[Any]
    before: dt.date  # the period's end (unmoved count) before this window
    after: dt.date  # and after it
    notified_inside: bool  # the period began inside the window: counted from its end


# ------------------------------------------------------------------ the vectorised kernel
@dataclass(frozen=True)
class PeriodEnds:
    """Per notice, the period ends (``NaT`` where there is no such period).

    ``first``/``second`` are the deadlines (moved to a session where the
    rule says so); ``first_count``/``second_count`` the calendar counts
    before that move (after any clock stop); ``start`` the day the first
    period's clock started (the notice, or the end of a window it fell in).
    """

    start: Days
    first_count: Days
    first: Days
    second_count: Days
    second: Days

    @property
    def final(self) -> Days:
        """The last period end (the second where there is one)."""
        return np.where(np.isnat(self.second), self.first, self.second)


@functools.lru_cache(maxsize=64)
def _window_days(m: Moratorium) -> tuple[np.datetime64, np.datetime64]:
    """A window's first and end day as ``datetime64[D]`` (converted once per window)."""
    return np.datetime64(m.start, "D"), np.datetime64(m.end, "D")


def _stop_clocks(start: Days, end: Days, windows: list[tuple[Rule[Any], Moratorium]], stamp: Days | None) -> Days:
    """Periods ``[start, end)`` moved out by the length of each window that begins while they run."""
    for _, m in windows:
        w0, w1 = _window_days(m)
        running = (start < w0) & (w0 <= end)
        if stamp is not None:
            running &= w0 <= stamp
        end = np.where(running, end + (w1 - w0), end)
    return end


def period_ends(
    notices: Days,
    rs: RuleSet,
    *,
    second: bool | npt.NDArray[np.bool_] = True,
    as_of: Days | np.datetime64 | None = None,
) -> PeriodEnds:
    """The compliance-period ends of cases notified on ``notices`` under ``rs`` (the module docstring's rules).

    Parameters
    ----------
    notices
        Notice dates (``datetime64[D]``; NaT gives NaT).
    rs
        The rules judging the cases. ``compliance_period_days`` (Nasdaq) or
        ``compliance_period_months`` (NYSE) sets the first period,
        ``second_period_days`` the second, ``period_end_on_session`` whether
        an end is moved to the next session; a missing value means no such
        period (NaT), never a default.
    second
        Count the second period (where the tier has one).
    as_of
        Ignore clock-stop windows that begin after this date (per case or
        one date): what was known on it, or a case already settled by it.
    """
    notices = np.asarray(notices, dtype="datetime64[D]")
    stamp = None if as_of is None else np.broadcast_to(np.asarray(as_of, dtype="datetime64[D]"), notices.shape)
    windows = clock_stops(rs)
    if notices.size and not np.isnat(notices).all():
        # a window that ended before every notice cannot touch these periods (the common case: 2008-09)
        earliest = notices[~np.isnat(notices)].min()
        windows = [(r, m) for r, m in windows if _window_days(m)[1] > earliest]
    on_session = bool(rs.period_end_on_session.value)
    days, months = rs.compliance_period_days.value, rs.compliance_period_months.value
    start = notices.copy()
    # a notice inside a window starts the clock at the window's end (the count is from there)
    for _, m in windows:
        w0, w1 = _window_days(m)
        inside = (start >= w0) & (start < w1)
        if stamp is not None:
            inside &= w0 <= stamp
        start = np.where(inside, w1, start)
    if days:
        count1 = start + np.timedelta64(int(days), "D")
    elif months:
        count1 = add_months_array(start, int(months))
    else:
        nat = np.full(notices.shape, NAT)
        return PeriodEnds(start, nat, nat, nat.copy(), nat.copy())
    count1 = _stop_clocks(start, count1, windows, stamp)
    first = next_session_on_or_after(count1, rs.calendar) if on_session else count1
    want = np.broadcast_to(np.asarray(second, dtype=bool), notices.shape)
    count2, second_end = _second_period(first, rs, want, stamp, windows)
    return PeriodEnds(start, count1, first, count2, second_end)


def _second_period(
    first: Days,
    rs: RuleSet,
    want: npt.NDArray[np.bool_],
    stamp: Days | None,
    windows: list[tuple[Rule[Any], Moratorium]] | None = None,
) -> tuple[Days, Days]:
    """The second period's count and end, from the (moved) first deadline (NaT where none or not wanted).

    ``windows``: the clock stops to apply (default :func:`clock_stops` of ``rs``; a caller may pass the
    ones that can still touch its periods).
    """
    count2 = np.full(first.shape, NAT)
    d2 = rs.second_period_days.value
    if d2 and want.any():
        raw = np.where(want, first + np.timedelta64(int(d2), "D"), NAT)
        raw = _stop_clocks(first, raw, clock_stops(rs) if windows is None else windows, stamp)
        count2 = np.where(want, raw, NAT)
    on_session = bool(rs.period_end_on_session.value)
    return count2, (next_session_on_or_after(count2, rs.calendar) if on_session else count2)


def second_period_end(first_deadline: dt.date, rs: RuleSet) -> dt.date | None:
    """The end of a second period that follows a first period ending on ``first_deadline``.

    ``None`` when the tier has no second period. Counted, stopped and moved
    as in :func:`period_ends`.
    """
    first = np.array([first_deadline], dtype="datetime64[D]")
    _, end = _second_period(first, rs, np.ones(1, dtype=bool), None)
    return _date(end[0])


def determination_dates(final: Days, calendar: str) -> Days:
    """The (estimated) Staff Delisting Determination: the first session after the period that ended uncured."""
    return _first_session_after(final, calendar)


# ------------------------------------------------------------------ the one-notice view
def _date(value: np.datetime64) -> dt.date | None:
    return None if np.isnat(value) else dt.date.fromisoformat(str(value))


@dataclass(frozen=True)
class Deadlines(FrameDisplay):
    """The compliance-period ends of one notice (result of :func:`deadlines`).

    ``first_deadline`` / ``second_deadline`` are the dates the exchange
    states (Nasdaq: moved to the next session); ``first_count`` /
    ``second_count`` the plain calendar counts before that move;
    ``clock_start`` the day the first period's clock started; ``stops`` the
    suspensions (2008-09, 2020) that moved them; ``cites`` the rule rows
    relied on (number and primary source).
    """

    notice_date: dt.date
    rules_name: str
    clock_start: dt.date
    first_count: dt.date | None
    first_deadline: dt.date | None
    second_count: dt.date | None
    second_deadline: dt.date | None
    determination: dt.date | None
    stops: tuple[ClockStop, ...]
    cites: tuple[str, ...]
    uncertain: bool
    note: str

    @property
    def final_deadline(self) -> dt.date | None:
        """The last period end: the second where one is counted, else the first."""
        return self.second_deadline or self.first_deadline

    @property
    def moved(self) -> bool:
        """Whether a deadline was moved off a weekend or holiday."""
        return self.first_count != self.first_deadline or self.second_count != self.second_deadline

    def _title(self) -> str:
        return f"Compliance periods of a notice dated {self.notice_date.isoformat()} ({self.rules_name})"

    def to_frame(self) -> pd.DataFrame:
        """One row per period end: the date stated, the calendar count, and why they differ."""
        import pandas as pd

        rows = []
        for label, count, end in (
            ("first period", self.first_count, self.first_deadline),
            ("second period", self.second_count, self.second_deadline),
        ):
            if end is None:
                continue
            why = "" if count == end else f"{count.isoformat() if count else ''} is not a session: next session"
            rows.append({"period": label, "deadline": end, "calendar_count": count, "moved": why})
        if self.determination is not None:
            rows.append(
                {
                    "period": "determination (if not regained)",
                    "deadline": self.determination,
                    "calendar_count": None,
                    "moved": "first session after the last period (estimated)",
                }
            )
        frame = pd.DataFrame(rows, columns=["period", "deadline", "calendar_count", "moved"])
        return frame.set_index("period")

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly fields."""
        return {
            "notice_date": self.notice_date,
            "rules": self.rules_name,
            "clock_start": self.clock_start,
            "first_count": self.first_count,
            "first_deadline": self.first_deadline,
            "second_count": self.second_count,
            "second_deadline": self.second_deadline,
            "determination": self.determination,
            "stops": [
                {"period": s.period, "window": str(s.window), "cite": s.rule.cite, "before": s.before, "after": s.after}
                for s in self.stops
            ],
            "cites": list(self.cites),
            "uncertain": self.uncertain,
            "note": self.note,
        }


def _rules_for(rules: RuleSet | str, notice: dt.date) -> RuleSet:
    if isinstance(rules, RuleSet):
        return rules.for_notice(notice)
    if isinstance(rules, str):
        from ... import rules as _rules

        return _rules.get(rules, as_of=notice)
    raise InputError("rules", type(rules).__name__, "must be a RuleSet or a rule-set name")


def _cite(rule: Rule[Any]) -> str:
    return f"{rule.describe()} [{public_source(rule.source)}]"


def deadlines(
    notice_date: Any,
    rules: RuleSet | str,
    *,
    second_period: bool = True,
    as_of: Any = None,
) -> Deadlines:
    """When a compliance period that begins with a notice ends -- the way the exchange dates it.

    Parameters
    ----------
    notice_date
        Date of the exchange staff's deficiency letter.
    rules
        A :class:`~splitcalc.rules.RuleSet` or a rule-set name (resolved on
        the notice date).
    second_period
        Count Nasdaq's second 180-day period (granted at the staff's
        discretion, Rule 5810(c)(3)(A)(ii)) where the tier has one.
    as_of
        Ignore clock-stop windows that begin after this date.

    Returns
    -------
    Deadlines
        First and second period ends (moved to a session where the rule
        says so) and their unmoved counts, the suspensions applied, the
        estimated determination date, and the rule rows relied on.

    Examples
    --------
    >>> d = deadlines(dt.date(2023, 1, 5), "nasdaq-capital", second_period=False)
    >>> d.first_count, d.first_deadline  # Jul 4, 2023 is Independence Day
    (datetime.date(2023, 7, 4), datetime.date(2023, 7, 5))
    >>> deadlines(dt.date(2020, 5, 1), "nasdaq-capital", second_period=False).first_deadline
    datetime.date(2020, 12, 28)
    """
    notice = to_date(notice_date, "notice_date")
    rs = _rules_for(rules, notice)
    stamp = None if as_of is None else np.datetime64(to_date(as_of, "as_of"), "D")
    arr = np.array([notice], dtype="datetime64[D]")
    ends = period_ends(arr, rs, second=second_period, as_of=stamp)
    first, second = _date(ends.first[0]), _date(ends.second[0])
    final = ends.final
    determination = _date(determination_dates(final, rs.calendar)[0]) if not np.isnat(final[0]) else None
    stops = _stops_applied(
        rs,
        notice=notice,
        start=_date(ends.start[0]) or notice,
        first=first,
        first_count=_date(ends.first_count[0]),
        second_count=_date(ends.second_count[0]),
        stamp=stamp,
    )
    used: list[Rule[Any]] = []
    if rs.compliance_period_days.value:
        used.append(rs.compliance_period_days)
    elif rs.compliance_period_months.value:
        used.append(rs.compliance_period_months)
    if second is not None:
        used.append(rs.second_period_days)
    moved = first != _date(ends.first_count[0]) or second != _date(ends.second_count[0])
    if rs.period_end_on_session.value is not None and (moved or not rs.period_end_on_session.value):
        used.append(rs.period_end_on_session)  # relied on where it moved a date (or says dates are not moved)
    used += [s.rule for s in stops if s.rule not in used]
    if first is None:
        note = f"no compliance period: {rs.compliance_period_days.cite}; {rs.compliance_period_months.cite}"
    elif rs.second_period_days.value and not second_period:
        note = "second compliance period not counted (second_period=False)"
    elif rs.second_period_days.value:
        note = f"second period assumed granted: {rs.second_period_days.note or rs.second_period_days.cite}"
    else:
        note = ""
    return Deadlines(
        notice_date=notice,
        rules_name=rs.name,
        clock_start=_date(ends.start[0]) or notice,
        first_count=_date(ends.first_count[0]),
        first_deadline=first,
        second_count=_date(ends.second_count[0]),
        second_deadline=second,
        determination=determination,
        stops=stops,
        cites=tuple(_cite(r) for r in used),
        uncertain=any(r.uncertain for r in used),
        note=note,
    )


def _stops_applied(
    rs: RuleSet,
    *,
    notice: dt.date,
    start: dt.date,
    first: dt.date | None,
    first_count: dt.date | None,
    second_count: dt.date | None,
    stamp: np.datetime64 | None,
) -> tuple[ClockStop, ...]:
    """Which windows moved which period (re-traced for display; the arithmetic is :func:`period_ends`)."""
    out: list[ClockStop] = []
    known = [(r, m) for r, m in clock_stops(rs) if stamp is None or np.datetime64(m.start, "D") <= stamp]
    for rule, m in known:
        if m.start <= notice < m.end:
            out.append(ClockStop("first", m, rule, notice, start, notified_inside=True))
        elif first_count is not None and notice < m.start <= first_count:
            out.append(ClockStop("first", m, rule, first_count - dt.timedelta(days=m.days), first_count, False))
        elif first is not None and second_count is not None and first < m.start <= second_count:
            out.append(ClockStop("second", m, rule, second_count - dt.timedelta(days=m.days), second_count, False))
    return tuple(out)
