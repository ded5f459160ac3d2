"""``splitcalc holdings``: tables, JSON, output files, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from splitcalc.cli import main

HOLDERS = "holder_id,account_id,insider,shares\nceo,1,yes,50000\np1,1,,10\np2,1,,99\np2,2,,1\np3,1,,2500\n"


@pytest.fixture
def holders(tmp_path: Path) -> Path:
    path = tmp_path / "holders.csv"
    path.write_text(HOLDERS, encoding="utf-8")
    return path


def test_table_output(holders: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["holdings", str(holders), "--ratio", "1-for-25", "--price", "0.20"])
    out = capsys.readouterr().out
    assert code == 0
    # p1 (10 sh) is cashed out; p2 holds 99 + 1 = 100 sh -> 4 new shares at holder level.
    # cash: p1 10 x $0.20 = $2.00; no one else has a fraction.
    assert "1-for-25 split, cash in lieu at holder level, $0.20 per old share" in out
    assert "$2.00" in out
    assert "Holders eliminated" in out
    assert "Holders by shares held" in out
    assert "100,000+" in out


def test_json_output(holders: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["holdings", str(holders), "--ratio", "25-for-1 reverse", "--price", "0.20", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    t = data["totals"]
    assert (t["holders_before"], t["holders_after"], t["holders_eliminated"]) == (4, 3, 1)
    assert t["cash_total"] == "2.00"
    assert t["shares_cashed_out"] == "2/5"
    assert data["level"] == "holder"


def test_position_level_and_policy(holders: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # per position p2's 99 and 1 are settled apart: 3 shares + 24/25, and 1/25 -> rounded up to 4 + 1
    code = main(
        ["holdings", str(holders), "--ratio", "1-for-25", "--policy", "round_up", "--level", "position", "--json"]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    # ceo 2,000; p1 1; p2 4 + 1; p3 100
    assert data["totals"]["shares_after"] == 2_106
    assert data["totals"]["cash_total"] is None
    assert data["fractional"] == "round_up"


def test_out_writes_units_and_never_overwrites(
    holders: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "result.csv"
    argv = ["holdings", str(holders), "--ratio", "1-for-25", "--price", "0.20", "--out", str(out)]
    assert main(argv) == 0
    frame = pd.read_csv(out, dtype=str)
    assert frame["holder_id"].tolist() == ["ceo", "p1", "p2", "p3"]
    assert frame["post_shares"].tolist() == ["2000", "0", "4", "100"]
    assert [Decimal(c) for c in frame["cash"]] == [Decimal("0.00"), Decimal("2.00"), Decimal("0.00"), Decimal("0.00")]
    capsys.readouterr()
    # a second run refuses to replace the file without --force
    assert main(argv) == 2
    assert "exists" in capsys.readouterr().err
    assert main([*argv, "--force"]) == 0
    capsys.readouterr()
    # the input is never overwritten, even with --force
    before = holders.read_bytes()
    bad = ["holdings", str(holders), "--ratio", "1-for-25", "--out", str(holders), "--force"]
    assert main(bad) == 2
    err = capsys.readouterr().err
    assert "input file" in err
    assert holders.read_bytes() == before


def test_missing_price_is_noted(holders: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["holdings", str(holders), "--ratio", "1-for-25"]) == 0
    assert "No --price given" in capsys.readouterr().out


def test_rounding_and_price_basis(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "one.csv"
    path.write_text("holder_id,shares\na,1\n", encoding="utf-8")
    # 1 share through 1-for-25 at $3.125 per NEW share: 1/25 x 3.125 = 12.5 cents
    argv = ["holdings", str(path), "--ratio", "1-for-25", "--price", "3.125", "--price-basis", "post", "--json"]
    assert main([*argv, "--rounding", "half_even"]) == 0
    assert json.loads(capsys.readouterr().out)["totals"]["cash_total"] == "0.12"
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["totals"]["cash_total"] == "0.13"


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["holdings", "{missing}", "--ratio", "1-for-25"], "no such file"),
        (["holdings", "{folder}", "--ratio", "1-for-25"], "path: is a folder, not a holder file"),
        (["holdings", "{bad}", "--ratio", "1-for-25"], "line 3"),
        (["holdings", "{good}", "--ratio", "1-for-0"], "ratio"),
        (["holdings", "{good}", "--ratio", "1-for-25", "--price", "x"], "price"),
        (["holdings", "{good}", "--ratio", "1-for-25", "--price", "-1"], "price"),
        (["holdings", "{good}", "--ratio", "1-for-25", "--policy", "sideways"], "policy"),
        (
            ["holdings", "{good}", "--ratio", "1-for-25", "--rounding", "sideways"],
            "error: argument --rounding: unknown rounding mode; use one of ROUND_HALF_UP",
        ),
        (["holdings", "{good}"], "--ratio"),
        (["holdings", "{good}", "--ratio", "1-for-25", "--out", "{nodir}"], "folder does not exist"),
    ],
)
def test_user_mistakes_exit_2_with_one_line(
    argv: list[str], needle: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.csv"
    good.write_text("holder_id,shares\na,1\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("holder_id,shares\na,1\nb,1.5\n", encoding="utf-8")
    paths = {
        "missing": str(tmp_path / "nope.csv"),
        "good": str(good),
        "bad": str(bad),
        "nodir": str(tmp_path / "no" / "out.csv"),
        "folder": str(tmp_path),
    }
    assert main([a.format(**paths) for a in argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: error: ")
    assert err.count("\n") == 1
    assert needle in err
    assert "Traceback" not in err


def test_module_entry_point_on_the_example() -> None:
    example = Path(__file__).resolve().parents[2] / "data" / "examples" / "neotherapeutics-2002-holders.csv"
    proc = subprocess.run(
        [sys.executable, "-m", "splitcalc", "holdings", str(example), "--ratio", "1-for-25", "--price", "0.17"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Round-lot holders" in proc.stdout


@pytest.mark.parametrize(
    ("text", "extra", "needle"),
    [
        # an unlabelled third value used to become the index, shifting "37" into holder_id
        ("holder_id,shares\nalice,37,5\nbob,2600,7\n", [], "line 2 has 3 fields but the header names 2 columns"),
        ('holder_id,shares\nalice,"12,5"\n', [], "shares: comma that is not a thousands separator"),
        ("holder_id,shares\nalice,37\n", ["--price", "0,17"], "argument --price: use a point for decimals"),
    ],
)
def test_misread_inputs_are_one_line_errors(
    text: str, extra: list[str], needle: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "h.csv"
    path.write_text(text, encoding="utf-8")
    assert main(["holdings", str(path), "--ratio", "1-for-25", *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: error: ")
    assert err.count("\n") == 1
    assert needle in err


def test_price_with_thousands_separator(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "h.csv"
    path.write_text('holder_id,shares\nalice,"1,037"\n', encoding="utf-8")
    assert main(["holdings", str(path), "--ratio", "1-for-25", "--price", "$1,000.00", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    # 1,037 / 25 = 41 12/25; 12 old shares paid at $1,000.00 = $12,000.00
    assert Decimal(data["totals"]["cash_total"]) == Decimal("12000.00")
