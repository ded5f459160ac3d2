"""The price frame every provider returns.

One shape for all sources (a CSV file, Yahoo, the cache)::

    index    DatetimeIndex, tz-naive midnight, named "date", strictly increasing
    columns  open, high, low, close, volume  (float64; NaN where a source has no value)
    attrs    "splits"      list of (datetime.date, SplitRatio), oldest first
             "source"      short text naming where the rows came from
             "adjustment"  "as_traded" (default) or "split_adjusted"

Prices are *as traded* unless ``attrs["adjustment"] == "split_adjusted"``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from ..ratio import SplitRatio

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PRICE_COLUMNS", "build_frame", "slice_dates"]

#: Column order of a price frame.
PRICE_COLUMNS: Final = ("open", "high", "low", "close", "volume")


def build_frame(
    dates: Any,
    columns: dict[str, Any],
    *,
    splits: Iterable[tuple[dt.date, SplitRatio]] = (),
    source: str,
    adjustment: str = "as_traded",
) -> pd.DataFrame:
    """Assemble a price frame from day values and per-column arrays.

    Missing columns are filled with NaN; the caller has already validated the
    values.
    """
    import pandas as pd

    index = pd.DatetimeIndex(np.asarray(dates, dtype="datetime64[ns]"), name="date")
    n = len(index)
    data = {
        name: np.asarray(columns[name], dtype="float64") if name in columns else np.full(n, np.nan)
        for name in PRICE_COLUMNS
    }
    frame = pd.DataFrame(data, index=index, columns=list(PRICE_COLUMNS))
    frame.attrs["splits"] = sorted(splits, key=lambda item: item[0])
    frame.attrs["source"] = source
    frame.attrs["adjustment"] = adjustment
    return frame


def slice_dates(frame: pd.DataFrame, start: dt.date | None, end: dt.date | None) -> pd.DataFrame:
    """Rows with ``start <= date <= end`` (either bound may be None); splits kept in that window."""
    days = np.asarray(frame.index.values).astype("datetime64[D]")
    mask = np.ones(len(frame), dtype=bool)
    if start is not None:
        mask &= days >= np.datetime64(start, "D")
    if end is not None:
        mask &= days <= np.datetime64(end, "D")
    # All rows wanted: a shallow copy (copy-on-write keeps the input safe) saves copying the data.
    out = frame.copy(deep=False) if mask.all() else frame.loc[mask].copy()
    splits: Sequence[tuple[dt.date, SplitRatio]] = frame.attrs.get("splits", [])
    out.attrs = dict(frame.attrs)
    out.attrs["splits"] = [(d, r) for d, r in splits if (start is None or d >= start) and (end is None or d <= end)]
    return out
