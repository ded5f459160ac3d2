"""Options, warrants, convertibles and listed options through a split.

Rules.md §6: under the usual plan and instrument terms, shares issuable are
multiplied by the split factor and exercise or conversion prices divided by
it (1-for-25: shares / 25, price x 25). Plans typically round the share count
down and the exercise price up to the cent, so that the holder is never
better off; both roundings are parameters here.

Listed (exchange-traded) options follow OCC practice instead: strike, number
of contracts and the 100 multiplier stay the same and the *deliverable*
becomes ``100 x factor`` new shares, whole shares plus cash in lieu of the
fraction (rules.md §6, OCC memo #40016: 1-for-30 -> 3 shares plus cash for
0.3333 share).
"""

from __future__ import annotations

import copy
import decimal
import math
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar, Literal

from .coerce import as_count
from .errors import InputError
from .money import as_decimal, as_fraction, parse_rounding, quantize
from .ratio import SplitRatio
from .settlement import whole_shares

__all__ = ["Convertible", "ListedOption", "ListedOptionAdjustment", "StockOption"]

ShareRounding = Literal["down", "up", "nearest"]


def _round_shares(value: Fraction, how: ShareRounding) -> int:
    if how not in ("down", "up", "nearest"):
        raise InputError("share_rounding", how, "use 'down', 'up' or 'nearest'")
    return whole_shares(value, how)  # "nearest": half up, as plans write "nearest whole share"


def _nonneg_int(value: object, name: str) -> int:
    return as_count(value, name, what="a whole number >= 0")


@dataclass(frozen=True)
class StockOption:
    """A block of employee options, warrants or RSUs on common shares.

    Parameters
    ----------
    shares
        Shares issuable on exercise (whole number).
    exercise_price
        Exercise price per share (``Decimal``; 0 for RSUs).
    name
        Label shown in tables ("2000 Stock Plan", "Series A warrants").
    kind
        ``"option"``, ``"warrant"`` or ``"rsu"``.
    """

    shares: int
    exercise_price: Decimal
    name: str = "options"
    kind: Literal["option", "warrant", "rsu"] = "option"

    def __post_init__(self) -> None:
        _nonneg_int(self.shares, "shares")
        object.__setattr__(self, "exercise_price", as_decimal(self.exercise_price, "exercise_price"))
        if self.exercise_price < 0:
            raise InputError("exercise_price", self.exercise_price, "must be >= 0")

    def apply(
        self,
        ratio: SplitRatio,
        *,
        share_rounding: ShareRounding = "down",
        price_rounding: str = decimal.ROUND_CEILING,
        places: int = 2,
    ) -> StockOption:
        """Restate for ``ratio``: ``shares x factor`` and ``price / factor``.

        Defaults follow the usual plan terms: shares rounded down, exercise
        price rounded up to the cent.
        """
        shares = _round_shares(self.shares * ratio.factor, share_rounding)
        price = quantize(Fraction(self.exercise_price) / ratio.factor, places, parse_rounding(price_rounding))
        return replace(self, shares=shares, exercise_price=price)


