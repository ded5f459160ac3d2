"""Writing CSV: the one function every CSV splitcalc produces goes through.

A spreadsheet opening a CSV file runs a cell that starts with ``=``, ``+``,
``-`` or ``@`` as a formula (and a leading tab or carriage return can hide
one): a holder id such as ``=HYPERLINK(...)`` copied from an input file into
an output would run on the reader's machine ("CSV injection"). Following the
OWASP recommendation (https://owasp.org/www-community/attacks/CSV_Injection),
such a *text* cell is written with a single quote in front (``'=SUM(A1)``),
which spreadsheets show as text. Numbers are data, not formulas, and stay as
they are: a negative amount ``-0.25`` (a number, or text that reads as one) is
never quoted.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FORMULA_TRIGGERS", "frame_to_csv", "neutralise_cell"]

#: First characters that make a spreadsheet read a cell as a formula (OWASP list).
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

_NUMBER = re.compile(r"[+-]?(?:\d[\d,_]*\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise_cell(value: Any) -> Any:
    """``value`` with a ``'`` in front if it is text a spreadsheet would run as a formula.

    Anything that is not a string (an int, a Decimal, a float) and any
    string that reads as a plain number is returned unchanged.

    >>> neutralise_cell("=1+2"), neutralise_cell("-0.25"), neutralise_cell(-5), neutralise_cell("alice")
    ("'=1+2", '-0.25', -5, 'alice')
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_TRIGGERS):
        return value
    if _NUMBER.fullmatch(value):
        return value
    return "'" + value


def frame_to_csv(frame: pd.DataFrame, **kwargs: Any) -> str:
    r"""``frame.to_csv(**kwargs)`` as text, with formula-like text cells and headers neutralised.

    ``frame`` is not modified. Defaults: no index, ``\n`` line ends.
    """
    import pandas as pd

    kwargs.setdefault("index", False)
    kwargs.setdefault("lineterminator", "\n")
    safe = frame.copy(deep=False)
    for position in range(len(frame.columns)):
        values = frame.iloc[:, position]
        if values.dtype == object or isinstance(values.dtype, pd.CategoricalDtype | pd.StringDtype):
            safe.isetitem(position, values.astype(object).map(neutralise_cell).to_numpy(dtype=object))
    safe.columns = pd.Index([neutralise_cell(c) for c in frame.columns])
    if kwargs.get("index") and safe.index.dtype == object:
        safe.index = safe.index.map(neutralise_cell)
    text: str = safe.to_csv(**kwargs)
    return text
