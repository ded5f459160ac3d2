"""``splitcalc sources``: the primary sources behind the listing-rule rows.

Examples::

    python -m splitcalc sources
    python -m splitcalc sources > sources.md

Prints the list shipped with the package (Markdown): for each rule topic the
rule number, SEC release or file number, Federal Register citation and the
date it took effect, as the report and ``RuleSet.to_frame()`` cite them.
"""

from __future__ import annotations

import argparse

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``sources`` sub-command."""
    p = sub.add_parser(
        "sources",
        help="the primary sources (rules, SEC releases, dates) behind every listing-rule value",
        description="Print the primary sources behind splitcalc's dated listing-rule rows (Markdown).",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the shipped list of sources."""
    from ..rules._sources import sources_text

    print(sources_text(), end="")
    return 0
