"""Hypothesis: the holder-file parsers, which look at each distinct value once, agree cell by cell.

The oracle reads every cell on its own, the plain way; the parsers factorise a
column and spread one answer per distinct value. Both must give the same
flags and codes, and name the same bad rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import splitcalc as sc
from splitcalc.holderfile import HolderColumns, Rows, parse_columns

INSIDER_CELLS: list[object] = [
    "yes",
    "no",
    "YES ",
    "true",
    "0",
    "1",
    "",
    " ",
    None,
    float("nan"),
    True,
    False,
    1,
    0.0,
    "maybe",
    "2",
]
TYPE_CELLS: list[object] = ["registered", "Street", "street name", "NOBO", "record", "", None, "margin", 7, "unknown"]
DATE_CELLS: list[object] = [
    "2001-01-02",
    " 2002-03-04",
    dt.date(2003, 5, 6),
    pd.Timestamp("2004-07-08"),
    "02/03/2001",
    "",
    None,
]
TRUE = {"true", "t", "yes", "y", "1", "x", "insider"}
FALSE = {"false", "f", "no", "n", "0", ""}
TYPES = {"": 0, "unknown": 0, "registered": 1, "record": 1, "street": 2, "street_name": 2, "nobo": 2}


def _missing(v: object) -> bool:
    return v is None or (isinstance(v, float) and np.isnan(v)) or (isinstance(v, str) and not v.strip())


def _insider(v: object) -> bool | None:
    """True/False for a valid cell, None for a bad one."""
    if _missing(v):
        return False
    if isinstance(v, bool):
        return v
    text = str(int(v) if isinstance(v, float) and v.is_integer() else v).strip().lower()
    return True if text in TRUE else False if text in FALSE else None


def _account_type(v: object) -> int | None:
    if _missing(v):
        return 0
    return TYPES.get("_".join(str(v).strip().lower().replace("-", " ").split()))


def _parse(column: str, cells: list[object]) -> HolderColumns | sc.InvalidHoldings:
    frame = pd.DataFrame({"holder_id": [f"h{i}" for i in range(len(cells))], "shares": 1, column: cells})
    frame[column] = pd.Series(cells, dtype=object)
    try:
        return parse_columns(frame, Rows(list(range(len(cells))), "row"))
    except sc.InvalidHoldings as exc:
        return exc


def _named_rows(bad: list[int]) -> str:
    shown = ", ".join(str(i) for i in bad[:5])
    more = f" and {len(bad) - 5:,} more" if len(bad) > 5 else ""
    return f"row{'s' if len(bad) > 1 else ''} {shown}{more}"


def _acquired(v: object) -> str | None:
    """ISO date text for a valid cell, None for a bad one (a missing date is bad)."""
    if _missing(v):
        return None
    if isinstance(v, dt.date):
        return (v.date() if isinstance(v, dt.datetime) else v).isoformat()
    text = str(v).strip()
    return text if len(text) == 10 and text[4] == "-" else None


# column, the cells to draw from, the cell-by-cell oracle, the parsed array as a list
CASES: dict[str, tuple[list[object], Callable[[object], object], Callable[[HolderColumns], list[object]]]] = {
    "insider": (INSIDER_CELLS, _insider, lambda out: out.insider.tolist()),
    "account_type": (TYPE_CELLS, _account_type, lambda out: [] if out.account_type is None else list(out.account_type)),
    "acquired": (DATE_CELLS, _acquired, lambda out: [str(d) for d in (() if out.acquired is None else out.acquired)]),
}


@pytest.mark.parametrize("column", sorted(CASES))
@given(data=st.data())
def test_each_distinct_value_is_read_as_its_cells_would_be(column: str, data: st.DataObject) -> None:
    pool, oracle, parsed = CASES[column]
    cells = data.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=40))
    expected = [oracle(v) for v in cells]
    out = _parse(column, cells)
    bad = [i for i, value in enumerate(expected) if value is None]
    if bad:
        assert isinstance(out, sc.InvalidHoldings)
        assert f"at {_named_rows(bad)} (got" in str(out), str(out)
    else:
        assert not isinstance(out, Exception)
        assert parsed(out) == expected


@pytest.mark.parametrize("blank", ["", "  ", None])
def test_text_labels_are_stripped_and_blanks_named(blank: object) -> None:
    cells = [" a ", "b", blank, "c", blank]
    frame = pd.DataFrame({"holder_id": ["h1", "h2", "h3", "h4", "h5"], "account_id": cells, "shares": 1})
    parsed = parse_columns(frame, Rows(list(range(5)), "row"))
    assert parsed.account_id is not None and parsed.account_id.tolist() == ["a", "b", "", "c", ""]
    frame["holder_id"] = pd.Series(cells, dtype=object)
    with pytest.raises(sc.InvalidHoldings, match=r"missing holder id at rows 2, 4 "):
        parse_columns(frame, Rows(list(range(5)), "row"))
