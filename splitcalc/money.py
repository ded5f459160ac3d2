"""Exact money and per-share amounts.

Prices, cash and per-share figures enter as :class:`~decimal.Decimal` (or
text, ints, exact fractions), are carried as :class:`~fractions.Fraction`
through the split arithmetic, and leave as ``Decimal`` quantized with a
rounding mode the caller names. Binary floats are accepted only at the edge,
through their shortest ``repr`` (``0.17`` -> ``Decimal("0.17")``; a numpy
``float32`` through its own shortest text), never used for arithmetic.

Text may group thousands with commas (``1,234,567.50``); any other comma is
refused rather than guessed at (``0,17`` is not 17, nor 0.17).
"""

from __future__ import annotations

import decimal
import math
import re
from decimal import Decimal
from fractions import Fraction
from typing import Final

from .coerce import MAX_DIGITS, check_decimal, check_fraction, check_int
from .errors import InputError

__all__ = [
    "CENT",
    "GROUPING_HINT",
    "ROUNDING_MODES",
    "as_decimal",
    "as_fraction",
    "exact_difference",
    "exact_product",
    "from_cents",
    "keep_cents",
    "mixed_number",
    "parse_rounding",
    "price_text",
    "quantize",
    "split_items",
    "to_cents",
    "ungroup_thousands",
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


#: A run of digits, points and commas inside a number's text (``\d``: any decimal digit, as ``Decimal`` reads).
_DIGIT_RUN: Final = re.compile(r"[\d.,]+")
#: Such a run that groups thousands correctly: 1,234 or 1,234,567.50.
_GROUPED: Final = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d*)?")
#: A comma between list items: any comma except one inside a thousands grouping (a digit before it,
#: exactly three after it), so "1-for-5,1-for-1,000" is two items and "1-for-1,000" one.
_ITEM_COMMA: Final = re.compile(r"(?<!\d),|,(?!\d{3}(?!\d))")
#: What to tell a user whose commas are not thousands separators.
GROUPING_HINT: Final = "use a point for decimals (0.17) and commas only to group thousands (1,234,567)"


def ungroup_thousands(text: str) -> str | None:
    """``text`` without its thousands separators, or None if a comma is not one.

    A comma is accepted only inside a well-formed grouping: one to three
    digits, then groups of exactly three (``1,234,567``), optionally followed
    by a decimal part (``1,234.50``). ``"0,17"``, ``"12,5"``, ``"1,0,0"`` and
    ``"1234,567"`` give None: the comma there could be a decimal comma, and
    deleting it would turn 0.17 into 17.

    >>> ungroup_thousands("$1,234,567.50"), ungroup_thousands("0.17")
    ('$1234567.50', '0.17')
    >>> ungroup_thousands("0,17") is None
    True
    """
    if "," not in text:
        return text
    for run in _DIGIT_RUN.findall(text):
        if "," in run and not _GROUPED.fullmatch(run):
            return None
    return text.replace(",", "")


def split_items(text: str) -> list[str]:
    """The comma-separated items of ``text``, stripped, blanks dropped; a thousands comma stays in its item.

    A comma with a digit before it and exactly three digits after it groups
    thousands (as in :func:`ungroup_thousands`); every other comma separates
    items. Write ``1-for-10, 100`` (comma and space) for two items whose second
    is three digits long.

    >>> split_items("1-for-5,1-for-1,000"), split_items("2024-05-01:1-for-10,2024-06-03:1:5")
    (['1-for-5', '1-for-1,000'], ['2024-05-01:1-for-10', '2024-06-03:1:5'])
    >>> split_items("10, 100"), split_items("10,100")
    (['10', '100'], ['10,100'])
    """
    return [item.strip() for item in _ITEM_COMMA.split(text) if item.strip()]


def exact_product(*factors: Decimal | int) -> Decimal:
    """The product of ``factors`` computed exactly, whatever its length.

    Decimal arithmetic rounds to the context precision (28 digits by default);
    here the precision is raised to the digits the exact product needs, so
    ``exact_product(Decimal("0.17"), 10**30 + 1)`` keeps every digit.

    >>> exact_product(Decimal("0.17"), 10**30 + 1)
    Decimal('170000000000000000000000000000.17')
    """
    values = [Decimal(f) for f in factors]
    digits = sum(len(v.as_tuple().digits) for v in values) + 2
    with decimal.localcontext() as ctx:
        ctx.prec = max(digits, ctx.prec)
        ctx.traps[decimal.Inexact] = True
        ctx.traps[decimal.Rounded] = True
        out = Decimal(1)
        for v in values:
            out *= v
    return out


def exact_difference(a: Decimal | int, b: Decimal | int) -> Decimal:
    """``a - b`` computed exactly, whatever the digits (Decimal subtraction rounds to 28 by default).

    >>> exact_difference(Decimal("1E+30"), Decimal("0.01"))
    Decimal('999999999999999999999999999999.99')
    """
    x, y = Decimal(a), Decimal(b)
    if not (x.is_finite() and y.is_finite()):
        return x - y
    low = min(int(x.as_tuple().exponent), int(y.as_tuple().exponent))
    high = max(x.adjusted(), y.adjusted()) + 2
    with decimal.localcontext() as ctx:
        ctx.prec = max(ctx.prec, high - low + 1)
        ctx.traps[decimal.Inexact] = True
        return x - y


