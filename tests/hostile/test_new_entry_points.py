"""The hostile-input sweep over the entry points added beside it: filings, analyse(), cash-price flags, odds.

``terms FILE``, ``report --from-filing``, :func:`splitcalc.analyse`, ``SplitTerms.to_scenario``,
``recommend_ratio(min_odds=...)`` and the cash-in-lieu price (``--price-basis``, ``--price-source``,
``--closes``) read user values through the same door (:mod:`splitcalc.coerce`, :mod:`splitcalc.names`)
as the rest: numpy integers are counts, bools are not, probabilities are finite numbers in (0, 1],
hidden controls in text that outputs show are refused, and the CLI answers with one line.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from splitcalc.cli import main
from splitcalc.errors import InputError
from splitcalc.filings import extract
from tests.hostile._util import one_line_error

TEXT = (
    "NEW YORK, March 1, 2024 -- Acme Widgets, Inc. (Nasdaq: ACME) today announced that its Board of Directors "
    "approved a 1-for-20 reverse stock split. The reverse stock split will become effective at 12:01 a.m. Eastern "
    "Time on March 8, 2024, and the common stock will begin trading on a split-adjusted basis on March 8, 2024."
)
GIVEN = {"price": "0.5", "outstanding": 48_000_000, "exchange": "nasdaq-capital"}
REPORT = ["--price", "0.5", "--outstanding", "48000000", "--exchange", "nasdaq-capital", "--no-charts", "--quiet"]


@pytest.fixture
def filing(tmp_path: Path) -> Path:
    path = tmp_path / "pr.txt"
    path.write_text(TEXT)
    return path


# --- SplitTerms.to_scenario -------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["outstanding", "authorized"])
def test_to_scenario_reads_numpy_integers_as_counts(key: str) -> None:
    terms = extract(TEXT)
    plain = terms.to_scenario(**{**GIVEN, key: 48_000_000})
    numpy = terms.to_scenario(**{**GIVEN, key: np.int64(48_000_000)})
    assert getattr(numpy.structure, key) == getattr(plain.structure, key) == 48_000_000
    assert type(getattr(numpy.structure, key)) is int


@pytest.mark.parametrize("key", ["outstanding", "authorized"])
@pytest.mark.parametrize("value", [True, np.bool_(True), 48e6, -5, "huge"], ids=repr)
def test_to_scenario_refuses_what_is_no_count_naming_the_keyword(key: str, value: object) -> None:
    value = 10**5000 if value == "huge" else value  # more digits than Python reads from text
    with pytest.raises(InputError) as info:
        extract(TEXT).to_scenario(**{**GIVEN, key: value})
    assert info.value.param_name == key


@pytest.mark.parametrize("value", [True, 1e999999, Decimal("1e999999"), float("nan"), -1, "abc"])
def test_to_scenario_refuses_hostile_prices(value: object) -> None:
    with pytest.raises(InputError):
        extract(TEXT).to_scenario(**{**GIVEN, "price": value})


@pytest.mark.parametrize("key", ["company", "ticker", "source"])
@pytest.mark.parametrize("char", ["\x00", "\u202e", "\u2066"])
def test_to_scenario_refuses_hidden_controls(key: str, char: str) -> None:
    with pytest.raises(InputError):
        extract(TEXT).to_scenario(**{**GIVEN, key: f"AC{char}ME"})


@pytest.mark.parametrize("value", [5, b"pr.txt", "", object()])
def test_to_scenario_path_goes_through_the_path_door(value: object) -> None:
    with pytest.raises(InputError) as info:
        extract(TEXT).to_scenario(**{**GIVEN, "path": value})
    assert info.value.param_name == "path"


# --- probabilities: one check for analyse(), recommend_ratio() and --min-odds -------------------------------


BAD_ODDS = [float("nan"), float("inf"), 1e999, 0, 0.0, -0.1, 1.5, True, np.bool_(True), None, "high"]
GOOD_ODDS = [0.8, np.float64(0.8), Decimal("0.8"), Fraction(4, 5), "0.8", 1, np.int64(1)]


@pytest.mark.parametrize("value", BAD_ODDS, ids=repr)
def test_as_probability_refuses(value: object) -> None:
    from splitcalc.coerce import as_probability

    with pytest.raises(InputError) as info:
        as_probability(value, "min_odds")
    assert info.value.param_name == "min_odds"


@pytest.mark.parametrize("value", GOOD_ODDS, ids=repr)
def test_as_probability_reads_every_numeric_form(value: object) -> None:
    from splitcalc.coerce import as_probability

    expected = 1.0 if value in (1, np.int64(1)) else 0.8
    assert as_probability(value, "min_odds") == expected


@pytest.mark.parametrize("value", GOOD_ODDS, ids=repr)
def test_analyse_and_recommend_ratio_agree_on_min_odds(value: object) -> None:
    """Both accept every form of the same probability (they refused Decimals and text differently)."""
    import splitcalc as sc
    from splitcalc.scenarios import recommend_ratio

    expected = 1.0 if value in (1, np.int64(1)) else 0.8
    scenario = extract(TEXT).to_scenario(**GIVEN)
    assert sc.analyse(scenario, paths=20, min_odds=value).min_odds == expected  # type: ignore[arg-type]
    cap = sc.CapitalStructure(outstanding=48_000_000, price="0.5")
    rec = recommend_ratio(cap, ratios="2..30", rules="nasdaq-capital", min_odds=value)  # type: ignore[arg-type]
    assert rec.ratio is not None


@pytest.mark.parametrize("value", BAD_ODDS, ids=repr)
def test_analyse_and_recommend_ratio_refuse_the_same_odds(value: object) -> None:
    import splitcalc as sc
    from splitcalc.scenarios import recommend_ratio

    scenario = extract(TEXT).to_scenario(**GIVEN)
    with pytest.raises(InputError):
        sc.analyse(scenario, paths=20, min_odds=value)  # type: ignore[arg-type]
    cap = sc.CapitalStructure(outstanding=48_000_000, price="0.5")
    with pytest.raises(InputError):
        recommend_ratio(cap, ratios="2..30", rules="nasdaq-capital", min_odds=value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["nan", "inf", "1e999", "0", "-1", "1.01", "1e-999"])
def test_min_odds_flag_is_one_line(value: str, filing: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--from-filing", str(filing), *REPORT, "-o", "-", "--min-odds", value]) == 2
    assert "--min-odds" in one_line_error(capsys)


@pytest.mark.parametrize("value", [True, np.bool_(False), 1.5, -1, "seven"])
def test_analyse_refuses_a_seed_that_is_no_count(value: object) -> None:
    import splitcalc as sc

    with pytest.raises(InputError) as info:
        sc.analyse(extract(TEXT).to_scenario(**GIVEN), paths=20, seed=value)  # type: ignore[arg-type]
    assert info.value.param_name == "seed"


# --- the cash-in-lieu price: source text, average days, closes -----------------------------------------------


@pytest.mark.parametrize("char", ["\x00", "\u202e", "\u2067"])
def test_price_source_with_hidden_controls_is_refused(char: str) -> None:
    from splitcalc.cashprice import resolve_cash_price

    with pytest.raises(InputError) as info:
        resolve_cash_price("1.00", "given", source=f"agent{char}report")
    assert info.value.param_name == "price_source"


def test_price_source_flag_with_a_bidi_control_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["split", "--ratio", "1-for-10", "--outstanding", "1000", "--price", "1"]
    assert main([*argv, "--price-basis", "given", "--cash-price", "1", "--price-source", "ab\u202ecd"]) == 2
    assert "U+202E" in one_line_error(capsys)


CLOSES = {dt.date(2024, 1, d): Decimal(v) for d, v in ((2, "1.00"), (3, "1.10"), (4, "2.00"), (5, "3.00"))}


@pytest.mark.parametrize("days", [np.int64(2), np.int32(2), "2"])
def test_average_days_reads_every_count_form(days: object) -> None:
    from splitcalc.cashprice import average_close

    value, used = average_close(CLOSES, effective_date="2024-01-05", days=days)  # type: ignore[arg-type]
    assert value == (Fraction(110, 100) + 2) / 2 and len(used) == 2  # the closes of Jan 3 and 4


@pytest.mark.parametrize("days", [True, 2.0, 0, -1, "huge"], ids=repr)
def test_average_days_refuses_what_is_no_count(days: object) -> None:
    from splitcalc.cashprice import average_close

    days = 10**5000 if days == "huge" else days

    with pytest.raises(InputError) as info:
        average_close(CLOSES, effective_date="2024-01-05", days=days)  # type: ignore[arg-type]
    assert info.value.param_name == "average_days"


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Tokyo", "UTC"])
def test_average_closes_read_a_tz_aware_index_as_new_york_sessions(zone: str) -> None:
    """Closes stamped at New York midnight and shown in another zone average the same sessions."""
    from splitcalc.cashprice import average_close

    index = pd.DatetimeIndex([str(d) for d in CLOSES]).tz_localize("America/New_York")
    naive = pd.Series([float(v) for v in CLOSES.values()], index=pd.DatetimeIndex([str(d) for d in CLOSES]))
    aware = pd.Series(naive.to_numpy(), index=index.tz_convert(zone))
    expected = average_close(naive, effective_date="2024-01-05", days=2)
    assert average_close(aware, effective_date="2024-01-05", days=2) == expected
    assert [d.isoformat() for d, _ in expected[1]] == ["2024-01-03", "2024-01-04"]


def test_holdings_average_price_with_a_tz_aware_series_matches_the_naive_one() -> None:
    from splitcalc.holdings import Holdings

    h = Holdings(pd.DataFrame({"holder_id": ["a", "b"], "shares": [105, 7]}))
    naive = pd.Series([1.0, 1.1, 2.0, 3.0], index=pd.DatetimeIndex([str(d) for d in CLOSES]))
    shown_in_la = naive.index.tz_localize("America/New_York").tz_convert("America/Los_Angeles")
    aware = pd.Series(naive.to_numpy(), index=shown_in_la)
    kw = {"price_basis": "average", "effective_date": "2024-01-05", "average_days": 2}
    a = h.apply("1-for-10", price=naive, **kw)
    b = h.apply("1-for-10", price=aware, **kw)
    assert a.price == b.price == (Fraction(110, 100) + 2) / 2
    assert a.totals.cash_total == b.totals.cash_total is not None


# --- the CLI: one line and the right exit code on the new commands ---------------------------------------


def test_terms_on_a_fifo_does_not_hang(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pr.fifo"
    os.mkfifo(fifo)
    assert main(["terms", str(fifo)]) == 2
    one_line_error(capsys)


def test_from_filing_refuses_its_filing_as_output_even_with_force(
    filing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = filing.read_bytes()
    assert main(["report", "--from-filing", str(filing), *REPORT, "-o", str(filing), "--force"]) == 2
    one_line_error(capsys)
    assert filing.read_bytes() == before


def test_from_filing_refuses_a_fifo_as_output(filing: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    assert main(["report", "--from-filing", str(filing), *REPORT, "-o", str(fifo), "--force"]) == 2
    one_line_error(capsys)
    assert fifo.exists() and not fifo.is_file()


@pytest.mark.parametrize("flag", ["--price", "--outstanding"])
def test_from_filing_huge_numbers_are_one_line(flag: str, filing: Path, capsys: pytest.CaptureFixture[str]) -> None:
    value = "1e999999" if flag == "--price" else "9" * 5000
    argv = list(REPORT)
    argv[argv.index(flag) + 1] = value
    assert main(["report", "--from-filing", str(filing), *argv, "-o", "-"]) == 2
    one_line_error(capsys)


@pytest.mark.parametrize(
    "argv",
    [
        ["terms", "{filing}"],
        ["terms", "{filing}", "--json"],
        ["report", "--from-filing", "{filing}", *REPORT, "--format", "json", "-o", "-"],
    ],
    ids=["terms", "terms-json", "report-from-filing"],
)
def test_a_full_stdout_is_one_line_exit_1(argv: list[str], filing: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``>/dev/full`` on the new commands: an OSError on writing stdout is one line and exit status 1."""
    import io
    import sys

    class Full(io.StringIO):
        def write(self, s: str) -> int:
            raise OSError(28, "No space left on device")

        def flush(self) -> None:
            raise OSError(28, "No space left on device")

    real = sys.stdout
    sys.stdout = Full()
    try:
        code = main([a.format(filing=filing) for a in argv])
    finally:
        sys.stdout = real
    assert code == 1
    assert "cannot write to standard output" in one_line_error(capsys)


