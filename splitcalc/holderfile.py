"""Reading and validating holder tables (the holder file format).

The columns, their types and their meaning are documented in
:mod:`splitcalc.holdings`. This module turns a DataFrame, or a CSV file read
as text, into validated numpy arrays (:class:`HolderColumns`), raising
:class:`~splitcalc.errors.InvalidHoldings` that names the column and the rows:
``line N`` of a file (comment lines and the header counted), or ``row LABEL``
of a DataFrame. Inputs are read, never modified.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import math
import re
import warnings
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from .cents import INT64_MAX
from .errors import InputError, InvalidHoldings
from .inputfile import check_input_file, refuse_duplicate_columns
from .money import GROUPING_HINT, as_decimal, ungroup_thousands
from .names import check_labels, file_has_hidden_controls

if TYPE_CHECKING:
    import os

__all__ = ["ACCOUNT_TYPES", "COLUMNS", "REQUIRED", "HolderColumns", "Rows", "parse_columns", "read_csv_frame"]

#: Recognised columns of a holder table, in output order.
COLUMNS: Final = ("holder_id", "account_id", "account_type", "insider", "lot_id", "acquired", "cost_basis", "shares")
#: Columns every table needs.
REQUIRED: Final = ("holder_id", "shares")
#: Account type codes kept per row (int8: 0, 1, 2).
ACCOUNT_TYPES: Final = ("unknown", "registered", "street")

BoolArray = npt.NDArray[np.bool_]

_ACCOUNT_ALIASES: Final = {
    "": 0,
    "unknown": 0,
    "registered": 1,
    "record": 1,
    "reg": 1,
    "r": 1,
    "street": 2,
    "street_name": 2,
    "streetname": 2,
    "beneficial": 2,
    "nobo": 2,
    "obo": 2,
    "broker": 2,
    "s": 2,
}
_TRUE: Final = frozenset({"true", "t", "yes", "y", "1", "x", "insider"})
_FALSE: Final = frozenset({"false", "f", "no", "n", "0", ""})
_INT_TEXT = re.compile(r"[+-]?\d+(?:\.0*)?")
_BAD_COMMA: Final = f"comma that is not a thousands separator ({GROUPING_HINT})"


# ============================================================== row naming
@dataclass(frozen=True)
class Rows:
    """How error messages name rows: DataFrame index labels or file lines."""

    labels: Sequence[object]
    word: str  # "row" or "line"

    def name(self, positions: Sequence[int] | npt.NDArray[np.intp]) -> str:
        """``"lines 4, 9 and 2 more"``: the first few rows at ``positions``."""
        idx = [int(i) for i in list(positions)[:5]]
        names = ", ".join(str(self.labels[i]) for i in idx)
        extra = len(positions) - len(idx)
        more = f" and {extra:,} more" if extra > 0 else ""
        plural = "s" if len(positions) > 1 else ""
        return f"{self.word}{plural} {names}{more}"


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float | np.floating):
        return bool(np.isnan(value))
    return isinstance(value, str) and not value.strip()


def _distinct(col: pd.Series) -> tuple[npt.NDArray[np.intp], list[object]]:
    """``(codes, values)``: ``col`` as codes into its distinct values, ``-1`` for NA.

    The column parsers below look at each distinct value once and spread the
    answer with ``table[codes]`` (a table one longer than ``values``, so code
    ``-1`` lands on its last slot, the answer for a missing cell): a register
    of a million rows has a handful of account types and insider flags, and
    far fewer acquisition dates and basis amounts than lots.
    """
    codes, values = pd.factorize(col, use_na_sentinel=True)
    return np.asarray(codes, dtype=np.intp), list(values)


def _text_array(values: npt.ArrayLike) -> npt.NDArray[Any]:
    """Text cells as a numpy ``StringDType`` array, for the C-speed ``numpy.strings`` functions.

    ``numpy.strings`` follows Python's ``str`` methods (Unicode whitespace and
    decimal digits), so ``strip``, ``isspace`` and ``isdecimal`` answer as the
    per-cell Python would, a million cells at a time.
    """
    return np.asarray(values, dtype=np.dtypes.StringDType())


def _all_text(col: pd.Series) -> bool:
    """Whether every non-missing cell of ``col`` is a ``str`` (text read from a file)."""
    return pd.api.types.infer_dtype(col, skipna=True) in ("string", "empty")


# ============================================================ column parsers
def _parse_shares(col: pd.Series, rows: Rows) -> npt.NDArray[np.int64]:
    """Whole, non-negative share counts as int64, or :class:`InvalidHoldings`."""
    dtype = col.dtype
    if pd.api.types.is_bool_dtype(dtype):
        raise InvalidHoldings("shares", col.iloc[0], "must be whole share counts, not true/false")
    if pd.api.types.is_integer_dtype(dtype) and not col.hasnans:
        arr = col.to_numpy(copy=True)
        if arr.dtype.kind == "u" and len(arr) and arr.max() > INT64_MAX:
            bad = np.flatnonzero(arr > INT64_MAX)
            raise InvalidHoldings("shares", int(arr[bad[0]]), f"share count too large at {rows.name(bad)}")
        arr = arr.astype(np.int64)
        neg = np.flatnonzero(arr < 0)
        if len(neg):
            raise InvalidHoldings("shares", int(arr[neg[0]]), f"negative share count at {rows.name(neg)}")
        return arr
    if not pd.api.types.is_float_dtype(dtype):
        # text from a CSV file: fast path when every cell is plain digits
        values = col.to_numpy(dtype=object)
        if len(values) and _all_text(col):
            text = _text_array(values)
            if bool((np.strings.isdecimal(text) & (np.strings.str_len(text) <= 18)).all()):
                return np.asarray(text.astype(np.int64), dtype=np.int64)  # 18 digits always fit in int64
    else:
        values = col.to_numpy(dtype=object)
    out = np.zeros(len(values), dtype=np.int64)
    problems: dict[str, list[int]] = {}
    first: dict[str, object] = {}
    for i, v in enumerate(values.tolist()):
        kind, n = _share_value(v)
        if kind:
            problems.setdefault(kind, []).append(i)
            first.setdefault(kind, v)
        else:
            out[i] = n
    for kind in (
        "missing share count",
        _BAD_COMMA,
        "not a whole number of shares",
        "negative share count",
        "share count too large",
    ):
        if kind in problems:
            raise InvalidHoldings("shares", first[kind], f"{kind} at {rows.name(problems[kind])}")
    return out


def _share_value(v: object) -> tuple[str, int]:
    """``("", n)`` for a valid count, else ``(problem, 0)``."""
    if _is_missing(v):
        return "missing share count", 0
    n: int
    if isinstance(v, bool | np.bool_):
        return "not a whole number of shares", 0
    if isinstance(v, int | np.integer):
        n = int(v)
    elif isinstance(v, float | np.floating):
        if not math.isfinite(v) or v != int(v):
            return "not a whole number of shares", 0
        n = int(v)
    elif isinstance(v, Decimal):
        if not v.is_finite() or v != v.to_integral_value():
            return "not a whole number of shares", 0
        n = int(v)
    elif isinstance(v, Fraction):
        if v.denominator != 1:
            return "not a whole number of shares", 0
        n = int(v)
    elif isinstance(v, str):
        ungrouped = ungroup_thousands(v.strip())  # "1,000" is a thousand; "12,5" is not 125
        if ungrouped is None:
            return _BAD_COMMA, 0
        text = ungrouped.replace("_", "")
        if not _INT_TEXT.fullmatch(text):
            return "not a whole number of shares", 0
        if len(text.split(".")[0].lstrip("+-0")) > len(str(INT64_MAX)):  # not read: int() stops at 4,300 digits
            return "share count too large", 0
        n = int(text.split(".")[0])
    else:
        return "not a whole number of shares", 0
    if n < 0:
        return "negative share count", 0
    if n > INT64_MAX:
        return "share count too large", 0
    return "", n


def _parse_labels(
    col: pd.Series, rows: Rows, name: str, *, allow_blank: bool, checked: bool = False
) -> npt.NDArray[Any]:
    """Holder, account or lot identifiers: stripped text or numbers.

    Text holding a NUL or a bidirectional control is refused
    (:mod:`splitcalc.names`) unless ``checked``: the file was searched whole.
    """
    if pd.api.types.is_integer_dtype(col.dtype) and not col.hasnans:
        return col.to_numpy().astype(np.int64)
    if _all_text(col):  # vectorised: text cells are stripped, blank ones are missing
        stripped = np.strings.strip(_text_array(col.to_numpy(dtype=object, na_value="")))
        missing = col.isna().to_numpy(dtype=bool) | (stripped == "")
        values = stripped.astype(object)
        if not checked:
            check_labels(values, name, rows.name, error=InvalidHoldings)
    else:  # numbers or mixed objects from a DataFrame: each cell on its own (1 and 1.0 are one id)
        values = col.to_numpy(dtype=object).copy()
        missing = np.zeros(len(values), dtype=bool)
        for i, v in enumerate(values.tolist()):
            if _is_missing(v):
                missing[i] = True
            elif isinstance(v, str):
                values[i] = v.strip()
            elif isinstance(v, float) and v.is_integer():
                values[i] = int(v)
        if not checked:
            check_labels(values, name, rows.name, error=InvalidHoldings)
    if missing.any():
        if not allow_blank:
            where = np.flatnonzero(missing)
            raise InvalidHoldings(name, col.iloc[where[0]], f"missing {name.replace('_', ' ')} at {rows.name(where)}")
        values[missing] = ""
    return values


def _per_value(
    col: pd.Series,
    rows: Rows,
    column: str,
    read: Callable[[Any], Any],
    *,
    dtype: npt.DTypeLike,
    problem: str,
    missing: Any = None,
) -> npt.NDArray[Any]:
    """``read`` applied once per distinct value of ``col`` (:func:`_distinct`), spread back to every row.

    ``read`` returns the parsed value or raises ``ValueError`` (its text, if
    any, is added to ``problem`` as a hint). A missing cell becomes
    ``missing``, or is an error when ``missing`` is None. Every bad row is
    named in one :class:`InvalidHoldings` for ``column``.
    """
    codes, values = _distinct(col)
    out = np.zeros(len(values) + 1, dtype=dtype)  # the last slot answers for code -1, a missing cell
    bad = np.zeros(len(values) + 1, dtype=bool)
    hints: dict[int, str] = {}
    for k, v in [*enumerate(values), (len(values), None)]:
        if _is_missing(v):
            if missing is None:
                bad[k] = True
            else:
                out[k] = missing
            continue
        try:
            out[k] = read(v)
        except ValueError as exc:
            bad[k] = True
            hints[k] = str(exc.args[0]) if exc.args else ""
    wrong = np.flatnonzero(bad[codes])
    if len(wrong):
        hint = hints.get(int(codes[wrong[0]]), "")
        raise InvalidHoldings(column, col.iloc[wrong[0]], f"{problem.format(hint=hint)} at {rows.name(wrong)}")
    return out[codes]


def _read_flag(v: object) -> bool:
    if isinstance(v, bool | np.bool_):
        return bool(v)
    text = str(int(v) if isinstance(v, float) and v.is_integer() else v).strip().lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise ValueError


def _read_account_type(v: object) -> int:
    code = _ACCOUNT_ALIASES.get(_normal_name(v))
    if code is None:
        raise ValueError
    return code


def _read_date(v: object) -> np.datetime64:
    if isinstance(v, dt.datetime):  # includes pandas.Timestamp
        return np.datetime64(v.date(), "D")
    if isinstance(v, dt.date):
        return np.datetime64(v, "D")
    try:
        return np.datetime64(dt.date.fromisoformat(str(v).strip()), "D")
    except TypeError:
        raise ValueError from None


def _read_basis(v: object) -> Decimal:
    try:
        d = as_decimal(v, "cost_basis")
    except InputError as exc:
        raise ValueError(f"; {GROUPING_HINT}" if exc.reason == GROUPING_HINT else "") from None
    if d < 0:
        raise ValueError
    return d


def _parse_insider(col: pd.Series, rows: Rows) -> BoolArray:
    if pd.api.types.is_bool_dtype(col.dtype) and not col.hasnans:
        return col.to_numpy(dtype=bool, copy=True)
    # a missing cell is not an insider
    return _per_value(
        col, rows, "insider", _read_flag, dtype=bool, problem="use true/false, yes/no or 1/0", missing=False
    )


def _parse_account_type(col: pd.Series, rows: Rows) -> npt.NDArray[np.int8]:
    # a missing cell is "unknown" (code 0)
    return _per_value(
        col, rows, "account_type", _read_account_type, dtype=np.int8, problem="use 'registered' or 'street'", missing=0
    )


def _parse_dates(col: pd.Series, rows: Rows) -> npt.NDArray[np.datetime64]:
    return _per_value(col, rows, "acquired", _read_date, dtype="datetime64[D]", problem="not an ISO date (YYYY-MM-DD)")


def _parse_basis(col: pd.Series, rows: Rows) -> npt.NDArray[Any]:
    return _per_value(
        col, rows, "cost_basis", _read_basis, dtype=object, problem="needs a dollar amount >= 0 (no blanks{hint})"
    )


#: Set in a frame's ``attrs`` by :func:`read_csv_frame` when its file holds no NUL or bidi control.
CLEAN_TEXT_ATTR: Final = "splitcalc_no_hidden_controls"


def _normal_name(name: object) -> str:
    return re.sub(r"[\s-]+", "_", str(name).strip().lower())


@dataclass(frozen=True, eq=False)
class HolderColumns:
    """Validated columns of a holder table, one array element per row."""

    holder_id: npt.NDArray[Any]
    shares: npt.NDArray[np.int64]
    account_id: npt.NDArray[Any] | None
    account_type: npt.NDArray[np.int8] | None
    insider: BoolArray
    lot_id: npt.NDArray[Any] | None
    acquired: npt.NDArray[np.datetime64] | None
    cost_basis: npt.NDArray[Any] | None


def parse_columns(frame: pd.DataFrame, rows: Rows) -> HolderColumns:
    """Validate ``frame``'s columns (see :mod:`splitcalc.holdings` for the format)."""
    names = {_normal_name(c): c for c in frame.columns}
    seen = [_normal_name(c) for c in frame.columns]
    twice = sorted({n for n in seen if n in COLUMNS and seen.count(n) > 1})
    if twice:
        raise InvalidHoldings("columns", list(frame.columns), f"column {twice[0]!r} appears more than once")
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        found = ", ".join(str(c) for c in frame.columns) or "none"
        raise InvalidHoldings(
            "columns", list(frame.columns), f"missing required column {missing[0]!r} (found: {found})"
        )
    if len(frame) == 0:
        raise InvalidHoldings("rows", 0, "the table has no positions")

    def col(name: str) -> pd.Series | None:
        return frame[names[name]] if name in names else None

    shares = _parse_shares(frame[names["shares"]], rows)
    clean = frame.attrs.get(CLEAN_TEXT_ATTR) is True  # read_csv_frame searched the file whole
    holder = _parse_labels(frame[names["holder_id"]], rows, "holder_id", allow_blank=False, checked=clean)
    acc = col("account_id")
    account_id = None if acc is None else _parse_labels(acc, rows, "account_id", allow_blank=True, checked=clean)
    typ = col("account_type")
    account_type = None if typ is None else _parse_account_type(typ, rows)
    ins = col("insider")
    insider = np.zeros(len(frame), bool) if ins is None else _parse_insider(ins, rows)
    lot = col("lot_id")
    lot_id = None
    if lot is not None:
        lot_id = _parse_labels(lot, rows, "lot_id", allow_blank=False, checked=clean)
        dup = pd.Index(lot_id).duplicated(keep=False)
        if dup.any():
            where = np.flatnonzero(dup)
            raise InvalidHoldings("lot_id", lot_id[where[0]], f"duplicate lot id at {rows.name(where)}")
    acq = col("acquired")
    acquired = None if acq is None else _parse_dates(acq, rows)
    basis = col("cost_basis")
    cost_basis = None if basis is None else _parse_basis(basis, rows)
    if account_id is None and lot_id is not None:
        account_id = np.full(len(frame), "", dtype=object)  # a holder's lots form one position

    return HolderColumns(holder, shares, account_id, account_type, insider, lot_id, acquired, cost_basis)


