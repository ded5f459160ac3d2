"""Names for the input types splitcalc's public functions accept."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, TypeAlias, Union

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from .ratio import SplitRatio

#: A calendar date: ``datetime.date``, ``pandas.Timestamp``, ``numpy.datetime64`` or ISO text.
DateLike: TypeAlias = Union[dt.date, "pd.Timestamp", "np.datetime64", str]
#: Anything :meth:`splitcalc.SplitRatio.parse` reads.
RatioLike: TypeAlias = Union["SplitRatio", str, Fraction, tuple[int, int]]
#: A money amount; floats are read through their shortest repr.
MoneyLike: TypeAlias = Decimal | int | str | Fraction | float
#: Daily closing prices indexed by date.
PriceSeries: TypeAlias = "pd.Series"

__all__ = ["DateLike", "MoneyLike", "PriceSeries", "RatioLike"]
