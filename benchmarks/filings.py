"""Benchmark: reading split terms from a 1 MB, 10-K-sized EDGAR HTML file; and the corpus score.

Prints, measured in the same run on the same constructed document (a 10-K's
worth of paragraphs, tables and entities with the split terms in one note):

(a) the floor: the HTML reduced to text by :func:`splitcalc.filings.normalise` alone;
(b) ``splitcalc.filings.extract``: normalisation plus every field's finder;
(c) a naive baseline: the same finders with every pattern run over the whole
    text (no keyword windows), as a plain "regex the document" reader would;

with the ratios b/a and c/b; then the field-level precision and recall of
``extract`` over the golden corpus ``tests/golden/filings/``.

    python benchmarks/filings.py [--size-mb 1] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from splitcalc.filings import extract, fields, normalise

ROOT = Path(__file__).resolve().parents[1]

BOILERPLATE = (
    "<p style=\"font-family:'Times New Roman';font-size:10pt\">The Company&#8217;s results of operations "
    "depend on a number of factors, including the timing of clinical trials, the receipt of regulatory "
    "approvals and our ability to raise capital on acceptable terms&#160;&#8212; none of which is assured. "
    "Revenue for fiscal {year} was $&#160;{n},412 thousand compared with $&#160;{m},118 thousand.</p>\n"
    "<table><tr><td>Research and development</td><td>$</td><td>{n},204</td><td>$</td><td>{m},931</td></tr>"
    "<tr><td>General and administrative</td><td>$</td><td>{m},870</td><td>$</td><td>{n},655</td></tr></table>\n"
)
NOTE = (
    "<p>Note 9. Stockholders&#8217; Equity. On March 4, 2024, the Company filed a Certificate of Amendment to "
    "effect a one (1)-for-twenty (20) reverse stock split of its common stock, par value $0.0001 per share. The "
    "reverse stock split became effective at 5:00 p.m. Eastern Time on March 6, 2024. No fractional shares were "
    "issued; stockholders received a cash payment in lieu of fractional shares. The reverse stock split did not "
    "change the number of authorized shares of common stock.</p>\n"
)


def document(size_mb: float) -> str:
    parts = ["<html><head><title>10-K</title><style>td {padding:0}</style></head><body>"]
    i = size = 0
    noted = False
    while size < size_mb * 1_000_000:
        parts.append(BOILERPLATE.format(year=2000 + i % 25, n=10 + i % 80, m=20 + i % 70))
        size += len(parts[-1])
        if not noted and size > size_mb * 600_000:  # the note sits past the middle, as in a 10-K
            parts.append(NOTE)
            noted = True
        i += 1
    parts.append("</body></html>")
    return "".join(parts)


def naive(html: str) -> int:
    """Every finder's patterns run over the whole normalised text."""
    whole = fields._Text.focus

    def everywhere(self: Any, triggers: tuple[str, ...]) -> None:
        self.windows = [(0, len(self.text))]

    fields._Text.focus = everywhere  # type: ignore[method-assign]
    try:
        return len(fields.candidates(normalise(html)))
    finally:
        fields._Text.focus = whole  # type: ignore[method-assign]


def best_of(repeat: int, fn: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def corpus_score() -> None:
    sys.path.insert(0, str(ROOT / "tests" / "golden"))
    from filings_corpus import corpus, score, totals

    excerpts = corpus()
    scores = [score(e) for e in excerpts]
    t = totals(scores)
    real = sum(1 for e in excerpts if e.source_url != "synthetic")
    print(f"\ngolden corpus: {len(excerpts)} excerpts ({real} real, {len(excerpts) - real} synthetic)")
    print(f"  fields right {t.right}, wrong {t.wrong}, missed {t.missed}")
    print(f"  precision {t.precision:.1%}   recall {t.recall:.1%}")
    for e, s in zip(excerpts, scores, strict=True):
        for problem in s.problems:
            print(f"  {e.path.name}: {problem}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    html = document(args.size_mb)
    terms = extract(html)
    assert str(terms.value("ratio")) == "1-for-20", terms  # the note is found in the bulk
    print(f"document: {len(html):,} characters of HTML, {len(terms.text):,} of normalised text")
    a = best_of(args.repeat, lambda: normalise(html))
    b = best_of(args.repeat, lambda: extract(html))
    c = best_of(max(1, args.repeat // 3), lambda: naive(html))
    print(f"(a) floor, normalise only           {a * 1000:8.1f} ms")
    print(f"(b) extract (normalise + finders)   {b * 1000:8.1f} ms   b/a = {b / a:.2f}")
    print(f"(c) naive, patterns over all text   {c * 1000:8.1f} ms   c/b = {c / b:.1f}")
    print(f"found: {', '.join(terms.found())}")
    corpus_score()


if __name__ == "__main__":
    main()
