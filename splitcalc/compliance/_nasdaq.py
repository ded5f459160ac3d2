"""The Nasdaq bid-price walk: 30 business days below $1.00, a calendar-day compliance period, 10 days to regain.

Nasdaq Rule 5810(c)(3)(A) and its 2001-2003 predecessors (NASD Rules, e.g. 4450(e)(2));
the steps are listed in :mod:`splitcalc.compliance.engine`. Each step is
found with the rule kernel's streaks (:mod:`splitcalc.compliance.kernel.streaks`, one numpy pass
per case, not a Python loop over days).

Regain attempts: every run of at least :data:`MIN_ATTEMPT_DAYS` consecutive
business days at or above the minimum inside a case (after its deficiency)
that does not regain compliance gets a ``regain_streak_started`` event and,
when a close below (or a split that breaks another standard) ends it, a
``regain_streak_broken`` event, each with the run's day count. A single close
at or above is not recorded: it is one price, not an attempt, and a price
hovering around $1.00 would flood the timeline with them.

Deadlines come from the rule kernel (:func:`splitcalc.compliance.kernel.deadlines`):
the notice date plus the calendar days, moved to the next XNYS session when
that day is a weekend or holiday, as the staff's letters date them; the
second period counts from the moved first deadline; the 2008-09 suspension and
the 2020 tolling stop the clock.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from ..rules import Moratorium, Rule, RuleSet
from ..rules.nasdaq import MORATORIUM as MORATORIUM_2001
from ._case import (
    Case,
    after_determination,
    barred,
    breaking_splits,
    money,
    notice_event,
    take_notice,
)
from ._closes import as_date
from .kernel import (
    MORATORIUM_2002_READING,
    STRADDLE_READING,
    ClockStop,
    Deadlines,
    deadlines,
    moratoria,
    run_at_end,
    true_runs,
)
from .kernel.cases import CURED, DROPPED, LOW_PRICE, OPEN, ConsecutiveBid, Groups, Settled

__all__ = ["MIN_ATTEMPT_DAYS", "moratoria", "walk_nasdaq"]  # moratoria: re-exported from the kernel

#: Shortest run at or above the minimum recorded as a (failed) regain attempt.
MIN_ATTEMPT_DAYS: Final = 2


def _split_cols(case: Case, breaking: list[tuple[dt.date, str, Rule[Any]]]) -> int:
    """First session from which a split that broke another standard blocks the cure (``len(closes)``: none)."""
    return min([len(case.px), *(case.closes.index_on_or_after(split_day) for split_day, _, _ in breaking)])


def _settle(
    case: Case, test: ConsecutiveBid, rs: RuleSet, *, t: int, day: dt.date, notice: dt.date, lo: int
) -> tuple[Settled, list[tuple[dt.date, str, Rule[Any]]]]:
    """The kernel's settlement of one case, with the splits inside its period that broke another standard.

    The splits are those up to the period's end; one that blocks the cure can
    change the end (a clock stop reads as of the settlement), so the kernel is
    asked again with the block until the end holds still.
    """
    one, col = np.zeros(1, dtype=np.int64), np.array([t], dtype=np.int64)
    groups: Groups = [(np.ones(1, dtype=bool), rs)]
    out = test.settle(one, col, day, notice, groups, lo=np.array([lo]))
    breaking: list[tuple[dt.date, str, Rule[Any]]] = []
    for _ in range(3):  # the end moves at most once (with or without the block)
        final = _day(out.final_end[0]) or notice
        breaking = breaking_splits(case, rs, day, final)
        block = _split_cols(case, breaking)
        if block >= len(case.px):
            break
        again = test.settle(one, col, day, notice, groups, lo=np.array([lo]), block=np.array([block]))
        same = again.final_end[0] == out.final_end[0]
        out = again
        if same:
            break
    return out, breaking


def _day(value: np.datetime64) -> dt.date | None:
    return None if np.isnat(value) else as_date(value)


# ------------------------------------------------------------------ the walk
def walk_nasdaq(case: Case) -> tuple[str, dt.date | None]:
    """Walk the closes case by case; return the status on ``case.eval_day`` and the deadline running then.

    Each step is the rule kernel's (:class:`~splitcalc.compliance.kernel.cases.ConsecutiveBid`): the next
    deficiency, and how the case ends; the walk matches a given notice to its case, applies the reverse-split
    bars and records the events.
    """
    c, b, px = case.closes, case.b, case.px
    n = len(px)
    rs_now = case.rules_for(case.eval_day)
    mb = float(rs_now.min_bid.value)  # type: ignore[arg-type]
    windows = moratoria(rs_now)
    _moratorium_events(case, rs_now, windows)
    test = ConsecutiveBid(
        px[None, :].copy(),
        rs_now,
        grid=c.dates,
        calendar=rs_now.calendar,
        as_of=case.eval_day,
        second=case.second_period,
    )
    counting = test.counting[0]
    above = px >= mb

    def closed_before(i: int, when: dt.date) -> bool:
        rs_i = case.rules_for(c.date(i))
        block = _split_cols(case, breaking_splits(case, rs_i, c.date(i), when))
        return test.closed_before(0, i, day=c.date(i), when=when, rs=rs_i, block=block)

    pos, cured = 0, False
    pending = case.notice_given
    while pos < n:
        nxt = int(test.next_deficiency(np.zeros(1, dtype=np.int64), np.array([pos]))[0])
        found = take_notice(
            case,
            pending,
            nxt,
            closed_before=closed_before,
            fits=lambda when: _unrefuted(counting, c.index_on_or_before(when)),
        )
        if found is None:
            break
        t, day, notice, anchored = found
        if notice is not None:
            pending = None
        rs = case.rules_for(day)
        _deficiency_events(case, rs, t, day, mb, anchored=anchored)
        notice, estimated = notice_event(case, rs, day, notice, cite=rs.deficiency_days, how="Nasdaq notifies promptly")
        rs = rs.for_notice(notice)  # the $0.10 rule goes by the notice date (5810(c)(3)(A)(iii))
        if barred(case, rs, day, notice, estimated=estimated, heading="no compliance period: "):
            return "delisting_determination", None

        period = int(rs.compliance_period_days.value)  # type: ignore[arg-type]
        b.use(rs, "compliance_period_days", "regain_days")
        if rs.second_period_days.value and not case.second_period:
            b.caveat("second compliance period not assumed (second_period=False)")
        # the cure counts inside the compliance period, which runs from the notice (5810(c)(3)(A)): a given
        # notice later than the session after the deficiency moves the first countable session with it
        lo = max(t + 1, c.index_on_or_after(notice))
        regain_need = int(rs.regain_days.value)  # type: ignore[arg-type]
        settled, breaking = _settle(case, test, rs, t=t, day=day, notice=notice, lo=lo)
        outcome = int(settled.outcome[0])
        # the one-notice view of the same period ends, for the texts (clock stops as the kernel read them)
        ends = deadlines(notice, rs, second_period=case.second_period, as_of=_day(settled.stamp[0]))
        d1 = ends.first_deadline or notice
        d2 = ends.second_deadline
        if ends.first_count != ends.first_deadline:
            b.use(rs, "period_end_on_session")  # relied on where it moved a stated period end to a session
        regain, low_at = int(settled.regain[0]), int(settled.low_price[0])
        block = _split_cols(case, breaking)

        first_stops = [st for st in ends.stops if st.period == "first"]
        if outcome != DROPPED:  # a dropped case has no deadline left (Sep 27, 2001 moratorium: pending cases dropped)
            b.event(
                d1,
                "compliance_period_deadline",
                f"{period} calendar days from the notice{_paused_text(first_stops)}: regain {money(mb)} for "
                f"{rs.regain_days.value} consecutive business days by then{_session_note(ends.first_count, d1)}",
                rs.compliance_period_days,
                day_count=period,
            )
            _paused_events(case, ends.stops, mb)
        for split_day, text, rule in breaking:
            b.event(
                split_day,
                "split_breaks_other_standard",
                f"the split leaves {text}: bid-price compliance is not regained until that is cured "
                "(no separate compliance period)",
                rule,
            )
        if outcome == DROPPED:
            _, _, rule, m = test.drops[int(settled.dropped[0])]
            b.event(m.start, "case_dropped", "pending bid-price case dropped by the moratorium", rule)
            pos = int(settled.resume[0])
            cured = False  # the last case was dropped, not cured (as in scan)
            continue

        low_rule = rs.low_price_threshold
        if low_rule.value is not None and low_rule.applies_on(notice):
            b.use(rs, "low_price_threshold", "low_price_days")
        low_first = outcome == LOW_PRICE
        if bool(settled.straddles[0]):  # a run across the end of the first period (the kernel's reading, flagged)
            run_from, run_to = int(settled.run_start[0]), low_at if low_first else regain
            b.caveat(
                f"the {run_to - run_from + 1}-day run from {c.date(run_from).isoformat()} to "
                f"{c.date(run_to).isoformat()} straddles the end of the first period ({d1.isoformat()}): "
                "counted, as the second period follows without a gap (UNCERTAIN)"
            )
            b.used["straddling run"] = STRADDLE_READING
        eff = above.copy()
        eff[block:] = False
        hi = int(settled.last[0]) + 1
        stop = low_at + 1 if low_first else regain - regain_need + 1 if regain >= 0 else hi
        final = ends.final_deadline or d1
        _regain_attempts(case, eff, (lo, stop), rs.regain_days, mb, block=block, running=case.eval_day <= final)
        if low_first:
            days = int(rs.low_price_days.value)  # type: ignore[arg-type]
            b.event(
                c.date(low_at),
                "low_price_trigger",
                f"{days}th consecutive trading day closing at or below {money(float(low_rule.value))} "  # type: ignore[arg-type]
                "during the compliance period",
                low_rule,
                day_count=days,
            )
            b.event(c.date(low_at), "delisting_determination", "the $0.10 rule ends the compliance period", low_rule)
            after_determination(case, c.date(low_at), rs, low_price=True)
            return "delisting_determination", None
        if outcome == CURED:
            if d2 is not None and c.date(regain) > d1:
                _second_period_event(case, rs, d2, ends)
            _regained_events(case, rs, regain, mb)
            cured = True
            pos = int(settled.resume[0])
            continue
        # not regained in the data
        for st in ends.stops:
            m = st.window
            if m.start <= case.eval_day < m.end:
                word, verb = ("tolling", "tolled") if m.kind == "toll" else ("suspension", "paused")
                b.caveat(
                    f"the compliance period is {verb} by the {m.start.isoformat()} to {m.end.isoformat()} {word}: "
                    f"the deadline is the balance left on {max(m.start, notice).isoformat()}, counted from "
                    f"{m.end.isoformat()}"
                )
        if outcome == OPEN:
            deadline = _day(settled.deadline[0])
            if d2 is not None and deadline == d2:
                _second_period_event(case, rs, d2, ends)
            return "deficient", deadline
        if d2 is not None:
            _second_period_event(case, rs, d2, ends)
        _expired(case, rs, ends, _day(settled.determination[0]) or final, mb, blocked=block < n)
        return "delisting_determination", None

    streak = run_at_end(counting)
    if streak:
        b.event(
            c.date(n - streak),
            "below_bid_streak_started",
            f"{streak} consecutive business day(s) below {money(mb)} so far "
            f"({rs_now.deficiency_days.value} make a deficiency)",
            rs_now.deficiency_days,
            day_count=streak,
        )
        return "below_bid_streak", None
    return ("cured" if cured else "compliant"), None


# --------------------------------------------------------------- case steps
def _moratorium_events(case: Case, rs_now: RuleSet, windows: list[tuple[Rule[Any], Moratorium]]) -> None:
    """A ``moratorium`` event per window in the data (the kernel excludes its sessions from the counts)."""
    c, b = case.closes, case.b
    for rule, m in windows:
        m0, m1 = np.datetime64(m.start, "D"), np.datetime64(m.end, "D")
        if m0 <= c.dates[-1] and c.dates[0] < m1:
            b.used[f"moratorium@{rs_now.name}:{rule.effective}"] = rule
            if m.kind == "toll":  # periods stop; deficiencies and notices continue
                text = (
                    f"compliance periods tolled until {m.end.isoformat()}: {m.effect()}; a period running on "
                    f"{m.start.isoformat()} resumes its balance on {m.end.isoformat()}"
                )
                b.event(m.start, "moratorium", text, rule)
                continue
            _first_day_after(case, m, float(rs_now.min_bid.value))  # type: ignore[arg-type]
            text = f"bid-price test suspended until {m.end.isoformat()}: no new deficiencies accrue, {m.effect()}"
            if m.kind == "pause":
                text += f" (the days left resume on {m.end.isoformat()}); regaining compliance still counts"
            b.event(m.start, "moratorium", text, rule)


def _first_day_after(case: Case, m: Moratorium, mb: float) -> None:
    """Flag the reading of the 2001 moratorium's end when a close below on Jan 2, 2002 counts."""
    c = case.closes
    if m != MORATORIUM_2001 or not c.dates[0] <= np.datetime64(m.end, "D") <= c.dates[-1]:
        return
    k = c.index_on_or_after(m.end)
    if c.date(k) == m.end and float(case.px[k]) < mb:
        case.b.caveat(
            f"the close of {m.end.isoformat()} is counted toward a new deficiency: the {m.start.isoformat()} "
            f"moratorium is read as ending the day before (UNCERTAIN)"
        )
        case.b.used["end of the 2001 moratorium"] = MORATORIUM_2002_READING


