"""Report sections built from the scenario's data, checked against hand-computed figures."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from decimal import Decimal

import pytest

from splitcalc import CapitalStructure, InputError, SplitRatio
from splitcalc.analysis.scenario_file import Scenario
from splitcalc.report import Report


def _scenario(**changes: object) -> Scenario:
    base = Scenario(
        company="Acme Corp",
        exchange="nasdaq-capital-market",
        as_of=dt.date(2025, 10, 1),
        structure=CapitalStructure(outstanding=1_645, price=Decimal("0.17")),
        ratio=SplitRatio(1, 25),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def _holdings() -> object:
    import pandas as pd

    from splitcalc import Holdings

    frame = pd.DataFrame(
        {
            "holder_id": ["A", "B", "C", "D", "E"],
            "shares": [1000, 30, 105, 500, 10],
            "insider": [False, False, False, True, False],
        }
    )
    return Holdings.from_frame(frame)


def test_holders_section_hand_computed() -> None:
    r = Report(_scenario(), holdings=_holdings(), charts=False)
    sec = r.section("holders")
    assert sec is not None
    rows = {row[0]: row for row in sec.tables[0].rows}
    # 1-for-25: A 1000 -> 40; B 30 -> 1 (+5/25); C 105 -> 4 (+5/25); D 500 -> 20; E 10 -> 0 (+10/25)
    assert rows["Holders"][1:3] == (5, 4)
    assert rows["Shares"][1:3] == (1645, 65)  # 40 + 1 + 4 + 20
    assert rows["Public holders"][1:3] == (4, 3)  # D is an insider; E is cashed out
    assert rows["Round-lot holders (>= 100 shares)"][1:3] == (3, 0)  # A, C, D before; none >= 100 after
    assert rows["Publicly held shares"][1:3] == (1145, 45)
    also = dict(sec.tables[1].rows)
    assert also["Holders eliminated (fewer shares than the ratio)"] == 1
    # cash: (5 + 5 + 10) old shares x $0.17 = $3.40
    assert also["Cash in lieu paid"] == "$3.40"
    assert r.key_figures["holders_before"] == 5
    assert r.key_figures["holders_after"] == 4
    assert r.key_figures["shares_after_holders"] == 65


def test_holders_against_capital_market_minimums() -> None:
    r = Report(_scenario(), holdings=_holdings(), charts=False)
    table = r.section("holders").tables[0]  # type: ignore[union-attr]
    assert "Minimum" in table.columns
    rows = {row[0]: row for row in table.rows}
    assert rows["Public holders"][4:6] == (300, "not met")  # Rule 5550(a)(3): 300 public holders
    assert rows["Publicly held shares"][4:6] == (500_000, "not met")  # 5550(a)(4)
    # the Capital Market has no total-holder value: not checked, and the rule row says why
    assert rows["Holders"][4:7] == (
        "",
        "not checked: no rule value in force",
        "the Capital Market tests public holders, not total holders",
    )
    assert rows["Shares"][5] == "not applicable: no listing minimum"


def test_holder_comparisons_are_the_analysis_own() -> None:
    """The section renders Analysis.holder_metrics: counts, changes and statuses, hand-checked."""
    r = Report(_scenario(), holdings=_holdings(), charts=False)
    metrics = {m.label: m for m in r.analysis.holder_metrics}
    public = metrics["Public holders"]
    assert (public.before, public.after, public.change, public.minimum, public.status) == (4, 3, -1, 300, "not met")
    assert metrics["Shares"].change == 65 - 1645
    assert metrics["Shares"].status == "not applicable"
    rows = r.section("holders").tables[0].rows  # type: ignore[union-attr]
    assert [row[3] for row in rows] == [m.change for m in r.analysis.holder_metrics]
    data = r.analysis.to_dict()["holder_metrics"]
    assert isinstance(data, list) and data[2]["status"] == "not met"
    # a holder file big enough for the Capital Market minimums: met, compared with the rule values
    from splitcalc import Holdings

    big = Holdings.synthetic(2_000, total_shares=40_000_000, seed=3)
    a = Report(
        _scenario(structure=CapitalStructure(outstanding=40_000_000, price=Decimal("0.17"))), holdings=big, charts=False
    ).analysis
    got = {m.label: m for m in a.holder_metrics}
    assert a.holdings is not None
    assert a.holdings.totals.public_holders_after >= 300
    assert got["Public holders"].status == "met"
    assert got["Publicly held shares"].status == (
        "met" if a.holdings.totals.public_shares_after >= 500_000 else "not met"
    )


def test_no_holder_section_without_holder_data() -> None:
    r = Report(_scenario(), charts=False)
    assert r.section("holders") is None
    assert "holders_before" not in r.key_figures


def test_rules_section_cites_effective_dates() -> None:
    r = Report(_scenario(), charts=False)
    sec = r.section("rules")
    assert sec is not None
    rows = {row[0]: row for row in sec.tables[0].rows}
    bar = rows["No compliance period within a year of a reverse split"]
    assert bar[1] == "yes"
    assert bar[3] == dt.date(2025, 1, 17)  # SR-NASDAQ-2024-045, approved Jan 17, 2025 (rules.md §1 row 10)
    assert rows["Minimum bid price"][1] == "$1.00"
    assert "5550(a)(2)" in rows["Minimum bid price"][2]


def test_deadlines_from_the_rules() -> None:
    s = _scenario(notice_date=dt.date(2025, 6, 2), effective=dt.date(2025, 10, 20))
    r = Report(s, charts=False)
    k = r.key_figures
    assert k["deadline"] == dt.date(2025, 12, 1)  # Jun 2 + 180 calendar days = Sat Nov 29 -> Mon Dec 1
    # Mon Oct 20 + 9 more sessions (Oct 21-24, 27-31) -> Fri Oct 31, 2025
    assert k["earliest_cure"] == dt.date(2025, 10, 31)
    assert k["status"] == "deficient"
    assert k["outlook"] == "cure_possible"
    late = Report(dataclasses.replace(s, effective=dt.date(2025, 11, 24)), charts=False)
    # Nov 24, 25, 26, 28 (27th Thanksgiving), Dec 1 -> 5 sessions by Dec 1: too late
    assert late.key_figures["outlook"] == "cure_after_deadline"


def test_a_post_split_price_shown_as_one_dollar_but_just_below_it_stays_below() -> None:
    # $0.29999 x 10 / 3 = $0.99996666...: below the $1.00 minimum bid, and shown so ($0.9999, not $1.0000)
    cap = CapitalStructure(outstanding=1_000_000, authorized=5_000_000, price=Decimal("0.29999"))
    s = _scenario(
        structure=cap, ratio=SplitRatio(3, 10), notice_date=dt.date(2025, 6, 2), effective=dt.date(2025, 10, 20)
    )
    r = Report(s, charts=False, paths=20)
    assert r.key_figures["price_after"] == Decimal("0.9999")
    assert r.key_figures["outlook"] == "price_below_minimum"


def test_stated_deadline_that_differs_is_flagged() -> None:
    s = _scenario(notice_date=dt.date(2025, 6, 2), deadline=dt.date(2025, 11, 30))
    sec = Report(s, charts=False).section("deadlines")
    cells = [str(c) for row in sec.tables[0].rows for c in row]  # type: ignore[union-attr]
    assert any(c.startswith("DIFFERS") for c in cells)


def test_ratio_sweep_and_recommendation() -> None:
    s = _scenario(
        ratio=None,
        ratio_range=(SplitRatio(1, 2), SplitRatio(1, 20)),
        structure=CapitalStructure(outstanding=10_000_000, price=Decimal("0.30")),
        target_price=Decimal("2.00"),
    )
    r = Report(s, charts=False)
    # $0.30 x 6 = $1.80 < $2.00 <= $0.30 x 7 = $2.10
    assert r.key_figures["recommended_ratio"] == "1-for-7"
    assert r.ratio == SplitRatio(1, 7)
    sec = r.section("ratio")
    assert sec is not None
    assert len(sec.tables[0].rows) == 19  # 1-for-2 .. 1-for-20


def test_sections_absent_when_no_rules_in_force() -> None:
    # the Capital Market dates from Sep 8, 2005: no rule set in force on Jan 2, 1990 (data, not a module, is missing)
    r = Report(_scenario(as_of=dt.date(1990, 1, 2)), holdings=_holdings(), charts=False)
    keys = {s.key for s in r.sections}
    assert keys == {"terms", "structure", "per_share", "holders", "sources", "caveats"}
    assert "status" not in r.key_figures
    caveats = " ".join(r.section("caveats").paragraphs)  # type: ignore[union-attr]
    assert "The listing sections are left out" in caveats
    assert "Sections left out: ratio sweep and odds (no rules in force for the scenario)" in caveats


@pytest.mark.parametrize(
    ("module", "example"),
    [
        ("rules", "neotherapeutics-2002"),
        ("holdings", "neotherapeutics-2002"),  # its scenario names a holder file
        ("scenarios", "neotherapeutics-2002"),
        ("plot", "neotherapeutics-2002"),
        ("compliance", "hypothetical-capital-market-2025"),
        ("market", "hypothetical-capital-market-2025"),  # its scenario names a price file
    ],
)
def test_a_module_that_fails_to_import_fails_the_report(
    monkeypatch: pytest.MonkeyPatch, module: str, example: str
) -> None:
    import splitcalc

    # None in sys.modules makes `import splitcalc.<module>` raise ImportError, as a broken module would;
    # the report must raise it, not quietly leave the section out
    monkeypatch.setitem(sys.modules, f"splitcalc.{module}", None)
    if module in vars(splitcalc):  # the submodule as an attribute of the package, once imported
        monkeypatch.delattr(splitcalc, module)
    with pytest.raises(ImportError, match=module):
        Report.example(example, paths=20, charts="all")


def test_compliance_timeline_and_planned_split() -> None:
    r = Report.example("hypothetical-capital-market-2025", paths=50, charts=False)
    sec = r.section("compliance")
    assert sec is not None
    events = {row[1]: row for row in sec.tables[0].rows}
    # the made-up closes go below $1 on Apr 15, 2025; 30th business day below is May 28
    assert events["deficiency"][0] == dt.date(2025, 5, 28)
    assert events["compliance period deadline"][0] == dt.date(2025, 12, 1)
    k = r.key_figures
    # notify Nasdaq 10 calendar days before the Oct 20, 2025 effective date (Rule 5250(e)(7) as amended)
    assert k["notify_by"] == dt.date(2025, 10, 10)
    assert k["split_permitted"] is True  # 1-for-10 (Nov 2023) x 1-for-5 = 1-for-50 < 250; over a year ago
    rows = {row[0]: row for row in r.section("deadlines").tables[0].rows}  # type: ignore[union-attr]
    # 2 business days before Mon Oct 20: Thu Oct 16
    assert rows["Disclose the split publicly by"][1] == dt.date(2025, 10, 16)


def test_uncertain_rule_warnings_become_caveats() -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing may leak out of the report
        r = Report.example("neotherapeutics-2002", paths=50, charts=False)
    caveats = " ".join(r.section("caveats").paragraphs)  # type: ignore[union-attr]
    assert "UNCERTAIN" in caveats
    assert "Nasdaq Substitution Listing Event notification" in caveats  # the rule by its cite, not its internal name


def test_an_authorised_range_too_wide_to_sweep_is_refused_before_building_it() -> None:
    s = _scenario(ratio=SplitRatio(1, 25), ratio_range=(SplitRatio(1, 2), SplitRatio(1, 10_000_000)))
    with pytest.raises(InputError, match=r"split\.range: .*candidate ratios, more than the 10,000") as info:
        Report(s, charts=False, paths=20)
    assert "list the ratios" not in str(info.value)  # an authorised range is a range, not a list
