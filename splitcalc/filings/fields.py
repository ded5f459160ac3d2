"""The wordings filings use for each split term, and the candidates found in a text.

Each finder below scans the normalised text (:mod:`.normalise`) for the
phrasings press releases, 8-Ks (Items 3.01, 5.03, 5.07, 8.01) and proxy
statements use for one term and yields a :class:`Candidate`: the value, the
character span of the phrase it was read from and a confidence. Finders are
strict on purpose -- a value is taken only from a phrase that states it
(a record date from "stockholders of record on ..."), never inferred from
nearby dates -- because a wrong term is worse than a missing one.
:func:`candidates` runs them all; :mod:`.result` keeps a field only when all
its candidates agree.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final

from ..coerce import MAX_DIGITS
from ..errors import InvalidRatio
from ..ratio import _TENS, _UNITS, SplitRatio

__all__ = ["UNREAD", "Candidate", "candidates", "cusip_ok", "parse_date"]


@dataclass(frozen=True)
class Candidate:
    """One reading of one field: its value and the span of the phrase it came from."""

    field: str
    value: object
    start: int
    end: int
    confidence: float


# ---------------------------------------------------------------- building blocks
_MONTHS: Final = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d|\d{{1,2}}\s+{_MONTH},?\s+(?:19|20)\d\d)"
_D = rf"{_WEEKDAY}(?P<d>{DATE})"
_NUMWORD = "|".join(sorted((*_UNITS, *_TENS), key=len, reverse=True))
_WORDNUM = (
    rf"(?:{_NUMWORD})(?:[ -](?:{_NUMWORD}))?(?:[ -]hundred(?:[ -](?:and[ -])?(?:{_NUMWORD})(?:[ -](?:{_NUMWORD}))?)?)?"
)
_N = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,6}}|{_WORDNUM})(?:\s*\(\s*\d[\d,]*\s*\))?"
_RATIO = (
    rf"\b{_N}\s*(?:-|\s)\s*for\s*(?:-|\s)\s*{_N}(?!\w)"
    r"(?:\s*\(\s*\d[\d,]*\s*(?::|-?\s*for\s*-?)\s*\d[\d,]*\s*\))?"
)
_COLON_RATIO = r"\b\d{1,5}\s*:\s*\d{1,5}\b"
_COUNT = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s+(?:million|billion)"
_TIME = (
    r"\d{1,2}:\d{2}\s*(?:a\.m\.|p\.m\.|am\b|pm\b|A\.M\.|P\.M\.)"
    r"(?:\s*,?\s*\(?(?:(?:U\.S\.\s+)?(?:Eastern|Pacific|Central|Mountain)\s+(?:Standard\s+|Daylight\s+)?Time|"
    r"New\s+York\s+(?:City\s+)?[Tt]ime|ET|EST|EDT|PT|PST|PDT|CT)\b\)?)?"
)
# a character of one sentence: no full stop, except the one of "Inc." or "Corp."
_NODOT = r"(?:[^.\n]|(?<=Inc)\.|(?<=Corp)\.|(?<=Co)\.|(?<=Ltd)\.|(?<=N\.V)\.)"
_SPLIT_WORDS = re.compile(r"split|consolidat|combin|reverse|ratio|every\s", re.I)
_HYPOTHETICAL = re.compile(
    r"for\s+example|for\s+illustrat|illustrative|hypothetical|e\.g\.|assuming|previously|prior\s+reverse|"
    r"prior\s+stock\s+split|formerly|historical",
    re.I,
)
_EXAMPLE = re.compile(r"for\s+example|for\s+illustrat|illustrative|hypothetical|e\.g\.", re.I)
#: A split of the company's history, not the one the filing is about ("previous", "had effected", "in 2016").
_HISTORY = re.compile(
    r"\bprevious\b|\bearlier\b|\bhad\s+(?:previously\s+)?(?:effected|completed|undergone|implemented)\b|"
    r"\b(?:in|during)\s+(?:fiscal\s+)?(?:19|20)\d\d\b(?!\s*,?\s*\d)|\bsplit\s+(?:of|in)\s+(?:19|20)\d\d\b",
    re.I,
)
#: Words before a ratio that make it a bound or an estimate, not the ratio ("up to 1-for-50", "approximately").
_BOUND_BEFORE = re.compile(
    r"(?:\bup\s+to|\bnot\s+to\s+exceed|\b(?:not|no)\s+(?:more|less|greater|fewer)\s+than|\bmaximum(?:\s+ratio)?\s+of|"
    r"\bminimum(?:\s+ratio)?\s+of|\bat\s+(?:least|most)|\bas\s+(?:high|low|much|many)\s+as|\bapproximately|\babout|"
    r"\baround|\broughly|\bexceeding|\bexceed)\s+(?:a\s+|the\s+)?(?:ratio\s+of\s+)?$",
    re.I,
)
#: A merger's or a note's exchange ratio is not a split ratio.
_OTHER_RATIO = re.compile(r"\b(?:exchange|conversion)\s+ratio", re.I)
_ABBREV = frozenset(
    (
        "inc", "co", "corp", "ltd", "no", "nos", "p.m", "a.m", "u.s", "mr", "ms", "mrs", "dr", "st", "jr", "sr",
        "calif", "fla", "mass", "n.y", "n.j", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "vs", "n.v", "s.a", "l.p", "llc", "plc", "approx", "ph.d",
    )
)  # fmt: skip


def parse_date(text: str) -> dt.date | None:
    """``"September 5, 2002"``, ``"Sept. 5th 2002"`` or ``"5 September 2002"`` -> a date (None if invalid)."""
    m = re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", text.strip())
    if m is not None:
        month, day, year = m[1], m[2], m[3]
    else:
        m = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})", text.strip())
        if m is None:
            return None
        day, month, year = m[1], m[2], m[3]
    number = _MONTHS.get(month[:3].lower())
    if number is None:
        return None
    try:
        return dt.date(int(year), number, int(day))
    except ValueError:
        return None


def _count(text: str) -> int | None:
    """``"39,752,812"`` -> 39752812; ``"100 million"`` -> 100000000; None past the input bounds.

    A number of more than :data:`splitcalc.coerce.MAX_DIGITS` digits is no
    share count: it is not read (and never handed to ``int()``, which stops
    at 4,300 digits with a ValueError).
    """
    text = text.strip()
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s+(million|billion)", text)
    if m is not None:
        if len(m[1]) > MAX_DIGITS:
            return None
        value = Decimal(m[1]) * (10**6 if m[2] == "million" else 10**9)
        return int(value) if value == value.to_integral_value() else None
    digits = text.replace(",", "")
    return int(digits) if digits.isdecimal() and len(digits.lstrip("0")) <= MAX_DIGITS else None


def cusip_ok(cusip: str) -> bool:
    """True when the 9-character CUSIP's check digit is right (the modulus-10 "double-add-double" scheme).

    >>> cusip_ok("037833100"), cusip_ok("037833101")
    (True, False)
    """
    if not re.fullmatch(r"[0-9A-Z]{8}[0-9]", cusip):
        return False
    total = 0
    for i, ch in enumerate(cusip[:8]):
        v = int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10
        if i % 2 == 1:
            v *= 2
        total += v // 10 + v % 10
    return (10 - total % 10) % 10 == int(cusip[8])


#: Characters searched before and after a trigger word (longer than any phrase read).
_BEFORE: Final = 700
_AFTER: Final = 900
#: Bounds on one finder's work, whatever the text (a file packed with trigger words): the places read per
#: trigger word and the characters of windows searched. A press release, 8-K or proxy proposal is far below
#: both; past them a finder's fields are flagged, not read from part of the text (see :func:`candidates`).
_MAX_HITS: Final = 2_000
_MAX_SCAN: Final = 600_000


class _Unread:
    """The reading that stands for the mentions past a finder's bounds: it disagrees with every value."""

    def __str__(self) -> str:
        return "more mentions than splitcalc reads (a text this packed is not read in full)"


