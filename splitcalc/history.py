"""Between split-adjusted and as-traded price histories, and checks of the splits in them.

Yahoo (and yfinance) show every price *split-adjusted*: after a 1-for-25
reverse split each older price appears 25 times higher than it traded
(yfinance maintainers, ranaroussi/yfinance issues #2076 and #2611). The
exchanges' $1 bid-price tests are about prices as traded, so splitcalc
un-adjusts with the CRSP-style cumulative factor (CRSP Data Description
Guide)::

    F(t) = product of (new / old) over every split dated after t
    as-traded price  = adjusted price  x F(t)     (1-for-25 before the split: x 1/25)
    as-traded volume = adjusted volume / F(t)     (shares traded: x 25)

A split dated ``d`` takes effect on the session ``d`` (its ex-date): rows
dated ``d`` and later trade at the new price. Ratios are exact
(:class:`~splitcalc.ratio.SplitRatio`, recovered from yfinance's float by
:meth:`~splitcalc.ratio.SplitRatio.from_float`); the factor of each segment is
their exact product, turned into one float per segment.

Two frame shapes are accepted, and returned in the shape given:

* yfinance's: columns ``Open, High, Low, Close, Adj Close, Volume, Dividends,
  Stock Splits``; the split ratio ``new/old`` as a float on its ex-date row.
  ``Open, High, Low, Close, Dividends`` (and ``Capital Gains``) are per-share
  amounts and are scaled; ``Adj Close`` (Yahoo's split-and-dividend series)
  is left as it is.
* splitcalc's (:mod:`splitcalc.market`): columns ``open, high, low, close,
  volume``, splits in ``attrs["splits"]`` as ``(date, SplitRatio)``, and
  ``attrs["adjustment"]`` (``"as_traded"`` or ``"split_adjusted"``).

:func:`check_splits` compares each reported split with the prices around
it: Yahoo sometimes fails to apply a split to older rows, applies it twice,
or reports one that never happened. Problems are reported, never silently
fixed; :func:`repair_splits` applies the corrections only when asked.

This module is pure: no I/O, no network.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, Literal

import numpy as np

from ._display import FrameDisplay
from .errors import InputError, InvalidPrices
from .ratio import SplitRatio

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "SPLIT_COLUMN",
    "SplitCheck",
    "SplitCheckResult",
    "Verdict",
    "check_splits",
    "repair_splits",
    "split_events",
    "to_adjusted",
    "to_as_traded",
]

#: yfinance's split column: the float ``new / old`` on the ex-date row, 0 elsewhere.
SPLIT_COLUMN: Final = "Stock Splits"

Verdict = Literal["ok", "not_applied", "double_applied", "suspect"]

_YF_PER_SHARE: Final = ("Open", "High", "Low", "Close", "Dividends", "Capital Gains")
_OUR_PER_SHARE: Final = ("open", "high", "low", "close")
_AS_TRADED: Final = "as_traded"
_ADJUSTED: Final = "split_adjusted"

#: Lower bound on the noise of one period's log price change. Flat or
#: suspended series (no change for days) would otherwise make any move look
#: infinitely significant.
NOISE_FLOOR: Final = 0.01
#: How many noise standard deviations a move must exceed to count as a jump.
Z_SCORE: Final = 4.0
#: Rows either side of the split's ex-date searched for a mis-adjustment: Yahoo
#: dates some splits a few sessions away from the real price change (4063.T
#: one session early, SPM.MI five sessions late in the recorded samples).
WINDOW_ROWS: Final = {"daily": 10, "weekly": 3, "monthly": 2}
#: Rows either side used to estimate the local noise.
NOISE_ROWS: Final = 60


# --------------------------------------------------------------- frame model
@dataclass(frozen=True)
class _Frame:
    """What the functions need to know about an input frame."""

    style: Literal["yfinance", "splitcalc"]
    days: np.ndarray[Any, np.dtype[np.datetime64]]  # datetime64[D], input order
    order: np.ndarray[Any, np.dtype[np.intp]]  # positions sorted by date
    splits: tuple[tuple[dt.date, SplitRatio], ...]  # sorted by date
    adjustment: str | None
    #: ``(date, factor, why)`` of reported split factors that are no simple ratio (left out of ``splits``)
    odd: tuple[tuple[dt.date, float, str], ...] = ()


def _days_of(index: Any) -> np.ndarray[Any, np.dtype[np.datetime64]]:
    import pandas as pd

    if not isinstance(index, pd.DatetimeIndex):
        raise InvalidPrices("frame.index", type(index).__name__, "must be a DatetimeIndex of trading days")
    from .calendars import index_days

    return index_days(index)


def _describe(frame: pd.DataFrame) -> _Frame:
    """Recognise the frame's shape, its days and its split events."""
    days = _days_of(frame.index)
    order = np.argsort(days, kind="stable")
    sorted_days = days[order]
    if len(days) > 1 and (np.diff(sorted_days).astype("int64") == 0).any():
        dup = int(np.flatnonzero(np.diff(sorted_days).astype("int64") == 0)[0])
        raise InvalidPrices("frame.index", str(sorted_days[dup]), "appears twice; one row per trading day")
    if SPLIT_COLUMN in frame.columns:
        raw = np.asarray(frame[SPLIT_COLUMN].to_numpy(dtype="float64"))
        splits: list[tuple[dt.date, SplitRatio]] = []
        odd: list[tuple[dt.date, float, str]] = []
        for k in np.flatnonzero(np.nan_to_num(raw) != 0):
            day = dt.date.fromisoformat(str(days[k]))
            value = float(raw[k])
            try:
                ratio = SplitRatio.from_float(value)
            except InputError as exc:
                if not (math.isfinite(value) and value > 0):
                    raise InvalidPrices(f"{SPLIT_COLUMN} on {day}", value, exc.reason) from None
                # e.g. GOOG's 1.0027455 on 2015-04-27, a class C adjustment payment, not a split:
                # one bad event must not cost the whole history
                odd.append((day, value, exc.reason))
                continue
            if ratio.new != ratio.old:  # a factor of exactly 1 is no split
                splits.append((day, ratio))
        splits.sort(key=lambda item: item[0])
        odd.sort(key=lambda item: item[0])
        return _Frame("yfinance", days, order, tuple(splits), frame.attrs.get("adjustment"), tuple(odd))
    if "close" in frame.columns:
        return _Frame("splitcalc", days, order, _attr_splits(frame), frame.attrs.get("adjustment"))
    raise InvalidPrices(
        "frame",
        list(map(str, frame.columns))[:8],
        f"needs yfinance's columns (Close, ..., {SPLIT_COLUMN!r}) or splitcalc's (close, ...; attrs['splits'])",
    )


