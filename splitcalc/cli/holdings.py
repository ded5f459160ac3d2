"""``splitcalc holdings``: every holder's position through a split, from a holder file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..money import parse_rounding
from ..settlement import FRACTIONAL_POLICIES, LEVELS, PRICE_BASES
from ._common import (
    add_json_flag,
    add_output_flags,
    check_output,
    decimal_arg,
    emit,
    input_files,
    ratio_arg,
    shares_arg,
    write_output,
)
from ._prices import date_arg

if TYPE_CHECKING:
    from .._types import CashPriceLike

__all__ = ["register", "run"]


def _rounding_arg(text: str) -> str:
    try:
        return parse_rounding(text, "--rounding")
    except InputError as exc:  # argparse names the flag itself: give only the reason
        raise argparse.ArgumentTypeError(f"{exc.reason} (got {text!r})") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``holdings`` sub-command."""
    p = sub.add_parser(
        "holdings",
        help="what a split does to every holder in a holder file",
        description=(
            "Apply a split to every position in a holder CSV (columns holder_id, shares, and optionally "
            "account_id, account_type, insider, lot_id, acquired, cost_basis; see splitcalc.holdings). "
            "Prints holders, round-lot holders (>= 100 shares), public holders and shares before and after, "
            "holders eliminated, shares cashed out and cash in lieu, and holders by share bucket. "
            "The input file is never modified."
        ),
    )
    p.add_argument("file", type=Path, metavar="FILE.csv", help="holder file (CSV)")
    p.add_argument("--ratio", required=True, type=ratio_arg, help='e.g. "1-for-25" or "25-for-1 reverse"')
    p.add_argument(
        "--price",
        type=decimal_arg,
        help="cash-in-lieu price, per OLD share unless --price-basis post (e.g. the last close before the split)",
    )
    p.add_argument(
        "--price-basis",
        choices=PRICE_BASES,
        default="theoretical",
        help=(
            "where the cash price comes from: theoretical / pre (--price per old share, default), given / post "
            "(--price per new share), agent_sale (--price per new share, as the exchange agent realised it), "
            "average (the --average-days closes in --closes before --effective-date, per old share)"
        ),
    )
    p.add_argument("--price-source", help="where the cash-in-lieu price comes from (shown with it)")
    p.add_argument("--closes", type=Path, metavar="PRICES.csv", help="price file for --price-basis average")
    p.add_argument("--effective-date", type=date_arg, metavar="YYYY-MM-DD", help="the split's effective date")
    p.add_argument("--average-days", type=shares_arg, metavar="N", help="closes averaged (--price-basis average)")
    p.add_argument(
        "--policy",
        "--fractional",
        dest="policy",
        choices=FRACTIONAL_POLICIES,
        default="cash_in_lieu",
        help="how fractions of a new share are settled (default: cash_in_lieu)",
    )
    p.add_argument(
        "--level",
        choices=LEVELS,
        default="holder",
        help="settle fractions per holder (default; registered holders) or per position (broker accounts)",
    )
    p.add_argument(
        "--rounding",
        type=_rounding_arg,
        default="ROUND_HALF_UP",
        help="rounding of each unit's cash to the cent: half_up (default), half_even, down, ...",
    )
    add_output_flags(p)
    p.set_defaults(func=run)
    add_json_flag(p)


#: ``(attribute, flag)`` of the options that apply to ``--price-basis average`` only.
_AVERAGE_ONLY = (("closes", "--closes"), ("average_days", "--average-days"), ("effective_date", "--effective-date"))


def run(args: argparse.Namespace) -> int:
    """Read the holder file, apply the split, print the result, write --out."""
    from ..holdings import Holdings  # pandas and numpy: only when the command runs

    if args.out is not None:
        check_output(args.out, force=args.force, inputs=input_files(args))
    if args.price_basis != "average":  # the averaging flags would be ignored: say so before reading the file
        for attr, flag in _AVERAGE_ONLY:
            if getattr(args, attr) is not None:
                raise InputError(flag, str(getattr(args, attr)), "applies only with --price-basis average")
    holdings = Holdings.from_csv(args.file)
    price: CashPriceLike | None = args.price
    for flag, value in (("--closes", args.closes), ("--average-days", args.average_days)):
        if value is not None and args.price_basis != "average":
            raise InputError(flag, str(value), "is read only with --price-basis average")
    if args.price_basis == "average":
        if args.price is not None:
            raise InputError("--price", args.price, "--price-basis average takes its price from --closes")
        if args.closes is None:
            raise InputError("--closes", None, "--price-basis average needs the price file")
        from ..inputfile import check_input_file
        from ..market import read_price_csv

        price = read_price_csv(check_input_file(args.closes, "prices", param_name="--closes"))["close"]
    result = holdings.apply(
        args.ratio,
        fractional=args.policy,
        price=price,
        price_basis=args.price_basis,
        level=args.level,
        rounding=args.rounding,
        price_source=args.price_source,
        effective_date=args.effective_date,
        average_days=args.average_days,
    )
    if args.out is not None:
        from ..csvwrite import frame_to_csv

        text = frame_to_csv(result.frame)
        write_output(args.out, text, force=args.force, inputs=input_files(args))
    if args.json:
        emit(result, as_json=True)
        return 0
    print(result)
    print()
    print("Holders by shares held (before: pre-split shares; after: post-split shares)")
    print(result.distribution().to_string(index=False))
    if args.policy == "cash_in_lieu" and price is None:
        print("\nNo --price given: cash in lieu is not valued.")
    if args.out is not None:
        print(f"\nPer-{args.level} results written to {args.out}")
    return 0
