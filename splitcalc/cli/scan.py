"""``splitcalc scan``: the minimum-price status of many tickers at once.

    python -m splitcalc scan AAA BBB CCC --exchange nasdaq-capital [--start D] [--end D] [--offline] [--json]

Fetches each ticker's as-traded closes (Yahoo through the cache, with a
progress line on a terminal; :func:`splitcalc.market.get_closes`) and runs
the vectorised :func:`splitcalc.compliance.scan`. A ticker that cannot be had
is left out with a one-line warning; the others are still scanned.
"""

from __future__ import annotations

import argparse
import datetime as dt

from ._common import add_json_flag, emit, exchange_arg
from ._prices import date_arg, default_start, one_line_warnings

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``scan`` sub-command."""
    p = sub.add_parser(
        "scan",
        help="minimum-price status of many tickers at once",
        description=(
            "Status of each ticker under an exchange's minimum-price rules (compliant, below-bid streak, "
            "deficient with its deadline, cured, delisting determination), from as-traded closes fetched from "
            "Yahoo Finance through the local cache. Each case is judged by the rules in force on its date."
        ),
    )
    p.add_argument("tickers", nargs="+", metavar="TICKER", help="symbols in Yahoo's spelling (BRK-B, AV.L)")
    p.add_argument(
        "--exchange",
        default="nasdaq-capital",
        type=exchange_arg,
        metavar="NAME",
        help="rule set (default nasdaq-capital): nasdaq-global, nasdaq-global-select, nyse, nyse-american, ...",
    )
    p.add_argument("--start", type=date_arg, metavar="YYYY-MM-DD", help="first day (default: two years back)")
    p.add_argument("--end", type=date_arg, metavar="YYYY-MM-DD", help="last day (default: today)")
    p.add_argument("--as-of", type=date_arg, metavar="YYYY-MM-DD", help="status on this date (default: last close)")
    p.add_argument("--offline", action="store_true", help="use only the local cache; never the network")
    add_json_flag(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Fetch the closes, scan them, print one row per ticker."""
    from ..compliance import scan
    from ..market import get_closes

    last = args.end or dt.date.today()
    first = args.start or default_start(last)
    with one_line_warnings():
        closes = get_closes(args.tickers, first, last, offline=args.offline)
        result = scan(closes, args.exchange, as_of=args.as_of)
    emit(result, as_json=args.json)
    return 0
