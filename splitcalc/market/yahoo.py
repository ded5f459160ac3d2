"""Yahoo Finance through yfinance: the only module that imports yfinance.

``Ticker.history(auto_adjust=False, actions=True)`` gives Yahoo's daily
OHLC, which are split-adjusted (ranaroussi/yfinance issue #2076), with each split's
``new/old`` float on its ex-date row. :class:`YahooProvider` fetches from the
requested start through today -- every later split changes how older rows
were adjusted, so the split list must be complete -- checks each split
against the prices (:func:`splitcalc.history.check_splits`), warns about any
that Yahoo mis-applied, and returns the rows as traded
(:func:`splitcalc.history.to_as_traded`).

Errors are never hidden: yfinance's ``hide_exceptions`` is switched off for
the call (and restored), and its exceptions become
:class:`~splitcalc.errors.DataUnavailable` with a message saying what to do.
Transient failures (HTTP 429 rate limits, network errors, Yahoo down, HTTP
5xx) are retried with exponential back-off.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from ..calendars import index_days
from ..errors import DataUnavailable
from ..history import check_splits, to_as_traded
from ._frame import build_frame
from ._sessions import last_closed_session, utc_now

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["YahooProvider"]

_log = logging.getLogger(__name__)
_CONFIG_LOCK: Final = threading.RLock()

_HINT_OFFLINE: Final = "use --offline (offline=True) to work from the cache, or give a price file"
#: What to do without a network: how the cache gets filled, and the file alternative.
_HINT_NO_NETWORK: Final = (
    "prices fetched once online are cached, after which --offline (offline=True) works from the cache; "
    "or give a price file of as-traded closes (--prices FILE.csv, format in splitcalc.market.csv)"
)


@contextlib.contextmanager
def _yfinance_quietly() -> Iterator[Any]:
    """Import yfinance with exceptions shown and its pandas deprecation noise silenced.

    ``yf.config.debug.hide_exceptions`` is process-wide; it is set to False
    under a lock and restored afterwards, whatever happens.
    """
    with _CONFIG_LOCK, warnings.catch_warnings():
        # yfinance 1.7 on pandas 3 warns about its own use of inplace=...; not ours to fix.
        with contextlib.suppress(ImportError, AttributeError):
            from pandas.errors import Pandas4Warning

            warnings.filterwarnings("ignore", category=Pandas4Warning)
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"yfinance(\.|$)")
        warnings.filterwarnings("ignore", category=FutureWarning, module=r"yfinance(\.|$)")
        import yfinance as yf

        debug = yf.config.debug
        previous = debug.hide_exceptions
        debug.hide_exceptions = False
        try:
            with _yfinance_log_to_debug():
                yield yf
        finally:
            debug.hide_exceptions = previous


class _ToDebug(logging.Handler):
    """Re-log yfinance's records at DEBUG on splitcalc's logger (its errors are ours to word)."""

    def emit(self, record: logging.LogRecord) -> None:
        _log.debug("yfinance: %s", record.getMessage())


@contextlib.contextmanager
def _yfinance_log_to_debug() -> Iterator[None]:
    """Keep yfinance's own log lines ("Failed to get ticker ...") off the terminal.

    Without a handler of its own, Python prints a library's WARNING and
    ERROR records on stderr; the failure they describe reaches the user as a
    :class:`~splitcalc.errors.DataUnavailable` message instead.
    """
    logger = logging.getLogger("yfinance")
    saved = (logger.handlers[:], logger.propagate)
    logger.handlers = [_ToDebug()]
    logger.propagate = False
    try:
        yield
    finally:
        logger.handlers, logger.propagate = saved


def _classify(exc: BaseException, ticker: str) -> tuple[bool, str] | None:
    """``(transient, message)`` for a failure we understand, else None (a bug: re-raise)."""
    from yfinance import exceptions as yfe

    if isinstance(exc, yfe.YFRateLimitError):
        return (
            True,
            f"Yahoo Finance is rate-limiting requests (HTTP 429); wait a few minutes and retry, or {_HINT_OFFLINE}",
        )
    if isinstance(exc, yfe.YFTickerMissingError):  # YFTzMissingError, YFPricesMissingError
        return False, (
            "Yahoo Finance has no prices for this symbol (unknown, delisted, or outside the dates asked); "
            "check the spelling and exchange suffix (e.g. 'AV.L', 'BRK-B'); for a delisted stock give a price file"
        )
    if isinstance(exc, yfe.YFDataException) and "DOWN" in str(exc).upper():
        return True, f"Yahoo Finance is down; retry later, or {_HINT_OFFLINE}"
    if isinstance(exc, yfe.YFException):
        return False, f"Yahoo Finance error: {exc}"
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None)
    # curl_cffi attaches an empty response (status 0) to a failure that never got one: not an HTTP answer
    if isinstance(status, int) and status >= 100:
        if status == 404:
            return False, "Yahoo Finance does not know this symbol (HTTP 404); check the spelling and exchange suffix"
        if status == 429:
            return True, f"Yahoo Finance is rate-limiting requests (HTTP 429); wait and retry, or {_HINT_OFFLINE}"
        if status >= 500:
            return True, f"Yahoo Finance failed (HTTP {status}); retry later, or {_HINT_OFFLINE}"
        return False, f"Yahoo Finance refused the request (HTTP {status}): {exc}"
    if isinstance(exc, ValueError) and "json" in type(exc).__name__.lower():
        return True, f"Yahoo Finance sent an unreadable reply (service trouble); retry later, or {_HINT_OFFLINE}"
    if isinstance(exc, OSError):  # requests and curl_cffi errors derive from OSError
        return True, (
            f"cannot reach Yahoo Finance: {network_cause(exc)}; check the network connection or proxy. "
            f"Without a network: {_HINT_NO_NETWORK}"
        )
    return None


#: ``(cause, names of exception classes, words of messages)`` from the most to the least specific.
_CAUSES: Final = (
    (
        "DNS lookup failed",
        ("DNSError", "gaierror", "NameResolutionError"),
        (
            "could not resolve host",
            "name or service not known",
            "temporary failure in name resolution",
            "nodename nor servname",
            "getaddrinfo failed",
            "failed to resolve",
            "no address associated",
        ),
    ),
    ("the proxy failed", ("ProxyError",), ("proxy",)),
    ("TLS/certificate check failed", ("SSLError", "CertificateVerifyError"), ("ssl", "certificate")),
    (
        "the connection timed out",
        ("Timeout", "ConnectTimeout", "ReadTimeout", "TimeoutError", "timeout"),
        ("timed out", "timeout"),
    ),
    ("the network is unreachable", (), ("network is unreachable", "no route to host")),
    ("the connection was refused", ("ConnectionRefusedError",), ("connection refused",)),
)


def network_cause(exc: BaseException) -> str:
    """The real cause of a network failure in a few words ("DNS lookup failed"), from the exception chain.

    requests wraps ``socket.gaierror`` in ``NameResolutionError`` inside a
    ``ConnectionError``; curl_cffi raises ``DNSError`` (curl code 6, "Could
    not resolve host"). Both are recognised by class name or message, whatever
    the wrapping; anything else is named by its class and first line.

    >>> network_cause(OSError("Failed to perform, curl: (6) Could not resolve host: query2.finance.yahoo.com"))
    'DNS lookup failed'
    """
    chain: list[BaseException] = []
    seen: set[int] = set()
    todo = [exc]
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        chain.append(e)
        todo += [x for x in (e.__cause__, e.__context__, *e.args) if isinstance(x, BaseException)]
    names = {cls.__name__ for e in chain for cls in type(e).__mro__}
    text = " ".join(str(e) for e in chain).lower()
    for cause, classes, words in _CAUSES:
        if names.intersection(classes) or any(w in text for w in words):
            return cause
    return f"{type(exc).__name__}: {_first_line(exc)}"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:160] if text else type(exc).__name__


def _drop_priceless_rows(raw: pd.DataFrame) -> pd.DataFrame:
    """Rows without a close, removed; a split reported on one moves to the next priced row.

    yfinance can report an event on a day without prices; dropping that row
    must not drop the split, or every earlier price would be un-adjusted wrongly.
    """
    close = raw["Close"].to_numpy(dtype="float64")
    priced = np.isfinite(close)
    if priced.all():
        return raw
    splits = raw["Stock Splits"].to_numpy(dtype="float64").copy() if "Stock Splits" in raw.columns else None
    if splits is not None:
        for i in np.flatnonzero(~priced & (np.nan_to_num(splits) != 0)):
            later = np.flatnonzero(priced[i + 1 :])
            if later.size:
                j = i + 1 + int(later[0])
                splits[j] = splits[i] if splits[j] == 0 else splits[j] * splits[i]
    out = raw.copy()
    if splits is not None:
        out["Stock Splits"] = splits
    kept: pd.DataFrame = out.loc[priced]
    return kept


class YahooProvider:
    """Daily prices from Yahoo Finance, returned as traded.

    Parameters
    ----------
    retries
        Extra attempts after a transient failure (rate limit, network, HTTP 5xx).
    backoff
        First wait in seconds; it doubles each retry (``backoff x 2**k``), up to ``max_backoff``.
    max_backoff
        Longest single wait.
    sleep
        Called with the wait in seconds (tests pass a recorder).
    timeout
        Seconds per HTTP request.
    session
        A ``requests``/``curl_cffi`` session for yfinance (proxies, ...); None: yfinance's own.
    shares
        Also fetch shares outstanding (one more request) into
        ``attrs["shares_outstanding"]`` where Yahoo has them.
    calendar
        Session calendar deciding which rows are final (:mod:`._sessions`).
    """

    name = "yahoo"
    requires_network = True

    def __init__(
        self,
        *,
        retries: int = 3,
        backoff: float = 1.0,
        max_backoff: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        timeout: float = 10.0,
        session: Any = None,
        shares: bool = False,
        calendar: str = "XNYS",
    ) -> None:
        self.retries = max(0, int(retries))
        self.backoff = float(backoff)
        self.max_backoff = float(max_backoff)
        self.sleep = sleep
        self.timeout = timeout
        self.session = session
        self.shares = shares
        self.calendar = calendar

    def __repr__(self) -> str:
        return f"YahooProvider(retries={self.retries}, backoff={self.backoff})"

    # ----------------------------------------------------------- requests
    def _call(self, ticker: str, what: str, fn: Callable[[Any], Any]) -> Any:
        """Run ``fn(yf)`` with retries; map failures to DataUnavailable."""
        attempts = self.retries + 1
        for attempt in range(attempts):
            try:
                with _yfinance_quietly() as yf:
                    return fn(yf)
            except Exception as exc:
                mapped = _classify(exc, ticker)
                if mapped is None:
                    raise
                transient, message = mapped
                if not transient or attempt == attempts - 1:
                    tries = f" (after {attempts} attempts)" if transient and attempts > 1 else ""
                    raise DataUnavailable(ticker, self.name, f"{what}: {message}{tries}") from exc
                wait = min(self.backoff * 2**attempt, self.max_backoff)
                _log.info("yahoo %s: %s; retrying in %.1f s", ticker, type(exc).__name__, wait)
                self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def history(self, ticker: str, start: dt.date, end: dt.date | None = None) -> pd.DataFrame:
        """Yahoo's frame as yfinance returns it (split-adjusted), ``start`` to ``end`` inclusive.

        Raises
        ------
        DataUnavailable
            Unknown or delisted symbol, rate limit, network failure, or no rows.
        """
        stop = None if end is None else (end + dt.timedelta(days=1)).isoformat()  # yfinance's end is exclusive

        def fetch(yf: Any) -> pd.DataFrame:
            t = yf.Ticker(ticker, session=self.session) if self.session is not None else yf.Ticker(ticker)
            frame: pd.DataFrame = t.history(
                start=start.isoformat(),
                end=stop,
                interval="1d",
                auto_adjust=False,
                actions=True,
                repair=False,
                timeout=self.timeout,
            )
            return frame

        raw: pd.DataFrame = self._call(ticker, "price history", fetch)
        if raw is None or raw.empty or "Close" not in raw.columns or raw["Close"].notna().sum() == 0:
            raise DataUnavailable(
                ticker,
                self.name,
                f"price history: Yahoo Finance returned no rows from {start.isoformat()}; "
                "check the symbol and dates, or give a price file",
            )
        return raw

    def shares_outstanding(self, ticker: str, start: dt.date | None = None, end: dt.date | None = None) -> pd.Series:
        """Shares outstanding as Yahoo reports them (int64, by date; the last value per date).

        Yahoo sometimes lists two values for one date (yfinance #1954); the
        last is kept. Values are as reported at the time, not split-adjusted
        (UNCERTAIN: not verified against a filing).

        Raises
        ------
        DataUnavailable
            Yahoo has no share counts for the symbol, or the request failed.
        """
        import pandas as pd

        def fetch(yf: Any) -> Any:
            t = yf.Ticker(ticker, session=self.session) if self.session is not None else yf.Ticker(ticker)
            return t.get_shares_full(start=start.isoformat() if start else None, end=end.isoformat() if end else None)

        series = self._call(ticker, "shares outstanding", fetch)
        if series is None or len(series) == 0:
            raise DataUnavailable(ticker, self.name, "shares outstanding: Yahoo Finance has none for this symbol")
        index = series.index.tz_localize(None) if series.index.tz is not None else series.index
        out = pd.Series(
            np.asarray(series.to_numpy(), dtype="int64"),
            index=pd.DatetimeIndex(index.normalize(), name="date"),
            name="shares_outstanding",
        )
        return out[~out.index.duplicated(keep="last")]

    # --------------------------------------------------------- the provider
    def fetch(self, ticker: str, start: dt.date, end: dt.date) -> pd.DataFrame:
        """As-traded prices from ``start`` through the last closed session (``end`` is not a bound).

        Yahoo is asked through today so that every split after ``start`` is
        seen; rows after the last closed session (today while it trades) are
        dropped as provisional. ``attrs``: ``splits``, ``source`` ("yahoo"),
        ``adjustment`` ("as_traded"), ``split_checks`` (list of dicts, see
        :class:`splitcalc.history.SplitCheck`), ``fetched_at`` (ISO UTC),
        ``complete_through`` (ISO date), and ``shares_outstanding`` when asked.
        """
        fetched_at = utc_now()
        raw = self.history(ticker, start)
        raw = _drop_priceless_rows(raw)
        checks = check_splits(raw)
        traded = to_as_traded(raw)

        days = index_days(traded.index)
        complete = last_closed_session(fetched_at, self.calendar)
        keep = days <= np.datetime64(complete, "D")
        frame = build_frame(
            days[keep],
            {
                "open": traded["Open"].to_numpy(dtype="float64")[keep],
                "high": traded["High"].to_numpy(dtype="float64")[keep],
                "low": traded["Low"].to_numpy(dtype="float64")[keep],
                "close": traded["Close"].to_numpy(dtype="float64")[keep],
                "volume": traded["Volume"].to_numpy(dtype="float64")[keep],
            },
            splits=[(c.date, c.ratio) for c in checks if c.reported_factor is None],
            source=self.name,
        )
        frame.attrs["split_checks"] = [c.to_dict() for c in checks]
        frame.attrs["fetched_at"] = fetched_at.isoformat(timespec="seconds")
        frame.attrs["complete_through"] = complete.isoformat()
        if self.shares:
            try:
                shares = self.shares_outstanding(ticker, start)
            except DataUnavailable as exc:
                _log.info("%s", exc)
                frame.attrs["shares_outstanding"] = None
            else:
                frame.attrs["shares_outstanding"] = [
                    (ts.date().isoformat(), int(v)) for ts, v in zip(shares.index, shares.to_numpy(), strict=True)
                ]
        return frame
