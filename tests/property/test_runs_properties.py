"""Hypothesis: the vectorised run helpers agree with a naive day-by-day loop."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from splitcalc.runs import first_run_end, last_run_start, run_lengths

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