# --- absurd model inputs: bounded in simulate(), simulate_many(), the CLI and scenario files ----------------


@pytest.mark.parametrize("key", ["volatility", "drift"])
@pytest.mark.parametrize("value", [1e308, 1e9, 10.5, "1e308"], ids=repr)
def test_simulate_and_simulate_many_refuse_absurd_model_inputs(key: str, value: object) -> None:
    import warnings

    from splitcalc.scenarios import simulate, simulate_many
    from splitcalc.scenarios.simulate import MAX_DRIFT, MAX_VOLATILITY

    bound = MAX_VOLATILITY if key == "volatility" else MAX_DRIFT
    kw = {"paths": 20, "seed": 1, "volatility": 0.9, key: value}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a numpy overflow warning is a failure, not an answer
        for run in (lambda: simulate(1.5, **kw), lambda: simulate_many([1.5, 3], **kw)):
            with pytest.raises(InputError) as info:
                run()
            assert info.value.param_name == key
            assert isinstance(value, str) or f"at most {bound:g}" in str(info.value)  # text: the 1e40 door first


@pytest.mark.parametrize("key", ["volatility", "drift"])
def test_the_model_bounds_themselves_are_accepted(key: str) -> None:
    from splitcalc.scenarios import simulate
    from splitcalc.scenarios.simulate import MAX_DRIFT, MAX_VOLATILITY

    bound = MAX_VOLATILITY if key == "volatility" else MAX_DRIFT
    sim = simulate(1.5, paths=20, seed=1, **{"volatility": 0.9, key: bound})
    assert getattr(sim, key) == bound


