"""A rule value missing from the rules means the test does not apply, and the output says so (issue 11)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import warnings

import pandas as pd

from splitcalc import rules
from splitcalc.calendars import sessions_between
from splitcalc.compliance import ComplianceTimeline, check_compliance, scan
from splitcalc.errors import RuleUncertainWarning
from splitcalc.rules import Rule


def _closes(start: str, end: str, *changes: tuple[str, float], first: float = 1.5) -> pd.Series:
    days = sessions_between(start, end)
    values, level, todo = [], first, sorted(changes)
    for d in days:
        while todo and dt.date.fromisoformat(todo[0][0]) <= d:
            level = todo.pop(0)[1]
        values.append(level)
    return pd.Series(values, index=pd.DatetimeIndex(days), name="X")


def test_no_minimum_bid_means_no_streaks_in_the_timeline_and_in_scan() -> None:
    px = _closes("2024-01-02", "2024-12-31", ("2024-06-03", 0.3))
    amer = rules.get("nyse-american", as_of="2024-12-31")
    assert amer.min_bid.value is None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuleUncertainWarning)
        tl = check_compliance(px, amer)
        res = scan(px.to_frame(), amer)
    assert (tl.below_streak, tl.above_streak) == (0, 0)  # not counted against an invented $1.00
    assert any("below_streak and above_streak not applicable" in c for c in tl.caveats)
    assert res.frame.loc["X", "below_streak"] == 0 and res.frame.loc["X", "above_streak"] == 0
    assert any("not applicable" in c for c in res.caveats)


def test_a_minimum_bid_keeps_the_streaks() -> None:
    px = _closes("2024-01-02", "2024-03-28", ("2024-03-22", 0.5))
    tl = check_compliance(px, rules.get("nyse", as_of="2024-03-28"))
    assert tl.below_streak == 5 and not any("not applicable" in c for c in tl.caveats)


def test_nyse_without_a_regain_row_does_not_invent_a_reverse_split_cure() -> None:
    nyse = rules.get("nyse", as_of="2024-12-31")
    px = _closes("2024-01-02", "2024-12-31", ("2024-03-01", 0.5), ("2024-06-03", 1.05))
    split = [("2024-06-03", "1-for-2")]

    def regained(tl: ComplianceTimeline) -> dt.date:
        return next(e.date for e in tl.events if e.kind == "compliance_regained")

    # 802.01C: 30 trading days above $1.00 from Jun 3, 2024: Jun 3-7, 10-14, 17, 18, (Juneteenth closed)
    # 20, 21, 24-28, Jul 1-3, (Jul 4 closed) 5, 8-12, 15, 16 -> the 30th is Jul 16, 2024
    assert regained(check_compliance(px, nyse, splits=split)) == dt.date(2024, 7, 16)
    bare = dataclasses.replace(nyse, regain_days=Rule(None, None, "no regain row (test)", "test"))
    tl = check_compliance(px, bare, splits=split)
    assert regained(tl) == dt.date(2024, 7, 31)  # only the month-end test is left
    assert any("not checked as a cure" in c for c in tl.caveats)
