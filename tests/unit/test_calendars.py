"""Business-day arithmetic, with expected dates counted by hand from a printed calendar."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from splitcalc import DateOutOfRange, InputError
from splitcalc import calendars as cal


@pytest.mark.parametrize(
    "day",
    ["2001-09-11", "2001-09-12", "2001-09-13", "2001-09-14", "2012-10-29", "2012-10-30", "2018-12-05",
     "2025-01-09", "2004-06-11", "2007-01-02", "2022-06-20", "2023-06-19", "2024-03-29"],
)  # fmt: skip
def test_closures_are_not_sessions(day: str) -> None:
    assert not cal.is_session(day)


def test_regular_days() -> None:
    assert cal.is_session("2001-09-17")
    assert cal.is_session("2021-06-18")  # Juneteenth not yet observed in 2021
    assert not cal.is_session("2024-03-30")  # Saturday


def test_offsets_and_counts() -> None:
    # Jan 2024: sessions Jan 2-5 (4), 8-12 (5), 16-19 (4, MLK Jan 15), 22-26 (5), 29-31 (3) = 21;
    # Feb 1-2 (2), 5-9 (5), 12-13 (2) -> the 30th session from Jan 2 is Feb 13.
    assert cal.session_offset("2024-01-02", 29) == dt.date(2024, 2, 13)
    assert cal.count_sessions("2024-01-02", "2024-02-13") == 30
    assert cal.count_sessions("2001-09-01", "2001-09-30") == 15
    assert cal.count_sessions("2024-02-13", "2024-01-02") == 0
    assert cal.session_offset("2024-02-13", -29) == dt.date(2024, 1, 2)
    assert cal.next_session("2001-09-10") == dt.date(2001, 9, 17)
    assert cal.previous_session("2001-09-17") == dt.date(2001, 9, 10)
    assert cal.date_to_session("2012-10-29") == dt.date(2012, 10, 31)
    assert cal.date_to_session("2012-10-29", "previous") == dt.date(2012, 10, 26)
    assert cal.sessions_between("2012-10-26", "2012-10-31") == [dt.date(2012, 10, 26), dt.date(2012, 10, 31)]


def test_date_parsing() -> None:
    assert cal.to_date(pd.Timestamp("2002-09-06")) == dt.date(2002, 9, 6)
    assert cal.to_date(np.datetime64("2002-09-06")) == dt.date(2002, 9, 6)
    assert cal.to_date(dt.datetime(2002, 9, 6, 15, 0)) == dt.date(2002, 9, 6)
    assert cal.to_date("2002-09-06 00:00:00-04:00") == dt.date(2002, 9, 6)
    for bad in ("06/09/2002x", "2025-10-011", "2025-13-01", ""):
        with pytest.raises(InputError, match="notice_date"):
            cal.to_date(bad, "notice_date")


def test_errors() -> None:
    with pytest.raises(DateOutOfRange):
        cal.is_session("1985-01-02")
    with pytest.raises(InputError, match="not a XNYS session"):
        cal.session_offset("2001-09-11", 1)
    with pytest.raises(InputError, match="calendar"):
        cal.business_calendar("NOPE")


def test_provisional() -> None:
    assert cal.is_provisional("2030-01-02", today=dt.date(2026, 11, 25))
    assert not cal.is_provisional("2026-11-24", today=dt.date(2026, 11, 25))
