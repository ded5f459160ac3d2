"""Which rule set judges a date: one fixed :class:`~splitcalc.rules.RuleSet`, or a tier name resolved day by day.

Given a name, each case is judged by the rules in force on its deficiency
date (:func:`splitcalc.rules.get`), except rows keyed by the notice date
(the $0.10 rule, Nasdaq 5810(c)(3)(A)(iii)), which are those in force on the case's
notice date (:meth:`~splitcalc.rules.RuleSet.for_notice`), for a name or a
fixed rule set alike. A long history may cross the day a tier
was renamed (SmallCap -> Capital Market on Sep 8, 2005; National Market ->
Global Market on Jul 1, 2006): dates outside the named tier's existence are
judged under the tier's name then (its ``predecessor`` or ``successor``),
and the result says so in one caveat per tier followed. If *no* date of the
series lies in the named tier's existence, that is not a long history but the
wrong name: :class:`~splitcalc.errors.NoRuleInForce`, as
:func:`splitcalc.rules.get` raises for a single date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from .. import rules as _rules
from ..errors import InputError, NoRuleInForce
from ..rules import RuleSet, Tier
from ._closes import as_date

__all__ = ["RulesByDate"]


@dataclass
class RulesByDate:
    """Rules in force on each date, for a fixed rule set or a rule-set name.

    Call it with a date to get the :class:`RuleSet` that judges it.
    ``followed`` records, per other tier name used, the first and last date
    judged under it (for :meth:`caveats`).
    """

    name: str
    calendar: str
    fixed: RuleSet | None = None
    followed: dict[str, tuple[dt.date, dt.date]] = field(default_factory=dict)
    _starts: npt.NDArray[np.datetime64] | None = field(default=None, repr=False)
    # per rule set (held, so its id stays its own): its notice-keyed era starts and the rule set of each era
    _notice_eras: dict[int, tuple[RuleSet, npt.NDArray[np.datetime64], dict[int, RuleSet]]] = field(
        default_factory=dict, repr=False
    )

    @classmethod
    def of(cls, rules: RuleSet | str, param_name: str = "rules") -> RulesByDate:
        """From a :class:`RuleSet` or a name/alias (:func:`splitcalc.rules.canonical`).

        Raises
        ------
        UnknownExchange
            Unknown name.
        InputError
            Neither a RuleSet nor a string.
        """
        if isinstance(rules, RuleSet):
            return cls(rules.name, rules.calendar, rules)
        if isinstance(rules, str):
            name = _rules.canonical(rules)
            return cls(name, _rules.tier(name).calendar)
        raise InputError(param_name, type(rules).__name__, "must be a RuleSet or a rule-set name")

    # ---------------------------------------------------------------- checks
    def check_span(self, first: dt.date, last: dt.date) -> None:
        """Raise :class:`NoRuleInForce` if no date in ``[first, last]`` lies in the named tier's existence.

        A fixed rule set is taken as given (the caller chose its date).
        """
        if self.fixed is not None:
            return
        tier = _rules.tier(self.name)
        before = tier.introduced is not None and last < tier.introduced
        after = tier.retired is not None and first >= tier.retired
        if not (before or after):
            return
        other = tier.predecessor if before else tier.successor
        when = (
            f"dates from {tier.introduced.isoformat()}"
            if before and tier.introduced
            else f"was renamed or closed on {tier.retired.isoformat() if tier.retired else '?'}"
        )
        hint = f"; use {other!r}" if other else ""
        raise NoRuleInForce(
            self.name,
            last if before else first,
            f"the closes run {first.isoformat()} to {last.isoformat()}, and the {tier.exchange} {tier.tier} "
            f"{when} ({tier.lineage}){hint}",
        )

    # --------------------------------------------------------------- lookups
    def __call__(self, day: dt.date) -> RuleSet:
        """The rule set that judges ``day`` (the tier's former or later name outside its existence)."""
        if self.fixed is not None:
            return self.fixed
        try:
            return _rules.get(self.name, as_of=day)
        except NoRuleInForce:
            tier = _rules.tier(self.name)
            other = tier.predecessor if tier.introduced is not None and day < tier.introduced else tier.successor
            if other is None:
                raise
            lo, hi = self.followed.get(other, (day, day))
            self.followed[other] = (min(lo, day), max(hi, day))
            return _rules.get(other, as_of=day)

    def era_starts(self) -> npt.NDArray[np.datetime64]:
        """Sorted dates on which the rule set a date resolves to may change (empty for a fixed set).

        Every ``effective`` date of every table of the tier and of the tiers
        it follows, and the rename dates. Between two consecutive starts,
        :meth:`__call__` returns equal rule sets (only ``as_of`` differs).
        """
        if self.fixed is not None:
            return np.empty(0, dtype="datetime64[D]")
        if self._starts is not None:
            return self._starts
        tier = _rules.tier(self.name)
        tiers: list[Tier] = [tier]
        tiers += [_rules.tier(other) for other in (tier.predecessor, tier.successor) if other]
        days: set[dt.date] = set()
        for t in tiers:
            days.update(d for d in (t.introduced, t.retired) if d is not None)
            days.update(row.effective for rows in t.tables.values() for row in rows if row.effective is not None)
        self._starts = np.array(sorted(days), dtype="datetime64[D]")
        return self._starts

    def groups(
        self, days: npt.NDArray[np.datetime64], notices: npt.NDArray[np.datetime64] | None = None
    ) -> list[tuple[npt.NDArray[np.bool_], RuleSet]]:
        """Partition ``days`` by the rule set that judges them: ``(mask, rule set)`` pairs.

        One lookup per era (:meth:`era_starts`), not per day; a fixed rule
        set gives one group. With ``notices`` (each case's notice date), a
        group is split further where rows keyed by the notice date change
        (:meth:`~splitcalc.rules.RuleSet.notice_starts`), and each part's rule
        set is :meth:`~splitcalc.rules.RuleSet.for_notice` of its notices.
        """
        if len(days) == 0:
            return []
        if self.fixed is not None:
            out = [(np.ones(len(days), dtype=bool), self.fixed)]
        else:
            era = np.searchsorted(self.era_starts(), days, side="right")
            out = []
            for e in np.unique(era):
                mask = era == e
                first, last = as_date(days[mask].min()), as_date(days[mask].max())
                self(last)  # both ends recorded in ``followed`` when judged under another name
                out.append((mask, self(first)))
        if notices is None:
            return out
        split: list[tuple[npt.NDArray[np.bool_], RuleSet]] = []
        for mask, rs in out:
            held = self._notice_eras.get(id(rs))
            if held is None or held[0] is not rs:
                held = (rs, np.array(rs.notice_starts(), dtype="datetime64[D]"), {})
                self._notice_eras[id(rs)] = held
            _, starts, by_era = held
            by_notice = np.searchsorted(starts, notices, side="right")
            for e in np.unique(by_notice[mask]):
                part = mask & (by_notice == e)
                if int(e) not in by_era:  # between two starts for_notice picks the same rows
                    by_era[int(e)] = rs.for_notice(as_date(notices[part].min()))
                split.append((part, by_era[int(e)]))
        return split

    # --------------------------------------------------------------- caveats
    def caveats(self) -> list[str]:
        """One line per other tier name some dates were judged under."""
        out = []
        for other, (lo, hi) in self.followed.items():
            tier = _rules.tier(self.name)
            span = lo.isoformat() if lo == hi else f"{lo.isoformat()} to {hi.isoformat()}"
            out.append(
                f"rules {self.name!r}: the {tier.exchange} {tier.tier} did not exist under that name on {span}; "
                f"judged under {other!r}, the tier's name then ({tier.lineage})"
            )
        return out