UNREAD: Final = _Unread()


_BOUNDARY: Final = re.compile(r"(?<=[.!?])[\"')]?\s+(?=[\"(]?[A-Z0-9])|\n")
#: How far a sentence is looked for around a position (longer than any sentence read).
_REACH: Final = 1500
#: Sentence boundaries are found block by block, on demand (a boundary match is a few characters).
_BLOCK: Final = 4096


class _Text:
    """The normalised text, the windows a finder searches, sentences found on demand."""

    def __init__(self, text: str) -> None:
        self.text = text
        lower = text.lower()
        self.lower = lower if len(lower) == len(text) else text  # lower() keeps positions for all but a few letters
        self.windows: list[tuple[int, int]] = [(0, len(text))]
        self._marks: dict[int, tuple[list[int], list[int]]] = {}

    def focus(self, triggers: tuple[str, ...]) -> int | None:
        """Search only near the ``triggers`` (lower-case word beginnings) until the next call.

        Every finder's phrases contain one of its trigger words, so a long
        document (a 10-K) is searched in the few windows around them; the
        words are found with :meth:`str.find`, not a regular expression.

        The work is bounded whatever the text: at most :data:`_MAX_HITS`
        places per trigger word and :data:`_MAX_SCAN` characters of windows
        are read. Returns the offset where reading stopped when a bound cut
        it short (the finder's readings are then incomplete), else None.
        """
        hits: set[int] = set()  # one window per place, however many trigger words start there
        cut: int | None = None
        for word in triggers:
            found = 0
            at = self.lower.find(word)
            while at >= 0 and (cut is None or at < cut):
                if at == 0 or not self.lower[at - 1].isalnum():
                    hits.add(at)
                    found += 1
                    if found == _MAX_HITS:
                        cut = at if cut is None else min(cut, at)
                        break
                at = self.lower.find(word, at + 1)
        spans: list[tuple[int, int]] = []
        read = 0
        for at in sorted(hits):
            if cut is not None and at >= cut:
                break
            start, end = max(0, at - _BEFORE), min(len(self.text), at + _AFTER)
            space = self.text.find(" ", end, end + 100)  # never end a window inside a word ("1-for-")
            end = space if space >= 0 else min(len(self.text), end + 100)
            if spans and start <= spans[-1][1]:
                read += end - spans[-1][1]
                spans[-1] = (spans[-1][0], end)
            else:
                read += end - start
                spans.append((start, end))
            if read > _MAX_SCAN:
                cut = at + 1
                break
        self.windows = spans
        return cut

    def find(self, pattern: str | re.Pattern[str], flags: int = 0) -> Iterator[re.Match[str]]:
        """``finditer`` over the current windows (:meth:`focus`)."""
        compiled = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
        for start, end in self.windows:
            for m in compiled.finditer(self.text, start, end):
                if m.end() != end or end == len(self.text):
                    yield m
                    continue
                whole = compiled.match(self.text, m.start())  # cut by the window's end ("1-for-12|5"): whole
                if whole is not None:
                    yield whole

    def _is_boundary(self, m: re.Match[str]) -> bool:
        if m[0] == "\n":
            return True
        before = self.text[max(0, m.start() - 12) : m.start()]
        word = re.split(r"[\s(\"]", before)[-1].rstrip(".").lower()
        return word not in _ABBREV and len(word) != 1

    def _block(self, k: int) -> tuple[list[int], list[int]]:
        """Start and end offsets of the sentence boundaries starting in block ``k`` (found once, on first use)."""
        marks = self._marks.get(k)
        if marks is None:
            lo = k * _BLOCK
            found = [
                m
                for m in _BOUNDARY.finditer(self.text, lo, min(len(self.text), lo + _BLOCK + 64))
                if m.start() < lo + _BLOCK and self._is_boundary(m)
            ]
            marks = self._marks[k] = ([m.start() for m in found], [m.end() for m in found])
        return marks

    def sentence(self, pos: int) -> tuple[int, int]:
        """``(start, end)`` of the sentence holding character ``pos``.

        A sentence ends at a line break or at ``.``, ``!`` or ``?`` followed by
        a capital or a digit, except after an abbreviation ("Inc.", "p.m.",
        "Sept.") or an initial; it reaches at most :data:`_REACH` characters
        either side of ``pos``. Boundaries are found once per block of the
        text, only for the blocks around the places read (:meth:`_block`), so
        the work is bounded by those places, not by the length of the text.
        """
        low, high = max(0, pos - _REACH), min(len(self.text), pos + _REACH)
        starts: list[int] = []
        ends: list[int] = []
        for k in range(low // _BLOCK, high // _BLOCK + 1):  # the few blocks around pos, in order
            block_starts, block_ends = self._block(k)
            starts += block_starts
            ends += block_ends
        start = low
        i = bisect.bisect_right(ends, pos) - 1  # the last boundary ending at or before pos
        if i >= 0 and starts[i] >= low:
            start = ends[i]
        end = high
        j = bisect.bisect_left(starts, pos + 1)  # the first boundary starting after pos
        if j < len(starts) and ends[j] <= high:
            end = ends[j]
        return start, end

    def sentence_text(self, pos: int) -> str:
        s, e = self.sentence(pos)
        return self.text[s:e]

    def around(self, pos: int, before: int) -> str:
        """The sentence holding ``pos`` with up to ``before`` characters ahead of it."""
        s, e = self.sentence(pos)
        return self.text[max(0, s - before) : e]


_Finder = Callable[[_Text], Iterator[Candidate]]
_FINDERS: list[tuple[_Finder, tuple[str, ...]]] = []


def _finder(*triggers: str) -> Callable[[_Finder], _Finder]:
    """Register a finder; it searches only near the ``triggers`` (lower-case word beginnings)."""

    def register(fn: _Finder) -> _Finder:
        _FINDERS.append((fn, triggers))
        return fn

    return register


def candidates(text: str, *, filed: dt.date | None = None) -> list[Candidate]:
    """Every candidate reading of every field in the normalised ``text``."""
    t = _Text(text)
    out: list[Candidate] = []
    for fn, trigger in _FINDERS:
        cut = t.focus(trigger)
        found = list(fn(t))
        out.extend(found)
        if cut is not None:  # the mentions past the cut may say otherwise: each field read becomes an ambiguity
            out.extend(Candidate(name, UNREAD, cut, cut, 0.0) for name in sorted({c.field for c in found}))
    if filed is not None and not any(c.field == "announced" for c in out):
        m = re.search(r"\b(?:today\s+announced|announced\s+today)\b", text, re.I)
        if m is not None:
            out.append(Candidate("announced", filed, m.start(), m.end(), 0.5))
    return out


def _dates(t: _Text, field: str, patterns: tuple[str, ...], conf: float, *, needs: re.Pattern[str] | None = None,
           before: int = 0, this_split: bool = False) -> Iterator[Candidate]:  # fmt: skip
    """Dates read by ``patterns``; ``needs`` a word near them; ``this_split``: not in a sentence of past splits."""
    for pattern in patterns:
        for m in t.find(pattern, re.I):
            if needs is not None and not needs.search(t.around(m.start(), before)):
                continue
            if this_split and _HISTORY.search(t.sentence_text(m.start())):
                continue
            when = parse_date(m["d"])
            if when is not None:
                yield Candidate(field, when, m.start(), m.end(), conf)


# ---------------------------------------------------------------- issuer
_SUFFIX = (
    r"(?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.|Company|Ltd\.?|Limited|plc|PLC|N\.V\.|S\.A\.|LLC|L\.P\.|"
    r"AG|SE|Holdings|Group|Trust|Bancorp|Bancshares)"
)
_COMPANY = re.compile(
    rf"(?:[A-Z0-9][\w&'.\-]*,?\s+(?:(?:and|of|the|&|de)\s+)?){{0,6}}{_SUFFIX}",
)
_NOT_NAME = frozenset({"today", "the", "on", "in", "announced", "company", "stockholders"})
_EXCH = (
    r"NASDAQ\s*(?:CM|GM|GS)?|Nasdaq\s*(?:CM|GM|GS)?|Nasdaq\s+(?:Capital|Global\s+Select|Global|National|SmallCap)\s+"
    r"Market|NYSE\s*American|NYSE\s*MKT|NYSE\s*Amex|AMEX|Amex|NYSE|New\s+York\s+Stock\s+Exchange|"
    r"American\s+Stock\s+Exchange"
)
_OTC = r"OTCQB|OTCQX|OTC\s+Pink|OTCBB|OTC\s+Markets|OTC"
_TICKER_PAREN = re.compile(
    rf"\((?:(?P<ex>{_EXCH})|(?P<otc>{_OTC}))\s*:\s*(?P<t>[A-Z]{{1,5}}(?:\.[A-Z])?)\s*(?:\s*[-;,][^)]{{0,60}})?\)"
)
#: A defined term naming the registrant: '(the "Company")', '("POET" or the "Company")'.
_DEFINED_CO = re.compile(r"\s*\((?:the\s+)?\"(?:Company|[A-Z][\w'&.]*)\"(?:\s*,|\s+or\s+|\s*\))")
_ANNOUNCED_BY = re.compile(r",?\s+(?:today\s+)?(?:announced|announces|reported|declared)\b")
_NAME_IS = re.compile(r"\bname\s+of\s+the\s+(?:corporation|company)\s+is\s+", re.I)
_COVER_ROW = re.compile(
    r"Common\s+(?:Stock|Shares)[^\n|]{0,80}?\s*\|?\s*(?P<t>[A-Z]{1,5}(?:\.[A-Z])?)\s*\|?\s*"
    r"(?P<ex>The\s+Nasdaq\s+Stock\s+Market\s+LLC|The\s+NASDAQ\s+Stock\s+Market\s+LLC|The\s+Nasdaq\s+(?:Capital|Global"
    r"(?:\s+Select)?)\s+Market|New\s+York\s+Stock\s+Exchange|NYSE\s+American\s+LLC|NYSE\s+MKT\s+LLC)"
)
_COVER_NAME = re.compile(r"(?:^|\n|\|)\s*(?P<co>[^\n|]{3,100}?)\s*\|?\s*\(Exact\s+name\s+of\s+registrant", re.I)
_SYMBOL = re.compile(
    rf"\b(?:listed|traded|trade|trades|trading|quoted)\s+on\s+(?:the\s+)?(?P<ex>{_EXCH})\b[^.\n]{{0,80}}?\bunder\s+the\s+"
    r"(?:current\s+|existing\s+|same\s+)?(?:ticker\s+|trading\s+)?symbol\s+\"?(?P<t>[A-Z]{1,5}(?:\.[A-Z])?)\"?"
)


_TRADES_ON = re.compile(
    rf"\b(?:trading|trade|trades|traded|listed|listing|quoted)\b[^.\n]{{0,60}}?\bon\s+(?:the\s+|The\s+)?(?P<ex>{_EXCH})"
    r"|\bListing\s+Qualifications\s+(?:Department|Staff)\s+of\s+(?:the\s+|The\s+)?(?P<nq>Nasdaq|NASDAQ)\s+Stock\s+Market"
    rf"|\breceived\s+(?:a\s+|an\s+)?(?:written\s+)?(?:deficiency\s+)?(?:notice|notification|letter)\s+from\s+(?:the\s+|The\s+)?"
    rf"(?P<nt>{_EXCH})\b"
)
_MOVING = re.compile(r"transfer|move|moving|appl(?:y|ied|ication)|delist|suspen|uplist|switch", re.I)


def exchange_venue(name: str) -> tuple[str, str | None]:
    """``"Nasdaq Capital Market"`` -> ``("nasdaq", "nasdaq-capital")``: the venue and, when named, the rule set."""
    key = " ".join(name.lower().split())
    if "american" in key or "mkt" in key or "amex" in key:
        return "nyse-american", "nyse-american"
    if key.startswith("nyse") or "new york" in key:
        return "nyse", "nyse"
    for word, tier in (
        ("capital", "nasdaq-capital"),
        ("cm", "nasdaq-capital"),
        ("global select", "nasdaq-global-select"),
        ("gs", "nasdaq-global-select"),
        ("global", "nasdaq-global"),
        ("gm", "nasdaq-global"),
        ("national", "nasdaq-national-market"),
        ("smallcap", "nasdaq-smallcap"),
    ):
        if re.search(rf"\b{word}\b|nasdaq{word}\b", key):
            return "nasdaq", tier
    return "nasdaq", None


def _company_before(t: _Text, pos: int) -> tuple[str, int] | None:
    """The company name written just before ``pos``, starting a line or after a dateline, else None.

    The name must end in a corporate suffix ("Inc.", "Corp.", "Ltd" ...) and
    start after a line break, a dash ("--", " - "), a wire tag ("/") or a
    closing parenthesis -- where a release's subject is written.
    """
    line_start = t.text.rfind("\n", 0, pos) + 1
    window_start = max(line_start, pos - 200)
    window = t.text[window_start:pos]
    cut = max(window.rfind("--"), window.rfind(" - "), window.rfind("/ "), window.rfind(")-"), window.rfind(") "))
    if cut >= 0:
        offset = cut + 2
    elif line_start >= window_start:
        offset = 0
    else:
        return None
    name = window[offset:].strip().rstrip(",").strip()
    if not name or _COMPANY.fullmatch(name) is None:
        return None
    if name.split()[0].strip(",").lower() in _NOT_NAME or re.search(r"\b(?:19|20)\d\d\b", name):
        return None
    return name, window_start + window.index(name, offset)


@_finder(
    "(nasdaq",
    "(nyse",
    "(amex",
    "(otc",
    "(the",
    '("',
    "announc",
    "declare",
    "reported",
    "name of the",
    "received",
    "(new york",
    "(american",
    "exact name",
    "common stock",
    "common shares",
    "symbol",
    "listing qualifications",
    "listed",
    "listing",
    "trad",
    "quoted",
)
def _issuer(t: _Text) -> Iterator[Candidate]:
    first = True
    for m in t.find(_TICKER_PAREN):
        named = _company_before(t, m.start())
        lead = first and m.start() < 600  # the first tag at the head of a release is its subject's
        first = False
        if named is None and not lead:
            continue
        if named is not None:
            name, start = named
            yield Candidate("company", name, start, start + len(name), 0.9)
        yield Candidate("ticker", m["t"], m.start(), m.end(), 0.9 if named else 0.7)
        if m["ex"]:
            venue, tier = exchange_venue(m["ex"])
            yield Candidate("exchange", venue, m.start(), m.end(), 0.9 if named else 0.7)
            if tier is not None:
                yield Candidate("exchange_tier", tier, m.start(), m.end(), 0.9)
    for pattern, head in ((_DEFINED_CO, None), (_ANNOUNCED_BY, 1000)):
        for m in t.find(pattern):
            if head is not None and m.start() > head:
                break
            named = _company_before(t, m.start())
            if named is not None:
                yield Candidate("company", named[0], named[1], named[1] + len(named[0]), 0.8)
    for m in t.find(_NAME_IS):
        stated = re.match(rf"({_COMPANY.pattern})(?=[.,;]?(?:\s|$))", t.text[m.end() : m.end() + 120])
        if stated is not None:
            name = stated[1].rstrip(".") if stated[1].endswith(("Corporation.", "Company.")) else stated[1]
            yield Candidate("company", name, m.end(), m.end() + len(name), 0.8)
    for m in t.find(_COVER_ROW):
        venue, tier = exchange_venue(m["ex"])
        yield Candidate("ticker", m["t"], m.start(), m.end(), 0.9)
        yield Candidate("exchange", venue, m.start(), m.end(), 0.9)
        if tier is not None and "stock market llc" not in m["ex"].lower():
            yield Candidate("exchange_tier", tier, m.start(), m.end(), 0.9)
    for m in t.find(_COVER_NAME):
        name = m["co"].strip(" |")
        if _COMPANY.fullmatch(name):
            yield Candidate("company", name, m.start("co"), m.start("co") + len(name), 0.8)
    for m in t.find(_TRADES_ON):
        if _MOVING.search(t.sentence_text(m.start())):
            continue
        venue, tier = exchange_venue(m["ex"] or m["nq"] or m["nt"])
        yield Candidate("exchange", venue, m.start(), m.end(), 0.7)
        if tier is not None and m["ex"]:
            yield Candidate("exchange_tier", tier, m.start(), m.end(), 0.7)
    for m in t.find(_SYMBOL):
        tail = t.text[m.end() : m.end() + 60].lower()
        if re.search(r"new|interim|temporar", t.text[m.start() : m.end()], re.I) or re.match(
            r"[\"']?\s*(?:for\s+(?:a\s+period\s+of\s+)?\w+\s+(?:\(\d+\)\s+)?(?:trading|business)\s+days)", tail
        ):
            continue
        venue, tier = exchange_venue(m["ex"])
        yield Candidate("ticker", m["t"], m.start(), m.end(), 0.8)
        yield Candidate("exchange", venue, m.start(), m.end(), 0.8)
        if tier is not None:
            yield Candidate("exchange_tier", tier, m.start(), m.end(), 0.8)


# ---------------------------------------------------------------- ratio
_RANGE = re.compile(
    rf"\b(?:range|ranging|between|(?:not|no)\s+less\s+than|from|within|minimum)\W+(?:[\w\"]+\W+){{0,4}}?"
    rf"(?P<a>{_RATIO}|{_COLON_RATIO})\s*,?\s*(?:to|and|through|-)\s+(?:(?:not|no)\s+(?:more|greater)\s+than\s+|"
    rf"a\s+maximum\s+(?:ratio\s+)?of\s+)?(?:(?:a\s+)?(?:ratio\s+of\s+)?)(?P<b>{_RATIO}|{_COLON_RATIO})",
    re.I,
)
_SINGLE = re.compile(_RATIO, re.I)
#: "each outstanding 6, 7, 8, 9, 10, 11 or 12 shares would be combined ... into one share": a range.
_EACH_OF = re.compile(
    r"\beach\s+(?:issued\s+and\s+)?outstanding\s+(?P<lo>\d{1,4})(?:\s*,\s*\d{1,4})*,?\s+or\s+(?P<hi>\d{1,4})\s+shares\b"
    r"[^.\n]{0,120}?\b(?:combined|converted|reclassified|changed)[^.\n]{0,60}?\binto\s+one\s+(?:\(1\)\s+)?share\b",
    re.I,
)
_COLON_SPLIT = re.compile(
    rf"(?P<r>{_COLON_RATIO})\s+(?:reverse\s+|forward\s+)?(?:stock\s+|share\s+)?split|ratio\s+of\s+(?P<r2>{_COLON_RATIO})",
    re.I,
)
_SPLIT_TAIL = re.compile(r"\s+(?:share\s+|stock\s+)*(?:reverse|forward)\s+(?:stock\s+|share\s+)?split\b", re.I)
_EVERY_START = re.compile(r"\b(?:every|each)\s+(?:\d|[a-z]+\s*\(\d)", re.I)


def _direction_near(t: _Text, start: int, end: int) -> str:
    """``"reverse"`` or ``"forward"`` written within a few words of the ratio, else ``""``."""
    s, e = t.sentence(start)
    near = t.text[max(s, start - 60) : min(e, end + 40)].lower()
    found = {
        "reverse" if w.startswith("consolidat") else w for w in re.findall(r"\b(reverse|forward|consolidat\w*)", near)
    }
    return found.pop() if len(found) == 1 else ""


@_finder("split", "consolidat", "combin", "ratio", "revers", "every", "each")
def _ratios(t: _Text) -> Iterator[Candidate]:
    taken: list[tuple[int, int]] = []
    for m in t.find(_RANGE):
        if _EXAMPLE.search(t.sentence_text(m.start())) or "|" in m[0]:
            continue
        direction = _direction_near(t, m.start(), m.end())
        try:
            lo, hi = SplitRatio.parse_range(f"{m['a']} to {m['b']} {direction}".strip())
        except InvalidRatio:
            continue
        taken.append((m.start(), m.end()))
        yield Candidate("ratio_range", (lo, hi), m.start(), m.end(), 0.9)
    for m in t.find(_EACH_OF):
        fewest, most = int(m["lo"]), int(m["hi"])
        if 1 < fewest < most and not _EXAMPLE.search(t.sentence_text(m.start())):
            taken.append((m.start(), m.end()))
            yield Candidate("ratio_range", (SplitRatio(1, fewest), SplitRatio(1, most)), m.start(), m.end(), 0.85)
    singles = [(m.start(), m.end(), m[0]) for m in t.find(_SINGLE)]
    singles += [(m.start(), m.end(), m["r"] or m["r2"]) for m in t.find(_COLON_SPLIT)]
    for m in t.find(_EVERY_START):
        _s, e = t.sentence(m.start())
        singles.append((m.start(), e, t.text[m.start() : e]))
    singles.sort(key=lambda s: (s[0], -s[1]))
    ranges = sorted(taken)  # the ranges' spans; a single inside one is an end of that range
    range_starts = [a for a, _b in ranges]
    reach = -1  # the furthest end of a single taken so far (singles go in order of their start)
    for start, stop, phrase in singles:
        end = stop
        i = bisect.bisect_right(range_starts, start) - 1
        if start < reach or (i >= 0 and any(a <= start < b for a, b in ranges[max(0, i - 8) : i + 1])):
            continue
        sentence = t.sentence_text(start)
        if not _SPLIT_WORDS.search(_OTHER_RATIO.sub(" ", sentence)) or "|" in sentence:
            continue
        if _HYPOTHETICAL.search(sentence) or _HISTORY.search(sentence):
            continue
        if phrase.lower().startswith(("every", "each")) and not re.search(r"\binto\b", phrase, re.I):
            continue
        direction = _direction_near(t, start, end)
        try:
            ratio = SplitRatio.parse(f"{phrase} {direction}".strip())
        except InvalidRatio:
            continue
        if ratio.new == ratio.old:
            continue
        if _BOUND_BEFORE.search(t.text, max(0, start - 40), start):  # "up to 1-for-50": only the way it goes
            yield Candidate("direction", "reverse" if ratio.is_reverse else "forward", start, stop, 0.6)
            continue
        if phrase.lower().startswith(("every", "each")):
            into = re.search(r"\binto\s+\S+(?:\s*\(\d+\))?\s+(?:\w+\s+){0,6}?shares?\b", phrase, re.I)
            end = start + (into.end() if into else len(phrase))
        else:
            tail = _SPLIT_TAIL.match(t.text, end)
            end = tail.end() if tail else end
        reach = max(reach, end)
        yield Candidate("ratio", ratio, start, end, 0.9)


# ---------------------------------------------------------------- dates
_VOTING = re.compile(r"\bvot|meeting|proxy|entitled\s+to\s+notice|written\s+consent", re.I)
_SPLIT_CTX = re.compile(r"split|consolidation|the\s+amendment|ratio", re.I)


_MEETING = r"(?:special|annual|extraordinary\s+general|annual\s+general|general)"
#: A meeting date that ends "originally scheduled for <date>": the date the meeting no longer has.
_SUPERSEDED = re.compile(
    rf"\b(?:originally|previously|initially)\s+(?:scheduled|set|called|planned)\s+(?:to\s+be\s+held\s+)?(?:for|on)\s+"
    rf"{_WEEKDAY}{DATE}$",
    re.I,
)


@_finder("record", "meeting")
def _meeting_dates(t: _Text) -> Iterator[Candidate]:
    yield from _dates(
        t,
        "record_date",
        (
            rf"\bof\s+record\s+(?:as\s+of\s+|at\s+the\s+close\s+of\s+business\s+(?:on\s+)?|on\s+|as\s+at\s+)"
            rf"(?:the\s+close\s+of\s+business\s+on\s+)?{_D}",
            rf"\brecord\s+date\b[^.;\n]{{0,60}}?\b(?:is|was|of|has\s+been\s+(?:fixed|set)\s+(?:as|at)|"
            rf"(?:fixed|set)\s+as|:)\s*(?:the\s+close\s+of\s+business\s+(?:on\s+)?)?{_D}",
            rf"\bclose\s+of\s+business\s+on\s+{_D}\s*(?:\(\s*the\s+\"?record\s+date|,?\s+as\s+the\s+record\s+date)",
        ),
        0.9,
        this_split=True,
        needs=_VOTING,  # the record date of a meeting or a vote, not of a split's distribution
    )
    meetings = _dates(
        t,
        "meeting_date",
        (
            rf"\b{_MEETING}\s+meeting\b{_NODOT}{{0,120}}?\b(?:adjourned|postponed|rescheduled)\s+(?:to|until)\s+{_D}",
            rf"\b{_MEETING}(?:\s+and\s+special)?\s+meeting\s+of\s+(?:the\s+)?(?:company's\s+|[\w.,&']+\s+)?"
            rf"(?:stockholders|shareholders)\b{_NODOT}{{0,80}}?\b(?:(?:will|to)\s+be\s+held|was\s+held|held|scheduled|"
            rf"convened|reconvened)\s+(?:at\s+[^.\n]{{0,120}}?,\s+)?(?:for\s+|on\s+)?{_D}",
            rf"\b{_MEETING}\s+meeting\b[^.\n]{{0,40}}?\b(?:will\s+be\s+|was\s+)?held\s+on\s+{_D}",
            rf"\b{_MEETING}\s+meeting\s+(?:of\s+(?:stockholders|shareholders)\s+)?(?:on|scheduled\s+for)\s+{_D}",
            rf"\bOn\s+{_D},\s+{_NODOT}{{0,80}}?\bheld\s+(?:its|a|an|the)\s+(?:\d{{4}}\s+)?{_MEETING}\s+meeting",
            rf"(?-i:\bOn)\s+{_D},\s+at\s+the\s+{_MEETING}\s+meeting",
        ),
        0.9,
        this_split=True,
    )
    for c in meetings:  # "originally scheduled for March 1": the date it no longer has
        if not _SUPERSEDED.search(t.text[c.start : c.end]):
            yield c


#: A dateline is at the head of a release: within this many characters of the start.
_DATELINE_REACH: Final = 1500


def _numeric_date(text: str) -> dt.date | None:
    """``"04/18/2006"`` (month/day/year, as US wire services write datelines) -> a date."""
    m = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})", text)
    if m is None:
        return None
    try:
        return dt.date(int(m[3]), int(m[1]), int(m[2]))
    except ValueError:
        return None


