"""Holdings.apply: worked examples a reader can check by hand, totals, levels, frames."""

from __future__ import annotations

import decimal
import json
import warnings
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import splitcalc as sc
from splitcalc.holdings import ROUND_LOT, Holdings
from splitcalc.serialize import dumps

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "data" / "examples" / "neotherapeutics-2002-holders.csv"


def one(shares: int) -> Holdings:
    return Holdings.from_frame(pd.DataFrame({"holder_id": ["h"], "shares": [shares]}))


# ------------------------------------------------------------ worked examples
def test_100_shares_through_1_for_200_is_cashed_out_for_half_a_share() -> None:
    # 100 x 1/200 = 1/2 new share: 0 whole shares, cash for 1/2 share.
    # At $0.0736 per old share the new share is worth 200 x 0.0736 = $14.72, half of it $7.36
    # (the rules.md §6 example: "100 sh in a 1-for-200 -> 0 sh + $7.36").
    res = one(100).apply("1-for-200", price="0.0736")
    row = res.frame.iloc[0]
    assert row["post_shares"] == 0
    assert (row["fraction_num"], row["fraction_den"]) == (100, 200)
    assert row["cash"] == Decimal("7.36")
    assert bool(row["cashed_out"])
    t = res.totals
    assert t.shares_cashed_out == Fraction(1, 2)
    assert t.cash_total == Decimal("7.36")
    assert (t.holders_before, t.holders_after, t.holders_eliminated) == (1, 0, 1)
    assert (t.round_lot_holders_before, t.round_lot_holders_after) == (1, 0)  # 100 shares was a round lot


def test_2600_shares_through_1_for_25_stay_a_round_lot() -> None:
    # 2,600 / 25 = 104 exactly: no fraction, no cash, still >= 100 shares.
    res = one(2_600).apply("1-for-25", price="0.17")
    row = res.frame.iloc[0]
    assert row["post_shares"] == 104
    assert row["fraction_num"] == 0
    assert row["cash"] == Decimal("0.00")
    assert bool(row["round_lot_before"]) and bool(row["round_lot_after"])
    assert res.totals.round_lot_holders_after == 1
    assert res.totals.cash_total == Decimal("0.00")


def test_30_shares_at_40_cents_through_1_for_25() -> None:
    # 30 / 25 = 1 1/5: one share; the 5 old shares left over are paid 5 x $0.40 = $2.00.
    res = one(30).apply("1-for-25", price=Decimal("0.40"))
    row = res.frame.iloc[0]
    assert (row["entitled_whole"], row["fraction_num"], row["post_shares"]) == (1, 5, 1)
    assert row["cash"] == Decimal("2.00")
    assert row["cash_cents"] == 200
    assert str(row["settlement"]) == "cash"
    # the same price quoted per new share: $0.40 x 25 = $10.00, a fifth of it $2.00
    post = one(30).apply("1-for-25", price="10.00", price_basis="post")
    assert post.totals.cash_total == Decimal("2.00")
    assert post.price_per_new_share == res.price_per_new_share == Fraction(10)


def test_eden_bioscience_price_on_either_basis() -> None:
    # rules.md §6: Eden 1-for-3, $0.56 pre = $1.68 post. 100 shares -> 33 + 1/3 share.
    # pre: 1 old share left over x $0.56 = $0.56; post: 1/3 x $1.68 = $0.56.
    pre = one(100).apply("1-for-3", price="0.56")
    post = one(100).apply("1-for-3", price="1.68", price_basis="post")
    assert pre.frame["post_shares"].tolist() == post.frame["post_shares"].tolist() == [33]
    assert pre.totals.cash_total == post.totals.cash_total == Decimal("0.56")


