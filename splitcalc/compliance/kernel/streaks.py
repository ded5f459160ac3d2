"""Streaks: the kernel's one implementation of runs of consecutive sessions, vectorised with numpy.

Exchange price rules count *consecutive* days: 30 consecutive business days
below $1.00 make a Nasdaq deficiency, 10 consecutive business days at or above
$1.00 regain compliance (Nasdaq Rule 5810(c)(3)(A)),
10 consecutive trading days at or below $0.10 end a compliance period
(5810(c)(3)(A)(iii), approved by the SEC on April 21, 2020, for companies
first notified on or after September 1, 2020). All three are
questions about runs in a boolean mask, answered here without a Python loop
over days, along any axis of an n-dimensional array (one row per ticker or
price path, one column per session). The walk (``check_compliance``), the
vectorised ``scan`` and the simulator's paths all count their streaks here:

* :func:`run_lengths`, :func:`first_reaching`, :func:`first_run_end`,
  :func:`last_run_start`, :func:`run_at_end` -- run lengths per position and
  where a run first reaches a length (the walk, the simulator);
* :func:`true_runs` -- the ``[start, end)`` spans of the runs of one series
  (the walk's failed regain attempts);
* :class:`Runs` / :class:`Completions` -- the runs of a (cases x sessions)
  mask in flat order and, per case, the next session on which a run long
  enough is complete from a given session on (``scan``, many cases at once).

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

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from ...coerce import as_count
from ...errors import InputError

__all__ = [
    "Completions",
    "Runs",
    "end_streaks",
    "first_reaching",
    "first_run_end",
    "last_run_start",
    "run_at_end",
    "run_lengths",
    "sparse_flatnonzero",
    "true_runs",
]

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
        deficiency (Rule 5810(c)(3)(A)).
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
    return first_reaching(run_lengths(_as_mask(mask), axis=axis), n, axis=axis)


def first_reaching(runs: IntArray, n: int, axis: int = -1) -> IntArray:
    """Index at which the run lengths ``runs`` (of :func:`run_lengths`) first reach ``n``, else ``-1``.

    One :func:`run_lengths` pass then serves several lengths (the simulator's
    10- and 20-day regain tests).

    >>> first_reaching(run_lengths(np.array([[True, True, True], [True, False, True]])), 2).tolist()
    [1, -1]
    """
    hit = np.moveaxis(runs, axis, -1) >= n
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


def run_at_end(mask: npt.NDArray[np.bool_]) -> int:
    """Length of the run of ``True`` that reaches the last element of a 1-D mask (0 if none).

    >>> run_at_end(np.array([True, False, True, True]))
    2
    """
    start = int(last_run_start(mask))
    return 0 if start < 0 else len(mask) - start


def true_runs(mask: npt.NDArray[np.bool_]) -> tuple[IntArray, IntArray]:
    """The runs of ``True`` of a 1-D mask as ``(starts, ends)`` (``ends`` exclusive).

    >>> [a.tolist() for a in true_runs(np.array([True, True, False, True]))]
    [[0, 3], [2, 4]]
    """
    edges = np.diff(np.concatenate(([0], _as_mask(mask).astype(np.int8), [0])))
    return np.flatnonzero(edges == 1).astype(np.int64), np.flatnonzero(edges == -1).astype(np.int64)


def sparse_flatnonzero(mask: npt.NDArray[np.bool_]) -> IntArray:
    """``np.flatnonzero`` of a contiguous boolean array that is mostly ``False`` (run boundaries).

    numpy's boolean ``nonzero`` visits every element; here the mask is read
    as 8-byte words, and only the bytes of the words that hold a ``True`` are
    visited (the same indices, in the same order). Run boundaries of closes
    around $1 are a few percent of sessions: most words are zero.

    >>> sparse_flatnonzero(np.array([False] * 9 + [True] + [False] * 6 + [True, True])).tolist()
    [9, 16, 17]
    """
    flat = np.ascontiguousarray(_as_mask(mask)).reshape(-1)  # the words are read as bytes that are 0 or 1
    whole = flat.size - flat.size % 8
    words = flat[:whole].view(np.uint64)
    hit = np.flatnonzero(words != 0)
    # the bytes of the words that hold a True, as booleans: numpy's fast boolean nonzero over them
    k = np.flatnonzero(words[hit].view(np.bool_))
    out = (hit[k >> 3] << 3) | (k & 7)
    if whole < flat.size:
        out = np.concatenate((out, np.flatnonzero(flat[whole:]) + whole))
    result: IntArray = out.astype(np.int64, copy=False)
    return result


#: Bytes of mask :meth:`Runs.of` reads per block (whole rows): small enough to stay in a core's cache.
_RUNS_BLOCK: Final = 1 << 20


@dataclass(frozen=True)
class Runs:
    """Runs of a boolean (cases x sessions) mask in flat, row-major order: ``starts``, ``ends`` (exclusive), ``values``.

    >>> r = Runs.of(np.array([[True, True, False], [False, True, True]]))
    >>> r.at_end(True).tolist(), r.completing(True, 2).next(np.array([0, 1]), np.array([0, 0])).tolist()
    ([0, 2], [1, 2])
    """

    starts: IntArray
    ends: IntArray
    values: npt.NDArray[np.bool_]
    n: int

    @classmethod
    def of(cls, mask: npt.NDArray[np.bool_]) -> Runs:
        """Run boundaries from one ``flat[1:] != flat[:-1]`` pass (the floor's compare-and-diff).

        The mask is taken flat (row-major); a boundary is forced at every
        row start so no run crosses from one case to the next.
        """
        t_count, n = mask.shape
        flat = mask.ravel()
        # whole rows at a time, about 1 MiB of mask each: the boundary flags stay in cache between the compare
        # and the nonzero that reads them (one pass over memory instead of three)
        step = max(1, _RUNS_BLOCK // max(1, n)) * max(1, n)
        change = np.empty(min(step, flat.size), dtype=bool)  # True where a run starts
        parts = []
        for s0 in range(0, flat.size, step):
            s1 = min(flat.size, s0 + step)
            c = change[: s1 - s0]
            if s0 == 0:
                c[0] = True
                np.not_equal(flat[1:s1], flat[: s1 - 1], out=c[1:])
            else:
                np.not_equal(flat[s0:s1], flat[s0 - 1 : s1 - 1], out=c)
            c[::n] = True  # every row starts a run
            found = sparse_flatnonzero(c)
            if s0:
                found += s0
            parts.append(found)
        starts = np.concatenate(parts) if parts else np.empty(0, dtype=np.intp)
        ends = np.empty_like(starts)
        ends[:-1] = starts[1:]
        if len(ends):
            ends[-1] = t_count * n
        return cls(starts, ends, flat[starts], n)

    def completing(self, value: bool, need: int) -> Completions:
        """Runs of ``value`` lasting at least ``need`` sessions, as (first completion, end) pairs."""
        sel = self.ends - self.starts >= need
        sel &= self.values if value else ~self.values
        idx = np.flatnonzero(sel)
        return Completions(self.starts[idx] + (need - 1), self.ends[idx], self.n)

    def at_end(self, value: bool) -> IntArray:
        """Per row, the length of the run of ``value`` that reaches the last column (0 if none)."""
        t_count = len(self.starts) and int(self.ends[-1] // self.n)
        row_ends = (np.arange(t_count, dtype=np.int64) + 1) * self.n
        last = np.searchsorted(self.starts, row_ends) - 1
        length = row_ends - self.starts[last]
        return np.where(self.values[last] == value, length, 0).astype(np.int64)


@dataclass(frozen=True)
class Completions:
    """Where runs long enough complete: run ``i`` qualifies at flat indices ``first[i] .. end[i] - 1``."""

    first: IntArray
    end: IntArray
    n: int

    @classmethod
    def of(cls, mask: npt.NDArray[np.bool_], need: int) -> Completions:
        """Where runs of ``True`` in a (cases x sessions) mask reach ``need`` sessions."""
        return Runs.of(mask).completing(True, need)

    @classmethod
    def points(cls, keys: IntArray, n: int) -> Completions:
        """Single sessions (flat indices ``keys``, sorted) as completions of runs of one."""
        return cls(keys, keys + 1, n)

    def next(self, rows: IntArray, start: IntArray) -> IntArray:
        """Per row, the first column >= ``start`` at which a qualifying run is complete (-1 if none)."""
        if len(self.end) == 0:
            return np.full(len(rows), -1, dtype=np.int64)
        base = rows * self.n
        lo = base + np.minimum(start, self.n)
        i = np.searchsorted(self.end, lo, side="right")
        j = np.minimum(i, len(self.end) - 1)
        hit = np.maximum(self.first[j], lo)
        ok = (i < len(self.end)) & (hit < base + self.n)
        return np.where(ok, hit - base, -1)


def end_streaks(
    x: npt.NDArray[np.float64],
    level: float,
    below: npt.NDArray[np.bool_] | None = None,
    *,
    runs: Runs | None = None,
    up_runs: Runs | None = None,
) -> tuple[IntArray, IntArray]:
    """Per row of (cases x sessions) closes, the sessions below / at or above ``level`` ending on its last close.

    ``below`` is the mask counted as below (default ``x < level``), ``runs`` its :class:`Runs` and ``up_runs``
    those of ``x >= level`` if the caller has them (give ``up_runs`` when ``below`` is not ``x < level``:
    suspended sessions cleared, as in the kernel's cases). A missing
    close (NaN) breaks both runs; a row whose closes stop before the last column is counted at its last close.

    >>> [a.tolist() for a in end_streaks(np.array([[1.2, 0.9, 0.8], [0.9, 1.0, np.nan]]), 1.0)]
    [[2, 0], [0, 1]]
    """
    below = x < level if below is None else below
    runs = Runs.of(below) if runs is None else runs
    ends_missing = bool(np.isnan(x[:, 0]).any() or np.isnan(x[:, -1]).any())
    if up_runs is None and not ends_missing:
        return runs.at_end(True), runs.at_end(False)  # at or above == not below: one set of runs serves both
    up_runs = Runs.of(x >= level) if up_runs is None else up_runs
    down, up = runs.at_end(True), up_runs.at_end(True)
    late = np.flatnonzero(np.isnan(x[:, -1]))
    if late.size:  # counted at each such row's last close
        sub = x[late]
        have = ~np.isnan(sub)
        last = sub.shape[1] - 1 - np.argmax(have[:, ::-1], axis=1)
        rows = np.arange(late.size)
        some = have.any(axis=1)
        down[late] = np.where(some, run_lengths(below[late])[rows, last], 0)
        up[late] = np.where(some, run_lengths(sub >= level)[rows, last], 0)
    return down, up