_ANNOUNCE_WIRE = (
    r"\s*(?:/\s*[A-Za-z][A-Za-z ]{2,30}\s*/|"
    r"\(\s*(?:BUSINESS\s+WIRE|GLOBE\s+NEWSWIRE|ACCESSWIRE|PRNewswire|MARKET\s+WIRE)\s*\))?"
)


@_finder("announc", "board of directors")
def _announcement(t: _Text) -> Iterator[Candidate]:
    for m in t.find(
        rf"(?:^|\n|,\s|\(|--)\s*(?P<d>{DATE}|\d{{2}}/\d{{2}}/(?:19|20)\d\d)\s*\)?\.?{_ANNOUNCE_WIRE}\s*(?:--|-)"
        r"[^\n]{0,300}?\b(?:announced|announces)\b",
    ):
        if m.start("d") > _DATELINE_REACH:
            continue
        when = parse_date(m["d"]) or _numeric_date(m["d"])
        if when is not None:
            yield Candidate("announced", when, m.start("d"), m.end("d"), 0.9)
    yield from _dates(
        t,
        "announced",
        (
            rf"\bOn\s+{_D},\s+(?:the\s+Company|we|[A-Z][\w.,&' ]{{0,60}}?)\s+(?:issued\s+a\s+press\s+release\s+"
            r"announcing|publicly\s+announced|announced)",
        ),
        0.8,
        needs=_SPLIT_CTX,
    )
    yield from _dates(
        t,
        "board_approval",
        (
            rf"(?-i:\bOn)\s+{_D},\s+(?:{_NODOT}{{0,200}}?,\s+)?(?:the\s+)?(?:Company's\s+|our\s+|its\s+)?Board\s+of\s+"
            rf"Directors\b{_NODOT}{{0,80}}?\b(?:approved|authorized|adopted|voted|determined|resolved|declared|effected)",
            rf"\b(?:determined|approved|authorized|adopted)\s+by\s+(?:the\s+)?(?:Company's\s+)?Board(?:\s+of\s+Directors)?"
            rf"\s+on\s+{_D}",
            rf"\bBoard\s+of\s+Directors,?\s+on\s+{_D},\s+(?:unanimously\s+)?(?:approved|authorized|adopted|determined)",
        ),
        0.85,
        this_split=True,
        needs=_SPLIT_CTX,
    )


