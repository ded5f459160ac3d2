"""How fractional entitlements are settled: the names every layer accepts.

A reverse split leaves a holder of ``n`` shares entitled to ``n x new / old``
new shares; the fraction is settled by a *policy* (cash in lieu, or rounding
down, up or to nearest), at a *level* (per registered holder, or per position
held through a broker), with a cash-in-lieu price quoted per old or per new
share. These are plain names with no dependencies, so the command line can
offer them as choices without loading pandas (:mod:`splitcalc.holdings` does
the arithmetic; :meth:`splitcalc.CapitalStructure.apply` the aggregate count).

>>> FRACTIONAL_POLICIES
('cash_in_lieu', 'round_down', 'round_up', 'round_nearest')
"""

from __future__ import annotations

from typing import Final, Literal

__all__ = [
    "FRACTIONAL_POLICIES",
    "LEVELS",
    "PRICE_BASES",
    "FractionalPolicy",
    "Level",
    "PriceBasis",
]

FractionalPolicy = Literal["cash_in_lieu", "round_down", "round_up", "round_nearest"]
#: ``cash_in_lieu`` and ``round_down`` floor the entitlement (the former pays
#: the fraction in cash), ``round_up`` ceils it, ``round_nearest`` rounds half up.
FRACTIONAL_POLICIES: Final = ("cash_in_lieu", "round_down", "round_up", "round_nearest")

Level = Literal["holder", "position"]
#: Settle fractions per holder (all of a registered holder's positions
#: together) or per position (each broker account apart).
LEVELS: Final = ("holder", "position")

PriceBasis = Literal["pre", "post"]
#: A cash-in-lieu price per old (pre-split) or per new (post-split) share.
PRICE_BASES: Final = ("pre", "post")