@pytest.mark.parametrize(
    ("rounding", "cash"),
    [
        # 1 share through 1-for-25 at $0.125: exactly 12.5 cents
        (decimal.ROUND_HALF_UP, "0.13"),
        (decimal.ROUND_HALF_EVEN, "0.12"),
        (decimal.ROUND_HALF_DOWN, "0.12"),
        (decimal.ROUND_DOWN, "0.12"),
        (decimal.ROUND_UP, "0.13"),
        ("half_even", "0.12"),
    ],
)
def test_rounding_mode_decides_the_half_cent(rounding: str, cash: str) -> None:
    res = one(1).apply("1-for-25", price="0.125", rounding=rounding)
    assert res.totals.cash_total == Decimal(cash)


def test_third_of_a_cent_rounds_by_mode() -> None:
    # 1 share through 1-for-3 at $0.01 per old share: cash = 1 x $0.01 / 1 = $0.01 exactly;
    # per new share $0.01 (post): 1/3 x $0.01 = 0.333 cents -> 0 half-up, 1 ceiling.
    assert one(1).apply("1-for-3", price="0.01", price_basis="post").totals.cash_total == Decimal("0.00")
    up = one(1).apply("1-for-3", price="0.01", price_basis="post", rounding="ceiling")
    assert up.totals.cash_total == Decimal("0.01")


@pytest.mark.parametrize(
    "case",
    [
        # 30 shares, 1-for-25: entitlement 6/5
        ("cash_in_lieu", 30, 1, Fraction(1, 5), 0, 0),
        ("round_down", 30, 1, 0, Fraction(1, 5), 0),
        ("round_up", 30, 2, 0, 0, Fraction(4, 5)),
        ("round_nearest", 30, 1, 0, Fraction(1, 5), 0),
        # 40 shares: 8/5 -> nearest is 2, 2/5 added
        ("round_nearest", 40, 2, 0, 0, Fraction(2, 5)),
        # 10 shares: 2/5 -> cashed out entirely, or kept as 1 share when rounded up
        ("cash_in_lieu", 10, 0, Fraction(2, 5), 0, 0),
        ("round_up", 10, 1, 0, 0, Fraction(3, 5)),
    ],
)
def test_policies(case: tuple[str, int, int, Fraction, Fraction, Fraction]) -> None:
    policy, shares, post, cashed, forfeited, rounded_up = case
    res = one(shares).apply("1-for-25", fractional=policy)  # type: ignore[arg-type]
    t = res.totals
    assert t.shares_after == post
    assert (t.shares_cashed_out, t.shares_forfeited, t.shares_rounded_up) == (cashed, forfeited, rounded_up)
    assert t.shares_after == t.entitlement - t.shares_cashed_out - t.shares_forfeited + t.shares_rounded_up
    assert t.cash_total is None  # no price given


def test_round_nearest_rounds_half_a_share_up() -> None:
    # 1 share through 1-for-2 is exactly half a new share
    assert one(1).apply("1-for-2", fractional="round_nearest").totals.shares_after == 1
    assert one(1).apply("1-for-2", fractional="round_down").totals.shares_after == 0


def test_forward_split_has_no_fraction_for_whole_multiples() -> None:
    res = one(7).apply("3-for-2", price="1")
    # 7 x 3 / 2 = 10 1/2: 10 shares, cash for half a new share at $1 x 2/3 = $0.3333 -> $0.33
    assert res.totals.shares_after == 10
    assert res.totals.cash_total == Decimal("0.33")


# -------------------------------------------------------------- levels
def two_accounts() -> Holdings:
    return Holdings.from_frame(
        pd.DataFrame(
            {
                "holder_id": ["A", "A", "B"],
                "account_id": ["1", "2", "1"],
                "account_type": ["registered", "street", "street"],
                "shares": [20, 20, 25],
            }
        )
    )


def test_holder_level_combines_positions_before_settling() -> None:
    # A: 20 + 20 = 40 shares -> 1 share + 15/25; cash 15 x $0.10 = $1.50. B: 25 -> 1 share.
    res = two_accounts().apply("1-for-25", price="0.10", level="holder")
    assert res.frame["post_shares"].tolist() == [1, 1]
    assert res.frame["rows"].tolist() == [2, 1]
    assert res.frame["account_type"].astype(str).tolist() == ["mixed", "street"]
    assert res.totals.cash_total == Decimal("1.50")
    assert res.totals.holders_after == 2


