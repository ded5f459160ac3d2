"""Published post-reverse-split returns, as drift settings for the simulator.

Numbers as reported in the study each entry cites. Each entry is a total return over a
horizon of trading sessions; :attr:`DriftEvidence.annual_return` restates it
over 252 sessions, ``(1 + total) ** (252 / sessions) - 1``.

These are *abnormal* returns (relative to a benchmark or matched controls).
Using one as the simulator's drift treats the benchmark's own return as zero
-- a conservative reading, stated in every result that uses it.

Plain data without numpy, so the command line can list the names in
``splitcalc simulate --help`` cheaply; :mod:`splitcalc.scenarios` re-exports
:data:`EVIDENCE` and :class:`DriftEvidence`.

>>> EVIDENCE["desai-jain-1997"].annual_return
-0.1076
>>> round(EVIDENCE["desai-jain-1997-3y"].annual_return, 4)
-0.1289
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from .errors import InputError

__all__ = ["DEFAULT_EVIDENCE", "EVIDENCE", "DriftEvidence", "evidence"]

SESSIONS_PER_YEAR: Final = 252


@dataclass(frozen=True)
class DriftEvidence:
    """One published post-split return.

    Attributes
    ----------
    key
        Name used by ``simulate(drift=...)`` and the CLI ``--drift``.
    total_return
        Return over :attr:`sessions` (``-0.1076`` = -10.76%).
    sessions
        Horizon in trading sessions (252 = one year).
    source
        Citation: authors, year, journal or publisher (and DOI/SSRN id where known).
    peer_reviewed
        False for vendor claims.
    """

    key: str
    total_return: float
    sessions: int
    source: str
    peer_reviewed: bool = True

    @property
    def annual_return(self) -> float:
        """The return restated over 252 sessions."""
        if self.sessions == SESSIONS_PER_YEAR:
            return self.total_return
        return float((1.0 + self.total_return) ** (SESSIONS_PER_YEAR / self.sessions) - 1.0)

    def describe(self) -> str:
        """One line for notes: figure, horizon, source and status."""
        status = "" if self.peer_reviewed else "; vendor claim, not peer reviewed"
        return f"{self.total_return:+.2%} over {self.sessions} sessions: {self.source}{status}"


EVIDENCE: Final = {
    e.key: e
    for e in (
        DriftEvidence(
            "desai-jain-1997",
            -0.1076,
            252,
            "Desai & Jain (1997), J. Business 70(3):409-433, 76 reverse splits 1976-91, 1-year buy-and-hold "
            "abnormal return after the announcement month",
        ),
        DriftEvidence(
            "desai-jain-1997-3y",
            -0.3390,
            756,
            "Desai & Jain (1997), 3-year buy-and-hold abnormal return -33.90%",
        ),
        DriftEvidence(
            "alphanume-252",
            -0.40,
            252,
            "Alphanume (2022-2026, matched controls), about -40% over 252 sessions after execution",
            peer_reviewed=False,
        ),
        DriftEvidence(
            "alphanume-126",
            -0.18,
            126,
            "Alphanume (2022-2026, matched controls), about -18% over 126 sessions after execution",
            peer_reviewed=False,
        ),
        DriftEvidence("zero", 0.0, 252, "no drift (a neutral comparison, not evidence)"),
    )
}

#: The drift used when neither ``drift`` nor a price history says otherwise.
DEFAULT_EVIDENCE: Final = "desai-jain-1997"


def evidence(key: str) -> DriftEvidence:
    """The :class:`DriftEvidence` named ``key``."""
    try:
        return EVIDENCE[key]
    except KeyError:
        raise InputError("drift", key, f"unknown evidence; use a number or one of {', '.join(EVIDENCE)}") from None
