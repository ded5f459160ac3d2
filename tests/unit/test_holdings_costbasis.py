"""Cost basis per lot through a split, and round-up economics, computed by hand."""

from __future__ import annotations

import datetime as dt
import warnings
from decimal import Decimal
from fractions import Fraction

import pandas as pd
import pytest

import splitcalc as sc
from splitcalc.costbasis import round_up_gain, round_up_table
from splitcalc.holdings import Holdings
from splitcalc.ratio import SplitRatio
from splitcalc.serialize import to_jsonable


def lots() -> Holdings:
    return Holdings.from_frame(
        pd.DataFrame(
            {
                "holder_id": ["A", "A"],
                "lot_id": ["L1", "L2"],
                "acquired": ["2000-01-03", "2001-06-01"],
                "cost_basis": ["1000.00", "250.00"],
                "shares": [60, 50],
            }
        )
    )


def test_fifo_sells_the_fraction_from_the_oldest_lot() -> None:
    # 110 shares through 1-for-25: 4 new shares + 10/25. At $0.40 per old share the fraction is
    # paid 10 x $0.40 = $4.00. FIFO takes the 10/25 from L1 (60 old shares = 60/25 new):
    #   L1 keeps 50/25 = 2 new shares; basis sold 1000 x 10/60 = 166.67; carried 833.33;
    #   gain 4.00 - 166.67 = -162.67. L2 keeps 50/25 = 2 new shares and all its $250 basis.
    res = lots().apply("1-for-25", price="0.40").cost_basis(order="fifo", effective_date="2002-05-01")
    f = res.lots.set_index("lot_id")
    assert f.loc["L1", "post_shares"] == 2 and f.loc["L2", "post_shares"] == 2
    assert f.loc["L1", "cashed_shares"] == Fraction(2, 5)
    assert f.loc["L1", "cash"] == Decimal("4.00") and f.loc["L2", "cash"] == Decimal("0.00")
    assert f.loc["L1", "basis_cashed"] == Decimal("166.67")
    assert f.loc["L1", "basis_carried"] == Decimal("833.33")
    assert f.loc["L1", "gain"] == Decimal("-162.67")
    assert f.loc["L2", "basis_carried"] == Decimal("250.00")
    # per-share basis x ratio: L2 $5.00 per old share -> $125.00 per new share (5 x 25)
    assert f.loc["L2", "basis_per_share_before"] == Decimal("5.0000")
    assert f.loc["L2", "basis_per_share_after"] == Decimal("125.0000")
    assert f.loc["L1", "basis_per_share_after"] == Decimal("416.6650")  # 833.33 / 2
    # holding period carries over: on May 1, 2002 L1 (Jan 2000) is long-term, L2 (Jun 2001) is not
    assert f["long_term"].tolist() == [True, False]
    assert f["acquired"].tolist() == [dt.date(2000, 1, 3), dt.date(2001, 6, 1)]
    assert res.basis_before == Decimal("1250.00")
    assert res.basis_carried is not None and res.basis_cashed is not None
    assert res.basis_carried + res.basis_cashed == res.basis_before
    assert (res.cash, res.gain) == (Decimal("4.00"), Decimal("-162.67"))
    assert res.uncertain == ()
    assert "Cost basis through the 1-for-25 split" in str(res)


def test_lifo_sells_the_fraction_from_the_newest_lot() -> None:
    # LIFO takes the 10/25 from L2: basis sold 250 x 10/50 = 50.00; gain 4.00 - 50.00 = -46.00
    res = lots().apply("1-for-25", price="0.40").cost_basis(order="lifo")
    f = res.lots.set_index("lot_id")
    assert f.loc["L2", "post_shares"] == Fraction(8, 5)
    assert f.loc["L1", "post_shares"] == Fraction(12, 5)
    assert f.loc["L2", "basis_cashed"] == Decimal("50.00")
    assert res.gain == Decimal("-46.00")
    assert "long_term" not in res.lots.columns  # no effective date given


def test_fraction_spanning_lots_shares_cash_exactly() -> None:
    # 12 + 10 = 22 old shares through 1-for-25: 0 new shares, all 22/25 cashed at $0.10:
    # $2.20, split 12:10 by cumulative flooring: $1.20 and $1.00.
    h = Holdings.from_frame(pd.DataFrame({"holder_id": ["A", "A"], "lot_id": ["a", "b"], "shares": [12, 10]}))
    res = h.apply("1-for-25", price="0.10").cost_basis()
    assert res.lots["cash"].tolist() == [Decimal("1.20"), Decimal("1.00")]
    assert res.basis_before is None and res.gain is None  # no cost_basis column
    # three 1-share lots through 1-for-7 at $0.005: unit cash 3 x 0.5 = 1.5 cents -> 2 (half up);
    # shared by cumulative flooring: 2x1//3 = 0, 2x2//3 - 0 = 1, 2 - 1 = 1
    h3 = Holdings.from_frame(pd.DataFrame({"holder_id": ["A"] * 3, "lot_id": ["a", "b", "c"], "shares": [1, 1, 1]}))
    res3 = h3.apply("1-for-7", price="0.005").cost_basis()
    assert res3.lots["cash"].tolist() == [Decimal("0.00"), Decimal("0.01"), Decimal("0.01")]
    assert res3.cash == h3.apply("1-for-7", price="0.005").totals.cash_total == Decimal("0.02")


