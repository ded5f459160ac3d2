"""Real deficiency letters, reproduced to the day by the rule kernel.

Every ``tests/golden/deficiency_letters*.csv`` is read (so a corpus file
plugs in by name). Columns: ``company, ticker, exchange, standard, rule,
notice_date, first_deadline, second_deadline, fits, note, source_url``;
``exchange`` is a splitcalc rule-set name; ``standard`` the listing standard
the letter is about (``bid_price``, ``mvls``, ``mvphs``) and ``rule`` the rule
number the source states (empty when the text read names none);
``notice_date`` the date of the staff's letter;
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
    "standard",
    "rule",
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
        assert row["standard"] in ("bid_price", "mvls", "mvphs"), label


def _letter_key(row: dict[str, str]) -> tuple[str, str, str]:
    """One letter: the filer (CIK, else ticker, else name), the notice date and the standard."""
    company = row["company"]
    filer = company.split("CIK ")[-1] if "CIK " in company else row["ticker"] or company
    return filer.strip(), row["notice_date"], row["standard"]


def test_at_least_thirty_distinct_real_letters() -> None:
    """The worked examples repeat some corpus letters; distinct letters are counted once."""
    letters = {_letter_key(row) for _, row in ROWS}
    assert len(letters) >= 30, len(letters)
    assert len(letters) == 47, "update the count in tests/golden/README.md and here"  # 55 rows, 8 repeated


def test_two_letters_from_the_issue_are_in_the_corpus() -> None:
    stated = {(r["notice_date"], r["first_deadline"], r["second_deadline"]) for _, r in ROWS if r["fits"] == "yes"}
    assert ("2023-01-05", "2023-07-05", "") in stated  # +180 = Tue Jul 4, 2023 (Independence Day)
    assert ("2022-09-07", "2023-03-06", "2023-09-05") in stated  # Mullen: Sat Sep 2, Labor Day Mon Sep 4


@pytest.mark.parametrize(
    ("label", "row"),
    [(label, row) for label, row in ROWS if row["standard"] == "bid_price" and row["rule"]],
    ids=[label for label, row in ROWS if row["standard"] == "bid_price" and row["rule"]],
)
def test_the_bid_price_rule_a_letter_names_is_the_rule_row_in_force(label: str, row: dict[str, str]) -> None:
    """The rule number a letter cites is the one splitcalc's dated rows cite for that tier on that day.

    NASD-era letters cite the period rule (4450(e)(2)) or the bid-price rule (4450(a)(5)); the first is the
    ``compliance_period_days`` row's cite, the second is not in the rows (their bid-price cite names no
    number): the test says so instead of passing silently.
    """
    rs = rules.get(row["exchange"], as_of=dt.date.fromisoformat(row["notice_date"]))
    cites = (rs.min_bid.cite, rs.compliance_period_days.cite)
    if not any(row["rule"] in c for c in cites):
        if row["exchange"] == "nasdaq-national-market" and "rule number not in the sources" in rs.min_bid.cite:
            pytest.skip(f"{label}: the letter cites NASD Rule {row['rule']}; the rule row names no number")
        raise AssertionError(f"{label}: the letter cites {row['rule']}, the rule rows cite {cites}")


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
