"""Post-split odds: the Monte Carlo of :func:`splitcalc.scenarios.simulate` for the evaluated ratio."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..calendars import count_sessions
from .scenario_file import Scenario

if TYPE_CHECKING:
    from ..rules import RuleSet
    from ..scenarios import Simulation

__all__ = ["OddsSetup", "no_floor_reason", "odds_setup", "run_simulation"]


def no_floor_reason(ruleset: RuleSet) -> str | None:
    """Why a rule set cannot be simulated: it has no numeric minimum bid (``None`` when it has one).

    NYSE American Company Guide 1003(f)(v) sets no numeric price floor: its
    low-price test is discretionary.
    """
    rule = getattr(ruleset, "min_bid", None)
    if rule is not None and rule.value is not None:
        return None
    test = getattr(ruleset, "price_test", None)
    kind = f"; its price test is {test.value}" if test is not None and test.value else ""
    where = getattr(rule, "cite", "") or "no minimum bid rule"
    exchange, tier = str(getattr(ruleset, "exchange", "")), str(getattr(ruleset, "tier", ""))
    who = tier if exchange in tier else f"{exchange} {tier}".strip()
    return f"{who or ruleset.name} has no numeric minimum bid ({where}{kind})"


@dataclass(frozen=True)
class OddsSetup:
    """How the post-split odds are simulated: the options for ``simulate`` / ``simulate_many`` and why.

    Attributes
    ----------
    options
        Keyword arguments shared by :func:`~splitcalc.scenarios.simulate` (the
        evaluated ratio) and :func:`~splitcalc.scenarios.simulate_many` (every
        candidate), so both give the same odds for the same starting price.
    deadline_counted
        True when regaining counts only by the deadline (``deadline_days`` set).
    deadline_binds
        True when the deadline leaves fewer sessions after the split than the
        consecutive closes needed to regain (or falls before the split): no
        ratio can regain by it, and the odds shown assume more time is granted.
    notes
        Sentences saying how the deadline was treated.
    """

    options: Mapping[str, object]
    deadline_counted: bool
    deadline_binds: bool
    notes: tuple[str, ...]


def odds_setup(
    scenario: Scenario,
    ruleset: RuleSet,
    closes: Any,
    *,
    paths: int,
    seed: int,
    deadline: dt.date | None = None,
    deadline_basis: str = "",
) -> tuple[OddsSetup | None, list[str]]:
    """The simulation options for the scenario, or ``(None, reasons)`` when the odds cannot be simulated.

    Parameters
    ----------
    scenario
        The case: its effective date starts the simulation; its
        ``[assumptions]`` give the volatility and drift.
    ruleset
        The rules in force (minimum bid, regain and deficiency days). Without a
        numeric minimum bid (NYSE American 1003(f)(v)) there is nothing to
        simulate.
    closes
        Daily closes up to the as-of date (never later: no look-ahead), or
        ``None``. Used only when the volatility is not given (or the drift is
        ``"history"``).
    deadline, deadline_basis
        The compliance deadline that applies and where it comes from; ``None``
        falls back to the deadline stated in the scenario. Regaining compliance
        after it does not count.
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
    binds = False
    regain = getattr(getattr(ruleset, "regain_days", None), "value", None)
    if deadline is not None and regain is None:
        notes.append("No consecutive-day regain count in the rules: the odds are not tied to the deadline.")
    elif deadline is not None and regain is not None:
        stated = f"{deadline.isoformat()} ({deadline_basis})" if deadline_basis else deadline.isoformat()
        left = count_sessions(start, deadline) if deadline >= start else 0
        if left >= regain:
            deadline_days = left
            notes.append(
                f"Regaining compliance counts only by the deadline {stated}: {_sessions(left)} from "
                f"{start.isoformat()}."
            )
        elif deadline < start:
            binds = True
            notes.append(
                f"The deadline {stated} is before the split on {start.isoformat()}: no ratio can regain compliance "
                "by it. The odds below assume the exchange grants more time (a second period, a hearing)."
            )
        else:
            binds = True
            notes.append(
                f"The deadline {stated} leaves {_sessions(left)} after the split, fewer than the {regain} "
                "consecutive closes needed to regain compliance: no ratio can regain by it. The odds below assume "
                "the exchange grants more time (a transfer that extends the period, a hearing)."
            )
    kwargs: dict[str, object] = {
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
    return OddsSetup(kwargs, deadline_days is not None, binds, tuple(notes)), []


def _sessions(n: int) -> str:
    return f"{n:,} session" + ("" if n == 1 else "s")


def run_simulation(setup: OddsSetup, start_price: Any) -> tuple[Simulation | None, list[str]]:
    """Simulate one year after the split from ``start_price``; the Simulation, or ``None`` and the reasons.

    Too short a price history (when the volatility is estimated from it)
    leaves the odds out with a note; any other error is raised.
    """
    from ..errors import InsufficientHistory
    from ..scenarios import simulate

    try:
        return simulate(start_price, **setup.options), list(setup.notes)  # type: ignore[arg-type]
    except InsufficientHistory as exc:
        if "history" not in setup.options:
            raise
        return None, [
            f"Post-split odds left out: the price history up to the as-of date is too short to estimate the "
            f"volatility ({exc}); give [assumptions] volatility to simulate without it."
        ]
