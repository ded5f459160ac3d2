"""The compliance checks an analysis runs, through their public APIs.

:func:`~splitcalc.compliance.check_compliance` and
:func:`~splitcalc.compliance.check_planned_split`.

Their :class:`~splitcalc.errors.RuleUncertainWarning` warnings are collected
and kept as caveats rather than lost.
"""

from __future__ import annotations

import warnings
from typing import Any

from ..errors import RuleUncertainWarning
from ..ratio import SplitRatio
from .scenario_file import Scenario

__all__ = ["run_compliance", "run_planned"]


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
        ),
        notes,
    )
