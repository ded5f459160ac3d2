"""``splitcalc report``: the full report on a scenario, a built-in example or a live ticker.

Examples::

    python -m splitcalc report --example neotherapeutics-2002 -o neo.html
    python -m splitcalc report my-case.toml --format md -o my-case.md
    python -m splitcalc report --ticker XYZ --ratio 1-for-10 --outstanding 48000000 -o xyz.html
    python -m splitcalc report --from-filing 8-k.htm --price 0.31 --outstanding 48000000 -o xyz.html

Without ``-o`` the report goes to ``<scenario name>.<format>`` in the current
folder; ``-o -`` writes it to stdout (the summary then goes to stderr). An
existing file is never replaced without ``--force``, and an input of the
report (the scenario file, its price or holder file, ``--prices``) never.
The live-report flags (``--ratio``, ``--outstanding``, ``--authorized``,
``--exchange``, ``--name``) are refused with a scenario file or ``--example``,
which set their own; so are ``--start``, ``--end`` and ``--offline`` unless
``--prices`` gives a price file for them to apply to.

``--from-filing FILE`` reads the split terms from a press release, 8-K or
proxy (:mod:`splitcalc.filings`); ``--price``, ``--outstanding``,
``--authorized``, ``--exchange``, ``--as-of``, ``--name``, ``--ticker`` and
``--ratio`` give what the text does not state (``--ticker`` then only names
the symbol: nothing is fetched; ``--prices FILE.csv`` gives closes). The
report's "Inputs and sources" quotes the filing for every term read from it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..coerce import as_probability
from ..errors import InputError
from ._common import (
    check_output,
    decimal_arg,
    exchange_arg,
    input_files,
    out_path_arg,
    reverse_ratio_arg,
    shares_arg,
    write_output,
)

if TYPE_CHECKING:
    from ..report import ReportFormat

__all__ = ["DEFAULT_LIVE_EXCHANGE", "register", "run"]

#: Rule set of a live report without ``--exchange``.
DEFAULT_LIVE_EXCHANGE = "nasdaq-capital"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``report`` sub-command."""
    p = sub.add_parser(
        "report",
        help="self-contained HTML/Markdown/JSON report on a reverse split",
        description=(
            "Analyse a reverse split end to end -- terms, capital structure, per-share figures, holders, "
            "listing compliance under the rules in force, ratio choice, post-split odds -- and write a "
            "self-contained report (no external URLs). Give a scenario file, --example NAME, or "
            "--ticker T --ratio R for a live one."
        ),
    )
    p.add_argument("scenario", nargs="?", type=Path, metavar="SCENARIO.toml", help="scenario file (TOML)")
    p.add_argument("--example", metavar="NAME", help="a built-in example, e.g. neotherapeutics-2002")
    p.add_argument("--list-examples", action="store_true", help="list the built-in examples and exit")
    p.add_argument(
        "--from-filing",
        type=Path,
        metavar="FILE",
        help="read the split terms from a press release, 8-K or proxy (HTML or text); give what it lacks with "
        "--price, --outstanding, --exchange ...",
    )
    p.add_argument(
        "--format", choices=("html", "md", "json"), help="output format (default: from -o's suffix, else html)"
    )
    p.add_argument(
        "-o", "--out", type=_out_text, metavar="PATH", help="output file ('-' for stdout; default: NAME.FORMAT here)"
    )
    p.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    p.add_argument("--paths", type=int, default=500, help="Monte Carlo paths for the post-split odds (default 500)")
    p.add_argument("--seed", type=int, default=2002, help="Monte Carlo seed (default 2002)")
    p.add_argument(
        "--objective",
        choices=("odds", "price"),
        default="odds",
        help="recommend the smallest ratio whose odds reach --min-odds (default), or the one reaching the "
        "target price (1.5 x the minimum bid)",
    )
    p.add_argument(
        "--min-odds",
        type=str,
        default="0.8",
        metavar="P",
        help="odds of regaining compliance by the deadline and staying compliant 12 months (default 0.8)",
    )
    p.add_argument(
        "--charts",
        choices=("default", "all", "none"),
        default="default",
        help="charts to embed: the two most telling (default), all of them, or none",
    )
    p.add_argument("--no-charts", action="store_true", help="same as --charts none (faster)")
    p.add_argument("--quiet", action="store_true", help="do not print the summary")
    live = p.add_argument_group("a live report (with --ticker; needs the network or the cache)")
    live.add_argument("--ratio", type=reverse_ratio_arg, help='the split to evaluate, e.g. "1-for-10"')
    live.add_argument("--outstanding", type=shares_arg, help="shares outstanding")
    live.add_argument("--authorized", type=shares_arg, help="shares authorised")
    live.add_argument(
        "--exchange",
        type=exchange_arg,
        default=None,
        metavar="NAME",
        help="rule set (default nasdaq-capital; aliases such as XNCM, nyse, amex accepted)",
    )
    live.add_argument("--name", help="company name (default: the ticker)")
    filing = p.add_argument_group("with --from-filing (figures the filing does not state)")
    filing.add_argument("--price", type=decimal_arg, help="pre-split price per share")
    filing.add_argument("--as-of", type=_date_arg, metavar="YYYY-MM-DD", help="the date the analysis stands on")
    _add_price_args(p)
    p.set_defaults(func=run)


