"""Invariants of Holdings.apply, checked against a plain Fraction/Decimal reference."""

from __future__ import annotations

import math
import warnings
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from splitcalc.cents import div_round, scaled_div_round
from splitcalc.holdings import Holdings
from splitcalc.money import ROUNDING_MODES, quantize
from splitcalc.ratio import SplitRatio

shares_st = st.one_of(st.integers(0, 300), st.integers(0, 10**9))
rows_st = st.lists(st.tuples(st.integers(0, 6), st.integers(1, 2), shares_st), min_size=1, max_size=25)
# old terms above 4,096 exercise per-unit rounding instead of the lookup table
ratio_st = st.builds(SplitRatio, st.integers(1, 4), st.one_of(st.integers(1, 400), st.integers(4_097, 10**6)))
# multiples of $0.0005 make exact half cents common, where the rounding modes differ
price_st = st.one_of(
    st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("500"), places=4),
    st.integers(1, 200_000).map(lambda k: Decimal(k) / 2000),
)
policy_st = st.sampled_from(["cash_in_lieu", "round_up", "round_down", "round_nearest"])
level_st = st.sampled_from(["holder", "position"])
rounding_st = st.sampled_from(ROUNDING_MODES)
basis_st = st.sampled_from(["pre", "post"])


def table(rows: list[tuple[int, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "holder_id": [f"h{h}" for h, _, _ in rows],
            "account_id": [str(a) for _, a, _ in rows],
            "insider": [h == 0 for h, _, _ in rows],
            "shares": [s for _, _, s in rows],
        }
    )


def reference(
    rows: list[tuple[int, int, int]],
    r: SplitRatio,
    *,
    policy: str,
    price: Decimal | None,
    basis: str,
    level: str,
    rounding: str,
) -> list[tuple[int, Decimal | None]]:
    """Row-by-row: each unit's whole shares and cash, with Fraction and Decimal."""
    units: dict[object, int] = {}
    for h, a, s in rows:
        key = h if level == "holder" else (h, a)
        units[key] = units.get(key, 0) + s
    out = []
    per_new = None if price is None else (Fraction(price) * r.old / r.new if basis == "pre" else Fraction(price))
    for s in units.values():
        e = Fraction(s * r.new, r.old)
        w = math.floor(e)
        f = e - w
        post = w + (1 if (policy == "round_up" and f) or (policy == "round_nearest" and f >= Fraction(1, 2)) else 0)
        cash = None
        if policy == "cash_in_lieu" and per_new is not None:
            cash = quantize(f * per_new, 2, rounding)
        out.append((post, cash))
    return out


@given(
    rows=rows_st,
    r=ratio_st,
    policy=policy_st,
    price=st.one_of(st.none(), price_st),
    basis=basis_st,
    level=level_st,
    rounding=rounding_st,
)
def test_agrees_with_the_naive_reference(
    *,
    rows: list[tuple[int, int, int]],
    r: SplitRatio,
    policy: str,
    price: Decimal | None,
    basis: str,
    level: str,
    rounding: str,
) -> None:
    res = Holdings(table(rows)).apply(
        r,
        fractional=policy,  # type: ignore[arg-type]
        price=price,
        price_basis=basis,  # type: ignore[arg-type]
        level=level,  # type: ignore[arg-type]
        rounding=rounding,
    )
    expected = reference(rows, r, policy=policy, price=price, basis=basis, level=level, rounding=rounding)
    assert res.frame["post_shares"].tolist() == [p for p, _ in expected]
    if policy == "cash_in_lieu" and price is not None:
        cash = res.frame["cash"].tolist()
        assert cash == [c for _, c in expected]
        # the total is the sum of the units' cash, to the cent
        assert res.totals.cash_total == sum(cash, Decimal("0.00"))
    else:
        assert res.totals.cash_total is None


@settings(max_examples=50)
@given(rows_st, ratio_st, policy_st, level_st)
def test_shares_are_conserved_exactly(rows: list[tuple[int, int, int]], r: SplitRatio, policy: str, level: str) -> None:
    res = Holdings(table(rows)).apply(r, fractional=policy, level=level)  # type: ignore[arg-type]
    f = res.frame
    settled = np.where(f["settlement"] == "rounded_up", f["fraction_num"] - r.old, f["fraction_num"])
    # per unit: whole shares x old + the fraction settled otherwise = shares x new
    assert ((f["post_shares"] * r.old + settled) == f["shares"] * r.new).all()
    t = res.totals
    assert t.shares_after == t.entitlement - t.shares_cashed_out - t.shares_forfeited + t.shares_rounded_up
    assert t.entitlement == Fraction(sum(s for _, _, s in rows) * r.new, r.old)
    if policy == "cash_in_lieu":
        assert t.shares_after + t.shares_cashed_out == t.entitlement
        assert t.shares_forfeited == t.shares_rounded_up == 0
    assert t.shares_after == int(f["post_shares"].sum())


@settings(max_examples=50)
@given(rows_st, ratio_st, level_st)
def test_round_up_never_gives_fewer_shares_than_round_down(
    rows: list[tuple[int, int, int]], r: SplitRatio, level: str
) -> None:
    h = Holdings(table(rows))
    down = h.apply(r, fractional="round_down", level=level).frame["post_shares"]  # type: ignore[arg-type]
    near = h.apply(r, fractional="round_nearest", level=level).frame["post_shares"]  # type: ignore[arg-type]
    up = h.apply(r, fractional="round_up", level=level).frame["post_shares"]  # type: ignore[arg-type]
    cil = h.apply(r, fractional="cash_in_lieu", level=level).frame["post_shares"]  # type: ignore[arg-type]
    assert (down <= near).all() and (near <= up).all() and (up - down <= 1).all()
    assert (cil == down).all()


@settings(max_examples=50)
@given(rows_st, ratio_st, policy_st, level_st)
def test_no_unit_with_at_least_old_shares_is_cashed_out(
    rows: list[tuple[int, int, int]], r: SplitRatio, policy: str, level: str
) -> None:
    res = Holdings(table(rows)).apply(r, fractional=policy, level=level)  # type: ignore[arg-type]
    f = res.frame
    big = f["shares"] >= r.old
    assert (f.loc[big, "post_shares"] >= 1).all()
    assert not f.loc[big, "cashed_out"].any()
    if level == "holder":  # a holder with >= old shares keeps being a holder
        hf = res.holder_frame()
        assert (hf.loc[hf["shares_before"] >= r.old, "shares_after"] >= 1).all()


@settings(max_examples=50)
@given(rows_st, ratio_st, policy_st)
def test_combining_positions_never_loses_whole_shares(
    rows: list[tuple[int, int, int]], r: SplitRatio, policy: str
) -> None:
    h = Holdings(table(rows))
    by_holder = h.apply(r, fractional=policy, level="holder").totals  # type: ignore[arg-type]
    by_position = h.apply(r, fractional=policy, level="position").totals  # type: ignore[arg-type]
    if policy in ("cash_in_lieu", "round_down"):  # floor(a + b) >= floor(a) + floor(b)
        assert by_holder.shares_after >= by_position.shares_after
        assert by_holder.holders_after >= by_position.holders_after
    if policy == "round_up":
        assert by_holder.shares_after <= by_position.shares_after


@settings(max_examples=50)
@given(rows_st, ratio_st, policy_st, level_st)
def test_counts_and_distribution_agree(
    rows: list[tuple[int, int, int]], r: SplitRatio, policy: str, level: str
) -> None:
    res = Holdings(table(rows)).apply(r, fractional=policy, level=level)  # type: ignore[arg-type]
    t = res.totals
    hf = res.holder_frame()
    before, after, public = hf["shares_before"], hf["shares_after"], ~hf["insider"]
    assert t.holders_before == (before > 0).sum()
    assert t.holders_after == (after > 0).sum()
    assert t.holders_eliminated == ((before > 0) & (after == 0)).sum()
    assert t.round_lot_holders_after == (after >= 100).sum()
    assert t.public_holders_after == ((after > 0) & public).sum()
    assert t.public_round_lot_holders_after == ((after >= 100) & public).sum()
    assert t.public_shares_after == after[public].sum()
    d = res.distribution()
    assert d["holders_before"].sum() == d["holders_after"].sum() == len(hf)
    assert d.loc[d["bucket"] == "0", "holders_after"].item() == (after == 0).sum()
    round_lot = d["bucket"].isin(["0", "1-99"])
    assert d.loc[~round_lot, "holders_after"].sum() == t.round_lot_holders_after
    assert d.loc[~round_lot, "holders_before"].sum() == t.round_lot_holders_before


@settings(max_examples=50)
@given(rows_st, ratio_st, price_st, level_st)
def test_lot_allocation_adds_up_to_the_units(
    rows: list[tuple[int, int, int]], r: SplitRatio, price: Decimal, level: str
) -> None:
    res = Holdings(table(rows)).apply(r, price=price, level=level)  # type: ignore[arg-type]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lots = res.cost_basis().lots
    assert sum(lots["post_shares"]) == res.totals.shares_after
    assert sum(lots["cashed_shares"]) == res.totals.shares_cashed_out
    assert sum(lots["cash"], Decimal("0.00")) == res.totals.cash_total
    assert all(c >= 0 for c in lots["cashed_shares"])
    assert all(c >= 0 for c in lots["cash"])
    assert (lots["entitlement"] == lots["post_shares"] + lots["cashed_shares"]).all()


lot_basis_st = st.one_of(
    st.decimals(min_value=Decimal("0"), max_value=Decimal("100000"), places=2),
    st.decimals(min_value=Decimal("0"), max_value=Decimal("10"), places=4),  # sub-cent bases
)


@settings(max_examples=60)
@given(
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 60), lot_basis_st), min_size=1, max_size=12),
    st.builds(SplitRatio, st.integers(1, 3), st.integers(1, 60)),
    policy_st,
    st.one_of(st.none(), price_st),
    st.tuples(level_st, st.sampled_from(["fifo", "lifo"])),
)
def test_basis_before_is_carried_plus_cashed_plus_eliminated(
    rows: list[tuple[int, int, Decimal]],
    r: SplitRatio,
    policy: str,
    price: Decimal | None,
    how: tuple[str, str],
) -> None:
    level, order = how
    frame = pd.DataFrame(
        {
            "holder_id": [f"h{h}" for h, _, _ in rows],
            "account_id": [str(i % 2) for i in range(len(rows))],
            "lot_id": [f"L{i}" for i in range(len(rows))],
            "acquired": [f"20{10 + i % 10}-01-0{1 + i % 9}" for i in range(len(rows))],
            "cost_basis": [str(b) for _, _, b in rows],
            "shares": [s for _, s, _ in rows],
        }
    )
    res = Holdings(frame).apply(r, price=price, fractional=policy, level=level)  # type: ignore[arg-type]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cb = res.cost_basis(order=order)  # type: ignore[arg-type]
    lots = cb.lots
    assert cb.basis_before is not None and cb.basis_carried is not None
    assert cb.basis_cashed is not None and cb.basis_eliminated is not None
    # the totals reconcile exactly, lot by lot and in the summary
    assert cb.basis_before == cb.basis_carried + cb.basis_cashed + cb.basis_eliminated
    assert (lots["cost_basis"] == lots["basis_carried"] + lots["basis_cashed"] + lots["basis_eliminated"]).all()
    assert cb.basis_before == sum(b for _, _, b in rows)
    assert cb.basis_carried == sum(lots["basis_carried"], Decimal(0))
    assert cb.basis_eliminated == sum(lots["basis_eliminated"], Decimal(0))
    for post, carried, cashed, eliminated in zip(
        lots["post_shares"], lots["basis_carried"], lots["basis_cashed"], lots["basis_eliminated"], strict=True
    ):
        assert min(carried, cashed, eliminated) >= 0
        if post == 0:
            assert carried == 0  # never carried onto zero shares
        else:
            assert eliminated == 0
        if policy != "cash_in_lieu":
            assert cashed == 0  # only cash in lieu sells a fraction