def test_position_level_can_cash_out_a_holder_with_more_than_the_ratio() -> None:
    # each of A's positions holds 20 < 25 shares: both cashed out, A leaves the holder count
    # although A owned 40 shares; cash 20 x $0.10 + 20 x $0.10 = $4.00.
    res = two_accounts().apply("1-for-25", price="0.10", level="position")
    f = res.frame
    assert f["post_shares"].tolist() == [0, 0, 1]
    assert f["account_id"].tolist() == ["1", "2", "1"]
    assert f["holder_eliminated"].tolist() == [True, True, False]
    assert res.totals.cash_total == Decimal("4.00")
    assert (res.totals.holders_after, res.totals.holders_eliminated) == (1, 1)
    assert res.totals.units_cashed_out == 2
    assert res.totals.positions == 3


def test_rows_without_account_id_are_separate_positions() -> None:
    h = Holdings.from_arrays([20, 20], holder_id=["A", "A"])
    assert h.n_positions == 2
    assert h.apply("1-for-25", level="position").totals.shares_after == 0
    assert h.apply("1-for-25", level="holder").totals.shares_after == 1


def test_lots_of_a_holder_form_one_position_without_account_id() -> None:
    h = Holdings.from_frame(pd.DataFrame({"holder_id": ["A", "A"], "lot_id": ["L1", "L2"], "shares": [20, 20]}))
    assert h.n_positions == 1
    assert h.apply("1-for-25", level="position").totals.shares_after == 1


# -------------------------------------------------------------- totals
def small_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "holder_id": ["ceo", "p1", "p2", "p3", "p4", "p5"],
            "insider": [True, False, False, False, False, False],
            "shares": [50_000, 10, 99, 100, 2_500, 0],
        }
    )


def test_totals_by_hand() -> None:
    res = Holdings.from_frame(small_table()).apply("1-for-25", price="0.20")
    t = res.totals
    # before: 5 holders with shares (p5 holds none); round lots: ceo, p3, p4
    assert (t.holders_before, t.round_lot_holders_before) == (5, 3)
    assert (t.public_holders_before, t.public_round_lot_holders_before) == (4, 2)
    # after: ceo 2,000; p1 0 (10/25); p2 3 (99 = 3x25 + 24); p3 4; p4 100
    assert t.shares_after == 2_000 + 0 + 3 + 4 + 100
    assert (t.holders_after, t.holders_eliminated) == (4, 1)
    assert (t.round_lot_holders_after, t.public_round_lot_holders_after) == (2, 1)  # ceo, p4
    assert (t.public_holders_after, t.public_holders_eliminated) == (3, 1)
    assert t.shares_before == 52_709
    assert t.public_shares_before == 2_709
    assert t.public_shares_after == 107
    # cashed: 10 + 24 old shares left over -> 34/25 new shares; cash 34 x $0.20 = $6.80
    assert t.shares_cashed_out == Fraction(34, 25)
    assert t.cash_total == Decimal("6.80")
    assert (t.units, t.units_with_fraction, t.units_cashed_out) == (6, 2, 1)
    assert res.frame["cash"].sum() == t.cash_total


def test_round_lot_is_100_shares() -> None:
    assert ROUND_LOT == 100
    # 2,475 / 25 = 99: drops below a round lot; 2,500 / 25 = 100 keeps it
    res = Holdings.from_arrays([2_475, 2_500]).apply("1-for-25")
    assert res.frame["round_lot_after"].tolist() == [False, True]