def _leading_lines(p: Path) -> int:
    """How many lines before the header are ``#`` comments or blank (spaces only)."""
    skip = 0
    with p.open("r", encoding="utf-8-sig", newline="") as handle:
        for line in handle:
            text = line.strip()
            if text and not text.startswith("#"):
                break
            skip += 1
    return skip


def _records(p: Path, skip: int) -> Generator[tuple[int, list[str]], None, None]:
    """``(line, fields)`` for each record after the ``skip`` leading lines; the header first.

    ``line`` is the file line the record starts on (a quoted cell may span
    lines). The :mod:`csv` module's field limit is lifted for the walk, as
    pandas has none.
    """
    limit = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)
    try:
        with p.open("r", encoding="utf-8-sig", newline="") as handle:
            for _ in range(skip):
                handle.readline()
            reader = csv.reader(handle)
            last = 0
            for record in reader:
                yield skip + last + 1, record
                last = reader.line_num
    finally:
        csv.field_size_limit(limit)


def _overfull_line(p: Path, skip: int) -> tuple[int, int, int]:
    """``(line, fields, header fields)`` of the first row with a value past the header's columns.

    ``line`` is 0 when no row has one: empty extra fields (a trailing comma,
    as some exports write, or a line of commas) lose nothing and are allowed.
    """
    with contextlib.closing(_records(p, skip)) as records:
        _, header = next(records, (0, []))
        width = len(header)
        for line, record in records:
            if len(record) > width and any(field.strip() for field in record[width:]):
                return line, len(record), width
    return 0, width, width


