"""Hypothesis: the vectorised scan and the event-by-event check_compliance agree."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from splitcalc import rules
from splitcalc.calendars import sessions_between
from splitcalc.compliance import check_compliance, scan
from splitcalc.errors import NoRuleInForce
from splitcalc.rules import RuleSet

DAYS = pd.DatetimeIndex(sessions_between("2019-06-03", "2021-06-30"))
DAYS_2001 = pd.DatetimeIndex(sessions_between("2001-03-01", "2003-03-31"))  # the moratorium, the 2002 tiers
DAYS_2008 = pd.DatetimeIndex(sessions_between("2008-01-02", "2010-12-31"))  # the 2008-09 suspension ("pause")
DAYS_2005 = pd.DatetimeIndex(sessions_between("2004-06-01", "2007-06-29"))  # the 2005 and 2006 renames


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


CASES = [
    ("nasdaq-capital", DAYS),
    ("nasdaq-global", DAYS),
    ("nyse", DAYS),
    ("nasdaq-national-market", DAYS_2001),
    ("nasdaq-smallcap", DAYS_2001),
    ("nasdaq-capital", DAYS_2008),
    ("nasdaq-global", DAYS_2008),
]
#: By name only: windows that cross a tier's rename (SmallCap -> Capital Sep 8, 2005; National Market ->
#: Global Jul 1, 2006) or lie outside the tier's existence (both functions then raise NoRuleInForce).
NAMED_ONLY = [
    ("nasdaq-capital", DAYS_2005),
    ("nasdaq-global", DAYS_2005),
    ("nasdaq-smallcap", DAYS_2005),
    ("nasdaq-global", DAYS_2001),
]


@settings(max_examples=60, deadline=None)
@given(
    paths(),
    st.sampled_from([(*c, False) for c in CASES] + [(*c, True) for c in CASES + NAMED_ONLY]),
    st.integers(0, 200),
)
def test_scan_matches_check_compliance(
    values: np.ndarray, case: tuple[str, pd.DatetimeIndex, bool], offset: int
) -> None:
    name, window, by_name = case
    days = window[offset : offset + len(values)]
    values = values[: len(days)]
    judge: RuleSet | str = name if by_name else rules.get(name, as_of=days[0].date())
    frame = pd.DataFrame({"T": values}, index=days)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            tl = check_compliance(pd.Series(values, index=days), judge)
        except NoRuleInForce:
            with pytest.raises(NoRuleInForce):
                scan(frame, judge)
            return
    row = scan(frame, judge).frame.loc["T"]
    assert row["status"] == tl.status
    assert (None if pd.isna(row["deadline"]) else row["deadline"].date()) == tl.deadline
    assert (None if row["days_remaining"] is pd.NA else int(row["days_remaining"])) == tl.days_remaining
    deficiencies = [e.date for e in tl.events if e.kind == "deficiency"]
    assert row["cases"] == len(deficiencies)
    if deficiencies:
        assert row["deficiency_date"].date() == deficiencies[-1]
    regained = [e.date for e in tl.events if e.kind == "compliance_regained"]
    assert (None if pd.isna(row["regained_date"]) else row["regained_date"].date()) == (
        regained[-1] if regained else None
    )
    determinations = [e.date for e in tl.events if e.kind == "delisting_determination"]
    assert (None if pd.isna(row["determination_date"]) else row["determination_date"].date()) == (
        determinations[-1] if determinations else None
    )
    assert row["below_streak"] == tl.below_streak
    assert row["above_streak"] == tl.above_streak
