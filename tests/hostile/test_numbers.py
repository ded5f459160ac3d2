"""Hostile numbers, one root cause at a time, across every command and the library.

Root causes (issue 13, "Hangs and unbounded resources" and "Tracebacks instead
of one line"): a decimal with a huge exponent built a million-digit number
(hang); an integer past Python's 4,300-digit limit raised a bare ValueError;
ranges and candidate lists were built (or walked) before they were counted;
int64 and float arithmetic overflowed (OverflowError); Decimal arithmetic ran
out of context precision (decimal.InvalidOperation). Each is now refused (or
computed) where the value comes in, by :mod:`splitcalc.coerce`.

Nothing here builds a huge number: every refused value is refused unread.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import splitcalc as sc
from splitcalc.cli import main
from splitcalc.coerce import MAX_DIGITS, MAX_EXPONENT, as_date
from splitcalc.costbasis import round_up_gain, round_up_table

EXAMPLES = Path(__file__).resolve().parents[2] / "data" / "examples"
EXAMPLE = EXAMPLES / "hypothetical-capital-market-2025.toml"
PRICES = EXAMPLES / "hypothetical-capital-market-2025-prices.csv"

HUGE_EXPONENT = "1e999999"  # a million digits if expanded
LONG_INT = "9" * 5000  # past Python's 4,300-digit int() limit
PRICE_1E308 = "1e308"  # float max: decimal.InvalidOperation in 28-digit contexts
OUT_OF_RANGE = f"numbers have at most {MAX_DIGITS} digits"


def one_line_error(argv: list[str], capsys: pytest.CaptureFixture[str], code: int = 2) -> str:
    """Run the CLI; it must exit ``code`` with exactly one ``splitcalc: error:`` line."""
    assert main(argv) == code
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: error: "), err[:300]
    assert err.count("\n") == 1, err[:300]
    assert "Traceback" not in err
    return err


@pytest.fixture
def holder_csv(tmp_path: Path) -> Path:
    path = tmp_path / "holders.csv"
    path.write_text("holder_id,shares\na,1000\nb,50\n")
    return path


def scenario(tmp_path: Path, old: str, new: str) -> Path:
    """The shipped example with one text replacement, its price file beside it."""
    text = EXAMPLE.read_text()
    assert old in text
    (tmp_path / PRICES.name).write_bytes(PRICES.read_bytes())
    path = tmp_path / "hostile.toml"
    path.write_text(text.replace(old, new, 1))
    return path


# ----------------------------------------------------- huge decimal exponents
@pytest.mark.parametrize("price", [HUGE_EXPONENT, PRICE_1E308, "1e-999999"])
@pytest.mark.parametrize(
    "argv",
    [
        ["split", "--ratio", "1-for-25", "--outstanding", "1000", "--price"],
        ["sweep", "--outstanding", "1000000", "--price"],
        ["simulate", "--volatility", "0.9", "--paths", "10", "--days", "10", "--price"],
    ],
    ids=["split", "sweep", "simulate"],
)
def test_price_out_of_range_is_one_line(argv: list[str], price: str, capsys: pytest.CaptureFixture[str]) -> None:
    err = one_line_error([*argv, price], capsys)
    assert "--price" in err and OUT_OF_RANGE in err


@pytest.mark.parametrize("price", [HUGE_EXPONENT, PRICE_1E308])
def test_holdings_price_out_of_range(holder_csv: Path, price: str, capsys: pytest.CaptureFixture[str]) -> None:
    err = one_line_error(["holdings", "--ratio", "1-for-25", "--price", price, str(holder_csv)], capsys)
    assert OUT_OF_RANGE in err


@pytest.mark.parametrize("flag", ["--eps", "--par", "--book-value"])
def test_per_share_figures_out_of_range(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    one_line_error(["split", "--ratio", "1-for-25", "--outstanding", "1000", flag, HUGE_EXPONENT], capsys)


def test_scenario_price_out_of_range(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = scenario(tmp_path, 'value = "0.42"', f'value = "{HUGE_EXPONENT}"')
    err = one_line_error(["report", str(path), "-o", str(tmp_path / "r.md")], capsys)
    assert "structure.price" in err and OUT_OF_RANGE in err


def test_scenario_target_price_out_of_range(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = scenario(tmp_path, 'value = "2.00"', f'value = "{PRICE_1E308}"')
    err = one_line_error(["report", str(path), "-o", str(tmp_path / "r.md")], capsys)
    assert "split.target_price" in err


@pytest.mark.parametrize("field", ["price", "par", "eps", "book_value", "dividend"])
def test_capital_structure_refuses_huge_exponents(field: str) -> None:
    with pytest.raises(sc.InputError, match=field):
        sc.CapitalStructure(outstanding=1000, **{field: Decimal(HUGE_EXPONENT)})


def test_library_prices_and_cost_bases_refuse_huge_exponents(tmp_path: Path) -> None:
    h = sc.Holdings.from_arrays([1000, 50])
    with pytest.raises(sc.InputError, match="price"):
        h.apply("1-for-25", price=Decimal(HUGE_EXPONENT))
    with pytest.raises(sc.InputError, match="price"):
        round_up_gain(24, "1-for-25", HUGE_EXPONENT)
    lots = tmp_path / "lots.csv"
    lots.write_text(f"holder_id,shares,cost_basis\na,100,{HUGE_EXPONENT}\n")
    with pytest.raises(sc.InvalidHoldings, match="cost_basis"):
        sc.Holdings.from_csv(lots)


def test_within_bounds_is_computed_exactly() -> None:
    big = 10 ** (MAX_EXPONENT - 1)
    effect = sc.CapitalStructure(outstanding=1000, price=Decimal(big)).apply(sc.SplitRatio(1, big))
    assert effect.after.price == Decimal(big) * big  # past the bounds after the split: a result, not an input
    with pytest.raises(sc.InputError):
        sc.CapitalStructure(outstanding=1000, price=Decimal(10**MAX_EXPONENT))


# ------------------------------------------------ integers past 4,300 digits
def test_ratio_text_past_the_int_limit_is_invalid_ratio() -> None:
    with pytest.raises(sc.InvalidRatio, match="the second term"):
        sc.SplitRatio.parse(f"1-for-{LONG_INT}")
    with pytest.raises(sc.InvalidRatio, match="too large"):
        sc.SplitRatio.parse("one-for-" + " ".join(["hundred"] * 3000))  # 6,001 digits from words


def test_holder_file_share_count_past_the_int_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "holders.csv"
    path.write_text(f"holder_id,shares\na,{LONG_INT}\nb,5\n")
    err = one_line_error(["holdings", "--ratio", "1-for-25", str(path)], capsys)
    assert "share count too large at line 2" in err


def test_compliance_splits_past_the_int_limit(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["compliance", "--exchange", "nasdaq-capital", "--splits", f"2025-01-02:1-for-{LONG_INT}", str(PRICES)]
    assert "too large" in one_line_error(argv, capsys)


def test_sweep_range_past_the_int_limit(capsys: pytest.CaptureFixture[str]) -> None:
    err = one_line_error(["sweep", "--outstanding", "1000000", "--price", "0.2", "--range", f"2..{LONG_INT}"], capsys)
    assert "too large" in err


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("value = 48_000_000", f"value = {LONG_INT}", "scenario"),  # tomllib's own int() fails
        ("value = 48_000_000", f'value = "{LONG_INT}"', "structure.outstanding"),
        ('ratio = "1-for-10"', f'ratio = "1-for-{LONG_INT}"', "compliance.prior_splits[0].ratio"),
    ],
    ids=["toml-integer", "text-count", "prior-split-ratio"],
)
def test_scenario_integers_past_the_int_limit(
    tmp_path: Path, old: str, new: str, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = scenario(tmp_path, old, new)
    err = one_line_error(["report", str(path), "-o", str(tmp_path / "r.md")], capsys)
    assert f"error: {key}:" in err


def test_capital_structure_refuses_counts_past_the_bounds() -> None:
    with pytest.raises(sc.InputError, match="outstanding: is too large"):
        sc.CapitalStructure(outstanding=10**5000)  # the message shows its length, not its digits


# --------------------------------------------- ranges counted before built
def test_sweep_range_to_1e30_is_counted_not_built(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["sweep", "--outstanding", "1000000", "--price", "0.2", "--range", f"1-for-2..1-for-{10**30}"]
    assert "candidate ratios, more than the 10,000" in one_line_error(argv, capsys)


def test_candidates_of_a_huge_scenario_ratio_come_from_the_customary_list(tmp_path: Path) -> None:
    from splitcalc.analysis.ratio import candidates
    from splitcalc.scenarios.sweep import CUSTOMARY_REVERSE

    for n in (10**8, 10**12, 2**70):
        authorised_range = '[split.range]\nvalue = ["1-for-5", "1-for-30"]'
        path = scenario(tmp_path, authorised_range, f'[split.ratio]\nvalue = "1-for-{n}"')
        got = candidates(sc.load_scenario(path))
        assert sc.SplitRatio(1, n) in got
        assert len(got) <= 29 + len(CUSTOMARY_REVERSE) + 1  # 1-for-2..1-for-30, the customary list, the ratio


def test_round_up_table_does_not_walk_a_huge_ratio() -> None:
    with pytest.raises(sc.InputError, match="shares"):
        round_up_table(f"1-for-{10**12}", "0.17")


# ------------------------------------------------------------- overflow
def test_holdings_ratio_past_int64_is_refused(holder_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = one_line_error(["holdings", "--ratio", f"1-for-{2**63}", "--price", "0.5", str(holder_csv)], capsys)
    assert "2**63 - 1" in err
    with pytest.raises(sc.InvalidRatio):
        sc.Holdings.from_arrays([1000]).apply(sc.SplitRatio(1, 2**63))


def test_holdings_huge_forward_split_with_a_price_is_exact(
    holder_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["holdings", "--ratio", f"{2**62}-for-1", "--price", "1e39", "--json", str(holder_csv)]) == 0
    assert "Traceback" not in capsys.readouterr().err
    res = sc.Holdings.from_arrays([1000, 50]).apply(sc.SplitRatio(2**62, 1), price="1e39")
    assert res.totals.shares_after == 1050 * 2**62


def test_holder_sigma_1e308(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["sweep", "--outstanding", "1000000", "--price", "0.2", "--holders", "100", "--holder-sigma", "1e308"]
    assert "sigma: must be at most 10" in one_line_error(argv, capsys)


# ---------------------------------------------------- decimal context limits
def test_report_dollars_keep_every_digit() -> None:
    from splitcalc.report.formatting import dollars

    assert dollars(Decimal("1e39")) == "$1," + ",".join(["000"] * 13) + ".00"
    assert dollars(Decimal("1234567890123456789012345678901.5")) == "$1,234,567,890,123,456,789,012,345,678,901.50"


def test_planned_split_mvphs_with_a_large_price_is_exact() -> None:
    from splitcalc.compliance._splits import _cents_down

    price, shares = Decimal("123456789012345678901234567.891"), 7
    assert _cents_down(price, shares) == Decimal("864197523086419752308641975.23")


# ---------------------------------------------------- wrong types, library
@pytest.mark.parametrize(
    "call",
    [
        lambda: sc.cumulative(None),
        lambda: sc.cumulative(5),
        lambda: sc.CapitalStructure(outstanding=True),
        lambda: sc.SplitRatio.reverse(True),
        lambda: sc.Holdings.from_arrays([100]).apply("1-for-2").distribution(buckets=[0, True, 5]),
    ],
    ids=["cumulative-None", "cumulative-int", "outstanding-True", "reverse-True", "bucket-True"],
)
def test_wrong_types_raise_input_errors(call: object) -> None:
    with pytest.raises(sc.InputError):
        call()  # type: ignore[operator]


def test_parse_scenario_none() -> None:
    from splitcalc.analysis.scenario_file import parse_scenario

    with pytest.raises(sc.InputError, match="scenario"):
        parse_scenario(None)  # type: ignore[arg-type]


def test_paths_that_are_not_paths() -> None:
    with pytest.raises(sc.InputError, match="scenario"):
        sc.load_scenario(None)  # type: ignore[arg-type]
    with pytest.raises(sc.InvalidPrices, match="path"):
        sc.read_price_csv(None)  # type: ignore[arg-type]
    with pytest.raises(sc.InvalidHoldings, match="path"):
        sc.Holdings.from_csv(None)  # type: ignore[arg-type]


def test_get_prices_with_something_that_is_not_a_provider() -> None:
    with pytest.raises(sc.InputError, match="provider"):
        sc.get_prices("X", "2024-01-02", "2024-02-01", provider=object())  # type: ignore[arg-type]


def _sessions(n: int) -> pd.DatetimeIndex:
    return pd.bdate_range("2024-01-02", periods=n)


def test_price_frame_with_two_close_columns() -> None:
    frame = pd.DataFrame(np.full((40, 2), 0.5), index=_sessions(40), columns=["close", "close"])
    with pytest.raises(sc.InvalidPrices, match="more than one 'close' column"):
        sc.check_compliance(frame, "nasdaq-capital")
    frame.columns = pd.Index(["Close", " close"])
    with pytest.raises(sc.InvalidPrices, match="more than one 'close' column"):
        sc.check_compliance(frame, "nasdaq-capital")


def test_boolean_prices_are_not_one_dollar() -> None:
    with pytest.raises(sc.InvalidPrices, match="true/false"):
        sc.check_compliance(pd.Series(True, index=_sessions(40)), "nasdaq-capital")
    with pytest.raises(sc.InvalidPrices, match="true/false"):
        sc.check_compliance(pd.Series([True, False] * 20, index=_sessions(40), dtype=object), "nasdaq-capital")


def test_splits_that_are_not_pairs() -> None:
    with pytest.raises(sc.InputError, match="splits"):
        sc.check_compliance(pd.Series(0.5, index=_sessions(40)), "nasdaq-capital", splits=5)  # type: ignore[arg-type]


def test_numpy_integers_are_accepted_like_ints() -> None:
    assert sc.SplitRatio(np.int64(1), np.int64(25)) == sc.SplitRatio(1, 25)
    assert sc.SplitRatio.parse((np.int32(1), np.uint16(25))) == sc.SplitRatio(1, 25)
    assert sc.CapitalStructure(outstanding=np.int64(1000)).outstanding == 1000
    assert sc.Holdings.synthetic(np.int64(10), total_shares=np.int64(1000), seed=np.int64(1)).n_holders == 10
    assert sc.SplitRatio.reverse(np.int64(25)) == sc.SplitRatio(1, 25)
    assert dt.date(2024, 1, 2) == as_date(np.datetime64("2024-01-02"))
