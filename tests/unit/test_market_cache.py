from __future__ import annotations

import datetime as dt
import math
import multiprocessing
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from splitcalc import CacheError, DataUnavailable, SplitcalcWarning, SplitRatio, StaleCacheWarning
from splitcalc.calendars import sessions_between
from splitcalc.market import cache as cache_mod
from splitcalc.market import get_prices
from splitcalc.market._frame import build_frame
from splitcalc.market.cache import CachedProvider, PriceCache, cache_file_name, default_cache_dir

UTC = dt.UTC


class FakeProvider:
    """Deterministic prices for every XNYS session asked, complete through `complete`."""

    name = "fake"
    requires_network = True

    def __init__(self, complete: dt.date) -> None:
        self.complete = complete
        self.calls: list[tuple[str, dt.date, dt.date]] = []

    def fetch(self, ticker: str, start: dt.date, end: dt.date) -> pd.DataFrame:
        self.calls.append((ticker, start, end))
        days = sessions_between(start, min(end, self.complete))
        closes = [0.17 + d.toordinal() % 97 / 1000 for d in days]
        frame = build_frame(
            days,
            {"close": closes, "volume": [1e6] * len(days)},
            splits=[(dt.date(2023, 12, 15), SplitRatio(1, 25))],
            source=self.name,
        )
        frame.attrs["complete_through"] = self.complete.isoformat()
        frame.attrs["split_checks"] = [{"date": "2023-12-15", "ratio": "1-for-25", "verdict": "ok", "note": ""}]
        return frame


def at(monkeypatch: pytest.MonkeyPatch, moment: dt.datetime) -> None:
    monkeypatch.setattr(cache_mod, "utc_now", lambda: moment)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "cache"


# --------------------------------------------------------------- file names
TICKERS = [
    "../../x",
    "..",
    ".",
    "CON",
    "con",
    "NUL",
    "aux.L",
    "A/B",
    "a\\b",
    "AAPL",
    "aapl",
    "x",
    "X",
    "é",
    "~",
    "a" * 32,
]


def test_file_names_cannot_escape_or_collide(root: Path) -> None:
    cache = PriceCache(root)
    names = {cache_file_name("fake", t) for t in TICKERS}
    assert len(names) == len(TICKERS)  # no collisions, case included
    assert len({n.lower() for n in names}) == len(TICKERS)  # also on case-insensitive file systems
    reserved = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
    folder = (root / "prices" / "fake").resolve()
    for t in TICKERS:
        name = cache_file_name("fake", t)
        assert "/" not in name and "\\" not in name and not name.startswith(".")
        assert name.split(".")[0].upper() not in reserved
        assert cache.path_for("fake", t).resolve().parent == folder
    assert cache_file_name("fake", "../../x").startswith("x-")


def test_cache_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_cache_dir", lambda app: str(tmp_path / "platform" / app))
    monkeypatch.setenv("SPLITCALC_CACHE_DIR", str(tmp_path / "env"))
    assert default_cache_dir(tmp_path / "arg") == tmp_path / "arg"
    assert default_cache_dir() == tmp_path / "env"
    monkeypatch.delenv("SPLITCALC_CACHE_DIR")
    assert default_cache_dir() == tmp_path / "platform" / "splitcalc"


# ----------------------------------------------------------------- format
def sample_frame() -> pd.DataFrame:
    days = sessions_between("2024-01-02", "2024-01-05")
    frame = build_frame(
        days,
        {"open": [0.1, math.nan, 1 / 3, 4.25], "close": [0.17, 0.1 + 0.2, 5e-324, 1e300], "volume": [1e6, 0, 3, 7]},
        splits=[(dt.date(2024, 1, 4), SplitRatio(33, 70))],
        source="fake",
    )
    frame.attrs["split_checks"] = [{"date": "2024-01-04", "verdict": "ok"}]
    return frame


