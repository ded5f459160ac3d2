from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import pytest

from splitcalc import InvalidPrices, SplitRatio
from splitcalc.market import CsvProvider, PriceProvider, get_prices, read_price_csv


def write(tmp_path: Path, text: str, name: str = "px.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# Sep 2002 around NeoTherapeutics' 1-for-25 split: Wed 4, Thu 5, Fri 6 are sessions.
GOOD = """\
# as traded, from the 10-Q
date,open,high,low,close,volume,split

2002-09-04,0.18,0.19,0.17,0.18,"1,250,000",
2002-09-05,0.17,0.18,0.16,$0.17,1310000,
2002-09-06,4.30,4.60,4.10,4.25,90000,1-for-25
"""


def test_reads_documented_format(tmp_path: Path) -> None:
    px = read_price_csv(write(tmp_path, GOOD))
    assert list(px.columns) == ["open", "high", "low", "close", "volume"]
    assert px.index.name == "date"
    assert px.index.tz is None
    assert [d.date() for d in px.index] == [dt.date(2002, 9, 4), dt.date(2002, 9, 5), dt.date(2002, 9, 6)]
    assert px["close"].tolist() == [0.18, 0.17, 4.25]
    assert px["volume"].tolist() == [1_250_000.0, 1_310_000.0, 90_000.0]
    assert all(px.dtypes == np.float64)
    assert px.attrs["splits"] == [(dt.date(2002, 9, 6), SplitRatio(1, 25))]
    assert px.attrs["source"] == "csv:px.csv"
    assert px.attrs["adjustment"] == "as_traded"


def test_minimal_columns_any_order_case_and_optional_nan(tmp_path: Path) -> None:
    px = read_price_csv(write(tmp_path, "Close,DATE,Note\n1.5,2024-01-02,x\n1.25,2024-01-03,y\n"))
    assert px["close"].tolist() == [1.5, 1.25]
    assert px["open"].isna().all()
    assert px["volume"].isna().all()
    assert px.attrs["splits"] == []


def test_empty_optional_cell_is_nan(tmp_path: Path) -> None:
    px = read_price_csv(write(tmp_path, "date,open,close\n2024-01-02,,1.5\n2024-01-03,1.4,1.25\n"))
    assert math.isnan(px["open"].iloc[0])
    assert px["open"].iloc[1] == 1.4


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1:25", SplitRatio(1, 25)),  # Yahoo's new:old
        ("25-for-1 reverse", SplitRatio(1, 25)),
        ("0.04", SplitRatio(1, 25)),  # yfinance's float new/old
        ("0.005263157894736842", SplitRatio(1, 190)),
        ("4:1", SplitRatio(4, 1)),
    ],
)
def test_split_notations(tmp_path: Path, cell: str, expected: SplitRatio) -> None:
    px = read_price_csv(write(tmp_path, f"date,close,splits\n2024-01-02,1,\n2024-01-03,25,{cell}\n"))
    assert px.attrs["splits"] == [(dt.date(2024, 1, 3), expected)]


def test_zero_split_means_none(tmp_path: Path) -> None:
    px = read_price_csv(write(tmp_path, "date,close,split\n2024-01-02,1,0\n2024-01-03,1,0.0\n"))
    assert px.attrs["splits"] == []


