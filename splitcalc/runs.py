"""Run lengths of consecutive ``True`` values, vectorised with numpy.

Exchange price rules count *consecutive* days: 30 consecutive business days
below $1.00 make a Nasdaq deficiency, 10 consecutive business days at or above
$1.00 regain compliance (Nasdaq Rule 5810(c)(3)(A), rules.md §1 rows 2 and 4),
10 consecutive trading days at or below $0.10 end a compliance period
(5810(c)(3)(A)(iii), rules.md §1 row 7). All three are questions about runs in
a boolean mask, answered here without a Python loop over days, along any axis
of an n-dimensional array (one row per ticker, one column per session).

The run length at position ``i`` is ``i - j`` where ``j`` is the index of the
last ``False`` at or before ``i`` (``-1`` if there is none); ``j`` is a
running maximum (``np.maximum.accumulate``) of the indices of ``False``.

>>> import numpy as np
>>> mask = np.array([True, True, False, True, True, True])
>>> run_lengths(mask).tolist()
[1, 2, 0, 1, 2, 3]
>>> int(first_run_end(mask, 3)), int(last_run_start(mask))
(5, 3)
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .coerce import as_count
from .errors import InputError

__all__ = ["first_run_end", "last_run_start", "run_lengths"]

IntArray = npt.NDArray[np.int64]


def _as_mask(mask: npt.ArrayLike, param_name: str = "mask") -> npt.NDArray[np.bool_]:
    arr = np.asarray(mask)
    if arr.dtype != np.bool_:
        raise InputError(param_name, arr.dtype, "must be a boolean array (compare prices first, e.g. closes < 1.0)")
    if arr.ndim == 0:
        raise InputError(param_name, arr, "must have at least one dimension")
    return arr


def run_lengths(mask: npt.ArrayLike, axis: int = -1) -> IntArray:
    """Length of the run of consecutive ``True`` values ending at each position.

    Parameters
    ----------
    mask
        Boolean array (any number of dimensions); not modified.
    axis
        Axis along which runs are counted (the time axis).

    Returns
    -------
    numpy.ndarray
        ``int64`` array of ``mask``'s shape: ``0`` where ``mask`` is False,
        otherwise ``1 + `` the run length at the previous position.

    Notes
    -----
    ``run[i] = i - max{j <= i : not mask[j]}`` (with ``max{} = -1``), computed
    as ``idx - maximum.accumulate(where(mask, -1, idx))``: O(n), no loop.

    Examples
    --------
    >>> import numpy as np
    >>> run_lengths(np.array([[True, False, True, True], [True, True, True, False]])).tolist()
    [[1, 0, 1, 2], [1, 2, 3, 0]]
    >>> run_lengths(np.array([[True, True], [False, True]]), axis=0).tolist()
    [[1, 1], [0, 2]]
    """
    arr = _as_mask(mask)
    moved = np.moveaxis(arr, axis, -1)
    n = moved.shape[-1]
    idx = np.arange(n, dtype=np.int64)
    last_false = np.where(moved, np.int64(-1), idx)
    np.maximum.accumulate(last_false, axis=-1, out=last_false)
    runs = idx - last_false
    return np.moveaxis(runs, -1, axis)


def first_run_end(mask: npt.ArrayLike, n: int, axis: int = -1) -> IntArray:
    """Index at which a run of ``n`` consecutive ``True`` values first completes.

    Parameters
    ----------
    mask
        Boolean array; not modified.
    n
        Required run length (``>= 1``), e.g. 30 business days for a Nasdaq
        deficiency (5810(c)(3)(A), rules.md §1 row 2).
    axis
        Time axis.

    Returns
    -------
    numpy.ndarray
        ``int64`` array with ``axis`` removed (a 0-d array for 1-D input):
        the first index ``i`` with ``run_lengths(mask)[i] == n``, or ``-1``
        if no run that long exists.

    Examples
    --------
    >>> import numpy as np
    >>> first_run_end(np.array([[True, True, False, True], [False, False, False, False]]), 2).tolist()
    [1, -1]
    """
    n = as_count(n, "n", minimum=1, what="a whole number of days >= 1")
    arr = _as_mask(mask)
    hit = np.moveaxis(run_lengths(arr, axis=axis), axis, -1) >= n
    if hit.shape[-1] == 0:
        return np.full(hit.shape[:-1], -1, dtype=np.int64)
    first = np.argmax(hit, axis=-1).astype(np.int64)
    return np.where(np.any(hit, axis=-1), first, np.int64(-1))


def last_run_start(mask: npt.ArrayLike, axis: int = -1) -> IntArray:
    """Start index of the run of ``True`` values that reaches the last position.

    Parameters
    ----------
    mask
        Boolean array; not modified.
    axis
        Time axis.

    Returns
    -------
    numpy.ndarray
        ``int64`` array with ``axis`` removed: ``len - run`` where ``run`` is
        the run length at the last position, or ``-1`` when the last value is
        ``False`` (or the axis is empty).

    Examples
    --------
    >>> import numpy as np
    >>> last_run_start(np.array([[True, False, True, True], [True, True, True, False]])).tolist()
    [2, -1]
    """
    arr = _as_mask(mask)
    moved = np.moveaxis(arr, axis, -1)
    n = moved.shape[-1]
    if n == 0:
        return np.full(moved.shape[:-1], -1, dtype=np.int64)
    last = run_lengths(moved, axis=-1)[..., -1]
    return np.where(last > 0, np.int64(n) - last, np.int64(-1))
