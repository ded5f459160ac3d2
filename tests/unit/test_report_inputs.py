"""What a report stands on: counts the scenario leaves out, closes up to the as-of date, inputs without a Fact."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from splitcalc import CapitalStructure, SplitRatio
from splitcalc.analysis.scenario_file import Scenario, load_example, load_scenario
from splitcalc.report import Report
from tests.conftest import REPO_ROOT

EXAMPLES = REPO_ROOT / "data" / "examples"
HYPO_PRICES = EXAMPLES / "hypothetical-capital-market-2025-prices.csv"


def _rows(report: Report, key: str, table: int = 0) -> dict[object, tuple[object, ...]]:
    sec = report.section(key)
    assert sec is not None, key
    return {row[0]: row for row in sec.tables[table].rows}


def _column(r: Report, key: str, name: str) -> int:
    sec = r.section(key)
    assert sec is not None, key
    return sec.tables[0].columns.index(name)


# ----------------------------------------------------------- unknown counts
def test_neotherapeutics_insiders_from_the_holder_file_agree_across_sections() -> None:
    r = Report.example("neotherapeutics-2002", paths=50, charts=False)
    structure = _rows(r, "structure")
    holders = _rows(r, "holders")
    # the scenario gives no insiders; the synthetic holder file flags 2,500,000 insider shares (holders-README.md)
    assert structure["Insider shares"][1] == 2_500_000
    assert structure["Insider shares"][2] == 100_000  # 2,500,000 / 25
    # publicly held before: 39,752,812 - 2,500,000 = 37,252,812, the Holders section's figure
    assert structure["Publicly held shares"][1] == 37_252_812 == holders["Publicly held shares"][1]
    # the aggregate after-count: 1,590,112 - 100,000 = 1,490,112 (golden 1,590,112 outstanding unchanged)
    assert structure["Shares outstanding"][2] == 1_590_112
    assert structure["Publicly held shares"][2] == 1_490_112
    notes = " ".join(r.section("structure").notes)  # type: ignore[union-attr]
    assert "2,500,000 shares of holders flagged insider in the holder file" in notes
    # the holder-by-holder figure the Holders section and the sweep use is named too
    assert f"{holders['Publicly held shares'][2]:,} publicly held" in notes
    sweep = _rows(r, "ratio")
    assert sweep["1-for-25"][_column(r, "ratio", "Publicly held")] == holders["Publicly held shares"][2]
    # the reserve is not in the scenario nor in a holder file: unknown, not 0
    assert structure["Shares reserved"][1:3] == ("unknown", "unknown")
    # MVPHS before: 37,252,812 x $0.17 = $6,332,978.04 (was $6,757,978.04 with 0 insiders)
    per_share = _rows(r, "per_share")
    assert per_share["Market value of public float"][1] == "$6,332,978.04"


def test_counts_not_given_are_unknown_without_a_holder_file(tmp_path: Path) -> None:
    text = (
        'format = 1\n[scenario]\nas_of = 2025-10-01\n[company]\nname = "Acme"\nexchange = "nasdaq-capital-market"\n'
        '[structure]\noutstanding = 48_000_000\nauthorized = 100_000_000\nprice = "0.42"\n'
        '[split]\nratio = "1-for-10"\n'
    )
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    r = Report.from_file(path, paths=20, charts=False)
    structure = _rows(r, "structure")
    for metric in ("Insider shares", "Publicly held shares", "Shares reserved", "Available for issuance"):
        assert structure[metric][1:3] == ("unknown", "unknown"), metric
    assert _rows(r, "per_share")["Market value of public float"][1:3] == ("unknown", "unknown")
    # the sweep marks publicly held shares and MVPHS as upper bounds: 48,000,000 / 10 = 4,800,000 at most
    sweep = _rows(r, "ratio")
    assert sweep["1-for-10"][_column(r, "ratio", "Publicly held")] == "≤ 4,800,000"
    assert str(sweep["1-for-10"][_column(r, "ratio", "MVPHS")]).startswith("≤ $")
    sweep_notes = " ".join(r.section("ratio").notes)  # type: ignore[union-attr]
    assert "Insider shares not given" in sweep_notes
    # stated zeros are zeros
    path.write_text(text.replace("price =", "insiders = 0\nreserved = 0\nprice ="), encoding="utf-8")
    known = _rows(Report.from_file(path, paths=20, charts=False), "structure")
    assert known["Insider shares"][1] == 0
    assert known["Publicly held shares"][1] == 48_000_000
    assert known["Available for issuance"][1] == 52_000_000  # 100,000,000 - 48,000,000 - 0


# ------------------------------------------------------------ price history
def _price_file(tmp_path: Path, days: int) -> Path:
    from splitcalc.calendars import sessions_between

    closes = [f"{0.50 + 0.01 * (i % 3):.2f}" for i in range(days)]
    dates = sessions_between(dt.date(2025, 9, 1), dt.date(2025, 10, 31))[-days:]
    path = tmp_path / "p.csv"
    path.write_text(
        "date,close\n" + "".join(f"{d},{c}\n" for d, c in zip(dates, closes, strict=True)), encoding="utf-8"
    )
    return path


def _short_scenario(tmp_path: Path, days: int, *, volatility: bool) -> Path:
    _price_file(tmp_path, days)
    text = (
        'format = 1\n[scenario]\nas_of = 2025-10-31\n[company]\nname = "Acme"\nexchange = "nasdaq-capital-market"\n'
        '[structure]\noutstanding = 1_000_000\nprice = "0.50"\n[split]\nratio = "1-for-4"\n'
        + ('[assumptions]\nvolatility = "0.8"\n' if volatility else "")
        + '[data]\nprices = "p.csv"\n'
    )
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_short_price_file_with_a_volatility_still_gives_the_odds(tmp_path: Path) -> None:
    # 10 closes: 9 daily returns, fewer than the 20 a volatility estimate needs, but the volatility is given
    r = Report.from_file(_short_scenario(tmp_path, 10, volatility=True), paths=50, charts=False)
    assert r.section("odds") is not None
    assert r.analysis.simulation is not None and r.analysis.simulation.volatility == pytest.approx(0.8)


def test_short_price_file_without_a_volatility_leaves_the_odds_out(tmp_path: Path) -> None:
    r = Report.from_file(_short_scenario(tmp_path, 10, volatility=False), paths=50, charts=False)
    assert r.section("odds") is None
    assert r.section("compliance") is not None  # the rest of the report is made
    caveats = " ".join(r.section("caveats").paragraphs)  # type: ignore[union-attr]
    assert "Post-split odds left out: the price history up to the as-of date is too short" in caveats
    assert "got 9" in caveats


def test_closes_after_the_as_of_date_are_not_used() -> None:
    from splitcalc.market import read_price_csv
    from splitcalc.scenarios.simulate import estimate_parameters

    s = load_example("hypothetical-capital-market-2025")
    early = dataclasses.replace(
        s, as_of=dt.date(2025, 6, 30), approved=dt.date(2025, 7, 7), effective=dt.date(2025, 7, 10)
    )
    r = Report(early, paths=50, charts=False)
    sim: Any = r.analysis.simulation
    closes = read_price_csv(HYPO_PRICES)["close"]
    to_june = closes[closes.index <= "2025-06-30"]
    assert len(to_june) < len(closes)  # the file runs to Oct 1, 2025
    assert sim.volatility == pytest.approx(estimate_parameters(to_june).volatility)
    assert sim.volatility != pytest.approx(estimate_parameters(closes).volatility)
    assert f"({len(to_june) - 1} daily returns)" in sim.volatility_source
    prices: Any = r.analysis.prices
    assert prices.index[-1] <= dt.datetime(2025, 6, 30)
    caveats = " ".join(r.section("caveats").paragraphs)  # type: ignore[union-attr]
    assert f"{len(closes) - len(to_june)} daily row(s) after the as-of date 2025-06-30 were not used" in caveats


# -------------------------------------------------- inputs without a Fact
def test_live_ticker_report_lists_its_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import splitcalc.cli._prices as prices_cli
    from splitcalc.cli import main
    from splitcalc.market import read_price_csv

    monkeypatch.setattr(prices_cli, "load_prices", lambda _args: read_price_csv(HYPO_PRICES))  # no network
    out = tmp_path / "xyz.json"
    argv = ["report", "--ticker", "XYZ", "--ratio", "1-for-5", "--outstanding", "48,000,000", "-o", str(out)]
    assert main([*argv, "--quiet", "--paths", "20"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    sources = next(sec for sec in data["sections"] if sec["key"] == "sources")
    rows = {row[0]: row for row in sources["tables"][0]["rows"]}  # Figure, Value, Date, Source, Status, Note
    assert rows["Shares outstanding"][1] == "48,000,000"
    assert rows["Shares outstanding"][4] == "unsourced"
    price = rows["Price per share (pre-split)"]
    assert price[1] == "$0.42"  # the last close of the price data
    assert price[2] == "2025-10-01"
    assert price[3] == "last close on 2025-10-01 (csv:hypothetical-capital-market-2025-prices.csv)"
    assert rows["Split ratio"][1] == "1-for-5"


def test_a_scenario_read_from_a_file_lists_nothing_twice() -> None:
    r = Report.example("neotherapeutics-2002", paths=20, charts=False)
    figures = [row[0] for row in r.section("sources").tables[0].rows]  # type: ignore[union-attr]
    assert len(figures) == len(set(figures))
    assert len(figures) == len(r.scenario.facts)


def test_a_price_that_is_not_the_last_close_is_not_attributed_to_it() -> None:
    from splitcalc.market import read_price_csv

    s = Scenario(
        company="XYZ",
        exchange="nasdaq-capital",
        as_of=dt.date(2025, 10, 1),
        structure=CapitalStructure(outstanding=48_000_000, price=Decimal("0.45"), insiders=1),
        ratio=SplitRatio(1, 5),
    )
    r = Report(s, prices=read_price_csv(HYPO_PRICES), paths=20, charts=False)
    rows = _rows(r, "sources")
    assert rows["Price per share (pre-split)"][3] == "—"
    assert rows["Price per share (pre-split)"][4] == "unsourced"
    assert rows["Shares held by insiders"][1] == "1"


def test_scenario_files_load(tmp_path: Path) -> None:
    # guard for the helpers above: the minimal text they write is a valid scenario
    s = load_scenario(_short_scenario(tmp_path, 25, volatility=False))
    assert s.prices_path == tmp_path / "p.csv"