def _unrefuted(counting: npt.NDArray[np.bool_], k: int) -> bool:
    """Whether closes up to session ``k`` leave room for a deficiency they do not show.

    True when they begin after the notice (``k < 0``) or inside a run below
    the minimum that reaches it: the run may have begun before the data.
    """
    return k < 0 or bool(counting[: k + 1].all())


def _run_started(case: Case, end: int, kind: str, what: str, rule: Rule[Any]) -> int:
    """The ``kind`` event on the first session of the ``rule.value``-day run that completes on session ``end``."""
    need = int(rule.value)
    case.b.event(
        case.date(end - need + 1), kind, f"first of {need} consecutive business days {what}", rule, day_count=need
    )
    return need


def _deficiency_events(case: Case, rs: RuleSet, t: int, day: dt.date, mb: float, *, anchored: bool) -> None:
    need = int(rs.deficiency_days.value)  # type: ignore[arg-type]
    case.b.use(rs, "min_bid", "deficiency_days")
    if anchored:
        case.b.event(
            day,
            "deficiency",
            f"deficiency per the notice given; the closes do not show {need} consecutive business days below "
            f"{money(mb)} before it",
            rs.deficiency_days,
            estimated=True,
        )
        return
    _run_started(case, t, "below_bid_streak_started", f"with a close below {money(mb)}", rs.deficiency_days)
    case.b.event(
        day,
        "deficiency",
        f"{need}th consecutive business day below {money(mb)} (close {money(float(case.px[t]))})",
        rs.deficiency_days,
        day_count=need,
    )


