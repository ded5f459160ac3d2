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
    "UsageError",
    "add_json_flag",
    "add_output_flags",
    "decimal_arg",
    "emit",
    "print_error",
    "ratio_arg",
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
