"""Post-split odds section: the Monte Carlo of ``splitcalc.scenarios.simulate``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..calendars import count_sessions
from ..scenario_file import Scenario
from .formatting import dollars
from .parts import Section, Table

__all__ = ["odds_section", "run_simulation"]


def run_simulation(
    scenario: Scenario,
    start_price: Any,
    ruleset: Any,
    closes: Any,
    *,
    paths: int,
    seed: int,
) -> tuple[Any, list[str]]:
    """Simulate one year after the split; returns the Simulation and notes, or (None, reasons)."""
    notes: list[str] = []
    if closes is None and scenario.volatility is None:
        return None, ["Post-split odds need a price history or an assumed volatility ([assumptions] volatility)."]
    start = scenario.effective or scenario.as_of
    deadline_days = None
    regain = getattr(getattr(ruleset, "regain_days", None), "value", None) or 10
    if scenario.deadline is not None and scenario.deadline >= start:
        left = count_sessions(start, scenario.deadline)
        if left >= regain:
            deadline_days = left
        else:
            notes.append(
                f"The deadline {scenario.deadline.isoformat()} leaves {left} session(s) after the split, fewer than "
                f"the {regain} consecutive closes needed to regain compliance: the odds below ignore that deadline "
                "(staying listed needed more time, e.g. a transfer that extends the period)."
            )
    kwargs: dict[str, Any] = {
        "days": 252,
        "paths": paths,
        "seed": seed,
        "rules": ruleset,
        "start_date": start,
        "deadline_days": deadline_days,
    }
    if scenario.drift is not None:
        kwargs["drift"] = scenario.drift if isinstance(scenario.drift, str) else float(scenario.drift)
    if scenario.volatility is not None:
        kwargs["volatility"] = float(scenario.volatility)
    if closes is not None:
        kwargs["history"] = closes
    from ..scenarios import simulate

    return simulate(start_price, **kwargs), notes


def odds_section(sim: Any, notes: list[str], chart: Any = None) -> Section:
    """Probabilities with standard errors and 95% intervals, and the assumptions."""
    rows = []
    for key, p in sim.probabilities.items():
        lo, hi = p.ci95
        rows.append((p.label, f"{p.estimate:.1%}", f"±{p.stderr:.1%}", f"{lo:.1%} to {hi:.1%}", p.cite, key))
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
        tables=(Table(("Event", "Probability", "Std. error", "95% interval", "Rule", "Key"), tuple(rows)),),
        figures=() if chart is None else (chart,),
        notes=(*notes, *sim.notes),
        source="splitcalc.scenarios.simulate",
        data={"probabilities": {k: p.estimate for k, p in sim.probabilities.items()}},
    )
