"""splitcalc.filings: normalisation, quotes as spans, no guesses, ambiguity, to_scenario."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from splitcalc.errors import InputError
from splitcalc.filings import SplitTerms, extract, normalise
from splitcalc.filings.fields import cusip_ok, parse_date
from splitcalc.filings.scenario import MissingFigures
from splitcalc.ratio import SplitRatio

PRESS = (
    "IRVINE, Calif., July 23, 2002 -- NeoTherapeutics, Inc. (NASDAQ: NEOT) announced today that its Board of "
    "Directors voted to authorize a 25 for 1 share reverse split of its outstanding common stock, subject to "
    "stockholder approval. A special meeting of NeoTherapeutics' stockholders will be held on September 5, 2002 "
    "to consider these proposals. Stockholders of record on July 24, 2002 will be entitled to vote."
)


def test_plain_text_terms_and_quotes() -> None:
    t = extract(PRESS)
    assert t.value("ratio") == SplitRatio(1, 25)
    assert t.value("direction") == "reverse"
    assert t.value("meeting_date") == dt.date(2002, 9, 5)
    assert t.value("record_date") == dt.date(2002, 7, 24)
    assert t.value("announced") == dt.date(2002, 7, 23)
    assert (t.value("ticker"), t.value("exchange")) == ("NEOT", "nasdaq")
    for name, found in t.found().items():
        assert t.text[found.start : found.end] == found.quote, name
        assert 0 < found.confidence <= 1
    # "subject to stockholder approval" is not a vote; the board's vote date is not written
    assert t.vote_result is None and t.board_approval is None and t.effective_date is None


def test_html_gives_the_same_terms_as_text() -> None:
    html = (
        "<html><head><style>p {color: red}</style></head><body><p>IRVINE, Calif., July&nbsp;23, 2002 &#8212; "
        "NeoTherapeutics, Inc. (NASDAQ: NEOT) announced today that its Board of Directors voted to authorize a "
        "25&nbsp;for&nbsp;1 share reverse split of its outstanding common stock.</p><table><tr><td>Record</td>"
        "<td>x</td></tr></table><p>Stockholders of record on July&nbsp;24,\n2002 will be entitled to vote.</p>"
        "</body></html>"
    )
    t = extract(html)
    assert "color" not in t.text and "&nbsp;" not in t.text and "\u00a0" not in t.text
    assert "Record | x" in t.text
    assert t.value("ratio") == SplitRatio(1, 25)
    assert t.value("record_date") == dt.date(2002, 7, 24)
    assert t.value("company") == "NeoTherapeutics, Inc."


@given(st.text(alphabet=st.sampled_from("ab \n\t\u00a0\u2019\u201c\u201d\u2013\r"), max_size=80))
def test_normalise_is_stable_and_clean(text: str) -> None:
    once = normalise(text)
    assert normalise(once).split() == once.split()  # a paragraph break may become a space, no word changes
    assert not any(ch in once for ch in "\u00a0\u2019\u201c\u201d\u2013\t\r")
    assert "  " not in once and not once.startswith((" ", "\n"))


@given(st.integers(2, 300), st.integers(0, 200))
def test_ratio_found_wherever_it_sits(n: int, pad: int) -> None:
    text = "Filler words here. " * (pad // 19) + f"The Board approved a 1-for-{n} reverse stock split."
    t = extract(text)
    assert t.value("ratio") == SplitRatio(1, n)
    assert t.ratio is not None and t.text[t.ratio.start : t.ratio.end] == t.ratio.quote


def test_two_ratios_are_an_ambiguity_not_a_choice() -> None:
    t = extract("The Board approved a 1-for-10 reverse stock split. The amended reverse split ratio is 1-for-15.")
    assert t.ratio is None and t.direction is None
    amb = t.ambiguity("ratio")
    assert amb is not None and amb.values == ("1-for-10", "1-for-15")
    assert t.has_split


def test_example_ratios_are_not_the_ratio() -> None:
    t = extract(
        "Stockholders are asked to approve a reverse stock split at a ratio in the range of 1-for-5 to 1-for-25. "
        "For example, a 1-for-10 reverse split would reduce 10,000 shares to 1,000 shares."
    )
    assert t.value("ratio") is None
    assert t.value("ratio_range") == (SplitRatio(1, 5), SplitRatio(1, 25))
    assert t.value("direction") == "reverse"


def test_forward_stays_forward() -> None:
    t = extract("The Board declared a two-for-one (2:1) stock split in the form of a stock dividend.")
    assert t.value("ratio") == SplitRatio(2, 1)
    assert t.value("direction") == "forward"


def test_no_split_no_fields() -> None:
    t = extract("Revenue grew 12% to $4.1 million. Our shares split opinion among analysts.")
    assert not t.has_split and t.found() == {}


def test_authorized_not_reduced_is_unchanged_not_proportional() -> None:
    t = extract("The number of authorized shares will not be proportionately reduced by the reverse stock split.")
    assert t.value("authorized_treatment") == "unchanged"


def test_cusip_check_digit_guards_the_value() -> None:
    assert cusip_ok("00212X200") and not cusip_ok("00212X201")
    t = extract("After the reverse split the new CUSIP number will be 00212X201.")
    assert t.new_cusip is None


def test_parse_date() -> None:
    assert parse_date("Sept. 5, 2002") == dt.date(2002, 9, 5)
    assert parse_date("5 September 2002") == dt.date(2002, 9, 5)
    assert parse_date("February 30, 2002") is None


def test_extract_refuses_non_text() -> None:
    with pytest.raises(InputError):
        extract(b"bytes")  # type: ignore[arg-type]


# ------------------------------------------------------------------ to_scenario
def test_to_scenario_lists_every_missing_figure_at_once() -> None:
    with pytest.raises(MissingFigures) as info:
        extract(PRESS).to_scenario()
    assert [k for k, _ in info.value.missing] == ["exchange", "outstanding", "price"]
    assert "--price" in str(info.value) and "--outstanding" in str(info.value)


def test_to_scenario_sources_each_value_with_its_quote() -> None:
    s = extract(PRESS).to_scenario(price="0.17", outstanding=39_752_812, exchange="nnm", source="PR")
    assert s.ratio == SplitRatio(1, 25) and s.as_of == dt.date(2002, 9, 5)
    assert s.structure.price == Decimal("0.17") and s.exchange == "nasdaq-national-market"
    ratio = s.fact("split.ratio")
    assert ratio is not None and ratio.source == 'PR: "25 for 1 share reverse split"'
    price = s.fact("structure.price")
    assert price is not None and price.source == "" and "given" in price.note
    assert s.fact("split.approved") is None  # the text announces a meeting, not its result


def test_to_scenario_range_becomes_the_sweep_range() -> None:
    t = extract(
        "Stockholders of Zeta Corp. approved a reverse stock split at a ratio in the range of 1-for-5 to 1-for-30 "
        "at the special meeting of stockholders held on June 3, 2024."
    )
    s = t.to_scenario(price="0.40", outstanding=10_000_000, exchange="nasdaq-capital", company="Zeta Corp.")
    assert s.ratio is None and s.ratio_range == (SplitRatio(1, 5), SplitRatio(1, 30))
    assert s.approved == dt.date(2024, 6, 3)


def test_to_scenario_refuses_forward_and_ambiguous() -> None:
    fwd = extract("The Board declared a 2-for-1 stock split.")
    with pytest.raises(InputError, match="reverse"):
        fwd.to_scenario(price="1", outstanding=10, exchange="nyse", company="X", as_of="2024-01-02")
    two = extract("The Board approved a 1-for-10 reverse stock split. The amended reverse split ratio is 1-for-15.")
    with pytest.raises(InputError, match="more than one ratio"):
        two.to_scenario(price="1", outstanding=10, exchange="nyse", company="X", as_of="2024-01-02")
    s = two.to_scenario(price="1", outstanding=10, exchange="nyse", company="X", as_of="2024-01-02", ratio="1-for-15")
    assert s.ratio == SplitRatio(1, 15)


def test_to_scenario_unknown_keyword() -> None:
    with pytest.raises(InputError, match="unknown"):
        extract(PRESS).to_scenario(prise="0.17")


def test_terms_views() -> None:
    t = extract(PRESS)
    assert isinstance(t, SplitTerms)
    d = t.to_dict()
    assert d["fields"]["ratio"]["value"] == "1-for-25"
    assert "25 for 1" in str(t) and "<table>" in t._repr_html_()
    frame = t.to_frame()
    assert frame.loc["ratio", "value"] == "1-for-25"


_FRAGMENTS = [
    "The Board of Directors approved a", "1-for-10", "one (1)-for-twenty (20)", "reverse stock split", "2-for-1",
    "stock split", "On March 4, 2024,", "stockholders of record on", "May 5, 2022", "the special meeting of",
    "stockholders will be held on", "effective at 5:00 p.m. Eastern Time on", "(Nasdaq: ACME)", "Acme, Inc.",
    "every ten (10) shares", "combined into one (1) share", "in the range of 1-for-5 to 1-for-25", "cash in lieu of",
    "fractional shares", "rounded up to the next whole share", "new CUSIP number", "00212X200", "par value $0.001",
    "authorized shares", "will not change", "from 48,000,000 shares to 2,400,000 shares", ".", ",", "\n\n", "--",
    "<p>", "</p>", "&nbsp;", "\u201c", "\u201d", "(", ")",
]  # fmt: skip


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=40))
def test_any_mix_of_filing_words_gives_consistent_spans(parts: list[str]) -> None:
    t = extract(" ".join(parts))
    for name, found in t.found().items():
        assert t.text[found.start : found.end] == found.quote, name
        assert found.quote.strip()
    if t.ratio is not None and t.ratio_range is not None:  # a ratio is kept only inside the authorised range
        lo, hi = t.ratio_range.value
        assert lo.magnitude <= t.ratio.value.magnitude <= hi.magnitude
    if t.direction is not None:
        source = t.ratio or t.ratio_range
        assert source is not None
    for a in t.ambiguities:
        assert getattr(t, a.field) is None and len(set(a.values)) >= 2


def test_a_text_past_the_reading_bounds_is_flagged_not_read_in_part(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past a finder's bounds the mentions not read may disagree: its fields are flagged, none is kept."""
    from splitcalc.filings import fields

    unit = "The Board approved a 1-for-10 reverse stock split of the common stock. "
    text = unit * 200 + "The amendment restates the reverse stock split ratio as 1-for-20. "
    assert extract(unit * 5).value("ratio") == SplitRatio(1, 10)
    monkeypatch.setattr(fields, "_MAX_SCAN", 5_000)
    t = extract(text)
    assert t.ratio is None and t.direction is None
    flagged = t.ambiguity("ratio")
    assert flagged is not None and "more mentions" in str(flagged)
    monkeypatch.setattr(fields, "_MAX_SCAN", 10**9)
    monkeypatch.setattr(fields, "_MAX_HITS", 50)  # the other bound: places per trigger word
    assert extract(text).ratio is None and extract(text).ambiguity("ratio") is not None