def test_round_up_extra_fraction_has_zero_basis_and_is_flagged_uncertain() -> None:
    # 30 shares, basis $300, 1-for-25 rounded up: entitled 6/5, receives 2 shares (4/5 extra).
    # Nothing is sold; the $300 is spread over 2 shares: $150.00 each.
    h = Holdings.from_frame(pd.DataFrame({"holder_id": ["A"], "cost_basis": ["300"], "shares": [30]}))
    with pytest.warns(sc.RuleUncertainWarning, match="zero basis"):
        res = h.apply("1-for-25", fractional="round_up").cost_basis()
    row = res.lots.iloc[0]
    assert row["post_shares"] == 2
    assert row["extra_shares"] == Fraction(4, 5)
    assert row["basis_carried"] == Decimal("300")
    assert row["basis_per_share_after"] == Decimal("150.0000")
    assert res.extra_shares == Fraction(4, 5)
    assert res.uncertain


def test_round_down_keeps_the_basis_with_the_shares_kept() -> None:
    # 30 shares, basis $300, 1-for-25 rounded down: 1 share kept, 1/5 dropped, no sale:
    # the whole $300 stays with the 1 share (flagged: the fact sheet does not settle it)
    h = Holdings.from_frame(pd.DataFrame({"holder_id": ["A"], "cost_basis": ["300"], "shares": [30]}))
    with pytest.warns(sc.RuleUncertainWarning, match="Round-down"):
        res = h.apply("1-for-25", fractional="round_down").cost_basis()
    row = res.lots.iloc[0]
    assert (row["post_shares"], row["cashed_shares"]) == (1, Fraction(1, 5))
    assert row["basis_carried"] == Decimal("300")
    assert "cash" not in res.lots.columns


def test_round_down_basis_of_a_lot_left_with_no_shares_is_eliminated_not_carried() -> None:
    # 1-for-25 rounded down: A's 30 shares keep 1 new share ($300 stays with it);
    # B's 24 shares are entitled to 24/25 and get nothing: no share, no cash, so its $3.33
    # cannot be carried; it is eliminated. 300 + 3.33 = 303.33 = 300 carried + 0 cashed + 3.33 eliminated.
    h = Holdings.from_frame(
        pd.DataFrame({"holder_id": ["A", "B"], "lot_id": ["a", "b"], "cost_basis": ["300", "3.33"], "shares": [30, 24]})
    )
    with pytest.warns(sc.RuleUncertainWarning, match="Round-down"):
        res = h.apply("1-for-25", fractional="round_down").cost_basis()
    f = res.lots.set_index("lot_id")
    assert f.loc["b", "post_shares"] == 0
    assert f.loc["b", "basis_carried"] == 0
    assert f.loc["b", "basis_eliminated"] == Decimal("3.33")
    assert f.loc["a", "basis_carried"] == Decimal("300") and f.loc["a", "basis_eliminated"] == 0
    assert (res.basis_before, res.basis_carried, res.basis_cashed, res.basis_eliminated) == (
        Decimal("303.33"),
        Decimal("300"),
        Decimal("0"),
        Decimal("3.33"),
    )
    summary = res.to_frame()["value"]
    assert summary["Basis carried to new shares"] == Decimal("300")
    assert summary["Basis eliminated (lots left with no shares, no cash)"] == Decimal("3.33")
    assert to_jsonable(res.to_dict())["basis_eliminated"] == "3.33"


def test_whole_lot_sold_for_cash_allocates_all_its_basis() -> None:
    # 24 shares, basis $3.3333, 1-for-25 cash in lieu at $0.10: the whole lot is sold for 24 x 0.10 = $2.40;
    # all $3.3333 is allocated to it (cent-rounding it to $3.33 left $0.0033 "carried" onto zero shares)
    h = Holdings.from_frame(pd.DataFrame({"holder_id": ["A"], "cost_basis": ["3.3333"], "shares": [24]}))
    res = h.apply("1-for-25", price="0.10").cost_basis()
    row = res.lots.iloc[0]
    assert (row["post_shares"], row["basis_cashed"], row["basis_carried"]) == (0, Decimal("3.3333"), 0)
    assert res.gain == Decimal("-0.9333")  # 2.40 - 3.3333


