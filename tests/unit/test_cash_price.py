"""The cash-in-lieu price as paid, and authorised shares as stated, on published numbers.

Chesapeake Energy's 1-for-200 reverse split (effective 5:00 p.m. CT, April 14, 2020):
* authorised common shares "reduced from 3,000,000,000 to 22,500,000"; about 1.957 billion shares outstanding
  "to approximately 9.784 million" (Chesapeake press release, April 13, 2020, as printed at
  houstonenergyindustrynews.com/2020/04/14/1-for-200-reverse-stock-split-and-authorized-shares-reduction/);
* "The previous closing price for CHK stock prior to the reverse split was 13 cents" (InvestorPlace, April 15, 2020,
  investorplace.com/2020/04/chk-stock-plunges-on-chesapeake-reverse-stock-split/);
* a holder of 100 shares bought for $551 "got cash-in-lieu and total proceeds is $7.36" (TurboTax community,
  ttlc.intuit.com/community/taxes/discussion/some-stocks-in-my-portfolio-had-a-reverse-split-amp-cash-in-lieu-of-fractional-shares-were-paid/00/748521).
So the theoretical price valued the 1/2 share at 100 x $0.13 = $13.00; the agent paid $7.36, $14.72 per new share.
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

import splitcalc as sc
from splitcalc.analysis.scenario_file import parse_scenario
from splitcalc.cashprice import average_close, resolve_cash_price
from splitcalc.cli import main
from splitcalc.holdings import Holdings
from splitcalc.structure import CapitalStructure

CHK_OUTSTANDING = 9_784_000 * 200  # "approximately 9.784 million" after 1-for-200


def chk_holder() -> Holdings:
    return Holdings.from_frame(pd.DataFrame({"holder_id": ["h"], "cost_basis": ["551.00"], "shares": [100]}))


def test_theoretical_and_agent_sale_prices_for_the_same_fraction() -> None:
    theo = chk_holder().apply("1-for-200", price="0.13", price_basis="theoretical")
    assert theo.totals.cash_total == Decimal("13.00")
    assert theo.price_per_new_share == Decimal("26")
    paid = chk_holder().apply("1-for-200", price="14.72", price_basis="agent_sale", price_source="holder's 1099-B")
    assert paid.totals.cash_total == Decimal("7.36")
    assert paid.cash_price is not None and paid.cash_price.basis == "agent_sale"
    assert "exchange agent" in str(paid) and "holder's 1099-B" in str(paid)  # shown with its source
    assert paid.to_dict()["price_source"] == paid.cash_price.source
    # the loss the holder reported: $551 basis against $7.36 proceeds
    assert paid.cost_basis().gain == Decimal("-543.64")
    # the older names still mean per old / per new share
    assert chk_holder().apply("1-for-200", price="0.13").totals.cash_total == Decimal("13.00")
    assert chk_holder().apply("1-for-200", price="14.72", price_basis="post").totals.cash_total == Decimal("7.36")


def test_average_of_closes_before_the_effective_date() -> None:
    closes = pd.Series(
        [Decimal("0.15"), Decimal("0.14"), Decimal("0.13"), Decimal("9.99")],
        index=pd.to_datetime(["2020-04-08", "2020-04-09", "2020-04-13", "2020-04-15"]),
    )
    # the two closes before Apr 14: (0.14 + 0.13) / 2 = 0.135 per old share -> 100 x 0.135 = $13.50
    res = chk_holder().apply(
        "1-for-200", price=closes, price_basis="average", effective_date="2020-04-14", average_days=2
    )
    assert res.totals.cash_total == Decimal("13.50")
    assert res.price == Fraction(27, 200)
    assert res.cash_price is not None and "2020-04-09 to 2020-04-13" in res.cash_price.source
    avg, used = average_close(closes, effective_date="2020-04-14", days=3)
    assert avg == Fraction(42, 300) and len(used) == 3
    with pytest.raises(sc.InputError, match="closes"):
        average_close(closes, effective_date="2020-04-09", days=2)
    with pytest.raises(sc.InputError, match="average_days"):
        chk_holder().apply("1-for-200", price=closes, price_basis="average")
    with pytest.raises(sc.InputError, match="price_basis"):
        resolve_cash_price("1", "vwap")


def test_stated_authorised_count_after_the_split() -> None:
    cap = CapitalStructure(outstanding=CHK_OUTSTANDING, authorized=3_000_000_000, price=Decimal("0.13"))
    eff = cap.apply("1-for-200", authorized=22_500_000)
    assert eff.after.authorized == 22_500_000  # stated, not 3,000,000,000 / 200 = 15,000,000
    assert cap.apply("1-for-200", authorized="proportional").after.authorized == 15_000_000
    assert eff.after.outstanding == 9_784_000
    assert eff.after.available_for_issuance == 22_500_000 - 9_784_000
    assert "as stated" in eff.to_frame().loc["Shares authorized", "note"]
    with pytest.raises(sc.InputError, match="authorized"):
        cap.apply("1-for-200", authorized=9_000_000)  # fewer than the shares outstanding after
    with pytest.raises(sc.InputError, match="authorized"):
        cap.apply("1-for-200", authorized=-1)


def test_structure_shows_the_cash_price_and_its_source() -> None:
    cap = CapitalStructure(outstanding=CHK_OUTSTANDING, price=Decimal("0.13"))
    theo = cap.apply("1-for-200").to_frame().loc["Cash-in-lieu price per new share"]
    assert theo["after"] == Decimal("26.00") and theo["note"].startswith("theoretical")
    paid = cap.apply("1-for-200", price_basis="agent_sale", cash_price="14.72", price_source="TurboTax thread")
    row = paid.to_frame().loc["Cash-in-lieu price per new share"]
    assert row["after"] == Decimal("14.72") and "TurboTax thread" in row["note"]


def test_cli_split_authorized_after_and_cash_price(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["split", "--ratio", "1-for-200", "--outstanding", str(CHK_OUTSTANDING), "--price", "0.13"]
    argv += ["--authorized", "3,000,000,000", "--authorized-after", "22,500,000"]
    argv += ["--price-basis", "agent_sale", "--cash-price", "14.72", "--price-source", "holder's 1099-B", "--json"]
    assert main(argv) == 0
    rows = {r["metric"]: r for r in json.loads(capsys.readouterr().out)["rows"]}
    assert rows["Shares authorized"]["after"] == 22500000
    assert rows["Cash-in-lieu price per new share"]["after"] == "14.72"
    assert "holder's 1099-B" in rows["Cash-in-lieu price per new share"]["note"]
    bad = ["split", "--ratio", "1-for-200", "--outstanding", "1000", "--authorized-after", "10"]
    assert main(bad) == 2
    assert capsys.readouterr().err.startswith("splitcalc: error:")
    # a stated count and a policy cannot both apply: the count used to win silently
    both = ["split", "--ratio", "1-for-200", "--outstanding", "1000", "--authorized", "5000"]
    assert main([*both, "--authorized-after", "10", "--authorized-policy", "proportional"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--authorized-policy" in err
    assert main([*both, "--authorized-policy", "proportional", "--json"]) == 0
    rows = {r["metric"]: r for r in json.loads(capsys.readouterr().out)["rows"]}
    assert rows["Shares authorized"]["after"] == 25


def test_cli_holdings_agent_sale(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "h.csv"
    f.write_text("holder_id,shares\nh,100\n")
    argv = ["holdings", str(f), "--ratio", "1-for-200", "--price", "14.72", "--price-basis", "agent_sale"]
    assert main([*argv, "--price-source", "1099-B"]) == 0
    out = capsys.readouterr().out
    assert "7.36" in out and "agent_sale" in out and "1099-B" in out


def test_scenario_file_states_authorised_count_and_cash_price() -> None:
    data = {
        "scenario": {"as_of": "2020-04-14"},
        "company": {"name": "Chesapeake Energy", "exchange": "nyse"},
        "structure": {"outstanding": CHK_OUTSTANDING, "authorized": 3_000_000_000, "price": "0.13"},
        "split": {
            "ratio": "1-for-200",
            "authorized_after": {"value": 22_500_000, "source": "Chesapeake press release, Apr 13, 2020"},
            "price_basis": "agent_sale",
            "cash_price": {"value": "14.72", "source": "TurboTax community thread 748521"},
        },
    }
    s = parse_scenario(data)
    assert s.authorized_policy == 22_500_000
    opts = s.cash_price_options()
    assert opts["price"] == Decimal("14.72") and opts["price_basis"] == "agent_sale"
    assert opts["price_source"] == "TurboTax community thread 748521"
    eff = s.structure.apply(s.ratio, authorized=s.authorized_policy)  # type: ignore[arg-type]
    assert eff.after.authorized == 22_500_000
    both = {**data, "split": {**data["split"], "authorized_policy": "proportional"}}
    with pytest.raises(sc.InputError, match="authorized_after"):
        parse_scenario(both)
    no_price = {**data, "split": {"ratio": "1-for-200", "price_basis": "given"}}
    with pytest.raises(sc.InputError, match="cash_price"):
        parse_scenario(no_price)


def test_report_terms_show_the_cash_price_basis_and_source() -> None:
    from splitcalc.report.sections import split_terms

    data = {
        "scenario": {"as_of": "2020-04-14"},
        "company": {"name": "Chesapeake Energy", "exchange": "nyse"},
        "structure": {"outstanding": CHK_OUTSTANDING, "price": "0.13"},
        "split": {
            "ratio": "1-for-200",
            "authorized_after": 22_500_000,
            "price_basis": "given",
            "cash_price": {"value": "14.7", "source": "company letter"},
        },
    }
    s = parse_scenario(data)
    assert s.ratio is not None
    rows = {r[0]: r for r in split_terms(s, s.ratio, "").tables[0].rows}
    assert rows["Cash-in-lieu price"][1:] == ("given: $14.70", "company letter")  # cents kept
    assert rows["Authorised shares"][1] == "22,500,000 after the split"


def test_eden_bioscience_theoretical_price() -> None:
    # Eden Bioscience 8-K (1-for-3): cash = fraction x the close on the trading day before the effective date,
    # "$0.56 ($1.68 on a post-reverse stock split basis)" (ca.advfn.com/stock-market/NASDAQ/EDEND/stock-news/24910548)
    eff = CapitalStructure(outstanding=3_000, price=Decimal("0.56")).apply("1-for-3")
    assert eff.to_frame().loc["Cash-in-lieu price per new share", "after"] == Decimal("1.68")
    two = Holdings.from_frame(pd.DataFrame({"holder_id": ["h"], "shares": [2]})).apply("1-for-3", price="0.56")
    assert two.totals.cash_total == Decimal("1.12")  # 2/3 of $1.68


def test_average_window_that_includes_the_effective_date() -> None:
    # A 2016 1-for-100 reverse split paid "$0.12 in cash for each such share", "the average of the closing price
    # per share ... over the five trading days immediately before and including the Effective Date" (June 16, 2016;
    # SEC EDGAR, CIK 748592, 10-Q for June 30, 2016, note 2:
    # sec.gov/Archives/edgar/data/748592/000149315216011963/R8.htm). Holders of fewer than 100 shares were paid.
    # The closes below are illustrative, chosen to average $0.12; the window is the company's.
    closes = {
        "2016-06-09": "0.50",  # outside the window
        "2016-06-10": "0.11",
        "2016-06-13": "0.12",
        "2016-06-14": "0.13",
        "2016-06-15": "0.12",
        "2016-06-16": "0.12",  # the effective date, included
    }
    price = sc.CashPrice.average(closes, effective_date="2016-06-16", days=5, include_effective_date=True)
    assert price.price == Decimal("0.12") and price.closes[-1][0].isoformat() == "2016-06-16"
    assert "up to and including 2016-06-16" in price.source
    small = Holdings.from_frame(pd.DataFrame({"holder_id": ["h"], "shares": [99]}))
    res = small.apply("1-for-100", price=price)  # a stated CashPrice is taken as it is
    assert res.price_basis == "average" and res.totals.cash_total == Decimal("11.88")  # 99 x $0.12
    strictly_before = sc.CashPrice.average(closes, effective_date="2016-06-16", days=5)
    assert strictly_before.price == Fraction(98, 500)  # (0.50 + 0.11 + 0.12 + 0.13 + 0.12) / 5


def test_cli_holdings_average_from_a_price_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    holders = tmp_path / "h.csv"
    holders.write_text("holder_id,shares\nh,100\n")
    prices = tmp_path / "p.csv"  # illustrative closes on NYSE sessions (Apr 10, 2020 was Good Friday)
    prices.write_text("date,close\n2020-04-08,0.15\n2020-04-09,0.14\n2020-04-13,0.13\n2020-04-14,0.16\n")
    argv = ["holdings", str(holders), "--ratio", "1-for-200", "--price-basis", "average", "--closes", str(prices)]
    assert main([*argv, "--effective-date", "2020-04-14", "--average-days", "3", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["price"] == "7/50"  # (0.15 + 0.14 + 0.13) / 3 = 0.14 per old share
    assert data["totals"]["cash_total"] == "14.00"
    assert "2020-04-08 to 2020-04-13" in data["price_source"]
    assert main(argv) == 2  # no effective date / days: a one-line error
    assert capsys.readouterr().err.startswith("splitcalc: error:")


@pytest.mark.parametrize(
    "extra",
    [
        ["--cash-price", "5"],  # per NEW share, but the default basis (theoretical) reads a price per old share
        ["--price-basis", "given"],  # a stated price with no price
        ["--price-basis", "agent_sale"],
    ],
)
def test_cli_split_cash_price_flags_that_contradict_the_basis_exit_2(
    extra: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["split", "--ratio", "1-for-10", "--outstanding", "1000000", "--price", "0.50", *extra]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: error:") and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "extra",
    [
        ["--price-basis", "average", "--price", "1", "--closes", "P", "--effective-date", "2024-01-04"],
        ["--price", "1", "--closes", "P"],  # closes are read only for the average basis
        ["--price", "1", "--average-days", "2"],
    ],
)
def test_cli_holdings_price_flags_that_contradict_the_basis_exit_2(
    extra: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    holders = tmp_path / "h.csv"
    holders.write_text("holder_id,shares\nA,110\nB,50\n")
    prices = tmp_path / "p.csv"
    prices.write_text("date,close\n2024-01-02,1.00\n2024-01-03,1.10\n")
    argv = ["holdings", str(holders), "--ratio", "1-for-60", *[str(prices) if a == "P" else a for a in extra]]
    argv += ["--average-days", "2"] if extra[1] == "average" else []
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: error:") and len(err.strip().splitlines()) == 1


def test_a_price_that_does_not_terminate_is_shown_exactly_with_its_decimals() -> None:
    # one formatter for prices everywhere (splitcalc.money.price_text): 1/3 is not hidden behind "0.3333 (rounded)"
    cp = resolve_cash_price(Fraction(1, 3), "given")
    assert cp is not None
    text = cp.describe(sc.SplitRatio.parse("1-for-3"))
    assert text.startswith("$1/3 (~0.333333) per new share") and "rounded" not in text


@pytest.mark.parametrize(("old_name", "name"), [("pre", "theoretical"), ("post", "given")])
def test_older_basis_names_are_read_as_the_one_vocabulary(old_name: str, name: str) -> None:
    # 'pre' / 'post' are still accepted, but results speak one vocabulary (splitcalc.settlement.PRICE_BASES)
    res = chk_holder().apply("1-for-200", price="0.13", price_basis=old_name)  # type: ignore[arg-type]
    assert res.price_basis == name and res.cash_price is not None and res.cash_price.basis == name
    assert f"({name}: " in res._title()
    cp = resolve_cash_price("0.13", old_name)
    assert cp is not None and cp.basis == name
    assert Holdings.apply.__defaults__ is None or "pre" not in (Holdings.apply.__kwdefaults__ or {}).values()
