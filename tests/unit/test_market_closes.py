"""get_closes: many tickers side by side for scan, one shared provider, failures named, progress on a terminal."""

from __future__ import annotations

import datetime as dt
import io
import json
import warnings

import numpy as np
import pandas as pd
import pytest

import splitcalc as sc
from splitcalc import SplitRatio
from splitcalc.calendars import sessions_between
from splitcalc.compliance import scan
from splitcalc.errors import DataUnavailable, SplitcalcWarning
from splitcalc.market import get_closes
from splitcalc.market._frame import build_frame


class ListedProvider:
    """Constant closes per ticker over its own listing window; unknown tickers are unavailable."""

    name = "listed"
    requires_network = False

    def __init__(self, listings: dict[str, tuple[str, str, float]]) -> None:
        self.listings = listings
        self.calls: list[str] = []

    def fetch(self, ticker: str, start: dt.date, end: dt.date) -> pd.DataFrame:
        self.calls.append(ticker)
        if ticker not in self.listings:
            raise DataUnavailable(ticker, self.name, "no such symbol")
        first, last, close = self.listings[ticker]
        days = sessions_between(max(start, dt.date.fromisoformat(first)), min(end, dt.date.fromisoformat(last)))
        splits = [(dt.date(2024, 3, 1), SplitRatio(1, 10))] if ticker == "SPLT" else []
        return build_frame(days, {"close": [close] * len(days)}, splits=splits, source=self.name)


LISTINGS = {
    "LOW": ("2024-01-02", "2024-06-28", 0.50),  # below $1 throughout: a deficiency
    "HIGH": ("2024-01-02", "2024-06-28", 3.00),
    "LATE": ("2024-03-01", "2024-06-28", 2.00),  # listed later: NaN before
    "SPLT": ("2024-01-02", "2024-06-28", 1.50),
}


def test_wide_closes_one_column_per_ticker_in_order_and_once() -> None:
    provider = ListedProvider(LISTINGS)
    wide = get_closes(["low", "HIGH", "LATE", "LOW", "SPLT"], "2024-01-02", "2024-06-28", provider=provider)
    assert list(wide.columns) == ["LOW", "HIGH", "LATE", "SPLT"]
    assert provider.calls == ["LOW", "HIGH", "LATE", "SPLT"]  # "low" and "LOW" are one ticker, fetched once
    assert wide.index.name == "date" and wide.index.is_monotonic_increasing
    assert wide.index[0] == pd.Timestamp("2024-01-02") and wide.index[-1] == pd.Timestamp("2024-06-28")
    assert wide["LATE"].loc[:"2024-02-29"].isna().all() and wide["LATE"].loc["2024-03-01":].eq(2.0).all()
    assert wide.attrs["splits"]["SPLT"] == [(dt.date(2024, 3, 1), SplitRatio(1, 10))]
    assert wide.attrs["splits"]["LOW"] == [] and wide.attrs["failed"] == {} and wide.attrs["source"] == "listed"
    statuses = scan(wide, "nasdaq-capital").frame["status"]
    assert statuses["LOW"] == "deficient" and statuses["HIGH"] == "compliant" and statuses["LATE"] == "compliant"


def test_a_ticker_that_cannot_be_had_is_left_out_named_and_warned() -> None:
    provider = ListedProvider(LISTINGS)
    with pytest.warns(SplitcalcWarning, match=r"2 of 4 tickers left out \(NOPE: .*no such symbol; bad ticker: "):
        wide = get_closes(["HIGH", "NOPE", "bad ticker", "LOW"], "2024-01-02", "2024-06-28", provider=provider)
    assert list(wide.columns) == ["HIGH", "LOW"]
    assert set(wide.attrs["failed"]) == {"NOPE", "bad ticker"}
    assert "no such symbol" in wide.attrs["failed"]["NOPE"]


def test_nothing_to_be_had_raises_the_first_reason() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(DataUnavailable, match="no such symbol"):
            get_closes(["NOPE", "NADA"], "2024-01-02", "2024-06-28", provider=ListedProvider(LISTINGS))
    with pytest.raises(sc.InputError, match="tickers"):
        get_closes([], "2024-01-02", "2024-06-28", provider=ListedProvider(LISTINGS))
    with pytest.raises(sc.InputError, match="end"):  # the caller's dates: raised at once, not per ticker
        get_closes(["HIGH"], "2024-06-28", "2024-01-02", provider=ListedProvider(LISTINGS))


def test_progress_line_only_when_asked(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    get_closes(["HIGH", "LOW"], "2024-01-02", "2024-06-28", provider=ListedProvider(LISTINGS))
    assert capsys.readouterr().err == ""  # stderr is not a terminal under pytest
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    get_closes(["HIGH", "LOW"], "2024-01-02", "2024-06-28", provider=ListedProvider(LISTINGS), progress=True)
    assert stream.getvalue().endswith("tickers: 2/2 done\n")


def test_public_name() -> None:
    assert sc.get_closes is get_closes
    alone = get_closes("LATE", "2024-01-02", "2024-06-28", provider=ListedProvider(LISTINGS))  # one ticker as text
    assert list(alone.columns) == ["LATE"] and not np.isnan(alone.to_numpy()).any()


def test_scan_command_names_each_ticker_and_warns_about_the_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import splitcalc.market.closes as closes_mod
    from splitcalc.cli import main

    real = closes_mod.get_closes

    def offline_get_closes(tickers: list[str], start: object, end: object, **kw: object) -> pd.DataFrame:
        assert kw == {"offline": True}
        return real(tickers, start, end, provider=ListedProvider(LISTINGS))  # no network in tests

    monkeypatch.setattr("splitcalc.market.get_closes", offline_get_closes)
    argv = ["scan", "LOW", "HIGH", "NOPE", "--start", "2024-01-02", "--end", "2024-06-28", "--offline", "--json"]
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith("splitcalc: warning: 1 of 3 tickers left out (NOPE: ")
    assert captured.err.count("\n") == 1
    rows = {row["ticker"]: row for row in json.loads(captured.out)["tickers"]}
    assert rows["LOW"]["status"] == "deficient" and rows["HIGH"]["status"] == "compliant"
    assert main(["scan", "LOW", "--exchange", "lse"]) == 2  # an unknown exchange: one line, exit 2
    assert "lse" in capsys.readouterr().err
