from __future__ import annotations

import json
from pathlib import Path

import pytest

from splitcalc.cli import main


def test_example_to_file_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "neo.html"
    assert main(["report", "--example", "neotherapeutics-2002", "-o", str(out), "--no-charts", "--paths", "50"]) == 0
    printed = capsys.readouterr().out
    assert "39,752,812 -> 1,590,112" in printed
    assert "$0.17 -> $4.25" in printed
    assert str(out) in printed
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "https://" not in html and "http://" not in html


def test_never_overwrites_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "neo.md"
    out.write_text("mine", encoding="utf-8")
    assert main(["report", "--example", "neotherapeutics-2002", "-o", str(out), "--no-charts", "--paths", "50"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: error:") and err.count("\n") == 1
    assert out.read_text(encoding="utf-8") == "mine"
    assert (
        main(["report", "--example", "neotherapeutics-2002", "-o", str(out), "--force", "--no-charts", "--paths", "50"])
        == 0
    )
    assert out.read_text(encoding="utf-8").startswith("# NeoTherapeutics")  # format from the suffix


def test_default_output_name_in_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert (
        main(
            [
                "report",
                "--example",
                "neotherapeutics-2002",
                "--format",
                "json",
                "--quiet",
                "--no-charts",
                "--paths",
                "50",
            ]
        )
        == 0
    )
    data = json.loads((tmp_path / "neotherapeutics-2002.json").read_text(encoding="utf-8"))
    assert data["key_figures"]["shares_after"] == 1_590_112


def test_stdout_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "report",
                "--example",
                "neotherapeutics-2002",
                "-o",
                "-",
                "--format",
                "json",
                "--no-charts",
                "--paths",
                "50",
            ]
        )
        == 0
    )
    captured = capsys.readouterr()
    assert json.loads(captured.out)["key_figures"]["price_after"] == "4.25"
    assert "1,590,112" in captured.err  # the summary moves to stderr


def test_scenario_file_and_never_over_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scen = tmp_path / "s.toml"
    scen.write_text(
        'format = 1\n[scenario]\nas_of = 2025-10-01\n[company]\nname = "Acme"\nexchange = "nasdaq-capital-market"\n'
        '[structure]\noutstanding = 1000\nprice = "0.5"\n[split]\nratio = "1-for-4"\n',
        encoding="utf-8",
    )
    assert main(["report", str(scen), "-o", str(tmp_path / "a.md"), "--no-charts", "--quiet", "--paths", "50"]) == 0
    assert "$2.00" in (tmp_path / "a.md").read_text(encoding="utf-8")  # $0.50 x 4
    assert main(["report", str(scen), "-o", str(scen), "--force", "--format", "md"]) == 2
    assert "input file" in capsys.readouterr().err
    assert scen.read_text(encoding="utf-8").startswith("format = 1")


def test_list_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--list-examples"]) == 0
    assert "neotherapeutics-2002" in capsys.readouterr().out.split()


@pytest.mark.parametrize(
    "argv",
    [
        ["report"],
        ["report", "--example", "nope-1999"],
        ["report", "missing.toml"],
        ["report", "--example", "neotherapeutics-2002", "--format", "pdf"],
        ["report", "--example", "neotherapeutics-2002", "--paths", "0"],
        ["report", "x.toml", "--example", "neotherapeutics-2002"],
    ],
)
def test_user_mistakes_one_line_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: error: ")
    assert err.count("\n") == 1


def _fake_prices(args: object) -> object:
    from splitcalc.market import read_price_csv
    from tests.conftest import REPO_ROOT

    return read_price_csv(REPO_ROOT / "data" / "examples" / "hypothetical-capital-market-2025-prices.csv")


