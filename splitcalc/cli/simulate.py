"""``splitcalc simulate``: Monte Carlo odds of regaining and keeping compliance after a split."""

from __future__ import annotations

import argparse
from fractions import Fraction
from typing import Any

from ..errors import InputError
from ..money import quantize
from ._common import (
    add_json_flag,
    add_plot_flags,
    check_plot_target,
    decimal_arg,
    emit,
    exchange_arg,
    ratio_arg,
    rules_in_force,
    save_plot,
    shares_arg,
)
from ._prices import add_price_args, date_arg

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``simulate`` sub-command."""
    from ..evidence import EVIDENCE  # plain data; splitcalc.scenarios would load numpy

    p = sub.add_parser(
        "simulate",
        help="Monte Carlo of post-split prices with the exchange's price rules applied to every path",
        description=(
            "Simulates daily closes after a split (geometric Brownian motion, seeded) and applies the "
            "price rules to every path: the chance of regaining compliance (10 consecutive business days "
            "at or above $1.00), of staying compliant 6 and 12 months, of a new deficiency within a year "
            "and of the $0.10 rule, each with its standard error. Drift defaults to published "
            f"post-reverse-split evidence; choices: {', '.join(EVIDENCE)}, 'history' or a number."
        ),
    )
    p.add_argument("--price", required=True, type=decimal_arg, help="post-split start price (see --ratio)")
    p.add_argument("--ratio", type=ratio_arg, help="treat --price as the pre-split price and apply this split")
    p.add_argument("--days", type=shares_arg, default=252, help="sessions to simulate (default 252)")
    p.add_argument("--paths", type=shares_arg, default=10_000, help="paths (default 10,000)")
    p.add_argument("--seed", type=shares_arg, default=None, help="random seed (printed when not given)")
    p.add_argument(
        "--drift",
        default=None,
        help="one-year return (-0.1076), an evidence name or 'history' (default: desai-jain-1997)",
    )
    p.add_argument("--volatility", type=float, help="annualised volatility, e.g. 0.9 (default: from price history)")
    p.add_argument("--start-date", type=date_arg, metavar="YYYY-MM-DD", help="split effective date")
    p.add_argument("--deadline-days", type=shares_arg, help="sessions left in the compliance period")
    p.add_argument(
        "--exchange",
        type=exchange_arg,
        default=None,
        metavar="NAME",
        help="rule set, e.g. nasdaq-capital (default), nyse",
    )
    p.add_argument("--as-of", default=None, metavar="YYYY-MM-DD", help="date the rules are taken at (default today)")
    add_price_args(p, positional=False)
    add_json_flag(p)
    add_plot_flags(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the simulation and print its probabilities (and draw the fan chart)."""
    from ..scenarios import simulate
    from ..scenarios.simulate import check_size

    check_plot_target(args, inputs=(args.prices,))
    check_size(args.days, args.paths, param_name="--days")  # before prices are fetched or memory taken
    price = args.price
    if args.ratio is not None:
        price = quantize(Fraction(price) * args.ratio.price_multiplier, 4)
    history = None
    if args.prices is not None or args.ticker:
        from ._prices import load_prices

        history = load_prices(args)
    elif args.drift == "history":
        raise InputError("--drift", "history", "needs --prices FILE.csv or --ticker T")
    rules: Any = None
    if args.exchange is not None or args.as_of is not None:
        rules = rules_in_force(args.exchange or "nasdaq-capital", args.as_of or args.start_date)
    drift = None if args.drift is None else args.drift.strip()
    sim = simulate(
        price,
        days=args.days,
        paths=args.paths,
        seed=args.seed,
        drift=drift,
        volatility=args.volatility,
        rules=rules,
        history=history,
        start_date=args.start_date,
        deadline_days=args.deadline_days,
    )
    if args.json:
        emit(sim, as_json=True)
    else:
        print(_text(sim))
        from ._table import wrapped

        print(wrapped(f"drift: {sim.drift_source}"))
        print(wrapped(f"volatility: {sim.volatility_source}"))
        for note in sim.notes:
            print(wrapped(f"note: {note}"))
    if args.plot is not None:
        from .. import plot

        save_plot(plot.fan_chart(sim).figure, args, inputs=(args.prices,))
    return 0


def _text(sim: Any) -> str:
    """The title and one row per event (probability, standard error, 95% interval), 100 columns wide."""
    from ._table import WIDTH, text_table

    rows = []
    for p in sim.probabilities.values():
        lo, hi = p.ci95
        rows.append([p.label, f"{p.estimate:.1%}", f"±{p.stderr:.1%}", f"{lo:.1%} to {hi:.1%}"])
    import textwrap

    title = "\n".join(textwrap.wrap(sim._title(), WIDTH))
    table = text_table(
        ["event", "probability", "std. error", "95% interval"], rows, right=[False, True, True, True], wrap=0
    )
    return f"{title}\n{table}"
