from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from splitcalc import InputError, InvalidPrices
from splitcalc.cli import _prices
from splitcalc.cli._prices import add_price_args, default_lookback_days, load_prices

CSV = "date,close\n2024-01-02,1.5\n2024-01-03,1.25\n2024-01-04,1.0\n"


def parser(positional: bool) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="t", exit_on_error=False)
    add_price_args(p, positional=positional)
    return p


def test_positional_file(tmp_path: Path) -> None:
    path = tmp_path / "px.csv"
    path.write_text(CSV)
    args = parser(True).parse_args([str(path), "--start", "2024-01-03"])
    px = load_prices(args)
    assert px["close"].tolist() == [1.25, 1.0]


def test_prices_option(tmp_path: Path) -> None:
    path = tmp_path / "px.csv"
    path.write_text(CSV)
    args = parser(False).parse_args(["--prices", str(path), "--end", "2024-01-02"])
    assert load_prices(args)["close"].tolist() == [1.5]


def test_neither_or_both_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="give a price file"):
        load_prices(parser(True).parse_args([]))
    path = tmp_path / "px.csv"
    path.write_text(CSV)
    with pytest.raises(InputError, match="not both"):
        load_prices(parser(False).parse_args(["--prices", str(path), "--ticker", "X"]))


def test_end_before_start(tmp_path: Path) -> None:
    args = parser(False).parse_args(["--ticker", "X", "--start", "2024-02-01", "--end", "2024-01-01"])
    with pytest.raises(InputError, match="--end"):
        load_prices(args)


def test_bad_date_is_argparse_error() -> None:
    with pytest.raises(argparse.ArgumentError):
        parser(False).parse_args(["--start", "01/02/2024"])


def test_bad_file_is_invalid_prices(tmp_path: Path) -> None:
    args = parser(True).parse_args([str(tmp_path / "missing.csv")])
    with pytest.raises(InvalidPrices, match="no such price file"):
        load_prices(args)


def test_ticker_goes_to_get_prices(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake(ticker: str, start: dt.date, end: dt.date, *, offline: bool) -> pd.DataFrame:
        seen.update(ticker=ticker, start=start, end=end, offline=offline)
        return pd.DataFrame()

    monkeypatch.setattr("splitcalc.market.get_prices", fake)
    load_prices(parser(True).parse_args(["--ticker", "abc", "--end", "2024-06-30", "--offline"]))
    # default window: the rules' longest reverse-split look-back (730 days today) back from --end
    from splitcalc import rules

    lookback = rules.get("nasdaq-capital").reverse_split_lookback_days.value
    assert default_lookback_days() == lookback == 730
    assert seen == {"ticker": "abc", "start": dt.date(2022, 7, 1), "end": dt.date(2024, 6, 30), "offline": True}
    assert _prices.date_arg("2024-01-02") == dt.date(2024, 1, 2)


def test_cache_warnings_print_as_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import warnings

    from splitcalc import StaleCacheWarning

    def stale(ticker: str, start: dt.date, end: dt.date, *, offline: bool) -> pd.DataFrame:
        warnings.warn(
            f"offline: cached {ticker} prices end 2025-10-01,\n 3 session(s) before", StaleCacheWarning, stacklevel=2
        )
        return pd.DataFrame()

    monkeypatch.setattr("splitcalc.market.get_prices", stale)
    load_prices(parser(True).parse_args(["--ticker", "HYPO", "--end", "2025-10-06", "--offline"]))
    err = capsys.readouterr().err
    assert err == "splitcalc: warning: offline: cached HYPO prices end 2025-10-01, 3 session(s) before\n"


def test_other_warnings_pass_through(monkeypatch: pytest.MonkeyPatch) -> None:
    import warnings

    def deprecated(ticker: str, start: dt.date, end: dt.date, *, offline: bool) -> pd.DataFrame:
        warnings.warn("old API", DeprecationWarning, stacklevel=2)
        return pd.DataFrame()

    monkeypatch.setattr("splitcalc.market.get_prices", deprecated)
    with pytest.warns(DeprecationWarning, match="old API"):
        load_prices(parser(True).parse_args(["--ticker", "X", "--end", "2025-10-06"]))


def test_stale_cache_warning_from_the_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import warnings

    from splitcalc import StaleCacheWarning
    from splitcalc.cli import main

    # 2024-01-02..2024-03-28 closes at $4.00: 60 sessions, enough returns for the volatility
    days = pd.bdate_range("2024-01-02", periods=60)
    frame = pd.DataFrame({"close": [4.0 + 0.01 * (i % 3) for i in range(60)]}, index=days.rename("date"))

    def stale(ticker: str, start: dt.date, end: dt.date, *, offline: bool) -> pd.DataFrame:
        warnings.warn(
            "offline: cached X prices end 2024-03-26, 2 session(s) before 2024-03-28", StaleCacheWarning, stacklevel=2
        )
        return frame

    monkeypatch.setattr("splitcalc.market.get_prices", stale)
    argv = ["simulate", "--ticker", "X", "--offline", "--price", "4", "--days", "30", "--paths", "50", "--seed", "1"]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert err == "splitcalc: warning: offline: cached X prices end 2024-03-26, 2 session(s) before 2024-03-28\n"
