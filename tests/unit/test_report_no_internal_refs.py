"""No internal file or name reaches a reader: both shipped examples, every output format, the example files."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Literal

import pytest

from splitcalc.analysis.scenario_file import load_example
from splitcalc.report import Report

EXAMPLES = ("neotherapeutics-2002", "hypothetical-capital-market-2025")
INTERNAL = re.compile(r"rules\.md|shared/reference|market-data\.md|style\.md|fact sheet", re.IGNORECASE)
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", params=EXAMPLES)
def report(request: pytest.FixtureRequest) -> Report:
    return Report.example(request.param, paths=40)


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_no_internal_reference_in_any_format(report: Report, fmt: Literal["html", "md", "json"]) -> None:
    text = report.render(fmt) + str(report.analysis)
    hits = [m.group(0) for m in INTERNAL.finditer(text)]
    assert not hits, f"{fmt}: {text[max(0, text.find(hits[0]) - 120) : text.find(hits[0]) + 40]!r}"


def test_json_values_are_clean_before_any_rendering(report: Report) -> None:
    """The analysis' own texts (to_dict, not a rendered page) name primary sources only."""
    blob = json.dumps(report.analysis.to_dict(), default=str)
    assert not INTERNAL.search(blob)


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_texts_shown_to_users_name_primary_sources(name: str) -> None:
    s = load_example(name)
    for fact in s.facts:
        for text in (fact.source, fact.note, fact.label):
            assert not INTERNAL.search(text or ""), (fact.key, text)
    for path in (REPO / "data" / "examples").iterdir():
        if path.suffix in {".toml", ".md", ".csv"}:
            assert not INTERNAL.search(path.read_text(encoding="utf-8")), path.name


def test_a_reader_sees_no_raw_names_or_blank_headers(report: Report) -> None:
    """Every table column has a header; every rule row has a label, not its internal field name."""
    from splitcalc.rules._model import FIELDS

    for section in report.sections:
        for table in section.tables:
            assert all(str(c).strip() for c in table.columns), (section.key, table.columns)
    rules = report.section("rules")
    assert rules is not None
    labels = {row[0] for row in rules.tables[0].rows}
    assert not labels & set(FIELDS)
    assert not any("_" in str(label) for label in labels)


def test_odds_near_the_threshold_are_said_to_be(report: Report) -> None:
    """A recommended ratio whose odds are within two standard errors of min_odds says so in the box."""
    v = report.analysis.verdict
    p = v.recommended_odds
    assert p is not None
    near = abs(p.estimate - v.min_odds) < 2 * p.stderr
    assert ("within two standard errors" in v.ratio_answer()) is near


def test_ratio_table_marks_the_recommended_and_evaluated_rows(report: Report) -> None:
    """One short word per row (never squeezed by the layout); a ratio both recommended and evaluated says so above."""
    ratio = report.section("ratio")
    assert ratio is not None
    table = ratio.tables[0]
    col = table.columns.index("Choice")
    marks = {row[0]: row[col] for row in table.rows if row[col]}
    a = report.analysis
    assert a.recommendation is not None and a.recommendation.ratio is not None
    assert marks[str(a.recommendation.ratio)] in ("recommended", "best\u00a0available")
    if a.recommendation.ratio != a.ratio:
        assert marks[str(a.ratio)] == "evaluated"
    else:
        assert f"The report's other sections evaluate {a.ratio}." in ratio.paragraphs
    assert all(" " not in str(m) and len(str(m)) <= 16 for m in marks.values())