def test_cost_basis_argument_errors() -> None:
    res = lots().apply("1-for-25")
    with pytest.raises(sc.InputError, match="order"):
        res.cost_basis(order="hifo")  # type: ignore[arg-type]
    with pytest.raises(sc.InputError, match=r"effective_date.*not an ISO date \(YYYY-MM-DD\)"):
        res.cost_basis(effective_date="next week")


@pytest.mark.parametrize(
    "when",
    ["2002-05-01", dt.date(2002, 5, 1), dt.datetime(2002, 5, 1, 16, 0), pd.Timestamp("2002-05-01")],
)
def test_effective_date_read_like_every_other_date(when: object) -> None:
    # text, date, datetime and pandas Timestamp all mean May 1, 2002: L1 (Jan 3, 2000) held over a year, L2 not
    res = lots().apply("1-for-25", price="0.40").cost_basis(effective_date=when)  # type: ignore[arg-type]
    assert res.effective_date == dt.date(2002, 5, 1)
    assert type(res.effective_date) is dt.date
    assert res.lots["long_term"].tolist() == [True, False]


# ---------------------------------------------------------- round-up economics
def test_round_up_economics_by_hand() -> None:
    # [1, 24, 25, 30] shares, 1-for-25, $0.17 per old share = $4.25 per new share.
    # remainders 1, 24, 0, 5: three units rounded up; extra (24 + 1 + 20)/25 = 9/5 shares,
    # worth 9/5 x 4.25 = $7.65; cash in lieu instead: 30/25 x 4.25 = $5.10;
    # largest gain: the 1-share holder, 24/25 x 4.25 = $4.08; dilution (9/5)/(80/25) = 9/16.
    res = Holdings.from_arrays([1, 24, 25, 30]).apply("1-for-25", price="0.17")
    econ = res.round_up_economics()
    assert (econ.units, econ.units_rounded_up) == (4, 3)
    assert econ.extra_shares == Fraction(9, 5)
    assert econ.value_to_holders == Decimal("7.65")
    assert econ.cash_in_lieu_cost == Decimal("5.10")
    assert econ.max_gain == Decimal("4.08")
    assert econ.dilution == Fraction(9, 16)
    assert econ.price_per_new_share == Fraction(17, 4)
    # the same table actually rounded up issues exactly those extra shares
    up = Holdings.from_arrays([1, 24, 25, 30]).apply("1-for-25", fractional="round_up")
    assert up.totals.shares_rounded_up == econ.extra_shares
    assert "Round-up economics" in str(econ)
    assert to_jsonable(econ)["extra_shares"] == "9/5"


def test_round_up_economics_needs_a_price() -> None:
    res = Holdings.from_arrays([1]).apply("1-for-25")
    with pytest.raises(sc.InputError, match="price"):
        res.round_up_economics()
    assert res.round_up_economics(price="0.17").max_gain == Decimal("4.08")


def test_round_up_gain_and_table() -> None:
    # one share at $0.17 before a 1-for-25 round-up becomes one share worth $4.25: gain 24/25 x 4.25
    assert round_up_gain(1, "1-for-25", "0.17") == Fraction(102, 25)
    assert round_up_gain(25, "1-for-25", "0.17") == 0
    assert round_up_gain(1, "1-for-25", "4.25", price_basis="post") == Fraction(102, 25)
    t = round_up_table("1-for-25", "0.17")
    assert len(t) == 25
    first = t.iloc[0]
    assert (first["cost"], first["value_after"], first["gain"]) == (Decimal("0.17"), Decimal("4.25"), Decimal("4.08"))
    assert first["return_pct"] == Decimal("2400.00")  # 4.08 / 0.17 = 24x
    with pytest.raises(sc.InputError, match="shares"):
        round_up_gain(-1, "1-for-25", "0.17")
    with pytest.raises(sc.InputError, match="price"):
        round_up_table("1-for-25", "0")


def test_a_sub_cent_basis_is_never_allocated_more_than_it_has() -> None:
    # found by hypothesis: 13 shares with $0.0061 basis, 3-for-34, cash in lieu of 32/34 of a share; the
    # fraction's share of the basis ($0.0050) rounds to $0.01, more than the lot has -- it takes $0.0061
    frame = pd.DataFrame(
        {
            "holder_id": ["h1", "h1"],
            "account_id": ["0", "1"],
            "lot_id": ["L0", "L1"],
            "acquired": ["2010-01-01", "2011-01-02"],
            "cost_basis": ["0.0061", "0.00"],
            "shares": [13, 9],
        }
    )
    res = Holdings(frame).apply(SplitRatio(3, 34), fractional="cash_in_lieu", level="holder")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lots = res.cost_basis(order="fifo").lots
    first = lots.iloc[0]
    assert first["basis_cashed"] == Decimal("0.0061")
    assert first["basis_carried"] == Decimal("0")
    assert (lots["basis_carried"] >= 0).all()
