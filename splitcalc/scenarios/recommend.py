"""Ratio solver: the smallest authorised ratio that lifts the price with a cushion.

The board's trade-off (issue 5): a ratio too small and the price sinks back
under the minimum bid; too large and the company falls below the holder and
publicly-held-share minimums -- which since Oct 7, 2024 means the bid-price
deficiency is not cured at all (Nasdaq Rule 5810(c)(3)(A), rules.md §1 row 9).

:func:`recommend_ratio` sweeps the candidates (:func:`ratio_sweep`) and picks
the smallest ratio whose theoretical post-split price reaches a target price
while every other numeric minimum still holds. Holder counts and publicly held
shares only fall as the ratio grows, so the smallest price-passing ratio is
the best chance for them too; when it fails one, no authorised ratio passes
and the result names the binding constraint and the shortfall.

The default target is :data:`DEFAULT_CUSHION` x the minimum bid: 1.5 x $1.00 =
$1.50 absorbs a fall of one third before the price is back at $1.00, about
the -33.90% three-year buy-and-hold abnormal return after reverse splits in
Desai & Jain (1997) (rules.md §7). For an uplisting pass the $4.00
initial-listing bid (Nasdaq Rule 5505(a)(1), rules.md §2) as ``target_price``
or use :func:`~splitcalc.scenarios.standards.initial_listing`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Final, Literal

from .._display import FrameDisplay
from ..errors import InputError
from ..money import as_decimal, quantize
from ..ratio import SplitRatio, cumulative
from ..structure import CapitalStructure
from .holders import HolderSizeDistribution
from .sweep import RatioSweep, SweepRow, ratio_sweep

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DEFAULT_CUSHION", "Recommendation", "Shortfall", "recommend_ratio"]

#: Default target = cushion x minimum bid (see the module docstring).
DEFAULT_CUSHION: Final = Decimal("1.5")
CUSHION_REASON: Final = (
    "absorbs a fall of one third before the price is back at the minimum bid, about the -33.90% "
    "3-year abnormal return after reverse splits in Desai & Jain (1997), J. Business 70(3):409-433"
)


def _usd(value: Fraction | Decimal | int) -> str:
    q = quantize(Fraction(value), 4)
    text = f"{q:,.4f}".rstrip("0")
    if len(text.split(".")[-1]) < 2:
        text = f"{q:,.2f}"
    return f"${text}"


def _fmt(value: Fraction | Decimal | int, kind: str) -> str:
    if kind == "money":
        return _usd(value)
    return f"{int(value):,}"


@dataclass(frozen=True)
class Shortfall:
    """A constraint that blocks every authorised ratio.

    Attributes
    ----------
    constraint
        ``"price"``, a minimum's label (``"public holders"``) or
        ``"cumulative reverse-split ratio"``.
    ratio
        The ratio at which it was measured (the smallest ratio that meets the
        price target, or the largest authorised ratio when none does).
    actual, required
        The figure and its minimum (for the cumulative ratio: limit it must stay under).
    shortfall
        ``required - actual`` (how far off).
    cite
        Rule or source.
    detail
        A sentence for people.
    """

    constraint: str
    ratio: SplitRatio
    actual: int | Decimal | None
    required: int | Decimal
    shortfall: int | Decimal | None
    cite: str
    detail: str


@dataclass(frozen=True, eq=False)
class Recommendation(FrameDisplay):
    """The recommended ratio and the reasoning; see :func:`recommend_ratio`.

    Attributes
    ----------
    ratio
        The recommended :class:`SplitRatio`, or ``None`` when no authorised
        ratio meets every constraint (see :attr:`binding`).
    target_price
        Price the split must reach (exact Decimal).
    target_basis
        How the target was set.
    sweep
        The full :class:`RatioSweep` behind the choice.
    binding
        Why nothing passes (empty when :attr:`ratio` is set).
    reasons
        The reasoning, one sentence per line.
    """

    ratio: SplitRatio | None
    target_price: Decimal
    target_basis: str
    sweep: RatioSweep
    binding: tuple[Shortfall, ...]
    reasons: tuple[str, ...]
    unchecked: tuple[str, ...] = field(default=())

    @property
    def feasible(self) -> bool:
        """True when a ratio meets every checked constraint."""
        return self.ratio is not None

    @property
    def row(self) -> SweepRow | None:
        """The sweep row of the recommended ratio."""
        return None if self.ratio is None else self.sweep.row(self.ratio)

    def _title(self) -> str:
        if self.ratio is None:
            return f"No authorised ratio meets every constraint (target {_usd(self.target_price)})"
        return f"Recommended ratio {self.ratio} (target {_usd(self.target_price)})"

    def __str__(self) -> str:
        lines = [self._title()] + [f"- {r}" for r in self.reasons]
        return "\n".join(lines)

    def to_frame(self) -> pd.DataFrame:
        """The constraints at the recommended ratio, or the binding shortfalls."""
        import pandas as pd

        rows: list[tuple[object, ...]] = []
        if self.row is not None:
            row = self.row
            rows.append(("price", row.price_after, self.target_price, True, self.target_basis))
            for c in row.checks.values():
                rows.append((c.minimum.label, c.actual, c.minimum.value, c.met, c.minimum.cite))
        else:
            for s in self.binding:
                rows.append((s.constraint, s.actual, s.required, False, s.cite))
        return pd.DataFrame(rows, columns=["constraint", "actual", "required", "met", "cite"]).set_index("constraint")

    def to_dict(self) -> dict[str, object]:
        """JSON-ready summary (the sweep under ``"sweep"``)."""
        return {
            "ratio": None if self.ratio is None else str(self.ratio),
            "feasible": self.feasible,
            "target_price": self.target_price,
            "target_basis": self.target_basis,
            "reasons": list(self.reasons),
            "unchecked": list(self.unchecked),
            "binding": [
                {
                    "constraint": s.constraint,
                    "ratio": str(s.ratio),
                    "actual": s.actual,
                    "required": s.required,
                    "shortfall": s.shortfall,
                    "cite": s.cite,
                    "detail": s.detail,
                }
                for s in self.binding
            ],
            "sweep": self.sweep.to_dict(),
        }


def recommend_ratio(
    structure: CapitalStructure,
    *,
    ratios: object,
    target_price: object = None,
    cushion: object = DEFAULT_CUSHION,
    rules: object = None,
    holdings: object = None,
    holders: HolderSizeDistribution | int | None = None,
    fractional: str = "cash_in_lieu",
    prior_splits: Iterable[SplitRatio | str] = (),
    authorized: Literal["unchanged", "proportional"] = "unchanged",
) -> Recommendation:
    """The smallest authorised ratio that reaches ``target_price`` and keeps every other minimum.

    Parameters
    ----------
    structure
        The capital structure with the pre-split ``price`` (required).
    ratios
        The authorised candidates (``range(2, 26)``, ``"1-for-2..1-for-25"``...).
    target_price
        Post-split price to reach. Default: ``cushion x`` the minimum bid.
    cushion
        Multiple of the minimum bid used when ``target_price`` is not given
        (default 1.5; see :data:`DEFAULT_CUSHION`).
    rules
        A ``RuleSet`` or :class:`~splitcalc.scenarios.standards.RuleValues`
        (default: Nasdaq Capital Market continued listing).
    holdings, holders
        Holder data for the holder minimums (see :func:`ratio_sweep`).
    fractional, authorized
        Passed to :func:`ratio_sweep`.
    prior_splits
        Reverse splits already effected inside the exchange's two-year
        lookback; with the candidate their cumulative ratio must stay under
        the limit (250 Nasdaq, 200 NYSE; rules.md §1 row 8, §5). A forward
        (or 1-for-1) split raises :class:`InputError`.

    Returns
    -------
    Recommendation

    Examples
    --------
    >>> cap = CapitalStructure(outstanding=39_752_812, price=Decimal("0.17"))
    >>> rec = recommend_ratio(cap, ratios=range(2, 26))
    >>> str(rec.ratio), rec.target_price   # $0.17 x 9 = $1.53 >= $1.50 > $0.17 x 8 = $1.36
    ('1-for-9', Decimal('1.50'))
    """
    if not isinstance(structure, CapitalStructure):
        raise InputError("structure", structure, "expected a CapitalStructure")
    if structure.price is None:
        raise InputError("structure", structure.price, "needs the pre-split price (CapitalStructure(price=...))")
    sweep = ratio_sweep(
        structure,
        ratios=ratios,
        rules=rules,
        holdings=holdings,
        holders=holders,
        fractional=fractional,
        authorized=authorized,
    )
    values = sweep.rules
    if target_price is not None:
        target = as_decimal(target_price, "target_price")
        basis = "given"
    else:
        if values.min_bid is None:
            raise InputError("target_price", None, f"is required: {values.name} has no minimum bid")
        c = as_decimal(cushion, "cushion")
        target = quantize(c * values.min_bid.value, 2, "ROUND_CEILING")
        basis = f"{c} x the {_usd(values.min_bid.value)} minimum bid ({values.min_bid.cite})"
        if c == DEFAULT_CUSHION:
            basis += f"; {CUSHION_REASON}"
    if target <= 0:
        raise InputError("target_price", target, "must be positive")
    prior = tuple(SplitRatio.parse(p) for p in prior_splits)
    for p in prior:
        if not p.is_reverse:
            raise InputError("prior_splits", str(p), "is not a reverse split; list only reverse splits already done")
    limit = values.reverse_split_cumulative_limit
    rows = sweep.rows

    def price_ok(row: SweepRow) -> bool:
        assert row.price_after_exact is not None
        return row.price_after_exact >= Fraction(target)

    def cumulative_magnitude(row: SweepRow) -> Fraction:
        return cumulative([*prior, row.ratio]).magnitude

    def cumulative_ok(row: SweepRow) -> bool:
        return limit is None or not row.ratio.is_reverse or cumulative_magnitude(row) < limit.value

    unchecked = tuple(dict.fromkeys(label for row in rows for label in row.unknown))
    reasons: list[str] = []
    chosen = next(
        (r for r in rows if price_ok(r) and r.meets_minimums is not False and cumulative_ok(r)),
        None,
    )
    binding: list[Shortfall] = []
    if chosen is not None:
        reasons.extend(_why_chosen(chosen, rows, target, basis, price_ok))
    else:
        binding = _binding(
            rows,
            target=target,
            price_ok=price_ok,
            cumulative_ok=cumulative_ok,
            cumulative_magnitude=cumulative_magnitude,
            limit=limit,
        )
        reasons.extend(s.detail for s in binding)
    if unchecked:
        reasons.append(f"not checked (no holder data): {', '.join(unchecked)}; pass holdings= or holders=")
    uncertain = values.uncertain()
    if uncertain:
        reasons.append(f"rule values marked UNCERTAIN: {', '.join(uncertain)}")
    reasons.extend(n for n in sweep.notes if n.startswith("holder counts estimated"))
    return Recommendation(
        ratio=None if chosen is None else chosen.ratio,
        target_price=target,
        target_basis=basis,
        sweep=sweep,
        binding=tuple(binding),
        reasons=tuple(reasons),
        unchecked=unchecked,
    )


def _why_chosen(
    chosen: SweepRow,
    rows: tuple[SweepRow, ...],
    target: Decimal,
    basis: str,
    price_ok: object,
) -> list[str]:
    assert chosen.price_after_exact is not None
    out = [
        f"{chosen.ratio} is the smallest candidate whose post-split price "
        f"{_usd(chosen.price_after_exact)} reaches the target {_usd(target)} ({basis})"
    ]
    smaller = [r for r in rows if r.ratio.price_multiplier < chosen.ratio.price_multiplier]
    if smaller:
        prev = smaller[-1]
        assert prev.price_after_exact is not None
        if prev.price_after_exact < target:
            out.append(f"{prev.ratio} would give {_usd(prev.price_after_exact)}, below the target")
        else:
            out.append(f"{prev.ratio} reaches the price but fails: {', '.join(prev.failed) or 'another constraint'}")
    for c in chosen.checks.values():
        if c.met is None:
            continue
        est = "est. " if c.estimated else ""
        assert c.actual is not None
        out.append(
            f"{c.minimum.label}: {est}{_fmt(c.actual, c.minimum.kind)} >= {_fmt(c.minimum.value, c.minimum.kind)} "
            f"({c.minimum.cite})"
        )
    return out


def _binding(
    rows: tuple[SweepRow, ...],
    *,
    target: Decimal,
    price_ok: object,
    cumulative_ok: object,
    cumulative_magnitude: object,
    limit: object,
) -> list[Shortfall]:
    assert callable(price_ok)
    assert callable(cumulative_ok)
    assert callable(cumulative_magnitude)
    passing_price = [r for r in rows if price_ok(r)]
    out: list[Shortfall] = []
    if not passing_price:
        top = rows[-1]
        assert top.price_after_exact is not None
        price = top.effect.before.price
        assert price is not None
        short = quantize(Fraction(target) - top.price_after_exact, 4)
        needed = math.ceil(Fraction(target) / Fraction(price)) if price > 0 else None
        need_text = f"; 1-for-{needed} would be needed" if needed else ""
        out.append(
            Shortfall(
                "price",
                top.ratio,
                top.price_after,
                target,
                short,
                "target price",
                f"price binds: even the largest candidate {top.ratio} gives {_usd(top.price_after_exact)}, "
                f"{_usd(short)} short of the target {_usd(target)}{need_text}",
            )
        )
        return out
    at = passing_price[0]
    for name, check in at.checks.items():
        if check.met is not False:
            continue
        m = check.minimum
        assert check.actual is not None
        short_by = m.value - check.actual
        kept = [r for r in rows if r.checks[name].met]
        if kept:
            last = kept[-1]
            assert last.price_after_exact is not None
            tail = (
                f"; {m.label} hold up to {last.ratio}, where the price is {_usd(last.price_after_exact)} "
                f"(target {_usd(target)})"
            )
        else:
            tail = f"; {m.label} fail at every candidate ratio, so no split in the range cures it"
        est = "est. " if check.estimated else ""
        out.append(
            Shortfall(
                m.label,
                at.ratio,
                check.actual,
                m.value,
                short_by,
                m.cite,
                f"{m.label} bind: at {at.ratio}, the smallest ratio reaching {_usd(target)}, {m.label} are "
                f"{est}{_fmt(check.actual, m.kind)} < {_fmt(m.value, m.kind)} ({m.cite}), short by "
                f"{_fmt(short_by, m.kind)}{tail}",
            )
        )
    if not cumulative_ok(at):
        value = getattr(limit, "value", None)
        cite = str(getattr(limit, "cite", ""))
        mag = cumulative_magnitude(at)
        out.append(
            Shortfall(
                "cumulative reverse-split ratio",
                at.ratio,
                None,
                int(value) if value is not None else 0,
                None,
                cite,
                f"cumulative reverse-split ratio binds: with the prior splits {at.ratio} makes 1-for-{mag}, "
                f"at or over the limit {value} ({cite})",
            )
        )
    return out