#: A proper name, every word capitalised whatever the flags ("Zeta Corp.", "Acme Widgets, Inc.").
_PROPER = r"(?-i:[A-Z][\w.,&']*(?:\s+[A-Z&][\w.,&']*){0,5})"


#: A vote on something else (a plan, an election, the auditors, pay, a merger) ...
_OTHER_VOTE = re.compile(
    r"\bplan\b|\belect(?:ion|ed)?\b|\bauditors?\b|accounting\s+firm|compensation|say[- ]on[- ]pay|\bmerger\b", re.I
)
#: ... unless the same sentence names the split.
_SPLIT_VOTE = re.compile(r"split|consolidat|amendment|ratio", re.I)


@_finder("stockholder", "shareholder", "not approved", "failed to", "received sufficient")
def _vote(t: _Text) -> Iterator[Candidate]:
    patterns = (
        ("not approved", r"\b(?:stockholders|shareholders)\s+did\s+not\s+approve|\b(?:was|were)\s+not\s+approved|"
         r"\bfailed\s+to\s+(?:receive|obtain)\s+the\s+(?:requisite|required)\s+(?:vote|approval)"),
        ("approved", r"\b(?:stockholders|shareholders)\s+(?:of\s+(?:the\s+Company|" + _PROPER + r")\s+)?"
         r"(?:approved|adopted|ratified|"
         r"voted\s+(?:in\s+favor\s+of|to\s+approve))|\b(?:was|were)\s+(?:duly\s+)?(?:approved|adopted)\s+by\s+"
         r"(?:the\s+)?(?:requisite\s+)?(?:vote\s+of\s+(?:the\s+)?)?(?:Company's\s+)?(?:stockholders|shareholders)|"
         r"\b(?:was|were|been|as)\s+approved\s+(?:and\s+authorized\s+)?by\s+(?:a\s+majority\s+of\s+)?(?:the\s+)?"
         r"(?:Company's\s+)?(?:stockholders|shareholders)|\breceiv\w+\s+(?:the\s+)?approval\s+(?:from|of)\s+(?:the\s+|a\s+)?"
         r"(?:majority\s+of\s+(?:the\s+)?)?(?:Company's\s+)?(?:stockholders|shareholders)|\bpursuant\s+to\s+"
         r"(?:stockholder|shareholder)s?'?\s+(?:and\s+board\s+)?approval|\breceived\s+sufficient\s+votes[^.\n]{0,60}?"
         r"\bfor\s+approval"),
    )  # fmt: skip
    for value, pattern in patterns:
        for m in t.find(pattern, re.I):
            s, e = t.sentence(m.start())
            if _HISTORY.search(t.text, s, e):
                continue  # the vote on a past split
            if _OTHER_VOTE.search(t.text, s, e) and not _SPLIT_VOTE.search(t.text, s, e):
                continue  # "stockholders approved the 2023 Equity Incentive Plan": another proposal's vote
            if re.search(r"split", t.text[max(0, s - 300) : e + 600], re.I):
                yield Candidate("vote_result", value, m.start(), m.end(), 0.8)


