"""Deadlines, status and outlook: the compliance deadline, the earliest cure and what they say.

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
from typing import TYPE_CHECKING, Any

from ..calendars import count_sessions, date_to_session
from ..compliance.kernel import deadlines as period_deadlines
from ..compliance.kernel import earliest_cure, second_period_end
from .scenario_file import Scenario

if TYPE_CHECKING:
    from ..rules import RuleSet

__all__ = ["Deadlines", "deadlines"]


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
    regain_sessions: int | None = None

    @property
    def sessions_to_spare(self) -> int | None:
        """Sessions between the earliest cure and the deadline: positive to spare, negative missing.

        ``sessions_before_deadline - regain_sessions``: the split's sessions up
        to the deadline (inclusive) less the consecutive closes needed.
        """
        if self.sessions_before_deadline is None or self.regain_sessions is None:
            return None
        return self.sessions_before_deadline - self.regain_sessions

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
    ruleset: RuleSet,
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
        earliest = earliest_cure(first, int(regain) if regain else None)
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
                f"({left:,} session{'' if left == 1 else 's'} left after the split)"
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
        regain_sessions=regain if scenario.effective is not None else None,
    )
