"""Turn splitcalc results into JSON-safe values.

Exact values keep their exactness in text: a :class:`~decimal.Decimal` becomes
its string (``"4.25"``), a :class:`~fractions.Fraction` ``"n/d"`` (or ``"n"``
when whole), dates ISO strings. Frozen dataclasses become dicts of their
fields, and objects with a ``to_dict()`` method are asked for it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

__all__ = ["dumps", "to_jsonable"]


def to_jsonable(obj: Any) -> Any:
    """Recursively convert ``obj`` into JSON-compatible Python values."""
    if obj is None or isinstance(obj, bool | str):
        return obj
    if isinstance(obj, int):
        return int(obj)
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, Fraction):
        return str(obj)
    if isinstance(obj, dt.datetime | dt.date):
        return obj.isoformat()
    if isinstance(obj, enum.Enum):
        return to_jsonable(obj.value)
    to_dict = getattr(obj, "to_dict", None)
    if callable(to_dict):
        return to_jsonable(to_dict())
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in obj]
    item = getattr(obj, "item", None)  # numpy scalars
    if callable(item):
        return to_jsonable(item())
    isoformat = getattr(obj, "isoformat", None)  # pandas Timestamp
    if callable(isoformat):
        return isoformat()
    return str(obj)


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """``json.dumps(to_jsonable(obj))`` with stable key order."""
    return json.dumps(to_jsonable(obj), indent=indent, sort_keys=False)
