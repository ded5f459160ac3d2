"""Universe scan: every ticker's price-rule status at once, vectorised over (tickers x sessions).

The same rules as :func:`~splitcalc.compliance.check_compliance` (without
splits, notice dates or holder data), computed without a Python loop over
days. For a (T x n) array of closes:

1. ``below = closes < min_bid`` (moratorium sessions excluded) and its
   running count ``cb = cumsum(below)`` along the session axis;
2. a run of ``k`` consecutive below-days completes at ``i`` exactly when
   ``cb[i] - cb[i - k] == k``; a run of ``k`` days at or above completes when
   the same window count is 0 (with no missing closes). These completion
   masks are reduced to sorted flat indices with ``np.flatnonzero``, so
   "the first completion at or after column ``p`` in row ``r``" is one
   ``np.searchsorted`` for all rows together;
3. the case chain (deficiency -> notice -> deadline -> regain or $0.10 trigger
   or expiry -> next deficiency) advances all tickers one case per step; a
   ticker has a handful of cases, so the loop runs over cases, not days. A
   moratorium that begins while a case is open drops it (``"drop"``) or
   moves its deadlines out by the moratorium's length (``"pause"``), as in
   :func:`~splitcalc.compliance.check_compliance`.

A below-run after a regain necessarily starts after it (the regain day is at
or above the minimum), and a regain run after a deficiency starts after it,
so completions never need to be re-anchored.

NYSE (802.01C): the 30-session average from the rule kernel (exact, integer
$0.0001 units: an average of exactly $1.00 is compliant); cure points are
month-end sessions with close and average at or above $1.00.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._display import FrameDisplay
from ..calendars import session_days, to_date
from ..errors import InvalidPrices
from ..rules import RuleSet
from ._rules_by_date import RulesByDate
from .kernel import STRADDLE_READING, cases, end_streaks
from .kernel.cases import CaseTable, ConsecutiveBid, ThirtyDayAverage, chain

if TYPE_CHECKING:
    from .._types import DateLike

__all__ = ["ScanResult", "scan"]

_STATUS: Final = ("compliant", "below_bid_streak", "deficient", "cured", "delisting_determination", "discretionary")
COMPLIANT, BELOW, DEFICIENT, CURED, DETERMINATION, DISCRETIONARY = range(6)
NAT: Final = np.datetime64("NaT", "D")
#: Bytes of closes one block of the first pass reads: small enough to stay in a core's cache for both its reads.
BLOCK_BYTES: Final = 1 << 20


@dataclass(frozen=True)
class ScanResult(FrameDisplay):
    """Result of :func:`scan`: one row per ticker.

    ``frame`` columns: ``status``, ``below_streak`` and ``above_streak``
    (sessions, ending on the last close), ``last_date``, ``last_close``,
    ``deficiency_date``, ``notice_date`` (estimated: next session),
    ``deadline`` (period now running), ``days_remaining`` (calendar days
    to that deadline, nullable ``Int64``: ``<NA>`` when no period is
    running -- compliant, cured or past a delisting determination),
    ``regained_date`` (last cure), ``determination_date``, ``cases``
    (deficiencies found), ``uncertain`` (a case of the ticker was settled by
    a run straddling the end of the first period: counted, a documented
    reading flagged UNCERTAIN and named in ``caveats``).
    """

    rules_name: str
    as_of: dt.date
    frame: pd.DataFrame = field(repr=False)
    caveats: tuple[str, ...] = ()

    def _title(self) -> str:
        counts = ", ".join(f"{k} {v}" for k, v in self.counts().items())
        return f"Scan of {len(self.frame)} tickers under {self.rules_name} as of {self.as_of.isoformat()}: {counts}"

    def to_frame(self) -> pd.DataFrame:
        """A copy of the per-ticker frame."""
        return self.frame.copy()

    def counts(self) -> dict[str, int]:
        """Tickers per status."""
        values = self.frame["status"].value_counts()
        return {s: int(values.get(s, 0)) for s in _STATUS if values.get(s, 0)}

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form: dates as dates, ``None`` where a ticker has no date or deadline."""
        table = self.frame.reset_index().astype(object)
        for column in self.frame.columns:
            if pd.api.types.is_datetime64_any_dtype(self.frame[column]):
                table[column] = [None if pd.isna(v) else v.date() for v in self.frame[column]]
        records = table.where(table.notna(), None).to_dict(orient="records")
        return {"rules": self.rules_name, "as_of": self.as_of, "caveats": list(self.caveats), "tickers": records}