def test_start_end_trim(tmp_path: Path) -> None:
    px = read_price_csv(write(tmp_path, GOOD), start="2002-09-05", end=dt.date(2002, 9, 5))
    assert px["close"].tolist() == [0.17]
    assert px.attrs["splits"] == []  # the 09-06 split is outside the window


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        # missing required columns
        ("date,open\n2024-01-02,1\n", "px.csv line 1: missing required column 'close'"),
        ("close\n1\n", "missing required column 'date'"),
        # unsorted: line 3 (2024-01-02) comes before line 2 (2024-01-03)
        ("date,close\n2024-01-03,1\n2024-01-02,1\n", "px.csv line 3, column 'date'"),
        ("date,close\n2024-01-03,1\n2024-01-02,1\n", "sort the rows oldest first"),
        # duplicate on line 4 repeats line 3
        ("date,close\n2024-01-02,1\n2024-01-03,1\n2024-01-03,1\n", "line 4, column 'date': repeats the date of line 3"),
        # 2024-01-06 is a Saturday; 2024-01-01 New Year's Day
        ("date,close\n2024-01-05,1\n2024-01-06,1\n", "line 3, column 'date': is not a XNYS session (Saturday"),
        ("date,close\n2024-01-01,1\n", "line 2, column 'date': is not a XNYS session (Monday"),
        # 2001-09-11: market closed (unscheduled)
        ("date,close\n2001-09-11,1\n", "is not a XNYS session"),
        ("date,close\n2024-01-02,0\n", "line 2, column 'close': a price must be positive"),
        ("date,close,low\n2024-01-02,1,-1\n", "column 'low': a price must be positive"),
        ("date,close,volume\n2024-01-02,1,-5\n", "column 'volume': cannot be negative"),
        ("date,close,low,high\n2024-01-02,1,2,1.5\n", "column 'low': is above the high"),
        ("date,close\n2024-01-02,abc\n", "line 2, column 'close': is not a number (got 'abc')"),
        ("date,close\n2024-01-02,nan\n", "is not a finite number"),
        ("date,close\n2024-01-02,\n", "line 2, column 'close': is empty"),
        ("date,close\n01/02/2024,1\n", "line 2, column 'date': is not a date; write YYYY-MM-DD"),
        ("date,close\n2024-02-30,1\n", "is not a valid calendar date"),
        ("date,close\n2024-01-02,1,9\n", "line 2: has 3 fields, the header has 2"),
        ("date,close,split\n2024-01-02,1,1-for-0\n", "line 2, column 'split': is not a split ratio"),
        ("date,close,close\n2024-01-02,1,1\n", "column appears twice"),
        ("date,close,split,splits\n2024-01-02,1,,\n", "either 'split' or 'splits'"),
        ("date,close\n", "has a header but no price rows"),
        ("# only a comment\n\n", "is empty"),
        (
            "Date,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock Splits\n",
            "looks like a yfinance export",
        ),
    ],
)
def test_invalid_files_name_line_and_column(tmp_path: Path, text: str, fragment: str) -> None:
    with pytest.raises(InvalidPrices) as info:
        read_price_csv(write(tmp_path, text))
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    "cell",
    [
        '"1,85"',  # a decimal comma: $1.85, not $185
        '"0,43"',
        '"1,2345"',  # a group of four
        '"12,34,567"',  # Indian grouping: groups are three digits here
        '"1,234,5"',
        '",5"',
        '"1,"',
        '"$1,85"',
    ],
)
def test_comma_that_is_not_thousands_grouping_is_refused(tmp_path: Path, cell: str) -> None:
    # line 1 header, line 2 good, line 3 the cell under test
    text = f"date,open,close\n2024-01-02,1.5,1.5\n2024-01-03,1.5,{cell}\n"
    with pytest.raises(InvalidPrices) as info:
        read_price_csv(write(tmp_path, text))
    message = str(info.value)
    assert "px.csv line 3, column 'close'" in message
    assert "write decimals with a point" in message


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('"1,234.50"', 1234.5),
        ('"$1,234"', 1234.0),
        ('"1,234,567.25"', 1_234_567.25),
        ('"12,345."', 12345.0),
        ("1.85", 1.85),
    ],
)
def test_thousands_grouping_is_read(tmp_path: Path, cell: str, expected: float) -> None:
    px = read_price_csv(write(tmp_path, f"date,close\n2024-01-02,{cell}\n"))
    assert px["close"].tolist() == [expected]


def test_decimal_comma_in_volume_is_refused_too(tmp_path: Path) -> None:
    text = 'date,close,volume\n2024-01-02,1.5,"1,250,000"\n2024-01-03,1.5,"12,5"\n'
    with pytest.raises(InvalidPrices, match="line 3, column 'volume'"):
        read_price_csv(write(tmp_path, text))


