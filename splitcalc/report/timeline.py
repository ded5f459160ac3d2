"""Compliance sections: render the price-rule timeline and the planned-split check of the analysis.

``check_compliance`` walks the scenario's daily closes (as traded) through
the rules; ``check_planned_split`` says whether the planned split may cure
under the rules in force and when Nasdaq must be told. Both run in
:mod:`splitcalc.analysis.checks`; this module only renders them.
"""

from __future__ import annotations

from typing import Any

from .parts import Section, Table

__all__ = ["compliance_section", "planned_rows"]


def planned_rows(planned: Any) -> list[tuple[object, ...]]:
    """Rows for the deadlines table: notification dates, the cure verdict, bars."""
    rows: list[tuple[object, ...]] = []
    if planned.notify_by is not None:
        rows.append(("Notify the exchange of the split by", planned.notify_by, planned.notify_rule))
    if planned.disclose_by is not None:
        rows.append(("Disclose the split publicly by", planned.disclose_by, planned.disclose_rule))
    verdict = "yes" if planned.permitted else "NO: " + "; ".join(planned.reasons)
    rows.append(
        ("Split may cure under the rules in force", verdict, f"cumulative 2-year ratio {planned.cumulative_ratio}")
    )
    if planned.bar_until is not None:
        rows.append(
            (
                "No compliance period for a new price failure until",
                planned.bar_until,
                "one-year / cumulative reverse-split bars (cited in the rules in force)",
            )
        )
    for breach in planned.breaches:
        rows.append(("Standard broken by the split", breach.standard, str(breach)))
    return rows


def _sessions(n: int) -> str:
    return f"{n:,} session" + ("" if n == 1 else "s")


def compliance_section(timeline: Any) -> Section:
    """Status on the as-of date and every dated, cited event of the price-rule case."""
    rows = tuple(
        (
            e.date,
            e.kind.replace("_", " "),
            e.description,
            e.cite,
            e.day_count,
            "estimated" if e.estimated else "",
        )
        for e in timeline.events
    )
    status = timeline.status.replace("_", " ")
    para = [
        f"Status on {timeline.as_of.isoformat()}: {status}"
        + (
            f"; deadline {timeline.deadline.isoformat()} ({timeline.days_remaining} calendar days left)"
            if timeline.deadline is not None
            else ""
        )
        + ".",
        f"Closes from {timeline.first_date.isoformat()} to {timeline.last_date.isoformat()}; "
        f"last close ${timeline.last_close:,.4g}, {_sessions(timeline.below_streak)} in a row below the minimum, "
        f"{timeline.above_streak} at or above it.",
    ]
    return Section(
        key="compliance",
        title=f"Compliance status and timeline: {timeline.exchange} {timeline.tier}",
        paragraphs=tuple(para),
        tables=(Table(("Date", "Event", "What happened", "Rule", "Days", "Note"), rows),),
        notes=tuple(timeline.caveats),
        source="splitcalc.compliance.check_compliance",
        data={"status": timeline.status, "deadline": timeline.deadline, "days_remaining": timeline.days_remaining},
    )
