"""Names and labels: the one door for text a user gives that splitcalc shows back.

A NUL character, or a Unicode bidirectional embedding, override or isolate
control (U+202A-U+202E, U+2066-U+2069), in a company name, a holder id or a
ticker would show in a report, a table, a JSON document or a CSV file as
something other than what it is: text cut short at the NUL, or characters
displayed in another order than they are stored (the "Trojan Source"
attack, CVE-2021-42574, https://trojansource.codes). splitcalc's policy is
to **refuse** such text where it comes in -- scenario files and
:class:`~splitcalc.scenario_file.Scenario`, holder files and frames, the
``name`` of a :class:`~splitcalc.CapitalStructure` -- so no output has to
escape it. Tickers are refused by :func:`splitcalc.market.normalize_ticker`
already (printable text only).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final

from .errors import InputError

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["HIDDEN_CONTROLS", "check_label", "check_labels"]

#: NUL and the bidirectional embedding/override (U+202A-U+202E) and isolate (U+2066-U+2069) controls.
HIDDEN_CONTROLS: Final = re.compile("[\x00\u202a-\u202e\u2066-\u2069]")


def _describe(char: str) -> str:
    return "a NUL character" if char == "\x00" else f"the bidirectional control U+{ord(char):04X}"


def check_label(value: Any, param_name: str, *, error: type[InputError] = InputError) -> Any:
    r"""Return ``value``; refuse text holding a NUL or a bidirectional control character.

    Anything that is not a string is returned as it is (numbers as holder ids).

    >>> check_label("Acme Inc", "company.name")
    'Acme Inc'
    >>> check_label("Acme\u202egnp.exe", "company.name")
    Traceback (most recent call last):
    ...
    splitcalc.errors.InputError: company.name: contains the bidirectional control U+202E, ... (got 'Acme\u202egnp.exe')
    """
    if isinstance(value, str):
        found = HIDDEN_CONTROLS.search(value)
        if found:
            raise error(
                param_name,
                value,
                f"contains {_describe(found.group())}, which would show the text as something else; remove it",
            )
    return value


def check_labels(values: npt.NDArray[Any], param_name: str, where: Any, *, error: type[InputError]) -> None:
    """:func:`check_label` over an array of labels (holder ids); ``where(positions)`` names the rows.

    The text cells are searched joined, in one pass; cell by cell only when
    something was found, to name the rows.
    """
    import numpy as np

    cells = values.tolist()
    texts = [v for v in cells if isinstance(v, str)]
    if not HIDDEN_CONTROLS.search("\n".join(texts)):
        return
    bad = np.fromiter(
        (isinstance(v, str) and HIDDEN_CONTROLS.search(v) is not None for v in cells), dtype=bool, count=len(cells)
    )
    positions = np.flatnonzero(bad)
    first = str(cells[int(positions[0])])
    found = HIDDEN_CONTROLS.search(first)
    assert found is not None
    raise error(
        param_name,
        first,
        f"contains {_describe(found.group())} at {where(positions)}, which would show the text as "
        "something else; remove it",
    )