def _attr_splits(frame: pd.DataFrame) -> tuple[tuple[dt.date, SplitRatio], ...]:
    from .calendars import to_date

    out: list[tuple[dt.date, SplitRatio]] = []
    for item in frame.attrs.get("splits", ()) or ():
        try:
            day, ratio = item
        except (TypeError, ValueError):
            raise InvalidPrices("frame.attrs['splits']", item, "items must be (date, ratio) pairs") from None
        out.append((to_date(day, "frame.attrs['splits'] date"), SplitRatio.parse(ratio)))
    out.sort(key=lambda pair: pair[0])
    return tuple(out)


def split_events(frame: pd.DataFrame) -> list[tuple[dt.date, SplitRatio]]:
    """The frame's split events as ``(ex-date, SplitRatio)``, oldest first.

    From the ``Stock Splits`` column of a yfinance frame (floats recovered to
    exact ratios) or ``attrs["splits"]`` of a splitcalc frame.
    """
    return list(_describe(frame).splits)


def _later_factors(info: _Frame) -> tuple[np.ndarray[Any, np.dtype[np.float64]], list[Fraction]]:
    """F for every row (input order), the exact product of factors of splits dated after the row."""
    sorted_days = info.days[info.order]
    n = len(sorted_days)
    # Row positions (sorted) where each split takes effect: first row dated on/after the split.
    cuts = [int(np.searchsorted(sorted_days, np.datetime64(day, "D"), side="left")) for day, _ in info.splits]
    exact: list[Fraction] = []
    factor = np.ones(n, dtype="float64")
    product = Fraction(1)
    upper = n
    # Walk splits newest to oldest; rows before a cut get that split's factor too.
    for cut, (_, ratio) in sorted(zip(cuts, info.splits, strict=True), key=lambda x: x[0], reverse=True):
        factor[cut:upper] = product.numerator / product.denominator
        product *= ratio.factor
        exact.append(product)
        upper = cut
    factor[:upper] = product.numerator / product.denominator
    out = np.empty(n, dtype="float64")
    out[info.order] = factor
    return out, exact


