"""Assemble a report: turn an :class:`~splitcalc.analysis.Analysis` into sections, in reading order.

Nothing is computed here: every figure comes from the analysis
(:func:`splitcalc.analyse`). Core sections (terms, capital structure,
per-share figures, sources, caveats) always appear; the others appear when
the analysis has the part they show (see :mod:`splitcalc.analysis.build`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from . import sections
from .parts import Figure, Section

if TYPE_CHECKING:
    from ..analysis import Analysis

__all__ = ["DEFAULT_CHARTS", "build_sections"]


def build_sections(analysis: Analysis, charts: bool | Literal["all"] = True) -> tuple[Section, ...]:
    """The report's sections for ``analysis``, with charts attached when asked (``charts``)."""
    a = analysis
    s = a.scenario
    body: list[Section] = [sections.split_terms(s, a.ratio, a.ratio_note)]
    hres = a.holdings
    body.append(
        sections.capital_structure(
            a.effect,
            holder_shares_after=None if hres is None else hres.totals.shares_after,
            holder_public_after=None if hres is None else hres.totals.public_shares_after,
            unknown=a.basis.unknown,
            basis_notes=a.basis.notes,
        )
    )
    body.append(sections.per_share(a.effect, unknown=a.basis.unknown))
    if hres is not None:
        from .holders import holders_section

        body.append(holders_section(hres, s, a.holder_metrics))
    if a.rules is not None:
        from .listing import deadlines_section, rules_section
        from .timeline import compliance_section

        if a.timeline is not None:
            body.append(compliance_section(a.timeline))
        if a.deadlines is not None:
            body.append(deadlines_section(a.deadlines, s, a.rules, planned=a.planned))
        body.append(rules_section(a.rules))
    if a.recommendation is not None:
        from .ratio_choice import ratio_section

        body.append(
            ratio_section(a.recommendation, s, a.ratio, a.rules, unknown=a.basis.unknown, cumulative=a.cumulative)
        )
    if a.simulation is not None:
        from .odds import odds_section

        body.append(odds_section(a.simulation, list(a.odds_notes)))
    caveats = list(a.caveats)
    if charts:
        failures: list[str] = []
        body = _add_charts(body, a, None if charts == "all" else DEFAULT_CHARTS, failures)
        caveats.extend(failures)
    body.append(sections.sources(s, a.implicit_facts))
    body.append(Section(key="caveats", title="Caveats", paragraphs=tuple(caveats), source="splitcalc.analysis"))
    return tuple(body)


#: Charts drawn by default (``charts=True``): each costs 0.2-0.5 s to render,
#: so the report keeps the two that say most; ``charts="all"`` draws every one.
DEFAULT_CHARTS = 2


def _add_charts(body: list[Section], a: Analysis, limit: int | None, failures: list[str]) -> list[Section]:
    """Attach the :mod:`splitcalc.plot` charts to their sections, most informative first, up to ``limit``."""
    from .. import plot
    from .charts import chart

    wanted: list[tuple[str, Callable[[], object], str, str]] = []  # (section key, draw, title, alt), by priority
    prices, timeline, sim, rec = a.prices, a.timeline, a.simulation, a.recommendation
    if prices is not None and a.deadlines is not None:
        closes, price_rules = prices, a.rules

        def draw_prices() -> object:
            return plot.price_history(closes, timeline=timeline, rules=price_rules)

        wanted.append(
            (
                "compliance" if timeline is not None else "deadlines",
                draw_prices,
                "Closing prices as traded, with the minimum bid",
                "Daily closes on a log scale with the minimum bid line and streaks below it",
            )
        )
    if sim is not None:
        simulation = sim
        deadline = a.verdict.deadline
        wanted.append(
            (
                "odds",
                lambda: plot.fan_chart(simulation, deadline=deadline),
                "Simulated post-split prices (Monte Carlo fan), with the deadline",
                "Fan of simulated price quantiles over one year after the split, with the minimum bid and the deadline",
            )
        )
    if rec is not None:
        recommendation, evaluated = rec, a.ratio
        has_odds = any(r.odds is not None for r in rec.sweep.rows)
        wanted.append(
            (
                "ratio",
                lambda: plot.ratio_sweep(recommendation.sweep, recommendation=recommendation, evaluated=evaluated),
                "Odds against holders lost, for each candidate ratio"
                if has_odds
                else "Post-split price against the ratio",
                "Odds of keeping the listing and holders eliminated for each candidate ratio, recommended and "
                "evaluated ratios marked"
                if has_odds
                else "Line of the theoretical post-split price for each candidate ratio, with the minimum bid",
            )
        )
    if a.holdings is not None:
        holdings = a.holdings
        wanted.append(
            (
                "holders",
                lambda: plot.holder_distribution(holdings),
                "Holders by size of position, before and after",
                "Grouped bars of holder counts per position-size bucket",
            )
        )
    effect = a.effect
    wanted.append(
        (
            "structure",
            lambda: plot.capital_structure(effect),
            "Shares outstanding, reserved and available, before and after",
            "Stacked bars of the share counts before and after the split",
        )
    )
    if limit is not None:
        wanted = wanted[:limit]
    drawn: dict[str, list[Figure]] = {}
    for key, draw, title, alt in wanted:
        figure = chart(draw, title, alt, failures)
        if figure is not None:
            drawn.setdefault(key, []).append(figure)
    return [
        dataclasses.replace(sec, figures=(*sec.figures, *drawn[sec.key])) if sec.key in drawn else sec for sec in body
    ]
