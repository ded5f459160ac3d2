"""Exact rounding of whole arrays of rational amounts to integer units.

The vectorised twin of :func:`splitcalc.money.quantize`: an amount arrives as
an integer numerator over a positive integer denominator (``num / den``, for
instance ``remainder x price_numerator x 100 / (price_denominator x old)``
cents) and leaves as the integer ``round(num / den)`` under a named
:mod:`decimal` rounding mode. No binary float is ever involved.

Arrays are ``numpy.int64`` while every intermediate provably fits in 63 bits;
otherwise the same code runs on ``object`` arrays of Python ints, which cannot
overflow. Callers pass bounds (the largest absolute value an input may take)
and :func:`fits_int64` decides; nothing relies on numpy's silent wrap-around.

>>> import numpy as np
>>> div_round(np.array([5, 15, 25]), 10, "ROUND_HALF_EVEN").tolist()
[0, 2, 2]
>>> div_round(np.array([5, 15, 25]), 10, "ROUND_HALF_UP").tolist()
[1, 2, 3]
"""

from __future__ import annotations

import decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from .coerce import INT64_MAX  # re-exported: the largest value an int64 holds
from .errors import InputError
from .money import ROUNDING_MODES

__all__ = [
    "INT64_MAX",
    "as_exact_array",
    "div_round",
    "exact_sum",
    "fits_int64",
    "scaled_div_round",
]

IntArray = npt.NDArray[Any]  # int64, or object holding Python ints


def fits_int64(bound: int) -> bool:
    """True when a value of magnitude ``bound`` (and twice it) fits an int64.

    The factor two leaves room for ``2 x remainder`` in the half-way tests of
    :func:`div_round`.

    >>> fits_int64(2**61), fits_int64(2**62)
    (True, False)
    """
    return 2 * abs(int(bound)) <= INT64_MAX


def as_exact_array(values: npt.ArrayLike, bound: int) -> IntArray:
    """``values`` as int64 when ``bound`` fits, else as an object array of Python ints."""
    arr = np.asarray(values)
    if fits_int64(bound):
        return arr.astype(np.int64, copy=False)
    if arr.dtype == object:
        return arr
    return np.array([int(v) for v in arr.tolist()], dtype=object)


def exact_sum(values: IntArray, bound: int | None = None, *, total: int | None = None) -> int:
    """The exact sum of an integer array as a Python int.

    ``bound`` is the largest magnitude of one element; when ``bound x len``
    fits in an int64 numpy sums natively. ``total`` is an alternative for
    non-negative values: a bound on the sum itself (every partial sum is then
    below it too). Otherwise Python ints are used.

    >>> import numpy as np
    >>> exact_sum(np.array([2**62, 2**62], dtype=np.int64))
    9223372036854775808
    """
    n = len(values)
    if n == 0:
        return 0
    if values.dtype == object:
        return int(sum(values.tolist()))
    if total is not None and fits_int64(total):
        return int(values.sum())
    if bound is None:
        bound = int(np.abs(values).max())
    if fits_int64(bound * n):
        return int(values.sum())
    return int(sum(values.tolist()))


def _check_rounding(rounding: str) -> None:
    if rounding not in ROUNDING_MODES:
        raise InputError("rounding", rounding, f"use one of {', '.join(ROUNDING_MODES)}")


def div_round(num: IntArray, den: int | IntArray, rounding: str = decimal.ROUND_HALF_UP) -> IntArray:
    """Round ``num / den`` to integers elementwise, exactly, with ``rounding``.

    Parameters
    ----------
    num
        Integer numerators (int64, or object arrays of Python ints).
    den
        Positive integer denominator, a scalar or an array like ``num``.
    rounding
        A :mod:`decimal` rounding constant. The decision is made on the exact
        quotient ``q = floor(num / den)`` and remainder ``r = num - q x den``
        (``0 <= r < den``), as :func:`splitcalc.money.quantize` does:
        ``ROUND_HALF_UP`` steps up when ``2r > den``, or ``2r == den`` and the
        amount is non-negative; ``ROUND_HALF_EVEN`` when ``2r == den`` and
        ``q`` is odd; ``ROUND_CEILING`` whenever ``r > 0``; and so on.

    Returns
    -------
    numpy.ndarray
        ``q`` or ``q + 1`` per element, in ``num``'s dtype.

    The caller guarantees int64 inputs leave room for ``2 x den`` (see
    :func:`fits_int64`); object arrays have no limit.
    """
    _check_rounding(rounding)
    if isinstance(den, int) and not fits_int64(den) and num.dtype != object:
        num = np.array(num.tolist(), dtype=object)
    if num.dtype == object or (isinstance(den, np.ndarray) and den.dtype == object):
        q = num // den
        r = num % den
    else:
        q, r = np.divmod(num, den)
    if rounding == decimal.ROUND_FLOOR:
        return q
    nonzero = r != 0
    negative = num < 0
    if rounding == decimal.ROUND_CEILING:
        up = nonzero
    elif rounding == decimal.ROUND_DOWN:  # toward zero
        up = nonzero & negative
    elif rounding == decimal.ROUND_UP:  # away from zero
        up = nonzero & ~negative
    else:
        twice = 2 * r
        above = twice > den
        half = twice == den
        if rounding == decimal.ROUND_HALF_UP:
            up = above | (half & ~negative)
        elif rounding == decimal.ROUND_HALF_DOWN:
            up = above | (half & negative)
        else:  # ROUND_HALF_EVEN
            up = above | (half & (q % 2 == 1))
    result: IntArray = q + (up.astype(np.int64).astype(object) if q.dtype == object else up)
    return result


def scaled_div_round(
    values: IntArray,
    mul: int,
    den: int,
    rounding: str = decimal.ROUND_HALF_UP,
    *,
    bound: int | None = None,
) -> IntArray:
    """``round(values x mul / den)`` elementwise, exactly.

    ``bound`` is the largest ``|value|`` (computed when omitted). The product
    runs in int64 when ``bound x mul`` and ``den`` fit (:func:`fits_int64`),
    otherwise in Python ints. When the values take few distinct levels (a
    remainder ``0 <= r < old``) a caller may instead round a lookup table
    once and index it, see :func:`splitcalc.holdings`.

    >>> import numpy as np
    >>> scaled_div_round(np.array([0, 1, 2, 24]), 17, 1).tolist()  # 17 cents per old share
    [0, 17, 34, 408]
    """
    if den <= 0:
        raise InputError("den", den, "must be positive")
    if bound is None:
        bound = int(np.abs(values).max()) if len(values) else 0
    if fits_int64(bound * mul) and fits_int64(mul) and fits_int64(den):  # mul alone too: bound may be 0
        num = values.astype(np.int64, copy=False) * np.int64(mul)
        return div_round(num, den, rounding)
    obj = values if values.dtype == object else np.array(values.tolist(), dtype=object)
    return div_round(obj * mul, den, rounding)
