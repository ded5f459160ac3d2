"""Daily prices as traded: from Yahoo (cached), from a CSV file, or from your own provider.

Every source returns the same frame (see :mod:`splitcalc.market._frame`): a
tz-naive ``date`` index, float columns ``open, high, low, close, volume`` and
``attrs["splits"]``, a list of ``(date, SplitRatio)``. Prices are **as
traded**: Yahoo's split-adjusted history is un-adjusted with
:func:`splitcalc.history.to_as_traded`, because Yahoo shows every price before
a 1-for-25 split 25 times higher than it traded, which would make a deficient
stock look compliant (yfinance maintainers, ranaroussi/yfinance issue #2611).

yfinance is imported only by :mod:`splitcalc.market.yahoo`, and only when
prices are actually fetched.

>>> from splitcalc.market import PriceProvider, get_prices, read_price_csv
"""

from __future__ import annotations

import datetime as dt
import os
import warnings
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..calendars import to_date
from ..errors import DataUnavailable, InputError, SplitcalcWarning
from ._frame import PRICE_COLUMNS, slice_dates
from .closes import get_closes
from .csv import CsvProvider, read_price_csv

if TYPE_CHECKING:
    import pandas as pd

    from .._types import DateLike

__all__ = [
    "PRICE_COLUMNS",
    "CsvProvider",
    "PriceProvider",
    "get_closes",
    "get_prices",
    "normalize_ticker",
    "read_price_csv",
]


@runtime_checkable
class PriceProvider(Protocol):
    """Anything that can deliver as-traded daily prices for a ticker.

    ``fetch`` returns the price frame described in the package docstring,
    with rows from ``start`` to ``end`` inclusive (it may return more; the
    caller slices), or raises :class:`~splitcalc.errors.DataError`.
    ``requires_network`` tells :func:`get_prices` whether ``offline=True``
    forbids calling it.
    """

    @property
    def name(self) -> str:
        """Short name used in messages and cache paths (``"yahoo"``, ``"csv"``)."""
        ...

    @property
    def requires_network(self) -> bool:
        """True when fetching talks to the network."""
        ...

    def fetch(self, ticker: str, start: dt.date, end: dt.date) -> pd.DataFrame:
        """As-traded prices of ``ticker`` from ``start`` to ``end`` inclusive."""
        ...


def normalize_ticker(ticker: object) -> str:
    """A ticker symbol, stripped and upper-cased (Yahoo symbols are case-insensitive).

    Any printable text without spaces up to 32 characters is accepted here;
    turning it into a safe cache file name is the cache's job.

    >>> normalize_ticker(" brk-b ")
    'BRK-B'

    Raises
    ------
    InputError
        Not text, empty, too long, or containing spaces or control characters.
    """
    if not isinstance(ticker, str):
        raise InputError("ticker", ticker, "must be text such as 'AAPL'")
    symbol = ticker.strip().upper()
    if not symbol:
        raise InputError("ticker", ticker, "is empty")
    if len(symbol) > 32:
        raise InputError("ticker", ticker, "is longer than 32 characters")
    if not symbol.isprintable() or any(c.isspace() for c in symbol):
        raise InputError("ticker", ticker, "contains spaces or control characters")
    return symbol


def get_prices(
    ticker: str,
    start: DateLike,
    end: DateLike | None = None,
    *,
    adjusted: bool = False,
    provider: PriceProvider | None = None,
    offline: bool = False,
    cache_dir: str | os.PathLike[str] | None = None,
) -> pd.DataFrame:
    """Daily prices of ``ticker`` from ``start`` to ``end`` (both inclusive).

    Parameters
    ----------
    ticker
        The symbol (Yahoo's spelling: ``BRK-B``, ``AV.L``).
    start, end
        First and last day wanted; ``end`` defaults to today.
    adjusted
        False (default): prices as traded. True: split-adjusted to the latest
        split in the frame (``price x old/new`` of every later split; volumes
        the inverse; :func:`splitcalc.history.to_adjusted`).
    provider
        Where prices come from. Default: Yahoo Finance through the local
        cache (:class:`splitcalc.market.cache.CachedProvider` around
        :class:`splitcalc.market.yahoo.YahooProvider`).
    offline
        Never touch the network: serve the cache (with a
        :class:`~splitcalc.errors.StaleCacheWarning` saying how old it is).
    cache_dir
        Cache folder for the default provider (else ``$SPLITCALC_CACHE_DIR``,
        else the platform's user cache folder).

    Returns
    -------
    pandas.DataFrame
        ``date`` index; columns open, high, low, close, volume;
        ``attrs["splits"]`` the splits dated within the window,
        ``attrs["source"]``, ``attrs["adjustment"]``.

    Raises
    ------
    InputError
        Bad ticker or dates.
    DataUnavailable
        The provider has nothing for this ticker and window (the message
        says why and what to do), or ``offline`` with a network provider.
    CacheError
        Offline and the cached file is corrupt.
    """
    symbol = normalize_ticker(ticker)
    first = to_date(start, "start")
    last = to_date(end, "end") if end is not None else dt.date.today()
    if last < first:
        raise InputError("end", last.isoformat(), f"is before start {first.isoformat()}")
    if provider is None:
        from .cache import CachedProvider
        from .yahoo import YahooProvider

        source: PriceProvider = CachedProvider(YahooProvider(), cache_dir=cache_dir, offline=offline)
    elif not isinstance(provider, PriceProvider):  # name, requires_network and fetch()
        raise InputError("provider", type(provider).__name__, "must be a PriceProvider (name, requires_network, fetch)")
    else:
        as_offline = getattr(provider, "as_offline", None)
        if offline and callable(as_offline):
            provider = as_offline()
        if offline and provider.requires_network:
            raise DataUnavailable(
                symbol, provider.name, "offline mode, and this provider needs the network; wrap it in a CachedProvider"
            )
        source = provider
    fetched = source.fetch(symbol, first, last)
    frame = slice_dates(fetched, first, last)
    if frame.empty:
        raise DataUnavailable(
            symbol, source.name, f"no prices between {first.isoformat()} and {last.isoformat()}; check the dates"
        )
    _warn_split_problems(symbol, frame)
    if adjusted:
        from ..history import to_adjusted

        frame = to_adjusted(frame)
    return frame


def _warn_split_problems(symbol: str, frame: pd.DataFrame) -> None:
    """Warn about splits the provider's check found wrong, when they touch the rows returned.

    A split dated after the first row changes how every earlier row was
    un-adjusted, so any such split with a verdict other than "ok" makes the
    as-traded prices before it doubtful (:func:`splitcalc.history.check_splits`).
    """
    if frame.empty:
        return
    first_day = frame.index[0].date()
    for check in frame.attrs.get("split_checks", []) or []:
        if check.get("verdict", "ok") == "ok" or dt.date.fromisoformat(check["date"]) <= first_day:
            continue
        warnings.warn(
            f"{symbol}: {frame.attrs.get('source', 'provider')} split "
            f"{check.get('reported_factor') or check['ratio']} on {check['date']} "
            f"is {check['verdict']}: {check['note']}. As-traded prices before it may be off by the ratio; "
            "check them against a filing, or give a price file",
            SplitcalcWarning,
            stacklevel=3,
        )
