"""The compliance engine: a listing case walked through daily as-traded closes.

:func:`check_compliance` applies a rule set's price test to a series of
closes and returns a :class:`ComplianceTimeline` of dated, cited events. The
semantics are those of a day-by-day walk; the implementation finds each step
with the vectorised run-length helpers of :mod:`splitcalc.runs` (one numpy
pass per deficiency case, not a Python loop over days).

Nasdaq (``price_test == "consecutive_closing_bid"``; rules.md §1, §4):

1. a deficiency arises on the 30th consecutive business day with a close
   below $1.00 (5810(c)(3)(A)); days inside a moratorium do not count. A
   case open when one begins is dropped (``"drop"``: Sep 27, 2001 to Jan 2,
   2002, rules.md §4) or paused (``"pause"``: Oct 16, 2008 to Aug 3, 2009:
   its deadlines move out by the moratorium's length, i.e. the days left on
   its first day resume on its end date; a regain streak inside it still
   counts) -- the ``moratorium`` rows of :mod:`splitcalc.rules.nasdaq`;
2. the notice follows (given, or estimated as the next session);
3. no compliance period, but an immediate Delisting Determination, if the
   company effected reverse splits with a cumulative ratio of 250 or more in
   the prior two years (from Sep 1, 2020) or any reverse split in the prior
   year (from Jan 17, 2025) -- 5810(c)(3)(A)(iv);
4. the compliance period runs ``compliance_period_days`` calendar days from
   the notice (90 for the 2002 National Market, 180 later), then the second
   180-day period where the tier offers one (assumed granted unless
   ``second_period=False``; it is not automatic);
5. compliance is regained on the 10th consecutive business day at or above
   $1.00 after the deficiency (staff may ask for up to 20); a reverse split
   that breaks another numeric standard blocks the cure from its date (Oct 7,
   2024 amendment);
6. from Sep 1, 2020 (companies first notified on or after it), 10
   consecutive trading days at or below $0.10 inside a period end it with a
   Delisting Determination (5810(c)(3)(A)(iii));
7. a period that ends uncured leads to a Delisting Determination (dated the
   next session, estimated).

NYSE (``"average_30_trading_days"``, 802.01C, rules.md §5): deficiency when
the 30-trading-day average close is below $1.00; six months from the notice
to cure, tested on the last trading day of each calendar month (close and
average both >= $1.00) and on the period's last trading day; a cure by a
reverse split needs the price above $1.00 for the 30 trading days that
follow. NYSE American (``"discretionary"``, 1003(f)(v)): no numeric test;
only the reverse-split limits of the 2025 amendment produce events.

Each cycle uses the rule set passed; pass the rule set in force on the notice
date (``rules.get(name, as_of=notice)``), or pass the *name* and each case is
judged by the rules in force on its deficiency date. Rules that apply only
from a date (the $0.10 rule, the split bars, the 2024 other-standard rule) are
applied to events on or after their ``effective`` date.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from .. import rules as _rules
from ..calendars import date_to_session, next_session, session_days, session_offset, to_date
from ..errors import InputError, NoRuleInForce, RuleUncertainWarning
from ..ratio import SplitRatio
from ..rules import Moratorium, Rule, RuleSet
from ..runs import first_run_end, last_run_start, run_lengths
from ._closes import Closes, parse_as_of, prepare_closes
from ._splits import (
    SplitEvent,
    cumulative_magnitude,
    normalise_splits,
    other_standard_breaches,
    reverse_in_window,
    years_before,
)
from ._timeline import ComplianceEvent, ComplianceTimeline

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["add_months", "check_compliance"]

RulesArg = RuleSet | str


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the month's last day.

    >>> add_months(dt.date(2024, 8, 31), 6)
    datetime.date(2025, 2, 28)
    """
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def _money(value: float) -> str:
    """``$0.80``, ``$0.0725``, ``$1,234.50``: cents, or up to 4 decimals below $1."""
    text = f"{value:,.4f}"
    while text.endswith("0") and len(text.split(".")[1]) > 2:
        text = text[:-1]
    return "$" + text


@dataclass
class _Builder:
    """Collects events, caveats and the rules a result relied on."""

    events: list[ComplianceEvent] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)
    used: dict[str, Rule[Any]] = field(default_factory=dict)

    def event(
        self,
        day: dt.date,
        kind: str,
        description: str,
        cite: Rule[Any] | str,
        *,
        day_count: int | None = None,
        estimated: bool = False,
    ) -> None:
        text = cite.describe() if isinstance(cite, Rule) else cite
        self.events.append(ComplianceEvent(day, kind, description, text, day_count, estimated))

    def use(self, rs: RuleSet, *names: str) -> None:
        for name in names:
            rule = getattr(rs, name)
            self.used[f"{name}@{rs.name}:{rule.effective}"] = rule

    def caveat(self, text: str) -> None:
        if text not in self.caveats:
            self.caveats.append(text)

    def uncertain(self) -> tuple[str, ...]:
        out: list[str] = []
        for key, rule in self.used.items():
            if rule.uncertain:
                line = f"{key.split('@', 1)[0]}: {rule.cite}"
                if line not in out:
                    out.append(line)
        return tuple(out)


