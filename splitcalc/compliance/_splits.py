"""Splits as dated events: lookback windows, cumulative ratios, other standards a split breaks.

Pure helpers for the compliance engine and the planned-split check.

* Cumulative ratio (Nasdaq 5810(c)(3)(A)(iv); NYSE 802.01C): the product of the reverse splits' ratios
  in the lookback window (1-for-25 then 1-for-10 = 250).
* The one-year bar (Nasdaq 5810(c)(3)(A)(iv) from Jan 17, 2025; NYSE 802.01C
  from Jan 15, 2025): any reverse split dated after the same calendar day one
  year earlier.
* Other numeric standards (Nasdaq Oct 7, 2024 amendment of 5810(c)(3)(A);
  SR-NASDAQ-2024-029, 89 FR 82652; NYSE 802.01A): after the split, publicly held
  shares, public / total / round-lot holders and the market value of publicly
  held shares (MVPHS) are compared with the tier's minimums. Post-split
  publicly held shares come from :meth:`CapitalStructure.apply` (outstanding
  less insiders, as Nasdaq Rule 5005(a) defines publicly held shares), holder counts from a Holdings-like object.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..calendars import to_date
from ..errors import InputError
from ..money import as_decimal, quantize
from ..ratio import SplitRatio
from ..rules import RuleSet
from .kernel.windows import years_before

if TYPE_CHECKING:
    from .._types import HoldersLike, MoneyLike
    from ..structure import CapitalStructure

__all__ = [
    "Breach",
    "SplitEvent",
    "cumulative_magnitude",
    "normalise_splits",
    "other_standard_breaches",
    "years_before",
]

SplitEvent = tuple[dt.date, SplitRatio]


def normalise_splits(
    splits: Iterable[Any] | Mapping[Any, Any] | None, param_name: str = "splits"
) -> tuple[SplitEvent, ...]:
    """Pairs of (effective date, ratio), sorted by date.

    Accepts ``[(date, ratio), ...]`` or ``{date: ratio}``; dates as anything
    :func:`~splitcalc.calendars.to_date` reads, ratios as anything
    :meth:`SplitRatio.parse` reads.

    >>> normalise_splits([("2002-09-06", "1-for-25")])
    ((datetime.date(2002, 9, 6), SplitRatio(new=1, old=25)),)
    """
    if splits is None:
        return ()
    if isinstance(splits, str | bytes) or not isinstance(splits, Iterable):
        raise InputError(param_name, splits, "must be (date, ratio) pairs or a {date: ratio} mapping")
    items = list(splits.items()) if isinstance(splits, Mapping) else list(splits)
    out: list[SplitEvent] = []
    for item in items:
        if not isinstance(item, tuple | list) or len(item) != 2:
            raise InputError(param_name, item, "each split must be a (date, ratio) pair")
        day = to_date(item[0], param_name)
        out.append((day, SplitRatio.parse(item[1])))
    out.sort(key=lambda pair: pair[0])
    return tuple(out)


def _cents_down(price: Decimal, shares: int) -> Decimal:
    """``price x shares`` to the cent, rounded down, exactly (Decimal's own product rounds past 28 digits)."""
    return quantize(Fraction(price) * shares, 2, ROUND_DOWN)


def reverse_in_window(splits: Iterable[SplitEvent], after: dt.date, until: dt.date) -> list[SplitEvent]:
    """Reverse splits dated in ``(after, until]``."""
    return [(d, r) for d, r in splits if after < d <= until and r.is_reverse]


def cumulative_magnitude(splits: Iterable[SplitEvent]) -> Fraction:
    """Product of the reverse splits' "N" (1-for-25 then 1-for-10 -> 250).

    >>> cumulative_magnitude([(dt.date(2023, 1, 3), SplitRatio(1, 25)), (dt.date(2024, 1, 3), SplitRatio(1, 10))])
    Fraction(250, 1)
    """
    total = Fraction(1)
    for _, r in splits:
        if r.is_reverse:
            total *= r.magnitude
    return total


@dataclass(frozen=True)
class Breach:
    """One numeric standard a split would leave unmet."""

    standard: str
    value: int | Decimal
    minimum: int | Decimal
    cite: str

    def __str__(self) -> str:
        return f"{self.standard} {self.value:,} < {self.minimum:,} ({self.cite})"


def _holder_counts(holders: Any, ratio: SplitRatio) -> dict[str, int]:
    """Post-split holder counts from a Holdings, a HoldingsResult or a mapping."""
    if holders is None:
        return {}
    if isinstance(holders, Mapping):
        names = {
            "total_holders": ("total_holders", "holders_after", "holders"),
            "public_holders": ("public_holders", "public_holders_after"),
            "round_lot_holders": ("round_lot_holders", "round_lot_holders_after"),
            "publicly_held_shares": ("publicly_held_shares", "public_shares_after"),
        }
        out: dict[str, int] = {}
        for key, options in names.items():
            for option in options:
                if option in holders and holders[option] is not None:
                    out[key] = int(holders[option])
                    break
        unknown = set(holders) - {o for opts in names.values() for o in opts}
        if unknown:
            raise InputError("holders", sorted(unknown), f"unknown holder-count keys; use {', '.join(names)}")
        return out
    totals = getattr(holders, "totals", None)
    if totals is None and callable(getattr(holders, "apply", None)):
        totals = holders.apply(ratio).totals
    if totals is None:
        raise InputError("holders", type(holders).__name__, "expected holder counts, a Holdings or a HoldingsResult")
    return {
        "total_holders": int(totals.holders_after),
        "public_holders": int(totals.public_holders_after),
        "round_lot_holders": int(totals.round_lot_holders_after),
        "publicly_held_shares": int(totals.public_shares_after),
    }


def other_standard_breaches(
    ratio: SplitRatio,
    rules: RuleSet,
    *,
    structure: CapitalStructure | None = None,
    holders: HoldersLike | None = None,
    price_after: MoneyLike | None = None,
) -> tuple[tuple[Breach, ...], tuple[str, ...]]:
    """Standards (other than price) the split leaves unmet, and what could not be checked.

    Parameters
    ----------
    ratio
        The split.
    rules
        Rule set whose ``min_*`` values apply.
    structure
        The :class:`~splitcalc.CapitalStructure` just before the split.
    holders
        Post-split holder counts: a mapping (``total_holders``,
        ``public_holders``, ``round_lot_holders``, ``publicly_held_shares``),
        a HoldingsResult-like object with ``.totals`` for this split, or a
        Holdings-like object with ``.apply(ratio)``.
    price_after
        Post-split price for MVPHS (default: the structure's price / factor).

    Returns
    -------
    (breaches, unchecked)
        ``unchecked`` names standards in force that lacked the data to test.
    """
    counts = _holder_counts(holders, ratio)
    phs: int | None = None
    price: Decimal | None = None
    if structure is not None:
        effect = structure.apply(ratio)
        phs = int(effect.after.publicly_held)
        if effect.after.price is not None:
            price = Decimal(p.numerator) / p.denominator if (p := effect.price_after_exact) else Decimal(0)
    elif "publicly_held_shares" in counts:
        phs = counts["publicly_held_shares"]
    if price_after is not None:
        price = as_decimal(price_after, "price_after")

    checks: list[tuple[str, str, int | Decimal | None]] = [
        ("publicly held shares", "min_publicly_held_shares", phs),
        ("public holders", "min_public_holders", counts.get("public_holders")),
        ("total holders", "min_total_holders", counts.get("total_holders")),
        ("round-lot holders", "min_round_lot_holders", counts.get("round_lot_holders")),
        # to the cent, rounded down: against a minimum in whole cents that keeps "below" exact ($999,999.995 is)
        ("MVPHS $", "min_mvphs", None if phs is None or price is None else _cents_down(price, phs)),
    ]
    breaches: list[Breach] = []
    unchecked: list[str] = []
    for label, field, value in checks:
        rule = getattr(rules, field)
        if rule.value is None:
            continue
        if value is None:
            unchecked.append(label)
        elif value < rule.value:
            breaches.append(Breach(label, value, rule.value, rule.describe()))
    return tuple(breaches), tuple(unchecked)
