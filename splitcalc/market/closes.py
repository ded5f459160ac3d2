"""Closes of many tickers side by side, for :func:`splitcalc.compliance.scan`.

A multi-ticker scan spends its time fetching, one ticker after another; the
scan itself is one vectorised pass. :func:`get_closes` fetches each ticker
with :func:`splitcalc.market.get_prices` through one shared provider (so one
cache), shows a progress line on a terminal (:mod:`splitcalc.progress`), and
keeps going when a ticker cannot be had: that ticker is left out and named,
with the reason, in ``attrs["failed"]`` and one warning.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..errors import DataError, InputError, SplitcalcWarning

if TYPE_CHECKING:
    import pandas as pd

    from .._types import DateLike
    from . import PriceProvider

__all__ = ["get_closes"]


def get_closes(
    tickers: Iterable[str],
    start: DateLike,
    end: DateLike | None = None,
    *,
    provider: PriceProvider | None = None,
    offline: bool = False,
    cache_dir: str | os.PathLike[str] | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """As-traded daily closes of ``tickers``, one column each, ready for ``scan``.

    Parameters
    ----------
    tickers
        Symbols (Yahoo's spelling); repeats are fetched once.
    start, end
        First and last day wanted (``end`` defaults to today).
    provider, offline, cache_dir
        As for :func:`splitcalc.market.get_prices`; the default Yahoo provider
        and its cache are built once and shared by every ticker.
    progress
        A ``tickers: i/n`` line on stderr: ``None`` (default) only when
        stderr is a terminal.

    Returns
    -------
    pandas.DataFrame
        ``date`` index (every day any ticker traded), one float column of
        closes per ticker that could be had, NaN before a ticker's first and
        after its last close; ``attrs["splits"]`` maps each ticker to its
        ``(date, SplitRatio)`` splits, ``attrs["failed"]`` each ticker left
        out to the reason, ``attrs["source"]`` the provider's name.

    Warns
    -----
    SplitcalcWarning
        Some tickers could not be had (they are named with the reason).

    Raises
    ------
    InputError
        No tickers, or bad dates.
    DataError
        Not one ticker could be had (the first ticker's reason).
    """
    import pandas as pd

    from ..progress import progress as _progress
    from . import get_prices, normalize_ticker

    wanted: list[str] = []
    order: list[str] = []  # every ticker as given (normalised when it can be), for reporting in input order
    failed: dict[str, str] = {}
    for raw in [tickers] if isinstance(tickers, str) else tickers:
        try:
            symbol = normalize_ticker(raw)
        except InputError as exc:
            failed[str(raw)] = exc.reason
            order.append(str(raw))
            continue
        if symbol not in wanted:
            wanted.append(symbol)
            order.append(symbol)
    if not wanted and not failed:
        raise InputError("tickers", list(tickers) if not isinstance(tickers, str) else tickers, "give at least one")

    source = provider
    if source is None:  # one cached Yahoo provider for every ticker: one cache, one lock per file
        from .cache import CachedProvider
        from .yahoo import YahooProvider

        source = CachedProvider(YahooProvider(), cache_dir=cache_dir, offline=offline)
    closes: dict[str, pd.Series] = {}
    splits: dict[str, object] = {}
    first_error: DataError | InputError | None = None
    for symbol in _progress(wanted, desc="tickers", enabled=progress):
        try:
            frame = get_prices(symbol, start, end, provider=source, offline=offline and provider is not None)
        except InputError as exc:
            if exc.param_name in ("start", "end"):  # the same for every ticker: the caller's mistake
                raise
            failed[symbol], first_error = exc.reason, first_error or exc
            continue
        except DataError as exc:
            failed[symbol], first_error = str(exc), first_error or exc
            continue
        closes[symbol] = frame["close"]
        splits[symbol] = list(frame.attrs.get("splits", []))
    failed = {t: failed[t] for t in order if t in failed}
    if not closes:
        if first_error is not None:
            raise first_error
        raise InputError("tickers", sorted(failed), "none is a ticker symbol")
    if failed:
        shown = "; ".join(f"{t}: {why}" for t, why in list(failed.items())[:5])
        more = f"; and {len(failed) - 5} more" if len(failed) > 5 else ""
        warnings.warn(
            f"{len(failed)} of {len(failed) + len(closes)} tickers left out ({shown}{more})",
            SplitcalcWarning,
            stacklevel=2,
        )
    wide = pd.DataFrame(closes).sort_index()
    wide.index.name = "date"
    wide.attrs["splits"] = splits
    wide.attrs["failed"] = failed
    wide.attrs["source"] = getattr(source, "name", "prices")
    return wide
