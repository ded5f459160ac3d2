"""Assemble a report: compute each part from the scenario's data.

Core sections (terms, capital structure, per-share figures, sources, caveats)
always appear. The others appear when the data they need is there, and are
left out (never approximated) otherwise:

========================  ===================================================
section                   needs
========================  ===================================================
holders                   a holder file (or ``Report(holdings=...)``)
rules, deadlines          rules in force for the exchange on the as-of date
compliance timeline       those rules and a price file (or ``prices=``)
ratio sweep               those rules, a pre-split price and a minimum bid
                          (or a target price)
odds                      those rules with a numeric minimum bid, and a
                          volatility or closes up to the as-of date
========================  ===================================================

Only closes dated on or before the as-of date are used (no look-ahead).
Share counts the scenario does not give are shown as unknown, never as 0
(:mod:`splitcalc.report.inputs`).

Every splitcalc module is a hard part of the package: a module that fails to
import is a bug and raises, it never silently costs the report a section.
The heavier modules are imported inside :func:`build`, on first use.

The ratio sweep and the odds need the rules in force on the as-of date: the
scenarios module's built-in thresholds describe today's Capital Market, which
would be wrong for, say, the 2002 National Market.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from ..errors import RuleError
from ..ratio import SplitRatio
from . import sections
from .parts import Section

if TYPE_CHECKING:
    from .document import Report

__all__ = ["build"]


def build(report: Report) -> dict[str, Any]:
    """Compute every part the scenario's data allows; return the Report's derived fields."""
    from .. import rules
    from .holders import load_holdings
    from .inputs import closes_up_to, implicit_facts, structure_basis
    from .odds import no_floor_reason

    s = report.scenario
    results: dict[str, object] = {}
    caveats: list[str] = []
    absent: list[str] = []
    failures: list[str] = []

    ruleset = None
    try:
        ruleset = rules.get(s.exchange, as_of=s.as_of)
    except RuleError as exc:
        caveats.append(f"Rules: {exc}. The listing sections are left out.")
    results["rules"] = ruleset
    no_floor = None if ruleset is None else no_floor_reason(ruleset)

    holdings = load_holdings(s, report.holdings)

    prices = report.prices
    if prices is None and s.prices_path is not None:
        from ..market import read_price_csv

        prices = read_price_csv(s.prices_path)
    given_prices = prices
    prices, later_rows = closes_up_to(prices, s.as_of)  # no look-ahead
    if later_rows:
        caveats.append(later_rows)
    closes = None if prices is None else prices["close"]
    results["prices"] = prices

    # ---- the ratio: given, else recommended, else the top of the range
    rec = None
    if ruleset is not None and s.structure.price is not None:
        if no_floor is not None and s.target_price is None:
            absent.append(
                f"ratio sweep ({no_floor}: no minimum bid to aim a ratio at; give [split] target_price to sweep "
                "toward a price of your own)"
            )
        else:
            from .ratio_choice import recommend

            rec = recommend(s, ruleset, holdings)
            results["recommendation"] = rec
    ratio, ratio_note = _evaluated_ratio(s, rec)

    hres = None
    if holdings is not None:
        hres = holdings.apply(ratio, fractional=s.fractional, **s.cash_price_options(closes))
        results["holdings"] = hres
    basis = structure_basis(s, hres)
    structure = basis.structure
    cash = s.cash_price_options(closes)
    effect = structure.apply(
        ratio,
        authorized=s.authorized_policy,  # type: ignore[arg-type]
        par=s.par_policy,  # type: ignore[arg-type]
        fractional=s.fractional,  # type: ignore[arg-type]
        cash_price=cash.pop("price"),
        **cash,
    )
    results["effect"] = effect
    key: dict[str, object] = {
        "company": s.company,
        "exchange": s.exchange,
        "as_of": s.as_of,
        "ratio": str(ratio),
        "shares_before": effect.before.outstanding,
        "shares_after": effect.after.outstanding,
        "shares_after_basis": "aggregate: all shares as one position",
        "price_before": effect.price_before,
        "price_after": effect.price_after,
        "deadline": s.deadline,
        "deadline_basis": "as stated in the scenario" if s.deadline else None,
    }

    body: list[Section] = [sections.split_terms(s, ratio, ratio_note)]
    body.append(
        sections.capital_structure(
            effect,
            holder_shares_after=None if hres is None else hres.totals.shares_after,
            holder_public_after=None if hres is None else hres.totals.public_shares_after,
            unknown=basis.unknown,
            basis_notes=basis.notes,
        )
    )
    body.append(sections.per_share(effect, unknown=basis.unknown))

    # ---- holders
    if hres is not None:
        from .holders import holders_section

        body.append(holders_section(hres, s, ruleset))
        t = hres.totals
        key.update(
            holders_before=t.holders_before,
            holders_after=t.holders_after,
            shares_after_holders=t.shares_after,
            cash_in_lieu=t.cash_total,
        )

    # ---- compliance timeline, rules in force, deadlines
    d = None
    if ruleset is not None:
        from .listing import deadlines, deadlines_section, rules_section
        from .timeline import compliance_section, run_compliance, run_planned

        # the checks of other standards see the insiders taken from the holder file
        s_checked = s if structure is s.structure else dataclasses.replace(s, structure=structure)
        rule_notes: list[str] = []
        timeline = None
        if prices is not None:
            timeline = run_compliance(s_checked, ruleset, prices, rule_notes)
            results["timeline"] = timeline
            body.append(compliance_section(timeline))
        planned = run_planned(s_checked, ratio, ruleset, holdings_result=hres, notes=rule_notes)
        results["planned"] = planned
        d = deadlines(s, ruleset, effect.price_after, timeline=timeline, price_exact=effect.price_after_exact)
        results["deadlines"] = d
        body.append(deadlines_section(d, s, ruleset, planned=planned))
        body.append(rules_section(ruleset))
        key.update(status=d.status, outlook=d.outlook, status_detail=d.status_detail, earliest_cure=d.earliest_cure)
        if planned is not None:
            key.update(split_permitted=planned.permitted, notify_by=planned.notify_by)
        if d.deadline is not None:
            key["deadline"] = d.deadline
            key["deadline_basis"] = d.deadline_basis
        caveats.extend(rule_notes)
        uncertain = [n for n, _ in ruleset.uncertain_rules()]
        if uncertain:
            caveats.append("Rules marked UNCERTAIN in rules.md and used here: " + ", ".join(uncertain) + ".")

    # ---- ratio sweep and odds
    if rec is not None:
        from .ratio_choice import ratio_section

        body.append(ratio_section(rec, s, ratio, ruleset, unknown=basis.unknown))
        key["recommended_ratio"] = str(rec.ratio) if rec.ratio is not None else "none feasible"
    elif ruleset is None:
        absent.append("ratio sweep and odds (no rules in force for the scenario)")

    if ruleset is not None and effect.price_after is not None:
        from .odds import odds_section, run_simulation

        sim, notes = run_simulation(
            s,
            effect.price_after,
            ruleset,
            closes,
            paths=report.paths,
            seed=report.seed,
            deadline=None if d is None else d.deadline,
            deadline_basis="" if d is None or d.deadline is None else d.deadline_basis,
        )
        if sim is None:
            caveats.extend(notes)
        else:
            results["simulation"] = sim
            body.append(odds_section(sim, notes))
            p = sim.probabilities.get("compliant_12m") or sim.probabilities.get("above_at_end")
            if p is not None:
                key["odds_text"] = f"{p.estimate:.0%} {p.label} ({sim.paths:,} paths)"

    if report.charts:
        body = _add_charts(body, results, None if report.charts == "all" else DEFAULT_CHARTS, failures)
        caveats.extend(failures)
    extra_facts = implicit_facts(s, given_prices)
    caveats[:0] = _input_caveats(s, effect.before.price is not None, ruleset, extra_facts)
    if absent:
        caveats.append("Sections left out: " + "; ".join(absent) + ".")
    body.append(sections.sources(s, extra_facts))
    body.append(Section(key="caveats", title="Caveats", paragraphs=tuple(caveats), source="splitcalc.report"))
    return {
        "ratio": ratio,
        "effect": effect,
        "sections": tuple(body),
        "key_figures": key,
        "results": results,
    }


#: Charts drawn by default (``charts=True``): each costs 0.2-0.5 s to render,
#: so the report keeps the two that say most; ``charts="all"`` draws every one.
DEFAULT_CHARTS = 2


def _add_charts(body: list[Section], results: dict[str, Any], limit: int | None, failures: list[str]) -> list[Section]:
    """Attach the :mod:`splitcalc.plot` charts to their sections, most informative first, up to ``limit``."""
    from .. import plot
    from .charts import chart

    wanted: list[tuple[str, Any, str, str]] = []  # (section key, draw, title, alt), by priority
    if results.get("prices") is not None and "deadlines" in results:
        ruleset = results.get("rules")
        min_bid = getattr(getattr(ruleset, "min_bid", None), "value", None)
        kwargs: dict[str, Any] = {} if min_bid is None else {"min_bid": min_bid}
        if results.get("timeline") is not None:
            kwargs["timeline"] = results["timeline"]
        wanted.append(
            (
                "compliance" if "timeline" in results else "deadlines",
                lambda: plot.price_history(results["prices"], **kwargs),
                "Closing prices as traded, with the minimum bid",
                "Daily closes on a log scale with the minimum bid line and streaks below it",
            )
        )
    if "simulation" in results:
        wanted.append(
            (
                "odds",
                lambda: plot.fan_chart(results["simulation"]),
                "Simulated post-split prices (Monte Carlo fan)",
                "Fan of simulated price quantiles over one year after the split, with the minimum bid",
            )
        )
    if "recommendation" in results:
        rec = results["recommendation"]
        wanted.append(
            (
                "ratio",
                lambda: plot.ratio_sweep(rec.sweep, recommendation=rec),
                "Post-split price against the ratio",
                "Line of the theoretical post-split price for each candidate ratio, with the minimum bid",
            )
        )
    if "holdings" in results:
        wanted.append(
            (
                "holders",
                lambda: plot.holder_distribution(results["holdings"]),
                "Holders by size of position, before and after",
                "Grouped bars of holder counts per position-size bucket",
            )
        )
    wanted.append(
        (
            "structure",
            lambda: plot.capital_structure(results["effect"]),
            "Shares outstanding, reserved and available, before and after",
            "Stacked bars of the share counts before and after the split",
        )
    )
    if limit is not None:
        wanted = wanted[:limit]
    drawn: dict[str, list[Any]] = {}
    for key, draw, title, alt in wanted:
        figure = chart(draw, title, alt, failures)
        if figure is not None:
            drawn.setdefault(key, []).append(figure)
    return [
        dataclasses.replace(sec, figures=(*sec.figures, *drawn[sec.key])) if sec.key in drawn else sec for sec in body
    ]


def _evaluated_ratio(s: Any, rec: Any) -> tuple[SplitRatio, str]:
    if s.ratio is not None:
        return s.ratio, ""
    if rec is not None and rec.ratio is not None:
        return rec.ratio, "recommended from the authorised range (see the ratio sweep)"
    _lo, hi = s.ratio_range
    if rec is None:
        return hi, "top of the authorised range (no ratio sweep: see the caveats)"
    return hi, "top of the authorised range (no feasible recommendation)"


def _price_caveat(ruleset: Any) -> str:
    """What the exchange's price test reads, and what splitcalc reads instead (rules.md §0, §5)."""
    test = getattr(ruleset, "price_test", None)
    kind = None if test is None else test.value
    cite = "" if test is None else test.cite
    if kind == "consecutive_closing_bid":
        return (
            f"Prices: Nasdaq tests the closing BID price ({cite}, rules.md §0); splitcalc uses the closing "
            "(last-sale) price as a proxy, the only daily price public sources give."
        )
    if kind == "average_30_trading_days":
        return (
            f"Prices: NYSE tests closing prices, not the bid: a deficiency is an average close below the minimum "
            f"over 30 consecutive trading days ({cite}, rules.md §5); splitcalc uses the daily closes as given."
        )
    if kind == "discretionary":
        return (
            f"Prices: {cite} sets no numeric price test (delisting is discretionary for a stock selling at a low "
            "price for a substantial period, rules.md §5); no price here is tested against a floor."
        )
    return "Prices: closing (last-sale) prices as given; no exchange price test is applied."


def _input_caveats(s: Any, has_price: bool, ruleset: Any = None, extra: tuple[Any, ...] = ()) -> list[str]:
    out: list[str] = []
    if s.hypothetical:
        out.insert(0, "This scenario is HYPOTHETICAL: the company and its figures are illustrations, not facts.")
    if has_price:
        out.append(_price_caveat(ruleset))
    facts = (*s.facts, *extra)
    uncertain = [f for f in facts if f.uncertain]
    if uncertain:
        out.append(
            "UNCERTAIN inputs (sources not confirmed): "
            + "; ".join(f"{f.label}{' — ' + f.note if f.note else ''}" for f in uncertain)
        )
    assumed = [f for f in facts if f.key.startswith("assumptions.")]
    if assumed:
        out.append("Assumptions, not facts: " + "; ".join(f"{f.label} = {f.value}" for f in assumed) + ".")
    unsourced = [f.label for f in facts if f.status == "unsourced"]
    if unsourced:
        out.append("Given without a source: " + ", ".join(unsourced) + ".")
    out.append(
        "Given vs estimated: figures listed under 'Inputs and sources' are given; everything else is computed "
        "from them. Aggregate share counts after the split are estimates unless holder data is supplied."
    )
    return out
