"""Options, warrants, convertibles and listed options through a split.

Under the usual plan and instrument terms (e.g. NeuroBo's press release of
Sep 12, 2022; Eden Bioscience's Form 8-K), shares issuable are
multiplied by the split factor and exercise or conversion prices divided by
it (1-for-25: shares / 25, price x 25). How the results are rounded is a plan
term, not a fact: the default rounds the share count down and the exercise
price up to the cent (the holder is never better off), and each
:class:`StockOption` carries its own terms and says which it used. EntreMed's
FAQ on its 1-for-11 reverse split rounded shares to the nearest: 300,000 at
$0.40 became 27,273 at $4.40.

Warrants may carry no anti-dilution clause (``adjustment="none"``: nothing
changes), or a price reset: after the split the exercise price falls to a
post-split VWAP when that is lower, and the share count rises so that the
aggregate exercise price stays the same (``adjustment="price_reset"``; the
clause quoted in Cemtrex's 2024 PRE 14C, SEC accession 0001493152-24-041426).

Listed (exchange-traded) options follow OCC practice (By-Laws Art. VI,
Sec. 11A; SR-OCC-2006-01, approved Feb 8, 2007, Rel. 34-55258, 72 FR 7701,
govinfo.gov/content/pkg/FR-2007-02-16/html/E7-2792.htm):

* a split giving one or more whole new shares per old share (2-for-1, 3-for-1)
  multiplies the contracts and divides the strike, each contract still
  delivering 100 shares (3-for-1: an XYZ 60 option becomes three XYZ 20
  options; OCC memo of Jan 9, 2006);
* any other split (3-for-2, reverse splits) keeps contracts, strike and the
  100 multiplier and changes the *deliverable*: ``deliverable x factor`` new
  shares, whole shares plus cash in lieu of a fraction (3-for-2: 150 shares
  at the same strike, the aggregate price still strike x 100; 1-for-30:
  3 shares plus cash for 1/3 share, OCC memo #40016);
* a contract already adjusted (12 shares + cash, multiplier 100) is adjusted
  again through its deliverable: the deliverable and the multiplier are
  separate fields, and a cash leg stays as it was.
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
from .money import as_decimal, as_fraction, mixed_number, parse_rounding, quantize
from .ratio import SplitRatio
from .settlement import whole_shares

__all__ = ["Convertible", "ListedOption", "ListedOptionAdjustment", "StockOption"]

#: Where OCC's adjustment of listed options is laid down (shown with every adjusted contract).
OCC_CITE = "OCC By-Laws Art. VI, Sec. 11A; SR-OCC-2006-01, SEC Rel. 34-55258, 72 FR 7701"

ShareRounding = Literal["down", "up", "nearest"]
Adjustment = Literal["proportional", "none", "price_reset"]

_SHARE_TERMS = {"down": "rounded down", "up": "rounded up", "nearest": "rounded to the nearest whole share"}
_PRICE_TERMS = {
    decimal.ROUND_CEILING: "rounded up",
    decimal.ROUND_UP: "rounded up",
    decimal.ROUND_FLOOR: "rounded down",
    decimal.ROUND_DOWN: "rounded down",
    decimal.ROUND_HALF_UP: "rounded to the nearest (half up)",
    decimal.ROUND_HALF_EVEN: "rounded to the nearest (half to even)",
    decimal.ROUND_HALF_DOWN: "rounded to the nearest (half down)",
}


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
    share_rounding, price_rounding
        The plan's rounding terms: shares ``"down"`` (default), ``"up"`` or
        ``"nearest"`` (half up); the exercise price to the cent with a
        :mod:`decimal` mode (default ``ROUND_CEILING``, up).
    adjustment
        ``"proportional"`` (the usual anti-dilution terms), ``"none"`` (no
        anti-dilution clause: shares and price stay as they are) or
        ``"price_reset"`` (proportional, then the price is reset to
        ``reset_price`` when lower and the shares raised to keep the
        aggregate exercise price).
    reset_price
        For ``"price_reset"``: the post-split price the terms name (a VWAP).
    adjusted_by
        After :meth:`apply`: how the split was applied, in words (which
        rounding was used); empty before.
    """

    shares: int
    exercise_price: Decimal
    name: str = "options"
    kind: Literal["option", "warrant", "rsu"] = "option"
    share_rounding: ShareRounding = "down"
    price_rounding: str = decimal.ROUND_CEILING
    adjustment: Adjustment = "proportional"
    reset_price: Decimal | None = None
    adjusted_by: str = ""

    def __post_init__(self) -> None:
        _nonneg_int(self.shares, "shares")
        price = as_decimal(self.exercise_price, "exercise_price")
        if isinstance(self.exercise_price, Decimal):  # a Decimal keeps its places: 4.40 stays 4.40, not 4.4
            price = self.exercise_price
        object.__setattr__(self, "exercise_price", price)
        if self.exercise_price < 0:
            raise InputError("exercise_price", self.exercise_price, "must be >= 0")
        if self.share_rounding not in _SHARE_TERMS:
            raise InputError("share_rounding", self.share_rounding, "use 'down', 'up' or 'nearest'")
        object.__setattr__(self, "price_rounding", parse_rounding(self.price_rounding, "price_rounding"))
        if self.adjustment not in ("proportional", "none", "price_reset"):
            raise InputError("adjustment", self.adjustment, "use 'proportional', 'none' or 'price_reset'")
        if self.reset_price is not None:
            object.__setattr__(self, "reset_price", as_decimal(self.reset_price, "reset_price"))
            if self.reset_price <= 0:
                raise InputError("reset_price", self.reset_price, "must be positive")
        if self.adjustment == "price_reset" and self.reset_price is None:
            raise InputError("reset_price", None, "a price-reset warrant needs the reset price (the post-split VWAP)")

    def apply(
        self,
        ratio: SplitRatio,
        *,
        share_rounding: ShareRounding | None = None,
        price_rounding: str | None = None,
        places: int = 2,
    ) -> StockOption:
        """Restate for ``ratio``: ``shares x factor`` and ``price / factor``, per the terms.

        ``share_rounding`` / ``price_rounding`` override the plan's own terms
        (:attr:`share_rounding`, :attr:`price_rounding`); the result records
        the terms used and says so in :attr:`adjusted_by`.

        >>> o = StockOption(300_000, Decimal("0.40"), share_rounding="nearest").apply(SplitRatio(1, 11))
        >>> o.shares, o.exercise_price, o.adjusted_by
        (27273, Decimal('4.40'), 'shares rounded to the nearest whole share; exercise price rounded up to the cent')
        """
        how = self.share_rounding if share_rounding is None else share_rounding
        mode = parse_rounding(self.price_rounding if price_rounding is None else price_rounding, "price_rounding")
        unit = "cent" if places == 2 else f"{places} decimals"
        terms = f"shares {_SHARE_TERMS.get(how, how)}; exercise price {_PRICE_TERMS.get(mode, mode)} to the {unit}"
        if self.adjustment == "none":
            return replace(self, share_rounding=how, price_rounding=mode, adjusted_by="not adjusted (no anti-dilution)")
        shares = _round_shares(self.shares * ratio.factor, how)
        exact_price = Fraction(self.exercise_price) / ratio.factor
        price = quantize(exact_price, places, mode)
        if self.adjustment == "price_reset":
            assert self.reset_price is not None  # checked in __post_init__
            reset = Fraction(self.reset_price)
            if reset < exact_price:
                aggregate = self.shares * Fraction(self.exercise_price)  # kept: shares x price before
                shares = _round_shares(aggregate / reset, how)
                price = self.reset_price  # the price the terms name, as stated
                terms = f"price reset to {self.reset_price}, shares raised to keep the aggregate price; {terms}"
            else:
                terms = f"reset price {self.reset_price} not below the adjusted price: proportional; {terms}"
        return replace(
            self, shares=shares, exercise_price=price, share_rounding=how, price_rounding=mode, adjusted_by=terms
        )


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
    per the typical anti-dilution clause (marked uncertain: the sources read
    do not settle the exact clause; read the instrument).
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
        ``principal x factor / conversion_price`` shares.

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
    """An OCC-adjusted listed option position after a split.

    Attributes
    ----------
    strike, contracts, multiplier
        After the adjustment: unchanged, except that a whole-share forward
        split multiplies ``contracts`` and divides ``strike``.
    deliverable_exact
        New shares per contract, exactly (``deliverable x factor``; unchanged
        when the contracts are multiplied).
    deliverable_shares
        The whole shares delivered per contract.
    cash_fraction
        The fraction of a new share settled in cash per contract.
    cash_in_lieu
        Cash per contract for that fraction, when a post-split price is given.
    method
        ``"contracts"`` (more contracts at a divided strike) or
        ``"deliverable"`` (the deliverable adjusted).
    strike_exact
        The adjusted strike as a Fraction (``strike`` shows it to 3 decimals).
    deliverable_cash
        Cash already in the deliverable before this split, per contract,
        carried unchanged.
    """

    strike: Decimal
    contracts: int
    multiplier: int
    deliverable_exact: Fraction
    deliverable_shares: int
    cash_fraction: Fraction
    cash_in_lieu: Decimal | None
    method: str = "deliverable"
    strike_exact: Fraction | None = None
    deliverable_cash: Decimal = Decimal(0)

    @property
    def describe(self) -> str:
        """The adjusted terms in words (money keeps its cents, no ``0 1/3``)."""
        if self.method == "contracts":
            each = f"{self.deliverable_shares} shares each"
            return f"{self.contracts:,} contracts at strike {self.strike}, {each} ({OCC_CITE})"
        parts = [f"{self.deliverable_shares} shares"]
        if self.cash_fraction:
            cash = "" if self.cash_in_lieu is None else f" (${self.cash_in_lieu})"
            parts.append(f"cash for {mixed_number(self.cash_fraction)} share{cash}")
        if self.deliverable_cash:
            parts.append(f"${self.deliverable_cash} cash carried")
        return " + ".join(parts) + f"; strike {self.strike} and multiplier {self.multiplier} unchanged ({OCC_CITE})"


