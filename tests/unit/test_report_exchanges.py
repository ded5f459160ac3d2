"""The report per exchange: the deadline the odds use, NYSE American's missing floor, price caveats, the summary."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from splitcalc.analysis.scenario_file import load_example
from splitcalc.report import Report
from tests.conftest import REPO_ROOT

HYPO_PRICES = REPO_ROOT / "data" / "examples" / "hypothetical-capital-market-2025-prices.csv"


def _write(tmp_path: Path, exchange: str, extra: str = "") -> Path:
    text = (
        'format = 1\n[scenario]\nas_of = 2025-10-01\n[company]\nname = "Acme"\n'
        f'exchange = "{exchange}"\n'
        '[structure]\noutstanding = 48_000_000\nprice = "0.42"\n'
        '[split]\nratio = "1-for-10"\n' + extra
    )
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _caveats(r: Report) -> str:
    return " ".join(r.section("caveats").paragraphs)  # type: ignore[union-attr]


# ------------------------------------------------------------- 1. deadline
def test_odds_use_the_deadline_the_report_computes() -> None:
    s = load_example("hypothetical-capital-market-2025")
    assert s.deadline is None  # the example types no [compliance] deadline
    computed = Report(s, paths=100, charts=False)
    typed = Report(dataclasses.replace(s, deadline=dt.date(2025, 12, 1)), paths=100, charts=False)
    # notice Jun 2, 2025 + 180 days = Sat Nov 29, 2025 -> Mon Dec 1: the same facts, the same odds
    assert computed.key_figures["deadline"] == dt.date(2025, 12, 1)
    a: Any = computed.analysis.simulation
    b: Any = typed.analysis.simulation
    assert "not_regained" in a.probabilities  # only counted against a deadline
    assert {k: p.estimate for k, p in a.probabilities.items()} == {k: p.estimate for k, p in b.probabilities.items()}
    notes = " ".join(computed.section("odds").notes)  # type: ignore[union-attr]
    # first post-split session Mon Oct 20; sessions to Mon Dec 1 (the +180 count, Sat Nov 29, moved to the
    # next session): 10 in October + 19 in November (Nov 3-28 is 20 weekdays less Thanksgiving, Nov 27) + 1 = 30
    assert (
        "Regaining compliance counts only by the deadline 2025-12-01 (compliance timeline from the daily closes): "
        "30 sessions from 2025-10-20." in notes
    )


# ------------------------------------------------------------ 2. NYSE American
def test_nyse_american_report_without_a_minimum_bid(tmp_path: Path) -> None:
    r = Report.from_file(_write(tmp_path, "nyse-american", '[assumptions]\nvolatility = "0.9"\n'), charts=False)
    keys = {sec.key for sec in r.sections}
    assert {"terms", "structure", "deadlines", "rules", "sources", "caveats"} <= keys
    assert "ratio" not in keys and "odds" not in keys
    caveats = _caveats(r)
    assert "Post-split odds left out: NYSE American has no numeric minimum bid" in caveats
    assert "1003(f)(v)" in caveats
    assert "rules.md" not in caveats  # the internal fact sheet is never cited to a reader
    assert "Sections left out: ratio sweep (NYSE American has no numeric minimum bid" in caveats
    assert r.key_figures["price_after"] is not None


def test_nyse_american_with_a_target_price_sweeps_and_with_prices_times(tmp_path: Path) -> None:
    import shutil

    shutil.copy(HYPO_PRICES, tmp_path / "p.csv")
    extra = 'target_price = "2.00"\n[compliance]\nnotice_date = 2025-06-02\n[data]\nprices = "p.csv"\n'
    r = Report.from_file(_write(tmp_path, "nyse-american", extra), paths=20, charts="all")
    keys = {sec.key for sec in r.sections}
    assert "ratio" in keys  # a target of its own needs no minimum bid
    assert "compliance" in keys
    assert "odds" not in keys
    # $0.42 x 5 = $2.10 >= $2.00; x 4 = $1.68 < $2.00
    assert r.key_figures["recommended_ratio"] == "1-for-5"


# ------------------------------------------------------ 12. terminal summary
def test_summary_says_hypothetical() -> None:
    r = Report.example("hypothetical-capital-market-2025", paths=20, charts=False)
    lines = r.summary().splitlines()
    assert "HYPOTHETICAL" in lines[1]
    assert "HYPOTHETICAL" not in Report.example("neotherapeutics-2002", paths=20, charts=False).summary()


# --------------------------------------------------------- 13. price caveat
@pytest.mark.parametrize(
    ("exchange", "expected", "absent"),
    [
        ("nasdaq-capital-market", "Nasdaq tests the closing BID price (Nasdaq Rule 5005(a)(3)", "802.01C"),
        ("nyse", "NYSE tests closing prices, not the bid", "5005(a)(3)"),
        ("nyse", "NYSE Listed Company Manual 802.01C)", "closing BID"),
        ("nyse-american", "NYSE American Company Guide 1003(f)(v) sets no numeric price test", "5005(a)(3)"),
    ],
)
def test_price_caveat_follows_the_exchange(tmp_path: Path, exchange: str, expected: str, absent: str) -> None:
    r = Report.from_file(_write(tmp_path, exchange, '[assumptions]\nvolatility = "0.9"\n'), paths=20, charts=False)
    caveats = _caveats(r)
    assert expected in caveats
    assert absent not in caveats


def test_price_caveat_cites_the_rule_of_the_era() -> None:
    # 2002: the NASD Marketplace Rules, not today's Rule 5005(a)(3)
    caveats = _caveats(Report.example("neotherapeutics-2002", paths=20, charts=False))
    assert "Nasdaq tests the closing BID price (NASD Marketplace Rules, bid price" in caveats
    assert "5005(a)(3)" not in caveats
