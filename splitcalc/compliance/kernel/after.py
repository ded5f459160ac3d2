"""After the deadline: the Staff Delisting Determination, the hearing request, the stay, the panel's limit.

Nasdaq Rule 5815, by era (rows of :mod:`splitcalc.rules`):

* a company may request a hearing before a Hearings Panel within
  ``hearing_request_days`` (7) calendar days of the Staff Delisting
  Determination (5815(a)(1)); the request stays the suspension, except
* from Jan 17, 2025 (SR-NASDAQ-2024-045, 90 FR 8081): no stay for a company
  that failed its second 180-day period (``no_stay_after_second_period``)
  or whose determination follows a reverse split in the prior year
  (``no_stay_after_recent_split``) -- it trades over the counter meanwhile;
* the Panel may grant an exception of up to ``panel_exception_days`` (180)
  calendar days from the determination (5815(c)(1)(A)); discretionary, a
  limit and not an outcome. The 2020 tolling (SR-NASDAQ-2020-021) tolled
  panel exceptions too: a limit running on Apr 16, 2020 moves out by the
  tolled days, as a compliance period does.

A value missing from the rules means the step is not modelled for that
exchange, and the result says so (no default is filled in).

Pending, not applied: SR-NASDAQ-2025-065 (filed Aug 22, 2025; notice
Rel. 34-103846, 90 FR 43251, FR Doc 2025-17106) would deny a stay after a
$0.10 determination and apply the $0.10 test before a $1.00 deficiency. No
SEC approval order was found: the ``no_stay_after_low_price`` row dated
from its filing is marked ``pending`` (:func:`pending_no_stay`): the stay is
kept, and a determination under the $0.10 rule on or after that date says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..._display import FrameDisplay
from ...rules import Rule, RuleSet
from ...rules._sources import public_source
from .periods import clock_stops

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["AfterDeadline", "after_deadline", "pending_no_stay"]


@dataclass(frozen=True)
class AfterDeadline(FrameDisplay):
    """What follows a Staff Delisting Determination (result of :func:`after_deadline`).

    ``hearing_request_by`` and ``panel_exception_until`` are ``None`` where
    the rules in force have no such step; ``stays_suspension`` is ``None``
    then too. ``cites`` name the rule rows relied on.
    """

    determination: dt.date
    rules_name: str
    hearing_request_by: dt.date | None
    stays_suspension: bool | None
    stay_reason: str
    panel_exception_until: dt.date | None
    cites: tuple[str, ...]
    uncertain: bool
    notes: tuple[str, ...]

    def _title(self) -> str:
        return f"After the Staff Delisting Determination of {self.determination.isoformat()} ({self.rules_name})"

    def describe(self) -> str:
        """One sentence for a timeline or a report."""
        if self.hearing_request_by is None:
            return "hearing and appeal steps are not modelled for these rules"
        stay = "stays the suspension" if self.stays_suspension else "does not stay the suspension"
        text = f"hearing request by {self.hearing_request_by.isoformat()} ({stay}: {self.stay_reason})"
        if self.panel_exception_until is not None:
            text += f"; a Hearings Panel exception may run at most to {self.panel_exception_until.isoformat()}"
        return text

    def to_frame(self) -> pd.DataFrame:
        """One row per step: date and detail."""
        import pandas as pd

        rows = [
            {"step": "staff delisting determination", "date": self.determination, "detail": ""},
            {"step": "hearing request due", "date": self.hearing_request_by, "detail": self.stay_reason},
            {
                "step": "panel exception limit",
                "date": self.panel_exception_until,
                "detail": "discretionary: the most a Hearings Panel may grant",
            },
        ]
        rows += [{"step": "note", "date": None, "detail": n} for n in self.notes]
        return pd.DataFrame(rows, columns=["step", "date", "detail"]).set_index("step")

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly fields."""
        return {
            "determination": self.determination,
            "rules": self.rules_name,
            "hearing_request_by": self.hearing_request_by,
            "stays_suspension": self.stays_suspension,
            "stay_reason": self.stay_reason,
            "panel_exception_until": self.panel_exception_until,
            "cites": list(self.cites),
            "uncertain": self.uncertain,
            "notes": list(self.notes),
        }


