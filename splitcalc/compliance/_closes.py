"""Read a closing-price series onto exchange sessions (pure; no I/O).

The compliance tests count exchange sessions (the rules' business days and
trading days are the exchange's sessions), so closes are put on the session grid of the rule
set's calendar (:mod:`splitcalc.calendars`): rows dated on days the exchange
was closed are dropped, sessions missing inside the series take the previous
close, and both are reported as caveats.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..calendars import index_days, session_days, to_date
from ..errors import InvalidPrices

__all__ = ["Closes", "as_date", "prepare_closes"]


def as_date(day: np.datetime64) -> dt.date:
    """``datetime64[D]`` -> ``datetime.date``."""
    return dt.date.fromisoformat(str(day.astype("datetime64[D]")))


@dataclass(frozen=True)
class Closes:
    """Closes on consecutive sessions: ``dates`` (``datetime64[D]``) and ``values`` (float64)."""

    dates: npt.NDArray[np.datetime64]
    values: npt.NDArray[np.float64]
    caveats: tuple[str, ...]
    attrs: dict[str, Any]

    def index_on_or_before(self, day: dt.date) -> int:
        """Index of the last session on or before ``day`` (-1 if none)."""
        return int(np.searchsorted(self.dates, np.datetime64(day, "D"), side="right")) - 1

    def index_on_or_after(self, day: dt.date) -> int:
        """Index of the first session on or after ``day`` (``len`` if none)."""
        return int(np.searchsorted(self.dates, np.datetime64(day, "D"), side="left"))

    def date(self, i: int) -> dt.date:
        """Date of session ``i``."""
        return as_date(self.dates[i])


def _index_dates(index: pd.Index, param_name: str) -> npt.NDArray[np.datetime64]:
    try:
        return index_days(index)  # a tz-aware index: New York dates (see index_days)
    except (TypeError, ValueError):
        raise InvalidPrices(param_name, index[:3].tolist(), "must be indexed by date") from None


def prepare_closes(
    closes: pd.Series | pd.DataFrame,
    *,
    calendar: str,
    as_of: dt.date | None = None,
    param_name: str = "closes",
) -> Closes:
    """Validate closes and put them on the session grid.

    Parameters
    ----------
    closes
        Daily closes as traded (not split-adjusted), a Series indexed by date,
        or a price frame with a ``close`` column (from
        :func:`splitcalc.get_prices` / :func:`splitcalc.market.read_price_csv`).
    calendar
        exchange_calendars name (the rule set's ``calendar``).
    as_of
        Ignore closes after this date.

    Raises
    ------
    InvalidPrices
        Not indexed by date, duplicate dates, non-positive or non-numeric
        prices, split-adjusted data, or nothing left to test.
    """
    attrs = dict(getattr(closes, "attrs", {}) or {})
    if isinstance(closes, pd.DataFrame):
        named_close = [c for c in closes.columns if str(c).strip().lower() == "close"]
        if not named_close:
            raise InvalidPrices(param_name, list(closes.columns)[:6], "a price frame needs a 'close' column")
        if len(named_close) > 1:  # closes["close"] would be a frame; which column is meant cannot be told
            raise InvalidPrices(param_name, named_close, "the price frame has more than one 'close' column")
        series = closes[named_close[0]]
    elif isinstance(closes, pd.Series):
        series = closes
    else:
        raise InvalidPrices(param_name, type(closes).__name__, "must be a pandas Series of closes indexed by date")
    if attrs.get("adjustment") == "split_adjusted":
        raise InvalidPrices(
            param_name,
            "split_adjusted",
            "are split-adjusted; listing rules test the prices as traded (get_prices(..., adjusted=False))",
        )
    if pd.api.types.is_bool_dtype(series.dtype) or pd.api.types.infer_dtype(series, skipna=True) == "boolean":
        raise InvalidPrices(param_name, series.head(3).tolist(), "must be prices, not true/false values")
    try:
        values = pd.to_numeric(series, errors="raise").to_numpy(dtype=np.float64, na_value=np.nan)
    except (TypeError, ValueError):
        raise InvalidPrices(param_name, series.head(3).tolist(), "must be numbers") from None
    dates = _index_dates(series.index, param_name)
    caveats: list[str] = []

    if len(dates) != len(np.unique(dates)):
        dup = pd.Index(dates).duplicated()
        raise InvalidPrices(param_name, str(dates[np.argmax(dup)]), "has two closes on one date")
    if len(dates) and np.any(dates[1:] < dates[:-1]):
        order = np.argsort(dates, kind="stable")
        dates, values = dates[order], values[order]
    keep = ~np.isnan(values)
    if not keep.all():
        caveats.append(f"{int((~keep).sum())} missing close(s) ignored")
        dates, values = dates[keep], values[keep]
    if np.any(values <= 0) or np.any(~np.isfinite(values)):
        bad = int(np.argmax((values <= 0) | ~np.isfinite(values)))
        raise InvalidPrices(param_name, float(values[bad]), f"has a non-positive or infinite close on {dates[bad]}")
    if as_of is not None:
        cut = dates <= np.datetime64(as_of, "D")
        dates, values = dates[cut], values[cut]
    if len(dates) == 0:
        raise InvalidPrices(param_name, len(series), "has no closes on or before the as-of date")

    days = session_days(calendar)
    if dates[0] < days[0] or dates[-1] > days[-1]:
        raise InvalidPrices(param_name, str(dates[0]), f"falls outside the {calendar} calendar splitcalc loads")
    pos = np.searchsorted(days, dates)
    on_session = days[np.minimum(pos, len(days) - 1)] == dates
    if not on_session.all():
        off = dates[~on_session]
        shown = ", ".join(str(d) for d in off[:3])
        caveats.append(
            f"{len(off)} close(s) dated on days {calendar} did not trade were ignored "
            f"({shown}{'...' if len(off) > 3 else ''})"
        )
        dates, values, pos = dates[on_session], values[on_session], pos[on_session]
        if len(dates) == 0:
            raise InvalidPrices(param_name, len(series), f"has no closes on {calendar} sessions")
    grid = days[pos[0] : pos[-1] + 1]
    if len(grid) != len(dates):
        filled = np.full(len(grid), np.nan)
        filled[pos - pos[0]] = values
        missing = np.isnan(filled)
        first_missing = grid[np.argmax(missing)]
        idx = np.where(~missing, np.arange(len(grid)), 0)
        np.maximum.accumulate(idx, out=idx)
        values = filled[idx]
        caveats.append(
            f"{int(missing.sum())} session(s) without a close (first {first_missing}) took the previous close"
        )
        dates = grid
    return Closes(dates=dates, values=values, caveats=tuple(caveats), attrs=attrs)


def parse_as_of(value: Any) -> dt.date | None:
    """``None`` or a date from anything :func:`~splitcalc.calendars.to_date` reads."""
    return None if value is None else to_date(value, "as_of")
