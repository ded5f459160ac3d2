"""The rule kernel: the one place compliance periods, cures and determinations are computed.

* :mod:`.periods` -- compliance-period ends (Nasdaq moved to a session, NYSE
  six calendar months, the 2008-09 and 2020 clock stops), vectorised over
  notice dates, and :func:`deadlines`, its one-notice view;
* :mod:`.after` -- what follows a Staff Delisting Determination (hearing
  request, stay, panel limit) by era;
* :mod:`.windows` -- the reverse-split look-back windows and the readings
  of edges the rule texts leave open (flagged uncertain);
* :mod:`.nyse_average` -- the NYSE 30-trading-day average, exact (integer
  ten-thousandths of a dollar), over (cases x sessions);
* :mod:`.cure` -- the earliest cure after a split, the split notification
  deadlines and the NYSE intent-to-cure date;
* :mod:`.streaks` -- runs of consecutive sessions (deficiency, regain and
  $0.10 streaks) for the walk, ``scan`` and the simulator.
"""

from __future__ import annotations

from .after import AfterDeadline, after_deadline, pending_no_stay
from .cure import earliest_cure, intent_to_cure_due, notification_deadline
from .nyse_average import Averages, rolling_average
from .periods import (
    ClockStop,
    Deadlines,
    PeriodEnds,
    add_months,
    add_months_array,
    clock_stops,
    deadlines,
    determination_dates,
    estimated_notice,
    estimated_notices,
    moratoria,
    next_session_on_or_after,
    period_ends,
    second_period_end,
)
from .streaks import (
    Completions,
    Runs,
    end_streaks,
    first_reaching,
    first_run_end,
    last_run_start,
    run_at_end,
    run_lengths,
    true_runs,
)
from .windows import (
    MORATORIUM_2002_READING,
    STRADDLE_READING,
    WINDOW_READING,
    in_lookback,
    in_prior_year,
    last_day_in_lookback,
    last_day_of_one_year_bar,
    lookback_edges,
    one_year_after,
)

__all__ = [
    "MORATORIUM_2002_READING",
    "STRADDLE_READING",
    "WINDOW_READING",
    "AfterDeadline",
    "Averages",
    "ClockStop",
    "Completions",
    "Deadlines",
    "PeriodEnds",
    "Runs",
    "add_months",
    "add_months_array",
    "after_deadline",
    "clock_stops",
    "deadlines",
    "determination_dates",
    "earliest_cure",
    "end_streaks",
    "estimated_notice",
    "estimated_notices",
    "first_reaching",
    "first_run_end",
    "in_lookback",
    "in_prior_year",
    "intent_to_cure_due",
    "last_day_in_lookback",
    "last_day_of_one_year_bar",
    "last_run_start",
    "lookback_edges",
    "moratoria",
    "next_session_on_or_after",
    "notification_deadline",
    "one_year_after",
    "pending_no_stay",
    "period_ends",
    "rolling_average",
    "run_at_end",
    "run_lengths",
    "second_period_end",
    "true_runs",
]
