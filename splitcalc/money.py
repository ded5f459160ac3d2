"""Exact money and per-share amounts.

Prices, cash and per-share figures enter as :class:`~decimal.Decimal` (or
text, ints, exact fractions), are carried as :class:`~fractions.Fraction`
through the split arithmetic, and leave as ``Decimal`` quantized with a
rounding mode the caller names. Binary floats are accepted only at the edge,
through their shortest ``repr`` (``0.17`` -> ``Decimal("0.17")``), never used
for arithmetic.
"""

from __future__ import annotations

import decimal
import math
from decimal import Decimal
from fractions import Fraction
from typing import Final

from .errors import InputError

__all__ = [
    "CENT",
    "ROUNDING_MODES",
    "as_decimal",
    "as_fraction",
    "parse_rounding",
    "quantize",
    "to_cents",
]

CENT: Final = Decimal("0.01")

ROUNDING_MODES: Final = (
    decimal.ROUND_HALF_UP,
    decimal.ROUND_HALF_EVEN,
    decimal.ROUND_HALF_DOWN,
    decimal.ROUND_UP,
    decimal.ROUND_DOWN,
    decimal.ROUND_CEILING,
    decimal.ROUND_FLOOR,
)


def parse_rounding(mode: str, param_name: str = "rounding") -> str:
    """Return the :mod:`decimal` rounding constant named by ``mode``.

    Accepts the constants themselves (``decimal.ROUND_HALF_UP``) and the short
    spellings ``"half_up"``, ``"half-even"``, ``"ceiling"``, ``"down"`` ...

    >>> parse_rounding("half_up")
    'ROUND_HALF_UP'
    """
    if isinstance(mode, str):
        key = mode.strip().upper().replace("-", "_")
        if not key.startswith("ROUND_"):
            key = "ROUND_" + key
        if key in ROUNDING_MODES:
            return key
    raise InputError(param_name, mode, f"unknown rounding mode; use one of {', '.join(ROUNDING_MODES)}")


def as_fraction(value: object, param_name: str) -> Fraction:
    """Convert a price or amount to an exact Fraction.

    Decimals, ints, Fractions and numeric text convert exactly; a float goes
    through its shortest repr so ``0.17`` means seventeen cents. NaN,
    infinities and non-numbers raise :class:`InputError` naming ``param_name``.
    """
    if isinstance(value, bool):
        raise InputError(param_name, value, "expected a number")
    if isinstance(value, Fraction | int):
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InputError(param_name, value, "must be a finite number")
        return Fraction(Decimal(repr(value)))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InputError(param_name, value, "must be a finite number")
        return Fraction(value)
    if isinstance(value, str):
        text = value.strip().replace(",", "").removeprefix("$")
        try:
            d = Decimal(text)
        except decimal.InvalidOperation:
            try:
                return Fraction(text)
            except (ValueError, ZeroDivisionError):
                raise InputError(param_name, value, "is not a number") from None
        if not d.is_finite():
            raise InputError(param_name, value, "must be a finite number")
        return Fraction(d)
    try:  # numpy scalars and other numbers
        return as_fraction(float(value), param_name)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(param_name, value, "expected a number") from None


def as_decimal(value: object, param_name: str) -> Decimal:
    """Like :func:`as_fraction`, but the value must be a terminating decimal."""
    f = as_fraction(value, param_name)
    d = _exact_decimal(f)
    if d is None:
        raise InputError(param_name, value, "is not a terminating decimal amount")
    return d


def _exact_decimal(f: Fraction) -> Decimal | None:
    """``f`` as an exact Decimal if its denominator is 2**a * 5**b, else None."""
    den = f.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den != 1:
        return None
    places = max(twos, fives)
    scaled = f * 10**places
    return Decimal(scaled.numerator).scaleb(-places)


def quantize(value: Fraction | Decimal | int, places: int, rounding: str = decimal.ROUND_HALF_UP) -> Decimal:
    """Round an exact amount to ``places`` decimal places with ``rounding``.

    The rounding is decided on the exact value (never on a float), using an
    integer quotient and remainder so no context precision is involved.

    >>> quantize(Fraction(1, 3), 2)
    Decimal('0.33')
    >>> quantize(Fraction(5, 1000), 2, "ROUND_HALF_EVEN")
    Decimal('0.00')
    """
    f = Fraction(value)
    scaled = f * 10**places
    q, r = divmod(scaled.numerator, scaled.denominator)  # floor division
    # q is floor(scaled); decide whether to step up to q + 1.
    den = scaled.denominator
    up: bool
    if r == 0:
        up = False
    else:
        negative = f < 0
        twice = 2 * r
        if rounding == decimal.ROUND_FLOOR:
            up = False
        elif rounding == decimal.ROUND_CEILING:
            up = True
        elif rounding == decimal.ROUND_DOWN:  # toward zero
            up = negative
        elif rounding == decimal.ROUND_UP:  # away from zero
            up = not negative
        elif twice > den:
            up = True
        elif twice < den:
            up = False
        elif rounding == decimal.ROUND_HALF_UP:
            up = not negative
        elif rounding == decimal.ROUND_HALF_DOWN:
            up = negative
        elif rounding == decimal.ROUND_HALF_EVEN:
            up = q % 2 == 1
        else:
            raise InputError("rounding", rounding, "unsupported rounding mode")
    n = q + 1 if up else q
    return Decimal(n).scaleb(-places) if places else Decimal(n)


def to_cents(value: Fraction | Decimal | int, rounding: str = decimal.ROUND_HALF_UP) -> Decimal:
    """An exact amount as dollars and cents (``quantize(value, 2, rounding)``)."""
    return quantize(value, 2, rounding)