def _scaled(n: int, places: int) -> Decimal:
    """``n x 10**-places`` as a Decimal, exactly (no context rounding)."""
    return Decimal(f"{n}E{-places}") if places else Decimal(n)


def from_cents(cents: int) -> Decimal:
    """A whole number of cents as dollars, exactly at any length (``Decimal(n).scaleb(-2)`` rounds to 28 digits).

    >>> from_cents(12345), from_cents(10**30 + 1)
    (Decimal('123.45'), Decimal('10000000000000000000000000000.01'))
    """
    return _scaled(int(cents), 2)


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
    through its shortest repr so ``0.17`` means seventeen cents (a numpy
    ``float64`` likewise, a ``float32`` through its own shortest text, so
    ``float32(0.005)`` is half a cent, not 0.004999999888...). Text may group
    thousands with commas; any other comma is refused (see
    :func:`ungroup_thousands`). NaN, infinities, non-numbers and numbers
    outside the bounds of :mod:`splitcalc.coerce` (more than 40 significant
    digits, or a size of 1e40 or more or below 1e-40: ``"1e999999"`` is
    refused unread)
    raise :class:`InputError` naming ``param_name``.

    >>> import numpy as np
    >>> as_fraction(np.float64(0.17), "price"), as_fraction(np.float32(0.005), "price")
    (Fraction(17, 100), Fraction(1, 200))
    """
    if isinstance(value, bool):
        raise InputError(param_name, value, "expected a number")
    if isinstance(value, int):
        return Fraction(check_int(value, param_name))
    if isinstance(value, Fraction):
        return check_fraction(value, param_name)
    if isinstance(value, float):  # includes numpy.float64, whose repr() is "np.float64(0.17)"
        if not math.isfinite(value):
            raise InputError(param_name, value, "must be a finite number")
        return Fraction(check_decimal(Decimal(float.__repr__(value)), param_name, value))
    if isinstance(value, Decimal):
        return Fraction(check_decimal(value, param_name))
    if isinstance(value, str):
        ungrouped = ungroup_thousands(value.strip())
        if ungrouped is None:
            raise InputError(param_name, value, GROUPING_HINT)
        text = ungrouped.removeprefix("$")
        if len(text) > 2 * MAX_DIGITS + 10:  # longer than any number within bounds: not read at all
            raise InputError(param_name, _cut(value), f"is out of range; numbers have at most {MAX_DIGITS} digits")
        try:
            d = Decimal(text)
        except decimal.InvalidOperation:
            try:
                return check_fraction(Fraction(text), param_name, value)
            except (ValueError, ZeroDivisionError):
                raise InputError(param_name, value, "is not a number") from None
        return Fraction(check_decimal(d, param_name, value))
    kind = getattr(getattr(value, "dtype", None), "kind", None)  # numpy scalars, without importing numpy
    if kind in ("i", "u"):
        return Fraction(check_int(int(value), param_name, value))  # type: ignore[call-overload]
    if kind == "f":
        # str() of a numpy float is the shortest text that reads back as the same
        # float32 / float16 / longdouble; float() would bring in its binary error.
        text = str(value)
        try:
            d = Decimal(text)
        except decimal.InvalidOperation:
            raise InputError(param_name, value, "expected a number") from None
        return Fraction(check_decimal(d, param_name, value))
    if kind is not None:  # numpy bool, complex, datetime...
        raise InputError(param_name, value, "expected a number")
    try:  # other number types
        return as_fraction(float(value), param_name)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(param_name, value, "expected a number") from None


def _cut(text: str) -> str:
    return text if len(text) <= 40 else f"{text[:20]}...({len(text):,} characters)"


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
    return _scaled(scaled.numerator, places)


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
    return _scaled(n, places)


def to_cents(value: Fraction | Decimal | int, rounding: str = decimal.ROUND_HALF_UP) -> Decimal:
    """An exact amount as dollars and cents (``quantize(value, 2, rounding)``)."""
    return quantize(value, 2, rounding)


def keep_cents(value: Decimal) -> Decimal:
    """Money shown with its cents: ``4.4`` -> ``4.40``, ``12`` -> ``12.00``; ``0.001`` as it is.

    >>> keep_cents(Decimal("4.4")), keep_cents(Decimal("0.001"))
    (Decimal('4.40'), Decimal('0.001'))
    """
    if value.is_finite() and int(value.as_tuple().exponent) > -2:
        return value.quantize(CENT)
    return value


def mixed_number(f: Fraction) -> str:
    """A share count as a mixed number: ``3``, ``1/3`` (never ``0 1/3``), ``2 1/3``, thousands grouped.

    >>> mixed_number(Fraction(7, 3)), mixed_number(Fraction(1, 11)), mixed_number(Fraction(3000))
    ('2 1/3', '1/11', '3,000')
    """
    whole, rem = divmod(f.numerator, f.denominator)
    if rem == 0:
        return f"{whole:,}"
    return f"{whole:,} {rem}/{f.denominator}" if whole else f"{rem}/{f.denominator}"


def price_text(p: Fraction) -> str:
    """A price as exactly as it can be written: ``0.40`` (cents kept), ``0.1234``, ``1/3 (~0.333333)``.

    >>> price_text(Fraction(2, 5)), price_text(Fraction(1234, 10000)), price_text(Fraction(1, 3))
    ('0.40', '0.1234', '1/3 (~0.333333)')
    """
    for places in (2, 4, 6):
        d = quantize(p, places)
        if d == p:
            return f"{d:,}"
    return f"{p} (~{quantize(p, 6)})"
