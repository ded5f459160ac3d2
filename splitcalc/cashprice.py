"""The price a fraction is actually paid at: its basis and its source.

Companies price cash in lieu in several ways (the issuers' own filings,
e.g. Eden Bioscience's Form 8-K and SCLX's PRER14A, and the documents cited
in the tests):

``theoretical``
    the last pre-split close per old share times ``old / new`` (Eden
    Bioscience 1-for-3: $0.56 -> $1.68 per new share);
``given``
    a stated price per new share (the company names it);
``average``
    the average of the ``N`` closes before the effective date, per old share,
    times ``old / new``;
``agent_sale``
    per new share, what the exchange agent realised by selling the pooled
    fractions after the split -- known only after the fact (View, Inc.
    60-for-1, July 2023: $12.40 for 50/60 of a share, i.e. $14.88 per new
    share).

:func:`resolve_cash_price` is the one place that reads these inputs; the
result, a :class:`CashPrice`, carries the price, its unit and a sentence
naming its source, which every output shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, cast

from .coerce import as_count
from .errors import InputError
from .money import as_fraction, price_text
from .names import check_label
from .ratio import SplitRatio
from .settlement import BASIS_ALIASES, PER_OLD_SHARE_BASES, PRICE_BASES

if TYPE_CHECKING:
    from ._types import CashPriceLike, ClosesLike, CountLike, DateLike

__all__ = ["CashPrice", "average_close", "resolve_cash_price"]

_DEFAULT_SOURCE = {
    "theoretical": "pre-split price x old/new",
    "given": "stated per new share",
    "agent_sale": "realised by the exchange agent selling the pooled fractions (after the fact)",
}


@dataclass(frozen=True)
class CashPrice:
    """A cash-in-lieu price as stated, with its basis and source.

    Attributes
    ----------
    basis
        One of :data:`splitcalc.settlement.PRICE_BASES`.
    price
        The price as stated, exactly: per old share for ``theoretical`` /
        ``average`` (``pre``), per new share otherwise.
    source
        Where the price comes from, in words (shown in every output).
    closes
        For ``average``: the ``(date, close)`` pairs averaged.
    """

    basis: str
    price: Fraction
    source: str
    closes: tuple[tuple[dt.date, Decimal], ...] = ()

    @property
    def per_old_share(self) -> bool:
        """Whether :attr:`price` is quoted per old (pre-split) share."""
        return self.basis in PER_OLD_SHARE_BASES

    def per_new_share(self, ratio: SplitRatio) -> Fraction:
        """The price per new share: ``price x old / new`` for a per-old-share price."""
        return self.price * ratio.price_multiplier if self.per_old_share else self.price

    @classmethod
    def average(
        cls,
        closes: ClosesLike,
        *,
        effective_date: DateLike,
        days: CountLike,
        include_effective_date: bool = False,
        source: str | None = None,
    ) -> CashPrice:
        """An ``average`` price from closes (see :func:`average_close`); pass it as ``price=``."""
        from .calendars import to_date

        value, used = average_close(
            closes, effective_date=effective_date, days=days, include_effective_date=include_effective_date
        )
        eff = to_date(effective_date, "effective_date")
        edge = "up to and including" if include_effective_date else "before"
        first, last = used[0][0].isoformat(), used[-1][0].isoformat()
        text = f"average of the {days} closes {first} to {last} ({edge} {eff.isoformat()}), x old/new"
        if source:
            text = f"{text}; source: {check_label(source, 'price_source')}"
        return cls(basis="average", price=value, source=text, closes=used)

    def describe(self, ratio: SplitRatio) -> str:
        """``$14.88 per new share (agent_sale: ...)``, cents kept."""
        return f"${price_text(self.per_new_share(ratio))} per new share ({self.basis}: {self.source})"


def _close_pairs(closes: Any) -> list[tuple[dt.date, Fraction, Decimal]]:
    from .calendars import to_date  # numpy: only when closes are read

    items: Iterable[Any]
    if type(getattr(closes, "index", None)).__name__ == "DatetimeIndex" and getattr(closes, "ndim", 0) == 1:
        from .calendars import index_days

        # a Series by date: its stamps are read as every price index is (a tz-aware one by New York sessions)
        items = zip(index_days(closes.index).tolist(), closes.to_numpy().tolist(), strict=True)
    elif hasattr(closes, "items"):  # a mapping, or a Series by another index
        items = closes.items()
    else:
        items = closes
    out = []
    try:
        for when, value in items:
            f = as_fraction(value, "closes")
            if f <= 0:
                raise InputError("closes", value, "a close must be positive")
            out.append((to_date(when, "closes"), f, Decimal(str(value)) if not isinstance(value, Decimal) else value))
    except (TypeError, ValueError):
        raise InputError("closes", type(closes).__name__, "give (date, close) pairs, a mapping or a Series") from None
    return sorted(out, key=lambda t: t[0])


def average_close(
    closes: ClosesLike, *, effective_date: DateLike, days: CountLike, include_effective_date: bool = False
) -> tuple[Fraction, tuple[tuple[dt.date, Decimal], ...]]:
    """The exact mean of the last ``days`` closes strictly before ``effective_date``.

    ``include_effective_date=True`` ends the window on the effective date
    itself, as some companies word it ("the five trading days immediately
    before and including the Effective Date").

    >>> avg, used = average_close({"2024-01-02": "1.00", "2024-01-03": "1.10", "2024-01-04": "2.00"},
    ...                           effective_date="2024-01-04", days=2)
    >>> avg, [d.isoformat() for d, _ in used]
    (Fraction(21, 20), ['2024-01-02', '2024-01-03'])
    """
    days = as_count(days, "average_days", minimum=1, what="a whole number >= 1")
    from .calendars import to_date

    eff = to_date(effective_date, "effective_date")
    before = [t for t in _close_pairs(closes) if t[0] < eff or (include_effective_date and t[0] == eff)]
    if len(before) < days:
        raise InputError("closes", len(before), f"only {len(before)} closes before {eff}; {days} needed")
    used = before[-days:]
    return sum((f for _, f, _ in used), Fraction(0)) / days, tuple((d, c) for d, _, c in used)


def resolve_cash_price(
    price: CashPriceLike | None,
    price_basis: str = "theoretical",
    *,
    effective_date: DateLike | None = None,
    average_days: CountLike | None = None,
    source: str | None = None,
) -> CashPrice | None:
    """Read a cash-in-lieu price and its basis; None when no price is given.

    ``price`` is a number (per old share for ``theoretical``, per new share
    for ``given`` / ``agent_sale``), or for ``average`` the closes (a Series,
    a mapping date -> close, or ``(date, close)`` pairs) with
    ``effective_date`` and ``average_days``, or a :class:`CashPrice` already
    stated (returned as it is, whatever ``price_basis`` says). ``source`` names the document
    the price comes from; it is added to the basis's own description.
    """
    if isinstance(price, CashPrice):  # stated already (a filing reader, CashPrice.average): taken as it is
        return price
    if price_basis not in PRICE_BASES:
        raise InputError("price_basis", price_basis, f"use one of {', '.join(PRICE_BASES)}")
    price_basis = BASIS_ALIASES.get(price_basis, price_basis)  # 'pre' / 'post': one vocabulary in results
    if price is None:
        if price_basis == "average":
            raise InputError("price", None, "price_basis='average' needs the closes as price=")
        return None
    if price_basis == "average":
        if effective_date is None or average_days is None:
            raise InputError(
                "average_days", average_days, "price_basis='average' needs effective_date and average_days"
            )
        closes = cast("ClosesLike", price)  # a number here is refused by _close_pairs with an InputError
        return CashPrice.average(closes, effective_date=effective_date, days=average_days, source=source)
    value = as_fraction(price, "price")
    if value <= 0:
        raise InputError("price", price, "must be positive")
    text = _DEFAULT_SOURCE[price_basis]
    if source:
        text = f"{text}; source: {check_label(source, 'price_source')}"
    return CashPrice(basis=price_basis, price=value, source=text)
