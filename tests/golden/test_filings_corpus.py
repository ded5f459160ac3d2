"""Every field of every golden filing excerpt is checked against what a careful reader takes from it.

* A value found must equal the expected one, and a field absent from
  ``[expected]`` must not be found (unless the file lists it in ``unchecked``):
  a wrong value is worse than a missing one, so precision must be 100% -- any
  such field fails its file's test.
* A stated field the extractor misses counts against recall. Recall is
  computed over the whole corpus and must stay at or above :data:`RECALL_FLOOR`;
  ``python benchmarks/filings.py`` prints it with every miss.

The corpus format and the scoring are in ``filings_corpus.py`` (next to this file).
"""

from __future__ import annotations

import pytest
from filings_corpus import Excerpt, corpus, score, totals  # tests/golden is on sys.path (no __init__.py)

from splitcalc.filings import extract

EXCERPTS = corpus()

#: Field-level recall the extractor must keep over the corpus (measured 84.7% over the 34 real excerpts
#: of the corpus branch and 100% over this branch's own five; a drop below the floor is a regression).
RECALL_FLOOR = 0.8


def test_corpus_is_there() -> None:
    assert len(EXCERPTS) >= 4
    assert any(e.no_split for e in EXCERPTS)


@pytest.mark.parametrize("excerpt", EXCERPTS, ids=[e.path.stem for e in EXCERPTS])
def test_excerpt_has_no_wrong_field(excerpt: Excerpt) -> None:
    terms = extract(excerpt.text)
    s = score(excerpt, terms)
    wrong = [p for p in s.problems if ": missed" not in p]
    assert not wrong, "\n".join(wrong)
    assert s.wrong == 0
    for name, found in terms.found().items():  # every quote is the span it claims to be
        assert terms.text[found.start : found.end] == found.quote, name


def test_precision_is_total_and_recall_above_the_floor() -> None:
    t = totals([score(e) for e in EXCERPTS])
    assert t.wrong == 0, "\n".join(t.problems)
    assert t.precision == 1.0
    assert t.recall >= RECALL_FLOOR, "\n".join(t.problems)


def test_a_wrong_value_fails() -> None:
    """The scorer itself: a changed expectation is reported as wrong, a removed one as not expected."""
    seed = next(e for e in EXCERPTS if not e.no_split and "ratio" in e.expected)
    changed = Excerpt(
        seed.path, seed.source_url, seed.kind, seed.text, {**seed.expected, "ratio": "1-for-2"}, seed.unchecked
    )
    assert score(changed).wrong == 1
    fewer = {k: v for k, v in seed.expected.items() if k != "ratio"}
    assert score(Excerpt(seed.path, seed.source_url, seed.kind, seed.text, fewer, seed.unchecked)).wrong == 1
