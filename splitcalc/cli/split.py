"""``splitcalc split``: a split's effect on the capital structure."""

from __future__ import annotations

import argparse

from ..errors import InputError
from ..settlement import PRICE_BASES
from ..structure import CapitalStructure
from ._common import add_json_flag, decimal_arg, emit, ratio_arg, shares_arg

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``split`` sub-command."""
    p = sub.add_parser(
        "split",
        help="what a split does to share counts and per-share figures",
        description=(
            "Before/after table for a split: shares outstanding (exact entitlement and whole "
            "shares), authorised and available for issuance, publicly held shares, the Nasdaq "
            "Rule 5635(d) 20% threshold, price and per-share figures, and price levels crossed."
        ),
    )
    p.add_argument("--ratio", required=True, type=ratio_arg, help='e.g. "1-for-25" or "25-for-1 reverse"')
    p.add_argument("--outstanding", required=True, type=shares_arg, help="shares outstanding")
    p.add_argument("--price", type=decimal_arg, help="price per share before the split")
    p.add_argument("--authorized", type=shares_arg, help="shares authorised")
    p.add_argument("--reserved", type=shares_arg, help="shares reserved for issuance")
    p.add_argument("--treasury", type=shares_arg, default=0, help="treasury shares")
    p.add_argument("--insiders", type=shares_arg, default=0, help="shares held by officers, directors, >10%% holders")
    p.add_argument("--par", type=decimal_arg, help="par value per share")
    p.add_argument("--eps", type=decimal_arg, help="earnings per share")
    p.add_argument("--book-value", type=decimal_arg, help="book value per share")
    p.add_argument("--name", default="", help="company name for the table title")
    p.add_argument(
        "--authorized-policy",
        choices=("unchanged", "proportional"),
        help="keep authorised shares or reduce them by the ratio (default: unchanged; or --authorized-after)",
    )
    p.add_argument(
        "--authorized-after",
        type=shares_arg,
        metavar="N",
        help="the authorised share count the charter amendment states for after the split (instead of a policy)",
    )
    p.add_argument(
        "--price-basis",
        choices=tuple(b for b in PRICE_BASES if b not in ("average", "pre", "post")),
        default="theoretical",
        help="cash-in-lieu price: theoretical (--price x old/new, default), given or agent_sale (--cash-price)",
    )
    p.add_argument("--cash-price", type=decimal_arg, help="cash-in-lieu price per NEW share (given, agent_sale)")
    p.add_argument("--price-source", help="where the cash-in-lieu price comes from (shown with it)")
    p.add_argument(
        "--par-policy",
        choices=("unchanged", "proportional"),
        default="unchanged",
        help="keep par value or scale it (default: unchanged)",
    )
    p.add_argument(
        "--fractional",
        choices=("cash_in_lieu", "round_down", "round_up", "round_nearest"),
        default="cash_in_lieu",
        help="fractional-share policy for the aggregate share count (default: cash_in_lieu)",
    )
    add_json_flag(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Compute and print the split's effect."""
    cap = CapitalStructure(
        outstanding=args.outstanding,
        authorized=args.authorized,
        reserved=args.reserved,
        treasury=args.treasury,
        insiders=args.insiders,
        par=args.par,
        price=args.price,
        eps=args.eps,
        book_value=args.book_value,
        name=args.name,
    )
    if args.price_basis == "theoretical" and args.cash_price is not None:
        raise InputError("--cash-price", args.cash_price, "is per new share: say --price-basis given or agent_sale")
    if args.price_basis != "theoretical" and args.cash_price is None:
        raise InputError("--price-basis", args.price_basis, "needs --cash-price (per new share)")
    if args.authorized_after is not None and args.authorized is None:
        raise InputError("--authorized-after", args.authorized_after, "give --authorized (the count before) too")
    if args.authorized_after is not None and args.authorized_policy is not None:
        raise InputError(
            "--authorized-after",
            args.authorized_after,
            f"states the count: drop --authorized-policy {args.authorized_policy}",
        )
    effect = cap.apply(
        args.ratio,
        authorized=args.authorized_after
        if args.authorized_after is not None
        else args.authorized_policy or "unchanged",
        par=args.par_policy,
        fractional=args.fractional,
        price_basis=args.price_basis,
        cash_price=args.cash_price,
        price_source=args.price_source,
    )
    emit(effect, as_json=args.json)
    return 0
