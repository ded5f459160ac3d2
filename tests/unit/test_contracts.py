"""Options, warrants and listed option contracts through splits, on published terms.

Sources (each test names the one it uses):
* EntreMed, "Reverse Split FAQs", question 10 (entremed.com/Reverse-Split-FAQs.pdf, quoted on stockhouse.com
  bullboard post 17665765 and investorshangout.com post 6551411): "an option to purchase 300,000 shares at an
  exercise price of $0.40 ... after a reverse split of 11, an option to purchase 27,273 shares at an exercise
  price of $4.40" (300,000 / 11 = 27,272.73: rounded to the nearest share).
* OCC memo "Proposed contract adjustment changes to eliminate rounding - revised", Jan 9, 2006 (reprinted on
  elitetrader.com thread 62100): 3-for-1, "an XYZ 60 option ... divided into three XYZ 20 options, each calling
  for the delivery of 100 shares"; the method after SR-OCC-2006-01 (SEC Rel. 34-55258, Feb 8, 2007,
  72 FR 7701): 3-for-2, "the deliverable could be increased to 150 shares while the nominal exercise price
  remained $50 ... the investor would still pay $5,000 ($50 x 100)" (Options Disclosure Document supplement text).
* OCC Information Memo #47369 (Apple 4-for-1, Aug 2020): one AAPL 400 call becomes four AAPL 100 calls.
* OCC memo #40016 (quoted on forum.finanzen.net): 1-for-30 (BIOD -> ALBO1) -> 3 shares plus cash for 1/3 share.
* Cemtrex PRE 14C, 2024 (SEC accession 0001493152-24-041426): after the 1-for-60 split of Oct 3, 2024 the
  warrants' exercise price is reduced to a VWAP "and the number of warrant shares issuable shall be increased
  such that the aggregate exercise price ... shall be equal to the aggregate exercise price on the date of
  issuance"; adjusted exercise price $0.7446.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction

import pytest

import splitcalc as sc
from splitcalc.ratio import SplitRatio
from splitcalc.securities import ListedOption, StockOption
from splitcalc.structure import CapitalStructure


def test_entremed_plan_rounded_shares_to_the_nearest() -> None:
    plan = StockOption(300_000, Decimal("0.40"), name="EntreMed option", share_rounding="nearest")
    after = plan.apply(SplitRatio(1, 11))
    assert (after.shares, after.exercise_price) == (27_273, Decimal("4.40"))
    assert "nearest whole share" in after.adjusted_by
    # the default terms (round down, price up to the cent) give one share fewer, and say so
    default = StockOption(300_000, Decimal("0.40")).apply(SplitRatio(1, 11))
    assert (default.shares, default.exercise_price) == (27_272, Decimal("4.40"))
    assert default.adjusted_by == "shares rounded down; exercise price rounded up to the cent"
    # an override beats the plan's terms
    assert plan.apply(SplitRatio(1, 11), share_rounding="down").shares == 27_272


def test_each_plan_keeps_its_terms_in_a_capital_structure_and_cents_show() -> None:
    cap = CapitalStructure(
        outstanding=3_300_000,
        options=(
            StockOption(300_000, "0.40", name="nearest plan", share_rounding="nearest"),
            StockOption(300_000, "0.40", name="default plan"),
        ),
    )
    eff = cap.apply("1-for-11")
    rows = {m: (b, a, n) for m, b, a, n in eff.rows()}
    assert rows["nearest plan: shares"][1:] == (27_273, "rounded to the nearest whole share (half up)")
    assert rows["default plan: shares"][1:] == (27_272, "rounded down")
    text = str(eff)
    assert "4.40" in text and "0.40" in text and " 4.4 " not in text
    assert rows["default plan: exercise price"][0] == Decimal("0.40")  # given as "0.40", shown with cents
    # a plan-wide override still applies to every plan
    forced = cap.apply("1-for-11", option_share_rounding="up")
    assert [o.shares for o in forced.after.options] == [27_273, 27_273]


def test_forward_whole_share_splits_multiply_contracts() -> None:
    # OCC Jan 9, 2006: 3-for-1, XYZ 60 -> three XYZ 20, 100 shares each
    three = ListedOption(Decimal("60")).apply(SplitRatio(3, 1))
    assert (three.contracts, three.strike, three.deliverable_shares, three.method) == (
        3,
        Decimal("20"),
        100,
        "contracts",
    )
    # OCC memo #47369: one AAPL 400 call -> four AAPL 100 calls
    aapl = ListedOption(Decimal("400")).apply(SplitRatio(4, 1))
    assert (aapl.contracts, aapl.strike, aapl.multiplier) == (4, Decimal("100"), 100)
    # 2-for-1: two contracts at half the strike, not one delivering 200 shares
    two = ListedOption(Decimal("45.50"), contracts=5).apply(SplitRatio(2, 1))
    assert (two.contracts, two.strike_exact, two.deliverable_shares) == (10, Fraction(91, 4), 100)


def test_uneven_forward_split_adjusts_the_deliverable() -> None:
    # after SR-OCC-2006-01: 3-for-2 on a $50 call -> 150 shares, strike still $50, aggregate $5,000 = 50 x 100
    adj = ListedOption(Decimal("50")).apply(SplitRatio(3, 2))
    assert (adj.deliverable_shares, adj.cash_fraction, adj.strike, adj.multiplier) == (150, 0, Decimal("50"), 100)
    assert adj.strike * adj.multiplier == Decimal("5000")
    assert adj.contracts == 1 and adj.method == "deliverable"
    assert "cash for" not in adj.describe


def test_an_adjusted_contract_is_adjusted_again() -> None:
    # OCC #40016 style: 1-for-30 leaves 3 shares + cash for 1/3 share; priced at $15.00 per new share = $5.00
    first = ListedOption(Decimal("1")).apply(SplitRatio(1, 30), post_price="15")
    assert (first.deliverable_shares, first.cash_fraction, first.cash_in_lieu) == (3, Fraction(1, 3), Decimal("5.00"))
    contract = ListedOption(Decimal("1")).then(first)
    assert (contract.deliverable, contract.deliverable_cash, contract.multiplier) == (3, Decimal("5.00"), 100)
    # deliverable 12 shares + cash, multiplier 100, through a further 1-for-5: 2 shares + cash for 2/5 share,
    # the earlier cash carried; strike and multiplier unchanged (the aggregate is still strike x 100)
    odd = ListedOption(Decimal("2.50"), deliverable=12, deliverable_cash=Decimal("3.40"))
    again = odd.apply(SplitRatio(1, 5), post_price="10")
    assert (again.deliverable_shares, again.cash_fraction, again.cash_in_lieu) == (2, Fraction(2, 5), Decimal("4.00"))
    assert (again.deliverable_cash, again.multiplier, again.strike) == (Decimal("3.40"), 100, Decimal("2.50"))
    # a 2-for-1 forward split on that non-standard contract doubles its deliverable, not its contracts
    fwd = odd.apply(SplitRatio(2, 1))
    assert (fwd.contracts, fwd.deliverable_shares, fwd.method) == (1, 24, "deliverable")
    with pytest.raises(sc.InputError, match="deliverable_cash"):
        ListedOption(Decimal("1"), deliverable_cash=Decimal("-1"))


def test_notes_never_read_zero_and_a_fraction() -> None:
    cap = CapitalStructure(outstanding=1, price=Decimal("0.40"), listed_options=(ListedOption(Decimal("1")),))
    eff = cap.apply("1-for-11")
    text = str(eff)
    assert "0 1/11" not in text
    assert "exact entitlement 1/11" in text
    assert "cash for 1/11 share ($0.40)" in text  # 100/11 = 9 1/11 shares; 1/11 of $4.40
    lo = eff.listed_options[0]
    assert (lo.deliverable_shares, lo.cash_fraction) == (9, Fraction(1, 11))
    half = ListedOption(Decimal("1")).apply(SplitRatio(1, 200))
    assert half.describe.startswith("0 shares + cash for 1/2 share")


def test_warrants_without_anti_dilution_and_with_a_price_reset() -> None:
    plain = StockOption(1_000_000, Decimal("0.10"), name="Series C", kind="warrant", adjustment="none")
    same = plain.apply(SplitRatio(1, 60))
    assert (same.shares, same.exercise_price) == (1_000_000, Decimal("0.10"))
    assert same.adjusted_by == "not adjusted (no anti-dilution)"
    # Cemtrex-style reset (illustrative holding; the $0.7446 price is Cemtrex's): 1,000,000 at $0.10 is a
    # $100,000 aggregate; 1-for-60 would give 16,666 at $6.00; reset to $0.7446 the shares become
    # floor(100,000 / 0.7446) = 134,300 so the aggregate stays (134,300 x 0.7446 = 99,999.78)
    series_b = StockOption(
        1_000_000, Decimal("0.10"), name="Series B", kind="warrant", adjustment="price_reset", reset_price="0.7446"
    )
    reset = series_b.apply(SplitRatio(1, 60))
    assert (reset.shares, reset.exercise_price) == (134_300, Decimal("0.7446"))
    assert reset.shares * reset.exercise_price <= Decimal("100000") < (reset.shares + 1) * reset.exercise_price
    assert "price reset to 0.7446" in reset.adjusted_by
    # a reset price above the adjusted price leaves the proportional adjustment
    high = StockOption(600, Decimal("0.10"), kind="warrant", adjustment="price_reset", reset_price="9").apply(
        SplitRatio(1, 60)
    )
    assert (high.shares, high.exercise_price) == (10, Decimal("6.00"))
    # shown as such in the split table
    cap = CapitalStructure(outstanding=6_000_000, options=(plain, series_b))
    rows = {m: n for m, _, _, n in cap.apply("1-for-60").rows()}
    assert rows["Series C: shares"] == "not adjusted (no anti-dilution)"
    assert rows["Series B: exercise price"].startswith("price reset to 0.7446")
    with pytest.raises(sc.InputError, match="reset_price"):
        StockOption(1, Decimal("1"), adjustment="price_reset")
    with pytest.raises(sc.InputError, match="price_rounding"):
        StockOption(1, Decimal("1"), price_rounding="sideways")
    assert StockOption(1, Decimal("1"), price_rounding="half_even").price_rounding == decimal.ROUND_HALF_EVEN


def test_listed_option_notes_cite_the_occ_rule_and_its_approval() -> None:
    # OCC By-Laws Art. VI, Sec. 11A as amended by SR-OCC-2006-01, approved by SEC Rel. 34-55258 (Feb 8, 2007),
    # 72 FR 7701, govinfo.gov/content/pkg/FR-2007-02-16/html/E7-2792.htm
    r = SplitRatio.parse("1-for-30")
    for adj in (ListedOption(strike="5").apply(r), ListedOption(strike="50").apply(SplitRatio.parse("2-for-1"))):
        assert "Art. VI, Sec. 11A" in adj.describe and "72 FR 7701" in adj.describe
