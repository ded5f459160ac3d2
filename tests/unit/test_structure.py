"""Capital structure through a split, checked against hand-computed figures."""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction

import pytest

import splitcalc as sc
from splitcalc import CapitalStructure, Convertible, InputError, ListedOption, SplitRatio, StockOption

# NeoTherapeutics, Aug 14, 2002: 39,752,812 shares (10-Q), $0.17 (Jul 12, 2002 sale) -- rules.md §4.
NEOT_SHARES = 39_752_812
NEOT_PRICE = Decimal("0.17")


def test_neotherapeutics_1_for_25() -> None:
    cap = CapitalStructure(outstanding=NEOT_SHARES, authorized=100_000_000, price=NEOT_PRICE, par=Decimal("0.001"))
    eff = cap.apply("25-for-1 reverse")
    # 39,752,812 / 25 = 1,590,112.48 -> 1,590,112 whole shares, 12/25 of a share in cash (aggregate)
    assert eff.outstanding_entitlement == Fraction(39_752_812, 25)
    assert eff.after.outstanding == 1_590_112
    assert eff.outstanding_by_policy["round_up"] == 1_590_113
    assert eff.outstanding_by_policy["round_nearest"] == 1_590_112
    # $0.17 x 25 = $4.25 (rules.md §4, derived)
    assert eff.price_after == Decimal("4.25")
    # market cap 39,752,812 x 0.17 = 6,757,978.04, conserved exactly
    assert eff.market_cap_before == Fraction(675797804, 100)
    assert eff.market_cap_after == eff.market_cap_before
    # headroom: 100,000,000 - 39,752,812 = 60,247,188 before; 100,000,000 - 1,590,112 after
    assert eff.before.available_for_issuance == 60_247_188
    assert eff.after.available_for_issuance == 98_409_888
    # Rule 5635(d): 20% of 39,752,812 = 7,950,562.4 -> a vote at 7,950,563 shares
    assert eff.before.twenty_percent_threshold == 7_950_563
    assert eff.after.twenty_percent_threshold == 318_023  # 1,590,112 / 5 = 318,022.4
    assert eff.after.par == Decimal("0.001")
    crossed = {t.threshold.level: t.crossed for t in eff.thresholds}
    assert crossed == {Decimal("1.00"): "up", Decimal("4.00"): "up", Decimal("5.00"): ""}


def test_authorized_and_par_proportional() -> None:
    cap = CapitalStructure(outstanding=1_000, authorized=10_000, par=Decimal("0.001"))
    eff = cap.apply("1-for-10", authorized="proportional", par="proportional")
    assert eff.after.authorized == 1_000
    assert eff.after.par == Decimal("0.010")
    assert eff.change["authorized"] == -9_000


def test_publicly_held_and_reserved() -> None:
    cap = CapitalStructure(
        outstanding=1_600_000,
        insiders=100_000,
        authorized=5_000_000,
        options=(StockOption(120_001, Decimal("0.333"), name="plan"),),
        convertibles=(Convertible(Decimal("100000"), Decimal("0.50")),),
        price=Decimal("0.80"),
    )
    assert cap.publicly_held == 1_500_000
    assert cap.reserved_total == 120_001 + 200_000
    assert cap.available_for_issuance == 5_000_000 - 1_600_000 - 320_001
    assert cap.public_float_value == Decimal("1200000.00")
    eff = cap.apply("1-for-4")
    # the rules.md §2 worked example: 1,600,000 PHS-type count / 4 = 400,000
    assert eff.after.outstanding == 400_000
    assert eff.after.publicly_held == 375_000
    opt = eff.after.options[0]
    assert opt.shares == 30_000  # 120,001 / 4 = 30,000.25 rounded down
    assert opt.exercise_price == Decimal("1.34")  # 0.333 x 4 = 1.332 rounded up to the cent
    conv = eff.after.convertibles[0]
    assert conv.conversion_price == Decimal("2.0000")
    assert conv.underlying_shares == 50_000
    assert eff.after.reserved_total == 80_000


