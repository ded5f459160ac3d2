"""Run-length helpers (splitcalc.compliance.kernel.streaks): hand-worked masks, axes, edge cases."""

from __future__ import annotations

import numpy as np
import pytest

from splitcalc.compliance.kernel.streaks import first_run_end, last_run_start, run_lengths
from splitcalc.errors import InputError


def test_run_lengths_1d_counts_and_resets() -> None:
    mask = np.array([False, True, True, True, False, True])
    # runs: F->0, then 1,2,3, reset 0, 1
    assert run_lengths(mask).tolist() == [0, 1, 2, 3, 0, 1]
    assert run_lengths(mask).dtype == np.int64


def test_run_lengths_2d_rows_are_independent() -> None:
    mask = np.array([[True, True, True], [False, True, True], [False, False, False]])
    assert run_lengths(mask).tolist() == [[1, 2, 3], [0, 1, 2], [0, 0, 0]]


def test_run_lengths_axis0_matches_transpose() -> None:
    mask = np.array([[True, False], [True, True], [False, True]])
    assert run_lengths(mask, axis=0).tolist() == [[1, 0], [2, 1], [0, 2]]
    assert np.array_equal(run_lengths(mask, axis=0), run_lengths(mask.T).T)


def test_input_not_mutated() -> None:
    mask = np.array([True, False, True])
    before = mask.copy()
    run_lengths(mask)
    first_run_end(mask, 1)
    last_run_start(mask)
    assert np.array_equal(mask, before)


def test_first_run_end_30_day_streak() -> None:
    # 5 days above, 29 below, 1 above, 30 below: the 30th consecutive day is
    # index 5+29+1+29 = 64 (the first streak of 29 falls one short).
    mask = np.array([False] * 5 + [True] * 29 + [False] + [True] * 30)
    assert int(first_run_end(mask, 30)) == 64
    assert int(first_run_end(mask, 29)) == 33  # 5 + 28
    assert int(first_run_end(mask, 31)) == -1


def test_first_run_end_per_row() -> None:
    mask = np.array([[True, True, True], [True, False, True], [False, False, False]])
    assert first_run_end(mask, 2).tolist() == [1, -1, -1]
    assert first_run_end(mask, 1).tolist() == [0, 0, -1]


def test_last_run_start() -> None:
    mask = np.array([[False, True, True], [True, True, True], [True, True, False]])
    assert last_run_start(mask).tolist() == [1, 0, -1]


def test_empty_axis() -> None:
    mask = np.zeros((3, 0), dtype=bool)
    assert run_lengths(mask).shape == (3, 0)
    assert first_run_end(mask, 1).tolist() == [-1, -1, -1]
    assert last_run_start(mask).tolist() == [-1, -1, -1]


@pytest.mark.parametrize("n", [0, -3, 2.5, True])
def test_first_run_end_rejects_bad_n(n: object) -> None:
    with pytest.raises(InputError, match="n"):
        first_run_end(np.array([True]), n)  # type: ignore[arg-type]


def test_non_boolean_mask_rejected() -> None:
    with pytest.raises(InputError, match="mask"):
        run_lengths(np.array([0.5, 1.2]))
    with pytest.raises(InputError, match="mask"):
        run_lengths(np.bool_(True))
