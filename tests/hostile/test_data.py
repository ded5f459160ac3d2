"""Data that would silently change answers: edited caches, dates out of order, foreign time zones, odd splits."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from splitcalc import CacheError, SplitRatio
from splitcalc.calendars import sessions_between
from splitcalc.cli import main
from splitcalc.market._frame import build_frame
from splitcalc.market.cache import PriceCache
from tests.conftest import MINIMAL_SCENARIO
from tests.hostile._util import one_line_error


# ------------------------------------------------------------ price cache
def _cached(root: Path, ticker: str = "ABC") -> Path:
    days = sessions_between(dt.date(2024, 1, 2), dt.date(2024, 3, 28))
    frame = build_frame(days, {"close": [0.5] * len(days)}, source="yahoo")
    return PriceCache(root).write(
        "yahoo",
        ticker,
        frame,
        start=dt.date(2024, 1, 2),
        fetched_at=dt.datetime(2024, 3, 29, 22, 0, tzinfo=dt.UTC),
        complete_through=dt.date(2024, 3, 28),
    )


def _edit_header(path: Path, edit: object) -> None:
    lines = path.read_bytes().split(b"\n", 2)
    header = json.loads(lines[1])
    edit(header)  # type: ignore[operator]
    path.write_bytes(lines[0] + b"\n" + json.dumps(header, separators=(",", ":")).encode() + b"\n" + lines[2])


def _offline_compliance() -> list[str]:
    return ["compliance", "--ticker", "ABC", "--offline", "--exchange", "nasdaq-capital", "--start", "2024-01-02"]


def test_a_hand_edited_cache_header_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(os.environ["SPLITCALC_CACHE_DIR"])
    path = _cached(root)
    _edit_header(path, lambda h: h["attrs"]["splits"].append(["2024-02-01", "1-for-10"]))
    with pytest.raises(CacheError, match="edited"):
        PriceCache(root).read("yahoo", "ABC")
    assert main(_offline_compliance()) == 1
    err = one_line_error(capsys)
    assert "checksum" in err and "without --offline" in err


@pytest.mark.parametrize(
    "header",
    [b"[]", b'"text"', b'{"bytes": 1}', b"[" * 5000 + b"]" * 5000],
    ids=["list", "string", "fields missing", "deep"],
)
def test_a_malformed_cache_header_is_one_line(header: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(os.environ["SPLITCALC_CACHE_DIR"])
    path = _cached(root)
    body = path.read_bytes().split(b"\n", 2)[2]
    rest = header + b"\n" + body
    path.write_bytes(b"splitcalc-price-cache 2 sha256=" + hashlib.sha256(rest).hexdigest().encode() + b"\n" + rest)
    with pytest.raises(CacheError):
        PriceCache(root).read("yahoo", "ABC")
    assert main(_offline_compliance()) == 1
    assert "cache" in one_line_error(capsys)


def test_a_consistent_header_of_the_wrong_shape_is_a_cache_error() -> None:
    root = Path(os.environ["SPLITCALC_CACHE_DIR"])
    path = _cached(root)
    lines = path.read_bytes().split(b"\n", 2)
    header = json.loads(lines[1])
    header["attrs"] = []  # was an AttributeError ('list' object has no attribute 'get')
    rest = json.dumps(header).encode() + b"\n" + lines[2]
    path.write_bytes(b"splitcalc-price-cache 2 sha256=" + hashlib.sha256(rest).hexdigest().encode() + b"\n" + rest)
    with pytest.raises(CacheError, match="corrupt"):
        PriceCache(root).read("yahoo", "ABC")


def test_an_old_cache_file_is_refetched_not_trusted() -> None:
    root = Path(os.environ["SPLITCALC_CACHE_DIR"])
    path = _cached(root)
    lines = path.read_bytes().split(b"\n", 2)
    path.write_bytes(b"splitcalc-price-cache 1\n" + lines[1] + b"\n" + lines[2])
    with pytest.raises(CacheError, match="older splitcalc"):
        PriceCache(root).read("yahoo", "ABC")


def test_the_cache_round_trips() -> None:
    root = Path(os.environ["SPLITCALC_CACHE_DIR"])
    _cached(root)
    entry = PriceCache(root).read("yahoo", "ABC")
    assert entry is not None and entry.frame["close"].eq(0.5).all()
    assert entry.frame.attrs["splits"] == []


# ------------------------------------------------------- dates in order
DATED = (
    MINIMAL_SCENARIO
    + """\
{split}
[compliance]
{compliance}
"""
)


@pytest.mark.parametrize(
    ("split", "compliance", "key"),
    [
        ("", "notice_date = 2025-11-03", "compliance.notice_date: is after the as-of date 2025-10-01"),
        ("announced = 2025-12-01\neffective = 2025-11-03", "", "split.announced: is after the effective date"),
        ("", "notice_date = 2025-06-02\ndeadline = 2025-05-01", "compliance.deadline: is before the deficiency"),
        ("approved = 2025-12-01\neffective = 2025-11-03", "", "split.effective: is before the approval date"),
    ],
)
def test_scenario_dates_out_of_order_are_refused_by_the_report(
    split: str, compliance: str, key: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.toml"
    path.write_text(DATED.format(split=split, compliance=compliance), encoding="utf-8")
    assert main(["report", str(path), "--format", "md", "-o", "-", "--no-charts", "--paths", "5"]) == 2
    assert key in one_line_error(capsys)


def test_the_library_refuses_the_same_notice() -> None:
    from splitcalc import InputError, check_compliance
    from splitcalc.market import read_price_csv
    from tests.conftest import REPO_ROOT

    prices = read_price_csv(REPO_ROOT / "data" / "examples" / "hypothetical-capital-market-2025-prices.csv")
    with pytest.raises(InputError, match=r"^notice_date: is after the as-of date 2025-03-03: the status cannot use"):
        check_compliance(prices, "nasdaq-capital", as_of="2025-03-03", notice_date="2025-04-01")


def test_dates_in_order_are_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.toml"
    text = DATED.format(
        split="announced = 2025-10-15\napproved = 2025-10-20\neffective = 2025-11-03",
        compliance="notice_date = 2025-06-02\ndeadline = 2025-12-01",
    )
    path.write_text(text, encoding="utf-8")
    assert main(["report", str(path), "--format", "md", "-o", "-", "--no-charts", "--paths", "5", "--quiet"]) == 0
    assert "2025-10-15" in capsys.readouterr().out


# ------------------------------------------------------ foreign time zones
def _ny_closes() -> pd.Series:
    days = sessions_between(dt.date(2024, 1, 2), dt.date(2024, 3, 28))
    index = pd.DatetimeIndex(days).tz_localize("America/New_York")  # yfinance's stamps: midnight in New York
    return pd.Series([0.5 + i / 1000 for i in range(len(days))], index=index, name="close")


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Tokyo", "UTC", "Pacific/Honolulu"])
def test_a_foreign_time_zone_is_read_as_new_york_dates(zone: str) -> None:
    from splitcalc.compliance._closes import prepare_closes

    ny = _ny_closes()
    expected = np.asarray(ny.index.tz_localize(None).values.astype("datetime64[D]"))
    moved = ny.tz_convert(zone)
    got = prepare_closes(moved, calendar="XNYS")
    assert got.caveats == ()  # no row landed on a weekend, none went missing
    np.testing.assert_array_equal(got.dates, expected)
    np.testing.assert_array_equal(got.values, ny.to_numpy())


def test_compliance_answers_do_not_depend_on_the_time_zone() -> None:
    from splitcalc import check_compliance

    ny = _ny_closes()
    base = check_compliance(ny.tz_localize(None), "nasdaq-capital")
    for zone in ("America/Los_Angeles", "Asia/Tokyo"):
        other = check_compliance(ny.tz_convert(zone), "nasdaq-capital")
        assert other.status == base.status
        assert other.as_of == base.as_of


def test_midnight_labels_in_utc_keep_their_dates() -> None:
    from splitcalc.compliance._closes import prepare_closes

    ny = _ny_closes()
    labels = ny.tz_localize(None).tz_localize("UTC")  # a file stamping each date at 00:00 UTC
    got = prepare_closes(labels, calendar="XNYS")
    assert got.caveats == ()
    np.testing.assert_array_equal(got.dates, np.asarray(ny.index.tz_localize(None).values.astype("datetime64[D]")))


def test_history_reads_foreign_zones_the_same_way() -> None:
    from splitcalc.history import split_events

    ny = _ny_closes().to_frame()
    ny["Stock Splits"] = 0.0
    ny.iloc[20, 1] = 0.1  # a 1-for-10 on the 21st session
    expected = [(dt.date(2024, 1, 31), SplitRatio(1, 10))]
    assert split_events(ny.tz_localize(None)) == expected
    assert split_events(ny.tz_convert("America/Los_Angeles")) == expected


# -------------------------------------------- a split factor no ratio gives
def _yf_frame(factor: float) -> pd.DataFrame:
    days = sessions_between(dt.date(2015, 3, 2), dt.date(2015, 6, 30))
    index = pd.DatetimeIndex(days).tz_localize("America/New_York")
    close = np.full(len(days), 540.0)
    frame = pd.DataFrame(
        {"Open": close, "High": close, "Low": close, "Close": close, "Adj Close": close, "Volume": 1e6},
        index=index,
    )
    frame["Dividends"] = 0.0
    frame["Stock Splits"] = 0.0
    frame.loc[pd.Timestamp("2015-04-27", tz="America/New_York"), "Stock Splits"] = factor
    frame.loc[pd.Timestamp("2015-06-01", tz="America/New_York"), "Stock Splits"] = 0.04
    return frame


def test_a_factor_that_is_no_ratio_keeps_the_frame_and_is_suspect() -> None:
    from splitcalc.history import check_splits, split_events, to_as_traded

    frame = _yf_frame(1.0027455)  # GOOG, 2015-04-27: Yahoo's record of the class C adjustment
    checks = check_splits(frame).checks
    assert [c.date for c in checks] == [dt.date(2015, 4, 27), dt.date(2015, 6, 1)]
    odd, real = checks
    assert odd.verdict == "suspect" and odd.reported_factor == 1.0027455
    assert "1.0027455" in odd.note and "no simple ratio" in odd.note and "left out" in odd.note
    assert odd.to_dict()["reported_factor"] == 1.0027455
    assert real.reported_factor is None and real.ratio == SplitRatio(1, 25)
    assert split_events(frame) == [(dt.date(2015, 6, 1), SplitRatio(1, 25))]
    traded = to_as_traded(frame)  # the history is kept: only the odd event is left out
    assert len(traded) == len(frame)
    assert traded["Close"].iloc[0] == pytest.approx(540.0 / 25)  # before a 1-for-25, as traded: 1/25 the price


def test_a_yfinance_factor_of_exactly_one_is_no_split() -> None:
    from splitcalc.history import split_events

    assert split_events(_yf_frame(1.0)) == [(dt.date(2015, 6, 1), SplitRatio(1, 25))]


def test_the_provider_keeps_the_prices_and_warns_with_the_float(monkeypatch: pytest.MonkeyPatch) -> None:
    import warnings

    from splitcalc import SplitcalcWarning
    from splitcalc.market import get_prices
    from splitcalc.market.yahoo import YahooProvider

    yp = YahooProvider(sleep=lambda s: None)
    monkeypatch.setattr(yp, "history", lambda ticker, start: _yf_frame(1.0027455))
    monkeypatch.setattr("splitcalc.market.yahoo.utc_now", lambda: dt.datetime(2015, 7, 1, 22, tzinfo=dt.UTC))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        px = get_prices("GOOG", "2015-03-02", "2015-06-30", provider=yp)
    assert len(px) == len(_yf_frame(1.0))
    assert px.attrs["splits"] == [(dt.date(2015, 6, 1), SplitRatio(1, 25))]
    said = [str(w.message) for w in caught if issubclass(w.category, SplitcalcWarning)]
    assert any("1.0027455" in m and "2015-04-27" in m for m in said), said


# ------------------------------------------------------------- no network
def _curl_dns_error() -> OSError:
    """What curl_cffi raises without DNS: a DNSError (curl code 6) carrying an empty response, status 0."""
    from curl_cffi.requests import exceptions as cx

    class _Empty:
        status_code = 0

    return cx.DNSError(
        "Failed to perform, curl: (6) Could not resolve host: query2.finance.yahoo.com. "
        "See https://curl.se/libcurl/c/libcurl-errors.html first for more details.",
        6,
        _Empty(),
    )


def _requests_dns_error() -> OSError:
    """What requests raises: ConnectionError wrapping urllib3's NameResolutionError wrapping socket.gaierror."""
    import socket

    import requests

    try:
        try:
            raise socket.gaierror(-3, "Temporary failure in name resolution")
        except socket.gaierror as inner:
            raise requests.exceptions.ConnectionError("HTTPSConnectionPool(host='query2'): Max retries") from inner
    except requests.exceptions.ConnectionError as outer:
        return outer


