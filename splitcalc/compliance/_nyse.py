"""The NYSE 802.01C walk (30-trading-day average, six-month cure) and NYSE American 1003(f)(v).

NYSE (Listed Company Manual 802.01C): deficiency when the 30-trading-day average close is below
$1.00; six months from the notice to cure, tested on the last trading day of
each calendar month (close and average both at or above $1.00) and on the
period's last trading day; a cure by reverse split needs the price above
$1.00 for the 30 trading days that follow. NYSE American: no numeric test;
only the reverse-split limits of the 2025 amendment produce events.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from ..errors import NoRuleInForce
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
from ._splits import cumulative_magnitude
from .kernel import add_months, deadlines, in_lookback, intent_to_cure_due, run_at_end
from .kernel.cases import CURED, OPEN, ThirtyDayAverage

__all__ = ["add_months", "walk_discretionary", "walk_nyse"]  # add_months: re-exported from the kernel


def walk_nyse(case: Case) -> tuple[str, dt.date | None]:
    """Walk the closes case by case under 802.01C; return the status and the deadline running.

    Each step is the rule kernel's (:class:`~splitcalc.compliance.kernel.cases.ThirtyDayAverage`): the next
    deficiency, and how the case ends; the walk matches a given notice, applies the bars and records the events.
    """
    c, b, px = case.closes, case.b, case.px
    n = len(px)
    rs_now = case.rules_for(case.eval_day)
    k = int(rs_now.deficiency_days.value)  # type: ignore[arg-type]
    mb = float(rs_now.min_bid.value)  # type: ignore[arg-type]
    test = ThirtyDayAverage(px[None, :], rs_now, grid=c.dates, calendar=rs_now.calendar, as_of=case.eval_day)
    avg = test.averages.value[0]
    if n < k:
        b.caveat(f"fewer than {k} closes: the {k}-trading-day average cannot be computed yet")
    one = np.zeros(1, dtype=np.int64)

    pos, cured = 0, False
    pending = case.notice_given
    while pos < n:
        nxt = int(test.next_deficiency(one, np.array([pos]))[0])
        found = take_notice(
            case,
            pending,
            nxt,
            closed_before=lambda i, when: test.closed_before(0, i, when),
            # fewer than k closes up to the notice: no average to rule a deficiency out
            fits=lambda when: c.index_on_or_before(when) < k - 1,
        )
        if found is None:
            break
        t, day, notice, anchored = found
        if notice is not None:
            pending = None
        rs = case.rules_for(day)
        b.use(rs, "min_bid", "price_test", "deficiency_days", "compliance_period_months")
        if anchored:
            b.event(day, "deficiency", "deficiency per the notice given", rs.price_test, estimated=True)
        else:
            b.event(
                day,
                "deficiency",
                f"{k}-trading-day average close {money(float(avg[t]))} below {money(mb)}",
                rs.price_test,
                day_count=k,
            )
        notice, estimated = notice_event(case, rs, day, notice, cite=rs.price_test, how="the NYSE notifies promptly")
        respond = rs.cure_response_days
        due = intent_to_cure_due(notice, respond.value, rs.calendar)
        if due is not None and respond.value:
            b.event(
                due,
                "intent_to_cure_due",
                f"notify the NYSE of the intent to cure within {respond.value} business days of the notice",
                respond,
                day_count=int(respond.value),
                estimated=estimated,
            )
        if barred(
            case,
            rs,
            day,
            notice,
            estimated=estimated,
            heading="no compliance period (suspension and delisting, 804.00): ",
        ):
            return "delisting_determination", None
        months = int(rs.compliance_period_months.value)  # type: ignore[arg-type]
        ends = deadlines(notice, rs, second_period=False, as_of=case.eval_day)
        end = ends.first_deadline
        if end is None:  # pragma: no cover - a months row always gives a period end
            raise NoRuleInForce(rs.name, notice, "no cure period end")
        for st in ends.stops:
            b.event(
                max(st.before, st.window.start) if st.notified_inside else st.window.start,
                "compliance_period_paused",
                f"cure period tolled {st.window.start.isoformat()} to {st.window.end.isoformat()}: "
                + (
                    f"the notice is inside the window, so the {months} months count from {st.window.end.isoformat()}"
                    if st.notified_inside
                    else f"the balance resumes on {st.window.end.isoformat()}, new end {st.after.isoformat()}"
                ),
                st.rule,
            )
        if rs.period_end_on_session.value is not None:
            b.use(rs, "period_end_on_session")
        b.event(
            end,
            "compliance_period_deadline",
            f"{months} months from the notice{' (after the tolling)' if ends.stops else ''}; cure tested on the "
            "last trading day of each month; the date is not moved to a trading day",
            rs.compliance_period_months,
            day_count=(end - notice).days,
        )
        for split_day, text, rule in breaking_splits(case, rs, day, end):
            b.event(
                split_day,
                "split_breaks_other_standard",
                f"the split leaves {text}: the company may not effect it; no plan period",
                rule,
            )
            b.event(split_day, "delisting_determination", "reverse split below 802.01A", rule)
            after_determination(case, split_day)
            return "delisting_determination", None
        vote_need = rs.regain_days.value  # None: the cure by a reverse split does not apply (not in the rules)
        reverse = [split_day for split_day, ratio in case.splits if ratio.is_reverse]
        if not vote_need:
            for split_day in reverse:
                if day < split_day <= end:
                    b.caveat(
                        f"the reverse split of {split_day.isoformat()} is not checked as a cure: no regain period "
                        f"in the rules ({rs.regain_days.cite})"
                    )
        lo = c.index_on_or_after(notice)
        settled = test.settle(
            one, np.array([t]), day, notice, [(np.ones(1, dtype=bool), rs)], lo=np.array([lo]), splits=reverse
        )
        cure, hi = int(settled.regain[0]), int(settled.last[0]) + 1
        test_days = test.cure_test_days(0, settled, 0)
        cure_mask = test_days & test.cure_ok[0]
        for i in np.flatnonzero(test_days[lo:hi] & ~cure_mask[lo:hi])[:12]:
            j = lo + int(i)
            if cure >= 0 and j >= cure:
                break
            b.event(
                c.date(j),
                "cure_test",
                f"month-end test failed: close {money(float(px[j]))}, {k}-day average {money(float(avg[j]))}",
                rs.compliance_period_months,
            )
        if int(settled.outcome[0]) == CURED:
            how = "month-end test"
            if settled.by_split[0]:
                how = f"reverse split, then {vote_need} trading days above {money(mb)}"
                b.use(rs, "regain_days")
            text = (
                f"close {money(float(px[cure]))} and {k}-day average {money(float(avg[cure]))} at or above "
                f"{money(mb)} ({how})"
            )
            b.event(c.date(cure), "compliance_regained", text, rs.compliance_period_months)
            cured, pos = True, int(settled.resume[0])
            continue
        if int(settled.outcome[0]) == OPEN:
            return "deficient", end
        det = as_date(settled.determination[0])
        b.event(
            det,
            "delisting_determination",
            f"cure period ended {end.isoformat()} uncured (suspension and delisting procedures)",
            rs.compliance_period_months,
            estimated=True,
        )
        after_determination(case, det)
        return "delisting_determination", None
    below = run_at_end(px < mb)
    if below:
        b.event(
            c.date(n - below),
            "below_bid_streak_started",
            f"{below} consecutive trading day(s) closing below {money(mb)} (the test is the {k}-day average)",
            rs_now.price_test,
            day_count=below,
        )
        return "below_bid_streak", None
    return ("cured" if cured else "compliant"), None


# ------------------------------------------------------------- NYSE American
def walk_discretionary(case: Case) -> tuple[str, dt.date | None]:
    """NYSE American 1003(f)(v): no numeric test; events only from the 2025 reverse-split limits."""
    b = case.b
    rs_now = case.rules_for(case.eval_day)
    b.use(rs_now, "price_test")
    b.caveat(
        f"{rs_now.price_test.describe()} sets no numeric price test: the Exchange decides when a low price "
        "calls for a reverse split; only the reverse-split limits produce events"
    )
    if case.notice_given is not None:
        b.caveat("notice_date not used: there is no numeric price test to start a compliance period from")
    for day, ratio in case.splits:
        if day > case.eval_day or not ratio.is_reverse:
            continue
        rs = case.rules_for(day)
        limit, lookback = rs.reverse_split_cumulative_limit, rs.reverse_split_lookback_days
        if limit.value is not None and lookback.value is not None and limit.applies_on(day):
            b.use(rs, "reverse_split_cumulative_limit", "reverse_split_lookback_days")
            window = in_lookback(case.splits, day, int(lookback.value))
            total = cumulative_magnitude(window)
            if total >= limit.value:
                b.event(
                    day,
                    "delisting_determination",
                    f"cumulative reverse-split ratio {total}:1 over {lookback.value} days >= {limit.value}:1 "
                    "(suspension and delisting)",
                    limit,
                )
                after_determination(case, day)
                return "delisting_determination", None
        broken = breaking_splits(case, rs, day - dt.timedelta(days=1), day)
        for split_day, text, rule in broken:
            b.event(split_day, "split_breaks_other_standard", f"the split leaves {text}", rule)
            b.event(split_day, "delisting_determination", "reverse split below a 1003 requirement", rule)
            after_determination(case, split_day)
            return "delisting_determination", None
    return "discretionary", None