def _out_text(text: str) -> str:
    """``-o``: ``-`` for stdout, else a file name (an empty one is refused)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("is empty; give a file name, or '-' for stdout")
    return text if text == "-" else str(out_path_arg(text))


def _date_arg(text: str) -> dt.date:
    from ._prices import date_arg

    return date_arg(text)


def _add_price_args(p: argparse.ArgumentParser) -> None:
    from ._prices import add_price_args

    add_price_args(p, positional=False)


def run(args: argparse.Namespace) -> int:
    """Build the report, write it, print the summary.

    Every check that needs no computation -- the arguments, the scenario
    file, the output path -- comes before fetching prices or building the
    report (seconds with charts).
    """
    from ..analysis.scenario_file import example_names, load_example, load_scenario

    if args.list_examples:
        for name in example_names():
            print(name)
        return 0
    if args.paths < 1:
        raise InputError("--paths", args.paths, "must be at least 1")
    args.min_odds = as_probability(args.min_odds, "--min-odds")
    from_filing: Path | None = getattr(args, "from_filing", None)
    ticker = None if from_filing is not None else getattr(args, "ticker", None)
    given = [x for x in (args.scenario, args.example, ticker, from_filing) if x]
    if len(given) != 1:
        raise InputError(
            "scenario", None, "give exactly one of SCENARIO.toml, --example NAME, --ticker T or --from-filing FILE"
        )
    if from_filing is None:
        for attr, flag in (("price", "--price"), ("as_of", "--as-of")):
            if getattr(args, attr, None) is not None:
                raise InputError(flag, str(getattr(args, attr)), "applies only with --from-filing FILE")

    fmt: ReportFormat = args.format or _format_from(args.out) or "html"
    charts: bool | str = "all" if args.charts == "all" else args.charts == "default"
    if args.no_charts or fmt == "json":  # JSON carries no images: skip drawing them
        charts = False
    options: dict[str, Any] = {
        "paths": args.paths,
        "seed": args.seed,
        "charts": charts,
        "objective": args.objective,
        "min_odds": args.min_odds,
    }
    to_stdout = args.out == "-"
    price_file: Path | None = getattr(args, "prices", None)
    if from_filing is not None:
        _check_window_args(args, f"--from-filing {from_filing}")
        scenario = _filing_scenario(args, from_filing)
        out = _target(args, scenario.name or scenario.company, fmt, inputs=(price_file, *scenario.input_paths))
        if price_file is not None:
            from ..market import read_price_csv

            options["prices"] = read_price_csv(price_file, start=args.start, end=args.end)
    elif ticker:
        _check_live_args(args)
        out = _target(args, _live_name(args), fmt, inputs=(price_file,))
        scenario, prices = _live_scenario(args)
        options["prices"] = prices
    else:
        _check_file_mode_args(args)
        scenario = load_example(args.example) if args.example else load_scenario(args.scenario)
        out = _target(args, scenario.name or scenario.company, fmt, inputs=(price_file, *scenario.input_paths))
        if price_file is not None:
            from ..market import read_price_csv

            options["prices"] = read_price_csv(price_file, start=args.start, end=args.end)

    from ..report import Report

    report = Report(scenario, **options)
    text = report.render(fmt)
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        where = "stdout"
    else:
        inputs = input_files(args, *scenario.input_paths)
        where = str(write_output(out, text, force=args.force, inputs=inputs))
    if not args.quiet:
        stream = sys.stderr if to_stdout else sys.stdout
        print(report.summary(), file=stream)
        print(f"  wrote {fmt} report ({len(report.sections)} sections) to {where}", file=stream)
    return 0


def _target(args: argparse.Namespace, name: str, fmt: ReportFormat, *, inputs: tuple[Path | None, ...]) -> Path | None:
    """The output file (``None``: stdout), refused now if it is an input, a folder, or exists without --force."""
    if args.out == "-":
        return None
    from ..report.document import FORMAT_SUFFIX

    out = Path(args.out) if args.out else Path(f"{_slug(name)}{FORMAT_SUFFIX[fmt]}")
    check_output(out, force=args.force, inputs=input_files(args, *inputs))
    return out


def _format_from(out: str | None) -> ReportFormat | None:
    if not out or out == "-":
        return None
    from ..report.document import SUFFIX_FORMAT

    fmt: ReportFormat | None = SUFFIX_FORMAT.get(Path(out).suffix.lower())
    return fmt


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "report"


#: ``(attribute, flag)`` of the options that describe a live report only.
_LIVE_ONLY = (
    ("ratio", "--ratio"),
    ("outstanding", "--outstanding"),
    ("authorized", "--authorized"),
    ("exchange", "--exchange"),
    ("name", "--name"),
)
#: Options that pick or trim the price history: with a scenario they need --prices.
_PRICE_WINDOW = (("start", "--start"), ("end", "--end"))


def _check_file_mode_args(args: argparse.Namespace) -> None:
    """Refuse a live-report flag given with a scenario file or ``--example``.

    The scenario carries its own ratio, shares, exchange and name; ignoring a
    flag the user typed would report on other figures than the ones asked
    for. ``--start``/``--end`` trim a ``--prices`` file, so without one they
    do not apply. ``--offline`` is accepted everywhere: a scenario report never
    fetches, so the promise it makes is kept.
    """
    source = f"--example {args.example}" if args.example else "a scenario file"
    for attr, flag in _LIVE_ONLY:
        value = getattr(args, attr, None)
        if value is not None:
            raise InputError(flag, str(value), f"applies only to a live report (--ticker T); {source} sets its own")
    _check_window_args(args, source)


def _check_window_args(args: argparse.Namespace, source: str) -> None:
    """``--start``/``--end`` trim a ``--prices`` file: without one they do not apply."""
    if getattr(args, "prices", None) is None:
        for attr, flag in _PRICE_WINDOW:
            value = getattr(args, attr, None)
            if value:
                raise InputError(
                    flag,
                    value if isinstance(value, bool) else str(value),
                    f"applies only with --ticker T or --prices FILE.csv, not to {source} alone",
                )


def _check_live_args(args: argparse.Namespace) -> None:
    if args.ratio is None:
        raise InputError("--ratio", None, "is required with --ticker")
    if args.outstanding is None:
        raise InputError("--outstanding", None, "is required with --ticker (shares outstanding are not in price data)")


def _live_name(args: argparse.Namespace) -> str:
    return f"{str(args.ticker).lower()}-{args.ratio.old}"


def _live_scenario(args: argparse.Namespace) -> tuple[Any, Any]:
    from ..analysis.scenario_file import Fact, Scenario
    from ..money import as_decimal
    from ..structure import CapitalStructure
    from ._prices import load_prices

    _check_live_args(args)
    prices = load_prices(args)
    if len(prices) == 0:
        raise InputError("--ticker", args.ticker, "no prices in the requested window")
    last_day = prices.index[-1]
    last_close = as_decimal(float(prices["close"].iloc[-1]), "close")
    name = args.name or str(args.ticker).upper()
    cap = CapitalStructure(outstanding=args.outstanding, authorized=args.authorized, price=last_close, name=name)
    as_of = dt.date(last_day.year, last_day.month, last_day.day)
    source = str(prices.attrs.get("source") or "prices")
    # where each figure came from, for the report's "Inputs and sources": flags are the user's word (no
    # public source), the price is the last close of the data loaded
    facts = [
        Fact("structure.outstanding", "Shares outstanding", args.outstanding, note="given as --outstanding"),
        Fact(
            "structure.price",
            "Price per share (pre-split)",
            last_close,
            source=f"last close on {as_of.isoformat()} ({source})",
            date=as_of,
        ),
        Fact("split.ratio", "Split ratio", args.ratio, note="given as --ratio"),
    ]
    if args.authorized is not None:
        facts.insert(
            1, Fact("structure.authorized", "Shares authorised", args.authorized, note="given as --authorized")
        )
    scenario = Scenario(
        company=name,
        exchange=args.exchange or exchange_arg(DEFAULT_LIVE_EXCHANGE),
        as_of=as_of,
        structure=cap,
        ratio=args.ratio,
        facts=tuple(facts),
        name=_live_name(args),
        ticker=str(args.ticker).upper(),
        origin=f"live: {prices.attrs.get('source', 'prices')} for {str(args.ticker).upper()}",
    )
    return scenario, prices


def _filing_scenario(args: argparse.Namespace, path: Path) -> Any:
    """The scenario of ``--from-filing FILE``: its terms, and the flags for what it does not state."""
    from .terms import read_terms

    terms = read_terms(path, param_name="--from-filing")
    given = {
        "price": args.price,
        "outstanding": args.outstanding,
        "authorized": args.authorized,
        "exchange": args.exchange,
        "as_of": args.as_of,
        "company": args.name,
        "ticker": getattr(args, "ticker", None),
        "ratio": args.ratio,
    }
    return terms.to_scenario(**{k: v for k, v in given.items() if v is not None}, source=path.name, path=path)
