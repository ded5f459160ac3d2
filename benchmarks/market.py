"""Warm-cache load of 20 years of daily prices, against pandas reading the same file.

splitcalc's load = read the file, check its length and SHA-256, parse the CSV body,
rebuild the typed frame with its split events, judge freshness by exchange sessions,
slice to the dates asked. The floor is ``pandas.read_csv`` of the same file (skipping the
two header lines, parsing dates); the naive baseline is the standard ``csv`` module with
``float()`` per cell. Target: splitcalc within 2x of the floor.

    python benchmarks/market.py
"""

from __future__ import annotations

import csv
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from splitcalc import SplitRatio
from splitcalc.calendars import sessions_between
from splitcalc.market import get_prices
from splitcalc.market._frame import build_frame
from splitcalc.market._sessions import last_closed_session, utc_now
from splitcalc.market.cache import CachedProvider

START, END = dt.date(2005, 1, 3), dt.date(2024, 12, 31)
REPEAT = 40


class Recorded:
    """A provider that hands out one prepared frame (and counts calls)."""

    name = "bench"
    requires_network = True

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.calls = 0

    def fetch(self, ticker: str, start: dt.date, end: dt.date) -> pd.DataFrame:
        self.calls += 1
        return self.frame.copy()


def twenty_years() -> pd.DataFrame:
    days = sessions_between(START, END)
    rng = np.random.default_rng(7)
    close = 0.5 * np.exp(np.cumsum(rng.normal(0, 0.03, len(days))))
    frame = build_frame(
        days,
        {
            "open": close * 1.001,
            "high": close * 1.02,
            "low": close * 0.98,
            "close": close,
            "volume": rng.integers(10_000, 5_000_000, len(days)).astype(float),
        },
        splits=[(dt.date(2009, 6, 1), SplitRatio(1, 25)), (dt.date(2016, 3, 1), SplitRatio(1, 10))],
        source="bench",
    )
    frame.attrs["complete_through"] = last_closed_session(utc_now()).isoformat()
    return frame


def timed(fns: dict[str, Callable[[], object]]) -> dict[str, tuple[float, float]]:
    """(best, median) seconds per call, the candidates interleaved so machine load hits all alike."""
    runs: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(REPEAT):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            runs[name].append(time.perf_counter() - t0)
    return {name: (min(r), statistics.median(r)) for name, r in runs.items()}


def naive(path: Path) -> pd.DataFrame:
    with path.open(newline="", encoding="utf-8") as handle:
        lines = handle.read().splitlines()[2:]
    rows = list(csv.reader(lines))
    header, body = rows[0], rows[1:]
    index = pd.DatetimeIndex([dt.date.fromisoformat(r[0]) for r in body], name="date")
    values = {name: [float(r[i]) if r[i] else float("nan") for r in body] for i, name in enumerate(header) if i}
    return pd.DataFrame(values, index=index)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        inner = Recorded(twenty_years())
        provider = CachedProvider(inner, cache_dir=tmp)
        cold = get_prices("BENCH", START, END, provider=provider)  # fetch once, write the cache
        path = Path(cold.attrs["cache_path"])
        warm = get_prices("BENCH", START, END, provider=provider)
        assert inner.calls == 1, "the warm call must not fetch"
        floor = pd.read_csv(path, skiprows=2, index_col="date", parse_dates=["date"])
        assert np.array_equal(floor.to_numpy(), warm.to_numpy(), equal_nan=True)

        t = timed(
            {
                "ours": lambda: get_prices("BENCH", START, END, provider=provider),
                "floor": lambda: pd.read_csv(path, skiprows=2, index_col="date", parse_dates=["date"]),
                "naive": lambda: naive(path),
            }
        )
        assert inner.calls == 1
        size_kib = path.stat().st_size / 1024

    print(f"20 years of daily prices: {len(warm):,} rows, {size_kib:.0f} KiB cache file")
    rows = [
        ("splitcalc get_prices (warm cache, verified)", "ours"),
        ("pandas.read_csv of the same file (floor)", "floor"),
        ("csv module + float() (naive)", "naive"),
    ]
    print(f"  {'':45s} {'best':>9s} {'median':>9s}")
    for label, key in rows:
        print(f"  {label:45s} {t[key][0] * 1e3:7.2f}ms {t[key][1] * 1e3:7.2f}ms")
    best = t["ours"][0] / t["floor"][0]
    median = t["ours"][1] / t["floor"][1]
    print(f"  ratio splitcalc / pandas: {best:.2f}x best, {median:.2f}x median (target <= 2x)")
    print(f"  ratio naive / pandas:     {t['naive'][0] / t['floor'][0]:.2f}x best")


if __name__ == "__main__":
    main()
