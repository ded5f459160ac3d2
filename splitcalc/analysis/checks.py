"""The compliance checks an analysis runs, through their public APIs.

:func:`~splitcalc.compliance.check_compliance` and
:func:`~splitcalc.compliance.check_planned_split`.

Their :class:`~splitcalc.errors.RuleUncertainWarning` warnings are collected
and kept as caveats rather than lost.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

from ..errors import RuleUncertainWarning
from ..ratio import SplitRatio
from .scenario_file import Scenario

if TYPE_CHECKING:
    from ..compliance.kernel import AfterDeadline
    from ..compliance.kernel import Deadlines as PeriodEnds

__all__ = ["after_path", "run_compliance", "run_planned"]


def _collect(fn: Any, notes: list[str]) -> Any:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuleUncertainWarning)
        result = fn()
    for w in caught:
        if issubclass(w.category, RuleUncertainWarning):
            text = str(w.message)
            if text not in notes:
                notes.append(text)
        else:  # anything else goes back out as it came
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return result


def run_compliance(scenario: Scenario, ruleset: Any, prices: Any, notes: list[str]) -> Any:
    """``check_compliance`` on the scenario's closes, as of its date, with its notice and earlier splits."""
    from ..compliance import check_compliance

    return _collect(
        lambda: check_compliance(
            prices,
            ruleset,
            splits=[(d, r) for d, r in scenario.prior_splits],
            as_of=scenario.as_of,
            notice_date=scenario.notice_date,
            structure=scenario.structure,
        ),
        notes,
    )


def run_planned(scenario: Scenario, ratio: SplitRatio, ruleset: Any, *, holdings_result: Any, notes: list[str]) -> Any:
    """``check_planned_split`` for the evaluated ratio on the scenario's effective date (None without one)."""
    if scenario.effective is None or not ratio.is_reverse:
        return None
    from ..compliance import check_planned_split

    return _collect(
        lambda: check_planned_split(
            ratio,
            scenario.effective,
            ruleset,
            prior_splits=[(d, r) for d, r in scenario.prior_splits],
            deficiency_date=scenario.notice_date,
            structure=scenario.structure,
            holders=holdings_result,
            notice_date=scenario.notice_date,
        ),
        notes,
    )


def after_path(scenario: Scenario, ruleset: Any, planned: Any) -> tuple[PeriodEnds | None, AfterDeadline | None]:
    """The period ends of the scenario's notice and the path after them if uncured, from the rule kernel.

    The planned-split check states them when it ran with the notice date;
    without an effective date (no check) the kernel's
    :func:`~splitcalc.compliance.kernel.deadlines` and
    :func:`~splitcalc.compliance.kernel.after_deadline` are asked directly, the
    same way. ``(None, None)`` without a notice date.
    """
    if planned is not None and planned.deadlines is not None:
        return planned.deadlines, planned.after_deadline
    if scenario.notice_date is None:
        return None, None
    from ..compliance.kernel import after_deadline, deadlines

    ends = deadlines(scenario.notice_date, ruleset)
    if ends.final_deadline is None or ends.determination is None:
        return ends, None
    path = after_deadline(ends.determination, ruleset, after_second_period=ends.second_deadline is not None)
    return ends, path
