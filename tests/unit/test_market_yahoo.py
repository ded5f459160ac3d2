"""yfinance driven fully offline: `responses` serves Yahoo's chart JSON to the requests backend.

conftest sets YF_DISABLE_CURL_CFFI=1 before anything imports yfinance, so yfinance talks
through `requests`, which `responses` intercepts (market-data.md §1.7). Recorded charts come
from ../shared/data/yahoo (skipped when absent); US reverse splits are built here in the
same shape, with Yahoo's integer numerator/denominator.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest
import requests
import responses

from splitcalc import DataUnavailable, SplitcalcWarning, SplitRatio
from splitcalc.market import get_prices
from splitcalc.market.yahoo import YahooProvider

CHART = re.compile(r"https://query\d\.finance\.yahoo\.com/v8/finance/chart/(?P<sym>[^?/]+)")
NY = ZoneInfo("America/New_York")


# ------------------------------------------------------------------ fixtures
@pytest.fixture
def yahoo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[responses.RequestsMock]:
    """A fresh, offline yfinance: its caches in tmp_path and its in-memory state reset."""
    assert os.environ.get("YF_DISABLE_CURL_CFFI") == "1"
    import yfinance as yf
    from yfinance import _http, base, cache, data

    assert _http.HAS_CURL_CFFI is False  # requests backend: interceptable
    yf.set_tz_cache_location(str(tmp_path / "py-yfinance"))
    # yfinance keeps a singleton session, an LRU of chart replies and counters per process;
    # each test starts from scratch so that one test's replies cannot answer another's.
    monkeypatch.setattr(cache._TzCacheManager, "_tz_cache", None)
    monkeypatch.setattr(cache._CookieCacheManager, "_Cookie_cache", None)
    monkeypatch.setattr(data.SingletonMeta, "_instances", {})
    monkeypatch.setattr(base, "_tz_info_fetch_ctr", 0)
    data.YfData.cache_get.cache_clear()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rs:
        rs.add(responses.GET, re.compile(r"https://fc\.yahoo\.com.*"), status=404)
        rs.add(responses.GET, re.compile(r"https://query\d\.finance\.yahoo\.com/v1/test/getcrumb.*"), body="crumb")
        rs.add(responses.GET, re.compile(r"https://(guce|consent)\.yahoo\.com.*"), status=404)
        rs.add(
            responses.GET,
            re.compile(r"https://query\d\.finance\.yahoo\.com/v10/finance/quoteSummary/.*"),
            status=404,
            json={"quoteSummary": {"result": None, "error": {"code": "Not Found", "description": "Quote not found"}}},
        )
        yield rs
    data.YfData.cache_get.cache_clear()


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def provider(sleeps: Sleeps | None = None, **kw: Any) -> YahooProvider:
    return YahooProvider(sleep=sleeps if sleeps is not None else Sleeps(), **kw)


def chart(
    days: list[str],
    closes: list[float],
    *,
    symbol: str,
    splits: dict[str, tuple[int, int]] | None = None,
    volumes: list[int] | None = None,
) -> dict[str, Any]:
    """Yahoo v8 chart JSON as the recorded samples show it (events at 09:30 New York)."""
    stamps = [int(dt.datetime.fromisoformat(d).replace(hour=9, minute=30, tzinfo=NY).timestamp()) for d in days]
    vols = volumes or [1_000_000] * len(days)
    events = {}
    if splits:
        events["splits"] = {
            str(stamps[days.index(d)]): {
                "date": stamps[days.index(d)],
                "numerator": n,
                "denominator": m,
                "splitRatio": f"{n}:{m}",
            }
            for d, (n, m) in splits.items()
        }
    result = {
        "meta": {
            "currency": "USD",
            "symbol": symbol,
            "exchangeName": "NCM",
            "instrumentType": "EQUITY",
            "gmtoffset": -18000,
            "timezone": "EST",
            "exchangeTimezoneName": "America/New_York",
            "priceHint": 4,
            "dataGranularity": "1d",
            "range": "",
        },
        "timestamp": stamps,
        "events": events,
        "indicators": {
            "quote": [
                {
                    "open": closes,
                    "high": [c * 1.02 for c in closes],
                    "low": [c * 0.98 for c in closes],
                    "close": closes,
                    "volume": vols,
                }
            ],
            "adjclose": [{"adjclose": closes}],
        },
    }
    return {"chart": {"result": [result], "error": None}}


def serve(rs: responses.RequestsMock, symbol: str, **kw: Any) -> None:
    rs.add(
        responses.GET,
        re.compile(rf"https://query\d\.finance\.yahoo\.com/v8/finance/chart/{re.escape(symbol)}\b.*"),
        **kw,
    )


def recorded(shared_yahoo: Path, name: str) -> dict[str, Any]:
    body: dict[str, Any] = json.loads((shared_yahoo / name).read_text())["response"]["bodyJson"]
    return body


def business_days(start: str, n: int) -> list[str]:
    return [d.date().isoformat() for d in pd.bdate_range(start, periods=n)]


# ------------------------------------------------------------- environment
def test_yfinance_not_imported_by_package_import() -> None:
    import subprocess
    import sys

    code = "import sys, splitcalc.market, splitcalc.history; print('yfinance' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


# ------------------------------------------------------------ recorded data
def test_recorded_nvda_forward_split_unadjusted(yahoo: responses.RequestsMock, shared_yahoo: Path) -> None:
    body = recorded(shared_yahoo, "historical-via-chart-NVDA-split-2021-02-01-to-2022-01-31.csv.json")
    serve(yahoo, "NVDA", json=body)
    quote = body["chart"]["result"][0]["indicators"]["quote"][0]
    stamps = body["chart"]["result"][0]["timestamp"]
    px = provider().fetch("NVDA", dt.date(2021, 2, 1), dt.date(2022, 1, 31))
    assert px.attrs["splits"] == [(dt.date(2021, 7, 20), SplitRatio(4, 1))]  # integer 4:1 recovered
    assert [c["verdict"] for c in px.attrs["split_checks"]] == ["ok"]
    days = [dt.datetime.fromtimestamp(s, NY).date() for s in stamps]
    split_at = days.index(dt.date(2021, 7, 20))
    yahoo_close = np.array(quote["close"], dtype=float)
    # Yahoo shows pre-split closes /4; as traded they were x4 (factor new/old = 4 for later splits)
    np.testing.assert_allclose(px["close"].to_numpy()[:split_at], yahoo_close[:split_at] * 4, rtol=1e-12)
    np.testing.assert_allclose(px["close"].to_numpy()[split_at:], yahoo_close[split_at:], rtol=1e-12)
    np.testing.assert_allclose(px["volume"].to_numpy()[:split_at], np.array(quote["volume"][:split_at]) / 4)
    assert px.index[0] == pd.Timestamp("2021-02-01")
    assert px.index.tz is None
    assert px.index.name == "date"


def test_recorded_aapl_split_on_first_row(yahoo: responses.RequestsMock, shared_yahoo: Path) -> None:
    # The recording starts on the 4:1 ex-date itself: every row is post-split, nothing to undo,
    # and the split cannot be checked (no earlier row) -- but it does not touch the rows, so no warning.
    body = recorded(shared_yahoo, "chart-AAPL-2020-08-31-to-2020-11-07.json")
    serve(yahoo, "AAPL", json=body)
    closes = body["chart"]["result"][0]["indicators"]["quote"][0]["close"]
    px = get_prices("aapl", "2020-08-31", "2020-11-06", provider=provider())
    np.testing.assert_allclose(px["close"], closes[: len(px)], rtol=1e-12)
    assert px.attrs["splits"] == [(dt.date(2020, 8, 31), SplitRatio(4, 1))]
    assert px.attrs["split_checks"][0]["verdict"] == "suspect"


# ------------------------------------------------------ constructed US cases
def us_reverse(
    symbol: str, n_before: int, n_after: int, traded_before: float, ratio: int, *, applied: bool
) -> tuple[dict[str, Any], list[str], np.ndarray]:
    """As-traded closes around a 1-for-`ratio` split and Yahoo's chart of them."""
    days = business_days("2024-03-04", n_before + n_after)
    rng = np.random.default_rng(ratio)
    walk = np.exp(np.cumsum(rng.normal(0, 0.02, n_before + n_after)))
    traded = traded_before * walk
    traded[n_before:] *= ratio  # as traded, the price jumps x ratio on the ex-date
    shown = traded.copy()
    if applied:
        shown[:n_before] *= ratio  # Yahoo's split adjustment of older rows
    body = chart(
        days,
        [float(x) for x in shown],
        symbol=symbol,
        splits={days[n_before]: (1, ratio)},
        volumes=[25_000_000] * n_before + [1_000_000] * n_after,
    )
    return body, days, traded


