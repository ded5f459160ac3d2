"""Which exchange sessions have closed: what "up to date" means for price data.

A day's closing price exists only once that session has closed, so data
fetched at instant ``t`` is complete through the last session whose close
(exchange_calendars' ``session_close``, early closes included) is at or before
``t``. Rows dated later (today's session while it trades) are provisional.
"""

from __future__ import annotations

import datetime as dt

from ..calendars import DEFAULT_CALENDAR, business_calendar, date_to_session, previous_session

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
    import pandas as pd

    cal = business_calendar(calendar)
    moment = pd.Timestamp(at)
    if moment.tzinfo is None:
        moment = moment.tz_localize("UTC")
    local_day = moment.tz_convert(cal.tz).date()
    session = date_to_session(local_day, "previous", calendar)
    if cal.session_close(pd.Timestamp(session)) > moment:
        session = previous_session(session, calendar)
    return session
