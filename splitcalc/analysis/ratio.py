"""The candidate ratios and the recommendation (:func:`splitcalc.scenarios.recommend_ratio`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..compliance.kernel import in_lookback
from ..ratio import SplitRatio, cumulative
from ..scenarios.recommend import DEFAULT_MIN_ODDS, Objective, Recommendation
from .odds import OddsSetup
from .scenario_file import Scenario

if TYPE_CHECKING:
    from ..rules import RuleSet

__all__ = ["CumulativeRatio", "candidates", "cumulative_ratios", "prior_in_lookback", "recommend"]

_MAX_FIXED = 30


def candidates(scenario: Scenario) -> tuple[SplitRatio, ...]:
    """The ratios to sweep: the authorised range, else 1-for-2 up to the evaluated ratio (at least 1-for-30)."""
    if scenario.ratio_range is not None:
        lo, hi = scenario.ratio_range
        if lo.new == 1 and hi.new == 1:  # every 1-for-N in the range, at most MAX_CANDIDATES of them
            from ..scenarios.sweep import candidate_ratios

            return candidate_ratios(lo, hi, param_name="split.range")
        return (lo, hi)
    assert scenario.ratio is not None
    top = max(_MAX_FIXED, scenario.ratio.old if scenario.ratio.new == 1 else 0)
    found = {SplitRatio(1, n) for n in range(2, _MAX_FIXED + 1)}
    if top > _MAX_FIXED:  # a big ratio: customary steps, not every N
        from ..scenarios.sweep import candidate_ratios

        found |= set(candidate_ratios(2, top, customary=True))
    found.add(scenario.ratio)
    return tuple(sorted(found, key=lambda r: r.price_multiplier))


def prior_in_lookback(scenario: Scenario, ruleset: RuleSet, on: dt.date) -> tuple[SplitRatio, ...]:
    """The scenario's reverse splits inside the rules' cumulative look-back before ``on`` (the kernel's window).

    A rule set without a look-back has none (``()``).
    """
    days = getattr(getattr(ruleset, "reverse_split_lookback_days", None), "value", None)
    if days is None:
        return ()
    return tuple(r for _, r in in_lookback(scenario.prior_splits, on, int(days)))


@dataclass(frozen=True)
class CumulativeRatio:
    """A candidate's cumulative reverse-split ratio with the prior splits in the lookback, and the limit."""

    magnitude: int
    limit: int | None

    @property
    def over(self) -> bool:
        """At or over the exchange's cumulative limit (250 Nasdaq, 200 NYSE)."""
        return self.limit is not None and self.magnitude >= self.limit


def cumulative_ratios(
    scenario: Scenario, ruleset: RuleSet, ratios: tuple[SplitRatio, ...]
) -> dict[SplitRatio, CumulativeRatio]:
    """Each candidate with the reverse splits already done in the lookback: ``{}`` when there are none."""
    prior = prior_in_lookback(scenario, ruleset, scenario.effective or scenario.as_of)
    if not prior:
        return {}
    limit = getattr(getattr(ruleset, "reverse_split_cumulative_limit", None), "value", None)
    return {r: CumulativeRatio(int(cumulative([*prior, r]).magnitude), limit) for r in ratios}


def recommend(
    scenario: Scenario,
    ruleset: RuleSet,
    holdings: Any,
    *,
    objective: Objective = "odds",
    min_odds: float = DEFAULT_MIN_ODDS,
    odds: OddsSetup | None = None,
) -> Recommendation:
    """``recommend_ratio`` over :func:`candidates` with the scenario's target and prior splits.

    ``objective="odds"`` (with ``odds``, the simulation setup of the evaluated
    ratio) picks the smallest ratio whose odds reach ``min_odds``; without a
    setup (no price floor, no volatility) the price cushion is used.
    """
    from ..scenarios import recommend_ratio

    on = scenario.effective or scenario.as_of
    use_odds = objective == "odds" and odds is not None
    return recommend_ratio(
        scenario.structure,
        ratios=candidates(scenario),
        target_price=scenario.target_price,
        rules=ruleset,
        holdings=holdings,
        fractional=scenario.fractional,
        prior_splits=prior_in_lookback(scenario, ruleset, on),
        authorized=scenario.authorized_policy,  # type: ignore[arg-type]  # checked by Scenario
        objective="odds" if use_odds else "price",
        min_odds=min_odds,
        simulate_options=None if odds is None else {k: v for k, v in odds.options.items() if k != "rules"},
    )
