"""``splitcalc compliance``: a price history walked through an exchange's listing price rules."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import warnings
from typing import Any

from ..errors import InputError, RuleUncertainWarning
from ..money import split_items
from ..ratio import SplitRatio
from ._common import add_json_flag, emit, exchange_arg, print_error
from ._prices import add_price_args, date_arg, load_prices

__all__ = ["parse_splits", "register", "run"]


def parse_splits(text: str, param_name: str = "--splits") -> list[tuple[dt.date, SplitRatio]]:
    """``"2002-09-06:1-for-25,2024-03-01:1:10"`` -> dated ratios (the date comes first, then ``:``).

    Items are separated by commas; a comma grouping thousands (``1-for-1,000``)
    stays inside its ratio (:func:`splitcalc.money.split_items`).

    >>> parse_splits("2002-09-06:1-for-25")
    [(datetime.date(2002, 9, 6), SplitRatio(new=1, old=25))]
    """
    out: list[tuple[dt.date, SplitRatio]] = []
    for item in split_items(text):  # "1-for-1,000" stays one ratio (money.split_items)
        day, sep, ratio = item.partition(":")
        if not sep or not ratio.strip():
            raise InputError(param_name, item, "write each split as DATE:RATIO, e.g. 2002-09-06:1-for-25")
        try:
            when = dt.date.fromisoformat(day.strip())
        except ValueError:
            raise InputError(param_name, item, f"{day.strip()!r} is not a date; write YYYY-MM-DD") from None
        out.append((when, SplitRatio.parse(ratio.strip())))
    return out


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``compliance`` sub-command."""
    p = sub.add_parser(
        "compliance",
        help="walk a price history through an exchange's minimum-price rules",
        description=(
            "Dated, cited timeline of a listing case: below-$1 streaks, the deficiency (30 business days on "
            "Nasdaq; the 30-day average on NYSE), the notice, compliance periods, the $0.10 rule, reverse-split "
            "bars, regained compliance or the delisting determination. Prices must be as traded, not "
            "split-adjusted. Each case is judged by the rules in force on its deficiency date."
        ),
    )
    add_price_args(p, positional=True)
    p.add_argument(
        "--exchange",
        required=True,
        type=exchange_arg,
        metavar="NAME",
        help="rule set: nasdaq-capital, nasdaq-global, nasdaq-global-select, nasdaq-national-market, "
        "nasdaq-smallcap, nyse, nyse-american (aliases such as XNCM, nnm, amex accepted)",
    )
    p.add_argument(
        "--splits",
        action="append",
        default=[],
        metavar="DATE:RATIO[,...]",
        help='splits in effect, e.g. "2002-09-06:1-for-25" (default: the price file\'s split column)',
    )
    p.add_argument("--as-of", type=date_arg, metavar="YYYY-MM-DD", help="status on this date (default: last close)")
    p.add_argument("--notice-date", type=date_arg, metavar="YYYY-MM-DD", help="date of the exchange's notice, if known")
    p.add_argument(
        "--no-second-period",
        action="store_true",
        help="do not assume the Capital Market's second 180-day period (it is conditional)",
    )
    p.add_argument(
        "--plan",
        metavar="DATE:RATIO",
        help='also check a planned reverse split, e.g. "2025-06-16:1-for-10": bars and notification deadlines',
    )
    add_json_flag(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Load prices, run the compliance engine, print the timeline (and the planned-split check)."""
    from ..compliance import check_compliance, check_planned_split

    frame = load_prices(args)
    splits: list[tuple[dt.date, SplitRatio]] = []
    for text in args.splits:
        splits += parse_splits(text)
    if not splits:
        splits = list(frame.attrs.get("splits", []))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuleUncertainWarning)
        timeline = check_compliance(
            frame,
            args.exchange,
            splits=splits,
            as_of=args.as_of,
            notice_date=args.notice_date,
            second_period=not args.no_second_period,
        )
        plan: Any = None
        if args.plan:
            (when, ratio), *extra = parse_splits(args.plan, "--plan")
            if extra:
                raise InputError("--plan", args.plan, "give one planned split")
            prior = [(d, r) for d, r in splits if d < when]
            # the failure the plan would cure: the last deficiency the timeline found up to the plan's date
            failures = [e.date for e in timeline.events if e.kind == "deficiency" and e.date <= when]
            plan = check_planned_split(
                ratio, when, args.exchange, prior_splits=prior, deficiency_date=failures[-1] if failures else None
            )
    for warning in caught:
        if issubclass(warning.category, RuleUncertainWarning):
            print_error_line("warning", str(warning.message))
    if args.json:
        emit({"timeline": timeline, "planned_split": plan} if plan is not None else timeline, as_json=True)
    else:
        emit(timeline, as_json=False)
        if plan is not None:
            print()
            emit(plan, as_json=False)
    return 0


def print_error_line(kind: str, message: str) -> None:
    """``splitcalc: warning: ...`` on one line of stderr (errors go through :func:`print_error`)."""
    if kind == "error":  # pragma: no cover - kept for symmetry
        print_error(message)
        return
    one_line = " ".join(message.split())
    print(f"splitcalc: {kind}: {one_line}", file=sys.stderr)
