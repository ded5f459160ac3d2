from __future__ import annotations

import json
import subprocess
import sys

import pytest

from splitcalc.cli import main


def test_split_table(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["split", "--ratio", "1-for-25", "--outstanding", "39,752,812", "--price", "0.17"])
    out = capsys.readouterr().out
    assert code == 0
    assert "1,590,112" in out
    assert "[1] exact entitlement 1,590,112 12/25" in out
    assert "4.25" in out


def test_split_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["split", "--ratio", "25-for-1 reverse", "--outstanding", "39752812", "--price", "0.17", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["ratio"] == "1-for-25"
    assert data["factor"] == "1/25"
    assert data["price_after_exact"] == "17/4"
    assert data["outstanding_by_policy"]["cash_in_lieu"] == 1590112


@pytest.mark.parametrize(
    "argv",
    [
        ["split", "--ratio", "1-for-0", "--outstanding", "10"],
        ["split", "--ratio", "1-for-25", "--outstanding", "ten"],
        ["split", "--ratio", "1-for-25", "--outstanding", "10", "--price", "x"],
        ["split", "--outstanding", "10"],
        ["split", "--ratio", "1-for-2", "--outstanding", "10", "--authorized", "5"],
        ["nonsense"],
        [],
    ],
)
def test_user_mistakes_exit_2_with_one_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: error: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_module_entry_point() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "splitcalc", "split", "--ratio", "1-for-0", "--outstanding", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("splitcalc: error:")
    assert "Traceback" not in proc.stderr
    ok = subprocess.run([sys.executable, "-m", "splitcalc", "--help"], capture_output=True, text=True, check=False)
    assert ok.returncode == 0
    assert "split" in ok.stdout


def test_help_shows_a_single_percent_sign(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["split", "--help"])
    assert info.value.code == 0
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps lines
    assert "Rule 5635(d) 20% threshold" in out
    assert "%%" not in out


def test_zero_outstanding_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["split", "--ratio", "1-for-10", "--outstanding", "0"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: error: --outstanding: ")  # the flag, as typed
    assert "no shares outstanding" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("flag", "value"),
    [
        ("--price", "0,17"),  # was read as $17
        ("--outstanding", "12,5"),  # was read as 125 shares
        ("--outstanding", "1,0,0"),
        ("--ratio", "1-for-1,0,0"),  # was read as 1-for-100
    ],
)
def test_commas_that_are_not_thousands_separators_are_refused(
    flag: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = {"--ratio": "1-for-25", "--outstanding": "1000", "--price": "0.17"} | {flag: value}
    assert main(["split", *[x for kv in argv.items() for x in kv]]) == 2
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: error: ")
    assert "commas only to group thousands" in err
    assert err.count("\n") == 1


def test_thousands_separators_are_read(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["split", "--ratio", "1-for-1,000", "--outstanding", "2,000,000", "--price", "$1,234.50", "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ratio"] == "1-for-1000"
    assert data["outstanding_by_policy"]["cash_in_lieu"] == 2000  # 2,000,000 / 1,000
    assert data["price_after_exact"] == "1234500"  # $1,234.50 x 1,000


def test_public_float_value_from_the_exact_price(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["split", "--ratio", "3-for-10", "--outstanding", "5882334", "--price", "0.17"]) == 0
    out = capsys.readouterr().out
    # 1,764,700 shares x 17/30 = $999,996.67 (the rounded $0.5667 gave 1,000,055.4900)
    row = next(line for line in out.splitlines() if line.startswith("Market value of public float"))
    assert row.split()[-2] == "999,996.67"
    assert "1,000,055" not in out


def test_forward_split_needing_more_authorised_shares(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["split", "--ratio", "2-for-1", "--outstanding", "100", "--authorized", "150"]) == 2
    err = capsys.readouterr().err
    # 100 x 2 = 200 new shares; the charter's 150 were not the user's mistake
    assert "the 2-for-1 split needs 200 authorised shares" in err
    assert "only 150 would be authorised after it" in err
    assert "less than issued shares" not in err
    assert err.count("\n") == 1
