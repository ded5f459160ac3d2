"""Ratio sweep: every candidate ratio's post-split figures against the listing minimums.

For each candidate ratio the sweep applies :meth:`CapitalStructure.apply`
and reports, exactly where the inputs allow:

* the theoretical post-split price ``price / factor`` ($0.17 x 25 = $4.25);
* publicly held shares ``floor(publicly_held x factor)`` (before any holder's
  fraction is cashed out) and their market value (MVPHS) -- or the exact
  totals from :meth:`splitcalc.Holdings.apply` when a holder table is given;
* total, public and round-lot holder counts, from the holder table or, failing
  that, a stated estimate (:class:`~splitcalc.scenarios.holders.HolderSizeDistribution`);
* each numeric listing minimum met or failed (e.g. Nasdaq 5550(a)(3)-(5); since Oct 7, 2024 a
  split that breaks one of them does not cure the bid-price deficiency,
  Rule 5810(c)(3)(A), SR-NASDAQ-2024-029);
* the OCC deliverable of a 100-share listed option contract (``floor(100 x
  factor)`` shares plus cash for the rest, the OCC's standard adjustment);
* shares available for issuance (``authorized - outstanding - reserved``).
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sized
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal, SupportsIndex, cast

from .._display import FrameDisplay
from ..coerce import as_count, is_integer
from ..errors import EstimateWarning, InputError
from ..money import quantize, split_items
from ..ratio import SplitRatio
from ..securities import ListedOption
from ..structure import CapitalStructure, SplitEffect
from .holders import HolderSizeDistribution
from .standards import Minimum, RuleValues

if TYPE_CHECKING:
    import pandas as pd

    from .._types import RatioLike
    from .simulate import Probability

__all__ = [
    "CUSTOMARY_REVERSE",
    "MAX_CANDIDATES",
    "Check",
    "RatioSweep",
    "SweepRow",
    "candidate_ratios",
    "parse_ratios",
    "ratio_sweep",
]

#: Reverse-split magnitudes often seen in proxies (1-for-N): every N up to 10,
#: then round numbers. Used by :func:`candidate_ratios` with ``customary=True``.
CUSTOMARY_REVERSE = (2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 35, 40, 50, 60, 75, 80, 100, 125, 150, 200, 250)

#: Most candidate ratios one sweep takes (a sweep runs about 4,000 ratios a second): a range
#: such as 1-for-2..1-for-10000000 is refused at once rather than run for an hour.
MAX_CANDIDATES = 10_000

HolderBasis = Literal["holdings", "estimate", "none"]


def candidate_ratios(
    low: RatioLike | int, high: RatioLike | int, *, customary: bool = False, param_name: str = "high"
) -> tuple[SplitRatio, ...]:
    """Reverse ratios 1-for-N for every whole N from ``low`` to ``high`` inclusive.

    ``low`` and ``high`` are the ends of the range stockholders authorised,
    as ratios (``"1-for-2"``) or as N. With ``customary=True`` only the N in
    :data:`CUSTOMARY_REVERSE` are kept (plus both ends). More than
    :data:`MAX_CANDIDATES` ratios (without ``customary``) is an
    :class:`InputError` naming ``param_name``.

    >>> [str(r) for r in candidate_ratios("1-for-2", "1-for-5")]
    ['1-for-2', '1-for-3', '1-for-4', '1-for-5']
    >>> [r.old for r in candidate_ratios(2, 25, customary=True)]
    [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25]
    """
    lo, hi = _magnitude(low, "low"), _magnitude(high, "high")
    if lo > hi:
        lo, hi = hi, lo
    if customary:  # picked from the short list, never by walking lo..hi (1-for-2..1-for-10**12 is 27 ratios)
        ns: Iterable[int] = sorted({n for n in CUSTOMARY_REVERSE if lo <= n <= hi} | {lo, hi})
    else:  # counted before anything is built (len(range(...)) itself overflows past 2**63)
        _check_count(hi - lo + 1, param_name, f"1-for-{lo}..1-for-{hi}")
        ns = range(lo, hi + 1)
    return tuple(SplitRatio(1, n) for n in ns)


def _check_count(count: int, param_name: str, given: object) -> None:
    if count > MAX_CANDIDATES:
        raise InputError(
            param_name,
            given,
            f"gives {count:,} candidate ratios, more than the {MAX_CANDIDATES:,} a sweep takes; narrow the range"
            + ("" if param_name == "split.range" else " or list the ratios to compare (1-for-10, 1-for-20, ...)"),
        )


def _magnitude(value: RatioLike | SupportsIndex, name: str) -> int:
    if not isinstance(value, SplitRatio | str | Fraction | tuple):  # N of 1-for-N: an int or numpy int
        n = as_count(value, name)
        if n < 2:
            raise InputError(name, value, "a reverse split needs N >= 2 (1-for-N)")
        return n
    r = SplitRatio.parse(value)
    if not r.is_reverse or r.new != 1:
        raise InputError(name, value, "expected a 1-for-N reverse ratio")
    return r.old


def parse_ratios(ratios: object, param_name: str = "ratios") -> tuple[SplitRatio, ...]:
    """Candidate ratios from a range, ints (N of 1-for-N), ratio text or SplitRatios.

    Text ``"1-for-2..1-for-25"`` (or ``"2..25"``) is the authorised range.
    The result is de-duplicated and ordered by price multiplier (smallest first).

    >>> [str(r) for r in parse_ratios("1-for-2..1-for-4")]
    ['1-for-2', '1-for-3', '1-for-4']
    >>> [str(r) for r in parse_ratios([10, "1-for-5", 5])]
    ['1-for-5', '1-for-10']
    """
    if isinstance(ratios, str):
        if ".." in ratios:
            low, high = ratios.split("..", 1)
            return candidate_ratios(_num_or_text(low), _num_or_text(high), param_name=param_name)
        items: Iterable[object] = split_items(ratios)  # "1-for-5,1-for-1,000": two ratios
    elif isinstance(ratios, SplitRatio):
        items = [ratios]
    elif isinstance(ratios, Iterable):
        items = ratios
    else:
        raise InputError(param_name, ratios, "expected ratios such as range(2, 26) or '1-for-2..1-for-25'")
    if isinstance(items, Sized):  # range(2, 10**7): refused before ten million ratios are built
        _check_count(len(items), param_name, ratios)
    out: set[SplitRatio] = set()
    for item in items:
        if is_integer(item):
            out.add(SplitRatio(1, _magnitude(item, param_name)))
        elif isinstance(item, str) and _BARE_N.fullmatch(item.strip()):  # a bare N (1,000 too) is 1-for-N
            out.add(SplitRatio(1, _magnitude(as_count(item, param_name), param_name)))
        else:
            out.add(SplitRatio.parse(item.strip() if isinstance(item, str) else cast("RatioLike", item)))  # checked
    if not out:
        raise InputError(param_name, ratios, "no candidate ratios")
    _check_count(len(out), param_name, ratios)
    return tuple(sorted(out, key=lambda r: r.price_multiplier))


def _num_or_text(text: str) -> int | str:
    t = text.strip()
    return as_count(t, "range") if _BARE_N.fullmatch(t) else t


#: A bare N (digits, thousands commas allowed): 1-for-N.
_BARE_N = re.compile(r"\d[\d,_]*")


@dataclass(frozen=True)
class Check:
    """One listing minimum at one ratio: ``actual`` against ``minimum``.

    ``met`` is ``None`` when the figure is unknown (no holder data).
    ``margin`` is ``actual - minimum`` (negative: the shortfall).
    """

    minimum: Minimum
    actual: int | Decimal | None
    met: bool | None
    estimated: bool = False

    @property
    def margin(self) -> int | Decimal | None:
        """``actual - minimum``; negative when failed."""
        if self.actual is None:
            return None
        return self.actual - self.minimum.value


@dataclass(frozen=True)
class SweepRow:
    """Post-split figures for one candidate ratio.

    Attributes
    ----------
    ratio
        The split.
    effect
        :meth:`CapitalStructure.apply`'s full result.
    price_after_exact
        ``price / factor`` as a Fraction (``None`` without a price).
    shares_after, publicly_held_after
        Whole shares after the split (from the holder table when given).
    mvphs_after
        ``publicly_held_after x price_after_exact``, exactly.
    total_holders_after, public_holders_after, round_lot_holders_after, holders_eliminated
        Holder counts (``None`` when neither holdings nor a distribution were given).
    holders_estimated
        True when the holder counts are estimates.
    occ_deliverable_shares, occ_cash_fraction
        Per 100-share listed option contract (OCC contract adjustment).
    checks
        Each listing minimum met or failed, keyed by rule attribute name.
    meets_bid
        ``price_after_exact >= min_bid`` (``None`` without a price).
    odds
        Probability of regaining compliance (by the deadline, when one was
        given) and staying compliant 12 months, with its standard error: set
        by :func:`~splitcalc.scenarios.recommend_ratio` with
        ``objective="odds"`` (``None`` when not simulated).
    """

    ratio: SplitRatio
    effect: SplitEffect
    price_after_exact: Fraction | None
    shares_after: int
    publicly_held_after: int
    mvphs_after: Fraction | None
    total_holders_after: int | None
    public_holders_after: int | None
    round_lot_holders_after: int | None
    holders_eliminated: int | None
    holders_estimated: bool
    occ_deliverable_shares: int
    occ_cash_fraction: Fraction
    checks: Mapping[str, Check]
    meets_bid: bool | None
    odds: Probability | None = None

    @property
    def price_after(self) -> Decimal | None:
        """Post-split price to the tenth of a cent (exact value in :attr:`price_after_exact`)."""
        return None if self.price_after_exact is None else quantize(self.price_after_exact, 4)

    @property
    def available_for_issuance(self) -> int | None:
        """``authorized - outstanding - reserved`` after the split."""
        a = self.effect.after
        if a.authorized is None:
            return None
        return a.authorized - self.shares_after - a.reserved_total

    @property
    def failed(self) -> tuple[str, ...]:
        """Labels of the numeric minimums failed at this ratio."""
        return tuple(c.minimum.label for c in self.checks.values() if c.met is False)

    @property
    def unknown(self) -> tuple[str, ...]:
        """Labels of the minimums that could not be checked (no holder data)."""
        return tuple(c.minimum.label for c in self.checks.values() if c.met is None)

    @property
    def meets_minimums(self) -> bool | None:
        """All numeric minimums other than the bid met (``None`` if some are unknown)."""
        if self.failed:
            return False
        return None if self.unknown else True


@dataclass(frozen=True, eq=False)
class RatioSweep(FrameDisplay):
    """Every candidate ratio's post-split figures; see :func:`ratio_sweep`.

    Attributes
    ----------
    structure
        The capital structure before the split.
    rows
        One :class:`SweepRow` per ratio, smallest price multiplier first.
    rules
        The :class:`RuleValues` the checks used.
    holder_basis
        ``"holdings"`` (exact, from a holder table), ``"estimate"``
        (from a :class:`HolderSizeDistribution`) or ``"none"``.
    notes
        How the figures were obtained (estimates stated here).
    """

    structure: CapitalStructure
    rows: tuple[SweepRow, ...]
    rules: RuleValues
    holder_basis: HolderBasis
    fractional: str
    notes: tuple[str, ...] = field(default=())

    def __iter__(self) -> Iterator[SweepRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def ratios(self) -> tuple[SplitRatio, ...]:
        """The candidate ratios, in order."""
        return tuple(r.ratio for r in self.rows)

    def row(self, ratio: object) -> SweepRow:
        """The row for ``ratio`` (a SplitRatio, text, or N of 1-for-N)."""
        r = parse_ratios([ratio])[0]
        for row in self.rows:
            if row.ratio == r:
                return row
        raise InputError("ratio", ratio, "is not among the swept ratios")

    def _title(self) -> str:
        who = f"{self.structure.name}: " if self.structure.name else ""
        return f"{who}ratio sweep under {self.rules.name} (holders: {self.holder_basis})"

    def to_frame(self) -> pd.DataFrame:
        """One row per ratio: price, shares, holders, OCC deliverable and ``meets_*`` columns."""
        import pandas as pd

        records = [_row_record(row, flat=True) for row in self.rows]
        return pd.DataFrame.from_records(records).set_index("ratio")

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: the rules used, notes and one dict per ratio."""
        out_rows = [_row_record(row, flat=False) for row in self.rows]
        return {
            "rules": self.rules.name,
            "min_bid": None if self.rules.min_bid is None else self.rules.min_bid.value,
            "holder_basis": self.holder_basis,
            "fractional": self.fractional,
            "notes": list(self.notes),
            "rows": out_rows,
        }