def test_distribution_buckets_by_hand() -> None:
    res = Holdings.from_frame(small_table()).apply("1-for-25")
    d = res.distribution().set_index("bucket")
    # before: 0 -> p5; 1-99 -> p1, p2; 100-499 -> p3; 1,000-4,999 -> p4; 10,000-99,999 -> ceo
    assert d["holders_before"].to_dict() == {
        "0": 1,
        "1-99": 2,
        "100-499": 1,
        "500-999": 0,
        "1,000-4,999": 1,
        "5,000-9,999": 0,
        "10,000-99,999": 1,
        "100,000+": 0,
    }
    # after: 0 -> p5, p1; 1-99 -> p2 (3), p3 (4); 100-499 -> p4 (100); 1,000-4,999 -> ceo (2,000)
    assert d.loc["0", "holders_after"] == 2
    assert d.loc["1-99", "holders_after"] == 2
    assert d.loc["100-499", "holders_after"] == 1
    assert d.loc["1,000-4,999", "holders_after"] == 1
    assert d["shares_after"].sum() == res.totals.shares_after
    assert d["shares_before"].sum() == res.totals.shares_before
    custom = res.distribution([0, 1, 100]).set_index("bucket")
    assert custom["holders_after"].to_dict() == {"0": 2, "1-99": 2, "100+": 2}
    with pytest.raises(sc.InputError, match="buckets"):
        res.distribution([1, 100])


def test_compare_ratios() -> None:
    h = Holdings.from_frame(small_table())
    table = h.compare(["1-for-10", "1-for-25", "1-for-100"])
    # 1-for-100: p1, p2 (99) cashed out; p3 keeps exactly 1 share
    assert table.loc["1-for-100", "holders_after"] == 3
    assert table["holders_after"].tolist() == [5, 4, 3]


# ------------------------------------------------------- outputs & display
def test_result_views_and_json() -> None:
    res = Holdings.from_frame(small_table()).apply("1-for-25", price="0.20")
    text = str(res)
    assert "1-for-25 split, cash in lieu at holder level, $0.20 per old share" in text
    assert "Round-lot holders" in text
    assert "<table" in res._repr_html_()
    data = json.loads(dumps(res))
    assert data["totals"]["cash_total"] == "6.80"
    assert data["totals"]["shares_cashed_out"] == "34/25"
    assert data["price"] == "1/5"
    assert data["distribution"][0]["bucket"] == "0"
    assert "Holdings" in repr(Holdings.from_frame(small_table()))
    hf = res.holder_frame()
    assert hf["shares_after"].sum() == res.totals.shares_after


def test_result_is_frozen() -> None:
    res = one(30).apply("1-for-25")
    with pytest.raises(AttributeError):
        res.ratio = sc.SplitRatio(1, 2)  # type: ignore[misc]


def test_apply_argument_errors() -> None:
    h = one(30)
    with pytest.raises(sc.InputError, match="fractional"):
        h.apply("1-for-25", fractional="round_sideways")  # type: ignore[arg-type]
    with pytest.raises(sc.InputError, match="level"):
        h.apply("1-for-25", level="account")  # type: ignore[arg-type]
    with pytest.raises(sc.InputError, match="price_basis"):
        h.apply("1-for-25", price_basis="mid")  # type: ignore[arg-type]
    with pytest.raises(sc.InputError, match="price"):
        h.apply("1-for-25", price="-0.10")
    with pytest.raises(sc.InputError, match="price"):
        h.apply("1-for-25", price="abc")
    with pytest.raises(sc.InputError, match="rounding"):
        h.apply("1-for-25", price="0.1", rounding="sideways")
    with pytest.raises(sc.InvalidRatio):
        h.apply("1-for-0")


