from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from splitcalc import CapitalStructure, Convertible, SplitRatio

terms = st.integers(min_value=1, max_value=1_000)
ratios = st.builds(SplitRatio, terms, terms)
prices = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("10000"), places=4)
shares = st.integers(min_value=1, max_value=10**12)  # apply() refuses 0 shares outstanding


@given(shares, prices, ratios)
def test_market_cap_conserved_exactly(n: int, price: Decimal, r: SplitRatio) -> None:
    eff = CapitalStructure(outstanding=n, price=price).apply(r)
    assert eff.market_cap_after == eff.market_cap_before == n * Fraction(price)


@given(shares, ratios)
def test_entitlement_conserved_exactly(n: int, r: SplitRatio) -> None:
    eff = CapitalStructure(outstanding=n).apply(r)
    assert eff.outstanding_entitlement == n * r.factor
    whole = eff.outstanding_by_policy
    assert whole["cash_in_lieu"] == whole["round_down"] == math.floor(eff.outstanding_entitlement)
    assert whole["round_up"] == math.ceil(eff.outstanding_entitlement)
    assert whole["round_down"] <= whole["round_nearest"] <= whole["round_up"]
    # the cashed-out fraction is less than one share
    assert 0 <= eff.outstanding_entitlement - whole["cash_in_lieu"] < 1


@given(shares, prices, ratios)
def test_split_then_inverse_is_identity_when_whole(n: int, price: Decimal, r: SplitRatio) -> None:
    n = n * r.old  # a multiple of old so no fraction arises
    cap = CapitalStructure(outstanding=n, price=price)
    there = cap.apply(r)
    back = there.after.apply(r.inverse())
    assert back.after.outstanding == n
    assert back.price_after_exact is not None
    assert there.price_after_exact is not None
    assert there.price_after_exact * r.factor == Fraction(price)


@given(st.integers(1, 10**9), prices, st.integers(2, 1000))
def test_forward_mirrors_reverse(n: int, price: Decimal, k: int) -> None:
    n = n * k
    rev = CapitalStructure(outstanding=n, price=price).apply(SplitRatio.reverse(k))
    fwd = CapitalStructure(outstanding=n // k, price=price * k).apply(SplitRatio.forward(k))
    assert fwd.after.outstanding == n
    assert rev.after.outstanding == n // k
    assert fwd.price_after_exact == Fraction(price)
    assert rev.price_after_exact == Fraction(price) * k


@given(shares, prices, ratios, st.integers(min_value=0, max_value=100))
def test_money_after_the_split_comes_from_the_exact_price(
    n: int, price: Decimal, r: SplitRatio, insider_pct: int
) -> None:
    insiders = n * insider_pct // 100
    eff = CapitalStructure(outstanding=n, insiders=insiders, price=price).apply(r)
    exact = Fraction(price) / r.factor
    assert eff.after.price_exact == eff.price_after_exact == exact
    public = eff.after.publicly_held
    assert eff.public_float_value_after == public * exact
    mvphs = eff.after.public_float_value
    assert mvphs is not None
    # to the cent (half up) of the exact value; exact when it terminates
    assert abs(Fraction(mvphs) - public * exact) <= Fraction(1, 200)
    if eff.price_after == exact:
        assert Fraction(mvphs) == public * exact


@given(shares, prices, ratios)
def test_split_then_inverse_restores_the_exact_price(n: int, price: Decimal, r: SplitRatio) -> None:
    back = CapitalStructure(outstanding=n * r.old, price=price).apply(r).after.apply(r.inverse())
    assert back.price_after_exact == Fraction(price)
    assert back.price_after == price


@given(
    st.decimals(min_value=Decimal("0"), max_value=Decimal("100000000"), places=2),
    st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("100"), places=4),
    ratios,
    ratios,
)
def test_convertible_shares_follow_the_exact_ratio(
    principal: Decimal, conversion_price: Decimal, r: SplitRatio, s: SplitRatio
) -> None:
    conv = Convertible(principal, conversion_price)
    after = conv.apply(r).apply(s)
    exact = Fraction(principal) / Fraction(conversion_price) * r.factor * s.factor
    assert after.underlying_shares == math.floor(exact)
    assert after.conversion_rate == conv.conversion_rate * r.factor * s.factor