def test_live_ticker_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import splitcalc.cli._prices as prices_cli

    monkeypatch.setattr(prices_cli, "load_prices", _fake_prices)  # no network in tests
    out = tmp_path / "xyz.md"
    argv = ["report", "--ticker", "XYZ", "--ratio", "1-for-5", "--outstanding", "48,000,000", "-o", str(out)]
    assert main([*argv, "--no-charts", "--paths", "50"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# XYZ: 1-for-5 reverse split")
    assert "as of 2025-10-01" in text  # the last close in the price data
    assert "$0.42 → $2.10" in text  # last close $0.42 x 5
    assert "9,600,000" in text  # 48,000,000 / 5
    assert main(["report", "--ticker", "XYZ", "--ratio", "1-for-5", "-o", str(tmp_path / "y.md")]) == 2
    assert "--outstanding" in capsys.readouterr().err


SCENARIO = (
    'format = 1\n[scenario]\nas_of = 2025-10-01\n[company]\nname = "Acme"\nexchange = "nasdaq-capital-market"\n'
    '[structure]\noutstanding = 1000\nprice = "0.5"\n[split]\nratio = "1-for-4"\n'
)


@pytest.mark.parametrize(
    ("flags", "named"),
    [
        (["--ratio", "1-for-10"], "--ratio"),
        (["--outstanding", "5,000"], "--outstanding"),
        (["--authorized", "9000"], "--authorized"),
        (["--exchange", "nyse"], "--exchange"),
        (["--exchange", "nasdaq-capital"], "--exchange"),  # even the live default: the user typed it
        (["--name", "Other Co"], "--name"),
        (["--start", "2025-01-02"], "--start"),
        (["--end", "2025-06-30"], "--end"),
    ],
)
@pytest.mark.parametrize("source", ["example", "file"])
def test_live_flags_with_a_scenario_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], named: str, source: str
) -> None:
    if source == "example":
        given = ["--example", "neotherapeutics-2002"]
    else:
        scen = tmp_path / "s.toml"
        scen.write_text(SCENARIO, encoding="utf-8")
        given = [str(scen)]
    out = tmp_path / "r.md"
    assert main(["report", *given, *flags, "-o", str(out), "--no-charts", "--quiet", "--paths", "50"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"splitcalc: error: {named}: applies only")
    assert err.count("\n") == 1
    assert not out.exists()  # refused before any work


def test_price_window_applies_to_a_prices_file_with_a_scenario(tmp_path: Path) -> None:
    from tests.conftest import REPO_ROOT

    scen = tmp_path / "s.toml"
    scen.write_text(SCENARIO, encoding="utf-8")
    prices = REPO_ROOT / "data" / "examples" / "hypothetical-capital-market-2025-prices.csv"
    out = tmp_path / "r.json"
    argv = ["report", str(scen), "--prices", str(prices), "--start", "2025-01-02", "--end", "2025-09-30"]
    assert main([*argv, "--offline", "-o", str(out), "--quiet", "--paths", "50"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["scenario"]["company"] == "Acme"


def test_live_report_exchange_flag_and_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import splitcalc.cli._prices as prices_cli

    monkeypatch.setattr(prices_cli, "load_prices", _fake_prices)  # no network in tests
    base = ["report", "--ticker", "XYZ", "--ratio", "1-for-5", "--outstanding", "48,000,000", "--format", "json"]
    opts = ["--quiet", "--paths", "50"]
    assert main([*base, "-o", str(tmp_path / "a.json"), *opts]) == 0
    assert main([*base, "--exchange", "nyse", "-o", str(tmp_path / "b.json"), *opts]) == 0
    default = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["scenario"]["exchange"]
    chosen = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["scenario"]["exchange"]
    assert default.startswith("nasdaq-capital")
    assert chosen.startswith("nyse")


def test_live_report_refuses_a_forward_ratio_and_records_its_flags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import splitcalc.cli._prices as prices_cli

    monkeypatch.setattr(prices_cli, "load_prices", _fake_prices)  # no network in tests
    base = ["report", "--ticker", "XYZ", "--outstanding", "48,000,000", "--no-charts", "--paths", "20"]
    assert main([*base, "--ratio", "2-for-1", "-o", str(tmp_path / "f.md")]) == 2
    err = capsys.readouterr().err
    assert "--ratio" in err and "not a reverse split" in err and "Traceback" not in err
    out = tmp_path / "x.json"
    assert main([*base, "--ratio", "1-for-5", "--authorized", "100,000,000", "--quiet", "-o", str(out)]) == 0
    rows = {
        row[0]: row
        for sec in json.loads(out.read_text(encoding="utf-8"))["sections"]
        if sec["key"] == "sources"
        for row in sec["tables"][0]["rows"]
    }
    assert rows["Shares outstanding"][5] == "given as --outstanding"
    assert rows["Shares authorised"][1] == "100,000,000" and rows["Shares authorised"][5] == "given as --authorized"
    assert rows["Split ratio"][5] == "given as --ratio"


def test_offline_is_a_promise_kept_by_every_scenario_report(tmp_path: Path) -> None:
    out = tmp_path / "neo.json"
    assert (
        main(["report", "--example", "neotherapeutics-2002", "--offline", "--quiet", "--paths", "20", "-o", str(out)])
        == 0
    )
    assert json.loads(out.read_text(encoding="utf-8"))["scenario"]["company"]


def test_min_odds_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = ["report", "--example", "neotherapeutics-2002", "--min-odds", "1.5", "-o", str(tmp_path / "a.html")]
    assert main(bad) == 2
    assert "splitcalc: error: --min-odds:" in capsys.readouterr().err
    out = tmp_path / "b.json"
    args = ["report", "--example", "neotherapeutics-2002", "--min-odds", "0.6", "--paths", "200", "-o", str(out)]
    assert main(args) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    sweep = next(s for s in data["sections"] if s["key"] == "ratio")
    odds = sweep["data"]["odds"]
    chosen = sweep["data"]["recommendation"]
    assert odds[chosen] >= 0.6
