"""Read a user's own as-traded daily prices from a CSV file.

The format
----------
A UTF-8 text file with a header row, one row per exchange session, oldest
first::

    # Prices as traded, from the company's 10-Q (lines starting with # are comments)
    date,open,high,low,close,volume,split
    2002-09-04,0.18,0.19,0.17,0.18,1250000,
    2002-09-05,0.17,0.18,0.16,0.17,1310000,
    2002-09-06,4.30,4.60,4.10,4.25,90000,1-for-25

Columns (names are case-insensitive; order is free; unknown columns are ignored):

``date`` (required)
    The session, ``YYYY-MM-DD``. Dates must be strictly increasing (no
    duplicates) and, unless ``calendar=None``, sessions of the exchange
    calendar (``XNYS`` by default: Nasdaq and NYSE American trade on it).
``close`` (required)
    The closing price *as traded that day* -- not adjusted for later splits.
    Positive.
``open``, ``high``, ``low`` (optional)
    Positive when given; an empty cell is "not known". ``low <= high``.
``volume`` (optional)
    Shares traded that day (as traded), ``>= 0``.
``split`` (optional; ``splits`` is accepted too)
    On the *first session trading at the new price* (the ex-date), the split
    that took effect: ``1-for-25``, ``1:25`` (new:old, Yahoo's notation),
    ``25-for-1 reverse`` -- anything :meth:`splitcalc.SplitRatio.parse`
    reads -- or a bare number ``new/old`` as yfinance writes it (``0.04``).
    Empty, ``0`` or a factor of exactly 1 (``1``, ``1.0``, ``1-for-1``: how
    zipline's csvdir and Quandl's WIKI files mark a day without one) means no split.

Numbers may carry a leading ``$`` and thousands separators (``"1,250,000"``
quoted). A comma is read only as a thousands separator in a well-formed
grouping (``"1,234.50"``); any other comma (``"0,43"``, a decimal comma) is
an error naming the line and column -- write decimals with a point. Blank
lines and ``#`` comment lines are skipped; line numbers in errors count every
physical line of the file, the header included.

A yfinance export (it has a ``Stock Splits`` column) is refused: its prices
are split-adjusted, not as traded; convert it with
:func:`splitcalc.history.to_as_traded` first.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..calendars import DEFAULT_CALENDAR, session_days, to_date
from ..coerce import as_path
from ..errors import InputError, InvalidPrices
from ..inputfile import read_input_bytes, refuse_duplicate_columns
from ..ratio import SplitRatio
from ._frame import PRICE_COLUMNS, build_frame, slice_dates

if TYPE_CHECKING:
    import pandas as pd

    from .._types import DateLike

__all__ = ["CsvProvider", "read_price_csv"]

_REQUIRED = ("date", "close")
_SPLIT_NAMES = ("split", "splits")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Characters a number may carry that are not part of its value (commas are checked apart).
_NUMBER_NOISE = r"[$_\s]"
#: What to tell a user whose comma is not a thousands separator.
_COMMA_HINT = (
    "has a comma that does not group thousands; write decimals with a point (0.43, not 0,43) "
    "and commas only between groups of three digits (1,234.50)"
)


def _where(path: Path, line: int, column: str | None = None) -> str:
    where = f"{path.name} line {line}"
    return f"{where}, column {column!r}" if column else where


def _numbers(cells: list[str], path: Path, lines: list[int], column: str) -> np.ndarray[Any, Any]:
    """Floats from one column's cells, all at once; NaN for an empty cell.

    ``$``, ``_`` and whitespace are dropped; a comma is dropped only inside a
    well-formed thousands grouping (``1,234.50``), judged on the cell as
    written, by the same rule as every other number splitcalc reads
    (:func:`splitcalc.money.ungroup_thousands`). Anything else -- a decimal
    comma ``0,43`` that would otherwise read as 43, ``1, 234``, text, NaN,
    infinity -- raises :class:`InvalidPrices` naming the first such line.
    """
    import pandas as pd

    from ..money import ungroup_thousands

    raw = pd.Series(cells, dtype=object)
    with_comma = np.flatnonzero(raw.str.contains(",", regex=False).to_numpy(dtype=bool))
    if with_comma.size:  # cells with commas only (usually none, or a price column of thousands)
        raw = raw.copy()
        for k in with_comma.tolist():
            ungrouped = ungroup_thousands(cells[k])
            if ungrouped is None:
                raise InvalidPrices(_where(path, lines[k], column), cells[k], _COMMA_HINT)
            raw.iat[k] = ungrouped
    cleaned = raw.str.replace(_NUMBER_NOISE, "", regex=True)
    text = cleaned.to_numpy(dtype=object, copy=True)
    empty = text == ""
    text[empty] = "nan"
    try:
        values: np.ndarray[Any, Any] = text.astype(np.float64)
    except ValueError:  # find the cell that is not a number, for the message
        for k, item in enumerate(text):
            try:
                float(item)
            except ValueError:
                raise InvalidPrices(_where(path, lines[k], column), cells[k], "is not a number") from None
        raise  # pragma: no cover - astype and float() accept the same text
    bad = np.flatnonzero(~np.isfinite(values) & ~empty)
    if bad.size:
        k = int(bad[0])
        raise InvalidPrices(_where(path, lines[k], column), cells[k], "is not a finite number")
    return values


def _split(text: str, path: Path, line: int, column: str) -> SplitRatio | None:
    cleaned = text.strip()
    if cleaned in ("", "0", "0.0"):
        return None
    try:
        if re.fullmatch(r"[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?", cleaned):
            ratio = SplitRatio.from_float(float(cleaned))
        else:
            ratio = SplitRatio.parse(cleaned)
    except InputError as exc:
        raise InvalidPrices(_where(path, line, column), text, f"is not a split ratio ({exc.reason})") from None
    # a factor of exactly 1 changes nothing: it is how zipline's csvdir and Quandl's WIKI files say "no split"
    return None if ratio.new == ratio.old else ratio


def read_price_csv(
    path: str | os.PathLike[str],
    *,
    calendar: str | None = DEFAULT_CALENDAR,
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> pd.DataFrame:
    r"""Read as-traded daily prices in the format described in this module.

    Parameters
    ----------
    path
        The CSV file.
    calendar
        exchange_calendars name every date must be a session of; ``None``
        skips that check (for markets splitcalc's calendars do not cover).
    start, end
        Keep only rows with ``start <= date <= end`` (after validating all).

    Returns
    -------
    pandas.DataFrame
        Index ``date`` (tz-naive); float columns open, high, low, close,
        volume (NaN where the file has none); ``attrs["splits"]`` the
        ``(date, SplitRatio)`` events of the ``split`` column,
        ``attrs["source"] = "csv:<file name>"``,
        ``attrs["adjustment"] = "as_traded"``.

    Raises
    ------
    InvalidPrices
        The file is missing or unreadable, a required column is missing, a
        value cannot be read, dates are unsorted, duplicated or not sessions,
        a price is not positive. The message names the line and column.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "px.csv"
    >>> _ = p.write_text("date,close,split\n2002-09-05,0.17,\n2002-09-06,4.25,1-for-25\n")
    >>> px = read_price_csv(p)
    >>> px["close"].tolist(), px.attrs["splits"][0][1]
    ([0.17, 4.25], SplitRatio(new=1, old=25))
    """
    file = as_path(path, "path", error=InvalidPrices)
    raw = read_input_bytes(file, "prices", error=InvalidPrices)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidPrices("path", str(file), f"is not UTF-8 text ({exc.reason})") from None

    lines = [(i, line) for i, line in enumerate(text.splitlines(), start=1)]
    content = [(i, line) for i, line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not content:
        raise InvalidPrices("path", str(file), "is empty; expected a header 'date,close,...' and rows")
    rows, line_numbers = _read_rows(file, content)
    header = [name.strip().lower() for name in rows[0]]
    header_line = line_numbers[0]
    refuse_duplicate_columns(rows[0], where=_where(file, header_line), error=InvalidPrices)
    if "stock splits" in header:
        raise InvalidPrices(
            _where(file, header_line),
            "Stock Splits",
            "looks like a yfinance export (split-adjusted prices); "
            "convert it with splitcalc.history.to_as_traded or give prices as traded",
        )
    for name in _REQUIRED:
        if name not in header:
            raise InvalidPrices(
                _where(file, header_line),
                ",".join(rows[0]),
                f"missing required column {name!r}; the header needs at least 'date,close'",
            )
    split_cols = [name for name in _SPLIT_NAMES if name in header]
    if len(split_cols) > 1:
        raise InvalidPrices(_where(file, header_line), split_cols, "give either 'split' or 'splits', not both")
    positions = {name: header.index(name) for name in (*PRICE_COLUMNS, "date", *split_cols) if name in header}
    numeric: list[str] = [name for name in PRICE_COLUMNS if name in positions]
    if len(rows) == 1:
        raise InvalidPrices("path", str(file), "has a header but no price rows")

    n = len(rows) - 1
    days = np.empty(n, dtype="datetime64[D]")
    cells: dict[str, list[str]] = {name: [] for name in numeric}
    splits: list[tuple[dt.date, SplitRatio]] = []
    width = len(header)
    for k, row in enumerate(rows[1:]):
        line = line_numbers[k + 1]
        if len(row) != width:
            raise InvalidPrices(_where(file, line), ",".join(row), f"has {len(row)} fields, the header has {width}")
        raw_date = row[positions["date"]].strip()
        if not _ISO_DATE.match(raw_date):
            raise InvalidPrices(_where(file, line, "date"), raw_date, "is not a date; write YYYY-MM-DD")
        try:
            day = dt.date.fromisoformat(raw_date)
        except ValueError:
            raise InvalidPrices(_where(file, line, "date"), raw_date, "is not a valid calendar date") from None
        days[k] = np.datetime64(day, "D")
        for name in numeric:
            cells[name].append(row[positions[name]])
        for name in split_cols:
            ratio = _split(row[positions[name]], file, line, name)
            if ratio is not None:
                splits.append((day, ratio))

    values = {name: _numbers(cells[name], file, line_numbers[1:], name) for name in numeric}
    _check_values(file, line_numbers[1:], days, values)
    _check_dates(file, line_numbers[1:], days, calendar)

    frame = build_frame(days, values, splits=splits, source=f"csv:{file.name}")
    lo = to_date(start, "start") if start is not None else None
    hi = to_date(end, "end") if end is not None else None
    if lo is None and hi is None:
        return frame
    return slice_dates(frame, lo, hi)


def _read_rows(file: Path, content: list[tuple[int, str]]) -> tuple[list[list[str]], list[int]]:
    """CSV rows of the ``(line number, text)`` lines, and the line each row starts on.

    A :class:`csv.Error` (a field over :func:`csv.field_size_limit`, 131,072
    characters by default; a stray quote or NUL) becomes :class:`InvalidPrices`
    naming the line the reader stopped on.
    """
    reader = csv.reader(text for _, text in content)
    rows: list[list[str]] = []
    starts: list[int] = []
    consumed = 0  # lines the reader has taken so far (a quoted field may span lines)
    try:
        for row in reader:
            rows.append(row)
            starts.append(content[consumed][0])
            consumed = reader.line_num
    except csv.Error as exc:
        line, text = content[max(reader.line_num, 1) - 1]
        raise InvalidPrices(_where(file, line), text, f"cannot be read as CSV ({exc})") from None
    return rows, starts


def _check_values(
    file: Path, lines: list[int], days: np.ndarray[Any, Any], values: dict[str, np.ndarray[Any, Any]]
) -> None:
    """Required close present, prices positive, volume non-negative, low <= high."""
    close = values["close"]
    missing = np.flatnonzero(np.isnan(close))
    if missing.size:
        k = int(missing[0])
        raise InvalidPrices(_where(file, lines[k], "close"), "", f"is empty for {days[k]}; every row needs a close")
    for name in ("open", "high", "low", "close"):
        if name not in values:
            continue
        bad = np.flatnonzero(values[name] <= 0)  # NaN compares False: empty cells pass
        if bad.size:
            k = int(bad[0])
            raise InvalidPrices(
                _where(file, lines[k], name), float(values[name][k]), f"a price must be positive ({days[k]})"
            )
    if "volume" in values:
        bad = np.flatnonzero(values["volume"] < 0)
        if bad.size:
            k = int(bad[0])
            raise InvalidPrices(
                _where(file, lines[k], "volume"), float(values["volume"][k]), f"cannot be negative ({days[k]})"
            )
    if "low" in values and "high" in values:
        bad = np.flatnonzero(values["low"] > values["high"])
        if bad.size:
            k = int(bad[0])
            raise InvalidPrices(
                _where(file, lines[k], "low"),
                float(values["low"][k]),
                f"is above the high {float(values['high'][k])} ({days[k]})",
            )


def _check_dates(file: Path, lines: list[int], days: np.ndarray[Any, Any], calendar: str | None) -> None:
    """Strictly increasing dates, each an exchange session."""
    if len(days) > 1:
        step = np.diff(days).astype("int64")
        dup = np.flatnonzero(step == 0)
        back = np.flatnonzero(step < 0)
        if dup.size or back.size:
            k = int(min(dup[0] if dup.size else len(days), back[0] if back.size else len(days))) + 1
            if step[k - 1] == 0:
                reason = f"repeats the date of line {lines[k - 1]}; give one row per session"
            else:
                reason = f"comes before {days[k - 1]} on line {lines[k - 1]}; sort the rows oldest first"
            raise InvalidPrices(_where(file, lines[k], "date"), str(days[k]), reason)
    if calendar is None:
        return
    sessions = session_days(calendar)
    outside = np.flatnonzero((days < sessions[0]) | (days > sessions[-1]))
    if outside.size:
        k = int(outside[0])
        raise InvalidPrices(
            _where(file, lines[k], "date"),
            str(days[k]),
            f"is outside the {calendar} calendar ({sessions[0]} to {sessions[-1]}); pass calendar=None to skip",
        )
    pos = np.searchsorted(sessions, days)
    pos = np.minimum(pos, len(sessions) - 1)
    bad = np.flatnonzero(sessions[pos] != days)
    if bad.size:
        k = int(bad[0])
        weekday = dt.date.fromisoformat(str(days[k])).strftime("%A")
        raise InvalidPrices(
            _where(file, lines[k], "date"),
            str(days[k]),
            f"is not a {calendar} session ({weekday}: weekend or exchange holiday)",
        )


class CsvProvider:
    """A :class:`~splitcalc.market.PriceProvider` serving one CSV file of as-traded prices.

    The ticker is only used in messages: the file holds one security.

    Parameters
    ----------
    path
        The price file (see the module docstring for its format).
    calendar
        Session calendar the dates are checked against (``None``: no check).
    """

    name = "csv"
    requires_network = False

    def __init__(self, path: str | os.PathLike[str], *, calendar: str | None = DEFAULT_CALENDAR) -> None:
        self.path = Path(path)
        self.calendar = calendar

    def fetch(self, ticker: str, start: dt.date, end: dt.date) -> pd.DataFrame:
        """Rows of the file from ``start`` to ``end`` inclusive."""
        return read_price_csv(self.path, calendar=self.calendar, start=start, end=end)

    def __repr__(self) -> str:
        return f"CsvProvider({str(self.path)!r})"
