"""The HTML survives a board pack: fits 1024 px, prints on Letter/A4 without clipping, reads as prose."""

from __future__ import annotations

import html
import re

import pytest

from splitcalc.report import Report

EXAMPLES = ("neotherapeutics-2002", "hypothetical-capital-market-2025")


@pytest.fixture(scope="module", params=EXAMPLES)
def page(request: pytest.FixtureRequest) -> str:
    return Report.example(request.param, paths=50, charts=False).to_html()


def _css(page: str) -> str:
    found = re.search(r"<style>(.*?)</style>", page, flags=re.S)
    assert found is not None
    return found.group(1)


def _rule(css: str, selector: str) -> str:
    """The declarations of the first rule whose selector list contains ``selector``."""
    for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        if selector in [s.strip() for s in sel.split(",")]:
            return body
    raise AssertionError(f"no CSS rule for {selector}")


def test_print_css_keeps_tables_inside_the_page(page: str) -> None:
    css = _css(page)
    assert "@media print" in css and "@page" in css
    # tables take the page width and their cells wrap long words instead of overflowing
    assert "width: 100%" in _rule(css, ".splitcalc-report table")
    assert "overflow-wrap: anywhere" in _rule(css, ".splitcalc-report td")
    # the body is at most 60rem (960 px) wide: it fits a 1024 px window with its padding
    assert "max-width: 60rem" in _rule(css, ".splitcalc-report")
    # dates never break inside; numbers neither
    assert "white-space: nowrap" in _rule(css, ".splitcalc-report td.date")
    assert "white-space: nowrap" in _rule(css, ".splitcalc-report td.num")
    # images shrink to the page
    assert "max-width: 100%" in _rule(css, ".splitcalc-report figure img")


def test_date_cells_are_marked(page: str) -> None:
    cells = re.findall(r'<td class="date">([^<]*)</td>', page)
    dates = [c for c in cells if re.fullmatch(r"\d{4}-\d{2}-\d{2}", c)]
    assert dates and set(cells) - set(dates) <= {"", "—"}


def test_no_internal_ids_or_slips_reach_a_reader(page: str) -> None:
    text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", page, flags=re.S)))
    assert re.findall(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", text) == []  # consecutive_closing_bid, compliant_12m ...
    assert "session(s)" not in text
    assert not re.search(r"\b1 (business|calendar) days\b", text)
    assert "rules.md" not in text  # the internal fact sheet is never cited to a reader


def test_the_verdict_box_comes_first(page: str) -> None:
    body = page[page.index("<body>") :]
    assert body.index('id="verdict"') < body.index('class="key"') < body.index('<section id="terms"')
    for question in ("Do we keep the listing?", "By when?", "Which ratio?", "What happens next?", "Headroom"):
        assert f"<dt>{question}</dt>" in body