def _row_record(row: SweepRow, *, flat: bool) -> dict[str, Any]:
    """One ratio's figures, in column order.

    ``flat`` (for :meth:`RatioSweep.to_frame`): the OCC deliverable as text
    and one ``meets_<minimum>`` flag per check. Otherwise (for
    :meth:`RatioSweep.to_dict`): also the exact price and whether holder
    counts are estimated, the OCC deliverable's parts, and each check with
    its actual value, minimum and citation.
    """
    rec: dict[str, Any] = {"ratio": str(row.ratio), "price_after": row.price_after}
    if not flat:
        rec["price_after_exact"] = row.price_after_exact
    rec.update(
        shares_after=row.shares_after,
        publicly_held_after=row.publicly_held_after,
        mvphs_after=None if row.mvphs_after is None else quantize(row.mvphs_after, 2),
        total_holders_after=row.total_holders_after,
        public_holders_after=row.public_holders_after,
        round_lot_holders_after=row.round_lot_holders_after,
        holders_eliminated=row.holders_eliminated,
    )
    if not flat:
        rec["holders_estimated"] = row.holders_estimated
    rec["available_for_issuance"] = row.available_for_issuance
    if flat:
        rec["occ_deliverable"] = _occ_text(row)
    else:
        rec.update(occ_deliverable_shares=row.occ_deliverable_shares, occ_cash_fraction=row.occ_cash_fraction)
    rec["meets_bid"] = row.meets_bid
    if flat:
        for name, check in row.checks.items():
            rec[f"meets_{name.removeprefix('min_')}"] = check.met
    else:
        rec["checks"] = {
            name: {"actual": c.actual, "minimum": c.minimum.value, "met": c.met, "cite": c.minimum.cite}
            for name, c in row.checks.items()
        }
    rec["meets_all"] = _all(row.meets_bid, row.meets_minimums)
    if row.odds is not None:
        rec["odds"] = row.odds.estimate
        rec["odds_stderr"] = row.odds.stderr
    return rec


