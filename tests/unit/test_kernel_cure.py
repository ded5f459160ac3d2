"""The kernel's cure, notification and intent-to-cure dates, against dates counted by hand on XNYS.

Expected dates are written out from the NYSE holiday calendar (and re-derived
with exchange_calendars' XNYS sessions), never by calling the kernel.
"""

from __future__ import annotations

import datetime as dt
import warnings

import exchange_calendars as xcals
import pytest
from hypothesis import given
from hypothesis import strategies as st

from splitcalc.compliance.kernel import (
    earliest_cure,
    in_prior_year,
    intent_to_cure_due,
    last_day_of_one_year_bar,
    notification_deadline,
)
from splitcalc.ratio import SplitRatio

D = dt.date
with warnings.catch_warnings():  # exchange_calendars' own pandas deprecation warnings
    warnings.simplefilter("ignore")
    SESSIONS = [ts.date() for ts in xcals.get_calendar("XNYS", start="2019-01-01", end="2026-12-31").sessions]


def _nth_session_from(first: dt.date, n: int) -> dt.date:
    """The ``n``-th XNYS session counting ``first`` (or the next session) as day 1."""
    later = [s for s in SESSIONS if s >= first]
    return later[n - 1]


@pytest.mark.parametrize(
    ("effective", "regain", "expected"),
    [
        # Fri Jun 30, 2023: Jun 30, Jul 3, (Jul 4 closed) Jul 5, 6, 7, 10, 11, 12, 13, 14
        (D(2023, 6, 30), 10, D(2023, 7, 14)),
        # Sat Jul 1, 2023: the first post-split session is Mon Jul 3; day 10 is Jul 17
        (D(2023, 7, 1), 10, D(2023, 7, 17)),
        # NYSE's 30 trading days from Mon Nov 4, 2024: Nov 4-8 (5), 11-15 (10), 18-22 (15),
        # 25, 26, 27, (Thanksgiving 28 closed) 29 (19), Dec 2-6 (24), 9-13 (29), Dec 16 (30)
        (D(2024, 11, 4), 30, D(2024, 12, 16)),
    ],
)
def test_earliest_cure_counts_sessions_from_the_first_post_split_session(
    effective: dt.date, regain: int, expected: dt.date
) -> None:
    assert expected == _nth_session_from(effective, regain)  # the hand count agrees with XNYS
    assert earliest_cure(effective, regain, "XNYS") == expected


@pytest.mark.parametrize("regain", [None, 0])
def test_earliest_cure_without_a_regain_rule_is_not_applicable(regain: int | None) -> None:
    assert earliest_cure(D(2023, 6, 30), regain) is None


@pytest.mark.parametrize(
    ("effective", "lead", "expected"),
    [
        # 5 business days before Mon Jan 22, 2024: Jan 19, 18, 17, 16, (Jan 15 MLK closed) Jan 12
        (D(2024, 1, 22), (5, "business"), D(2024, 1, 12)),
        # 2 business days before Mon Jul 8, 2024: Jul 5, (Jul 4 closed) Jul 3
        (D(2024, 7, 8), (2, "business"), D(2024, 7, 3)),
        # 10 calendar days before Mon Feb 10, 2025 (Rule 5250(e)(7) from Jan 30, 2025)
        (D(2025, 2, 10), (10, "calendar"), D(2025, 1, 31)),
        # 15 calendar days (before Nov 1, 2023) before Mon Oct 2, 2023: Sun Sep 17, not moved
        (D(2023, 10, 2), (15, "calendar"), D(2023, 9, 17)),
    ],
)
def test_notification_deadline(effective: dt.date, lead: tuple[int, str], expected: dt.date) -> None:
    if lead[1] == "business":
        before = [s for s in SESSIONS if s < effective]
        assert expected == before[-lead[0]]
    assert notification_deadline(effective, lead, "XNYS") == expected


def test_notification_deadline_without_a_rule_is_not_applicable() -> None:
    assert notification_deadline(D(2024, 1, 22), None) is None


@pytest.mark.parametrize(
    ("notice", "expected"),
    [
        # Fri Nov 22, 2024: Nov 25, 26, 27, (28 closed) 29, Dec 2, 3, 4, 5, 6, 9 -> the 10th is Dec 9
        (D(2024, 11, 22), D(2024, 12, 9)),
        # a notice dated Sat Nov 23, 2024 counts from the same first session (Nov 25)
        (D(2024, 11, 23), D(2024, 12, 9)),
        # Thu Jun 27, 2024: Jun 28, Jul 1, 2, 3, (4 closed) 5, 8, 9, 10, 11, 12 -> Jul 12
        (D(2024, 6, 27), D(2024, 7, 12)),
    ],
)
def test_intent_to_cure_due_is_ten_business_days_after_the_notice(notice: dt.date, expected: dt.date) -> None:
    assert expected == [s for s in SESSIONS if s > notice][9]
    assert intent_to_cure_due(notice, 10, "XNYS") == expected


def test_intent_to_cure_without_a_rule_is_not_applicable() -> None:
    assert intent_to_cure_due(D(2024, 11, 22), None) is None


@pytest.mark.parametrize(
    ("split_day", "expected"),
    [
        (D(2024, 3, 5), D(2025, 3, 4)),
        # Feb 29: a failure on Feb 28, 2025 looks back to (Feb 28, 2024, Feb 28, 2025], which holds Feb 29
        (D(2024, 2, 29), D(2025, 2, 28)),
        (D(2023, 12, 31), D(2024, 12, 30)),
    ],
)
def test_last_day_of_one_year_bar(split_day: dt.date, expected: dt.date) -> None:
    assert last_day_of_one_year_bar(split_day) == expected


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 12, 31)))
def test_last_day_of_one_year_bar_is_the_edge_of_the_one_year_window(split_day: dt.date) -> None:
    split = [(split_day, SplitRatio.parse("1:10"))]
    last = last_day_of_one_year_bar(split_day)
    assert in_prior_year(split, last) == split
    assert in_prior_year(split, last + dt.timedelta(days=1)) == []
