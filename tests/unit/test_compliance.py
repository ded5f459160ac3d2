"""check_compliance: cases built from the rule text, every expected date counted by hand.

Closes are built on exchange sessions (the input); expected dates are written
out, with the session count in a comment, never computed by the code under test.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from decimal import Decimal

import pandas as pd
import pytest

from splitcalc import CapitalStructure, SplitRatio, rules
from splitcalc.calendars import sessions_between
from splitcalc.compliance import ComplianceTimeline, check_compliance
from splitcalc.errors import InvalidPrices, NoRuleInForce, RuleUncertainWarning
from splitcalc.serialize import dumps

D = dt.date


def closes(start: str, end: str, *changes: tuple[str, float], first: float = 1.5) -> pd.Series:
    """Closes on every session from start to end: ``first``, then each (date, price) from that date on."""
    days = pd.DatetimeIndex(sessions_between(start, end))
    series = pd.Series(first, index=days, dtype=float)
    for when, price in changes:
        series[days >= pd.Timestamp(when)] = price
    return series


# ------------------------------------------------------------ business days
def test_30th_business_day_across_good_friday() -> None:
    # below from Fri Mar 1, 2024: Mar 1 (1), 4-8 (6), 11-15 (11), 18-22 (16), 25-28 (20; Good Friday
    # Mar 29 closed), Apr 1-5 (25), Apr 8-12 (30) -> Apr 12, 2024
    px = closes("2024-02-01", "2024-04-30", ("2024-03-01", 0.6))
    tl = check_compliance(px, rules.get("nasdaq-capital", as_of="2024-04-12"))
    assert tl.first("deficiency").date == D(2024, 4, 12)
    assert tl.first("deficiency").day_count == 30
    assert tl.first("below_bid_streak_started").date == D(2024, 3, 1)
    # notice (estimated) Apr 15 (Mon); Apr 15 + 180 = Sat Oct 12, 2024 -> next session Mon Oct 14
    # (Apr 15->30: 15, May 31: 46, Jun 30: 76, Jul 31: 107, Aug 31: 138, Sep 30: 168, Oct 12: 180)
    assert tl.first("notice").date == D(2024, 4, 15) and tl.first("notice").estimated
    assert tl.status == "deficient" and tl.deadline == D(2024, 10, 14)
    assert tl.days_remaining == 167  # Apr 30 -> Oct 14: 0 + 31 + 30 + 31 + 31 + 30 + 14 = 167


def test_30th_business_day_across_juneteenth() -> None:
    # from Thu Jun 1, 2023: Jun 1-2 (2), 5-9 (7), 12-16 (12), 20-23 (16; Juneteenth Jun 19 closed),
    # 26-30 (21), Jul 3 (22), Jul 5-7 (25; Jul 4 closed), Jul 10-14 (30) -> Jul 14, 2023
    px = closes("2023-05-01", "2023-07-31", ("2023-06-01", 0.9))
    tl = check_compliance(px, rules.get("nasdaq-capital", as_of="2023-07-14"))
    assert tl.first("deficiency").date == D(2023, 7, 14)


def test_streak_across_hurricane_sandy() -> None:
    # from Mon Oct 15, 2012: Oct 15-19 (5), 22-26 (10), [Oct 29-30 closed], Oct 31 (11), Nov 1-2 (13),
    # 5-9 (18), 12-16 (23), 19-21 (26), [Nov 22 closed], 23 (27), 26-28 (30) -> Nov 28, 2012
    px = closes("2012-10-01", "2012-12-31", ("2012-10-15", 0.7))
    tl = check_compliance(px, rules.get("nasdaq-capital", as_of="2012-11-28"))
    assert tl.first("deficiency").date == D(2012, 11, 28)
    assert not tl.caveats


def test_closes_dated_on_a_closure_are_dropped_with_a_caveat() -> None:
    px = closes("2012-10-01", "2012-12-31", ("2012-10-15", 0.7))
    vendor = pd.concat([px, pd.Series([0.7, 0.7], index=pd.to_datetime(["2012-10-29", "2012-10-30"]))]).sort_index()
    tl = check_compliance(vendor, rules.get("nasdaq-capital", as_of="2012-11-28"))
    assert tl.first("deficiency").date == D(2012, 11, 28)  # the two rows do not count
    assert any("did not trade" in c for c in tl.caveats)


def test_missing_session_takes_previous_close() -> None:
    px = closes("2024-02-01", "2024-04-30", ("2024-03-01", 0.6)).drop(pd.Timestamp("2024-03-13"))
    tl = check_compliance(px, rules.get("nasdaq-capital", as_of="2024-04-12"))
    assert tl.first("deficiency").date == D(2024, 4, 12)
    assert any("took the previous close" in c for c in tl.caveats)


# ------------------------------------------------------------ periods
def test_notice_may_25_2012_deadline_nov_21_2012() -> None:
    # rules.md §0: notice May 25, 2012 -> Nov 21, 2012 (180 calendar days:
    # May 25->31: 6, Jun 30: 36, Jul 31: 67, Aug 31: 98, Sep 30: 128, Oct 31: 159, Nov 21: 180)
    px = closes("2012-03-01", "2012-08-01", ("2012-04-02", 0.5))
    tl = check_compliance(px, rules.get("nasdaq-capital", as_of="2012-05-25"), notice_date="2012-05-25")
    notice = tl.first("notice")
    assert notice.date == D(2012, 5, 25) and not notice.estimated
    assert tl.deadline == D(2012, 11, 21)
    assert tl.first("compliance_period_deadline").day_count == 180
    assert tl.days_remaining == 112  # Aug 1 -> Nov 21: 30 + 30 + 31 + 21


def test_neotherapeutics_90_day_rule_2002() -> None:
    # NEOT: below $1 from late April 2002 (input: from May 1). 30 business days from May 1, 2002: May 1-3 (3), 6-10 (8),
    # 13-17 (13), 20-24 (18), [May 27 closed], 28-31 (22), Jun 3-7 (27), Jun 10-12 (30) -> Jun 12, 2002,
    # the notice date. NNM 2002: 90 days -> Sep 10, 2002 (Jun 12->30: 18, Jul 31: 49, Aug 31: 80, Sep 10: 90).
    px = closes("2002-04-01", "2002-10-31", ("2002-05-01", 0.80), ("2002-07-12", 0.17), ("2002-09-06", 4.25))
    nnm = rules.get("nasdaq-national-market", as_of=D(2002, 6, 12))
    tl = check_compliance(
        px, nnm, splits=[(D(2002, 9, 6), SplitRatio.parse("1-for-25"))], notice_date=D(2002, 6, 12), as_of="2002-09-09"
    )
    assert tl.first("deficiency").date == D(2002, 6, 12)
    assert tl.status == "deficient" and tl.deadline == D(2002, 9, 10)
    assert tl.first("split_effective").date == D(2002, 9, 6)
    assert "close $0.17 before, $4.25" in tl.first("split_effective").description
    # 10 business days at $1 from Sep 6: Sep 6 (1), 9-13 (6), 16-19 (10) -> Sep 19, after Sep 10:
    # the 90-day National Market period ends uncured; determination the next session, Sep 11, 2002.
    later = check_compliance(px, nnm, splits=[("2002-09-06", "1-for-25")], notice_date="2002-06-12")
    assert later.status == "delisting_determination"
    assert later.last("delisting_determination").date == D(2002, 9, 11)
    assert later.last("delisting_determination").estimated
    # On the SmallCap (the 2002 pilot, 180 days) the same notice runs to Dec 9, 2002 (rules.md §4)
    # and the split cures on Sep 19, 2002.
    sc = check_compliance(px, rules.get("nasdaq-smallcap", as_of="2002-06-12"), notice_date="2002-06-12")
    assert sc.first("compliance_period_deadline").date == D(2002, 12, 9)
    assert sc.first("compliance_regained").date == D(2002, 9, 19)
    assert sc.status == "cured"


def test_second_period_on_the_capital_market() -> None:
    # deficiency Apr 12, 2024 (see Good Friday test), notice Apr 15, first period to Oct 12, 2024;
    # second 180 days to Apr 10, 2025 (Oct 12->31: 19, Nov 30: 49, Dec 31: 80, Jan 31: 111,
    # Feb 28: 139, Mar 31: 170, Apr 10: 180)
    px = closes("2024-02-01", "2024-12-31", ("2024-03-01", 0.6))
    tl = check_compliance(px, rules.get("nasdaq-capital", as_of="2024-04-12"))
    assert tl.status == "deficient" and tl.deadline == D(2025, 4, 14)  # Oct 14 + 180 = Sat Apr 12
    assert tl.first("second_period_deadline").estimated
    no_second = check_compliance(px, rules.get("nasdaq-capital", as_of="2024-04-12"), second_period=False)
    assert no_second.status == "delisting_determination"
    assert no_second.last("delisting_determination").date == D(2024, 10, 15)  # the session after Mon Oct 14
    gm = check_compliance(px, rules.get("nasdaq-global", as_of="2024-04-12"))
    assert gm.status == "delisting_determination"  # Global Market: no second period


# ------------------------------------------------------------ regain
#: Below $1 from Mon Jul 6, 2015 (deficiency Aug 14), $1.05 for the 9 sessions Aug 17-27, $0.99 on Aug 28.
NINE_DAYS_THEN_BELOW = (("2015-07-06", 0.8), ("2015-08-17", 1.05), ("2015-08-28", 0.99))


def test_nine_day_regain_fails_and_ten_day_succeeds() -> None:
    # below from Mon Jul 6, 2015: 30th business day Aug 14 (Jul 6-10, 13-17, 20-24, 27-31, Aug 3-7, 10-14).
    # At $1.05 Aug 17-27 (Aug 17-21, 24-27: 9 days), below on Aug 28, then at $1.05 again from Aug 31:
    # Aug 31, Sep 1-4 (5), [Sep 7 closed], Sep 8-11 (9), Sep 14 (10) -> regained Sep 14, 2015.
    px = closes("2015-06-01", "2015-10-30", *NINE_DAYS_THEN_BELOW, ("2015-08-31", 1.05))
    tl = check_compliance(px, rules.get("nasdaq-capital", as_of="2015-08-14"))
    assert tl.first("deficiency").date == D(2015, 8, 14)
    broken = tl.first("regain_streak_broken")
    assert broken.date == D(2015, 8, 28) and broken.day_count == 9
    assert "$0.99 below $1.00" in broken.description and "9 of the 10" in broken.description
    assert tl.first("compliance_regained").date == D(2015, 9, 14)
    # two streaks: the failed attempt (Aug 17, 9 days) and the one that regains (Aug 31, 10 days)
    starts = [(e.date, e.day_count) for e in tl.events if e.kind == "regain_streak_started"]
    assert starts == [(D(2015, 8, 17), 9), (D(2015, 8, 31), 10)]
    assert tl.status == "cured" and tl.deadline is None
    # exactly $1.00 counts: "at or above" (rules.md §1 row 4)
    at_one = check_compliance(px.where(px < 1.0, 1.0), rules.get("nasdaq-capital", as_of="2015-08-14"))
    assert at_one.first("compliance_regained").date == D(2015, 9, 14)


def test_staff_discretion_twenty_days_as_a_scenario() -> None:
    px = closes("2015-06-01", "2015-10-30", ("2015-07-06", 0.8), ("2015-08-17", 1.05))
    strict = rules.get("nasdaq-capital", as_of="2015-08-14").with_value("regain_days", 20)
    tl = check_compliance(px, strict)
    # 20 business days from Aug 17: Aug 17-21 (5), 24-28 (10), Aug 31-Sep 4 (15), Sep 8-11 (19), Sep 14 (20)
    assert tl.first("compliance_regained").date == D(2015, 9, 14)


# ------------------------------------------------------------ $0.10 rule
def test_dime_rule_after_sep_1_2020() -> None:
    # below from Tue Sep 1, 2020: 30th business day Oct 13 (Sep 1-4, 8-11, 14-18, 21-25, Sep 28-Oct 2,
    # Oct 5-9, 12-13). Notice Oct 14 (est.). At $0.08 from Oct 14: 10 trading days Oct 14-16, 19-23,
    # 26-27 -> Oct 27, 2020: Staff Delisting Determination (5810(c)(3)(A)(iii)).
    px = closes("2020-08-03", "2020-12-31", ("2020-09-01", 0.5), ("2020-10-14", 0.08))
    tl = check_compliance(px, rules.get("nasdaq-capital", as_of="2020-10-13"))
    trigger = tl.first("low_price_trigger")
    assert trigger.date == D(2020, 10, 27) and trigger.day_count == 10
    assert "5810(c)(3)(A)(iii)" in trigger.cite
    assert tl.status == "delisting_determination"
    assert any("were not assessed" in c for c in tl.caveats)


def test_dime_rule_not_before_sep_1_2020() -> None:
    # 2019: below from Sep 3; 30th business day Oct 14, 2019; notice Oct 15; 180 days -> Apr 12, 2020
    # (Oct 15->31: 16, Nov 30: 46, Dec 31: 77, Jan 31: 108, Feb 29: 137, Mar 31: 168, Apr 12: 180).
    px = closes("2019-08-01", "2019-12-31", ("2019-09-03", 0.5), ("2019-10-15", 0.08))
    for rs in (rules.get("nasdaq-capital", as_of="2019-10-14"), rules.get("nasdaq-capital", as_of="2025-06-02")):
        tl = check_compliance(px, rs)
        assert tl.first("low_price_trigger") is None
        assert tl.status == "deficient" and tl.deadline == D(2020, 4, 13)  # + 180 = Sun Apr 12


# The $0.10 rule applies to companies first NOTIFIED on/after Sep 1, 2020 (rules.md §1 row 7): it goes by
# the case's notice date, not its deficiency date, whichever way the rules are given.
DIME_JUDGES = ("nasdaq-capital", rules.get("nasdaq-capital", as_of="2020-08-31"))


@pytest.mark.parametrize("judge", DIME_JUDGES, ids=["by-name", "fixed-aug-31"])
@pytest.mark.parametrize("notice", [None, "2020-09-01"], ids=["estimated", "given"])
def test_dime_rule_by_notice_date_deficiency_aug_31_2020(judge: object, notice: str | None) -> None:
    # below ($0.50) from Tue Jul 21, 2020: Jul 21-24 (4), 27-31 (9), Aug 3-7 (14), 10-14 (19), 17-21 (24),
    # 24-28 (29), Mon Aug 31 (30) -> deficiency Aug 31, 2020 (before Sep 1); notice Tue Sep 1 (given, or
    # estimated: the next session). $0.09 from Thu Oct 1: Oct 1-2 (2), 5-9 (7), 12-14 (10; Columbus Day
    # Oct 12 is a session) -> 10th trading day at or below $0.10 on Oct 14, 2020, inside the period
    # (deadline Sep 1 + 180 = Feb 28, 2021).
    px = closes("2020-06-01", "2020-12-31", ("2020-07-21", 0.5), ("2020-10-01", 0.09))
    tl = check_compliance(px, judge, notice_date=notice)  # type: ignore[arg-type]
    assert tl.first("deficiency").date == D(2020, 8, 31)
    assert tl.first("notice").date == D(2020, 9, 1)
    trigger = tl.first("low_price_trigger")
    assert trigger is not None and trigger.date == D(2020, 10, 14) and trigger.day_count == 10
    assert "5810(c)(3)(A)(iii)" in trigger.cite
    assert tl.status == "delisting_determination"
    assert tl.first("delisting_determination").date == D(2020, 10, 14)


@pytest.mark.parametrize("judge", DIME_JUDGES, ids=["by-name", "fixed-aug-31"])
def test_dime_rule_not_for_a_notice_before_sep_1_2020(judge: object) -> None:
    # below ($0.50) from Fri Jul 10, 2020: Jul 10 (1), 13-17 (6), 20-24 (11), 27-31 (16), Aug 3-7 (21),
    # 10-14 (26), 17-20 (30) -> deficiency Thu Aug 20, 2020; notice given Mon Aug 24 (before Sep 1).
    # $0.09 from Oct 1 (as above) does not trigger: the case stays open to Aug 24 + 180 = Feb 20, 2021
    # (Aug 24->31: 7, Sep 30: 37, Oct 31: 68, Nov 30: 98, Dec 31: 129, Jan 31: 160, Feb 20: 180).
    px = closes("2020-06-01", "2020-12-31", ("2020-07-10", 0.5), ("2020-10-01", 0.09))
    tl = check_compliance(px, judge, notice_date="2020-08-24")  # type: ignore[arg-type]
    assert tl.first("deficiency").date == D(2020, 8, 20)
    assert tl.first("notice").date == D(2020, 8, 24) and not tl.first("notice").estimated
    assert tl.first("low_price_trigger") is None
    assert tl.status == "deficient" and tl.deadline == D(2021, 2, 22)  # + 180 = Sat Feb 20


def test_dime_rule_override_is_kept_for_any_notice() -> None:
    # a scenario override (with_value) is not keyed by the notice date: the Aug 20 / Aug 24 case above
    # with a $0.10 threshold and 10 days set by hand triggers on Oct 14, 2020 (Oct 1-14: 10 sessions)
    px = closes("2020-06-01", "2020-12-31", ("2020-07-10", 0.5), ("2020-10-01", 0.09))
    rs = rules.get("nasdaq-capital", as_of="2020-08-20").with_value("low_price_threshold", Decimal("0.10"))
    tl = check_compliance(px, rs.with_value("low_price_days", 10), notice_date="2020-08-24")
    assert tl.first("low_price_trigger").date == D(2020, 10, 14)


# ------------------------------------------------------------ split bars
def test_1_for_25_then_1_for_10_within_two_years_no_compliance_period() -> None:
    # below from Mon Oct 3, 2022: 30th business day Nov 11, 2022 (Oct 3-7, 10-14, 17-21, 24-28,
    # Oct 31-Nov 4, Nov 7-11). Reverse splits 1-for-25 (Mar 1, 2021) and 1-for-10 (Jun 1, 2022) fall in
    # the prior 730 days (from Nov 11, 2020): 25 x 10 = 250 >= 250 -> no compliance period.
    px = closes("2022-07-01", "2022-12-30", ("2022-10-03", 0.8))
    cm = rules.get("nasdaq-capital", as_of="2022-11-11")
    both = [("2021-03-01", "1-for-25"), ("2022-06-01", "1-for-10")]
    tl = check_compliance(px, cm, splits=both)
    det = tl.last("delisting_determination")
    assert det.date == D(2022, 11, 14)  # the (estimated) notice date, Mon after Fri Nov 11
    assert "250" in det.description and "5810(c)(3)(A)(iv)" in det.cite
    assert tl.first("compliance_period_deadline") is None
    assert tl.status == "delisting_determination"
    one = check_compliance(px, cm, splits=both[1:])
    assert one.status == "deficient" and one.first("compliance_period_deadline") is not None


@pytest.mark.parametrize(("notice", "barred"), [("2020-09-01", True), ("2020-08-31", False)])
def test_250_to_1_bar_goes_by_the_notice_date(notice: str, barred: bool) -> None:
    # rules.md §1 row 8: the 250:1 test has the dates of row 7 (first notified on/after Sep 1, 2020).
    # Below ($0.50) from Tue Jul 21, 2020 -> deficiency Mon Aug 31, 2020 (counted in the $0.10 test above).
    # Reverse splits 1-for-25 (Jan 2, 2019) and 1-for-10 (Mar 2, 2020) lie in the prior 730 days
    # (from Sep 1, 2018): 25 x 10 = 250. Notice Sep 1 -> no compliance period, a Delisting Determination
    # on the notice date; notice Aug 31 (before Sep 1) -> the 180-day period, to Feb 27, 2021
    # (Aug 31->Sep 30: 30, Oct 31: 61, Nov 30: 91, Dec 31: 122, Jan 31: 153, Feb 27: 180). Both ways the
    # 730-day window runs back from the deficiency day.
    px = closes("2020-06-01", "2020-12-31", ("2020-07-21", 0.5))
    splits = [("2019-01-02", "1-for-25"), ("2020-03-02", "1-for-10")]
    tl = check_compliance(px, "nasdaq-capital", splits=splits, notice_date=notice)
    assert tl.first("deficiency").date == D(2020, 8, 31)
    if barred:
        det = tl.first("delisting_determination")
        assert det.date == D(2020, 9, 1) and "250" in det.description
        assert tl.first("compliance_period_deadline") is None
    else:
        assert tl.status == "deficient" and tl.deadline == D(2021, 3, 1)  # + 180 = Sat Feb 27


def test_any_reverse_split_in_prior_year_after_jan_17_2025() -> None:
    # below from Mon Jun 2, 2025: Jun 2-6 (5), 9-13 (10), 16-18 (13), [Jun 19 closed], 20 (14),
    # 23-27 (19), 30 (20), Jul 1-3 (23), [Jul 4], 7-11 (28), 14-15 (30) -> Jul 15, 2025; notice Jul 16.
    px = closes("2025-04-01", "2025-08-29", ("2025-06-02", 0.7))
    cm = rules.get("nasdaq-capital", as_of="2025-07-15")
    tl = check_compliance(px, cm, splits=[("2025-03-03", "1-for-5")])
    assert tl.status == "delisting_determination"
    assert tl.last("delisting_determination").date == D(2025, 7, 16)
    assert "prior year" in tl.last("delisting_determination").description
    older = check_compliance(px, cm, splits=[("2024-06-03", "1-for-5")])  # more than a year before Jul 15, 2025
    assert older.status == "deficient"


def test_one_year_bar_not_applied_before_jan_17_2025() -> None:
    # below from Mon Nov 25, 2024: Nov 25-27 (3), [28], 29 (4), Dec 2-6 (9), 9-13 (14), 16-20 (19),
    # 23-24 (21), [25], 26-27 (23), 30-31 (25), [Jan 1], Jan 2-3 (27), 6-8 (30) -> Jan 8, 2025.
    # Notice: next session Jan 10 (Jan 9, 2025 closed, national day of mourning).
    px = closes("2024-10-01", "2025-02-28", ("2024-11-25", 0.7))
    tl = check_compliance(px, rules.get("nasdaq-capital", as_of="2025-06-02"), splits=[("2024-08-01", "1-for-5")])
    assert tl.first("deficiency").date == D(2025, 1, 8)
    assert tl.first("notice").date == D(2025, 1, 10)
    assert tl.status == "deficient"


def test_rules_by_name_use_the_rules_of_each_deficiency_date() -> None:
    px = closes("2019-08-01", "2019-12-31", ("2019-09-03", 0.5), ("2019-10-15", 0.08))
    tl = check_compliance(px, "Nasdaq CM")
    assert tl.rules_name == "nasdaq-capital" and tl.deadline == D(2020, 4, 13)


# ------------------------------------------------------------ Oct 2024 rule
def _cure_split_case() -> pd.Series:
    # below from Mon Feb 3, 2025: 30th business day Mar 17, 2025 (Feb 3-7, 10-14, [17], 18-21, 24-28,
    # Mar 3-7, 10-14, 17). Notice Mar 18; first period to Sep 14, 2025 (13 + 30 + 31 + 30 + 31 + 31 + 14).
    # 1-for-4 split effective May 1, 2025: $0.50 -> $2.00; 10 business days May 1-2, 5-9, 12-14 -> May 14.
    return closes("2025-01-02", "2025-07-01", ("2025-02-03", 0.5), ("2025-05-01", 2.0))


def _cure_split_timeline(**checks: object) -> ComplianceTimeline:
    """``check_compliance`` of :func:`_cure_split_case` with its 1-for-4 split, other standards per ``checks``."""
    return check_compliance(
        _cure_split_case(),
        rules.get("nasdaq-capital", as_of="2025-03-17"),
        splits=[("2025-05-01", "1-for-4")],
        **checks,
    )


def test_split_breaking_publicly_held_shares_does_not_cure() -> None:
    # rules.md §2 worked example: 1,600,000 publicly held shares, 1-for-4 -> 400,000 < 500,000.
    cap = CapitalStructure(outstanding=1_600_000, price=Decimal("0.50"))
    tl = _cure_split_timeline(structure=cap, holders={"public_holders": 450})
    breach = tl.first("split_breaks_other_standard")
    assert breach.date == D(2025, 5, 1)
    assert "publicly held shares 400,000 < 500,000" in breach.description
    assert "MVPHS $ 800,000.00 < 1,000,000" in breach.description  # 400,000 x $2.00, to the cent
    assert tl.first("compliance_regained") is None
    assert tl.status == "deficient" and tl.deadline == D(2025, 9, 15)  # + 180 = Sun Sep 14


def test_split_keeping_other_standards_cures() -> None:
    cap = CapitalStructure(outstanding=3_000_000, price=Decimal("0.50"))  # 750,000 after; MVPHS $1.5M
    tl = _cure_split_timeline(structure=cap, holders={"public_holders": 450})
    assert tl.first("split_breaks_other_standard") is None
    assert tl.first("compliance_regained").date == D(2025, 5, 14)
    unchecked = _cure_split_timeline()
    assert unchecked.status == "cured"
    assert any("pass structure= and holders=" in c for c in unchecked.caveats)


def test_holder_count_breach_from_a_holdings_result_like_object() -> None:
    class Totals:
        holders_after = 500
        public_holders_after = 250  # < 300 (5550(a)(3))
        round_lot_holders_after = 200
        public_shares_after = 900_000

    class Result:
        totals = Totals()

    tl = _cure_split_timeline(holders=Result())
    assert "public holders 250 < 300" in tl.first("split_breaks_other_standard").description


# ------------------------------------------------------------ moratorium
def test_moratorium_sep_27_2001_to_jan_2_2002() -> None:
    # below from Sep 4, 2001: Sep 4-7 (4), 10 (5), [Sep 11-14 closed], 17-21 (10), 24-26 (13), then the
    # moratorium from Sep 27: no deficiency. Counting restarts Jan 2, 2002: Jan 2-4 (3), 7-11 (8),
    # 14-18 (13), [Jan 21], 22-25 (17), Jan 28-Feb 1 (22), Feb 4-8 (27), 11-13 (30) -> Feb 13, 2002.
    px = closes("2001-08-01", "2002-03-28", ("2001-09-04", 0.5))
    with pytest.warns(RuleUncertainWarning, match="2001 moratorium"):  # Jan 2, 2002 counts: a flagged reading
        tl = check_compliance(px, rules.get("nasdaq-national-market", as_of="2002-02-13"))
    assert any("2002-01-02 is counted" in c and "UNCERTAIN" in c for c in tl.caveats)
    assert any(u.startswith("end of the 2001 moratorium: reading:") for u in tl.uncertain)
    assert tl.first("moratorium").date == D(2001, 9, 27)
    assert tl.first("deficiency").date == D(2002, 2, 13)


def test_moratorium_drops_a_pending_case() -> None:
    # below from Jul 2, 2001: 30th business day Aug 13, 2001 (Jul 2-3, [4], 5-6, 9-13, 16-20, 23-27,
    # Jul 30-Aug 3, 6-10, 13); the 90-day period would run past Sep 27 -> dropped on Sep 27.
    px = closes("2001-06-01", "2001-12-31", ("2001-07-02", 0.5))
    tl = check_compliance(px, rules.get("nasdaq-national-market", as_of="2001-08-13"))
    assert tl.first("deficiency").date == D(2001, 8, 13)
    assert tl.first("case_dropped").date == D(2001, 9, 27)
    assert tl.status == "compliant"  # the data ends inside the moratorium: nothing counts until Jan 2, 2002


# ------------------------------------------------------------ NYSE
def test_nyse_month_end_cure() -> None:
    # NYSE 802.01C. At $0.80 from Jan 2, 2024: the 30-trading-day average first exists and is below $1
    # on the 30th session, Feb 13, 2024 (Jan 2-5, 8-12, [15], 16-19, 22-26, Jan 29-Feb 2, 5-9, 12-13).
    # Notice Feb 14; intent to cure within 10 business days: Feb 15-16, [19], 20-23, 26-29 -> Feb 29.
    # Period: 6 months -> Aug 14, 2024. At $1.50 from Apr 1: Apr 30 is the last trading day of April;
    # the 30 sessions ending Apr 30 are 22 at $1.50 (Apr 1-30) and 8 at $0.80: average
    # (33.0 + 6.4) / 30 = 1.3133 >= 1 -> cured Apr 30, 2024. Feb 29 and Mar 28 (Mar 29 Good Friday)
    # month-end tests fail.
    px = closes("2024-01-02", "2024-06-28", ("2024-04-01", 1.5), first=0.8)
    tl = check_compliance(px, rules.get("nyse", as_of="2024-02-13"))
    assert tl.first("deficiency").date == D(2024, 2, 13)
    assert tl.first("intent_to_cure_due").date == D(2024, 2, 29)
    assert tl.first("compliance_period_deadline").date == D(2024, 8, 14)
    assert [e.date for e in tl.events if e.kind == "cure_test"] == [D(2024, 2, 29), D(2024, 3, 28)]
    assert tl.first("compliance_regained").date == D(2024, 4, 30)
    assert tl.status == "cured"


def test_nyse_month_end_average_still_below() -> None:
    # At $1.50 only from Apr 25: Apr 30 average = (4 x 1.50 + 26 x 0.80) / 30 = 0.893 < 1 -> fails.
    # May 31: the 30 sessions are May's 22 ([27] closed) and Apr 19-30's 8, of which Apr 25, 26, 29, 30
    # at $1.50: (26 x 1.50 + 4 x 0.80) / 30 = 1.4067 -> cured May 31, 2024.
    px = closes("2024-01-02", "2024-06-28", ("2024-04-25", 1.5), first=0.8)
    tl = check_compliance(px, rules.get("nyse", as_of="2024-02-13"))
    assert D(2024, 4, 30) in [e.date for e in tl.events if e.kind == "cure_test"]
    assert tl.first("compliance_regained").date == D(2024, 5, 31)


def test_nyse_uncured_period() -> None:
    px = closes("2024-01-02", "2024-09-30", first=0.8)
    tl = check_compliance(px, rules.get("nyse", as_of="2024-02-13"), as_of="2024-08-01")
    assert tl.status == "deficient" and tl.deadline == D(2024, 8, 14) and tl.days_remaining == 13
    expired = check_compliance(px, rules.get("nyse", as_of="2024-02-13"))
    assert expired.status == "delisting_determination"
    assert expired.last("delisting_determination").date == D(2024, 8, 15)


def test_nyse_one_year_bar_from_jan_15_2025() -> None:
    px = closes("2025-04-01", "2025-08-29", ("2025-06-02", 0.7))
    tl = check_compliance(px, rules.get("nyse", as_of="2025-07-15"), splits=[("2025-03-03", "1-for-5")])
    assert tl.status == "delisting_determination"
    assert "804.00" in tl.last("delisting_determination").description


# ------------------------------------------------------------ NYSE American
def test_nyse_american_is_discretionary_and_200_to_1_bar_warns_uncertain() -> None:
    px = closes("2024-01-02", "2025-12-31", ("2024-06-03", 0.3))
    amer = rules.get("nyse-american", as_of="2025-09-02")
    with pytest.warns(RuleUncertainWarning, match="UNCERTAIN"):
        tl = check_compliance(px, amer, splits=[("2024-03-01", "1-for-20"), ("2025-09-02", "1-for-10")])
    assert tl.status == "delisting_determination"  # 20 x 10 = 200 >= 200 over two years
    assert tl.last("delisting_determination").date == D(2025, 9, 2)
    assert tl.uncertain and any("1003" in u for u in tl.uncertain)
    with pytest.warns(RuleUncertainWarning):
        calm = check_compliance(px, amer)
    assert calm.status == "discretionary"
    assert any("no numeric price test" in c for c in calm.caveats)


def test_uncertain_compliance_period_warns() -> None:
    # the 2005-2010 Capital Market period is carried forward, not sourced (flagged UNCERTAIN)
    px = closes("2008-01-02", "2008-06-30", ("2008-02-01", 0.5))
    with pytest.warns(RuleUncertainWarning, match="compliance_period_days"):
        tl = check_compliance(px, rules.get("nasdaq-capital", as_of="2008-03-14"))
    assert tl.status == "deficient"


def test_certain_rules_do_not_warn() -> None:
    px = closes("2024-02-01", "2024-04-30", ("2024-03-01", 0.6))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tl = check_compliance(px, rules.get("nasdaq-capital", as_of="2024-04-12"))
    assert tl.uncertain == ()


# ------------------------------------------------------------ status and output
def test_below_streak_and_compliant_status() -> None:
    # Feb 1-2, 5-9, 12-16, [19], 20-23, 26-29, Mar 1: 21 sessions at $1.50; Mar 4-8: 5 below (26 in all)
    px = closes("2024-02-01", "2024-03-08", ("2024-03-04", 0.9))
    tl = check_compliance(px, rules.get("nasdaq-capital", as_of="2024-03-08"))
    assert tl.status == "below_bid_streak" and tl.below_streak == 5 and tl.above_streak == 0
    assert tl.first("below_bid_streak_started").day_count == 5
    ok = check_compliance(closes("2024-02-01", "2024-03-08"), rules.get("nasdaq-capital", as_of="2024-03-08"))
    assert ok.status == "compliant" and ok.events == () and ok.above_streak == 26


def test_as_of_cuts_later_closes() -> None:
    px = closes("2015-06-01", "2015-10-30", ("2015-07-06", 0.8), ("2015-08-17", 1.05))
    tl = check_compliance(px, rules.get("nasdaq-capital", as_of="2015-08-14"), as_of="2015-08-20")
    assert tl.status == "deficient" and tl.as_of == D(2015, 8, 20) and tl.last_date == D(2015, 8, 20)


def test_timeline_frame_json_and_display() -> None:
    px = closes("2024-02-01", "2024-04-30", ("2024-03-01", 0.6))
    tl = check_compliance(px, rules.get("nasdaq-capital", as_of="2024-04-12"))
    frame = tl.to_frame()
    assert list(frame.columns) == ["date", "kind", "days", "estimated", "description", "cite"]
    assert list(frame["kind"]) == list(tl.kinds())
    data = json.loads(dumps(tl))
    assert data["status"] == "deficient" and data["deadline"] == "2024-10-14"
    assert "deficient" in str(tl) and "<table" in tl._repr_html_()


def test_inputs_not_mutated() -> None:
    px = closes("2015-06-01", "2015-10-30", ("2015-07-06", 0.8), ("2015-08-17", 1.05))
    before = px.copy()
    splits = [("2015-09-01", "1-for-2")]
    check_compliance(px, rules.get("nasdaq-capital", as_of="2015-08-14"), splits=splits)
    pd.testing.assert_series_equal(px, before)
    assert splits == [("2015-09-01", "1-for-2")]


def test_price_frame_with_attrs_splits() -> None:
    frame = closes("2022-07-01", "2022-12-30", ("2022-10-03", 0.8)).to_frame("close")
    frame.attrs["splits"] = [(D(2021, 3, 1), SplitRatio(1, 25)), (D(2022, 6, 1), SplitRatio(1, 10))]
    tl = check_compliance(frame, rules.get("nasdaq-capital", as_of="2022-11-11"))
    assert tl.status == "delisting_determination"
    assert any("attrs['splits']" in c for c in tl.caveats)


def test_split_adjusted_prices_are_refused_or_flagged() -> None:
    px = closes("2022-07-01", "2022-12-30", ("2022-10-03", 0.8))
    adjusted = px.copy()
    adjusted.attrs["adjustment"] = "split_adjusted"
    with pytest.raises(InvalidPrices, match="split-adjusted"):
        check_compliance(adjusted, rules.get("nasdaq-capital", as_of="2022-11-11"))
    flat = check_compliance(px, rules.get("nasdaq-capital", as_of="2022-11-11"), splits=[("2022-08-01", "1-for-10")])
    assert any("split-adjusted" in c for c in flat.caveats)  # no jump at the 1-for-10


@pytest.mark.parametrize(
    ("series", "match"),
    [
        (pd.Series([1.0, 1.0], index=pd.to_datetime(["2024-01-02", "2024-01-02"])), "two closes"),
        (pd.Series([1.0, -1.0], index=pd.to_datetime(["2024-01-02", "2024-01-03"])), "non-positive"),
        (pd.Series([1.0, 1.0], index=["a", "b"]), "indexed by date"),
        (pd.Series(["x", "y"], index=pd.to_datetime(["2024-01-02", "2024-01-03"])), "numbers"),
        (pd.Series([1.0], index=pd.to_datetime(["2024-01-02"])).iloc[:0], "no closes"),
    ],
)
def test_bad_closes(series: pd.Series, match: str) -> None:
    with pytest.raises(InvalidPrices, match=match):
        check_compliance(series, rules.get("nasdaq-capital", as_of="2024-01-02"))


def test_name_follows_the_tier_back_to_its_2002_name() -> None:
    # A history from 2002 to 2007 under the name "nasdaq-global" (Global Market from Jul 1, 2006):
    # 2002: below from May 1 -> 30th business day Jun 12 (see the NEOT test), given notice Jun 12; the
    #   Global Market was the National Market then: 90 days -> Sep 10, 2002. At $1.20 from Aug 1:
    #   Aug 1-2 (2), 5-9 (7), 12-14 (10) -> regained Aug 14, 2002.
    # 2007: below from Thu Mar 1: Mar 1-2 (2), 5-9 (7), 12-16 (12), 19-23 (17), 26-30 (22), Apr 2-5 (26;
    #   Good Friday Apr 6 closed), 9-12 (30) -> Apr 12, 2007; notice Apr 13; Global Market: 180 days ->
    #   Oct 10, 2007 (Apr 13->30: 17, May 31: 48, Jun 30: 78, Jul 31: 109, Aug 31: 140, Sep 30: 170, Oct 10: 180).
    px = closes("2002-04-01", "2007-06-29", ("2002-05-01", 0.80), ("2002-08-01", 1.20), ("2007-03-01", 0.80))
    with pytest.warns(RuleUncertainWarning):  # the 2005-2010 period is carried forward (UNCERTAIN)
        tl = check_compliance(px, "nasdaq-global", notice_date="2002-06-12")
    assert [e.date for e in tl.events if e.kind == "compliance_period_deadline"] == [D(2002, 9, 10), D(2007, 10, 10)]
    assert tl.first("compliance_regained").date == D(2002, 8, 14)
    assert tl.status == "deficient" and tl.deadline == D(2007, 10, 10) and tl.tier == "Global Market"
    followed = [c for c in tl.caveats if "'nasdaq-national-market'" in c]
    assert len(followed) == 1 and tl.caveats[0] == followed[0]  # one line, first
    assert "did not exist under that name on 2002-06-12" in followed[0]


def test_name_of_a_tier_that_never_existed_over_the_closes_raises() -> None:
    # the National Market was renamed Global Market on Jul 1, 2006: 2025 closes are not a long history
    px = closes("2025-01-02", "2025-06-30", ("2025-02-03", 0.5))
    with pytest.raises(NoRuleInForce, match=r"2025-01-02 to 2025-06-30.*use 'nasdaq-global'"):
        check_compliance(px, "nasdaq-national-market")
    with pytest.raises(NoRuleInForce, match="use 'nasdaq-national-market'"):
        check_compliance(closes("2002-04-01", "2002-08-30", ("2002-05-01", 0.80)), "nasdaq-global")
    # a RuleSet is taken as given (the caller chose its date)
    nnm = rules.get("nasdaq-national-market", as_of="2002-06-12")
    assert check_compliance(px, nnm).rules_name == "nasdaq-national-market"


# ------------------------------------------------------------ regain attempts
def test_failed_regain_attempts_are_recorded() -> None:
    # deficiency Aug 14, 2015 (below from Jul 6); notice Aug 17; deadline Feb 13, 2016.
    # At $1.05: Aug 17-27 (9 sessions), then $0.99 on Aug 28 -> attempt of 9, broken Aug 28;
    # Sep 1 alone (1 session: not recorded); Sep 8-9 (2; Sep 7 Labor Day), $0.99 on Sep 10 -> broken Sep 10;
    # from Oct 26 to the last close Oct 30: 5 sessions so far.
    px = closes(
        "2015-06-01",
        "2015-10-30",
        *NINE_DAYS_THEN_BELOW,
        ("2015-09-01", 1.05),
        ("2015-09-02", 0.99),
        ("2015-09-08", 1.05),
        ("2015-09-10", 0.99),
        ("2015-10-26", 1.05),
    )
    tl = check_compliance(px, rules.get("nasdaq-capital", as_of="2015-08-14"))
    starts = [(e.date, e.day_count) for e in tl.events if e.kind == "regain_streak_started"]
    assert starts == [(D(2015, 8, 17), 9), (D(2015, 9, 8), 2), (D(2015, 10, 26), 5)]
    broken = [(e.date, e.day_count) for e in tl.events if e.kind == "regain_streak_broken"]
    assert broken == [(D(2015, 8, 28), 9), (D(2015, 9, 10), 2)]
    assert "so far" in tl.last("regain_streak_started").description
    assert tl.status == "deficient" and tl.deadline == D(2016, 2, 16)  # Sat Feb 13 -> Tue Feb 16


def test_attempt_cut_by_the_end_of_the_period() -> None:
    # same deficiency, notice Aug 17, 2015 -> +180 = Sat Feb 13, 2016 (Aug 17->31: 14, Sep 30: 44,
    # Oct 31: 75, Nov 30: 105, Dec 31: 136, Jan 31: 167, Feb 13: 180); Mon Feb 15 Presidents' Day closed,
    # so the period ends on Tue Feb 16. At $1.05 from Mon Feb 8, 2016: Feb 8-12 and 16 = 6 sessions when the
    # period ends; no second period -> determination the next session, Wed Feb 17.
    px = closes("2015-06-01", "2016-03-31", ("2015-07-06", 0.8), ("2016-02-08", 1.05))
    tl = check_compliance(px, rules.get("nasdaq-capital", as_of="2015-08-14"), second_period=False)
    started = tl.first("regain_streak_started")
    assert (started.date, started.day_count) == (D(2016, 2, 8), 6)
    assert "when the compliance period ended" in started.description
    assert tl.first("regain_streak_broken") is None
    assert tl.last("delisting_determination").date == D(2016, 2, 17)
    deadline = tl.first("compliance_period_deadline")
    assert deadline.date == D(2016, 2, 16)
    assert "lands on Saturday 2016-02-13, not a trading day" in deadline.description


def test_deadline_on_a_weekend_moves_to_the_next_session_and_says_so() -> None:
    # Good Friday case: notice Apr 15, 2024 + 180 = Sat Oct 12, 2024 -> the period ends Mon Oct 14
    px = closes("2024-02-01", "2024-04-30", ("2024-03-01", 0.6))
    tl = check_compliance(px, rules.get("nasdaq-capital", as_of="2024-04-12"), second_period=False)
    assert tl.deadline == D(2024, 10, 14)
    text = tl.first("compliance_period_deadline").description
    assert "lands on Saturday 2024-10-12" in text and "next session, 2024-10-14" in text
    # notice May 25, 2012 -> Wed Nov 21, 2012: a session, nothing to move
    weekday = check_compliance(
        closes("2012-03-01", "2012-08-01", ("2012-04-02", 0.5)),
        rules.get("nasdaq-capital", as_of="2012-05-25"),
        notice_date="2012-05-25",
    )
    assert weekday.deadline == D(2012, 11, 21)
    text = weekday.first("compliance_period_deadline").description
    assert "(a trading day)" in text and "not a trading day" not in text


# ------------------------------------------- rules in force at a later step of a case
HOLDERS_SHORT = {"publicly_held_shares": 400_000, "public_holders": 1_000}  # < 500,000 publicly held shares


def test_a_split_after_oct_7_2024_meets_the_other_standard_rule_though_the_deficiency_was_before() -> None:
    # below $1 from Jul 1, 2024 (deficiency Aug 12, before the Oct 7, 2024 rule, rules.md §1 row 9), then a
    # 1-for-4 split on Nov 1, 2024 ($0.50 -> $2.00) that leaves 400,000 publicly held shares: the split is
    # judged by the rules in force on Nov 1, so it breaks another standard and does not cure.
    px = closes("2024-06-03", "2025-01-31", ("2024-07-01", 0.5), ("2024-11-01", 2.0))
    tl = check_compliance(px, "nasdaq-capital", splits=[("2024-11-01", "1-for-4")], holders=HOLDERS_SHORT)
    assert tl.first("deficiency").date == D(2024, 8, 12)
    breaks = tl.first("split_breaks_other_standard")
    assert breaks is not None and breaks.date == D(2024, 11, 1)
    assert tl.status != "cured" and tl.first("compliance_regained") is None
    # the same split a month before the rule took effect cures as before
    early = closes("2024-06-03", "2025-01-31", ("2024-07-01", 0.5), ("2024-09-03", 2.0))
    tl = check_compliance(early, "nasdaq-capital", splits=[("2024-09-03", "1-for-4")], holders=HOLDERS_SHORT)
    assert tl.first("split_breaks_other_standard") is None and tl.status == "cured"


def test_nyse_split_after_jan_15_2025_below_802_01a_is_a_determination_for_an_older_deficiency() -> None:
    px = closes("2024-10-01", "2025-04-30", ("2024-10-01", 0.5), ("2025-02-03", 5.0))
    tl = check_compliance(
        px,
        "nyse",
        splits=[("2025-02-03", "1-for-10")],
        holders={"publicly_held_shares": 100_000, "total_holders": 100},
    )
    assert tl.first("deficiency").date < D(2025, 1, 15)
    assert tl.status == "delisting_determination"
    determination = tl.first("delisting_determination")
    assert determination is not None and determination.date == D(2025, 2, 3)


def test_a_second_period_ending_after_jan_17_2025_loses_the_hearing_stay() -> None:
    # $0.50 throughout: the second 180-day period of a 2024 deficiency ends in 2025, under rules.md §1 row 11
    px = closes("2024-02-01", "2025-06-30", ("2024-02-01", 0.5))
    tl = check_compliance(px, "nasdaq-capital")
    determination = tl.first("delisting_determination")
    assert determination is not None and determination.date > D(2025, 1, 17)
    assert "does not stay suspension" in determination.description


def test_a_case_dropped_by_the_2001_moratorium_has_no_deadline() -> None:
    # deficiency Aug 13, 2001, notice Aug 14 (90 days -> Nov 12, 2001); the Sep 27, 2001 moratorium drops it
    px = closes("2001-06-01", "2002-04-30", ("2001-07-02", 0.5), first=2.0)
    with pytest.warns(RuleUncertainWarning, match="2001 moratorium"):
        tl = check_compliance(px, "nasdaq-national-market")
    assert tl.first("case_dropped").date == D(2001, 9, 27)
    deadlines = [e.date for e in tl.events if e.kind == "compliance_period_deadline"]
    assert D(2001, 11, 12) not in deadlines
    assert deadlines == [D(2002, 5, 15)]  # the new case: notice Feb 14, 2002 + 90 days


def test_nyse_intent_to_cure_counts_business_days_after_a_weekend_notice() -> None:
    # notice Sat Mar 16, 2024: Mar 18 (1) ... Mar 22 (5), Mar 25-28 (9), Good Friday closed, Apr 1 (10)
    px = closes("2024-01-02", "2024-05-31", ("2024-01-02", 0.5))
    for notice in ("2024-03-15", "2024-03-16"):  # Friday, Saturday: the same 10th business day
        tl = check_compliance(px, "nyse", notice_date=notice)
        due = tl.first("intent_to_cure_due")
        assert due is not None and due.date == D(2024, 4, 1), notice