#: Within a clause: no full stop but those of "a.m." and "p.m.".
_CLAUSE = r"(?:[^.\n]|\.(?=m\.)|(?<=\.m)\.)"
#: An effective time written as a market moment ("after the close of trading").
_MARKET_TIME = r"(?:as\s+of|at|after|upon|before)\s+the\s+(?:close|start|open|opening|end)\s+of\s+(?:business|trading)"


@_finder("effect", "split-adjusted", "split adjusted", "post-split", "post-reverse", "cusip")
def _effective(t: _Text) -> Iterator[Candidate]:
    """Effective date and time, first split-adjusted trading day, new CUSIP."""
    patterns = (
        rf"\b(?:become|became|becomes|be|was|is)\s+effective\s+(?:as\s+of\s+|at\s+|from\s+)?(?:(?P<time>{_TIME})\s*,?\s*)?"
        rf"(?:on\s+)?{_D}",
        rf"\beffective\s+(?:as\s+of\s+|at\s+)(?P<time>{_TIME})\s*,?\s*(?:on\s+)?{_D}",
        rf"\beffective\s+(?:as\s+of\s+|on\s+|from\s+)?{_D}",
        rf"\b(?:become|became|becomes|be|is|was|take|takes|took|taken)\s+(?:effective|effect)\b(?P<mid>{_CLAUSE}{{0,120}}?)"
        rf"\bon\s+{_D}",
        rf"\beffective\s+(?P<mid>(?:as\s+of|at|after|upon)\s+the\s+(?:close|start|open|opening|end)\s+of\s+(?:business|"
        rf"trading)\s+)on\s+{_D}",
        rf"\b(?:will\s+be|was|were|is)\s+effected\s+(?:on\s+|as\s+of\s+)?{_D}",
        rf"(?-i:\bOn)\s+{_D},?\s+(?:{_NODOT}{{0,120}}?,\s+)?(?:the\s+Company|we)\s+effected\s+(?:a|an|the)\b",
    )
    for pattern in patterns:
        for m in t.find(pattern, re.I):
            sentence = t.sentence_text(m.start())
            if (
                not re.search(r"split|consolidation", sentence, re.I)
                or re.search(r"trading\s+purposes|registration\s+statement", sentence, re.I)
                or _HISTORY.search(sentence)
            ):
                continue
            when = parse_date(m["d"])
            if when is None:
                continue
            yield Candidate("effective_date", when, m.start(), m.end(), 0.85)
            groups = m.groupdict()
            if groups.get("time"):
                written = m["time"].strip(" ,()")
                yield Candidate("effective_time", written, m.start("time"), m.start("time") + len(written), 0.85)
            elif groups.get("mid"):
                clock = re.search(_TIME, m["mid"], re.I) or re.search(_MARKET_TIME, m["mid"], re.I)
                if clock is not None:
                    written = clock[0].strip(" ,()")
                    at = m.start("mid") + clock.start()
                    yield Candidate("effective_time", written, at, at + len(written), 0.8)
    yield from _dates(
        t,
        "first_trading_day",
        (
            rf"(?:split[-\s]adjusted|post-split|post-reverse\s+split)\s+basis\b[^.\n]{{0,100}}?\b(?:on|as\s+of|beginning|"
            rf"starting|commencing)\s+{_D}",
            rf"\b(?:on|as\s+of|beginning|starting|commencing)\s+{_D},?\s+(?:the\s+)?(?:Company's\s+)?(?:\w+\s+)?(?:stock|"
            rf"shares)[^.\n]{{0,120}}?(?:split[-\s]adjusted|post-(?:reverse\s+)?(?:stock\s+)?split)\s+basis",
            rf"\b(?:open\s+for\s+trading|begin\s+trading|commence\s+trading)\b[^.\n]{{0,100}}?\bon\s+{_D},?\s+on\s+a\s+"
            r"(?:split[-\s]adjusted|post-(?:reverse\s+)?(?:stock\s+)?split)\s+basis",
            rf"\bbegin\s+trading,?\s+as\s+adjusted\s+for\s+the\s+(?:reverse\s+)?(?:stock\s+)?split,?\s+on\s+{_D}",
            rf"\b(?:beginning|starting|commencing)\s+(?:on\s+)?{_D}[^.\n]{{0,80}}?\b(?:post-(?:reverse\s+)?(?:stock\s+)?split|"
            r"split[-\s]adjusted)\s+basis",
        ),
        0.85,
        this_split=True,
    )
    for m in t.find(
        r"\bnew\s+CUSIP\b[^.\n]{0,120}?\b(?P<c>[0-9A-Z]{6}\s?[0-9A-Z]{2}\s?[0-9])\b|"
        r"\bCUSIP\s+(?:number\s+)?(?:will\s+)?(?:be\s+)?(?:change[ds]?\s+)?to\s+(?P<d>[0-9A-Z]{6}\s?[0-9A-Z]{2}\s?[0-9])\b"
    ):
        cusip = (m["c"] or m["d"]).replace(" ", "")
        if cusip_ok(cusip):
            yield Candidate("new_cusip", cusip, m.start(), m.end(), 0.95)


