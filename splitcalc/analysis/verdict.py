"""The verdict: the board's five questions answered in plain sentences from the analysis' own results.

1. **Do we keep the listing?** ``likely`` when the evaluated ratio's odds of
   regaining compliance (by the deadline that applies) and staying compliant
   12 months reach the threshold; ``at risk`` from half of that up, or when
   the cure falls after the deadline but the odds are good if more time is
   granted; ``unlikely`` below, when the split cannot cure under the rules in
   force, or when the theoretical price stays under the minimum; ``not
   assessed`` without rules or a simulated probability.
2. **By when?** The deadline that applies, the earliest cure at the
   theoretical price, and the sessions to spare (or missing).
3. **Which ratio?** The recommended ratio and the evaluated one, each with
   its odds.
4. **What happens next** if the cure falls after the deadline: the path the
   rule kernel states for the scenario's notice
   (:func:`splitcalc.compliance.kernel.deadlines` and
   :func:`~splitcalc.compliance.kernel.after_deadline`, through the
   planned-split check): second period, the Staff Delisting Determination,
   the hearing request due date and whether it stays the suspension (by
   era), the Hearings Panel's exception limit, each with its rule; a step the
   rules in force do not record is said to be not modelled, with the reason.
5. **Headroom:** authorised shares available for issuance before and after,
   and the most shares issuable below the Minimum Price without a
   stockholder vote under Nasdaq Rule 5635(d) (under 20% of those outstanding).

Every number here is read from the analysis' results (the simulation, the
deadlines, the recommendation, the split effect), never recomputed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ..ratio import SplitRatio
from ..structure import TWENTY_PERCENT_CITE, SplitEffect

if TYPE_CHECKING:
    from ..compliance import ComplianceTimeline, PlannedSplitCheck
    from ..compliance.kernel import AfterDeadline
    from ..compliance.kernel import Deadlines as PeriodEnds
    from ..scenarios import Probability, Recommendation, Simulation
    from .deadlines import Deadlines
    from .odds import OddsSetup

__all__ = ["Headroom", "Listing", "Verdict", "make_verdict"]

Listing = Literal["likely", "at risk", "unlikely", "not assessed"]
#: The simulated event the verdict reads: regained (by the deadline when it counts) and compliant 12 months.
ODDS_EVENT = "compliant_12m"


@dataclass(frozen=True)
class Headroom:
    """Shares the company may still issue, before and after the split.

    ``available_*`` is ``authorized - outstanding - reserved`` (``None`` when
    the authorised shares are unknown; an upper bound when the reserve is).
    ``vote_free_*`` is the most shares issuable below the Minimum Price
    without a stockholder vote: one fewer than 20% of the shares outstanding
    (Nasdaq Rule 5635(d)).
    """

    available_before: int | None
    available_after: int | None
    vote_free_before: int
    vote_free_after: int
    reserved_known: bool
    cite: str = TWENTY_PERCENT_CITE


@dataclass(frozen=True)
class Verdict:
    """The answers at the top of every report; see the module docstring.

    Attributes
    ----------
    listing, listing_why
        ``"likely"`` / ``"at risk"`` / ``"unlikely"`` / ``"not assessed"``, and why.
    probability
        The evaluated ratio's odds (``None`` when not simulated).
    probability_basis
        What the probability measures (by the deadline, or with more time).
    deadline, deadline_basis, earliest_cure, sessions_to_spare
        The deadline that applies, where it comes from, the earliest cure date
        at the theoretical price, and sessions to spare (negative: missing).
    recommended, recommended_odds, recommended_note
        The recommended ratio, its odds, and the binding constraint if any.
    evaluated, evaluated_odds
        The ratio the report evaluates and its odds.
    next_steps
        What follows a cure after the deadline, from the rule kernel.
    after_deadline
        The kernel's path after an uncured deadline (determination, hearing
        request, stay, panel limit), ``None`` without a notice date.
    headroom
        :class:`Headroom`.
    uncertain
        UNCERTAIN facts and rules the answers rest on.
    min_odds
        The threshold used for "likely".
    """

    listing: Listing
    listing_why: str
    probability: Probability | None
    probability_basis: str
    deadline: dt.date | None
    deadline_basis: str
    earliest_cure: dt.date | None
    sessions_to_spare: int | None
    recommended: SplitRatio | None
    recommended_odds: Probability | None
    recommended_note: str
    evaluated: SplitRatio
    evaluated_odds: Probability | None
    next_steps: tuple[str, ...]
    headroom: Headroom
    uncertain: tuple[str, ...]
    min_odds: float
    after_deadline: AfterDeadline | None = None

    # --------------------------------------------------------------- answers
    def keep_answer(self) -> str:
        """Answer "Do we keep the listing?"."""
        text = f"{self.listing.capitalize()}: {self.listing_why}"
        if self.probability is not None:
            text += (
                f" Probability {_pct(self.probability)} that {self.evaluated} regains compliance and stays "
                f"compliant 12 months ({self.probability_basis}{_near(self.probability, self.min_odds)})."
            )
        return text

    def when_answer(self) -> str:
        """Answer "By when?": the deadline, the earliest cure and the sessions to spare."""
        if self.deadline is None:
            return "No compliance deadline applies (no deficiency notice or stated deadline)."
        text = f"Deadline {_day(self.deadline)} ({self.deadline_basis})."
        if self.earliest_cure is not None:
            text += f" Earliest cure at the theoretical price: {_day(self.earliest_cure)}"
            spare = self.sessions_to_spare
            if spare is not None:
                text += (
                    f", {_sessions(spare)} to spare." if spare >= 0 else f", {_sessions(-spare)} after the deadline."
                )
            else:
                text += "."
        return text

    def ratio_answer(self) -> str:
        """Answer "Which ratio?": recommended and evaluated, each with its odds."""
        if self.recommended is None:
            head = "No ratio recommended" + (f": {self.recommended_note}" if self.recommended_note else ".")
        else:
            head = f"Recommended {self.recommended}" + (
                f" ({_pct(self.recommended_odds)}{_near(self.recommended_odds, self.min_odds)})"
                if self.recommended_odds is not None
                else ""
            )
            head += f"; {self.recommended_note}" if self.recommended_note else ""
            head += "."
        if self.recommended != self.evaluated:
            head += f" Evaluated {self.evaluated}" + (
                f" ({_pct(self.evaluated_odds)}{_near(self.evaluated_odds, self.min_odds)})."
                if self.evaluated_odds is not None
                else "."
            )
        return head

    def next_answer(self) -> str:
        """Answer "What happens next?" if the cure falls after the deadline."""
        return " ".join(self.next_steps)

    def headroom_answer(self) -> str:
        """Headroom: shares available for issuance and the 20% capacity."""
        h = self.headroom
        if h.available_before is None or h.available_after is None:
            avail = "Authorised shares unknown, so shares available for issuance are unknown."
        else:
            bound = "" if h.reserved_known else "at most "
            avail = (
                f"Shares available for issuance: {bound}{h.available_before:,} before, {bound}{h.available_after:,} "
                "after."
            )
        return (
            f"{avail} Issuable below the Minimum Price without a stockholder vote ({h.cite}): "
            f"{h.vote_free_before:,} before, {h.vote_free_after:,} after."
        )

    def answers(self) -> tuple[tuple[str, str], ...]:
        """The five questions and their answers, in order."""
        out = (
            ("Do we keep the listing?", self.keep_answer()),
            ("By when?", self.when_answer()),
            ("Which ratio?", self.ratio_answer()),
            ("What happens next?", self.next_answer()),
            ("Headroom", self.headroom_answer()),
        )
        if self.uncertain:
            flagged = "UNCERTAIN: " + "; ".join(self.uncertain)
            return (*out, ("Flags", flagged))
        return out

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: the answers and the figures behind them."""
        return {
            "listing": self.listing,
            "listing_why": self.listing_why,
            "probability": None if self.probability is None else self.probability.estimate,
            "probability_stderr": None if self.probability is None else self.probability.stderr,
            "probability_basis": self.probability_basis,
            "deadline": self.deadline,
            "deadline_basis": self.deadline_basis,
            "earliest_cure": self.earliest_cure,
            "sessions_to_spare": self.sessions_to_spare,
            "recommended": None if self.recommended is None else str(self.recommended),
            "recommended_odds": None if self.recommended_odds is None else self.recommended_odds.estimate,
            "evaluated": str(self.evaluated),
            "evaluated_odds": None if self.evaluated_odds is None else self.evaluated_odds.estimate,
            "next_steps": list(self.next_steps),
            "after_deadline": None if self.after_deadline is None else self.after_deadline.to_dict(),
            "headroom": {
                "available_before": self.headroom.available_before,
                "available_after": self.headroom.available_after,
                "vote_free_before": self.headroom.vote_free_before,
                "vote_free_after": self.headroom.vote_free_after,
            },
            "uncertain": list(self.uncertain),
            "answers": [{"question": q, "answer": a} for q, a in self.answers()],
        }


