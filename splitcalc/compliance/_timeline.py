"""The compliance timeline: dated, cited events and the status they lead to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from .._display import FrameDisplay

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["EVENT_KINDS", "STATUSES", "ComplianceEvent", "ComplianceTimeline"]

#: Event kinds, roughly in the order a case runs through them.
EVENT_KINDS: Final = (
    "moratorium",
    "below_bid_streak_started",
    "deficiency",
    "notice",
    "intent_to_cure_due",
    "compliance_period_deadline",
    "second_period_deadline",
    "split_effective",
    "split_breaks_other_standard",
    "low_price_trigger",
    "regain_streak_started",  # a run at or above the minimum (2+ business days if it fails; day_count = its length)
    "regain_streak_broken",  # a close below (or a blocking split) ended a run short of the days needed
    "cure_test",
    "compliance_regained",
    "case_dropped",  # a "drop" moratorium began while the case was open (2001)
    "compliance_period_paused",  # a "pause" moratorium began while it was open (2008-09): deadlines move out
    "delisting_determination",
    "hearing_request_due",  # Rule 5815(a)(1): last day to request a hearing; whether it stays the suspension
    "panel_exception_limit",  # Rule 5815(c)(1)(A): the most a Hearings Panel exception may run (discretionary)
)

#: ``ComplianceTimeline.status`` values.
STATUSES: Final = (
    "compliant",  # never deficient in the window, no streak now
    "below_bid_streak",  # below the minimum now, not yet a deficiency
    "deficient",  # deficiency open, inside a compliance period
    "cured",  # the last deficiency was cured; not below now
    "delisting_determination",  # period expired, a bar applied or the $0.10 rule fired
    "discretionary",  # no numeric test (NYSE American 1003(f)(v))
)


@dataclass(frozen=True)
class ComplianceEvent:
    """One dated step of a compliance case.

    ``day_count`` is the count behind the date (business/trading days of a
    streak, calendar days of a period); ``estimated`` marks dates splitcalc
    inferred (an exchange letter's date, a discretionary outcome).
    """

    date: dt.date
    kind: str
    description: str
    cite: str
    day_count: int | None = None
    estimated: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly fields."""
        return {
            "date": self.date,
            "kind": self.kind,
            "description": self.description,
            "cite": self.cite,
            "day_count": self.day_count,
            "estimated": self.estimated,
        }


@dataclass(frozen=True)
class ComplianceTimeline(FrameDisplay):
    """Result of :func:`splitcalc.check_compliance`.

    Attributes
    ----------
    rules_name, exchange, tier
        The rule set applied.
    as_of
        Date the status is evaluated on.
    first_date, last_date
        First and last session with a close.
    status
        One of :data:`STATUSES`.
    deadline
        End of the compliance period now running (``None`` if none): the
        notice date plus the period's calendar days, moved to the next
        session when that day is a weekend or holiday (Nasdaq; the NYSE's
        six months are not moved): :func:`splitcalc.compliance.kernel.deadlines`.
    days_remaining
        Calendar days from ``as_of`` to ``deadline`` (``None`` without one).
    events
        Every event, in date order.
    below_streak, above_streak
        Consecutive sessions below / at or above the minimum ending on the
        last close (on Nasdaq, days inside a moratorium do not count as
        below; on NYSE the 30-day average is what counts, these stay
        close-based).
    last_close
        The last close (as traded).
    caveats
        What the result assumes or could not check.
    uncertain
        The UNCERTAIN rules (``"name: cite"``) the result relies on.
    """

    rules_name: str
    exchange: str
    tier: str
    as_of: dt.date
    first_date: dt.date
    last_date: dt.date
    status: str
    deadline: dt.date | None
    days_remaining: int | None
    events: tuple[ComplianceEvent, ...]
    below_streak: int
    above_streak: int
    last_close: float
    caveats: tuple[str, ...] = field(default=())
    uncertain: tuple[str, ...] = field(default=())

    def kinds(self) -> tuple[str, ...]:
        """The event kinds in order (handy in tests and notebooks)."""
        return tuple(e.kind for e in self.events)

    def first(self, kind: str) -> ComplianceEvent | None:
        """The first event of ``kind``, or ``None``."""
        return next((e for e in self.events if e.kind == kind), None)

    def last(self, kind: str) -> ComplianceEvent | None:
        """The last event of ``kind``, or ``None``."""
        return next((e for e in reversed(self.events) if e.kind == kind), None)

    def _title(self) -> str:
        head = f"{self.exchange} {self.tier} compliance as of {self.as_of.isoformat()}: {self.status}"
        if self.deadline is not None:
            head += f", deadline {self.deadline.isoformat()} ({self.days_remaining} days)"
        notes = "".join(f"\n  note: {c}" for c in self.caveats)
        return head + notes

    def to_frame(self) -> pd.DataFrame:
        """One row per event: date, kind, day count, estimated, description, cite."""
        import pandas as pd

        rows = [
            {
                "date": e.date,
                "kind": e.kind,
                "days": e.day_count,
                "estimated": e.estimated,
                "description": e.description,
                "cite": e.cite,
            }
            for e in self.events
        ]
        columns = ["date", "kind", "days", "estimated", "description", "cite"]
        frame = pd.DataFrame(rows, columns=columns)
        frame["days"] = frame["days"].astype("Int64")
        return frame

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form."""
        return {
            "rules": self.rules_name,
            "exchange": self.exchange,
            "tier": self.tier,
            "as_of": self.as_of,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "status": self.status,
            "deadline": self.deadline,
            "days_remaining": self.days_remaining,
            "below_streak": self.below_streak,
            "above_streak": self.above_streak,
            "last_close": self.last_close,
            "events": [e.to_dict() for e in self.events],
            "caveats": list(self.caveats),
            "uncertain": list(self.uncertain),
        }
