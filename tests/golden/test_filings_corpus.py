"""Every field of every golden filing excerpt: found == expected, and nothing found that is not expected.

The corpus format and the scoring are in ``filings_corpus.py`` (next to this
file); ``python benchmarks/filings.py`` prints the precision and recall.
"""

from __future__ import annotations

import pytest
from filings_corpus import Excerpt, corpus, score, totals  # tests/golden is on sys.path (no __init__.py)

from splitcalc.filings import extract

EXCERPTS = corpus()


def test_corpus_is_there() -> None:
    assert len(EXCERPTS) >= 4
    assert any(e.no_split for e in EXCERPTS)


@pytest.mark.parametrize("excerpt", EXCERPTS, ids=[e.path.stem for e in EXCERPTS])
def test_excerpt(excerpt: Excerpt) -> None:
    terms = extract(excerpt.text)
    s = score(excerpt, terms)
    assert not s.problems, "\n".join(s.problems)
    for name, found in terms.found().items():  # every quote is the span it claims to be
        assert terms.text[found.start : found.end] == found.quote, name


def test_precision_is_total_and_recall_reported() -> None:
    t = totals([score(e) for e in EXCERPTS])
    assert t.wrong == 0, "\n".join(t.problems)
    assert t.precision == 1.0
    assert 0 < t.recall <= 1