@settings(max_examples=50)
@given(rows_st)
def test_inputs_are_not_mutated(rows: list[tuple[int, int, int]]) -> None:
    df = table(rows)
    copy = df.copy(deep=True)
    Holdings(df).apply("1-for-7", price="0.33", level="position").frame  # noqa: B018
    pd.testing.assert_frame_equal(df, copy)


huge_rows_st = st.lists(st.tuples(st.integers(0, 2), st.integers(1, 2), st.integers(0, 2**61)), min_size=1, max_size=3)


@settings(max_examples=50)
@given(huge_rows_st, st.builds(SplitRatio, st.integers(1, 9), st.integers(1, 50)), policy_st, price_st, level_st)
def test_huge_positions_stay_exact(
    rows: list[tuple[int, int, int]], r: SplitRatio, policy: str, price: Decimal, level: str
) -> None:
    # up to 3 x 2**61 shares x 9 overflows int64: Python ints take over, answers unchanged
    res = Holdings(table(rows)).apply(r, fractional=policy, price=price, level=level)  # type: ignore[arg-type]
    expected = reference(rows, r, policy=policy, price=price, basis="pre", level=level, rounding="ROUND_HALF_UP")
    assert res.frame["post_shares"].tolist() == [p for p, _ in expected]
    if policy == "cash_in_lieu":
        assert res.frame["cash"].tolist() == [c for _, c in expected]
    assert res.totals.shares_after == sum(p for p, _ in expected)


