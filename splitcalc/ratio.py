"""Exact stock-split ratios.

A split replaces every ``old`` shares with ``new`` shares. A 1-for-25 reverse
split has ``new = 1`` and ``old = 25``; its *factor* (new shares per old share)
is ``Fraction(1, 25)``. Prices move the other way: a post-split price is the
pre-split price divided by the factor (``$0.17 / (1/25) = $4.25``).

Ratios are kept as integer terms in lowest form so that arithmetic is exact;
floats only ever come *in* (yfinance reports 1-for-25 as ``0.04``) and are
recovered to integers by :meth:`SplitRatio.from_float`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, SupportsIndex

from .coerce import as_count, as_real, is_integer
from .errors import InputError, InvalidRatio

if TYPE_CHECKING:
    from ._types import RatioLike

__all__ = ["SplitRatio", "compose", "cumulative"]

# Small number words, as proxy statements write them ("one-for-twenty-five").
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000}

_NUMBER = r"[0-9][0-9,_]*(?:\.[0-9]+)?|[a-z]+(?:[ -][a-z]+)*?"
_FOR = re.compile(rf"^(?P<a>{_NUMBER})\s*(?:-|\s)\s*(?:for|to)\s*(?:-|\s)\s*(?P<b>{_NUMBER})$")
_COLON = re.compile(rf"^(?P<a>{_NUMBER})\s*(?::|/)\s*(?P<b>{_NUMBER})$")
_DIRECTION = re.compile(r"\b(reverse|forward)\b")
# Filing wordings (issue 14): a number restated in digits, "one (1)"; a ratio restated in
# parentheses, "one-for-twenty (1:20)"; a defined term, '(the "Reverse Stock Split")'.
_RESTATED = re.compile(r"\b([a-z]+(?:-[a-z]+)*)\s*\(\s*([0-9][0-9,]*)\s*\)")
_PAREN_RATIO = re.compile(r"\(\s*([0-9][0-9,]*\s*(?::|/|-?\s*for\s*-?)\s*[0-9][0-9,]*)\s*\)")
_DEFINED = re.compile(r"\(\s*(?:the\s+|each\s+(?:a|an)\s+)?\"[^\"]*\"\s*\)|\"[^\"]*\"")
_NUM_OR_WORDS = r"[0-9][0-9,]*|[a-z]+(?:[ -][a-z]+)*?"
_EVERY = re.compile(
    rf"\b(?:every|each)\s+(?P<old>(?:{_NUM_OR_WORDS})(?:\s*\(\s*[0-9][0-9,]*\s*\))?)\s*(?:[\w-]+\s+){{0,12}}?"
    rf"(?:issued\s+and\s+outstanding\s+|outstanding\s+|old\s+|pre-split\s+)?shares?\b.*?"
    rf"\b(?:combined|converted|reclassified|consolidated|exchanged|changed)\s+into\s+"
    rf"(?P<new>(?:{_NUM_OR_WORDS})(?:\s*\(\s*[0-9][0-9,]*\s*\))?)\s+(?:new\s+|validly\s+issued\s+)?"
    r"(?:[\w-]+\s+){0,6}?shares?\b"
)
_RANGE_HINT = re.compile(
    r"\b(?:range|ranging|between|not\s+less\s+than|not\s+more\s+than|no\s+less\s+than|at\s+least|"
    r"up\s+to|minimum|maximum)\b"
)
_RANGE_LEAD = re.compile(
    r"\b(?:(?:at\s+)?a\s+ratio|ratios?|in\s+the\s+range|within\s+(?:a|the)\s+range|range|ranging|from|of|"
    r"between|(?:not|no)\s+(?:less|more|greater|fewer)\s+than|within|any\s+whole\s+number|"
    r"to\s+be\s+determined.*$|as\s+determined.*$|at\s+the\s+discretion.*$|,)\b|,"
)
_RANGE_JOIN = re.compile(r"\s+(?:to|and|through|-)\s+(?=(?:[0-9]|one|a\b|an\b))")
_NOISE = re.compile(r"\b(stock|share|split|splits|consolidation|ratio|of|a|an)\b")


def _dashes(text: str) -> str:
    """Hyphen and dash look-alikes as ``-``; curly quotes as straight ones."""
    for ch in "\u2010\u2011\u2012\u2013\u2014\u2212":
        text = text.replace(ch, "-")
    for ch in "\u201c\u201d\u201e\u201f":
        text = text.replace(ch, '"')
    return text.replace("\u00a0", " ")


def _restated(term: str, original: str) -> str:
    """``"twenty (20)"`` -> ``"20"``; a restatement that disagrees is refused."""
    match = _RESTATED.fullmatch(term.strip())
    if match is None:
        return term
    head, word = "", match[1]
    joint = re.match(r"^(.*\b(?:for|to)-)(.+)$", word)  # "for-twenty (20)": only "twenty" is restated
    if joint is not None:
        head, word = joint[1], joint[2]
    digits = int(match[2].replace(",", ""))
    if _words_to_int(word) != digits:
        raise InvalidRatio("ratio", original, f"{match[0]!r} says two different numbers")
    return f"{head}{digits}"


def _restatements(text: str, original: str) -> str:
    """Strip what filings add around a ratio, checking that restatements agree.

    ``"one (1)-for-twenty (20)"`` -> ``"1-for-20"``; ``"one-for-twenty (1:20)"``
    -> ``"one-for-twenty"`` once ``1:20`` is found to be the same ratio;
    ``'1-for-20 (the "Reverse Stock Split")'`` -> ``"1-for-20"``.
    """
    text = _DEFINED.sub(" ", text)
    text = _RESTATED.sub(lambda m: _restated(m[0], original), text)
    restated = _PAREN_RATIO.findall(text)
    text = _PAREN_RATIO.sub(" ", text)
    if restated:
        core = re.sub(r"\s+", " ", text).strip()
        first = SplitRatio._parse_text(core)
        for other in restated:
            again = SplitRatio._parse_text(f"{other} {' '.join(_DIRECTION.findall(core))}")
            if again != first:
                raise InvalidRatio("ratio", original, f"says both {first} and {again}")
        return core
    return text


def _words_to_int(text: str) -> int | None:
    """Convert ``"twenty-five"`` or ``"one hundred fifty"`` to an int, else None."""
    total = 0
    current = 0
    seen = False
    for word in re.split(r"[\s-]+", text.strip()):
        if not word or word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _term(text: str, original: object, which: str) -> int:
    """Parse one side of a ratio into a positive int, or raise InvalidRatio."""
    text = text.strip()
    if re.fullmatch(r"[0-9][0-9,_]*", text):  # "1,000" is a thousand; "1,0,0" is not 100; 41+ digits too many
        try:
            value = as_count(text, "ratio")
        except InputError as exc:
            raise InvalidRatio("ratio", original, f"the {which} term {_cut(text)}: {exc.reason}") from None
    elif re.fullmatch(r"[0-9]+\.[0-9]+", text):
        raise InvalidRatio("ratio", original, f"the {which} term {text!r} is not a whole number")
    else:
        parsed = _words_to_int(text)
        if parsed is None:
            raise InvalidRatio("ratio", original, f"cannot read {text!r} as a number")
        value = parsed
    if value <= 0:
        raise InvalidRatio("ratio", original, f"the {which} term must be positive")
    return value


@dataclass(frozen=True, order=False)
class SplitRatio:
    """An exact split ratio: ``old`` shares become ``new`` shares.

    Parameters
    ----------
    new
        Shares after the split for every ``old`` shares before it (> 0).
    old
        Shares before the split (> 0).

    The terms are stored in lowest form, so ``SplitRatio(2, 50) ==
    SplitRatio(1, 25)``.

    Examples
    --------
    >>> r = SplitRatio.parse("1-for-25")
    >>> r.new, r.old, r.factor, r.is_reverse, str(r)
    (1, 25, Fraction(1, 25), True, '1-for-25')
    >>> SplitRatio.parse("25-for-1 reverse") == r
    True
    >>> str(r.compose(SplitRatio.parse("1-for-10")))
    '1-for-250'
    """

    new: int
    old: int

    def __post_init__(self) -> None:
        for name in ("new", "old"):  # ints or numpy integers, positive, within the bounds of splitcalc.coerce
            value = as_count(getattr(self, name), name, minimum=1, error=InvalidRatio, what="a whole number of shares")
            object.__setattr__(self, name, value)
        g = math.gcd(self.new, self.old)
        if g != 1:
            object.__setattr__(self, "new", self.new // g)
            object.__setattr__(self, "old", self.old // g)

    # ---------------------------------------------------------------- views
    @property
    def factor(self) -> Fraction:
        """New shares per old share, ``new / old`` (1-for-25 -> 1/25)."""
        return Fraction(self.new, self.old)

    @property
    def price_multiplier(self) -> Fraction:
        """What a per-share price is multiplied by, ``old / new`` (1-for-25 -> 25)."""
        return Fraction(self.old, self.new)

    @property
    def is_reverse(self) -> bool:
        """True when shares are consolidated (``new < old``)."""
        return self.new < self.old

    @property
    def is_forward(self) -> bool:
        """True when shares are multiplied (``new > old``)."""
        return self.new > self.old

    @property
    def magnitude(self) -> Fraction:
        """The "N" in "1-for-N" or "N-for-1": ``max(new, old) / min(new, old)``.

        The exchanges' cumulative reverse-split tests (Nasdaq 250:1, NYSE
        200:1) compare this number for the product of reverse splits.
        """
        return Fraction(max(self.new, self.old), min(self.new, self.old))

    def __str__(self) -> str:
        return f"{self.new}-for-{self.old}"

    def __repr__(self) -> str:
        return f"SplitRatio(new={self.new}, old={self.old})"

    def to_yahoo(self) -> str:
        """The ``"new:old"`` notation Yahoo uses (``"1:25"``)."""
        return f"{self.new}:{self.old}"

    # --------------------------------------------------------- arithmetic
    def inverse(self) -> SplitRatio:
        """The split that undoes this one (1-for-25 -> 25-for-1)."""
        return SplitRatio(self.old, self.new)

    def compose(self, other: SplitRatio) -> SplitRatio:
        """This split followed by ``other``: factors multiply.

        >>> str(SplitRatio(1, 25).compose(SplitRatio(1, 10)))
        '1-for-250'
        """
        f = self.factor * other.factor
        return SplitRatio(f.numerator, f.denominator)

    # ------------------------------------------------------- constructors
    @classmethod
    def reverse(cls, n: SupportsIndex) -> SplitRatio:
        """A 1-for-``n`` reverse split."""
        return cls(1, _positive_int(n, "n"))

    @classmethod
    def forward(cls, n: SupportsIndex) -> SplitRatio:
        """An ``n``-for-1 forward split."""
        return cls(_positive_int(n, "n"), 1)

    @classmethod
    def parse(cls, value: RatioLike) -> SplitRatio:
        """Read a ratio from the notations people write.

        Accepted:

        * ``"1-for-25"``, ``"1 for 25"``, ``"one-for-twenty-five"``: new-for-old;
        * ``"1:25"`` and ``"1/25"``: new:old, as Yahoo writes it;
        * ``"25-for-1 reverse"``, ``"reverse 1:25"``, ``"25 for 1 reverse split"``:
          with the word *reverse* the larger term is the old one whatever the
          order (the seed press release's wording); *forward* likewise makes
          the larger term the new one;
        * a :class:`~fractions.Fraction` (new/old), a ``(new, old)`` pair of
          ints, or a :class:`SplitRatio`.

        Raises
        ------
        InvalidRatio
            Empty, non-numeric, zero, negative, fractional terms, a 1-for-1
            "reverse" split, or anything else that is not a ratio.
        """
        if isinstance(value, SplitRatio):
            return value
        if isinstance(value, Fraction):
            if value <= 0:
                raise InvalidRatio("ratio", value, "a split factor must be positive")
            return cls(value.numerator, value.denominator)
        if isinstance(value, tuple) and len(value) == 2:
            a, b = value
            if not (is_integer(a) and is_integer(b)):
                raise InvalidRatio("ratio", value, "a (new, old) pair needs two ints")
            new, old = int(a), int(b)
            if new <= 0 or old <= 0:
                raise InvalidRatio("ratio", value, "both terms must be positive")
            return cls(new, old)
        if not isinstance(value, str):
            raise InvalidRatio("ratio", value, "expected text such as '1-for-25', a Fraction or a (new, old) pair")
        return cls._parse_text(value)

    @classmethod
    def parse_range(cls, value: str) -> tuple[SplitRatio, SplitRatio]:
        """Read an authorised range of ratios, smaller magnitude first.

        Accepted: ``"1-for-5 to 1-for-25"``, ``"a ratio in the range of
        1-for-5 to 1-for-25"``, ``"between one-for-five (1:5) and
        one-for-twenty-five (1:25)"``, ``"a ratio of not less than 1-for-5 and
        not more than 1-for-25"``. Each end is read by :meth:`parse`.

        Raises
        ------
        InvalidRatio
            Not two ratios joined by *to*, *and* or *through*, or the two ends
            go different ways (one forward, one reverse).

        >>> [str(r) for r in SplitRatio.parse_range("not less than 1-for-25 and not more than 1-for-5")]
        ['1-for-5', '1-for-25']
        """
        if not isinstance(value, str):
            raise InvalidRatio("ratio_range", value, "expected text such as '1-for-5 to 1-for-25'")
        text = _dashes(value.strip().lower())
        text = _RANGE_LEAD.sub(" ", text)
        parts = _RANGE_JOIN.split(text)
        if len(parts) != 2:
            raise InvalidRatio("ratio_range", value, "not a range; write e.g. '1-for-5 to 1-for-25'")
        suffix = " ".join(_DIRECTION.findall(parts[1]))
        lo, hi = (cls.parse(f"{part} {suffix}".strip()) for part in parts)
        if lo.is_reverse != hi.is_reverse:
            raise InvalidRatio("ratio_range", value, "one end is a forward split and the other a reverse split")
        return (lo, hi) if lo.magnitude <= hi.magnitude else (hi, lo)

    @classmethod
    def _parse_text(cls, original: str) -> SplitRatio:
        text = _dashes(original.strip().lower())
        if not text:
            raise InvalidRatio("ratio", original, "is empty")
        if _RANGE_HINT.search(text):
            raise InvalidRatio("ratio", original, "is a range of ratios, not one; use SplitRatio.parse_range")
        every = _EVERY.search(text)
        if every is not None:  # "every twenty (20) shares ... combined into one (1) share": old, then new
            old = _term(_restated(every["old"], original), original, "old")
            new = _term(_restated(every["new"], original), original, "new")
            return cls(new, old)
        text = _restatements(text, original)
        if text.startswith("-") or re.search(r"(^|[\s:/(])-\s*\d", text):
            raise InvalidRatio("ratio", original, "terms must be positive")
        directions = set(_DIRECTION.findall(text))
        if len(directions) > 1:
            raise InvalidRatio("ratio", original, "says both 'reverse' and 'forward'")
        direction = directions.pop() if directions else None
        core = _DIRECTION.sub(" ", text)
        core = _NOISE.sub(" ", core)
        core = re.sub(r"\s+", " ", core).strip(" -")
        match = _FOR.match(core) or _COLON.match(core)
        if match is None:
            raise InvalidRatio("ratio", original, "not a ratio; write e.g. '1-for-25', '1:25' or '25-for-1 reverse'")
        a = _term(match["a"], original, "first")
        b = _term(match["b"], original, "second")
        if direction is not None:
            if a == b:
                raise InvalidRatio("ratio", original, f"a {direction} split cannot be 1-for-1")
            small, large = min(a, b), max(a, b)
            a, b = (small, large) if direction == "reverse" else (large, small)
        return cls(a, b)

    @classmethod
    def from_float(
        cls,
        value: float,
        *,
        max_denominator: int = 100_000,
        rel_tol: float = 1e-12,
    ) -> SplitRatio:
        """Recover an exact ratio from the float ``new / old`` yfinance reports.

        yfinance keeps only ``numerator / denominator`` of Yahoo's split event,
        so 1-for-25 arrives as ``0.04``. ``Fraction(0.04)`` is the binary value,
        not 1/25; the simplest fraction with denominator (and numerator) up to
        ``max_denominator`` is taken instead and accepted only if it reproduces
        ``value`` to ``rel_tol``. A bound of 100,000 recovers 1/25, 1/190,
        33/70, 19/25 and 1/10000; a float that no such
        fraction reproduces is refused rather than guessed.

        Raises
        ------
        InvalidRatio
            ``value`` is not a positive finite number, or cannot be recovered.

        Examples
        --------
        >>> SplitRatio.from_float(0.04)
        SplitRatio(new=1, old=25)
        >>> SplitRatio.from_float(0.471428571428571)
        SplitRatio(new=33, old=70)
        """
        if isinstance(value, str):  # text is a ratio for SplitRatio.parse, not a factor
            raise InvalidRatio("value", value, "expected a float such as 0.04; parse text with SplitRatio.parse")
        x = as_real(value, "value", what="a float such as 0.04", error=InvalidRatio)  # numpy floats too
        if x <= 0:
            raise InvalidRatio("value", value, "a split factor must be a positive finite number")
        if x >= 1:
            inv = Fraction(1 / x).limit_denominator(max_denominator)
            candidate = 1 / inv if inv else None
        else:
            candidate = Fraction(x).limit_denominator(max_denominator)
        if (
            not candidate
            or candidate.numerator > max_denominator
            or candidate.denominator > max_denominator
            or abs(float(candidate) - x) > rel_tol * x
        ):
            raise InvalidRatio(
                "value",
                value,
                f"no ratio with terms up to {max_denominator:,} reproduces it; "
                "give the ratio as text instead (e.g. '1-for-190')",
            )
        return cls(candidate.numerator, candidate.denominator)


def _positive_int(n: SupportsIndex, name: str) -> int:
    return as_count(n, name, minimum=1, error=InvalidRatio)


def _cut(text: str) -> str:
    return repr(text) if len(text) <= 40 else f"{text[:20]!r}...({len(text):,} characters)"


def compose(*ratios: SplitRatio) -> SplitRatio:
    """Apply ``ratios`` in order; the result's factor is the product of theirs.

    ``compose()`` with no argument is the identity, 1-for-1.
    """
    return cumulative(ratios)


def cumulative(ratios: Iterable[RatioLike]) -> SplitRatio:
    """The single split equivalent to ``ratios`` applied in turn.

    The cumulative ratio of several splits is the product of the
    individual ratios (1-for-25 then 1-for-10 is 1-for-250), which is what the
    Nasdaq 250:1 and NYSE 200:1 two-year tests measure.

    >>> str(cumulative(["1-for-25", "1-for-10"]))
    '1-for-250'
    """
    if isinstance(ratios, str | SplitRatio) or not isinstance(ratios, Iterable):
        raise InvalidRatio("ratios", ratios, "expected a list of ratios, e.g. ['1-for-25', '1-for-10']")
    f = Fraction(1)
    for r in ratios:
        f *= SplitRatio.parse(r).factor
    return SplitRatio(f.numerator, f.denominator)
