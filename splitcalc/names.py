"""Names and labels: the one door for text a user gives that splitcalc shows back.

A NUL character, or a Unicode bidirectional embedding, override or isolate
control (U+202A-U+202E, U+2066-U+2069), in a company name, a holder id or a
ticker would show in a report, a table, a JSON document or a CSV file as
something other than what it is: text cut short at the NUL, or characters
displayed in another order than they are stored (the "Trojan Source"
attack, CVE-2021-42574, https://trojansource.codes). splitcalc's policy is
to **refuse** such text where it comes in -- scenario files and
:class:`~splitcalc.analysis.scenario_file.Scenario`, holder files and frames, the
``name`` of a :class:`~splitcalc.CapitalStructure`, the names of input files
(:mod:`splitcalc.inputfile`; they are shown as sources) -- so no output has to
escape it. Tickers are refused by :func:`splitcalc.market.normalize_ticker`
already (printable text only).
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any, Final

from .errors import InputError

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["HIDDEN_CONTROLS", "check_label", "check_labels", "file_has_hidden_controls"]

#: NUL and the bidirectional embedding/override (U+202A-U+202E) and isolate (U+2066-U+2069) controls.
HIDDEN_CONTROLS: Final = re.compile("[\x00\u202a-\u202e\u2066-\u2069]")
#: The same characters one by one.
_HIDDEN_CHARS: Final = ("\x00", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)))


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


#: The same characters as UTF-8 bytes, to search a file before it is parsed.
_HIDDEN_BYTES: Final = tuple(char.encode("utf-8") for char in _HIDDEN_CHARS)


def file_has_hidden_controls(path: str | os.PathLike[str]) -> bool:
    """Whether the UTF-8 file ``path`` holds a NUL or a bidirectional control anywhere.

    A byte search (``bytes.find``, C speed) read in 16 MiB blocks: a file
    without any lets a reader skip the check of every cell. Blocks overlap
    by two bytes so a three-byte character across a block edge is found.
    """
    tail = b""
    with open(path, "rb") as handle:
        while block := handle.read(1 << 24):
            data = tail + block
            if b"\x00" in data:
                return True
            # every bidi control starts with the byte 0xE2: most files (ASCII) hold none
            if b"\xe2" in data and any(data.find(pattern) >= 0 for pattern in _HIDDEN_BYTES[1:]):
                return True
            tail = data[-2:]
    return False


def check_labels(values: npt.NDArray[Any], param_name: str, where: Any, *, error: type[InputError]) -> None:
    """:func:`check_label` over an array of labels (holder ids); ``where(positions)`` names the rows.

    The text cells are searched joined, one substring test per character;
    cell by cell only when something was found, to name the rows.
    """
    import numpy as np

    cells = values if values.dtype == object else values.astype(object)
    try:
        joined = "\x01".join(cells)
    except TypeError:  # numbers among the labels
        joined = "\x01".join(v for v in cells if isinstance(v, str))
    if not any(char in joined for char in _HIDDEN_CHARS):  # substring tests: far faster than a regex here
        return
    bad = np.fromiter(
        (isinstance(v, str) and HIDDEN_CONTROLS.search(v) is not None for v in cells.tolist()),
        dtype=bool,
        count=len(cells),
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
