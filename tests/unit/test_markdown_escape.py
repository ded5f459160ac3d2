"""Markdown escaping of report values (splitcalc.report.formatting.md_escape).

No CommonMark parser is installed in the project's environment, so the
properties are written against CommonMark's own rules (0.31, section 2.4):
a backslash before ASCII punctuation makes that character literal. Every
character that could start markup where it stands must be so escaped, and
undoing the escapes must give back the text.
"""

from __future__ import annotations

import dataclasses
import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from splitcalc.analysis.scenario_file import load_example
from splitcalc.report import Report
from splitcalc.report.formatting import md_escape

ASCII_PUNCT = set(string.punctuation)
#: Characters that open inline markup wherever they stand (tag/autolink, link/image, emphasis,
#: code span, GFM strikethrough and table cell).
ALWAYS_MARKUP = set("<[]*`~|")
#: The start of a block other than a paragraph (CommonMark 4.1-4.4, 5.1-5.2).
BLOCK_START = re.compile(r"#{1,6}(?:[ \t]|$)|>|[-+*_=](?:[-+*_=\s]|$)|[0-9]{1,9}[.)](?:[ \t]|$)|[ \t]")
ENTITY = re.compile(r"#?[A-Za-z0-9]+;")


def unescape(md: str) -> str:
    """CommonMark backslash escapes undone: ``\\`` + ASCII punctuation -> that character."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", md)


def unescaped_markup(md: str) -> list[tuple[int, str]]:
    """``(position, char)`` of every character in ``md`` that could start markup unescaped."""
    found: list[tuple[int, str]] = []
    i = 0
    while i < len(md):
        c = md[i]
        if c == "\\":
            if i + 1 < len(md) and md[i + 1] in ASCII_PUNCT:
                i += 2  # an escape: the next character is literal
                continue
            if i + 1 == len(md):
                found.append((i, c))  # would escape the template's next character or break the line
        elif c in ALWAYS_MARKUP:
            found.append((i, c))
        elif c == "_":
            before = md[i - 1] if i else " "
            after = md[i + 1] if i + 1 < len(md) else " "
            if not (before.isalnum() and after.isalnum()):  # only intraword "_" is inert
                found.append((i, c))
        elif c == "&" and ENTITY.match(md, i + 1):
            found.append((i, c))
        i += 1
    return found


def normalised(text: str) -> str:
    """What a one-line Markdown value can show of ``text``: line breaks as spaces, no leading blanks."""
    return re.sub(r"\r\n|\r|\n", " ", text).lstrip(" \t")


# Text weighted towards Markdown's special characters, with anything else mixed in.
markdownish = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(string.punctuation + " \t\n\r0123456789aZ_-")),
        st.characters(codec="utf-8"),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(markdownish)
def test_escaped_value_unescapes_to_the_text(text: str) -> None:
    assert unescape(md_escape(text)) == normalised(text)


@settings(max_examples=300, deadline=None)
@given(markdownish)
def test_no_unescaped_character_can_start_markup(text: str) -> None:
    md = md_escape(text)
    assert unescaped_markup(md) == [], md
    assert not BLOCK_START.match(md), md
    assert not re.search(r"(?:^|[ \t])#+[ \t]*$", md), md  # no ATX closing sequence to drop
    assert "\n" not in md and "\r" not in md


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the review's cases: a remote image, a live link, a list item, emphasis
        ("![i](https://evil.example/t.png)", "!\\[i\\](https://evil.example/t.png)"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("- Inc", "\\- Inc"),
        ("*Inc*", "\\*Inc\\*"),
        ("<img src=x>", "\\<img src=x>"),
        ("<https://evil.example>", "\\<https://evil.example>"),
        ("30 closes < $1.00", "30 closes \\< $1.00"),  # was "&lt;", shown literally by Markdown viewers
        ("&lt;b&gt;", "\\&lt;b\\&gt;"),  # an entity stays the typed text
        ("`code`", "\\`code\\`"),
        ("~~gone~~", "\\~\\~gone\\~\\~"),
        ("A | B", "A \\| B"),
        ("__bold__", "\\_\\_bold\\_\\_"),
        ("# Title", "\\# Title"),
        ("> quote", "\\> quote"),
        ("+ item", "\\+ item"),
        ("---", "\\---"),
        ("1. first", "1\\. first"),
        ("2002) year", "2002\\) year"),
        ("    code", "code"),
        ("line one\nline two", "line one line two"),
        ("ends with \\", "ends with \\\\"),
        ("a \\* b", "a \\\\\\* b"),
        ("Company #", "Company \\#"),
        # ordinary text stays as typed
        ("close >= $1.00", "close >= $1.00"),
        ("1-for-25", "1-for-25"),
        ("-$4.08", "-$4.08"),
        ("AT&T & Co", "AT&T & Co"),
        ("Rule 5810(c)(3)(A)!", "Rule 5810(c)(3)(A)!"),
        ("nasdaq_capital_market", "nasdaq_capital_market"),
        ("2002. A year", "2002\\. A year"),
        ("in 2002. A year", "in 2002. A year"),
        ("C:\\Users\\me", "C:\\Users\\me"),
        ("#5 holder", "#5 holder"),
    ],
)
def test_examples(text: str, expected: str) -> None:
    assert md_escape(text) == expected


def test_report_markdown_carries_no_injected_markup() -> None:
    scenario = load_example("neotherapeutics-2002")
    evil = "![i](https://evil.example/t.png) [x](javascript:alert(1)) *Inc* <b>"
    scenario = dataclasses.replace(scenario, company="- *Evil* Inc", description=evil)
    md = Report(scenario, charts=False, paths=50).to_markdown()
    assert "evil.example" in md
    # charts=False: the template itself writes no image, so no bracket or "<" may be left unescaped
    assert not re.search(r"(?<!\\)[\[\]<]", md)
    assert "!\\[i\\](https://evil.example/t.png) \\[x\\](javascript:alert(1)) \\*Inc\\* \\<b>" in md
    assert "\\- \\*Evil\\* Inc" in md
