"""Split terms read from a filing's words: press releases, 8-Ks, proxy statements.

>>> terms = extract(
...     "IRVINE, Calif., July 23, 2002 -- NeoTherapeutics, Inc. (NASDAQ: NEOT) announced today that its "
...     "Board of Directors voted to authorize a 25 for 1 share reverse split of its outstanding common stock."
... )
>>> str(terms.value("ratio")), terms.value("direction"), terms.value("ticker"), terms.value("announced")
('1-for-25', 'reverse', 'NEOT', datetime.date(2002, 7, 23))
>>> terms.ratio.quote
'25 for 1 share reverse split'

The text is normalised once (:func:`normalise`); every quote is a span of
:attr:`SplitTerms.text`. Fields the text does not state are ``None``; a field
stated two different ways is left out and listed in
:attr:`SplitTerms.ambiguities`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..coerce import as_date
from ..errors import InputError
from .fields import candidates
from .normalise import normalise
from .result import FIELDS, SPLIT_FIELDS, Ambiguity, Found, SplitTerms, resolve
from .source import MAX_FILING_BYTES

if TYPE_CHECKING:
    from .._types import DateLike

__all__ = ["FIELDS", "SPLIT_FIELDS", "Ambiguity", "Found", "SplitTerms", "extract", "normalise"]


def extract(text_or_html: str, *, filed: DateLike | None = None) -> SplitTerms:
    """Read the split terms a filing states.

    Parameters
    ----------
    text_or_html
        The filing: EDGAR HTML (tables, entities) or plain text.
    filed
        The filing date, if known (a date, a timestamp or ISO text): the
        announcement date of a text that says "announced today" without a
        dateline.

    Raises
    ------
    InputError
        ``text_or_html`` is not text, or is longer than a filing file may be
        (:data:`~splitcalc.filings.source.MAX_FILING_BYTES` characters, 16 Mi).

    Notes
    -----
    Not read as the split's: a split of the company's history ("in 2014",
    "previous", "had effected"), a bound or an estimate ("up to 1-for-50",
    "approximately 1-for-10"), a merger's exchange ratio. A field read two
    ways is listed in :attr:`SplitTerms.ambiguities`, never chosen. The work
    is bounded whatever the text: past a set number of places per trigger
    word, or of characters searched, a finder stops and each field it read
    becomes an ambiguity (the mentions not read may disagree).
    """
    if not isinstance(text_or_html, str):
        raise InputError("text_or_html", type(text_or_html).__name__, "must be the filing's text (str)")
    if len(text_or_html) > MAX_FILING_BYTES:  # the bound read_filing puts on a file, for text given in memory
        raise InputError(
            "text_or_html",
            f"{len(text_or_html):,} characters",
            f"is longer than a filing is read ({MAX_FILING_BYTES:,} characters); pass the part stating the split",
        )
    day = None if filed is None else as_date(filed, "filed")
    text = normalise(text_or_html)
    return resolve(text, candidates(text, filed=day), filed=day)