# ------------------------------------------------------------------- input
def _wide(prices: pd.DataFrame) -> pd.DataFrame:
    """A (dates x tickers) frame of closes from a long or wide frame."""
    if not isinstance(prices, pd.DataFrame):
        raise InvalidPrices("prices_frame", type(prices).__name__, "must be a pandas DataFrame")
    if isinstance(prices.columns, pd.MultiIndex):
        top = {str(v).lower(): v for v in prices.columns.get_level_values(0)}
        if "close" not in top:
            raise InvalidPrices("prices_frame", list(top)[:5], "multi-level columns need a 'Close' level")
        prices = prices[top["close"]]
    # a long frame has a handful of columns; a wide one may have thousands (do not walk them all)
    cols = {str(c).lower(): c for c in prices.columns} if prices.shape[1] <= 16 else {}
    if "ticker" in cols and "close" in cols:
        long = prices
        if "date" in cols:
            long = long.set_index(cols["date"])
        try:
            wide = long.pivot(columns=cols["ticker"], values=cols["close"])
        except ValueError:
            raise InvalidPrices("prices_frame", "ticker/date", "has two closes for one ticker on one date") from None
    else:
        wide = prices
    try:
        index = pd.DatetimeIndex(wide.index)
    except (TypeError, ValueError):
        raise InvalidPrices(
            "prices_frame", list(wide.index[:3]), "rows must be dates (or use ticker,date,close)"
        ) from None
    if index.tz is not None:
        index = index.tz_localize(None)
    wide = wide.set_axis(index.normalize(), axis=0)
    if not wide.index.is_unique:
        raise InvalidPrices("prices_frame", str(wide.index[wide.index.duplicated()][0]), "has a date twice")
    return wide.sort_index() if not wide.index.is_monotonic_increasing else wide


class _Closes(NamedTuple):
    """The closes on the session grid and what the first pass over them found."""

    values: npt.NDArray[np.float64]  # C-ordered (tickers x sessions)
    grid: npt.NDArray[np.datetime64]
    caveats: list[str]
    low: float  # the least close
    below: npt.NDArray[np.bool_]  # values < the level asked for


