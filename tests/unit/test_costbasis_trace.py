"""Cost basis by tracing (26 CFR 1.358-2(a)(2)(i)) against FIFO, LIFO, specific and average, on published numbers.

The two-lot case is View, Inc.'s 60-for-1 reverse split (effective July 26, 2023; View press release
"View, Inc. Completes Reverse Stock Split", July 27, 2023, advfn.com/stock-market/NASDAQ/VIEWW/stock-news/91661444):
a holder with 60 shares bought at $16 and 50 at $8 was paid $12.40 cash in lieu for 50/60 of a share,
and the answer worked out that one new share came from the 60-share lot and the $12.40 from the 50 shares
with a $400 basis ("long term loss of $388"; TurboTax community thread "Reverse split stock - exchange &
cash in lieu transactions", Mar 17, 2024,
intuit-en-community.insided.com/get-your-taxes-done-using-turbotax-6/reverse-split-stock-exchange-cash-in-lieu-transactions-61395).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pandas as pd
import pytest

import splitcalc as sc
from splitcalc.holdings import Holdings

# $12.40 for 50/60 of a new share is $14.88 per new share (12.40 x 60 / 50), the agent's realised price
VIEW_PER_NEW_SHARE = "14.88"


def view_holder(rows: list[int], dates: tuple[str, str] = ("2021-02-01", "2021-03-01")) -> Holdings:
    frame = pd.DataFrame(
        {
            "holder_id": ["A", "A"],
            "lot_id": ["at16", "at8"],
            "acquired": list(dates),
            "cost_basis": ["960.00", "400.00"],  # 60 x $16, 50 x $8
            "shares": [60, 50],
        }
    )
    return Holdings.from_frame(frame.iloc[rows].reset_index(drop=True))


@pytest.mark.parametrize("rows", [[0, 1], [1, 0]])
@pytest.mark.parametrize("dates", [("2021-02-01", "2021-03-01"), ("2021-03-01", "2021-02-01")])
def test_view_two_lots_traced_in_either_lot_order(rows: list[int], dates: tuple[str, str]) -> None:
    res = view_holder(rows, dates).apply("1-for-60", price=VIEW_PER_NEW_SHARE, price_basis="agent_sale")
    cb = res.cost_basis(effective_date="2023-07-26")  # trace is the default
    assert cb.method == "trace"
    f = cb.lots.set_index("lot_id")
    # one whole share wholly from the $16 lot, which keeps all its $960 basis
    assert f.loc["at16", "new_whole_shares"] == 1 and f.loc["at16", "cashed_shares"] == 0
    assert f.loc["at16", "basis_carried"] == Decimal("960.00")
    # the 50/60 fraction wholly from the $8 lot: basis $400, cash $12.40, loss $387.60
    assert f.loc["at8", "cashed_shares"] == Fraction(50, 60) and f.loc["at8", "new_whole_shares"] == 0
    assert f.loc["at8", "basis_cashed"] == Decimal("400.00")
    assert f.loc["at8", "cash"] == Decimal("12.40")
    assert f.loc["at8", "gain"] == Decimal("-387.60")
    assert (cb.basis_cashed, cb.gain, cb.cash) == (Decimal("400.00"), Decimal("-387.60"), Decimal("12.40"))
    # holding period tacked: each lot's new shares date from the lot's purchase
    assert f.loc["at8", "holding_period_start"] == dt.date.fromisoformat(dates[1])
    assert f.loc["at8", "long_term"]
    assert any("1.358-2" in n for n in cb.notes)


def test_fifo_and_lifo_each_get_one_acquisition_order_wrong() -> None:
    # $16 lot bought first: FIFO cashes 50/60 of it ($960 x 50/60 = $800 basis), LIFO matches tracing.
    first16 = view_holder([0, 1]).apply("1-for-60", price=VIEW_PER_NEW_SHARE, price_basis="agent_sale")
    assert first16.cost_basis(method="fifo").basis_cashed == Decimal("800.00")
    assert first16.cost_basis(method="fifo").gain == Decimal("-787.60")
    assert first16.cost_basis(method="lifo").basis_cashed == Decimal("400.00")
    # $8 lot bought first: LIFO now cashes the $16 lot's shares
    first8 = view_holder([0, 1], ("2021-03-01", "2021-02-01"))
    res8 = first8.apply("1-for-60", price=VIEW_PER_NEW_SHARE, price_basis="agent_sale")
    assert res8.cost_basis(method="lifo").basis_cashed == Decimal("800.00")
    assert res8.cost_basis(method="fifo").basis_cashed == Decimal("400.00")
    assert res8.cost_basis().basis_cashed == Decimal("400.00")


def test_average_and_specific_identification() -> None:
    res = view_holder([0, 1]).apply("1-for-60", price=VIEW_PER_NEW_SHARE, price_basis="agent_sale")
    # average: 50/110 of every lot's basis ($1,360 x 50/110 = $618.18 split $436.36 + $181.82)
    avg = res.cost_basis(method="average")
    f = avg.lots.set_index("lot_id")
    assert f.loc["at16", "basis_cashed"] == Decimal("436.36") and f.loc["at8", "basis_cashed"] == Decimal("181.82")
    assert f.loc["at16", "cashed_shares"] == Fraction(60 * 50, 110 * 60)
    assert sum(avg.lots["cash"], Decimal(0)) == Decimal("12.40")
    # specific identification of the $16 lot: the same as FIFO here
    spec = res.cost_basis(method="specific", identify=["at16"])
    assert spec.basis_cashed == Decimal("800.00")
    with pytest.raises(sc.InputError, match="identify"):
        res.cost_basis(method="specific", identify=["nope"])
    with pytest.raises(sc.InputError, match="method"):
        res.cost_basis(method="hifo")  # type: ignore[arg-type]


def test_tracing_pools_leftovers_only_when_they_make_a_whole_share() -> None:
    # 1-for-60: lots of 110 (e = 110 = 1 whole + 50) and 100 (1 whole + 40); leftovers 50 + 40 = 90
    # make one more share and leave 30/60 cashed. Smallest leftover first: the 100-share lot gives 30/60,
    # so it keeps 1 + 10/60 and the 110-share lot 1 + 50/60 (the pooled share combines the two).
    h = Holdings.from_frame(
        pd.DataFrame(
            {"holder_id": ["A", "A"], "lot_id": ["a", "b"], "cost_basis": ["1100", "600"], "shares": [110, 100]}
        )
    )
    cb = h.apply("1-for-60", price="1").cost_basis()
    f = cb.lots.set_index("lot_id")
    assert f.loc["b", "cashed_shares"] == Fraction(1, 2) and f.loc["a", "cashed_shares"] == 0
    assert f.loc["b", "basis_cashed"] == Decimal("180.00")  # 600 x 30/100
    assert f["new_whole_shares"].tolist() == [1, 1]
    assert any("smallest leftovers" in n for n in cb.notes)


def test_money_in_the_lot_table_keeps_its_cents() -> None:
    res = view_holder([0, 1]).apply("1-for-60", price=VIEW_PER_NEW_SHARE, price_basis="agent_sale")
    lots = res.cost_basis().lots.set_index("lot_id")
    assert str(lots.loc["at8", "basis_cashed"]) == "400.00"  # the whole lot sold: its basis, shown with cents
    assert str(lots.loc["at16", "cost_basis"]) == "960.00"
    assert "400.00" in lots.to_string() and "960.00" in lots.to_string()


@pytest.mark.parametrize("policy", ["round_down", "round_up"])
def test_uncertain_treatments_name_primary_sources_not_the_internal_fact_sheet(policy: str) -> None:
    res = view_holder([0, 1]).apply("1-for-60", fractional=policy)  # type: ignore[arg-type]
    with pytest.warns(sc.RuleUncertainWarning) as caught:
        cb = res.cost_basis()
    shown = [*cb.uncertain, *cb.notes, *(str(w.message) for w in caught)]
    assert cb.uncertain and all("rules.md" not in s and "fact sheet" not in s for s in shown)
    assert all("26 U.S.C. 358" in s and "Form 8937" in s for s in cb.uncertain)


@pytest.mark.parametrize("rounding", ["ROUND_HALF_UP", "ROUND_HALF_EVEN"])
def test_the_rounding_of_basis_and_cash_is_stated(rounding: str) -> None:
    # exact where money is counted, and the result says how it rounded: basis to the cent with the result's mode,
    # a holder's cents shared between lots by cumulative flooring
    res = view_holder([0, 1]).apply("1-for-60", price=VIEW_PER_NEW_SHARE, price_basis="agent_sale", rounding=rounding)
    notes = " ".join(res.cost_basis(method="average").notes)
    assert rounding in notes and "to the cent" in notes and "flooring" in notes