# ---------------------------------------------------------------- fractional shares
_FRACTIONAL: Final = (
    ("round_up", r"\bround(?:ed)?\s+up\s+to\s+the\s+(?:next|nearest)\s+(?:higher\s+)?whole\s+(?:share|number)|"
     r"\b(?:in\s+lieu\s+of|instead\s+of)\s+(?:issuing\s+)?(?:any\s+)?fractional\s+shares?[^.\n]{0,120}?\bone\s+"
     r"(?:\(1\)\s+)?(?:whole|full)\s+share|\bfractional\s+shares?[^.\n]{0,200}?\b(?:receive|be\s+issued)\s+(?:one\s+)?"
     r"(?:\(1\)\s+)?(?:a\s+)?(?:whole|full)\s+share|\brounding\s+up\s+(?:any\s+|all\s+)?fractional"),
    ("round_down", r"\brounded\s+down\s+to\s+the\s+(?:next|nearest)\s+(?:lower\s+|lowest\s+)?whole\s+(?:share|number)"),
    ("round_nearest", r"\brounded\s+to\s+the\s+nearest\s+whole\s+(?:share|number)"),
    ("cash_in_lieu", r"\bcash\b[^.\n]{0,40}?\bin\s+lieu\s+of\s+(?:any\s+|such\s+|a\s+|the\s+)?fractional|"
     r"\bin\s+lieu\s+of\s+(?:any\s+|such\s+|a\s+|the\s+|issuing\s+)?fractional\s+shares?[^.\n]{0,120}?\b(?:cash|paid)\b|"
     r"\bfractional\s+shares?[^.\n]{0,150}?\b(?:receive[sd]?|entitled\s+to(?:\s+receive)?|paid)\s+(?:a\s+|an\s+)?"
     r"(?:cash|amount\s+in\s+cash|payment\s+in\s+cash)|\bcash\s+in\s+lieu\s+of\b[^.\n]{0,60}?\bfraction|"
     r"\bfractional\s+shares?\b[^.\n]{0,60}?\bsettled\s+in\s+cash|"
     r"\bfewer\s+than\s+\w+\s+(?:\(\d+\)\s+)?shares\b[^.\n]{0,80}?\bcash\s+in\s+lieu\s+of\s+(?:stock|shares|the\s+shares)\b"),
)  # fmt: skip
_NO_CASH = re.compile(
    r"\bno\s+(?:stock|share)?holders?\b[^.\n]{0,40}?\breceiv|\bnot\s+(?:be\s+)?(?:receive|paid|entitled)|\bwithout\s+(?:any\s+)?cash",
    re.I,
)
_BASIS = re.compile(
    r"\b(?:equal\s+to|based\s+(?:up)?on|on\s+the\s+basis\s+of|determined\s+(?:by|based\s+on)|calculated\s+(?:by|on\s+the\s+basis\s+of))\s+"
    r"(?P<b>(?:[^.;\n]|\.(?=\d)|(?<=Inc)\.|(?<=Corp)\.|(?<=Co)\.|(?<=[ap]\.m)\.){10,400}?)"
    r"(?=\.(?!\d)|;|\n|$)",  # to the clause's end, never cut short
    re.I,
)


