"""Ratio solver: the smallest authorised ratio that lifts the price with a cushion.

The board's trade-off (issue 5): a ratio too small and the price sinks back
under the minimum bid; too large and the company falls below the holder and
publicly-held-share minimums -- which since Oct 7, 2024 means the bid-price
deficiency is not cured at all (Nasdaq Rule 5810(c)(3)(A), SR-NASDAQ-2024-029, 89 FR 82652).

:func:`recommend_ratio` sweeps the candidates (:func:`ratio_sweep`) and picks
the smallest ratio whose theoretical post-split price reaches a target price
while every other numeric minimum still holds. Holder counts and publicly held
shares only fall as the ratio grows, so the smallest price-passing ratio is
the best chance for them too; when it fails one, no authorised ratio passes
and the result names the binding constraint and the shortfall.

The default target is :data:`DEFAULT_CUSHION` x the minimum bid: 1.5 x $1.00 =
$1.50 absorbs a fall of one third before the price is back at $1.00, about
the -33.90% three-year buy-and-hold abnormal return after reverse splits in
Desai & Jain (1997), J. Business 70(3). For an uplisting pass the $4.00
initial-listing bid (Nasdaq Rule 5505(a)(1)) as ``target_price``
or use :func:`~splitcalc.scenarios.standards.initial_listing`.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Final, Literal

from .._display import FrameDisplay
from ..coerce import as_probability
from ..errors import InputError
from ..money import as_decimal, quantize
from ..ratio import SplitRatio, cumulative
from ..structure import CapitalStructure
from .holders import HolderSizeDistribution
from .simulate import Probability
from .standards import RuleValues
from .sweep import RatioSweep, SweepRow, ratio_sweep

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DEFAULT_CUSHION", "DEFAULT_MIN_ODDS", "Objective", "Recommendation", "Shortfall", "recommend_ratio"]

#: What :func:`recommend_ratio` optimises: the price cushion, or the simulated odds.
Objective = Literal["price", "odds"]
#: Default odds threshold for ``objective="odds"``.
DEFAULT_MIN_ODDS: Final = 0.8
#: The event whose probability ``objective="odds"`` compares with ``min_odds``: regained (by the
#: deadline, when one is given) and no new deficiency within 12 months of the split.
ODDS_EVENT: Final = "compliant_12m"

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
    objective
        ``"price"`` (the smallest ratio reaching :attr:`target_price`) or
        ``"odds"`` (the smallest ratio whose simulated odds reach :attr:`min_odds`).
    min_odds
        The odds threshold (``objective="odds"`` only).
    """

    ratio: SplitRatio | None
    target_price: Decimal
    target_basis: str
    sweep: RatioSweep
    binding: tuple[Shortfall, ...]
    reasons: tuple[str, ...]
    unchecked: tuple[str, ...] = field(default=())
    objective: Objective = "price"
    min_odds: float | None = None

    @property
    def feasible(self) -> bool:
        """True when a ratio meets every checked constraint (for ``"odds"``: the odds threshold too)."""
        return self.ratio is not None and not self.binding

    @property
    def odds(self) -> Probability | None:
        """The recommended ratio's odds (``objective="odds"``)."""
        row = self.row
        return None if row is None else row.odds

    @property
    def row(self) -> SweepRow | None:
        """The sweep row of the recommended ratio."""
        return None if self.ratio is None else self.sweep.row(self.ratio)

    def _title(self) -> str:
        if self.objective == "odds":
            goal = f"odds >= {self.min_odds:.0%}"
            if self.ratio is None:
                return f"No authorised ratio meets every constraint ({goal})"
            odds = self.odds
            got = "" if odds is None else f": {odds.estimate:.0%} ± {odds.stderr:.1%}"
            head = "Recommended ratio" if self.feasible else "Best available ratio (threshold not met)"
            return f"{head} {self.ratio} ({goal}{got})"
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
            "objective": self.objective,
            "min_odds": self.min_odds,
            "odds": None if self.odds is None else {"probability": self.odds.estimate, "stderr": self.odds.stderr},
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
    objective: Objective = "price",
    min_odds: float = DEFAULT_MIN_ODDS,
    simulate_options: Mapping[str, object] | None = None,
) -> Recommendation:
    """The smallest authorised ratio that reaches ``target_price`` (or ``min_odds``) and keeps every other minimum.

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
        the limit (250 Nasdaq 5810(c)(3)(A)(iv); 200 NYSE 802.01C, from Jan 15, 2025). A forward
        (or 1-for-1) split raises :class:`InputError`.
    objective
        ``"price"`` (default): the smallest ratio reaching ``target_price``.
        ``"odds"``: the smallest ratio whose probability of regaining
        compliance (by the deadline, when ``simulate_options`` gives
        ``deadline_days``) and staying compliant 12 months is at least
        ``min_odds``; every sweep row then carries its odds and standard
        error (:attr:`SweepRow.odds`), all from one simulation on common
        random numbers (:func:`~splitcalc.scenarios.simulate_many`). When no
        ratio reaches ``min_odds``, the best one is returned with the odds
        as the binding constraint.
    min_odds
        Threshold for ``objective="odds"`` (default 0.8), between 0 and 1.
    simulate_options
        Keyword arguments for :func:`~splitcalc.scenarios.simulate_many`
        (``volatility``, ``drift``, ``history``, ``start_date``,
        ``deadline_days``, ``paths``, ``seed`` ...); the rules are the sweep's.

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

    odds_threshold = as_probability(min_odds, "min_odds")  # read whatever the objective: one answer for one value
    unchecked = tuple(dict.fromkeys(label for row in rows for label in row.unknown))
    reasons: list[str] = []
    binding: list[Shortfall] = []
    if objective == "odds":
        threshold = odds_threshold
        rows = _with_odds(rows, values, simulate_options)
        sweep = dataclasses.replace(sweep, rows=rows)
        eligible = [r for r in rows if r.meets_minimums is not False and cumulative_ok(r)]
        chosen = next((r for r in eligible if r.odds is not None and r.odds.estimate >= threshold), None)
        if chosen is not None:
            reasons.extend(_why_odds(chosen, rows, threshold))
        elif eligible:
            chosen, short = _best_odds(eligible, threshold)
            binding.append(short)
            reasons.append(short.detail)
        basis = f"odds objective: P(regain and compliant 12 months) >= {threshold:.0%}; price floor {basis}"
    else:
        threshold = None
        chosen = next(
            (r for r in rows if price_ok(r) and r.meets_minimums is not False and cumulative_ok(r)),
            None,
        )
        if chosen is not None:
            reasons.extend(_why_chosen(chosen, rows, target, basis, price_ok))
    if chosen is None:
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
        cites = dict.fromkeys(getattr(values, name).cite for name in uncertain)
        reasons.append(f"rule values marked UNCERTAIN (not confirmed from a source text): {'; '.join(cites)}")
    reasons.extend(n for n in sweep.notes if n.startswith("holder counts estimated"))
    return Recommendation(
        ratio=None if chosen is None else chosen.ratio,
        target_price=target,
        target_basis=basis,
        sweep=sweep,
        binding=tuple(binding),
        reasons=tuple(reasons),
        unchecked=unchecked,
        objective=objective,
        min_odds=threshold,
    )


def _with_odds(
    rows: tuple[SweepRow, ...], values: RuleValues, options: Mapping[str, object] | None
) -> tuple[SweepRow, ...]:
    """Every row with its odds, from one :func:`simulate_many` run on common random numbers."""
    from .many import simulate_many

    if values.min_bid is None:
        raise InputError("objective", "odds", f"needs a minimum bid to simulate against: {values.name} has none")
    opts = dict(options or {})
    if "rules" in opts:
        raise InputError("simulate_options", "rules", "the sweep's rules are used; pass rules= instead")
    prices = [r.effect.price_after for r in rows]  # the post-split price as CapitalStructure.apply gives it
    if any(p is None for p in prices):
        raise InputError("structure", None, "needs the pre-split price to simulate the odds")
    many = simulate_many(prices, rules=values, **opts)  # type: ignore[arg-type]
    return tuple(dataclasses.replace(r, odds=odds) for r, odds in zip(rows, many.odds(ODDS_EVENT), strict=True))


def _odds_text(p: Probability | None) -> str:
    return "not estimated" if p is None else f"{p.estimate:.0%} ± {p.stderr:.1%}"


def _why_odds(chosen: SweepRow, rows: tuple[SweepRow, ...], threshold: float) -> list[str]:
    out = [
        f"{chosen.ratio} is the smallest candidate whose odds of regaining compliance and staying compliant "
        f"12 months, {_odds_text(chosen.odds)}, reach {threshold:.0%}"
    ]
    smaller = [r for r in rows if r.ratio.price_multiplier < chosen.ratio.price_multiplier]
    if smaller:
        prev = smaller[-1]
        out.append(f"{prev.ratio} would give {_odds_text(prev.odds)}")
    out.extend(_checked_minimums(chosen))
    return out


def _checked_minimums(chosen: SweepRow) -> list[str]:
    """One line per minimum that was compared with a rule value for ``chosen`` (unchecked ones are left out)."""
    out = []
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


def _best_odds(eligible: list[SweepRow], threshold: float) -> tuple[SweepRow, Shortfall]:
    """The eligible row with the highest odds (the smallest ratio on a tie) and the odds shortfall."""
    best = max(eligible, key=lambda r: (-1.0 if r.odds is None else r.odds.estimate, -r.ratio.price_multiplier))
    got = 0.0 if best.odds is None else best.odds.estimate
    actual = Decimal(f"{got:.4f}")
    required = Decimal(f"{threshold:.4f}")
    detail = (
        f"odds bind: no authorised ratio that keeps the other minimums reaches {threshold:.0%}; the best is "
        f"{best.ratio} at {_odds_text(best.odds)}"
    )
    return best, Shortfall("odds", best.ratio, actual, required, required - actual, "simulate_many", detail)


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
    out.extend(_checked_minimums(chosen))
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
