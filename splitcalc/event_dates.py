"""The order of a case's dates: one check for the library and for scenario files.

A deficiency notice cannot be used before it is received, a split cannot be
announced after it took effect, nor approved after it took effect, a
deadline cannot come before the notice that set it running, and a prior split
cannot lie after the date the case is judged on. :func:`check_event_order`
refuses such facts with an :class:`~splitcalc.errors.InputError` naming the
parameter (``notice_date``) or the scenario key (``compliance.notice_date``)
that is out of order; :func:`splitcalc.check_compliance` and
:class:`splitcalc.analysis.scenario_file.Scenario` (so the report) both call it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Final

from .errors import InputError

__all__ = ["SCENARIO_KEYS", "check_event_order"]

#: Where each date lives in a scenario file.
SCENARIO_KEYS: Final[Mapping[str, str]] = {
    "as_of": "scenario.as_of",
    "notice_date": "compliance.notice_date",
    "deadline": "compliance.deadline",
    "announced": "split.announced",
    "approved": "split.approved",
    "effective": "split.effective",
    "prior_splits": "compliance.prior_splits",
}


def check_event_order(
    *,
    as_of: dt.date | None = None,
    notice_date: dt.date | None = None,
    deadline: dt.date | None = None,
    announced: dt.date | None = None,
    approved: dt.date | None = None,
    effective: dt.date | None = None,
    prior_splits: Sequence[tuple[dt.date, Any]] = (),
    keys: Mapping[str, str] | None = None,
    as_of_text: str | None = None,
    notice_hint: str = "",
) -> None:
    """Refuse dates of one case that are out of order.

    Parameters
    ----------
    as_of
        The date the case is judged on; ``notice_date`` and every prior
        split must not be after it.
    notice_date, deadline
        The exchange's deficiency notice and the compliance deadline it set
        (the deadline is not before the notice).
    announced, approved, effective
        The split's announcement, approval and market effective dates
        (neither announced nor approved after it took effect).
    prior_splits
        Earlier ``(date, ratio)`` splits.
    keys
        Name shown for each argument (default: the argument's name;
        :data:`SCENARIO_KEYS` for scenario files).
    as_of_text
        How to call ``as_of`` in a message (default "the as-of date D").
    notice_hint
        Added to the message about a notice after ``as_of``.

    Raises
    ------
    InputError
        Naming the later of the two dates that are out of order.

    Examples
    --------
    >>> check_event_order(as_of=dt.date(2025, 10, 1), notice_date=dt.date(2025, 11, 3))
    Traceback (most recent call last):
    ...
    splitcalc.errors.InputError: notice_date: is after the as-of date 2025-10-01: ... (got '2025-11-03')
    """
    names = {k: k for k in SCENARIO_KEYS} | dict(keys or {})
    judged = as_of_text or (f"the as-of date {as_of.isoformat()}" if as_of else "")
    if as_of_text is None and as_of is not None and names["as_of"] != "as_of":
        judged += f" ({names['as_of']})"
    if as_of is not None and notice_date is not None and notice_date > as_of:
        raise InputError(
            names["notice_date"],
            notice_date.isoformat(),
            f"is after {judged}: the status cannot use a notice not yet received{notice_hint}",
        )
    if notice_date is not None and deadline is not None and deadline < notice_date:
        raise InputError(
            names["deadline"],
            deadline.isoformat(),
            f"is before the deficiency notice {notice_date.isoformat()} ({names['notice_date']}) that starts it",
        )
    if effective is not None and approved is not None and effective < approved:
        reason = f"is before the approval date {approved.isoformat()}"
        raise InputError(names["effective"], effective.isoformat(), reason)
    if effective is not None and announced is not None and announced > effective:
        raise InputError(
            names["announced"],
            announced.isoformat(),
            f"is after the effective date {effective.isoformat()} ({names['effective']}): "
            "a split is announced before it takes effect",
        )
    if as_of is not None:
        for i, (when, _ratio) in enumerate(prior_splits):
            if when > as_of:
                raise InputError(
                    f"{names['prior_splits']}[{i}].date",
                    when.isoformat(),
                    f"is after {judged}: a split that has not happened yet is not a prior split",
                )