def _occ_text(row: SweepRow) -> str:
    cash = f" + cash for {row.occ_cash_fraction} sh" if row.occ_cash_fraction else ""
    return f"{row.occ_deliverable_shares} sh{cash}"


def _all(*flags: bool | None) -> bool | None:
    if any(f is False for f in flags):
        return False
    if any(f is None for f in flags):
        return None
    return True


def ratio_sweep(
    structure: CapitalStructure,
    *,
    ratios: object,
    rules: object = None,
    holdings: object = None,
    holders: HolderSizeDistribution | int | None = None,
    fractional: str = "cash_in_lieu",
    authorized: Literal["unchanged", "proportional"] = "unchanged",
) -> RatioSweep:
    """Post-split price, shares, holders and listing checks for each candidate ratio.

    Parameters
    ----------
    structure
        Shares outstanding, insiders (for publicly held shares), authorised
        and reserved shares, and the pre-split price.
    ratios
        Candidates: ``range(2, 26)`` (N of 1-for-N), ``"1-for-2..1-for-25"``,
        or any iterable of ratios (see :func:`parse_ratios`).
    rules
        A ``RuleSet`` (:func:`splitcalc.rules.get`) or :class:`RuleValues`;
        default :func:`~splitcalc.scenarios.standards.default_rules`.
    holdings
        A :class:`splitcalc.Holdings` table: holder counts and publicly held
        shares then come exactly from ``Holdings.apply`` (``HoldingsTotals``).
    holders
        Without holdings: a :class:`HolderSizeDistribution`, or the number of
        public holders (a log-normal with the default sigma is then assumed,
        and an :class:`~splitcalc.errors.EstimateWarning` says so).
    fractional
        Fractional-share policy (cash in lieu by default).
    authorized
        Keep authorised shares (``"unchanged"``) or reduce them by the ratio.

    Returns
    -------
    RatioSweep

    Examples
    --------
    >>> cap = CapitalStructure(outstanding=39_752_812, price=Decimal("0.17"))
    >>> sweep = ratio_sweep(cap, ratios=[5, 25])
    >>> [(str(r.ratio), r.price_after, r.meets_bid) for r in sweep]
    [('1-for-5', Decimal('0.8500'), False), ('1-for-25', Decimal('4.2500'), True)]
    """
    if not isinstance(structure, CapitalStructure):
        raise InputError("structure", structure, "expected a CapitalStructure")
    candidates = parse_ratios(ratios)
    values = RuleValues.coerce(rules)
    minimums = list(values.minimums())
    notes: list[str] = []
    distribution: HolderSizeDistribution | None = None
    basis: HolderBasis = "none"
    if holdings is not None:
        if not hasattr(holdings, "apply"):
            raise InputError("holdings", holdings, "expected a splitcalc.Holdings table")
        basis = "holdings"
        notes.append("holder counts and publicly held shares: exact, from the holder table (Holdings.apply)")
    elif holders is not None:
        if isinstance(holders, HolderSizeDistribution):
            distribution = holders
        else:
            distribution = HolderSizeDistribution.lognormal(holders, publicly_held=structure.publicly_held)
            warnings.warn(
                f"holder counts are estimates: {distribution.describe()}; pass holdings= for exact counts",
                EstimateWarning,
                stacklevel=2,
            )
        basis = "estimate"
        notes.append(f"holder counts {distribution.describe()}")
    else:
        notes.append("holder counts not checked: pass holdings= (a Holdings table) or holders=")
    if basis != "holdings":
        notes.append("publicly held shares: floor(publicly held x factor), before small holders are cashed out")
    if structure.price is None:
        notes.append("no price given: price and MVPHS checks skipped")
    notes.append("price after = price x old / new (theoretical; markets often mark a split down)")

    rows: list[SweepRow] = []
    refused: list[InputError] = []
    for r in candidates:
        try:
            row = _row(
                structure,
                r=r,
                values=values,
                minimums=minimums,
                holdings=holdings,
                distribution=distribution,
                fractional=fractional,
                authorized=authorized,
            )
        except InputError as exc:  # this ratio cannot be effected (too few authorised shares): not a row
            if exc.param_name != "authorized":
                raise
            refused.append(exc)
            continue
        rows.append(row)
    if refused and not rows:
        raise refused[0]
    notes += [f"left out: {exc.reason}" for exc in refused]
    return RatioSweep(structure, tuple(rows), values, basis, fractional, tuple(notes))


