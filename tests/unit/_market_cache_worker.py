"""Helpers run in child processes by test_market_cache (spawned, so importable by name)."""

from __future__ import annotations

import datetime as dt
import os
import time
from typing import Any

import pandas as pd

from splitcalc.calendars import sessions_between
from splitcalc.market._frame import build_frame
from splitcalc.market._sessions import last_closed_session, utc_now
from splitcalc.market.cache import CachedProvider


class SlowProvider:
    """Takes `delay` seconds per fetch and logs each fetch (one line per call) to `log`."""

    name = "slow"
    requires_network = True

    def __init__(self, log: str, delay: float) -> None:
        self.log = log
        self.delay = delay

    def fetch(self, ticker: str, start: dt.date, end: dt.date) -> pd.DataFrame:
        with open(self.log, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
        time.sleep(self.delay)
        days = sessions_between(start, end)
        closes = [1.0 + d.toordinal() / 1e6 for d in days]
        frame = build_frame(days, {"close": closes}, source=self.name)
        frame.attrs["complete_through"] = last_closed_session(utc_now()).isoformat()
        return frame


def fetch_in_process(cache_dir: str, log: str, barrier: Any, delay: float, results: Any) -> None:
    """Wait for the sibling process, then both fetch the same ticker through the cache."""
    provider = CachedProvider(SlowProvider(log, delay), cache_dir=cache_dir, lock_timeout=60)
    barrier.wait()
    frame = provider.fetch("RACE", dt.date(2024, 1, 2), dt.date(2024, 1, 31))
    results.put([float(x) for x in frame["close"]])
