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
from splitcalc.compliance import check_compliance, deadlines, scan
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


# ------------------------------------------------------------ engine, scan, simulator and report agree
LEVELS = st.sampled_from([0.5, 0.95, 0.9999, 1.0, 1.05, 1.5])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(LEVELS, min_size=12, max_size=100),
    st.sampled_from(["nasdaq-capital", "nasdaq-global"]),
    st.integers(0, 2_600),
)
def test_engine_scan_simulator_and_report_agree(tail: list[float], name: str, offset: int) -> None:
    """One series, four consumers of the rule kernel: the same deficiency, deadlines, cure and determination.

    35 sessions at $0.50 make a deficiency on session 29 (notice: session 30); ``tail`` follows from session
    35 on. The simulator sees ``tail`` as one path starting on its first session.
    """
    from splitcalc.analysis.deadlines import deadlines as report_deadlines
    from splitcalc.analysis.scenario_file import Scenario
    from splitcalc.ratio import SplitRatio
    from splitcalc.scenarios.simulate import _path_events
    from splitcalc.scenarios.standards import RuleValues
    from splitcalc.structure import CapitalStructure

    window = pd.DatetimeIndex(sessions_between("2010-11-01", "2026-06-30"))
    days = window[offset : offset + 35 + len(tail)]
    values = np.array([0.5] * 35 + tail)
    series = pd.Series(values, index=days)
    rs = rules.get(name, as_of=days[0].date())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tl = check_compliance(series, rs)
        row = scan(pd.DataFrame({"T": values}, index=days), rs).frame.loc["T"]
    deficiency = tl.first("deficiency")
    assert deficiency is not None and deficiency.date == days[29].date()
    notice = tl.first("notice").date
    # deadlines: the walk's event, the scan's, the kernel's and the report's (from the notice) are one date
    ends = deadlines(notice, rs, as_of=tl.as_of)  # clock stops known on the evaluation date
    first_event = tl.first("compliance_period_deadline")
    assert first_event is not None and first_event.date == ends.first_deadline
    scenario = Scenario(
        company="X",
        exchange=name,
        as_of=days[-1].date(),
        structure=CapitalStructure(outstanding=1_000),
        ratio=SplitRatio(1, 10),
        notice_date=notice,
    )
    assert report_deadlines(scenario, rs, None).deadline == ends.first_deadline
    if tl.status == "deficient":
        assert tl.deadline in (ends.first_deadline, ends.second_deadline)
        assert row["deadline"].date() == tl.deadline
    # the cure: the simulator's regain session on the tail is the walk's and the scan's regain date
    sim = _path_events(np.log(np.array([tail])), RuleValues.from_rules(rs), "consecutive_closing_bid", None)
    regained = tl.first("compliance_regained")
    if sim.regain[0] >= 0:
        assert regained is not None and regained.date == days[35 + int(sim.regain[0])].date()
        assert row["regained_date"].date() == regained.date
        # after the cure, the simulator's next deficiency is the walk's second case (and the scan's last)
        found = [e.date for e in tl.events if e.kind == "deficiency"]
        if sim.deficiency[0] >= 0:
            assert found[1] == days[35 + int(sim.deficiency[0])].date()
        else:
            assert len(found) == 1
        assert row["cases"] == len(found)
    else:
        # the tail alone never holds the minimum for the regain days; sessions 30-34 are below it
        assert regained is None and pd.isna(row["regained_date"])
    # the simulator dated on the same sessions settles the same opened case the same way
    dated = _path_events(
        np.log(np.array([tail])),
        RuleValues.from_rules(rs),
        "consecutive_closing_bid",
        None,
        dates=np.asarray(days[35:].values.astype("datetime64[D]")),
        calendar=rs.calendar,
    )
    assert (int(dated.regain[0]), int(dated.deficiency[0])) == (int(sim.regain[0]), int(sim.deficiency[0]))
    determinations = [e.date for e in tl.events if e.kind == "delisting_determination"]
    assert (None if pd.isna(row["determination_date"]) else row["determination_date"].date()) == (
        determinations[-1] if determinations else None
    )
    if determinations and ends.determination is not None and regained is None:
        assert determinations[-1] == ends.determination


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(LEVELS, st.integers(1, 25)), min_size=1, max_size=12), st.integers(0, 2_600))
def test_nyse_engine_scan_simulator_and_report_agree(runs: list[tuple[float, int]], offset: int) -> None:
    """The NYSE 30-trading-day average (802.01C) through the four consumers of the kernel.

    35 sessions at $0.50 make a deficiency on session 29 (the first full average); ``runs`` follow. The
    simulator sees the whole series as one path whose opened case ends on the six-month date (not moved to a
    session); no cure is possible before session 35, where its partial average and the trailing one meet.
    """
    from splitcalc.analysis.deadlines import deadlines as report_deadlines
    from splitcalc.analysis.scenario_file import Scenario
    from splitcalc.ratio import SplitRatio
    from splitcalc.scenarios.simulate import _path_events
    from splitcalc.scenarios.standards import RuleValues
    from splitcalc.structure import CapitalStructure

    tail = [level for level, length in runs for _ in range(length)]
    window = pd.DatetimeIndex(sessions_between("2010-11-01", "2026-06-30"))
    days = window[offset : offset + 35 + len(tail)]
    values = np.array([0.5] * 35 + tail)[: len(days)]
    rs = rules.get("nyse", as_of=days[0].date())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tl = check_compliance(pd.Series(values, index=days), rs)
        row = scan(pd.DataFrame({"T": values}, index=days), rs).frame.loc["T"]
    deficiency = tl.first("deficiency")
    assert deficiency is not None and deficiency.date == days[29].date()
    notice = tl.first("notice").date
    ends = deadlines(notice, rs, as_of=tl.as_of)
    first_event = tl.first("compliance_period_deadline")
    assert first_event is not None and first_event.date == ends.first_deadline
    scenario = Scenario(
        company="X",
        exchange="nyse",
        as_of=days[-1].date(),
        structure=CapitalStructure(outstanding=1_000),
        ratio=SplitRatio(1, 10),
        notice_date=notice,
    )
    assert report_deadlines(scenario, rs, None).deadline == ends.first_deadline
    dates = np.asarray(days.values.astype("datetime64[D]"))
    last_col = int(np.searchsorted(dates, np.datetime64(ends.first_deadline, "D"), side="right")) - 1
    sim = _path_events(
        np.log(values[None, :]),
        RuleValues.from_rules(rs),
        "average_30_trading_days",
        last_col + 1 if last_col < len(days) - 1 else None,
        dates=dates,
        calendar=rs.calendar,
    )
    regained = tl.first("compliance_regained")
    cures = [e.date for e in tl.events if e.kind == "compliance_regained"]
    found = [e.date for e in tl.events if e.kind == "deficiency"]
    # the scan reports each ticker's last cure
    assert (None if pd.isna(row["regained_date"]) else row["regained_date"].date()) == (cures[-1] if cures else None)
    if sim.regain[0] >= 0:
        assert regained is not None and regained.date == days[int(sim.regain[0])].date()
        next_case = days[int(sim.deficiency[0])].date() if sim.deficiency[0] >= 0 else None
        assert (found[1] if len(found) > 1 else None) == next_case
    else:
        assert regained is None
    assert row["cases"] == len(found)
    if tl.status == "deficient":
        assert row["deadline"].date() == tl.deadline
    determinations = [e.date for e in tl.events if e.kind == "delisting_determination"]
    assert (None if pd.isna(row["determination_date"]) else row["determination_date"].date()) == (
        determinations[-1] if determinations else None
    )
    if determinations and regained is None and ends.determination is not None:
        assert determinations[-1] == ends.determination