@dataclass(frozen=True)
class ListedOption:
    """Exchange-listed option contracts on the stock (OCC adjusted).

    Parameters
    ----------
    strike
        Strike price per share.
    contracts
        Open contracts.
    multiplier
        The premium / strike multiplier (100): the aggregate exercise price is
        ``strike x multiplier``.
    deliverable
        Shares delivered per contract; ``None`` means ``multiplier`` (a
        standard contract). An adjusted contract may deliver 12 shares.
    deliverable_cash
        Cash delivered per contract beside the shares (an earlier cash in
        lieu), in dollars.
    """

    strike: Decimal
    contracts: int = 1
    multiplier: int = 100
    deliverable: int | None = None
    deliverable_cash: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "strike", as_decimal(self.strike, "strike"))
        _nonneg_int(self.contracts, "contracts")
        if _nonneg_int(self.multiplier, "multiplier") == 0:
            raise InputError("multiplier", self.multiplier, "must be positive")
        if self.deliverable is not None:
            _nonneg_int(self.deliverable, "deliverable")
        object.__setattr__(self, "deliverable_cash", as_decimal(self.deliverable_cash, "deliverable_cash"))
        if self.deliverable_cash < 0:
            raise InputError("deliverable_cash", self.deliverable_cash, "must be >= 0")

    @property
    def is_standard(self) -> bool:
        """Delivers ``multiplier`` shares and no cash (not adjusted before)."""
        return (self.deliverable is None or self.deliverable == self.multiplier) and not self.deliverable_cash

    def apply(
        self, ratio: SplitRatio, *, post_price: object = None, rounding: str = decimal.ROUND_HALF_UP
    ) -> ListedOptionAdjustment:
        """OCC adjustment for ``ratio``.

        A standard contract in a split of ``k`` whole new shares per old share
        becomes ``k`` contracts at ``strike / k`` (2-for-1: two contracts at
        half the strike, 100 shares each). Otherwise the deliverable becomes
        ``deliverable x factor`` shares: the whole shares, plus cash in lieu
        of the fraction priced at ``post_price`` (per new share) to the cent.

        >>> a = ListedOption(Decimal("1")).apply(SplitRatio(1, 30))
        >>> a.deliverable_shares, a.cash_fraction
        (3, Fraction(1, 3))
        >>> b = ListedOption(Decimal("50")).apply(SplitRatio(2, 1))
        >>> b.contracts, b.strike, b.deliverable_shares
        (2, Decimal('25.000'), 100)
        """
        base = self.multiplier if self.deliverable is None else self.deliverable
        whole_forward = ratio.new % ratio.old == 0 and ratio.new > ratio.old
        if whole_forward and self.is_standard:
            k = ratio.new // ratio.old
            strike_exact = Fraction(self.strike) / k
            return ListedOptionAdjustment(
                strike=quantize(strike_exact, 3),
                contracts=self.contracts * k,
                multiplier=self.multiplier,
                deliverable_exact=Fraction(base),
                deliverable_shares=base,
                cash_fraction=Fraction(0),
                cash_in_lieu=None,
                method="contracts",
                strike_exact=strike_exact,
            )
        exact = base * ratio.factor
        whole = math.floor(exact)
        frac = exact - whole
        cash = None
        if post_price is not None and frac:
            cash = quantize(frac * as_fraction(post_price, "post_price"), 2, parse_rounding(rounding))
        elif post_price is not None:
            cash = Decimal("0.00")
        return ListedOptionAdjustment(
            strike=self.strike,
            contracts=self.contracts,
            multiplier=self.multiplier,
            deliverable_exact=exact,
            deliverable_shares=whole,
            cash_fraction=frac,
            cash_in_lieu=cash,
            method="deliverable",
            strike_exact=Fraction(self.strike),
            deliverable_cash=self.deliverable_cash,
        )

    def then(self, adjustment: ListedOptionAdjustment) -> ListedOption:
        """The contract as it stands after ``adjustment``, ready to be adjusted again.

        The cash in lieu joins the deliverable's cash leg (0 when not priced).
        """
        extra = adjustment.cash_in_lieu or Decimal(0)
        if adjustment.method == "contracts":
            return ListedOption(adjustment.strike, adjustment.contracts, adjustment.multiplier)
        return ListedOption(
            adjustment.strike,
            adjustment.contracts,
            adjustment.multiplier,
            deliverable=adjustment.deliverable_shares,
            deliverable_cash=self.deliverable_cash + extra,
        )
