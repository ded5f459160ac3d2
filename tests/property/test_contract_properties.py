"""OCC adjustments conserve what a position delivers and what it costs to exercise, for any split."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from splitcalc.ratio import SplitRatio
from splitcalc.securities import ListedOption, StockOption

ratio_st = st.builds(SplitRatio, st.integers(1, 12), st.integers(1, 12))
strike_st = st.decimals(min_value=Decimal("0.50"), max_value=Decimal("500"), places=2)


@given(
    strike_st,
    st.integers(1, 50),
    st.one_of(st.none(), st.integers(1, 300)),
    st.decimals(min_value=Decimal(0), max_value=Decimal(50), places=2),
    ratio_st,
)
def test_listed_option_adjustment_conserves_shares_and_exercise_cost(
    strike: Decimal, contracts: int, deliverable: int | None, cash: Decimal, r: SplitRatio
) -> None:
    opt = ListedOption(strike, contracts, deliverable=deliverable, deliverable_cash=cash)
    base = 100 if deliverable is None else deliverable
    adj = opt.apply(r)
    # shares delivered by the whole position, exactly: before x factor
    assert adj.contracts * adj.deliverable_exact == contracts * base * r.factor
    assert adj.deliverable_shares + adj.cash_fraction == adj.deliverable_exact
    assert 0 <= adj.cash_fraction < 1
    # what exercising the whole position costs is unchanged: contracts x strike x multiplier
    assert adj.strike_exact is not None
    assert adj.contracts * adj.strike_exact * adj.multiplier == contracts * Fraction(strike) * 100
    if adj.method == "contracts":
        assert opt.is_standard and r.new % r.old == 0 and adj.deliverable_shares == 100
    else:
        assert adj.strike == strike and adj.contracts == contracts and adj.deliverable_cash == cash


@given(st.integers(0, 10**7), strike_st, ratio_st, st.sampled_from(["down", "up", "nearest"]))
def test_employee_option_rounding_stays_within_one_share_and_says_so(
    shares: int, price: Decimal, r: SplitRatio, how: str
) -> None:
    after = StockOption(shares, price, share_rounding=how).apply(r)  # type: ignore[arg-type]
    exact = shares * r.factor
    assert abs(after.shares - exact) < 1
    exact_price = Fraction(price) / r.factor
    assert 0 <= Fraction(after.exercise_price) - exact_price < Fraction(1, 100)  # up to the cent by default
    assert after.adjusted_by.startswith(f"shares rounded {'to the nearest' if how == 'nearest' else how}")