# ------------------------------------------------------------ integer cents
@st.composite
def fractions_st(draw: st.DrawFn, limit: int) -> tuple[list[int], int]:
    """Numerators over one denominator, many of them exactly half-way between integers."""
    den = draw(st.integers(1, limit)) * 2
    quotients = draw(st.lists(st.integers(-limit, limit), min_size=1, max_size=20))
    offsets = st.one_of(st.just(den // 2), st.integers(0, den - 1))
    return [q * den + draw(offsets) for q in quotients], den


@given(fractions_st(2**66), rounding_st)
def test_div_round_matches_quantize_on_python_ints(case: tuple[list[int], int], rounding: str) -> None:
    nums, den = case
    got = div_round(np.array(nums, dtype=object), den, rounding).tolist()
    assert got == [int(quantize(Fraction(n, den), 0, rounding)) for n in nums]


@given(fractions_st(2**20), rounding_st)
def test_div_round_matches_quantize_on_int64(case: tuple[list[int], int], rounding: str) -> None:
    nums, den = case
    got = div_round(np.array(nums, dtype=np.int64), den, rounding)
    assert got.dtype == np.int64
    assert got.tolist() == [int(quantize(Fraction(n, den), 0, rounding)) for n in nums]


@given(st.lists(st.integers(0, 2**62), min_size=1, max_size=10), st.integers(1, 2**40), st.integers(1, 2**40))
def test_scaled_div_round_switches_to_python_ints_when_needed(values: list[int], mul: int, den: int) -> None:
    got = scaled_div_round(np.array(values, dtype=np.int64), mul, den, "ROUND_HALF_EVEN").tolist()
    assert got == [int(quantize(Fraction(v * mul, den), 0, "ROUND_HALF_EVEN")) for v in values]
