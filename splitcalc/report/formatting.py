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

__all__ = ["cell", "dollars", "md_escape", "shares"]

_ENTITY = re.compile(r"&(#?[A-Za-z0-9]+;)")


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
    """
    if amount is None:
        return "—"
    sign = "-" if amount < 0 else ""
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        amount = amount.quantize(Decimal("0.01"))  # only appends zeros: exact
    elif isinstance(exponent, int) and exponent < -2:
        trimmed = amount.normalize()  # 4.2500 -> 4.25, 0.3400 -> 0.34: same value
        t_exp = trimmed.as_tuple().exponent
        amount = trimmed if isinstance(t_exp, int) and t_exp <= -2 else amount.quantize(Decimal("0.01"))
    return f"{sign}${abs(amount):,}"


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
        return f"{value:,}"
    if isinstance(value, Fraction):
        whole, rem = divmod(value.numerator, value.denominator)
        if rem == 0:
            return f"{whole:,}"
        return f"{whole:,} {rem}/{value.denominator}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def md_escape(value: object) -> str:
    r"""Escape text for Markdown: HTML-significant characters and table pipes.

    Markdown renderers pass raw HTML through, so ``<script>`` in a company
    name must be written as entities there too. Without a ``<`` no tag can
    open, so ``>`` stays as typed ("close >= $1.00" reads as plain text);
    only a leading ``>``, which would start a block quote, is
    backslash-escaped (CommonMark 2.4).

    >>> md_escape("A|B <script> & Co &lt;")
    'A\\|B &lt;script> & Co &amp;lt;'
    >>> md_escape("close >= $1.00"), md_escape("> 30 days")
    ('close >= $1.00', '\\> 30 days')
    """
    text = _ENTITY.sub(r"&amp;\1", str(value))  # a bare "&" is literal in Markdown; "&lt;" would not be
    text = text.replace("<", "&lt;")
    text = text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    stripped = text.lstrip()
    if stripped.startswith(">"):
        text = text[: len(text) - len(stripped)] + "\\" + stripped
    return text
