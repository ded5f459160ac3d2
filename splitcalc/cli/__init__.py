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
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

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
    # the primary sources behind the rule rows (issue 11)
    "sources",
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
    for command in sub.choices.values():  # each command knows its own flags, to name them in errors
        flags = frozenset(s for action in command._actions for s in action.option_strings)
        command.set_defaults(_flags=flags)
    return parser


def flag_message(exc: InputError, flags: frozenset[str]) -> str:
    """The error in the command line's words: a keyword argument the command has as a flag is named as the flag.

    ``volatility: must be positive`` becomes ``--volatility: must be positive``
    for a command with ``--volatility``; names that are not flags stay as they are.
    """
    text = str(exc)
    name = exc.param_name
    flag = "--" + name.replace("_", "-")
    if not name.startswith("-") and flag in flags and text.startswith(f"{name}:"):
        return flag + text[len(name) :]
    return text


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    real_stdout = sys.stdout
    sys.stdout = _GuardedStdout(real_stdout)
    try:
        return _run(argv)
    finally:
        sys.stdout = real_stdout


def _run(argv: Sequence[str] | None) -> int:
    flags: frozenset[str] = frozenset()
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        flags = getattr(args, "_flags", flags)
        status: int = args.func(args)
        sys.stdout.flush()  # a full disk or closed pipe is found now, not at exit as an "ignored" traceback
    except UsageError as exc:
        print_error(str(exc))
        return 2
    except InputError as exc:
        print_error(flag_message(exc, flags))
        return 2
    except (UnknownExchange, NoRuleInForce) as exc:
        # an exchange name or a date the user chose that no rule set covers is
        # a mistake in the command, like a bad ratio: exit 2
        print_error(str(exc))
        return 2
    except SplitcalcError as exc:
        print_error(str(exc))
        return 1
    except MemoryError:
        print_error("out of memory: the computation asked for more memory than this process could get; ask for less")
        return 1
    except KeyboardInterrupt:
        print_error("interrupted")
        return 130
    except BrokenPipeError:  # the reader left (``| head``): not an error
        _drop_stdout()
        return 0
    except _StdoutFailed as exc:
        _drop_stdout()
        print_error(f"cannot write to standard output ({exc.reason})")
        return 1
    return status


class _StdoutFailed(Exception):
    """Standard output refused what was written to it (a full disk: ``> /dev/full``)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class _GuardedStdout:
    """Standard output whose write failures are told apart from other OSErrors (files read, cache)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _StdoutFailed(exc.strerror or str(exc)) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _StdoutFailed(exc.strerror or str(exc)) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _drop_stdout() -> None:
    """Point standard output at the null device so the flush at exit fails no more."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # stdout without a file descriptor (captured by a test)
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