def write_sample(cache: PriceCache, ticker: str = "ABC") -> Path:
    return cache.write(
        "fake",
        ticker,
        sample_frame(),
        start=dt.date(2024, 1, 2),
        fetched_at=dt.datetime(2024, 1, 5, 22, 0, tzinfo=UTC),
        complete_through=dt.date(2024, 1, 5),
    )


def test_round_trip_exact(root: Path) -> None:
    cache = PriceCache(root)
    path = write_sample(cache)
    assert path.read_bytes().startswith(b"splitcalc-price-cache 2 sha256=")
    entry = cache.read("fake", "ABC")
    assert entry is not None
    pd.testing.assert_frame_equal(entry.frame, sample_frame(), check_exact=True)  # floats bit for bit, NaN kept
    assert entry.frame.attrs["splits"] == [(dt.date(2024, 1, 4), SplitRatio(33, 70))]
    assert entry.frame.attrs["split_checks"] == [{"date": "2024-01-04", "verdict": "ok"}]
    assert entry.complete_through == dt.date(2024, 1, 5)
    assert entry.fetched_at == dt.datetime(2024, 1, 5, 22, 0, tzinfo=UTC)
    assert cache.read("fake", "OTHER") is None
    assert not list(path.parent.glob("*.tmp"))  # atomic write left no temporary file


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda b: b[: len(b) // 2], "truncated"),
        (lambda b: b[:10], "not a splitcalc price cache file or is truncated"),
        (lambda b: b[:-3] + (b"9" if b[-3:-2] != b"9" else b"8") + b[-2:], "checksum mismatch"),
        (lambda b: b.replace(b'"rows":4', b'"rows":x'), "corrupt"),
        (lambda b: b"", "not a splitcalc"),
    ],
)
def test_damaged_file_detected(root: Path, damage: object, message: str) -> None:
    cache = PriceCache(root)
    path = write_sample(cache)
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    with pytest.raises(CacheError, match=message) as info:
        cache.read("fake", "ABC")
    assert info.value.path == path


def test_file_for_another_ticker_detected(root: Path) -> None:
    cache = PriceCache(root)
    source = write_sample(cache, "ABC")
    target = cache.path_for("fake", "XYZ")
    target.write_bytes(source.read_bytes())
    with pytest.raises(CacheError, match="holds fake:ABC, not fake:XYZ"):
        cache.read("fake", "XYZ")


