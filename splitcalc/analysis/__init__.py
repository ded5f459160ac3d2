"""Analysis: one scenario analysed by every module its data allows, as one typed result.

:func:`analyse` returns an :class:`Analysis` -- the split's effect, holders,
the compliance timeline and the planned-split check, the deadline that
applies, every candidate ratio with its standards and odds, the
recommendation and the :class:`Verdict` that answers the board's questions.
:class:`splitcalc.Report` renders an Analysis and computes nothing.

One module per idea: :mod:`.inputs` (what the analysis stands on),
:mod:`.deadlines`, :mod:`.checks` (the compliance APIs), :mod:`.holder_standards`, :mod:`.odds`,
:mod:`.ratio`, :mod:`.verdict`, :mod:`.caveats`, :mod:`.model` and
:mod:`.build`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .build import DEFAULT_PATHS, DEFAULT_SEED, analyse
    from .deadlines import Deadlines
    from .holder_standards import HolderMetric
    from .inputs import StructureBasis
    from .model import Analysis
    from .odds import OddsSetup
    from .verdict import Headroom, Verdict

# name -> module: loaded on first use (PEP 562), so importing a light module of this package
# (the scenario file reader, say) does not load the simulation and its numpy.
_LAZY = {
    "DEFAULT_PATHS": ".build",
    "DEFAULT_SEED": ".build",
    "analyse": ".build",
    "Analysis": ".model",
    "Deadlines": ".deadlines",
    "Headroom": ".verdict",
    "HolderMetric": ".holder_standards",
    "OddsSetup": ".odds",
    "StructureBasis": ".inputs",
    "Verdict": ".verdict",
}


def __getattr__(name: str) -> Any:
    try:
        module = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'splitcalc.analysis' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_PATHS",
    "DEFAULT_SEED",
    "Analysis",
    "Deadlines",
    "Headroom",
    "HolderMetric",
    "OddsSetup",
    "StructureBasis",
    "Verdict",
    "analyse",
]