@pytest.mark.parametrize("flag", ["--volatility", "--drift"])
def test_simulate_flag_with_an_absurd_model_input_is_one_line(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["simulate", "--price", "1.5", "--volatility", "0.9", "--paths", "20", "--seed", "1"]
    assert main([*argv, flag, "1e308"]) == 2
    assert flag in one_line_error(capsys)


def test_an_absurd_scenario_volatility_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    from splitcalc.analysis.scenario_file import example_path

    source = Path(str(example_path("neotherapeutics-2002")))
    shutil.copy(source.with_name("neotherapeutics-2002-holders.csv"), tmp_path)
    text = source.read_text(encoding="utf-8")
    assumed = '[assumptions.volatility]\nvalue = "1.00"'
    assert assumed in text
    scenario = tmp_path / "s.toml"
    scenario.write_text(text.replace(assumed, '[assumptions.volatility]\nvalue = "1e9"'), encoding="utf-8")
    out = tmp_path / "r.json"
    assert main(["report", str(scenario), "--no-charts", "--quiet", "--paths", "20", "-o", str(out)]) == 2
    assert "volatility" in one_line_error(capsys)
    assert not out.exists()


# --- a stated authorised count: the count door --------------------------------------------------------------


@pytest.mark.parametrize("value", [20_000_000, np.int64(20_000_000), np.uint32(20_000_000), "20,000,000"], ids=repr)
def test_apply_reads_a_stated_authorised_count_in_every_form(value: object) -> None:
    import splitcalc as sc

    cap = sc.CapitalStructure(outstanding=100_000_000, authorized=200_000_000, price="0.5")
    effect = cap.apply("1-for-20", authorized=value)  # type: ignore[arg-type]
    assert effect.after.authorized == 20_000_000 and type(effect.after.authorized) is int


@pytest.mark.parametrize("value", [True, np.bool_(True), 20e6, -1, "huge", "some", None], ids=repr)
def test_apply_refuses_a_stated_authorised_count_that_is_no_count(value: object) -> None:
    import splitcalc as sc

    value = 10**5000 if value == "huge" else value
    cap = sc.CapitalStructure(outstanding=100_000_000, authorized=200_000_000, price="0.5")
    with pytest.raises(InputError) as info:
        cap.apply("1-for-20", authorized=value)  # type: ignore[arg-type]
    assert info.value.param_name == "authorized"


@pytest.mark.parametrize("value", [None, 1.5, "1.5", Decimal("1.5"), object()], ids=repr)
def test_simulate_many_refuses_start_prices_that_are_no_list(value: object) -> None:
    from splitcalc.scenarios import simulate_many

    with pytest.raises(InputError) as info:
        simulate_many(value, paths=20, seed=1, volatility=0.9)  # type: ignore[arg-type]
    assert info.value.param_name == "start_prices"


@pytest.mark.parametrize("form", [list, tuple, np.array, pd.Series], ids=lambda f: f.__name__)
def test_simulate_many_reads_start_prices_from_any_sequence(form: object) -> None:
    from splitcalc.scenarios import simulate_many

    many = simulate_many(form([1.5, 3.0]), paths=20, seed=1, volatility=0.9)  # type: ignore[operator]
    assert many.start_prices == (Decimal("1.5"), Decimal("3.0"))


# --- extract() and read_filing(): dates and limits through the door -------------------------------------------


@pytest.mark.parametrize(
    "filed", [dt.date(2024, 3, 1), "2024-03-01", np.datetime64("2024-03-01"), pd.Timestamp("2024-03-01")], ids=repr
)
def test_extract_reads_the_filing_date_like_every_date(filed: object) -> None:
    text = TEXT.replace("NEW YORK, March 1, 2024 -- ", "")  # "today" then needs the filing date
    terms = extract(text, filed=filed)  # type: ignore[arg-type]
    assert terms.filed == dt.date(2024, 3, 1)


@pytest.mark.parametrize("filed", [True, 20240301, "March 1", "2024-13-01"], ids=repr)
def test_extract_refuses_a_filing_date_that_is_no_date(filed: object) -> None:
    with pytest.raises(InputError) as info:
        extract(TEXT, filed=filed)  # type: ignore[arg-type]
    assert info.value.param_name == "filed"


@pytest.mark.parametrize("limit", [True, 0, -1, 10**50, 1.5], ids=repr)
def test_read_filing_refuses_a_limit_that_is_no_count(limit: object, filing: Path) -> None:
    from splitcalc.filings.source import read_filing

    with pytest.raises(InputError) as info:
        read_filing(filing, limit=limit)  # type: ignore[arg-type]
    assert info.value.param_name == "limit"


# --- cash-price flags that would be ignored or misread --------------------------------------------------------


def test_split_cash_price_without_a_per_new_share_basis_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """``--cash-price`` is per NEW share; under the default theoretical basis it was read per old share (x10)."""
    argv = ["split", "--ratio", "1-for-10", "--outstanding", "1000", "--price", "1", "--cash-price", "2"]
    assert main(argv) == 2
    assert "--cash-price" in one_line_error(capsys)


@pytest.mark.parametrize("basis", ["given", "agent_sale"])
def test_split_cash_price_is_kept_per_new_share(basis: str, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    argv = ["split", "--ratio", "1-for-10", "--outstanding", "1000", "--price", "1", "--cash-price", "2", "--json"]
    assert main([*argv, "--price-basis", basis]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    (row,) = [r for r in rows if r["metric"] == "Cash-in-lieu price per new share"]
    assert row["after"] == "2.00"


@pytest.mark.parametrize(
    "extra",
    [["--closes", "{closes}"], ["--average-days", "2"], ["--effective-date", "2024-01-05"]],
    ids=["closes", "average-days", "effective-date"],
)
def test_holdings_average_flags_without_the_average_basis_are_refused(
    extra: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    holders = tmp_path / "h.csv"
    holders.write_text("holder_id,shares\na,105\nb,7\n")
    closes = tmp_path / "c.csv"
    closes.write_text("date,close\n2024-01-02,1.0\n2024-01-03,1.1\n2024-01-04,2.0\n")
    argv = ["holdings", str(holders), "--ratio", "1-for-10", "--price", "1"]
    assert main([*argv, *(a.format(closes=closes) for a in extra)]) == 2
    assert extra[0] in one_line_error(capsys)


def test_holdings_closes_on_a_fifo_names_the_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    holders = tmp_path / "h.csv"
    holders.write_text("holder_id,shares\na,105\nb,7\n")
    fifo = tmp_path / "c.fifo"
    os.mkfifo(fifo)
    argv = ["holdings", str(holders), "--ratio", "1-for-10", "--price-basis", "average", "--closes", str(fifo)]
    assert main([*argv, "--effective-date", "2024-01-05", "--average-days", "2"]) == 2
    assert "--closes" in one_line_error(capsys)


# --- analyse(prices=, holdings=): splitcalc's own errors for wrong types ----------------------------------------


@pytest.mark.parametrize(
    "prices",
    [5, "prices.csv", pd.Series([0.5], index=pd.DatetimeIndex(["2002-07-01"])), pd.DataFrame({"open": [0.5]})],
    ids=["int", "path-text", "series", "no-close"],
)
def test_analyse_refuses_prices_that_are_no_price_frame(prices: object) -> None:
    import splitcalc as sc

    with pytest.raises(InputError) as info:
        sc.analyse(sc.load_example("neotherapeutics-2002"), prices=prices, paths=20)  # type: ignore[arg-type]
    assert info.value.param_name == "prices"


@pytest.mark.parametrize("holdings", [5, "holders.csv", pd.DataFrame({"holder_id": ["a"], "shares": [1]})], ids=repr)
def test_analyse_refuses_holdings_that_are_no_holdings(holdings: object) -> None:
    import splitcalc as sc

    with pytest.raises(InputError) as info:
        sc.analyse(sc.load_example("neotherapeutics-2002"), holdings=holdings, paths=20)  # type: ignore[arg-type]
    assert info.value.param_name == "holdings"


@pytest.mark.parametrize("value", [np.int64(2_000_000), np.uint32(2_000_000)], ids=repr)
def test_scenario_reads_a_numpy_authorised_count(value: object) -> None:
    import dataclasses

    import splitcalc as sc

    s = dataclasses.replace(sc.load_example("neotherapeutics-2002"), authorized_policy=value)
    assert s.authorized_policy == 2_000_000 and type(s.authorized_policy) is int


@pytest.mark.parametrize("value", [True, -1, "huge", 2e6], ids=repr)
def test_scenario_refuses_an_authorised_count_that_is_no_count(value: object) -> None:
    import dataclasses

    import splitcalc as sc

    value = 10**5000 if value == "huge" else value
    with pytest.raises(InputError) as info:
        dataclasses.replace(sc.load_example("neotherapeutics-2002"), authorized_policy=value)
    assert info.value.param_name in ("split.authorized_after", "split.authorized_policy")


@pytest.mark.parametrize("groups", [14, 1_667], ids=["42-digits", "5001-digits"])
def test_a_filing_count_past_the_bounds_is_not_read(
    groups: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A share count of more than 40 digits in a filing is no share count: not read, never a ValueError."""
    from splitcalc.filings.fields import _count

    grouped = ",".join(["999"] * groups)
    assert _count(grouped) is None and _count(f"{'9' * 3 * groups}.5 million") is None
    assert _count("39,752,812") == 39_752_812 and _count("2.4 million") == 2_400_000
    split = "approved a 1-for-20 reverse stock split"
    reduce = f"{split} to reduce the number of outstanding shares from {grouped} shares to 2,400,000"
    text = TEXT.replace(split, reduce, 1)
    assert extract(text).outstanding_before is None
    path = tmp_path / "pr.txt"
    path.write_text(text)
    argv = ["report", "--from-filing", str(path), "--price", "0.5", "--exchange", "nasdaq-capital", "--no-charts"]
    assert main([*argv, "--quiet", "-o", "-"]) == 2
    err = one_line_error(capsys)
    assert "--outstanding" in err and "not state" in err  # asks for the figure; does not blame a flag not given


@pytest.mark.parametrize("char", ["\x00", "\u202e"], ids=["nul", "bidi"])
@pytest.mark.parametrize("where", ["origin", "fact-label"])
def test_a_scenario_built_in_python_refuses_hidden_controls_in_shown_text(where: str, char: str) -> None:
    """``Scenario(origin=...)`` and a fact's label are shown in every report: the same door as names."""
    import dataclasses

    import splitcalc as sc

    s = sc.load_example("neotherapeutics-2002")
    fact = dataclasses.replace(s.facts[0], label=f"Shares{char}outstanding")
    changes = {"origin": f"built{char}here"} if where == "origin" else {"facts": (fact, *s.facts[1:])}
    with pytest.raises(InputError):
        dataclasses.replace(s, **changes)  # type: ignore[arg-type]


def test_an_absurd_volatility_estimated_from_a_history_is_refused() -> None:
    """A price history swinging 1,000,000x a day estimates a volatility far past the bound: an error, not odds."""
    from splitcalc.scenarios import simulate, simulate_many
    from splitcalc.scenarios.simulate import MAX_VOLATILITY

    index = pd.bdate_range("2023-01-02", periods=300)
    history = pd.Series(np.where(np.arange(300) % 2 == 0, 1e-3, 1e3), index=index)
    runs = (lambda: simulate(1.5, paths=20, seed=1, history=history), lambda: simulate_many([1.5], history=history))
    for run in runs:
        with pytest.raises(InputError) as info:
            run()
        assert info.value.param_name == "history" and f"{MAX_VOLATILITY:g}" in str(info.value)


# --- model numbers: one reading (coerce.as_real) for volatility, drift, the holder shape and min_odds -----------

REAL_FORMS = [0.9, np.float64(0.9), np.float32(0.5), Decimal("0.9"), Fraction(9, 10), "0.9", 1, np.int64(1)]


@pytest.mark.parametrize("value", REAL_FORMS, ids=repr)
def test_volatility_drift_and_sigma_read_every_numeric_form(value: object) -> None:
    from splitcalc.coerce import as_real
    from splitcalc.scenarios import simulate
    from splitcalc.scenarios.holders import HolderSizeDistribution

    expected = as_real(value, "x")
    sim = simulate(1.5, paths=20, seed=1, volatility=value, drift=value)
    assert (sim.volatility, sim.drift) == (expected, expected)
    dist = HolderSizeDistribution.lognormal(1_000, publicly_held=1_000_000, sigma=value)  # type: ignore[arg-type]
    assert dist == HolderSizeDistribution.lognormal(1_000, publicly_held=1_000_000, sigma=expected)


NOT_REAL = [True, np.bool_(True), None, float("nan"), float("inf"), "1e999999", object()]


@pytest.mark.parametrize("value", NOT_REAL, ids=repr)
def test_volatility_drift_and_sigma_refuse_what_is_no_number(value: object) -> None:
    from splitcalc.scenarios import simulate
    from splitcalc.scenarios.holders import HolderSizeDistribution

    for key in ("volatility", "drift"):
        if value is None:
            continue  # None means "the default" for both
        with pytest.raises(InputError) as info:
            simulate(1.5, paths=20, seed=1, **{"volatility": 0.9, key: value})
        assert info.value.param_name == key
    with pytest.raises(InputError) as info:
        HolderSizeDistribution.lognormal(1_000, publicly_held=1_000_000, sigma=value)  # type: ignore[arg-type]
    assert info.value.param_name == "sigma"


FACTOR_FORMS = [0.04, np.float64(0.04), np.float32(0.04), Decimal("0.04"), Fraction(1, 25)]


@pytest.mark.parametrize("value", FACTOR_FORMS, ids=repr)
def test_split_ratio_from_float_reads_every_numeric_form(value: object) -> None:
    from splitcalc.ratio import SplitRatio

    assert SplitRatio.from_float(value) == SplitRatio(1, 25)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [True, "0.04", None, float("nan"), 0.0, -0.04], ids=repr)
def test_split_ratio_from_float_refuses_what_is_no_factor(value: object) -> None:
    from splitcalc.errors import InvalidRatio
    from splitcalc.ratio import SplitRatio

    with pytest.raises(InvalidRatio):
        SplitRatio.from_float(value)  # type: ignore[arg-type]


def test_simulate_many_refuses_a_run_of_hours_over_many_candidates() -> None:
    """Each candidate re-judges every path: 100,000 starting prices x 252 sessions x 10,000 paths is refused at once."""
    import time

    from splitcalc.scenarios import simulate_many
    from splitcalc.scenarios.simulate import MAX_PATH_SESSIONS

    started = time.perf_counter()
    with pytest.raises(InputError) as info:
        simulate_many([1.5] * 100_000, paths=10_000, seed=1, volatility=0.9)
    assert time.perf_counter() - started < 5  # refused before drawing anything (the run would take hours)
    assert info.value.param_name == "paths" and f"{MAX_PATH_SESSIONS:,}" in str(info.value)
    assert "100,000 starting prices" in str(info.value)
    assert simulate_many([1.5] * 3, paths=50, seed=1, volatility=0.9).paths == 50  # a small run still goes


def test_a_report_whose_candidates_would_run_for_hours_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["report", "--example", "neotherapeutics-2002", "--no-charts", "--quiet", "--format", "json", "-o", "-"]
    assert main([*argv, "--paths", "20000000"]) == 2
    assert "--paths" in one_line_error(capsys)
