"""How report cells are written: thousands separators, dollars, dates.

Section builders keep raw values (ints, Decimals, dates) in their tables so
that the JSON form stays exact; these functions turn them into text for HTML,
Markdown and the terminal.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from fractions import Fraction

__all__ = ["cell", "dollars", "md_escape", "reader_text", "shares"]

#: CommonMark line endings (a value is written on one line).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: Characters that open inline markup where they stand (CommonMark 0.31 ch. 6; GFM tables and
#: strikethrough): always ``` ` * [ ] < | ~ ```; ``\`` before ASCII punctuation or at the end
#: (an escape or hard break of its own); ``&`` starting an entity or character reference;
#: ``_`` unless between two letters/digits (intraword ``_`` never opens or closes emphasis).
_INLINE_MARKUP = re.compile(
    r"[`*\[\]<|~]"
    r"|\\(?=[!-/:-@\[-`{-~]|\Z)"
    r"|&(?=#?[A-Za-z0-9]+;)"
    r"|(?<![^\W_])_|_(?![^\W_])"
)
#: A block marker at the start of a line: ATX heading, block quote, list bullet, thematic
#: break or setext underline (CommonMark 4.1-4.3, 5.1-5.2). ``*`` and ``_`` are escaped inline.
_LEADING_MARKER = re.compile(r"#{1,6}(?=[ \t]|\Z)|>|[-+=](?=[-+=\s]|\Z)")
#: An ordered-list start: up to nine digits then ``.`` or ``)`` and a blank (CommonMark 5.2).
_ORDERED_LIST = re.compile(r"([0-9]{1,9})[.)](?=[ \t]|\Z)")
#: A closing run of ``#`` that an ATX heading would drop (CommonMark 4.2).
_CLOSING_HASHES = re.compile(r"(?:(?<=[ \t])|^)#+[ \t]*\Z")


def shares(n: int | None) -> str:
    """``39752812`` -> ``"39,752,812"``; ``None`` -> ``"—"``.

    >>> shares(39752812)
    '39,752,812'
    """
    return "—" if n is None else f"{n:,}"


def dollars(amount: Decimal | None) -> str:
    """A Decimal amount with a dollar sign and thousands separators, kept exact.

    >>> dollars(Decimal("6757978.04")), dollars(Decimal("0.001")), dollars(Decimal("-4.08")), dollars(Decimal("12.6"))
    ('$6,757,978.04', '$0.001', '-$4.08', '$12.60')
    >>> dollars(Decimal("4.2500")), dollars(Decimal("0.3400")), dollars(Decimal("1.0000")), dollars(Decimal("0.0425"))
    ('$4.25', '$0.34', '$1.00', '$0.0425')
    >>> dollars(Decimal("1.7E+29")), dollars(Decimal("0.12345678901234567890123456789012"))
    ('$170,000,000,000,000,000,000,000,000,000.00', '$0.12345678901234567890123456789012')
    """
    if amount is None:
        return "—"
    text = _grouped(amount, min_places=2, trim=True)
    return f"-${text[1:]}" if text.startswith("-") else f"${text}"


def _grouped(value: Decimal, *, min_places: int = 0, trim: bool = False) -> str:
    """``value`` in positional notation with thousands separators, digit for digit.

    Built from the digits themselves: no context arithmetic (``quantize``,
    ``normalize``) that would round to the 28 significant digits of the
    default context or switch to ``E`` notation. With ``trim``, trailing
    zeros past ``min_places`` decimals are dropped (``4.2500`` is ``4.25``).
    """
    if not value.is_finite():
        return str(value)
    sign, digit_tuple, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    digits = "".join(map(str, digit_tuple))
    if exponent >= 0:
        whole, frac = digits + "0" * exponent, ""
    else:
        places = -exponent
        digits = digits.rjust(places + 1, "0")
        whole, frac = digits[:-places], digits[-places:]
    frac = (frac.rstrip("0") if trim else frac).ljust(min_places, "0")
    whole = f"{int(whole):,}"
    negative = sign == 1 and value != 0
    return ("-" if negative else "") + whole + (f".{frac}" if frac else "")


def cell(value: object) -> str:
    """Text for one table cell (raw value in, display text out).

    >>> cell(1590112), cell(None), cell(True), cell(Fraction(39752812, 25))
    ('1,590,112', '—', 'yes', '1,590,112 12/25')
    """
    if value is None or value == "":
        return "—" if value is None else ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, Decimal):
        return _grouped(value)
    if isinstance(value, Fraction):
        whole, rem = divmod(value.numerator, value.denominator)
        if rem == 0:
            return f"{whole:,}"
        return f"{whole:,} {rem}/{value.denominator}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


#: Slips that must not reach a reader: a singular count with a plural noun and "(s)" plurals. (Texts
#: name their primary sources where they are written; nothing is scrubbed here.)
_ONE_DAYS = re.compile(r"\b1 (business|calendar|trading) days\b")
_PLURAL_S = re.compile(r"\b(\d[\d,]*) session\(s\)")


def reader_text(value: object) -> object:
    """Text as a reader should see it; other values unchanged.

    >>> reader_text("1 business days before; 3 session(s) left; 1 session(s)")
    '1 business day before; 3 sessions left; 1 session'
    """
    if not isinstance(value, str) or not value:
        return value
    text = _ONE_DAYS.sub(r"1 \1 day", value)
    return _PLURAL_S.sub(lambda m: f"{m.group(1)} session" + ("" if m.group(1) == "1" else "s"), text)


def md_escape(value: object) -> str:
    r"""Escape text for Markdown so that it reads as the same text and nothing else.

    CommonMark (0.31, section 2.4) lets a backslash escape any ASCII
    punctuation character. Every character that could start markup where it
    stands is escaped that way, so no value can open a tag or autolink
    (``<``), a link or image (``[``, ``]``), emphasis (``*``, ``_``), a code
    span (a backtick), GFM strikethrough (``~``), a table cell (``|``), an
    entity (``&`` before ``name;``) or a hard line break (``\`` at the end).
    At the start of a value, block markers are escaped too: ``#``, ``>``,
    ``-``, ``+`` and ``=`` (a heading, quote, list item, rule or setext
    underline) and the ``.``/``)`` of an ordered-list number (``1.``); a
    ``#`` run at the end is not an ATX closing sequence.

    What cannot start markup where it stands is left as typed, so ordinary
    text stays readable: ``>`` after the start ("close >= $1.00"), ``-``
    inside a word ("1-for-25"), ``_`` between two letters or digits
    (``snake_case``: CommonMark 6.2 never opens emphasis there), ``&`` not
    followed by ``name;`` ("AT&T"), ``!`` and ``(``. Line breaks become
    spaces and leading blanks are dropped (four would open a code block; a
    paragraph never shows them).

    >>> md_escape("A|B <script> & Co &lt;")
    'A\\|B \\<script> & Co \\&lt;'
    >>> md_escape("close >= $1.00"), md_escape("> 30 days"), md_escape("1-for-25 *Inc*")
    ('close >= $1.00', '\\> 30 days', '1-for-25 \\*Inc\\*')
    >>> print(md_escape("![i](https://evil.example/t.png) - 2002. snake_case _x_"))
    !\[i\](https://evil.example/t.png) - 2002. snake_case \_x\_
    >>> print(md_escape("- item")), print(md_escape("2002. A year")), print(md_escape("Class #"))
    \- item
    2002\. A year
    Class \#
    (None, None, None)
    """
    text = _LINE_BREAK.sub(" ", str(value)).lstrip(" \t")
    text = _INLINE_MARKUP.sub(r"\\\g<0>", text)
    ordered = _ORDERED_LIST.match(text)
    if ordered:
        text = text[: ordered.end(1)] + "\\" + text[ordered.end(1) :]
    elif _LEADING_MARKER.match(text):
        text = "\\" + text
    closing = _CLOSING_HASHES.search(text)
    if closing:
        text = text[: closing.start()] + "\\" + text[closing.start() :]
    return text
