"""One value, many spellings: the public functions agree and never mutate their inputs.

Like empyrical's test proxy, each case runs a public function with the same
numbers written as Python ints, numpy integers (several widths), Decimals and
text (with thousands commas), and checks every spelling gives the same answer
and leaves the inputs as they were. All spellings go through
:mod:`splitcalc.coerce` (counts) and :func:`splitcalc.money.as_decimal` (money).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import splitcalc as sc
from splitcalc.costbasis import round_up_gain
from splitcalc.scenarios import recommend_ratio

COUNT_FORMS: dict[str, Callable[[int], object]] = {
    "int": int,
    "int64": np.int64,
    "uint64": np.uint64,
    "int32": lambda n: np.int32(n) if n < 2**31 else np.int64(n),
    "text": lambda n: f"{n:,}",
    "text-plain": str,
}
MONEY_FORMS: dict[str, Callable[[Decimal], object]] = {
    "decimal": lambda d: d,
    "text": str,
    "text-grouped": lambda d: f"{d:,}",
    "fraction": Fraction,
}
RATIO_FORMS: dict[str, Callable[[int, int], object]] = {
    "text": lambda a, b: f"{a}-for-{b}",
    "colon": lambda a, b: f"{a}:{b}",
    "tuple": lambda a, b: (a, b),
    "tuple-numpy": lambda a, b: (np.int64(a), np.int32(b)),
    "ratio-numpy": lambda a, b: sc.SplitRatio(np.int64(a), np.uint32(b)),
    "fraction": Fraction,
}

counts = st.integers(1, 10**12)
terms = st.integers(1, 2_000)
prices = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("100000"), places=4)


def agree(run: Callable[[object], object], forms: list[object]) -> None:
    """``run`` gives one answer for every form, and leaves each form unchanged."""
    answers = []
    for form in forms:
        before = copy.deepcopy(form)
        answers.append(run(form))
        assert type(form) is type(before) and repr(form) == repr(before), f"{before!r} was changed"
    assert all(a == answers[0] for a in answers), answers


@given(terms, terms)
def test_split_ratio_from_every_form(a: int, b: int) -> None:
    agree(sc.SplitRatio.parse, [f(a, b) for f in RATIO_FORMS.values()])  # type: ignore[arg-type]


@given(st.lists(st.tuples(terms, terms), min_size=1, max_size=4))
def test_cumulative_from_every_form(pairs: list[tuple[int, int]]) -> None:
    forms = [[f(a, b) for a, b in pairs] for f in RATIO_FORMS.values()]
    agree(sc.cumulative, forms)  # type: ignore[arg-type]


@given(counts, counts, prices, terms, terms)
def test_capital_structure_apply_from_every_form(n: int, insiders: int, price: Decimal, a: int, b: int) -> None:
    insiders = min(insiders, n)
    cases = [
        (count(n), count(insiders), money(price), ratio(a, b))
        for count, money, ratio in zip(
            COUNT_FORMS.values(), [*MONEY_FORMS.values(), *MONEY_FORMS.values()], RATIO_FORMS.values(), strict=False
        )
    ]

    def run(case: object) -> object:
        out, ins, p, r = case  # type: ignore[misc]
        effect = sc.CapitalStructure(outstanding=out, insiders=ins, price=p).apply(r)
        return effect.to_dict()

    agree(run, cases)  # type: ignore[arg-type]


@settings(max_examples=25)
@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=30), prices, terms, terms)
def test_holdings_apply_from_every_form(shares: list[int], price: Decimal, a: int, b: int) -> None:
    arrays = [np.array(shares, dtype=np.int64), np.array(shares, dtype=np.uint32), list(shares)]

    def run(case: object) -> object:
        arr, p, r = case  # type: ignore[misc]
        res = sc.Holdings.from_arrays(arr).apply(r, price=p)
        return res.totals, res.frame["post_shares"].tolist()

    cases = [
        (arr, money(price), ratio(a, b))
        for arr, money, ratio in zip(arrays, MONEY_FORMS.values(), RATIO_FORMS.values(), strict=False)
    ]
    agree(run, cases)


@settings(max_examples=12)
@given(st.integers(10**5, 10**9), st.decimals(min_value=Decimal("0.05"), max_value=Decimal("0.99"), places=2))
def test_recommend_ratio_from_every_form(n: int, price: Decimal) -> None:
    def run(case: object) -> object:
        out, p, ratios = case  # type: ignore[misc]
        rec = recommend_ratio(sc.CapitalStructure(outstanding=out, price=p), ratios=ratios, rules="nasdaq-capital")
        return (str(rec.ratio) if rec.ratio is not None else None, rec.binding)

    ratio_lists = [list(range(2, 31)), [np.int64(k) for k in range(2, 31)], "2..30", "1-for-2..1-for-30"]
    cases = [
        (count(n), money(price), ratios)
        for count, money, ratios in zip(COUNT_FORMS.values(), MONEY_FORMS.values(), ratio_lists, strict=False)
    ]
    agree(run, cases)


@settings(max_examples=30)
@given(st.integers(1, 5_000), prices, terms, terms)
def test_round_up_gain_from_every_form(k: int, price: Decimal, a: int, b: int) -> None:
    cases = [
        (count(k), money(price), ratio(a, b))
        for count, money, ratio in zip(COUNT_FORMS.values(), MONEY_FORMS.values(), RATIO_FORMS.values(), strict=False)
    ]
    agree(lambda c: round_up_gain(c[0], c[2], c[1]), cases)  # type: ignore[index]


@settings(max_examples=8)
@given(st.lists(st.sampled_from([0.45, 0.8, 0.95, 1.05, 1.2]), min_size=60, max_size=60), terms)
def test_check_compliance_from_every_form_and_prices_untouched(closes: list[float], n: int) -> None:
    index = pd.bdate_range("2024-01-02", periods=len(closes))
    series = pd.Series(closes, index=index)
    frame = pd.DataFrame({"close": closes}, index=index)
    day = index[40].date()
    split_forms = [
        [(day, f"1-for-{n + 1}")],
        [(str(day), (1, n + 1))],
        [(np.datetime64(day), (np.int64(1), np.int64(n + 1)))],
        {pd.Timestamp(day): sc.SplitRatio(np.int64(1), np.int64(n + 1))},
    ]
    kept = series.copy(), frame.copy()

    def run(case: object) -> object:
        prices, splits = case  # type: ignore[misc]
        t = sc.check_compliance(prices, "nasdaq-capital", splits=splits)
        return [(e.date, e.kind) for e in t.events], t.status

    agree(run, [(p, s) for p in (series, frame) for s in split_forms])
    pd.testing.assert_series_equal(series, kept[0])
    pd.testing.assert_frame_equal(frame, kept[1])


@given(counts)
def test_bools_are_never_counts(n: int) -> None:
    for flag in (True, False, np.True_, np.bool_(False)):
        for call in (
            lambda v: sc.CapitalStructure(outstanding=v),
            lambda v: sc.SplitRatio(v, n),
            sc.SplitRatio.reverse,
            lambda v: round_up_gain(v, "1-for-25", "0.17"),
        ):
            try:
                call(flag)
            except sc.InputError:
                continue
            raise AssertionError(f"{flag!r} was read as a count")


# --- the entry points added beside the sweep: filings, analyse(), the cash-in-lieu basis, tz-aware prices ------

FILING = (
    "NEW YORK, March 1, 2024 -- Acme Widgets, Inc. (Nasdaq: ACME) today announced that its Board of Directors "
    "approved a 1-for-{old} reverse stock split, effective March 8, 2024."
)
DATE_FORMS: dict[str, Callable[[dt.date], object]] = {
    "date": lambda d: d,
    "text": dt.date.isoformat,
    "numpy": np.datetime64,
    "timestamp": pd.Timestamp,
}


def _given_forms(n: int, price: Decimal, old: int) -> list[dict[str, object]]:
    """The same figures for ``to_scenario`` in every spelling: counts, money, dates and ratios."""
    as_of = dt.date(2024, 3, 8)
    return [
        {"outstanding": count(n), "price": money(price), "as_of": day(as_of), "ratio": ratio(1, old)}
        for count, money, day, ratio in zip(
            COUNT_FORMS.values(),
            [*MONEY_FORMS.values(), *MONEY_FORMS.values()],
            [*DATE_FORMS.values(), *DATE_FORMS.values()],
            RATIO_FORMS.values(),
            strict=False,
        )
    ]


@settings(max_examples=20, deadline=None)
@given(counts, prices, st.integers(2, 200))
def test_split_terms_to_scenario_from_every_form(n: int, price: Decimal, old: int) -> None:
    from splitcalc.filings import extract

    terms = extract(FILING.format(old=old))

    def run(given_: object) -> object:
        s = terms.to_scenario(exchange="nasdaq-capital", **given_)  # type: ignore[arg-type]
        return s.structure, s.ratio, s.as_of

    agree(run, _given_forms(n, price, old))  # type: ignore[arg-type]


@settings(max_examples=5, deadline=None)
@given(st.integers(10**6, 10**9), st.decimals(min_value=Decimal("0.05"), max_value=Decimal("0.99"), places=2))
def test_analyse_from_every_form(n: int, price: Decimal) -> None:
    """analyse() on one scenario spelled every way, with every spelling of paths, seed and min_odds."""
    from splitcalc.filings import extract

    terms = extract(FILING.format(old=20))
    options = [
        {"paths": 20, "seed": 7, "min_odds": 0.8},
        {"paths": np.int64(20), "seed": np.uint32(7), "min_odds": np.float64(0.8)},
        {"paths": "20", "seed": "7", "min_odds": Decimal("0.8")},
        {"paths": np.int32(20), "seed": 7, "min_odds": "0.8"},
        {"paths": 20, "seed": np.int64(7), "min_odds": Fraction(4, 5)},
    ]

    def run(case: object) -> object:
        given_, opts = case  # type: ignore[misc]
        a = sc.analyse(terms.to_scenario(exchange="nasdaq-capital", **given_), objective="price", **opts)
        return a.to_dict()

    agree(run, list(zip(_given_forms(n, price, 20), options, strict=False)))


@settings(max_examples=25)
@given(
    st.lists(st.integers(0, 10**6), min_size=1, max_size=20),
    prices,
    terms,
    st.sampled_from(["given", "agent_sale", "theoretical"]),
)
def test_holdings_apply_price_basis_from_every_form(shares: list[int], price: Decimal, old: int, basis: str) -> None:
    h = sc.Holdings.from_arrays(np.array(shares, dtype=np.int64))

    def run(case: object) -> object:
        p, r = case  # type: ignore[misc]
        res = h.apply(r, price=p, price_basis=basis, price_source="the agent's report")
        return res.totals, res.cash_price

    forms = zip(MONEY_FORMS.values(), RATIO_FORMS.values(), strict=False)
    agree(run, [(money(price), ratio(1, old)) for money, ratio in forms])


@settings(max_examples=20)
@given(st.lists(prices, min_size=8, max_size=8), st.integers(1, 5))
def test_holdings_apply_average_price_from_every_closes_form(closes: list[Decimal], days: int) -> None:
    """``price_basis="average"``: closes as a Series (naive or tz-aware), a mapping or pairs; days in every form."""
    if any(c <= 0 for c in closes):
        return
    h = sc.Holdings.from_arrays(np.array([105, 7, 250], dtype=np.int64))
    index = pd.bdate_range("2024-01-02", periods=len(closes))
    pairs = [(d.date(), c) for d, c in zip(index, closes, strict=True)]
    la = index.tz_localize("America/New_York").tz_convert("America/Los_Angeles")
    forms = [
        (pd.Series([float(c) for c in closes], index=index), days),
        (pd.Series([float(c) for c in closes], index=la), np.int64(days)),
        (dict(pairs), str(days)),
        ([(d.isoformat(), str(c)) for d, c in pairs], np.uint8(days)),
    ]

    def run(case: object) -> object:
        closes_, n = case  # type: ignore[misc]
        res = h.apply("1-for-10", price=closes_, price_basis="average", effective_date=index[-1], average_days=n)
        return res.totals, res.price

    agree(run, forms)  # type: ignore[arg-type]


@settings(max_examples=8, deadline=None)
@given(
    st.lists(st.sampled_from([0.45, 0.8, 0.95, 1.05, 1.2]), min_size=60, max_size=60),
    st.sampled_from(["UTC", "America/Los_Angeles", "Asia/Tokyo", "Europe/Berlin"]),
)
def test_check_compliance_with_a_tz_aware_index_reads_new_york_sessions(closes: list[float], zone: str) -> None:
    """Closes stamped at New York midnight (as yfinance stamps them) and shown in any zone give the same timeline."""
    index = pd.bdate_range("2024-01-02", periods=len(closes))
    naive = pd.Series(closes, index=index)
    aware = pd.Series(closes, index=index.tz_localize("America/New_York").tz_convert(zone))
    kept = aware.copy()

    def run(prices: object) -> object:
        t = sc.check_compliance(prices, "nasdaq-capital")
        return [(e.date, e.kind) for e in t.events], t.status

    agree(run, [naive, aware])
    pd.testing.assert_series_equal(aware, kept)
