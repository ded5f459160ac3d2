"""Holder counts before and after the split, each compared with the minimum of the rules in force.

Statuses say what was checked: ``"met"`` / ``"not met"`` only when the
post-split count was compared with a rule value (``after >= minimum``: the
continued-listing minimums of Nasdaq Rules 5550(a)(3)-(4) and 5450(a)(2),
NYSE 802.01A); ``"not checked"`` when the rules in force record no value for
that standard (the rule row's own text, in ``cite``, says why); ``"not applicable"``
for a count no listing rule sets a minimum for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    from ..holdings import HoldingsTotals
    from ..rules import RuleSet

__all__ = ["HolderMetric", "HolderStatus", "holder_metrics"]

HolderStatus = Literal["met", "not met", "not checked", "not applicable"]

#: (label, HoldingsTotals field prefix, RuleSet minimum compared with the after count)
METRICS: Final = (
    ("Holders", "holders", "min_total_holders"),
    ("Round-lot holders (>= 100 shares)", "round_lot_holders", "min_round_lot_holders"),
    ("Public holders", "public_holders", "min_public_holders"),
    ("Public round-lot holders", "public_round_lot_holders", None),
    ("Shares", "shares", None),
    ("Publicly held shares", "public_shares", "min_publicly_held_shares"),
)


@dataclass(frozen=True)
class HolderMetric:
    """One holder or share count before and after the split, and its listing minimum.

    ``change`` is ``after - before``; ``minimum`` the rule value compared
    (``None``: none); ``reason`` says why a count was not checked or not
    applicable; ``cite`` names the rule.
    """

    label: str
    before: int
    after: int
    change: int
    minimum: int | None
    status: HolderStatus
    reason: str
    cite: str

    @property
    def status_text(self) -> str:
        """The status as a reader sees it, with its reason when it was not checked."""
        return self.status if not self.reason else f"{self.status}: {self.reason}"

    def to_dict(self) -> dict[str, object]:
        """JSON-ready fields."""
        return {
            "label": self.label,
            "before": self.before,
            "after": self.after,
            "change": self.change,
            "minimum": self.minimum,
            "status": self.status,
            "reason": self.reason,
            "cite": self.cite,
        }


def holder_metrics(totals: HoldingsTotals, ruleset: RuleSet | None) -> tuple[HolderMetric, ...]:
    """Each count of ``totals`` before and after, compared with the minimum in force in ``ruleset``.

    Examples
    --------
    >>> import splitcalc as sc
    >>> from splitcalc import rules
    >>> h = sc.Holdings.synthetic(500, total_shares=10_000_000, seed=1).apply("1-for-10")
    >>> rows = holder_metrics(h.totals, rules.get("nasdaq-capital", as_of="2025-10-01"))
    >>> [(m.label, m.status) for m in rows if m.label.startswith("Public")]
    [('Public holders', 'met'), ('Public round-lot holders', 'not applicable'), ('Publicly held shares', 'met')]
    """
    out: list[HolderMetric] = []
    for label, prefix, rule_name in METRICS:
        before = int(getattr(totals, f"{prefix}_before"))
        after = int(getattr(totals, f"{prefix}_after"))
        minimum: int | None = None
        cite = ""
        status: HolderStatus
        if rule_name is None:
            status, reason = "not applicable", "no listing minimum"
        elif ruleset is None:
            status, reason = "not checked", "no rules in force"
        else:
            rule = getattr(ruleset, rule_name)
            cite = rule.describe()
            if rule.value is None:
                status, reason = "not checked", "no rule value in force"  # the rule row's text says why
            else:
                minimum = int(rule.value)
                status, reason = ("met" if after >= minimum else "not met"), ""
        out.append(HolderMetric(label, before, after, after - before, minimum, status, reason, cite))
    return tuple(out)
