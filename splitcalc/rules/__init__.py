"""Exchange listing rules as dated data, and the registry that resolves them.

``get(name, as_of=date)`` returns the :class:`RuleSet` of one listing tier in
force on that day: each threshold and period with the rule number in force
then, its primary source (rule number, SEC release, Federal Register
citation) and an UNCERTAIN flag. The exchange modules
(:mod:`~splitcalc.rules.nasdaq`, :mod:`~splitcalc.rules.nyse`,
:mod:`~splitcalc.rules.nyse_american`) hold only data and are imported on
first use.

>>> import datetime as dt
>>> from splitcalc import rules
>>> nnm = rules.get("nasdaq-national-market", as_of=dt.date(2002, 7, 23))
>>> nnm.compliance_period_days.value, nnm.tier
(90, 'National Market')
>>> rules.get("NNM", as_of="2002-07-23") == nnm
True
>>> rules.get("nasdaq-capital", as_of=dt.date(2002, 7, 23))
Traceback (most recent call last):
...
splitcalc.errors.NoRuleInForce: no 'nasdaq-capital' rule in force on 2002-07-23: ...
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
from typing import TYPE_CHECKING, Any, Final

from ..errors import NoRuleInForce, UnknownExchange
from ._model import FIELDS, MORATORIUM_KINDS, Moratorium, Rule, RuleSet, Tier, Versioned, resolve

if TYPE_CHECKING:
    from .._types import DateLike

__all__ = [
    "FIELDS",
    "MORATORIUM_KINDS",
    "Moratorium",
    "Rule",
    "RuleSet",
    "Tier",
    "Versioned",
    "aliases",
    "canonical",
    "get",
    "names",
    "round_lot",
    "tier",
]

#: Canonical name -> the module that defines it (imported lazily).
_MODULES: Final = {
    "nasdaq-capital": ".nasdaq",
    "nasdaq-global": ".nasdaq",
    "nasdaq-global-select": ".nasdaq",
    "nasdaq-national-market": ".nasdaq",
    "nasdaq-smallcap": ".nasdaq",
    "nyse": ".nyse",
    "nyse-american": ".nyse_american",
}

#: Other spellings -> canonical name (MIC codes, short forms, former names).
_ALIASES: Final = {
    "nasdaq-cm": "nasdaq-capital",
    "xncm": "nasdaq-capital",
    "capital-market": "nasdaq-capital",
    "nasdaq-capital-market": "nasdaq-capital",
    "nasdaq-gm": "nasdaq-global",
    "xnms": "nasdaq-global",
    "global-market": "nasdaq-global",
    "nasdaq-global-market": "nasdaq-global",
    "nasdaq-gs": "nasdaq-global-select",
    "xngs": "nasdaq-global-select",
    "global-select": "nasdaq-global-select",
    "nasdaq-global-select-market": "nasdaq-global-select",
    "nasdaq-nm": "nasdaq-national-market",
    "nnm": "nasdaq-national-market",
    "nasdaq-nnm": "nasdaq-national-market",
    "national-market": "nasdaq-national-market",
    "nasdaq-sc": "nasdaq-smallcap",
    "smallcap": "nasdaq-smallcap",
    "nasdaq-smallcap-market": "nasdaq-smallcap",
    "xnys": "nyse",
    "new-york-stock-exchange": "nyse",
    "xase": "nyse-american",
    "amex": "nyse-american",
    "nyse-mkt": "nyse-american",
    "nyse-amex": "nyse-american",
    "american-stock-exchange": "nyse-american",
}


def names() -> tuple[str, ...]:
    """The canonical rule-set names, sorted.

    >>> names()[:2]
    ('nasdaq-capital', 'nasdaq-global')
    """
    return tuple(sorted(_MODULES))


def aliases() -> dict[str, str]:
    """Every accepted alternative spelling and the canonical name it means."""
    return dict(_ALIASES)


def canonical(name: str) -> str:
    """The canonical name for ``name`` (case, spaces and underscores ignored).

    Raises
    ------
    UnknownExchange
        No rule set is known under that name.
    """
    if not isinstance(name, str):
        raise UnknownExchange(repr(name), names())
    key = "-".join(name.strip().lower().replace("_", " ").replace("-", " ").split())
    key = _ALIASES.get(key, key)
    if key not in _MODULES:
        raise UnknownExchange(name, names())
    return key


def tier(name: str) -> Tier:
    """The :class:`Tier` record (all dated rows) for ``name``."""
    key = canonical(name)
    module = importlib.import_module(_MODULES[key], __name__)
    tiers: dict[str, Tier] = module.TIERS
    return tiers[key]


@functools.lru_cache(maxsize=256)
def _get(key: str, as_of: dt.date) -> RuleSet:
    return resolve(tier(key), as_of)


def get(name: str, as_of: DateLike | Any = None) -> RuleSet:
    """The rule set of listing tier ``name`` in force on ``as_of`` (default: today).

    Parameters
    ----------
    name
        One of :func:`names` or an alias (``"XNCM"``, ``"nnm"``, ``"amex"``...).
    as_of
        A date (``datetime.date``, ISO text, pandas/numpy timestamp).

    Raises
    ------
    UnknownExchange
        Unknown name.
    NoRuleInForce
        The tier did not exist under that name on ``as_of`` (e.g. the Capital
        Market before Sep 8, 2005 -- use ``"nasdaq-smallcap"``).
    InputError
        ``as_of`` is not a date.
    """
    from ..calendars import to_date

    key = canonical(name)
    day = dt.date.today() if as_of is None else to_date(as_of, "as_of")
    return _get(key, day)


def round_lot(name: str = "nasdaq-capital") -> int:
    """Shares in a round lot under ``name``: its latest ``round_lot_size`` row (Nasdaq FAQ 1415: 100).

    The one place the holder counts (:mod:`splitcalc.holdings`,
    :mod:`splitcalc.scenarios.holders`) take the round-lot size from.

    >>> round_lot()
    100
    """
    rows = tier(name).tables["round_lot_size"]
    value = rows[-1].value
    if value is None:
        raise NoRuleInForce(name, dt.date.today(), f"no round-lot size: {rows[-1].cite}")
    return int(value)