def test_forward_split_per_share_rounding() -> None:
    cap = CapitalStructure(outstanding=10, price=Decimal("10.00"), eps=Decimal("1.00"))
    eff = cap.apply("3-for-1")
    assert eff.after.outstanding == 30
    assert eff.price_after_exact == Fraction(10, 3)
    assert eff.price_after == Decimal("3.3333")
    assert eff.after.eps == Decimal("0.3333")
    assert eff.market_cap_after == Fraction(100)


def test_listed_option_occ() -> None:
    cap = CapitalStructure(outstanding=3_000, price=Decimal("0.50"), listed_options=(ListedOption(Decimal("1")),))
    eff = cap.apply("1-for-30")
    lo = eff.listed_options[0]
    # OCC: 100 x 1/30 = 3 1/3 -> 3 shares + cash for 1/3 share at $15.00 = $5.00
    assert lo.deliverable_shares == 3
    assert lo.cash_fraction == Fraction(1, 3)
    assert lo.cash_in_lieu == Decimal("5.00")
    assert lo.strike == Decimal("1")
    assert lo.multiplier == 100


def test_option_rounding_parameters() -> None:
    opt = StockOption(101, Decimal("0.011"))
    r = SplitRatio(1, 2)
    assert opt.apply(r).shares == 50
    assert opt.apply(r, share_rounding="up").shares == 51
    assert opt.apply(r).exercise_price == Decimal("0.03")  # 0.022 up
    assert opt.apply(r, price_rounding=decimal.ROUND_HALF_UP).exercise_price == Decimal("0.02")
    with pytest.raises(InputError, match="share_rounding"):
        opt.apply(r, share_rounding="sideways")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"outstanding": -1}, "outstanding"),
        ({"outstanding": 1.5}, "outstanding"),
        ({"outstanding": 10, "insiders": 11}, "insiders"),
        ({"outstanding": 10, "authorized": 5}, "authorized"),
        ({"outstanding": 10, "price": "abc"}, "price"),
        ({"outstanding": 10, "price": -1}, "price"),
        ({"outstanding": 10, "price": float("nan")}, "price"),
    ],
)
def test_bad_input_names_parameter(kwargs: dict[str, object], param: str) -> None:
    with pytest.raises(InputError) as info:
        CapitalStructure(**kwargs)  # type: ignore[arg-type]
    assert info.value.param_name == param
    assert param in str(info.value)


def test_apply_rejects_bad_options() -> None:
    cap = CapitalStructure(outstanding=10)
    with pytest.raises(InputError, match="fractional"):
        cap.apply("1-for-2", fractional="keep")  # type: ignore[arg-type]
    with pytest.raises(sc.InvalidRatio):
        cap.apply("1-for-0")


def test_apply_refuses_a_company_with_no_shares_outstanding() -> None:
    cap = CapitalStructure(outstanding=0, price=Decimal("0.17"))  # a structure may be empty...
    with pytest.raises(InputError, match="no shares outstanding") as info:
        cap.apply("1-for-25")  # ...but there is nothing to split
    assert info.value.param_name == "outstanding"
    assert CapitalStructure(outstanding=1).apply("1-for-25").after.outstanding == 0  # 1/25 -> 0 whole, cashed out


def test_views_and_input_not_mutated() -> None:
    cap = CapitalStructure(outstanding=NEOT_SHARES, price=NEOT_PRICE, name="Neo <b>")
    snapshot = repr(cap)
    eff = cap.apply("1-for-25")
    assert repr(cap) == snapshot
    frame = eff.to_frame()
    assert frame.loc["Shares outstanding", "after"] == 1_590_112
    assert frame.loc["Price per share", "after"] == Decimal("4.25")
    html = eff._repr_html_()
    assert "<table" in html
    assert "Neo &lt;b&gt;" in html
    assert "Neo <b>" not in html
    assert "1-for-25 reverse split" in str(eff)
    d = eff.to_dict()
    assert d["ratio"] == "1-for-25"


def test_float_price_read_through_repr() -> None:
    assert CapitalStructure(outstanding=1, price=0.17).price == Decimal("0.17")  # type: ignore[arg-type]


