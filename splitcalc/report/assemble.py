"""Assemble a report: compute each part with the modules that are installed.

Core sections (terms, capital structure, per-share figures, sources, caveats)
always appear. The others appear only when their module imports:

========================  ==============================================
section                   module
========================  ==============================================
holders                   :mod:`splitcalc.holdings`
compliance, deadlines     :mod:`splitcalc.rules`, :mod:`splitcalc.compliance`
ratio sweep, odds         :mod:`splitcalc.scenarios`
charts                    :mod:`splitcalc.plot`
========================  ==============================================
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ..ratio import SplitRatio
from . import sections
from .parts import Section

if TYPE_CHECKING:
    from .document import Report

__all__ = ["build", "module_or_none"]


def module_or_none(name: str, *attrs: str) -> ModuleType | None:
    """``splitcalc.<name>`` if it imports and has ``attrs``, else None."""
    try:
        module = importlib.import_module(f"splitcalc.{name}")
    except ImportError:
        return None
    if not all(hasattr(module, a) for a in attrs):
        return None
    return module


def build(report: Report) -> dict[str, Any]:
    """Compute every available part; return the Report's derived fields."""
    s = report.scenario
    results: dict[str, object] = {}
    caveats: list[str] = []

    ratio, ratio_note = _evaluated_ratio(s)
    effect = s.structure.apply(
        ratio,
        authorized=s.authorized_policy,  # type: ignore[arg-type]
        par=s.par_policy,  # type: ignore[arg-type]
        fractional=s.fractional,  # type: ignore[arg-type]
    )
    results["effect"] = effect

    body: list[Section] = [sections.split_terms(s, ratio, ratio_note)]
    body.append(sections.capital_structure(effect))
    body.append(sections.per_share(effect))

    key: dict[str, object] = {
        "company": s.company,
        "exchange": s.exchange,
        "as_of": s.as_of,
        "ratio": str(ratio),
        "shares_before": effect.before.outstanding,
        "shares_after": effect.after.outstanding,
        "shares_after_basis": "aggregate estimate (no holder data)",
        "price_before": effect.price_before,
        "price_after": effect.price_after,
        "deadline": s.deadline,
        "deadline_basis": "as stated in the scenario" if s.deadline else None,
    }

    caveats.extend(_input_caveats(s, effect.before.price is not None))
    body.append(sections.sources(s))
    body.append(
        Section(
            key="caveats",
            title="Caveats",
            paragraphs=tuple(caveats),
            source="splitcalc.report",
        )
    )
    return {
        "ratio": ratio,
        "effect": effect,
        "sections": tuple(body),
        "key_figures": key,
        "results": results,
    }


def _evaluated_ratio(s: Any) -> tuple[SplitRatio, str]:
    if s.ratio is not None:
        return s.ratio, ""
    _lo, hi = s.ratio_range
    return hi, "top of the authorised range (no recommendation available)"


def _input_caveats(s: Any, has_price: bool) -> list[str]:
    out: list[str] = []
    if s.hypothetical:
        out.append("This scenario is HYPOTHETICAL: the company and its figures are illustrations, not facts.")
    if has_price:
        out.append(
            "Prices: Nasdaq tests the closing BID price (Rule 5005(a)(3), rules.md §0); splitcalc uses the "
            "closing (last-sale) price as a proxy, the only daily price public sources give."
        )
    uncertain = [f for f in s.facts if f.uncertain]
    if uncertain:
        out.append(
            "UNCERTAIN inputs (sources not confirmed): "
            + "; ".join(f"{f.label}{' — ' + f.note if f.note else ''}" for f in uncertain)
        )
    unsourced = [f.label for f in s.facts if f.status == "unsourced"]
    if unsourced:
        out.append("Given without a source: " + ", ".join(unsourced) + ".")
    out.append(
        "Given vs estimated: figures listed under 'Inputs and sources' are given; everything else is computed "
        "from them. Aggregate share counts after the split are estimates unless holder data is supplied."
    )
    return out
