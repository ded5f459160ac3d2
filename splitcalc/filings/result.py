"""What :func:`splitcalc.filings.extract` returns: the split terms, each with its quote.

A :class:`SplitTerms` holds, for each term found, a :class:`Found`: the value,
the character span in the normalised text it was read from, that quote, and a
confidence. A term whose readings disagree is not kept; it is listed in
:attr:`SplitTerms.ambiguities` with every reading and quote instead, so a
wrong value is never passed on silently.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Generic, TypeVar, Unpack

from ..ratio import SplitRatio
from .fields import Candidate

if TYPE_CHECKING:
    import pandas as pd

    from ..analysis.scenario_file import Scenario
    from .scenario import GivenFigures

__all__ = ["FIELDS", "SPLIT_FIELDS", "Ambiguity", "Found", "SplitTerms", "resolve"]

T = TypeVar("T")


@dataclass(frozen=True)
class Found(Generic[T]):
    """One term read from a filing.

    Attributes
    ----------
    value
        The term (a date, a :class:`SplitRatio`, a share count, text ...).
    start, end
        Character span of the quote in :attr:`SplitTerms.text` (the normalised text).
    quote
        ``text[start:end]``: the words the value was read from.
    confidence
        How sure the reading is, 0-1: 0.9 for a phrase that states the term
        outright ("stockholders of record on ..."), lower for looser wordings.
    """

    value: T
    start: int
    end: int
    quote: str
    confidence: float

    @property
    def display(self) -> str:
        """The value as text (``"1-for-25"``, ``"2002-09-05"``, ``"1-for-5 to 1-for-25"``)."""
        return _display(self.value)


@dataclass(frozen=True)
class Ambiguity:
    """A term the filing states more than one way (an amendment, two meetings ...)."""

    field: str
    values: tuple[str, ...]
    quotes: tuple[str, ...]

    def __str__(self) -> str:
        readings = "; ".join(f"{v} ({q!r})" if q else v for v, q in zip(self.values, self.quotes, strict=True))
        return f"{self.field}: the text says {readings}"


def _display(value: object) -> str:
    if isinstance(value, tuple):
        return " to ".join(_display(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


@dataclass(frozen=True)
class SplitTerms:
    """The split terms read from one filing; a field is ``None`` when the text does not state it.

    Field names match the golden corpus (``tests/golden/filings/``). Values:
    ``ratio`` a :class:`SplitRatio` (new-for-old); ``ratio_range`` the
    authorised ``(low, high)`` reverse splits, smaller magnitude first;
    ``direction`` ``"reverse"``/``"forward"``; ``exchange`` the venue
    (``"nasdaq"``, ``"nyse"``, ``"nyse-american"``) and ``exchange_tier`` the
    rule set when the text names the market tier; dates as
    :class:`datetime.date`; ``vote_result`` ``"approved"``/``"not approved"``;
    ``effective_time`` and ``cash_price_basis`` as written; ``fractional`` a
    :data:`splitcalc.settlement.FRACTIONAL_POLICIES` name;
    ``authorized_treatment`` ``"unchanged"``/``"proportional"``/``"stated"``;
    share counts as ints; ``par_value`` decimal text; ``financing_approvals``
    True when stockholder approval in advance for financings (the 20% rule)
    is sought or given.
    """

    text: str = field(repr=False)
    filed: dt.date | None = None
    company: Found[str] | None = None
    ticker: Found[str] | None = None
    exchange: Found[str] | None = None
    exchange_tier: Found[str] | None = None
    ratio: Found[SplitRatio] | None = None
    ratio_range: Found[tuple[SplitRatio, SplitRatio]] | None = None
    direction: Found[str] | None = None
    announced: Found[dt.date] | None = None
    board_approval: Found[dt.date] | None = None
    record_date: Found[dt.date] | None = None
    meeting_date: Found[dt.date] | None = None
    vote_result: Found[str] | None = None
    effective_date: Found[dt.date] | None = None
    effective_time: Found[str] | None = None
    first_trading_day: Found[dt.date] | None = None
    new_cusip: Found[str] | None = None
    fractional: Found[str] | None = None
    cash_price_basis: Found[str] | None = None
    authorized_treatment: Found[str] | None = None
    authorized_before: Found[int] | None = None
    authorized_after: Found[int] | None = None
    outstanding_before: Found[int] | None = None
    outstanding_after: Found[int] | None = None
    par_value: Found[str] | None = None
    deficiency_notice_date: Found[dt.date] | None = None
    deficiency_rule: Found[str] | None = None
    deficiency_deadline: Found[dt.date] | None = None
    financing_approvals: Found[bool] | None = None
    ambiguities: tuple[Ambiguity, ...] = ()

    # ------------------------------------------------------------ views
    def found(self) -> dict[str, Found[Any]]:
        """The fields found, in order: ``{name: Found}``."""
        return {name: f for name in FIELDS if (f := getattr(self, name)) is not None}

    def value(self, name: str) -> Any:
        """The value of field ``name``, or ``None`` when not found."""
        f = getattr(self, name)
        return None if f is None else f.value

    @property
    def has_split(self) -> bool:
        """True when the text states a split ratio, a range or a direction (or states a ratio two ways)."""
        names = ("ratio", "ratio_range", "direction")
        return any(getattr(self, n) is not None or self.ambiguity(n) is not None for n in names)

    def ambiguity(self, name: str) -> Ambiguity | None:
        """The ambiguity recorded for field ``name``, if any."""
        return next((a for a in self.ambiguities if a.field == name), None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: each field with value, quote, span and confidence; the ambiguities."""
        out: dict[str, Any] = {}
        for name, f in self.found().items():
            value: Any = f.value
            if isinstance(value, SplitRatio):
                value = str(value)
            elif isinstance(value, tuple):
                value = [str(v) for v in value]
            elif isinstance(value, dt.date):
                value = value.isoformat()
            out[name] = {"value": value, "quote": f.quote, "span": [f.start, f.end], "confidence": f.confidence}
        return {
            "filed": self.filed.isoformat() if self.filed else None,
            "fields": out,
            "ambiguities": [
                {"field": a.field, "values": list(a.values), "quotes": list(a.quotes)} for a in self.ambiguities
            ],
        }

    def rows(self) -> list[tuple[str, str, str, float]]:
        """``(field, value, quote, confidence)`` per field found."""
        return [(name, f.display, f.quote, f.confidence) for name, f in self.found().items()]

    def to_frame(self) -> pd.DataFrame:
        """One row per field found: value, quote, span, confidence."""
        import pandas as pd

        rows = [
            {
                "field": n,
                "value": f.display,
                "quote": f.quote,
                "start": f.start,
                "end": f.end,
                "confidence": f.confidence,
            }
            for n, f in self.found().items()
        ]
        return pd.DataFrame(rows, columns=["field", "value", "quote", "start", "end", "confidence"]).set_index("field")

    def __str__(self) -> str:
        lines = [f"{'field':<24}{'value':<26}quote"]
        for name, value, quote, _conf in self.rows():
            lines.append(f"{name:<24}{value:<26}{_short(quote)!r}")
        for a in self.ambiguities:
            lines.append(f"AMBIGUOUS {a}")
        if not self.has_split:
            lines.append("(no split ratio, range or direction found)")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        cells = "".join(
            f"<tr><td>{html.escape(n)}</td><td>{html.escape(v)}</td><td><q>{html.escape(q)}</q></td>"
            f"<td>{c:.2f}</td></tr>"
            for n, v, q, c in self.rows()
        )
        extra = "".join(f"<p><strong>Ambiguous</strong> {html.escape(str(a))}</p>" for a in self.ambiguities)
        return (
            "<table><thead><tr><th>field</th><th>value</th><th>quote</th><th>confidence</th></tr></thead>"
            f"<tbody>{cells}</tbody></table>{extra}"
        )

    # ------------------------------------------------------------ analysis
    def to_scenario(self, **given: Unpack[GivenFigures]) -> Scenario:
        """The report's :class:`~splitcalc.analysis.scenario_file.Scenario`, every text value sourced by its quote.

        See :func:`splitcalc.filings.scenario.to_scenario` for the keywords
        (``price=``, ``outstanding=``, ``exchange=``, ``as_of=`` ...).
        """
        from .scenario import to_scenario

        return to_scenario(self, **given)


