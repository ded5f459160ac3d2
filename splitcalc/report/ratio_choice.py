"""Ratio sweep and recommendation section (``splitcalc.scenarios``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..analysis.ratio import CumulativeRatio
from ..analysis.scenario_file import Scenario
from ..ratio import SplitRatio
from .formatting import dollars
from .parts import Section, Table

__all__ = ["ratio_section"]


def ratio_section(
    rec: Any,
    scenario: Scenario,
    evaluated: SplitRatio,
    ruleset: Any,
    *,
    unknown: tuple[str, ...] = (),
    cumulative: Mapping[SplitRatio, CumulativeRatio] | None = None,
) -> Section:
    """The sweep table (one row per candidate) and the recommendation with its reasons.

    ``unknown`` names the counts the scenario does not give (after any taken
    from the holder file). Without the insiders, publicly held shares and
    their market value count every outstanding share as public: they are
    shown as upper bounds (``≤``), and a minimum they meet is not settled.
    Without the reserve, shares available for issuance are upper bounds too.
    """
    sweep = rec.sweep
    public_bound = "insiders" in unknown and sweep.holder_basis != "holdings"
    room_bound = "reserved" in unknown
    prior = cumulative or {}
    has_odds = any(r.odds is not None for r in sweep.rows)
    has_holders = any(r.holders_eliminated is not None for r in sweep.rows)
    has_room = any(r.available_for_issuance is not None for r in sweep.rows)
    columns = ["Ratio", "Price after"]
    if has_odds:
        columns.append("Odds ± std. error")
    if has_holders:
        columns += ["Holders eliminated", "Round-lot holders after"]
    columns += ["Publicly held", "MVPHS"]
    if has_room:
        columns.append("Available for issuance")
    if prior:
        columns.append("Two-year ratio")
    columns += ["Min. bid", "Other minimums", "Choice"]
    rows = []
    for r in sweep.rows:
        mvphs = None if r.mvphs_after is None else dollars(_cents(r.mvphs_after))
        row: list[object] = [str(r.ratio), dollars(r.price_after)]
        if has_odds:
            row.append("" if r.odds is None else f"{r.odds.estimate:.0%}\u00a0±{r.odds.stderr:.1%}")  # one line
        if has_holders:
            row += [r.holders_eliminated, r.round_lot_holders_after]
        row += [
            _at_most(r.publicly_held_after) if public_bound else r.publicly_held_after,
            _at_most(mvphs) if public_bound else mvphs,
        ]
        if has_room:
            row.append(_at_most(r.available_for_issuance) if room_bound else r.available_for_issuance)
        if prior:
            c = prior[r.ratio]
            row.append(f"1-for-{c.magnitude}" + (f" (>= {c.limit})" if c.over else ""))
        # one short word per row, so the column never squeezes it (the paragraphs say when both apply)
        mark = ""
        if rec.ratio is not None and r.ratio == rec.ratio:
            mark = "recommended" if rec.feasible else "best\u00a0available"
        elif r.ratio == evaluated:
            mark = "evaluated"
        row += [_bid_status(r.meets_bid), other_minimums(r, sweep.rules), mark]
        rows.append(tuple(row))
    if rec.objective == "odds":
        goal = f"odds of at least {rec.min_odds:.0%} of regaining compliance and staying compliant 12 months"
        if rec.ratio is not None and rec.feasible:
            got = "" if rec.odds is None else f" ({rec.odds.estimate:.0%} ± {rec.odds.stderr:.1%})"
            head = (
                f"Recommended: {rec.ratio}{got}, the smallest candidate with {goal} that keeps every checked minimum."
            )
        elif rec.ratio is not None:
            got = "" if rec.odds is None else f" ({rec.odds.estimate:.0%} ± {rec.odds.stderr:.1%})"
            head = f"No candidate reaches {goal}; the best available is {rec.ratio}{got}."
        else:
            head = "No candidate ratio keeps every checked minimum."
        paragraphs = [head, "Odds: one simulation, every candidate judged on the same simulated returns."]
    else:
        if rec.ratio is not None:
            head = (
                f"Recommended: {rec.ratio} (the smallest candidate reaching {dollars(rec.target_price)} "
                "that keeps every checked minimum)."
            )
        else:
            head = f"No candidate ratio meets every constraint (target {dollars(rec.target_price)})."
        paragraphs = [head, f"Target price: {rec.target_basis}."]
    if scenario.ratio is not None and rec.ratio is not None and scenario.ratio != rec.ratio:
        paragraphs.append(f"The scenario's ratio is {scenario.ratio}; the report's other sections evaluate that one.")
    elif rec.ratio is not None and rec.ratio == evaluated:
        paragraphs.append(f"The report's other sections evaluate {rec.ratio}.")
    notes = list(rec.reasons) + [n for n in sweep.notes if n not in rec.reasons]
    if public_bound:
        notes.append(
            "Insider shares not given: publicly held shares and MVPHS count every outstanding share as public "
            "(upper bounds, marked ≤); a publicly-held or MVPHS minimum shown as met is not settled."
        )
    if room_bound and has_room:
        notes.append("Reserved shares not given: shares available for issuance are upper bounds (marked ≤).")
    if any(not r.checks for r in sweep.rows):
        notes.append(
            f"Other minimums not checked: {sweep.rules.name} records no publicly-held-share, MVPHS or holder "
            "minimum, so nothing was compared."
        )
    notes.append(f"Thresholds: {sweep.rules.name}.")
    return Section(
        key="ratio",
        title="Ratio sweep and recommendation",
        paragraphs=tuple(paragraphs),
        tables=(Table(tuple(columns), tuple(rows)),),
        notes=tuple(notes),
        source="splitcalc.scenarios (ratio_sweep, recommend_ratio)",
        data={
            "recommendation": None if rec.ratio is None else str(rec.ratio),
            "target_price": rec.target_price,
            "feasible": rec.feasible,
            "objective": rec.objective,
            "odds": {str(r.ratio): None if r.odds is None else r.odds.estimate for r in sweep.rows},
        },
    )


def _bid_status(meets: bool | None) -> str:
    if meets is None:
        return "not checked: no price"
    return "met" if meets else "not met"


def other_minimums(row: Any, values: Any) -> str:
    """The listing minimums other than the bid, honestly: "met" only for a value compared with a rule value.

    Each minimum of the rules in force is met, failed or not checked (no
    holder data); a rule set without such minimums (the 2002 National Market
    as recorded) says "not checked: no rule value in force".
    """
    if not row.checks:
        return "not checked: no rule value in force"
    met = [c.minimum.label for c in row.checks.values() if c.met is True]
    failed = [c.minimum.label for c in row.checks.values() if c.met is False]
    unknown = [c.minimum.label for c in row.checks.values() if c.met is None]
    parts = []
    if failed:
        parts.append("not met: " + ", ".join(failed))
    if met:
        parts.append("met: " + ", ".join(met))
    if unknown:
        parts.append("not checked (no holder data): " + ", ".join(unknown))
    return "; ".join(parts)


def _at_most(value: object) -> object:
    """``"≤ 4,800,000"`` for an upper bound; ``None`` stays ``None``."""
    if value is None:
        return None
    return f"≤ {value:,}" if isinstance(value, int) else f"≤ {value}"


def _cents(value: Any) -> Any:
    from ..money import quantize

    return quantize(value, 2)