def _in_force(rs: RuleSet, name: str, day: dt.date) -> Rule[Any]:
    row = rs.in_force(name, day)
    return row if row is not None else getattr(rs, name)


def pending_no_stay(rs: RuleSet, determination: dt.date) -> Rule[Any] | None:
    """The pending ``no_stay_after_low_price`` row a $0.10 determination on ``determination`` is read under.

    ``None`` when the row in force is not pending (none filed, or one in force and applied).
    """
    row = _in_force(rs, "no_stay_after_low_price", determination)
    return row if row.pending else None


def after_deadline(
    determination: dt.date,
    rs: RuleSet,
    *,
    after_second_period: bool = False,
    recent_split: bool = False,
    low_price: bool = False,
) -> AfterDeadline:
    """The hearing request, stay and panel limit that follow a determination dated ``determination``.

    Parameters
    ----------
    determination
        Date of the Staff Delisting Determination.
    rs
        The rules of the tier (the rows in force on ``determination`` are used).
    after_second_period
        The company failed a second 180-day compliance period.
    recent_split
        The determination follows a reverse split in the prior year (no compliance period).
    low_price
        The determination came from the $0.10 rule.

    Examples
    --------
    >>> from splitcalc import rules
    >>> a = after_deadline(dt.date(2025, 9, 8), rules.get("nasdaq-capital", as_of="2025-09-08"),
    ...                    after_second_period=True)
    >>> a.hearing_request_by, a.stays_suspension, a.panel_exception_until
    (datetime.date(2025, 9, 15), False, datetime.date(2026, 3, 7))
    """
    request = _in_force(rs, "hearing_request_days", determination)
    panel = _in_force(rs, "panel_exception_days", determination)
    cites: list[Rule[Any]] = []
    notes: list[str] = []
    uncertain = False
    if request.value is None:
        return AfterDeadline(
            determination, rs.name, None, None, request.cite, None, (request.describe(),), request.uncertain, ()
        )
    cites.append(request)
    request_by = determination + dt.timedelta(days=int(request.value))
    stays, reason = True, f"a hearing request stays the suspension ({request.describe()})"
    second = _in_force(rs, "no_stay_after_second_period", determination)
    split = _in_force(rs, "no_stay_after_recent_split", determination)
    if after_second_period and second.value and second.applies_on(determination):
        stays, reason = False, f"the second compliance period was not met ({second.describe()})"
        cites.append(second)
    elif recent_split and split.value and split.applies_on(determination):
        stays, reason = False, f"a reverse split in the prior year ({split.describe()})"
        cites.append(split)
    if low_price:
        dime = _in_force(rs, "no_stay_after_low_price", determination)
        if dime.value and dime.applies_on(determination):
            stays, reason = False, f"the $0.10 rule ({dime.describe()})"
            cites.append(dime)
        elif (pending := pending_no_stay(rs, determination)) is not None:  # named with its source, not applied
            notes.append(f"{pending.cite} [{public_source(pending.source)}] (UNCERTAIN)")
            uncertain = True
    panel_until = None
    if panel.value is not None:
        cites.append(panel)
        limit = determination + dt.timedelta(days=int(panel.value))
        for rule, m in clock_stops(rs):
            if m.kind == "toll" and determination < m.start <= limit:
                limit += dt.timedelta(days=m.days)
                notes.append(f"panel exceptions tolled {m.start.isoformat()} to {m.end.isoformat()} ({rule.cite})")
                cites.append(rule)
    else:
        notes.append(f"panel exception limit not modelled: {panel.cite}")
    panel_until = limit if panel.value is not None else None
    uncertain = uncertain or any(r.uncertain for r in cites)
    return AfterDeadline(
        determination=determination,
        rules_name=rs.name,
        hearing_request_by=request_by,
        stays_suspension=stays,
        stay_reason=reason,
        panel_exception_until=panel_until,
        cites=tuple(f"{r.describe()} [{public_source(r.source)}]" for r in cites),
        uncertain=uncertain,
        notes=tuple(notes),
    )
