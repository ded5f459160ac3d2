"""NYSE American low-price rules as dated data (Company Guide Section 1003).

Data only; each row's ``source`` names where its fact comes from. There is no
numeric price floor: under 1003(f)(v) "Low Selling Price Issues" the Exchange
may delist a stock that has sold at a low price for a substantial period if
it is not reverse split within a reasonable time after the Exchange says a
split is appropriate -- a discretionary test (``price_test ==
"discretionary"``). The 2025 amendment of Section 1003 adds hard limits: a
cumulative reverse-split ratio of 200:1 or more over two years, or a split
that puts the company below any 1003 requirement, leads to suspension and
delisting (SR-NYSEAMER-2024-61; approval order 90 FR 8073-8076, FR Doc
2025-01549). Its approval day is marked uncertain (the sources read do not
settle it: the order is in the same Jan 23, 2025 issue as Nasdaq's Jan 17
order at 90 FR 8081, and the SEC's deadline was Feb 2, 2025): encoded as
Jan 17, 2025 and flagged.

Not in the sources read, so not encoded: the numeric 1003 distribution and
equity standards.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from ._model import Rule, Tier

__all__ = ["TIERS"]

AMENDED: Final = dt.date(2025, 1, 17)  # UNCERTAIN day, see the module docstring

S_FV = "NYSE American Company Guide 1003(f)(v), text as quoted on investorshub (msg 151142771, 2019)"
S_FV_2025 = "NYSE American Company Guide 1003(f)(v): post-2025 wording not retrieved (UNCERTAIN); Mondaq 1752680"
S_2025 = (
    "SR-NYSEAMER-2024-61 (filed Oct 16, 2024); 89 FR 87661; 89 FR 104253; approval order "
    "90 FR 8073 (FR Doc 2025-01549), approval day UNCERTAIN"
)
S_NONE = "NYSE American Company Guide (this rule is not covered by the sources read)"
_NA = "not applicable: 1003(f)(v) sets no numeric test"

NYSE_AMERICAN: Final = Tier(
    name="nyse-american",
    exchange="NYSE American",
    tier="NYSE American",
    calendar="XNYS",
    introduced=None,
    retired=None,
    predecessor=None,
    successor=None,
    lineage="NYSE American (formerly NYSE MKT, NYSE Amex, American Stock Exchange)",
    aliases=("xase", "amex", "nyse-mkt", "nyse-amex", "american-stock-exchange"),
    tables={
        "min_bid": (
            Rule(None, None, "NYSE American Company Guide 1003(f)(v): no numeric price floor", S_FV),
            Rule(
                AMENDED,
                None,
                "NYSE American Company Guide 1003(f)(v): no numeric floor known",
                S_FV_2025,
                uncertain=True,
                note="post-2025 wording not retrieved; NYSE American has floated a hard floor price",
            ),
        ),
        "price_test": (
            Rule(
                None,
                "discretionary",
                "NYSE American Company Guide 1003(f)(v)",
                S_FV,
                note="delisting if a stock selling at a low price for a substantial period is not reverse split "
                "within a reasonable time after the Exchange says a split is appropriate; factors: market "
                "conditions, shares outstanding, management plans, state/agency rules, other listing policies, "
                "foreign-issuer home practice",
            ),
            Rule(AMENDED, "discretionary", "NYSE American Company Guide 1003(f)(v)", S_FV_2025, uncertain=True),
        ),
        "deficiency_days": (Rule(None, None, _NA, S_FV),),
        "compliance_period_days": (Rule(None, None, _NA, S_FV),),
        "compliance_period_months": (Rule(None, None, _NA, S_FV),),
        "period_end_on_session": (Rule(None, None, _NA, S_FV),),
        "second_period_days": (Rule(None, None, _NA, S_FV),),
        "regain_days": (Rule(None, None, _NA, S_FV),),
        "regain_days_max": (Rule(None, None, _NA, S_FV),),
        "cure_response_days": (Rule(None, None, _NA, S_FV),),
        "low_price_threshold": (Rule(None, None, _NA, S_FV),),
        "low_price_days": (Rule(None, None, _NA, S_FV),),
        "reverse_split_cumulative_limit": (
            Rule(None, None, "no cumulative reverse-split limit before the 2025 amendment", S_2025),
            Rule(
                AMENDED,
                200,
                "NYSE American Company Guide 1003 (2025 amendment)",
                S_2025,
                uncertain=True,
                note="suspension and delisting of a company that effected reverse splits with a cumulative ratio "
                ">= 200:1 over the prior two years",
            ),
        ),
        "reverse_split_lookback_days": (
            Rule(None, None, "no cumulative reverse-split limit before the 2025 amendment", S_2025),
            Rule(AMENDED, 730, "NYSE American Company Guide 1003 (2025 amendment)", S_2025, uncertain=True),
        ),
        "reverse_split_one_year_bar": (
            Rule(None, False, "no one-year reverse-split bar for NYSE American in the sources read", S_NONE),
        ),
        "split_breaks_other_standard": (
            Rule(None, False, "no bar on splits breaking 1003 before the 2025 amendment", S_2025),
            Rule(
                AMENDED,
                True,
                "NYSE American Company Guide 1003 (2025 amendment)",
                S_2025,
                uncertain=True,
                note="a reverse split that puts the company below any 1003 requirement -> suspension and delisting",
            ),
        ),
        "no_stay_after_second_period": (Rule(None, False, _NA, S_FV),),
        "no_stay_after_recent_split": (Rule(None, False, _NA, S_FV),),
        "no_stay_after_low_price": (Rule(None, False, _NA, S_FV),),
        "hearing_request_days": (
            Rule(None, None, "NYSE American appeal procedures are not in the sources read", S_NONE),
        ),
        "panel_exception_days": (
            Rule(None, None, "NYSE American appeal procedures are not in the sources read", S_NONE),
        ),
        "round_lot_size": (Rule(None, None, "NYSE American unit of trading is not in the sources read", S_NONE),),
        "initial_min_bid": (
            Rule(None, None, "NYSE American initial-listing standards are not in the sources read", S_NONE),
        ),
        "initial_min_publicly_held_shares": (
            Rule(None, None, "NYSE American initial-listing standards are not in the sources read", S_NONE),
        ),
        "initial_min_round_lot_holders": (
            Rule(None, None, "NYSE American initial-listing standards are not in the sources read", S_NONE),
        ),
        "min_publicly_held_shares": (
            Rule(None, None, "1003 distribution thresholds are not in the sources read", S_NONE),
        ),
        "min_public_holders": (Rule(None, None, "1003 distribution thresholds are not in the sources read", S_NONE),),
        "min_total_holders": (Rule(None, None, "1003 distribution thresholds are not in the sources read", S_NONE),),
        "min_round_lot_holders": (
            Rule(None, None, "1003 distribution thresholds are not in the sources read", S_NONE),
        ),
        "min_mvphs": (Rule(None, None, "1003 market-value thresholds are not in the sources read", S_NONE),),
        "moratorium": (Rule(None, None, "no NYSE American moratorium in the sources read", S_NONE),),
        "split_notice": (Rule(None, None, "NYSE American notification periods are not in the sources read", S_NONE),),
        "split_disclosure": (Rule(None, None, "NYSE American disclosure periods are not in the sources read", S_NONE),),
    },
)

#: The NYSE American tier, by canonical name.
TIERS: Final = {NYSE_AMERICAN.name: NYSE_AMERICAN}
