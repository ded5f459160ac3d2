"""Caveats an analysis states about its inputs: hypothetical figures, the price proxy, UNCERTAIN and unsourced facts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..rules import RuleSet

__all__ = ["input_caveats", "price_caveat"]


def price_caveat(ruleset: RuleSet | None) -> str:
    """What the exchange's price test reads, and what splitcalc reads instead (Nasdaq Rule 5005(a)(3), NYSE 802.01C)."""
    test = getattr(ruleset, "price_test", None)
    kind = None if test is None else test.value
    cite = "" if test is None else test.cite
    if kind == "consecutive_closing_bid":
        return (
            f"Prices: Nasdaq tests the closing BID price ({cite}); splitcalc uses the closing "
            "(last-sale) price as a proxy, the only daily price public sources give."
        )
    if kind == "average_30_trading_days":
        return (
            f"Prices: NYSE tests closing prices, not the bid: a deficiency is an average close below the minimum "
            f"over 30 consecutive trading days ({cite}); splitcalc uses the daily closes as given."
        )
    if kind == "discretionary":
        return (
            f"Prices: {cite} sets no numeric price test (delisting is discretionary for a stock selling at a low "
            "price for a substantial period); no price here is tested against a floor."
        )
    return "Prices: closing (last-sale) prices as given; no exchange price test is applied."


def input_caveats(s: Any, has_price: bool, ruleset: RuleSet | None = None, extra: tuple[Any, ...] = ()) -> list[str]:
    """Caveats on the inputs: hypothetical, the price proxy, UNCERTAIN, assumed and unsourced figures."""
    out: list[str] = []
    if s.hypothetical:
        out.insert(0, "This scenario is HYPOTHETICAL: the company and its figures are illustrations, not facts.")
    if has_price:
        out.append(price_caveat(ruleset))
    facts = (*s.facts, *extra)
    uncertain = [f for f in facts if f.uncertain]
    if uncertain:
        out.append(
            "UNCERTAIN inputs (sources not confirmed): "
            + "; ".join(f"{f.label}{' — ' + f.note if f.note else ''}" for f in uncertain)
        )
    assumed = [f for f in facts if f.key.startswith("assumptions.")]
    if assumed:
        out.append("Assumptions, not facts: " + "; ".join(f"{f.label} = {f.value}" for f in assumed) + ".")
    unsourced = [f.label for f in facts if f.status == "unsourced"]
    if unsourced:
        out.append("Given without a source: " + ", ".join(unsourced) + ".")
    out.append(
        "Given vs estimated: figures listed under 'Inputs and sources' are given; everything else is computed "
        "from them. Aggregate share counts after the split are estimates unless holder data is supplied."
    )
    return out
