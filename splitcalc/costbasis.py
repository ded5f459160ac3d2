"""What the fractions are worth: cost basis per lot, and the value of rounding up.

US treatment (issuers' own statements, e.g. a 2018 Form 8-K exhibit 99.1
and Forms 8937; often described as a recapitalization under Internal Revenue
Code §368(a)(1)(E)):

* exchanging old shares for new ones is not a sale: each lot keeps its total
  cost basis and its acquisition date (the holding period carries over), so
  basis per share is multiplied by ``old / new`` ("per-share basis x ratio");
* cash in lieu is a sale of the fraction: ``gain = cash - basis allocated to
  the fraction``, with ``basis allocated = lot basis x fraction sold from the
  lot / lot entitlement`` (both in new shares);
* round-down (no cash): nothing is sold, so the whole basis stays with the
  shares kept (an assumption: the sources read are silent, flagged UNCERTAIN);
  a lot left with no shares has nothing to carry its basis: that basis is
  shown as *eliminated*, never carried onto zero shares;
* round-up: the extra fraction a holder receives has **zero basis** -- the
  lot's unchanged basis is spread over more shares. How the extra share is
  taxed is marked uncertain (the sources read do not settle it), so
  results that contain one raise
  :class:`~splitcalc.errors.RuleUncertainWarning`.

Within a settlement unit (a holder, or a position) the fraction is taken from
the lots by a method. A reverse split is a recapitalization, and 26 CFR
1.358-2(a)(2)(i) treats each new share, where possible, as received for old
shares bought on one date at one price: ``"trace"`` (the default) gives every
lot its own whole new shares first and cashes the leftovers, so a holder of
60 shares at $16 and 50 at $8 in a 1-for-60 split keeps one share wholly from
the $16 lot and is cashed out of the $8 lot ($400 of basis). ``"fifo"`` sells
the earliest acquired lot first, ``"lifo"`` the latest (rows in file order
break ties, and order lots without dates), ``"specific"`` the lots the holder
names, ``"average"`` every lot in proportion. A unit's cash is shared between the lots it came from by cumulative
flooring, so the lots' cents add up to the unit's cents exactly.

Round-up economics ("reverse split arbitrage", SIFMA letter of Mar 25, 2025): a
holder of ``k`` old shares is entitled to ``k x new / old`` new shares and
receives ``ceil(k x new / old)``; the gain is ``(ceil(e) - e) x P`` with ``P``
the price per new share. One share bought at $0.17 before a 1-for-25 round-up
split becomes one new share worth $4.25.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from ._display import FrameDisplay
from .calendars import to_date
from .cents import IntArray, as_exact_array, div_round, exact_sum, fits_int64
from .coerce import as_count
from .errors import InputError, RuleUncertainWarning
from .money import _scaled, as_fraction, from_cents, keep_cents, parse_rounding, quantize
from .ratio import SplitRatio
from .settlement import PER_OLD_SHARE_BASES, PRICE_BASES, whole_shares

if TYPE_CHECKING:
    from ._types import MoneyLike, RatioLike
    from .holdings import Holdings, HoldingsResult

__all__ = [
    "BASIS_METHODS",
    "BasisMethod",
    "CostBasisResult",
    "RoundUpEconomics",
    "lot_basis",
    "round_up_economics",
    "round_up_gain",
    "round_up_table",
]

DROPPED_UNCERTAIN = (
    "Round-down: a fraction dropped without cash is treated as no sale, its basis staying with the shares "
    "kept (26 U.S.C. 358); neither the Code nor 26 CFR 1.358-2 addresses a fraction cancelled unpaid "
    "(UNCERTAIN: see the issuer's Form 8937, irs.gov/forms-pubs/about-form-8937)."
)
ROUND_UP_UNCERTAIN = (
    "Round-up: the extra fraction received is given zero basis (26 U.S.C. 358 spreads the lot's basis over "
    "the shares received); whether it is instead a taxable distribution is UNCERTAIN (see the issuer's "
    "Form 8937, irs.gov/forms-pubs/about-form-8937)."
)


def _cents(value: Fraction | int, rounding: str) -> Decimal:
    return quantize(value, 2, rounding)


# ================================================================ cost basis
@dataclass(frozen=True)
class CostBasisResult(FrameDisplay):
    """Each lot's basis carried through the split, from :meth:`HoldingsResult.cost_basis`.

    Attributes
    ----------
    lots
        One row per input row (lot), in input order: ``holder_id``,
        (``account_id``, ``lot_id``, ``acquired``), ``shares``,
        (``holding_period_start``: the lot's date, tacked), ``entitlement``,
        ``post_shares``, ``new_whole_shares`` (``floor(post_shares)``: whole
        new shares that come from this lot alone), ``cashed_shares``,
        ``extra_shares`` (Fractions of new shares), ``cash`` (Decimal or None),
        ``cost_basis``, ``basis_cashed``, ``basis_carried``,
        ``basis_eliminated``, ``gain`` (Decimal, or None without a
        cost_basis column),
        ``basis_per_share_before`` / ``basis_per_share_after`` (4 decimals,
        for display), ``long_term`` (with an ``effective_date``).
    basis_before, basis_carried, basis_cashed, basis_eliminated, gain
        Totals over the lots (None without cost basis); ``basis_before ==
        basis_carried + basis_cashed + basis_eliminated`` exactly.
        ``basis_eliminated`` is the basis of lots left with no shares and
        paid nothing (dropped by round-down or round-to-nearest): no share
        carries it.
    cash
        Cash in lieu over the lots (equals the split result's ``cash_total``).
    extra_shares
        New shares received by rounding up, at zero basis.
    order
        The allocation method used (``trace``, ``fifo``, ``lifo``,
        ``specific``, ``average``; also :attr:`method`).
    notes, uncertain
        The treatment applied, and the parts left UNCERTAIN.
    """

    ratio: SplitRatio
    fractional: str
    level: str
    order: str
    effective_date: dt.date | None
    lots: pd.DataFrame = field(repr=False, compare=False)
    basis_before: Decimal | None
    basis_carried: Decimal | None
    basis_cashed: Decimal | None
    cash: Decimal | None
    gain: Decimal | None
    extra_shares: Fraction
    notes: tuple[str, ...]
    uncertain: tuple[str, ...]
    basis_eliminated: Decimal | None = None

    @property
    def method(self) -> str:
        """The allocation method (same as :attr:`order`)."""
        return self.order

    def _title(self) -> str:
        return f"Cost basis through the {self.ratio} split ({self.order.upper()}, {self.level} level)"

    def to_frame(self) -> pd.DataFrame:
        """Summary rows (``metric``, ``value``); the per-lot table is :attr:`lots`."""
        rows: list[tuple[str, object]] = [
            ("Lots", len(self.lots)),
            ("Cost basis before", self.basis_before),
            ("Basis carried to new shares", self.basis_carried),
            ("Basis allocated to fractions sold", self.basis_cashed),
            ("Basis eliminated (lots left with no shares, no cash)", self.basis_eliminated),
            ("Cash in lieu", self.cash),
            ("Gain (loss) on fractions", self.gain),
            ("Extra shares from rounding up (zero basis)", str(self.extra_shares)),
        ]
        rows += [("Note", n) for n in self.notes]
        rows += [("UNCERTAIN", n) for n in self.uncertain]
        data = [(m, "" if v is None else v) for m, v in rows]
        return pd.DataFrame(data, columns=["metric", "value"]).set_index("metric")

    def to_dict(self) -> dict[str, object]:
        """Summary and lots as JSON-ready values."""
        return {
            "ratio": str(self.ratio),
            "fractional": self.fractional,
            "level": self.level,
            "order": self.order,
            "effective_date": self.effective_date,
            "basis_before": self.basis_before,
            "basis_carried": self.basis_carried,
            "basis_cashed": self.basis_cashed,
            "basis_eliminated": self.basis_eliminated,
            "cash": self.cash,
            "gain": self.gain,
            "extra_shares": self.extra_shares,
            "notes": list(self.notes),
            "uncertain": list(self.uncertain),
            "lots": self.lots.to_dict(orient="records"),
        }


def _anniversary(d: dt.date) -> dt.date:
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # Feb 29
        return d.replace(year=d.year + 1, day=28)


BASIS_METHODS: Final = ("trace", "fifo", "lifo", "specific", "average")
BasisMethod = Literal["trace", "fifo", "lifo", "specific", "average"]

TRACE_NOTE = (
    "Tracing (26 CFR 1.358-2(a)(2)(i)): each new share is treated as received for old shares of one lot "
    "(same date, same price) where possible; whole shares come from single lots first, and the cashed "
    "fraction from the lots' leftovers."
)
TRACE_POOL_NOTE = (
    "Where the lots' leftovers make up further whole shares, those shares combine lots; the fraction is "
    "then taken from the smallest leftovers first (our convention: the regulation does not order them)."
)
AVERAGE_NOTE = "Average basis: the fraction is taken from every lot in proportion to its entitlement."


def _sale_order(
    result: HoldingsResult, method: str, identify: Sequence[object] | None, scaled: tuple[IntArray, int] | None
) -> tuple[npt.NDArray[np.int64], npt.NDArray[Any]]:
    """Row order in which a unit's fraction is taken, and what each row can give to it (in 1/old units).

    ``fifo`` / ``lifo``: the whole entitlement, earliest / latest acquired
    first (rows in file order break ties). ``trace``: only the leftover of
    each lot after its own whole shares (``e mod old``), smallest first,
    ties broken by lot attributes (date, cost basis, shares, lot id) so
    the result does not depend on the order of the rows (``average`` uses
    the same order to share a unit's cents). ``specific``: the lots named in
    ``identify`` first, in that order, then FIFO.
    """
    h = result.holdings
    r = result.ratio
    n = h.n_rows
    unit = h._holder_code if result.level == "holder" else h._positions.codes
    rows_idx = np.arange(n, dtype=np.int64)
    days = h._acquired.astype(np.int64) if h._acquired is not None else np.zeros(n, np.int64)
    e = as_exact_array(h._shares, (int(h._shares.max()) if n else 0) * r.new * r.old) * r.new  # int64 while it fits
    if method in ("fifo", "lifo"):
        sign = 1 if method == "fifo" else -1
        return np.lexsort((sign * rows_idx, sign * days, unit)), e
    if method == "specific":
        if h._lot_id is None:
            raise InputError("identify", identify, "specific identification needs a lot_id column")
        wanted = {str(x): i for i, x in enumerate(identify or ())}
        unknown = sorted(set(wanted) - {str(x) for x in h._lot_id.tolist()})
        if unknown:
            raise InputError("identify", unknown, "not lot_id values in the table")
        rank = np.array([wanted.get(str(x), len(wanted)) for x in h._lot_id.tolist()], dtype=np.int64)
        return np.lexsort((rows_idx, days, rank, unit)), e
    avail = e % r.old if method == "trace" else e  # "average" takes from every lot; the order only shares cents
    keys: list[Any] = [rows_idx]
    if h._lot_id is not None:
        keys.append(pd.factorize(pd.Series(h._lot_id).astype(str), sort=True)[0])
    keys.append(h._shares)
    if scaled is not None:
        keys.append(_exact_rank(scaled[0]))
    keys.append(days)
    if method == "trace":
        keys.append(_exact_rank(avail))
    keys.append(unit)
    return np.lexsort(tuple(keys)), avail


def _exact_rank(values: IntArray) -> npt.NDArray[np.int64]:
    """Integers as int64 keys for ``lexsort``: themselves while they fit, else their dense ranks."""
    if values.dtype != object or fits_int64(_peak(values)):
        return values.astype(np.int64)
    return pd.factorize(pd.Series(values.tolist(), dtype=object), sort=True)[0].astype(np.int64)


def _scaled_basis(h: Holdings) -> tuple[IntArray, int] | None:
    """Each lot's basis as exact integers of ``10**-p`` dollars, ``p`` the most places given (at least 2)."""
    if h._cost_basis is None:
        return None
    values = h._cost_basis.tolist()
    p = max([2] + [-int(v.as_tuple().exponent) for v in values])
    return _obj([int(v.scaleb(p, _EXACT)) for v in values]), p


def lot_basis(
    result: HoldingsResult,
    *,
    method: BasisMethod | None = None,
    order: Literal["fifo", "lifo"] | None = None,
    identify: Sequence[object] | None = None,
    effective_date: dt.date | str | None = None,
) -> CostBasisResult:
    """Allocate each unit's settlement to its lots and carry their basis over.

    Parameters
    ----------
    result
        A split result from :meth:`splitcalc.Holdings.apply`.
    method
        Which lots the fraction comes from. ``"trace"`` (default: a reverse
        split is a recapitalization, 26 CFR 1.358-2(a)(2)(i)) gives each new
        whole share to one lot where possible and cashes the leftovers;
        ``"fifo"`` / ``"lifo"`` take the fraction from the earliest / latest
        acquired lot first; ``"specific"`` from the lots named in
        ``identify`` (lot ids) first; ``"average"`` from every lot in
        proportion (average basis).
    order
        Older spelling of ``method="fifo"`` / ``"lifo"``.
    identify
        Lot ids in the order the holder identifies them (``method="specific"``).
    effective_date
        The split's effective date; when given, ``long_term`` tells whether
        each lot was held more than one year then (the holding period of the
        fraction sold, tacked: it starts at ``acquired``).

    Notes
    -----
    In units of ``1 / old`` of a new share, lot ``i`` is entitled to
    ``e_i = shares_i x new``; the unit's fraction ``X`` (its remainder, when
    paid in cash or dropped) is taken from the lots in sale order:
    ``cashed_i = min(max(X - before_i, 0), a_i)`` where ``a_i`` is what the
    lot can give (``e_i``; under tracing its leftover ``e_i mod old``) and
    ``before_i`` the sum of ``a`` over the lots taken before it. Under
    ``"average"``, ``cashed_i = X x e_i / E``. Basis allocated to the
    fraction is ``basis_i x cashed_i / e_i``, rounded to the cent with the
    result's rounding mode but never above ``basis_i`` (a sub-cent basis rounded
    up would leave a negative basis carried), and the whole basis, exactly,
    when the whole lot is sold. Basis not allocated to cash is carried to the lot's new shares,
    or eliminated when the lot keeps none.
    """
    if method is None:
        if order is not None and order not in ("fifo", "lifo"):
            raise InputError("order", order, "use 'fifo' or 'lifo' (or method=)")
        method = order or "trace"
    if method not in BASIS_METHODS:
        raise InputError("method", method, f"use one of {', '.join(BASIS_METHODS)}")
    eff: dt.date | None = None
    if effective_date is not None:
        try:
            eff = to_date(effective_date, "effective_date")
        except InputError:
            raise InputError("effective_date", effective_date, "not an ISO date (YYYY-MM-DD)") from None
    h = result.holdings
    r = result.ratio
    scaled = _scaled_basis(h)
    sort, avail = _sale_order(result, method, identify, scaled)
    a = _allocate(result, method, sort, avail)
    sold = result.fractional == "cash_in_lieu"  # only cash in lieu sells the fraction
    acquired = None if h._acquired is None else h._acquired.astype("datetime64[D]").astype(object)

    data: dict[str, Any] = {"holder_id": h._holder_labels[h._holder_code]}
    if h._account_id is not None:
        data["account_id"] = h._account_id
    if h._lot_id is not None:
        data["lot_id"] = h._lot_id
    if acquired is not None:
        data["acquired"] = acquired
        data["holding_period_start"] = acquired  # tacked: the new shares' holding period starts at the lot's
    data["shares"] = h._shares
    data["entitlement"] = _fractions(a.e, r.old)
    den_old = _fit(a.den, _peak(a.den) * r.old) * r.old
    data["post_shares"] = _fractions(a.post_num, den_old)
    data["new_whole_shares"] = a.post_num // den_old
    data["cashed_shares"] = _fractions(a.cashed, den_old)
    data["extra_shares"] = _fractions(a.extra, r.old)
    if a.cash is not None:
        data["cash"] = _decimals(a.cash, 2)
    money = None if scaled is None else _lot_money(h, a, scaled, sold=sold, mode=result.rounding, old=r.old)
    if money is not None:
        data.update(money.columns)
    if eff is not None and h._acquired is not None:
        data["long_term"] = _long_term(h._acquired, eff)
    lots = pd.DataFrame(data)

    extra_total = Fraction(exact_sum(a.extra), r.old)
    notes = [
        "The exchange of old for new shares is not a sale: basis and holding period carry over "
        "(26 U.S.C. 358, 1223(1)); basis per share is multiplied by old/new.",
    ]
    if method == "trace":
        notes.append(TRACE_NOTE)
        if bool(np.any((a.cashed != 0) & (a.cashed != avail))):
            notes.append(TRACE_POOL_NOTE)
    elif method == "average":
        notes.append(AVERAGE_NOTE)
    elif method == "specific":
        notes.append("Specific identification: the fraction comes from the lots named, in that order, then FIFO.")
    if sold:
        notes.append("Cash in lieu is a sale of the fraction: gain = cash - basis allocated to it.")
        notes.append(
            f"Basis allocated to a fraction is rounded to the cent ({result.rounding}; a lot sold whole gives all "
            "its basis); each holder's (or position's) cash is shared between its lots by cumulative flooring, so "
            "the lots' cents add up to its cents exactly."
        )
    if money is not None and money.eliminated:
        notes.append(
            "Lots left with no new shares and no cash keep no basis: it is shown as eliminated, "
            "not carried (basis before = carried + allocated to cash + eliminated)."
        )
    uncertain: list[str] = []
    if not sold and bool(np.any(a.cashed != 0)):
        uncertain.append(DROPPED_UNCERTAIN)
        warnings.warn(DROPPED_UNCERTAIN, RuleUncertainWarning, stacklevel=3)
    if extra_total:
        uncertain.append(ROUND_UP_UNCERTAIN)
        warnings.warn(ROUND_UP_UNCERTAIN, RuleUncertainWarning, stacklevel=3)
    cash_total = None if a.cash is None else from_cents(exact_sum(a.cash))
    return CostBasisResult(
        ratio=r,
        fractional=result.fractional,
        level=result.level,
        order=method,
        effective_date=eff,
        lots=lots,
        basis_before=None if money is None else money.before,
        basis_carried=None if money is None else money.carried,
        basis_cashed=None if money is None else money.cashed,
        basis_eliminated=None if money is None else money.eliminated,
        cash=cash_total,
        gain=None if money is None else money.gain,
        extra_shares=extra_total,
        notes=tuple(notes),
        uncertain=tuple(uncertain),
    )


# ------------------------------------------------- vectorised allocation
# Every per-lot quantity is an exact integer array (int64 while a bound shows
# it fits, else Python ints in object arrays, see :mod:`splitcalc.cents`):
# shares in 1/old of a new share, cashed fractions as ``cashed / den`` of
# those units (den is 1, or the unit's entitlement under "average"), money
# in 10**-p dollars. Fractions and Decimals are built only for the output.
@dataclass(frozen=True)
class _Allocation:
    """Per-lot integers in input row order (see the comment above)."""

    e: IntArray  # entitlement, 1/old units
    cashed: IntArray  # fraction taken from the lot: cashed / den (1/old units)
    den: IntArray  # 1, or the unit's entitlement (average)
    extra: IntArray  # rounded-up extra, 1/old units
    post_num: IntArray  # post-split shares x den x old
    cash: IntArray | None  # cents


def _fit(values: IntArray, bound: int) -> IntArray:
    """``values`` as int64 while ``bound`` fits, else as Python ints."""
    if fits_int64(bound):
        return values.astype(np.int64, copy=False)
    return values if values.dtype == object else np.array(values.tolist(), dtype=object)


def _peak(values: IntArray) -> int:
    return int(np.abs(values).max()) if len(values) else 0


def _group_cumsum(values: IntArray, starts: npt.NDArray[np.bool_]) -> IntArray:
    """Inclusive running sums restarting at each ``starts`` row (rows sorted by group)."""
    n = len(values)
    if n == 0:
        return values
    cum = np.cumsum(values)
    start_at = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    out: IntArray = cum - (cum - values)[start_at]
    return out


def _allocate(result: HoldingsResult, method: str, sort: npt.NDArray[np.int64], avail: IntArray) -> _Allocation:
    """Take each unit's fraction from its lots in sale order; share its cents by cumulative flooring."""
    h, u, r = result.holdings, result._units, result.ratio
    n = h.n_rows
    unit = h._holder_code if result.level == "holder" else h._positions.codes
    e = _fit(h._shares, _peak(h._shares) * r.new) * r.new
    total_e = exact_sum(e)
    e = _fit(e, total_e * r.old)
    avail = _fit(avail, total_e * r.old)
    u_s = unit[sort]
    e_s, a_s = e[sort], avail[sort]
    starts = np.r_[True, u_s[1:] != u_s[:-1]] if n else np.zeros(0, bool)
    is_last = np.r_[u_s[1:] != u_s[:-1], True] if n else np.zeros(0, bool)
    rem = _fit(u.rem, r.old)
    up = np.zeros(len(rem), bool) if u.up is None else u.up
    take = np.where(up, 0, rem)  # the fraction removed from the lots (cashed or dropped)
    x_s = take[u_s]
    extra_s = np.where(is_last, np.where(up, r.old - rem, 0)[u_s], 0)
    cents = u.cents
    c_s = None if cents is None else _fit(cents, _peak(cents))[u_s]
    if method == "average":  # cashed_i = X e_i / E: kept as the numerator X e_i over E
        unit_e = _group_cumsum(e_s, starts)
        den_s = np.add.reduceat(e_s, np.flatnonzero(starts))[np.cumsum(starts) - 1] if n else e_s
        den_s = np.where(den_s == 0, 1, den_s)
        cashed_s = _fit(x_s, r.old * _peak(e_s)) * e_s
        cash_s = None
        if c_s is not None:  # floor(c x cumE / E): the cents of each lot's running share
            c_s = _fit(c_s, _peak(c_s) * total_e)
            cash_s = np.where(x_s > 0, c_s * unit_e // den_s - c_s * (unit_e - e_s) // den_s, 0)
    else:
        before = _group_cumsum(a_s, starts) - a_s
        cashed_s = np.minimum(np.maximum(x_s - before, 0), a_s)
        den_s = np.ones(n, dtype=np.int64)
        cash_s = None
        if c_s is not None:  # floor(c x hi / X) - floor(c x lo / X), lo / hi the running sums
            c_s = _fit(c_s, _peak(c_s) * r.old)
            hi = _group_cumsum(cashed_s, starts)
            xs = np.where(x_s > 0, x_s, 1)
            cash_s = c_s * hi // xs - c_s * (hi - cashed_s) // xs
    inv = np.empty(n, dtype=np.int64)
    inv[sort] = np.arange(n, dtype=np.int64)
    den = den_s[inv]
    cashed = cashed_s[inv]
    extra = extra_s[inv]
    post_num = _fit(e + extra, (_peak(e) + r.old) * _peak(den)) * den - cashed
    return _Allocation(
        e=e, cashed=cashed, den=den, extra=extra, post_num=post_num, cash=None if cash_s is None else cash_s[inv]
    )


def _obj(items: list[Any]) -> npt.NDArray[Any]:
    """A 1-d object array holding ``items`` as they are."""
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


_EXACT: Final = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)


def _fractions(num: IntArray, den: int | IntArray) -> npt.NDArray[Any]:
    """``Fraction(num, den)`` per element, each distinct value built once (lots repeat few values)."""
    if isinstance(den, np.ndarray) and not bool(np.all(den == den[:1])):
        if object in (num.dtype, den.dtype):
            pairs = zip(num.tolist(), den.tolist(), strict=True)
            return _obj([Fraction(x, d) for x, d in pairs])
        levels2, where2 = np.unique(np.stack([num, den], axis=1), axis=0, return_inverse=True)
        built = [Fraction(x, d) for x, d in levels2.tolist()]
        out2: npt.NDArray[Any] = _obj(built)[where2.reshape(-1)]
        return out2
    d = int(den[0]) if isinstance(den, np.ndarray) else int(den)
    if num.dtype == object:
        return _obj([Fraction(x, d) for x in num.tolist()])
    levels, where = np.unique(num, return_inverse=True)
    table = _obj([Fraction(int(x), d) for x in levels.tolist()])
    out: npt.NDArray[Any] = table[where.reshape(-1)]
    return out


def _decimals(values: IntArray, places: int) -> npt.NDArray[Any]:
    """``values x 10**-places`` as exact Decimals (``400.00``, never ``400``), each distinct value built once."""
    if values.dtype == object:
        return _obj([_scaled(int(v), places) for v in values.tolist()])
    levels, where = np.unique(values, return_inverse=True)
    table = _obj([Decimal(v).scaleb(-places, _EXACT) for v in levels.tolist()])
    out: npt.NDArray[Any] = table[where.reshape(-1)]
    return out


def _long_term(acquired: npt.NDArray[np.datetime64], eff: dt.date) -> npt.NDArray[np.bool_]:
    """Held more than one year on ``eff`` (26 U.S.C. 1222), each acquisition date looked at once."""
    days, where = np.unique(acquired.astype("datetime64[D]"), return_inverse=True)
    table = np.array([eff > _anniversary(d) for d in days.astype(object).tolist()], dtype=bool)
    out: npt.NDArray[np.bool_] = table[where.reshape(-1)]
    return out


_NONE: Final = np.array(None, dtype=object)


@dataclass(frozen=True)
class _LotMoney:
    """Per-lot money columns and their totals (Decimals, cents kept)."""

    columns: dict[str, npt.NDArray[Any]]
    before: Decimal
    carried: Decimal
    cashed: Decimal
    eliminated: Decimal
    gain: Decimal | None


def _lot_money(
    h: Holdings, a: _Allocation, scaled: tuple[IntArray, int], *, sold: bool, mode: str, old: int
) -> _LotMoney:
    """Basis allocated to cash (to the cent, ``mode``), carried, eliminated, gain; per-share basis to 4 places.

    Money runs in integers of ``10**-p`` dollars, ``p`` the most decimal
    places of any lot's basis (at least 2): exact, whatever the amounts.
    """
    big, p = scaled
    values = [] if h._cost_basis is None else h._cost_basis.tolist()
    b = _fit(big, _peak(big) * max(_peak(a.cashed) * 100, 10**4))
    scale = 10 ** (p - 2)
    taken = (a.cashed != 0) & sold
    e_den = _fit(a.e, _peak(a.e) * _peak(a.den) * 10**p) * a.den
    whole = taken & (a.cashed == e_den)
    den = np.where(taken, e_den, 1) * 10**p
    alloc_cents = div_round(np.where(taken & ~whole, b * a.cashed * 100, 0), den, mode)
    # a cent rounded up never takes more than the lot's basis (a sub-cent basis: $0.0061 would give $0.01)
    alloc = np.where(whole, b, np.where(taken, np.minimum(alloc_cents * scale, b), 0))
    carried = b - alloc
    gone = a.post_num == 0
    eliminated = np.where(gone, carried, 0)
    carried = np.where(gone, 0, carried)
    shares = h._shares
    per_before = div_round(b * 10**4, _fit(np.where(shares > 0, shares, 1), _peak(shares) * 10**p) * 10**p)
    after_num = _fit(carried, _peak(big) * _peak(a.den) * old * 10**4) * a.den * (old * 10**4)
    per_after = div_round(after_num, _fit(np.where(gone, 1, a.post_num), _peak(a.post_num) * 10**p) * 10**p)
    gain = None if a.cash is None else a.cash * scale - alloc

    def money(v: IntArray) -> npt.NDArray[Any]:
        out = _decimals(v, p)
        return out if p == 2 else _obj([keep_cents(x) for x in out])

    cols: dict[str, npt.NDArray[Any]] = {
        "cost_basis": money(b) if p == 2 else _obj([keep_cents(v) for v in values]),
        "basis_cashed": money(alloc),
        "basis_carried": money(carried),
        "basis_eliminated": money(eliminated),
        "gain": np.full(len(b), None, dtype=object) if gain is None else money(gain),
        "basis_per_share_before": np.where(shares > 0, _decimals(per_before, 4), _NONE),
        "basis_per_share_after": np.where(gone, _NONE, _decimals(per_after, 4)),
    }

    def total(v: IntArray) -> Decimal:
        return keep_cents(_scaled(exact_sum(v), p))

    return _LotMoney(
        columns=cols,
        before=total(b),
        carried=total(carried),
        cashed=total(alloc),
        eliminated=total(eliminated),
        gain=None if gain is None else total(gain),
    )


# ========================================================= round-up economics
def _price_per_new(price: Any, ratio: SplitRatio, price_basis: str) -> Fraction:
    p = as_fraction(price, "price")
    if p <= 0:
        raise InputError("price", price, "must be positive")
    if price_basis not in PRICE_BASES or price_basis == "average":
        raise InputError("price_basis", price_basis, "use 'pre' (per old share) or 'post' (per new share)")
    return p * ratio.price_multiplier if price_basis in PER_OLD_SHARE_BASES else p


def round_up_gain(
    shares: int,
    ratio: RatioLike,
    price: MoneyLike,
    *,
    price_basis: Literal["pre", "post"] = "pre",
) -> Fraction:
    """Value a holder of ``shares`` old shares gains when the fraction is rounded up.

    ``(ceil(e) - e) x P`` with ``e = shares x new / old`` and ``P`` the price
    per new share (``price x old / new`` for a pre-split price).

    >>> round_up_gain(1, "1-for-25", "0.17")  # 24/25 of a $4.25 share
    Fraction(102, 25)
    >>> round_up_gain(50, "1-for-25", "0.17")
    Fraction(0, 1)
    """
    r = SplitRatio.parse(ratio)
    e = Fraction(as_count(shares, "shares", what="a whole number >= 0") * r.new, r.old)
    return (math.ceil(e) - e) * _price_per_new(price, r, price_basis)


#: Most rows :func:`round_up_table` builds by default (1 to ``old``): a 1-for-10**12 ratio would never finish.
_MAX_TABLE_ROWS: Final = 10_000


def round_up_table(
    ratio: RatioLike,
    price: MoneyLike,
    *,
    shares: Iterable[int] | None = None,
    price_basis: Literal["pre", "post"] = "pre",
    rounding: str = decimal.ROUND_HALF_UP,
) -> pd.DataFrame:
    """What buying ``k`` shares before a round-up split returns, for each ``k``.

    Default ``k`` is 1 to ``old`` (one new share's worth), for an ``old`` of at
    most 10,000 (give ``shares`` past that). Columns:
    ``shares_before``, ``cost`` (``k x`` pre-split price), ``entitlement``,
    ``shares_after`` (rounded up), ``value_after`` (``x P``), ``gain``
    (``value_after - cost``, which is :func:`round_up_gain`) and
    ``return_pct`` (gain / cost x 100, 2 decimals).

    >>> t = round_up_table("1-for-25", "0.17", shares=[1, 24, 25])
    >>> t["shares_after"].tolist(), [str(g) for g in t["gain"]]  # one share for $0.17 is worth $4.25
    ([1, 1, 1], ['4.08', '0.17', '0.00'])
    """
    r = SplitRatio.parse(ratio)
    mode = parse_rounding(rounding)
    per_new = _price_per_new(price, r, price_basis)
    per_old = per_new * r.factor
    if shares is None and r.old > _MAX_TABLE_ROWS:
        raise InputError("shares", None, f"give the holdings to show: 1 to {r.old:,} is over {_MAX_TABLE_ROWS:,} rows")
    ks = range(1, r.old + 1) if shares is None else [as_count(k, "shares", minimum=1) for k in shares]
    rows = []
    for k in ks:
        e = Fraction(k * r.new, r.old)
        after = whole_shares(e, "round_up")
        cost = k * per_old
        value = after * per_new
        rows.append(
            (
                k,
                _cents(cost, mode),
                e,
                after,
                _cents(value, mode),
                _cents(value - cost, mode),
                quantize((value - cost) / cost * 100, 2, mode),
            )
        )
    return pd.DataFrame(
        rows, columns=["shares_before", "cost", "entitlement", "shares_after", "value_after", "gain", "return_pct"]
    )


@dataclass(frozen=True)
class RoundUpEconomics(FrameDisplay):
    """The cost of rounding every fraction up, across a holder table.

    Attributes
    ----------
    units_rounded_up
        Settlement units holding a fraction; each gets one whole share more
        than under round-down.
    extra_shares
        ``sum((old - r) / old)``: new shares issued beyond the holders'
        exact entitlement (the dilution of everyone else).
    value_to_holders
        ``extra_shares x P``: value handed to rounded-up holders, at the
        theoretical post-split price.
    cash_in_lieu_cost
        ``sum(r / old) x P``: what cash in lieu would pay for the same
        fractions instead (no new shares).
    max_gain
        The largest single unit's gain, ``(old - min r) / old x P``.
    dilution
        ``extra_shares / entitlement``.
    """

    ratio: SplitRatio
    level: str
    price_per_new_share: Fraction
    units: int
    units_rounded_up: int
    extra_shares: Fraction
    value_to_holders: Decimal
    cash_in_lieu_cost: Decimal
    max_gain: Decimal
    dilution: Fraction

    def _title(self) -> str:
        return f"Round-up economics, {self.ratio} split ({self.level} level)"

    def to_frame(self) -> pd.DataFrame:
        """Metric rows with one ``value`` column."""
        rows: list[tuple[str, object]] = [
            ("Settlement units", self.units),
            ("Units rounded up (one extra share each)", self.units_rounded_up),
            ("Extra shares issued beyond entitlement", str(self.extra_shares)),
            ("Value handed to rounded-up holders", self.value_to_holders),
            ("Cash in lieu would have paid", self.cash_in_lieu_cost),
            ("Largest single gain", self.max_gain),
            ("Dilution of other holders (%)", quantize(self.dilution * 100, 4)),
        ]
        return pd.DataFrame(rows, columns=["metric", "value"]).set_index("metric")

    def to_dict(self) -> dict[str, object]:
        """Every field as JSON-ready values."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__} | {"ratio": str(self.ratio)}


def round_up_economics(result: HoldingsResult, *, price: MoneyLike | None = None) -> RoundUpEconomics:
    """Round-up economics for the units of ``result`` (whatever policy it used).

    ``price`` (same basis as the result's ``price_basis``) defaults to the
    result's price; one of the two is needed.
    """
    r = result.ratio
    if price is None:
        per_new = result.price_per_new_share
        if per_new is None:
            raise InputError("price", None, "needed to value the round-up; pass price=")
    else:
        per_new = _price_per_new(price, r, "pre" if result.price_basis in PER_OLD_SHARE_BASES else "post")
    rem = result._units.rem
    mask = rem > 0
    count = int(np.count_nonzero(mask))
    rem_sum = int(sum(rem.tolist())) if rem.dtype == object else int(rem.sum(dtype=np.int64))
    extra = Fraction(count * r.old - rem_sum, r.old)
    min_rem = int(min(rem[mask].tolist())) if count else r.old
    mode = result.rounding
    entitlement = result.totals.entitlement
    return RoundUpEconomics(
        ratio=r,
        level=result.level,
        price_per_new_share=per_new,
        units=len(rem),
        units_rounded_up=count,
        extra_shares=extra,
        value_to_holders=_cents(extra * per_new, mode),
        cash_in_lieu_cost=_cents(Fraction(rem_sum, r.old) * per_new, mode),
        max_gain=_cents(Fraction(r.old - min_rem, r.old) * per_new, mode),
        dilution=extra / entitlement if entitlement else Fraction(0),
    )
