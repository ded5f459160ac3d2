"""Price input for the commands that need a price history.

Two ways to give prices, exactly one per run:

* a CSV file of as-traded prices (format: :mod:`splitcalc.market.csv`) --
  the positional ``PRICES.csv`` (``compliance``) or ``--prices FILE.csv``
  (other commands);
* ``--ticker T``: Yahoo Finance through the local cache (network), with
  ``--start``/``--end`` (default: the two years to today) and ``--offline``
  to use only what is cached.

``--start`` and ``--end`` also trim a price file.

A warning from the cache (``--offline`` serving prices that end before the
window asked for, say) is printed as one line ``splitcalc: warning: ...`` on
stderr, like the command line's other warnings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, SplitcalcWarning

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "add_price_args",
    "date_arg",
    "default_lookback_days",
    "default_start",
    "load_prices",
    "one_line_warnings",
    "print_warning",
]


def default_lookback_days() -> int:
    """Default history for ``--ticker`` without ``--start``, in calendar days.

    The longest cumulative reverse-split look-back among the rule sets in
    force today (the ``reverse_split_lookback_days`` rows: Nasdaq Rule
    5810(c)(3)(A)(iv), NYSE Listed Company Manual 802.01C), so a downloaded
    history shows every split a rule may count.
    """
    from .. import rules
    from ..errors import NoRuleInForce

    known = []
    for name in rules.names():
        try:
            days = rules.get(name).reverse_split_lookback_days.value
        except NoRuleInForce:  # a former tier (National Market, SmallCap)
            continue
        if days is not None:
            known.append(int(days))
    if not known:  # no rule set has a look-back row: a rule change, not a user mistake
        raise RuntimeError("no rule set in force has a reverse_split_lookback_days row")
    return max(known)


def default_start(end: dt.date) -> dt.date:
    """First day of the default history ending on ``end``: :func:`default_lookback_days` before it."""
    return end - dt.timedelta(days=default_lookback_days())


def date_arg(text: str) -> dt.date:
    """Argparse type: a date ``YYYY-MM-DD``."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD") from None


def add_price_args(parser: argparse.ArgumentParser, *, positional: bool) -> None:
    """Add the price-source arguments to a sub-command's parser.

    Parameters
    ----------
    parser
        The sub-command's parser.
    positional
        True: the file is the optional positional ``PRICES.csv``; False: the
        option ``--prices FILE.csv``. Either way it lands in ``args.prices``.
    """
    file_help = "as-traded daily prices (columns date,close[,open,high,low,volume,split]); or use --ticker"
    if positional:
        parser.add_argument("prices", nargs="?", type=Path, metavar="PRICES.csv", help=file_help)
    else:
        parser.add_argument("--prices", type=Path, metavar="FILE.csv", help=file_help)
    group = parser.add_argument_group("prices from Yahoo Finance (cached)")
    group.add_argument("--ticker", metavar="T", help="fetch the ticker's history instead of reading a file")
    group.add_argument("--start", type=date_arg, metavar="YYYY-MM-DD", help="first day (default: two years back)")
    group.add_argument("--end", type=date_arg, metavar="YYYY-MM-DD", help="last day (default: today)")
    group.add_argument("--offline", action="store_true", help="use only the local cache; never the network")


def load_prices(args: argparse.Namespace) -> pd.DataFrame:
    """The as-traded price frame the arguments ask for.

    Raises
    ------
    InputError
        Neither or both of a file and ``--ticker``; a bad file (its line and
        column named); ``--end`` before ``--start``.
    DataError
        Yahoo or the cache could not deliver (exit status 1).
    """
    from ..market import get_prices, read_price_csv

    path: Path | None = getattr(args, "prices", None)
    ticker: str | None = getattr(args, "ticker", None)
    start: dt.date | None = getattr(args, "start", None)
    end: dt.date | None = getattr(args, "end", None)
    if path is not None and ticker:
        raise InputError("--ticker", ticker, "give either a price file or --ticker, not both")
    if path is None and not ticker:
        raise InputError("--ticker", None, "give a price file (PRICES.csv or --prices FILE.csv) or --ticker T")
    if start is not None and end is not None and end < start:
        raise InputError("--end", end.isoformat(), f"is before --start {start.isoformat()}")
    if path is not None:
        return read_price_csv(path, start=start, end=end)
    last = end or dt.date.today()
    first = start or default_start(last)
    with one_line_warnings():
        return get_prices(str(ticker), first, last, offline=bool(getattr(args, "offline", False)))


@contextmanager
def one_line_warnings() -> Iterator[None]:
    """Print each :class:`SplitcalcWarning` raised inside as one :func:`print_warning` line.

    Other warnings (a library's deprecation, say) are passed on as they came.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SplitcalcWarning)
        yield
    for warning in caught:
        if issubclass(warning.category, SplitcalcWarning):
            print_warning(str(warning.message))
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)


def print_warning(message: str) -> None:
    """Print ``splitcalc: warning: message`` as a single line on stderr (no Python source line)."""
    one_line = " ".join(str(message).split())
    print(f"splitcalc: warning: {one_line}", file=sys.stderr)
