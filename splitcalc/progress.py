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

__all__ = ["progress", "progress_enabled"]

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


def progress(
    items: Iterable[T],
    *,
    total: int | None = None,
    desc: str = "",
    enabled: bool | None = None,
    stream: TextIO | None = None,
    min_interval: float = 0.2,
) -> Iterator[T]:
    """Yield ``items`` unchanged, drawing ``desc: i/total`` at most every ``min_interval`` s.

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
    try:
        for count, item in enumerate(items, start=1):
            now = time.monotonic()
            if now - last >= min_interval:
                last = now
                shown = f"{count}/{total}" if total else f"{count}"
                out.write(f"\r{label}{shown}")
                out.flush()
            yield item
    finally:
        shown = f"{count}/{total}" if total else f"{count}"
        out.write(f"\r{label}{shown} done\n")
        out.flush()
