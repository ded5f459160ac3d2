"""Charts from splitcalc.plot embedded in the report as PNG data URIs."""

from __future__ import annotations

import base64
import re

import pytest

from splitcalc.errors import InputError, SplitcalcWarning
from splitcalc.report import Report


@pytest.fixture(scope="module")
def cm() -> Report:
    return Report.example("hypothetical-capital-market-2025", paths=100)


def test_default_charts_are_the_two_most_telling(cm: Report) -> None:
    figures = {s.key: len(s.figures) for s in cm.sections}
    # the price file gives a price-history chart, in the compliance section when that module is there
    assert figures.get("compliance", figures["deadlines"]) == 1
    assert figures["odds"] == 1
    assert sum(figures.values()) == 2


def test_all_charts() -> None:
    r = Report.example("neotherapeutics-2002", paths=50, charts="all")
    figures = {s.key: len(s.figures) for s in r.sections}
    # no price file for NeoTherapeutics: fan, ratio sweep, holders (synthetic file), capital structure
    assert figures == {**dict.fromkeys(figures, 0), "odds": 1, "ratio": 1, "holders": 1, "structure": 1}
    with pytest.raises(InputError):
        Report.example("neotherapeutics-2002", charts="some")  # type: ignore[arg-type]


def test_embedded_png_is_valid_and_leaks_no_url(cm: Report) -> None:
    html = cm.to_html()
    uris = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    assert len(uris) == sum(len(s.figures) for s in cm.sections)
    for b64 in uris:
        png = base64.b64decode(b64)
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert b"http" not in png  # matplotlib's default Software tag names its website
    assert not re.search(r"https?:", html)
    assert "data:image/png;base64," in cm.to_markdown()


def test_no_charts_when_disabled() -> None:
    r = Report.example("hypothetical-capital-market-2025", paths=50, charts=False)
    assert all(not s.figures for s in r.sections)
    assert "data:image" not in r.to_html()


def test_failing_chart_is_left_out_with_a_caveat(monkeypatch: pytest.MonkeyPatch) -> None:
    import splitcalc.plot

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(splitcalc.plot, "fan_chart", broken)
    with pytest.warns(SplitcalcWarning, match="boom"):
        r = Report.example("hypothetical-capital-market-2025", paths=50)
    assert not r.section("odds").figures  # type: ignore[union-attr]
    assert r.section("compliance").figures  # type: ignore[union-attr]
    assert any("boom" in p for p in r.section("caveats").paragraphs)  # type: ignore[union-attr]