def _session_note(count: dt.date | None, deadline: dt.date) -> str:
    """Say how the deadline is dated: the calendar count, moved to the next session when it is not one."""
    if count is None or count == deadline:
        return "; the notice date plus the calendar days (a trading day)"
    return (
        f"; the calendar count lands on {count.strftime('%A')} {count.isoformat()}, not a trading day, so the period "
        f"ends on the next session, {deadline.isoformat()}, as the staff's letters date it"
    )


def _paused_text(stops: list[ClockStop]) -> str:
    days = sum((s.after - s.before).days for s in stops)
    if not days:
        return ""
    tolled = any(s.window.kind == "toll" for s in stops)
    return f", plus {days} calendar days {'tolled (2020)' if tolled else 'paused by the suspension'}"


def _paused_events(case: Case, stops: tuple[ClockStop, ...], mb: float) -> None:
    for st in stops:
        m = st.window
        word, verb = ("tolling", "tolled") if m.kind == "toll" else ("suspension", "paused")
        if st.notified_inside:
            text = (
                f"{word}: the notice is dated inside the {m.start.isoformat()} to {m.end.isoformat()} window; "
                f"the compliance period counts from {m.end.isoformat()}"
            )
            case.b.event(max(st.before, m.start), "compliance_period_paused", text, st.rule)
            continue
        left = (st.before - m.start).days
        case.b.event(
            m.start,
            "compliance_period_paused",
            f"{word}: compliance period {verb} with {left} calendar day(s) left (deadline was "
            f"{st.before.isoformat()}); the clock resumes on {m.end.isoformat()} with that balance, new deadline "
            f"{st.after.isoformat()} (moved to a session if not one); regaining {money(mb)} still counts meanwhile",
            st.rule,
            day_count=left,
        )


