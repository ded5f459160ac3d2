"""check_planned_split: bars and Nasdaq notification deadlines by era (rules.md §1, §3, §5)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from splitcalc import CapitalStructure, SplitRatio, rules
from splitcalc.compliance import check_planned_split
from splitcalc.errors import InputError, RuleUncertainWarning
from splitcalc.serialize import dumps

D = dt.date


def test_notification_before_nov_1_2023() -> None:
    # 15 calendar days before Thu Jun 15, 2023 -> May 31; public disclosure 1 business day before -> Jun 14
    chk = check_planned_split("1-for-10", "2023-06-15", "nasdaq-capital")
    assert chk.notify_by == D(2023, 5, 31)
    assert chk.disclose_by == D(2023, 6, 14)
    assert "15 calendar days" in chk.notify_rule
    assert chk.permitted


def test_notification_from_nov_1_2023() -> None:
    # 5 business days before Mon Jul 8, 2024: Jul 5 (1), [Jul 4 closed], Jul 3 (2), Jul 2 (3), Jul 1 (4),
    # Jun 28 (5) -> Jun 28, 2024; public disclosure 2 business days before: Jul 5, Jul 3 -> Jul 3, 2024
    chk = check_planned_split("1-for-10", "2024-07-08", "nasdaq-capital")
    assert chk.notify_by == D(2024, 6, 28)
    assert chk.disclose_by == D(2024, 7, 3)
    assert "5250(e)(7)" in chk.notify_rule and "5250(b)(4)" in chk.disclose_rule


def test_notification_from_jan_30_2025() -> None:
    # 10 calendar days before Mon Jun 16, 2025 -> Jun 6; disclosure Jun 13 (1), Jun 12 (2) -> Jun 12
    chk = check_planned_split("1-for-10", "2025-06-16", "nasdaq-capital")
    assert chk.notify_by == D(2025, 6, 6)
    assert chk.disclose_by == D(2025, 6, 12)


def test_notification_era_follows_the_effective_date_not_the_rule_set_date() -> None:
    old = rules.get("nasdaq-capital", as_of="2023-06-15")
    chk = check_planned_split("1-for-10", "2025-06-16", old)
    assert chk.notify_by == D(2025, 6, 6)


def test_one_year_bar() -> None:
    # a 1-for-20 on Sep 3, 2024 lies in the year before Jun 16, 2025 (after Jun 16, 2024)
    chk = check_planned_split("1-for-10", "2025-06-16", "nasdaq-capital", prior_splits=[("2024-09-03", "1-for-20")])
    assert not chk.permitted
    assert "5810(c)(3)(A)(iv)" in chk.reasons[0]
    earlier = check_planned_split("1-for-10", "2025-06-16", "nasdaq-capital", prior_splits=[("2024-06-03", "1-for-20")])
    assert earlier.permitted


def test_cumulative_bar_measured_at_the_deficiency() -> None:
    # 1-for-25 (Mar 1, 2023) x 1-for-10 (Feb 1, 2024) = 250 within 730 days before Aug 1, 2024
    prior = [("2023-03-01", "1-for-25"), ("2024-02-01", "1-for-10")]
    chk = check_planned_split(
        "1-for-4", "2024-09-03", "nasdaq-capital", prior_splits=prior, deficiency_date="2024-08-01"
    )
    assert not chk.permitted and "250" in chk.reasons[0]
    assert str(chk.cumulative_ratio) == "1-for-1000"  # 25 x 10 x 4 within two years of Sep 3, 2024
    assert not any("deficiency_date" in c for c in chk.caveats)


def test_future_bar_after_a_large_split() -> None:
    # 1-for-300 on Jun 16, 2025: >= 250, so a failure through Jun 15, 2027 (Jun 16, 2025 + 730 - 1)
    # gets no compliance period; the one-year bar alone would end Jun 15, 2026.
    chk = check_planned_split("1-for-300", "2025-06-16", "nasdaq-capital")
    assert chk.permitted
    assert chk.bar_until == D(2027, 6, 15)
    assert any("2026-06-15" in n for n in chk.notes)


def test_other_standard_breach_makes_it_not_a_cure() -> None:
    cap = CapitalStructure(outstanding=1_600_000, price=Decimal("0.50"))
    chk = check_planned_split("1-for-4", "2025-06-16", "nasdaq-capital", structure=cap, holders={"public_holders": 400})
    assert not chk.permitted
    assert [b.standard for b in chk.breaches] == ["publicly held shares", "MVPHS $"]


def test_nyse_american_cumulative_200_is_suspension_and_uncertain() -> None:
    with pytest.warns(RuleUncertainWarning):
        chk = check_planned_split("1-for-10", "2025-09-02", "nyse-american", prior_splits=[("2025-03-03", "1-for-20")])
    assert not chk.permitted and "suspension" in chk.reasons[0]
    assert chk.notify_by is None and "not in the sources read" in chk.notify_rule
    assert chk.uncertain


def test_forward_split_and_validation() -> None:
    fwd = check_planned_split(SplitRatio.forward(2), "2025-06-16", "nyse")
    assert fwd.permitted and "not a reverse split" in fwd.notes[0]
    with pytest.raises(InputError, match="effective_date"):
        check_planned_split("1-for-10", "2025-06-14", "nasdaq-capital")  # a Saturday


def test_planned_output() -> None:
    chk = check_planned_split("1-for-10", "2025-06-16", "nasdaq-capital")
    assert "permitted" in str(chk) and "<table" in chk._repr_html_()
    data = json.loads(dumps(chk))
    assert data["notify_by"] == "2025-06-06" and data["ratio"] == "1-for-10"


def test_cumulative_bar_follows_the_deficiency_date_not_the_split_date() -> None:
    # 1-for-25 x 1-for-10 = 250 in the two years before either date; the 250:1 bar binds companies first
    # notified on/after Sep 1, 2020 (rules.md §1 row 8): a Jul 27, 2020 failure is outside it, even when the
    # curing split is effective in October; an Oct 1, 2020 failure is inside.
    prior = [("2019-06-03", "1-for-25"), ("2020-06-01", "1-for-10")]
    before = check_planned_split(
        "1-for-2", "2020-10-01", "nasdaq-capital", prior_splits=prior, deficiency_date="2020-07-27"
    )
    assert before.permitted, before.reasons
    after = check_planned_split(
        "1-for-2", "2020-10-01", "nasdaq-capital", prior_splits=prior, deficiency_date="2020-09-15"
    )
    assert not after.permitted and "250" in after.reasons[0]