# ------------------------------------------------- freshness by sessions
def test_fresh_entry_served_without_fetch(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inner = FakeProvider(complete=dt.date(2024, 1, 10))
    at(monkeypatch, dt.datetime(2024, 1, 10, 22, 0, tzinfo=UTC))  # Wed 17:00 New York: Jan 10 has closed
    provider = CachedProvider(inner, cache_dir=root)
    first = provider.fetch("ABC", dt.date(2024, 1, 2), dt.date(2024, 1, 10))
    second = provider.fetch("ABC", dt.date(2024, 1, 3), dt.date(2024, 1, 10))
    assert len(inner.calls) == 1
    assert first.attrs["cached"] is False and second.attrs["cached"] is True
    pd.testing.assert_frame_equal(first, second, check_exact=True)


def test_stale_after_new_sessions_refetched(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inner = FakeProvider(complete=dt.date(2024, 1, 5))
    provider = CachedProvider(inner, cache_dir=root)
    at(monkeypatch, dt.datetime(2024, 1, 6, 12, 0, tzinfo=UTC))
    provider.fetch("ABC", dt.date(2024, 1, 2), dt.date(2024, 1, 31))
    inner.complete = dt.date(2024, 1, 10)
    at(monkeypatch, dt.datetime(2024, 1, 10, 22, 0, tzinfo=UTC))
    frame = provider.fetch("ABC", dt.date(2024, 1, 2), dt.date(2024, 1, 31))
    assert len(inner.calls) == 2
    assert frame.index[-1] == pd.Timestamp("2024-01-10")


def test_holiday_is_not_staleness(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Good Friday 2024-03-29 is no session: data through Thursday 03-28 is complete on Saturday.
    inner = FakeProvider(complete=dt.date(2024, 3, 28))
    provider = CachedProvider(inner, cache_dir=root)
    at(monkeypatch, dt.datetime(2024, 3, 28, 21, 30, tzinfo=UTC))
    provider.fetch("ABC", dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    at(monkeypatch, dt.datetime(2024, 3, 30, 12, 0, tzinfo=UTC))
    provider.fetch("ABC", dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    assert len(inner.calls) == 1


def test_open_session_not_required(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 15:00 UTC = 10:00 New York: Jan 10 is trading, so Jan 9 is the latest close needed.
    inner = FakeProvider(complete=dt.date(2024, 1, 9))
    provider = CachedProvider(inner, cache_dir=root)
    at(monkeypatch, dt.datetime(2024, 1, 10, 15, 0, tzinfo=UTC))
    provider.fetch("ABC", dt.date(2024, 1, 2), dt.date(2024, 1, 31))
    provider.fetch("ABC", dt.date(2024, 1, 2), dt.date(2024, 1, 31))
    assert len(inner.calls) == 1


def test_earlier_start_extends_the_entry(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inner = FakeProvider(complete=dt.date(2024, 1, 10))
    provider = CachedProvider(inner, cache_dir=root)
    at(monkeypatch, dt.datetime(2024, 1, 10, 22, 0, tzinfo=UTC))
    provider.fetch("ABC", dt.date(2024, 1, 8), dt.date(2024, 1, 10))
    frame = provider.fetch("ABC", dt.date(2023, 12, 1), dt.date(2024, 1, 10))
    assert inner.calls[1][1] == dt.date(2023, 12, 1)
    assert frame.index[0] == pd.Timestamp("2023-12-01")
    provider.fetch("ABC", dt.date(2024, 1, 2), dt.date(2024, 1, 5))  # inside: served
    assert len(inner.calls) == 2


# ----------------------------------------------------------------- offline
def test_offline_serves_and_says_how_old(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inner = FakeProvider(complete=dt.date(2024, 1, 5))
    at(monkeypatch, dt.datetime(2024, 1, 5, 22, 0, tzinfo=UTC))
    CachedProvider(inner, cache_dir=root).fetch("ABC", dt.date(2024, 1, 2), dt.date(2024, 1, 5))
    at(monkeypatch, dt.datetime(2024, 1, 10, 22, 0, tzinfo=UTC))
    offline = CachedProvider(inner, cache_dir=root, offline=True)
    # sessions after Fri Jan 5 up to Wed Jan 10: Mon 8, Tue 9, Wed 10 = 3
    with pytest.warns(StaleCacheWarning, match=r"end 2024-01-05 \(fetched 2024-01-05 22:00 UTC\), 3 session\(s\)"):
        frame = offline.fetch("ABC", dt.date(2024, 1, 2), dt.date(2024, 1, 10))
    assert frame.attrs["stale_sessions"] == 3
    assert frame.index[-1] == pd.Timestamp("2024-01-05")
    assert len(inner.calls) == 1
    with pytest.warns(StaleCacheWarning, match="start 2024-01-02, after the start asked"):
        offline.fetch("ABC", dt.date(2023, 12, 1), dt.date(2024, 1, 5))


def test_offline_nothing_cached(root: Path) -> None:
    provider = CachedProvider(FakeProvider(dt.date(2024, 1, 5)), cache_dir=root, offline=True)
    assert provider.requires_network is False
    with pytest.raises(DataUnavailable, match="nothing is cached"):
        provider.fetch("ABC", dt.date(2024, 1, 2), dt.date(2024, 1, 5))
    with pytest.raises(DataUnavailable, match="nothing is cached"):
        get_prices("ABC", "2024-01-02", "2024-01-05", offline=True)  # default Yahoo provider, never called


def test_truncated_cache_refetched_online_error_offline(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inner = FakeProvider(complete=dt.date(2024, 1, 10))
    at(monkeypatch, dt.datetime(2024, 1, 10, 22, 0, tzinfo=UTC))
    provider = CachedProvider(inner, cache_dir=root)
    good = provider.fetch("ABC", dt.date(2024, 1, 2), dt.date(2024, 1, 10))
    path = provider.cache.path_for("fake", "ABC")
    path.write_bytes(path.read_bytes()[:-20])  # a crash mid-copy, a full disk...
    with pytest.raises(CacheError, match=r"truncated.*run without --offline"):
        provider.as_offline().fetch("ABC", dt.date(2024, 1, 2), dt.date(2024, 1, 10))
    again = provider.fetch("ABC", dt.date(2024, 1, 2), dt.date(2024, 1, 10))
    assert len(inner.calls) == 2  # refetched, not served
    pd.testing.assert_frame_equal(again, good, check_exact=True)
    assert provider.cache.read("fake", "ABC") is not None  # and repaired on disk


# ------------------------------------------------------------- not writable
def test_cache_dir_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    inner = FakeProvider(complete=dt.date(2024, 1, 10))
    at(monkeypatch, dt.datetime(2024, 1, 10, 22, 0, tzinfo=UTC))
    with pytest.warns(SplitcalcWarning, match="cannot write to .*not-a-folder.*prices fetched but not cached"):
        frame = get_prices("ABC", "2024-01-02", "2024-01-10", provider=CachedProvider(inner, cache_dir=blocker))
    assert len(frame) == 7  # Jan 2-5, 8-10: correct data all the same


def test_write_permission_denied(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args: object, **kwargs: object) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache_mod, "atomic_write", denied)
    inner = FakeProvider(complete=dt.date(2024, 1, 10))
    at(monkeypatch, dt.datetime(2024, 1, 10, 22, 0, tzinfo=UTC))
    with pytest.warns(SplitcalcWarning, match="Permission denied"):
        frame = CachedProvider(inner, cache_dir=root).fetch("ABC", dt.date(2024, 1, 2), dt.date(2024, 1, 10))
    assert frame["close"].notna().all()
    assert not list((root / "prices" / "fake").glob("*.csv"))


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root and Windows ignore chmod")
def test_read_only_folder(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = root / "prices" / "fake"
    folder.mkdir(parents=True)
    folder.chmod(0o555)
    try:
        inner = FakeProvider(complete=dt.date(2024, 1, 10))
        at(monkeypatch, dt.datetime(2024, 1, 10, 22, 0, tzinfo=UTC))
        with pytest.warns(SplitcalcWarning, match="cannot write"):
            CachedProvider(inner, cache_dir=root).fetch("ABC", dt.date(2024, 1, 2), dt.date(2024, 1, 10))
    finally:
        folder.chmod(0o755)


# ------------------------------------------------------------ two processes
def test_two_writers_at_once(tmp_path: Path) -> None:
    """Two processes ask for the same ticker at the same moment: one fetches, the other waits and reads."""
    import _market_cache_worker as worker

    log = tmp_path / "fetches.log"
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    queue = ctx.Queue()
    args = (str(tmp_path / "c"), str(log), barrier, 0.5, queue)
    procs = [ctx.Process(target=worker.fetch_in_process, args=args) for _ in range(2)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert results[0] == results[1]
    expected = [1.0 + d.toordinal() / 1e6 for d in sessions_between("2024-01-02", "2024-01-31")]
    np.testing.assert_array_equal(results[0], expected)
    assert len(log.read_text().splitlines()) == 1  # the lock made the second one wait, then read
    entry = PriceCache(tmp_path / "c").read("slow", "RACE")
    assert entry is not None and len(entry.frame) == len(expected)
    assert not list((tmp_path / "c" / "prices" / "slow").glob("*.tmp"))