def _second_period_event(case: Case, rs: RuleSet, d2: dt.date, ends: Deadlines) -> None:
    rule = rs.second_period_days
    case.b.use(rs, "second_period_days")
    if ends.second_count != d2:
        case.b.use(rs, "period_end_on_session")
    case.b.event(
        d2,
        "second_period_deadline",
        f"second {rule.value}-day period from the first deadline {ends.first_deadline}"
        f"{_paused_text([s for s in ends.stops if s.period == 'second'])}, assumed granted: "
        f"{rule.note or 'conditions in the rule'}{_session_note(ends.second_count, d2)}",
        rule,
        day_count=rule.value,
        estimated=True,
    )


def _regain_attempts(
    case: Case,
    eff: npt.NDArray[np.bool_],
    span: tuple[int, int],
    rule: Rule[Any],
    mb: float,
    *,
    block: int,
    running: bool,
) -> None:
    """``regain_streak_started`` / ``regain_streak_broken`` for runs in ``span`` that did not regain.

    Runs of at least :data:`MIN_ATTEMPT_DAYS` sessions in ``eff`` (at or
    above the minimum, not from ``block`` on: a split that broke another standard). A run that reaches the end of
    ``span`` is still running on the evaluation date (``running``) or was cut
    by the end of the compliance period: it gets no ``broken`` event.
    """
    lo, stop = span
    if stop <= lo:
        return
    need = int(rule.value)
    for s, e in zip(*true_runs(eff[lo:stop]), strict=True):
        k = int(e - s)
        if k < MIN_ATTEMPT_DAYS:
            continue
        first, after = lo + int(s), lo + int(e)
        since = case.date(first).isoformat()
        if after < stop:
            text = f"{k} consecutive business day(s) at or above {money(mb)} ({need} needed)"
            case.b.event(case.date(first), "regain_streak_started", f"regain attempt: {text}", rule, day_count=k)
            if after >= block:
                why = f"the split on {case.date(block).isoformat()} breaks another numeric standard"
            else:
                why = f"close {money(float(case.px[after]))} below {money(mb)}"
            case.b.event(
                case.date(after),
                "regain_streak_broken",
                f"{why}: the streak from {since} ended after {k} of the {need} business days needed",
                rule,
                day_count=k,
            )
        else:
            when = "so far" if running else "when the compliance period ended"
            case.b.event(
                case.date(first),
                "regain_streak_started",
                f"regain attempt: {k} consecutive business day(s) at or above {money(mb)} {when} ({need} needed)",
                rule,
                day_count=k,
            )


