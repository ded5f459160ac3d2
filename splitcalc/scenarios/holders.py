"""Holder counts after a split, estimated from a holder-size distribution.

Without a holder table (:class:`splitcalc.Holdings`) the holder counts after
a split can only be estimated. The estimate here is stated, not hidden:

* a position of ``x`` old shares becomes ``x x factor`` new shares; under cash
  in lieu or round-down the holder keeps a share only if ``x >= 1 / factor``
  (``x >= N`` for 1-for-N) and otherwise is cashed out and leaves the count
  (cash in lieu of fractional shares); under round-up every holder stays; under
  round-to-nearest the cut is ``N / 2``;
* a holder is a round-lot holder when the position is at least 100 shares
  (Nasdaq Rule 5005(a), FAQ 1415), i.e. ``x >= 100 N`` old shares after a
  1-for-N split (``x > 99 N`` under round-up, ``x >= 99.5 N`` to nearest);
* the number of holders with a position of at least ``t`` old shares comes
  from a distribution of position sizes, either

  - :meth:`HolderSizeDistribution.from_brackets`: a "holders by size of
    holding" table (as transfer agents report it), positions spread
    log-uniformly inside each bracket: in ``[a, b)`` the holders at or above
    ``t`` are ``count x (ln b - ln t) / (ln b - ln a)``; or
  - :meth:`HolderSizeDistribution.lognormal`: a log-normal with the given
    number of holders and mean position ``publicly_held / holders`` and a
    shape ``sigma`` (at most :data:`MAX_SIGMA` = 10; default :data:`DEFAULT_SIGMA` = 2.0, a modelling
    assumption, not a sourced figure: replace it with the company's own
    bracket table when there is one). Holders at or above ``t`` are
    ``holders x 0.5 erfc((ln t - mu) / (sigma sqrt 2))`` with
    ``mu = ln(mean) - sigma^2 / 2``.

Counts are expectations rounded half up to whole holders. Insiders (officers,
directors, > 10% holders) are assumed to keep large positions: they count in
total and round-lot holders and are never cashed out.

>>> d = HolderSizeDistribution.from_brackets([1, 10, 100, 1_000], [100, 100, 100])
>>> d.at_least(10), round(d.at_least(1_000 ** 0.5), 6)
(200.0, 150.0)
>>> e = d.estimate(10)
>>> e.public_holders_after, e.round_lot_holders_after
(200, 0)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Final, Literal, SupportsIndex

from ..coerce import as_count, as_real
from ..errors import InputError
from ..ratio import SplitRatio
from ..rules import round_lot as _round_lot

if TYPE_CHECKING:
    from .._types import RatioLike

__all__ = ["DEFAULT_SIGMA", "MAX_SIGMA", "HolderEstimate", "HolderSizeDistribution"]

#: Shape of the default log-normal position-size distribution. An assumption
#: (no source read gives holder-size dispersion): with it the median
#: position is ``exp(-2) ~ 13.5%`` of the mean position.
DEFAULT_SIGMA: Final = 2.0
#: Largest shape accepted: at sigma 10 one standard deviation already spans a factor
#: of e^10 (about 22,000) in position size; beyond it ``sigma**2`` soon overflows a float.
MAX_SIGMA: Final = 10.0

ROUND_LOT: Final = _round_lot()  # shares: the rules' round_lot_size row (Nasdaq FAQ 1415)


def _round_half_up(x: float) -> int:
    return math.floor(x + 0.5)


@dataclass(frozen=True)
class HolderEstimate:
    """Estimated holder counts before and after one split (whole holders)."""

    ratio: SplitRatio
    public_holders_before: int
    public_holders_after: int
    total_holders_before: int
    total_holders_after: int
    round_lot_holders_before: int
    round_lot_holders_after: int

    @property
    def holders_eliminated(self) -> int:
        """Holders cashed out entirely (``before - after``)."""
        return self.total_holders_before - self.total_holders_after


@dataclass(frozen=True)
class HolderSizeDistribution:
    """How many public holders hold how many shares (see the module docstring).

    Build it with :meth:`from_brackets` or :meth:`lognormal`.

    Attributes
    ----------
    kind
        ``"brackets"`` or ``"lognormal"``.
    holders
        Public (non-insider) holders, beneficial and of record.
    edges, counts
        Bracket bounds (``len(counts) + 1`` of them) and holders per bracket.
    mean_shares, sigma
        Mean position and log-normal shape.
    insider_holders
        Officers, directors and > 10% holders, added to total and round-lot counts.
    """

    kind: Literal["brackets", "lognormal"]
    holders: int
    edges: tuple[int, ...] = ()
    counts: tuple[int, ...] = ()
    mean_shares: float = 0.0
    sigma: float = DEFAULT_SIGMA
    insider_holders: int = 0

    # ------------------------------------------------------- constructors
    @classmethod
    def from_brackets(
        cls, edges: Sequence[int], counts: Sequence[int], *, insider_holders: int = 0
    ) -> HolderSizeDistribution:
        """Holders per position-size bracket ``[edges[i], edges[i+1])``.

        Parameters
        ----------
        edges
            Increasing whole share counts, the first >= 1; the last closes the
            top bracket (the largest public position, or a bound above it).
        counts
            Holders in each bracket (``len(edges) - 1`` whole numbers).
        insider_holders
            Insider holders, not part of the brackets.
        """
        e = tuple(_whole(x, "edges") for x in edges)
        c = tuple(_whole(x, "counts") for x in counts)
        if len(e) != len(c) + 1 or not c:
            raise InputError("edges", list(edges), f"needs one more bound than counts ({len(c)} counts)")
        if e[0] < 1 or any(b <= a for a, b in itertools.pairwise(e)):
            raise InputError("edges", list(edges), "must increase strictly from at least 1 share")
        return cls("brackets", sum(c), e, c, insider_holders=_whole(insider_holders, "insider_holders"))

    @classmethod
    def lognormal(
        cls,
        holders: int,
        *,
        publicly_held: int,
        sigma: float = DEFAULT_SIGMA,
        insider_holders: int = 0,
    ) -> HolderSizeDistribution:
        """A log-normal distribution of positions with mean ``publicly_held / holders``.

        ``sigma`` defaults to :data:`DEFAULT_SIGMA`, an assumption; see the
        module docstring.
        """
        n = _whole(holders, "holders")
        phs = _whole(publicly_held, "publicly_held")
        if n == 0:
            raise InputError("holders", holders, "must be at least 1")
        if phs < n:
            raise InputError("publicly_held", publicly_held, f"is fewer than one share per holder ({n:,} holders)")
        given = sigma
        sigma = as_real(given, "sigma", what="a positive number")  # numpy, Decimal and text too; never a bool
        if sigma <= 0:
            raise InputError("sigma", given, "must be a positive number")
        if sigma > MAX_SIGMA:
            raise InputError("sigma", sigma, f"must be at most {MAX_SIGMA:g} (a log-normal shape; the default is 2)")
        return cls(
            "lognormal",
            n,
            mean_shares=phs / n,
            sigma=float(sigma),
            insider_holders=_whole(insider_holders, "insider_holders"),
        )

    # ------------------------------------------------------------ queries
    def at_least(self, shares: float) -> float:
        """Expected public holders with a position of at least ``shares`` old shares."""
        t = float(shares)
        if t <= 0:
            return float(self.holders)
        if self.kind == "lognormal":
            mu = math.log(self.mean_shares) - self.sigma**2 / 2
            return self.holders * 0.5 * math.erfc((math.log(t) - mu) / (self.sigma * math.sqrt(2)))
        total = 0.0
        for (a, b), c in zip(itertools.pairwise(self.edges), self.counts, strict=True):
            if t <= a:
                total += c
            elif t < b:
                total += c * (math.log(b) - math.log(t)) / (math.log(b) - math.log(a))
        return total

    def estimate(
        self,
        ratio: RatioLike | SupportsIndex,
        fractional: str = "cash_in_lieu",
    ) -> HolderEstimate:
        """Estimated holder counts after ``ratio`` (an int ``N`` means 1-for-N) under a fractional policy."""
        if isinstance(ratio, SplitRatio | str | Fraction | tuple):
            r = SplitRatio.parse(ratio)
        else:  # N of 1-for-N: an int or a numpy int (bools refused)
            r = SplitRatio.reverse(ratio)
        inverse = 1 / r.factor  # old shares per new share (N for 1-for-N)
        if fractional in ("cash_in_lieu", "round_down"):
            keep, lot = inverse, ROUND_LOT * inverse
        elif fractional == "round_up":
            keep, lot = Fraction(0), (ROUND_LOT - 1) * inverse
        elif fractional == "round_nearest":
            keep, lot = inverse / 2, (ROUND_LOT - Fraction(1, 2)) * inverse
        else:
            raise InputError("fractional", fractional, "use cash_in_lieu, round_down, round_up or round_nearest")
        keep = max(keep, Fraction(1)) if fractional != "round_up" else Fraction(0)
        public_after = _round_half_up(self.at_least(float(keep)))
        lots_before = _round_half_up(self.at_least(ROUND_LOT))
        lots_after = _round_half_up(self.at_least(float(lot)))
        ins = self.insider_holders
        return HolderEstimate(
            ratio=r,
            public_holders_before=self.holders,
            public_holders_after=public_after,
            total_holders_before=self.holders + ins,
            total_holders_after=public_after + ins,
            round_lot_holders_before=lots_before + ins,
            round_lot_holders_after=lots_after + ins,
        )

    def describe(self) -> str:
        """One line stating the estimate, for notes and reports."""
        if self.kind == "lognormal":
            return (
                f"estimated: {self.holders:,} public holders, log-normal positions with mean "
                f"{self.mean_shares:,.0f} shares and sigma {self.sigma:g} (an assumption, not holder data)"
            )
        return (
            f"estimated: {self.holders:,} public holders in {len(self.counts)} size brackets, "
            "positions log-uniform within each bracket"
        )


def _whole(value: object, name: str) -> int:
    return as_count(value, name)
