"""Ratio sweep chart: post-split price (or the odds) and holder counts against the ratio.

The price after a 1-for-N split is ``N x`` the price before; holder counts
and publicly held shares fall as N grows (holders with fewer than N shares
are cashed out; Nasdaq Rules 5550(a)(3)-(4), 5450(a)(2)). The chart puts
the price on the left axis with the minimum bid and the target, the holder
counts (or publicly held shares) on the right axis with their minimums as
dashed lines of the same colour, and marks the recommended ratio (solid)
and the evaluated one (dashed). When the sweep rows carry odds the left
axis shows them instead (with 95% intervals and the threshold) against
holders eliminated and round-lot holders: the trade-off of a bigger ratio.
The legend sits under the chart, where it covers none of the lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ._base import BID_COLOR, PRICE_COLOR, legend_below, money_axis, new_axes, reference_line

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["ratio_sweep"]

_SERIES: Final = (
    ("public_holders_after", "min_public_holders", "public holders", "#27ae60"),
    ("total_holders_after", "min_total_holders", "total holders", "#16a085"),
    ("round_lot_holders_after", "min_round_lot_holders", "round-lot holders", "#d35400"),
)


def ratio_sweep(
    sweep: Any,
    *,
    recommendation: Any = None,
    evaluated: Any = None,
    left: str = "auto",
    right: str = "auto",
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Post-split price and holder counts vs the ratio, with the listing minimums and the choice.

    Parameters
    ----------
    sweep
        A :class:`~splitcalc.scenarios.RatioSweep` (or a
        :class:`~splitcalc.scenarios.Recommendation`, whose sweep is used).
    recommendation
        A :class:`~splitcalc.scenarios.Recommendation`: its target price
        and ratio are drawn (the binding ratio when nothing passes).
    evaluated
        The ratio being evaluated (a :class:`~splitcalc.SplitRatio`): marked
        with a dashed line, the recommended one with a solid line.
    left
        Left axis: ``"price"``, ``"odds"`` (each row's odds with a 95%
        interval and the ``min_odds`` threshold) or ``"auto"`` (odds when
        the rows carry them). With odds, the right axis shows holders
        eliminated and round-lot holders: the trade-off.
    right
        Right axis: ``"holders"``, ``"publicly_held"`` or ``"auto"``
        (holders when the sweep has holder counts).
    ax
        Axes for the price; the right axis is its twin.
    title
        Axes title.

    Returns
    -------
    matplotlib.axes.Axes
        The price Axes (the twin is ``ax.right_axis``).
    """
    if recommendation is None and hasattr(sweep, "sweep") and hasattr(sweep, "target_price"):
        recommendation, sweep = sweep, sweep.sweep
    rows = list(sweep.rows)
    ax = new_axes(ax, (9.0, 5.6))  # taller than the others: the legend sits below the Axes
    xs = [float(r.ratio.price_multiplier) for r in rows]
    has_odds = any(getattr(r, "odds", None) is not None for r in rows)
    mode = ("odds" if has_odds else "price") if left == "auto" else left
    if mode == "odds":
        _odds_axis(ax, rows, xs, recommendation)
        if right == "auto":
            right = "tradeoff"
    elif mode == "price":
        prices = [float(r.price_after_exact) if r.price_after_exact is not None else float("nan") for r in rows]
        ax.plot(xs, prices, marker="o", markersize=3, color=PRICE_COLOR, label="post-split price")
        rules = sweep.rules
        if rules.min_bid is not None:
            reference_line(ax, rules.min_bid.value, f"${rules.min_bid.value} minimum bid")
        if recommendation is not None and getattr(recommendation, "objective", "price") == "price":
            reference_line(ax, recommendation.target_price, f"target ${recommendation.target_price}",
                           color=PRICE_COLOR, style=":")  # fmt: skip
        money_axis(ax)
        ax.set_ylabel("post-split price")
    else:
        from ..errors import InputError

        raise InputError("left", left, "use 'price', 'odds' or 'auto'")
    rules = sweep.rules
    ax.set_xlabel("ratio (1-for-N)")
    twin = ax.twinx()
    has_holders = any(getattr(r, f) is not None for r in rows for f, *_ in _SERIES)
    side = ("holders" if has_holders else "publicly_held") if right == "auto" else right
    if side == "tradeoff" and not has_holders:
        side = "publicly_held"
    if side == "tradeoff":
        _tradeoff_axis(twin, rows, xs, rules)
    elif side == "holders":
        for field, rule_name, label, color in _SERIES:
            values = [getattr(r, field) for r in rows]
            if all(v is None for v in values):
                continue
            est = " (est.)" if any(r.holders_estimated for r in rows) else ""
            twin.plot(xs, [float("nan") if v is None else v for v in values], marker="s", markersize=3,
                      color=color, label=label + est)  # fmt: skip
            rule = getattr(rules, rule_name)
            if rule is not None:
                reference_line(twin, rule.value, f"minimum {label} ({rule.value:,})", color=color)
        twin.set_ylabel("holders after the split")
    elif side == "publicly_held":
        color = "#7f8c8d"
        twin.plot(xs, [r.publicly_held_after for r in rows], marker="s", markersize=3, color=color,
                  label="publicly held shares")  # fmt: skip
        rule = rules.min_publicly_held_shares
        if rule is not None:
            reference_line(twin, rule.value, f"minimum publicly held shares ({rule.value:,})", color=color)
        twin.set_ylabel("publicly held shares after the split")
    else:
        from ..errors import InputError

        raise InputError("right", right, "use 'holders', 'publicly_held', 'tradeoff' or 'auto'")
    twin.set_ylim(bottom=0)
    from matplotlib.ticker import StrMethodFormatter

    twin.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))  # 19,876,406, never a "1e7" offset
    if recommendation is not None:
        marked = recommendation.ratio
        label = f"recommended {marked}"
        if marked is None and recommendation.binding:
            marked = recommendation.binding[0].ratio
            label = f"{recommendation.binding[0].constraint} binds at {marked}"
        if marked is not None:
            ax.axvline(float(marked.price_multiplier), color=BID_COLOR, linewidth=2.0, alpha=0.6, label=label)
    if evaluated is not None:
        ax.axvline(float(evaluated.price_multiplier), color="#2c3e50", linewidth=1.4, linestyle="--",
                   label=f"evaluated {evaluated}")  # fmt: skip
    ax.set_xlim(min(xs) - 0.5, max(xs) + 0.5)
    if title:
        ax.set_title(title)
    legend_below(ax, [twin])  # outside the plotting area: the lines fill every corner of it
    ax.right_axis = twin  # type: ignore[attr-defined]
    return ax


