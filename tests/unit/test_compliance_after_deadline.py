"""After the deadline: hearing request within 7 days (5815(a)(1)), stay by era, panel exception limit.

Dates counted by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
import warnings

import pandas as pd
import pytest

from splitcalc import rules
from splitcalc.calendars import sessions_between
from splitcalc.compliance import EVENT_KINDS, check_compliance
from splitcalc.compliance.kernel import after_deadline
from splitcalc.errors import RuleUncertainWarning

D = dt.date


def closes(start: str, end: str, *changes: tuple[str, float], first: float = 1.5) -> pd.Series:
    days = pd.DatetimeIndex(sessions_between(start, end))
    series = pd.Series(first, index=days, dtype=float)
    for when, price in changes:
        series[days >= pd.Timestamp(when)] = price
    return series


def test_before_2025_a_hearing_request_stays_the_suspension() -> None:
    # determination Thu Jul 6, 2023: request by Jul 13; panel limit Jul 6 + 180 = Jan 2, 2024
    # (Jul 31: 25, Aug 31: 56, Sep 30: 86, Oct 31: 117, Nov 30: 147, Dec 31: 178, Jan 2: 180)
    a = after_deadline(D(2023, 7, 6), rules.get("nasdaq-capital", as_of="2023-07-06"), after_second_period=True)
    assert (a.hearing_request_by, a.stays_suspension, a.panel_exception_until) == (
        D(2023, 7, 13),
        True,
        D(2024, 1, 2),
    )
    assert any("5815(a)(1)" in c for c in a.cites) and not a.uncertain
    assert "stays the suspension" in a.describe()


def test_from_jan_17_2025_no_stay_after_the_second_period_or_a_recent_split() -> None:
    rs = rules.get("nasdaq-capital", as_of="2025-06-02")
    failed_second = after_deadline(D(2025, 6, 2), rs, after_second_period=True)
    assert failed_second.stays_suspension is False and "SR-NASDAQ-2024-045" not in failed_second.stay_reason
    assert "5815(a)(1)(B)" in failed_second.stay_reason
    recent = after_deadline(D(2025, 6, 2), rs, recent_split=True)
    assert recent.stays_suspension is False and "SR-NASDAQ-2024-045" in recent.stay_reason
    first_only = after_deadline(D(2025, 6, 2), rs)
    assert first_only.stays_suspension is True


def test_panel_exceptions_were_tolled_in_2020() -> None:
    # determination Mon Mar 2, 2020 + 180 = Aug 29, 2020; tolled Apr 16 - Jun 30 (76 days): Nov 13, 2020
    # (Aug 31: 2, Sep 30: 32, Oct 31: 63, Nov 13: 76)
    a = after_deadline(D(2020, 3, 2), rules.get("nasdaq-capital", as_of="2020-03-02"))
    assert a.panel_exception_until == D(2020, 11, 13)
    assert any("SR-NASDAQ-2020-021" in c for c in a.cites)


def test_nyse_steps_not_modelled_and_said_so() -> None:
    a = after_deadline(D(2024, 9, 3), rules.get("nyse", as_of="2024-09-03"))
    assert a.hearing_request_by is None and a.stays_suspension is None and a.panel_exception_until is None
    assert "not in the sources read" in a.stay_reason
    assert a.describe() == "hearing and appeal steps are not modelled for these rules"


def test_timeline_states_the_path_after_an_expired_period() -> None:
    # Good Friday case (test_compliance.py): notice Apr 15, 2024, period ends Mon Oct 14, 2024 (no second
    # period): determination Tue Oct 15; request by Oct 22 (stays: before Jan 17, 2025); panel limit
    # Oct 15 + 180 = Apr 13, 2025 (Oct 31: 16, Nov 30: 46, Dec 31: 77, Jan 31: 108, Feb 28: 136, Mar 31: 167)
    px = closes("2024-02-01", "2024-10-31", ("2024-03-01", 0.6))
    tl = check_compliance(px, "nasdaq-capital", second_period=False)
    assert {"hearing_request_due", "panel_exception_limit"} <= set(EVENT_KINDS)
    assert tl.last("delisting_determination").date == D(2024, 10, 15)
    request = tl.first("hearing_request_due")
    assert request.date == D(2024, 10, 22) and "stays the suspension" in request.description
    assert "5815(a)(1)" in request.cite and request.estimated
    assert tl.first("panel_exception_limit").date == D(2025, 4, 13)


def test_a_dime_determination_after_aug_22_2025_flags_the_pending_proposal() -> None:
    # below $1 from Jun 2, 2025, at $0.05 from Sep 2: the $0.10 run inside the period fires on Sep 15, 2025
    px = closes("2025-05-01", "2025-10-31", ("2025-06-02", 0.5), ("2025-09-02", 0.05))
    with pytest.warns(RuleUncertainWarning, match="SR-NASDAQ-2025-065"):  # the result relies on a pending change
        tl = check_compliance(px, "nasdaq-capital")
    assert tl.first("low_price_trigger").date == D(2025, 9, 15)  # Sep 2-5 (4), 8-12 (9), 15 (10)
    assert any("SR-NASDAQ-2025-065" in c and "UNCERTAIN" in c for c in tl.caveats)
    assert tl.first("hearing_request_due") is not None


def test_planned_split_states_the_path_with_dates() -> None:
    # CIK 727207's letter (tests/golden): notice Jan 5, 2023 -> period ends Wed Jul 5, 2023 (no second period);
    # determination the next session, Thu Jul 6 (the filing reports a determination letter of Jul 6, 2023);
    # hearing request by Jul 13. A 1-for-10 effective Tue Jul 11: 10th session Jul 11-14 (4), 17-21 (9), 24.
    from splitcalc.compliance import check_planned_split

    chk = check_planned_split("1-for-10", "2023-07-11", "nasdaq-capital", notice_date="2023-01-05", second_period=False)
    assert chk.deadlines is not None and chk.deadlines.final_deadline == D(2023, 7, 5)
    assert chk.earliest_cure == D(2023, 7, 24)
    assert chk.after_deadline is not None and chk.after_deadline.determination == D(2023, 7, 6)
    assert chk.after_deadline.hearing_request_by == D(2023, 7, 13) and chk.after_deadline.stays_suspension
    text = " ".join(chk.notes)
    assert "2023-07-24, after the period ends on 2023-07-05" in text
    assert "hearing request by 2023-07-13" in text
    frame = chk.to_frame()
    assert "if not cured: determination" in set(frame["item"])
    # without notice_date nothing changes
    plain = check_planned_split("1-for-10", "2023-07-11", "nasdaq-capital")
    assert plain.deadlines is None and plain.after_deadline is None


def test_the_pending_dime_rule_is_a_dated_rule_row() -> None:
    """SR-NASDAQ-2025-065 is a row of the rules dated from its filing (Aug 22, 2025), flagged, never applied."""
    from splitcalc import rules
    from splitcalc.compliance.kernel import after_deadline

    before = rules.get("nasdaq-capital", as_of="2025-08-21").no_stay_after_low_price
    pending = rules.get("nasdaq-capital", as_of="2025-08-22").no_stay_after_low_price
    assert not before.pending and before.value is False
    assert pending.pending and pending.value is False and "SR-NASDAQ-2025-065" in pending.cite
    # pending is not uncertain: results that do not reach a $0.10 determination do not name it
    in_force = rules.get("nasdaq-capital", as_of="2025-09-01")
    assert "no_stay_after_low_price" not in dict(in_force.uncertain_rules())
    rs = rules.get("nasdaq-capital", as_of="2025-09-01")
    on_eve = after_deadline(dt.date(2025, 8, 21), rs, low_price=True)
    on_day = after_deadline(dt.date(2025, 8, 22), rs, low_price=True)
    assert on_eve.stays_suspension and not on_eve.uncertain and not on_eve.notes
    assert on_day.stays_suspension and on_day.uncertain  # pending: the stay is kept, and the result says why
    assert any("SR-NASDAQ-2025-065" in n and "UNCERTAIN" in n and "90 FR 43251" in n for n in on_day.notes)
    # not a $0.10 determination: the pending row is not relied on
    assert not after_deadline(dt.date(2025, 9, 8), rs).uncertain
    # NYSE has no $0.10 rule: nothing pending
    nyse = after_deadline(dt.date(2025, 9, 8), rules.get("nyse", as_of="2025-09-08"), low_price=True)
    assert not any("2025-065" in n for n in nyse.notes)


def test_a_dime_determination_under_the_pending_rule_is_named_in_the_timeline() -> None:
    """The walk lists the pending row among what its result relies on, with its primary source in a caveat."""
    import pandas as pd

    days = pd.DatetimeIndex(sessions_between("2025-01-02", "2025-12-31"))
    px = pd.Series(1.5, index=days)
    px[days >= pd.Timestamp("2025-03-03")] = 0.6
    px[days >= pd.Timestamp("2025-08-25")] = 0.08  # ten sessions at or below $0.10: Sep 8, 2025
    with pytest.warns(RuleUncertainWarning, match="SR-NASDAQ-2025-065"):
        tl = check_compliance(px, "nasdaq-capital")
    assert tl.first("low_price_trigger") is not None
    assert any(u.startswith("no_stay_after_low_price:") for u in tl.uncertain)
    assert any("90 FR 43251" in c for c in tl.caveats)
    # a determination that is not the $0.10 rule's does not name it
    px2 = px.copy()
    px2[days >= pd.Timestamp("2025-08-25")] = 0.6
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tl2 = check_compliance(px2, "nasdaq-capital")
    assert not any("2025-065" in u for u in tl2.uncertain)
