"""Exchange business days, from ``exchange_calendars``.

Nasdaq's 30-day deficiency trigger and 10-day cure count *business days*
and the $0.10 rule counts *trading days* (SR-NASDAQ-2010-107, 75 FR 65044;
SR-NASDAQ-2020-001, 85 FR 23393); both are exchange
sessions here. Holidays and unscheduled closures (Sep 11-14 2001, Hurricane
Sandy Oct 29-30 2012, Dec 5 2018, Jan 9 2025) come from exchange_calendars'
XNYS calendar -- never from a list of our own. In exchange_calendars "XNAS" and
"NASDAQ" are aliases of XNYS (exchange_calendars PR #318), so XNYS serves all three
exchanges.

The calendar is built once per process from 1990-01-02 (exchange_calendars
starts 20 years back by default, too late for the 2002 case) to the end of
the year two years ahead. Sessions after today are *provisional*: a future
unscheduled closure cannot be known (:func:`is_provisional`).
"""

from __future__ import annotations

import datetime as dt
import functools
import warnings
from typing import TYPE_CHECKING, Any, Final, Literal

import numpy as np

from .errors import DateOutOfRange, InputError

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd
    from exchange_calendars import ExchangeCalendar

    from ._types import DateLike

__all__ = [
    "DEFAULT_CALENDAR",
    "EXCHANGE_TIME_ZONE",
    "business_calendar",
    "count_sessions",
    "date_to_session",
    "index_days",
    "is_provisional",
    "is_session",
    "next_session",
    "previous_session",
    "session_days",
    "session_offset",
    "sessions",
    "sessions_between",
    "to_date",
]

DEFAULT_CALENDAR: Final = "XNYS"
#: Time zone of the US exchanges whose sessions splitcalc judges (XNYS and Nasdaq trade in New York).
EXCHANGE_TIME_ZONE: Final = "America/New_York"
CALENDAR_START: Final = dt.date(1990, 1, 2)