def _scale(frame: pd.DataFrame, info: _Frame, per_share: np.ndarray[Any, Any], *, to: str) -> pd.DataFrame:
    """Multiply per-share columns by ``per_share`` and volumes by its inverse."""
    out = frame.copy()
    columns = _YF_PER_SHARE if info.style == "yfinance" else _OUR_PER_SHARE
    volume = "Volume" if info.style == "yfinance" else "volume"
    for name in columns:
        if name in out.columns:
            out[name] = out[name].to_numpy(dtype="float64") * per_share
    if volume in out.columns:
        out[volume] = out[volume].to_numpy(dtype="float64") / per_share
    out.attrs = dict(frame.attrs)
    out.attrs["adjustment"] = to
    if info.style == "splitcalc":
        out.attrs["splits"] = list(info.splits)
    return out


def to_as_traded(frame: pd.DataFrame) -> pd.DataFrame:
    """Undo split adjustment: prices as they traded on each day.

    ``price x F(t)`` and ``volume / F(t)``, where ``F(t)`` is the product of
    ``new/old`` over the splits dated after ``t`` (module docstring; CRSP's
    cumulative factor). The input is not modified; rows keep
    their order.

    Raises
    ------
    InvalidPrices
        The frame is already marked as traded (``attrs["adjustment"]``), has
        neither column layout, repeats a date, or holds a split float that
        no exact ratio reproduces.

    Examples
    --------
    >>> import pandas as pd
    >>> adj = pd.DataFrame(
    ...     {"Close": [4.25, 4.50, 4.00], "Volume": [40_000, 50_000, 60_000], "Stock Splits": [0, 0, 0.04]},
    ...     index=pd.DatetimeIndex(["2002-09-04", "2002-09-05", "2002-09-06"]),
    ... )
    >>> traded = to_as_traded(adj)
    >>> traded["Close"].round(4).tolist(), traded["Volume"].tolist()
    ([0.17, 0.18, 4.0], [1000000.0, 1250000.0, 60000.0])
    """
    info = _describe(frame)
    if info.adjustment == _AS_TRADED:
        raise InvalidPrices("frame", "as_traded", "is already as traded (attrs['adjustment'])")
    factor, _ = _later_factors(info)
    return _scale(frame, info, factor, to=_AS_TRADED)


def to_adjusted(frame: pd.DataFrame) -> pd.DataFrame:
    """Split-adjust an as-traded frame to its latest split: ``price / F(t)``, ``volume x F(t)``.

    The inverse of :func:`to_as_traded` (to float rounding: a round trip
    changes a value by a few units in the last place).

    >>> import datetime as dt, pandas as pd
    >>> from splitcalc import SplitRatio
    >>> px = pd.DataFrame({"close": [0.17, 4.0]}, index=pd.DatetimeIndex(["2002-09-05", "2002-09-06"]))
    >>> px.attrs["splits"] = [(dt.date(2002, 9, 6), SplitRatio(1, 25))]
    >>> to_adjusted(px)["close"].round(4).tolist()
    [4.25, 4.0]
    """
    info = _describe(frame)
    if info.adjustment == _ADJUSTED:
        raise InvalidPrices("frame", "split_adjusted", "is already split-adjusted (attrs['adjustment'])")
    factor, _ = _later_factors(info)
    return _scale(frame, info, 1.0 / factor, to=_ADJUSTED)