@dataclass(frozen=True)
class Convertible:
    """Convertible notes or preferred stock.

    Parameters
    ----------
    principal
        Face amount outstanding (``Decimal``).
    conversion_price
        Price per common share at which the principal converts.
    name
        Label shown in tables.

    Notes
    -----
    The conversion rate (shares per $1,000 of principal) is
    ``1000 / conversion_price``; after a split the conversion price is divided
    by the factor (x ratio for a reverse split) and the rate multiplied by it,
    per the typical anti-dilution clause (rules.md §6 marks the exact clause
    UNCERTAIN: read the instrument).
    """

    principal: Decimal
    conversion_price: Decimal
    name: str = "convertible"

    #: The exact restated conversion price when ``conversion_price`` shows it
    #: rounded (set by :meth:`apply`; not a field, so ``replace`` and the
    #: constructor start from the displayed price).
    _exact_price: ClassVar[Fraction | None] = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "principal", as_decimal(self.principal, "principal"))
        object.__setattr__(self, "conversion_price", as_decimal(self.conversion_price, "conversion_price"))
        if self.conversion_price <= 0:
            raise InputError("conversion_price", self.conversion_price, "must be positive")
        if self.principal < 0:
            raise InputError("principal", self.principal, "must be >= 0")

    @property
    def conversion_price_exact(self) -> Fraction:
        """The conversion price as an exact Fraction (after a split: ``price / factor``, unrounded)."""
        exact = self._exact_price
        return Fraction(self.conversion_price) if exact is None else exact

    @property
    def conversion_rate(self) -> Fraction:
        """Shares per $1,000 of principal, exactly."""
        return Fraction(1000) / self.conversion_price_exact

    @property
    def underlying_shares(self) -> int:
        """Whole shares issuable on full conversion (rounded down): ``floor(principal / price)``.

        Uses the exact conversion price, so a split conserves the count up to
        the rounding down: 3-for-1 on $1,000,000 at $1.00 gives 3,000,000, not
        ``1,000,000 / 0.3333``.
        """
        return math.floor(Fraction(self.principal) / self.conversion_price_exact)

    def apply(self, ratio: SplitRatio, *, price_rounding: str = decimal.ROUND_HALF_UP, places: int = 4) -> Convertible:
        """Restate for ``ratio``: conversion price divided by the factor.

        ``conversion_price`` of the result is rounded to ``places`` with
        ``price_rounding`` for display; the shares issuable and the conversion
        rate come from the exact price ``conversion_price / factor``, i.e.
        ``principal x factor / conversion_price`` shares (rules.md §6).

        >>> c = Convertible(Decimal("1000000"), Decimal("1.00")).apply(SplitRatio(3, 7))
        >>> c.conversion_price, c.underlying_shares  # 1,000,000 x 3/7 = 428,571.43
        (Decimal('2.3333'), 428571)
        """
        exact = self.conversion_price_exact / ratio.factor
        price = quantize(exact, places, parse_rounding(price_rounding))
        # copied and set, not validated again: a tiny exact price may show as 0.0000, but it is positive
        out = copy.copy(self)
        object.__setattr__(out, "conversion_price", price)
        object.__setattr__(out, "_exact_price", None if Fraction(price) == exact else exact)
        return out


@dataclass(frozen=True)
class ListedOptionAdjustment:
    """An OCC-adjusted listed option contract after a split.

    Attributes
    ----------
    strike, contracts, multiplier
        Unchanged by the adjustment.
    deliverable_exact
        ``multiplier x factor`` new shares per contract, exactly.
    deliverable_shares
        The whole shares delivered per contract.
    cash_fraction
        The fraction of a new share settled in cash per contract.
    cash_in_lieu
        Cash per contract for that fraction, when a post-split price is given.
    """

    strike: Decimal
    contracts: int
    multiplier: int
    deliverable_exact: Fraction
    deliverable_shares: int
    cash_fraction: Fraction
    cash_in_lieu: Decimal | None


@dataclass(frozen=True)
class ListedOption:
    """Exchange-listed option contracts on the stock (OCC adjusted).

    Parameters
    ----------
    strike
        Strike price per share, unchanged by the adjustment.
    contracts
        Open contracts (unchanged).
    multiplier
        Shares per contract before the split (100).
    """

    strike: Decimal
    contracts: int = 1
    multiplier: int = 100

    def __post_init__(self) -> None:
        object.__setattr__(self, "strike", as_decimal(self.strike, "strike"))
        _nonneg_int(self.contracts, "contracts")
        if _nonneg_int(self.multiplier, "multiplier") == 0:
            raise InputError("multiplier", self.multiplier, "must be positive")

    def apply(
        self, ratio: SplitRatio, *, post_price: object = None, rounding: str = decimal.ROUND_HALF_UP
    ) -> ListedOptionAdjustment:
        """OCC adjustment: deliverable ``multiplier x factor`` shares per contract.

        ``post_price`` (per new share) prices the cash in lieu of the
        fractional share, to the cent.

        >>> a = ListedOption(Decimal("1")).apply(SplitRatio(1, 30))
        >>> a.deliverable_shares, a.cash_fraction
        (3, Fraction(1, 3))
        """
        exact = self.multiplier * ratio.factor
        whole = math.floor(exact)
        frac = exact - whole
        cash = None
        if post_price is not None:
            cash = quantize(frac * as_fraction(post_price, "post_price"), 2, parse_rounding(rounding))
        return ListedOptionAdjustment(
            strike=self.strike,
            contracts=self.contracts,
            multiplier=self.multiplier,
            deliverable_exact=exact,
            deliverable_shares=whole,
            cash_fraction=frac,
            cash_in_lieu=cash,
        )