def to_date(value: DateLike, param_name: str = "date") -> dt.date:
    """Read a date from ``datetime.date``/``datetime``, pandas/numpy timestamps or ISO text.

    >>> to_date("2002-09-06")
    datetime.date(2002, 9, 6)
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
        try:  # a timestamp such as "2002-09-06 00:00:00" or "2002-09-06T09:30:00-04:00"
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            raise InputError(param_name, value, "is not a date; write YYYY-MM-DD") from None
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            raise InputError(param_name, value, "is not a date (NaT)")
        return dt.date.fromisoformat(str(value.astype("datetime64[D]")))
    to_py = getattr(value, "to_pydatetime", None)
    if callable(to_py):
        result = to_py()
        if isinstance(result, dt.datetime):
            return result.date()
    raise InputError(param_name, value, "is not a date; write YYYY-MM-DD")


@functools.lru_cache(maxsize=8)
def business_calendar(name: str = DEFAULT_CALENDAR) -> ExchangeCalendar:
    """The exchange_calendars calendar ``name``, built once, 1990 to two years ahead."""
    import exchange_calendars as xc

    end = dt.date(dt.date.today().year + 2, 12, 31)
    try:
        with warnings.catch_warnings():
            # exchange_calendars 4.x trips pandas 3 deprecation warnings while building;
            # they are upstream's to fix and say nothing about our results.
            warnings.simplefilter("ignore", DeprecationWarning)
            warnings.simplefilter("ignore", FutureWarning)
            return xc.get_calendar(name, start=CALENDAR_START.isoformat(), end=end.isoformat())
    except xc.errors.InvalidCalendarName:
        raise InputError("calendar", name, "is not an exchange_calendars calendar name") from None


@functools.lru_cache(maxsize=8)
def _session_days(name: str) -> np.ndarray[Any, np.dtype[np.datetime64]]:
    """Sessions as a sorted ``datetime64[D]`` array (the fast path for searches).

    Building the calendar from 1990 costs about half a second, so the array
    is also kept on disk (see :func:`_sessions_cache_path`) and read back by
    later processes; any unreadable or implausible cache file is rebuilt.
    """
    path = _sessions_cache_path(name)
    if path is not None:
        cached = _read_sessions(path)
        if cached is not None:
            return cached
    index = business_calendar(name).sessions
    days = np.asarray(index.values.astype("datetime64[D]"))
    if path is not None:
        _write_sessions(path, days)
    return days


def _sessions_cache_path(name: str) -> Path | None:
    """``<cache>/calendars/<name>-<exchange_calendars version>-<start>-<end>.npy``.

    The cache folder is ``$SPLITCALC_CACHE_DIR``, else the user cache folder
    (platformdirs). The key holds the exchange_calendars version (new releases
    add closures) and the date range built; ``None`` when it cannot be found.
    """
    import os
    from importlib import metadata
    from pathlib import Path

    try:
        version = metadata.version("exchange-calendars")
    except metadata.PackageNotFoundError:
        return None
    env = os.environ.get("SPLITCALC_CACHE_DIR")
    if env:
        root = Path(env).expanduser()
    else:
        import platformdirs

        root = Path(platformdirs.user_cache_dir("splitcalc"))
    end = dt.date(dt.date.today().year + 2, 12, 31)
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in f"{name}-{version}")
    return root / "calendars" / f"{safe}-{CALENDAR_START.isoformat()}-{end.isoformat()}.npy"


def _read_sessions(path: Path) -> np.ndarray[Any, np.dtype[np.datetime64]] | None:
    try:
        days: np.ndarray[Any, np.dtype[np.datetime64]] = np.load(path, allow_pickle=False)
    except (OSError, ValueError, EOFError):
        return None
    if days.ndim != 1 or days.dtype != np.dtype("datetime64[D]") or len(days) < 2:
        return None
    if days[0] < np.datetime64(CALENDAR_START, "D") or not bool(np.all(days[1:] > days[:-1])):
        return None
    return days


def _write_sessions(path: Path, days: np.ndarray[Any, np.dtype[np.datetime64]]) -> None:
    import io

    from .atomic import atomic_write

    buffer = io.BytesIO()
    np.save(buffer, days, allow_pickle=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, buffer.getvalue())
    except OSError:  # a read-only or missing cache folder only costs speed
        pass


def sessions(name: str = DEFAULT_CALENDAR) -> pd.DatetimeIndex:
    """Every session the calendar knows, as tz-naive midnight timestamps."""
    index: pd.DatetimeIndex = business_calendar(name).sessions
    return index


def _day(value: DateLike, param_name: str, name: str) -> np.datetime64:
    d = to_date(value, param_name)
    days = _session_days(name)
    lo, hi = days[0], days[-1]
    day = np.datetime64(d, "D")
    if day < lo or day > hi:
        raise DateOutOfRange(param_name, d, f"is outside the {name} calendar ({lo} to {hi}) splitcalc loads")
    return day


def _as_date(day: np.datetime64) -> dt.date:
    return dt.date.fromisoformat(str(day))


def is_session(value: DateLike, name: str = DEFAULT_CALENDAR) -> bool:
    """True when the exchange traded on that date.

    >>> is_session("2001-09-11"), is_session("2001-09-17")
    (False, True)
    """
    days = _session_days(name)
    day = _day(value, "date", name)
    i = int(np.searchsorted(days, day))
    return bool(i < len(days) and days[i] == day)


def date_to_session(
    value: DateLike,
    direction: Literal["next", "previous", "none"] = "next",
    name: str = DEFAULT_CALENDAR,
) -> dt.date:
    """``value`` if it is a session, else the next (or previous) one.

    With ``direction="none"`` a non-session raises :class:`InputError`.
    """
    days = _session_days(name)
    day = _day(value, "date", name)
    i = int(np.searchsorted(days, day))
    if i < len(days) and days[i] == day:
        return _as_date(day)
    if direction == "next" and i < len(days):
        return _as_date(days[i])
    if direction == "previous" and i > 0:
        return _as_date(days[i - 1])
    if direction == "none":
        raise InputError("date", _as_date(day), f"is not a {name} session")
    raise DateOutOfRange("date", _as_date(day), f"has no {direction} session in the loaded calendar")


def next_session(value: DateLike, name: str = DEFAULT_CALENDAR) -> dt.date:
    """The first session strictly after ``value``."""
    days = _session_days(name)
    i = int(np.searchsorted(days, _day(value, "date", name), side="right"))
    if i >= len(days):
        raise DateOutOfRange("date", to_date(value), "has no later session in the loaded calendar")
    return _as_date(days[i])


def previous_session(value: DateLike, name: str = DEFAULT_CALENDAR) -> dt.date:
    """The last session strictly before ``value``."""
    days = _session_days(name)
    i = int(np.searchsorted(days, _day(value, "date", name), side="left"))
    if i == 0:
        raise DateOutOfRange("date", to_date(value), "has no earlier session in the loaded calendar")
    return _as_date(days[i - 1])


def session_offset(value: DateLike, n: int, name: str = DEFAULT_CALENDAR) -> dt.date:
    """The session ``n`` sessions after the session ``value`` (before, if ``n < 0``).

    ``value`` must be a session. The 30th business day of a streak starting on
    session ``s`` is ``session_offset(s, 29)``.

    >>> session_offset("2024-01-02", 29)
    datetime.date(2024, 2, 13)
    """
    days = _session_days(name)
    day = _day(value, "date", name)
    i = int(np.searchsorted(days, day))
    if i >= len(days) or days[i] != day:
        raise InputError("date", _as_date(day), f"is not a {name} session")
    j = i + int(n)
    if not 0 <= j < len(days):
        raise DateOutOfRange("n", n, "reaches past the loaded calendar")
    return _as_date(days[j])


def sessions_between(start: DateLike, end: DateLike, name: str = DEFAULT_CALENDAR) -> list[dt.date]:
    """Sessions from ``start`` to ``end``, both inclusive."""
    days = _session_days(name)
    a = _day(start, "start", name)
    b = _day(end, "end", name)
    lo = int(np.searchsorted(days, a, side="left"))
    hi = int(np.searchsorted(days, b, side="right"))
    return [_as_date(d) for d in days[lo:hi]]


def count_sessions(start: DateLike, end: DateLike, name: str = DEFAULT_CALENDAR) -> int:
    """Number of sessions from ``start`` to ``end`` inclusive (0 if ``end < start``).

    >>> count_sessions("2001-09-01", "2001-09-30")
    15
    """
    days = _session_days(name)
    a = _day(start, "start", name)
    b = _day(end, "end", name)
    lo = int(np.searchsorted(days, a, side="left"))
    hi = int(np.searchsorted(days, b, side="right"))
    return max(0, hi - lo)


def is_provisional(value: DateLike, today: dt.date | None = None) -> bool:
    """True for dates after ``today``: future unscheduled closures are unknowable."""
    return to_date(value) > (today or dt.date.today())


def session_days(name: str = DEFAULT_CALENDAR) -> np.ndarray[Any, np.dtype[np.datetime64]]:
    """All sessions as a sorted ``datetime64[D]`` array (for vectorised code)."""
    return _session_days(name).copy()


def index_days(index: Any) -> np.ndarray[Any, np.dtype[np.datetime64]]:
    """The session dates a price index labels, as ``datetime64[D]``: the one reading of price timestamps.

    A tz-naive index is read by its dates. A tz-aware index whose stamps all
    fall on midnight in their own zone labels dates (yfinance stamps each
    session at midnight exchange time; a file may stamp it at midnight UTC):
    those dates are kept. Otherwise the stamps are instants, and each is
    converted to :data:`EXCHANGE_TIME_ZONE` before its date is taken: a New
    York midnight shown in Los Angeles (21:00 the day before) is the New York
    session, not the day before.

    >>> import pandas as pd
    >>> ny = pd.DatetimeIndex(["2024-01-02", "2024-01-03"]).tz_localize("America/New_York")
    >>> [str(d) for d in index_days(ny.tz_convert("America/Los_Angeles"))]
    ['2024-01-02', '2024-01-03']
    >>> [str(d) for d in index_days(pd.DatetimeIndex(["2024-01-02"]).tz_localize("UTC"))]
    ['2024-01-02']
    """
    import pandas as pd

    stamps = pd.DatetimeIndex(index)
    if stamps.tz is not None:
        local = stamps.tz_localize(None)
        if bool((local == local.normalize()).all()):
            stamps = local
        else:
            stamps = stamps.tz_convert(EXCHANGE_TIME_ZONE).tz_localize(None)
    return np.asarray(stamps.values.astype("datetime64[D]"))
