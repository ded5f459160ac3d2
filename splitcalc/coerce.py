"""One way in for user values: counts, ratio terms, money and dates, with the bounds applied once.

Every public function that takes a share count, a ratio term, an amount of
money or a date reads it through this module (money through
:func:`splitcalc.money.as_decimal`, dates through
:func:`splitcalc.calendars.to_date`, both of which apply the bounds here), so
the same value is accepted or refused the same way everywhere:

* **Counts** (shares, holders, paths, days, ratio terms) are ``int`` or a numpy
  integer; ``True``/``False`` (and ``numpy.bool_``) are refused, never read
  as 1 and 0. Text may group thousands with commas (``39,752,812``; see
  :func:`splitcalc.money.ungroup_thousands`) or underscores. Floats are
  refused (``1000.0`` shares is a float that happens to be whole); only
  holder files, where pandas hands whole cells over as floats, read whole
  floats, row by row in :mod:`splitcalc.holderfile` within the same int64
  bound.
* **Bounds**, so that no input can build a huge exact number: a number read
  from the user has at most :data:`MAX_DIGITS` (40) significant digits and,
  unless it is zero, a size from ``10**-MAX_EXPONENT`` (``1e-40``) to below
  ``10**MAX_EXPONENT`` (``1e40``). ``1e999999`` is therefore refused as it is read
  (it would otherwise be expanded to a million digits), and so is an integer
  of more than 40 digits (Python refuses to read past 4,300 digits with a
  bare ``ValueError``; this refuses far earlier, naming the parameter). Where
  counts are vectorised in ``numpy.int64`` (holder tables, a split applied to
  them), terms above :data:`INT64_MAX` are refused too.

Every refusal is an :class:`~splitcalc.errors.InputError` (or the subclass
the caller names) carrying the parameter name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Final, SupportsIndex, TypeGuard

from .errors import InputError

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from ._types import CountLike, DateLike, PathLike

__all__ = [
    "INT64_MAX",
    "MAX_DIGITS",
    "MAX_EXPONENT",
    "as_count",
    "as_date",
    "as_path",
    "as_probability",
    "as_real",
    "check_decimal",
    "check_fraction",
    "check_int",
    "derived",
    "is_integer",
]

#: Most significant digits a number read from the user may have.
MAX_DIGITS: Final = 40
#: A number read from the user (other than 0) is at least ``10**-MAX_EXPONENT`` and below ``10**MAX_EXPONENT`` in size.
MAX_EXPONENT: Final = 40
#: Largest value of a ``numpy.int64`` (``2**63 - 1``).
INT64_MAX: Final = 2**63 - 1

_LIMIT: Final = 10**MAX_EXPONENT
#: True while splitcalc builds a result from values it computed (see :func:`derived`).
_DERIVED: ContextVar[bool] = ContextVar("splitcalc_coerce_derived", default=False)


@contextmanager
def derived() -> Iterator[None]:
    """Within this block values are splitcalc's own results, not user input: types are checked, bounds are not.

    A split of bounded inputs can leave a figure beyond the bounds (a
    1-for-10**39 split of a $10**39 price); the post-split
    :class:`~splitcalc.CapitalStructure` is built inside this block so that
    it is not refused as if a user had typed it.
    """
    token = _DERIVED.set(True)
    try:
        yield
    finally:
        _DERIVED.reset(token)


_BOUNDS: Final = f"at most {MAX_DIGITS} digits, from 1e-{MAX_EXPONENT} to below 1e{MAX_EXPONENT} in size"
#: Digits with optional thousands commas or underscores.
_COUNT_TEXT: Final = re.compile(r"\d[\d,_]*")


def is_integer(value: object) -> TypeGuard[SupportsIndex]:
    """True for ``int`` and numpy integers; False for bools (Python's and numpy's) and everything else."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    kind = getattr(getattr(value, "dtype", None), "kind", None)  # numpy scalars, without importing numpy
    return kind in ("i", "u") and hasattr(value, "__index__")


