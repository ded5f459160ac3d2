"""Plain-text tables for the terminal that fit a width (100 columns by default).

Numbers are right-aligned and never wrapped; the one text column marked
``wrap`` takes what width is left and wraps at word boundaries. No
dependency: the standard library's :mod:`textwrap` does the wrapping.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

__all__ = ["WIDTH", "text_table", "wrapped"]

#: The width every CLI table fits.
WIDTH = 100
_GAP = "  "


def wrapped(text: str, width: int = WIDTH) -> str:
    """Each line of ``text`` wrapped at ``width``, continuation lines indented by two spaces.

    >>> print(wrapped("- one two three four", width=10))
    - one two
      three
      four
    """
    out: list[str] = []
    for line in text.splitlines():
        out += textwrap.wrap(line, width, subsequent_indent="  ", break_on_hyphens=False) or [""]
    return "\n".join(out)


def text_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: Sequence[bool] = (),
    wrap: int | None = None,
    width: int = WIDTH,
) -> str:
    """Rows of text as an aligned table at most ``width`` characters wide.

    Parameters
    ----------
    columns
        Header texts.
    rows
        Cell texts, one sequence per row.
    right
        Per column: right-align (numbers). Default: left.
    wrap
        Index of the column that wraps when the table is too wide (default:
        the widest one).

    >>> print(text_table(["event", "p"], [["regain within the deadline", "91%"]], right=[False, True], width=20))
    event              p
    regain within    91%
    the deadline
    """
    n = len(columns)
    aligns = list(right) + [False] * (n - len(right))
    widths = [max([len(columns[i]), *(len(r[i]) for r in rows)]) for i in range(n)]
    if wrap is None:
        wrap = max(range(n), key=lambda i: widths[i])
    others = sum(w for i, w in enumerate(widths) if i != wrap) + len(_GAP) * (n - 1)
    widths[wrap] = max(12, min(widths[wrap], width - others))

    def lines_of(cells: Sequence[str]) -> list[str]:
        wrapped = [
            textwrap.wrap(c, widths[i], break_on_hyphens=False) or [""] if i == wrap else [c]
            for i, c in enumerate(cells)
        ]
        height = max(len(w) for w in wrapped)
        out = []
        for k in range(height):
            parts = []
            for i, w in enumerate(wrapped):
                text = w[k] if k < len(w) else ""
                parts.append(text.rjust(widths[i]) if aligns[i] else text.ljust(widths[i]))
            out.append(_GAP.join(parts).rstrip())
        return out

    lines = lines_of(columns)
    for row in rows:
        lines += lines_of(row)
    return "\n".join(lines)
