"""The :class:`Analysis`: one scenario analysed, every result typed, nothing rendered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ..ratio import SplitRatio
from ..structure import SplitEffect
from .deadlines import Deadlines
from .holder_standards import HolderMetric
from .inputs import StructureBasis
from .odds import OddsSetup
from .ratio import CumulativeRatio
from .scenario_file import Fact, Scenario
from .verdict import Verdict

if TYPE_CHECKING:
    import pandas as pd

    from ..compliance import ComplianceTimeline, PlannedSplitCheck
    from ..holdings import HoldingsResult
    from ..rules import RuleSet
    from ..scenarios import Recommendation, Simulation
    from ..scenarios.recommend import Objective

__all__ = ["Analysis"]


@dataclass(frozen=True, eq=False)
class Analysis:
    """What a reverse split does to a company and whether it keeps the listing: see :func:`splitcalc.analyse`.

    Attributes
    ----------
    scenario
        The case analysed.
    rules
        The rules in force on the as-of date (``None``: none recorded; see :attr:`caveats`).
    prices
        The daily closes used, up to the as-of date (no look-ahead), or ``None``.
    holdings
        What the evaluated split does to every holder (``None`` without holder data).
    holder_metrics
        Holder and share counts before and after, each compared with the
        minimum of the rules in force (met / not met / not checked and why /
        not applicable); empty without holder data.
    ratio, ratio_note
        The evaluated ratio and how it was chosen (empty: the scenario's).
    effect
        The split's effect on the capital structure (:class:`~splitcalc.SplitEffect`).
    basis
        Which share counts are unknown and where insiders came from.
    timeline
        :func:`~splitcalc.check_compliance` on the closes (``None`` without prices or rules).
    planned
        :func:`~splitcalc.check_planned_split` for the evaluated ratio (``None`` without an effective date).
    deadlines
        The deadline that applies, the earliest cure, status and outlook.
    recommendation
        The ratio sweep and the recommended ratio (every candidate with its
        standards and, with ``objective="odds"``, its odds).
    cumulative
        Each candidate's cumulative reverse-split ratio with the prior splits
        in the exchange's lookback (empty without prior splits).
    simulation
        The evaluated ratio's post-split Monte Carlo (``None``: see :attr:`caveats`).
    odds
        How the odds were simulated (options, deadline treatment).
    odds_notes
        Notes on the odds (the deadline, the model).
    verdict
        The five answers at the top of the report.
    implicit_facts
        Inputs given without a source record (built in Python), listed with the sources.
    caveats
        What the analysis assumes, could not do, or left out.
    absent
        The parts left out for lack of data, and why.
    paths, seed, min_odds, objective
        The settings used.
    """

    scenario: Scenario
    rules: RuleSet | None
    prices: pd.DataFrame | None
    holdings: HoldingsResult | None
    holder_metrics: tuple[HolderMetric, ...]
    ratio: SplitRatio
    ratio_note: str
    effect: SplitEffect
    basis: StructureBasis
    timeline: ComplianceTimeline | None
    planned: PlannedSplitCheck | None
    deadlines: Deadlines | None
    recommendation: Recommendation | None
    cumulative: Mapping[SplitRatio, CumulativeRatio]
    simulation: Simulation | None
    odds: OddsSetup | None
    odds_notes: tuple[str, ...]
    verdict: Verdict
    implicit_facts: tuple[Fact, ...]
    caveats: tuple[str, ...]
    absent: tuple[str, ...]
    paths: int
    seed: int
    min_odds: float
    objective: Objective

    # ------------------------------------------------------------- figures
    @property
    def sources(self) -> tuple[Fact, ...]:
        """Every input figure with its source: the scenario's, then those given without one."""
        return (*self.scenario.facts, *self.implicit_facts)

    def key_figures(self) -> dict[str, object]:
        """The headline figures, exact (ints, Decimals, dates), keyed by a stable name."""
        s, e = self.scenario, self.effect
        key: dict[str, object] = {
            "company": s.company,
            "exchange": s.exchange,
            "as_of": s.as_of,
            "ratio": str(self.ratio),
            "shares_before": e.before.outstanding,
            "shares_after": e.after.outstanding,
            "shares_after_basis": "aggregate: all shares as one position",
            "price_before": e.price_before,
            "price_after": e.price_after,
            "deadline": s.deadline,
            "deadline_basis": "as stated in the scenario" if s.deadline else None,
        }
        if self.holdings is not None:
            t = self.holdings.totals
            key.update(
                holders_before=t.holders_before,
                holders_after=t.holders_after,
                shares_after_holders=t.shares_after,
                cash_in_lieu=t.cash_total,
            )
        d = self.deadlines
        if d is not None:
            key.update(status=d.status, outlook=d.outlook, status_detail=d.status_detail, earliest_cure=d.earliest_cure)
            if d.deadline is not None:
                key["deadline"] = d.deadline
                key["deadline_basis"] = d.deadline_basis
        if self.planned is not None:
            key.update(split_permitted=self.planned.permitted, notify_by=self.planned.notify_by)
        rec = self.recommendation
        if rec is not None:
            key["recommended_ratio"] = str(rec.ratio) if rec.ratio is not None else "none feasible"
            if rec.odds is not None:
                key["recommended_odds"] = rec.odds.estimate
        p = self.verdict.probability
        if p is not None and self.simulation is not None:
            key["odds"] = p.estimate
            key["odds_stderr"] = p.stderr
            key["odds_text"] = f"{p.estimate:.0%} {p.label} ({self.simulation.paths:,} paths)"
        key["listing"] = self.verdict.listing
        return key

    # ------------------------------------------------------------- display
    def __repr__(self) -> str:
        v = self.verdict
        odds = "" if v.probability is None else f", odds={v.probability.estimate:.0%}"
        rec = "" if v.recommended is None else f", recommended={v.recommended}"
        return (
            f"Analysis({self.scenario.name or self.scenario.company!r}, ratio={self.ratio}{rec}{odds}, "
            f"listing={v.listing!r})"
        )

    def __str__(self) -> str:
        lines = [self.scenario.display_title]
        lines += [f"- {q} {a}" for q, a in self.verdict.answers()]
        return "\n".join(lines)

    def to_frame(self) -> pd.DataFrame:
        """The key figures, one row each (``figure``, ``value``)."""
        import pandas as pd

        rows = [(k, v) for k, v in self.key_figures().items()]
        return pd.DataFrame(rows, columns=["figure", "value"]).set_index("figure")

    def _repr_html_(self) -> str:
        from html import escape

        answers = "".join(
            f"<tr><th style='text-align:left'>{escape(q)}</th><td>{escape(a)}</td></tr>"
            for q, a in self.verdict.answers()
        )
        return f"<div><strong>{escape(self.scenario.display_title)}</strong><table>{answers}</table></div>"

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: the settings, the key figures, the verdict and the main results (exact values)."""
        rec = self.recommendation
        sim = self.simulation
        return {
            "scenario": {
                "name": self.scenario.name,
                "company": self.scenario.company,
                "exchange": self.scenario.exchange,
                "as_of": self.scenario.as_of,
                "hypothetical": self.scenario.hypothetical,
            },
            "settings": {
                "paths": self.paths,
                "seed": self.seed,
                "min_odds": self.min_odds,
                "objective": self.objective,
            },
            "rules": None if self.rules is None else self.rules.name,
            "ratio": str(self.ratio),
            "ratio_note": self.ratio_note,
            "key_figures": self.key_figures(),
            "verdict": self.verdict.to_dict(),
            "recommendation": None if rec is None else rec.to_dict(),
            "simulation": None if sim is None else sim.to_dict(),
            "holder_metrics": [m.to_dict() for m in self.holder_metrics],
            "sources": [_fact_dict(f) for f in self.sources],
            "caveats": list(self.caveats),
            "absent": list(self.absent),
        }


def _fact_dict(f: Fact) -> dict[str, object]:
    value: object = f.value
    if not isinstance(value, int | Decimal | dt.date | str | bool | type(None)):
        value = str(value)
    return {
        "key": f.key,
        "label": f.label,
        "value": value,
        "source": f.source,
        "date": f.date,
        "uncertain": f.uncertain,
        "hypothetical": f.hypothetical,
    }
