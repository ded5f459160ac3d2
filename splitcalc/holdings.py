"""Every holder's position through a split: exact, vectorised, counted.

A :class:`Holdings` table lists positions (one row each, or one row per tax
lot); :meth:`Holdings.apply` runs a split over all of them at once with int64
numpy arithmetic and returns a :class:`HoldingsResult`: each settlement unit's
whole shares, fraction and cash in lieu, and the :class:`HoldingsTotals` that
decide listing compliance after the split (Nasdaq Rules 5550(a)(3) and
5450(a)(2): 300 public holders on the Nasdaq Capital Market, 400 total holders
on the Global Market; a holder
with >= 100 shares is a round-lot holder, Nasdaq FAQ 1415).

The split arithmetic, for a ratio ``new``-for-``old`` and a unit holding ``s``
shares:

* entitlement ``s x new / old`` new shares, exactly;
* whole shares ``w = (s x new) // old`` and remainder ``r = (s x new) % old``,
  so the fraction is ``r / old`` of a new share;
* ``cash_in_lieu``: ``w`` shares and cash for ``r / old`` new shares;
  ``round_down``: ``w`` shares, the fraction dropped without cash;
  ``round_up``: ``w + 1`` when ``r > 0``; ``round_nearest``: ``w + 1`` when
  ``2r >= old`` (half a share rounds up);
* cash in lieu (the common formula, e.g. Eden Bioscience's Form 8-K): with ``price`` ``p`` per
  *old* share, cash ``= r x p / new`` (a 1-for-25 holder of 30 shares at
  $0.40: ``w = 1``, ``r = 5``, cash ``5 x $0.40 = $2.00``); with a price ``P``
  quoted per *new* share (``price_basis="post"``), cash ``= r x P / old``.
  Cents are computed as integers, ``round(r x 100 x P_num / (P_den x d))``
  with the chosen :mod:`decimal` rounding mode, exactly as
  :func:`splitcalc.money.quantize` would round the same Fraction.

``level`` chooses the settlement unit: ``"holder"`` combines all of a
holder's positions before settling the fraction (how a transfer agent treats
a registered holder's certificates), ``"position"`` settles each position on
its own (how each brokerage account is treated). At position level a holder
with more than ``old`` shares spread over small accounts can be cashed out
entirely.

Holder file format (CSV, UTF-8, one header row)
-----------------------------------------------
Leading lines starting with ``#`` are comments. Column names are matched
case-insensitively (spaces and hyphens read as underscores). Unknown columns
are ignored.

============== ======== ==========================================================
column         required meaning and type
============== ======== ==========================================================
holder_id      yes      the beneficial holder (text or number, not blank)
shares         yes      whole shares in the row: an integer >= 0 (``1,000`` and
                        ``1000.0`` are read as 1000; ``12.5``, blanks, negatives
                        are errors)
account_id     no       the account (position) the row belongs to; rows with the
                        same holder_id and account_id are one position. Without
                        this column each row is its own position, except in a lot
                        file (one with lot_id), where a holder's lots form one
                        position
account_type   no       ``registered`` (also ``record``) or ``street`` (also
                        ``street name``, ``beneficial``, ``nobo``, ``obo``);
                        blank means unknown
insider        no       officer, director or >10% holder (Nasdaq), excluded
                        from public holders and publicly held shares: ``true``/
                        ``false``, ``yes``/``no``, ``1``/``0``, ``x``; blank is
                        false. It must agree across a holder's rows
lot_id         no       unique id of a tax lot (duplicates are errors)
acquired       no       acquisition date of the lot, ISO ``YYYY-MM-DD``
cost_basis     no       total cost basis of the row in dollars, a decimal >= 0
============== ======== ==========================================================

Errors raise :class:`~splitcalc.errors.InvalidHoldings` naming the column and
the rows (``line N`` in a file, ``row LABEL`` in a DataFrame).

Examples
--------
>>> from decimal import Decimal
>>> h = Holdings.from_frame(pd.DataFrame({"holder_id": ["a", "b", "c"], "shares": [30, 2_600, 100]}))
>>> res = h.apply("1-for-25", price=Decimal("0.40"))
>>> res.frame[["shares", "post_shares", "cash"]].values.tolist()
[[30, 1, Decimal('2.00')], [2600, 104, Decimal('0.00')], [100, 4, Decimal('0.00')]]
>>> res.totals.round_lot_holders_before, res.totals.round_lot_holders_after
(2, 1)
"""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar

import numpy as np
import numpy.typing as npt
import pandas as pd

from ._display import FrameDisplay
from .atomic import atomic_write
from .cashprice import CashPrice, resolve_cash_price
from .cents import INT64_MAX, exact_sum, fits_int64, scaled_div_round
from .coerce import as_count
from .csvwrite import frame_to_csv
from .errors import InputError, InvalidHoldings, InvalidRatio
from .holderfile import ACCOUNT_TYPES, COLUMNS, Rows, parse_columns, read_csv_frame
from .money import from_cents, mixed_number, parse_rounding, price_text
from .ratio import SplitRatio
from .rules import round_lot as _round_lot
from .settlement import (
    BASIS_ALIASES,
    FRACTIONAL_POLICIES,
    LEVELS,
    PER_OLD_SHARE_BASES,
    PRICE_BASES,
    FractionalPolicy,
    Level,
    PriceBasis,
)

if TYPE_CHECKING:
    import os

    from ._types import CashPriceLike, MoneyLike, RatioLike
    from .costbasis import CostBasisResult, RoundUpEconomics

__all__ = [
    "COLUMNS",
    "DEFAULT_BUCKETS",
    "FRACTIONAL_POLICIES",
    "LEVELS",
    "ROUND_LOT",
    "Holdings",
    "HoldingsResult",
    "HoldingsTotals",
]

#: A round-lot holder holds at least this many shares (Nasdaq FAQ 1415).
ROUND_LOT: Final = _round_lot()  # shares: the rules' round_lot_size row (Nasdaq FAQ 1415)
#: Lower edges of the share buckets used by :meth:`HoldingsResult.distribution`.
DEFAULT_BUCKETS: Final = (0, 1, 100, 500, 1_000, 5_000, 10_000, 100_000)

IntArray = npt.NDArray[Any]  # int64, or object arrays of Python ints when int64 could overflow
_A = TypeVar("_A", bound=np.ndarray)
BoolArray = npt.NDArray[np.bool_]


