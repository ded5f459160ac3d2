"""Shape of the golden corpus of real deficiency letters (``deficiency_letters_corpus.csv``).

These checks guard the data file only: columns, date format, rule-set names, the
``fits`` flag and the sources. Whether each stated deadline is reproduced to the day
is tested by the deadline harness, which reads every ``deficiency_letters*.csv``.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from tests.golden.test_deficiency_letters import COLUMNS  # the harness's columns: one list

CORPUS = Path(__file__).with_name("deficiency_letters_corpus.csv")
EXCHANGES = {
    "nasdaq-capital",
    "nasdaq-global",
    "nasdaq-global-select",
    "nasdaq-national-market",
    "nasdaq-smallcap",
    "nyse",
}


def _rows() -> list[dict[str, str]]:
    with CORPUS.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _iso(value: str) -> dt.date:
    day = dt.date.fromisoformat(value)
    assert day.isoformat() == value, f"not ISO yyyy-mm-dd: {value!r}"
    return day


def test_header_is_exact() -> None:
    with CORPUS.open(newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header == COLUMNS


def test_at_least_thirty_letters() -> None:
    assert len(_rows()) >= 30


@pytest.mark.parametrize("row", _rows(), ids=lambda r: f"{r['company']}-{r['notice_date']}")
def test_row_is_well_formed(row: dict[str, str]) -> None:
    assert row["company"].strip()
    assert row["exchange"] in EXCHANGES
    assert row["fits"] in {"yes", "outlier"}
    assert row["source_url"].startswith(("https://", "http://"))
    assert " " not in row["source_url"]
    notice = _iso(row["notice_date"])
    first = _iso(row["first_deadline"])
    assert notice < first
    if row["second_deadline"]:
        assert first < _iso(row["second_deadline"])
    if row["fits"] == "outlier":
        assert row["note"].strip(), "an outlier must say how it departs from the pattern"


def test_no_letter_is_listed_twice() -> None:
    keys = [(r["company"], r["notice_date"], r["standard"]) for r in _rows()]
    assert len(keys) == len(set(keys))