#: Field names in display order (the golden corpus' keys, plus ``exchange_tier``).
FIELDS: tuple[str, ...] = tuple(f.name for f in fields(SplitTerms) if f.name not in ("text", "filed", "ambiguities"))

#: Fields that describe a split; a text with no split has none of them.
SPLIT_FIELDS: frozenset[str] = frozenset(
    {
        "ratio", "ratio_range", "direction", "effective_date", "effective_time", "first_trading_day", "new_cusip",
        "fractional", "cash_price_basis", "authorized_treatment", "outstanding_after",
    }
)  # fmt: skip


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _key(value: object) -> object:
    if isinstance(value, tuple):
        return tuple(_key(v) for v in value)
    return value


def resolve(text: str, found: Iterable[Candidate], *, filed: dt.date | None = None) -> SplitTerms:
    """Keep each field whose readings all agree; list the others as ambiguities.

    The direction follows from the ratio (or, with no ratio, the range).
    """
    by_field: dict[str, list[Candidate]] = {}
    for c in found:
        by_field.setdefault(c.field, []).append(c)
    kept: dict[str, Found[Any]] = {}
    ambiguities: list[Ambiguity] = []
    for name in FIELDS:
        cands = sorted(by_field.get(name, ()), key=lambda c: (-c.confidence, c.start))
        if not cands:
            continue
        distinct: dict[object, Candidate] = {}
        for c in cands:
            distinct.setdefault(_key(c.value), c)
        if len(distinct) == 1:
            best = cands[0]
            kept[name] = Found(best.value, best.start, best.end, text[best.start : best.end], best.confidence)
        else:
            ordered = sorted(distinct.values(), key=lambda c: c.start)
            ambiguities.append(
                Ambiguity(
                    name, tuple(_display(c.value) for c in ordered), tuple(text[c.start : c.end] for c in ordered)
                )
            )
    source = kept.get("ratio")
    if source is None and "ratio" not in {a.field for a in ambiguities}:
        source = kept.get("ratio_range")
    if source is not None:
        value = source.value if isinstance(source.value, SplitRatio) else source.value[0]
        if value.new != value.old:
            direction = "reverse" if value.is_reverse else "forward"
            kept["direction"] = Found(direction, source.start, source.end, source.quote, source.confidence)
    rng = kept.get("ratio_range")
    ratio = kept.get("ratio")
    if rng is not None and ratio is not None:
        lo, hi = rng.value
        if not lo.magnitude <= ratio.value.magnitude <= hi.magnitude or ratio.value.is_reverse != lo.is_reverse:
            ambiguities.append(
                Ambiguity("ratio", (ratio.display, rng.display), (ratio.quote, rng.quote)),
            )
            del kept["ratio"]
            kept.pop("direction", None)
    return SplitTerms(text=text, filed=filed, ambiguities=tuple(ambiguities), **kept)
