"""Dated rule rows, the tier records that hold them, and the resolved :class:`RuleSet`.

Every threshold and period is a tuple of :class:`Rule` rows, oldest first,
each with the date it took effect (``None``: from before the first dated
change the sources record), its value, the rule number in force then, the
primary source, and whether the fact is marked uncertain -- the way
exchange_calendars keeps ``open_times``. A value of ``None`` means "no such
rule then" and its ``cite`` says why. :func:`resolve` picks, for one date, the
last row of each table whose ``effective`` is on or before it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, Generic, TypeVar

from .._display import FrameDisplay
from ..errors import InputError, NoRuleInForce
from ._sources import public_source

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FIELDS",
    "MORATORIUM_KINDS",
    "Moratorium",
    "Rule",
    "RuleSet",
    "Tier",
    "Versioned",
    "resolve",
]

T = TypeVar("T")


@dataclass(frozen=True)
class Rule(Generic[T]):
    """One dated row of a rule table, and the value in force on a date.

    Parameters
    ----------
    effective
        First day the row applies (``None``: from before the first dated
        change the sources record).
    value
        The threshold, period or flag; ``None`` when no such rule applied.
    cite
        Rule number in force on that date (2002-era NASD numbers differ from
        today's 5000 series), or why there is none.
    source
        Where the fact comes from: the primary source(s) -- SEC release and
        file number, Federal Register citation, rule number, exchange FAQ --
        some as short keys that :func:`~splitcalc.rules._sources.public_source`
        expands.
    uncertain
        The fact is marked uncertain (the sources read do not settle it, or
        it is inferred); results relying on it say so and emit
        :class:`~splitcalc.RuleUncertainWarning`.
    note
        Conditions or context (e.g. the second-period conditions).
    pending
        A proposed change not in force (filed, no approval order found):
        dated from its filing so a result it would change can name it, but
        never applied and not counted among :meth:`RuleSet.uncertain_rules`.
    by_notice
        The row judges a case by its **notice** date, not its deficiency
        date: the $0.10 rule "applies to companies first notified on/after
        Sep 1, 2020" (Nasdaq Rule 5810(c)(3)(A)(iii); SR-NASDAQ-2020-001,
        85 FR 23393). :meth:`RuleSet.for_notice` re-picks such rows on the
        notice date.
    """

    effective: dt.date | None
    value: T
    cite: str
    source: str
    uncertain: bool = False
    note: str = ""
    by_notice: bool = False
    pending: bool = False

    def applies_on(self, day: dt.date) -> bool:
        """True if the rule has a value and took effect on or before ``day``."""
        return self.value is not None and (self.effective is None or day >= self.effective)

    def describe(self) -> str:
        """``cite`` plus an "(UNCERTAIN)" mark when flagged."""
        if self.pending:
            return f"{self.cite} (PENDING, not applied)"
        return f"{self.cite} (UNCERTAIN)" if self.uncertain else self.cite

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly fields."""
        return {
            "effective": self.effective,
            "value": self.value,
            "cite": self.cite,
            "source": public_source(self.source),
            "uncertain": self.uncertain,
            "pending": self.pending,
            "note": self.note,
            "by_notice": self.by_notice,
        }


#: exchange_calendars-style name for a dated row (the style guide's word).
Versioned = Rule

#: What a moratorium does to a bid-price case already open when it begins:
#: ``"drop"`` ends it (Sep 27, 2001 - Jan 2, 2002: "pending cases dropped",
#: Nasdaq press release, Sep 27, 2001); ``"pause"`` stops its clock and gives
#: back the balance when the tests resume (Oct 16, 2008 - Aug 3, 2009: "the balance of any pending
#: compliance period"). Under both, no new deficiency accrues inside it.
#: ``"toll"`` (Apr 16 - Jun 30, 2020) stops the clock of an open period like
#: ``"pause"``, but deficiencies and notices continue: a company notified
#: inside it gets its full period counted from the end (SR-NASDAQ-2020-021,
#: 85 FR 22777; SR-NYSE-2020-36, 85 FR 23389).
MORATORIUM_KINDS: Final = ("drop", "pause", "toll")


