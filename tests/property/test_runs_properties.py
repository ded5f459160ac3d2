"""Hypothesis: the vectorised run helpers agree with a naive day-by-day loop."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from splitcalc.compliance.kernel.streaks import first_run_end, last_run_start, run_lengths

masks = arrays(
    np.bool_,
    st.tuples(st.integers(1, 4), st.integers(0, 40)),
)


def _naive_runs(row: list[bool]) -> list[int]:
    out, run = [], 0
    for v in row:
        run = run + 1 if v else 0
        out.append(run)
    return out


@given(masks)
def test_run_lengths_match_loop(mask: np.ndarray) -> None:
    got = run_lengths(mask)
    for r, row in enumerate(mask.tolist()):
        assert got[r].tolist() == _naive_runs(row)


@given(masks, st.integers(1, 12))
def test_first_run_end_matches_loop(mask: np.ndarray, n: int) -> None:
    got = first_run_end(mask, n)
    for r, row in enumerate(mask.tolist()):
        runs = _naive_runs(row)
        expected = next((i for i, k in enumerate(runs) if k == n), -1)
        assert int(got[r]) == expected


@given(masks)
def test_last_run_start_matches_loop(mask: np.ndarray) -> None:
    got = last_run_start(mask)
    for r, row in enumerate(mask.tolist()):
        i = len(row) - 1
        if i < 0 or not row[i]:
            assert int(got[r]) == -1
            continue
        while i > 0 and row[i - 1]:
            i -= 1
        assert int(got[r]) == i


@given(masks)
def test_axis0_equals_transpose(mask: np.ndarray) -> None:
    assert np.array_equal(run_lengths(mask.T, axis=0), run_lengths(mask).T)
    assert np.array_equal(first_run_end(mask.T, 2, axis=0), first_run_end(mask, 2))


# ---------------------------------------------- the kernel's many-case streaks agree with the loop too
nonempty = arrays(np.bool_, st.tuples(st.integers(1, 4), st.integers(1, 40)))


@given(nonempty, st.integers(1, 6), st.integers(0, 45), st.booleans())
def test_completions_next_match_loop(mask: np.ndarray, need: int, start: int, value: bool) -> None:
    """``Runs.completing(value, need).next`` (scan) is the first session >= start where the loop's run reaches need."""
    from splitcalc.compliance.kernel.streaks import Completions, Runs

    rows = np.arange(mask.shape[0], dtype=np.int64)
    got = Runs.of(mask).completing(value, need).next(rows, np.full(len(rows), start, dtype=np.int64))
    for r, row in enumerate(mask.tolist()):
        runs = _naive_runs([v == value for v in row])
        want = next((i for i in range(start, len(row)) if runs[i] >= need), -1)
        assert int(got[r]) == want
    if value:
        again = Completions.of(mask, need).next(rows, np.full(len(rows), start, dtype=np.int64))
        assert again.tolist() == got.tolist()


@given(nonempty, st.booleans())
def test_runs_at_end_and_spans_match_loop(mask: np.ndarray, value: bool) -> None:
    from splitcalc.compliance.kernel.streaks import Runs, run_at_end, true_runs

    ends = Runs.of(mask).at_end(value)
    for r, row in enumerate(mask.tolist()):
        runs = _naive_runs([v == value for v in row])
        assert int(ends[r]) == runs[-1]
        if value:
            assert run_at_end(mask[r]) == runs[-1]
        starts, stops = true_runs(mask[r])
        lengths = _naive_runs(row)
        spans = [(i - k + 1, i + 1) for i, k in enumerate(lengths) if k and (i + 1 == len(row) or not row[i + 1])]
        assert list(zip(starts.tolist(), stops.tolist(), strict=True)) == spans


@given(nonempty, st.integers(1, 64))
def test_runs_read_in_blocks_match_one_pass(mask: np.ndarray, block: int) -> None:
    """``Runs.of`` reads whole rows a block at a time: any block size gives the one-pass boundaries."""
    from splitcalc.compliance.kernel import streaks

    flat = mask.ravel()
    change = np.ones(flat.size, dtype=bool)
    change[1:] = flat[1:] != flat[:-1]
    change[:: mask.shape[1]] = True
    saved = streaks._RUNS_BLOCK
    streaks._RUNS_BLOCK = block  # type: ignore[misc]
    try:
        runs = streaks.Runs.of(mask)
    finally:
        streaks._RUNS_BLOCK = saved  # type: ignore[misc]
    assert runs.starts.tolist() == np.flatnonzero(change).tolist()
    assert runs.ends.tolist() == [*np.flatnonzero(change)[1:].tolist(), flat.size]


@given(
    arrays(np.bool_, st.integers(0, 200), elements=st.booleans()),
    st.integers(0, 7),
)
def test_sparse_flatnonzero_matches_a_loop(mask: np.ndarray, offset: int) -> None:
    """The word-wise nonzero gives the loop's indices, in order, for any length and any start within a word."""
    from splitcalc.compliance.kernel.streaks import sparse_flatnonzero

    backing = np.zeros(mask.size + offset, dtype=bool)
    view = backing[offset:]  # a slice that starts inside an 8-byte word
    view[:] = mask
    want = [i for i, v in enumerate(mask.tolist()) if v]
    got = sparse_flatnonzero(view)
    assert got.dtype == np.int64
    assert got.tolist() == want


def test_sparse_flatnonzero_dense_and_sparse_words() -> None:
    """Words with one, several and all eight bytes set, and words with none, side by side."""
    from splitcalc.compliance.kernel.streaks import sparse_flatnonzero

    mask = np.zeros(64 + 5, dtype=bool)
    mask[3] = True  # one byte in word 0
    mask[8:16] = True  # all of word 1
    mask[[17, 19, 23]] = True  # several in word 2
    mask[[64, 68]] = True  # the tail after the last whole word
    assert sparse_flatnonzero(mask).tolist() == np.flatnonzero(mask).tolist()
    assert sparse_flatnonzero(mask.reshape(3, 23)).tolist() == np.flatnonzero(mask).tolist()


def test_sparse_flatnonzero_refuses_non_boolean_masks() -> None:
    """Its words are read as bytes that are 0 or 1: an integer array would give wrong indices, so it is refused."""
    import pytest

    from splitcalc.compliance.kernel.streaks import sparse_flatnonzero
    from splitcalc.errors import InputError

    with pytest.raises(InputError, match="boolean"):
        sparse_flatnonzero(np.array([0, 1, 0, 0, 0, 0, 0, 0, 0, 1]))
