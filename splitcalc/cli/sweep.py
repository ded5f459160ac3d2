"""``splitcalc sweep``: every authorised ratio against the listing minimums, and the recommended one."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..structure import CapitalStructure
from ._common import (
    add_json_flag,
    add_plot_flags,
    check_plot_target,
    decimal_arg,
    emit,
    exchange_arg,
    reverse_ratio_arg,
    rules_in_force,
    save_plot,
    shares_arg,
)
from ._table import wrapped

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``sweep`` sub-command."""
    p = sub.add_parser(
        "sweep",
        help="post-split price, shares and holders for each candidate ratio, and the ratio to pick",
        description=(
            "For every ratio in the authorised range: the post-split price, publicly held shares, MVPHS, "
            "holder counts (exact from a holder file, else a stated estimate), the OCC deliverable, shares "
            "available for issuance and each listing minimum met or failed. Then the smallest ratio that "
            "reaches the target price (default 1.5 x the minimum bid) and keeps every other minimum, or the "
            "constraint that binds and by how much."
        ),
    )
    p.add_argument("--outstanding", required=True, type=shares_arg, help="shares outstanding")
    p.add_argument("--price", required=True, type=decimal_arg, help="price per share before the split")
    p.add_argument(
        "--range",
        dest="ratios",
        default="1-for-2..1-for-25",
        metavar="LOW..HIGH",
        help='authorised range, e.g. "1-for-2..1-for-25" (default), or a list "1-for-5,1-for-10"; '
        "at most 10,000 ratios",
    )
    p.add_argument("--insiders", type=shares_arg, default=0, help="shares held by officers, directors, >10%% holders")
    p.add_argument("--authorized", type=shares_arg, help="shares authorised")
    p.add_argument("--reserved", type=shares_arg, help="shares reserved for issuance")
    p.add_argument("--name", default="", help="company name for the table title")
    holders = p.add_mutually_exclusive_group()
    holders.add_argument("--holders-file", type=Path, metavar="FILE.csv", help="holder file (exact holder counts)")
    holders.add_argument("--holders", type=shares_arg, metavar="N", help="number of public holders (estimate)")
    p.add_argument(
        "--holder-sigma",
        type=float,
        default=None,
        metavar="S",
        help="log-normal shape of position sizes for the --holders estimate (default 2.0, an assumption)",
    )
    p.add_argument(
        "--exchange",
        type=exchange_arg,
        default=None,
        metavar="NAME",
        help="rule set, e.g. nasdaq-capital (default), nasdaq-global, nyse",
    )
    p.add_argument("--as-of", default=None, metavar="YYYY-MM-DD", help="date the rules are taken at (default today)")
    p.add_argument("--uplisting", action="store_true", help="test against Nasdaq Capital Market initial listing")
    target = p.add_mutually_exclusive_group()
    target.add_argument("--target-price", type=decimal_arg, help="post-split price to reach")
    target.add_argument("--cushion", type=decimal_arg, help="target = cushion x minimum bid (default 1.5)")
    p.add_argument(
        "--prior-split",
        action="append",
        type=reverse_ratio_arg,
        default=[],
        metavar="RATIO",
        help="a reverse split already done within the two-year lookback (repeatable)",
    )
    p.add_argument(
        "--fractional",
        choices=("cash_in_lieu", "round_down", "round_up", "round_nearest"),
        default="cash_in_lieu",
        help="fractional-share policy (default: cash_in_lieu)",
    )
    p.add_argument(
        "--authorized-policy",
        choices=("unchanged", "proportional"),
        default="unchanged",
        help="keep authorised shares or reduce them by the ratio (default: unchanged)",
    )
    add_json_flag(p)
    add_plot_flags(p)
    p.set_defaults(func=run)


def _rules(args: argparse.Namespace) -> Any:
    from ..scenarios import initial_listing

    rules: Any = None
    if args.exchange is not None or args.as_of is not None:
        rules = rules_in_force(args.exchange or "nasdaq-capital", args.as_of)
    if args.uplisting:
        rules = initial_listing(rules)
    return rules


def run(args: argparse.Namespace) -> int:
    """Sweep the ratios, recommend one, print (and plot) the result."""
    from ..scenarios import DEFAULT_CUSHION, HolderSizeDistribution, parse_ratios, recommend_ratio

    check_plot_target(args, inputs=(args.holders_file,))
    ratios = parse_ratios(args.ratios, "--range")  # at most MAX_CANDIDATES (10,000), checked before any work
    cap = CapitalStructure(
        outstanding=args.outstanding,
        authorized=args.authorized,
        reserved=args.reserved,
        insiders=args.insiders,
        price=args.price,
        name=args.name,
    )
    holdings = None
    holders: Any = None
    if args.holders_file is not None:
        from ..holdings import Holdings

        holdings = Holdings.from_csv(args.holders_file)
    elif args.holders is not None:
        sigma = {} if args.holder_sigma is None else {"sigma": args.holder_sigma}
        holders = HolderSizeDistribution.lognormal(args.holders, publicly_held=cap.publicly_held, **sigma)
    elif args.holder_sigma is not None:
        raise InputError("--holder-sigma", args.holder_sigma, "needs --holders N")
    rec = recommend_ratio(
        cap,
        ratios=ratios,
        target_price=args.target_price,
        cushion=args.cushion if args.cushion is not None else DEFAULT_CUSHION,
        rules=_rules(args),
        holdings=holdings,
        holders=holders,
        fractional=args.fractional,
        prior_splits=args.prior_split,
        authorized=args.authorized_policy,
    )
    if args.json:
        emit(rec, as_json=True)
    else:
        print(_sweep_text(rec.sweep))
        print()
        print(wrapped(str(rec)))
        for note in rec.sweep.notes:
            print(wrapped(f"note: {note}"))
    if args.plot is not None:
        from .. import plot

        save_plot(plot.ratio_sweep(rec.sweep, recommendation=rec).figure, args, inputs=(args.holders_file,))
    return 0


def _sweep_text(sweep: Any) -> str:
    """The columns a reader needs, 100 columns wide: price, shares, publicly held, holders, each minimum."""
    from ..report.formatting import cell, dollars
    from ._table import text_table

    has_holders = any(r.total_holders_after is not None for r in sweep.rows)
    columns = ["ratio", "price after", "shares after", "publicly held"]
    if has_holders:
        columns += ["holders", "eliminated"]
    columns += ["bid", "other minimums"]
    rows = []
    for r in sweep.rows:
        row = [str(r.ratio), dollars(r.price_after), cell(r.shares_after), cell(r.publicly_held_after)]
        if has_holders:
            row += [cell(r.total_holders_after), cell(r.holders_eliminated)]
        failed = ", ".join(r.failed)
        unknown = ", ".join(r.unknown)
        if not r.checks:
            others = "not checked: no rule value"
        elif failed:
            others = f"not met: {failed}"
        elif unknown:
            others = f"met, not checked: {unknown}"
        else:
            others = "met"
        row += [{True: "met", False: "not met", None: "—"}[r.meets_bid], others]
        rows.append(row)
    return f"{sweep._title()}\n" + text_table(
        columns, rows, right=[False] + [True] * (len(columns) - 3) + [False, False]
    )