def test_us_1_for_25_round_trip_and_cache(yahoo: responses.RequestsMock, tmp_path: Path) -> None:
    body, days, traded = us_reverse("NEOT", 20, 10, 0.17, 25, applied=True)
    serve(yahoo, "NEOT", json=body)
    px = get_prices("NEOT", days[0], days[-1], provider=None, cache_dir=tmp_path / "c")
    np.testing.assert_allclose(px["close"], traded, rtol=1e-12)  # as traded: 0.17-ish, then x25
    assert px["close"].iloc[19] < 1 < px["close"].iloc[20]
    # volume: Yahoo's adjusted 25,000,000 / 25 ... as traded x25 -> 625,000,000
    assert px["volume"].iloc[0] == 25_000_000 * 25
    assert px.attrs["splits"] == [(dt.date.fromisoformat(days[20]), SplitRatio(1, 25))]
    assert px.attrs["adjustment"] == "as_traded"
    calls = len(yahoo.calls)
    again = get_prices("NEOT", days[0], days[-1], cache_dir=tmp_path / "c")  # warm cache: no request
    assert len(yahoo.calls) == calls
    pd.testing.assert_frame_equal(again, px)
    assert again.attrs["cached"] is True
    adjusted = get_prices("NEOT", days[0], days[-1], adjusted=True, cache_dir=tmp_path / "c", offline=True)
    np.testing.assert_allclose(adjusted["close"], body["chart"]["result"][0]["indicators"]["quote"][0]["close"])


