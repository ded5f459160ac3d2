"""Pieces the sub-commands share: argument types, output, error printing.

Light on purpose: every command module imports this when the parser is built
(``splitcalc --help``), so nothing here imports pandas, numpy or the rule data
at module level.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import atomic_write, check_target
from ..coerce import as_count
from ..errors import InputError, NoRuleInForce, UnknownExchange
from ..money import as_decimal
from ..ratio import SplitRatio
from ..serialize import dumps

if TYPE_CHECKING:
    from ..rules import RuleSet

__all__ = [
    "PLOT_FORMATS",
    "UsageError",
    "add_json_flag",
    "add_output_flags",
    "add_plot_flags",
    "check_output",
    "check_plot_target",
    "decimal_arg",
    "emit",
    "exchange_arg",
    "input_files",
    "out_path_arg",
    "print_error",
    "ratio_arg",
    "reverse_ratio_arg",
    "rules_in_force",
    "save_plot",
    "shares_arg",
    "write_output",
]


class UsageError(Exception):
    """A command-line usage mistake found by argparse (exit status 2)."""


def print_error(message: str) -> None:
    """Print ``splitcalc: error: message`` as a single line on stderr."""
    one_line = " ".join(str(message).split())
    print(f"splitcalc: error: {one_line}", file=sys.stderr)


def ratio_arg(text: str) -> SplitRatio:
    """Argparse type: a split ratio such as ``1-for-25``."""
    try:
        return SplitRatio.parse(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.reason) from None


def reverse_ratio_arg(text: str) -> SplitRatio:
    """Argparse type: a reverse split (``1-for-10``); a forward or 1-for-1 split is refused."""
    ratio = ratio_arg(text)
    if not ratio.is_reverse:
        raise argparse.ArgumentTypeError(f"{text} is not a reverse split; give one such as 1-for-10")
    return ratio


def exchange_arg(text: str) -> str:
    """Argparse type: a rule-set name or alias (``nasdaq-capital``, ``XNCM``, ``nyse``...), made canonical."""
    from .. import rules

    try:
        return rules.canonical(text)
    except UnknownExchange as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("exchange: ")) from None


def rules_in_force(exchange: str, as_of: dt.date | str | None, *, param_name: str = "--exchange") -> RuleSet:
    """The rule set of ``exchange`` on ``as_of`` (default today); no rule in force then is a usage mistake."""
    from .. import rules

    try:
        return rules.get(exchange, as_of=as_of)
    except NoRuleInForce as exc:
        raise InputError(param_name, exchange, str(exc)) from None


def decimal_arg(text: str) -> Decimal:
    """Argparse type: an exact decimal amount (``0.17``, ``$2.50``)."""
    try:
        return as_decimal(text, "amount")
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.reason) from None


def shares_arg(text: str) -> int:
    """Argparse type: a whole, non-negative share count (``39752812`` or ``39,752,812``).

    Commas must group thousands: ``12,5`` is refused, not read as 125.
    """
    try:
        return as_count(text, "shares", what="a whole number of shares")
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.reason) from None


def out_path_arg(text: str) -> Path:
    """Argparse type: an output file name; an empty one (``-o ""``) is refused, not read as ``.``."""
    if not text.strip():
        raise argparse.ArgumentTypeError("is empty; give a file name")
    return Path(text)


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    """``--json``: print machine-readable output instead of a table."""
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def add_output_flags(parser: argparse.ArgumentParser) -> None:
    """``-o/--out PATH`` and ``--force``."""
    parser.add_argument("-o", "--out", type=out_path_arg, help="also write the result to this file")
    parser.add_argument("--force", action="store_true", help="overwrite --out if it exists")


#: Namespace attributes that name files a command writes (never one of its inputs).
_OUTPUT_ATTRS = frozenset({"out", "plot"})


def input_files(args: argparse.Namespace, *extra: Path | None) -> tuple[Path, ...]:
    """Every file a command reads: each path-valued argument but the outputs, and ``extra``.

    ``extra`` names files found while running (a scenario's price and holder
    files). Collected from the parsed arguments rather than listed per
    command, so a new input flag is protected from ``--out`` without more code.
    """
    found = [v for k, v in vars(args).items() if k not in _OUTPUT_ATTRS and isinstance(v, Path)]
    return tuple(found) + tuple(p for p in extra if p is not None)


def check_output(path: Path, *, force: bool, inputs: tuple[Path | None, ...] = (), param_name: str = "--out") -> Path:
    """Fail before any work on an output path that is an input, a folder, or exists without ``--force``."""
    return check_target(path, overwrite=force, inputs=inputs, param_name=param_name)


def write_output(
    path: Path,
    data: str | bytes,
    *,
    force: bool,
    inputs: tuple[Path | None, ...] = (),
    param_name: str = "--out",
) -> Path:
    """Write a command's output atomically, never over an input or (without force) a file.

    Every refusal and every failure to write is an :class:`InputError` naming
    ``param_name`` (the flag the user gave: ``--out``, ``--plot``).
    """
    resolved = check_output(path, force=force, inputs=inputs, param_name=param_name)
    try:
        return atomic_write(resolved, data, overwrite=force, param_name=param_name)
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise InputError(param_name, str(path), f"cannot write there ({reason})") from None


def emit(result: object, *, as_json: bool) -> None:
    """Print ``result`` as JSON or as its text table."""
    print(dumps(result) if as_json else str(result))


# ------------------------------------------------------------- --plot FILE
PLOT_FORMATS = ("png", "svg", "pdf")


def add_plot_flags(parser: argparse.ArgumentParser) -> None:
    """``--plot FILE.png`` and ``--force`` (overwrite the chart file)."""
    parser.add_argument(
        "--plot", type=out_path_arg, metavar="FILE.png", help="also draw the chart to this file (png/svg/pdf)"
    )
    parser.add_argument("--force", action="store_true", help="overwrite the --plot file if it exists")


def _plot_format(path: Path) -> str:
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in PLOT_FORMATS:
        raise InputError("--plot", str(path), "use a .png, .svg or .pdf file name")
    return fmt


def check_plot_target(args: argparse.Namespace, *, inputs: tuple[Path | None, ...] = ()) -> None:
    """Fail before any work on a bad ``--plot`` path, an input file, or an existing file without ``--force``."""
    path: Path | None = getattr(args, "plot", None)
    if path is None:
        return
    _plot_format(path)
    inputs = input_files(args, *inputs)
    check_output(path, force=bool(getattr(args, "force", False)), inputs=inputs, param_name="--plot")


def save_plot(figure: object, args: argparse.Namespace, *, inputs: tuple[Path | None, ...] = ()) -> Path:
    """Render a matplotlib ``figure`` to ``args.plot`` atomically (see :func:`write_output`)."""
    import io

    path: Path = args.plot
    buffer = io.BytesIO()
    figure.savefig(buffer, format=_plot_format(path), dpi=120)  # type: ignore[attr-defined]
    force = bool(getattr(args, "force", False))
    inputs = input_files(args, *inputs)
    return write_output(path, buffer.getvalue(), force=force, inputs=inputs, param_name="--plot")
