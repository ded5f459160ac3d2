"""Holders by position size before and after a split (log-scaled buckets).

A holder with fewer than ``N`` shares is cashed out by a 1-for-N split and
leaves the count; a holder keeps round-lot status with at least 100 shares
after it (Nasdaq FAQ 1415). Buckets are powers of ten of
shares held, so the round-lot threshold sits on a bucket edge and is marked.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

from ..errors import InputError
from ..rules import round_lot as _round_lot
from ._base import BID_COLOR, legend, new_axes

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["LOG_BUCKETS", "holder_distribution"]

#: Lower edges of the buckets: 0, 1-9, 10-99, 100-999, ... 1,000,000+.
LOG_BUCKETS: Final = (0, 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000)
ROUND_LOT: Final = _round_lot()  # shares: the rules' round_lot_size row (Nasdaq FAQ 1415)


def _labels(edges: Sequence[int]) -> list[str]:
    out = []
    for i, lo in enumerate(edges):
        hi = edges[i + 1] - 1 if i + 1 < len(edges) else None
        out.append(f"{lo:,}+" if hi is None else (f"{lo:,}" if hi == lo else f"{lo:,}-{hi:,}"))
    return out


def _estimated(dist: Any, ratio: Any, edges: Sequence[int]) -> pd.DataFrame:
    """Bucket counts from a HolderSizeDistribution: ``at_least(a) - at_least(b)`` (after: in old shares x N)."""
    import pandas as pd

    from ..ratio import SplitRatio

    r = SplitRatio.reverse(ratio) if isinstance(ratio, int) else SplitRatio.parse(ratio)
    inv = float(1 / r.factor)
    ins = dist.insider_holders

    def counts(scale: float) -> list[float]:
        total = dist.holders
        vals = []
        for i, lo in enumerate(edges):
            hi = edges[i + 1] if i + 1 < len(edges) else None
            top = dist.at_least(max(lo, 1) * scale) if lo > 0 else float(total)
            bottom = dist.at_least(hi * scale) if hi is not None else 0.0
            vals.append(top - bottom if lo > 0 else total - dist.at_least(scale))
        vals[-1] += ins  # insiders: large positions
        return vals

    before = counts(1.0)
    before[0] = 0.0
    return pd.DataFrame({"bucket": _labels(edges), "holders_before": before, "holders_after": counts(inv)})


def holder_distribution(
    data: Any,
    *,
    ratio: Any = None,
    fractional: str = "cash_in_lieu",
    buckets: Sequence[int] = LOG_BUCKETS,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Grouped bars of holders per log-scaled position bucket, before and after.

    Parameters
    ----------
    data
        A :class:`~splitcalc.holdings.HoldingsResult` (``Holdings.apply``), a
        :class:`splitcalc.Holdings` table with ``ratio``, or a
        :class:`~splitcalc.scenarios.HolderSizeDistribution` with ``ratio``
        (an estimate, labelled so).
    ratio
        The split, when ``data`` is not already a result.
    fractional
        Fractional policy for ``Holdings.apply``.
    buckets
        Lower bucket edges starting at 0 (default :data:`LOG_BUCKETS`).
    ax
        Axes to draw on; a new Figure otherwise.
    title
        Axes title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import numpy as np

    edges = [int(b) for b in buckets]
    if not edges or edges[0] != 0 or any(b <= a for a, b in itertools.pairwise(edges)):
        raise InputError("buckets", list(buckets), "must start at 0 and increase")
    estimated = False
    if hasattr(data, "distribution") and hasattr(data, "totals"):
        frame = data.distribution(edges)
    elif hasattr(data, "apply") and hasattr(data, "from_csv"):
        if ratio is None:
            raise InputError("ratio", None, "is needed with a Holdings table")
        frame = data.apply(ratio, fractional=fractional).distribution(edges)
    elif hasattr(data, "at_least"):
        if ratio is None:
            raise InputError("ratio", None, "is needed with a holder-size distribution")
        frame = _estimated(data, ratio, edges)
        estimated = True
    else:
        raise InputError("data", type(data).__name__, "expected a HoldingsResult, Holdings or HolderSizeDistribution")
    ax = new_axes(ax, (9.0, 4.2))
    x = np.arange(len(frame))
    width = 0.4
    est = " (est.)" if estimated else ""
    before = ax.bar(x - width / 2, frame["holders_before"], width, color="#95a5a6", label="before" + est)
    after = ax.bar(x + width / 2, frame["holders_after"], width, color="#1f77b4", label="after" + est)
    ax.bar_label(before, fmt="{:,.0f}", fontsize="x-small")
    ax.bar_label(after, fmt="{:,.0f}", fontsize="x-small")
    ax.set_xticks(x, list(frame["bucket"]), rotation=30, ha="right", fontsize="small")
    if ROUND_LOT in edges:
        ax.axvline(edges.index(ROUND_LOT) - 0.5, color=BID_COLOR, linestyle="--", linewidth=1.2,
                   label="round lot: 100 shares (Nasdaq FAQ 1415)")  # fmt: skip
    ax.set_xlabel("shares held")
    ax.set_ylabel("holders")
    if title:
        ax.set_title(title)
    legend(ax, loc="upper right")
    return ax
