"""splitcalc: analyse stock reverse splits exactly.

What a split does to share counts, per-share figures and every holder's
position; whether it restores and keeps exchange compliance; which ratio to
pick. The core names load at once; heavier parts (market data, plots,
reports, scenarios) load on first use (PEP 562), so ``import splitcalc`` stays
cheap.

>>> import splitcalc as sc
>>> str(sc.SplitRatio.parse("25-for-1 reverse"))
'1-for-25'
"""

from __future__ import annotations

import importlib
from typing import Any

from .errors import (
    CacheError,
    DataError,
    DataUnavailable,
    DateOutOfRange,
    EstimateWarning,
    InputError,
    InsufficientHistory,
    InvalidHoldings,
    InvalidPrices,
    InvalidRatio,
    NoRuleInForce,
    ReportError,
    RuleError,
    RuleUncertainWarning,
    SplitcalcError,
    SplitcalcWarning,
    StaleCacheWarning,
    UnknownExchange,
)
from .ratio import SplitRatio, compose, cumulative
from .securities import Convertible, ListedOption, StockOption
from .structure import CapitalStructure, SplitEffect

__version__ = "0.1.0"

# name -> (module, attribute); attribute None means the module itself.
_LAZY: dict[str, tuple[str, str | None]] = {
    # holdings (issue 3)
    "Holdings": (".holdings", "Holdings"),
    "HoldingsResult": (".holdings", "HoldingsResult"),
    "HoldingsTotals": (".holdings", "HoldingsTotals"),
    "CostBasisResult": (".costbasis", "CostBasisResult"),
    "RoundUpEconomics": (".costbasis", "RoundUpEconomics"),
    "CashPrice": (".cashprice", "CashPrice"),  # issue 15: the cash-in-lieu price, its basis and source
    # rules and compliance (issue 4)
    "rules": (".rules", None),
    "compliance": (".compliance", None),
    "check_compliance": (".compliance", "check_compliance"),
    "check_planned_split": (".compliance", "check_planned_split"),
    "scan": (".compliance", "scan"),
    "ComplianceTimeline": (".compliance", "ComplianceTimeline"),
    "ComplianceEvent": (".compliance", "ComplianceEvent"),
    "PlannedSplitCheck": (".compliance", "PlannedSplitCheck"),
    "ScanResult": (".compliance", "ScanResult"),
    "RuleSet": (".rules", "RuleSet"),
    # market data and history (issue 7)
    "get_prices": (".market", "get_prices"),
    "get_closes": (".market", "get_closes"),
    "read_price_csv": (".market", "read_price_csv"),
    "check_splits": (".history", "check_splits"),
    "history": (".history", None),
    "market": (".market", None),
    # scenarios and plots (issue 5)
    "scenarios": (".scenarios", None),
    "plot": (".plot", None),
    # report (issue 6)
    "Report": (".report", "Report"),
    "Scenario": (".scenario_file", "Scenario"),
    "load_scenario": (".scenario_file", "load_scenario"),
    "load_example": (".scenario_file", "load_example"),
    # split terms read from a filing (issue 14)
    "filings": (".filings", None),
}


def __getattr__(name: str) -> Any:
    try:
        module_name, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'splitcalc' has no attribute {name!r}") from None
    module = importlib.import_module(module_name, __name__)
    value = module if attr is None else getattr(module, attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "CacheError",
    "CapitalStructure",
    "Convertible",
    "DataError",
    "DataUnavailable",
    "DateOutOfRange",
    "EstimateWarning",
    "InputError",
    "InsufficientHistory",
    "InvalidHoldings",
    "InvalidPrices",
    "InvalidRatio",
    "ListedOption",
    "NoRuleInForce",
    "ReportError",
    "RuleError",
    "RuleUncertainWarning",
    "SplitEffect",
    "SplitRatio",
    "SplitcalcError",
    "SplitcalcWarning",
    "StaleCacheWarning",
    "StockOption",
    "UnknownExchange",
    "__version__",
    "compose",
    "cumulative",
]
__all__ += list(_LAZY)
