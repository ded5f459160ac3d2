"""Hypothesis: the holder-file parsers, which look at each distinct value once, agree cell by cell.

The oracle reads every cell on its own, the plain way; the parsers factorise a
column and spread one answer per distinct value. Both must give the same
flags and codes, and name the same bad rows.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import splitcalc as sc
from splitcalc.holderfile import HolderColumns, Rows, parse_columns

INSIDER_CELLS = ["yes", "no", "YES ", "true", "0", "1", "", " ", None, float("nan"), True, False, 1, 0.0, "maybe", "2"]
TYPE_CELLS = ["registered", "Street", "street name", "NOBO", "record", "", None, "margin", 7, "unknown"]
DATE_CELLS = ["2001-01-02", " 2002-03-04", dt.date(2003, 5, 6), pd.Timestamp("2004-07-08"), "02/03/2001", "", None]
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


@given(st.lists(st.sampled_from(INSIDER_CELLS), min_size=1, max_size=40))
def test_insider_flags_agree_cell_by_cell(cells: list[object]) -> None:
    expected = [_insider(v) for v in cells]
    out = _parse("insider", cells)
    bad = [i for i, flag in enumerate(expected) if flag is None]
    if bad:
        assert isinstance(out, sc.InvalidHoldings)
        assert f"at {_named_rows(bad)} (got" in str(out), str(out)
    else:
        assert not isinstance(out, Exception)
        assert out.insider.tolist() == expected


@given(st.lists(st.sampled_from(TYPE_CELLS), min_size=1, max_size=40))
def test_account_types_agree_cell_by_cell(cells: list[object]) -> None:
    expected = [_account_type(v) for v in cells]
    out = _parse("account_type", cells)
    bad = [i for i, code in enumerate(expected) if code is None]
    if bad:
        assert isinstance(out, sc.InvalidHoldings)
        assert f"at {_named_rows(bad)} (got" in str(out), str(out)
    else:
        assert not isinstance(out, Exception)
        assert out.account_type is not None and out.account_type.tolist() == expected


@given(st.lists(st.sampled_from(DATE_CELLS), min_size=1, max_size=40))
def test_acquisition_dates_agree_cell_by_cell(cells: list[object]) -> None:
    def day(v: object) -> str | None:
        if _missing(v):
            return None
        if isinstance(v, dt.date):
            return (v.date() if isinstance(v, dt.datetime) else v).isoformat()
        text = str(v).strip()
        return text if len(text) == 10 and text[4] == "-" else None

    expected = [day(v) for v in cells]
    out = _parse("acquired", cells)
    bad = [i for i, d in enumerate(expected) if d is None]
    if bad:
        assert isinstance(out, sc.InvalidHoldings)
        assert f"at {_named_rows(bad)} (got" in str(out), str(out)
    else:
        assert not isinstance(out, Exception)
        assert out.acquired is not None and [str(d) for d in out.acquired] == expected


@pytest.mark.parametrize("blank", ["", "  ", None])
def test_text_labels_are_stripped_and_blanks_named(blank: object) -> None:
    cells = [" a ", "b", blank, "c", blank]
    frame = pd.DataFrame({"holder_id": ["h1", "h2", "h3", "h4", "h5"], "account_id": cells, "shares": 1})
    parsed = parse_columns(frame, Rows(list(range(5)), "row"))
    assert parsed.account_id is not None and parsed.account_id.tolist() == ["a", "b", "", "c", ""]
    frame["holder_id"] = pd.Series(cells, dtype=object)
    with pytest.raises(sc.InvalidHoldings, match=r"missing holder id at rows 2, 4 "):
        parse_columns(frame, Rows(list(range(5)), "row"))
