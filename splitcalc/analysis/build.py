""":func:`analyse`: every splitcalc module the scenario's data allows, run once, as one typed result.

========================  ===================================================
part                      needs
========================  ===================================================
holders                   a holder file (or ``holdings=``)
rules, deadlines          rules in force for the exchange on the as-of date
compliance timeline       those rules and a price file (or ``prices=``)
ratio sweep               those rules, a pre-split price and a minimum bid
                          (or a target price)
odds                      those rules with a numeric minimum bid, and a
                          volatility or closes up to the as-of date
========================  ===================================================

A part whose data is missing is left out (never approximated) and said so in
:attr:`Analysis.absent`. Only closes dated on or before the as-of date are used
(no look-ahead). The ratio sweep and the odds use the rules in force on the
as-of date.

The order matters, and is the rules' own: the deadline that applies does not
depend on the ratio, so it is found first; the odds of every candidate ratio
are judged against it (one simulation, common random numbers); the
recommended ratio follows from those odds; the evaluated ratio's structure,
holders, planned-split check and odds follow from the ratio.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ..coerce import as_count, as_probability
from ..errors import InputError, InsufficientHistory, RuleError
from ..ratio import SplitRatio
from ..scenarios.recommend import DEFAULT_MIN_ODDS, Objective, Recommendation
from .caveats import input_caveats
from .checks import after_path, run_compliance, run_planned
from .deadlines import deadlines
from .holder_standards import holder_metrics
from .inputs import closes_up_to, implicit_facts, load_holdings, structure_basis
from .model import Analysis
from .odds import OddsSetup, no_floor_reason, odds_setup, run_simulation
from .ratio import cumulative_ratios, recommend
from .scenario_file import Scenario
from .verdict import make_verdict

if TYPE_CHECKING:
    import pandas as pd

    from ..holdings import Holdings
    from ..rules import RuleSet

__all__ = ["DEFAULT_PATHS", "DEFAULT_SEED", "analyse"]

#: Monte Carlo paths by default: modest, to keep a report fast (standard errors are shown).
DEFAULT_PATHS = 500
#: Seed by default, so an analysis is reproducible.
DEFAULT_SEED = 2002


def analyse(
    scenario: Scenario,
    *,
    prices: pd.DataFrame | None = None,
    holdings: Holdings | None = None,
    paths: int = DEFAULT_PATHS,
    seed: int = DEFAULT_SEED,
    objective: Objective = "odds",
    min_odds: float = DEFAULT_MIN_ODDS,
) -> Analysis:
    """Analyse a reverse split: structure, holders, compliance, every candidate ratio, the odds and the verdict.

    Parameters
    ----------
    scenario
        The case (:func:`splitcalc.load_scenario`, :func:`splitcalc.load_example`).
    prices
        As-traded daily prices (a frame with a ``close`` column) to use
        instead of the scenario's price file.
    holdings
        A :class:`splitcalc.Holdings` to use instead of the scenario's holder file.
    paths, seed
        Monte Carlo paths and seed (the same draws serve every candidate ratio).
    objective
        How the ratio is recommended: ``"odds"`` (default) -- the smallest
        authorised ratio whose probability of regaining compliance by the
        deadline that applies and staying compliant 12 months reaches
        ``min_odds``; ``"price"`` -- the smallest reaching the target price
        (1.5 x the minimum bid unless the scenario gives one). Without a price
        floor or a volatility the odds cannot be simulated and ``"price"`` is used.
    min_odds
        The odds threshold (default 0.8), also the line for "likely" in the verdict.

    Returns
    -------
    Analysis

    Raises
    ------
    InputError
        A keyword argument is out of range (the message names it).

    Examples
    --------
    >>> import splitcalc as sc
    >>> a = sc.analyse(sc.load_example("neotherapeutics-2002"))
    >>> a.effect.after.outstanding, a.effect.price_after
    (1590112, Decimal('4.25'))
    """
    paths, seed, min_odds = _check(scenario, paths, seed, objective, min_odds)
    _check_data(prices, holdings)
    from .. import rules

    s = scenario
    caveats: list[str] = []
    absent: list[str] = []

    ruleset: RuleSet | None = None
    try:
        ruleset = rules.get(s.exchange, as_of=s.as_of)
    except RuleError as exc:
        caveats.append(f"Rules: {exc}. The listing sections are left out.")
    no_floor = None if ruleset is None else no_floor_reason(ruleset)

    held = load_holdings(s, holdings)
    if prices is None and s.prices_path is not None:
        from ..market import read_price_csv

        prices = read_price_csv(s.prices_path)
    given_prices = prices
    prices, later_rows = closes_up_to(prices, s.as_of)  # no look-ahead
    if later_rows:
        caveats.append(later_rows)
    closes = None if prices is None else prices["close"]

    # ---- the structure basis (insiders from the holder file do not depend on the ratio)
    first_guess = s.ratio if s.ratio is not None else _top_of_range(s)
    cash_options = s.cash_price_options(closes)
    hres = None if held is None else held.apply(first_guess, fractional=s.fractional, **cash_options)
    basis = structure_basis(s, hres)
    s_checked = s if basis.structure is s.structure else dataclasses.replace(s, structure=basis.structure)

    # ---- the deadline that applies (independent of the ratio)
    rule_notes: list[str] = []
    timeline = None
    setup: OddsSetup | None = None
    if ruleset is not None:
        if prices is not None:
            timeline = run_compliance(s_checked, ruleset, prices, rule_notes)
        pre = deadlines(s, ruleset, None, timeline=timeline)
        setup, why_not = odds_setup(
            s,
            ruleset,
            closes,
            paths=paths,
            seed=seed,
            deadline=pre.deadline,
            deadline_basis="" if pre.deadline is None else pre.deadline_basis,
        )
        caveats.extend(why_not)

    # ---- the ratio: given, else recommended, else the top of the range
    rec: Recommendation | None = None
    if ruleset is not None and s.structure.price is not None:
        if no_floor is not None and s.target_price is None:
            absent.append(
                f"ratio sweep ({no_floor}: no minimum bid to aim a ratio at; give [split] target_price to sweep "
                "toward a price of your own)"
            )
        else:
            try:
                rec = recommend(s, ruleset, held, objective=objective, min_odds=min_odds, odds=setup)
            except InsufficientHistory:
                rec = recommend(s, ruleset, held, objective="price")
    elif ruleset is None:
        absent.append("ratio sweep and odds (no rules in force for the scenario)")
    ratio, ratio_note = _evaluated_ratio(s, rec)

    if held is not None and (hres is None or ratio != first_guess):
        hres = held.apply(ratio, fractional=s.fractional, **cash_options)
    structure_cash = dict(cash_options)
    effect = basis.structure.apply(
        ratio,
        authorized=s.authorized_policy,  # type: ignore[arg-type]
        par=s.par_policy,  # type: ignore[arg-type]
        fractional=s.fractional,  # type: ignore[arg-type]
        cash_price=structure_cash.pop("price"),
        **structure_cash,
    )

    # ---- compliance of the evaluated ratio
    planned = None
    d = None
    if ruleset is not None:
        planned = run_planned(s_checked, ratio, ruleset, holdings_result=hres, notes=rule_notes)
        d = deadlines(s, ruleset, effect.price_after, timeline=timeline, price_exact=effect.price_after_exact)
        caveats.extend(rule_notes)
        uncertain_rules = [rule.cite for _name, rule in ruleset.uncertain_rules()]
        if uncertain_rules:
            caveats.append("Rules marked UNCERTAIN and used here: " + "; ".join(dict.fromkeys(uncertain_rules)) + ".")

    # ---- the evaluated ratio's odds (the same draws as the sweep's)
    sim = None
    odds_notes: tuple[str, ...] = ()
    if setup is not None and effect.price_after is not None:
        sim, notes = run_simulation(setup, effect.price_after)
        if sim is None:
            caveats.extend(notes)
        else:
            odds_notes = tuple(notes)

    extra_facts = implicit_facts(s, given_prices)
    caveats[:0] = input_caveats(s, effect.before.price is not None, ruleset, extra_facts)
    if absent:
        caveats.append("Sections left out: " + "; ".join(absent) + ".")
    verdict = make_verdict(
        ratio=ratio,
        effect=effect,
        ruleset=ruleset,
        deadlines=d,
        planned=planned,
        timeline=timeline,
        recommendation=rec,
        simulation=sim,
        odds=setup,
        path=(None, None) if ruleset is None else after_path(s, ruleset, planned),
        reserved_known="reserved" not in basis.unknown,
        uncertain=_uncertain(s, ruleset, extra_facts),
        min_odds=min_odds,
    )
    return Analysis(
        scenario=s,
        rules=ruleset,
        prices=prices,
        holdings=hres,
        holder_metrics=() if hres is None else holder_metrics(hres.totals, ruleset),
        ratio=ratio,
        ratio_note=ratio_note,
        effect=effect,
        basis=basis,
        timeline=timeline,
        planned=planned,
        deadlines=d,
        recommendation=rec,
        cumulative={} if rec is None or ruleset is None else cumulative_ratios(s, ruleset, rec.sweep.ratios),
        simulation=sim,
        odds=setup,
        odds_notes=odds_notes,
        verdict=verdict,
        implicit_facts=extra_facts,
        caveats=tuple(caveats),
        absent=tuple(absent),
        paths=paths,
        seed=seed,
        min_odds=min_odds,
        objective=objective,
    )


def _check(
    scenario: object, paths: object, seed: object, objective: object, min_odds: object
) -> tuple[int, int, float]:
    """Refuse options that are not what analyse() takes; return ``paths``, ``seed`` and ``min_odds`` as read."""
    if not isinstance(scenario, Scenario):
        raise InputError("scenario", scenario, "must be a Scenario (see splitcalc.load_scenario / load_example)")
    n_paths = as_count(paths, "paths", minimum=1, what="a positive whole number")
    n_seed = as_count(seed, "seed")  # as simulate() reads it: never a bool
    if objective not in ("odds", "price"):
        raise InputError("objective", objective, "use 'odds' or 'price'")
    return n_paths, n_seed, as_probability(min_odds, "min_odds")


def _check_data(prices: object, holdings: object) -> None:
    """Refuse ``prices=`` that is no price frame and ``holdings=`` that is no Holdings, before anything is read."""
    if prices is not None:
        columns = getattr(prices, "columns", None)
        if columns is None or "close" not in list(columns):
            raise InputError(
                "prices",
                type(prices).__name__,
                "must be a price frame with a 'close' column (splitcalc.get_prices or market.read_price_csv)",
            )
    if holdings is not None:
        from ..holdings import Holdings

        if not isinstance(holdings, Holdings):
            raise InputError("holdings", type(holdings).__name__, "must be a Holdings (splitcalc.Holdings.from_csv)")


def _top_of_range(s: Scenario) -> SplitRatio:
    assert s.ratio_range is not None  # a Scenario has a ratio or a range
    return s.ratio_range[1]


def _evaluated_ratio(s: Scenario, rec: Recommendation | None) -> tuple[SplitRatio, str]:
    if s.ratio is not None:
        return s.ratio, ""
    if rec is not None and rec.ratio is not None and rec.binding:
        return rec.ratio, "the best available in the authorised range, under the odds threshold (see the ratio sweep)"
    if rec is not None and rec.ratio is not None:
        return rec.ratio, "recommended from the authorised range (see the ratio sweep)"
    hi = _top_of_range(s)
    if rec is None:
        return hi, "top of the authorised range (no ratio sweep: see the caveats)"
    return hi, "top of the authorised range (no feasible recommendation)"


def _uncertain(s: Scenario, ruleset: RuleSet | None, extra: tuple[object, ...]) -> tuple[str, ...]:
    """UNCERTAIN inputs and rules, named for the verdict box."""
    out = [f"{f.label} (input)" for f in s.facts if f.uncertain]
    if ruleset is not None:
        out += [f"{rule.cite} (rule)" for _name, rule in ruleset.uncertain_rules()]
    return tuple(dict.fromkeys(out))