def check_int(n: int, param_name: str, value: object = None, *, error: type[InputError] = InputError) -> int:
    """``n`` if ``|n| < 10**MAX_EXPONENT``, else ``error`` naming ``param_name`` (``value``: what the user gave)."""
    if -_LIMIT < n < _LIMIT or _DERIVED.get():
        return n
    shown = n if value is None else value  # errors._short shows a huge int by its length
    raise error(param_name, shown, f"is too large; numbers have {_BOUNDS}")


def check_decimal(
    d: Decimal, param_name: str, value: object = None, *, error: type[InputError] = InputError
) -> Decimal:
    """``d`` if finite and within the bounds (:data:`MAX_DIGITS`, :data:`MAX_EXPONENT`), else ``error``.

    Trailing zeros do not count as digits (``1000`` has one significant digit).

    Only the exponent and digit tuple are inspected: ``Decimal("1e999999")``
    is refused without being expanded.

    >>> check_decimal(Decimal("0.17"), "price")
    Decimal('0.17')
    >>> check_decimal(Decimal("1e999999"), "price")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    splitcalc.errors.InputError: price: is out of range; numbers have at most 40 digits, from 1e-40 ...
    """
    shown = d if value is None else value
    if not d.is_finite():
        raise error(param_name, shown, "must be a finite number")
    if not d or _DERIVED.get():
        return d
    _, digits, exponent = d.as_tuple()
    assert isinstance(exponent, int)
    # strip trailing zeros from the count of significant digits ("100" is one digit, 1E+2)
    significant = len(digits)
    while significant > 1 and digits[significant - 1] == 0:
        significant -= 1
        exponent += 1
    adjusted = exponent + significant - 1  # position of the leading digit
    if significant > MAX_DIGITS or not -MAX_EXPONENT <= adjusted < MAX_EXPONENT:
        raise error(param_name, shown, f"is out of range; numbers have {_BOUNDS}")
    return d


def check_fraction(
    f: Fraction, param_name: str, value: object = None, *, error: type[InputError] = InputError
) -> Fraction:
    """``f`` if its numerator and denominator are each below ``10**MAX_EXPONENT``, else ``error``."""
    if (abs(f.numerator) < _LIMIT and f.denominator < _LIMIT) or _DERIVED.get():
        return f
    raise error(param_name, f if value is None else value, f"is out of range; numbers have {_BOUNDS}")


def as_count(
    value: CountLike | object,  # anything: this is where it is checked
    param_name: str,
    *,
    minimum: int = 0,
    int64: bool = False,
    error: type[InputError] = InputError,
    what: str = "a whole number",
) -> int:
    """A whole count read from ``value``: the one check behind every share count, holder count and ratio term.

    Parameters
    ----------
    value
        An ``int``, a numpy integer, or text of digits (thousands commas and
        underscores allowed). Bools are refused.
    param_name
        Named in the error.
    minimum
        Smallest value accepted (``0``: non-negative; ``1``: positive).
    int64
        Refuse values above :data:`INT64_MAX` (vectorised counts).
    error
        The :class:`InputError` subclass to raise.
    what
        How the expected value is described in the error.

    >>> as_count("39,752,812", "outstanding"), as_count(25, "old", minimum=1)
    (39752812, 25)
    >>> as_count(True, "outstanding")
    Traceback (most recent call last):
    ...
    splitcalc.errors.InputError: outstanding: must be a whole number (got True)
    """
    n: int
    if is_integer(value):
        n = int(value)
    elif isinstance(value, str):
        n = _count_text(value, param_name, error=error, what=what)
    else:
        raise error(param_name, value, f"must be {what}")
    check_int(n, param_name, value, error=error)
    if n < minimum:
        raise error(param_name, value, "must be positive" if minimum == 1 else f"must be >= {minimum}")
    if int64 and n > INT64_MAX:
        raise error(param_name, value, f"is too large; at most {INT64_MAX:,} (2**63 - 1)")
    return n