def _pct(p: Probability | None) -> str:
    return "not estimated" if p is None else f"{p.estimate:.0%} ± {p.stderr:.1%}"


def _near(p: Probability | None, threshold: float) -> str:
    """``", within two standard errors of the 80% threshold"`` when the simulation cannot tell the two apart."""
    if p is None or abs(p.estimate - threshold) >= 2 * p.stderr:
        return ""
    return f", within two standard errors of the {threshold:.0%} threshold"


def _day(d: dt.date) -> str:
    return f"{d:%b} {d.day}, {d.year}"


def _sessions(n: int) -> str:
    return f"{n:,} session" + ("" if n == 1 else "s")


# ------------------------------------------------------------------ build
def make_verdict(
    *,
    ratio: SplitRatio,
    effect: SplitEffect,
    ruleset: Any,
    deadlines: Deadlines | None,
    planned: PlannedSplitCheck | None,
    timeline: ComplianceTimeline | None,
    recommendation: Recommendation | None,
    simulation: Simulation | None,
    odds: OddsSetup | None,
    path: tuple[PeriodEnds | None, AfterDeadline | None] = (None, None),
    reserved_known: bool,
    uncertain: tuple[str, ...],
    min_odds: float,
) -> Verdict:
    """Read the verdict off the analysis' results (see the module docstring for the rules of the words)."""
    p = None if simulation is None else simulation.probabilities.get(ODDS_EVENT)
    binds = odds is not None and odds.deadline_binds
    if odds is None or p is None:
        basis = ""
    elif odds.deadline_counted:
        basis = "regained by the deadline, then no new deficiency"
    elif binds:
        basis = "assuming the exchange grants time past the deadline"
    else:
        basis = "no deadline counted"
    listing, why = _listing(ratio, effect, ruleset, deadlines, planned, p, binds, min_odds)
    rec_ratio = None if recommendation is None else recommendation.ratio
    rec_odds = None if recommendation is None else recommendation.odds
    note = ""
    if recommendation is not None and recommendation.binding:
        note = recommendation.binding[0].detail
    elif recommendation is not None and recommendation.objective == "odds" and rec_ratio is not None:
        note = f"the smallest authorised ratio with odds of at least {recommendation.min_odds:.0%}"
    elif recommendation is not None and rec_ratio is not None:
        note = f"the smallest authorised ratio reaching the target price ${recommendation.target_price}"
    evaluated_odds = p
    if recommendation is not None and rec_ratio is not None and rec_ratio == ratio and rec_odds is not None:
        evaluated_odds = rec_odds if p is None else p
    before, after = effect.before, effect.after
    headroom = Headroom(
        available_before=before.available_for_issuance,
        available_after=after.available_for_issuance,
        vote_free_before=before.twenty_percent_threshold - 1,
        vote_free_after=after.twenty_percent_threshold - 1,
        reserved_known=reserved_known,
    )
    return Verdict(
        listing=listing,
        listing_why=why,
        probability=p,
        probability_basis=basis,
        deadline=None if deadlines is None else deadlines.deadline,
        deadline_basis="" if deadlines is None else deadlines.deadline_basis,
        earliest_cure=None if deadlines is None else deadlines.earliest_cure,
        sessions_to_spare=None if deadlines is None else deadlines.sessions_to_spare,
        recommended=rec_ratio,
        recommended_odds=rec_odds,
        recommended_note=note,
        evaluated=ratio,
        evaluated_odds=evaluated_odds,
        next_steps=_next_steps(ruleset, deadlines, timeline, planned, path),
        headroom=headroom,
        uncertain=uncertain + _path_uncertain(path[1]),
        min_odds=min_odds,
        after_deadline=path[1],
    )