# ------------------------------------------------- exact money after a split
def test_public_float_value_uses_the_exact_post_split_price() -> None:
    cap = CapitalStructure(outstanding=5_882_334, price=Decimal("0.17"))
    eff = cap.apply("3-for-10")
    # 5,882,334 x 3/10 = 1,764,700.2 -> 1,764,700 shares; price 0.17 x 10/3 = 17/30 (shown 0.5667)
    assert eff.after.publicly_held == 1_764_700
    assert eff.price_after == Decimal("0.5667")
    assert eff.after.price_exact == Fraction(17, 30)
    # MVPHS 1,764,700 x 17/30 = 999,996.666... -> $999,996.67 (the rounded price gave $1,000,055.49)
    assert eff.public_float_value_after == Fraction(1_764_700 * 17, 30)
    assert eff.after.public_float_value == Decimal("999996.67")
    assert eff.after.market_cap == Decimal("999996.67")  # 1,764,700 whole shares x 17/30
    frame = eff.to_frame()
    assert frame.loc["Market value of public float", "after"] == Decimal("999996.67")
    assert frame.loc["Market value of public float", "before"] == Decimal("999996.78")  # 5,882,334 x 0.17


def test_other_standards_use_the_exact_post_split_price() -> None:
    from splitcalc import rules
    from splitcalc.compliance._splits import other_standard_breaches

    cap = CapitalStructure(outstanding=5_882_334, price=Decimal("0.17"))
    rs = rules.get("nasdaq-capital", as_of="2025-03-17")  # MVPHS minimum $1,000,000 (rules.md §2)
    breaches, _ = other_standard_breaches(SplitRatio(3, 10), rs, structure=cap, holders={"public_holders": 1_000})
    # $999,996.666... < $1,000,000: a breach (the rounded $0.5667 gave $1,000,055 and passed), shown to the
    # cent rounded down so the figure printed is below the minimum too
    assert [(b.standard, b.value) for b in breaches] == [("MVPHS $", Decimal("999996.66"))]
    # half a dollar short is short: rounding to the dollar first would have made it $1,000,000 and passed
    held = {"public_holders": 1_000, "publicly_held_shares": 1_999_999}
    breaches, _ = other_standard_breaches(SplitRatio(1, 2), rs, holders=held, price_after=Decimal("0.50"))
    assert [(b.standard, b.value) for b in breaches] == [("MVPHS $", Decimal("999999.50"))]
    exactly, _ = other_standard_breaches(
        SplitRatio(1, 2), rs, holders={**held, "publicly_held_shares": 2_000_000}, price_after=Decimal("0.50")
    )
    assert not exactly


def test_exact_price_carries_into_the_next_split() -> None:
    cap = CapitalStructure(outstanding=300, price=Decimal("1.00"))
    there = cap.apply("3-for-1")  # $1/3, shown 0.3333
    back = there.after.apply("1-for-3")
    assert back.price_after_exact == Fraction(1)
    assert back.price_after == Decimal("1")  # not 0.3333 x 3 = 0.9999
    assert there.after.with_price("0.3333").price_exact == Fraction(3333, 10000)  # a new price is taken as given


def test_market_cap_of_long_values_is_exact() -> None:
    # the 28-digit Decimal context gave 1.7E+29
    cap = CapitalStructure(outstanding=10**30 + 1, price=Decimal("0.17"))
    assert cap.market_cap == Decimal("170000000000000000000000000000.17")
    assert cap.public_float_value == cap.market_cap
    assert CapitalStructure(outstanding=3, price=Decimal("0.1234")).market_cap == Decimal("0.3702")


# ------------------------------------------------------ option row notes
@pytest.mark.parametrize(
    ("share_rounding", "price_rounding", "share_note", "price_note"),
    [
        ("down", decimal.ROUND_CEILING, "rounded down", "rounded up to the cent"),
        ("up", "floor", "rounded up", "rounded down to the cent"),
        ("nearest", "half_even", "rounded to the nearest whole share (half up)", "nearest cent (half to even)"),
    ],
)
def test_option_notes_follow_the_rounding_used(
    share_rounding: str, price_rounding: str, share_note: str, price_note: str
) -> None:
    cap = CapitalStructure(outstanding=1_000, options=(StockOption(101, Decimal("0.5"), name="plan"),))
    eff = cap.apply("1-for-25", option_share_rounding=share_rounding, option_price_rounding=price_rounding)  # type: ignore[arg-type]
    notes = {metric: note for metric, _, _, note in eff.rows()}
    assert notes["plan: shares"] == share_note
    assert price_note in notes["plan: exercise price"]