# --------------------------------------------------------------- the checks
@dataclass(frozen=True)
class SplitCheck:
    """How one reported split shows in the prices around it.

    Attributes
    ----------
    date
        The split's ex-date as reported.
    ratio
        The reported ratio.
    basis
        The price column judged (``"Adj Close"`` where present, since it
        also absorbs large cash distributions such as the capital returns
        that accompany UK share consolidations; else the close).
    observed_jump
        ``price(ex-date) / price(previous row)`` in ``basis``.
    expected_jump
        What a correct series shows: 1 when split-adjusted, ``old/new``
        when as traded.
    noise
        Robust standard deviation of one row's log price change nearby
        (``1.4826 x`` median absolute deviation, floored at 1 %).
    verdict
        ``"ok"``: the prices agree with the split. ``"not_applied"``: rows
        (see ``segments``) still trade at the pre-split scale, i.e. are off
        by ``new/old``. ``"double_applied"``: rows adjusted twice, off by
        ``old/new``. ``"suspect"``: no price change where one is expected
        (perhaps an invented or mis-dated split), a move that is neither
        normal nor the ratio, or a ratio too close to 1 to tell from
        ordinary moves.
    segments
        ``(first, last, power)``: rows from ``first`` to ``last`` sit at
        ``factor ** power`` times their correct level.
    note
        Plain words on what was seen.
    reported_factor
        For a factor the source reported that is no simple ratio (GOOG's
        ``1.0027455`` of 2015-04-27): that float, as given. Such an event is
        ``"suspect"``, its ``ratio`` is 1-for-1, and it is left out of the
        split events (prices are not re-scaled for it); ``None`` otherwise.
    """

    date: dt.date
    ratio: SplitRatio
    basis: str
    observed_jump: float
    expected_jump: float
    noise: float
    verdict: Verdict
    segments: tuple[tuple[dt.date, dt.date, int], ...]
    affected_rows: int
    note: str
    reported_factor: float | None = None

    @property
    def ok(self) -> bool:
        """True when the verdict is ``"ok"``."""
        return self.verdict == "ok"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {
            "date": self.date.isoformat(),
            "ratio": str(self.ratio),
            "factor": str(self.ratio.factor),
            "basis": self.basis,
            "observed_jump": self.observed_jump,
            "expected_jump": self.expected_jump,
            "noise": self.noise,
            "verdict": self.verdict,
            "segments": [[a.isoformat(), b.isoformat(), p] for a, b, p in self.segments],
            "affected_rows": self.affected_rows,
            "note": self.note,
            "reported_factor": self.reported_factor,
        }


