from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from splitcalc import InputError
from splitcalc.money import (
    ROUNDING_MODES,
    as_decimal,
    as_fraction,
    exact_product,
    parse_rounding,
    quantize,
    to_cents,
    ungroup_thousands,
)


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


# --------------------------------------------------------------- commas
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234", Fraction(1234)),
        ("1,234,567", Fraction(1234567)),
        ("$1,234.50", Fraction(2469, 2)),  # 1234.50
        ("-1,234", Fraction(-1234)),
        ("1,000/3", Fraction(1000, 3)),
        ("0.17", Fraction(17, 100)),
    ],
)
def test_commas_grouping_thousands_are_accepted(text: str, expected: Fraction) -> None:
    assert as_fraction(text, "price") == expected


@pytest.mark.parametrize("text", ["0,17", "12,5", "1,0,0", "1234,567", ",123", "1,2345", "1,234.567,8", "1,23"])
def test_commas_that_do_not_group_thousands_are_refused(text: str) -> None:
    # "0,17" used to lose its comma and read as 17 dollars
    with pytest.raises(InputError, match="use a point for decimals") as info:
        as_fraction(text, "price")
    assert info.value.param_name == "price"
    assert info.value.value == text


@given(st.integers(0, 10**15), st.integers(0, 99))
def test_grouped_thousands_read_as_written(whole: int, cents: int) -> None:
    assert as_fraction(f"{whole:,}.{cents:02d}", "price") == whole + Fraction(cents, 100)
    assert ungroup_thousands(f"{whole:,}") == str(whole)


# --------------------------------------------------------- numpy scalars
def test_numpy_float64_is_read_through_its_shortest_decimal() -> None:
    # repr(np.float64(0.17)) is "np.float64(0.17)", which Decimal refused (untyped InvalidOperation)
    assert as_fraction(np.float64(0.17), "price") == Fraction(17, 100)
    assert as_decimal(pd.Series([0.17]).iloc[0], "price") == Decimal("0.17")  # a price taken from a DataFrame


def test_numpy_float32_is_read_through_its_own_shortest_decimal() -> None:
    # float(np.float32(0.005)) is 0.004999999888241291; str() of the float32 is "0.005"
    assert as_fraction(np.float32(0.005), "price") == Fraction(1, 200)
    assert as_fraction(np.float16(0.1), "price") == Fraction(1, 10)
    assert to_cents(as_fraction(np.float32(0.005), "price")) == Decimal("0.01")  # half up: a cent, not $0.00


def test_numpy_integers_are_exact_and_odd_scalars_refused() -> None:
    assert as_fraction(np.int64(2**62 + 1), "x") == 2**62 + 1  # float() would have rounded it
    assert as_fraction(np.uint64(2**64 - 1), "x") == 2**64 - 1
    for bad in (np.bool_(True), np.float32("nan"), np.float64("inf"), np.complex128(1)):
        with pytest.raises(InputError) as info:
            as_fraction(bad, "price")
        assert info.value.param_name == "price"


def test_numpy_price_through_holdings_pays_the_half_cent_up() -> None:
    import splitcalc as sc

    # 1 share, 1-for-2: half a new share at 2 x $0.005 = $0.01 per new share -> $0.005 -> $0.01 half up
    res = sc.Holdings.from_arrays([1]).apply("1-for-2", price=np.float32(0.005))
    assert res.totals.cash_total == Decimal("0.01")


@given(st.floats(min_value=0.0, max_value=1e9, allow_nan=False, allow_infinity=False, width=32))
def test_float32_reads_as_the_shortest_text_that_round_trips(x: float) -> None:
    value = np.float32(x)
    if 0 < value < 1e-40:  # finer than the bounds of splitcalc.coerce: refused, not read
        with pytest.raises(InputError, match="out of range"):
            as_fraction(value, "price")
        return
    f = as_fraction(value, "price")
    assert np.float32(str(Decimal(f.numerator) / Decimal(f.denominator))) == value
    assert f == Fraction(Decimal(str(value)))


# ------------------------------------------------------------- precision
def test_long_values_are_not_rounded_to_28_digits() -> None:
    n = 10**30 + 1
    assert quantize(n, 2) == Decimal(n)  # scaleb() rounded this to 1.000...000E+30
    assert quantize(Fraction(n, 3), 0, decimal.ROUND_DOWN) == Decimal(n // 3)  # 333...333.67 cut
    assert as_decimal(Fraction(n, 100), "x") == Decimal("10000000000000000000000000000.01")
    assert exact_product(Decimal("0.17"), n) == Decimal("170000000000000000000000000000.17")
    assert str(exact_product(Decimal("0.10"), 10)) == "1.00"  # the exponent of plain Decimal arithmetic


@given(st.integers(-(10**40), 10**40), st.integers(0, 6), st.sampled_from(ROUNDING_MODES))
def test_quantize_of_long_integers_is_exact(n: int, places: int, mode: str) -> None:
    assert Fraction(quantize(n, places, mode)) == n


def test_from_cents_is_exact_at_any_length() -> None:
    from splitcalc.money import from_cents

    assert from_cents(12345) == Decimal("123.45")
    assert from_cents(-5) == Decimal("-0.05")
    assert str(from_cents(0)) == "0.00"
    assert from_cents(10**30 + 1) == Decimal("10000000000000000000000000000.01")  # scaleb(-2) gave 1.0...0E+28


@pytest.mark.parametrize(("text", "value"), [("１,２３４", Decimal(1234)), ("٣,٥٠٠.٥", Decimal("3500.5"))])
def test_thousands_grouping_in_any_decimal_digits(text: str, value: Decimal) -> None:
    assert as_decimal(text, "price") == value  # Decimal reads these digits; the comma rule must too


def test_list_items_keep_their_thousands_commas() -> None:
    from splitcalc.cli.compliance import parse_splits
    from splitcalc.money import split_items
    from splitcalc.scenarios import parse_ratios

    assert split_items("1-for-5,1-for-1,000, 1-for-20") == ["1-for-5", "1-for-1,000", "1-for-20"]
    assert [str(r) for r in parse_ratios("1-for-5,1-for-1,000")] == ["1-for-5", "1-for-1000"]
    assert [str(r) for r in parse_ratios("10, 100")] == ["1-for-10", "1-for-100"]
    assert [str(r) for r in parse_ratios("1,000")] == ["1-for-1000"]
    assert [str(r) for _, r in parse_splits("2024-05-01:1-for-1,000,2024-06-03:1-for-5")] == ["1-for-1000", "1-for-5"]
