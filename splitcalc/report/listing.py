"""Listing sections: the rules in force (``splitcalc.rules``), deadlines and compliance status.

The deadlines are computed by :mod:`splitcalc.analysis.deadlines`; this
module only renders them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ..analysis.deadlines import Deadlines
from ..analysis.scenario_file import Scenario
from ..rules._sources import public_source
from .formatting import cell, dollars
from .parts import Section, Table

__all__ = ["deadlines_section", "rules_section"]

_LABELS = {
    "min_bid": "Minimum bid price",
    "price_test": "Price test",
    "deficiency_days": "Days below the minimum that make a deficiency",
    "compliance_period_days": "Compliance period (calendar days)",
    "compliance_period_months": "Compliance period (months)",
    "period_end_on_session": "Period ends moved to the next trading day",
    "second_period_days": "Second compliance period (calendar days)",
    "regain_days": "Consecutive days at or above the minimum to regain",
    "regain_days_max": "Most days staff may require to regain",
    "cure_response_days": "Days to respond to a notice",
    "low_price_threshold": "Low-price threshold",
    "low_price_days": "Days at or below the low-price threshold",
    "reverse_split_cumulative_limit": "Cumulative reverse-split ratio limit",
    "reverse_split_lookback_days": "Lookback for the cumulative ratio (days)",
    "reverse_split_one_year_bar": "No compliance period within a year of a reverse split",
    "split_breaks_other_standard": "Split that breaks another standard does not cure",
    "no_stay_after_second_period": "No stay of suspension after a failed second period",
    "no_stay_after_recent_split": "No stay of suspension after a reverse split in the prior year",
    "no_stay_after_low_price": "No stay of suspension after a $0.10 determination",
    "hearing_request_days": "Days to request a hearing after a delisting determination",
    "panel_exception_days": "Most days a Hearings Panel exception may run",
    "round_lot_size": "Round lot (shares)",
    "initial_min_bid": "Initial listing: minimum bid price",
    "initial_min_publicly_held_shares": "Initial listing: minimum publicly held shares",
    "initial_min_round_lot_holders": "Initial listing: minimum round-lot holders",
    "min_publicly_held_shares": "Minimum publicly held shares",
    "min_public_holders": "Minimum public holders",
    "min_total_holders": "Minimum total holders",
    "min_round_lot_holders": "Minimum round-lot holders",
    "min_mvphs": "Minimum market value of publicly held shares",
    "moratorium": "Moratorium on price tests",
    "split_notice": "Notice to the exchange before a split",
    "split_disclosure": "Public disclosure before a split",
}


#: Plain words for the price-test kinds of :mod:`splitcalc.rules` (no internal ids reach a reader).
PRICE_TEST_WORDS = {
    "consecutive_closing_bid": "consecutive closing bid prices",
    "average_30_trading_days": "average closing price over 30 trading days",
    "discretionary": "discretionary (no numeric test)",
}


def _value_text(value: object) -> str:
    if isinstance(value, str) and value in PRICE_TEST_WORDS:
        return PRICE_TEST_WORDS[value]
    if isinstance(value, Decimal):
        return dollars(value)
    if isinstance(value, tuple) and value and all(isinstance(v, dt.date) for v in value):
        return " to ".join(v.isoformat() for v in value)
    if isinstance(value, tuple) and len(value) == 2:
        return f"{value[0]} {value[1]} day" + ("" if value[0] == 1 else "s")
    return cell(value)


def rules_section(ruleset: Any) -> Section:
    """Every rule in force on the as-of date, cited, with its effective date and source."""
    rows = []
    for name, rule in ruleset.rules():
        if rule.value is None:  # not applicable on this date
            continue
        rows.append(
            (
                _LABELS.get(name, name.replace("_", " ")),
                _value_text(rule.value),
                rule.cite,
                rule.effective,
                "UNCERTAIN" if rule.uncertain else "",
                public_source(rule.source),
            )
        )
    notes = []
    if ruleset.uncertain_rules():
        notes.append(
            "UNCERTAIN rows are not confirmed from a source text; verify them against the exchange's official "
            "rulebook before relying on them."
        )
    notes.append("An empty effective date means the rule predates the first dated change splitcalc records.")
    return Section(
        key="rules",
        title=f"Rules in force on {ruleset.as_of.isoformat()}: {ruleset.exchange} {ruleset.tier}",
        paragraphs=(f"Rule set {ruleset.name!r}; business days from the {ruleset.calendar} exchange calendar.",),
        tables=(Table(("Rule", "Value", "Cite", "Effective", "Flag", "Source"), tuple(rows)),),
        notes=tuple(notes),
        source="splitcalc.rules",
        data={"uncertain": [n for n, _ in ruleset.uncertain_rules()]},
    )


def deadlines_section(d: Deadlines, scenario: Scenario, ruleset: Any, *, planned: Any = None) -> Section:
    """Dates that matter: notice, deadline (computed and stated), cure, second period, notifications."""
    period = ruleset.compliance_period_days
    rows: list[tuple[object, ...]] = []
    if d.notice is not None:
        rows.append(("Deficiency notice", d.notice, "given (scenario)"))
    if d.deadline_rule is not None:
        rows.append(
            (
                "Compliance deadline",
                d.deadline_rule,
                f"notice + {period.value} calendar days, {period.cite}"
                + (f" (effective {period.effective.isoformat()})" if period.effective else ""),
            )
        )
    if d.deadline_given is not None:
        agrees = d.deadline_rule is None or d.deadline_given == d.deadline_rule
        rows.append(
            (
                "Compliance deadline, as stated by the company",
                d.deadline_given,
                "agrees with the rule"
                if agrees
                else f"DIFFERS from the rule's {d.deadline_rule} (notice + the period, moved to a session)",
            )
        )
    if d.second_period_end is not None:
        sp = ruleset.second_period_days
        rows.append(("End of a second compliance period, if granted", d.second_period_end, sp.describe()))
    if scenario.as_of and d.deadline is not None:
        rows.append(("Calendar days from the as-of date to the deadline", (d.deadline - scenario.as_of).days, ""))
    if d.first_post_split_session is not None:
        rows.append(("First post-split session", d.first_post_split_session, "given (scenario)"))
    if d.earliest_cure is not None:
        regain = ruleset.regain_days
        rows.append(
            ("Earliest cure", d.earliest_cure, f"{regain.value} consecutive business days, {regain.describe()}")
        )
    if d.sessions_before_deadline is not None:
        rows.append(("Sessions from the split to the deadline", d.sessions_before_deadline, "inclusive"))
    if d.deadline_timeline is not None and d.deadline_timeline != d.deadline_rule:
        rows.append(("Deadline of the period now running", d.deadline_timeline, "from the compliance timeline"))
    if planned is not None:
        from .timeline import planned_rows

        rows.extend(planned_rows(planned))
    return Section(
        key="deadlines",
        title="Deadlines",
        paragraphs=(
            f"Status: {d.status.replace('_', ' ')}"
            + (f", outlook: {d.outlook.replace('_', ' ')}" if d.outlook else "")
            + f" — {d.status_detail}.",
        ),
        tables=(Table(("Date", "When", "Basis"), tuple(rows)),),
        notes=(
            "Compliance periods count calendar days from the notice and end on a trading day (Nasdaq; the NYSE's "
            "six months are not moved); the deficiency trigger and the cure count business days, here the "
            "sessions of the exchange calendar (Nasdaq Rule 5810(c)(3)(A); NYSE 802.01C).",
        ),
        source="splitcalc.rules, splitcalc.calendars",
        data={"status": d.status, "outlook": d.outlook, "deadline": d.deadline, "earliest_cure": d.earliest_cure},
    )
