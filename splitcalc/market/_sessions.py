"""Which exchange sessions have closed: what "up to date" means for price data.

A day's closing price exists only once that session has closed, so data
fetched at instant ``t`` is complete through the last session whose close
(exchange_calendars' ``session_close``, early closes included) is at or before
``t``. Rows dated later (today's session while it trades) are provisional.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import numpy as np

from ..calendars import DEFAULT_CALENDAR, business_calendar

__all__ = ["last_closed_session", "utc_now"]


def utc_now() -> dt.datetime:
    """The current instant, timezone-aware UTC."""
    return dt.datetime.now(dt.UTC)


def last_closed_session(at: dt.datetime, calendar: str = DEFAULT_CALENDAR) -> dt.date:
    """The latest session of ``calendar`` whose close is at or before ``at`` (aware datetime).

    >>> import datetime as dt
    >>> # Friday 2024-01-05 16:00 New York is 21:00 UTC; one minute before, Thursday is the latest.
    >>> last_closed_session(dt.datetime(2024, 1, 5, 20, 59, tzinfo=dt.timezone.utc))
    datetime.date(2024, 1, 4)
    >>> last_closed_session(dt.datetime(2024, 1, 6, 12, 0, tzinfo=dt.timezone.utc))
    datetime.date(2024, 1, 5)
    """
    sessions, closes = _closes(calendar)
    moment = at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)
    instant = np.datetime64(moment.astimezone(dt.UTC).replace(tzinfo=None), "ns")
    i = int(np.searchsorted(closes, instant, side="right")) - 1
    if i < 0:
        raise ValueError(f"{at} is before the first session close of {calendar}")
    return dt.date.fromisoformat(str(sessions[i]))


@functools.lru_cache(maxsize=8)
def _closes(calendar: str) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Sessions (``datetime64[D]``) and their closing instants (UTC ``datetime64[ns]``), sorted."""
    cal = business_calendar(calendar)
    closes = cal.closes  # indexed by session; early closes included
    sessions = np.asarray(closes.index.values.astype("datetime64[D]"))
    instants = np.asarray(closes.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy(dtype="datetime64[ns]"))
    return sessions, instants
