"""No internal file reaches a reader: both shipped examples, every output format, and the example files' texts."""

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