def test_us_1_for_190_not_applied_is_reported(yahoo: responses.RequestsMock) -> None:
    # BCAN 2024-03-22 (yfinance #2002): 0.020 -> 2.51 with Stock Splits 0.005263
    body, days, _ = us_reverse("BCAN", 15, 10, 0.0132, 190, applied=False)
    serve(yahoo, "BCAN", json=body)
    with pytest.warns(SplitcalcWarning, match=r"1-for-190 on .* is not_applied"):
        px = get_prices("BCAN", days[0], days[-1], provider=provider())
    assert px.attrs["split_checks"][0]["verdict"] == "not_applied"
    assert px.attrs["split_checks"][0]["affected_rows"] == 15


def test_us_1_for_190_applied(yahoo: responses.RequestsMock) -> None:
    body, days, traded = us_reverse("BCAX", 15, 10, 0.0132, 190, applied=True)
    serve(yahoo, "BCAX", json=body)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        px = get_prices("BCAX", days[0], days[-1], provider=provider())
    np.testing.assert_allclose(px["close"], traded, rtol=1e-12)
    assert px.attrs["splits"][0][1] == SplitRatio(1, 190)  # from 0.005263157894736842


def test_hide_exceptions_restored(yahoo: responses.RequestsMock) -> None:
    import yfinance as yf

    yf.config.debug.hide_exceptions = True
    serve(yahoo, "ZZZQ", status=404, json={"chart": {"result": None, "error": {"code": "Not Found"}}})
    with pytest.raises(DataUnavailable):
        provider(retries=0).fetch("ZZZQ", dt.date(2024, 1, 2), dt.date(2024, 2, 1))
    assert yf.config.debug.hide_exceptions is True