def _count_text(text: str, param_name: str, *, error: type[InputError], what: str) -> int:
    from .money import GROUPING_HINT, ungroup_thousands

    stripped = text.strip()
    if not _COUNT_TEXT.fullmatch(stripped):
        raise error(param_name, text, f"must be {what}")
    ungrouped = ungroup_thousands(stripped)  # "1,000" is a thousand; "12,5" is not 125
    if ungrouped is None:
        raise error(param_name, text, f"must be {what}; {GROUPING_HINT}")
    whole = ungrouped.replace("_", "")
    digits = whole.lstrip("0")
    if len(digits) > MAX_EXPONENT:  # refused before int() reads it (Python stops at 4,300 digits)
        raise error(param_name, text, f"is too large; numbers have {_BOUNDS}")
    return int(whole)


def as_path(value: PathLike | object, param_name: str, *, error: type[InputError] = InputError) -> Path:
    """A file path from text or an ``os.PathLike``; anything else (None, bytes, numbers, "") is ``error``."""
    import os
    from pathlib import Path

    if isinstance(value, str | os.PathLike) and not isinstance(value, bytes):
        text = os.fspath(value)
        if isinstance(text, str) and text.strip():
            return Path(text)
    raise error(param_name, value, "must be a file path (text or pathlib.Path)")


def as_real(value: object, param_name: str, *, what: str = "a number", error: type[InputError] = InputError) -> float:
    """A finite model number (a volatility, a drift, a shape, a probability) as a float.

    Ints, floats, numpy numbers, Decimals, Fractions and numeric text are
    read (text within the bounds above, through
    :func:`splitcalc.money.as_decimal`); bools, NaN, infinities and anything
    else are ``error`` naming ``param_name`` ("expected ``what``"). Ranges
    are the caller's: each names its own.

    >>> as_real("0.9", "volatility"), as_real(Fraction(1, 4), "sigma")
    (0.9, 0.25)
    """
    import math
    from numbers import Real

    x: float
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        raise error(param_name, value, f"expected {what}")
    if isinstance(value, str):
        from .money import as_decimal

        x = float(as_decimal(value, param_name))
    elif getattr(getattr(value, "dtype", None), "kind", None) == "f" and not isinstance(value, float):
        x = float(str(value))  # a float32 through its own shortest text (0.04, not 0.03999999910593033), as money
    elif isinstance(value, Real | Decimal) or is_integer(value):
        try:
            x = float(value)
        except (OverflowError, TypeError, ValueError):
            raise error(param_name, value, f"expected {what}") from None
    else:
        raise error(param_name, value, f"expected {what}")
    if not math.isfinite(x):
        raise error(param_name, value, "must be a finite number")
    return x


def as_probability(value: object, param_name: str, *, error: type[InputError] = InputError) -> float:
    """A probability above 0 and at most 1 (``min_odds``, ``--min-odds``), as a float (see :func:`as_real`).

    ``"0.8"``, ``Decimal("0.8")`` and ``0.8`` are the same 80%.

    >>> as_probability("0.8", "min_odds")
    0.8
    >>> as_probability(1.5, "min_odds")
    Traceback (most recent call last):
    ...
    splitcalc.errors.InputError: min_odds: must be a probability above 0 and at most 1 (0.8 = 80%) (got 1.5)
    """
    reason = "must be a probability above 0 and at most 1 (0.8 = 80%)"
    p = as_real(value, param_name, what="a probability such as 0.8", error=error)
    if not 0.0 < p <= 1.0:
        raise error(param_name, value, reason)
    return p


def as_date(value: DateLike, param_name: str = "date") -> dt.date:
    """A calendar date (:func:`splitcalc.calendars.to_date`): a date, a pandas/numpy timestamp or ISO text."""
    from .calendars import to_date

    return to_date(value, param_name)