def _listing(  # noqa: PLR0917  # one private call site
    ratio: SplitRatio,
    effect: SplitEffect,
    ruleset: Any,
    d: Deadlines | None,
    planned: PlannedSplitCheck | None,
    p: Probability | None,
    binds: bool,
    min_odds: float,
) -> tuple[Listing, str]:
    if ruleset is None:
        return "not assessed", "no exchange rules in force for this date."
    if planned is not None and not planned.permitted:
        reasons = "; ".join(planned.reasons)
        return "unlikely", f"under the rules in force the {ratio} split cannot cure: {reasons}."
    if d is not None and d.outlook == "price_below_minimum":
        return "unlikely", f"the theoretical post-split price ${effect.price_after} stays below the minimum bid."
    if p is None:
        return "not assessed", "the post-split odds could not be simulated (see the caveats)."
    if (d is not None and d.outlook == "cure_after_deadline") or binds:
        late = (
            f"at the theoretical price the cure comes on {_day(d.earliest_cure)}, after the {_day(d.deadline)} deadline"
            if d is not None and d.earliest_cure is not None and d.deadline is not None
            else "the cure cannot come by the deadline"
        )
        if p.estimate >= min_odds:
            return "at risk", f"{late}: staying listed needs the exchange to grant more time."
        return "unlikely", f"{late}, and the odds are low even if more time is granted."
    if p.estimate >= min_odds:
        return "likely", f"the odds reach the {min_odds:.0%} threshold."
    if p.estimate >= min_odds / 2:
        return "at risk", f"the odds are under the {min_odds:.0%} threshold."
    return "unlikely", f"the odds are well under the {min_odds:.0%} threshold."