def test_option_rounding_is_checked_without_options() -> None:
    cap = CapitalStructure(outstanding=10)
    with pytest.raises(InputError) as info:
        cap.apply("1-for-2", option_share_rounding="sideways")  # type: ignore[arg-type]
    assert info.value.param_name == "option_share_rounding"
    with pytest.raises(InputError) as info:
        cap.apply("1-for-2", option_price_rounding="sideways")
    assert info.value.param_name == "option_price_rounding"


# ------------------------------------------------- authorised shares after
def test_forward_split_beyond_authorised_shares_says_what_it_needs() -> None:
    cap = CapitalStructure(outstanding=100, authorized=150)
    with pytest.raises(InputError, match="the 2-for-1 split needs 200 authorised shares") as info:
        cap.apply("2-for-1")  # 100 x 2 = 200 > 150 authorised
    assert "only 150 would be authorised after it" in str(info.value)
    assert "is less than issued shares" not in str(info.value)
    assert info.value.param_name == "authorized"


def test_round_up_beyond_proportional_authorised_shares_says_what_it_needs() -> None:
    # 1-for-3, authorised reduced: floor(100/3) = 33; rounded up: ceil(91/3) = 31 outstanding + floor(9/3) = 3 treasury
    cap = CapitalStructure(outstanding=91, treasury=9, authorized=100)
    with pytest.raises(InputError, match=r"needs 34 authorised shares .* only 33 would be authorised"):
        cap.apply("1-for-3", authorized="proportional", fractional="round_up")
    # floor(91/3) = 30 outstanding + 3 treasury = 33 fits under cash in lieu
    assert cap.apply("1-for-3", authorized="proportional").after.issued == 33


# ------------------------------------------------------------ convertibles
@pytest.mark.parametrize(
    ("ratio", "shares", "price"),
    [
        ("3-for-1", 3_000_000, Decimal("0.3333")),  # 1,000,000 x 3 (not 1,000,000 / 0.3333 = 3,000,300)
        ("3-for-7", 428_571, Decimal("2.3333")),  # 1,000,000 x 3/7 = 428,571.43 (not / 2.3333 = 428,577)
        ("1-for-25", 40_000, Decimal("25.0000")),
    ],
)
def test_convertible_shares_come_from_the_exact_ratio(ratio: str, shares: int, price: Decimal) -> None:
    conv = Convertible(Decimal("1000000"), Decimal("1.00"))
    after = conv.apply(SplitRatio.parse(ratio))
    assert after.underlying_shares == shares
    assert after.conversion_price == price  # rounded for display only
    assert after.conversion_rate == 1000 * SplitRatio.parse(ratio).factor


@pytest.mark.parametrize(
    ("price", "ratio", "shown"),
    [
        ("0.29999", SplitRatio(3, 10), Decimal("0.9999")),  # 0.99996666...: half-up would show 1.0000
        ("1.19999", SplitRatio(3, 10), Decimal("3.9999")),  # 3.99996666...: not onto the $4.00 line either
        ("0.30001", SplitRatio(3, 10), Decimal("1.0000")),  # 1.00003333...: above, rounds as usual
        ("0.1", SplitRatio(1, 3), Decimal("0.3")),  # terminating: exact
    ],
)
def test_shown_price_is_never_rounded_up_onto_a_threshold_it_misses(
    price: str, ratio: SplitRatio, shown: Decimal
) -> None:
    eff = CapitalStructure(outstanding=3_000, price=Decimal(price)).apply(ratio)
    assert eff.price_after == shown
    exact = eff.price_after_exact
    assert exact is not None
    for crossing in eff.thresholds:  # the verdicts come from the exact price
        assert crossing.after == (exact >= crossing.threshold.level)


def test_user_visible_notes_cite_primary_sources_not_the_internal_fact_sheet() -> None:
    # price thresholds, authorised row, cash price: what a user reads names rules and releases, never rules.md
    import splitcalc as sc

    cap = sc.CapitalStructure(outstanding=10_000_000, price="0.50", authorized=50_000_000)
    text = str(cap.apply("1-for-10", authorized=2_000_000))
    assert "5550(a)(2)" in text and "802.01C" in text and "5505(a)" in text
    assert "rules.md" not in text and "fact sheet" not in text
