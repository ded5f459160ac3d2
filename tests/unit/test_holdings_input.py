"""Holder tables in: validation that names rows and columns, CSV files, immutability, synthetic data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import splitcalc as sc
from splitcalc.holdings import Holdings


def frame(**columns: object) -> pd.DataFrame:
    base: dict[str, object] = {"holder_id": ["a", "b", "c"], "shares": [10, 20, 30]}
    base.update(columns)
    return pd.DataFrame(base)


# ----------------------------------------------------------- validation
def test_missing_column_is_named_with_the_columns_found() -> None:
    with pytest.raises(sc.InvalidHoldings, match="missing required column 'shares'") as info:
        Holdings.from_frame(pd.DataFrame({"holder_id": ["a"], "share": [1]}))
    assert info.value.param_name == "columns"
    assert "share" in str(info.value)


def test_a_column_given_twice_is_refused() -> None:
    df = pd.DataFrame([["a", 1, 2]], columns=["holder_id", "shares", "Shares"])
    with pytest.raises(sc.InvalidHoldings, match="'shares' appears more than once"):
        Holdings.from_frame(df)


def test_column_names_are_case_and_space_insensitive() -> None:
    h = Holdings.from_frame(pd.DataFrame({" Holder ID ": ["a"], "SHARES": [5], "Account-Type": ["Street Name"]}))
    assert h.total_shares == 5
    assert h.to_frame()["account_type"].tolist() == ["street"]


@pytest.mark.parametrize(
    ("shares", "message", "row"),
    [
        ([10, -5, 30], "negative share count", "row 1"),
        ([10, 12.5, 30], "not a whole number of shares", "row 1"),
        ([10.0, np.nan, 30.0], "missing share count", "row 1"),
        (["10", "x", "30"], "not a whole number of shares", "row 1"),
        (["10", "", "-3"], "missing share count", "row 1"),
        ([10, None, 30], "missing share count", "row 1"),
        ([10, 20, float("inf")], "not a whole number of shares", "row 2"),
        ([10, 20, 2**64], "share count too large", "row 2"),
    ],
)
def test_bad_share_counts_name_the_rows(shares: list[object], message: str, row: str) -> None:
    with pytest.raises(sc.InvalidHoldings, match=message) as info:
        Holdings.from_frame(frame(shares=shares))
    assert info.value.param_name == "shares"
    assert row in str(info.value)


def test_boolean_shares_are_refused() -> None:
    with pytest.raises(sc.InvalidHoldings, match="true/false"):
        Holdings.from_frame(frame(shares=[True, False, True]))


def test_nullable_int_with_missing_value() -> None:
    df = frame(shares=pd.array([1, None, 3], dtype="Int64"))
    with pytest.raises(sc.InvalidHoldings, match="missing share count at row 1"):
        Holdings.from_frame(df)


def test_many_bad_rows_are_summarised() -> None:
    df = pd.DataFrame({"holder_id": list("abcdefgh"), "shares": [-1] * 8})
    with pytest.raises(sc.InvalidHoldings, match=r"rows 0, 1, 2, 3, 4 and 3 more"):
        Holdings.from_frame(df)


def test_index_labels_name_rows() -> None:
    df = frame(shares=[1, -1, 2]).set_axis(["x", "y", "z"])
    with pytest.raises(sc.InvalidHoldings, match="row y"):
        Holdings.from_frame(df)


def test_lenient_integer_text() -> None:
    h = Holdings.from_frame(frame(shares=["1,000", " 2000.0 ", "3_000"]))
    assert h.shares.tolist() == [1000, 2000, 3000]
    h2 = Holdings.from_frame(frame(shares=[Decimal("4"), 5.0, np.int32(6)]))
    assert h2.shares.tolist() == [4, 5, 6]


def test_blank_holder_id() -> None:
    with pytest.raises(sc.InvalidHoldings, match="missing holder id at row 2") as info:
        Holdings.from_frame(frame(holder_id=["a", "b", "  "]))
    assert info.value.param_name == "holder_id"


def test_duplicate_lot_ids_name_both_rows() -> None:
    with pytest.raises(sc.InvalidHoldings, match="duplicate lot id at rows 0, 2"):
        Holdings.from_frame(frame(lot_id=["L1", "L2", "L1"]))


def test_insider_flag_must_agree_across_a_holders_rows() -> None:
    df = pd.DataFrame({"holder_id": ["a", "a", "b"], "insider": ["yes", "no", ""], "shares": [1, 2, 3]})
    with pytest.raises(sc.InvalidHoldings, match="insider on some rows and not others \\(rows 0, 1\\)"):
        Holdings.from_frame(df)


@pytest.mark.parametrize(
    ("column", "values", "message"),
    [
        ("insider", ["yes", "maybe", "no"], "use true/false"),
        ("account_type", ["registered", "margin", "street"], "use 'registered' or 'street'"),
        ("acquired", ["2001-01-02", "02/03/2001", "2001-05-06"], "not an ISO date"),
        ("acquired", ["2001-01-02", "", "2001-05-06"], "not an ISO date"),
        ("cost_basis", ["10.00", "-1", "3"], "dollar amount >= 0"),
        ("cost_basis", ["10.00", "", "3"], "dollar amount >= 0"),
        ("lot_id", ["L1", None, "L3"], "missing lot id"),
    ],
)
def test_optional_column_errors_name_row_1(column: str, values: list[object], message: str) -> None:
    with pytest.raises(sc.InvalidHoldings, match=message) as info:
        Holdings.from_frame(frame(**{column: values}))
    assert info.value.param_name == column
    assert "row 1" in str(info.value)


def test_one_position_cannot_be_both_registered_and_street() -> None:
    df = frame(holder_id=["a", "a", "b"], account_id=["1", "1", "1"], account_type=["registered", "street", "street"])
    with pytest.raises(sc.InvalidHoldings, match="both types"):
        Holdings.from_frame(df)


def test_empty_table_and_bad_inputs() -> None:
    with pytest.raises(sc.InvalidHoldings, match="no positions"):
        Holdings.from_frame(pd.DataFrame({"holder_id": [], "shares": []}))
    with pytest.raises(sc.InvalidHoldings, match="DataFrame"):
        Holdings.from_frame([1, 2])  # type: ignore[arg-type]
    with pytest.raises(sc.InvalidHoldings, match="cannot form a table"):
        Holdings({"holder_id": [1, 2], "shares": [1]})
    with pytest.raises(sc.InvalidHoldings, match="expected a DataFrame"):
        Holdings(42)  # type: ignore[arg-type]


def test_flags_and_types_are_read() -> None:
    df = frame(
        insider=["TRUE", "0", None],
        account_type=["Record", "NOBO", ""],
        acquired=[dt.date(2001, 1, 2), "2001-03-04", pd.Timestamp("2002-05-06")],
        cost_basis=["1,000.50", 20, 0.1],
    )
    out = Holdings.from_frame(df).to_frame()
    assert out["insider"].tolist() == [True, False, False]
    assert out["account_type"].astype(str).tolist() == ["registered", "street", "unknown"]
    assert out["acquired"].tolist() == ["2001-01-02", "2001-03-04", "2002-05-06"]
    assert out["cost_basis"].tolist() == [Decimal("1000.50"), Decimal("20"), Decimal("0.1")]


# --------------------------------------------------------- immutability
def test_inputs_are_never_mutated() -> None:
    df = pd.DataFrame(
        {
            "holder_id": [" a", "b", "b"],
            "account_id": ["1", "1", "2"],
            "insider": ["no", "yes", "yes"],
            "shares": ["1,000", "30", "70"],
            "cost_basis": ["10", "20", "30"],
        }
    )
    before = df.copy(deep=True)
    arr = np.array([5, 6, 7], dtype=np.int64)
    arr_before = arr.copy()
    h = Holdings.from_frame(df)
    res = h.apply("1-for-25", price="0.5", level="position")
    res.frame.loc[0, "post_shares"] = 999  # editing an output leaves the holdings alone
    res.cost_basis()
    pd.testing.assert_frame_equal(df, before)
    h2 = Holdings.from_arrays(arr)
    h2.apply("1-for-2")
    np.testing.assert_array_equal(arr, arr_before)
    with pytest.raises(ValueError, match="read-only"):
        h2.shares[0] = 1
    assert arr.flags.writeable  # the caller's array is not frozen
    flags = pd.DataFrame({"holder_id": ["a", "b"], "insider": [True, False], "shares": np.array([1, 2])})
    Holdings.from_frame(flags)
    flags.loc[0, "insider"] = False  # still writable
    flags.loc[0, "shares"] = 5
    assert flags["shares"].tolist() == [5, 2]
    assert h.apply("1-for-25", level="position").frame["post_shares"].tolist()[0] == 40


# ------------------------------------------------------------- CSV files
def write(tmp_path: Path, text: str, name: str = "holders.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_errors_name_file_lines_after_comments(tmp_path: Path) -> None:
    path = write(tmp_path, "# synthetic\n# second comment\nholder_id,shares\na,10\n\nb,-4\n")
    # line 1-2 comments, 3 header, 4 a, 5 blank, 6 b
    with pytest.raises(sc.InvalidHoldings, match="negative share count at line 6"):
        Holdings.from_csv(path)


def test_csv_round_trip(tmp_path: Path) -> None:
    text = (
        "holder_id,account_id,account_type,insider,lot_id,acquired,cost_basis,shares,note\n"
        "A,1,street,no,L1,2000-01-03,1000.00,60,x\n"
        "A,1,street,no,L2,2001-06-01,250.00,50,\n"
        "B,,registered,yes,L3,1999-12-31,10,2600,\n"
    )
    path = write(tmp_path, text)
    original = path.read_bytes()
    h = Holdings.from_csv(path)
    assert path.read_bytes() == original
    assert (h.n_rows, h.n_positions, h.n_holders, h.total_shares) == (3, 2, 2, 2710)
    assert h.has_lots and h.has_cost_basis
    out = tmp_path / "copy.csv"
    h.to_csv(out, comment="copy")
    again = Holdings.from_csv(out)
    pd.testing.assert_frame_equal(again.to_frame().astype(str), h.to_frame().astype(str))
    with pytest.raises(sc.InputError, match="exists"):
        h.to_csv(out)


def test_csv_field_over_the_csv_module_limit(tmp_path: Path) -> None:
    # pandas' C reader has no 131,072-character field limit (the csv module's): a long id is read whole,
    # a long share count is refused by the share check, naming its line (header = line 1)
    long_id = "h" * 200_000
    h = Holdings.from_csv(write(tmp_path, f"holder_id,shares\n{long_id},5\nb,7\n", "long.csv"))
    assert h.to_frame()["holder_id"].iloc[0] == long_id
    with pytest.raises(sc.InvalidHoldings, match="line 3"):
        Holdings.from_csv(write(tmp_path, "holder_id,shares\na,5\nb," + "1.5" * 50_000 + "\n", "big.csv"))


def test_csv_problems_are_invalid_holdings(tmp_path: Path) -> None:
    with pytest.raises(sc.InvalidHoldings, match="no such file"):
        Holdings.from_csv(tmp_path / "missing.csv")
    with pytest.raises(sc.InvalidHoldings, match="is a folder, not a holder file"):
        Holdings.from_csv(tmp_path)
    empty = write(tmp_path, "", "empty.csv")
    with pytest.raises(sc.InvalidHoldings, match="not a readable CSV"):
        Holdings.from_csv(empty)
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"\xff\xfe\x00\x81holder")
    with pytest.raises(sc.InvalidHoldings, match="not a readable CSV"):
        Holdings.from_csv(binary)
    header_only = write(tmp_path, "holder_id,shares\n", "header.csv")
    with pytest.raises(sc.InvalidHoldings, match="no positions"):
        Holdings.from_csv(header_only)


# ------------------------------------------------- CSV shape and commas
def test_csv_unlabelled_extra_value_is_refused_not_shifted(tmp_path: Path) -> None:
    # read naively, pandas made "alice"/"bob" the index and the holders became "37"/"2600"
    path = write(tmp_path, "holder_id,shares\nalice,37,5\nbob,2600,7\n")
    with pytest.raises(sc.InvalidHoldings, match="line 2 has 3 fields but the header names 2 columns") as info:
        Holdings.from_csv(path)
    assert info.value.param_name == "path"


def test_csv_extra_value_on_a_later_line_is_named(tmp_path: Path) -> None:
    # lines: 1 comment, 2 blank, 3 header, 4 a, 5 b with a fourth value
    path = write(tmp_path, "# export\n\nholder_id,shares,insider\na,37,no\nb,2600,yes,9\n")
    with pytest.raises(sc.InvalidHoldings, match="line 5 has 4 fields but the header names 3 columns"):
        Holdings.from_csv(path)


def test_csv_empty_extra_fields_are_harmless(tmp_path: Path) -> None:
    # a trailing comma on every line, and a line of commas, carry no value to lose
    for text in ("holder_id,shares\nalice,37,\nbob,2600,\n", "holder_id,shares\nalice,37\n,,\nbob,2600\n"):
        h = Holdings.from_csv(write(tmp_path, text))
        f = h.to_frame()
        assert f["holder_id"].tolist() == ["alice", "bob"]
        assert f["shares"].tolist() == [37, 2600]


def test_csv_share_commas_must_group_thousands(tmp_path: Path) -> None:
    ok = Holdings.from_csv(write(tmp_path, 'holder_id,shares\na,"1,000"\nb,"2,600,000"\n', "ok.csv"))
    assert ok.to_frame()["shares"].tolist() == [1000, 2_600_000]
    # "12,5" used to lose its comma and count 125 shares
    path = write(tmp_path, 'holder_id,shares\na,37\nb,"12,5"\nc,"1,0,0"\n', "bad.csv")
    with pytest.raises(sc.InvalidHoldings, match=r"not a thousands separator .* at lines 3, 4 ") as info:
        Holdings.from_csv(path)
    assert info.value.param_name == "shares"
    assert info.value.value == "12,5"


def test_frame_share_and_basis_commas_must_group_thousands() -> None:
    with pytest.raises(sc.InvalidHoldings, match=r"not a thousands separator \(.*\) at row 1 "):
        Holdings.from_frame(frame(shares=["10", "12,5", "1,000"]))
    ok = Holdings.from_frame(frame(cost_basis=["1,234.50", "0.17", "2"]))
    assert ok.to_frame()["cost_basis"].tolist() == [Decimal("1234.50"), Decimal("0.17"), Decimal("2")]
    with pytest.raises(sc.InvalidHoldings, match=r"group thousands \(1,234,567\)\) at row 1 ") as info:
        Holdings.from_frame(frame(cost_basis=["1.00", "0,17", "2"]))
    assert info.value.param_name == "cost_basis"


def test_csv_blank_lines_anywhere_before_the_header(tmp_path: Path) -> None:
    # lines: 1 blank, 2 comment, 3 blank, 4 spaces, 5 comment, 6 header, 7 a, 8 spaces only, 9 b
    text = "\n# export\n\n   \n# second\nholder_id,shares\na,37\n   \nb,-1\n"
    with pytest.raises(sc.InvalidHoldings, match="negative share count at line 9"):
        Holdings.from_csv(write(tmp_path, text))
    h = Holdings.from_csv(write(tmp_path, text.replace("b,-1", "b,1")))
    assert h.to_frame()["holder_id"].tolist() == ["a", "b"]  # the spaces-only line is blank, not a holder


def test_csv_blank_line_before_the_header(tmp_path: Path) -> None:
    # used to read the blank line as the header: "missing required column ... (found: none)"
    h = Holdings.from_csv(write(tmp_path, "\nholder_id,shares\na,37\n"))
    assert h.total_shares == 37


def test_csv_line_numbers_after_a_cell_spanning_lines(tmp_path: Path) -> None:
    # lines: 1 header, 2-3 a quoted id with a line break, 4 blank, 5 c
    path = write(tmp_path, 'holder_id,shares\n"a\nb",37\n\nc,x\n')
    with pytest.raises(sc.InvalidHoldings, match="not a whole number of shares at line 5"):
        Holdings.from_csv(path)


# -------------------------------------------------------------- synthetic
def test_synthetic_is_exact_seeded_and_skewed() -> None:
    a = Holdings.synthetic(5_000, total_shares=10_000_000, seed=7, insider_shares=1_000_000, second_accounts=0.1)
    b = Holdings.synthetic(5_000, total_shares=10_000_000, seed=7, insider_shares=1_000_000, second_accounts=0.1)
    c = Holdings.synthetic(5_000, total_shares=10_000_000, seed=8, insider_shares=1_000_000, second_accounts=0.1)
    assert a.total_shares == 10_000_000
    assert a.n_holders == 5_000
    np.testing.assert_array_equal(a.shares, b.shares)
    assert not np.array_equal(a.holder_shares.to_numpy(), c.holder_shares.to_numpy())
    f = a.to_frame()
    assert f.loc[f["insider"], "shares"].sum() == 1_000_000
    assert f["insider"].sum() == 10  # 5,000 // 500
    assert (f["shares"] >= 0).all()
    assert (a.holder_shares >= 1).all()
    assert a.n_rows > a.n_holders  # some holders have a second account
    hs = a.holder_shares.to_numpy()
    assert np.median(hs) < hs.mean() / 5  # most holders small, a few large


def test_synthetic_argument_errors() -> None:
    with pytest.raises(sc.InputError, match="n_holders"):
        Holdings.synthetic(0, total_shares=10, seed=1)
    with pytest.raises(sc.InputError, match="insider_shares"):
        Holdings.synthetic(10, total_shares=10, seed=1, insider_shares=11)
    with pytest.raises(sc.InputError, match="n_holders"):
        Holdings.synthetic(100, total_shares=10, seed=1)
    with pytest.raises(sc.InputError, match="seed"):
        Holdings.synthetic(10, total_shares=100, seed=-1)
