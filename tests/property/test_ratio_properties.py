from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from splitcalc import SplitRatio, cumulative

terms = st.integers(min_value=1, max_value=100_000)
ratios = st.builds(SplitRatio, terms, terms)


@given(ratios)
def test_compose_with_inverse_is_identity(r: SplitRatio) -> None:
    assert r.compose(r.inverse()) == SplitRatio(1, 1)
    assert r.inverse().inverse() == r


@given(ratios, ratios, ratios)
def test_compose_is_associative(a: SplitRatio, b: SplitRatio, c: SplitRatio) -> None:
    assert a.compose(b).compose(c) == a.compose(b.compose(c))
    assert cumulative([a, b, c]).factor == a.factor * b.factor * c.factor


@given(ratios)
def test_text_round_trip(r: SplitRatio) -> None:
    assert SplitRatio.parse(str(r)) == r
    assert SplitRatio.parse(r.to_yahoo()) == r


@given(ratios)
def test_reverse_keyword_orders_terms(r: SplitRatio) -> None:
    if r.new == r.old:
        return
    big, small = max(r.new, r.old), min(r.new, r.old)
    rev = SplitRatio.parse(f"{big}-for-{small} reverse")
    assert rev.is_reverse
    assert rev.magnitude == r.magnitude


@given(st.integers(1, 10_000), st.integers(1, 10_000))
def test_from_float_recovers_small_terms(new: int, old: int) -> None:
    r = SplitRatio(new, old)
    assert SplitRatio.from_float(new / old) == r


@given(st.integers(min_value=1, max_value=10**12), st.integers(min_value=1, max_value=10**12))
def test_thousands_grouping_reads_as_the_number(new: int, old: int) -> None:
    assert SplitRatio.parse(f"{new:,}-for-{old:,}") == SplitRatio(new, old)
    assert SplitRatio.parse(f"{new:,}:{old:,}") == SplitRatio(new, old)
