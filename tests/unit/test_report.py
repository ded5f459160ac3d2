from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

import splitcalc as sc
from splitcalc import CapitalStructure, InputError, SplitRatio
from splitcalc.analysis.scenario_file import Scenario, load_example
from splitcalc.report import Report

VOID = {"meta", "img", "br", "hr", "link", "input"}


class _Checker(HTMLParser):
    """Balanced tags and every reference (src/href) local."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.refs: list[str] = []
        self.errors: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts += 1
        for name, value in attrs:
            if name in ("src", "href") and value is not None:
                self.refs.append(value)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
            return
        self.stack.pop()


def check_html(text: str) -> _Checker:
    c = _Checker()
    c.feed(text)
    c.close()
    assert not c.errors, c.errors
    assert not c.stack, c.stack
    return c


@pytest.fixture(scope="module")
def neo() -> Report:
    return Report.example("neotherapeutics-2002", charts=False)


def _scenario(**changes: object) -> Scenario:
    base = Scenario(
        company="Acme Corp",
        exchange="nasdaq-capital-market",
        as_of=dt.date(2025, 10, 1),
        structure=CapitalStructure(outstanding=1_000_000, authorized=5_000_000, price=Decimal("0.40")),
        ratio=SplitRatio(1, 10),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_public_name() -> None:
    assert sc.Report is Report
    assert sc.load_example("neotherapeutics-2002").ratio == SplitRatio(1, 25)


def test_key_figures(neo: Report) -> None:
    k = neo.key_figures
    assert k["shares_before"] == 39_752_812
    # 39,752,812 / 25 = 1,590,112.48 -> 1,590,112 whole shares (cash in lieu of the rest)
    assert k["shares_after"] == 1_590_112
    # $0.17 x 25 = $4.25
    assert k["price_after"] == Decimal("4.25")
    assert k["ratio"] == "1-for-25"
    assert k["deadline"] == dt.date(2002, 9, 10)


def test_core_sections_present_in_order(neo: Report) -> None:
    keys = [s.key for s in neo.sections]
    for key in ("terms", "structure", "per_share", "sources", "caveats"):
        assert key in keys
    assert keys[0] == "terms"
    assert keys[-1] == "caveats"
    assert neo.section("nope") is None


def test_structure_section_has_twenty_percent_threshold() -> None:
    # reserved=0 states that nothing is reserved (None would leave it unknown)
    cap = CapitalStructure(outstanding=1_000_000, authorized=5_000_000, reserved=0, price=Decimal("0.40"))
    r = Report(_scenario(structure=cap), charts=False)
    table = r.section("structure").tables[0]  # type: ignore[union-attr]
    rows = {row[0]: row for row in table.rows}
    # ceil(1,000,000 / 5) = 200,000 before; ceil(100,000 / 5) = 20,000 after
    assert rows["20% issuance threshold"][1:3] == (200_000, 20_000)
    # 5,000,000 - 1,000,000 = 4,000,000 before; 5,000,000 - 100,000 = 4,900,000 after
    assert rows["Available for issuance"][1:3] == (4_000_000, 4_900_000)


def test_html_is_valid_and_self_contained(neo: Report) -> None:
    html = neo.to_html()
    assert html.lstrip().startswith("<!DOCTYPE html>")
    c = check_html(html)
    assert "http://" not in html and "https://" not in html
    assert all(ref.startswith(("#", "data:")) for ref in c.refs), c.refs
    assert c.scripts == 0
    assert "<style>" in html
    assert "1,590,112" in html and "$4.25" in html and "2002-09-10" in html


def test_company_name_is_escaped_everywhere() -> None:
    evil = '<script>alert("x")</script> & Co | Ltd'
    cap = CapitalStructure(outstanding=1000, price=Decimal("0.5"), name=evil)
    r = Report(_scenario(company=evil, structure=cap), charts=False, paths=50)
    html = r.to_html()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert check_html(html).scripts == 0
    md = r.to_markdown()
    assert "<" not in md.replace("\\<", "")  # every "<" backslash-escaped: no tag can open
    assert "\\<script>" in md  # CommonMark backslash escape: shows "<script>" as text
    assert "\\| Ltd" in md  # a pipe cannot break a Markdown table
    assert "<script>" not in r._repr_html_()
    assert json.loads(r.to_json())["scenario"]["company"] == evil  # JSON keeps the raw text


def test_markdown_tables_are_well_formed(neo: Report) -> None:
    md = neo.to_markdown()
    assert md.startswith("# NeoTherapeutics, Inc.")
    for block in md.split("\n\n"):
        lines = [ln for ln in block.splitlines() if ln.startswith("|")]
        if lines:
            widths = {ln.count(" |") for ln in lines}
            assert len(widths) == 1, block


def test_json_round_trip_exact(neo: Report) -> None:
    data = json.loads(neo.to_json())
    assert data["key_figures"]["shares_after"] == 1_590_112
    assert data["key_figures"]["price_after"] == "4.25"
    assert data["key_figures"]["deadline"] == "2002-09-10"
    assert data["sections"][0]["key"] == "terms"


def test_repr_html_is_a_fragment(neo: Report) -> None:
    frag = neo._repr_html_()
    assert frag.lstrip().startswith("<style>")
    assert "<html" not in frag and "<!DOCTYPE" not in frag
    check_html(frag)


def test_summary_lines(neo: Report) -> None:
    text = str(neo)
    assert "39,752,812 -> 1,590,112" in text
    assert "$0.17 -> $4.25" in text
    assert "→" not in text  # plain ASCII arrows for any terminal


def test_save_atomic_and_no_overwrite(neo: Report, tmp_path: Path) -> None:
    out = neo.save(tmp_path / "neo.html")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    out.write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError, match="exists"):
        neo.save(out)
    assert out.read_text(encoding="utf-8") == "keep me"
    neo.save(out, force=True)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert json.loads(neo.save(tmp_path / "neo.json").read_text(encoding="utf-8"))["title"]
    assert neo.save(tmp_path / "neo.md").read_text(encoding="utf-8").startswith("# ")
    assert neo.save(tmp_path / "neo.txt", fmt="md").read_text(encoding="utf-8").startswith("# ")
    with pytest.raises(InputError, match="suffix"):
        neo.save(tmp_path / "neo.txt")
    with pytest.raises(InputError, match="folder"):
        neo.save(tmp_path / "missing" / "neo.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["neo.html", "neo.json", "neo.md", "neo.txt"]


def test_range_only_scenario_evaluates_a_ratio() -> None:
    s = _scenario(ratio=None, ratio_range=(SplitRatio(1, 5), SplitRatio(1, 20)))
    r = Report(s, charts=False)
    assert r.ratio in (SplitRatio(1, 5), SplitRatio(1, 20)) or (
        SplitRatio(1, 5).magnitude <= r.ratio.magnitude <= SplitRatio(1, 20).magnitude
    )
    assert "1-for-5 to 1-for-20" in r.to_markdown()


def test_hypothetical_is_labelled() -> None:
    r = Report.example("hypothetical-capital-market-2025", charts=False)
    assert r.scenario.hypothetical
    assert "Hypothetical scenario" in r.to_html()
    assert "HYPOTHETICAL" in r.section("caveats").paragraphs[0]  # type: ignore[union-attr]


def test_bad_arguments() -> None:
    with pytest.raises(InputError):
        Report("neotherapeutics-2002")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        Report(_scenario(), paths=0)


def test_scenario_not_mutated() -> None:
    s = load_example("neotherapeutics-2002")
    before = dataclasses.asdict(s)
    Report(s, charts=False).to_html()
    assert dataclasses.asdict(s) == before
