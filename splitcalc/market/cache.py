"""A local cache of as-traded prices, safe for two processes and honest about its age.

Where
    ``cache_dir`` argument, else ``$SPLITCALC_CACHE_DIR``, else
    ``platformdirs.user_cache_dir("splitcalc")``; files go in
    ``prices/<provider>/``.
File names
    Derived from the ticker, never equal to it: a lower-case slug of its
    letters and digits (for people browsing the folder) plus 16 hex digits of
    SHA-256 over ``provider NUL ticker``. ``../../x`` becomes
    ``x-<hash>.csv`` inside the folder; ``CON`` becomes ``con-<hash>.csv``
    (not a reserved Windows device name); ``abc`` and ``ABC`` get different
    hashes, so case-insensitive file systems cannot mix them up.
Format
    Text, no pickle. Line 1 ``splitcalc-price-cache 2 sha256=<hex>``, the
    SHA-256 of everything after line 1; line 2 a JSON header (ticker,
    provider, requested start, fetch time, last complete session, split
    events and checks, row count, the body's byte length); then the rows as
    CSV ``date,open,high,low,close,volume`` with floats written in their
    shortest round-trip form. The checksum covers the header as well as the
    rows: a hand-edited header (an added split) changes compliance answers,
    so it counts as damage. A truncated or altered file, or one written by
    an older splitcalc (format 1, whose checksum left the header out), is
    treated as missing (refetched online; :class:`~splitcalc.errors.CacheError`
    offline).
Writes
    Under a :mod:`filelock` lock per file (a second process waits, then
    finds the fresh file instead of fetching again), through
    :func:`splitcalc.atomic.atomic_write` (temporary file + rename), so a
    reader sees the old file or the new one, never half.
Staleness
    By exchange sessions, not clock age: an entry is fresh when it holds
    every session that has closed up to the requested end
    (:func:`splitcalc.market._sessions.last_closed_session`). Prices as traded
    never change when a later split happens, so old rows never need
    re-adjusting.
Offline
    The cache is served as it is; if it is behind, a
    :class:`~splitcalc.errors.StaleCacheWarning` says by how many sessions
    and when it was fetched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import logging
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from ..atomic import atomic_write
from ..calendars import CALENDAR_START, DEFAULT_CALENDAR, count_sessions, date_to_session
from ..csvwrite import frame_to_csv
from ..errors import CacheError, DataUnavailable, SplitcalcWarning, StaleCacheWarning
from ..ratio import SplitRatio
from ._frame import PRICE_COLUMNS
from ._sessions import last_closed_session, utc_now

if TYPE_CHECKING:
    import pandas as pd

    from . import PriceProvider

__all__ = ["ENV_VAR", "CacheEntry", "CachedProvider", "PriceCache", "cache_file_name", "default_cache_dir"]

ENV_VAR: Final = "SPLITCALC_CACHE_DIR"
MAGIC: Final = b"splitcalc-price-cache 2"
_OLD_MAGIC: Final = b"splitcalc-price-cache 1"
_log = logging.getLogger(__name__)


def default_cache_dir(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """The cache folder: the argument, else ``$SPLITCALC_CACHE_DIR``, else the user cache folder."""
    if cache_dir is not None:
        return Path(cache_dir).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("splitcalc"))


def _slug(text: str, limit: int) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-") or "x"


def cache_file_name(provider: str, ticker: str) -> str:
    """A file name for ``ticker``'s prices that cannot escape the folder or collide.

    >>> name = cache_file_name("yahoo", "../../x")
    >>> name.startswith("x-"), "/" in name, len(name)
    (True, False, 22)
    """
    digest = hashlib.sha256(f"{provider}\0{ticker}".encode()).hexdigest()[:16]
    return f"{_slug(ticker, 24)}-{digest}.csv"


@dataclass(frozen=True)
class CacheEntry:
    """A cached price frame and what is known about its freshness."""

    frame: pd.DataFrame
    ticker: str
    provider: str
    start: dt.date
    fetched_at: dt.datetime
    complete_through: dt.date
    path: Path


def _header_attrs(frame: pd.DataFrame) -> dict[str, Any]:
    attrs = frame.attrs
    return {
        "splits": [[d.isoformat(), str(r)] for d, r in attrs.get("splits", [])],
        "split_checks": attrs.get("split_checks", []),
        "source": attrs.get("source", ""),
        "shares_outstanding": attrs.get("shares_outstanding"),
    }


class PriceCache:
    """The files: read, verify, write. No network, no freshness policy.

    Parameters
    ----------
    directory
        Root folder (see :func:`default_cache_dir`).
    """

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self.root = default_cache_dir(directory)

    def path_for(self, provider: str, ticker: str) -> Path:
        """Where ``ticker``'s prices from ``provider`` live."""
        return self.root / "prices" / _slug(provider, 32) / cache_file_name(provider, ticker)

    def read(self, provider: str, ticker: str) -> CacheEntry | None:
        """The entry, or None when there is none.

        Raises
        ------
        CacheError
            The file exists but is unreadable, truncated or altered.
        """
        path = self.path_for(provider, ticker)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise CacheError(path, f"cannot be read ({exc.strerror})") from None
        return self._parse(data, path, provider, ticker)

    def _parse(self, data: bytes, path: Path, provider: str, ticker: str) -> CacheEntry:
        import pandas as pd

        first = data.find(b"\n")
        second = data.find(b"\n", first + 1)
        if data[:first].startswith(_OLD_MAGIC):
            raise CacheError(path, "was written by an older splitcalc (its checksum leaves the header out)")
        magic, _, check = data[:first].partition(b" sha256=")
        if first < 0 or second < 0 or magic != MAGIC:
            raise CacheError(path, "is not a splitcalc price cache file or is truncated")
        try:
            header = json.loads(data[first + 1 : second])
            if not isinstance(header, dict):
                raise TypeError(f"the header is a JSON {type(header).__name__}, not an object")
            body = data[second + 1 :]
            if len(body) != header["bytes"]:
                raise CacheError(path, f"is truncated or padded ({len(body)} bytes of {header['bytes']})")
            if hashlib.sha256(data[first + 1 :]).hexdigest().encode() != check:
                raise CacheError(path, "is corrupt or was edited (checksum mismatch over header and rows)")
            if header["ticker"] != ticker or header["provider"] != provider:
                raise CacheError(path, f"holds {header['provider']}:{header['ticker']}, not {provider}:{ticker}")
            # ISO8601 takes pandas' fast ISO path (an explicit "%Y-%m-%d" goes through strptime,
            # twice as slow); columns are checked to be float64 below instead of forced.
            options: dict[str, Any] = {"index_col": 0, "parse_dates": [0], "date_format": "ISO8601"}
            if _default_parser_exact():
                frame = pd.read_csv(io.BytesIO(body), **options)
            else:  # pragma: no cover - pandas 2
                frame = pd.read_csv(io.BytesIO(body), float_precision="round_trip", **options)
            if (
                not isinstance(frame.index, pd.DatetimeIndex)
                or frame.index.name != "date"
                or list(frame.columns) != list(PRICE_COLUMNS)
                or len(frame) != header["rows"]
            ):
                raise CacheError(path, "has unexpected dates, columns or row count")
            if any(str(t) != "float64" for t in frame.dtypes):
                frame = frame.astype("float64")  # e.g. an all-integer column; raises on text
            frame.index = frame.index.as_unit("ns")
            attrs = header["attrs"]
            frame.attrs["splits"] = [(dt.date.fromisoformat(d), SplitRatio.parse(r)) for d, r in attrs["splits"]]
            frame.attrs["source"] = attrs.get("source") or provider
            frame.attrs["adjustment"] = "as_traded"
            fetched_at = dt.datetime.fromisoformat(header["fetched_at"])
            complete = dt.date.fromisoformat(header["complete_through"])
            start = dt.date.fromisoformat(header["start"])
            frame.attrs["split_checks"] = attrs.get("split_checks", [])
            if attrs.get("shares_outstanding") is not None:
                frame.attrs["shares_outstanding"] = [tuple(x) for x in attrs["shares_outstanding"]]
        except CacheError:
            raise
        except (ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError) as exc:
            # AttributeError: a header field of the wrong JSON type ("attrs": [] has no .get)
            raise CacheError(path, f"is corrupt ({type(exc).__name__}: {exc})") from None
        frame.attrs["fetched_at"] = fetched_at.isoformat(timespec="seconds")
        frame.attrs["complete_through"] = complete.isoformat()
        return CacheEntry(frame, ticker, provider, start, fetched_at, complete, path)

    def write(
        self,
        provider: str,
        ticker: str,
        frame: pd.DataFrame,
        *,
        start: dt.date,
        fetched_at: dt.datetime,
        complete_through: dt.date,
    ) -> Path:
        """Write ``frame`` atomically (the caller holds the lock). Raises OSError."""
        path = self.path_for(provider, ticker)
        path.parent.mkdir(parents=True, exist_ok=True)
        table = frame[list(PRICE_COLUMNS)]
        body_text = frame_to_csv(table, index=True, index_label="date", date_format="%Y-%m-%d")
        body = body_text.encode("utf-8")
        header = {
            "ticker": ticker,
            "provider": provider,
            "start": start.isoformat(),
            "fetched_at": fetched_at.isoformat(timespec="seconds"),
            "complete_through": complete_through.isoformat(),
            "rows": len(table),
            "bytes": len(body),
            "attrs": _header_attrs(frame),
        }
        rest = json.dumps(header, separators=(",", ":")).encode("utf-8") + b"\n" + body
        payload = MAGIC + b" sha256=" + hashlib.sha256(rest).hexdigest().encode() + b"\n" + rest
        return atomic_write(path, payload)

    def lock(self, provider: str, ticker: str, timeout: float) -> Any:
        """A :class:`filelock.FileLock` guarding one entry (creates the folder)."""
        import filelock

        path = self.path_for(provider, ticker)
        path.parent.mkdir(parents=True, exist_ok=True)
        return filelock.FileLock(str(path) + ".lock", timeout=timeout)


