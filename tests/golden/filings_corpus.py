"""Reading and scoring the golden filing corpus (``tests/golden/filings/*.toml``).

One TOML file per excerpt: ``source_url`` (a real filing's address, or
``"synthetic"`` for a text invented for the test), ``kind``, an optional
``note``, the verbatim ``text`` and ``[expected]``, the terms a careful reader
takes from the text. A field absent from ``expected`` must not be found. A
file may list ``unchecked = ["field", ...]`` (top level, before
``[expected]``; a key of that name inside ``[expected]`` is read the same)
for fields the excerpt states but the extractor does not attempt; each such
entry should say why in a comment. ``expected = {no_split = true}`` marks a
text with no split: then no ratio, range or direction may be found, and only
the other fields ``[expected]`` names (the corpus convention: at most the
company) are checked -- a deficiency notice's dates are not recorded there.

Shared by ``tests/golden/test_filings_corpus.py`` and ``benchmarks/filings.py``.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from splitcalc.filings import SPLIT_FIELDS, SplitTerms, extract

CORPUS = Path(__file__).resolve().parent / "filings"
KINDS = frozenset({"press-release", "8-K", "DEF 14A", "PRE 14A", "10-Q", "10-K", "6-K", "other"})
TOP_KEYS = frozenset({"source_url", "kind", "note", "text", "expected", "unchecked"})
#: The corpus schema's fields (``exchange_tier`` is the extractor's extra and not scored).
SCHEMA_FIELDS = (
    "company", "ticker", "exchange", "ratio", "ratio_range", "direction", "announced", "board_approval",
    "record_date", "meeting_date", "vote_result", "effective_date", "effective_time", "first_trading_day",
    "new_cusip", "fractional", "cash_price_basis", "authorized_treatment", "authorized_before", "authorized_after",
    "outstanding_before", "outstanding_after", "par_value", "deficiency_notice_date", "deficiency_rule",
    "deficiency_deadline", "financing_approvals",
)  # fmt: skip


@dataclass(frozen=True)
class Excerpt:
    path: Path
    source_url: str
    kind: str
    text: str
    expected: dict[str, Any]
    unchecked: frozenset[str]

    @property
    def no_split(self) -> bool:
        return bool(self.expected.get("no_split"))


def load(path: Path) -> Excerpt:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(data) - TOP_KEYS
    assert not unknown, f"{path.name}: unknown keys {sorted(unknown)}"
    expected = dict(data["expected"])
    unchecked = set(data.get("unchecked", ())) | set(expected.pop("unchecked", ()))
    assert data["kind"] in KINDS, f"{path.name}: kind {data['kind']!r}"
    url = data["source_url"]
    assert url == "synthetic" or url.startswith(("https://", "http://")), f"{path.name}: source_url {url!r}"
    bad = set(expected) - set(SCHEMA_FIELDS) - {"no_split"}
    assert not bad, f"{path.name}: unknown expected fields {sorted(bad)}"
    assert not (set(unchecked) - set(SCHEMA_FIELDS)), f"{path.name}: unknown unchecked fields"
    if expected.get("no_split"):
        extra = set(expected) - {"no_split"}
        assert not extra & SPLIT_FIELDS, f"{path.name}: no_split with split fields {sorted(extra & SPLIT_FIELDS)}"
    return Excerpt(path, url, data["kind"], data["text"], expected, frozenset(unchecked))


def corpus() -> list[Excerpt]:
    return [load(p) for p in sorted(CORPUS.glob("*.toml"))]


def _squash(text: str) -> str:
    return " ".join(str(text).lower().split())


def same(name: str, found: Any, expected: Any) -> bool:
    """Does the extracted ``found`` value equal the corpus' ``expected`` one?

    Text "as written" fields compare case- and whitespace-insensitively;
    ``cash_price_basis`` and ``effective_time`` pass when the expected words
    are contained in the phrase found (readers draw the boundaries of such a
    phrase differently: "close of business" vs "as of the close of business").
    """
    if name == "ratio":
        return str(found) == expected
    if name == "ratio_range":
        return [str(r) for r in found] == list(expected)
    if name == "par_value":
        return Decimal(str(found)) == Decimal(str(expected))
    if name == "new_cusip":  # the nine characters; "08771Y 402" and "08771Y402" are one CUSIP
        return str(found).replace(" ", "") == str(expected).replace(" ", "")
    if name in ("cash_price_basis", "effective_time"):
        return _squash(expected) in _squash(found)
    if name == "company":
        return _squash(found) == _squash(expected)
    if isinstance(expected, (dt.date, bool)):
        return type(found) is type(expected) and found == expected
    return bool(found == expected)


@dataclass(frozen=True)
class Score:
    """Field-level counts: right, wrong (a value that differs or should not be there), missed."""

    right: int
    wrong: int
    missed: int
    problems: tuple[str, ...]

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 1.0

    @property
    def recall(self) -> float:
        return self.right / (self.right + self.missed) if self.right + self.missed else 1.0


def score(excerpt: Excerpt, terms: SplitTerms | None = None) -> Score:
    terms = terms if terms is not None else extract(excerpt.text)
    right = wrong = missed = 0
    problems: list[str] = []
    if excerpt.no_split:
        if terms.has_split:
            wrong += 1
            problems.append("no_split: a split was found in a text with no split")
        else:
            right += 1  # the one fact "no split" counts as a field
    for name in SCHEMA_FIELDS if not excerpt.no_split else tuple(k for k in excerpt.expected if k != "no_split"):
        if name in excerpt.unchecked:
            continue
        value = terms.value(name)
        if name in excerpt.expected:
            if value is None:
                missed += 1
                problems.append(f"{name}: missed (expected {excerpt.expected[name]!r})")
            elif same(name, value, excerpt.expected[name]):
                right += 1
            else:
                wrong += 1
                problems.append(f"{name}: found {value!r}, expected {excerpt.expected[name]!r}")
        elif value is not None:
            wrong += 1
            problems.append(f"{name}: found {value!r} ({getattr(terms, name).quote!r}), not expected")
    return Score(right, wrong, missed, tuple(problems))


def totals(scores: list[Score]) -> Score:
    return Score(
        sum(s.right for s in scores),
        sum(s.wrong for s in scores),
        sum(s.missed for s in scores),
        tuple(p for s in scores for p in s.problems),
    )
