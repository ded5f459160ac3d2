r"""One normalised text for a filing, whether it came as EDGAR HTML or plain text.

Quotes and character spans of :mod:`splitcalc.filings` point into the text
this module returns, so it is computed once per filing:

* HTML (EDGAR's, with tables and entities) is reduced to its text: block
  elements end a paragraph, table cells are separated by ``" | "`` and rows
  end a line; comments, ``<script>``, ``<style>`` and ``<head>`` are dropped;
  entities are decoded (:func:`html.unescape`).
* Non-breaking and other Unicode spaces become a space, curly quotes
  straight ones, dash look-alikes a hyphen, "(TM)" marks are kept as written.
* Whitespace inside a paragraph becomes one space (hard-wrapped plain text
  reads as one line per paragraph); a paragraph break is one ``"\n"``.
"""

from __future__ import annotations

import html
import re
from typing import Final

__all__ = ["looks_like_html", "normalise"]

_BLOCK: Final = frozenset(
    {
        "p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6",
        "center", "blockquote", "pre", "hr", "title", "section", "article", "dd", "dt", "dl", "page",
    }
)  # fmt: skip
_CELL: Final = frozenset({"td", "th"})
_REPLACE: Final = {
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ",
    "\u2007": " ", "\u3000": " ", "\u200b": "", "\ufeff": "", "\u00ad": "",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\r": "\n", "\x0c": "\n", "\t": " ", "\x0b": " ",
}  # fmt: skip
_ODD: Final = re.compile("[" + "".join(_REPLACE) + "]")
_HTML_HINT: Final = re.compile(r"<\s*(?:html|body|p|div|table|td|br|font|span|document|type)\b[^>]*>", re.I)
_PARA: Final = "\x00"  # a paragraph break while the text is being built
_BREAK: Final = re.compile(r" *\x00[ \x00]*")
_RUN: Final = re.compile(r" {2,}")
_CELL_RUN: Final = re.compile(r"(?: \| )+")


def looks_like_html(text: str) -> bool:
    """True when the first 5,000 characters hold an HTML tag (``<p>``, ``<table>``...)."""
    return _HTML_HINT.search(text[:5000]) is not None


_DROP: Final = re.compile(
    r"<!--.*?-->|<\s*(script|style|head)\b[^>]*>.*?<\s*/\s*\1\s*>|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>",
    re.I | re.S,
)
_TAG: Final = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9:]*)\b[^>]*>")


def _tag(m: re.Match[str]) -> str:
    name = m[2].lower()
    if name in _BLOCK:
        return _PARA
    if name in _CELL and not m[1]:
        return " | "
    return ""


def _html_text(markup: str) -> str:
    """HTML to text: comments, scripts, styles and the head dropped, tags replaced, entities decoded.

    A regular-expression pass rather than :class:`html.parser.HTMLParser`:
    the same result on EDGAR's markup, several times faster on a 10-K.
    """
    markup = _DROP.sub(" ", markup.replace("\r", " ").replace("\n", " "))
    return html.unescape(_TAG.sub(_tag, markup))


def _clean(text: str) -> str:
    """Unicode spaces, quotes and dashes as ASCII (a regular expression: most text has none)."""
    return _ODD.sub(lambda m: _REPLACE[m[0]], text)


def _plain(text: str) -> str:
    """Plain text: a blank line (or a form feed) is a paragraph break, a single newline a space."""
    text = re.sub(r"\n[ ]*\n\s*", _PARA, _clean(text.replace("\r\n", "\n")))
    return text.replace("\n", " ")


def normalise(text_or_html: str) -> str:
    r"""The normalised text of a filing (see the module docstring).

    >>> normalise("<p>A 1&#8209;for&#8209;25&nbsp;split</p><p>of &ldquo;Neo&rdquo;</p>")
    'A 1-for-25 split\nof "Neo"'
    >>> normalise("Stockholders of record\non July 24, 2002\n\nwill vote")
    'Stockholders of record on July 24, 2002\nwill vote'
    """
    if looks_like_html(text_or_html):
        text = _clean(_html_text(text_or_html)).replace("\n", " ")
    else:
        text = _plain(text_or_html)
    text = _RUN.sub(" ", _BREAK.sub("\n", text))
    lines = (_CELL_RUN.sub(" | ", line).strip(" |") for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
