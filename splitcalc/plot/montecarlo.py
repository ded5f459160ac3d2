"""Monte Carlo fan chart of post-split prices with the chance of being compliant.

Shaded bands are the 5-95% and 25-75% ranges of simulated closes per
session, the line the median, a few thin lines single paths; the $1.00
minimum bid is drawn across, the compliance deadline as a dashed vertical line. On the right axis: the share of paths
compliant on each session (regained and no new deficiency since), and the
share closing at or above the minimum bid (:func:`splitcalc.scenarios.simulate`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ._base import (
    BID_COLOR,
    DEADLINE_COLOR,
    PRICE_COLOR,
    date_num,
    legend_below,
    money_axis,
    new_axes,
    reference_line,
    to_datetime,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["fan_chart"]


def fan_chart(
    simulation: Any,
    *,
    deadline: dt.date | None = None,
    samples: int = 5,
    probability: bool = True,
    log: bool = True,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Fan chart of a :class:`~splitcalc.scenarios.Simulation`.

    Parameters
    ----------
    simulation
        The result of :func:`splitcalc.scenarios.simulate`.
    deadline
        The compliance deadline, drawn as a vertical dashed line (on a date
        axis: a simulation with a ``start_date``); one before the first
        session is named in the title instead.
    samples
        Single simulated paths to draw (at most those kept in the result).
    probability
        Draw the compliance probability curve on a right axis
        (``ax.right_axis``).
    log
        Logarithmic price axis.
    ax
        Axes to draw on; a new Figure otherwise.
    title
        Axes title (default: the simulation's parameters).

    Returns
    -------
    matplotlib.axes.Axes
    """
    q = simulation.quantiles
    x = q.index
    ax = new_axes(ax, (9.0, 4.8))
    ax.fill_between(x, q["q05"], q["q95"], color=PRICE_COLOR, alpha=0.15, linewidth=0, label="5-95% of paths")
    ax.fill_between(x, q["q25"], q["q75"], color=PRICE_COLOR, alpha=0.3, linewidth=0, label="25-75% of paths")
    ax.plot(x, q["q50"], color=PRICE_COLOR, linewidth=1.6, label="median")
    kept = simulation.samples[: max(0, samples)]
    for i, path in enumerate(kept):
        ax.plot(x, path, color="#555555", linewidth=0.5, alpha=0.6, label="sample paths" if i == 0 else None)
    reference_line(ax, simulation.min_bid, f"${simulation.min_bid} minimum bid")
    if log:
        ax.set_yscale("log")
    money_axis(ax)
    ax.set_ylabel("simulated close")
    late = ""
    if deadline is not None and x.name == "date":
        if to_datetime(deadline) >= to_datetime(x[0]):
            ax.axvline(date_num(deadline), color=DEADLINE_COLOR, linestyle="--", linewidth=1.4,
                       label=f"deadline {deadline:%b} {deadline.day}, {deadline.year}")  # fmt: skip
        else:
            late = f"; deadline {deadline:%b} {deadline.day}, {deadline.year} was before the split"
    ax.set_xlabel("date" if x.name == "date" else "session after the split")
    twins = []
    if probability:
        twin = ax.twinx()
        c = simulation.curves
        twin.plot(x, c["p_compliant"], color=BID_COLOR, linewidth=1.4, label="P(compliant)")
        twin.plot(x, c["p_above"], color=BID_COLOR, linewidth=0.9, linestyle=":",
                  label=f"P(close >= ${simulation.min_bid})")  # fmt: skip
        twin.set_ylim(0, 1.02)
        twin.set_ylabel("probability")
        ax.right_axis = twin  # type: ignore[attr-defined]
        twins.append(twin)
    if title is None:
        title = (
            f"{simulation.paths:,} paths from ${simulation.start_price}: drift {simulation.drift:+.1%}/yr, "
            f"volatility {simulation.volatility:.0%}{late}"
        )
    ax.set_title(title, fontsize="medium")
    legend_below(ax, twins)  # outside the plotting area: the fan spreads into every corner
    return ax
