"""Shape of the golden filings corpus, ``tests/golden/filings/*.toml``.

These tests check the corpus itself, not the extractor: every file has the required keys, only known
field names, allowed enum values and typed dates; every real excerpt has a source URL a user can open;
the values a file expects are written in its own excerpt; and the corpus has the mix issue 14 asks for
(>= 25 real excerpts, texts without a split, forward splits, authorised ranges, all three venues).
Files with ``source_url = "synthetic"`` follow the same schema but are left out of the counts.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import tomllib
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).parent / "filings"
FILES = sorted(CORPUS.glob("*.toml"))

SYNTHETIC = "synthetic"
KINDS = frozenset({"press-release", "8-K", "DEF 14A", "PRE 14A", "10-Q", "10-K", "6-K", "other"})
TOP_REQUIRED = frozenset({"source_url", "kind", "text", "expected"})
# "unchecked": fields the excerpt states that the extractor does not attempt (tests/golden/filings_corpus.py)
TOP_ALLOWED = TOP_REQUIRED | {"note", "unchecked"}

DATE_FIELDS = frozenset(
    {
        "announced",
        "board_approval",
        "record_date",
        "meeting_date",
        "effective_date",
        "first_trading_day",
        "deficiency_notice_date",
        "deficiency_deadline",
    }
)
INT_FIELDS = frozenset({"authorized_before", "authorized_after", "outstanding_before", "outstanding_after"})
TEXT_FIELDS = frozenset(
    {"company", "ticker", "effective_time", "new_cusip", "cash_price_basis", "par_value", "deficiency_rule"}
)
ENUM_FIELDS: dict[str, frozenset[str]] = {
    "exchange": frozenset({"nasdaq", "nyse", "nyse-american"}),
    "direction": frozenset({"reverse", "forward"}),
    "vote_result": frozenset({"approved", "not approved"}),
    "fractional": frozenset({"cash_in_lieu", "round_up", "round_down", "round_nearest"}),
    "authorized_treatment": frozenset({"unchanged", "proportional", "stated"}),
}
TRUE_FIELDS = frozenset({"financing_approvals", "no_split"})
KNOWN_FIELDS = DATE_FIELDS | INT_FIELDS | TEXT_FIELDS | set(ENUM_FIELDS) | TRUE_FIELDS | {"ratio", "ratio_range"}

RATIO_RE = re.compile(r"^(\d+(?:\.\d+)?)-for-(\d+(?:\.\d+)?)$")
NAME_RE = re.compile(r"^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*-(\d{4})\.toml$")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MAX_TEXT = 3_000  # "a few sentences to ~2,500 characters"


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _is_synthetic(doc: dict[str, Any]) -> bool:
    return doc.get("source_url") == SYNTHETIC


def _flat(text: str) -> str:
    """HTML entities decoded, whitespace collapsed and curly quotes straightened, for 'is it written' checks."""
    text = html.unescape(re.sub(r"<[^>]*>", " ", text))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def _date_written(day: dt.date, flat: str) -> bool:
    """True when ``day`` appears in the text as 'June 6, 2024', 'Feb. 26, 2024', '6 June 2024' or 06/06/2024."""
    month = MONTHS[day.month - 1]
    names = f"(?:{month}|{month[:3]}\\.?)"
    patterns = (
        rf"\b{names} {day.day},? ?{day.year}\b",
        rf"\b{day.day} {names},? {day.year}\b",
        rf"\b0?{day.month}/0?{day.day}/{day.year}\b",
    )
    return any(re.search(p, flat) for p in patterns)


def _number_written(n: int, flat: str) -> bool:
    """True when ``n`` appears as 38,846,318, 38846318, '90 million' or '3.85 billion'."""
    forms = [f"{n:,}", str(n)]
    if n % 100_000 == 0:
        forms.append(f"{n / 1_000_000:g} million")
    if n % 10_000_000 == 0:
        forms.append(f"{n / 1_000_000_000:g} billion")
    return any(re.search(rf"(?<![\d,.]){re.escape(f)}(?![\d]|,\d)", flat) for f in forms)


def _ratio(text: str) -> Fraction:
    """New shares per old share of a 'new-for-old' ratio text."""
    m = RATIO_RE.match(text)
    assert m, f"ratio {text!r} is not 'N-for-M'"
    new, old = Fraction(m.group(1)), Fraction(m.group(2))
    assert new > 0 and old > 0 and new != old, f"ratio {text!r} is not a split"
    return new / old


def _magnitude(factor: Fraction) -> Fraction:
    return factor if factor >= 1 else 1 / factor


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_file_shape(path: Path) -> None:
    doc = _load(path)
    assert set(doc) >= TOP_REQUIRED, f"missing {sorted(TOP_REQUIRED - set(doc))}"
    assert set(doc) <= TOP_ALLOWED, f"unknown top-level keys {sorted(set(doc) - TOP_ALLOWED)}"
    assert doc["kind"] in KINDS
    assert isinstance(doc["text"], str) and doc["text"].strip()
    assert len(doc["text"]) <= MAX_TEXT, "excerpts stay short"
    assert isinstance(doc.get("note", ""), str)
    url = doc["source_url"]
    assert isinstance(url, str)
    if not _is_synthetic(doc):
        assert re.match(r"^https?://\S+$", url), f"real excerpts need an http(s) source_url, got {url!r}"
        m = NAME_RE.match(path.name)
        assert m, "real files are named NN-company-slug-YYYY.toml"
        assert 2001 <= int(m.group(1)) <= 2025


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_expected_fields(path: Path) -> None:
    expected = _load(path)["expected"]
    assert isinstance(expected, dict) and expected, "[expected] is a non-empty table"
    unknown = set(expected) - KNOWN_FIELDS
    assert not unknown, f"unknown fields {sorted(unknown)}"
    for key, value in expected.items():
        if key in DATE_FIELDS:
            assert type(value) is dt.date, f"{key} must be a TOML date, got {value!r}"
        elif key in INT_FIELDS:
            assert type(value) is int and value > 0, f"{key} must be a positive integer"
        elif key in TEXT_FIELDS:
            assert isinstance(value, str) and value.strip() == value and value, f"{key} must be trimmed text"
        elif key in ENUM_FIELDS:
            assert value in ENUM_FIELDS[key], f"{key}={value!r} not in {sorted(ENUM_FIELDS[key])}"
        elif key in TRUE_FIELDS:
            assert value is True, f"{key} is true or absent"
    if "par_value" in expected:
        assert re.match(r"^\d*\.\d+$|^\d+$", expected["par_value"]), "par_value is a bare decimal like 0.001"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_expected_is_consistent(path: Path) -> None:
    expected = _load(path)["expected"]
    if expected.get("no_split"):
        assert set(expected) <= {"no_split", "company"}, "a text with no split expects nothing else"
        return
    assert "ratio" in expected or "ratio_range" in expected, "a split text states a ratio or a range"
    direction = expected.get("direction")
    if "ratio" in expected:
        factor = _ratio(expected["ratio"])
        if direction:
            assert (factor > 1) == (direction == "forward"), "ratio and direction disagree"
    if "ratio_range" in expected:
        low, high = expected["ratio_range"]
        f_low, f_high = _ratio(low), _ratio(high)
        assert _magnitude(f_low) < _magnitude(f_high), "ratio_range lists the smaller magnitude first"
        assert (f_low > 1) == (f_high > 1), "both ends of a range go the same way"
        if direction:
            assert (f_low > 1) == (direction == "forward")
        if "ratio" in expected:
            m = _magnitude(_ratio(expected["ratio"]))
            assert _magnitude(f_low) <= m <= _magnitude(f_high), "the chosen ratio lies in the range"
    treatment = expected.get("authorized_treatment")
    before, after = expected.get("authorized_before"), expected.get("authorized_after")
    if treatment == "unchanged" and before and after:
        assert before == after
    if treatment == "proportional" and before and after and "ratio" in expected:
        assert abs(before * _ratio(expected["ratio"]) - after) < 1
    out_before, out_after = expected.get("outstanding_before"), expected.get("outstanding_after")
    if out_before and out_after and "ratio" in expected:
        # the approximate figure as stated: within 1% of before x ratio (rounding of fractions, issuances)
        implied = out_before * _ratio(expected["ratio"])
        assert abs(out_after - implied) <= implied / 100, f"outstanding_after {out_after} far from {float(implied)}"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_expected_values_are_written_in_the_excerpt(path: Path) -> None:
    doc = _load(path)
    flat = _flat(doc["text"])
    expected = doc["expected"]
    for key in sorted(TEXT_FIELDS & set(expected)):
        value = _flat(expected[key])
        assert value in flat, f"{key}={value!r} is not in the excerpt"
    for key in sorted(DATE_FIELDS & set(expected)):
        assert _date_written(expected[key], flat), f"{key}={expected[key]} is not written in the excerpt"
    for key in sorted(INT_FIELDS & set(expected)):
        assert _number_written(expected[key], flat), f"{key}={expected[key]:,} is not written in the excerpt"


def _real() -> list[dict[str, Any]]:
    return [doc for doc in map(_load, FILES) if not _is_synthetic(doc)]


def test_corpus_mix() -> None:
    real = _real()
    expected = [doc["expected"] for doc in real]
    assert len(real) >= 25, f"{len(real)} real excerpts, issue 14 asks for at least 25"
    assert sum(1 for e in expected if e.get("no_split")) >= 3
    assert sum(1 for e in expected if e.get("direction") == "forward") >= 3
    assert sum(1 for e in expected if "ratio_range" in e) >= 2
    venues = {e["exchange"] for e in expected if "exchange" in e}
    assert venues >= ENUM_FIELDS["exchange"], f"venues covered: {sorted(venues)}"


def test_real_sources_are_distinct() -> None:
    urls = [doc["source_url"] for doc in _real()]
    assert len(urls) == len(set(urls)), "each real excerpt comes from its own source"


def test_date_and_number_helpers() -> None:
    # the helpers above decide whether a value is 'written'; they must be able to say no
    assert _date_written(dt.date(2024, 6, 6), "at its annual meeting on June 6, 2024.")
    assert _date_written(dt.date(2024, 2, 26), "at the market open on Monday, Feb. 26, 2024")
    assert _date_written(dt.date(2019, 2, 19), "On 19 February 2019, the Company")
    assert not _date_written(dt.date(2024, 6, 16), "on June 6, 2024")
    assert not _date_written(dt.date(2023, 6, 6), "on June 6, 2024")
    assert _number_written(38_846_318, "from approximately 38,846,318 shares")
    assert _number_written(90_000_000, "from 90 million to 250 million")
    assert _number_written(3_850_000_000, "has about 3.85 billion shares outstanding")
    assert not _number_written(3_884_631, "from approximately 38,846,318 shares")
    assert not _number_written(385_000_000, "has about 3.85 billion shares outstanding")
    assert _ratio("1-for-25") == Fraction(1, 25)
    assert _ratio("3-for-2") == Fraction(3, 2)
