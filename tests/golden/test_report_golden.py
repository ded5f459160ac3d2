"""Golden figures of the built-in examples, computed by hand from the scenario files.

NeoTherapeutics 2002 (rules.md §4): 39,752,812 shares, $0.17, 1-for-25,
notice Jun 12, 2002, 90-day National Market period.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

import pytest

from splitcalc.report import Report


@pytest.fixture(scope="module")
def neo() -> Report:
    return Report.example("neotherapeutics-2002", paths=200)


def test_neotherapeutics_shares_and_price(neo: Report) -> None:
    k = neo.key_figures
    assert k["shares_before"] == 39_752_812
    assert k["shares_after"] == 1_590_112  # floor(39,752,812 / 25) = floor(1,590,112.48)
    assert k["price_after"] == Decimal("4.25")  # 0.17 x 25
    assert k["ratio"] == "1-for-25"


def test_neotherapeutics_deadline_and_status(neo: Report) -> None:
    k = neo.key_figures
    # Jun 12 + 90 calendar days: 18 (to Jun 30) + 31 (Jul) + 31 (Aug) + 10 = Sep 10, 2002
    assert k["deadline"] == dt.date(2002, 9, 10)
    assert k["deadline_basis"] == "notice + compliance period"
    # first post-split session Fri Sep 6, 2002; 10th consecutive session: Sep 6, 9-13, 16-19 -> Thu Sep 19
    assert k["earliest_cure"] == dt.date(2002, 9, 19)
    # notified Jun 12, deadline not passed on Sep 5: deficient
    assert k["status"] == "deficient"
    # Sep 6, 9, 10: only 3 sessions before the deadline, fewer than the 10 needed
    assert k["outlook"] == "cure_after_deadline"


def test_neotherapeutics_html_golden(neo: Report) -> None:
    html = neo.to_html()
    text = re.sub(r"<[^>]+>", " ", html)
    for needle in ("39,752,812", "1,590,112", "$4.25", "2002-09-10", "NeoTherapeutics, Inc."):
        assert needle in text, needle
    assert not re.search(r"https?:", html)
    assert "<script" not in html.lower()
    assert "<link" not in html.lower()
    assert "@import" not in html


def test_neotherapeutics_markdown_and_json_agree(neo: Report) -> None:
    md = neo.to_markdown()
    assert "**Shares outstanding:** 39,752,812 → 1,590,112" in md
    assert "**Price per share:** $0.17 → $4.25 (theoretical)" in md
    data = json.loads(neo.to_json())
    assert data["key_figures"]["shares_after"] == 1_590_112
    assert data["key_figures"]["price_after"] == "4.25"


def test_hypothetical_capital_market() -> None:
    r = Report.example("hypothetical-capital-market-2025", paths=200, charts=False)
    k = r.key_figures
    # $0.42 x 5 = $2.10 >= the $2.00 target; x 4 = $1.68 < $2.00 -> 1-for-5 recommended and evaluated
    assert k["recommended_ratio"] == "1-for-5"
    assert k["ratio"] == "1-for-5"
    assert k["price_after"] == Decimal("2.10")
    assert k["shares_after"] == 9_600_000  # 48,000,000 / 5
    # notice Jun 2, 2025 + 180 days = Sat Nov 29, 2025 (28 + 31 + 31 + 30 + 31 + 29) -> next session Mon Dec 1
    assert k["deadline"] == dt.date(2025, 12, 1)
    assert k["status"] == "deficient"
    assert k["outlook"] == "cure_possible"  # Oct 20 + 9 sessions = Oct 31, before Dec 1
    sweep = r.section("ratio")
    assert sweep is not None
    rows = {row[0]: row for row in sweep.tables[0].rows}
    # prior 1-for-10 (Nov 2023) inside the two-year lookback: 10 x 25 = 250 reaches the limit
    assert "(>= 250)" in " ".join(str(c) for c in rows["1-for-25"])
    assert "(>= 250)" not in " ".join(str(c) for c in rows["1-for-24"])
