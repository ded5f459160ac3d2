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

import math
from fractions import Fraction
from typing import Final, Literal

from .errors import InputError

__all__ = [
    "BASIS_ALIASES",
    "FRACTIONAL_POLICIES",
    "LEVELS",
    "PER_OLD_SHARE_BASES",
    "PRICE_BASES",
    "FractionalPolicy",
    "Level",
    "PriceBasis",
    "whole_shares",
]

FractionalPolicy = Literal["cash_in_lieu", "round_down", "round_up", "round_nearest"]
#: ``cash_in_lieu`` and ``round_down`` floor the entitlement (the former pays
#: the fraction in cash), ``round_up`` ceils it, ``round_nearest`` rounds half up.
FRACTIONAL_POLICIES: Final = ("cash_in_lieu", "round_down", "round_up", "round_nearest")

Level = Literal["holder", "position"]
#: Settle fractions per holder (all of a registered holder's positions
#: together) or per position (each broker account apart).
LEVELS: Final = ("holder", "position")

PriceBasis = Literal["theoretical", "given", "average", "agent_sale", "pre", "post"]
#: Where the cash-in-lieu price comes from (see :mod:`splitcalc.cashprice`):
#: ``theoretical`` -- a pre-split close per old share, x old/new (``pre`` is
#: the older name); ``given`` -- a stated price per new share (``post``);
#: ``average`` -- the average of N closes before the effective date, per old
#: share, x old/new; ``agent_sale`` -- per new share, what the exchange agent
#: realised selling the pooled fractions (known after the fact).
PRICE_BASES: Final = ("theoretical", "given", "average", "agent_sale", "pre", "post")
#: The older names, still accepted; results carry the name they stand for.
BASIS_ALIASES: Final = {"pre": "theoretical", "post": "given"}
#: The bases whose ``price`` is quoted per old (pre-split) share.
PER_OLD_SHARE_BASES: Final = ("theoretical", "average", "pre")


#: Each policy name, and the plain "down"/"up"/"nearest" of option plans, by the way it rounds.
_ROUNDS: Final = {
    "cash_in_lieu": "down",
    "round_down": "down",
    "down": "down",
    "round_up": "up",
    "up": "up",
    "round_nearest": "nearest",
    "nearest": "nearest",
}


def whole_shares(entitlement: Fraction, policy: str) -> int:
    """The whole shares an exact ``entitlement`` settles to under ``policy``: the one rounding rule.

    ``cash_in_lieu``, ``round_down`` and ``down`` floor it (cash in lieu pays
    the fraction); ``round_up`` and ``up`` ceil it; ``round_nearest`` and
    ``nearest`` round half up, as plans write "nearest whole share".

    >>> whole_shares(Fraction(5, 2), "round_nearest"), whole_shares(Fraction(5, 2), "cash_in_lieu")
    (3, 2)
    """
    how = _ROUNDS.get(policy)
    if how == "down":
        return math.floor(entitlement)
    if how == "up":
        return math.ceil(entitlement)
    if how == "nearest":
        return math.floor(entitlement + Fraction(1, 2))
    raise InputError("fractional", policy, f"use one of {', '.join(FRACTIONAL_POLICIES)}")
