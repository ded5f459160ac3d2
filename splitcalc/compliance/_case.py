"""One security's compliance walk: its inputs, the events it builds, and the steps every exchange shares.

The per-exchange walks (:mod:`._nasdaq`, :mod:`._nyse`) use these: the event
builder, the reverse-split bars (Nasdaq 5810(c)(3)(A)(iv), NYSE 802.01C,
SR-NASDAQ-2020-001 and SR-NASDAQ-2024-045), the notice (given or estimated) and how a
given notice is matched to the case it belongs to, and the other numeric
standards a split may break (SR-NASDAQ-2024-029, approved Oct 7, 2024).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from ..ratio import SplitRatio
from ..rules import Rule, RuleSet
from ._closes import Closes
from ._rules_by_date import RulesByDate
from ._splits import SplitEvent, cumulative_magnitude, other_standard_breaches
from ._timeline import ComplianceEvent
from .kernel import (
    WINDOW_READING,
    after_deadline,
    estimated_notice,
    in_lookback,
    in_prior_year,
    lookback_edges,
    pending_no_stay,
)

__all__ = [
    "Builder",
    "Case",
    "Found",
    "UnmatchedNotice",
    "after_determination",
    "barred",
    "breaking_splits",
    "money",
    "notice_event",
    "split_events",
    "take_notice",
]


def money(value: float) -> str:
    """``$0.80``, ``$0.0725``, ``$1,234.50``: cents, or up to 4 decimals below $1.

    >>> money(0.0725), money(1234.5)
    ('$0.0725', '$1,234.50')
    """
    text = f"{value:,.4f}"
    while text.endswith("0") and len(text.split(".")[1]) > 2:
        text = text[:-1]
    return "$" + text


@dataclass
class Builder:
    """Collects events, caveats and the rules a result relied on."""

    events: list[ComplianceEvent] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)
    used: dict[str, Rule[Any]] = field(default_factory=dict)

    def event(
        self,
        day: dt.date,
        kind: str,
        description: str,
        cite: Rule[Any] | str,
        *,
        day_count: int | None = None,
        estimated: bool = False,
    ) -> None:
        """Record one event (``cite``: a rule, described with its UNCERTAIN mark, or a text)."""
        text = cite.describe() if isinstance(cite, Rule) else cite
        self.events.append(ComplianceEvent(day, kind, description, text, day_count, estimated))

    def use(self, rs: RuleSet, *names: str) -> None:
        """Note that the result relies on these rules of ``rs``."""
        for name in names:
            rule = getattr(rs, name)
            self.used[f"{name}@{rs.name}:{rule.effective}"] = rule

    def caveat(self, text: str) -> None:
        """Add a caveat once."""
        if text not in self.caveats:
            self.caveats.append(text)

    def uncertain(self) -> tuple[str, ...]:
        """``"rule: cite"`` for every UNCERTAIN rule relied on."""
        out: list[str] = []
        for key, rule in self.used.items():
            if rule.uncertain or rule.pending:
                line = f"{key.split('@', 1)[0]}: {rule.cite}"
                if line not in out:
                    out.append(line)
        return tuple(out)


@dataclass
class Case:
    """Inputs shared by the per-exchange walks."""

    closes: Closes
    rules_for: RulesByDate
    splits: tuple[SplitEvent, ...]
    eval_day: dt.date
    notice_given: dt.date | None
    structure: Any
    holders: Any
    second_period: bool
    b: Builder

    @property
    def px(self) -> npt.NDArray[np.float64]:
        """The closes (float64, one per session)."""
        return self.closes.values

    def rules_on(self, rs: RuleSet, day: dt.date) -> RuleSet:
        """The rules for a step of a case taken on ``day`` (a split, the end of a period).

        A case is judged by the rules in force on its deficiency date
        (``rs``), but a later step meets the rows in force when it happens: a
        split on or after Oct 7, 2024 is tested against the other numeric
        standards (SR-NASDAQ-2024-029; NYSE 802.01A, Jan 15, 2025) and a
        second period that ends after Jan 17, 2025 loses the hearing stay
        (SR-NASDAQ-2024-045), even for a deficiency from before. A tier name is
        resolved on ``day``; a fixed rule set is used as given.
        """
        return rs if self.rules_for.fixed is not None else self.rules_for(day)

    def date(self, i: int) -> dt.date:
        """Date of session ``i``."""
        return self.closes.date(i)


class UnmatchedNotice(Exception):
    """The closes rule out a deficiency open on the given notice date (the engine raises InputError)."""


# ---------------------------------------------------------------- the notice
class Found(NamedTuple):
    """The next case of a walk: its deficiency session ``t`` and ``day``, and the notice that belongs to it."""

    t: int  # -1 if the closes begin after the (anchored) deficiency
    day: dt.date
    notice: dt.date | None  # the given notice if it belongs to this case; None: estimate one
    anchored: bool  # the deficiency is dated from the given notice, not shown by the closes


def take_notice(
    case: Case,
    pending: dt.date | None,
    t: int,
    *,
    closed_before: Callable[[int, dt.date], bool],
    fits: Callable[[dt.date], bool],
) -> Found | None:
    """The case whose deficiency the closes show on session ``t`` (-1: none), with the given notice if it is its.

    A notice belongs to the case whose deficiency is open on its date: the
    deficiency on or before it, and the case not cured (or dropped) before
    it -- whatever the estimated notice of that case would have made of it,
    since the exchange's letter is the fact. An earlier case closed before
    the notice keeps an estimated notice.

    If the closes show no deficiency on or before the notice but cannot rule
    one out (``fits``: they begin after the notice, or inside a run below
    the minimum that reaches it), the case is *anchored*: its deficiency is
    dated the day before the notice (session ``t`` the last one before it).

    Returns ``None`` when there is no further case.

    Raises
    ------
    UnmatchedNotice
        The closes rule out a deficiency open on the notice date.
    """
    c = case.closes
    if pending is not None and (t < 0 or c.date(t) > pending):
        if not fits(pending):
            raise UnmatchedNotice(pending)
        return Found(
            c.index_on_or_before(pending - dt.timedelta(days=1)), pending - dt.timedelta(days=1), pending, True
        )
    if t < 0:
        return None
    mine = pending is not None and not closed_before(t, pending)
    return Found(t, c.date(t), pending if mine else None, False)


def notice_event(
    case: Case, rs: RuleSet, day: dt.date, notice: dt.date | None, *, cite: Rule[Any], how: str
) -> tuple[dt.date, bool]:
    """The ``notice`` event: the given date, or the next session after ``day`` (estimated, ``how``).

    Returns the notice date and whether it is estimated.
    """
    estimated = notice is None
    if notice is None:
        notice = estimated_notice(day, rs.calendar)
    text = f"deficiency notice (estimated: the next session; {how})" if estimated else "deficiency notice (given)"
    case.b.event(notice, "notice", text, cite, estimated=estimated)
    return notice, estimated


# ----------------------------------------------------------- splits and bars
def split_events(case: Case) -> None:
    """``split_effective`` events, and a caveat when closes do not jump at a reverse split."""
    c = case.closes
    for day, ratio in case.splits:
        if day > case.eval_day:
            continue
        k = c.index_on_or_after(day)
        text = f"{ratio} split effective"
        if 0 < k < len(c.values) and c.date(0) < day:
            before, after = float(c.values[k - 1]), float(c.values[k])
            text += f"; close {money(before)} before, {money(after)} on {c.date(k).isoformat()}"
            expected = float(ratio.price_multiplier)
            jump = after / before
            if ratio.is_reverse and jump < expected**0.5:
                case.b.caveat(
                    f"closes rise only x{jump:.2f} across the {ratio} split on {day.isoformat()} (about x{expected:g} "
                    "expected): if they are split-adjusted, the result is wrong -- use as-traded prices"
                )
        case.b.event(day, "split_effective", text, "as-traded closes: prices before the split are not adjusted")


def _bars(case: Case, rs: RuleSet, day: dt.date, notice: dt.date) -> list[tuple[str, Rule[Any]]]:
    """Reverse-split bars that deny a compliance period for a failure on ``day`` notified on ``notice``.

    A rule keyed by the notice date (:attr:`Rule.by_notice`; the 250:1 test, 5810(c)(3)(A)(iv), which took
    effect with the $0.10 rule) is in force if it took effect by ``notice``; the others by ``day``.
    """
    out: list[tuple[str, Rule[Any]]] = []
    one_year = rs.reverse_split_one_year_bar
    cap = rs.reverse_split_cumulative_limit
    days = (
        rs.reverse_split_lookback_days.value if cap.value and cap.applies_on(notice if cap.by_notice else day) else None
    )
    for text in lookback_edges(case.splits, day, days, one_year=bool(one_year.value and one_year.applies_on(day))):
        case.b.caveat(text)
        case.b.used["look-back windows"] = WINDOW_READING
    if one_year.value and one_year.applies_on(day):
        case.b.use(rs, "reverse_split_one_year_bar")
        recent = in_prior_year(case.splits, day)
        if recent:
            listed = ", ".join(f"{r} on {d.isoformat()}" for d, r in recent)
            out.append((f"reverse split in the prior year ({listed})", one_year))
    limit, lookback = rs.reverse_split_cumulative_limit, rs.reverse_split_lookback_days
    if limit.value is not None and lookback.value is not None and limit.applies_on(notice if limit.by_notice else day):
        case.b.use(rs, "reverse_split_cumulative_limit", "reverse_split_lookback_days")
        window = in_lookback(case.splits, day, int(lookback.value))
        total = cumulative_magnitude(window)
        if total >= limit.value:
            listed = " then ".join(str(r) for _, r in window)
            out.append(
                (
                    f"cumulative reverse-split ratio {total}:1 over the prior {lookback.value} days ({listed}) "
                    f">= {limit.value}:1",
                    limit,
                )
            )
    return out


def barred(case: Case, rs: RuleSet, day: dt.date, notice: dt.date, *, estimated: bool, heading: str) -> bool:
    """Record a ``delisting_determination`` on the notice date if a reverse-split bar denies a period.

    ``heading`` starts the description (e.g. ``"no compliance period: "``).
    Returns whether a bar applied (the case then ends there).
    """
    bars = _bars(case, rs, day, notice)
    if not bars:
        return False
    case.b.event(
        notice,
        "delisting_determination",
        heading + "; ".join(text for text, _ in bars),
        "; ".join(rule.describe() for _, rule in bars),
        estimated=estimated,
    )
    recent = any(rule is rs.reverse_split_one_year_bar for _, rule in bars)
    after_determination(case, notice, rs, recent_split=recent)
    return True


def _per_split_inputs(case: Case) -> list[tuple[Any, Any]]:
    """(structure before, holder data after) for each split in ``case.splits``.

    The structure is ``case.structure`` with the earlier splits applied; a
    Holdings-like ``holders`` (with ``apply``) is applied with the cumulative
    ratio up to and including the split.
    """
    out: list[tuple[Any, Any]] = []
    cur = case.structure
    running = SplitRatio(1, 1)
    for _, ratio in case.splits:
        running = running.compose(ratio)
        holders = case.holders
        apply = getattr(holders, "apply", None)
        if holders is not None and not isinstance(holders, Mapping) and getattr(holders, "totals", None) is None:
            holders = apply(running) if callable(apply) else holders
        out.append((cur, holders))
        if cur is not None:
            cur = cur.apply(ratio).after
    return out


def breaking_splits(case: Case, rs: RuleSet, after: dt.date, until: dt.date) -> list[tuple[dt.date, str, Rule[Any]]]:
    """Reverse splits in ``(after, until]`` that break another numeric standard."""
    out: list[tuple[dt.date, str, Rule[Any]]] = []
    per_split = _per_split_inputs(case)
    case_rules = rs
    for i, (day, ratio) in enumerate(case.splits):
        if not (after < day <= min(until, case.eval_day)) or not ratio.is_reverse:
            continue
        rs = case.rules_on(case_rules, day)  # the rows in force on the split day (SR-NASDAQ-2024-029)
        rule = rs.split_breaks_other_standard
        if not (rule.value and rule.applies_on(day)):
            continue
        case.b.use(rs, "split_breaks_other_standard")
        structure, holders = per_split[i]
        k = case.closes.index_on_or_after(day)
        price = Decimal(repr(float(case.px[k]))) if k < len(case.px) else None
        if structure is None and holders is None:
            case.b.caveat(
                f"the {ratio} split on {day.isoformat()} was not checked against the other numeric standards "
                f"({rule.cite}); pass structure= and holders="
            )
            continue
        breaches, unchecked = other_standard_breaches(
            ratio, rs, structure=structure, holders=holders, price_after=price
        )
        if unchecked:
            case.b.caveat(f"not checked after the {ratio} split (no data): {', '.join(unchecked)}")
        if breaches:
            for name in ("min_publicly_held_shares", "min_public_holders", "min_total_holders", "min_mvphs"):
                case.b.use(rs, name)
            out.append((day, "; ".join(str(x) for x in breaches), rule))
    return out


def after_determination(
    case: Case,
    day: dt.date,
    rs: RuleSet | None = None,
    *,
    after_second_period: bool = False,
    recent_split: bool = False,
    low_price: bool = False,
) -> None:
    """The path after a delisting determination on ``day`` (the rule kernel's), and a caveat on later closes.

    With ``rs``, a ``hearing_request_due`` event (whether the request stays the suspension) and a
    ``panel_exception_limit`` event follow, where the rules in force have those steps (Nasdaq Rule 5815).
    """
    if rs is not None:
        path = after_deadline(
            day, rs, after_second_period=after_second_period, recent_split=recent_split, low_price=low_price
        )
        if path.hearing_request_by is not None:
            request = rs.in_force("hearing_request_days", day) or rs.hearing_request_days
            case.b.used[f"hearing_request_days@{rs.name}:{request.effective}"] = request
            stay = "stays the suspension" if path.stays_suspension else "does NOT stay the suspension"
            case.b.event(
                path.hearing_request_by,
                "hearing_request_due",
                f"last day to request a Hearings Panel review ({request.value} calendar days); the request "
                f"{stay}: {path.stay_reason}",
                request,
                day_count=(path.hearing_request_by - day).days,
                estimated=True,
            )
        if path.panel_exception_until is not None:
            panel = rs.in_force("panel_exception_days", day) or rs.panel_exception_days
            case.b.event(
                path.panel_exception_until,
                "panel_exception_limit",
                f"the most a Hearings Panel exception may run: {panel.value} calendar days from the determination"
                + "".join(f"; {n}" for n in path.notes)
                + " (discretionary, not an outcome)",
                panel,
                day_count=(path.panel_exception_until - day).days,
                estimated=True,
            )
        for note in path.notes:
            if "UNCERTAIN" in note:
                case.b.caveat(note)
        pending = pending_no_stay(rs, day) if low_price else None
        if pending is not None:  # the result is read under a rule change not yet in force
            case.b.used[f"no_stay_after_low_price@{rs.name}:{pending.effective}"] = pending
    if day < case.closes.date(-1):
        case.b.caveat(
            f"closes after the delisting determination ({day.isoformat()}) were not assessed "
            "(an appeal may have stayed delisting)"
        )
