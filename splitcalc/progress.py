"""A quiet progress indicator for long work (multi-ticker scans, Monte Carlo).

It writes a single self-overwriting line to stderr only when stderr is a
terminal, so notebooks, pipes, CI logs and tests stay clean. Set
``SPLITCALC_PROGRESS=0`` to silence it on a terminal too, or ``=1`` to force it.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

__all__ = ["progress", "progress_enabled", "time_left"]

T = TypeVar("T")


def progress_enabled(stream: TextIO | None = None) -> bool:
    """Whether progress should be shown on ``stream`` (default: stderr)."""
    setting = os.environ.get("SPLITCALC_PROGRESS", "").strip()
    if setting in ("0", "false", "no"):
        return False
    if setting in ("1", "true", "yes"):
        return True
    stream = stream if stream is not None else sys.stderr
    isatty = getattr(stream, "isatty", None)
    return bool(callable(isatty) and isatty())


def time_left(elapsed: float, done: int, total: int | None) -> str:
    """``", about 12 s left"`` from the pace so far (empty before the first item is done or without a total).

    >>> time_left(10.0, 2, 6), time_left(90.0, 1, 4), time_left(1.0, 0, 5), time_left(3.0, 3, None)
    (', about 20 s left', ', about 4 min 30 s left', '', '')
    """
    if not total or done <= 0 or done >= total:
        return ""
    seconds = round(elapsed / done * (total - done))
    minutes, secs = divmod(seconds, 60)
    text = f"{minutes} min {secs} s" if minutes else f"{secs} s"
    return f", about {text} left"


def progress(
    items: Iterable[T],
    *,
    total: int | None = None,
    desc: str = "",
    enabled: bool | None = None,
    stream: TextIO | None = None,
    min_interval: float = 0.2,
) -> Iterator[T]:
    """Yield ``items`` unchanged, drawing ``desc: i/total, about N s left`` at most every ``min_interval`` s.

    >>> list(progress([1, 2, 3], enabled=False))
    [1, 2, 3]
    """
    out = stream if stream is not None else sys.stderr
    show = progress_enabled(out) if enabled is None else enabled
    if not show:
        yield from items
        return
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    last = 0.0
    count = 0
    label = f"{desc}: " if desc else ""
    start = time.monotonic()
    try:
        for count, item in enumerate(items, start=1):
            now = time.monotonic()
            if now - last >= min_interval:
                last = now
                shown = f"{count}/{total}" if total else f"{count}"
                out.write(f"\r\x1b[K{label}{shown}{time_left(now - start, count - 1, total)}")
                out.flush()
            yield item
    finally:
        shown = f"{count}/{total}" if total else f"{count}"
        out.write(f"\r\x1b[K{label}{shown} done\n")
        out.flush()
