"""NYSE 802.01C price test: the 30-trading-day average closing price, computed exactly.

"Average closing price of less than $1.00 over a consecutive 30 trading-day
period": an average of exactly $1.00 is compliant. Averages of floats drift
(a run alternating $0.90 / $1.10 averages 0.999999999999998), so closes are
taken in whole units of $0.0001 -- the smallest quoting increment for a
price under $1.00 (SEC Regulation NMS Rule 612) -- and window *sums* are
compared with ``days x minimum`` in the same units: no division, no rounding.
The units are held as integer-valued float64 (exact below 2**53, checked),
which numpy sums as fast as the floats themselves.

Vectorised over the last axis of a (cases x sessions) array; a window that
holds a missing close (NaN) has no average (neither below nor at/above).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

import numpy as np
import numpy.typing as npt

from ...errors import InvalidPrices

__all__ = ["UNITS_PER_DOLLAR", "Averages", "rolling_average", "to_units"]

#: Closes are counted in ten-thousandths of a dollar (Regulation NMS Rule 612: $0.0001 below $1.00).
UNITS_PER_DOLLAR: Final = 10_000


#: Integers up to 2**53 are exact in float64: sums of whole $0.0001 units below it are exact too.
_EXACT: Final = float(2**53)


def to_units(x: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_] | None]:
    """Closes in whole ten-thousandths of a dollar (integer-valued floats; 0 where missing).

    Also returns where a close exists (``None``: everywhere).
    """
    scaled = x * UNITS_PER_DOLLAR
    have = None
    if np.isnan(scaled).any():
        have = ~np.isnan(scaled)
        scaled[~have] = 0.0
    np.rint(scaled, out=scaled)
    return scaled, have


@dataclass(frozen=True)
class Averages:
    """Per session, the ``days``-session window ending on it: exact comparisons, and the average for display."""

    below: npt.NDArray[np.bool_]  # average < minimum (a complete window only)
    at_or_above: npt.NDArray[np.bool_]  # average >= minimum (a complete window only)
    sums: npt.NDArray[np.float64]  # window sums in whole $0.0001 units, exact (meaningless where incomplete)
    complete: npt.NDArray[np.bool_]  # the window holds ``days`` closes (``partial``: every close so far)
    days: int
    partial: bool = False  # the first ``days - 1`` sessions average the closes so far

    @property
    def value(self) -> npt.NDArray[np.float64]:
        """The average in dollars, for display only (NaN where no complete window)."""
        n = self.sums.shape[-1]
        counts = np.full(n, float(self.days))
        if self.partial:
            head = min(self.days - 1, n)
            counts[:head] = np.arange(1, head + 1)
        return np.where(self.complete, self.sums / (counts * UNITS_PER_DOLLAR), np.nan)


def _cumsum0(a: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Cumulative sum along the last axis with a leading 0 column."""
    out = np.zeros((*a.shape[:-1], a.shape[-1] + 1), dtype=np.float64)
    np.cumsum(a, axis=-1, out=out[..., 1:])
    return out


def rolling_average(x: npt.NDArray[np.float64], days: int, minimum: Decimal, *, partial: bool = False) -> Averages:
    """The ``days``-session average of ``x`` along its last axis, compared exactly with ``minimum``.

    ``partial=True`` reads the first ``days - 1`` sessions as the average of
    the closes so far (``k`` of them, compared as ``sum < k x minimum``): the
    simulator's paths start on the split's effective date with no history
    before it. Windows holding a missing close stay incomplete either way.

    Examples
    --------
    >>> px = np.array([1.10] * 30 + [0.90, 1.10] * 15)
    >>> a = rolling_average(px, 30, Decimal("1.00"))
    >>> bool(a.below.any()), bool(a.at_or_above[-1]), float(a.value[-1])
    (False, True, 1.0)
    >>> p = rolling_average(np.array([[0.9, 1.1, 0.99]]), 30, Decimal("1.00"), partial=True)
    >>> p.below.tolist(), p.at_or_above.tolist(), p.value.round(4).tolist()
    ([[True, False, True]], [[False, True, False]], [[0.9, 1.0, 0.9967]])
    """
    x = np.asarray(x, dtype=np.float64)
    shape = x.shape
    below = np.zeros(shape, dtype=bool)
    ok = np.zeros(shape, dtype=bool)
    sums = np.zeros(shape, dtype=np.float64)
    complete = np.zeros(shape, dtype=bool)
    if shape[-1] < days and not partial:
        return Averages(below, ok, sums, complete, days)
    units, have = to_units(x)
    cs = _cumsum0(units)
    if cs.size and float(cs[..., -1].max()) >= _EXACT:  # pragma: no cover - prices far beyond any listed stock
        raise InvalidPrices("closes", float(np.nanmax(x)), "are too large to average exactly")
    unit_min = int(minimum * UNITS_PER_DOLLAR)
    if partial:
        _partial_windows(cs, have, days, unit_min, below=below, ok=ok, sums=sums, complete=complete)
        if shape[-1] < days:
            return Averages(below, ok, sums, complete, days, partial=True)
    window = sums[..., days - 1 :]
    np.subtract(cs[..., days:], cs[..., :-days], out=window)
    limit = days * unit_min
    if have is None:
        complete[..., days - 1 :] = True
        np.less(window, limit, out=below[..., days - 1 :])
        np.greater_equal(window, limit, out=ok[..., days - 1 :])
    else:
        cn = _cumsum0(have.astype(np.float64))
        full = (cn[..., days:] - cn[..., :-days]) == days
        complete[..., days - 1 :] = full
        below[..., days - 1 :] = full & (window < limit)
        ok[..., days - 1 :] = full & (window >= limit)
    return Averages(below, ok, sums, complete, days, partial=partial)


def _partial_windows(
    cs: npt.NDArray[np.float64],
    have: npt.NDArray[np.bool_] | None,
    days: int,
    unit_min: int,
    *,
    below: npt.NDArray[np.bool_],
    ok: npt.NDArray[np.bool_],
    sums: npt.NDArray[np.float64],
    complete: npt.NDArray[np.bool_],
) -> None:
    """Fill the first ``days - 1`` sessions with the average of the closes so far (exact, in place)."""
    head = min(days - 1, sums.shape[-1])
    if head <= 0:
        return
    part = sums[..., :head]
    np.copyto(part, cs[..., 1 : head + 1])
    counts = np.arange(1, head + 1, dtype=np.float64)
    limit = counts * unit_min
    if have is None:
        complete[..., :head] = True
        np.less(part, limit, out=below[..., :head])
        np.greater_equal(part, limit, out=ok[..., :head])
    else:
        full = np.cumsum(have[..., :head], axis=-1) == counts  # no close missing so far
        complete[..., :head] = full
        below[..., :head] = full & (part < limit)
        ok[..., :head] = full & (part >= limit)