def _path_uncertain(after: AfterDeadline | None) -> tuple[str, ...]:
    """The after-deadline path's UNCERTAIN flag, for the verdict's flags."""
    if after is None or not after.uncertain:
        return ()
    return (f"the path after the deadline ({'; '.join(after.notes) or 'rules marked uncertain'})",)


def _next_steps(
    ruleset: Any,
    d: Deadlines | None,
    timeline: ComplianceTimeline | None,
    planned: PlannedSplitCheck | None,
    path: tuple[PeriodEnds | None, AfterDeadline | None],
) -> tuple[str, ...]:
    """What the rules in force and the rule kernel say follows an uncured deadline."""
    if ruleset is None:
        return ("Not assessed: no rules in force.",)
    ends, after = path
    out: list[str] = []
    if d is not None and d.outlook == "cure_after_deadline":
        out.append("The cure falls after the deadline.")
    elif d is not None and d.outlook == "cure_possible":
        by = "" if d.deadline is None else f" {_day(d.deadline)}"
        out.append(
            f"At the theoretical price the cure comes before the{by} deadline. "
            "If the price slips and the cure misses it:"
        )
    second = getattr(ruleset, "second_period_days", None)
    if second is not None and second.value is not None:
        end = "" if d is None or d.second_period_end is None else f", to {_day(d.second_period_end)}"
        out.append(f"A second compliance period of {second.value} calendar days may be granted{end} ({second.cite}).")
    elif second is not None:
        out.append(f"Second compliance period: {second.cite}.")
    determination = None if timeline is None else timeline.first("delisting_determination")
    if determination is not None:
        est = " (estimated)" if determination.estimated else ""
        out.append(
            f"Compliance engine: delisting determination on {_day(determination.date)}{est}: "
            f"{determination.description} ({determination.cite})."
        )
    elif ends is not None and ends.final_deadline is not None and ends.determination is not None:
        out.append(
            f"If not cured by {_day(ends.final_deadline)}: Staff Delisting Determination, estimated "
            f"{_day(ends.determination)} (the first session after the last period)."
        )
    else:
        out.append("Otherwise the exchange issues a delisting determination once the period ends uncured.")
    if after is not None:
        out.extend(_after_sentences(after, ruleset))
    else:
        out.append("Hearing and panel steps not stated: no deficiency notice date in the scenario.")
    if planned is not None and planned.bar_until is not None:
        out.append(f"A new price failure through {_day(planned.bar_until)} gets no compliance period.")
    return tuple(out)


def _rule_cite(ruleset: Any, name: str, day: dt.date) -> str:
    """The cite of the rule row ``name`` in force on ``day`` (the row the kernel used)."""
    row = ruleset.in_force(name, day) or getattr(ruleset, name)
    return str(row.describe())


def _after_sentences(a: AfterDeadline, ruleset: Any) -> list[str]:
    """The hearing request, the stay and the panel limit, in sentences with their rules."""
    if a.hearing_request_by is None:
        return [f"Hearing and appeal steps are not modelled for these rules: {a.stay_reason}."]
    stay = "stays" if a.stays_suspension else "does not stay"
    out = [
        f"A hearing before a Hearings Panel must be requested by {_day(a.hearing_request_by)} "
        f"({_rule_cite(ruleset, 'hearing_request_days', a.determination)}); the request {stay} the suspension"
        + ("." if a.stays_suspension else f": {a.stay_reason}.")
    ]
    if a.panel_exception_until is not None:
        out.append(
            f"A Hearings Panel exception, at its discretion, may run at most to {_day(a.panel_exception_until)} "
            f"({_rule_cite(ruleset, 'panel_exception_days', a.determination)})."
        )
    out += [f"{n[0].upper()}{n[1:]}." for n in a.notes]
    if a.uncertain:
        out.append("UNCERTAIN: this path rests on a rule or filing whose status is not confirmed.")
    return out
