"""The rule values a ratio choice and a price scenario are judged against.

:class:`RuleValues` holds, for one exchange tier on one date, the numeric
listing minimums a reverse split can break (rules.md §2) and the price-rule
day counts the simulator applies to every path (rules.md §1). It is read from
a :mod:`splitcalc.rules` ``RuleSet`` (attributes ``min_bid``,
``min_publicly_held_shares``, ...; each a ``Rule`` with ``.value``,
``.cite``, ``.uncertain``), so the thresholds stay data owned by the rules
package. Without ``rules=`` the Nasdaq Capital Market rules in force today
apply (:func:`default_rules`); :func:`initial_listing` swaps in the
initial-listing minimums for an uplisting.

>>> values = default_rules()
>>> values.min_bid.value, values.regain_days.value
(Decimal('1.00'), 10)
>>> [m.label for m in values.minimums()]
['publicly held shares', 'public holders', 'MVPHS']
>>> initial_listing().min_bid.value, initial_listing().min_round_lot_holders.value
(Decimal('4.00'), 300)
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from typing import Any, Final, Generic, TypeVar

from ..errors import InputError

__all__ = [
    "DEFAULT_RULES",
    "RuleValue",
    "RuleValues",
    "default_rules",
    "initial_listing",
]

#: Rule set used when none is given (:func:`splitcalc.rules.get` name).
DEFAULT_RULES: Final = "nasdaq-capital"

T = TypeVar("T")


@dataclass(frozen=True)
class RuleValue(Generic[T]):
    """One rule value with its citation.

    Attributes
    ----------
    value
        The threshold or day count.
    cite
        Rule number in force (and rules.md section).
    uncertain
        True where rules.md marks the value UNCERTAIN.
    """

    value: T
    cite: str
    uncertain: bool = False


#: (attribute, label, kind) of the numeric minimums a split can break, in
#: table order. ``kind`` is "shares", "holders" or "money".
MINIMUM_FIELDS: Final = (
    ("min_publicly_held_shares", "publicly held shares", "shares"),
    ("min_public_holders", "public holders", "holders"),
    ("min_total_holders", "total holders", "holders"),
    ("min_round_lot_holders", "round-lot holders", "holders"),
    ("min_mvphs", "MVPHS", "money"),
)


@dataclass(frozen=True)
class Minimum:
    """A numeric listing minimum, named for tables."""

    field: str
    label: str
    kind: str
    value: int | Decimal
    cite: str
    uncertain: bool = False


@dataclass(frozen=True)
class RuleValues:
    """The thresholds and day counts used by the sweep, the solver and the simulator.

    Every attribute is a :class:`RuleValue` or ``None`` (not applicable).

    Attributes
    ----------
    name
        What the values describe ("Nasdaq Capital Market, continued listing").
    min_bid
        Minimum bid price (Nasdaq Rules 5550(a)(2) / 5450(a)(1): $1.00).
    price_test
        ``"consecutive_closing_bid"`` (Nasdaq), ``"average_30_trading_days"``
        (NYSE 802.01C) or ``"discretionary"`` (NYSE American 1003(f)(v)).
    deficiency_days
        Consecutive business days below the minimum bid that make a deficiency (30).
    regain_days, regain_days_max
        Consecutive business days at or above it that regain compliance (10),
        and the most staff may ask for (20) -- Rule 5810(c)(3)(A), rules.md §1 rows 4-5.
    low_price_threshold, low_price_days
        $0.10 for 10 consecutive trading days ends a compliance period
        (5810(c)(3)(A)(iii), rules.md §1 row 7; from Sep 1, 2020).
    one_year_bar
        A bid-price failure within one year of any reverse split gets no
        compliance period (5810(c)(3)(A)(iv) as amended Jan 17, 2025, row 10).
    compliance_period_days
        Calendar days of the first compliance period (180; 90 on the 2002 NNM).
    reverse_split_cumulative_limit
        Cumulative reverse-split ratio over two years that bars a compliance
        period (250 Nasdaq, 200 NYSE; rules.md §1 row 8, §5).
    min_publicly_held_shares, min_public_holders, min_total_holders, min_round_lot_holders, min_mvphs
        The numeric minimums a split can break (rules.md §2).
    """

    name: str
    min_bid: RuleValue[Decimal] | None = None
    price_test: RuleValue[str] | None = None
    deficiency_days: RuleValue[int] | None = None
    regain_days: RuleValue[int] | None = None
    regain_days_max: RuleValue[int] | None = None
    low_price_threshold: RuleValue[Decimal] | None = None
    low_price_days: RuleValue[int] | None = None
    one_year_bar: RuleValue[bool] | None = None
    compliance_period_days: RuleValue[int] | None = None
    reverse_split_cumulative_limit: RuleValue[int] | None = None
    min_publicly_held_shares: RuleValue[int] | None = None
    min_public_holders: RuleValue[int] | None = None
    min_total_holders: RuleValue[int] | None = None
    min_round_lot_holders: RuleValue[int] | None = None
    min_mvphs: RuleValue[Decimal] | None = None
    source: str = field(default="")

    # ------------------------------------------------------------ readers
    @classmethod
    def coerce(cls, rules: object, *, param_name: str = "rules") -> RuleValues:
        """``rules`` as :class:`RuleValues`; ``None`` gives :func:`default_rules`.

        Accepts a :class:`RuleValues`, a ``RuleSet`` from
        :func:`splitcalc.rules.get` (read through :meth:`from_rules`), or a
        rule-set name for :func:`splitcalc.rules.get` in force today
        (``"nasdaq-capital"``, ``"nyse"``...).
        """
        if rules is None:
            return default_rules()
        if isinstance(rules, RuleValues):
            return rules
        if isinstance(rules, str):
            from .. import rules as _rules

            return cls.from_rules(_rules.get(rules))
        if not hasattr(rules, "min_bid"):
            raise InputError(param_name, rules, "expected a RuleSet from splitcalc.rules.get() or a RuleValues")
        return cls.from_rules(rules)

    @classmethod
    def from_rules(cls, ruleset: Any) -> RuleValues:
        """Read the values from a ``RuleSet`` (contract attribute names).

        A missing attribute, a ``None`` rule or a rule whose ``.value`` is
        ``None`` all mean "not applicable". ``reverse_split_one_year_bar`` is
        read into :attr:`one_year_bar`.
        """
        renamed = {"one_year_bar": "reverse_split_one_year_bar"}
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in ("name", "source"):
                continue
            rule = getattr(ruleset, renamed.get(f.name, f.name), None)
            value = getattr(rule, "value", None)
            if value is None:
                continue
            if f.name in ("min_bid", "low_price_threshold", "min_mvphs"):
                value = Decimal(str(value))
            values[f.name] = RuleValue(
                value,
                str(getattr(rule, "cite", "")),
                bool(getattr(rule, "uncertain", False)),
            )
        exchange = getattr(ruleset, "exchange", "")
        tier = getattr(ruleset, "tier", "")
        parts = [str(tier)] if exchange and str(exchange) in str(tier) else [str(x) for x in (exchange, tier) if x]
        label = " ".join(parts) or str(getattr(ruleset, "name", "rules"))
        as_of = getattr(ruleset, "as_of", None)
        if as_of is not None:
            label += f" as of {as_of}"
        return cls(name=label, source=str(getattr(ruleset, "name", "")), **values)

    # -------------------------------------------------------------- views
    def minimums(self) -> Iterator[Minimum]:
        """The numeric minimums that apply, in table order."""
        for name, label, kind in MINIMUM_FIELDS:
            rule = getattr(self, name)
            if rule is not None:
                yield Minimum(name, label, kind, rule.value, rule.cite, rule.uncertain)

    def uncertain(self) -> tuple[str, ...]:
        """Names of the values marked UNCERTAIN in rules.md."""
        return tuple(
            f.name
            for f in fields(self)
            if isinstance(getattr(self, f.name), RuleValue) and getattr(self, f.name).uncertain
        )

    def with_values(self, **changes: Any) -> RuleValues:
        """A copy with some values replaced (``RuleValue`` or ``None``)."""
        return replace(self, **changes)


@functools.lru_cache(maxsize=1)
def default_rules() -> RuleValues:
    """Nasdaq Capital Market continued listing in force today, from :mod:`splitcalc.rules`.

    Used when no ``rules=`` is given.
    """
    from .. import rules as _rules

    return RuleValues.from_rules(_rules.get(DEFAULT_RULES))


def initial_listing(base: object = None, *, tier: object = None) -> RuleValues:
    """``base`` (default :func:`default_rules`) with a Nasdaq tier's *initial*-listing minimums.

    The minimums are the ``initial_min_bid``, ``initial_min_publicly_held_shares``
    and ``initial_min_round_lot_holders`` rows of ``tier`` (a ``RuleSet`` or
    rule-set name; default: the rule set ``base`` was read from where it has
    such rows, else the Nasdaq Capital Market today -- the uplisting target): Capital Market Rule 5505(a) -- $4.00 bid,
    1,000,000 unrestricted publicly held shares, 300 round-lot holders. The
    continued-listing holder and MVPHS tests are dropped; the price rules
    (day counts) stay those of ``base``. A minimum the tier does not have
    is left out (not applicable), never filled in.

    Raises
    ------
    InputError
        The tier has no initial-listing bid price in the rules.
    """
    from .. import rules as _rules

    values = RuleValues.coerce(base)
    if tier is None:  # the base's own tier where it has initial-listing rows, else the Capital Market
        own = _rules.get(values.source) if values.source in _rules.names() else None
        tier = own if own is not None and own.initial_min_bid.value is not None else DEFAULT_RULES
    rs = _rules.get(tier) if isinstance(tier, str) else tier
    bid = getattr(rs, "initial_min_bid", None)
    if bid is None or bid.value is None:
        cite = getattr(bid, "cite", "no initial_min_bid row")
        raise InputError("tier", getattr(rs, "name", tier), f"has no initial-listing minimums in the rules ({cite})")

    def read(name: str) -> RuleValue[Any] | None:
        rule = getattr(rs, name)
        return None if rule.value is None else RuleValue(rule.value, rule.cite, rule.uncertain)

    label = f"{getattr(rs, 'exchange', '')} {getattr(rs, 'tier', '')}".strip()
    return replace(
        values,
        name=f"{label}, initial listing",
        min_bid=read("initial_min_bid"),
        min_publicly_held_shares=read("initial_min_publicly_held_shares"),
        min_public_holders=None,
        min_total_holders=None,
        min_round_lot_holders=read("initial_min_round_lot_holders"),
        min_mvphs=None,
        source=str(getattr(rs, "name", "")),
    )
