"""Charts for the report: :mod:`splitcalc.plot` figures embedded as PNG bytes.

The PNG carries no metadata (matplotlib's default "Software" entry names a
URL), and is embedded as a ``data:`` URI, so the report fetches nothing.
A chart that fails to draw is left out with a :class:`SplitcalcWarning`
and a caveat; it never costs the user the whole report.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from typing import Any

from ..errors import SplitcalcWarning
from .parts import Figure

__all__ = ["DPI", "chart"]

#: Resolution of the embedded PNGs (a 8 x 4.5 in chart is 800 x 450 pixels).
DPI = 100


def chart(draw: Callable[[], Any], title: str, alt: str, failures: list[str]) -> Figure | None:
    """Run ``draw`` (returns Axes or a matplotlib Figure) and return it as a report Figure.

    On an exception the chart is skipped: a warning is issued and the reason
    appended to ``failures`` (the report's caveats).
    """
    try:
        drawn = draw()
        fig = drawn if hasattr(drawn, "savefig") else drawn.figure
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    except Exception as exc:  # a chart bug must not cost the user the report
        message = f"chart {title!r} left out: {type(exc).__name__}: {exc}"
        warnings.warn(message, SplitcalcWarning, stacklevel=2)
        failures.append(message)
        return None
    return Figure(title=title, png=buffer.getvalue(), alt=alt)