# --------------------------------------------------------------------- faults
def test_dns_failure_retried_then_clear_error(yahoo: responses.RequestsMock) -> None:
    dns = requests.exceptions.ConnectionError(
        "HTTPSConnectionPool(host='query2.finance.yahoo.com'): Failed to resolve 'query2.finance.yahoo.com' "
        "([Errno -3] Temporary failure in name resolution)"
    )
    serve(yahoo, "AAPL", body=dns)
    sleeps = Sleeps()
    with pytest.raises(DataUnavailable) as info:
        provider(sleeps, retries=2, backoff=1.0).fetch("AAPL", dt.date(2024, 1, 2), dt.date(2024, 2, 1))
    message = str(info.value)
    assert message.startswith("yahoo: AAPL: price history: cannot reach Yahoo Finance: DNS lookup failed;")
    assert "--offline" in message
    assert "after 3 attempts" in message
    assert sleeps == [1.0, 2.0]  # backoff 1 s, then doubled
    assert isinstance(info.value.__cause__, requests.exceptions.ConnectionError)


def test_http_429_then_success(yahoo: responses.RequestsMock) -> None:
    body, days, traded = us_reverse("RTLM", 10, 5, 0.5, 25, applied=True)
    for _ in range(2):  # yfinance retries once with its other cookie strategy, then raises
        serve(yahoo, "RTLM", status=429, body="Too Many Requests")
    serve(yahoo, "RTLM", json=body)
    sleeps = Sleeps()
    px = provider(sleeps, retries=3, backoff=0.5).fetch("RTLM", dt.date.fromisoformat(days[0]), dt.date.today())
    np.testing.assert_allclose(px["close"], traded, rtol=1e-12)
    assert sleeps == [0.5]


def test_http_429_persistent(yahoo: responses.RequestsMock) -> None:
    serve(yahoo, "RTLN", status=429, body="Too Many Requests")
    sleeps = Sleeps()
    with pytest.raises(DataUnavailable, match=r"rate-limiting requests \(HTTP 429\).*after 2 attempts"):
        provider(sleeps, retries=1, backoff=2.0).fetch("RTLN", dt.date(2024, 1, 2), dt.date(2024, 2, 1))
    assert sleeps == [2.0]


def test_unknown_ticker_not_retried(yahoo: responses.RequestsMock) -> None:
    serve(
        yahoo,
        "ZZZZQ",
        status=404,
        json={
            "chart": {
                "result": None,
                "error": {"code": "Not Found", "description": "No data found, symbol may be delisted"},
            }
        },
    )
    sleeps = Sleeps()
    with pytest.raises(DataUnavailable) as info:
        get_prices("zzzzq", "2024-01-02", "2024-02-01", provider=provider(sleeps))
    assert "ZZZZQ" in str(info.value)
    assert "symbol" in str(info.value)
    assert sleeps == []


def test_empty_response(yahoo: responses.RequestsMock) -> None:
    body = chart([], [], symbol="EMPT")
    body["chart"]["result"][0].pop("timestamp")
    body["chart"]["result"][0]["indicators"] = {"quote": [{}], "adjclose": [{}]}
    serve(yahoo, "EMPT", json=body)
    sleeps = Sleeps()
    with pytest.raises(DataUnavailable, match="no prices"):
        provider(sleeps).fetch("EMPT", dt.date(2024, 1, 2), dt.date(2024, 2, 1))
    assert sleeps == []


