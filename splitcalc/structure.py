"""A company's capital structure and what a split does to it.

Share counts are Python ints, per-share amounts Decimals, and the split
arithmetic runs on exact Fractions:

* shares (outstanding, authorised if reduced, treasury, insiders, reserved)
  are multiplied by the factor ``new / old``;
* per-share figures (price, EPS, book value, dividend, par if changed) are
  divided by it, so market capitalisation is conserved exactly;
* option and warrant shares / exercise prices and conversion prices follow the
  instruments' terms (:mod:`splitcalc.securities`).

Whole-share outcomes depend on how each holder's fraction is settled, which
only holder data can tell (:mod:`splitcalc.holdings`); this module states the
exact entitlement and the aggregate figure under each fractional policy.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, ClassVar, Final, Literal

from ._display import FrameDisplay
from .cashprice import CashPrice, resolve_cash_price
from .coerce import as_count, derived
from .errors import InputError
from .money import as_decimal, exact_product, keep_cents, mixed_number, parse_rounding, quantize
from .names import check_label
from .ratio import SplitRatio
from .securities import Convertible, ListedOption, ListedOptionAdjustment, StockOption
from .settlement import FRACTIONAL_POLICIES, PER_OLD_SHARE_BASES, FractionalPolicy, PriceBasis, whole_shares

if TYPE_CHECKING:
    import pandas as pd

    from ._types import CashPriceLike, RatioLike
__all__ = [
    "PRICE_THRESHOLDS",
    "CapitalStructure",
    "PriceThreshold",
    "SplitEffect",
    "ThresholdCrossing",
]


@dataclass(frozen=True)
class PriceThreshold:
    """A price level a split is often meant to cross, with its source."""

    level: Decimal
    name: str
    cite: str


#: Price levels flagged in every split result. The exchange-specific values
#: in force on a date live in :mod:`splitcalc.rules`; these are the headline
#: levels an analyst checks first.
PRICE_THRESHOLDS: Final = (
    PriceThreshold(
        Decimal("1.00"),
        "continued-listing minimum bid",
        "Nasdaq Rules 5550(a)(2) / 5450(a)(1) (listingcenter.nasdaq.com/rulebook/nasdaq/rules/nasdaq-5500-series); "
        "NYSE Listed Company Manual 802.01C",
    ),
    PriceThreshold(
        Decimal("4.00"),
        "initial-listing minimum bid (uplisting)",
        "Nasdaq Rules 5505(a)(1) / 5405(a) (listingcenter.nasdaq.com/rulebook/nasdaq/rules/nasdaq-5500-series, "
        "nasdaq-5400-series)",
    ),
    PriceThreshold(
        Decimal("5.00"),
        "penny-stock line; many institutional mandates",
        # "Price of five dollars or more" exclusion from the penny-stock definition
        # (17 CFR 240.3a51-1; text at content.lawyerlinks.com). Exchange-listed NMS
        # stocks are excluded anyway; the line matters to brokers and mandates.
        "Exchange Act Rule 3a51-1 ($5 exclusion), 17 CFR 240.3a51-1",
    ),
)

#: Nasdaq Listing Rule 5635(d): stockholder approval is needed before a
#: non-public-offering issuance, below the "Minimum Price", of 20% or more of
#: the common stock (or voting power) outstanding before the issuance. Minimum
#: Price = the lower of the closing price before signing and the five-trading-day
#: average close (Nasdaq FAQ 271, listingcenter.nasdaq.com; the book-value leg
#: was dropped effective Sep 26, 2018, securities-law-blog.com, tag rule-5635).
TWENTY_PERCENT: Final = Fraction(1, 5)
TWENTY_PERCENT_CITE: Final = "Nasdaq Rule 5635(d)"


def _count(value: object, name: str, *, allow_none: bool = False) -> int | None:
    if value is None and allow_none:
        return None
    return as_count(value, name, what="a whole number of shares")  # numpy integers and text too; not bools


def _amount(value: object, name: str) -> Decimal | None:
    return None if value is None else as_decimal(value, name)


def _restate(value: Decimal | Fraction | None, ratio: SplitRatio, places: int) -> Decimal | None:
    """Per-share amount after the split: ``value / factor``, exact if it terminates."""
    if value is None:
        return None
    exact = Fraction(value) / ratio.factor
    try:
        return as_decimal(exact, "value")
    except InputError:
        return quantize(exact, places, decimal.ROUND_HALF_UP)


def _restate_price(value: Fraction | None, ratio: SplitRatio, places: int) -> Decimal | None:
    """The post-split price as shown: :func:`_restate`, but never rounded up onto a threshold it misses.

    $0.29999 after a 3-for-10 split is $0.99996666...: half-up to four places
    that is $1.0000, which reads as meeting the $1.00 minimum bid it does not
    meet. When the exact price is below a level of :data:`PRICE_THRESHOLDS`
    and the rounded one is not, it is rounded down instead ($0.9999). The
    exact price (``price_exact``) is what every test and figure uses.
    """
    shown = _restate(value, ratio, places)
    if value is None or shown is None:
        return shown
    exact = Fraction(value) / ratio.factor
    if any(exact < t.level <= shown for t in PRICE_THRESHOLDS):
        return quantize(exact, places, decimal.ROUND_DOWN)
    return shown


@dataclass(frozen=True)
class CapitalStructure:
    """Share counts and per-share figures of one class of common stock.

    Parameters
    ----------
    outstanding
        Shares issued and outstanding (excluding treasury shares).
    authorized
        Shares authorised by the charter, if known.
    treasury
        Issued shares held in treasury (not outstanding).
    reserved
        Shares reserved for issuance (option plans, warrants, convertibles).
        ``None`` derives it from ``options`` and ``convertibles``.
    insiders
        Shares held by officers, directors and holders of more than 10%
        (Nasdaq excludes these from publicly held shares: Nasdaq listing
        requirements as summarised by Cooley PubCo, 2019).
    par
        Par value per share.
    price
        Market price per share (the last close, as a proxy for the closing bid).
        After a split whose restated price has no finite decimal (17/30),
        ``price`` shows it rounded; :attr:`market_cap` and
        :attr:`public_float_value` still use the exact price.
    eps, book_value, dividend
        Earnings, book value and dividend per share.
    options, convertibles, listed_options
        Outstanding instruments restated by the split.
    name
        Company name, for tables and reports.

    Examples
    --------
    >>> cap = CapitalStructure(outstanding=39_752_812, price=Decimal("0.17"))
    >>> cap.market_cap
    Decimal('6757978.04')
    """

    outstanding: int
    authorized: int | None = None
    treasury: int = 0
    reserved: int | None = None
    insiders: int = 0
    par: Decimal | None = None
    price: Decimal | None = None
    eps: Decimal | None = None
    book_value: Decimal | None = None
    dividend: Decimal | None = None
    options: tuple[StockOption, ...] = ()
    convertibles: tuple[Convertible, ...] = ()
    listed_options: tuple[ListedOption, ...] = ()
    name: str = ""

    #: The exact post-split price when ``price`` shows it rounded (set by
    #: :meth:`apply`; not a field, so ``replace`` and :meth:`with_price` start
    #: from the displayed price).
    _exact_price: ClassVar[Fraction | None] = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        check_label(self.name, "name")
        set_(self, "outstanding", _count(self.outstanding, "outstanding"))
        set_(self, "authorized", _count(self.authorized, "authorized", allow_none=True))
        set_(self, "treasury", _count(self.treasury, "treasury"))
        set_(self, "reserved", _count(self.reserved, "reserved", allow_none=True))
        set_(self, "insiders", _count(self.insiders, "insiders"))
        for name in ("par", "price", "eps", "book_value", "dividend"):
            set_(self, name, _amount(getattr(self, name), name))
        for name in ("par", "price"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise InputError(name, value, "must be >= 0")
        set_(self, "options", tuple(self.options))
        set_(self, "convertibles", tuple(self.convertibles))
        set_(self, "listed_options", tuple(self.listed_options))
        if self.insiders > self.outstanding:
            raise InputError("insiders", self.insiders, f"exceeds outstanding shares ({self.outstanding:,})")
        if self.authorized is not None and self.outstanding + self.treasury > self.authorized:
            raise InputError(
                "authorized",
                self.authorized,
                f"is less than issued shares ({self.outstanding + self.treasury:,})",
            )

    # ----------------------------------------------------------- derived
    @property
    def reserved_total(self) -> int:
        """Reserved shares: as given, else the shares underlying the instruments."""
        if self.reserved is not None:
            return self.reserved
        return sum(o.shares for o in self.options) + sum(c.underlying_shares for c in self.convertibles)

    @property
    def issued(self) -> int:
        """Outstanding plus treasury shares."""
        return self.outstanding + self.treasury

    @property
    def publicly_held(self) -> int:
        """Outstanding shares not held by insiders (Nasdaq's "publicly held shares")."""
        return self.outstanding - self.insiders

    @property
    def available_for_issuance(self) -> int | None:
        """``authorized - outstanding - reserved``: headroom for new issuance.

        Treasury shares may be reissued without using authorised capacity, so
        they do not reduce the headroom. ``None`` when ``authorized`` is unknown.
        """
        if self.authorized is None:
            return None
        return self.authorized - self.outstanding - self.reserved_total

    @property
    def twenty_percent_threshold(self) -> int:
        """Shares at which Nasdaq Rule 5635(d) requires a stockholder vote.

        Issuing ``ceil(outstanding / 5)`` or more shares below the Minimum
        Price needs approval; one share fewer is the most that does not.
        """
        return math.ceil(self.outstanding * TWENTY_PERCENT)

    @property
    def price_exact(self) -> Fraction | None:
        """The price as an exact Fraction (after a split: ``price / factor``, unrounded)."""
        if self.price is None:
            return None
        exact = self._exact_price
        return Fraction(self.price) if exact is None else exact

    def _value_of(self, shares: int) -> Decimal | None:
        """``shares x price``: exact, or to the cent (half up) when the exact price has no finite decimal."""
        if self.price is None:
            return None
        exact = self._exact_price
        if exact is None:
            return exact_product(self.price, shares)
        return quantize(exact * shares, 2, decimal.ROUND_HALF_UP)

    @property
    def market_cap(self) -> Decimal | None:
        """``outstanding x price``, exactly (any length: no 28-digit context rounding).

        After a split whose exact price has no finite decimal, the product of
        the exact price, to the cent (half up).
        """
        return self._value_of(self.outstanding)

    @property
    def public_float_value(self) -> Decimal | None:
        """Market value of publicly held shares (MVPHS), ``publicly_held x price``.

        Exact like :attr:`market_cap`; from the exact post-split price, never
        the rounded one (1,764,700 x 17/30 = $999,996.67, where the rounded
        $0.5667 would give $1,000,055.49 and pass a $1M test).
        """
        return self._value_of(self.publicly_held)

    def with_price(self, price: object) -> CapitalStructure:
        """A copy with another market price."""
        return replace(self, price=as_decimal(price, "price"))

    # ------------------------------------------------------------- split
    def apply(
        self,
        ratio: RatioLike,
        *,
        authorized: Literal["unchanged", "proportional"] | int = "unchanged",
        par: Literal["unchanged", "proportional"] = "unchanged",
        fractional: FractionalPolicy = "cash_in_lieu",
        per_share_places: int = 4,
        option_share_rounding: Literal["down", "up", "nearest"] | None = None,
        option_price_rounding: str | None = None,
        price_basis: PriceBasis = "theoretical",
        cash_price: CashPriceLike | None = None,
        price_source: str | None = None,
        effective_date: dt.date | str | None = None,
        average_days: int | None = None,
    ) -> SplitEffect:
        """Apply a split and return the before / after comparison.

        Parameters
        ----------
        ratio
            A :class:`SplitRatio` or anything :meth:`SplitRatio.parse` reads.
        authorized
            ``"unchanged"`` keeps the charter's authorised shares (headroom
            grows, as NeuroBo did), ``"proportional"`` reduces them by the
            factor (as comScore proposed in its DEF 14A); a whole number is
            the count the charter amendment states (Chesapeake's 1-for-200
            split took 3,000,000,000 to 22,500,000).
        par
            Keep par value (NeoTherapeutics kept $0.001) or scale it.
        fractional
            Which policy the *after* share count assumes at the aggregate
            level: ``cash_in_lieu`` / ``round_down`` floor, ``round_up``
            ceils, ``round_nearest`` rounds half up. The company total is the
            sum over holders (see :meth:`splitcalc.Holdings.apply`).
        per_share_places
            Decimal places for restated per-share figures that do not
            terminate (forward splits by 3 and the like); exact otherwise.
        option_share_rounding, option_price_rounding
            Override every option's own rounding terms (by default each
            :class:`~splitcalc.securities.StockOption` uses its plan's terms:
            shares down, exercise price up to the cent unless stated).
        price_basis, cash_price, price_source, effective_date, average_days
            The cash-in-lieu price (:func:`splitcalc.cashprice.resolve_cash_price`):
            ``"theoretical"`` uses ``cash_price`` per old share, by default
            the structure's ``price``; ``"given"`` / ``"agent_sale"`` take
            ``cash_price`` per new share; ``"average"`` takes the closes as
            ``cash_price`` with ``effective_date`` and ``average_days``. The
            price and its source are shown; listed options' cash legs use it.

        Raises
        ------
        InputError
            No shares outstanding (nothing to split), an unknown policy, or
            a split that would leave more shares issued than authorised
            (a forward split, or rounding up, under unchanged or reduced
            authorised shares).
        """
        r = SplitRatio.parse(ratio)
        if self.outstanding == 0:
            raise InputError("outstanding", 0, "a company with no shares outstanding has nothing to split")
        if fractional not in FRACTIONAL_POLICIES:
            raise InputError("fractional", fractional, f"use one of {', '.join(FRACTIONAL_POLICIES)}")
        stated_authorized = authorized not in ("unchanged", "proportional")
        stated_count = 0
        if stated_authorized:  # a share count, read by the one door (numpy integers yes, bools and floats no)
            stated_count = as_count(
                authorized, "authorized", what="'unchanged', 'proportional' or a share count (a whole number >= 0)"
            )
        if par not in ("unchanged", "proportional"):
            raise InputError("par", par, "use 'unchanged' or 'proportional'")
        if option_share_rounding is not None and option_share_rounding not in _SHARE_ROUNDING_NOTES:
            raise InputError("option_share_rounding", option_share_rounding, "use 'down', 'up' or 'nearest'")
        price_mode = (
            None if option_price_rounding is None else parse_rounding(option_price_rounding, "option_price_rounding")
        )
        entitlement = self.outstanding * r.factor
        whole = {policy: whole_shares(entitlement, policy) for policy in FRACTIONAL_POLICIES}
        new_options = tuple(
            o.apply(r, share_rounding=option_share_rounding, price_rounding=price_mode) for o in self.options
        )
        new_convertibles = tuple(c.apply(r) for c in self.convertibles)
        new_reserved = None if self.reserved is None else math.floor(self.reserved * r.factor)
        new_authorized = self.authorized
        if stated_authorized:
            new_authorized = stated_count
        elif authorized == "proportional" and self.authorized is not None:
            new_authorized = math.floor(self.authorized * r.factor)
        new_treasury = math.floor(self.treasury * r.factor)
        issued_after = whole[fractional] + new_treasury
        if new_authorized is not None and issued_after > new_authorized:
            kept = {"proportional": "reduced by the ratio", "unchanged": "unchanged"}.get(str(authorized), "as stated")
            raise InputError(
                "authorized",
                self.authorized,
                f"the {r} split needs {issued_after:,} authorised shares (outstanding and treasury after it, "
                f"{fractional.replace('_', ' ')}) but only {new_authorized:,} would be authorised after it "
                f"({kept}); increase the authorised shares first",
            )
        with derived():  # post-split figures may pass the input bounds (1-for-10**39 of a $10**39 price)
            after = replace(
                self,
                outstanding=whole[fractional],
                authorized=new_authorized,
                treasury=new_treasury,
                reserved=new_reserved,
                insiders=math.floor(self.insiders * r.factor),
                par=_restate(self.par, r, 6) if par == "proportional" else self.par,
                price=_restate_price(self.price_exact, r, per_share_places),
                eps=_restate(self.eps, r, per_share_places),
                book_value=_restate(self.book_value, r, per_share_places),
                dividend=_restate(self.dividend, r, per_share_places),
                options=new_options,
                convertibles=new_convertibles,
            )
        price_before = self.price_exact
        price_exact = None if price_before is None else price_before / r.factor
        if price_exact is not None and after.price is not None and Fraction(after.price) != price_exact:
            object.__setattr__(after, "_exact_price", price_exact)  # money figures use it, not the rounded price
        if cash_price is None and price_basis in PER_OLD_SHARE_BASES and price_basis != "average":
            cash_price = price_before
        cil = resolve_cash_price(
            cash_price, price_basis, effective_date=effective_date, average_days=average_days, source=price_source
        )
        cil_per_new = None if cil is None else cil.per_new_share(r)
        listed = tuple(lo.apply(r, post_price=cil_per_new) for lo in self.listed_options)
        return SplitEffect(
            ratio=r,
            before=self,
            after=after,
            fractional=fractional,
            outstanding_entitlement=entitlement,
            outstanding_by_policy=whole,
            publicly_held_entitlement=self.publicly_held * r.factor,
            price_after_exact=price_exact,
            listed_options=listed,
            option_share_rounding=option_share_rounding or "plan terms",
            option_price_rounding=price_mode or "plan terms",
            cash_price=cil,
            authorized_policy="stated" if stated_authorized else str(authorized),
        )


_AUTHORIZED_NOTES: Final = {
    "unchanged": "unchanged by the split",
    "proportional": "reduced by the ratio",
    "stated": "as stated for after the split",
}
_SHARE_ROUNDING_NOTES: Final = {
    "down": "rounded down",
    "up": "rounded up",
    "nearest": "rounded to the nearest whole share (half up)",
}
_PRICE_ROUNDING_NOTES: Final = {
    decimal.ROUND_CEILING: "rounded up to the cent",
    decimal.ROUND_UP: "rounded up to the cent",
    decimal.ROUND_FLOOR: "rounded down to the cent",
    decimal.ROUND_DOWN: "rounded down to the cent",
    decimal.ROUND_HALF_UP: "rounded to the nearest cent (half up)",
    decimal.ROUND_HALF_EVEN: "rounded to the nearest cent (half to even)",
    decimal.ROUND_HALF_DOWN: "rounded to the nearest cent (half down)",
}


@dataclass(frozen=True)
class ThresholdCrossing:
    """Whether the price meets a threshold before and after the split."""

    threshold: PriceThreshold
    before: bool | None
    after: bool | None

    @property
    def crossed(self) -> str:
        """``"up"``, ``"down"`` or ``""`` (no change or unknown)."""
        if self.before is None or self.after is None or self.before == self.after:
            return ""
        return "up" if self.after else "down"


@dataclass(frozen=True)
class SplitEffect(FrameDisplay):
    """The before / after comparison returned by :meth:`CapitalStructure.apply`.

    Attributes
    ----------
    ratio
        The split applied.
    before, after
        The capital structure before and after. ``after.outstanding`` is the
        aggregate whole-share count under ``fractional``.
    outstanding_entitlement
        ``outstanding x factor``: the exact post-split entitlement, before any
        holder's fraction is settled.
    outstanding_by_policy
        The aggregate whole-share count under each fractional policy, as if
        all shares were in one position. With many holders the true total is
        at most this for cash in lieu / round down and at least this for round
        up; :meth:`splitcalc.Holdings.apply` computes it exactly.
    publicly_held_entitlement
        Publicly held shares after the split, exactly (less any cash-outs).
    price_after_exact
        Theoretical post-split price ``price / factor`` as a Fraction.
    listed_options
        OCC-adjusted listed option contracts.
    option_share_rounding, option_price_rounding
        The plan terms the options were restated with (shown in the notes).
    cash_price
        The cash-in-lieu price, its basis and source (None without a price).
    authorized_policy
        ``unchanged``, ``proportional`` or ``stated`` (a count given).
    """

    ratio: SplitRatio
    before: CapitalStructure
    after: CapitalStructure
    fractional: str
    outstanding_entitlement: Fraction
    outstanding_by_policy: Mapping[str, int]
    publicly_held_entitlement: Fraction
    price_after_exact: Fraction | None
    listed_options: tuple[ListedOptionAdjustment, ...] = field(default=())
    option_share_rounding: str = "down"
    option_price_rounding: str = decimal.ROUND_CEILING
    cash_price: CashPrice | None = None
    authorized_policy: str = "unchanged"

    # --------------------------------------------------------- headline
    @property
    def price_before(self) -> Decimal | None:
        """Pre-split price per share."""
        return self.before.price

    @property
    def price_after(self) -> Decimal | None:
        """Theoretical post-split price (exact when it terminates)."""
        return self.after.price

    @property
    def market_cap_before(self) -> Fraction | None:
        """``outstanding x price`` before the split, exactly."""
        p = self.before.price_exact
        return None if p is None else self.before.outstanding * p

    @property
    def market_cap_after(self) -> Fraction | None:
        """``entitlement x theoretical price``: equal to the value before, exactly."""
        if self.price_after_exact is None:
            return None
        return self.outstanding_entitlement * self.price_after_exact

    @property
    def public_float_value_before(self) -> Fraction | None:
        """Market value of publicly held shares before the split, exactly."""
        p = self.before.price_exact
        return None if p is None else self.before.publicly_held * p

    @property
    def public_float_value_after(self) -> Fraction | None:
        """``publicly_held after x exact post-split price``: MVPHS from the unrounded price."""
        if self.price_after_exact is None:
            return None
        return self.after.publicly_held * self.price_after_exact

    @property
    def thresholds(self) -> tuple[ThresholdCrossing, ...]:
        """Each price level in :data:`PRICE_THRESHOLDS`, met before / after."""
        out = []
        for t in PRICE_THRESHOLDS:
            p = self.before.price_exact
            before = None if p is None else p >= t.level
            after = None if self.price_after_exact is None else self.price_after_exact >= t.level
            out.append(ThresholdCrossing(t, before, after))
        return tuple(out)

    @property
    def change(self) -> dict[str, int | Decimal | None]:
        """After minus before for each share count and the price."""
        b, a = self.before, self.after

        def diff(x: int | Decimal | None, y: int | Decimal | None) -> int | Decimal | None:
            return None if x is None or y is None else y - x

        return {
            "outstanding": diff(b.outstanding, a.outstanding),
            "authorized": diff(b.authorized, a.authorized),
            "reserved": diff(b.reserved_total, a.reserved_total),
            "publicly_held": diff(b.publicly_held, a.publicly_held),
            "available_for_issuance": diff(b.available_for_issuance, a.available_for_issuance),
            "price": diff(b.price, a.price),
        }

    # -------------------------------------------------------------- views
    def _title(self) -> str:
        who = f"{self.before.name}: " if self.before.name else ""
        return f"{who}{self.ratio} {'reverse ' if self.ratio.is_reverse else ''}split"

    def rows(self) -> list[tuple[str, object, object, str]]:
        """``(metric, before, after, note)`` rows behind :meth:`to_frame`."""
        b, a = self.before, self.after
        rows: list[tuple[str, object, object, str]] = [
            (
                "Shares outstanding",
                b.outstanding,
                a.outstanding,
                f"exact entitlement {mixed_number(self.outstanding_entitlement)}; "
                f"aggregate {self.fractional.replace('_', ' ')} (holder data gives the exact total)",
            ),
            ("Shares authorized", b.authorized, a.authorized, _AUTHORIZED_NOTES.get(self.authorized_policy, "")),
            ("Shares reserved", b.reserved_total, a.reserved_total, "options, warrants, convertibles"),
            ("Treasury shares", b.treasury, a.treasury, ""),
            ("Insider shares", b.insiders, a.insiders, "officers, directors, >10% holders"),
            ("Publicly held shares", b.publicly_held, a.publicly_held, "outstanding less insiders"),
            (
                "Available for issuance",
                b.available_for_issuance,
                a.available_for_issuance,
                "authorized - outstanding - reserved",
            ),
            (
                "20% issuance threshold",
                b.twenty_percent_threshold,
                a.twenty_percent_threshold,
                f"{TWENTY_PERCENT_CITE}: vote needed at or above",
            ),
            ("Price per share", b.price, a.price, "theoretical: price x old / new"),
            (
                "Cash-in-lieu price per new share",
                None,
                None if self.cash_price is None else _money(self.cash_price.per_new_share(self.ratio)),
                "" if self.cash_price is None else f"{self.cash_price.basis}: {self.cash_price.source}",
            ),
            ("Market capitalisation", _money(self.market_cap_before), _money(self.market_cap_after), "conserved"),
            (
                "Market value of public float",
                _money(self.public_float_value_before),
                _money(self.public_float_value_after),
                "MVPHS, from the exact price",
            ),
            ("EPS", b.eps, a.eps, "restated for all periods (ASC 260-10-55-12)"),
            ("Book value per share", b.book_value, a.book_value, ""),
            ("Dividend per share", b.dividend, a.dividend, ""),
            ("Par value", b.par, a.par, ""),
        ]
        for ob, oa in zip(b.options, a.options, strict=True):
            if oa.adjustment != "proportional":  # no anti-dilution, or a price reset: said as such
                share_note = price_note = oa.adjusted_by
            else:
                share_note = _SHARE_ROUNDING_NOTES.get(oa.share_rounding, oa.share_rounding)
                price_note = _PRICE_ROUNDING_NOTES.get(oa.price_rounding, oa.price_rounding)
            rows.append((f"{ob.name}: shares", ob.shares, oa.shares, share_note))
            rows.append((f"{ob.name}: exercise price", ob.exercise_price, oa.exercise_price, price_note))
        for cb, ca in zip(b.convertibles, a.convertibles, strict=True):
            rows.append((f"{cb.name}: conversion price", cb.conversion_price, ca.conversion_price, ""))
            rows.append((f"{cb.name}: shares on conversion", cb.underlying_shares, ca.underlying_shares, ""))
        for lb, lo in zip(b.listed_options, self.listed_options, strict=True):
            if lo.method == "contracts":
                rows.append((f"Listed option (strike {lb.strike}): contracts", lb.contracts, lo.contracts, lo.describe))
            else:
                before = lb.multiplier if lb.deliverable is None else lb.deliverable
                rows.append(
                    (f"Listed option (strike {lb.strike}): deliverable", before, lo.deliverable_shares, lo.describe)
                )
        for t in self.thresholds:
            if t.before is None:
                continue
            rows.append(
                (
                    f"Price >= ${t.threshold.level}",
                    "yes" if t.before else "no",
                    "yes" if t.after else "no",
                    f"{t.threshold.name}: {t.threshold.cite}",
                )
            )
        return [(m, _cents_kept(b), _cents_kept(a), n) for m, b, a, n in rows if not (b is None and a is None)]

    def __str__(self) -> str:
        """A terminal table: metric, before, after, change; notes numbered below."""
        lines: list[tuple[str, str, str, str]] = [("", "before", "after", "change")]
        notes: list[str] = []
        for metric, before, after, note in self.rows():
            change = ""
            if isinstance(before, int | Decimal) and isinstance(after, int | Decimal):
                change = _fmt_cell(after - before, signed=True)
            label = metric
            if note:
                notes.append(note)
                label = f"{metric} [{len(notes)}]"
            lines.append((label, _fmt_cell(before), _fmt_cell(after), change))
        widths = [max(len(row[i]) for row in lines) for i in range(4)]
        out = [self._title(), ""]
        for row in lines:
            out.append(
                row[0].ljust(widths[0])
                + "  "
                + "  ".join(cell.rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True))
            )
        out.append("")
        out.extend(f"[{i}] {note}" for i, note in enumerate(notes, start=1))
        return "\n".join(line.rstrip() for line in out)

    def to_frame(self) -> pd.DataFrame:
        """Rows of metrics with ``before``, ``after``, ``change`` and ``note`` columns."""
        import pandas as pd

        data = []
        for metric, before, after, note in self.rows():
            change: object = ""
            if isinstance(before, int | Decimal) and isinstance(after, int | Decimal):
                change = after - before
            data.append((metric, before, after, change, note))
        return pd.DataFrame(data, columns=["metric", "before", "after", "change", "note"]).set_index("metric")

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready summary (exact values kept as text by :mod:`splitcalc.serialize`)."""
        return {
            "ratio": str(self.ratio),
            "factor": self.ratio.factor,
            "is_reverse": self.ratio.is_reverse,
            "fractional": self.fractional,
            "outstanding_entitlement": self.outstanding_entitlement,
            "outstanding_by_policy": dict(self.outstanding_by_policy),
            "publicly_held_entitlement": self.publicly_held_entitlement,
            "price_after_exact": self.price_after_exact,
            "market_cap_before": self.market_cap_before,
            "market_cap_after": self.market_cap_after,
            "rows": [{"metric": m, "before": b, "after": a, "note": n} for m, b, a, n in self.rows()],
        }


def _fmt_cell(value: object, *, signed: bool = False) -> str:
    """Thousands separators for counts; Decimals as written; ``-`` for missing."""
    if value is None:
        return "-"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:+,}" if signed else f"{value:,}"
    if isinstance(value, Decimal):
        text = f"{value:,f}"
        return f"+{text}" if signed and value > 0 else text
    return str(value)


def _cents_kept(value: object) -> object:
    """Money keeps its cents in tables (:func:`~splitcalc.money.keep_cents`); counts and text as they are."""
    return keep_cents(value) if isinstance(value, Decimal) else value


def _money(value: Fraction | None) -> Decimal | None:
    return None if value is None else quantize(value, 2)
