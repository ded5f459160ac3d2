"""Exceptions and warnings raised by splitcalc.

Every error splitcalc raises on purpose derives from :class:`SplitcalcError`,
so ``except splitcalc.SplitcalcError`` catches them all; anything else is a bug.
The tree::

    SplitcalcError(Exception)
    ├── InputError(SplitcalcError, ValueError)      .param_name .value
    │   ├── InvalidRatio
    │   ├── InvalidHoldings
    │   ├── InvalidPrices
    │   └── DateOutOfRange
    ├── RuleError
    │   ├── UnknownExchange(RuleError, KeyError)    .exchange
    │   └── NoRuleInForce                           .exchange .as_of
    ├── DataError
    │   ├── DataUnavailable                         .ticker .provider
    │   ├── InsufficientHistory                     .needed .got
    │   └── CacheError                              .path
    └── ReportError

    SplitcalcWarning(UserWarning)
    ├── StaleCacheWarning
    ├── RuleUncertainWarning
    └── EstimateWarning

The command line turns an :class:`InputError` into exit status 2 and any other
:class:`SplitcalcError` into exit status 1, printing one line each.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

__all__ = [
    "CacheError",
    "DataError",
    "DataUnavailable",
    "DateOutOfRange",
    "EstimateWarning",
    "InputError",
    "InsufficientHistory",
    "InvalidHoldings",
    "InvalidPrices",
    "InvalidRatio",
    "NoRuleInForce",
    "ReportError",
    "RuleError",
    "RuleUncertainWarning",
    "SplitcalcError",
    "SplitcalcWarning",
    "StaleCacheWarning",
    "UnknownExchange",
]


def _short(value: Any, limit: int = 60) -> str:
    """Return ``repr(value)`` cut to ``limit`` characters for messages (a huge int by its length: no repr)."""
    if isinstance(value, int) and value.bit_length() > 200:  # repr() of 4,300+ digits raises ValueError
        return f"an integer of about {int(value.bit_length() * 0.30103) + 1:,} digits"
    try:
        text = repr(value)
    except ValueError:  # a container holding such an int
        return f"a {type(value).__name__} too large to show"
    return text if len(text) <= limit else text[: limit - 3] + "..."


class SplitcalcError(Exception):
    """Root of every error splitcalc raises deliberately."""


# --------------------------------------------------------------------- input
class InputError(SplitcalcError, ValueError):
    """A caller passed a value splitcalc cannot use.

    Parameters
    ----------
    param_name
        Name of the parameter (or CLI option, or file column) that was wrong.
    value
        The value received.
    reason
        What is wrong with it, written to complete "``param_name`` ...".
    """

    def __init__(self, param_name: str, value: Any, reason: str) -> None:
        self.param_name = param_name
        self.value = value
        self.reason = reason
        super().__init__(f"{param_name}: {reason} (got {_short(value)})")


class InvalidRatio(InputError):
    """A split ratio that cannot be parsed or is impossible (zero, negative...)."""


class InvalidHoldings(InputError):
    """A holdings table with missing columns, bad share counts or bad rows."""


class InvalidPrices(InputError):
    """A price series or price file that cannot be used (order, gaps, values)."""


class DateOutOfRange(InputError):
    """A date outside the range a calendar or rule set covers."""


# --------------------------------------------------------------------- rules
class RuleError(SplitcalcError):
    """A problem finding the exchange rules that apply."""


class UnknownExchange(RuleError, KeyError):
    """No rule set is known under this name."""

    def __init__(self, exchange: str, known: tuple[str, ...] = ()) -> None:
        self.exchange = exchange
        self.known = known
        hint = f"; known: {', '.join(known)}" if known else ""
        super().__init__(f"exchange: unknown rule set {exchange!r}{hint}")

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return str(self.args[0])


class NoRuleInForce(RuleError):
    """The named rule set did not exist (or had no value) on the date asked."""

    def __init__(self, exchange: str, as_of: dt.date, detail: str = "") -> None:
        self.exchange = exchange
        self.as_of = as_of
        extra = f": {detail}" if detail else ""
        super().__init__(f"no {exchange!r} rule in force on {as_of.isoformat()}{extra}")


# ---------------------------------------------------------------------- data
class DataError(SplitcalcError):
    """Market data could not be obtained, read or trusted."""


class DataUnavailable(DataError):
    """A provider could not deliver data for a ticker.

    Parameters
    ----------
    ticker
        The symbol asked for.
    provider
        Short provider name (``"yahoo"``, ``"csv"``, ``"cache"``).
    message
        What went wrong and what the user can do about it.
    """

    def __init__(self, ticker: str, provider: str, message: str) -> None:
        self.ticker = ticker
        self.provider = provider
        super().__init__(f"{provider}: {ticker}: {message}")


class InsufficientHistory(DataError):
    """Fewer observations than a calculation needs."""

    def __init__(self, needed: int, got: int, what: str = "observations") -> None:
        self.needed = needed
        self.got = got
        super().__init__(f"need at least {needed} {what}, got {got}")


class CacheError(DataError):
    """The local cache could not be read or written."""

    def __init__(self, path: object, message: str) -> None:
        self.path = path
        super().__init__(f"cache {path}: {message}")


# -------------------------------------------------------------------- report
class ReportError(SplitcalcError):
    """A report could not be built, rendered or saved."""


# ------------------------------------------------------------------ warnings
class SplitcalcWarning(UserWarning):
    """Root of splitcalc's warnings."""


class StaleCacheWarning(SplitcalcWarning):
    """Data was served from a cache older than the latest exchange session."""


class RuleUncertainWarning(SplitcalcWarning):
    """A result relies on a rule value marked uncertain (the sources read do not settle it)."""


class EstimateWarning(SplitcalcWarning):
    """A figure is an estimate (for example: no holder data was given)."""
