"""Dates counted in sessions or days from an event: the cure, the notices, the NYSE intent to cure.

The one place these dates are computed (the walk, ``check_planned_split``
and the report's deadlines call these functions; nothing else counts them):

* :func:`earliest_cure` -- the last session of the shortest regain run after
  a reverse split (Nasdaq Rule 5810(c)(3)(A): the closing bid at or above
  $1.00 for at least 10 consecutive business days; NYSE 802.01C: the
  30-trading-day average and the close, or a split followed by the price
  above $1.00 for the number of days in the rules);
* :func:`notification_deadline` -- the last day to notify the exchange of a
  split or disclose it (Nasdaq Rule 5250(e)(7), Company Event Notification
  Form 5 business days before the market effective date from Nov 1, 2023
  (FR Doc 2023-24522), 10 calendar days from Jan 30, 2025; Rule 5250(b)(4),
  public disclosure 2 business days before); the lead time is the rule row's;
* :func:`intent_to_cure_due` -- the NYSE's 10 business days after the
  notice for the company to say it intends to cure (Listed Company Manual
  802.01C).

A rule value of ``None`` means the step does not apply: these functions
return ``None`` and never fill in a default.
"""

from __future__ import annotations

import datetime as dt

from ...calendars import DEFAULT_CALENDAR, date_to_session, session_offset

__all__ = ["earliest_cure", "intent_to_cure_due", "notification_deadline"]


def earliest_cure(effective: dt.date, regain_days: int | None, calendar: str = DEFAULT_CALENDAR) -> dt.date | None:
    """The earliest day a reverse split effective on ``effective`` can regain compliance.

    Parameters
    ----------
    effective
        The split's market effective date; a non-session moves to the next
        session (the first post-split trading day).
    regain_days
        Consecutive sessions at or above the minimum that regain compliance
        (``RuleSet.regain_days``: 10 business days, Nasdaq Rule
        5810(c)(3)(A)); ``None`` or ``0``: no regain run in the rules, the
        cure test does not apply.
    calendar
        The exchange calendar of the rule set (``RuleSet.calendar``).

    Returns
    -------
    datetime.date or None
        The ``regain_days``-th session counted from the first post-split
        session (that session is day 1), or ``None`` when not applicable.
    """
    if not regain_days:
        return None
    first = date_to_session(effective, "next", calendar)
    return session_offset(first, int(regain_days) - 1, calendar)


def notification_deadline(
    effective: dt.date, lead: tuple[int, str] | None, calendar: str = DEFAULT_CALENDAR
) -> dt.date | None:
    """The last day to notify the exchange of a split effective on ``effective``.

    Parameters
    ----------
    effective
        The split's market effective date.
    lead
        ``(days, kind)`` of the rule row (``RuleSet.split_notice`` /
        ``split_disclosure``): ``kind`` ``"calendar"`` counts calendar days
        (Nasdaq Rule 5250(e)(7) from Jan 30, 2025: 10 calendar days before
        the market effective date), anything else counts sessions (Rule
        5250(b)(4): 2 business days before). ``None``: no such step in the
        rules (NYSE, NYSE American: not in the sources read).
    calendar
        The exchange calendar of the rule set.

    Returns
    -------
    datetime.date or None
        ``effective`` minus the lead, or ``None`` when not applicable.
    """
    if lead is None:
        return None
    days, kind = lead
    if kind == "calendar":
        return effective - dt.timedelta(days=int(days))
    return session_offset(effective, -int(days), calendar)


def intent_to_cure_due(notice: dt.date, days: int | None, calendar: str = DEFAULT_CALENDAR) -> dt.date | None:
    """The last day to tell the NYSE the company intends to cure (802.01C).

    Parameters
    ----------
    notice
        The date of the NYSE's deficiency notice.
    days
        Business days to respond (``RuleSet.cure_response_days``: 10,
        NYSE Listed Company Manual 802.01C); ``None`` or ``0``: no such step.
    calendar
        The exchange calendar of the rule set.

    Returns
    -------
    datetime.date or None
        The ``days``-th session after the notice: day 1 is the first session
        after it, also when the notice is dated on a weekend or holiday.
    """
    if not days:
        return None
    return session_offset(date_to_session(notice, "previous", calendar), int(days), calendar)
