"""Listing compliance: price rules walked through daily closes, universe scans, planned splits.

* :func:`check_compliance` -- one security's case as a dated, cited
  :class:`ComplianceTimeline` (Nasdaq 5810(c)(3)(A), NYSE 802.01C, NYSE
  American 1003(f)(v); rules from :mod:`splitcalc.rules`);
* :func:`scan` -- status, streaks and next deadline for many tickers at once,
  vectorised over a (tickers x sessions) array;
* :func:`check_planned_split` -- whether a planned reverse split may cure
  under the rules in force, and Nasdaq's notification deadlines for it;
* :func:`deadlines` -- when the compliance periods that begin with a notice
  end, dated as the exchange dates them (the rule kernel, :mod:`.kernel`).
"""

from __future__ import annotations

from ._splits import Breach
from ._timeline import EVENT_KINDS, STATUSES, ComplianceEvent, ComplianceTimeline
from .engine import add_months, check_compliance
from .kernel import Deadlines, deadlines
from .planned import PlannedSplitCheck, check_planned_split
from .scan import ScanResult, scan

__all__ = [
    "EVENT_KINDS",
    "STATUSES",
    "Breach",
    "ComplianceEvent",
    "ComplianceTimeline",
    "Deadlines",
    "PlannedSplitCheck",
    "ScanResult",
    "add_months",
    "check_compliance",
    "check_planned_split",
    "deadlines",
    "scan",
]