@_finder("fraction", "lieu")
def _fractional(t: _Text) -> Iterator[Candidate]:
    for value, pattern in _FRACTIONAL:
        for m in t.find(pattern, re.I):
            sentence = t.sentence_text(m.start())
            if value != "cash_in_lieu" and not re.search(r"fraction", sentence, re.I):
                continue
            s, _e = t.sentence(m.start())
            if value == "cash_in_lieu" and _NO_CASH.search(t.text, s, m.end()):
                continue  # "No stockholders received cash in lieu ..."
            yield Candidate("fractional", value, m.start(), m.end(), 0.85)
            if value == "cash_in_lieu":
                _s, e = t.sentence(m.start())
                basis = _BASIS.search(t.text, m.start(), e)
                if basis is not None:
                    written = basis["b"].strip(" ,")
                    yield Candidate("cash_price_basis", written, basis.start("b"), basis.start("b") + len(written), 0.6)


# ---------------------------------------------------------------- share counts, par
_AUTH = (
    r"(?:the\s+)?(?:total\s+)?(?:number\s+of\s+)?(?:the\s+Company's\s+|our\s+)?authorized\s+"
    r"(?:shares|number\s+of\s+shares|common\s+stock|common\s+shares|capital\s+stock)"
)


@_finder("authorized", "authorised", "outstanding", "par value")
def _counts(t: _Text) -> Iterator[Candidate]:
    text = t.text
    for m in t.find(
        rf"(?:will|would|shall|does|did)\s+not\s+(?:change|affect|reduce|alter|decrease)\s+{_AUTH}|"
        rf"{_AUTH}[^.\n]{{0,80}}?(?:will|would|shall)\s+(?:remain\s+(?:unchanged|the\s+same)|not\s+(?:change|be\s+"
        rf"(?:\w+ly\s+)?(?:reduced|changed|affected|adjusted)))|\b(?:no|without\s+any)\s+(?:change|reduction)\s+(?:in|to)\s+{_AUTH}",
        re.I,
    ):
        yield Candidate("authorized_treatment", "unchanged", m.start(), m.end(), 0.85)
    for m in t.find(
        rf"(?:proportionate(?:ly)?|corresponding(?:ly)?)\s+(?:reduc\w+|decreas\w+)\s+(?:in\s+)?{_AUTH}|"
        rf"{_AUTH}[^.\n]{{0,80}}?(?:will|shall)\s+(?:also\s+)?be\s+(?:proportionately|correspondingly)\s+(?:reduced|"
        r"decreased)",
        re.I,
    ):
        s, _e = t.sentence(m.start())
        if re.search(r"\bnot\b", text[max(s, m.start() - 40) : m.end()], re.I):
            continue  # "will not be proportionately reduced": the unchanged finder reads it
        yield Candidate("authorized_treatment", "proportional", m.start(), m.end(), 0.85)
    for m in t.find(
        rf"\b(?:reduce|decrease|increase)\s+{_AUTH}(?:\s+of\s+(?:common\s+stock|capital\s+stock))?\s+from\s+"
        rf"(?P<a>{_COUNT})\s+(?:shares\s+)?to\s+(?P<b>{_COUNT})",
        re.I,
    ):
        a, b = _count(m["a"]), _count(m["b"])
        if a is not None and b is not None:
            yield Candidate("authorized_treatment", "stated", m.start(), m.end(), 0.8)
            yield Candidate("authorized_before", a, m.start("a"), m.end("a"), 0.85)
            yield Candidate("authorized_after", b, m.start("b"), m.end("b"), 0.85)
    for m in t.find(
        rf"{_AUTH}[^.\n]{{0,60}}?(?:will\s+)?(?:remain|remained|remains)\s+(?P<same>unchanged\s+|the\s+same\s+)?(?:at\s+)?"
        rf"(?P<n>{_COUNT})\s+shares",
        re.I,
    ):
        n = _count(m["n"])
        if n is not None:
            if m["same"]:
                yield Candidate("authorized_treatment", "unchanged", m.start(), m.end(), 0.85)
            yield Candidate("authorized_before", n, m.start("n"), m.end("n"), 0.8)
            yield Candidate("authorized_after", n, m.start("n"), m.end("n"), 0.8)
    outstanding = (
        r"(?:issued\s+and\s+)?outstanding\s+(?:shares\s+of\s+(?:common\s+stock\s+)?|shares\s+|common\s+stock\s+)?"
    )
    for m in t.find(
        rf"\b(?:reduce|decrease)\s+(?:the\s+)?(?:total\s+)?(?:number\s+of\s+)?(?:the\s+Company's\s+|our\s+)?{outstanding}"
        rf"from\s+(?:approximately\s+)?(?P<a>{_COUNT})\s+(?:shares\s+)?to\s+(?:approximately\s+)?(?P<b>{_COUNT})|"
        rf"\boutstanding\b[^.\n]{{0,80}}?\b(?:will|would|was|were)\s+(?:be\s+)?reduced\s+(?:from\s+(?:approximately\s+)?"
        rf"(?P<a2>{_COUNT})\b(?:\s+shares)?[^.\n]{{0,100}}?\s)?to\s+approximately\s+(?P<b2>{_COUNT})|"
        rf"\b(?:reduce|decrease)\s+(?:the\s+)?(?:total\s+)?number\s+of\s+shares\s+of\s+outstanding\s+common\s+stock\s+"
        rf"from\s+(?:approximately\s+)?(?P<a3>{_COUNT})\b(?:\s+shares)?[^.\n]{{0,160}}?\sto\s+(?:approximately\s+)?"
        rf"(?P<b3>{_COUNT})|"
        rf"\b(?P<a4>{_COUNT})\s+(?:issued\s+and\s+)?outstanding\s+shares[^.\n]{{0,60}}?\b(?:were|will\s+be)\s+"
        rf"(?:exchanged|converted|combined|reclassified)\s+(?:for|into)\s+(?:approximately\s+)?(?P<b4>{_COUNT})",
        re.I,
    ):
        for field, group in (("outstanding_before", "a"), ("outstanding_after", "b")):
            key = next((k for k in (group, f"{group}2", f"{group}3", f"{group}4") if m[k]), group)
            written = m[key]
            number = _count(written) if written else None
            if number is not None:
                yield Candidate(field, number, m.start(key), m.end(key), 0.85)
    split = r"(?:the\s+|giving\s+effect\s+to\s+the\s+)?(?:reverse\s+)?(?:stock\s+)?split"
    of_common = r"(?:of\s+(?:the\s+Company's\s+|our\s+)?common\s+stock\s+)?"
    for field, pattern in (
        ("outstanding_after", rf"\b(?:approximately|about)\s+(?P<n>{_COUNT})\s+shares\s+{of_common}"
         rf"(?:will\s+be\s+|would\s+be\s+)?(?:issued\s+and\s+)?outstanding\s+(?:immediately\s+)?"
         rf"(?:after|following)\s+{split}"),
        ("outstanding_before", rf"\b(?P<n>{_COUNT})\s+shares\s+{of_common}"
         rf"(?:issued\s+and\s+)?outstanding\s+(?:immediately\s+)?(?:prior\s+to|before)\s+{split}"),
        ("outstanding_before", rf"(?-i:\b(?:Prior\s+to|Before))\s+(?:the\s+)?[^,.\n]{{0,60}}?(?:split|dividend),\s+"
         rf"{_NODOT}{{0,80}}?\bhad\s+(?P<n>{_COUNT})\s+shares\s+{of_common}(?:issued\s+and\s+)?outstanding"),
        ("outstanding_after", rf"(?-i:\b(?:Following|After))\s+(?:the\s+)?[^,.\n]{{0,60}}?(?:split|dividend),\s+"
         rf"{_NODOT}{{0,80}}?\bwill\s+have\s+(?:approximately\s+|about\s+)?(?P<n>{_COUNT})\s+shares\s+{of_common}"
         rf"(?:issued\s+and\s+)?outstanding"),
    ):  # fmt: skip
        for m in t.find(pattern, re.I):
            n = _count(m["n"])
            if n is not None:
                yield Candidate(field, n, m.start("n"), m.end("n"), 0.85)
    for m in t.find(
        r"\bpar\s+value\s+(?:of\s+|per\s+share\s+of\s+)?\$\s?(?P<p>\d*\.\d+|\d+)|\$\s?(?P<q>\d*\.\d+)\s+par\s+value|"
        r"\bpar\s+value[^.\n$]{0,40}?(?:remain|at)\s+\$\s?(?P<r>\d*\.\d+)",
        re.I,
    ):
        if re.search(r"preferred|warrant|notes?\b", text[max(0, m.start() - 40) : m.start()], re.I):
            continue
        s, _e = t.sentence(m.start())
        classes = re.findall(r"common|preferred|warrant|notes?\b", text[s : m.start()], re.I)
        if classes and classes[-1].lower() != "common":
            continue  # "authorized preferred stock ... 10,000,000 shares, par value $0.01": not the common's
        written = m["p"] or m["q"] or m["r"]
        try:
            par = Decimal(written)
        except InvalidOperation:
            continue
        if par > 0:
            yield Candidate("par_value", str(par), m.start(), m.end(), 0.85)
    for m in t.find(
        r"\bpar\s+value\b[^.\n$]{0,60}?\b(?:change|changed|increase|increased|decrease|decreased|adjust|adjusted)\s+"
        r"from\s+\$\s?\d*\.?\d+(?:\s+per\s+share)?\s+to\s+\$\s?(?P<p>\d*\.\d+|\d+)",
        re.I,
    ):  # a new par value: with the old one stated too, the field is flagged ambiguous, never one of them silently
        yield Candidate("par_value", str(Decimal(m["p"])), m.start(), m.end(), 0.85)


