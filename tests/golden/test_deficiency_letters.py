"""Real deficiency letters, reproduced to the day by the rule kernel.

Every ``tests/golden/deficiency_letters*.csv`` is read (so a corpus file
plugs in by name). Columns: ``company, ticker, exchange, notice_date,
first_deadline, second_deadline, fits, note, source_url``; ``exchange`` is a
splitcalc rule-set name; ``notice_date`` the date of the staff's letter;
``second_deadline`` may be empty; ``fits`` is ``yes`` (the kernel must give
the letter's dates) or ``outlier`` (a letter that contradicts the pattern:
the kernel must *not* give its dates, and the note says why).

A letter states the deadline known on its date: clock stops that began after
the letter (the 2008-09 suspension, the 2020 tolling) later moved some of
them, and a row may record either the date in the letter or the one the
company disclosed after the stop. Both are the kernel's output; the row must
equal one of them (when no stop is involved they are the same date).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from splitcalc import rules
from splitcalc.compliance import deadlines
from splitcalc.compliance.kernel import second_period_end

HERE = Path(__file__).parent
COLUMNS = [
    "company",
    "ticker",
    "exchange",
    "notice_date",
    "first_deadline",
    "second_deadline",
    "fits",
    "note",
    "source_url",
]


def _rows() -> list[tuple[str, dict[str, str]]]:
    out = []
    for path in sorted(HERE.glob("deficiency_letters*.csv")):
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            assert reader.fieldnames == COLUMNS, path.name
            for i, row in enumerate(reader, start=2):
                out.append((f"{path.name}:{i}:{row['company']}", row))
    return out


ROWS = _rows()


def _day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text.strip() else None


def _computed(row: dict[str, str]) -> list[tuple[dt.date | None, dt.date | None]]:
    notice = dt.date.fromisoformat(row["notice_date"])
    second = bool(row["second_deadline"].strip())
    rs = rules.get(row["exchange"], as_of=notice)
    at_letter = deadlines(notice, rs, second_period=second, as_of=notice)
    later = deadlines(notice, rs, second_period=second)
    out = [(d.first_deadline, d.second_deadline) for d in (at_letter, later)]
    if second and getattr(rs.second_period_days, "value", None) is None:
        # Global Market / Global Select: the second period is granted on a transfer to the Capital Market
        # (Rule 5810(c)(3)(A)(ii)); it runs from the moved first deadline under the Capital Market's rules.
        out = [(first, _second_after_transfer(first)) for first, _ in out]
    return out


def _second_after_transfer(first: dt.date | None) -> dt.date | None:
    if first is None:
        return None
    return second_period_end(first, rules.get("nasdaq-capital", as_of=first))


def test_corpus_is_well_formed() -> None:
    assert len(ROWS) >= 5
    for label, row in ROWS:
        assert row["fits"] in ("yes", "outlier"), label
        assert row["exchange"] in rules.names(), label
        assert row["source_url"].startswith(("https://", "http://")), label
        assert row["note"].strip(), label
        notice, first = _day(row["notice_date"]), _day(row["first_deadline"])
        assert notice is not None and first is not None and notice < first, label
        second = _day(row["second_deadline"])
        assert second is None or first < second, label


@pytest.mark.parametrize(("label", "row"), ROWS, ids=[label for label, _ in ROWS])
def test_letter_reproduced_to_the_day(label: str, row: dict[str, str]) -> None:
    stated = (_day(row["first_deadline"]), _day(row["second_deadline"]))
    candidates = _computed(row)
    if row["second_deadline"].strip() == "":
        stated = (stated[0], None)
    if row["fits"] == "yes":
        assert stated in candidates, f"{label}: letter {stated}, kernel {candidates[0]} ({row['note']})"
    else:
        assert stated not in candidates, f"{label} is recorded as an outlier but fits: {row['note']}"