def test_sentences_found_by_block_match_one_pass_over_the_text() -> None:
    """Sentence bounds read block by block agree with one scan of the whole text, across block edges."""
    from splitcalc.filings.fields import _BLOCK, _BOUNDARY, _REACH, _Text

    text = " ".join(f"Sentence {i} ends here, Inc. is no end. Mr. B. Smith said so!" for i in range(400))
    assert len(text) > 3 * _BLOCK
    t = _Text(text)
    marks = [(m.start(), m.end()) for m in _BOUNDARY.finditer(text) if t._is_boundary(m)]
    for pos in range(0, len(text), 97):
        low, high = max(0, pos - _REACH), min(len(text), pos + _REACH)
        before = [e for s, e in marks if e <= pos and s >= low]
        after = [e for s, e in marks if s > pos and e <= high]
        assert t.sentence(pos) == (before[-1] if before else low, after[0] if after else high), pos


@pytest.mark.parametrize("shift", range(8))
def test_a_ratio_across_a_window_end_is_read_whole(shift: int) -> None:
    """A search window ending inside '1-for-125' must not read '1-for-12' (nor miss it).

    The shifts put the window's end (900 characters after 'split') before, inside and after the ratio.
    """
    from splitcalc.filings.fields import _AFTER

    head = "The reverse split of the common stocks is"  # 'revers' at 4 and 'split' at 12 start the window
    pad = " x" * ((12 + _AFTER - 8 - len(head)) // 2 - 4 + shift)
    text = f"{head}{pad} 1-for-125 applies to all holders."
    assert extract(text).value("ratio") == SplitRatio(1, 125)


def test_text_in_memory_is_bounded_like_a_file() -> None:
    from splitcalc.filings.source import MAX_FILING_BYTES

    assert extract("x" * MAX_FILING_BYTES).ratio is None  # at the bound: read (nothing to find)
    with pytest.raises(InputError, match="longer than a filing is read"):
        extract("x" * (MAX_FILING_BYTES + 1))
