"""Look-back windows of the reverse-split bars, and the readings of edges the rule texts do not settle.

One reading, used by every consumer (the walk, the planned-split check, the
report's ratio choice, the simulator's one-year horizon):

* the one-year bar (Nasdaq 5810(c)(3)(A)(iv) as amended Jan 17, 2025; NYSE
  802.01C, Jan 15, 2025) looks at reverse splits in ``(day - 1 year, day]``,
  the year counted in calendar dates (Feb 29 -> Feb 28);
* the cumulative-ratio look-back (Nasdaq 250:1 over two years, 730 days in
  the rules; NYSE / NYSE American 200:1) looks at ``(day - N days, day]``.

Both windows are counted the same way: open at the far end, so a split
dated *exactly* one year (the same calendar date) or exactly N days before
is outside. No source settles that day; a result that turns on it says so
and carries the :data:`WINDOW_READING` row, marked uncertain.

Two further readings flagged the same way:

* :data:`STRADDLE_READING` -- a regain (or $0.10) run that begins in the
  first compliance period and completes in a granted second one counts: the
  two periods are contiguous and the rule asks for the run "during the
  compliance period";
* :data:`MORATORIUM_2002_READING` -- the 2001 moratorium ran through
  Jan 1, 2002; Jan 2, 2002, the first session after it, counts toward a new
  deficiency ("the tests resumed on Jan 2, 2002").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final

from ...ratio import SplitRatio
from ...rules import Rule

__all__ = [
    "MORATORIUM_2002_READING",
    "STRADDLE_READING",
    "WINDOW_READING",
    "in_lookback",
    "in_prior_year",
    "last_day_in_lookback",
    "last_day_of_one_year_bar",
    "lookback_edges",
    "one_year_after",
    "years_before",
]

SplitEvent = tuple[dt.date, SplitRatio]

_SOURCE: Final = (
    "splitcalc reading (the rule text does not settle the day): Nasdaq Rule 5810(c)(3)(A)(iv) "
    "(SR-NASDAQ-2020-001, 85 FR 23393; SR-NASDAQ-2024-045, 90 FR 8081); NYSE 802.01C"
)
WINDOW_READING: Final[Rule[str]] = Rule(
    None,
    "(day - 1 year, day] and (day - N days, day]",
    "reading: a reverse split exactly one year (same calendar date) or exactly N days before the failure is "
    "outside the one-year bar and the cumulative look-back",
    _SOURCE,
    uncertain=True,
)
STRADDLE_READING: Final[Rule[str]] = Rule(
    None,
    "a run across the end of the first period counts when a second period is granted",
    "reading: a run that begins in the first compliance period and completes in the second counts",
    "splitcalc reading of Nasdaq Rule 5810(c)(3)(A) ('during the compliance period'; the periods are contiguous)",
    uncertain=True,
)
MORATORIUM_2002_READING: Final[Rule[str]] = Rule(
    None,
    "Jan 2, 2002 counts",
    "reading: the 2001 moratorium ran through Jan 1, 2002; the close of Jan 2, 2002 counts toward a deficiency",
    "splitcalc reading of the Nasdaq moratorium of Sep 27, 2001 (Nasdaq PR Sep 27, 2001; MoFo client alert "
    "Dec 13, 2001: tests reinstated Jan 2, 2002)",
    uncertain=True,
)


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier (Feb 29 -> Feb 28); negative ``years`` go forward."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _window(splits: Iterable[SplitEvent], after: dt.date, until: dt.date) -> list[SplitEvent]:
    return [(d, r) for d, r in splits if after < d <= until and r.is_reverse]


def in_prior_year(splits: Iterable[SplitEvent], day: dt.date) -> list[SplitEvent]:
    """Reverse splits in ``(day - 1 year, day]`` (the one-year bar)."""
    return _window(splits, years_before(day, 1), day)


def in_lookback(splits: Iterable[SplitEvent], day: dt.date, days: int) -> list[SplitEvent]:
    """Reverse splits in ``(day - days, day]`` (the cumulative-ratio look-back)."""
    return _window(splits, day - dt.timedelta(days=days), day)


def one_year_after(split_day: dt.date) -> dt.date:
    """The first day a split dated ``split_day`` no longer bars a failure (its anniversary)."""
    return years_before(split_day, -1)


def last_day_of_one_year_bar(split_day: dt.date) -> dt.date:
    """The last failure date a reverse split dated ``split_day`` still bars (the day before its anniversary).

    Nasdaq Rule 5810(c)(3)(A)(iv) as amended Jan 17, 2025 (SR-NASDAQ-2024-045,
    90 FR 8081) and NYSE 802.01C: no compliance period for a price failure
    within one year of a reverse split; read as ``(day - 1 year, day]``
    (:data:`WINDOW_READING`, uncertain on the anniversary itself), the same
    window :func:`in_prior_year` uses: the last ``day`` with the split in it.
    A split on Feb 29 still bars a failure on Feb 28 of the next year (that
    window opens after Feb 28).
    """
    anniversary = one_year_after(split_day)
    if years_before(anniversary, 1) < split_day:  # Feb 29 -> Feb 28: still inside
        return anniversary
    return anniversary - dt.timedelta(days=1)


def last_day_in_lookback(split_day: dt.date, days: int) -> dt.date:
    """The last failure date whose ``days``-day look-back still holds a split dated ``split_day``."""
    return split_day + dt.timedelta(days=days - 1)


def lookback_edges(splits: Iterable[SplitEvent], day: dt.date, days: int | None, *, one_year: bool = True) -> list[str]:
    """Reverse splits exactly on the edge of a window for a failure on ``day``: the texts that say so.

    ``days``: the cumulative look-back in force (``None``: none); ``one_year``: the one-year bar is in force.
    """
    out = []
    for d, r in splits:
        if not r.is_reverse:
            continue
        if one_year and d == years_before(day, 1):
            out.append(
                f"the {r} split of {d.isoformat()} is exactly one year before {day.isoformat()}: read as outside "
                "the one-year bar (UNCERTAIN)"
            )
        if days is not None and d == day - dt.timedelta(days=days):
            out.append(
                f"the {r} split of {d.isoformat()} is exactly {days} days before {day.isoformat()}: read as "
                "outside the cumulative look-back (UNCERTAIN)"
            )
    return out
