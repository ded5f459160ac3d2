"""Nasdaq rule sets: the contract plus dated values read off rules.md §1-4."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import ClassVar

import pytest

from splitcalc import rules
from splitcalc.errors import InputError, NoRuleInForce
from splitcalc.serialize import dumps

from ._contract import Cites, RuleSetContract, Samples

D = dt.date

MORATORIUM_2001 = rules.Moratorium(D(2001, 9, 27), D(2002, 1, 2), "drop")  # §4: pending cases dropped
SUSPENSION_2008 = rules.Moratorium(D(2008, 10, 16), D(2009, 8, 3), "pause")  # periods paused, balance resumes
TOLLING_2020 = rules.Moratorium(D(2020, 4, 16), D(2020, 7, 1), "toll")  # §0: SR-NASDAQ-2020-021, through Jun 30


class TestNasdaqCapital(RuleSetContract):
    name = "nasdaq-capital"
    live_dates = (D(2005, 9, 8), D(2008, 1, 2), D(2012, 5, 25), D(2020, 8, 31), D(2024, 10, 7), D(2025, 6, 2))
    before_intro = D(2005, 9, 7)  # SmallCap renamed Capital Market on Sep 8, 2005 (SR-NASD-2005-108)
    samples: ClassVar[Samples] = {
        (D(2012, 5, 25), "min_bid"): Decimal("1.00"),  # §1 row 1
        (D(2012, 5, 25), "deficiency_days"): 30,  # §1 row 2
        (D(2012, 5, 25), "compliance_period_days"): 180,  # §1 row 3
        (D(2012, 5, 25), "second_period_days"): 180,  # §1 row 6
        (D(2012, 5, 25), "regain_days"): 10,  # §1 row 4
        (D(2020, 8, 31), "low_price_threshold"): None,  # §1 row 7: from Sep 1, 2020
        (D(2020, 9, 1), "low_price_threshold"): Decimal("0.10"),
        (D(2020, 9, 1), "low_price_days"): 10,
        (D(2020, 8, 31), "reverse_split_cumulative_limit"): None,  # §1 row 8: same dates as row 7
        (D(2020, 9, 1), "reverse_split_cumulative_limit"): 250,
        (D(2020, 9, 1), "reverse_split_lookback_days"): 730,
        (D(2024, 10, 6), "split_breaks_other_standard"): False,  # §1 row 9: Oct 7, 2024
        (D(2024, 10, 7), "split_breaks_other_standard"): True,
        (D(2025, 1, 16), "reverse_split_one_year_bar"): False,  # §1 row 10: Jan 17, 2025
        (D(2025, 1, 17), "reverse_split_one_year_bar"): True,
        (D(2025, 1, 17), "no_stay_after_second_period"): True,  # §1 row 11
        (D(2025, 6, 2), "min_public_holders"): 300,  # §2: 5550(a)(3)
        (D(2025, 6, 2), "min_publicly_held_shares"): 500_000,  # §2: 5550(a)(4)
        (D(2025, 6, 2), "min_mvphs"): Decimal("1000000"),  # §2: 5550(a)(5)
        (D(2025, 6, 2), "min_total_holders"): None,
        (D(2023, 10, 31), "split_notice"): (15, "calendar"),  # §3: before Nov 1, 2023
        (D(2023, 11, 1), "split_notice"): (5, "business"),  # §3: approved Nov 1, 2023
        (D(2025, 1, 30), "split_notice"): (10, "calendar"),  # §3: operative Jan 30, 2025
        (D(2023, 10, 31), "split_disclosure"): (1, "business"),
        (D(2023, 11, 1), "split_disclosure"): (2, "business"),
        # §4: the 2001 moratorium (pending cases dropped) until the 2008-09 suspension (not in rules.md;
        # periods paused): Oct 16, 2008 through Fri Jul 31, 2009, data for new deficiencies from Mon Aug 3, 2009
        (D(2008, 10, 15), "moratorium"): MORATORIUM_2001,
        (D(2008, 10, 16), "moratorium"): SUSPENSION_2008,
        (D(2020, 4, 15), "moratorium"): SUSPENSION_2008,
        (D(2025, 6, 2), "moratorium"): TOLLING_2020,
    }
    cite_samples: ClassVar[Cites] = {
        (D(2025, 6, 2), "min_bid"): "5550(a)(2)",
        (D(2025, 6, 2), "low_price_threshold"): "5810(c)(3)(A)(iii)",
        (D(2025, 6, 2), "reverse_split_one_year_bar"): "5810(c)(3)(A)(iv)",
        (D(2025, 6, 2), "second_period_days"): "5810(c)(3)(A)(ii)",
        (D(2025, 6, 2), "no_stay_after_second_period"): "5815(a)(1)(B)",
        (D(2025, 6, 2), "split_disclosure"): "5250(b)(4)",
        (D(2008, 1, 2), "min_bid"): "Rule 4000 Series",  # Aug 2006 - Apr 2009 numbering
        (D(2006, 1, 3), "min_bid"): "NASD",  # before Aug 1, 2006
    }
    uncertain_samples = (
        (D(2025, 6, 2), "regain_days_max"),  # §1 row 5: (F) vs (H)
        (D(2008, 1, 2), "compliance_period_days"),  # 2004-2010 carried forward, not sourced
    )


class TestNasdaqGlobal(RuleSetContract):
    name = "nasdaq-global"
    live_dates = (D(2006, 7, 1), D(2010, 10, 14), D(2025, 6, 2))
    before_intro = D(2006, 6, 30)
    samples: ClassVar[Samples] = {
        (D(2025, 6, 2), "min_bid"): Decimal("1.00"),  # 5450(a)(1)
        (D(2025, 6, 2), "compliance_period_days"): 180,
        (D(2025, 6, 2), "second_period_days"): None,  # must transfer to CM (§1 row 6)
        (D(2025, 6, 2), "min_total_holders"): 400,  # §2: 5450(a)(2)
        (D(2025, 6, 2), "min_publicly_held_shares"): 750_000,  # §2 Equity std
        (D(2025, 6, 2), "min_mvphs"): Decimal("5000000"),
        (D(2025, 6, 2), "min_public_holders"): None,
        (D(2008, 10, 15), "moratorium"): MORATORIUM_2001,
        (D(2020, 4, 15), "moratorium"): SUSPENSION_2008,
        (D(2025, 6, 2), "moratorium"): TOLLING_2020,
    }
    cite_samples: ClassVar[Cites] = {
        (D(2025, 6, 2), "min_bid"): "5450(a)(1)",
        (D(2025, 6, 2), "min_total_holders"): "5450(a)(2)",
        (D(2009, 8, 3), "moratorium"): "SR-NASDAQ-2009-069",  # the last extension, through Jul 31, 2009
    }


class TestNasdaqGlobalSelect(TestNasdaqGlobal):
    name = "nasdaq-global-select"


class TestNasdaqNationalMarket(RuleSetContract):
    name = "nasdaq-national-market"
    live_dates = (D(2001, 6, 1), D(2002, 6, 12), D(2003, 12, 23), D(2006, 6, 30))
    after_retired = D(2006, 7, 1)
    samples: ClassVar[Samples] = {
        (D(2002, 6, 12), "min_bid"): Decimal("1.00"),
        (D(2002, 6, 12), "compliance_period_days"): 90,  # §4: NNM keeps 90 in 2002 (NEOT: Jun 12 -> Sep 10)
        (D(2002, 6, 12), "second_period_days"): None,
        (D(2002, 6, 12), "regain_days"): 10,
        (D(2003, 12, 23), "compliance_period_days"): 180,  # §4: Mar 2003 / 69 FR 6707
        (D(2003, 12, 23), "second_period_days"): 180,  # §4: SR-NASD-2003-44
        (D(2002, 6, 12), "low_price_threshold"): None,
        (D(2002, 6, 12), "reverse_split_cumulative_limit"): None,
        (D(2002, 6, 12), "reverse_split_one_year_bar"): False,
        (D(2002, 6, 12), "moratorium"): MORATORIUM_2001,
        (D(2001, 6, 1), "moratorium"): None,
    }
    cite_samples: ClassVar[Cites] = {
        (D(2003, 12, 23), "second_period_days"): "4450(e)(2)",
        (D(2002, 6, 12), "min_bid"): "NASD",
    }
    uncertain_samples = ((D(2003, 6, 2), "compliance_period_days"),)  # "Mar 2003", no day


class TestNasdaqSmallCap(RuleSetContract):
    name = "nasdaq-smallcap"
    live_dates = (D(2001, 6, 1), D(2002, 1, 2), D(2005, 9, 7))
    after_retired = D(2005, 9, 8)
    samples: ClassVar[Samples] = {
        (D(2005, 9, 7), "moratorium"): MORATORIUM_2001,  # retired before 2008: no later row
        (D(2001, 6, 1), "compliance_period_days"): 90,  # §4 before Sep 11, 2001
        (D(2002, 1, 2), "compliance_period_days"): 180,  # §4 Jan 2002 pilot
        (D(2002, 1, 2), "second_period_days"): 180,
        (D(2001, 6, 1), "second_period_days"): None,
    }


def test_names_are_the_contract_names() -> None:
    assert rules.names() == (
        "nasdaq-capital",
        "nasdaq-global",
        "nasdaq-global-select",
        "nasdaq-national-market",
        "nasdaq-smallcap",
        "nyse",
        "nyse-american",
    )


def test_renamed_tier_error_names_the_successor() -> None:
    with pytest.raises(NoRuleInForce, match="nasdaq-global"):
        rules.get("nasdaq-national-market", as_of=D(2010, 1, 4))


def test_history_and_at() -> None:
    cm = rules.get("nasdaq-capital", as_of=D(2025, 6, 2))
    # three notification eras, rules.md §3
    assert [r.value for r in cm.history("split_notice")] == [(15, "calendar"), (5, "business"), (10, "calendar")]
    assert cm.at(D(2012, 5, 25)).low_price_threshold.value is None
    assert cm.in_force("split_notice", D(2024, 1, 2)).value == (5, "business")


def test_with_value_overrides_for_a_scenario() -> None:
    cm = rules.get("nasdaq-capital", as_of=D(2025, 6, 2))
    strict = cm.with_value("regain_days", 20)
    assert strict.regain_days.value == 20 and cm.regain_days.value == 10
    assert strict.regain_days.cite == "scenario override"


def test_as_of_text_and_default() -> None:
    assert rules.get("nyse", as_of="2025-06-02").as_of == D(2025, 6, 2)
    assert rules.get("nyse").as_of == dt.date.today()


def test_moratorium_history_per_tier() -> None:
    # the tiers in force in 2008-09 carry both rows; the 2002-era tiers (retired 2005/2006) only the 2001 one
    for name in ("nasdaq-capital", "nasdaq-global", "nasdaq-global-select"):
        rows = rules.get(name, as_of=D(2025, 6, 2)).history("moratorium")
        assert [r.value for r in rows] == [None, MORATORIUM_2001, SUSPENSION_2008, TOLLING_2020], name
    for name, day in (("nasdaq-national-market", D(2006, 6, 30)), ("nasdaq-smallcap", D(2005, 9, 7))):
        assert [r.value for r in rules.get(name, as_of=day).history("moratorium")] == [None, MORATORIUM_2001]


def test_moratorium_value() -> None:
    # Oct 16 -> Nov 1, 2008: 16; Nov 30; Dec 31; Jan-Jul 2009: 31 + 28 + 31 + 30 + 31 + 30 + 31 = 212;
    # Aug 1 -> Aug 3: 2. Total 16 + 30 + 31 + 212 + 2 = 291 calendar days.
    assert SUSPENSION_2008.days == 291
    assert MORATORIUM_2001.days == 97  # Sep 27 -> Oct 1: 4; Oct-Dec: 31 + 30 + 31; Jan 1 -> Jan 2: 1
    assert str(SUSPENSION_2008) == "2008-10-16 to 2009-08-03 (pause: compliance periods paused)"
    assert "pending cases dropped" in str(MORATORIUM_2001)
    assert json.loads(dumps(SUSPENSION_2008)) == {"start": "2008-10-16", "end": "2009-08-03", "kind": "pause"}
    with pytest.raises(InputError, match="kind"):
        rules.Moratorium(D(2008, 10, 16), D(2009, 8, 3), "skip")
    with pytest.raises(InputError, match="end"):
        rules.Moratorium(D(2009, 8, 3), D(2008, 10, 16), "pause")
