"""The rule values a ratio choice and a price scenario are judged against.

:class:`RuleValues` holds, for one exchange tier on one date, the numeric
listing minimums a reverse split can break (e.g. Nasdaq Rules 5550(a)(3)-(5))
and the price-rule day counts the simulator applies to every path (Nasdaq
Rule 5810(c)(3)(A)). It is a read-only view of a :mod:`splitcalc.rules`
``RuleSet`` (attributes ``min_bid``, ``min_publicly_held_shares``, ...; each
a ``Rule`` with ``.value``, ``.cite``, ``.uncertain``): it holds no value of
its own, so the thresholds stay data owned by the rules package. Without
``rules=`` the Nasdaq Capital Market rules in force today apply
(:func:`default_rules`); :func:`initial_listing` swaps in the
initial-listing rows for an uplisting.

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
from dataclasses import dataclass, field, replace
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
        Rule number in force.
    uncertain
        True where the rule row is marked UNCERTAIN.
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


#: The rule rows a :class:`RuleValues` shows: its attribute -> the ``RuleSet`` attribute it reads.
VALUE_FIELDS: Final = {
    "min_bid": "min_bid",
    "price_test": "price_test",
    "deficiency_days": "deficiency_days",
    "regain_days": "regain_days",
    "regain_days_max": "regain_days_max",
    "low_price_threshold": "low_price_threshold",
    "low_price_days": "low_price_days",
    "one_year_bar": "reverse_split_one_year_bar",
    "compliance_period_days": "compliance_period_days",
    "reverse_split_cumulative_limit": "reverse_split_cumulative_limit",
    "min_publicly_held_shares": "min_publicly_held_shares",
    "min_public_holders": "min_public_holders",
    "min_total_holders": "min_total_holders",
    "min_round_lot_holders": "min_round_lot_holders",
    "min_mvphs": "min_mvphs",
}
#: Values read as exact decimals (money), whatever type the row holds.
_DECIMALS: Final = frozenset({"min_bid", "low_price_threshold", "min_mvphs"})


def _row_value(ruleset: Any, name: str) -> RuleValue[Any] | None:
    """The row behind attribute ``name`` of a :class:`RuleValues`, or ``None`` (no row, or a ``None`` value)."""
    rule = getattr(ruleset, VALUE_FIELDS[name], None)
    value = getattr(rule, "value", None)
    if value is None:
        return None
    if name in _DECIMALS:
        value = Decimal(str(value))
    return RuleValue(value, str(getattr(rule, "cite", "")), bool(getattr(rule, "uncertain", False)))


@dataclass(frozen=True)
class RuleValues:
    """The thresholds and day counts used by the sweep, the solver and the simulator: a read-only view of a RuleSet.

    It holds no rule values of its own: every attribute below reads the
    ``RuleSet`` row of the same name on each access, as a :class:`RuleValue`
    (value, cite, uncertain), or ``None`` where the row has no value (not
    applicable).

    Attributes
    ----------
    ruleset
        The rule set read (:func:`splitcalc.rules.get`; or any object with its attribute names).
    name
        What the values describe ("Nasdaq Capital Market as of 2025-06-02").
    source
        The rule set's name (:func:`splitcalc.rules.get` key).
    min_bid
        Minimum bid price (Nasdaq Rules 5550(a)(2) / 5450(a)(1): $1.00).
    price_test
        ``"consecutive_closing_bid"`` (Nasdaq), ``"average_30_trading_days"``
        (NYSE 802.01C) or ``"discretionary"`` (NYSE American 1003(f)(v)).
    deficiency_days
        Consecutive business days below the minimum bid that make a deficiency (30).
    regain_days, regain_days_max
        Consecutive business days at or above it that regain compliance (10),
        and the most staff may ask for (generally 20) -- Nasdaq Rule 5810(c)(3)(A)
        and the staff-discretion paragraph of 5810(c)(3) (each row names its cite).
    low_price_threshold, low_price_days
        $0.10 for 10 consecutive trading days ends a compliance period
        (5810(c)(3)(A)(iii); for companies first notified on or after Sep 1, 2020).
    one_year_bar
        A bid-price failure within one year of any reverse split gets no
        compliance period (5810(c)(3)(A)(iv) as amended, effective Jan 17, 2025);
        the ``reverse_split_one_year_bar`` row.
    compliance_period_days
        Calendar days of the first compliance period (180; 90 on the 2002 NNM).
    reverse_split_cumulative_limit
        Cumulative reverse-split ratio over two years that bars a compliance
        period (250 Nasdaq 5810(c)(3)(A)(iv); 200 NYSE 802.01C, from Jan 15, 2025).
    min_publicly_held_shares, min_public_holders, min_total_holders, min_round_lot_holders, min_mvphs
        The numeric minimums a split can break (e.g. Nasdaq Rules 5550(a)(3)-(5), NYSE 802.01A).
    """

    ruleset: Any
    label: str = field(default="", compare=False)

    @property
    def min_bid(self) -> RuleValue[Decimal] | None:
        """The rule set's ``min_bid`` row (``None``: not applicable)."""
        return _row_value(self.ruleset, "min_bid")

    @property
    def price_test(self) -> RuleValue[str] | None:
        """The rule set's ``price_test`` row (``None``: not applicable)."""
        return _row_value(self.ruleset, "price_test")

    @property
    def deficiency_days(self) -> RuleValue[int] | None:
        """The rule set's ``deficiency_days`` row (``None``: not applicable)."""
        return _row_value(self.ruleset, "deficiency_days")

    @property
    def regain_days(self) -> RuleValue[int] | None:
        """The rule set's ``regain_days`` row (``None``: not applicable)."""
        return _row_value(self.ruleset, "regain_days")

    @property
    def regain_days_max(self) -> RuleValue[int] | None:
        """The rule set's ``regain_days_max`` row (``None``: not applicable)."""
        return _row_value(self.ruleset, "regain_days_max")

    @property
    def low_price_threshold(self) -> RuleValue[Decimal] | None:
        """The rule set's ``low_price_threshold`` row (``None``: not applicable)."""
        return _row_value(self.ruleset, "low_price_threshold")

    @property
    def low_price_days(self) -> RuleValue[int] | None:
        """The rule set's ``low_price_days`` row (``None``: not applicable)."""
        return _row_value(self.ruleset, "low_price_days")

    @property
    def one_year_bar(self) -> RuleValue[bool] | None:
        """The rule set's ``reverse_split_one_year_bar`` row (``None``: not applicable)."""
        return _row_value(self.ruleset, "one_year_bar")

    @property
    def compliance_period_days(self) -> RuleValue[int] | None:
        """The rule set's ``compliance_period_days`` row (``None``: not applicable)."""
        return _row_value(self.ruleset, "compliance_period_days")

    @property
    def reverse_split_cumulative_limit(self) -> RuleValue[int] | None:
        """The rule set's ``reverse_split_cumulative_limit`` row (``None``: not applicable)."""
        return _row_value(self.ruleset, "reverse_split_cumulative_limit")

    @property
    def min_publicly_held_shares(self) -> RuleValue[int] | None:
        """The rule set's ``min_publicly_held_shares`` row (``None``: not applicable)."""
        return _row_value(self.ruleset, "min_publicly_held_shares")

    @property
    def min_public_holders(self) -> RuleValue[int] | None:
        """The rule set's ``min_public_holders`` row (``None``: not applicable)."""
        return _row_value(self.ruleset, "min_public_holders")

    @property
    def min_total_holders(self) -> RuleValue[int] | None:
        """The rule set's ``min_total_holders`` row (``None``: not applicable)."""
        return _row_value(self.ruleset, "min_total_holders")

    @property
    def min_round_lot_holders(self) -> RuleValue[int] | None:
        """The rule set's ``min_round_lot_holders`` row (``None``: not applicable)."""
        return _row_value(self.ruleset, "min_round_lot_holders")

    @property
    def min_mvphs(self) -> RuleValue[Decimal] | None:
        """The rule set's ``min_mvphs`` row (``None``: not applicable)."""
        return _row_value(self.ruleset, "min_mvphs")

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
        """The view of a ``RuleSet`` (contract attribute names).

        A missing attribute, a ``None`` rule or a rule whose ``.value`` is
        ``None`` all read as "not applicable". ``reverse_split_one_year_bar``
        is read as :attr:`one_year_bar`.
        """
        return cls(ruleset)

    @property
    def name(self) -> str:
        """What the values describe: the label given, else the rule set's exchange, tier and date."""
        if self.label:
            return self.label
        rs = self.ruleset
        exchange = getattr(rs, "exchange", "")
        tier = getattr(rs, "tier", "")
        parts = [str(tier)] if exchange and str(exchange) in str(tier) else [str(x) for x in (exchange, tier) if x]
        label = " ".join(parts) or str(getattr(rs, "name", "rules"))
        as_of = getattr(rs, "as_of", None)
        return label if as_of is None else f"{label} as of {as_of}"

    @property
    def source(self) -> str:
        """The rule set's name (its :func:`splitcalc.rules.get` key)."""
        return str(getattr(self.ruleset, "name", ""))

    # -------------------------------------------------------------- views
    def minimums(self) -> Iterator[Minimum]:
        """The numeric minimums that apply, in table order."""
        for name, label, kind in MINIMUM_FIELDS:
            rule = getattr(self, name)
            if rule is not None:
                yield Minimum(name, label, kind, rule.value, rule.cite, rule.uncertain)

    def uncertain(self) -> tuple[str, ...]:
        """Names of the values whose rows are marked UNCERTAIN."""
        return tuple(name for name in VALUE_FIELDS if (v := getattr(self, name)) is not None and v.uncertain)

    def with_values(self, **changes: Any) -> RuleValues:
        """A view of the rule set with some rows replaced (each a ``RuleValue`` or ``None``: not applicable).

        The rule set gets a scenario row per change (``RuleSet.with_value``,
        effective from the start, cited as given), so the view still reads
        every value from RuleSet rows.
        """
        rs = self.ruleset
        for name, change in changes.items():
            if name not in VALUE_FIELDS:
                raise InputError(name, change, f"is not a rule value; use one of {', '.join(VALUE_FIELDS)}")
            if change is None:
                rs = rs.with_value(VALUE_FIELDS[name], None, cite="not applicable (scenario override)")
            elif isinstance(change, RuleValue):
                rs = rs.with_value(VALUE_FIELDS[name], change.value, cite=change.cite)
            else:
                raise InputError(name, change, "expected a RuleValue or None")
        return replace(self, ruleset=rs)


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
    rs: Any = _rules.get(tier) if isinstance(tier, str) else tier
    bid = getattr(rs, "initial_min_bid", None)
    if bid is None or bid.value is None:
        cite = getattr(bid, "cite", "no initial_min_bid row")
        raise InputError("tier", getattr(rs, "name", tier), f"has no initial-listing minimums in the rules ({cite})")

    def not_tested(name: str) -> Any:
        row = getattr(values.ruleset, name)
        return replace(row, value=None, cite=f"not an initial-listing minimum ({row.cite})", uncertain=False)

    label = f"{getattr(rs, 'exchange', '')} {getattr(rs, 'tier', '')}".strip()
    view = replace(
        values.ruleset,
        min_bid=rs.initial_min_bid,
        min_publicly_held_shares=rs.initial_min_publicly_held_shares,
        min_public_holders=not_tested("min_public_holders"),
        min_total_holders=not_tested("min_total_holders"),
        min_round_lot_holders=rs.initial_min_round_lot_holders,
        min_mvphs=not_tested("min_mvphs"),
    )
    return RuleValues(view, label=f"{label}, initial listing")