@dataclass(frozen=True)
class Moratorium:
    """A suspension of the bid-price test: the value of a ``moratorium`` row.

    Parameters
    ----------
    start
        First day the test is suspended.
    end
        First day it applies again (exclusive end; new deficiencies are
        counted from the first session on or after it).
    kind
        One of :data:`MORATORIUM_KINDS`: ``"drop"`` (an open case is
        dropped) or ``"pause"`` (its compliance period stops and resumes
        on ``end`` with the days it had left on ``start``).

    Examples
    --------
    >>> m = Moratorium(dt.date(2008, 10, 16), dt.date(2009, 8, 3), "pause")
    >>> m.days, str(m)
    (291, '2008-10-16 to 2009-08-03 (pause: compliance periods paused)')
    """

    start: dt.date
    end: dt.date
    kind: str

    def __post_init__(self) -> None:
        if self.kind not in MORATORIUM_KINDS:
            raise InputError("kind", self.kind, f"must be one of {', '.join(MORATORIUM_KINDS)}")
        if not self.start < self.end:
            raise InputError("end", self.end, f"must be after start {self.start.isoformat()}")

    @property
    def days(self) -> int:
        """Calendar days suspended (``end - start``): how far a paused deadline moves out."""
        return (self.end - self.start).days

    def effect(self) -> str:
        """What the moratorium does to an open case, in words."""
        if self.kind == "toll":
            return "compliance periods tolled (deficiencies and notices continue)"
        return "pending cases dropped" if self.kind == "drop" else "compliance periods paused"

    def __str__(self) -> str:
        return f"{self.start.isoformat()} to {self.end.isoformat()} ({self.kind}: {self.effect()})"

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly fields."""
        return {"start": self.start, "end": self.end, "kind": self.kind}


#: The rule attributes every :class:`RuleSet` carries, in display order.
FIELDS: Final = (
    "min_bid",
    "price_test",
    "deficiency_days",
    "compliance_period_days",
    "compliance_period_months",
    "period_end_on_session",
    "second_period_days",
    "regain_days",
    "regain_days_max",
    "cure_response_days",
    "low_price_threshold",
    "low_price_days",
    "reverse_split_cumulative_limit",
    "reverse_split_lookback_days",
    "reverse_split_one_year_bar",
    "split_breaks_other_standard",
    "no_stay_after_second_period",
    "no_stay_after_recent_split",
    "no_stay_after_low_price",
    "hearing_request_days",
    "panel_exception_days",
    "min_publicly_held_shares",
    "min_public_holders",
    "min_total_holders",
    "min_round_lot_holders",
    "min_mvphs",
    "round_lot_size",
    "initial_min_bid",
    "initial_min_publicly_held_shares",
    "initial_min_round_lot_holders",
    "moratorium",
    "split_notice",
    "split_disclosure",
)

#: Python type each value must have when not ``None`` (checked by the contract tests).
FIELD_TYPES: Final[Mapping[str, type | tuple[type, ...]]] = {
    "min_bid": Decimal,
    "price_test": str,
    "deficiency_days": int,
    "compliance_period_days": int,
    "compliance_period_months": int,
    "period_end_on_session": bool,
    "second_period_days": int,
    "regain_days": int,
    "regain_days_max": int,
    "cure_response_days": int,
    "low_price_threshold": Decimal,
    "low_price_days": int,
    "reverse_split_cumulative_limit": int,
    "reverse_split_lookback_days": int,
    "reverse_split_one_year_bar": bool,
    "split_breaks_other_standard": bool,
    "no_stay_after_second_period": bool,
    "no_stay_after_recent_split": bool,
    "no_stay_after_low_price": bool,
    "hearing_request_days": int,
    "panel_exception_days": int,
    "min_publicly_held_shares": int,
    "min_public_holders": int,
    "min_total_holders": int,
    "min_round_lot_holders": int,
    "min_mvphs": Decimal,
    "round_lot_size": int,
    "initial_min_bid": Decimal,
    "initial_min_publicly_held_shares": int,
    "initial_min_round_lot_holders": int,
    "moratorium": Moratorium,
    "split_notice": tuple,
    "split_disclosure": tuple,
}

#: Allowed ``price_test`` values and what the compliance engine does with them.
PRICE_TESTS: Final = ("consecutive_closing_bid", "average_30_trading_days", "discretionary")


@dataclass(frozen=True, eq=False)
class Tier:
    """A listing tier's identity and its rule tables (pure data).

    ``introduced``/``retired`` bound the dates the tier existed under this
    name (``retired`` is the first day it no longer did); ``lineage`` cites
    where those dates come from. ``tables`` maps every name in
    :data:`FIELDS` to its rows, oldest first.
    """

    name: str
    exchange: str
    tier: str
    calendar: str
    introduced: dt.date | None
    retired: dt.date | None
    predecessor: str | None
    successor: str | None
    lineage: str
    tables: Mapping[str, tuple[Rule[Any], ...]]
    aliases: tuple[str, ...] = ()


def _pick(rows: tuple[Rule[Any], ...], day: dt.date) -> Rule[Any] | None:
    chosen: Rule[Any] | None = None
    for row in rows:
        if row.effective is None or row.effective <= day:
            chosen = row
        else:
            break
    return chosen


def resolve(tier: Tier, as_of: dt.date) -> RuleSet:
    """The :class:`RuleSet` of ``tier`` in force on ``as_of``.

    Raises
    ------
    NoRuleInForce
        The tier did not exist under this name on ``as_of`` (the message
        names the tier to use instead), or a table has no row yet.
    """
    if tier.introduced is not None and as_of < tier.introduced:
        hint = f"; use {tier.predecessor!r} before then" if tier.predecessor else ""
        raise NoRuleInForce(
            tier.name,
            as_of,
            f"the {tier.exchange} {tier.tier} dates from {tier.introduced.isoformat()} ({tier.lineage}){hint}",
        )
    if tier.retired is not None and as_of >= tier.retired:
        hint = f"; use {tier.successor!r}" if tier.successor else ""
        raise NoRuleInForce(
            tier.name,
            as_of,
            f"the {tier.exchange} {tier.tier} was renamed or closed on {tier.retired.isoformat()} "
            f"({tier.lineage}){hint}",
        )
    values: dict[str, Rule[Any]] = {}
    for name in FIELDS:
        row = _pick(tier.tables[name], as_of)
        if row is None:
            raise NoRuleInForce(tier.name, as_of, f"{name} has no row in force yet")
        values[name] = row
    return RuleSet(
        name=tier.name,
        exchange=tier.exchange,
        tier=tier.tier,
        as_of=as_of,
        calendar=tier.calendar,
        tier_data=tier,
        **values,
    )


@dataclass(frozen=True)
class RuleSet(FrameDisplay):
    """The rules of one listing tier in force on ``as_of``.

    Every attribute named in :data:`FIELDS` is a :class:`Rule` whose
    ``value`` is ``None`` when the rule did not apply. Obtain one with
    :func:`splitcalc.rules.get`; replace a value for a scenario with
    :meth:`with_value` (e.g. the staff's 20-day regain period).

    Examples
    --------
    >>> import datetime as dt
    >>> from splitcalc import rules
    >>> cm = rules.get("nasdaq-capital", as_of=dt.date(2025, 6, 2))
    >>> cm.min_bid.value, cm.min_bid.cite
    (Decimal('1.00'), 'Nasdaq Rule 5550(a)(2)')
    >>> cm.compliance_period_days.value, cm.reverse_split_cumulative_limit.value
    (180, 250)
    """

    name: str
    exchange: str
    tier: str
    as_of: dt.date
    calendar: str
    min_bid: Rule[Decimal | None]
    price_test: Rule[str]
    deficiency_days: Rule[int | None]
    compliance_period_days: Rule[int | None]
    compliance_period_months: Rule[int | None]
    period_end_on_session: Rule[bool | None]
    second_period_days: Rule[int | None]
    regain_days: Rule[int | None]
    regain_days_max: Rule[int | None]
    cure_response_days: Rule[int | None]
    low_price_threshold: Rule[Decimal | None]
    low_price_days: Rule[int | None]
    reverse_split_cumulative_limit: Rule[int | None]
    reverse_split_lookback_days: Rule[int | None]
    reverse_split_one_year_bar: Rule[bool]
    split_breaks_other_standard: Rule[bool]
    no_stay_after_second_period: Rule[bool]
    no_stay_after_recent_split: Rule[bool]
    no_stay_after_low_price: Rule[bool]
    hearing_request_days: Rule[int | None]
    panel_exception_days: Rule[int | None]
    min_publicly_held_shares: Rule[int | None]
    min_public_holders: Rule[int | None]
    min_total_holders: Rule[int | None]
    min_round_lot_holders: Rule[int | None]
    min_mvphs: Rule[Decimal | None]
    round_lot_size: Rule[int | None]
    initial_min_bid: Rule[Decimal | None]
    initial_min_publicly_held_shares: Rule[int | None]
    initial_min_round_lot_holders: Rule[int | None]
    moratorium: Rule[Moratorium | None]
    split_notice: Rule[tuple[int, str] | None]
    split_disclosure: Rule[tuple[int, str] | None]
    tier_data: Tier = field(repr=False, compare=False)

    # ------------------------------------------------------------- access
    def rules(self) -> Iterator[tuple[str, Rule[Any]]]:
        """``(field_name, Rule)`` for every rule attribute, in display order."""
        for name in FIELDS:
            yield name, getattr(self, name)

    def uncertain_rules(self) -> tuple[tuple[str, Rule[Any]], ...]:
        """The rules in force that are marked uncertain (the sources read do not settle them)."""
        return tuple((n, r) for n, r in self.rules() if r.uncertain)

    def history(self, name: str) -> tuple[Rule[Any], ...]:
        """Every dated row of one rule table, oldest first."""
        if name not in FIELDS:
            raise InputError("name", name, f"is not a rule; use one of {', '.join(FIELDS)}")
        return self.tier_data.tables[name]

    def in_force(self, name: str, day: dt.date) -> Rule[Any] | None:
        """The row of table ``name`` in force on ``day`` (``None`` before the first row)."""
        return _pick(self.history(name), day)

    def for_notice(self, notice: dt.date) -> RuleSet:
        """The rules that judge a case first notified on ``notice``.

        Rows keyed by the notice date (:attr:`Rule.by_notice`: the $0.10
        rule, Nasdaq Rule 5810(c)(3)(A)(iii)) are replaced by their table's row in force
        on ``notice``; every other rule (and a :meth:`with_value` override)
        stays as it is. ``as_of`` is unchanged.

        Examples
        --------
        >>> import datetime as dt
        >>> from splitcalc import rules
        >>> aug31 = rules.get("nasdaq-capital", as_of=dt.date(2020, 8, 31))
        >>> aug31.low_price_threshold.value is None
        True
        >>> str(aug31.for_notice(dt.date(2020, 9, 1)).low_price_threshold.value)
        '0.10'
        """
        changes: dict[str, Any] = {}
        for name, row in self.rules():
            if row.by_notice:
                picked = self.in_force(name, notice)
                if picked is not None and picked is not row:
                    changes[name] = picked
        return dataclasses.replace(self, **changes) if changes else self

    def notice_starts(self) -> tuple[dt.date, ...]:
        """Sorted dates on which :meth:`for_notice` may pick other rows (empty: nothing keyed by notice)."""
        days = {
            r.effective
            for name, row in self.rules()
            if row.by_notice
            for r in self.history(name)
            if r.effective is not None
        }
        return tuple(sorted(days))

    def at(self, as_of: dt.date) -> RuleSet:
        """The same tier's rule set on another date."""
        return resolve(self.tier_data, as_of)

    def with_value(self, name: str, value: Any, *, cite: str = "scenario override", source: str = "user") -> RuleSet:
        """A copy with rule ``name`` replaced (effective from the start, not uncertain)."""
        if name not in FIELDS:
            raise InputError("name", name, f"is not a rule; use one of {', '.join(FIELDS)}")
        changes: dict[str, Any] = {name: Rule(None, value, cite=cite, source=source)}
        return dataclasses.replace(self, **changes)

    # ------------------------------------------------------------ display
    def _title(self) -> str:
        return f"{self.exchange} {self.tier} rules as of {self.as_of.isoformat()} ({self.name})"

    def to_frame(self) -> pd.DataFrame:
        """One row per rule: value, cite, effective date, source, uncertain."""
        import pandas as pd

        rows = [
            {
                "rule": n,
                "value": "-" if r.value is None else _show(r.value),
                "cite": r.cite,
                "effective": r.effective.isoformat() if r.effective else "",
                "uncertain": r.uncertain,
                "source": public_source(r.source),
            }
            for n, r in self.rules()
        ]
        return pd.DataFrame(rows).set_index("rule")

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form: identity plus every rule row."""
        return {
            "name": self.name,
            "exchange": self.exchange,
            "tier": self.tier,
            "as_of": self.as_of,
            "calendar": self.calendar,
            "rules": {n: r.to_dict() for n, r in self.rules()},
        }


def _show(value: object) -> str:
    if isinstance(value, tuple) and all(isinstance(v, dt.date) for v in value):
        return " to ".join(v.isoformat() for v in value)
    if isinstance(value, tuple) and len(value) == 2:
        return f"{value[0]} {value[1]} days"
    return str(value)
