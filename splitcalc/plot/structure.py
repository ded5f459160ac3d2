"""Capital structure before and after a split as stacked bars.

Each bar splits the authorised shares into outstanding, reserved (options,
warrants, convertibles) and available for issuance, ``authorized -
outstanding - reserved`` (:class:`splitcalc.CapitalStructure`). A reverse
split that leaves the authorised shares unchanged turns most of the charter
into headroom (NeuroBo kept 100M: press release, Sep 12, 2022); reducing them proportionally
keeps the mix.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ..errors import InputError
from ._base import new_axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["capital_structure"]

_SEGMENTS: Final = (
    ("outstanding", "#1f77b4"),
    ("treasury", "#95a5a6"),
    ("reserved", "#f39c12"),
    ("available for issuance", "#abebc6"),
)


def _effect(obj: Any) -> Any:
    for attr in ("before", "effect", "row"):
        if attr == "before" and hasattr(obj, "before") and hasattr(obj, "after"):
            return obj
        inner = getattr(obj, attr, None)
        if inner is not None and attr != "before":
            return _effect(inner)
    raise InputError("effect", type(obj).__name__, "expected a SplitEffect (CapitalStructure.apply) or a sweep row")


def _parts(cap: Any) -> dict[str, int]:
    parts = {"outstanding": cap.outstanding, "treasury": cap.treasury, "reserved": cap.reserved_total}
    available = cap.available_for_issuance
    if available is not None:
        parts["available for issuance"] = max(available - cap.treasury, 0)
    return parts


def capital_structure(effect: Any, *, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Stacked bars of outstanding, reserved and available shares before and after.

    Parameters
    ----------
    effect
        A :class:`~splitcalc.SplitEffect`, or a sweep row / recommendation
        holding one.
    ax
        Axes to draw on; a new Figure otherwise.
    title
        Axes title (default: the split).

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.ticker import FuncFormatter

    eff = _effect(effect)
    ax = new_axes(ax, (9.0, 3.2))
    bars = [("after", _parts(eff.after)), ("before", _parts(eff.before))]
    labels = [f"{name}\n{parts['outstanding']:,} out" for name, parts in bars]
    widest = max(sum(parts.values()) for _, parts in bars) or 1
    for segment, color in _SEGMENTS:
        widths = [parts.get(segment, 0) for _, parts in bars]
        if not any(widths):
            continue
        lefts = [sum(v for k, v in parts.items() if _order(k) < _order(segment)) for _, parts in bars]
        container = ax.barh(labels, widths, left=lefts, color=color, edgecolor="white", label=segment, height=0.55)
        ax.bar_label(
            container,
            labels=[f"{w:,}" if w >= 0.08 * widest else "" for w in widths],
            label_type="center",
            fontsize="x-small",
        )
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v / 1e6:,.0f}M" if v >= 1e6 else f"{v:,.0f}"))
    ax.set_xlabel("shares")
    authorized = eff.before.authorized
    if authorized is not None:
        ax.axvline(authorized, color="#555555", linestyle=":", linewidth=1.0, label=f"authorised {authorized:,}")
    ax.set_title(title or f"Capital structure, {eff.ratio} split")
    ax.legend(fontsize="small", loc="lower right", ncols=2)
    return ax


def _order(segment: str) -> int:
    return [s for s, _ in _SEGMENTS].index(segment)