def _row(
    structure: CapitalStructure,
    *,
    r: SplitRatio,
    values: RuleValues,
    minimums: list[Minimum],
    holdings: Any,
    distribution: HolderSizeDistribution | None,
    fractional: str,
    authorized: Literal["unchanged", "proportional"],
) -> SweepRow:
    effect = structure.apply(r, fractional=fractional, authorized=authorized)  # type: ignore[arg-type]
    price = effect.price_after_exact
    shares_after = effect.after.outstanding
    phs_after = math.floor(effect.publicly_held_entitlement)
    total = public = lots = eliminated = None
    estimated = False
    if holdings is not None:
        t = holdings.apply(r, fractional=fractional).totals
        shares_after = int(t.shares_after)
        phs_after = int(t.public_shares_after)
        total, public = int(t.holders_after), int(t.public_holders_after)
        lots = int(t.round_lot_holders_after)
        eliminated = int(t.holders_eliminated)
    elif distribution is not None:
        est = distribution.estimate(r, fractional)
        total, public, lots = est.total_holders_after, est.public_holders_after, est.round_lot_holders_after
        eliminated = est.holders_eliminated
        estimated = True
    mvphs = None if price is None else phs_after * price
    actuals: dict[str, int | Fraction | None] = {
        "min_publicly_held_shares": phs_after,
        "min_public_holders": public,
        "min_total_holders": total,
        "min_round_lot_holders": lots,
        "min_mvphs": mvphs,
    }
    checks: dict[str, Check] = {}
    for m in minimums:
        actual = actuals[m.field]
        met = None if actual is None else Fraction(actual) >= Fraction(m.value)
        shown: int | Decimal | None = quantize(actual, 2) if isinstance(actual, Fraction) else actual
        checks[m.field] = Check(m, shown, met, estimated and m.kind == "holders")
    meets_bid = None
    if price is not None and values.min_bid is not None:
        meets_bid = price >= Fraction(values.min_bid.value)
    occ = ListedOption(Decimal(0)).apply(r)
    return SweepRow(
        ratio=r,
        effect=effect,
        price_after_exact=price,
        shares_after=shares_after,
        publicly_held_after=phs_after,
        mvphs_after=mvphs,
        total_holders_after=total,
        public_holders_after=public,
        round_lot_holders_after=lots,
        holders_eliminated=eliminated,
        holders_estimated=estimated,
        occ_deliverable_shares=occ.deliverable_shares,
        occ_cash_fraction=occ.cash_fraction,
        checks=checks,
        meets_bid=meets_bid,
    )
