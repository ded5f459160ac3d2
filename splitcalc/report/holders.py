"""The holders section: what the split does to every holder (``splitcalc.holdings``)."""

from __future__ import annotations

from typing import Any

from ..analysis.scenario_file import Scenario
from .formatting import cell, dollars
from .parts import Section, Table

__all__ = ["holders_section"]

#: (label, totals field prefix, RuleSet minimum compared with the after count)
_ROWS = (
    ("Holders", "holders", "min_total_holders"),
    ("Round-lot holders (>= 100 shares)", "round_lot_holders", "min_round_lot_holders"),
    ("Public holders", "public_holders", "min_public_holders"),
    ("Public round-lot holders", "public_round_lot_holders", None),
    ("Shares", "shares", None),
    ("Publicly held shares", "public_shares", "min_publicly_held_shares"),
)


def holders_section(result: Any, scenario: Scenario, ruleset: Any = None) -> Section:
    """Totals before and after, minimums of the rules in force, and the size distribution.

    ``result`` is a :class:`splitcalc.holdings.HoldingsResult`; ``ruleset``
    (optional) adds each holder and share minimum with its rule number.
    """
    t = result.totals
    with_rules = ruleset is not None and any(
        getattr(getattr(ruleset, name, None), "value", None) is not None for _, _, name in _ROWS if name
    )
    columns = ["Metric", "Before", "After", "Change"]
    if with_rules:
        columns += ["Minimum", "Met after", "Rule"]
    rows: list[tuple[object, ...]] = []
    for label, prefix, rule_name in _ROWS:
        before = getattr(t, f"{prefix}_before")
        after = getattr(t, f"{prefix}_after")
        row: list[object] = [label, before, after, after - before]
        if with_rules:
            rule = getattr(ruleset, rule_name, None) if rule_name else None
            if rule is not None and rule.value is not None:
                row += [rule.value, after >= rule.value, rule.describe()]
            else:
                row += ["", "", ""]
        rows.append(tuple(row))
    extra = [("Holders eliminated (fewer shares than the ratio)", t.holders_eliminated)]
    extra.append(("Shares paid out as cash in lieu (new shares)", cell(t.shares_cashed_out)))
    if t.cash_total is not None:
        extra.append(("Cash in lieu paid", dollars(t.cash_total)))
    notes = [
        "A round-lot holder holds at least 100 shares (Nasdaq FAQ 1415); public excludes "
        "officers, directors and holders of more than 10%.",
        f"Fractional shares: {result.fractional.replace('_', ' ')}, settled per "
        f"{'holder (positions combined)' if result.level == 'holder' else 'position'}.",
    ]
    if t.cash_total is not None:
        notes.append("Cash in lieu priced at the pre-split price given in the scenario, to the cent.")
    if t.shares_before != scenario.structure.outstanding:
        notes.append(
            f"The holder file covers {t.shares_before:,} shares; the capital structure gives "
            f"{scenario.structure.outstanding:,} outstanding."
        )
    holder_fact = scenario.fact("data.holders")
    paragraphs: tuple[str, ...] = ()
    if holder_fact is not None and (holder_fact.hypothetical or holder_fact.uncertain):
        paragraphs = (
            "Hypothetical holder data: " + (holder_fact.note or "a made-up distribution, not the company's records."),
        )
    tables = [
        Table(tuple(columns), tuple(rows)),
        Table(("Also", "Value"), tuple(extra)),
    ]
    dist = result.distribution()
    tables.append(
        Table(
            ("Shares held", "Holders before", "Holders after"),
            tuple(
                (str(b), int(hb), int(ha))
                for b, hb, ha in zip(dist["bucket"], dist["holders_before"], dist["holders_after"], strict=True)
            ),
            caption="Holders by size of position (the 0 bucket after counts holders cashed out)",
        )
    )
    return Section(
        key="holders",
        title="Holders",
        paragraphs=paragraphs,
        tables=tuple(tables),
        notes=tuple(notes),
        source="splitcalc.holdings",
        data={"totals": t},
    )
