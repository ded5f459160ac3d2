"""Listing sections: the rules in force (``splitcalc.rules``), deadlines and compliance status.

Period ends come from the rule kernel
(:func:`splitcalc.compliance.kernel.deadlines`: notice + the period, moved to
the next session on Nasdaq, clock stops applied); compliance is regained
after ``regain_days`` consecutive business days at or above the minimum bid,
counted in exchange sessions from :mod:`splitcalc.calendars`. A rule value
that is missing means "not applicable" and the text says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..calendars import count_sessions, date_to_session, session_offset
from ..compliance.kernel import deadlines as period_deadlines
from ..compliance.kernel import second_period_end
from ..scenario_file import Scenario
from .formatting import cell, dollars
from .parts import Section, Table

__all__ = ["Deadlines", "deadlines", "deadlines_section", "rules_section"]

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
    "min_publicly_held_shares": "Minimum publicly held shares",
    "min_public_holders": "Minimum public holders",
    "min_total_holders": "Minimum total holders",
    "min_round_lot_holders": "Minimum round-lot holders",
    "min_mvphs": "Minimum market value of publicly held shares",
    "moratorium": "Moratorium on price tests",
    "split_notice": "Notice to the exchange before a split",
    "split_disclosure": "Public disclosure before a split",
}


def _value_text(value: object) -> str:
    if isinstance(value, Decimal):
        return dollars(value)
    if isinstance(value, tuple) and value and all(isinstance(v, dt.date) for v in value):
        return " to ".join(v.isoformat() for v in value)
    if isinstance(value, tuple) and len(value) == 2:
        return f"{value[0]} {value[1]} days"
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
                rule.source,
            )
        )
    notes = []
    if ruleset.uncertain_rules():
        notes.append(
            "UNCERTAIN rows are not confirmed from a source text (rules.md); verify them against the official "
            "rulebook before relying on them."
        )
    notes.append("An empty effective date means the rule predates the first dated change recorded in rules.md.")
    return Section(
        key="rules",
        title=f"Rules in force on {ruleset.as_of.isoformat()}: {ruleset.exchange} {ruleset.tier}",
        paragraphs=(f"Rule set {ruleset.name!r}; business days from the {ruleset.calendar} exchange calendar.",),
        tables=(Table(("Rule", "Value", "Cite", "Effective", "Flag", "Source"), tuple(rows)),),
        notes=tuple(notes),
        source="splitcalc.rules",
        data={"uncertain": [n for n, _ in ruleset.uncertain_rules()]},
    )


@dataclass(frozen=True)
class Deadlines:
    """Deadline arithmetic from the notice date, the split date and the rules in force.

    ``status`` uses the compliance engine's words (``"deficient"`` ...) and
    comes from its timeline when daily prices were given; ``outlook`` says
    whether the planned split can cure before the deadline at the theoretical
    post-split price.
    """

    notice: dt.date | None
    deadline_rule: dt.date | None
    deadline_given: dt.date | None
    deadline_timeline: dt.date | None
    second_period_end: dt.date | None
    first_post_split_session: dt.date | None
    earliest_cure: dt.date | None
    sessions_before_deadline: int | None
    status: str
    outlook: str | None
    status_detail: str

    @property
    def deadline(self) -> dt.date | None:
        """The compliance timeline's deadline, else the rule's, else the one given."""
        return self.deadline_timeline or self.deadline_rule or self.deadline_given

    @property
    def deadline_basis(self) -> str:
        """Where :attr:`deadline` comes from."""
        if self.deadline_timeline is not None:
            return "compliance timeline from the daily closes"
        if self.deadline_rule is not None:
            return "notice + compliance period"
        return "as stated in the scenario"


def deadlines(
    scenario: Scenario,
    ruleset: Any,
    price_after: Decimal | None,
    *,
    timeline: Any = None,
    price_exact: Fraction | None = None,
) -> Deadlines:
    """Compute the compliance deadline, the earliest cure date, the status and the outlook.

    ``price_after`` is the theoretical post-split price as shown; ``price_exact``
    (when known) is the exact one, used to compare with the minimum bid.
    """
    notice = scenario.notice_date
    regain = getattr(ruleset.regain_days, "value", None)
    min_bid = getattr(ruleset.min_bid, "value", None)
    ends = period_deadlines(notice, ruleset, second_period=False, as_of=scenario.as_of) if notice is not None else None
    deadline_rule = None if ends is None else ends.first_deadline
    deadline_tl = None if timeline is None else timeline.deadline
    deadline = deadline_tl or deadline_rule or scenario.deadline
    second_end = second_period_end(deadline, ruleset) if deadline is not None else None
    first = earliest = None
    left = None
    if scenario.effective is not None:
        first = date_to_session(scenario.effective, "next")
        if regain:
            earliest = session_offset(first, int(regain) - 1)
        if deadline is not None:
            left = count_sessions(first, deadline)

    if timeline is not None:
        status = str(timeline.status)
        detail = f"from the daily closes as of {timeline.as_of.isoformat()}"
    elif notice is None or scenario.as_of < notice:
        status, detail = "not_evaluated", "no daily prices and no deficiency notice in the scenario"
    elif deadline is not None and scenario.as_of > deadline:
        status, detail = "deadline_passed", f"the compliance period ended on {deadline.isoformat()}"
    else:
        status, detail = "deficient", f"deficient since the notice of {notice.isoformat()}"

    outlook = None
    if status in ("deficient", "below_bid_streak") and first is not None and not regain:
        cite = getattr(ruleset.regain_days, "cite", "the rules in force")
        detail += f"; cure outlook not checked: no consecutive-day regain count applies ({cite})"
    if status in ("deficient", "below_bid_streak") and earliest is not None and price_after is not None:
        exact = price_after if price_exact is None else price_exact  # $0.99995 is below $1.00, shown 1.0000
        if min_bid is not None and exact < min_bid:
            outlook = "price_below_minimum"
            detail += f"; the theoretical post-split price ${price_after} stays below ${min_bid}"
        elif deadline is not None and earliest > deadline:
            outlook = "cure_after_deadline"
            detail += (
                f"; at the theoretical post-split price the {regain}th consecutive close at or above the minimum "
                f"would be {earliest.isoformat()}, after the {deadline.isoformat()} deadline "
                f"({left} session(s) left after the split)"
            )
        else:
            outlook = "cure_possible"
            detail += f"; if the post-split price holds, compliance is regained on {earliest.isoformat()}" + (
                f", before the {deadline.isoformat()} deadline" if deadline else ""
            )
    return Deadlines(
        notice=notice,
        deadline_rule=deadline_rule,
        deadline_given=scenario.deadline,
        deadline_timeline=deadline_tl,
        second_period_end=second_end,
        first_post_split_session=first,
        earliest_cure=earliest,
        sessions_before_deadline=left,
        status=status,
        outlook=outlook,
        status_detail=detail,
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
