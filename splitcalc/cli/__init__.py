"""The ``splitcalc`` command line.

``python -m splitcalc COMMAND ...``; every command has ``--help``. A user
mistake (a :class:`~splitcalc.errors.InputError`, an unknown exchange, or a
rule set asked for on dates it did not exist) prints one line
``splitcalc: error: ...`` to stderr and exits 2; any other
:class:`~splitcalc.errors.SplitcalcError` (data unavailable, no rule in force)
exits 1 the same way. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ..errors import InputError, NoRuleInForce, SplitcalcError, UnknownExchange
from ._common import UsageError, print_error

__all__ = ["build_parser", "main"]

#: Sub-command modules, in the order ``--help`` lists them. Each defines
#: ``register(subparsers)`` adding a parser whose default ``func`` runs it.
COMMANDS: tuple[str, ...] = (
    "split",
    # holdings (issue 3)
    "holdings",
    # compliance (issue 4)
    "compliance",
    "scan",
    # sweep, simulate (issue 5)
    "sweep",
    "simulate",
    # report (issue 6)
    "report",
    # terms read from a filing (issue 14)
    "terms",
)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line and exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every sub-command registered."""
    from .. import __version__

    parser = _Parser(
        prog="splitcalc",
        description="Analyse stock reverse splits: share structure, holders, listing compliance.",
    )
    parser.add_argument("--version", action="version", version=f"splitcalc {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name in COMMANDS:
        module = importlib.import_module(f".{name}", __name__)
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        status: int = args.func(args)
    except UsageError as exc:
        print_error(str(exc))
        return 2
    except (InputError, UnknownExchange, NoRuleInForce) as exc:
        # an exchange name or a date the user chose that no rule set covers is
        # a mistake in the command, like a bad ratio: exit 2
        print_error(str(exc))
        return 2
    except SplitcalcError as exc:
        print_error(str(exc))
        return 1
    except KeyboardInterrupt:
        print_error("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