@pytest.mark.parametrize("make", [_curl_dns_error, _requests_dns_error], ids=["curl_cffi", "requests"])
def test_no_network_names_the_cause_and_what_to_do(
    make: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    import yfinance

    class Ticker:
        def __init__(self, symbol: str, session: object = None) -> None:
            pass

        def history(self, **kwargs: object) -> None:
            logging.getLogger("yfinance").error("$ABC: possibly delisted; no price data found")  # yfinance's noise
            raise make()  # type: ignore[operator]

    monkeypatch.setattr(yfinance, "Ticker", Ticker)
    from splitcalc.market.yahoo import YahooProvider

    defaults = YahooProvider.__init__.__kwdefaults__
    assert defaults is not None
    monkeypatch.setitem(defaults, "sleep", lambda seconds: None)  # the retries back off without waiting
    with caplog.at_level(logging.DEBUG):
        status = main(["compliance", "--ticker", "ABC", "--exchange", "nasdaq-capital"])
    assert status == 1
    err = one_line_error(capsys)
    assert "cannot reach Yahoo Finance: DNS lookup failed" in err
    assert "HTTP 0" not in err
    assert "--offline" in err and "price file" in err and "cached" in err
    assert not [r for r in caplog.records if r.name.startswith("yfinance") and r.levelno >= logging.WARNING]


@pytest.mark.parametrize(
    ("exc", "cause"),
    [
        (TimeoutError("timed out"), "the connection timed out"),
        (ConnectionRefusedError(111, "Connection refused"), "the connection was refused"),
        (OSError(101, "Network is unreachable"), "the network is unreachable"),
    ],
)
def test_other_network_causes_are_named(exc: OSError, cause: str) -> None:
    from splitcalc.market.yahoo import network_cause

    assert network_cause(exc) == cause


def test_scan_goes_on_past_a_failing_ticker(capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(os.environ["SPLITCALC_CACHE_DIR"])
    _cached(root, "ABC")
    argv = ["scan", "ABC", "NOPE", "--offline", "--start", "2024-01-02", "--end", "2024-03-28", "--json"]
    assert main(argv) == 0
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    assert "ABC" in json.dumps(rows)
    assert "NOPE" in captured.err  # the failing ticker is named
    assert captured.err.count("\n") <= 3


# ------------------------------------------------------- unbounded work
@pytest.mark.parametrize(
    "argv",
    [
        ["simulate", "--price", "1", "--volatility", "0.5", "--paths", "1000000000"],
        ["report", "--example", "neotherapeutics-2002", "--paths", "1000000000", "--no-charts", "-o", "-"],
    ],
)
def test_absurd_simulations_are_refused_with_the_bound(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    from splitcalc.scenarios.simulate import MAX_PATH_SESSIONS

    assert main(argv) == 2
    err = one_line_error(capsys)
    assert "hours of work" in err and f"{MAX_PATH_SESSIONS:,}" in err


def test_the_memory_guard_uses_what_the_process_may_have(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from splitcalc import InputError

    module = importlib.import_module("splitcalc.scenarios.simulate")  # the package re-exports simulate()
    limit, usage, meminfo = tmp_path / "memory.max", tmp_path / "memory.current", tmp_path / "meminfo"
    limit.write_text("209715200\n")  # a 200 MiB container ...
    usage.write_text("104857600\n")  # ... of which 100 MiB are in use
    meminfo.write_text("MemTotal:       65536000 kB\nMemAvailable:   32768000 kB\n")
    monkeypatch.setattr(module, "CGROUP_MEMORY_FILES", ((str(limit), str(usage)),))
    monkeypatch.setattr(module, "MEMINFO", str(meminfo))
    have, where = module.available_memory()
    assert have == 100 * 2**20 and "cgroup" in where
    with pytest.raises(InputError, match=r"more than this process can have \(100\.0 MiB, the cgroup limit"):
        module.check_size(252, 10_000)  # 138 MiB
    limit.write_text("max\n")  # no cgroup limit: MemAvailable decides
    meminfo.write_text("MemTotal:       65536000 kB\nMemAvailable:      51200 kB\n")
    have, where = module.available_memory()
    assert have == 51200 * 1024 and "MemAvailable" in where
    module.check_size(252, 100)  # 8.2 MiB fits in 50 MiB


def test_an_allocation_failure_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import splitcalc.scenarios

    def out_of_memory(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(splitcalc.scenarios, "simulate", out_of_memory)
    assert main(["simulate", "--price", "1", "--volatility", "0.5", "--paths", "100"]) == 1
    assert "out of memory" in one_line_error(capsys)


def test_drift_estimation_finds_the_split_day_in_a_foreign_zone() -> None:
    from splitcalc.scenarios.simulate import estimate_parameters

    ny = _ny_closes()
    values = ny.to_numpy().copy()
    values[20:] *= 10  # as traded: a 1-for-10 on the 21st session (2024-01-31)
    traded = pd.Series(values, index=ny.index)
    traded.attrs["splits"] = [(dt.date(2024, 1, 31), SplitRatio(1, 10))]
    base = estimate_parameters(traded.tz_localize(None))
    moved = traded.tz_convert("America/Los_Angeles")
    moved.attrs = dict(traded.attrs)
    assert estimate_parameters(moved).returns == base.returns == len(values) - 2  # the split-day return dropped
