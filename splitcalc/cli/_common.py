"""Pieces the sub-commands share: argument types, output, error printing."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path

from ..atomic import atomic_write
from ..errors import InputError
from ..money import as_decimal
from ..ratio import SplitRatio
from ..serialize import dumps

__all__ = [
    "PLOT_FORMATS",
    "UsageError",
    "add_json_flag",
    "add_output_flags",
    "add_plot_flags",
    "check_plot_target",
    "decimal_arg",
    "emit",
    "print_error",
    "ratio_arg",
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


def decimal_arg(text: str) -> Decimal:
    """Argparse type: an exact decimal amount (``0.17``, ``$2.50``)."""
    try:
        return as_decimal(text, "amount")
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.reason) from None


def shares_arg(text: str) -> int:
    """Argparse type: a whole, non-negative share count (``39752812`` or ``39,752,812``)."""
    cleaned = text.replace(",", "").replace("_", "")
    if not cleaned.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of shares")
    return int(cleaned)


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    """``--json``: print machine-readable output instead of a table."""
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def add_output_flags(parser: argparse.ArgumentParser) -> None:
    """``-o/--out PATH`` and ``--force``."""
    parser.add_argument("-o", "--out", type=Path, help="also write the result to this file")
    parser.add_argument("--force", action="store_true", help="overwrite --out if it exists")


def write_output(path: Path, data: str | bytes, *, force: bool, inputs: tuple[Path | None, ...] = ()) -> Path:
    """Write a command's output atomically, never over an input or (without force) a file."""
    resolved = path.expanduser().resolve()
    for source in inputs:
        if source is not None and source.expanduser().resolve() == resolved:
            raise InputError("--out", str(path), "is the input file; refusing to overwrite it")
    if not resolved.parent.is_dir():
        raise InputError("--out", str(path), "its folder does not exist")
    try:
        return atomic_write(resolved, data, overwrite=force)
    except PermissionError as exc:
        raise InputError("--out", str(path), f"cannot write there ({exc.strerror})") from None


def emit(result: object, *, as_json: bool) -> None:
    """Print ``result`` as JSON or as its text table."""
    print(dumps(result) if as_json else str(result))


# ------------------------------------------------------------- --plot FILE
PLOT_FORMATS = ("png", "svg", "pdf")


def add_plot_flags(parser: argparse.ArgumentParser) -> None:
    """``--plot FILE.png`` and ``--force`` (overwrite the chart file)."""
    parser.add_argument("--plot", type=Path, metavar="FILE.png", help="also draw the chart to this file (png/svg/pdf)")
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
    resolved = path.expanduser().resolve()
    for source in inputs:
        if source is not None and source.expanduser().resolve() == resolved:
            raise InputError("--plot", str(path), "is an input file; refusing to overwrite it")
    if not resolved.parent.is_dir():
        raise InputError("--plot", str(path), "its folder does not exist")
    if resolved.exists() and not getattr(args, "force", False):
        raise InputError("--plot", str(path), "exists; choose another path or pass --force")


def save_plot(figure: object, args: argparse.Namespace, *, inputs: tuple[Path | None, ...] = ()) -> Path:
    """Render a matplotlib ``figure`` to ``args.plot`` atomically (see :func:`write_output`)."""
    import io

    path: Path = args.plot
    buffer = io.BytesIO()
    figure.savefig(buffer, format=_plot_format(path), dpi=120)  # type: ignore[attr-defined]
    return write_output(path, buffer.getvalue(), force=bool(getattr(args, "force", False)), inputs=inputs)