@dataclass(frozen=True)
class SplitCheckResult(FrameDisplay):
    """One :class:`SplitCheck` per reported split, oldest first."""

    checks: tuple[SplitCheck, ...]

    def __iter__(self) -> Iterator[SplitCheck]:
        return iter(self.checks)

    def __len__(self) -> int:
        return len(self.checks)

    def __getitem__(self, i: int) -> SplitCheck:
        return self.checks[i]

    @property
    def all_ok(self) -> bool:
        """True when every split checks out (also when there are none)."""
        return all(c.ok for c in self.checks)

    @property
    def problems(self) -> tuple[SplitCheck, ...]:
        """The checks whose verdict is not ``"ok"``."""
        return tuple(c for c in self.checks if not c.ok)

    def verdicts(self) -> dict[dt.date, Verdict]:
        """``{ex-date: verdict}``."""
        return {c.date: c.verdict for c in self.checks}

    def to_frame(self) -> pd.DataFrame:
        """One row per split: date, ratio, observed/expected jump, verdict, affected rows, note."""
        import pandas as pd

        rows = [
            {
                "date": c.date,
                "ratio": str(c.ratio),
                "basis": c.basis,
                "observed_jump": c.observed_jump,
                "expected_jump": c.expected_jump,
                "noise": c.noise,
                "verdict": c.verdict,
                "affected_from": c.segments[0][0] if c.segments else None,
                "affected_to": c.segments[-1][1] if c.segments else None,
                "affected_rows": c.affected_rows,
                "note": c.note,
            }
            for c in self.checks
        ]
        columns = [
            "date",
            "ratio",
            "basis",
            "observed_jump",
            "expected_jump",
            "noise",
            "verdict",
            "affected_from",
            "affected_to",
            "affected_rows",
            "note",
        ]
        return pd.DataFrame(rows, columns=columns)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"checks": [...], "all_ok": bool}``."""
        return {"checks": [c.to_dict() for c in self.checks], "all_ok": self.all_ok}

    def _title(self) -> str:
        return "Split checks"


def _cadence(days: np.ndarray[Any, Any]) -> str:
    if len(days) < 2:
        return "daily"
    gap = float(np.median(np.diff(days).astype("int64")))
    if gap <= 4:
        return "daily"
    if gap <= 10:
        return "weekly"
    return "monthly"


def _basis(frame: pd.DataFrame, info: _Frame) -> tuple[str, np.ndarray[Any, np.dtype[np.float64]]]:
    if info.style == "yfinance":
        close = frame["Close"].to_numpy(dtype="float64")
        if "Adj Close" in frame.columns:
            adj = frame["Adj Close"].to_numpy(dtype="float64")
            usable = np.isfinite(adj) & (adj > 0)
            if usable.sum() >= usable.size - 1:
                return "Adj Close", np.where(usable, adj, close)
        return "Close", close
    return "close", frame["close"].to_numpy(dtype="float64")


def _volume(frame: pd.DataFrame, info: _Frame) -> np.ndarray[Any, np.dtype[np.float64]] | None:
    name = "Volume" if info.style == "yfinance" else "volume"
    if name not in frame.columns:
        return None
    return frame[name].to_numpy(dtype="float64")


def _robust_sigma(r: np.ndarray[Any, np.dtype[np.float64]]) -> float:
    if r.size < 3:
        return NOISE_FLOOR
    mad = float(np.median(np.abs(r - np.median(r))))
    return max(1.4826 * mad, NOISE_FLOOR)


def check_splits(frame: pd.DataFrame) -> SplitCheckResult:
    """Check each reported split against the prices around it.

    For split-adjusted prices (any yfinance frame, or a splitcalc frame marked
    ``split_adjusted``) a correct series moves normally across the ex-date.
    With ``u = log(new/old)`` and ``r`` the log change from one row to the
    next, a change within :data:`WINDOW_ROWS` of the ex-date is a *jump* when
    it exceeds :data:`Z_SCORE` local noise standard deviations and lies
    closer to ``+u`` or ``-u`` than half the way (``|r -/+ u| < |u|/2``):
    half the ratio is the decision point between "normal move" and "the
    ratio", and a real market move on the same day may add to it (SPM.MI
    fell 48 % the day its doubled adjustment ends). Jumps are read as level
    steps: the latest rows are taken as right (Yahoo's recent prices are as
    traded), and each row's level relative to them is a power of the factor:
    rows at ``factor ** 1`` were never adjusted (``"not_applied"``), rows at
    ``factor ** -1`` were adjusted twice (``"double_applied"``). A lone
    mis-scaled row shows as a jump and a jump back.

    Where the frame has ``Adj Close`` it is judged instead of ``Close``:
    UK consolidations come with capital returns designed to keep the share
    price where it was, so the split-adjusted ``Close`` genuinely drops by
    about the ratio (CNE.L 33-for-70: -55 %) while ``Adj Close``, which
    also absorbs the distribution, is continuous.

    As-traded prices (a splitcalc frame marked ``as_traded``) are adjusted
    first; there any inconsistency -- above all *no* jump at the split --
    is ``"suspect"``.

    Returns
    -------
    SplitCheckResult
        One :class:`SplitCheck` per split event, oldest first.
    """
    info = _describe(frame)
    as_traded = info.adjustment == _AS_TRADED or (info.style == "splitcalc" and info.adjustment is None)
    basis_name, basis_values = _basis(frame, info)
    factor, _ = _later_factors(info)
    judged = basis_values / factor if as_traded else basis_values
    volume = _volume(frame, info)
    order = info.order
    days = info.days[order]
    prices = judged[order]
    raw = basis_values[order]
    vol = volume[order] if volume is not None else None
    valid = np.isfinite(prices) & (prices > 0)
    v_days = days[valid]
    v_prices = prices[valid]
    v_raw = raw[valid]
    v_vol = vol[valid] if vol is not None else None
    log_p = np.log(v_prices)
    returns = np.diff(log_p)  # returns[i - 1] is the change into row i
    series = _Series(
        days=v_days,
        raw=v_raw,
        volume=v_vol,
        returns=returns,
        half_window=WINDOW_ROWS[_cadence(v_days)],
        basis=basis_name,
        as_traded=as_traded,
    )
    checks = [_check_one(day, ratio, series) for day, ratio in info.splits]
    checks += [_odd_check(day, value, why, basis_name) for day, value, why in info.odd]
    checks.sort(key=lambda c: c.date)
    return SplitCheckResult(tuple(checks))


def _odd_check(day: dt.date, value: float, why: str, basis: str) -> SplitCheck:
    """The check of a reported factor that is no simple ratio: suspect, left out, and why."""
    return SplitCheck(
        date=day,
        ratio=SplitRatio(1, 1),
        basis=basis,
        observed_jump=math.nan,
        expected_jump=math.nan,
        noise=math.nan,
        verdict="suspect",
        segments=(),
        affected_rows=0,
        note=(
            f"reported split factor {value!r} is no simple ratio ({why.split(';', maxsplit=1)[0]}); "
            "likely an adjustment for a distribution, not a split: left out of the split events, "
            "prices not re-scaled for it"
        ),
        reported_factor=value,
    )


@dataclass(frozen=True)
class _Series:
    """The valid rows of the judged series, oldest first."""

    days: np.ndarray[Any, Any]
    raw: np.ndarray[Any, Any]
    volume: np.ndarray[Any, Any] | None
    returns: np.ndarray[Any, Any]
    half_window: int
    basis: str
    as_traded: bool


def _check_one(day: dt.date, ratio: SplitRatio, series: _Series) -> SplitCheck:
    days, raw, volume, returns = series.days, series.raw, series.volume, series.returns
    half_window, basis, as_traded = series.half_window, series.basis, series.as_traded
    n = len(days)
    u = math.log(ratio.factor.numerator / ratio.factor.denominator)
    size = abs(u)
    expected = float(ratio.price_multiplier) if as_traded else 1.0
    s = int(np.searchsorted(days, np.datetime64(day, "D"), side="left"))

    def result(
        verdict: Verdict, note: str, observed: float, sigma: float, segs: list[tuple[int, int, int]]
    ) -> SplitCheck:
        segments = tuple(
            (dt.date.fromisoformat(str(days[a])), dt.date.fromisoformat(str(days[b])), p) for a, b, p in segs
        )
        rows = sum(b - a + 1 for a, b, _ in segs)
        return SplitCheck(day, ratio, basis, observed, expected, sigma, verdict, segments, rows, note)

    if s == 0 or s >= n:
        where = "before" if s == 0 else "on or after"
        return result("suspect", f"no prices {where} the split in the frame; cannot be checked", math.nan, math.nan, [])
    observed = float(raw[s] / raw[s - 1])
    lo_ctx, hi_ctx = max(0, s - NOISE_ROWS), min(len(returns), s + NOISE_ROWS)
    sigma = _robust_sigma(returns[lo_ctx:hi_ctx])
    threshold = Z_SCORE * sigma
    # Rows lo-1 .. hi are inspected; returns[i - 1] is the change into row i.
    lo, hi = max(1, s - half_window), min(n - 1, s + half_window)
    steps: dict[int, int] = {}
    unexplained: list[int] = []
    for i in range(lo, hi + 1):
        r = float(returns[i - 1])
        if abs(r) <= threshold:
            continue
        if abs(r - u) < size / 2:
            steps[i] = 1
        elif abs(r + u) < size / 2:
            steps[i] = -1
        elif abs(r) >= size / 2:
            unexplained.append(i)
    # level[j] = power of the factor at which row j sits, relative to row hi.
    level = np.zeros(hi + 1, dtype=int)
    current = 0
    for j in range(hi, lo - 2, -1):
        level[j] = current
        if j in steps:
            current -= steps[j]
    segs = _segments(level, lo - 1, hi)
    powers = {p for _, _, p in segs}
    detectable = size / 2 > threshold
    if unexplained:
        i = unexplained[0]
        note = (
            f"move x{math.exp(returns[i - 1]):.4g} on {days[i]} is neither a normal move "
            f"(noise {sigma:.1%}) nor the ratio x{math.exp(u):.4g} or x{math.exp(-u):.4g}"
        )
        return result("suspect", note, observed, sigma, segs)
    if not powers:
        if not detectable:
            note = f"ratio {ratio} (x{math.exp(-u):.4g}) is within normal moves (noise {sigma:.1%}); cannot be verified"
            return result("suspect", note, observed, sigma, [])
        note = "prices consistent with the split" + (" as traded" if as_traded else "")
        return result("ok", note, observed, sigma, [])
    if as_traded:
        if powers == {-1} and segs[-1][1] == s - 1 and segs[0][0] == 0:
            note = (
                f"no price jump at the split (expected x{expected:.4g}): "
                "perhaps invented or mis-dated, or the prices are already adjusted"
            )
        else:
            first = segs[0][0]
            note = f"prices jump by the ratio at rows other than the ex-date (from {days[first]}): mis-dated split?"
        return result("suspect", note, observed, sigma, segs)
    if len(powers) > 1 or max(abs(p) for p in powers) > 1:
        note = "several jumps of the ratio near the split; the levels do not fit one mis-adjustment"
        return result("suspect", note, observed, sigma, segs)
    power = powers.pop()
    verdict: Verdict = "not_applied" if power == 1 else "double_applied"
    rows = sum(b - a + 1 for a, b, _ in segs)
    what = "not adjusted for the split" if power == 1 else "adjusted twice for the split"
    span = f"{days[segs[0][0]]} to {days[segs[-1][1]]}"
    note = f"{rows} row(s) {span} {what} (off by x{math.exp(power * u):.4g})"
    if volume is not None:
        note += _volume_note(volume, level, segs, lo=lo - 1, hi=hi, u=u)
    return result(verdict, note, observed, sigma, segs)


def _segments(level: np.ndarray[Any, Any], lo: int, hi: int) -> list[tuple[int, int, int]]:
    """Runs of rows with a non-zero level; a run reaching ``lo`` extends to the first row."""
    out: list[tuple[int, int, int]] = []
    j = lo
    while j <= hi:
        p = int(level[j])
        k = j
        while k + 1 <= hi and int(level[k + 1]) == p:
            k += 1
        if p != 0:
            out.append((0 if j == lo else j, k, p))
        j = k + 1
    return out


def _volume_note(
    volume: np.ndarray[Any, Any],
    level: np.ndarray[Any, Any],
    segs: Sequence[tuple[int, int, int]],
    *,
    lo: int,
    hi: int,
    u: float,
) -> str:
    """Say whether traded volume moves the opposite way, as a mis-adjustment predicts."""
    inside = [j for a, b, _ in segs for j in range(max(a, lo), b + 1)]
    outside = [j for j in range(lo, hi + 1) if int(level[j]) == 0]
    a = volume[inside]
    b = volume[outside]
    a = a[np.isfinite(a) & (a > 0)]
    b = b[np.isfinite(b) & (b > 0)]
    if a.size == 0 or b.size == 0:
        return "; no volume to confirm"
    diff = float(np.median(np.log(a)) - np.median(np.log(b)))
    power = int(level[inside[0]])
    expected = -power * u
    agrees = abs(diff - expected) < abs(diff)
    return "; volume confirms" if agrees else "; volume does not confirm"


def repair_splits(frame: pd.DataFrame, checks: SplitCheckResult | None = None) -> pd.DataFrame:
    """Undo the mis-adjustments :func:`check_splits` found -- only when you ask.

    Rows in a ``not_applied`` or ``double_applied`` segment sitting at
    ``factor ** p`` are divided by ``factor ** p`` (per-share columns and
    ``Adj Close``) and their volumes multiplied by it. ``suspect`` splits are
    left alone. ``attrs["repairs"]`` lists what was changed.

    Only split-adjusted frames can be repaired.
    """
    info = _describe(frame)
    if info.adjustment == _AS_TRADED or (info.style == "splitcalc" and info.adjustment is None):
        raise InvalidPrices("frame", "as_traded", "only split-adjusted prices can be repaired")
    result = checks if checks is not None else check_splits(frame)
    per_share = np.ones(len(frame), dtype="float64")
    repairs: list[dict[str, Any]] = []
    for c in result.problems:
        if c.verdict not in ("not_applied", "double_applied"):
            continue
        f = c.ratio.factor
        for first, last, power in c.segments:
            mask = (info.days >= np.datetime64(first, "D")) & (info.days <= np.datetime64(last, "D"))
            fix = (f.denominator / f.numerator) ** power
            per_share[mask] *= fix
            repairs.append(
                {"split": c.date, "verdict": c.verdict, "from": first, "to": last, "rows": int(mask.sum()), "x": fix}
            )
    out = _scale(frame, info, per_share, to=info.adjustment or _ADJUSTED)
    if info.adjustment is None:
        out.attrs.pop("adjustment", None)
    if info.style == "yfinance" and "Adj Close" in out.columns:
        out["Adj Close"] = frame["Adj Close"].to_numpy(dtype="float64") * per_share
    out.attrs["repairs"] = repairs
    return out
