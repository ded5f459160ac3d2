"""The holders section: what the split does to every holder (``splitcalc.holdings``)."""

from __future__ import annotations

from typing import Any

from ..analysis.holder_standards import HolderMetric
from ..analysis.scenario_file import Scenario
from .formatting import cell, dollars
from .parts import Section, Table

__all__ = ["holders_section"]


def holders_section(result: Any, scenario: Scenario, metrics: tuple[HolderMetric, ...]) -> Section:
    """Render the holder counts before and after, their changes and minimums (from the analysis).

    ``result`` is a :class:`splitcalc.holdings.HoldingsResult`; ``metrics``
    are :attr:`splitcalc.analysis.Analysis.holder_metrics` (the comparisons
    with the rules in force are made there).
    """
    t = result.totals
    with_rules = any(m.status in ("met", "not met", "not checked") for m in metrics)
    columns = ["Metric", "Before", "After", "Change"]
    if with_rules:
        columns += ["Minimum", "Met after", "Rule"]
    rows: list[tuple[object, ...]] = []
    for m in metrics:
        row: list[object] = [m.label, m.before, m.after, m.change]
        if with_rules:
            row += ["" if m.minimum is None else m.minimum, m.status_text, m.cite]
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
