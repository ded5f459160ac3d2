"""NYSE and NYSE American rule sets: the contract plus dated values from rules.md §5."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import ClassVar

from ._contract import Cites, RuleSetContract, Samples

D = dt.date


class TestNyse(RuleSetContract):
    name = "nyse"
    live_dates = (D(2008, 10, 1), D(2025, 1, 14), D(2025, 6, 2))
    samples: ClassVar[Samples] = {
        (D(2025, 6, 2), "min_bid"): Decimal("1.00"),  # 802.01C
        (D(2025, 6, 2), "price_test"): "average_30_trading_days",
        (D(2025, 6, 2), "deficiency_days"): 30,
        (D(2025, 6, 2), "compliance_period_months"): 6,
        (D(2025, 6, 2), "compliance_period_days"): None,
        (D(2025, 6, 2), "cure_response_days"): 10,
        (D(2025, 1, 14), "reverse_split_cumulative_limit"): None,  # approved Jan 15, 2025
        (D(2025, 1, 15), "reverse_split_cumulative_limit"): 200,
        (D(2025, 1, 15), "reverse_split_one_year_bar"): True,
        (D(2025, 1, 15), "split_breaks_other_standard"): True,
        (D(2025, 6, 2), "min_total_holders"): 400,  # 802.01A
        (D(2025, 6, 2), "min_publicly_held_shares"): 600_000,
        (D(2025, 6, 2), "low_price_threshold"): None,
    }
    cite_samples: ClassVar[Cites] = {
        (D(2025, 6, 2), "min_bid"): "802.01C",
        (D(2025, 6, 2), "min_total_holders"): "802.01A",
    }


class TestNyseAmerican(RuleSetContract):
    name = "nyse-american"
    live_dates = (D(2019, 1, 2), D(2025, 6, 2))
    samples: ClassVar[Samples] = {
        (D(2019, 1, 2), "price_test"): "discretionary",  # 1003(f)(v)
        (D(2019, 1, 2), "min_bid"): None,  # no numeric floor
        (D(2019, 1, 2), "reverse_split_cumulative_limit"): None,
        (D(2025, 6, 2), "reverse_split_cumulative_limit"): 200,  # 2025 amendment
        (D(2025, 6, 2), "reverse_split_lookback_days"): 730,
        (D(2025, 6, 2), "reverse_split_one_year_bar"): False,
        (D(2025, 6, 2), "split_breaks_other_standard"): True,
    }
    cite_samples: ClassVar[Cites] = {(D(2019, 1, 2), "price_test"): "1003(f)(v)"}
    uncertain_samples = (
        (D(2025, 6, 2), "reverse_split_cumulative_limit"),  # approval day UNCERTAIN
        (D(2025, 6, 2), "price_test"),  # post-2025 wording UNCERTAIN
    )
