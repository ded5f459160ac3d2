"""Analysis: one scenario analysed by every module its data allows, as one typed result.

:func:`analyse` returns an :class:`Analysis` -- the split's effect, holders,
the compliance timeline and the planned-split check, the deadline that
applies, every candidate ratio with its standards and odds, the
recommendation and the :class:`Verdict` that answers the board's questions.
:class:`splitcalc.Report` renders an Analysis and computes nothing.

One module per idea: :mod:`.inputs` (what the analysis stands on),
:mod:`.deadlines`, :mod:`.checks` (the compliance APIs), :mod:`.odds`,
:mod:`.ratio`, :mod:`.verdict`, :mod:`.caveats`, :mod:`.model` and
:mod:`.analyse`.
"""

from __future__ import annotations

from .analyse import DEFAULT_PATHS, DEFAULT_SEED, analyse
from .deadlines import Deadlines
from .inputs import StructureBasis
from .model import Analysis
from .odds import OddsSetup
from .verdict import Headroom, Verdict

__all__ = [
    "DEFAULT_PATHS",
    "DEFAULT_SEED",
    "Analysis",
    "Deadlines",
    "Headroom",
    "OddsSetup",
    "StructureBasis",
    "Verdict",
    "analyse",
]