def _first_pass(x: npt.NDArray[np.float64], level: float) -> tuple[float, npt.NDArray[np.bool_]]:
    """The least close (NaN if one is missing) and ``x < level``, reading each block of rows once from memory.

    Two numpy passes over the same block while it is in cache cost about one
    pass over memory: the min and the compare are each memory-bound alone.
    """
    t_count, n = x.shape
    step = max(1, BLOCK_BYTES // max(1, 8 * n))
    below = np.empty(x.shape, dtype=bool)
    low = math.inf
    for r0 in range(0, t_count, step):
        block = x[r0 : r0 + step]
        m = float(block.min())
        if math.isnan(m):
            return m, below  # the caller fills gaps and asks again
        low = min(low, m)
        np.less(block, level, out=below[r0 : r0 + step])
    return low, below


def _on_sessions(wide: pd.DataFrame, calendar: str, level: float) -> _Closes:
    """Closes as a C-ordered (tickers x sessions) float array on the session grid, its minimum, ``closes < level``."""
    caveats: list[str] = []
    days = session_days(calendar)
    dates = np.asarray(wide.index.values.astype("datetime64[D]"))
    if dates[0] < days[0] or dates[-1] > days[-1]:
        raise InvalidPrices("prices_frame", str(dates[0]), f"falls outside the {calendar} calendar splitcalc loads")
    lo, hi = np.searchsorted(days, dates[0]), np.searchsorted(days, dates[-1], side="right")
    grid = days[lo:hi]
    if len(grid) != len(dates) or not np.array_equal(grid, dates):
        on = np.isin(dates, grid)
        if not on.all():
            caveats.append(f"{int((~on).sum())} row(s) dated on non-sessions ignored")
        wide = wide.loc[on].reindex(pd.DatetimeIndex(grid))
        if len(grid) > on.sum():
            caveats.append(f"{len(grid) - int(on.sum())} session(s) missing from the frame")
    values = np.ascontiguousarray(wide.to_numpy(dtype=np.float64, copy=False).T)
    low, below = _first_pass(values, level)  # NaN if any close is missing: one pass checks both
    if math.isnan(low):
        gaps = int(np.isnan(values).sum())
        values = np.ascontiguousarray(pd.DataFrame(values.T).ffill(limit_area="inside").to_numpy().T)
        if int(np.isnan(values).sum()) < gaps:  # only gaps inside a history; a late start or early end stays
            caveats.append("missing closes inside a ticker's history took the previous close")
        low = float(np.nanmin(values))
        below = values < level
    if low <= 0:
        raise InvalidPrices("prices_frame", low, "has a non-positive close")
    return _Closes(values, grid, caveats, low, below)


# ------------------------------------------------------------ the kernel's cases
class _Out:
    """Per-ticker results: each row's last case of the rule kernel's :func:`~.kernel.cases.chain`."""

    def __init__(self, t: int, grid: npt.NDArray[np.datetime64]) -> None:
        self.status = np.full(t, COMPLIANT, dtype=np.int8)
        self.deficiency = np.full(t, NAT)
        self.notice = np.full(t, NAT)
        self.deadline = np.full(t, NAT)
        self.regained = np.full(t, NAT)
        self.determination = np.full(t, NAT)
        self.cases = np.zeros(t, dtype=np.int64)
        self.straddles = np.zeros(t, dtype=bool)
        self.grid = grid

    def fill(self, table: CaseTable) -> None:
        """Status, dates and counts from the cases found (the last case of a row decides its status)."""
        t_count = len(self.status)
        s = table.settled
        self.cases = table.cases_per_row(t_count)
        last = table.last_per_row(t_count)
        has = last >= 0
        rows, i = np.flatnonzero(has), last[has]
        self.deficiency[rows] = self.grid[table.t[i]]
        self.notice[rows] = table.notice[i]
        outcome = s.outcome[i]
        status = np.select(
            [outcome == cases.OPEN, outcome == cases.CURED, (outcome == cases.EXPIRED) | (outcome == cases.LOW_PRICE)],
            [DEFICIENT, CURED, DETERMINATION],
            COMPLIANT,  # dropped by a moratorium
        )
        self.status[rows] = status
        self.deadline[rows] = s.deadline[i]
        self.determination[rows] = s.determination[i]
        self.straddles[table.row[s.straddles]] = True  # any case of the row, as the walk flags it
        cured = table.last_where(s.outcome == cases.CURED, t_count)  # the last cure, even before a case still open
        ok = cured >= 0
        self.regained[ok] = self.grid[s.regain[cured[ok]]]


def _nasdaq(
    x: npt.NDArray[np.float64],
    *,
    rs: RuleSet,
    book: RulesByDate,
    as_of: np.datetime64,
    second: bool,
    out: _Out,
    x_min: float,
    below: npt.NDArray[np.bool_],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """5810(c)(3)(A) for every row: the kernel's :class:`~.kernel.cases.ConsecutiveBid` chain.

    ``rs`` (the rules on the evaluation date) sets the minimum, the trigger
    and the moratoria; each case's period rules come from ``book`` on its
    deficiency date, as in :func:`~splitcalc.compliance.check_compliance`.
    ``below`` is ``x < min_bid`` (:func:`_first_pass`).
    """
    # _on_sessions filled the gaps inside a history: a missing close left is at an end of a row
    gaps = bool(np.isnan(x[:, 0]).any() or np.isnan(x[:, -1]).any())
    test = ConsecutiveBid(
        x, rs, grid=out.grid, calendar=rs.calendar, as_of=as_of, second=second, below=below, x_min=x_min, gaps=gaps
    )
    out.fill(chain(test, book.groups))
    return test.streaks


def _nyse(
    x: npt.NDArray[np.float64],
    *,
    rs: RuleSet,
    book: RulesByDate,
    as_of: np.datetime64,
    out: _Out,
    below: npt.NDArray[np.bool_],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """802.01C for every row: the kernel's :class:`~.kernel.cases.ThirtyDayAverage` chain."""
    test = ThirtyDayAverage(x, rs, grid=out.grid, calendar=rs.calendar, as_of=as_of)
    out.fill(chain(test, book.groups))
    return end_streaks(x, test.min_bid, below)


# ------------------------------------------------------------------ public
def scan(
    prices_frame: pd.DataFrame,
    rules: RuleSet | str = "nasdaq-capital",
    *,
    as_of: DateLike | None = None,
    second_period: bool = True,
) -> ScanResult:
    """Price-rule status of many tickers at once.

    Parameters
    ----------
    prices_frame
        As-traded closes: wide (rows = dates, columns = tickers; a yfinance
        multi-level frame's ``Close`` level works) or long (columns
        ``ticker``, ``date``, ``close``).
    rules
        A :class:`~splitcalc.rules.RuleSet`, applied to every case, or a
        rule-set name (default ``"nasdaq-capital"``): the status, minimum
        and moratoria are those in force on the last date, and each case's
        periods and regain days those in force on its deficiency date, and
        its $0.10 rule the one in force on its (estimated) notice date
        (Nasdaq 5810(c)(3)(A)(iii)), as :func:`~splitcalc.compliance.check_compliance`
        does with a name (dates before or after the tier's existence under that name
        are judged under its former or later name, with a caveat).
    as_of
        Ignore closes after this date.
    second_period
        Assume the second 180-day period where the tier offers one.

    Returns
    -------
    ScanResult
        One row per ticker (see :class:`ScanResult`). Splits, notice dates
        and holder data are not considered (use :func:`check_compliance`).

    Raises
    ------
    InvalidPrices
        Not a frame of dated closes, or nothing to scan.
    UnknownExchange, NoRuleInForce
        Unknown name, or no date of the frame lies in the named tier's existence.

    Examples
    --------
    >>> import pandas as pd
    >>> from splitcalc.calendars import sessions
    >>> days = sessions()[(sessions() >= "2024-01-02")][:60]
    >>> frame = pd.DataFrame({"LOW": 0.5, "OK": 2.0}, index=days)
    >>> res = scan(frame)
    >>> res.frame.loc["LOW", "status"], res.frame.loc["OK", "status"]
    ('deficient', 'compliant')
    >>> # deficiency Feb 13, notice Feb 14, deadline Aug 12, 2024: 138 days after the last close (Mar 27)
    >>> str(res.frame.loc["LOW", "deficiency_date"].date()), int(res.frame.loc["LOW", "days_remaining"])
    ('2024-02-13', 138)
    >>> res.frame.loc["OK", "days_remaining"] is pd.NA
    True
    """
    book = RulesByDate.of(rules)
    wide = _wide(prices_frame)
    if as_of is not None:
        wide = wide.loc[wide.index <= pd.Timestamp(to_date(as_of, "as_of"))]
    if wide.empty or wide.shape[1] == 0:
        raise InvalidPrices("prices_frame", wide.shape, "has no closes to scan")
    book.check_span(wide.index[0].date(), wide.index[-1].date())
    rs = book(wide.index[-1].date())
    test = rs.price_test.value
    # the level streaks are counted against; none (NaN: nothing is below it) without a numeric minimum
    level = math.nan if rs.min_bid.value is None else float(rs.min_bid.value)
    x, grid, caveats, x_min, below = _on_sessions(wide, rs.calendar, level)
    eval_day = np.datetime64(grid[-1], "D")
    out = _Out(x.shape[0], grid)
    if test == "consecutive_closing_bid":
        below_streak, above_streak = _nasdaq(
            x, rs=rs, book=book, as_of=eval_day, second=second_period, out=out, x_min=x_min, below=below
        )
        caveats.append("splits, notice dates and holder data not considered; notices estimated as the next session")
    elif test == "average_30_trading_days":
        below_streak, above_streak = _nyse(x, rs=rs, book=book, as_of=eval_day, out=out, below=below)
        caveats.append("splits and notice dates not considered; notices estimated as the next session")
    else:
        below_streak = np.zeros(x.shape[0], dtype=np.int64)
        above_streak = np.zeros(x.shape[0], dtype=np.int64)
        out.status[:] = DISCRETIONARY
        caveats.append(
            f"{rs.price_test.describe()}: no numeric price test; below_streak and above_streak not applicable (0)"
        )
    caveats[:0] = book.caveats()
    if out.straddles.any():
        names = ", ".join(str(c) for c in wide.columns[out.straddles][:10])
        more = "" if int(out.straddles.sum()) <= 10 else f" and {int(out.straddles.sum()) - 10} more"
        caveats.append(
            f"{STRADDLE_READING.cite} ({STRADDLE_READING.source}; UNCERTAIN): {names}{more} (column 'uncertain')"
        )
    if rs.uncertain_rules():
        caveats.append("rules marked UNCERTAIN in force: " + ", ".join(n for n, _ in rs.uncertain_rules()))

    settled = (out.status == COMPLIANT) | (out.status == CURED)
    out.status[settled & (below_streak > 0)] = BELOW
    t_count, n = x.shape
    last_idx = np.full(t_count, n - 1)
    if np.isnan(x[:, -1]).any():
        last_idx = n - 1 - np.argmax(~np.isnan(x[:, ::-1]), axis=1)
    last_close = x[np.arange(t_count), last_idx]
    no_deadline = np.isnat(out.deadline)
    remaining = np.where(no_deadline, 0, (out.deadline - eval_day).astype("timedelta64[D]").astype(np.int64))
    frame = pd.DataFrame(
        {
            "status": np.array(_STATUS, dtype=object)[out.status],
            "below_streak": below_streak,
            "above_streak": above_streak,
            "last_date": pd.to_datetime(grid[last_idx]),
            "last_close": last_close,
            "deficiency_date": pd.to_datetime(out.deficiency),
            "notice_date": pd.to_datetime(out.notice),
            "deadline": pd.to_datetime(out.deadline),
            # calendar days to the deadline now running; <NA> without one (compliant, cured, determination)
            "days_remaining": pd.arrays.IntegerArray(remaining, no_deadline),
            "regained_date": pd.to_datetime(out.regained),
            "determination_date": pd.to_datetime(out.determination),
            "cases": out.cases,
            "uncertain": out.straddles,
        },
        index=pd.Index(wide.columns, name="ticker"),
    )
    return ScanResult(rules_name=rs.name, as_of=grid[-1].astype(object), frame=frame, caveats=tuple(caveats))