# ------------------------------------------------------------ big numbers
def test_int64_overflow_falls_back_to_python_ints() -> None:
    # 2**62 shares x 3 overflows int64; the result must still be exact.
    big = 2**62
    h = Holdings.from_arrays(np.array([big, 5], dtype=np.int64))
    res = h.apply("3-for-2", price="1")
    # big x 3 / 2 = 3 x 2**61 exactly; 5 x 3 / 2 = 7 1/2 -> cash for 1/2 share at $1 x 2/3 -> $0.33
    assert res.frame["post_shares"].tolist() == [3 * 2**61, 7]
    assert res.totals.shares_after == 3 * 2**61 + 7
    assert res.totals.entitlement == Fraction((big + 5) * 3, 2)
    assert res.totals.cash_total == Decimal("0.33")
    assert res.totals.round_lot_holders_after == 1


def test_total_beyond_int64_is_refused() -> None:
    with pytest.raises(sc.InvalidHoldings, match="2\\*\\*63"):
        Holdings.from_arrays(np.array([2**62, 2**62], dtype=np.int64))


def test_large_old_term_uses_direct_rounding() -> None:
    # old = 100,000 exceeds the lookup-table size for 2 units: same answer computed per unit.
    # 250,001 shares through 1-for-100,000: 2 shares + 50,001 old shares in cash at $0.01 = $500.01
    res = Holdings.from_arrays([250_001, 7]).apply("1-for-100000", price="0.01")
    assert res.frame["cash"].tolist() == [Decimal("500.01"), Decimal("0.07")]
    assert res.totals.cash_total == Decimal("500.08")


# ----------------------------------------------------------- example file
def test_example_file_is_labelled_synthetic_and_sums_to_neot_outstanding() -> None:
    head = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("# SYNTHETIC")
    h = Holdings.from_csv(EXAMPLE)
    assert h.total_shares == 39_752_812  # NEOT, Aug 14, 2002 (rules.md §4)
    assert 2_000 <= h.n_rows <= 5_000
    frame = h.to_frame()
    assert frame["insider"].any()
    assert (frame["account_type"] == "street").any()
    res = h.apply("1-for-25", price="0.17")
    # 39,752,812 / 25 = 1,590,112.48: whole shares after cash-outs are a little fewer
    assert res.totals.entitlement == Fraction(39_752_812, 25)
    assert res.totals.shares_after + res.totals.shares_cashed_out == res.totals.entitlement
    assert 1_580_000 < res.totals.shares_after <= 1_590_112


def test_example_file_is_reproducible() -> None:
    h = Holdings.synthetic(3000, total_shares=39_752_812, seed=2002, insider_shares=2_500_000, second_accounts=0.05)
    on_disk = Holdings.from_csv(EXAMPLE).to_frame()
    fresh = h.to_frame()
    assert fresh["shares"].tolist() == on_disk["shares"].tolist()
    assert fresh["insider"].tolist() == on_disk["insider"].tolist()
    for column in ("holder_id", "account_id", "account_type"):
        assert fresh[column].astype(str).tolist() == on_disk[column].astype(str).tolist()


def test_cash_beyond_28_digits_is_exact() -> None:
    # 1-for-2**62 at $1e30 + 1 cent per old share: fewer than 2**62 shares are all a fraction, paid
    # shares x price: (10**18 + 1) x (10**30 + 0.01) = 10**48 + 10**30 + 10**16 + 0.01, 51 digits;
    # Decimal.scaleb kept 28
    price = Decimal("1000000000000000000000000000000.01")  # 10**30 + 0.01
    res = Holdings.from_arrays([10**18 + 1, 5]).apply((1, 2**62), price=price)
    ctx = decimal.Context(prec=100)  # enough digits for the hand arithmetic
    first = ctx.multiply(Decimal(10**18 + 1), price)
    assert first == Decimal("1000000000000000001000000000000010000000000000000.01")
    second = ctx.multiply(Decimal(5), price)  # 5 x 10**30 + 0.05
    assert res.frame["cash"].tolist() == [first, second]
    assert res.totals.cash_total == ctx.add(first, second)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cb = res.cost_basis()
    assert cb.cash == res.totals.cash_total
    assert cb.lots["cash"].tolist() == res.frame["cash"].tolist()
