r"""One normalised text for a filing, whether it came as EDGAR HTML or plain text.

Quotes and character spans of :mod:`splitcalc.filings` point into the text
this module returns, so it is computed once per filing:

* HTML (EDGAR's, with tables and entities) is reduced to its text with the
  standard library's :class:`html.parser.HTMLParser`; block elements end a
  paragraph, table cells are separated by ``" | "`` and rows end a line;
  ``<script>``/``<style>`` are dropped; entities are decoded.
* Non-breaking and other Unicode spaces become a space, curly quotes
  straight ones, dash look-alikes a hyphen, "(TM)" marks are kept as written.
* Whitespace inside a paragraph becomes one space (hard-wrapped plain text
  reads as one line per paragraph); a paragraph break is one ``"\n"``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Final

__all__ = ["looks_like_html", "normalise"]

_BLOCK: Final = frozenset(
    {
        "p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6",
        "center", "blockquote", "pre", "hr", "title", "section", "article", "dd", "dt", "dl", "page",
    }
)  # fmt: skip
_CELL: Final = frozenset({"td", "th"})
_SKIP: Final = frozenset({"script", "style", "head"})
_TRANSLATE: Final = str.maketrans(
    {
        "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ",
        "\u2007": " ", "\u3000": " ", "\u200b": "", "\ufeff": "", "\u00ad": "",
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-", "\r": "\n", "\x0c": "\n", "\t": " ", "\x0b": " ",
    }
)  # fmt: skip
_HTML_HINT: Final = re.compile(r"<\s*(?:html|body|p|div|table|td|br|font|span|document|type)\b[^>]*>", re.I)
_PARA: Final = "\x00"  # a paragraph break while the text is being built
_SPACES: Final = re.compile(r"[ \n]*\x00[ \n\x00]*|[ \n]+")
_CELL_RUN: Final = re.compile(r"(?: \| )+")


def looks_like_html(text: str) -> bool:
    """True when the first 5,000 characters hold an HTML tag (``<p>``, ``<table>``...)."""
    return _HTML_HINT.search(text[:5000]) is not None


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append(_PARA)
        elif tag in _CELL:
            self.parts.append(" | ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append(_PARA)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append(_PARA)

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data.replace("\n", " ").replace("\r", " "))


def _plain(text: str) -> str:
    """Plain text: a blank line (or a form feed) is a paragraph break, a single newline a space."""
    text = text.translate(_TRANSLATE)
    return re.sub(r"\n[ ]*\n\s*", _PARA, text)


def normalise(text_or_html: str) -> str:
    r"""The normalised text of a filing (see the module docstring).

    >>> normalise("<p>A 1&#8209;for&#8209;25&nbsp;split</p><p>of &ldquo;Neo&rdquo;</p>")
    'A 1-for-25 split\nof "Neo"'
    >>> normalise("Stockholders of record\non July 24, 2002\n\nwill vote")
    'Stockholders of record on July 24, 2002\nwill vote'
    """
    if looks_like_html(text_or_html):
        parser = _Text()
        parser.feed(text_or_html)
        parser.close()
        text = "".join(parser.parts).translate(_TRANSLATE)
    else:
        text = _plain(text_or_html)
    text = _SPACES.sub(lambda m: "\n" if _PARA in m[0] else " ", text)
    lines = (_CELL_RUN.sub(" | ", line).strip(" |") for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
