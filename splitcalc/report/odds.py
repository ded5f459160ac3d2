"""Post-split odds section: renders the Monte Carlo of ``splitcalc.scenarios.simulate`` from the analysis."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .formatting import dollars
from .parts import Section, Table

__all__ = ["odds_section"]


def odds_section(sim: Any, notes: list[str], chart: Any = None) -> Section:
    """Probabilities with standard errors and 95% intervals, and the assumptions."""
    rows = []
    for p in sim.probabilities.values():
        lo, hi = p.ci95
        rows.append((p.label, f"{p.estimate:.1%}", f"±{p.stderr:.1%}", f"{lo:.1%} to {hi:.1%}", p.cite))
    final = sim.quantiles.iloc[-1]
    spread = ", ".join(f"{k} ${float(v):,.2f}" for k, v in final.items() if str(k).startswith("q"))
    paragraphs = (
        f"{sim.paths:,} simulated paths of {sim.days} sessions from the theoretical post-split price "
        f"{dollars(sim.start_price)}"
        + (f" on {sim.start_date.isoformat()}" if isinstance(sim.start_date, dt.date) else "")
        + f" (seed {sim.seed}, reproducible). Drift {sim.drift:+.2%} a year: {sim.drift_source}. "
        f"Volatility {sim.volatility:.0%} a year: {sim.volatility_source}.",
        f"Price after one year, quantiles: {spread}.",
    )
    return Section(
        key="odds",
        title="Post-split scenario odds",
        paragraphs=paragraphs,
        tables=(Table(("Event", "Probability", "Std. error", "95% interval", "Rule"), tuple(rows)),),
        figures=() if chart is None else (chart,),
        notes=(*notes, *sim.notes),
        source="splitcalc.scenarios.simulate",
        data={"probabilities": {k: p.estimate for k, p in sim.probabilities.items()}},
    )
