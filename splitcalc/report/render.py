"""Render a :class:`~splitcalc.report.Report` with Jinja2 (HTML autoescaped).

The HTML environment autoescapes every value (``select_autoescape`` on
``.html.j2``), so a company called ``<script>...`` is printed as text. The
Markdown environment escapes every value through ``finalize`` with
:func:`~splitcalc.report.formatting.md_escape`, because Markdown viewers pass
raw HTML through. Templates are package data (``splitcalc/templates``);
the HTML is self-contained: inline CSS, charts as ``data:`` PNGs, no URLs.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .formatting import cell, dollars, md_escape, reader_text

if TYPE_CHECKING:
    from jinja2 import Environment

    from .document import Report

__all__ = ["headline", "render_html", "render_markdown", "render_summary"]


@functools.cache
def _environment(kind: str) -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    loader = PackageLoader("splitcalc", "templates")
    if kind == "html":
        env = Environment(
            loader=loader,
            autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=True),
            undefined=StrictUndefined,
            finalize=reader_text,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    else:
        env = Environment(
            loader=loader,
            autoescape=False,
            undefined=StrictUndefined,
            finalize=_md_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    env.filters["cell"] = cell
    return env


def _md_finalize(value: object) -> str:
    return md_escape(reader_text(value))


def _text(value: object) -> str:
    if isinstance(value, Decimal):
        return dollars(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return cell(value)


#: Plain words for the compliance engine's status and outlook keys (no internal ids reach a reader).
STATUS_WORDS = {
    "compliant": "compliant",
    "deficient": "deficient (below the minimum bid)",
    "below_bid_streak": "below the minimum bid, not yet deficient",
    "deadline_passed": "the compliance period has ended",
    "delisting_determination": "delisting determination",
    "not_evaluated": "not evaluated",
    "regained": "compliance regained",
}
OUTLOOK_WORDS = {
    "cure_possible": "the split can cure before the deadline",
    "cure_after_deadline": "the cure falls after the deadline",
    "price_below_minimum": "the post-split price stays below the minimum",
}


def words(key: object, table: dict[str, str]) -> str:
    """A status or outlook key in plain words (unknown keys with their underscores replaced)."""
    text = str(key)
    return table.get(text, text.replace("_", " "))


def headline(report: Report) -> list[tuple[str, str]]:
    """``(label, text)`` pairs: the report's key figures, in reading order."""
    k = report.key_figures
    out: list[tuple[str, str]] = [("Split", f"{k['ratio']}" + (" reverse" if report.ratio.is_reverse else ""))]
    out.append(("Shares outstanding", f"{_text(k['shares_before'])} → {_text(k['shares_after'])}"))
    if k.get("price_before") is not None:
        out.append(("Price per share", f"{_text(k['price_before'])} → {_text(k['price_after'])} (theoretical)"))
    if k.get("holders_before") is not None:
        holder_fact = report.scenario.fact("data.holders")
        made_up = holder_fact is not None and holder_fact.hypothetical
        label = "Holders (hypothetical holder file)" if made_up else "Holders"
        out.append((label, f"{_text(k['holders_before'])} → {_text(k['holders_after'])}"))
    if k.get("status"):
        outlook = f"; {words(k['outlook'], OUTLOOK_WORDS)}" if k.get("outlook") else ""
        out.append(("Listing status", words(k["status"], STATUS_WORDS) + outlook))
    if k.get("notify_by") is not None:
        out.append(("Notify the exchange of the split by", _text(k["notify_by"])))
    return out


def verdict_rows(report: Report) -> list[tuple[str, str]]:
    """The verdict box: the five questions and their answers (and the UNCERTAIN flags)."""
    return list(report.analysis.verdict.answers())


def _context(report: Report, *, fragment: bool) -> dict[str, Any]:
    from .. import __version__

    s = report.scenario
    meta = [s.company + (f" ({s.ticker})" if s.ticker else ""), s.tier or s.exchange, f"as of {s.as_of.isoformat()}"]
    return {
        "title": report.title,
        "meta": " · ".join(meta),
        "hypothetical": s.hypothetical,
        "headline": headline(report),
        "verdict": verdict_rows(report),
        "listing": report.analysis.verdict.listing,
        "sections": report.sections,
        "version": __version__,
        "fragment": fragment,
    }


def render_html(report: Report, *, fragment: bool = False) -> str:
    """The report as a full HTML document, or (``fragment``) a ``<div>`` for Jupyter."""
    return _environment("html").get_template("report.html.j2").render(**_context(report, fragment=fragment))


def render_markdown(report: Report) -> str:
    """The report as Markdown."""
    return _environment("md").get_template("report.md.j2").render(**_context(report, fragment=False))


def render_summary(report: Report) -> str:
    """Plain text for the terminal (no templates, no escaping needed).

    A hypothetical scenario says so on the second line, as the HTML and
    Markdown do at the top.
    """
    s = report.scenario
    lines = [report.title, f"  {s.tier or s.exchange}, as of {s.as_of.isoformat()}"]
    if s.hypothetical:
        lines.insert(1, "  HYPOTHETICAL scenario: the company and its figures are made up for illustration.")
    import textwrap

    for question, answer in verdict_rows(report):
        lines += textwrap.wrap(
            str(reader_text(f"{question} {answer}")),
            width=100,
            initial_indent="  ",
            subsequent_indent="      ",
            break_on_hyphens=False,
        )
    pairs = headline(report)
    width = max(len(label) for label, _ in pairs)
    for label, text in pairs:
        lines += textwrap.wrap(
            f"{label:<{width}}  {reader_text(text.replace('→', '->'))}",
            width=100,
            initial_indent="  ",
            subsequent_indent=" " * (width + 4),
            break_on_hyphens=False,
        )
    return "\n".join(lines)
