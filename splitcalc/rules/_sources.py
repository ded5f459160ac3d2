"""Primary sources behind the rule rows, in the form a reader can look up.

Each :class:`~splitcalc.rules.Rule` records its ``source`` as the primary
source(s) of its fact, some written as short keys (``[SEC-2010]``); what
reaches a user is :func:`public_source`: that text with the keys expanded
into the SEC release, file number, Federal Register citation and date. The
same list is shipped as ``splitcalc/docs/sources.md`` (:func:`sources_text`).
"""

from __future__ import annotations

from importlib import resources
from typing import Final

__all__ = ["KEYS", "public_source", "sources_text"]

#: Short keys used in rule rows -> the primary source they stand for.
KEYS: Final = {
    "[SEC-2010]": "SEC order, SR-NASDAQ-2010-107, 75 FR 65044 (Oct 21, 2010)",
    "[SEC-2020]": "SEC order, SR-NASDAQ-2020-001, Rel. 34-88716, 85 FR 23393 (Apr 27, 2020; approved Apr 21, 2020)",
    "[SEC-OCT24]": "SEC order, SR-NASDAQ-2024-029, Rel. 34-101271, 89 FR 82652 (approved Oct 7, 2024)",
    "[SEC-JAN25]": "SEC order, SR-NASDAQ-2024-045, Rel. 34-102245, 90 FR 8081 (approved Jan 17, 2025)",
    "[PCAB]": "Public Company Advisory Blog, 'Nasdaq Minimum Bid Price' (Jun 14, 2022)",
    "[NLR26]": "National Law Review, Nasdaq continued-listing market value proposal (Jan 2026), quoting 5450/5550",
}


def public_source(source: str) -> str:
    """``source`` as a user sees it: the short keys of :data:`KEYS` expanded.

    >>> public_source("[SEC-JAN25]; Goodwin Feb 20, 2025")
    'SEC order, SR-NASDAQ-2024-045, Rel. 34-102245, 90 FR 8081 (approved Jan 17, 2025); Goodwin Feb 20, 2025'
    >>> public_source("Nasdaq FAQ 1415")
    'Nasdaq FAQ 1415'
    """
    text = source.strip()
    for key, full in KEYS.items():
        text = text.replace(key, full)
    return text or "see the rule number"


def sources_text() -> str:
    """The shipped list of primary sources (``splitcalc/docs/sources.md``)."""
    return resources.files("splitcalc").joinpath("docs/sources.md").read_text(encoding="utf-8")
