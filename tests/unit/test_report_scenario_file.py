from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from splitcalc import InputError, SplitRatio
from splitcalc.analysis.scenario_file import Scenario, example_names, load_example, load_scenario, parse_scenario

MINIMAL = """
format = 1
[scenario]
as_of = 2025-10-01
[company]
name = "Acme"
exchange = "nasdaq-capital-market"
[structure]
outstanding = 1_000
[split]
ratio = "1-for-10"
"""


def _write(tmp_path: Path, text: str, name: str = "s.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_neotherapeutics_example_figures_and_sources() -> None:
    s = load_example("neotherapeutics-2002")
    assert s.company == "NeoTherapeutics, Inc."
    assert s.exchange == "nasdaq-national-market"
    assert s.structure.outstanding == 39_752_812
    assert s.structure.price == Decimal("0.17")
    assert s.structure.par == Decimal("0.001")
    assert s.structure.authorized is None  # UNCERTAIN in rules.md §4: omitted, not guessed
    assert s.ratio == SplitRatio(1, 25)
    assert s.notice_date == dt.date(2002, 6, 12)
    assert s.deadline == dt.date(2002, 9, 10)
    assert s.approved == dt.date(2002, 9, 5)
    assert s.effective == dt.date(2002, 9, 6)
    # every figure names a source, except the assumed fractional policy (uncertain) and volatility (assumption)
    for f in s.facts:
        assert f.source or f.uncertain or f.hypothetical, f.key
    assert s.fact("split.fractional") is not None
    assert s.fact("split.fractional").uncertain  # type: ignore[union-attr]
    assert not s.hypothetical


def test_every_example_loads_and_is_sourced_or_hypothetical() -> None:
    names = example_names()
    assert "neotherapeutics-2002" in names
    assert len(names) >= 2
    for name in names:
        s = load_example(name)
        assert s.facts
        for f in s.facts:
            assert f.source or f.uncertain or f.hypothetical, (name, f.key)


def test_bare_and_sourced_values(tmp_path: Path) -> None:
    s = load_scenario(_write(tmp_path, MINIMAL))
    assert s.structure.outstanding == 1000
    assert s.ratio == SplitRatio(1, 10)
    assert s.fact("structure.outstanding").status == "unsourced"  # type: ignore[union-attr]
    assert s.fractional == "cash_in_lieu"


def test_float_money_read_through_repr(tmp_path: Path) -> None:
    s = load_scenario(_write(tmp_path, MINIMAL.replace("outstanding = 1_000", "outstanding = 1_000\nprice = 0.17")))
    assert s.structure.price == Decimal("0.17")


def test_range_only_and_sorted(tmp_path: Path) -> None:
    text = MINIMAL.replace('ratio = "1-for-10"', 'range = ["1-for-30", "1-for-5"]')
    s = load_scenario(_write(tmp_path, text))
    assert s.ratio is None
    assert s.ratio_range == (SplitRatio(1, 5), SplitRatio(1, 30))
    assert s.evaluated_ratio_text == "1-for-5 to 1-for-30"


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("outstanding = 1_000", "outstandin = 1_000", "structure.outstandin"),
        ("outstanding = 1_000", "outstanding = -5", "structure.outstanding"),
        ("outstanding = 1_000", 'outstanding = "lots"', "structure.outstanding"),
        ('ratio = "1-for-10"', 'ratio = "1-for-0"', "split.ratio"),
        ('ratio = "1-for-10"', 'ratio = "1-for-10"\nfractional = "coin_flip"', "split.fractional"),
        ("as_of = 2025-10-01", 'as_of = "yesterday"', "scenario.as_of"),
        ('name = "Acme"', "", "company.name"),
        ('ratio = "1-for-10"', "", "split.ratio"),
        ("format = 1", "format = 2", "format"),
        ('ratio = "1-for-10"', 'ratio = { value = "1-for-10", sauce = "x" }', "split.ratio.sauce"),
        ('ratio = "1-for-10"', 'ratio = { source = "x" }', "split.ratio.value"),
        ('ratio = "1-for-10"', 'range = ["1-for-5", "2-for-1"]', "split.range"),
    ],
)
def test_mistakes_name_the_key(tmp_path: Path, old: str, new: str, key: str) -> None:
    assert old in MINIMAL
    with pytest.raises(InputError) as info:
        load_scenario(_write(tmp_path, MINIMAL.replace(old, new)))
    assert info.value.param_name == key


@pytest.mark.parametrize(
    "as_of",
    ["2025-10-01", '"2025-10-01"', '" 2025-10-01 "', "2025-10-01T16:00:00", "2025-10-01 16:00:00-04:00"],
)
def test_as_of_date_forms(tmp_path: Path, as_of: str) -> None:
    # a TOML date, ISO text (spaces trimmed) and a TOML date-time all mean Oct 1, 2025
    s = load_scenario(_write(tmp_path, MINIMAL.replace("as_of = 2025-10-01", f"as_of = {as_of}")))
    assert s.as_of == dt.date(2025, 10, 1)
    assert type(s.as_of) is dt.date


