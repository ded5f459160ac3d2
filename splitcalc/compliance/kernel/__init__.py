"""The rule kernel: the one place compliance periods, cures and determinations are computed.

* :mod:`.periods` -- compliance-period ends (Nasdaq moved to a session, NYSE
  six calendar months, the 2008-09 and 2020 clock stops), vectorised over
  notice dates, and :func:`deadlines`, its one-notice view.
"""

from __future__ import annotations

from .periods import (
    ClockStop,
    Deadlines,
    PeriodEnds,
    add_months,
    add_months_array,
    clock_stops,
    deadlines,
    determination_dates,
    moratoria,
    next_session_on_or_after,
    period_ends,
    second_period_end,
)

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
