"""Planned reverse splits: whether one may cure, and when the exchange must be told.

:func:`check_planned_split` answers, under the rules in force on the split's
effective date:

* the one-year bar (Nasdaq 5810(c)(3)(A)(iv) from Jan 17, 2025; NYSE
  802.01C from Jan 15, 2025): a reverse split in the year before the
  bid-price failure means no compliance period, so no split can cure through
  the normal process;
* the cumulative bar (Nasdaq 250:1 from Sep 1, 2020; NYSE 200:1 from
  Jan 15, 2025): prior reverse splits with a cumulative ratio at or over the
  limit in the two years before the failure likewise deny the period; for
  NYSE American (2025 amendment) the split itself triggers suspension if it
  takes the two-year cumulative ratio to 200:1;
* with ``structure``/``holders``: whether the split breaks another numeric
  standard (Nasdaq Oct 7, 2024: not a cure; NYSE: may not be effected;
  NYSE American: suspension);
* Nasdaq's notification deadlines by era (Rules 5250(e)(7) and 5250(b)(4)): 15 calendar days
  before the market effective date before Nov 1, 2023; the Company Event
  Notification Form by noon ET 5 business days before from Nov 1, 2023;
  10 calendar days before from Jan 30, 2025; public disclosure 1 business
  day before (by 1 p.m. ET), then 2 business days before (by noon ET).

It also says until when a *later* bid-price failure would get no compliance
period because of this split.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import rules as _rules
from .._display import FrameDisplay
from ..calendars import is_session, session_offset, to_date
from ..errors import InputError, RuleUncertainWarning
from ..ratio import SplitRatio
from ..rules import Rule, RuleSet
from ._splits import (
    Breach,
    SplitEvent,
    cumulative_magnitude,
    normalise_splits,
    other_standard_breaches,
)
from .kernel import (
    WINDOW_READING,
    AfterDeadline,
    Deadlines,
    after_deadline,
    deadlines,
    in_lookback,
    in_prior_year,
    last_day_in_lookback,
    lookback_edges,
    one_year_after,
)

if TYPE_CHECKING:
    import pandas as pd

    from .._types import DateLike, HoldersLike, MoneyLike, RatioLike, SplitsLike
    from ..structure import CapitalStructure

__all__ = ["PlannedSplitCheck", "check_planned_split"]


@dataclass(frozen=True)
class PlannedSplitCheck(FrameDisplay):
    """Result of :func:`check_planned_split`.

    Attributes
    ----------
    permitted
        True when the rules in force let this split cure a price deficiency:
        no one-year or cumulative bar on the failure and (when data was
        given) no other numeric standard broken.
    reasons
        Why it is not permitted, each with its rule.
    notes
        Consequences and context (later bars, staff discretion).
    cumulative_ratio
        Reverse splits in the two-year lookback before the effective date,
        this one included (1-for-N).
    prior_reverse_splits
        Reverse splits in ``prior_splits`` dated before the effective date.
    notify_by, disclose_by
        Nasdaq deadlines for notifying the exchange and for public
        disclosure (``None`` where the rules record none).
    notify_rule, disclose_rule
        Their citations and conditions.
    bar_until
        Last day on which a new price failure would get no compliance period
        because of this split (``None`` if no bar applies).
    breaches
        Other numeric standards the split would leave unmet.
    deadlines
        With ``notice_date``: the compliance-period ends of that notice
        (the rule kernel's :func:`~splitcalc.compliance.deadlines`).
    earliest_cure
        The session the cure would complete if the post-split price holds
        at or above the minimum from the effective date (``regain_days``
        sessions; ``None`` where the rules have no such count).
    after_deadline
        With ``notice_date``: the path if the period ends uncured -- Staff
        Delisting Determination, hearing request and stay, panel limit.
    """

    ratio: SplitRatio
    effective_date: dt.date
    rules_name: str
    exchange: str
    tier: str
    permitted: bool
    reasons: tuple[str, ...]
    notes: tuple[str, ...]
    cumulative_ratio: SplitRatio
    prior_reverse_splits: tuple[SplitEvent, ...]
    notify_by: dt.date | None
    notify_rule: str
    disclose_by: dt.date | None
    disclose_rule: str
    bar_until: dt.date | None
    breaches: tuple[Breach, ...] = field(default=())
    caveats: tuple[str, ...] = field(default=())
    uncertain: tuple[str, ...] = field(default=())
    deadlines: Deadlines | None = None
    earliest_cure: dt.date | None = None
    after_deadline: AfterDeadline | None = None

    def _title(self) -> str:
        verdict = "permitted" if self.permitted else "NOT permitted to cure"
        return (
            f"{self.ratio} reverse split effective {self.effective_date.isoformat()} on {self.exchange} "
            f"{self.tier}: {verdict}"
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per finding: item, date or value, detail."""
        import pandas as pd

        rows: list[dict[str, Any]] = [
            {"item": "permitted", "value": self.permitted, "detail": "; ".join(self.reasons) or "no bar applies"},
            {"item": "cumulative ratio (2 years)", "value": str(self.cumulative_ratio), "detail": ""},
            {"item": "notify exchange by", "value": self.notify_by, "detail": self.notify_rule},
            {"item": "public disclosure by", "value": self.disclose_by, "detail": self.disclose_rule},
        ]
        if self.bar_until is not None:
            rows.append({"item": "no compliance period for a new failure until", "value": self.bar_until, "detail": ""})
        if self.deadlines is not None:
            rows.append(
                {
                    "item": "compliance period ends",
                    "value": self.deadlines.final_deadline,
                    "detail": self.deadlines.note,
                }
            )
        if self.earliest_cure is not None:
            rows.append({"item": "earliest cure if the price holds", "value": self.earliest_cure, "detail": ""})
        if self.after_deadline is not None:
            a = self.after_deadline
            rows.append({"item": "if not cured: determination", "value": a.determination, "detail": a.describe()})
        rows += [{"item": "breach", "value": b.standard, "detail": str(b)} for b in self.breaches]
        rows += [{"item": "note", "value": "", "detail": n} for n in self.notes]
        rows += [{"item": "caveat", "value": "", "detail": c} for c in self.caveats]
        return pd.DataFrame(rows, columns=["item", "value", "detail"])

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form."""
        return {
            "ratio": str(self.ratio),
            "effective_date": self.effective_date,
            "rules": self.rules_name,
            "permitted": self.permitted,
            "reasons": list(self.reasons),
            "notes": list(self.notes),
            "cumulative_ratio": str(self.cumulative_ratio),
            "prior_reverse_splits": [(d, str(r)) for d, r in self.prior_reverse_splits],
            "notify_by": self.notify_by,
            "notify_rule": self.notify_rule,
            "disclose_by": self.disclose_by,
            "disclose_rule": self.disclose_rule,
            "bar_until": self.bar_until,
            "breaches": [str(b) for b in self.breaches],
            "caveats": list(self.caveats),
            "uncertain": list(self.uncertain),
            "deadlines": None if self.deadlines is None else self.deadlines.to_dict(),
            "earliest_cure": self.earliest_cure,
            "after_deadline": None if self.after_deadline is None else self.after_deadline.to_dict(),
        }


def _deadline(effective: dt.date, rule: Rule[Any], calendar: str) -> tuple[dt.date | None, str]:
    if rule.value is None:
        return None, rule.describe()
    days, kind = rule.value
    when = effective - dt.timedelta(days=days) if kind == "calendar" else session_offset(effective, -days, calendar)
    text = f"{days} {kind} days before ({rule.describe()})"
    if rule.note:
        text += f": {rule.note}"
    return when, text


def _bar_until(events: list[SplitEvent], limit: int | None, lookback: int | None) -> dt.date | None:
    """Last day the cumulative ratio of ``events`` stays at or over ``limit`` as they age out."""
    if limit is None or lookback is None:
        return None
    ordered = sorted(e for e in events if e[1].is_reverse)
    if cumulative_magnitude(ordered) < limit:
        return None
    for j in range(len(ordered)):
        if cumulative_magnitude(ordered[j + 1 :]) < limit:
            return last_day_in_lookback(ordered[j][0], lookback)
    return None  # pragma: no cover - the empty product is 1 < limit


def check_planned_split(
    ratio: RatioLike,
    effective_date: DateLike,
    rules: RuleSet | str,
    *,
    prior_splits: SplitsLike = (),
    deficiency_date: DateLike | None = None,
    structure: CapitalStructure | None = None,
    holders: HoldersLike | None = None,
    price: MoneyLike | None = None,
    notice_date: DateLike | None = None,
    second_period: bool = True,
) -> PlannedSplitCheck:
    """Whether a planned reverse split may cure, and the deadlines to announce it.

    Parameters
    ----------
    ratio
        The planned split (``"1-for-10"``, a :class:`SplitRatio`...).
    effective_date
        Market effective date (an exchange session).
    rules
        Rule set or name; with a name, the rules in force on the effective
        date. Notification periods are always those in force on that date.
    prior_splits
        Earlier ``(date, ratio)`` splits.
    deficiency_date
        Date of the price failure being cured; the bars are measured there
        (default: the effective date, which a caveat notes).
    structure, holders, price
        To test the other numeric standards after the split: the
        :class:`~splitcalc.CapitalStructure` before it, post-split holder
        counts (see :func:`check_compliance`), and the post-split price for
        MVPHS (default: the structure's price divided by the factor).
    notice_date
        Date of the deficiency letter: the result then states the period
        ends, whether the cure (``regain_days`` sessions from the effective
        date) completes before them, and the path after an uncured deadline
        (determination, hearing request and stay, panel limit).
    second_period
        Count the second 180-day period (Nasdaq Capital Market, granted at
        the staff's discretion) with ``notice_date``.

    Warns
    -----
    RuleUncertainWarning
        The answer relies on a rule marked UNCERTAIN.

    Examples
    --------
    >>> chk = check_planned_split("1-for-10", "2025-06-16", "nasdaq-capital",
    ...                           prior_splits=[("2024-09-03", "1-for-20")])
    >>> chk.permitted, chk.notify_by.isoformat(), chk.disclose_by.isoformat()
    (False, '2025-06-06', '2025-06-12')
    >>> chk.reasons[0].startswith("reverse split in the prior year")
    True
    """
    r = SplitRatio.parse(ratio)
    effective = to_date(effective_date, "effective_date")
    rs = rules if isinstance(rules, RuleSet) else _rules.get(rules, as_of=effective)
    if not isinstance(rs, RuleSet):
        raise InputError("rules", type(rules).__name__, "must be a RuleSet or a rule-set name")
    if not is_session(effective, rs.calendar):
        raise InputError("effective_date", effective, f"is not a {rs.calendar} session (market effective date)")
    prior = tuple(e for e in normalise_splits(prior_splits, "prior_splits") if e[0] < effective)
    ref = effective if deficiency_date is None else to_date(deficiency_date, "deficiency_date")
    reasons: list[str] = []
    notes: list[str] = []
    caveats: list[str] = []
    used: list[Rule[Any]] = []

    if not r.is_reverse:
        notes.append("not a reverse split: the reverse-split bars do not concern it")
    if deficiency_date is None and r.is_reverse:
        caveats.append("bars measured at the effective date; pass deficiency_date= for the failure being cured")

    one_year, limit, lookback = (
        rs.reverse_split_one_year_bar,
        rs.reverse_split_cumulative_limit,
        rs.reverse_split_lookback_days,
    )
    discretionary = rs.price_test.value == "discretionary"
    if r.is_reverse and one_year.value and one_year.applies_on(ref):
        used.append(one_year)
        recent = in_prior_year(prior, ref)
        if recent:
            listed = ", ".join(f"{x} on {d.isoformat()}" for d, x in recent)
            reasons.append(
                f"reverse split in the prior year before {ref.isoformat()} ({listed}): no compliance period "
                f"({one_year.describe()})"
            )
    window_all = [*prior, (effective, r)]
    # no look-back in the rules: only this split counts toward the cumulative ratio (no default window)
    within = in_lookback(window_all, effective, lookback.value) if lookback.value else [(effective, r)]
    total = cumulative_magnitude(within)
    cum_after = SplitRatio(total.denominator, total.numerator)
    bar_until: dt.date | None = None
    # The split itself is judged on its effective date (NYSE American 1003: a split that takes the two-year
    # total to 200:1 is grounds to delist; a bar it sets for later failures). Whether the failure being cured
    # gets a compliance period is judged at that failure, like check_compliance: Nasdaq's 250:1 bar for
    # companies notified on/after Sep 1, 2020 (5810(c)(3)(A)(iv), SR-NASDAQ-2020-001), NYSE's 200:1 bar from
    # Jan 15, 2025 (802.01C).
    cap, days = limit.value, lookback.value
    judged = limit.applies_on(effective) or limit.applies_on(ref)
    if r.is_reverse and cap is not None and days is not None and judged:
        used += [limit, lookback]
        before = in_lookback(prior, ref, days)
        total_before = cumulative_magnitude(before)
        if discretionary and limit.applies_on(effective) and total >= cap:
            reasons.append(
                f"with this split the cumulative ratio is {total}:1 over {days} days (>= {cap}:1): "
                f"suspension and delisting ({limit.describe()})"
            )
        if not discretionary and limit.applies_on(ref) and total_before >= cap:
            reasons.append(
                f"prior reverse splits total {total_before}:1 over {days} days (>= {cap}:1): "
                f"no compliance period ({limit.describe()})"
            )
        if not discretionary and limit.applies_on(effective):
            bar_until = _bar_until(within, cap, days)
            if bar_until is not None:
                notes.append(
                    f"after this split the two-year cumulative ratio is {total}:1: a price failure through "
                    f"{bar_until.isoformat()} gets no compliance period ({limit.describe()})"
                )
    if r.is_reverse and one_year.value and one_year.applies_on(effective):
        year_end = one_year_after(effective) - dt.timedelta(days=1)
        bar_until = max(bar_until or year_end, year_end)
        notes.append(
            f"a price failure through {year_end.isoformat()} gets no compliance period because of this split "
            f"({one_year.describe()})"
        )

    edges = (
        lookback_edges(
            prior,
            ref,
            lookback.value if limit.value and limit.applies_on(ref) else None,
            one_year=bool(one_year.value and one_year.applies_on(ref)),
        )
        if r.is_reverse
        else []
    )
    if edges:
        caveats.extend(edges)
        used.append(WINDOW_READING)

    breaches: tuple[Breach, ...] = ()
    other = rs.split_breaks_other_standard
    if r.is_reverse and other.value and other.applies_on(effective):
        used.append(other)
        if structure is None and holders is None:
            caveats.append(f"other numeric standards not checked ({other.cite}); pass structure= and holders=")
        else:
            breaches, unchecked = other_standard_breaches(
                r, rs, structure=structure, holders=holders, price_after=price
            )
            if unchecked:
                caveats.append(f"not checked (no data): {', '.join(unchecked)}")
            if breaches:
                reasons.append(
                    "the split would leave " + "; ".join(str(b) for b in breaches) + f" ({other.describe()})"
                )

    staff = rs.regain_days_max
    if r.is_reverse and rs.regain_days.value and not discretionary:
        notes.append(
            f"the cure needs the price at or above the minimum for {rs.regain_days.value} consecutive "
            "business days after the split"
            + (f"; staff may ask for up to {staff.value} ({staff.describe()})" if staff.value else "")
        )

    notice_rule = rs.in_force("split_notice", effective) or rs.split_notice
    disclose_rule = rs.in_force("split_disclosure", effective) or rs.split_disclosure
    notify_by, notify_text = _deadline(effective, notice_rule, rs.calendar)
    disclose_by, disclose_text = _deadline(effective, disclose_rule, rs.calendar)
    used += [notice_rule, disclose_rule]

    ends = path = None
    earliest = None
    if r.is_reverse and rs.regain_days.value and not discretionary:
        earliest = session_offset(effective, int(rs.regain_days.value) - 1, rs.calendar)
    if notice_date is not None:
        notice = to_date(notice_date, "notice_date")
        ends = deadlines(notice, rs, second_period=second_period)
        final = ends.final_deadline
        if final is not None and ends.determination is not None:
            path = after_deadline(
                ends.determination,
                rs,
                after_second_period=ends.second_deadline is not None,
                recent_split=any(x.startswith("reverse split in the prior year") for x in reasons),
            )
            if earliest is not None and earliest > final:
                notes.append(
                    f"the {rs.regain_days.value}th session at or above the minimum after the split would be "
                    f"{earliest.isoformat()}, after the period ends on {final.isoformat()}"
                )
            notes.append(
                f"if the deficiency is not cured by {final.isoformat()}: Staff Delisting Determination "
                f"(estimated {ends.determination.isoformat()}); {path.describe()}"
            )
    uncertain = tuple(dict.fromkeys(f"{u.cite}" for u in used if u.uncertain))
    if uncertain:
        warnings.warn(
            RuleUncertainWarning(f"{rs.exchange} {rs.tier}: relies on rules marked UNCERTAIN: " + "; ".join(uncertain)),
            stacklevel=2,
        )
    return PlannedSplitCheck(
        ratio=r,
        effective_date=effective,
        rules_name=rs.name,
        exchange=rs.exchange,
        tier=rs.tier,
        permitted=not reasons,
        reasons=tuple(reasons),
        notes=tuple(notes),
        cumulative_ratio=cum_after,
        prior_reverse_splits=tuple(e for e in prior if e[1].is_reverse),
        notify_by=notify_by,
        notify_rule=notify_text,
        disclose_by=disclose_by,
        disclose_rule=disclose_text,
        bar_until=bar_until,
        breaches=breaches,
        caveats=tuple(caveats),
        uncertain=uncertain,
        deadlines=ends,
        earliest_cure=earliest,
        after_deadline=path,
    )