def _default_parser_exact() -> bool:
    """Say whether read_csv's default parser returns a float's shortest repr to the same float.

    pandas 3 does (and deprecates ``float_precision``); pandas 2's default
    parser may be off by one unit in the last place, so it needs ``round_trip``.
    """
    import pandas as pd

    return int(pd.__version__.split(".", 1)[0]) >= 3


def _needed_through(end: dt.date, now: dt.datetime, calendar: str) -> dt.date | None:
    """The last session whose close a request ending at ``end`` needs (None: before the calendar)."""
    closed = last_closed_session(now, calendar)
    if end < CALENDAR_START:
        return None
    if end >= closed:
        return closed
    return date_to_session(end, "previous", calendar)


class CachedProvider:
    """Wrap a provider with the local cache.

    Parameters
    ----------
    inner
        The provider that fetches (normally :class:`~splitcalc.market.yahoo.YahooProvider`).
    cache_dir
        Cache folder (see :func:`default_cache_dir`).
    offline
        Never call ``inner``; serve what is cached.
    calendar
        Sessions that decide staleness.
    lock_timeout
        Seconds to wait for another process writing the same entry.
    """

    def __init__(
        self,
        inner: PriceProvider,
        *,
        cache_dir: str | os.PathLike[str] | None = None,
        offline: bool = False,
        calendar: str = DEFAULT_CALENDAR,
        lock_timeout: float = 120.0,
    ) -> None:
        self.inner = inner
        self.cache = PriceCache(cache_dir)
        self.offline = offline
        self.calendar = calendar
        self.lock_timeout = lock_timeout
        self.name = inner.name

    @property
    def requires_network(self) -> bool:
        """False when offline (only the cache is read)."""
        return not self.offline and bool(getattr(self.inner, "requires_network", True))

    def as_offline(self) -> CachedProvider:
        """The same cache, never calling the inner provider."""
        return CachedProvider(
            self.inner,
            cache_dir=self.cache.root,
            offline=True,
            calendar=self.calendar,
            lock_timeout=self.lock_timeout,
        )

    def __repr__(self) -> str:
        return f"CachedProvider({self.inner!r}, cache_dir={str(self.cache.root)!r}, offline={self.offline})"

    # ---------------------------------------------------------------- API
    def fetch(self, ticker: str, start: dt.date, end: dt.date) -> pd.DataFrame:
        """Prices from the cache when it holds every closed session asked for, else fetched and cached."""
        now = utc_now()
        needed = _needed_through(end, now, self.calendar)
        if self.offline:
            return self._serve_offline(ticker, start, end, needed)
        entry = self._read_quietly(ticker)
        if entry is not None and self._fresh(entry, start, needed):
            return self._mark(entry, cached=True)
        import filelock

        try:
            lock = self.cache.lock(self.name, ticker, self.lock_timeout)
            lock.acquire()
        except filelock.Timeout:
            warnings.warn(
                f"cache: another process held the lock on {ticker} for {self.lock_timeout:.0f} s; "
                "fetched without caching",
                SplitcalcWarning,
                stacklevel=3,
            )
            return self._fetch(ticker, start, end, entry, now)[0]
        except OSError as exc:  # folder not creatable, lock file not writable
            self._cannot_write(exc)
            return self._fetch(ticker, start, end, entry, now)[0]
        try:
            entry = self._read_quietly(ticker)  # another process may have just written it
            if entry is not None and self._fresh(entry, start, needed):
                return self._mark(entry, cached=True)
            frame, first, fetched_at, complete = self._fetch(ticker, start, end, entry, now)
            try:
                path = self.cache.write(
                    self.name, ticker, frame, start=first, fetched_at=fetched_at, complete_through=complete
                )
            except OSError as exc:
                self._cannot_write(exc)
            else:
                frame.attrs["cache_path"] = str(path)
            return frame
        finally:
            lock.release()

    # ------------------------------------------------------------ helpers
    def _read_quietly(self, ticker: str) -> CacheEntry | None:
        """The entry, or None if missing or corrupt (it will be refetched)."""
        try:
            return self.cache.read(self.name, ticker)
        except CacheError as exc:
            _log.warning("%s; fetching again", exc)
            return None

    def _fresh(self, entry: CacheEntry, start: dt.date, needed: dt.date | None) -> bool:
        return entry.start <= start and (needed is None or entry.complete_through >= needed)

    def _fetch(
        self, ticker: str, start: dt.date, end: dt.date, entry: CacheEntry | None, now: dt.datetime
    ) -> tuple[pd.DataFrame, dt.date, dt.datetime, dt.date]:
        first = min(start, entry.start) if entry is not None else start
        last = max(end, entry.complete_through) if entry is not None else end
        frame = self.inner.fetch(ticker, first, last)
        fetched_at = _parse_time(frame.attrs.get("fetched_at")) or now
        complete_text = frame.attrs.get("complete_through")
        if complete_text:
            complete = dt.date.fromisoformat(complete_text)
        else:
            complete = min(last, last_closed_session(fetched_at, self.calendar))
        frame.attrs["fetched_at"] = fetched_at.isoformat(timespec="seconds")
        frame.attrs["complete_through"] = complete.isoformat()
        frame.attrs["cached"] = False
        return frame, first, fetched_at, complete

    def _cannot_write(self, exc: OSError) -> None:
        warnings.warn(
            f"cache: cannot write to {self.cache.root} ({exc.strerror or exc}); prices fetched but not cached. "
            f"Set {ENV_VAR} to a writable folder.",
            SplitcalcWarning,
            stacklevel=5,
        )

    def _mark(self, entry: CacheEntry, *, cached: bool) -> pd.DataFrame:
        frame = entry.frame
        frame.attrs["cached"] = cached
        frame.attrs["cache_path"] = str(entry.path)
        return frame

    def _serve_offline(self, ticker: str, start: dt.date, end: dt.date, needed: dt.date | None) -> pd.DataFrame:
        try:
            entry = self.cache.read(self.name, ticker)
        except CacheError as exc:
            raise CacheError(
                exc.path, f"{str(exc).split(': ', 1)[-1]}; run without --offline to fetch it again"
            ) from None
        if entry is None:
            raise DataUnavailable(
                ticker,
                self.name,
                "offline, and nothing is cached for it; run once without --offline (or give a price file)",
            )
        fetched = entry.fetched_at.strftime("%Y-%m-%d %H:%M UTC")
        if needed is not None and entry.complete_through < needed:
            behind = count_sessions(entry.complete_through, needed, self.calendar) - 1
            warnings.warn(
                f"offline: cached {ticker} prices end {entry.complete_through.isoformat()} "
                f"(fetched {fetched}), {behind} session(s) before {needed.isoformat()}",
                StaleCacheWarning,
                stacklevel=4,
            )
        if entry.start > start:
            warnings.warn(
                f"offline: cached {ticker} prices start {entry.start.isoformat()}, after the start asked "
                f"({start.isoformat()}); earlier rows are missing",
                StaleCacheWarning,
                stacklevel=4,
            )
        frame = self._mark(entry, cached=True)
        behind_sessions = 0
        if needed is not None and entry.complete_through < needed:
            behind_sessions = count_sessions(entry.complete_through, needed, self.calendar) - 1
        frame.attrs["stale_sessions"] = behind_sessions
        return frame


def _parse_time(text: Any) -> dt.datetime | None:
    if not isinstance(text, str):
        return None
    with contextlib.suppress(ValueError):
        moment = dt.datetime.fromisoformat(text)
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return None
