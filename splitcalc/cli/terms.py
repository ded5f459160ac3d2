"""``splitcalc terms``: the split terms a filing states, field by field with its quote.

Examples::

    python -m splitcalc terms press-release.txt
    python -m splitcalc terms 8-k.htm --json

A file that cannot be a filing (missing, not a regular file, empty, binary,
over 16 MiB), a text with no split in it, and a text that states two
different ratios (an amendment, say) each end with a one-line error and exit
status 2; for the last, the table (or JSON) is printed first with the
readings flagged ``AMBIGUOUS``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..errors import InputError
from ._common import add_json_flag
from ._prices import date_arg

__all__ = ["read_terms", "register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``terms`` sub-command."""
    p = sub.add_parser(
        "terms",
        help="the split terms a press release, 8-K or proxy states, each with its quote",
        description=(
            "Read a filing (EDGAR HTML or plain text) and print the split terms it states -- company, "
            "ticker, ratio or authorised range, dates, fractional shares, authorised and outstanding shares, "
            "listing deficiency -- each with the words it was read from. Terms the text does not state are "
            "left out, never guessed."
        ),
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the filing (.htm, .html or .txt)")
    p.add_argument("--filed", type=date_arg, metavar="YYYY-MM-DD", help="filing date (for 'announced today')")
    add_json_flag(p)
    p.set_defaults(func=run)


def read_terms(path: Path, *, filed: object = None, param_name: str = "FILE") -> object:
    """Read and extract a filing; refuse one with no split (InputError)."""
    from ..filings import extract
    from ..filings.source import read_filing

    terms = extract(read_filing(path, param_name=param_name), filed=filed)  # type: ignore[arg-type]
    if not terms.has_split:
        raise InputError(param_name, str(path), "states no split (no ratio, range or direction found)")
    return terms


def run(args: argparse.Namespace) -> int:
    """Print the terms; exit 2 when the text states two different ratios."""
    from ..filings import SplitTerms

    terms = read_terms(args.file, filed=args.filed)
    assert isinstance(terms, SplitTerms)
    if args.json:
        print(json.dumps({"file": str(args.file), **terms.to_dict()}, indent=2))
    else:
        print(f"{args.file}:")
        print(terms)
    ambiguous = terms.ambiguity("ratio")
    if ambiguous is not None:
        raise InputError("FILE", str(args.file), f"is ambiguous: {ambiguous}")
    return 0
