from __future__ import annotations

from fractions import Fraction

import pytest

import splitcalc as sc
from splitcalc import InputError, InvalidRatio, SplitRatio


@pytest.mark.parametrize(
    ("text", "new", "old"),
    [
        ("1-for-25", 1, 25),
        ("1 for 25", 1, 25),
        ("25-for-1 reverse", 1, 25),
        ("25 for 1 reverse split", 1, 25),
        ("Reverse 1:25", 1, 25),
        ("reverse 25:1", 1, 25),
        ("1:25", 1, 25),
        ("1/25", 1, 25),
        ("2-for-1", 2, 1),
        ("3:2", 3, 2),
        ("one-for-twenty-five", 1, 25),
        ("one-for-one hundred fifty", 1, 150),
        ("1-for-1,000", 1, 1000),
        ("1 to 10", 1, 10),
        ("reverse stock split 1-for-10", 1, 10),
        ("1-for-2 forward", 2, 1),
        ("2-for-50", 1, 25),
    ],
)
def test_parse_notations(text: str, new: int, old: int) -> None:
    r = SplitRatio.parse(text)
    assert (r.new, r.old) == (new, old)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("0-for-5", "positive"),
        ("1-for-0", "positive"),
        ("-1:3", "positive"),
        ("abc", "not a ratio"),
        ("1-for-25.5", "not a whole number"),
        ("", "empty"),
        ("   ", "empty"),
        ("1-for-1 reverse", "1-for-1"),
        ("reverse forward 1:2", "both"),
        ("1-for-25-for-3", "not a ratio"),
        ("1-for-1,0,0", "commas only to group thousands"),  # was read as 1-for-100
        ("1-for-10,00", "commas only to group thousands"),
        ("2,5-for-1", "commas only to group thousands"),
    ],
)
def test_parse_rejects(text: str, fragment: str) -> None:
    with pytest.raises(InvalidRatio, match=fragment) as info:
        SplitRatio.parse(text)
    err = info.value
    assert isinstance(err, InputError)
    assert isinstance(err, ValueError)
    assert err.param_name == "ratio"
    assert err.value == text


def test_parse_other_types() -> None:
    assert SplitRatio.parse(Fraction(1, 25)) == SplitRatio(1, 25)
    assert SplitRatio.parse((1, 25)) == SplitRatio(1, 25)
    r = SplitRatio(1, 25)
    assert SplitRatio.parse(r) is r
    for bad in (25, 0.04, (1, 0), (1.0, 2), Fraction(-1, 2), None):
        with pytest.raises(InvalidRatio):
            SplitRatio.parse(bad)


def test_views() -> None:
    r = SplitRatio.parse("1-for-25")
    assert r.factor == Fraction(1, 25)
    assert r.price_multiplier == 25
    assert r.is_reverse
    assert not r.is_forward
    assert str(r) == "1-for-25"
    assert r.to_yahoo() == "1:25"
    assert r.magnitude == 25
    f = SplitRatio.parse("3:2")
    assert f.is_forward
    assert f.magnitude == Fraction(3, 2)


def test_constructor_validation() -> None:
    with pytest.raises(InvalidRatio, match="old"):
        SplitRatio(1, 0)
    with pytest.raises(InvalidRatio, match="new"):
        SplitRatio(True, 2)  # type: ignore[arg-type]
    assert SplitRatio.reverse(25) == SplitRatio(1, 25)
    assert SplitRatio.forward(2) == SplitRatio(2, 1)
    with pytest.raises(InvalidRatio):
        SplitRatio.reverse(0)


@pytest.mark.parametrize(
    ("value", "new", "old"),
    [
        (0.04, 1, 25),
        (1 / 190, 1, 190),
        (0.005263157894736842, 1, 190),
        (0.471428571428571, 33, 70),  # CNE.L as written in the yfinance CSV (15 digits)
        (0.76, 19, 25),
        (0.0001, 1, 10000),
        (0.1, 1, 10),
        (5.0, 5, 1),
        (1.5, 3, 2),
    ],
)
def test_from_float_recovers(value: float, new: int, old: int) -> None:
    assert SplitRatio.from_float(value) == SplitRatio(new, old)


@pytest.mark.parametrize("value", [0.005263, 3.14159265358979, 0.0, -0.04, float("nan"), float("inf"), "0.04"])
def test_from_float_refuses(value: object) -> None:
    with pytest.raises(InvalidRatio):
        SplitRatio.from_float(value)  # type: ignore[arg-type]


def test_compose_and_cumulative() -> None:
    a, b = SplitRatio.parse("1-for-25"), SplitRatio.parse("1-for-10")
    assert a.compose(b) == SplitRatio(1, 250)
    assert sc.cumulative([a, b]) == SplitRatio(1, 250)
    assert sc.cumulative(["1-for-25", "1-for-10"]).magnitude == 250
    assert sc.compose() == SplitRatio(1, 1)
    assert a.compose(a.inverse()) == SplitRatio(1, 1)


def test_frozen_and_hashable() -> None:
    r = SplitRatio(1, 25)
    with pytest.raises(AttributeError):
        r.new = 2  # type: ignore[misc]
    assert {r: 1}[SplitRatio(2, 50)] == 1