# ---------------------------------------------------------------- listing deficiency, financing
_LISTING = re.compile(r"Nasdaq|NYSE|Exchange|listing|Amex", re.I)
_RULE = re.compile(
    r"\b(?:Listing\s+|Marketplace\s+)?Rules?\s+(?P<r>(?:4|5)\d{3}\([a-z]\)\(\d+\)(?:\([A-Z]\))?(?:\([ivx]+\))?)|"
    r"\bSection\s+(?P<s>802\.01[A-E]|1003\([a-f]\)\([ivx]+\))"
)
_PROCEDURAL = ("5810", "5815", "5635", "4350", "5250", "5620")


@_finder("notice", "notif", "letter", "rule", "section", "compliance", "calendar days")
def _deficiency(t: _Text) -> Iterator[Candidate]:
    yield from _dates(
        t,
        "deficiency_notice_date",
        (
            rf"\bOn\s+{_D},\s+(?:the\s+Company|we|[A-Z][\w.,&' ]{{0,60}}?)\s+received\s+(?:a\s+|an\s+|written\s+|"
            r"deficiency\s+)*(?:notice|notification|letter|staff\s+determination)",
            rf"\breceived\s+(?:a\s+|an\s+|written\s+|deficiency\s+)*(?:notice|notification|letter)\s+from\s+[^.\n]{{0,120}}?"
            rf"\bon\s+{_D}",
        ),
        0.85,
        needs=_LISTING,
    )
    for m in t.find(_RULE):
        rule = m["r"] or m["s"]
        sentence = t.sentence_text(m.start())
        if rule.startswith(_PROCEDURAL) or not re.search(
            r"notice|notif|letter|deficien|not\s+in\s+compliance|comply|requirement|regain", sentence, re.I
        ):
            continue
        yield Candidate("deficiency_rule", rule, m.start(), m.end(), 0.85)
    yield from _dates(
        t,
        "deficiency_deadline",
        (
            rf"\b(?:until|through|by|on\s+or\s+before|expires\s+on|ending\s+on|ends\s+on)\s+{_D},?\s+to\s+regain\s+"
            r"compliance",
            rf"\bto\s+regain\s+compliance[^.\n]{{0,80}}?\b(?:until|through|on\s+or\s+before)\s+{_D}",
            rf"\bcompliance\s+period[^.\n]{{0,80}}?\b(?:until|through|expires\s+on|expiring\s+on|ending\s+on|ends\s+on)"
            rf"\s+{_D}",
            rf"\b(?:\d+|[a-z]+)\s+(?:\(\d+\)\s+)?calendar\s+days,?\s+or\s+until\s+{_D}",
        ),
        0.85,
        needs=_LISTING,
        before=300,
    )


@_finder("financing", "20%", "twenty percent", "rule 5635", "rule 4350")
def _financing(t: _Text) -> Iterator[Candidate]:
    for m in t.find(
        r"\b(?:stockholder|shareholder)s?'?\s+approval\s+in\s+advance\s+for\s+(?:certain\s+)?(?:market\s+)?financings?|"
        r"\bapprov\w*\W+[^.\n]{0,200}?(?:\b20%|\btwenty\s+percent\b)[^.\n]{0,200}?\b(?:outstanding|voting\s+power)|"
        r"\bapprov\w*\W+[^.\n]{0,200}?\b(?:Rule\s+5635\(d\)|Rule\s+4350\(i\)\(1\)\(D\))",
        re.I,
    ):
        if re.search(r"issu|financ", t.sentence_text(m.start()), re.I):
            yield Candidate("financing_approvals", True, m.start(), m.end(), 0.8)


@_finder("(nyse")
def _venue_conflict(t: _Text) -> Iterator[Candidate]:
    """A "(NYSE: X)" tag in a text about NYSE American: the venue is in doubt (news sites tag both "NYSE")."""
    tagged = any(re.match(r"\(NYSE\s*:", t.text[m.start() : m.start() + 8]) for m in t.find(r"\(NYSE\s*:"))
    if not tagged:
        return
    m = re.search(r"\bNYSE\s+(?:American|MKT|Amex)\b|\bAmerican\s+Stock\s+Exchange\b", t.text)
    if m is not None:
        yield Candidate("exchange", "nyse-american", m.start(), m.end(), 0.5)