def _odds_axis(ax: Axes, rows: list[Any], xs: list[float], recommendation: Any) -> None:
    """Each candidate's odds with a 95% interval, and the threshold."""
    from matplotlib.ticker import PercentFormatter

    odds = [float("nan") if r.odds is None else r.odds.estimate for r in rows]
    err = [0.0 if r.odds is None else 1.959963984540054 * r.odds.stderr for r in rows]
    ax.errorbar(xs, odds, yerr=err, marker="o", markersize=3, color=PRICE_COLOR, capsize=2, linewidth=1.2,
                label="P(regain and compliant 12 months), 95% interval")  # fmt: skip
    threshold = None if recommendation is None else getattr(recommendation, "min_odds", None)
    if threshold is not None:
        reference_line(ax, threshold, f"threshold {threshold:.0%}", color=PRICE_COLOR, style=":")
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_ylabel("odds of keeping the listing")


def _tradeoff_axis(twin: Axes, rows: list[Any], xs: list[float], rules: Any) -> None:
    """Holders eliminated and round-lot holders after, with the round-lot minimum: what a bigger ratio costs."""
    from matplotlib.ticker import StrMethodFormatter

    lost = [r.holders_eliminated for r in rows]
    est = " (est.)" if any(r.holders_estimated for r in rows) else ""
    if any(v is not None for v in lost):
        twin.plot(xs, [float("nan") if v is None else v for v in lost], marker="s", markersize=3,
                  color="#8e44ad", label="holders eliminated" + est)  # fmt: skip
    lots = [r.round_lot_holders_after for r in rows]
    if any(v is not None for v in lots):
        twin.plot(xs, [float("nan") if v is None else v for v in lots], marker="^", markersize=3,
                  color="#d35400", label="round-lot holders after" + est)  # fmt: skip
        rule = getattr(rules, "min_round_lot_holders", None)
        if rule is not None:
            reference_line(twin, rule.value, f"minimum round-lot holders ({rule.value:,})", color="#d35400")
    twin.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    twin.set_ylabel("holders")
