"""Price history around a split, as traded and split-adjusted.

The exchanges test prices *as traded* (Nasdaq Rule 5810(c)(3)(A); NYSE
Listed Company Manual 802.01C), so
the as-traded chart carries the $1.00 line; on the split-adjusted chart the
same threshold becomes ``$1.00 / F(t)`` (``F`` the product of later split
factors, CRSP style), a step at each split. Runs of closes below the minimum
bid lasting at least ``deficiency_days`` sessions (30 business days, Nasdaq
Rule 5810(c)(3)(A); SR-NASDAQ-2010-107) are shaded; each split date and each
deadline of a compliance timeline is marked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from ..compliance.kernel.streaks import run_lengths
from ..errors import InputError
from ..ratio import SplitRatio
from ._base import (
    BID_COLOR,
    DEADLINE_COLOR,
    PRICE_COLOR,
    SHADE_COLOR,
    SPLIT_COLOR,
    date_num,
    legend,
    money_axis,
    new_axes,
    new_figure,
    reference_line,
)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["DEADLINE_KINDS", "price_history", "price_history_panels"]

#: Timeline event kinds drawn as deadlines on a price chart.
DEADLINE_KINDS = (
    "notice",
    "compliance_period_deadline",
    "second_period_deadline",
    "compliance_regained",
    "delisting_determination",
)


def _frames(prices: Any, splits: Iterable[tuple[Any, Any]] | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """As-traded and split-adjusted frames with a ``close`` column."""
    import pandas as pd

    from .. import history

    if isinstance(prices, pd.Series):
        frame = prices.rename("close").to_frame()
        frame.attrs = dict(prices.attrs)
    elif isinstance(prices, pd.DataFrame):
        frame = prices.copy()
        frame.attrs = dict(prices.attrs)
        if "close" not in frame.columns and "Close" in frame.columns:
            frame = frame.rename(columns={"Close": "close"})
    else:
        raise InputError("prices", type(prices).__name__, "expected a pandas Series or DataFrame of closes")
    if "close" not in frame.columns:
        raise InputError("prices", list(frame.columns), "needs a 'close' column")
    if not isinstance(frame.index, pd.DatetimeIndex):
        raise InputError("prices", type(frame.index).__name__, "needs a DatetimeIndex")
    frame = frame[["close"]]
    if splits is not None:
        frame.attrs["splits"] = [(when, SplitRatio.parse(r)) for when, r in splits]
    frame.attrs.setdefault("splits", [])
    frame.attrs["splits"] = [(when, SplitRatio.parse(r)) for when, r in frame.attrs["splits"]]
    if frame.attrs.get("adjustment") == "split_adjusted":
        return history.to_as_traded(frame), frame
    frame.attrs["adjustment"] = "as_traded"
    return frame, history.to_adjusted(frame)


def _streaks(dates: Sequence[Any], below: np.ndarray[Any, Any], days: int) -> list[tuple[float, float]]:
    """(first, last) date of each run of ``below`` lasting ``days`` or more, as matplotlib dates."""
    runs = run_lengths(below)
    out = []
    ends = np.flatnonzero(below & np.append(~below[1:], True))  # last index of each run
    for end in ends.tolist():
        length = int(runs[end])
        if length >= days:
            out.append((date_num(dates[end - length + 1]), date_num(dates[end])))
    return out


def _price_test(
    min_bid: Decimal | float | None, deficiency_days: int | None, rules: Any, timeline: Any
) -> tuple[Decimal | float | None, int | None, str]:
    """The minimum bid and deficiency run to draw (given values, else the rule set's rows) and the rules' name.

    ``None`` values: the rule set has no numeric price test (NYSE American 1003(f)(v) is discretionary);
    nothing is drawn for it.
    """
    if min_bid is not None and deficiency_days is not None:
        return min_bid, deficiency_days, ""
    from .. import rules as _rules

    if rules is None and getattr(timeline, "rules_name", None):
        rs = _rules.get(timeline.rules_name, as_of=timeline.as_of)
    elif rules is None or isinstance(rules, str):
        rs = _rules.get(rules or "nasdaq-capital")
    else:
        rs = rules
    bid = rs.min_bid.value if min_bid is None else min_bid
    days = rs.deficiency_days.value if deficiency_days is None else deficiency_days
    if bid is None or days is None:
        return None, None, str(rs.name)
    return bid, int(days), str(rs.name)


def price_history(
    prices: Any,
    *,
    splits: Iterable[tuple[Any, Any]] | None = None,
    adjusted: bool = False,
    min_bid: Decimal | float | None = None,
    deficiency_days: int | None = None,
    timeline: Any = None,
    rules: Any = None,
    log: bool = True,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Closes before and after a split with the minimum bid, streaks, splits and deadlines.

    Parameters
    ----------
    prices
        Closes: a Series, or a frame with ``close`` (as
        :func:`splitcalc.get_prices` returns). As traded unless
        ``attrs["adjustment"] == "split_adjusted"``.
    splits
        ``(date, ratio)`` pairs; default ``prices.attrs["splits"]``.
    adjusted
        Draw the split-adjusted series (the $1.00 test then appears as a step).
    min_bid, deficiency_days
        The price test drawn; each defaults to the ``min_bid`` and
        ``deficiency_days`` rows of the rule set (see ``rules``).
    timeline
        A :class:`~splitcalc.compliance.ComplianceTimeline`: its notice,
        deadlines and outcome are marked.
    rules
        A :class:`~splitcalc.rules.RuleSet` or rule-set name whose price test
        is drawn; default the timeline's rule set by name on its evaluation
        date (a timeline does not carry a ``with_value`` override: pass it
        here), else
        the Nasdaq Capital Market rules in force today
        (``splitcalc.rules.get("nasdaq-capital")``).
    log
        Logarithmic price axis (a 1-for-25 split is a 25x jump).
    ax
        Axes to draw on; a new Figure otherwise.
    title
        Axes title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    traded, adj = _frames(prices, splits)
    bid_rule, run_rule, rules_name = _price_test(min_bid, deficiency_days, rules, timeline)
    ax = new_axes(ax, (9.0, 4.5))
    frame = adj if adjusted else traded
    dates = frame.index
    close = frame["close"].to_numpy(dtype=float)
    ax.plot(
        dates,
        close,
        color=PRICE_COLOR,
        linewidth=1.3,
        label="close, split-adjusted" if adjusted else "close, as traded",
    )
    if bid_rule is not None and run_rule is not None:
        bid = float(bid_rule)
        if adjusted:
            factor = traded["close"].to_numpy(dtype=float) / adj["close"].to_numpy(dtype=float)
            ax.step(dates, bid / factor, where="post", color=BID_COLOR, linestyle="--", linewidth=1.2,
                    label=f"minimum bid (${bid:.2f} as traded)")  # fmt: skip
        else:
            reference_line(ax, bid, f"${bid:.2f} minimum bid")
        below = traded["close"].to_numpy(dtype=float) < bid
        for i, (first, last) in enumerate(_streaks(list(traded.index), below, run_rule)):
            ax.axvspan(first, last, color=SHADE_COLOR, alpha=0.12, linewidth=0,
                       label=f"below ${bid:.2f} for {run_rule}+ sessions" if i == 0 else None)  # fmt: skip
    else:  # say so on the chart rather than draw a test the rules do not have
        ax.plot([], [], linestyle="none", label=f"{rules_name}: no numeric minimum bid price test")
    for when, ratio in traded.attrs.get("splits", []):
        ax.axvline(date_num(when), color=SPLIT_COLOR, linewidth=1.2, label=f"{ratio} split")
    if timeline is not None:
        _mark_deadlines(ax, getattr(timeline, "events", ()), DEADLINE_KINDS)
    if log:
        ax.set_yscale("log")
    money_axis(ax)
    ax.set_ylabel("split-adjusted price" if adjusted else "price as traded")
    ax.set_xlabel("date")
    if title:
        ax.set_title(title)
    legend(ax, loc="best")
    return ax


#: How each kind of dated event is drawn: (legend label, colour, line style). A notice and a
#: deadline must not look alike.
EVENT_STYLES: Final = {
    "notice": ("deficiency notice", BID_COLOR, "-."),
    "compliance_period_deadline": ("compliance deadline", DEADLINE_COLOR, "--"),
    "second_period_deadline": ("second-period deadline", DEADLINE_COLOR, (0, (6, 2, 1, 2))),
    "compliance_regained": ("compliance regained", "#27ae60", "-"),
    "delisting_determination": ("delisting determination", "#000000", ":"),
}


def _mark_deadlines(ax: Axes, events: Sequence[Any], kinds: Sequence[str]) -> None:
    seen: set[str] = set()
    for event in events:
        if event.kind not in kinds:
            continue
        label, color, style = EVENT_STYLES.get(event.kind, (event.kind.replace("_", " "), DEADLINE_COLOR, ":"))
        ax.axvline(date_num(event.date), color=color, linestyle=style, linewidth=1.2,
                   label=label if label not in seen else None)  # fmt: skip
        seen.add(label)


def price_history_panels(
    prices: Any,
    *,
    splits: Iterable[tuple[Any, Any]] | None = None,
    min_bid: Decimal | float | None = None,
    deficiency_days: int | None = None,
    timeline: Any = None,
    rules: Any = None,
    title: str | None = None,
) -> Figure:
    """Two stacked panels sharing the date axis: as traded (top) and split-adjusted (bottom).

    The price test drawn is chosen as in :func:`price_history`.
    """
    fig = new_figure((9.0, 7.0), nrows=2, sharex=True)
    top, bottom = fig.axes
    common: dict[str, Any] = {
        "splits": splits,
        "min_bid": min_bid,
        "deficiency_days": deficiency_days,
        "timeline": timeline,
        "rules": rules,
    }
    price_history(prices, adjusted=False, ax=top, title=title, **common)
    price_history(prices, adjusted=True, ax=bottom, **common)
    top.set_xlabel("")
    return fig