def test_http_500_is_transient(yahoo: responses.RequestsMock) -> None:
    serve(yahoo, "DOWN", status=500, body="<html>oops</html>")
    sleeps = Sleeps()
    with pytest.raises(DataUnavailable, match=r"retry later.*after 2 attempts"):
        provider(sleeps, retries=1).fetch("DOWN", dt.date(2024, 1, 2), dt.date(2024, 2, 1))
    assert sleeps == [1.0]


def test_other_errors_are_not_swallowed(yahoo: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: Any, **kwargs: Any) -> None:
        raise KeyError("a bug, not a data problem")

    import yfinance as yf

    monkeypatch.setattr(yf.Ticker, "history", boom)
    with pytest.raises(KeyError):
        provider().fetch("AAPL", dt.date(2024, 1, 2), dt.date(2024, 2, 1))


# ------------------------------------------------------------ shares outstanding
def test_shares_outstanding(yahoo: responses.RequestsMock) -> None:
    body, days, _ = us_reverse("SHRS", 10, 5, 0.5, 25, applied=True)
    serve(yahoo, "SHRS", json=body)
    t1 = int(dt.datetime(2024, 3, 5, tzinfo=dt.UTC).timestamp())
    t2 = int(dt.datetime(2024, 3, 20, tzinfo=dt.UTC).timestamp())
    yahoo.add(
        responses.GET,
        re.compile(r"https://query\d\.finance\.yahoo\.com/ws/fundamentals-timeseries/v1/finance/timeseries/SHRS.*"),
        json={
            "timeseries": {"result": [{"timestamp": [t1, t2, t2], "shares_out": [39_752_812, 1_590_112, 1_590_113]}]}
        },
    )
    px = provider(shares=True).fetch("SHRS", dt.date.fromisoformat(days[0]), dt.date.today())
    # two values reported for 2024-03-20 (yfinance #1954): the last kept
    assert px.attrs["shares_outstanding"] == [("2024-03-05", 39_752_812), ("2024-03-20", 1_590_113)]


def test_shares_outstanding_missing_is_none(yahoo: responses.RequestsMock) -> None:
    body, days, _ = us_reverse("SHRN", 10, 5, 0.5, 25, applied=True)
    serve(yahoo, "SHRN", json=body)
    yahoo.add(
        responses.GET,
        re.compile(r"https://query\d\.finance\.yahoo\.com/ws/fundamentals-timeseries/.*"),
        json={"timeseries": {"result": [{"timestamp": []}]}},
    )
    px = provider(shares=True).fetch("SHRN", dt.date.fromisoformat(days[0]), dt.date.today())
    assert px.attrs["shares_outstanding"] is None


# ------------------------------------------------------------------- live
@pytest.mark.network
def test_live_yahoo_aapl_2020_split(tmp_path: Path) -> None:
    """Opt-in (pytest -m network): AAPL's 4-for-1 of 2020-08-31 as traded."""
    px = get_prices("AAPL", "2020-08-24", "2020-09-04", cache_dir=tmp_path)
    assert (dt.date(2020, 8, 31), SplitRatio(4, 1)) in px.attrs["splits"]
    before, after = px.loc["2020-08-28", "close"], px.loc["2020-08-31", "close"]
    assert 400 < before < 550  # traded ~$499 before the split
    assert 100 < after < 140  # ~$129 after
    assert copy.deepcopy(px.attrs)["source"] == "yahoo"


def test_split_on_a_row_without_prices_is_kept() -> None:
    from splitcalc.market.yahoo import _drop_priceless_rows

    raw = pd.DataFrame(
        {"Close": [4.25, np.nan, 4.0], "Stock Splits": [0.0, 0.04, 0.0]},
        index=pd.DatetimeIndex(["2024-03-01", "2024-03-02", "2024-03-04"]),
    )
    out = _drop_priceless_rows(raw)
    assert list(out.index) == [pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-04")]
    assert out["Stock Splits"].tolist() == [0.0, 0.04]  # moved to Monday's priced row
    assert raw["Stock Splits"].tolist() == [0.0, 0.04, 0.0]  # input untouched