@pytest.mark.parametrize("as_of", ['"2025-13-01"', '"Oct 1, 2025"', "20251001", "16:00:00"])
def test_bad_as_of_date_message(tmp_path: Path, as_of: str) -> None:
    with pytest.raises(InputError, match=r"must be a date \(YYYY-MM-DD\)") as info:
        load_scenario(_write(tmp_path, MINIMAL.replace("as_of = 2025-10-01", f"as_of = {as_of}")))
    assert info.value.param_name == "scenario.as_of"


def test_missing_and_invalid_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_scenario(tmp_path / "nope.toml")
    with pytest.raises(InputError, match="not valid TOML"):
        load_scenario(_write(tmp_path, "this is = = not toml"))
    with pytest.raises(InputError, match="no such built-in example"):
        load_example("nonexistent-1999")


def test_data_paths_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "px.csv").write_text("date,close\n", encoding="utf-8")
    text = MINIMAL + '\n[data]\nprices = "px.csv"\n'
    s = load_scenario(_write(tmp_path / "sub", text))
    assert s.prices_path == tmp_path / "sub" / "px.csv"
    with pytest.raises(InputError) as info:
        load_scenario(_write(tmp_path, text))  # px.csv is not beside this one
    assert info.value.param_name == "data.prices"


def test_scenario_in_python_validates() -> None:
    from splitcalc import CapitalStructure

    cap = CapitalStructure(outstanding=10)
    with pytest.raises(InputError):
        Scenario(company="X", exchange="nasdaq-capital-market", as_of=dt.date(2025, 1, 1), structure=cap)
    with pytest.raises(InputError):
        Scenario(company=" ", exchange="e", as_of=dt.date(2025, 1, 1), structure=cap, ratio=SplitRatio(1, 2))


def test_parse_does_not_mutate_input() -> None:
    import copy
    import tomllib

    data = tomllib.loads(MINIMAL)
    before = copy.deepcopy(data)
    parse_scenario(data)
    assert data == before


