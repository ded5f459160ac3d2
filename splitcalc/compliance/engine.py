"""The compliance engine: a listing case walked through daily as-traded closes.

:func:`check_compliance` applies a rule set's price test to a series of
closes and returns a :class:`ComplianceTimeline` of dated, cited events. The
semantics are those of a day-by-day walk; the implementation finds each step
with the rule kernel's vectorised streaks (:mod:`.kernel.streaks`, one numpy
pass per deficiency case, not a Python loop over days). The walks live in
:mod:`._nasdaq` and :mod:`._nyse`, the steps they share in :mod:`._case`.

Nasdaq (``price_test == "consecutive_closing_bid"``; Rule 5810(c)(3)(A) and its predecessors):

1. a deficiency arises on the 30th consecutive business day with a close
   below $1.00 (5810(c)(3)(A)); days inside a moratorium do not count. A
   case open when one begins is dropped (``"drop"``: Sep 27, 2001 to Jan 2,
   2002, Nasdaq press release of Sep 27, 2001) or paused (``"pause"``: Oct 16, 2008 to Aug 3, 2009:
   its deadlines move out by the moratorium's length, i.e. the days left on
   its first day resume on its end date; a regain streak inside it still
   counts) -- the ``moratorium`` rows of :mod:`splitcalc.rules.nasdaq`;
2. the notice follows: estimated as the next session, or the ``notice_date``
   given, which belongs to the case whose deficiency is open on that date
   (on or before it, not cured or dropped before it); a notice the closes
   rule out (after the evaluation date, before any deficiency, after a
   cure) is an :class:`~splitcalc.errors.InputError`;
3. no compliance period, but an immediate Delisting Determination, if the
   company effected reverse splits with a cumulative ratio of 250 or more in
   the prior two years (from Sep 1, 2020) or any reverse split in the prior
   year (from Jan 17, 2025) -- 5810(c)(3)(A)(iv);
4. the compliance period runs ``compliance_period_days`` calendar days from
   the notice (90 for the 2002 National Market, 180 later), then the second
   180-day period where the tier offers one (assumed granted unless
   ``second_period=False``; it is not automatic). A deadline is the notice
   date plus the calendar days moved to the next session when that day is a
   weekend or holiday, as Nasdaq's letters state it (the rule kernel,
   :func:`splitcalc.compliance.kernel.deadlines`);
5. compliance is regained on the 10th consecutive business day at or above
   $1.00 after the deficiency (staff may ask for up to 20); a reverse split
   that breaks another numeric standard blocks the cure from its date (Oct 7,
   2024 amendment). Failed attempts (runs of 2 or more business days at or
   above) get ``regain_streak_started`` / ``regain_streak_broken`` events;
6. from Sep 1, 2020 (companies first notified on or after it), 10
   consecutive trading days at or below $0.10 inside a period end it with a
   Delisting Determination (5810(c)(3)(A)(iii));
7. a period that ends uncured leads to a Delisting Determination (dated the
   next session, estimated).

NYSE (``"average_30_trading_days"``, Listed Company Manual 802.01C): deficiency when
the 30-trading-day average close is below $1.00; six months from the notice
to cure, tested on the last trading day of each calendar month (close and
average both >= $1.00) and on the period's last trading day; a cure by a
reverse split needs the price above $1.00 for the 30 trading days that
follow. NYSE American (``"discretionary"``, 1003(f)(v)): no numeric test;
only the reverse-split limits of the 2025 amendment produce events.

Each cycle uses the rule set passed; pass the rule set in force on the notice
date (``rules.get(name, as_of=notice)``), or pass the *name* and each case is
judged by the rules in force on its deficiency date -- under the tier's former
or later name for dates outside its existence under this one (SmallCap /
Capital Market, National / Global Market), with a caveat; a name none of the
series' dates falls under raises :class:`~splitcalc.errors.NoRuleInForce`
(:mod:`._rules_by_date`). Rules that apply only from a date (the $0.10 rule,
the split bars, the 2024 other-standard rule) are applied to events on or
after their ``effective`` date. The $0.10 rule goes by the case's notice date
(given or estimated), not its deficiency date: it applies to companies first
notified on/after Sep 1, 2020 (5810(c)(3)(A)(iii), SR-NASDAQ-2020-001, 85 FR 23393;
:meth:`~splitcalc.rules.RuleSet.for_notice`), whichever rule set is passed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from ..calendars import to_date
from ..errors import InputError, RuleUncertainWarning
from ..event_dates import check_event_order
from ..rules import RuleSet
from ._case import Builder, Case, UnmatchedNotice, money, split_events
from ._closes import parse_as_of, prepare_closes
from ._nasdaq import moratoria, walk_nasdaq
from ._nyse import add_months, walk_discretionary, walk_nyse
from ._rules_by_date import RulesByDate
from ._splits import normalise_splits
from ._timeline import ComplianceTimeline
from .kernel import run_at_end

if TYPE_CHECKING:
    import pandas as pd

    from .._types import DateLike, HoldersLike, SplitsLike
    from ..structure import CapitalStructure

__all__ = ["add_months", "check_compliance"]

RulesArg = RuleSet | str
Walk = Callable[[Case], tuple[str, "dt.date | None"]]

#: The walk for each ``price_test`` (anything else: no numeric test, NYSE American 1003(f)(v)).
_WALKS: Final[dict[str, Walk]] = {
    "consecutive_closing_bid": walk_nasdaq,
    "average_30_trading_days": walk_nyse,
}


# ----------------------------------------------------------------------- public
def check_compliance(
    closes: pd.Series | pd.DataFrame,
    rules: RulesArg,
    *,
    splits: SplitsLike = (),
    as_of: DateLike | None = None,
    notice_date: DateLike | None = None,
    structure: CapitalStructure | None = None,
    holders: HoldersLike | None = None,
    second_period: bool = True,
) -> ComplianceTimeline:
    """Walk daily closes through an exchange's minimum-price rules.

    Parameters
    ----------
    closes
        Closing prices **as traded** (not split-adjusted), a Series indexed by
        date, or a price frame with a ``close`` column (its
        ``attrs["splits"]`` are used when ``splits`` is empty). Put on the
        rule set's session calendar (gaps take the previous close; caveats
        say so).
    rules
        A :class:`~splitcalc.rules.RuleSet` (from :func:`splitcalc.rules.get`)
        or a rule-set name (each case then uses the rules in force on its
        deficiency date, the $0.10 rule on its notice date; dates outside
        the tier's existence under that name use its former or later name,
        with a caveat).
    splits
        ``(effective date, ratio)`` pairs (or ``{date: ratio}``).
    as_of
        Evaluate the status on this date (default: the last close); later
        closes are ignored.
    notice_date
        Date of the exchange's deficiency notice, if known: it belongs to the
        case whose deficiency is open on that date (on or before it, not yet
        cured or dropped); other cases get an estimated notice, the next
        session after their deficiency. If the closes begin too late to show
        the deficiency (after the notice, or inside the below-minimum run),
        it is dated the day before the notice, marked estimated.
    structure
        :class:`~splitcalc.CapitalStructure` before the first split in
        ``splits`` (later splits apply in turn), for the other numeric
        standards a split may break (Nasdaq Oct 7, 2024 rule; NYSE 802.01A).
    holders
        Post-split holder counts: a mapping with ``total_holders``,
        ``public_holders``, ``round_lot_holders``, ``publicly_held_shares``,
        a HoldingsResult-like object (``.totals``), or a Holdings-like object
        (``.apply(ratio)`` is called with each split's cumulative ratio).
    second_period
        Whether the company would get the second 180-day period where the
        tier offers one (Capital Market: conditional, not automatic).

    Returns
    -------
    ComplianceTimeline
        Events, status, deadline and days remaining, caveats, and the
        UNCERTAIN rules relied on.

    Warns
    -----
    RuleUncertainWarning
        The result relies on a rule row marked UNCERTAIN.

    Raises
    ------
    InvalidPrices
        Unusable closes (see :func:`~splitcalc.compliance._closes.prepare_closes`).
    InputError
        ``notice_date`` after ``as_of`` (or the last close), or on a date the
        closes show no open deficiency (the message lists the deficiency dates).
    UnknownExchange, NoRuleInForce
        Unknown rule-set name, or no date from the first close to ``as_of``
        lies in the named tier's existence (e.g. ``"nasdaq-national-market"``
        on 2025 closes; use ``"nasdaq-global"``).

    Examples
    --------
    >>> import pandas as pd
    >>> from splitcalc import rules
    >>> days = pd.bdate_range("2012-01-03", periods=40, freq="C", holidays=["2012-01-16", "2012-02-20"])
    >>> closes = pd.Series([0.80] * 40, index=days)
    >>> tl = check_compliance(closes, rules.get("nasdaq-capital", as_of="2012-02-15"))
    >>> tl.status, tl.first("deficiency").date
    ('deficient', datetime.date(2012, 2, 14))
    """
    book = RulesByDate.of(rules)
    as_of_day = parse_as_of(as_of)
    prepared = prepare_closes(closes, calendar=book.calendar, as_of=as_of_day)
    eval_day = as_of_day or prepared.date(-1)
    book.check_span(prepared.date(0), eval_day)
    b = Builder()
    for text in prepared.caveats:
        b.caveat(text)
    events = normalise_splits(splits)
    if not events and prepared.attrs.get("splits"):
        events = normalise_splits(prepared.attrs["splits"], "closes.attrs['splits']")
        b.caveat("splits taken from the price data's attrs['splits']")
    if eval_day > prepared.date(-1):
        b.caveat(f"no closes after {prepared.date(-1).isoformat()}; the status on {eval_day.isoformat()} assumes none")
    given = _given_notice(notice_date, eval_day, as_of_day is not None)

    case = Case(prepared, book, events, eval_day, given, structure, holders, second_period, b)
    rs_now = book(eval_day)
    split_events(case)
    test = rs_now.price_test.value
    walk = _WALKS.get(str(test), walk_discretionary)
    try:
        status, deadline = walk(case)
    except UnmatchedNotice:
        raise InputError("notice_date", str(given), _unmatched_reason(case, walk, rs_now)) from None
    b.caveats[:0] = book.caveats()  # a tier followed under another name comes first
    mb = float(rs_now.min_bid.value) if rs_now.min_bid.value is not None else 1.0
    below_mask = prepared.values < mb
    if test == "consecutive_closing_bid":  # days in a moratorium do not count toward a deficiency
        for _, m in moratoria(rs_now):
            if m.kind == "toll":
                continue
            below_mask &= (prepared.dates < np.datetime64(m.start, "D")) | (prepared.dates >= np.datetime64(m.end, "D"))
    below = run_at_end(below_mask)
    above = run_at_end(prepared.values >= mb)
    uncertain = b.uncertain()
    if uncertain:
        warnings.warn(
            RuleUncertainWarning(
                f"{rs_now.exchange} {rs_now.tier}: this result relies on rules or readings marked UNCERTAIN: "
                + "; ".join(uncertain)
            ),
            stacklevel=2,
        )
    ordered = sorted(enumerate(b.events), key=lambda pair: (pair[1].date, pair[0]))
    return ComplianceTimeline(
        rules_name=rs_now.name,
        exchange=rs_now.exchange,
        tier=rs_now.tier,
        as_of=eval_day,
        first_date=prepared.date(0),
        last_date=prepared.date(-1),
        status=status,
        deadline=deadline,
        days_remaining=None if deadline is None else (deadline - eval_day).days,
        events=tuple(e for _, e in ordered),
        below_streak=below,
        above_streak=above,
        last_close=float(prepared.values[-1]),
        caveats=tuple(b.caveats),
        uncertain=uncertain,
    )


def _given_notice(value: Any, eval_day: dt.date, as_of_given: bool) -> dt.date | None:
    """The ``notice_date`` argument as a date, refused if it is after the evaluation date."""
    if value is None:
        return None
    day = to_date(value, "notice_date")
    where = f"the as-of date {eval_day.isoformat()}" if as_of_given else f"the last close ({eval_day.isoformat()})"
    check_event_order(as_of=eval_day, notice_date=day, as_of_text=where, notice_hint=" (pass as_of= to look later)")
    return day


def _unmatched_reason(case: Case, walk: Walk, rs: RuleSet) -> str:
    """Why the given notice fits no case: the deficiency dates the closes show without it."""
    probe = dataclasses.replace(case, notice_given=None, b=Builder())
    walk(probe)
    dates = [e.date.isoformat() for e in probe.b.events if e.kind == "deficiency"]
    given = case.notice_given.isoformat() if case.notice_given else "?"
    if rs.price_test.value == "average_30_trading_days":
        test = f"{rs.deficiency_days.value}-trading-day average close below {money(float(rs.min_bid.value or 1))}"
    else:
        test = f"{rs.deficiency_days.value} consecutive business days below {money(float(rs.min_bid.value or 1))}"
    if not dates:
        return f"no deficiency is open on {given}: the closes to {case.eval_day.isoformat()} show none ({test})"
    return (
        f"no deficiency is open on {given}: the closes show deficiencies ({test}) on {', '.join(dates)}; a notice "
        "belongs to the deficiency on or before it that is not yet cured (or dropped by a moratorium)"
    )
