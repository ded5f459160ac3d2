"""Scenarios: pick the ratio, see the odds.

* :func:`ratio_sweep` -- every candidate ratio's post-split price, publicly
  held shares, MVPHS, holder counts, OCC deliverable and headroom, each
  listing minimum met or failed (:mod:`.sweep`);
* :func:`recommend_ratio` -- the smallest authorised ratio that reaches a
  target price with a cushion and keeps every other minimum, or the binding
  constraint and the shortfall (:mod:`.recommend`);
* :func:`simulate` -- a seeded, vectorised Monte Carlo of post-split closes
  with the exchange's price rules applied to every path (:mod:`.simulate`);
* :func:`simulate_many` -- the same odds for many starting prices (candidate
  ratios) on one set of draws, common random numbers (:mod:`.many`).

Holder counts without a holder table are estimates from a stated
distribution (:mod:`.holders`); drift defaults to published post-split
evidence (:mod:`splitcalc.evidence`: Desai & Jain 1997, J. Business 70(3)); thresholds come
from ``RuleSet`` rows (:mod:`.standards`).

>>> import splitcalc as sc
>>> cap = sc.CapitalStructure(outstanding=39_752_812, price="0.17")
>>> str(sc.scenarios.recommend_ratio(cap, ratios="1-for-2..1-for-25", target_price="4.00").ratio)
'1-for-24'
"""

from __future__ import annotations

from ..evidence import EVIDENCE, DriftEvidence
from .holders import DEFAULT_SIGMA, HolderEstimate, HolderSizeDistribution
from .many import ManySimulation, simulate_many
from .recommend import DEFAULT_CUSHION, DEFAULT_MIN_ODDS, Recommendation, Shortfall, recommend_ratio
from .simulate import ParameterEstimate, Probability, Simulation, estimate_parameters, simulate
from .standards import DEFAULT_RULES, RuleValue, RuleValues, default_rules, initial_listing
from .sweep import Check, RatioSweep, SweepRow, candidate_ratios, parse_ratios, ratio_sweep

__all__ = [
    "DEFAULT_CUSHION",
    "DEFAULT_MIN_ODDS",
    "DEFAULT_RULES",
    "DEFAULT_SIGMA",
    "EVIDENCE",
    "Check",
    "DriftEvidence",
    "HolderEstimate",
    "HolderSizeDistribution",
    "ManySimulation",
    "ParameterEstimate",
    "Probability",
    "RatioSweep",
    "Recommendation",
    "RuleValue",
    "RuleValues",
    "Shortfall",
    "Simulation",
    "SweepRow",
    "candidate_ratios",
    "default_rules",
    "estimate_parameters",
    "initial_listing",
    "parse_ratios",
    "ratio_sweep",
    "recommend_ratio",
    "simulate",
    "simulate_many",
]
