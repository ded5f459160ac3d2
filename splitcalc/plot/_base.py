"""Shared chart plumbing: lazy matplotlib, new axes, reference lines, formats.

Charts never touch pyplot's global state: a new chart is drawn on a fresh
:class:`matplotlib.figure.Figure` (no global figure registry, no backend
switch, no rcParams change), or on the ``ax`` the caller passes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

__all__ = [
    "BID_COLOR",
    "DEADLINE_COLOR",
    "date_axis",
    "date_num",
    "legend",
    "legend_below",
    "money_axis",
    "new_axes",
    "new_figure",
    "reference_line",
    "to_datetime",
]

BID_COLOR: Final = "#c0392b"  # the minimum-bid line
DEADLINE_COLOR: Final = "#8e44ad"
SPLIT_COLOR: Final = "#2c3e50"
SHADE_COLOR: Final = "#e74c3c"
PRICE_COLOR: Final = "#1f77b4"


def new_figure(figsize: tuple[float, float] = (8.0, 4.5), *, nrows: int = 1, sharex: bool = False) -> Figure:
    """A pyplot-free Figure with ``nrows`` stacked Axes (constrained layout)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, layout="constrained")
    fig.subplots(nrows=nrows, ncols=1, sharex=sharex, squeeze=False)
    return fig


def new_axes(ax: Axes | None, figsize: tuple[float, float] = (8.0, 4.5)) -> Axes:
    """``ax`` itself, or the Axes of a new :func:`new_figure`."""
    if ax is not None:
        return ax
    return new_figure(figsize).axes[0]


def reference_line(
    ax: Axes, level: float | Decimal, label: str, *, color: str = BID_COLOR, style: str = "--"
) -> Line2D:
    """A horizontal line across the Axes at ``level`` (e.g. the $1.00 minimum bid)."""
    return ax.axhline(float(level), color=color, linestyle=style, linewidth=1.2, label=label, zorder=1)


def money_axis(ax: Axes, *, axis: str = "y", places: int = 2) -> None:
    """Dollar tick labels on ``axis`` (call after setting a log scale)."""
    from matplotlib.ticker import FuncFormatter

    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(lambda v, _pos: f"${v:,.{places}f}"))
    if (ax.get_yscale() if axis == "y" else ax.get_xscale()) == "log":
        # label the 2x, 3x and 5x minor ticks of a log axis in dollars too (not "6 x 10^-1")
        def minor(v: float, _pos: int) -> str:
            mantissa = round(v / 10 ** math.floor(math.log10(v)), 6) if v > 0 else 0
            return f"${v:,.{places}f}" if mantissa in (2, 3, 5) else ""

        target.set_minor_formatter(FuncFormatter(minor))


def to_datetime(day: dt.date | Any) -> dt.datetime:
    """A ``datetime`` for matplotlib's date axis."""
    if isinstance(day, dt.datetime):
        return day
    if isinstance(day, dt.date):
        return dt.datetime(day.year, day.month, day.day)
    to_py = getattr(day, "to_pydatetime", None)
    if callable(to_py):
        result = to_py()
        if isinstance(result, dt.datetime):
            return result
    raise TypeError(f"not a date: {day!r}")


def date_num(day: dt.date | Any) -> float:
    """Matplotlib's float for a date (days since its epoch)."""
    import matplotlib.dates as mdates

    return float(mdates.date2num(to_datetime(day)))  # type: ignore[no-untyped-call]


def date_axis(ax: Axes) -> None:
    """Concise date ticks on the x axis."""
    import matplotlib.dates as mdates

    ax.xaxis_date()
    locator = mdates.AutoDateLocator()  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]


def legend(ax: Axes, extra: Iterable[Axes] = (), **kwargs: Any) -> None:
    """One legend for ``ax`` and its twins, skipping private labels."""
    handles, labels = ax.get_legend_handles_labels()
    for other in extra:
        h, lab = other.get_legend_handles_labels()
        handles += h
        labels += lab
    if handles:
        ax.legend(handles, labels, fontsize="small", **kwargs)


def legend_below(ax: Axes, extra: Iterable[Axes] = (), *, ncols: int = 3) -> None:
    """:func:`legend` outside the plotting area, centred under the x-axis label.

    It is anchored a fixed distance below the Axes, in points: the tick
    marks, tick labels and axis label at the current rcParams sizes, so it
    clears them whatever the Axes' size. Constrained layout (every
    :func:`new_figure`) makes room for it.
    """
    import matplotlib as mpl
    from matplotlib.font_manager import FontProperties
    from matplotlib.transforms import ScaledTranslation

    rc = mpl.rcParams

    def text_pt(size: Any) -> float:
        return float(FontProperties(size=size).get_size_in_points()) * 1.2  # line height

    gap_pt = (
        max(float(rc["xtick.major.size"]), 0.0)
        + float(rc["xtick.major.pad"])
        + text_pt(rc["xtick.labelsize"])
        + float(rc["axes.labelpad"])
        + text_pt(rc["axes.labelsize"])
        + 2.0
    )
    below = ax.transAxes + ScaledTranslation(0.0, -gap_pt / 72.0, ax.figure.dpi_scale_trans)
    legend(ax, extra, loc="upper center", bbox_to_anchor=(0.5, 0.0), bbox_transform=below, ncols=ncols, frameon=False)