def test_first_bad_number_of_a_column_is_named(tmp_path: Path) -> None:
    # lines 3 and 5 are bad; the error names the first one
    text = "date,close\n2024-01-02,1\n2024-01-03,x\n2024-01-04,1\n2024-01-05,y\n"
    with pytest.raises(InvalidPrices, match="line 3, column 'close': is not a number"):
        read_price_csv(write(tmp_path, text))


def test_comment_lines_count_in_line_numbers(tmp_path: Path) -> None:
    # line 1 comment, line 2 header, line 3 blank, line 4 good, line 5 bad
    text = "# c\ndate,close\n\n2024-01-02,1\n2024-01-03,-2\n"
    with pytest.raises(InvalidPrices, match="line 5, column 'close'"):
        read_price_csv(write(tmp_path, text))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InvalidPrices, match="no such price file"):
        read_price_csv(tmp_path / "nope.csv")
    with pytest.raises(InvalidPrices, match="is a folder"):
        read_price_csv(tmp_path)


def test_field_over_the_csv_limit_names_its_line(tmp_path: Path) -> None:
    # the csv module refuses fields over 131,072 characters (csv.field_size_limit()); line 1 is the header
    text = "date,close\n2024-01-02,1\n2024-01-03," + "9" * 140_000 + "\n"
    with pytest.raises(InvalidPrices, match=r"px.csv line 3: cannot be read as CSV \(field larger than field limit"):
        read_price_csv(write(tmp_path, text))


def test_csv_error_inside_quotes_names_its_line(tmp_path: Path) -> None:
    # a quoted field opened on line 3 runs to the end of the file; the reader fails on its last line, 4
    text = 'date,close\n2024-01-02,1\n2024-01-03,"1\n' + "x" * 140_000 + "\n"
    with pytest.raises(InvalidPrices, match=r"line 4: cannot be read as CSV"):
        read_price_csv(write(tmp_path, text))


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "px.csv"
    path.write_bytes(b"date,close\n2024-01-02,\xff\n")
    with pytest.raises(InvalidPrices, match="not UTF-8"):
        read_price_csv(path)


def test_calendar_none_skips_session_check(tmp_path: Path) -> None:
    px = read_price_csv(write(tmp_path, "date,close\n2024-01-06,1\n"), calendar=None)
    assert len(px) == 1


def test_file_not_modified(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    before = path.read_bytes()
    read_price_csv(path)
    assert path.read_bytes() == before


def test_csv_provider_through_get_prices(tmp_path: Path) -> None:
    provider = CsvProvider(write(tmp_path, GOOD))
    assert isinstance(provider, PriceProvider)
    px = get_prices("neot", "2002-09-05", "2002-09-06", provider=provider, offline=True)
    assert px["close"].tolist() == [0.17, 4.25]
    assert px.attrs["splits"] == [(dt.date(2002, 9, 6), SplitRatio(1, 25))]


@pytest.mark.parametrize(
    ("cell", "close"),
    [('"1_000,000"', 1_000_000.0), ('"1,234e3"', 1_234_000.0), ('"$1,234.50"', 1_234.5), ('"١,٢٣٤"', 1_234.0)],
)
def test_price_cells_group_thousands_by_the_rule_every_number_follows(tmp_path: Path, cell: str, close: float) -> None:
    # the same cells through splitcalc.money.as_decimal give the same values (one comma rule everywhere)
    frame = read_price_csv(write(tmp_path, f"date,close\n2002-09-04,{cell}\n"))
    assert frame["close"].iloc[0] == close


def test_a_comma_followed_by_a_space_is_not_a_thousands_separator(tmp_path: Path) -> None:
    with pytest.raises(InvalidPrices, match=r"line 2, column 'close': has a comma that does not group thousands"):
        read_price_csv(write(tmp_path, 'date,close\n2002-09-04,"1, 234"\n'))
