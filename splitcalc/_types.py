"""Names for the input types splitcalc's public functions accept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeAlias, Union

if TYPE_CHECKING:
    import os

    import numpy as np
    import pandas as pd

    from .cashprice import CashPrice
    from .holdings import Holdings, HoldingsResult
    from .ratio import SplitRatio

#: A calendar date: ``datetime.date``, ``pandas.Timestamp``, ``numpy.datetime64`` or ISO text.
DateLike: TypeAlias = Union[dt.date, "pd.Timestamp", "np.datetime64", str]
#: Anything :meth:`splitcalc.SplitRatio.parse` reads.
RatioLike: TypeAlias = Union["SplitRatio", str, Fraction, tuple[int, int]]
#: A money amount; floats are read through their shortest repr (bounds: :mod:`splitcalc.coerce`).
MoneyLike: TypeAlias = Decimal | int | str | Fraction | float
#: A whole count (shares, holders, days): an int, a numpy integer or digits (``"39,752,812"``); never a bool.
CountLike: TypeAlias = Union[int, "np.integer[Any]", str]
#: A rounding mode: a :mod:`decimal` constant or its short name (``"half_up"``).
RoundingLike: TypeAlias = str
#: A path to a file.
PathLike: TypeAlias = Union[str, "os.PathLike[str]"]
#: Splits as ``(effective date, ratio)`` pairs or a ``{date: ratio}`` mapping.
SplitsLike: TypeAlias = Iterable[tuple[DateLike, RatioLike]] | Mapping[DateLike, RatioLike]
#: Holder counts after a split: a mapping (``total_holders``, ``public_holders``, ``round_lot_holders``,
#: ``publicly_held_shares``), a holder table (applied to each split) or a result of applying one.
HoldersLike: TypeAlias = Union[Mapping[str, int], "Holdings", "HoldingsResult"]
#: Daily closing prices indexed by date.
PriceSeries: TypeAlias = "pd.Series"
#: Closing prices by date: a Series, a ``{date: close}`` mapping or ``(date, close)`` pairs.
ClosesLike: TypeAlias = Union["pd.Series", Mapping[DateLike, MoneyLike], Iterable[tuple[DateLike, MoneyLike]]]
#: A cash-in-lieu price: an amount, the closes to average (``price_basis="average"``) or a stated CashPrice.
CashPriceLike: TypeAlias = Union[MoneyLike, ClosesLike, "CashPrice"]
#: A price history: closes by date, a price frame with a ``close`` column, or plain closes in order.
PriceHistory: TypeAlias = Union["pd.Series", "pd.DataFrame", "np.ndarray[Any, Any]", "Sequence[float]"]

__all__ = [
    "CashPriceLike",
    "ClosesLike",
    "CountLike",
    "DateLike",
    "HoldersLike",
    "MoneyLike",
    "PathLike",
    "PriceHistory",
    "PriceSeries",
    "RatioLike",
    "RoundingLike",
    "SplitsLike",
]
