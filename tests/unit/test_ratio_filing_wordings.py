"""SplitRatio.parse reads the wordings filings use (issue 14)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from splitcalc.errors import InvalidRatio
from splitcalc.ratio import _UNITS, SplitRatio

_WORD = {v: k for k, v in _UNITS.items() if v > 0}


@pytest.mark.parametrize(
    ("text", "new", "old"),
    [
        ("one-for-twenty (1:20)", 1, 20),
        ("one (1)-for-twenty (20)", 1, 20),
        ("one (1) for twenty-five (25) reverse stock split", 1, 25),
        ('1-for-20 (the "Reverse Stock Split")', 1, 20),
        ("1-for-20 (the \u201cReverse Stock Split\u201d)", 1, 20),
        ("every twenty (20) shares of our outstanding common stock will be combined into one (1) share", 1, 20),
        ("every 10 shares of common stock will be automatically converted into 1 share of common stock", 1, 10),
        ("25 for 1 share reverse split", 1, 25),
        ("1 for 25 share reverse split", 1, 25),
        ("2-for-1 stock split", 2, 1),
        ("three-for-two (3:2) forward stock split", 3, 2),
    ],
)
def test_filing_wordings(text: str, new: int, old: int) -> None:
    assert SplitRatio.parse(text) == SplitRatio(new, old)


@pytest.mark.parametrize(
    "text",
    [
        "one-for-twenty (1:25)",  # the restatement disagrees
        "one (2)-for-twenty",
        "every twenty (21) shares combined into one share",
        "a ratio of not less than 1-for-5 and not more than 1-for-25",  # a range is not one ratio
        "a ratio in the range of 1-for-5 to 1-for-25",
    ],
)
def test_ambiguous_is_refused_with_the_quote(text: str) -> None:
    with pytest.raises(InvalidRatio) as info:
        SplitRatio.parse(text)
    assert info.value.value == text


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("a ratio of not less than 1-for-5 and not more than 1-for-25", "1-for-5", "1-for-25"),
        ("a ratio in the range of 1-for-5 to 1-for-25, to be determined by the Board", "1-for-5", "1-for-25"),
        ("between one-for-five (1:5) and one-for-twenty-five (1:25)", "1-for-5", "1-for-25"),
        ("not less than 1-for-25 and not more than 1-for-5", "1-for-5", "1-for-25"),
        ("range of 1:2 to 1:10", "1-for-2", "1-for-10"),
    ],
)
def test_ranges(text: str, lo: str, hi: str) -> None:
    assert [str(r) for r in SplitRatio.parse_range(text)] == [lo, hi]


def test_range_refuses_one_ratio_and_mixed_directions() -> None:
    with pytest.raises(InvalidRatio):
        SplitRatio.parse_range("1-for-25")
    with pytest.raises(InvalidRatio):
        SplitRatio.parse_range("1-for-5 to 5-for-1")


@given(st.integers(1, 19), st.integers(1, 19))
def test_words_with_digits_restated_read_as_digits(new: int, old: int) -> None:
    text = f"{_WORD[new]} ({new})-for-{_WORD[old]} ({old})"
    assert SplitRatio.parse(text) == SplitRatio.parse(f"{new}-for-{old}")


@given(st.integers(2, 19), st.integers(1, 19))
def test_larger_first_with_reverse_is_old_shares(big: int, small: int) -> None:
    r = SplitRatio.parse(f"{big * small} for {small} share reverse split")
    assert r.is_reverse and r == SplitRatio(small, big * small)


@given(st.integers(2, 500))
def test_every_n_into_one(n: int) -> None:
    assert SplitRatio.parse(f"every {n} shares will be combined into one share") == SplitRatio(1, n)