def test_documented_format_parses() -> None:
    """The full example in data/examples/README.md is a valid scenario (its data files aside)."""
    import re
    import tomllib

    from tests.conftest import REPO_ROOT

    readme = (REPO_ROOT / "data" / "examples" / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(format = 1.*?)```", readme, re.S)
    assert block is not None
    data = tomllib.loads(block.group(1))
    assert set(data["data"]) == {"holders", "prices"}
    del data["data"]  # the files it names are placeholders
    s = parse_scenario(data)
    assert s.ratio == SplitRatio(1, 10)
    assert s.ratio_range == (SplitRatio(1, 5), SplitRatio(1, 30))
    assert s.structure.insiders == 7_200_000
    assert s.volatility == Decimal("0.9")
    assert s.drift == "desai-jain-1997"
    assert s.prior_splits == ((dt.date(2023, 11, 1), SplitRatio(1, 10)),)


@pytest.mark.parametrize("ratio", ["2-for-1", "1-for-1", "3-for-2"])
def test_forward_and_one_for_one_ratio_refused_like_the_range(tmp_path: Path, ratio: str) -> None:
    # [split] ratio = "2-for-1" used to load and be titled "2-for-1 reverse split"; split.range refused it
    with pytest.raises(InputError, match="must be a reverse split") as info:
        load_scenario(_write(tmp_path, MINIMAL.replace('ratio = "1-for-10"', f'ratio = "{ratio}"')))
    assert info.value.param_name == "split.ratio"
    from splitcalc import CapitalStructure

    with pytest.raises(InputError, match="must be a reverse split"):  # built in Python too
        Scenario(
            company="X",
            exchange="nasdaq-capital-market",
            as_of=dt.date(2025, 1, 1),
            structure=CapitalStructure(outstanding=10),
            ratio=SplitRatio.parse(ratio),
        )


def test_ratio_outside_the_authorised_range_refused(tmp_path: Path) -> None:
    text = MINIMAL.replace('ratio = "1-for-10"', 'ratio = "1-for-50"\nrange = ["1-for-5", "1-for-30"]')
    with pytest.raises(InputError) as info:
        load_scenario(_write(tmp_path, text))
    assert info.value.param_name == "split.ratio"
    assert "1-for-50" in str(info.value)
    assert "split.range = 1-for-5 to 1-for-30" in str(info.value)
    # both ends are inside the range
    for inside in ("1-for-5", "1-for-30"):
        s = load_scenario(_write(tmp_path, text.replace('ratio = "1-for-50"', f'ratio = "{inside}"')))
        assert s.ratio == SplitRatio.parse(inside)


def test_unknown_exchange_is_a_typed_error_at_load_time(tmp_path: Path) -> None:
    from splitcalc.errors import UnknownExchange

    # a typo used to give a report with the listing sections missing and only a caveat
    with pytest.raises(UnknownExchange, match="'lse'"):
        load_scenario(_write(tmp_path, MINIMAL.replace('"nasdaq-capital-market"', '"lse"')))
    s = load_scenario(_write(tmp_path, MINIMAL.replace('"nasdaq-capital-market"', '"amex"')))  # an alias
    assert s.exchange == "amex"


def test_prior_split_after_the_as_of_date_refused(tmp_path: Path) -> None:
    # it was counted in the sweep's cumulative ratio but not in the deadlines table
    text = MINIMAL + (
        '[compliance]\nprior_splits = [ { date = 2024-01-02, ratio = "1-for-3" },'
        ' { date = 2026-11-01, ratio = "1-for-30" } ]\n'
    )
    with pytest.raises(InputError, match="after the as-of date 2025-10-01") as info:
        load_scenario(_write(tmp_path, text))
    assert info.value.param_name == "compliance.prior_splits[1].date"
    # on the as-of date itself it is a prior split
    s = load_scenario(_write(tmp_path, text.replace("2026-11-01", "2025-10-01")))
    assert s.prior_splits[1] == (dt.date(2025, 10, 1), SplitRatio(1, 30))


def test_policies_take_the_sourced_table_form(tmp_path: Path) -> None:
    # the README says any [split] figure may be a sourced table; these two were "must be text"
    text = MINIMAL + (
        '[split.authorized_policy]\nvalue = "proportional"\nsource = "Proxy, proposal 2"\n'
        '[split.par_policy]\nvalue = "unchanged"\nsource = "Proxy, proposal 2"\n'
    )
    text = text.replace('[split]\nratio = "1-for-10"\n', "") + '[split.ratio]\nvalue = "1-for-10"\n'
    s = load_scenario(_write(tmp_path, text))
    assert s.authorized_policy == "proportional"
    assert s.par_policy == "unchanged"
    f = s.fact("split.authorized_policy")
    assert f is not None and f.source == "Proxy, proposal 2" and f.status == "sourced"
    with pytest.raises(InputError) as info:
        load_scenario(_write(tmp_path, text.replace('value = "proportional"', 'value = "halved"')))
    assert info.value.param_name == "split.authorized_policy"


def test_unknown_counts() -> None:
    from splitcalc import CapitalStructure

    # the seed case gives neither insiders nor a reserve
    assert load_example("neotherapeutics-2002").unknown_counts == ("insiders", "reserved")
    assert load_example("hypothetical-capital-market-2025").unknown_counts == ()

    def scen(**cap: object) -> Scenario:
        structure = CapitalStructure(outstanding=1_000, **cap)  # type: ignore[arg-type]
        return Scenario(
            company="X", exchange="nyse", as_of=dt.date(2025, 1, 2), structure=structure, ratio=SplitRatio(1, 2)
        )

    assert scen().unknown_counts == ("insiders", "reserved")
    assert scen(insiders=10, reserved=0).unknown_counts == ()  # reserved=0 states a zero; None does not


@pytest.mark.parametrize(("text", "expected"), [('"1,234,567"', 1_234_567), ('"1_000"', 1_000), ("2_500", 2_500)])
def test_share_counts_as_text_take_thousands_groupings(tmp_path: Path, text: str, expected: int) -> None:
    s = load_scenario(_write(tmp_path, MINIMAL.replace("outstanding = 1_000", f"outstanding = {text}")))
    assert s.structure.outstanding == expected


@pytest.mark.parametrize("text", ['"12,5"', '"1,0,0"', '"1234,567"'])
def test_a_comma_that_groups_nothing_is_refused(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, MINIMAL.replace("outstanding = 1_000", f"outstanding = {text}"))
    with pytest.raises(InputError, match=r"structure\.outstanding: .*commas only to group thousands"):
        load_scenario(path)


def test_a_superscript_digit_is_a_clean_error_not_a_crash(tmp_path: Path) -> None:
    path = _write(tmp_path, MINIMAL.replace("outstanding = 1_000", 'outstanding = "²"'))
    with pytest.raises(InputError, match=r"structure\.outstanding: must be a whole number of shares"):
        load_scenario(path)


def test_scenario_in_python_takes_ratio_text_and_errors_show_iso_dates() -> None:
    from splitcalc import CapitalStructure

    cap = CapitalStructure(outstanding=1_000, price=Decimal("0.5"))
    s = Scenario(company="A", exchange="nasdaq-capital", as_of=dt.date(2025, 10, 1), structure=cap, ratio="1-for-10")  # type: ignore[arg-type]
    assert s.ratio == SplitRatio(1, 10)
    with pytest.raises(InputError, match=r"\(got '2026-11-01'\)"):
        Scenario(
            company="A",
            exchange="nasdaq-capital",
            as_of=dt.date(2025, 10, 1),
            structure=cap,
            ratio=SplitRatio(1, 10),
            prior_splits=((dt.date(2026, 11, 1), SplitRatio(1, 30)),),
        )
