"""NYSE continued-listing price rules as dated data (Listed Company Manual 802.01).

Data only; each row's ``source`` names where its fact comes from. The price
criterion is an *average*: the average closing price over 30 consecutive
trading days below $1.00 (802.01C); the cure is tested on the last trading day
of each calendar month of the six-month period (close and 30-day average both
at least $1.00), and on the period's last trading day.

Not in the sources read, so not encoded: 802.01B market-capitalisation standards,
802.01D "abnormally low" price, the 1,200-holder / 100,000-share volume
alternative of 802.01A (noted on ``min_total_holders``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from ._model import Moratorium, Rule, Tier

__all__ = ["TIERS"]

JAN25: Final = dt.date(2025, 1, 15)

S_PRICE = "NYSE Listed Company Manual 802.01C as summarised by Arnold & Porter, Jan 21, 2025"
S_CURE = "Cooley PubCo (NYSE proposal, 2024); BLGM 8-K Oct 2008"
S_VOTE = "Arnold & Porter, Jan 21, 2025; EDGAR note, CIK 1067837 (2022)"
S_2025 = (
    "NYSE 802.01C/804.00 amendments approved Jan 15, 2025: TheCorporateCounsel.net Jan 17, 2025; "
    "securities-law-blog.com Feb 4, 2025; freewritings.law Feb 2025"
)
S_802A = "NYSE Listed Company Manual 802.01 text (scribd.com 730913817)"
S_NONE = "NYSE Listed Company Manual (this rule is not covered by the sources read)"
S_TOLL = "SR-NYSE-2020-36, Rel. 34-88717, 85 FR 23389 (Apr 27, 2020; filed Apr 20, 2020); tolling through Jun 30, 2020"

NYSE: Final = Tier(
    name="nyse",
    exchange="NYSE",
    tier="NYSE",
    calendar="XNYS",
    introduced=None,
    retired=None,
    predecessor=None,
    successor=None,
    lineage="New York Stock Exchange",
    aliases=("xnys", "new-york-stock-exchange"),
    tables={
        "min_bid": (Rule(None, Decimal("1.00"), "NYSE Listed Company Manual 802.01C", S_PRICE),),
        "price_test": (
            Rule(
                None,
                "average_30_trading_days",
                "NYSE Listed Company Manual 802.01C",
                S_PRICE,
                note="average closing price below $1.00 over 30 consecutive trading days",
            ),
        ),
        "deficiency_days": (Rule(None, 30, "NYSE Listed Company Manual 802.01C", S_PRICE, note="trading days"),),
        "compliance_period_days": (Rule(None, None, "NYSE counts the cure period in months (802.01C)", S_CURE),),
        "period_end_on_session": (
            Rule(
                None,
                False,
                "NYSE Listed Company Manual 802.01C: six months from receipt of the notice (a calendar date)",
                S_CURE,
                note="the six-month cure date is not moved to a trading day; the cure is tested on its last "
                "trading day on or before it",
            ),
        ),
        "compliance_period_months": (
            Rule(
                None,
                6,
                "NYSE Listed Company Manual 802.01C",
                S_CURE,
                note="six months from receipt of the notice; cured on the last trading day of any calendar month "
                "in the period when the close and the 30-trading-day average are both at least $1.00; at the "
                "period's end both must hold on its last trading day",
            ),
        ),
        "second_period_days": (Rule(None, None, "no second cure period under 802.01C", S_CURE),),
        "regain_days": (
            Rule(
                None,
                30,
                "NYSE Listed Company Manual 802.01C",
                S_VOTE,
                note="cure by a reverse split needing a shareholder vote: price promptly above $1.00 and staying "
                "above for the following 30 trading days (approval by the next annual meeting)",
            ),
        ),
        "regain_days_max": (Rule(None, None, "no staff-discretion extension for NYSE in the sources read", S_NONE),),
        "cure_response_days": (
            Rule(
                None,
                10,
                "NYSE Listed Company Manual 802.01C",
                S_CURE,
                note="notify the NYSE of the intent to cure within 10 business days of the notice",
            ),
        ),
        "low_price_threshold": (Rule(None, None, "no $0.10 trigger for NYSE in the sources read", S_NONE),),
        "low_price_days": (Rule(None, None, "no $0.10 trigger for NYSE in the sources read", S_NONE),),
        "reverse_split_cumulative_limit": (
            Rule(None, None, "no cumulative reverse-split limit before Jan 15, 2025", S_2025),
            Rule(
                JAN25,
                200,
                "NYSE Listed Company Manual 802.01C; 804.00",
                S_2025,
                note="below the price criterion after reverse splits with cumulative ratio >= 200:1 over the "
                "prior two years -> no compliance period, immediate suspension and delisting",
            ),
        ),
        "reverse_split_lookback_days": (
            Rule(None, None, "no cumulative reverse-split limit before Jan 15, 2025", S_2025),
            Rule(JAN25, 730, "NYSE Listed Company Manual 802.01C", S_2025, note="two years, as 730 calendar days"),
        ),
        "reverse_split_one_year_bar": (
            Rule(None, False, "no one-year reverse-split bar before Jan 15, 2025", S_2025),
            Rule(
                JAN25,
                True,
                "NYSE Listed Company Manual 802.01C; 804.00",
                S_2025,
                note="below the price criterion after a reverse split in the prior one year -> no compliance period",
            ),
        ),
        "split_breaks_other_standard": (
            Rule(None, False, "no bar on splits breaking 802.01A before Jan 15, 2025", S_2025),
            Rule(
                JAN25,
                True,
                "NYSE Listed Company Manual 802.01C",
                S_2025,
                note="a company may not reverse split if that breaks 802.01A; such a breach gets no 802.02/802.03 "
                "plan period (normally up to 18 months)",
            ),
        ),
        "no_stay_after_second_period": (Rule(None, False, "no second period under 802.01C", S_CURE),),
        "no_stay_after_recent_split": (
            Rule(None, False, "a recent reverse split means no cure period at all (802.01C, 2025)", S_2025),
        ),
        "no_stay_after_low_price": (Rule(None, False, "802.01C has no $0.10 rule", S_CURE),),
        "hearing_request_days": (
            Rule(None, None, "NYSE review procedures (804.00) are not in the sources read", S_NONE),
        ),
        "panel_exception_days": (
            Rule(None, None, "NYSE review procedures (804.00) are not in the sources read", S_NONE),
        ),
        "min_publicly_held_shares": (
            Rule(
                None,
                600_000,
                "NYSE Listed Company Manual 802.01A",
                S_802A,
                note="reduced pro rata if the unit of trading is below 100; directors, officers, their families "
                "and 10% holdings excluded",
            ),
        ),
        "min_public_holders": (Rule(None, None, "802.01A counts total holders", S_802A),),
        "min_total_holders": (
            Rule(
                None,
                400,
                "NYSE Listed Company Manual 802.01A",
                S_802A,
                note="also below if fewer than 1,200 holders with average monthly volume under 100,000 shares "
                "(12 months); beneficial holders counted",
            ),
        ),
        "min_round_lot_holders": (Rule(None, None, "802.01A counts total holders", S_802A),),
        "round_lot_size": (
            Rule(
                None,
                100,
                "NYSE Listed Company Manual 802.01A (unit of trading of 100 shares; thresholds reduced pro rata "
                "below it)",
                S_802A,
            ),
        ),
        "initial_min_bid": (Rule(None, None, "NYSE initial-listing standards are not in the sources read", S_NONE),),
        "initial_min_publicly_held_shares": (
            Rule(None, None, "NYSE initial-listing standards are not in the sources read", S_NONE),
        ),
        "initial_min_round_lot_holders": (
            Rule(None, None, "NYSE initial-listing standards are not in the sources read", S_NONE),
        ),
        "min_mvphs": (Rule(None, None, "NYSE market-value standards (802.01B) are not in the sources read", S_NONE),),
        "moratorium": (
            Rule(None, None, "no NYSE price-test moratorium before Apr 2020", S_NONE),
            Rule(
                dt.date(2020, 4, 16),
                Moratorium(dt.date(2020, 4, 16), dt.date(2020, 7, 1), "toll"),
                "NYSE Listed Company Manual 802.01C cure periods tolled through Jun 30, 2020 (SR-NYSE-2020-36)",
                S_TOLL,
                note="the $1.00 price and $50M market-cap cure periods tolled through Jun 30, 2020; the balance "
                "resumed on Jul 1, 2020 (SR-NYSE-2020-36, Rel. 34-88717, 85 FR 23389)",
            ),
        ),
        "split_notice": (
            Rule(None, None, "NYSE reverse-split notification periods are not in the sources read", S_NONE),
        ),
        "split_disclosure": (
            Rule(None, None, "NYSE reverse-split disclosure periods are not in the sources read", S_NONE),
        ),
    },
)

#: The NYSE tier, by canonical name.
TIERS: Final = {NYSE.name: NYSE}
