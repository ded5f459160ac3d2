from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from splitcalc import InputError
from splitcalc.money import ROUNDING_MODES, as_decimal, as_fraction, parse_rounding, quantize, to_cents


def test_as_fraction_inputs() -> None:
    assert as_fraction(0.17, "price") == Fraction(17, 100)
    assert as_fraction("$1,234.50", "price") == Fraction(123450, 100)
    assert as_fraction(Decimal("0.001"), "par") == Fraction(1, 1000)
    assert as_fraction("1/3", "x") == Fraction(1, 3)
    for bad in ("abc", float("inf"), Decimal("NaN"), True, None, [1]):
        with pytest.raises(InputError) as info:
            as_fraction(bad, "price")
        assert info.value.param_name == "price"


def test_as_decimal_needs_terminating() -> None:
    assert as_decimal(Fraction(17, 4), "p") == Decimal("4.25")
    with pytest.raises(InputError, match="terminating"):
        as_decimal(Fraction(1, 3), "p")


def test_quantize_examples() -> None:
    assert quantize(Fraction(1, 200), 2) == Decimal("0.01")  # 0.005 half up
    assert quantize(Fraction(1, 200), 2, decimal.ROUND_HALF_EVEN) == Decimal("0.00")
    assert quantize(Fraction(3, 200), 2, decimal.ROUND_HALF_EVEN) == Decimal("0.02")
    assert quantize(Fraction(-1, 200), 2) == Decimal("-0.01")
    assert quantize(Fraction(1, 3), 2, decimal.ROUND_CEILING) == Decimal("0.34")
    assert to_cents(Fraction(5, 2)) == Decimal("2.50")
    assert str(to_cents(0)) == "0.00"


def test_parse_rounding() -> None:
    assert parse_rounding("half-even") == decimal.ROUND_HALF_EVEN
    assert parse_rounding(decimal.ROUND_DOWN) == decimal.ROUND_DOWN
    with pytest.raises(InputError, match="rounding"):
        parse_rounding("sideways")


@given(
    st.integers(-(10**12), 10**12),
    st.integers(1, 10**6),
    st.integers(0, 4),
    st.sampled_from(ROUNDING_MODES),
)
def test_quantize_agrees_with_decimal(num: int, den: int, places: int, mode: str) -> None:
    # With enough precision, Decimal division then quantize is exact for these sizes
    # except where the quotient does not terminate; compare on values that do.
    f = Fraction(num, den)
    ctx = decimal.Context(prec=60)
    exact = ctx.divide(Decimal(num), Decimal(den))
    if Fraction(exact) != f:
        return
    expected = exact.quantize(Decimal(1).scaleb(-places), rounding=mode, context=ctx)
    assert quantize(f, places, mode) == expected