# ================================================================ grouping
class _Groups:
    """Rows grouped by dense codes ``0..n-1`` (in order of first appearance).

    Sums use ``np.add.reduceat`` over rows sorted by code (a stable argsort,
    skipped when the codes are already sorted), so int64 stays int64 and
    object arrays of Python ints work too.
    """

    __slots__ = ("_first", "codes", "identity", "n", "order", "starts")

    def __init__(self, codes: npt.NDArray[np.int64], n: int) -> None:
        self.codes = codes
        self.n = n
        m = len(codes)
        self.identity = n == m  # dense first-appearance codes: then codes == arange(m)
        self.order: npt.NDArray[np.intp] | None = None
        self.starts: npt.NDArray[np.intp] | None = None
        self._first: npt.NDArray[np.intp] | None = None
        if not self.identity:
            is_sorted = bool(np.all(codes[1:] >= codes[:-1]))
            sorted_codes = codes
            if not is_sorted:
                self.order = np.argsort(codes, kind="stable")
                sorted_codes = codes[self.order]
            self.starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
            self._first = self.starts if self.order is None else self.order[self.starts]

    @property
    def first(self) -> npt.NDArray[np.intp]:
        """Index of each group's first row."""
        return np.arange(self.n) if self._first is None else self._first

    @classmethod
    def factorize(cls, keys: npt.NDArray[Any]) -> _Groups:
        """Group equal keys; sorted int64 keys are factorised without hashing."""
        if keys.dtype == np.int64 and (len(keys) < 2 or bool(np.all(keys[1:] >= keys[:-1]))):
            codes = np.zeros(len(keys), dtype=np.int64)
            if len(keys) > 1:
                np.cumsum(keys[1:] != keys[:-1], out=codes[1:])
            n = int(codes[-1]) + 1 if len(keys) else 0
            return cls(codes, n)
        codes_, uniques = pd.factorize(keys, sort=False)
        return cls(np.asarray(codes_, dtype=np.int64), len(uniques))

    def _reduce(self, ufunc: np.ufunc, values: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """``ufunc.reduceat`` over each group's rows (``values`` itself when every group is one row)."""
        if self.identity:
            return values
        v = values if self.order is None else values[self.order]
        assert self.starts is not None
        return ufunc.reduceat(v, self.starts)

    def sum(self, values: IntArray) -> IntArray:
        return self._reduce(np.add, values)

    def any(self, mask: BoolArray) -> BoolArray:
        return self._reduce(np.logical_or, mask)

    def all(self, mask: BoolArray) -> BoolArray:
        return self._reduce(np.logical_and, mask)

    def count(self) -> npt.NDArray[np.int64]:
        return np.bincount(self.codes, minlength=self.n).astype(np.int64)


def _readonly(arr: _A) -> _A:
    arr.setflags(write=False)
    return arr


# ================================================================ Holdings
class Holdings:
    """A table of share positions, validated and indexed for fast splits.

    Build it with :meth:`from_frame`, :meth:`from_csv`, :meth:`from_arrays`
    or :meth:`synthetic` (``Holdings(df)`` is :meth:`from_frame`). The input
    is copied into read-only numpy arrays and never modified; the column
    format is documented in :mod:`splitcalc.holdings`.

    Parameters
    ----------
    data
        A DataFrame, or a mapping of column name to sequence / numpy array.

    Raises
    ------
    InvalidHoldings
        Missing ``holder_id`` or ``shares`` columns, blank, negative or
        non-integer share counts, duplicate lot ids, bad dates, bad flags, an
        insider flag that differs between a holder's rows, or no rows.
    """

    __slots__ = (
        "_account_id",
        "_account_type",
        "_acquired",
        "_before",
        "_cost_basis",
        "_holder_code",
        "_holder_insider",
        "_holder_labels",
        "_holder_shares",
        "_holders",
        "_insider",
        "_insider_holders",
        "_lot_id",
        "_pos_holders",
        "_position_holder",
        "_position_shares",
        "_positions",
        "_shares",
        "_total",
    )

    def __init__(self, data: pd.DataFrame | Mapping[str, Any]) -> None:
        if isinstance(data, pd.DataFrame):
            frame = data
        elif isinstance(data, Mapping):
            try:
                frame = pd.DataFrame(dict(data))
            except (ValueError, TypeError) as exc:
                raise InvalidHoldings("data", sorted(data), f"columns cannot form a table ({exc})") from None
        else:
            raise InvalidHoldings("data", type(data).__name__, "expected a DataFrame or a mapping of columns")
        rows = Rows(list(frame.index), "row")
        self._load(frame, rows)

    # ------------------------------------------------------ constructors
    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> Holdings:
        """Validate a DataFrame of positions (columns as in the module docstring)."""
        if not isinstance(frame, pd.DataFrame):
            raise InvalidHoldings("frame", type(frame).__name__, "expected a pandas DataFrame")
        return cls(frame)

    @classmethod
    def from_arrays(
        cls,
        shares: npt.ArrayLike,
        holder_id: npt.ArrayLike | None = None,
        **columns: npt.ArrayLike,
    ) -> Holdings:
        """Positions from arrays: ``shares`` and optionally ``holder_id`` and other columns.

        Without ``holder_id`` every row is a different holder.

        >>> Holdings.from_arrays([30, 2_600]).n_holders
        2
        """
        arr = np.asarray(shares)
        data: dict[str, Any] = {"shares": arr}
        data["holder_id"] = np.arange(1, len(arr) + 1) if holder_id is None else np.asarray(holder_id)
        data.update({k: np.asarray(v) for k, v in columns.items()})
        return cls(data)

    @classmethod
    def from_csv(cls, path: str | os.PathLike[str]) -> Holdings:
        """Read and validate a holder file (format in the module docstring).

        Errors name the file's line numbers. The file is only read.
        """
        frame, rows = read_csv_frame(path)
        holdings = cls.__new__(cls)
        holdings._load(frame, rows)
        return holdings

    @classmethod
    def synthetic(
        cls,
        n_holders: int,
        *,
        total_shares: int,
        seed: int,
        insider_shares: int = 0,
        n_insiders: int | None = None,
        street_fraction: float = 0.8,
        second_accounts: float = 0.0,
        sigma: float = 2.5,
    ) -> Holdings:
        """A seeded, realistic holder table: most holders small, a few very large.

        Holder sizes follow a log-normal law (``sigma`` = 2.5: the median
        holder owns about 4% of the mean, as retail-heavy registers do);
        about a third of holdings of 100 or more are snapped to round
        hundreds; the top 1% absorb the rounding so the public total is
        exact. ``n_insiders`` holders (default ``n_holders // 500``, 1 to 12)
        share ``insider_shares`` and hold registered accounts; the rest are
        street-name with probability ``street_fraction``. A share
        ``second_accounts`` of public holders with at least 2 shares split
        them over a second account of the other type. Same arguments, same
        table (numpy's PCG64 generator).

        Parameters
        ----------
        n_holders
            Number of holders (rows, when ``second_accounts`` is 0).
        total_shares
            Shares in the table, exactly.
        seed
            Random seed.
        insider_shares
            Shares held by insiders, exactly (0: no insider rows).

        >>> h = Holdings.synthetic(1_000, total_shares=1_000_000, seed=1, insider_shares=50_000)
        >>> h.total_shares, h.n_holders
        (1000000, 1000)
        """
        n_holders, total_shares, seed = (
            as_count(value, name, what="a whole number >= 0")
            for name, value in (("n_holders", n_holders), ("total_shares", total_shares), ("seed", seed))
        )
        if n_holders < 1:
            raise InputError("n_holders", n_holders, "must be at least 1")
        if not 0 <= insider_shares <= total_shares:
            raise InputError("insider_shares", insider_shares, f"must be between 0 and total_shares ({total_shares:,})")
        if not (0.0 <= street_fraction <= 1.0 and 0.0 <= second_accounts <= 1.0 and sigma > 0):
            raise InputError("street_fraction", street_fraction, "fractions must lie in [0, 1] and sigma be > 0")
        k = 0 if insider_shares == 0 else (n_insiders if n_insiders is not None else min(12, max(1, n_holders // 500)))
        m = n_holders - k
        public_total = total_shares - insider_shares
        if k > insider_shares or (k and m < 1) or m > public_total or (m == 0 and public_total):
            raise InputError("n_holders", n_holders, "cannot give every holder at least one share with these totals")
        rng = np.random.default_rng(seed)
        public = _skewed_sizes(rng, m, public_total, sigma)
        insiders = _apportion(insider_shares - k, rng.lognormal(0.0, 1.0, size=k)) + 1 if k else np.zeros(0, np.int64)
        holder_shares = np.concatenate([insiders, public])
        street = np.concatenate([np.zeros(k, bool), rng.random(m) < street_fraction])
        split = np.concatenate([np.zeros(k, bool), rng.random(m) < second_accounts]) & (holder_shares >= 2)
        idx = np.flatnonzero(split)
        # holder i's rows start at i + (second accounts before i); a second account follows its first
        first_row = np.arange(n_holders, dtype=np.int64)
        first_row[1:] += np.cumsum(split[:-1])
        n_rows = n_holders + len(idx)
        holder_code = np.repeat(np.arange(n_holders, dtype=np.int64), 1 + split) if len(idx) else first_row
        second_row = np.zeros(n_rows, bool)
        second_row[first_row[idx] + 1] = True
        part = rng.integers(1, holder_shares[idx]) if len(idx) else np.zeros(0, np.int64)  # 1 .. shares-1
        shares = holder_shares[holder_code]
        shares[first_row[idx]] -= part
        shares[first_row[idx] + 1] = part
        account_type = np.where(street, np.int8(2), np.int8(1))[holder_code]
        account_type[second_row] = 3 - account_type[second_row]  # the other kind
        del street, split, first_row, part, holder_shares
        holdings = cls.__new__(cls)
        holdings._init_arrays(
            holder_labels=np.arange(1, n_holders + 1, dtype=np.int64),
            holder_code=holder_code,
            shares=shares,
            account_id=(1 + second_row).astype(np.int8),
            account_type=account_type,
            insider=holder_code < k,
        )
        return holdings

    # ------------------------------------------------------------ loading
    def _load(self, frame: pd.DataFrame, rows: Rows) -> None:
        cols = parse_columns(frame, rows)
        holder = cols.holder_id
        codes_, uniques = pd.factorize(holder, sort=False)
        holder_code = np.asarray(codes_, dtype=np.int64)
        self._init_arrays(
            holder_labels=np.asarray(uniques, dtype=object if holder.dtype == object else np.int64),
            holder_code=holder_code,
            shares=cols.shares,
            account_id=cols.account_id,
            account_type=cols.account_type,
            insider=cols.insider,
            lot_id=cols.lot_id,
            acquired=cols.acquired,
            cost_basis=cols.cost_basis,
            rows=rows,
        )

    def _init_arrays(
        self,
        *,
        holder_labels: npt.NDArray[Any],
        holder_code: npt.NDArray[np.int64],
        shares: npt.NDArray[np.int64],
        account_id: npt.NDArray[Any] | None = None,
        account_type: npt.NDArray[np.int8] | None = None,
        insider: BoolArray,
        lot_id: npt.NDArray[Any] | None = None,
        acquired: npt.NDArray[np.datetime64] | None = None,
        cost_basis: npt.NDArray[Any] | None = None,
        rows: Rows | None = None,
    ) -> None:
        n = len(shares)
        self._shares = _readonly(shares)
        self._holder_code = _readonly(holder_code)
        self._holder_labels = _readonly(holder_labels)
        self._account_id = None if account_id is None else _readonly(account_id)
        self._account_type = None if account_type is None else _readonly(account_type)
        self._insider = _readonly(insider)
        self._lot_id = None if lot_id is None else _readonly(lot_id)
        self._acquired = None if acquired is None else _readonly(acquired)
        self._cost_basis = None if cost_basis is None else _readonly(cost_basis)
        # the total must fit in an int64: then every holder's and position's sum does
        total = exact_sum(shares)
        if total > INT64_MAX:
            raise InvalidHoldings("shares", total, "the table holds more than 2**63 - 1 shares in total")
        self._total = total
        self._holders = _Groups(holder_code, len(holder_labels))
        ins_any = self._holders.any(insider)
        if rows is not None and not np.array_equal(ins_any, self._holders.all(insider)):
            bad_holder = int(np.flatnonzero(ins_any != self._holders.all(insider))[0])
            where = np.flatnonzero(holder_code == bad_holder)
            raise InvalidHoldings(
                "insider",
                holder_labels[bad_holder],
                f"holder is marked insider on some rows and not others ({rows.name(where)})",
            )
        self._holder_insider = _readonly(np.asarray(ins_any, dtype=bool))
        self._insider_holders = _readonly(np.flatnonzero(self._holder_insider))
        hsum = self._holders.sum(shares)
        self._holder_shares = hsum if hsum is shares else _readonly(hsum.astype(np.int64))
        if account_id is None:
            self._positions = _Groups(np.arange(n, dtype=np.int64), n)
        else:
            acct_codes, acct_uniques = pd.factorize(account_id, sort=False)
            key = holder_code * max(1, len(acct_uniques)) + np.asarray(acct_codes, dtype=np.int64)
            self._positions = _Groups.factorize(key)
        if rows is not None and account_type is not None and not self._positions.identity:
            kinds = [self._positions.any(account_type == code) for code in (1, 2)]
            mixed = np.flatnonzero(kinds[0] & kinds[1])
            if len(mixed):
                where = np.flatnonzero(self._positions.codes == mixed[0])
                raise InvalidHoldings(
                    "account_type", "registered and street", f"one position has both types ({rows.name(where)})"
                )
        self._position_holder = (
            holder_code if self._positions.identity else _readonly(holder_code[self._positions.first])
        )
        psum = self._positions.sum(shares)
        self._position_shares = psum if psum is shares else _readonly(psum.astype(np.int64))
        self._pos_holders = (
            self._holders if self._positions.identity else _Groups(self._position_holder, self._holders.n)
        )
        hs = self._holder_shares
        pub = ~self._holder_insider
        self._before = {
            "holders": int(np.count_nonzero(hs)),
            "round_lot_holders": int(np.count_nonzero(hs >= ROUND_LOT)),
            "public_holders": int(np.count_nonzero((hs > 0) & pub)),
            "public_round_lot_holders": int(np.count_nonzero((hs >= ROUND_LOT) & pub)),
            "shares": total,
            "public_shares": total - exact_sum(hs[self._insider_holders], total=total),
            "holders_without_shares": self._holders.n - int(np.count_nonzero(hs)),
            "positions_without_shares": self._positions.n - int(np.count_nonzero(self._position_shares)),
        }

    # ------------------------------------------------------------- views
    def __len__(self) -> int:
        return len(self._shares)

    @property
    def n_rows(self) -> int:
        """Rows in the table (positions, or lots)."""
        return len(self._shares)

    @property
    def n_holders(self) -> int:
        """Distinct holder ids (including any holding zero shares)."""
        return self._holders.n

    @property
    def n_positions(self) -> int:
        """Distinct positions (holder and account)."""
        return self._positions.n

    @property
    def total_shares(self) -> int:
        """Shares in the table."""
        return self._total

    @property
    def shares(self) -> npt.NDArray[np.int64]:
        """Shares per row (a read-only int64 array)."""
        return self._shares

    @property
    def holder_shares(self) -> pd.Series:
        """Shares per holder, indexed by holder id."""
        return pd.Series(self._holder_shares, index=pd.Index(self._holder_labels, name="holder_id"), name="shares")

    @property
    def has_lots(self) -> bool:
        """Whether rows carry tax-lot detail (lot_id, acquired or cost_basis)."""
        return self._lot_id is not None or self._acquired is not None or self._cost_basis is not None

    @property
    def has_cost_basis(self) -> bool:
        """Whether a cost_basis column was given."""
        return self._cost_basis is not None

    def to_frame(self) -> pd.DataFrame:
        """The validated table as a new DataFrame (canonical column names)."""
        data: dict[str, Any] = {"holder_id": self._holder_labels[self._holder_code]}
        if self._account_id is not None:
            data["account_id"] = self._account_id.copy()
        if self._account_type is not None:
            data["account_type"] = _categorical(self._account_type, ACCOUNT_TYPES)
        data["insider"] = self._insider.copy()
        if self._lot_id is not None:
            data["lot_id"] = self._lot_id.copy()
        if self._acquired is not None:
            data["acquired"] = [d.isoformat() for d in self._acquired.astype(object)]
        if self._cost_basis is not None:
            data["cost_basis"] = self._cost_basis.copy()
        data["shares"] = self._shares.copy()
        return pd.DataFrame(data)

    def to_csv(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        comment: str | None = None,
        overwrite: bool = False,
    ) -> str:
        """The table as CSV text in the documented format; also written to ``path`` if given.

        ``comment`` lines are prefixed with ``# `` (the reader skips them).
        Text cells a spreadsheet would run as a formula get a ``'`` in front
        (:func:`splitcalc.csvwrite.frame_to_csv`).
        The file is written atomically and, unless ``overwrite``, never
        replaces an existing file.
        """
        head = "".join(f"# {line}\n".replace("#  ", "# ") for line in comment.splitlines()) if comment else ""
        text = head + frame_to_csv(self.to_frame())
        if path is not None:
            atomic_write(path, text, overwrite=overwrite, param_name="path", force_name="overwrite=True")
        return text

    def __repr__(self) -> str:
        return (
            f"<Holdings: {self.n_rows:,} rows, {self.n_positions:,} positions, "
            f"{self.n_holders:,} holders, {self.total_shares:,} shares>"
        )

    def _repr_html_(self) -> str:
        import html

        return f"<div>{html.escape(repr(self))}</div>"

    # ------------------------------------------------------------- split
    def apply(
        self,
        ratio: RatioLike,
        *,
        fractional: FractionalPolicy = "cash_in_lieu",
        price: CashPriceLike | None = None,
        price_basis: PriceBasis = "theoretical",
        level: Level = "holder",
        rounding: str = decimal.ROUND_HALF_UP,
        price_source: str | None = None,
        effective_date: dt.date | str | None = None,
        average_days: int | None = None,
    ) -> HoldingsResult:
        """Run a split over every position at once.

        Parameters
        ----------
        ratio
            A :class:`~splitcalc.SplitRatio` or text such as ``"1-for-25"``.
        fractional
            How a unit's fraction of a new share is settled:
            ``"cash_in_lieu"`` (paid in cash at ``price``), ``"round_down"``
            (dropped), ``"round_up"`` (one more whole share) or
            ``"round_nearest"`` (half a share or more rounds up).
        price
            Price for cash in lieu; by default per *old* share, the close on
            the last trading day before the split (the common formula, e.g.
            Eden Bioscience's Form 8-K). ``None``
            leaves cash unvalued (``cash_total`` is None).
        price_basis
            Where the cash price comes from (:mod:`splitcalc.cashprice`):
            ``"theoretical"`` (also ``"pre"``, the default): ``price`` per old
            share; ``"given"`` (also ``"post"``): per new share;
            ``"average"``: ``price`` holds the closes, averaged over the
            ``average_days`` before ``effective_date``, per old share;
            ``"agent_sale"``: per new share, as the exchange agent realised it.
        level
            ``"holder"``: a holder's positions are combined before the
            fraction is settled; ``"position"``: each position on its own.
        rounding
            :mod:`decimal` rounding mode for each unit's cash, to the cent.
        price_source, effective_date, average_days
            The document the price comes from (shown with it), and the
            inputs of an ``"average"`` price.

        Returns
        -------
        HoldingsResult

        Notes
        -----
        Per unit holding ``s`` shares: ``w, r = divmod(s x new, old)``; cash
        in lieu is ``round(r x price x 100 / new)`` cents (``/ old`` for a
        post-split price), in integer arithmetic. int64 is used while
        ``max(s) x new`` fits; beyond that Python ints take over.
        """
        r = SplitRatio.parse(ratio)
        for term in (r.new, r.old):  # the per-row frame counts in int64 (fraction_den = old)
            as_count(term, "ratio", int64=True, error=InvalidRatio, what="a ratio with terms up to 2**63 - 1")
        if fractional not in FRACTIONAL_POLICIES:
            raise InputError("fractional", fractional, f"use one of {', '.join(FRACTIONAL_POLICIES)}")
        if level not in LEVELS:
            raise InputError("level", level, "use 'holder' or 'position'")
        if price_basis not in PRICE_BASES:
            raise InputError("price_basis", price_basis, f"use one of {', '.join(PRICE_BASES)}")
        mode = parse_rounding(rounding)
        cash_price = resolve_cash_price(
            price, price_basis, effective_date=effective_date, average_days=average_days, source=price_source
        )
        price_f = None if cash_price is None else cash_price.price
        price_basis = BASIS_ALIASES.get(price_basis, price_basis)  # type: ignore[assignment]
        if cash_price is not None:
            price_basis = cash_price.basis  # type: ignore[assignment]  # a CashPrice passed as price= states its own

        unit_shares = self._holder_shares if level == "holder" else self._position_shares
        big = not (fits_int64(self._total * r.new) and fits_int64(r.old))
        if big:
            num: IntArray = np.array(unit_shares.tolist(), dtype=object) * r.new
            whole, rem = num // r.old, num % r.old
        else:
            num = unit_shares if r.new == 1 else unit_shares * np.int64(r.new)
            whole, rem = np.divmod(num, np.int64(r.old))
        up: BoolArray | None = None
        if fractional == "round_up":
            up = rem > 0
        elif fractional == "round_nearest":
            up = 2 * rem >= r.old
        post = whole if up is None else whole + up.astype(np.int64).astype(whole.dtype)

        cash: _Cash | None = None
        if fractional == "cash_in_lieu" and price_f is not None:
            per_old = price_basis in PER_OLD_SHARE_BASES
            per_unit = price_f * 100 / (r.new if per_old else r.old)  # cents per 1/old of a new share
            cash = _Cash.build(rem, r.old, per_unit.numerator, per_unit.denominator, mode)

        holder_post = post if level == "holder" else self._pos_holders.sum(post)
        units = _Units(whole=whole, rem=rem, post=post, up=up, holder_post=holder_post, cash=cash)
        totals = self._totals(r, fractional, level, units)
        return HoldingsResult(
            holdings=self,
            ratio=r,
            fractional=fractional,
            level=level,
            price=price_f,
            price_basis=price_basis,
            rounding=mode,
            totals=totals,
            _units=units,
            cash_price=cash_price,
        )

    def _totals(self, r: SplitRatio, fractional: str, level: str, u: _Units) -> HoldingsTotals:
        """Table-wide counts from one settlement: a few reductions over the unit arrays."""
        b = self._before
        n_units = len(u.post)
        # every unit's post-split shares are non-negative and sum to at most entitlement + units
        shares_after = exact_sum(u.post, total=self._total * r.new // r.old + n_units)
        units_with_shares = int(np.count_nonzero(u.post))
        if level == "holder":
            holders_after = units_with_shares
            zero_units = b["holders_without_shares"]
        else:
            holders_after = int(np.count_nonzero(u.holder_post))
            zero_units = b["positions_without_shares"]
        rl_after = int(np.count_nonzero(u.holder_post >= ROUND_LOT))
        ins = self._insider_holders
        ins_post = u.holder_post[ins]
        public_after = holders_after - int(np.count_nonzero(ins_post))
        public_rl_after = rl_after - int(np.count_nonzero(ins_post >= ROUND_LOT))
        stats = _RemainderStats.of(u.rem, r.old, fractional, u.cash)
        cashed = forfeited = rounded_up = Fraction(0)
        if fractional == "cash_in_lieu":
            cashed = Fraction(stats.rem_sum, r.old)
        else:
            forfeited = Fraction(stats.rem_sum - stats.rem_up, r.old)
            rounded_up = Fraction(stats.n_up * r.old - stats.rem_up, r.old)
        cash_total = None if stats.cents is None else from_cents(stats.cents)
        return HoldingsTotals(
            holders_before=b["holders"],
            holders_after=holders_after,
            holders_eliminated=b["holders"] - holders_after,
            round_lot_holders_before=b["round_lot_holders"],
            round_lot_holders_after=rl_after,
            public_holders_before=b["public_holders"],
            public_holders_after=public_after,
            public_round_lot_holders_before=b["public_round_lot_holders"],
            public_round_lot_holders_after=public_rl_after,
            shares_before=b["shares"],
            shares_after=shares_after,
            public_shares_before=b["public_shares"],
            public_shares_after=shares_after - exact_sum(ins_post, total=shares_after) if len(ins) else shares_after,
            shares_cashed_out=cashed,
            cash_total=cash_total,
            entitlement=Fraction(self._total * r.new, r.old),
            shares_forfeited=forfeited,
            shares_rounded_up=rounded_up,
            positions=self._positions.n,
            units=n_units,
            units_with_fraction=stats.n_fraction,
            # a unit left with 0 shares had some unless it held none before
            units_cashed_out=n_units - units_with_shares - zero_units,
        )

    def compare(self, ratios: Iterable[RatioLike], **options: Any) -> pd.DataFrame:
        """Totals for several ratios side by side (one row per ratio).

        ``options`` are passed to :meth:`apply`.

        >>> h = Holdings.from_arrays([30, 2_600, 100])
        >>> h.compare(["1-for-10", "1-for-25"])["holders_after"].tolist()
        [3, 3]
        """
        records = []
        for ratio in ratios:
            res = self.apply(ratio, **options)
            rec: dict[str, object] = {"ratio": str(res.ratio)}
            rec.update(res.totals.to_dict())
            records.append(rec)
        return pd.DataFrame.from_records(records).set_index("ratio")


def _apportion(total: int, weights: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """Split ``total`` into non-negative ints proportional to ``weights`` (largest remainder)."""
    if len(weights) == 0:
        return np.zeros(0, np.int64)
    w = weights / weights.sum()
    base: npt.NDArray[np.int64] = np.floor(w * total).astype(np.int64)
    short = total - int(base.sum())
    if short > 0:
        order = np.argsort(-(w * total - base), kind="stable")
        base[order[:short]] += 1
    elif short < 0:  # float rounding overshoot: take back from the largest
        order = np.argsort(-base, kind="stable")
        base[order[:-short]] -= 1
    return base


def _largest(values: npt.NDArray[np.int64], k: int) -> npt.NDArray[np.intp]:
    """Indices of the ``k`` largest values, largest first, ties by position.

    The same as ``np.argsort(-values, kind="stable")[:k]`` without sorting
    everything.
    """
    if k >= len(values):
        return np.argsort(-values, kind="stable")
    kth = np.partition(values, len(values) - k)[len(values) - k]
    above = np.flatnonzero(values > kth)
    ties = np.flatnonzero(values == kth)[: k - len(above)]
    chosen = np.sort(np.concatenate([above, ties]))
    return chosen[np.argsort(-values[chosen], kind="stable")]


def _skewed_sizes(rng: np.random.Generator, m: int, total: int, sigma: float) -> npt.NDArray[np.int64]:
    """``m`` holder sizes >= 1 summing to ``total``, log-normal with round hundreds."""
    if m == 0:
        return np.zeros(0, np.int64)
    raw = rng.lognormal(0.0, sigma, size=m)
    sizes: npt.NDArray[np.int64] = np.maximum(1, np.floor(raw * (0.9 * total / raw.sum()))).astype(np.int64)
    snap = (sizes >= 100) & (rng.random(m) < 0.35)
    sizes[snap] = np.round(sizes[snap] / 100).astype(np.int64) * 100
    diff = total - int(sizes.sum())
    top = _largest(sizes, max(1, m // 100))
    if diff >= 0:
        sizes[top] += _apportion(diff, sizes[top].astype(np.float64))
    else:
        room = sizes[top] - 1
        if int(room.sum()) < -diff:
            raise InputError("total_shares", total, "too small for this many holders")
        take = np.minimum(room, _apportion(-diff, room.astype(np.float64)))
        sizes[top] -= take
        left = -diff - int(take.sum())
        for i in top:  # rare: give back what rounding could not take
            if left == 0:
                break
            step = min(left, int(sizes[i]) - 1)
            sizes[i] -= step
            left -= step
    return sizes


# ================================================================= results
#: Largest ``old`` term for which remainders are counted in a histogram.
_TABLE_MAX: Final = 1 << 20


def _dot(counts: npt.NDArray[np.int64], weights: IntArray) -> int:
    """``sum(counts x weights)`` exactly."""
    if len(counts) == 0:
        return 0
    wmax = max(abs(int(weights.max())), abs(int(weights.min())))
    if weights.dtype != object and fits_int64(int(counts.sum()) * wmax):
        return int(np.dot(counts, weights))
    return sum(int(c) * int(w) for c, w in zip(counts.tolist(), weights.tolist(), strict=True))


@dataclass(frozen=True, eq=False)
class _Cash:
    """Cash in lieu in cents per unit: ``round(rem x mul / den)``.

    A remainder only takes the values ``0 .. old - 1``; when that range is
    small the rounding is done once per value (``table``) and looked up,
    otherwise per unit (``direct``).
    """

    table: IntArray | None
    direct: IntArray | None

    @classmethod
    def build(cls, rem: IntArray, old: int, mul: int, den: int, rounding: str) -> _Cash:
        if _uses_table(old, len(rem)):
            return cls(scaled_div_round(np.arange(old, dtype=np.int64), mul, den, rounding, bound=old - 1), None)
        return cls(None, scaled_div_round(rem, mul, den, rounding, bound=old - 1))


def _uses_table(old: int, n: int) -> bool:
    return old <= _TABLE_MAX and old <= max(4096, 4 * n)


@dataclass(frozen=True)
class _RemainderStats:
    """Sums over the remainders: from a histogram when ``old`` is small."""

    n_fraction: int  # units with a fraction
    rem_sum: int
    n_up: int  # units rounded up
    rem_up: int  # remainders of the units rounded up
    cents: int | None  # total cash in lieu

    @classmethod
    def of(cls, rem: IntArray, old: int, fractional: str, cash: _Cash | None) -> _RemainderStats:
        n = len(rem)
        if _uses_table(old, n):
            counts = np.bincount(rem if rem.dtype != object else rem.astype(np.int64), minlength=old)
            levels = np.arange(old, dtype=np.int64)
            rem_sum = _dot(counts, levels)
            n_fraction = n - int(counts[0]) if n else 0
            up_from = {"round_up": 1, "round_nearest": (old + 1) // 2}.get(fractional, old)
            n_up = int(counts[up_from:].sum())
            rem_up = _dot(counts[up_from:], levels[up_from:])
            cents = None
            if cash is not None and cash.table is not None:
                cents = _dot(counts, cash.table)
            return cls(n_fraction, rem_sum, n_up, rem_up, cents)
        rem_sum = exact_sum(rem, old)
        if fractional == "round_up":
            up = rem > 0
        elif fractional == "round_nearest":
            up = 2 * rem >= old
        else:
            up = np.zeros(n, bool)
        direct = None if cash is None else cash.direct
        return cls(
            int(np.count_nonzero(rem)),
            rem_sum,
            int(np.count_nonzero(up)),
            exact_sum(rem[up], old),
            None if direct is None else exact_sum(direct),
        )


@dataclass(frozen=True, eq=False)
class _Units:
    """Per settlement unit arrays behind a result (read-only by convention)."""

    whole: IntArray
    rem: IntArray
    post: IntArray
    up: BoolArray | None
    holder_post: IntArray
    cash: _Cash | None

    @cached_property
    def cents(self) -> IntArray | None:
        """Cash in lieu per unit, in cents (None without a price)."""
        if self.cash is None:
            return None
        if self.cash.table is not None:
            looked_up: IntArray = self.cash.table[self.rem if self.rem.dtype != object else self.rem.astype(np.int64)]
            return looked_up
        return self.cash.direct


@dataclass(frozen=True)
class HoldingsTotals(FrameDisplay):
    """Table-wide counts before and after a split (see :meth:`Holdings.apply`).

    Holders are counted once however many positions they have; a holder is
    a holder while holding at least one share, a round-lot holder with at
    least :data:`ROUND_LOT` (100) shares (Nasdaq FAQ 1415);
    public means not flagged insider. Exact identities, for every policy::

        shares_after == entitlement - shares_cashed_out - shares_forfeited + shares_rounded_up
        holders_eliminated == holders_before - holders_after

    Attributes
    ----------
    entitlement
        ``shares_before x new / old``: post-split shares before any fraction is settled.
    shares_cashed_out
        New-share fractions paid in cash (cash in lieu only).
    shares_forfeited
        Fractions dropped without cash (round down, round nearest below half).
    shares_rounded_up
        Extra fractions issued by rounding up.
    cash_total
        Cash in lieu paid, the sum of every unit's cents; None without a price.
    units, units_with_fraction, units_cashed_out
        Settlement units (holders or positions), those with a fraction, and
        those left with no shares at all.
    """

    holders_before: int
    holders_after: int
    holders_eliminated: int
    round_lot_holders_before: int
    round_lot_holders_after: int
    public_holders_before: int
    public_holders_after: int
    public_round_lot_holders_before: int
    public_round_lot_holders_after: int
    shares_before: int
    shares_after: int
    public_shares_before: int
    public_shares_after: int
    shares_cashed_out: Fraction
    cash_total: Decimal | None
    entitlement: Fraction
    shares_forfeited: Fraction
    shares_rounded_up: Fraction
    positions: int
    units: int
    units_with_fraction: int
    units_cashed_out: int

    @property
    def public_holders_eliminated(self) -> int:
        """Public holders left with no shares."""
        return self.public_holders_before - self.public_holders_after

    def _title(self) -> str:
        return "Holders and shares before / after the split"

    def to_frame(self) -> pd.DataFrame:
        """Metric rows with ``before``, ``after`` and ``change`` columns."""
        pairs = [
            ("Holders", self.holders_before, self.holders_after),
            ("Round-lot holders (>= 100 shares)", self.round_lot_holders_before, self.round_lot_holders_after),
            ("Public holders", self.public_holders_before, self.public_holders_after),
            (
                "Public round-lot holders",
                self.public_round_lot_holders_before,
                self.public_round_lot_holders_after,
            ),
            ("Shares", self.shares_before, self.shares_after),
            ("Publicly held shares", self.public_shares_before, self.public_shares_after),
        ]
        data: list[tuple[str, object, object, object]] = [(m, b, a, a - b) for m, b, a in pairs]
        data.append(("Holders eliminated", "", self.holders_eliminated, ""))
        data.append(("Shares cashed out", "", mixed_number(self.shares_cashed_out), ""))
        if self.shares_forfeited:
            data.append(("Shares forfeited (fractions dropped)", "", mixed_number(self.shares_forfeited), ""))
        if self.shares_rounded_up:
            data.append(("Shares added by rounding up", "", mixed_number(self.shares_rounded_up), ""))
        if self.cash_total is not None:
            data.append(("Cash in lieu", "", f"${self.cash_total:,}", ""))
        return pd.DataFrame(data, columns=["metric", "before", "after", "change"]).set_index("metric")

    def to_dict(self) -> dict[str, object]:
        """Every field (exact values kept exact), plus ``public_holders_eliminated``."""
        out = {name: getattr(self, name) for name in self.__dataclass_fields__}
        out["public_holders_eliminated"] = self.public_holders_eliminated
        return out


@dataclass(frozen=True)
class HoldingsResult(FrameDisplay):
    """What a split does to every holder, from :meth:`Holdings.apply`.

    Attributes
    ----------
    holdings
        The table the split was applied to.
    ratio, fractional, level, price, price_basis, rounding
        The inputs (``price`` as an exact Fraction, or None).
    totals
        :class:`HoldingsTotals`.
    frame
        One row per settlement unit (:attr:`frame`).
    """

    holdings: Holdings = field(repr=False)
    ratio: SplitRatio
    fractional: str
    level: str
    price: Fraction | None
    price_basis: str
    rounding: str
    totals: HoldingsTotals
    _units: _Units = field(repr=False, compare=False)
    cash_price: CashPrice | None = None

    # ------------------------------------------------------------ prices
    @property
    def price_per_new_share(self) -> Fraction | None:
        """The cash-in-lieu price per new share, ``p x old / new`` (or as given)."""
        if self.price is None:
            return None
        return self.price * self.ratio.price_multiplier if self.price_basis in PER_OLD_SHARE_BASES else self.price

    # ------------------------------------------------------------- frame
    @cached_property
    def frame(self) -> pd.DataFrame:
        """One row per settlement unit: a holder (``level="holder"``) or a position.

        A plain position file at position level gives one row per input row.
        Columns: ``holder_id``, ``account_id`` (position level, when given),
        ``account_type`` (``mixed`` for a holder with both kinds),
        ``insider``, ``rows`` (input rows combined), ``shares``,
        ``entitled_whole``, ``fraction_num`` / ``fraction_den`` (the exact
        fraction of a new share, ``r / old``), ``post_shares``, ``settlement``
        of the fraction (``none``, ``cash``, ``dropped``, ``rounded_up``),
        ``cash_cents`` and ``cash`` (Decimal; with a price, cash in lieu),
        ``cashed_out`` (had shares, has none), and the holder's
        ``round_lot_before`` / ``round_lot_after`` and ``holder_eliminated``.
        """
        h = self.holdings
        u = self._units
        holder_level = self.level == "holder"
        unit_holder = np.arange(h.n_holders) if holder_level else h._position_holder
        groups = h._holders if holder_level else h._positions
        data: dict[str, Any] = {"holder_id": h._holder_labels[unit_holder]}
        if not holder_level and h._account_id is not None:
            data["account_id"] = h._account_id[groups.first]
        if h._account_type is not None:
            if holder_level:
                reg = groups.any(h._account_type == 1)
                street = groups.any(h._account_type == 2)
                codes = np.where(reg & street, 3, np.where(street, 2, np.where(reg, 1, 0)))
            else:
                codes = h._account_type[groups.first]
            data["account_type"] = _categorical(codes, (*ACCOUNT_TYPES, "mixed"))
        data["insider"] = h._holder_insider[unit_holder]
        data["rows"] = groups.count()
        unit_shares = h._holder_shares if holder_level else h._position_shares
        data["shares"] = unit_shares
        data["entitled_whole"] = u.whole
        data["fraction_num"] = u.rem
        data["fraction_den"] = np.full(len(u.rem), self.ratio.old, dtype=np.int64)
        data["post_shares"] = u.post
        settle = np.where(u.rem == 0, 0, 1 if self.fractional == "cash_in_lieu" else 2)
        if u.up is not None:
            settle = np.where(u.up, 3, settle)
        data["settlement"] = _categorical(settle, ("none", "cash", "dropped", "rounded_up"))
        if u.cents is not None:
            data["cash_cents"] = u.cents
            if u.cents.dtype == np.int64:  # at most 19 digits, inside Decimal's 28: scaleb is exact (~2x faster)
                data["cash"] = [Decimal(c).scaleb(-2) for c in u.cents.tolist()]
            else:  # Python ints past int64: exact at any length
                data["cash"] = [from_cents(c) for c in u.cents.tolist()]
        data["cashed_out"] = (unit_shares > 0) & (u.post == 0)
        data["round_lot_before"] = (h._holder_shares >= ROUND_LOT)[unit_holder]
        data["round_lot_after"] = (u.holder_post >= ROUND_LOT)[unit_holder]
        data["holder_eliminated"] = ((h._holder_shares > 0) & (u.holder_post == 0))[unit_holder]
        return pd.DataFrame(data)

    def holder_frame(self) -> pd.DataFrame:
        """One row per holder: ``holder_id``, ``insider``, ``shares_before``, ``shares_after``."""
        h = self.holdings
        return pd.DataFrame(
            {
                "holder_id": h._holder_labels,
                "insider": h._holder_insider,
                "shares_before": h._holder_shares,
                "shares_after": self._units.holder_post,
            }
        )

    # ------------------------------------------------------ distribution
    def distribution(self, buckets: Sequence[int] = DEFAULT_BUCKETS) -> pd.DataFrame:
        """Holders by share bucket: counted by shares held before, and after.

        ``buckets`` are the lower edges (starting at 0, increasing); the
        defaults give ``0``, ``1-99``, ``100-499``, ... ``100,000+``. Every
        holder in the table appears once in ``holders_before`` and once in
        ``holders_after``, so the ``0`` bucket after counts the holders the
        split eliminates, and buckets from ``100`` count round-lot holders.

        Returns
        -------
        pandas.DataFrame
            Columns ``bucket``, ``holders_before``, ``holders_after``,
            ``shares_before``, ``shares_after``.
        """
        edges = _check_buckets(buckets)
        before = self.holdings._holder_shares
        after = self._units.holder_post
        rows = []
        b_idx = np.searchsorted(edges, before, side="right") - 1
        capped = np.where(after > edges[-1], edges[-1], after).astype(np.int64)  # object-safe
        a_idx = np.searchsorted(edges, capped, side="right") - 1
        hb = np.bincount(b_idx, minlength=len(edges))
        ha = np.bincount(a_idx, minlength=len(edges))
        sb = _bucket_sums(b_idx, before, len(edges))
        sa = _bucket_sums(a_idx, after, len(edges))
        for i, lo in enumerate(edges.tolist()):
            hi = int(edges[i + 1]) - 1 if i + 1 < len(edges) else None
            label = f"{lo:,}+" if hi is None else (f"{lo:,}" if hi == lo else f"{lo:,}-{hi:,}")
            rows.append((label, int(hb[i]), int(ha[i]), sb[i], sa[i]))
        return pd.DataFrame(
            rows, columns=["bucket", "holders_before", "holders_after", "shares_before", "shares_after"]
        )

    # -------------------------------------------------------- economics
    def round_up_economics(self, price: MoneyLike | None = None) -> RoundUpEconomics:
        """What rounding every fraction up would be worth (see :mod:`splitcalc.costbasis`)."""
        from .costbasis import round_up_economics

        return round_up_economics(self, price=price)

    def cost_basis(
        self,
        *,
        method: Literal["trace", "fifo", "lifo", "specific", "average"] | None = None,
        order: Literal["fifo", "lifo"] | None = None,
        identify: Sequence[object] | None = None,
        effective_date: dt.date | str | None = None,
    ) -> CostBasisResult:
        """Carry each lot's cost basis through the split (see :func:`splitcalc.costbasis.lot_basis`).

        ``method`` defaults to ``"trace"`` (26 CFR 1.358-2(a)(2)(i)); ``order``
        is the older spelling of ``method="fifo"`` / ``"lifo"``.
        """
        from .costbasis import lot_basis

        return lot_basis(self, method=method, order=order, identify=identify, effective_date=effective_date)

    # ------------------------------------------------------------ views
    def _title(self) -> str:
        policy = self.fractional.replace("_", " ")
        price = ""
        if self.price is not None:
            per = "old" if self.price_basis in PER_OLD_SHARE_BASES else "new"
            price = f", ${price_text(self.price)} per {per} share"
            if self.cash_price is not None:
                price += f" ({self.cash_price.basis}: {self.cash_price.source})"
        return f"{self.ratio} split, {policy} at {self.level} level{price}"

    def to_frame(self) -> pd.DataFrame:
        """The totals table (``before``, ``after``, ``change``); the units are in :attr:`frame`."""
        return self.totals.to_frame()

    def to_dict(self) -> dict[str, object]:
        """Inputs, totals and the distribution (not the per-unit rows)."""
        return {
            "ratio": str(self.ratio),
            "factor": self.ratio.factor,
            "fractional": self.fractional,
            "level": self.level,
            "price": self.price,
            "price_basis": self.price_basis,
            "price_per_new_share": self.price_per_new_share,
            "price_source": None if self.cash_price is None else self.cash_price.source,
            "rounding": self.rounding,
            "totals": self.totals.to_dict(),
            "distribution": self.distribution().to_dict(orient="records"),
        }


def _categorical(codes: npt.NDArray[Any], labels: Sequence[str]) -> pd.Categorical[str]:
    return pd.Categorical.from_codes(np.asarray(codes, dtype=np.int64), categories=pd.Index(list(labels)))


def _check_buckets(buckets: Sequence[int]) -> npt.NDArray[np.int64]:
    if isinstance(buckets, str) or not isinstance(buckets, Iterable):
        raise InputError("buckets", buckets, "must be whole share counts")
    edges = [as_count(b, "buckets", int64=True, what="whole share counts") for b in buckets]
    if not edges or edges[0] != 0 or any(b >= c for b, c in itertools.pairwise(edges)):
        raise InputError("buckets", buckets, "must start at 0 and increase")
    return np.asarray(edges, dtype=np.int64)


def _bucket_sums(idx: npt.NDArray[np.intp], values: IntArray, n: int) -> list[int]:
    if values.dtype != object and exact_sum(values) < 2**53:  # float64 sums of integers are exact below 2**53
        return [int(x) for x in np.bincount(idx, weights=values, minlength=n)]
    return [exact_sum(values[idx == i]) for i in range(n)]
