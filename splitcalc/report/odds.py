"""Post-split odds section: the Monte Carlo of ``splitcalc.scenarios.simulate``."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..calendars import count_sessions
from ..scenario_file import Scenario
from .formatting import dollars
from .parts import Section, Table

__all__ = ["no_floor_reason", "odds_section", "run_simulation"]


def no_floor_reason(ruleset: Any) -> str | None:
    """Why a rule set cannot be simulated: it has no numeric minimum bid (``None`` when it has one).

    NYSE American Company Guide 1003(f)(v) sets no numeric price floor: its
    low-price test is discretionary (rules.md §5).
    """
    rule = getattr(ruleset, "min_bid", None)
    if rule is not None and rule.value is not None:
        return None
    test = getattr(ruleset, "price_test", None)
    kind = f"; its price test is {test.value}" if test is not None and test.value else ""
    where = getattr(rule, "cite", "") or "no minimum bid rule"
    exchange, tier = str(getattr(ruleset, "exchange", "")), str(getattr(ruleset, "tier", ""))
    who = tier if exchange in tier else f"{exchange} {tier}".strip()
    return f"{who or ruleset.name} has no numeric minimum bid ({where}{kind}, {_rules_ref(rule)})"


def _rules_ref(rule: Any) -> str:
    found = re.search(r"rules\.md §\d+", str(getattr(rule, "source", "")))
    return found.group(0) if found else "rules.md"


def run_simulation(
    scenario: Scenario,
    start_price: Any,
    ruleset: Any,
    closes: Any,
    *,
    paths: int,
    seed: int,
    deadline: dt.date | None = None,
    deadline_basis: str = "",
) -> tuple[Any, list[str]]:
    """Simulate one year after the split; returns the Simulation and notes, or (None, reasons).

    Parameters
    ----------
    scenario
        The case: its effective date starts the simulation; its
        ``[assumptions]`` give the volatility and drift.
    start_price
        The theoretical post-split price.
    ruleset
        The rules in force (minimum bid, regain and deficiency days). Without a
        numeric minimum bid (NYSE American 1003(f)(v), rules.md §5) there is
        nothing to simulate: ``(None, [reason])``.
    closes
        Daily closes up to the as-of date (never later: no look-ahead), or
        ``None``. Used only when the volatility is not given (or the drift is
        ``"history"``); too short a history then leaves the odds out.
    deadline, deadline_basis
        The compliance deadline the report found (its deadlines section) and
        where it comes from; ``None`` falls back to the deadline stated in the
        scenario. Regaining compliance after it does not count.
    """
    notes: list[str] = []
    reason = no_floor_reason(ruleset)
    if reason is not None:
        return None, [f"Post-split odds left out: {reason}, so there is no price floor to simulate against."]
    drift_from_history = isinstance(scenario.drift, str) and scenario.drift.strip().lower() == "history"
    needs_history = scenario.volatility is None or drift_from_history
    if needs_history and closes is None:
        return None, [
            "Post-split odds left out: they need a price history up to the as-of date or an assumed volatility "
            "([assumptions] volatility)."
        ]
    if deadline is None and scenario.deadline is not None:
        deadline, deadline_basis = scenario.deadline, "as stated in the scenario"
    start = scenario.effective or scenario.as_of
    deadline_days = None
    regain = getattr(getattr(ruleset, "regain_days", None), "value", None)
    if deadline is not None and regain is None:
        notes.append("No consecutive-day regain count in the rules: the odds are not tied to the deadline.")
    elif deadline is not None and regain is not None:
        stated = f"{deadline.isoformat()} ({deadline_basis})" if deadline_basis else deadline.isoformat()
        left = count_sessions(start, deadline) if deadline >= start else 0
        if left >= regain:
            deadline_days = left
            notes.append(
                f"Regaining compliance counts only by the deadline {stated}: {left} session(s) from "
                f"{start.isoformat()}."
            )
        elif deadline < start:
            notes.append(
                f"The deadline {stated} is before the split on {start.isoformat()}: the odds below ignore it "
                "(staying listed needed more time, e.g. a second period or a hearing)."
            )
        else:
            notes.append(
                f"The deadline {stated} leaves {left} session(s) after the split, fewer than "
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
    if needs_history:
        kwargs["history"] = closes
    from ..errors import InsufficientHistory
    from ..scenarios import simulate

    try:
        return simulate(start_price, **kwargs), notes
    except InsufficientHistory as exc:
        if not needs_history:
            raise
        return None, [
            f"Post-split odds left out: the price history up to the as-of date is too short to estimate the "
            f"volatility ({exc}); give [assumptions] volatility to simulate without it."
        ]


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
