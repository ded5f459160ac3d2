"""The compliance timeline as a dated chart.

One row per event of a :class:`~splitcalc.compliance.ComplianceTimeline`
(below-bid streak, deficiency, notice, deadlines, split, regain window,
outcome), in date order, with the compliance periods drawn as bars from the
notice to each deadline (Nasdaq Rule 5810(c)(3)(A); SR-NASDAQ-2010-107)
and the regain window from the start of the regain streak to the regain.
Extra dated items (a planned split's notification deadlines) can be added.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

from ._base import BID_COLOR, DEADLINE_COLOR, SPLIT_COLOR, date_axis, date_num, legend, new_axes, to_datetime

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["compliance_timeline"]

_COLORS: Final = {
    "deficiency": BID_COLOR,
    "notice": BID_COLOR,
    "compliance_period_deadline": DEADLINE_COLOR,
    "second_period_deadline": DEADLINE_COLOR,
    "split_effective": SPLIT_COLOR,
    "compliance_regained": "#27ae60",
    "delisting_determination": "#000000",
    "low_price_trigger": "#000000",
}


def compliance_timeline(
    timeline: Any,
    *,
    planned: Any = None,
    extra: Iterable[tuple[Any, str]] = (),
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Draw each event of ``timeline`` on a date axis, with the compliance periods as bars.

    Parameters
    ----------
    timeline
        A :class:`~splitcalc.compliance.ComplianceTimeline` (anything with
        ``.events`` of ``date``, ``kind``, ``description``).
    planned
        A :class:`~splitcalc.compliance.PlannedSplitCheck`: its effective
        date, notification and disclosure deadlines (Nasdaq Rules 5250(e)(7),
        5250(b)(4), approved Nov 1, 2023) and the end of the one-year bar are added.
    extra
        More ``(date, label)`` items.
    ax
        Axes to draw on; a new Figure otherwise.
    title
        Axes title (default: the timeline's exchange, tier and status).

    Returns
    -------
    matplotlib.axes.Axes
    """
    events = [(to_datetime(e.date), e.kind, str(getattr(e, "description", ""))) for e in timeline.events]
    extra = list(extra)
    if planned is not None:
        extra += [
            (d, label)
            for d, label in (
                (getattr(planned, "notify_by", None), f"notify exchange ({planned.ratio} split)"),
                (getattr(planned, "disclose_by", None), "public disclosure"),
                (getattr(planned, "effective_date", None), f"{planned.ratio} split effective (planned)"),
                (getattr(planned, "bar_until", None), "one-year bar on a new failure ends"),
            )
            if d is not None
        ]
    events += [(to_datetime(d), "extra", label) for d, label in extra]
    events.sort(key=lambda e: e[0])
    n = len(events)
    ax = new_axes(ax, (9.0, max(2.5, 0.38 * n + 1.2)))
    ys = list(range(n, 0, -1))
    for y, (when, kind, _text) in zip(ys, events, strict=True):
        ax.plot([date_num(when)], [y], marker="D" if kind != "extra" else "o", linestyle="none",
                color=_COLORS.get(kind, "#7f8c8d"), markersize=6)  # fmt: skip
        ax.annotate(when.strftime("%Y-%m-%d"), (date_num(when), y), xytext=(6, -3),
                    textcoords="offset points", fontsize="x-small")  # fmt: skip
    ax.set_yticks(ys, [_label(kind, text) for _w, kind, text in events], fontsize="small")
    ax.set_ylim(0.3, n + 0.7)
    _periods(ax, events)
    for when, kind, _text in events:
        if kind == "split_effective":
            ax.axvline(date_num(when), color=SPLIT_COLOR, linewidth=1.0, label="split effective")
    date_axis(ax)
    ax.set_xlabel("date")
    ax.grid(axis="x", alpha=0.3)
    if title is None:
        parts = [str(getattr(timeline, a, "")) for a in ("exchange", "tier")]
        status = getattr(timeline, "status", "")
        title = " ".join(p for p in parts if p) + (f": {status}" if status else "")
    if title:
        ax.set_title(title)
    legend(ax, loc="lower left")
    return ax


def _label(kind: str, text: str) -> str:
    if kind == "extra":
        return text
    return kind.replace("_", " ")


def _periods(ax: Axes, events: list[tuple[Any, str, str]]) -> None:
    """Bars: notice -> first deadline -> second deadline; regain streak start -> regain."""
    first = {k: w for w, k, _ in reversed(events)}  # earliest date per kind
    spans = []
    if "notice" in first and "compliance_period_deadline" in first:
        spans.append((first["notice"], first["compliance_period_deadline"], "compliance period 1", "#f5b7b1"))
        if "second_period_deadline" in first:
            spans.append(
                (first["compliance_period_deadline"], first["second_period_deadline"], "compliance period 2", "#d7bde2")
            )
    regained = [w for w, k, _ in events if k == "compliance_regained"]
    starts = [w for w, k, _ in events if k == "regain_streak_started"]
    if regained and starts:
        begin = max((s for s in starts if s <= regained[-1]), default=None)
        if begin is not None:
            spans.append((begin, regained[-1], "regain window", "#abebc6"))
    for lo, hi, label, color in spans:
        x0 = date_num(lo)
        ax.broken_barh([(x0, date_num(hi) - x0)], (0.35, 0.3), facecolors=color, label=label)