@dataclass
class _Case:
    """Inputs shared by the per-exchange walks."""

    closes: Closes
    rules_for: Callable[[dt.date], RuleSet]
    splits: tuple[SplitEvent, ...]
    eval_day: dt.date
    notice_given: dt.date | None
    structure: Any
    holders: Any
    second_period: bool
    b: _Builder

    @property
    def px(self) -> npt.NDArray[np.float64]:
        return self.closes.values

    def date(self, i: int) -> dt.date:
        return self.closes.date(i)


# ----------------------------------------------------------------------- public
def check_compliance(
    closes: pd.Series | pd.DataFrame,
    rules: RulesArg,
    *,
    splits: Iterable[Any] | Mapping[Any, Any] = (),
    as_of: Any = None,
    notice_date: Any = None,
    structure: Any = None,
    holders: Any = None,
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
        deficiency date).
    splits
        ``(effective date, ratio)`` pairs (or ``{date: ratio}``).
    as_of
        Evaluate the status on this date (default: the last close); later
        closes are ignored.
    notice_date
        Date of the exchange's deficiency notice, if known (otherwise the
        next session after the deficiency, marked estimated).
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
        The result relies on a rule ``rules.md`` marks UNCERTAIN.

    Raises
    ------
    InvalidPrices
        Unusable closes (see :func:`~splitcalc.compliance._closes.prepare_closes`).
    UnknownExchange, NoRuleInForce
        Unknown rule-set name, or its tier did not exist on a case's date.

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
    if isinstance(rules, RuleSet):
        fixed: RuleSet | None = rules
        calendar = rules.calendar
        name = rules.name
    elif isinstance(rules, str):
        fixed = None
        name = _rules.canonical(rules)
        calendar = _rules.tier(name).calendar
    else:
        raise InputError("rules", type(rules).__name__, "must be a RuleSet or a rule-set name")

    as_of_day = parse_as_of(as_of)
    prepared = prepare_closes(closes, calendar=calendar, as_of=as_of_day)
    b = _Builder()
    for text in prepared.caveats:
        b.caveat(text)
    events = normalise_splits(splits)
    if not events and prepared.attrs.get("splits"):
        events = normalise_splits(prepared.attrs["splits"], "closes.attrs['splits']")
        b.caveat("splits taken from the price data's attrs['splits']")
    eval_day = as_of_day or prepared.date(-1)
    if eval_day > prepared.date(-1):
        b.caveat(f"no closes after {prepared.date(-1).isoformat()}; the status on {eval_day.isoformat()} assumes none")
    given = None if notice_date is None else to_date(notice_date, "notice_date")

    def rules_for(day: dt.date) -> RuleSet:
        if fixed is not None:
            return fixed
        try:
            return _rules.get(name, as_of=day)
        except NoRuleInForce:
            # the tier had another name then (SmallCap / National Market): judge by that tier's rules
            tier = _rules.tier(name)
            other = tier.predecessor if tier.introduced is not None and day < tier.introduced else tier.successor
            if other is None:
                raise
            b.caveat(f"cases dated {day.isoformat()} judged under {other!r}, the tier's name then")
            return _rules.get(other, as_of=day)

    case = _Case(prepared, rules_for, events, eval_day, given, structure, holders, second_period, b)
    rs_now = rules_for(eval_day)
    _split_events(case)
    test = rs_now.price_test.value
    if test == "consecutive_closing_bid":
        status, deadline = _walk_nasdaq(case)
    elif test == "average_30_trading_days":
        status, deadline = _walk_nyse(case)
    else:
        status, deadline = _walk_discretionary(case)

    mb = float(rs_now.min_bid.value) if rs_now.min_bid.value is not None else 1.0
    below_mask = prepared.values < mb
    if test == "consecutive_closing_bid":  # days in a moratorium do not count toward a deficiency
        for _, m in _moratoria(rs_now):
            below_mask &= (prepared.dates < np.datetime64(m.start, "D")) | (prepared.dates >= np.datetime64(m.end, "D"))
    below = int(_run_at_end(below_mask))
    above = int(_run_at_end(prepared.values >= mb))
    uncertain = b.uncertain()
    if uncertain:
        warnings.warn(
            RuleUncertainWarning(
                f"{rs_now.exchange} {rs_now.tier}: this result relies on rules marked UNCERTAIN in rules.md: "
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


# ---------------------------------------------------------------- shared steps
def _run_at_end(mask: npt.NDArray[np.bool_]) -> int:
    start = int(last_run_start(mask))
    return 0 if start < 0 else len(mask) - start


def _split_events(case: _Case) -> None:
    """``split_effective`` events, and a caveat when closes do not jump at a reverse split."""
    c = case.closes
    for day, ratio in case.splits:
        if day > case.eval_day:
            continue
        k = c.index_on_or_after(day)
        text = f"{ratio} split effective"
        if 0 < k < len(c.values) and c.date(0) < day:
            before, after = float(c.values[k - 1]), float(c.values[k])
            text += f"; close {_money(before)} before, {_money(after)} on {c.date(k).isoformat()}"
            expected = float(ratio.price_multiplier)
            jump = after / before
            if ratio.is_reverse and jump < expected**0.5:
                case.b.caveat(
                    f"closes rise only x{jump:.2f} across the {ratio} split on {day.isoformat()} (about x{expected:g} "
                    "expected): if they are split-adjusted, the result is wrong -- use as-traded prices"
                )
        case.b.event(day, "split_effective", text, "rules.md §6 (price-history adjustment)")


def _bars(case: _Case, rs: RuleSet, day: dt.date) -> list[tuple[str, Rule[Any]]]:
    """Reverse-split bars that deny a compliance period for a failure on ``day``."""
    out: list[tuple[str, Rule[Any]]] = []
    one_year = rs.reverse_split_one_year_bar
    if one_year.value and one_year.applies_on(day):
        case.b.use(rs, "reverse_split_one_year_bar")
        recent = reverse_in_window(case.splits, years_before(day, 1), day)
        if recent:
            listed = ", ".join(f"{r} on {d.isoformat()}" for d, r in recent)
            out.append((f"reverse split in the prior year ({listed})", one_year))
    limit, lookback = rs.reverse_split_cumulative_limit, rs.reverse_split_lookback_days
    if limit.value is not None and lookback.value is not None and limit.applies_on(day):
        case.b.use(rs, "reverse_split_cumulative_limit", "reverse_split_lookback_days")
        window = reverse_in_window(case.splits, day - dt.timedelta(days=lookback.value), day)
        total = cumulative_magnitude(window)
        if total >= limit.value:
            listed = " then ".join(str(r) for _, r in window)
            out.append(
                (
                    f"cumulative reverse-split ratio {total}:1 over the prior {lookback.value} days ({listed}) "
                    f">= {limit.value}:1",
                    limit,
                )
            )
    return out


def _per_split_inputs(case: _Case) -> list[tuple[Any, Any]]:
    """(structure before, holder data after) for each split in ``case.splits``.

    The structure is ``case.structure`` with the earlier splits applied; a
    Holdings-like ``holders`` (with ``apply``) is applied with the cumulative
    ratio up to and including the split.
    """
    out: list[tuple[Any, Any]] = []
    cur = case.structure
    running = SplitRatio(1, 1)
    for _, ratio in case.splits:
        running = running.compose(ratio)
        holders = case.holders
        apply = getattr(holders, "apply", None)
        if holders is not None and not isinstance(holders, Mapping) and getattr(holders, "totals", None) is None:
            holders = apply(running) if callable(apply) else holders
        out.append((cur, holders))
        if cur is not None:
            cur = cur.apply(ratio).after
    return out


def _breaking_splits(case: _Case, rs: RuleSet, after: dt.date, until: dt.date) -> list[tuple[dt.date, str, Rule[Any]]]:
    """Reverse splits in ``(after, until]`` that break another numeric standard."""
    rule = rs.split_breaks_other_standard
    out: list[tuple[dt.date, str, Rule[Any]]] = []
    per_split = _per_split_inputs(case)
    for i, (day, ratio) in enumerate(case.splits):
        if not (after < day <= min(until, case.eval_day)) or not ratio.is_reverse:
            continue
        if not (rule.value and rule.applies_on(day)):
            continue
        case.b.use(rs, "split_breaks_other_standard")
        structure, holders = per_split[i]
        k = case.closes.index_on_or_after(day)
        price = Decimal(repr(float(case.px[k]))) if k < len(case.px) else None
        if structure is None and holders is None:
            case.b.caveat(
                f"the {ratio} split on {day.isoformat()} was not checked against the other numeric standards "
                f"({rule.cite}); pass structure= and holders="
            )
            continue
        breaches, unchecked = other_standard_breaches(
            ratio, rs, structure=structure, holders=holders, price_after=price
        )
        if unchecked:
            case.b.caveat(f"not checked after the {ratio} split (no data): {', '.join(unchecked)}")
        if breaches:
            for name in ("min_publicly_held_shares", "min_public_holders", "min_total_holders", "min_mvphs"):
                case.b.use(rs, name)
            out.append((day, "; ".join(str(x) for x in breaches), rule))
    return out


def _broken_streaks(
    case: _Case, mask: npt.NDArray[np.bool_], span: tuple[int, int], need: int, rule: Rule[Any]
) -> None:
    """``regain_streak_broken`` events for runs of at least half the needed days that fell short."""
    lo, stop = span
    if stop <= lo:
        return
    runs = run_lengths(mask[lo:stop])
    ends = np.flatnonzero((runs[:-1] > 0) & (runs[1:] == 0)) if len(runs) > 1 else np.array([], dtype=np.int64)
    for e in ends:
        k = int(runs[e])
        if need // 2 <= k < need:
            start = lo + int(e) - k + 1
            case.b.event(
                case.date(lo + int(e) + 1),
                "regain_streak_broken",
                f"{k} consecutive business days at or above the minimum from {case.date(start).isoformat()} "
                f"ended short of the {need} needed",
                rule,
                day_count=k,
            )


# -------------------------------------------------------------------- Nasdaq
def _walk_nasdaq(case: _Case) -> tuple[str, dt.date | None]:
    c, b, px = case.closes, case.b, case.px
    n = len(px)
    rs_now = case.rules_for(case.eval_day)
    mb = float(rs_now.min_bid.value)  # type: ignore[arg-type]
    mor = np.zeros(n, dtype=bool)
    windows = _moratoria(rs_now)
    for rule, m in windows:
        m0, m1 = np.datetime64(m.start, "D"), np.datetime64(m.end, "D")
        if m0 <= c.dates[-1] and c.dates[0] < m1:
            mor |= (c.dates >= m0) & (c.dates < m1)
            b.used[f"moratorium@{rs_now.name}:{rule.effective}"] = rule
            text = f"bid-price test suspended until {m.end.isoformat()}: no new deficiencies accrue, {m.effect()}"
            if m.kind == "pause":
                text += f" (the days left resume on {m.end.isoformat()}); regaining compliance still counts"
            b.event(m.start, "moratorium", text, rule)
    counting = (px < mb) & ~mor
    above = px >= mb

    pos, first = 0, True
    cured = False
    while pos < n:
        need = int(rs_now.deficiency_days.value)  # type: ignore[arg-type]
        rel = int(first_run_end(counting[pos:], need))
        t = pos + rel if rel >= 0 else -1
        anchored = False
        notice: dt.date | None = None
        if first and case.notice_given is not None:
            notice = case.notice_given
            if t < 0 or c.date(t) > notice:
                anchored = True
                t = c.index_on_or_before(notice - dt.timedelta(days=1))
        if t < 0 and not anchored:
            break
        first = False
        day = c.date(t) if t >= 0 else (notice or case.eval_day) - dt.timedelta(days=1)
        rs = case.rules_for(day)
        need = int(rs.deficiency_days.value)  # type: ignore[arg-type]
        b.use(rs, "min_bid", "deficiency_days")
        if anchored:
            b.event(
                day,
                "deficiency",
                f"deficiency per the notice given; the closes do not show {need} consecutive business days below "
                f"{_money(mb)} before it",
                rs.deficiency_days,
                estimated=True,
            )
        else:
            b.event(
                c.date(t - need + 1),
                "below_bid_streak_started",
                f"first of {need} consecutive business days with a close below {_money(mb)}",
                rs.deficiency_days,
                day_count=need,
            )
            b.event(
                day,
                "deficiency",
                f"{need}th consecutive business day below {_money(mb)} (close {_money(float(px[t]))})",
                rs.deficiency_days,
                day_count=need,
            )
        estimated = notice is None
        if notice is None:
            notice = next_session(day, rs.calendar)
        b.event(
            notice,
            "notice",
            "deficiency notice "
            + ("(estimated: the next session; Nasdaq notifies promptly)" if estimated else "(given)"),
            rs.deficiency_days,
            estimated=estimated,
        )
        bars = _bars(case, rs, day)
        if bars:
            b.event(
                notice,
                "delisting_determination",
                "no compliance period: " + "; ".join(text for text, _ in bars),
                "; ".join(rule.describe() for _, rule in bars),
                estimated=estimated,
            )
            _after_determination(case, notice)
            return "delisting_determination", None

        period = int(rs.compliance_period_days.value)  # type: ignore[arg-type]
        b.use(rs, "compliance_period_days", "regain_days")
        d1 = notice + dt.timedelta(days=period)
        d2: dt.date | None = None
        if case.second_period and rs.second_period_days.value:
            d2 = d1 + dt.timedelta(days=int(rs.second_period_days.value))
        elif rs.second_period_days.value and not case.second_period:
            b.caveat("second compliance period not assumed (second_period=False)")
        final = d2 or d1
        lo = t + 1
        regain_need = int(rs.regain_days.value)  # type: ignore[arg-type]
        out = _settle(case, rs, day, notice, final=final, lo=lo, above=above, mor=mor)

        # a moratorium that begins while the case is open drops it or pauses its clock (rules.md §4 / 2008-09)
        dropped = False
        paused: list[tuple[Rule[Any], Moratorium, dt.date]] = []  # window, deadline running when it began
        shift1 = shift2 = 0  # calendar days the first / second deadline moved out
        for rule, m in windows:
            if not day < m.start <= min(final, case.eval_day):
                continue
            m_idx = c.index_on_or_after(m.start)
            if 0 <= out.regain < m_idx or 0 <= out.low_at < m_idx:
                continue  # settled before the moratorium began
            if m.kind == "drop":
                b.event(m.start, "case_dropped", "pending bid-price case dropped by the moratorium", rule)
                pos = c.index_on_or_after(m.end)
                dropped = True
                cured = False  # the last case was dropped, not cured (as in scan)
                break
            # "pause": the days left on m.start resume on m.end, so the running deadline moves out by m.days
            paused.append((rule, m, d1 if d1 >= m.start else final))
            if d1 >= m.start:
                d1 += dt.timedelta(days=m.days)
                shift1 += m.days
            if d2 is not None:
                d2 += dt.timedelta(days=m.days)
                shift2 += m.days
            final = d2 or d1
            out = _settle(case, rs, day, notice, final=final, lo=lo, above=above, mor=mor)

        b.event(
            d1,
            "compliance_period_deadline",
            f"{period} calendar days from the notice{_paused_text(shift1)}: regain {_money(mb)} for "
            f"{rs.regain_days.value} consecutive business days by then",
            rs.compliance_period_days,
            day_count=period,
        )
        for rule, m, before in paused:
            left = (before - m.start).days
            b.event(
                m.start,
                "compliance_period_paused",
                f"suspension: compliance period paused with {left} calendar day(s) left (deadline was "
                f"{before.isoformat()}); the clock resumes on {m.end.isoformat()} with that balance, new deadline "
                f"{(before + dt.timedelta(days=m.days)).isoformat()}; regaining {_money(mb)} still counts meanwhile",
                rule,
                day_count=left,
            )
        regain, low_at, block, eff, hi = out.regain, out.low_at, out.block, out.eff, out.hi
        low_rule = rs.low_price_threshold
        for split_day, text, rule in out.breaking:
            b.event(
                split_day,
                "split_breaks_other_standard",
                f"the split leaves {text}: bid-price compliance is not regained until that is cured "
                "(no separate compliance period)",
                rule,
            )
        if dropped:
            continue

        _broken_streaks(case, eff, (lo, regain if regain >= 0 else hi), regain_need, rs.regain_days)
        if low_at >= 0 and (regain < 0 or low_at < regain):
            days = int(rs.low_price_days.value)  # type: ignore[arg-type]
            b.event(
                c.date(low_at),
                "low_price_trigger",
                f"{days}th consecutive trading day closing at or below {_money(float(low_rule.value))} "  # type: ignore[arg-type]
                "during the compliance period",
                low_rule,
                day_count=days,
            )
            b.event(c.date(low_at), "delisting_determination", "the $0.10 rule ends the compliance period", low_rule)
            _after_determination(case, c.date(low_at))
            return "delisting_determination", None
        if regain >= 0:
            if d2 is not None and c.date(regain) > d1:
                _second_period_event(case, rs, d2, shift2)
            start = regain - regain_need + 1
            b.event(
                c.date(start),
                "regain_streak_started",
                f"first of {regain_need} consecutive business days at or above {_money(mb)}",
                rs.regain_days,
                day_count=regain_need,
            )
            staff = rs.regain_days_max
            extra = f"; staff may require up to {staff.value} ({staff.describe()})" if staff.value else ""
            b.event(
                c.date(regain),
                "compliance_regained",
                f"{regain_need}th consecutive business day at or above {_money(mb)}{extra}",
                rs.regain_days,
                day_count=regain_need,
            )
            cured = True
            pos = regain + 1
            continue
        # not regained in the data
        blocked = " (cure blocked by the split's other-standard breach)" if block < n else ""
        for _, m, _ in paused:
            if m.start <= case.eval_day < m.end:
                b.caveat(
                    f"the compliance period is paused by the {m.start.isoformat()} to {m.end.isoformat()} "
                    f"suspension: the deadline is the balance left on {m.start.isoformat()}, counted from "
                    f"{m.end.isoformat()}"
                )
        if case.eval_day <= d1:
            return "deficient", d1
        if d2 is not None:
            _second_period_event(case, rs, d2, shift2)
            if case.eval_day <= d2:
                return "deficient", d2
        det = next_session(final, rs.calendar)
        text = f"compliance period ended {final.isoformat()} without regaining {_money(mb)}{blocked}"
        stay = rs.no_stay_after_second_period
        if d2 is not None and stay.value and stay.applies_on(final):
            b.use(rs, "no_stay_after_second_period")
            text += f"; a hearing request does not stay suspension ({stay.describe()})"
        b.event(det, "delisting_determination", text, rs.compliance_period_days, estimated=True)
        _after_determination(case, det)
        return "delisting_determination", None

    streak = _run_at_end(counting)
    if streak:
        start = n - streak
        b.event(
            c.date(start),
            "below_bid_streak_started",
            f"{streak} consecutive business day(s) below {_money(mb)} so far "
            f"({rs_now.deficiency_days.value} make a deficiency)",
            rs_now.deficiency_days,
            day_count=streak,
        )
        return "below_bid_streak", None
    return ("cured" if cured else "compliant"), None


def _moratoria(rs: RuleSet) -> list[tuple[Rule[Any], Moratorium]]:
    """Every bid-price moratorium in the tier's history, oldest first (dated facts, whatever ``as_of``).

    One per start date; the row in force on ``rs.as_of`` wins over the
    tier's history, so a scenario override (``rs.with_value("moratorium",
    ...)``) replaces the recorded window that begins on the same day.
    """
    by_start: dict[dt.date, Rule[Any]] = {}
    for row in (*rs.history("moratorium"), rs.moratorium):
        if isinstance(row.value, Moratorium):
            by_start[row.value.start] = row
    return [(by_start[start], by_start[start].value) for start in sorted(by_start)]


@dataclass(frozen=True)
class _Outcome:
    """What happens first inside one case's compliance period (session indices into the closes)."""

    hi: int  # one past the last session of the period (or of the data up to ``as_of``)
    breaking: list[tuple[dt.date, str, Rule[Any]]]  # reverse splits that break another standard
    block: int  # first session from which such a split blocks the cure (``len(closes)`` if none)
    eff: npt.NDArray[np.bool_]  # sessions that count toward regaining
    regain: int  # session compliance is regained on, or -1
    low_at: int  # session the $0.10 rule fires on, or -1


def _settle(
    case: _Case,
    rs: RuleSet,
    day: dt.date,
    notice: dt.date,
    *,
    final: dt.date,
    lo: int,
    above: npt.NDArray[np.bool_],
    mor: npt.NDArray[np.bool_],
) -> _Outcome:
    """Regain and $0.10 trigger of a case whose period ends on ``final`` (searched from session ``lo``).

    A regain streak counts inside a moratorium (Nasdaq kept monitoring
    regains during the 2008-09 suspension); the $0.10 run does not (it is
    part of the suspended bid-price test).
    """
    c, px, n = case.closes, case.px, len(case.px)
    hi = min(c.index_on_or_before(final), c.index_on_or_before(case.eval_day)) + 1
    breaking = _breaking_splits(case, rs, day, final)
    block = min([n, *(c.index_on_or_after(split_day) for split_day, _, _ in breaking)])
    eff = above.copy()
    eff[block:] = False
    need = int(rs.regain_days.value)  # type: ignore[arg-type]
    r_rel = int(first_run_end(eff[lo:hi], need)) if hi > lo else -1
    regain = lo + r_rel if r_rel >= 0 else -1
    low_at = -1
    low_rule = rs.low_price_threshold
    if low_rule.value is not None and low_rule.applies_on(notice):
        case.b.use(rs, "low_price_threshold", "low_price_days")
        nidx = c.index_on_or_after(notice)
        if hi > nidx:
            low = (px[nidx:hi] <= float(low_rule.value)) & ~mor[nidx:hi]
            l_rel = int(first_run_end(low, int(rs.low_price_days.value)))  # type: ignore[arg-type]
            low_at = nidx + l_rel if l_rel >= 0 else -1
    return _Outcome(hi, breaking, block, eff, regain, low_at)


def _paused_text(days: int) -> str:
    return f", plus {days} calendar days paused by the suspension" if days else ""


def _second_period_event(case: _Case, rs: RuleSet, d2: dt.date, paused: int = 0) -> None:
    rule = rs.second_period_days
    case.b.use(rs, "second_period_days")
    case.b.event(
        d2,
        "second_period_deadline",
        f"second {rule.value}-day period{_paused_text(paused)}, assumed granted: "
        f"{rule.note or 'conditions in the rule'}",
        rule,
        day_count=rule.value,
        estimated=True,
    )


def _after_determination(case: _Case, day: dt.date) -> None:
    if day < case.closes.date(-1):
        case.b.caveat(
            f"closes after the delisting determination ({day.isoformat()}) were not assessed "
            "(an appeal may have stayed delisting)"
        )


# ----------------------------------------------------------------------- NYSE
def _rolling_mean(px: npt.NDArray[np.float64], k: int) -> npt.NDArray[np.float64]:
    out = np.full(len(px), np.nan)
    if len(px) >= k:
        cs = np.concatenate(([0.0], np.cumsum(px)))
        out[k - 1 :] = (cs[k:] - cs[:-k]) / k
    return out


def _month_ends(dates: npt.NDArray[np.datetime64], calendar: str) -> npt.NDArray[np.bool_]:
    """True on the last session of each calendar month (by the exchange calendar)."""
    days = session_days(calendar)
    pos = np.searchsorted(days, dates)
    nxt = days[np.minimum(pos + 1, len(days) - 1)]
    return np.asarray(dates.astype("datetime64[M]") != nxt.astype("datetime64[M]"))


def _walk_nyse(case: _Case) -> tuple[str, dt.date | None]:
    c, b, px = case.closes, case.b, case.px
    n = len(px)
    rs_now = case.rules_for(case.eval_day)
    k = int(rs_now.deficiency_days.value)  # type: ignore[arg-type]
    mb = float(rs_now.min_bid.value)  # type: ignore[arg-type]
    avg = _rolling_mean(px, k)
    with np.errstate(invalid="ignore"):
        below_avg = avg < mb
        avg_ok = avg >= mb
    month_end = _month_ends(c.dates, rs_now.calendar)
    if n < k:
        b.caveat(f"fewer than {k} closes: the {k}-trading-day average cannot be computed yet")
    pos, first, cured = k - 1, True, False
    while pos < n:
        hits = np.flatnonzero(below_avg[pos:])
        notice = case.notice_given if first else None
        if len(hits) == 0 and notice is None:
            break
        t = pos + int(hits[0]) if len(hits) else -1
        if notice is not None and (t < 0 or c.date(t) > notice):
            t = c.index_on_or_before(notice - dt.timedelta(days=1))
        first = False
        day = c.date(t) if t >= 0 else case.eval_day if notice is None else notice - dt.timedelta(days=1)
        rs = case.rules_for(day)
        b.use(rs, "min_bid", "price_test", "deficiency_days", "compliance_period_months")
        if t >= 0 and below_avg[t]:
            b.event(
                day,
                "deficiency",
                f"{k}-trading-day average close {_money(float(avg[t]))} below {_money(mb)}",
                rs.price_test,
                day_count=k,
            )
        else:
            b.event(day, "deficiency", "deficiency per the notice given", rs.price_test, estimated=True)
        estimated = notice is None
        if notice is None:
            notice = next_session(day, rs.calendar)
        b.event(
            notice,
            "notice",
            "deficiency notice" + (" (estimated: next session)" if estimated else " (given)"),
            rs.price_test,
            estimated=estimated,
        )
        respond = rs.cure_response_days
        if respond.value:
            due = session_offset(date_to_session(notice, "next", rs.calendar), int(respond.value), rs.calendar)
            b.event(
                due,
                "intent_to_cure_due",
                f"notify the NYSE of the intent to cure within {respond.value} business days of the notice",
                respond,
                day_count=int(respond.value),
                estimated=estimated,
            )
        bars = _bars(case, rs, day)
        if bars:
            b.event(
                notice,
                "delisting_determination",
                "no compliance period (suspension and delisting, 804.00): " + "; ".join(x for x, _ in bars),
                "; ".join(r.describe() for _, r in bars),
                estimated=estimated,
            )
            _after_determination(case, notice)
            return "delisting_determination", None
        months = int(rs.compliance_period_months.value)  # type: ignore[arg-type]
        end = add_months(notice, months)
        b.event(
            end,
            "compliance_period_deadline",
            f"{months} months from the notice; cure tested on the last trading day of each month",
            rs.compliance_period_months,
            day_count=(end - notice).days,
        )
        lo = c.index_on_or_after(notice)
        hi = min(c.index_on_or_before(end), c.index_on_or_before(case.eval_day)) + 1
        for split_day, text, rule in _breaking_splits(case, rs, day, end):
            b.event(
                split_day,
                "split_breaks_other_standard",
                f"the split leaves {text}: the company may not effect it; no plan period",
                rule,
            )
            b.event(split_day, "delisting_determination", "reverse split below 802.01A", rule)
            _after_determination(case, split_day)
            return "delisting_determination", None
        last_session_idx = c.index_on_or_before(end)
        test_days = month_end.copy()
        if (
            0 <= last_session_idx < n
            and last_session_idx == hi - 1
            and date_to_session(end, "previous", rs.calendar) == c.date(last_session_idx)
        ):
            test_days[last_session_idx] = True
        cure_mask = test_days & (px >= mb) & avg_ok
        cands = np.flatnonzero(cure_mask[lo:hi])
        cure = lo + int(cands[0]) if len(cands) else -1
        how = "month-end test"
        vote_need = int(rs.regain_days.value or k)
        for split_day, ratio in case.splits:
            if ratio.is_reverse and day < split_day <= end:
                s = c.index_on_or_after(split_day)
                if s + vote_need <= min(n, c.index_on_or_before(case.eval_day) + 1) and np.all(
                    px[s : s + vote_need] >= mb
                ):
                    done = s + vote_need - 1
                    if cure < 0 or done < cure:
                        cure, how = done, f"reverse split, then {vote_need} trading days above {_money(mb)}"
                        b.use(rs, "regain_days")
        for i in np.flatnonzero(test_days[lo:hi] & ~cure_mask[lo:hi])[:12]:
            j = lo + int(i)
            if cure >= 0 and j >= cure:
                break
            b.event(
                c.date(j),
                "cure_test",
                f"month-end test failed: close {_money(float(px[j]))}, {k}-day average {_money(float(avg[j]))}",
                rs.compliance_period_months,
            )
        if cure >= 0:
            text = (
                f"close {_money(float(px[cure]))} and {k}-day average {_money(float(avg[cure]))} at or above "
                f"{_money(mb)} ({how})"
            )
            b.event(c.date(cure), "compliance_regained", text, rs.compliance_period_months)
            cured, pos = True, cure + 1
            continue
        if case.eval_day <= end:
            return "deficient", end
        det = next_session(end, rs.calendar)
        b.event(
            det,
            "delisting_determination",
            f"cure period ended {end.isoformat()} uncured (suspension and delisting procedures)",
            rs.compliance_period_months,
            estimated=True,
        )
        _after_determination(case, det)
        return "delisting_determination", None
    below = _run_at_end(px < mb)
    if below:
        b.event(
            c.date(n - below),
            "below_bid_streak_started",
            f"{below} consecutive trading day(s) closing below {_money(mb)} (the test is the {k}-day average)",
            rs_now.price_test,
            day_count=below,
        )
        return "below_bid_streak", None
    return ("cured" if cured else "compliant"), None


# ------------------------------------------------------------- NYSE American
def _walk_discretionary(case: _Case) -> tuple[str, dt.date | None]:
    b = case.b
    rs_now = case.rules_for(case.eval_day)
    b.use(rs_now, "price_test")
    b.caveat(
        f"{rs_now.price_test.describe()} sets no numeric price test: the Exchange decides when a low price "
        "calls for a reverse split; only the reverse-split limits produce events"
    )
    for day, ratio in case.splits:
        if day > case.eval_day or not ratio.is_reverse:
            continue
        rs = case.rules_for(day)
        limit, lookback = rs.reverse_split_cumulative_limit, rs.reverse_split_lookback_days
        if limit.value is not None and lookback.value is not None and limit.applies_on(day):
            b.use(rs, "reverse_split_cumulative_limit", "reverse_split_lookback_days")
            window = reverse_in_window(case.splits, day - dt.timedelta(days=lookback.value), day)
            total = cumulative_magnitude(window)
            if total >= limit.value:
                b.event(
                    day,
                    "delisting_determination",
                    f"cumulative reverse-split ratio {total}:1 over {lookback.value} days >= {limit.value}:1 "
                    "(suspension and delisting)",
                    limit,
                )
                _after_determination(case, day)
                return "delisting_determination", None
        broken = _breaking_splits(case, rs, day - dt.timedelta(days=1), day)
        for split_day, text, rule in broken:
            b.event(split_day, "split_breaks_other_standard", f"the split leaves {text}", rule)
            b.event(split_day, "delisting_determination", "reverse split below a 1003 requirement", rule)
            _after_determination(case, split_day)
            return "delisting_determination", None
    return "discretionary", None
