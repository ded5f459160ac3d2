"""Ratio sweep and recommendation section (``splitcalc.scenarios``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..compliance.kernel import in_lookback
from ..ratio import SplitRatio, cumulative
from ..scenario_file import Scenario
from .formatting import dollars
from .parts import Section, Table

__all__ = ["candidates", "ratio_section", "recommend"]

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


def _prior_in_lookback(scenario: Scenario, ruleset: Any, on: dt.date) -> tuple[SplitRatio, ...]:
    """Prior reverse splits inside the rules' cumulative look-back (the kernel's window; none without one)."""
    days = getattr(getattr(ruleset, "reverse_split_lookback_days", None), "value", None)
    if days is None:
        return ()
    return tuple(r for _, r in in_lookback(scenario.prior_splits, on, int(days)))


def recommend(scenario: Scenario, ruleset: Any, holdings: Any) -> Any:
    """``recommend_ratio`` over :func:`candidates` with the scenario's target and prior splits."""
    from ..scenarios import recommend_ratio

    on = scenario.effective or scenario.as_of
    return recommend_ratio(
        scenario.structure,
        ratios=candidates(scenario),
        target_price=scenario.target_price,
        rules=ruleset,
        holdings=holdings,
        fractional=scenario.fractional,
        prior_splits=_prior_in_lookback(scenario, ruleset, on),
        authorized=scenario.authorized_policy,  # type: ignore[arg-type]  # checked by Scenario
    )


def ratio_section(
    rec: Any, scenario: Scenario, evaluated: SplitRatio, ruleset: Any, *, unknown: tuple[str, ...] = ()
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
    prior = _prior_in_lookback(scenario, ruleset, scenario.effective or scenario.as_of)
    limit = getattr(getattr(ruleset, "reverse_split_cumulative_limit", None), "value", None)
    has_holders = any(r.public_holders_after is not None for r in sweep.rows)
    has_room = any(r.available_for_issuance is not None for r in sweep.rows)
    columns = ["Ratio", "Price after", "Shares after", "Publicly held", "MVPHS"]
    if has_holders:
        columns.append("Public holders")
    if has_room:
        columns.append("Available for issuance")
    if prior:
        columns.append("Cumulative (2 yrs)")
    columns += ["Meets bid", "Other minimums", ""]
    rows = []
    for r in sweep.rows:
        mvphs = None if r.mvphs_after is None else dollars(_cents(r.mvphs_after))
        row: list[object] = [
            str(r.ratio),
            dollars(r.price_after),
            r.shares_after,
            _at_most(r.publicly_held_after) if public_bound else r.publicly_held_after,
            _at_most(mvphs) if public_bound else mvphs,
        ]
        if has_holders:
            row.append(r.public_holders_after)
        if has_room:
            row.append(_at_most(r.available_for_issuance) if room_bound else r.available_for_issuance)
        if prior:
            mag = cumulative([*prior, r.ratio]).magnitude
            over = limit is not None and mag >= limit
            row.append(f"1-for-{mag}" + (f" (>= {limit})" if over else ""))
        others = "met" if r.meets_minimums else ("not checked" if r.meets_minimums is None else "fails: ")
        if r.meets_minimums is False:
            others += ", ".join(r.failed)
        marks = []
        if rec.ratio is not None and r.ratio == rec.ratio:
            marks.append("recommended")
        if r.ratio == evaluated:
            marks.append("evaluated")
        row += [r.meets_bid, others, " · ".join(marks)]
        rows.append(tuple(row))
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
    notes = list(rec.reasons) + [n for n in sweep.notes if n not in rec.reasons]
    if public_bound:
        notes.append(
            "Insider shares not given: publicly held shares and MVPHS count every outstanding share as public "
            "(upper bounds, marked ≤); a publicly-held or MVPHS minimum shown as met is not settled."
        )
    if room_bound and has_room:
        notes.append("Reserved shares not given: shares available for issuance are upper bounds (marked ≤).")
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
        },
    )


def _at_most(value: object) -> object:
    """``"≤ 4,800,000"`` for an upper bound; ``None`` stays ``None``."""
    if value is None:
        return None
    return f"≤ {value:,}" if isinstance(value, int) else f"≤ {value}"


def _cents(value: Any) -> Any:
    from ..money import quantize

    return quantize(value, 2)