def _read_cells(p: Path, skip: int, width: int | None = None) -> tuple[pd.DataFrame, bool]:
    """``(frame, overfull)``: the text cells, and whether a row had more fields than the header.

    ``index_col=False`` keeps a row with one field too many from turning its
    first cell into the index (shifting every cell of the file); pandas then
    drops the extra fields with a ParserWarning, caught here. With ``width``,
    only the first ``width`` fields of each row are read.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", pd.errors.ParserWarning)
        frame = pd.read_csv(
            p,
            dtype=str,
            keep_default_na=False,
            skiprows=skip,
            skip_blank_lines=False,
            index_col=False,
            usecols=None if width is None else list(range(width)),
            encoding="utf-8-sig",
        )
    overfull = False
    for w in caught:
        if issubclass(w.category, pd.errors.ParserWarning):
            overfull = True
        else:  # not ours to swallow
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, source=w.source)
    return frame, overfull


def _physical_lines(p: Path) -> int:
    """Lines in the file (a last line without a newline counts)."""
    count = 0
    tail = b"\n"
    with p.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            count += chunk.count(b"\n")
            tail = chunk[-1:]
    return count + (tail != b"\n")


def _record_lines(p: Path, skip: int, rows: int) -> npt.NDArray[np.int64]:
    """The file line each of the ``rows`` data records starts on.

    One record per line unless a quoted cell holds a line break; only then
    are the records walked with :mod:`csv` to find where each one starts.
    """
    simple = np.arange(rows, dtype=np.int64) + skip + 2
    if _physical_lines(p) <= skip + 1 + rows:
        return simple
    starts = [line for line, _ in _records(p, skip)][1:]  # less the header
    return np.asarray(starts, dtype=np.int64) if len(starts) == rows else simple


def _blank_rows(frame: pd.DataFrame) -> BoolArray:
    """Rows whose every cell is empty or spaces (blank lines of the file)."""
    blank = np.ones(len(frame), dtype=bool)
    for name in frame.columns:  # each column looks only at the rows still blank so far
        if not blank.any():
            break
        cells = _text_array(frame[name].to_numpy(dtype=object, na_value="")[blank])
        blank[blank] = (cells == "") | np.strings.isspace(cells)
    return blank


def read_csv_frame(path: str | os.PathLike[str]) -> tuple[pd.DataFrame, Rows]:
    """Read a holder file as text cells, with the line number of every data row.

    Lines before the header that are ``#`` comments or blank are skipped;
    blank lines (empty or spaces only) among the rows are dropped but keep the
    numbering of the lines after them.

    Raises
    ------
    InvalidHoldings
        The path is not a readable CSV file (a regular file within the limit
        of :data:`splitcalc.inputfile.SIZE_LIMITS`), its header names a
        column twice (``shares,Shares``), or a row has a value beyond the
        header's columns (read naively, the extra value would shift the row's
        cells: ``alice,37,5`` under ``holder_id,shares``).
    """
    p = check_input_file(path, "holders", error=InvalidHoldings)
    try:
        skip = _leading_lines(p)
        with contextlib.closing(_records(p, skip)) as records:
            _, header = next(records, (0, []))
        refuse_duplicate_columns(header, where="columns", error=InvalidHoldings, key=_normal_name)
        try:
            frame, overfull = _read_cells(p, skip)
        except pd.errors.ParserError:  # a row after the first with too many fields (or a bad quote)
            frame, overfull = pd.DataFrame(), True
        if overfull:
            line, fields, width = _overfull_line(p, skip)
            if line:
                raise InvalidHoldings(
                    "path",
                    str(path),
                    f"line {line} has {fields} fields but the header names {width} columns; "
                    "remove the extra values or give them a column name",
                )
            frame, _ = _read_cells(p, skip, width)  # the extra fields are all empty
        lines = _record_lines(p, skip, len(frame))
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, csv.Error) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InvalidHoldings("path", str(path), f"not a readable CSV holder file ({reason})") from None
    except OSError as exc:
        raise InvalidHoldings("path", str(path), f"cannot be read ({exc.strerror})") from None
    blank = _blank_rows(frame) if len(frame.columns) else np.zeros(len(frame), bool)
    if blank.any():
        frame = frame.loc[~blank].reset_index(drop=True)
        lines = lines[~blank]
    if not file_has_hidden_controls(p):  # one byte search spares checking every label cell
        frame.attrs[CLEAN_TEXT_ATTR] = True
    return frame, Rows(lines.tolist(), "line")
