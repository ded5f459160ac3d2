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
import numpy.typing as npt

from ..calendars import date_to_session, session_days, session_offset
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
from ._splits import cumulative_magnitude
from .kernel import add_months, deadlines, in_lookback, rolling_average, run_at_end

__all__ = ["add_months", "walk_discretionary", "walk_nyse"]  # add_months: re-exported from the kernel


def _month_ends(dates: npt.NDArray[np.datetime64], calendar: str) -> npt.NDArray[np.bool_]:
    """True on the last session of each calendar month (by the exchange calendar)."""
    days = session_days(calendar)
    pos = np.searchsorted(days, dates)
    nxt = days[np.minimum(pos + 1, len(days) - 1)]
    return np.asarray(dates.astype("datetime64[M]") != nxt.astype("datetime64[M]"))


def walk_nyse(case: Case) -> tuple[str, dt.date | None]:
    """Walk the closes case by case under 802.01C; return the status and the deadline running."""
    c, b, px = case.closes, case.b, case.px
    n = len(px)
    rs_now = case.rules_for(case.eval_day)
    k = int(rs_now.deficiency_days.value)  # type: ignore[arg-type]
    mb = float(rs_now.min_bid.value)  # type: ignore[arg-type]
    averages = rolling_average(px, k, rs_now.min_bid.value)  # type: ignore[arg-type]
    avg, below_avg, avg_ok = averages.value, averages.below, averages.at_or_above
    month_end = _month_ends(c.dates, rs_now.calendar)
    month_end_ok = month_end & (px >= mb) & avg_ok
    if n < k:
        b.caveat(f"fewer than {k} closes: the {k}-trading-day average cannot be computed yet")

    def closed_before(i: int, when: dt.date) -> bool:
        # cured on a month-end test (close and average at or above) after the deficiency, before ``when``
        return bool(month_end_ok[i + 1 : c.index_on_or_before(when - dt.timedelta(days=1)) + 1].any())

    pos, cured = k - 1, False
    pending = case.notice_given
    while pos < n:
        hits = np.flatnonzero(below_avg[pos:])
        found = take_notice(
            case,
            pending,
            pos + int(hits[0]) if len(hits) else -1,
            closed_before=closed_before,
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
        if respond.value:
            # business days counted after the notice: day 1 is the first session after it, even when the
            # notice is dated on a weekend or holiday (10 business days, 802.01C)
            due = session_offset(date_to_session(notice, "previous", rs.calendar), int(respond.value), rs.calendar)
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
        end, det = ends.first_deadline, ends.determination
        if end is None or det is None:  # pragma: no cover - a months row always gives a period end
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
        lo = c.index_on_or_after(notice)
        hi = min(c.index_on_or_before(end), c.index_on_or_before(case.eval_day)) + 1
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
                        cure, how = done, f"reverse split, then {vote_need} trading days above {money(mb)}"
                        b.use(rs, "regain_days")
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
        if cure >= 0:
            text = (
                f"close {money(float(px[cure]))} and {k}-day average {money(float(avg[cure]))} at or above "
                f"{money(mb)} ({how})"
            )
            b.event(c.date(cure), "compliance_regained", text, rs.compliance_period_months)
            cured, pos = True, cure + 1
            continue
        if case.eval_day <= end:
            return "deficient", end
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