def _regained_events(case: Case, rs: RuleSet, regain: int, mb: float) -> None:
    need = _run_started(case, regain, "regain_streak_started", f"at or above {money(mb)}", rs.regain_days)
    staff = rs.regain_days_max
    extra = f"; staff may require up to {staff.value} ({staff.describe()})" if staff.value else ""
    case.b.event(
        case.date(regain),
        "compliance_regained",
        f"{need}th consecutive business day at or above {money(mb)}{extra}",
        rs.regain_days,
        day_count=need,
    )


def _expired(case: Case, rs: RuleSet, ends: Deadlines, det: dt.date, mb: float, *, blocked: bool) -> None:
    """The (estimated) delisting determination ``det`` (the kernel's: the session after the period ended uncured)."""
    final = ends.final_deadline or ends.notice_date
    after_second = ends.second_deadline is not None
    text = f"compliance period ended {final.isoformat()} without regaining {money(mb)}"
    if blocked:
        text += " (cure blocked by the split's other-standard breach)"
    rs_end = case.rules_on(rs, final)  # the rule in force when the second period ends (SR-NASDAQ-2024-045)
    stay = rs_end.no_stay_after_second_period
    if after_second and stay.value and stay.applies_on(final):
        case.b.use(rs_end, "no_stay_after_second_period")
        text += f"; a hearing request does not stay suspension ({stay.describe()})"
    case.b.event(det, "delisting_determination", text, rs.compliance_period_days, estimated=True)
    after_determination(case, det, rs_end, after_second_period=after_second)
