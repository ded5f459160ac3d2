"""Hypothesis: the vectorised scan and the event-by-event check_compliance agree."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from splitcalc import rules
from splitcalc.calendars import sessions_between
from splitcalc.compliance import check_compliance, scan

DAYS = pd.DatetimeIndex(sessions_between("2019-06-03", "2021-06-30"))
DAYS_2001 = pd.DatetimeIndex(sessions_between("2001-03-01", "2003-03-31"))  # the moratorium, the 2002 tiers
DAYS_2008 = pd.DatetimeIndex(sessions_between("2008-01-02", "2010-12-31"))  # the 2008-09 suspension ("pause")


@st.composite
def paths(draw: st.DrawFn) -> np.ndarray:
    """Piecewise-constant closes around $1 (long runs make deficiencies, cures, $0.10 triggers)."""
    n = draw(st.integers(60, len(DAYS)))
    levels = st.sampled_from([0.05, 0.5, 0.95, 1.0, 1.05, 2.0])
    out = np.empty(n)
    i = 0
    while i < n:
        length = draw(st.integers(1, 60))
        out[i : i + length] = draw(levels)
        i += length
    return out


@settings(max_examples=40, deadline=None)
@given(
    paths(),
    st.sampled_from(
        [
            ("nasdaq-capital", DAYS),
            ("nasdaq-global", DAYS),
            ("nyse", DAYS),
            ("nasdaq-national-market", DAYS_2001),
            ("nasdaq-smallcap", DAYS_2001),
            ("nasdaq-capital", DAYS_2008),
            ("nasdaq-global", DAYS_2008),
        ]
    ),
    st.integers(0, 200),
)
def test_scan_matches_check_compliance(values: np.ndarray, case: tuple[str, pd.DatetimeIndex], offset: int) -> None:
    name, window = case
    days = window[offset : offset + len(values)]
    values = values[: len(days)]
    rs = rules.get(name, as_of=days[0].date())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tl = check_compliance(pd.Series(values, index=days), rs)
    row = scan(pd.DataFrame({"T": values}, index=days), rs).frame.loc["T"]
    assert row["status"] == tl.status
    assert (None if pd.isna(row["deadline"]) else row["deadline"].date()) == tl.deadline
    deficiencies = [e.date for e in tl.events if e.kind == "deficiency"]
    assert row["cases"] == len(deficiencies)
    if deficiencies:
        assert row["deficiency_date"].date() == deficiencies[-1]
    regained = [e.date for e in tl.events if e.kind == "compliance_regained"]
    assert (None if pd.isna(row["regained_date"]) else row["regained_date"].date()) == (
        regained[-1] if regained else None
    )
    assert row["below_streak"] == tl.below_streak
    assert row["above_streak"] == tl.above_streak
