"""``splitcalc terms`` and ``splitcalc report --from-filing``: output, the seed end to end, hostile inputs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from splitcalc.cli import main
from tests.conftest import shared_dir

SEED = shared_dir() / "data" / "filings" / "neotherapeutics-2002-07-23-press-release.txt"
TEXT = (
    "NEW YORK, March 1, 2024 -- Acme Widgets, Inc. (Nasdaq: ACME) today announced that its Board of Directors "
    "approved a 1-for-20 reverse stock split. The reverse stock split will become effective at 12:01 a.m. Eastern "
    "Time on March 8, 2024, and the common stock will begin trading on a split-adjusted basis on March 8, 2024."
)


@pytest.fixture
def seed() -> Path:
    if not SEED.is_file():
        pytest.skip("../shared/data/filings is not present (fresh clone)")
    return SEED


def _one_error_line(err: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("splitcalc: error: "), err
    assert "Traceback" not in err


def test_terms_seed(seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["terms", str(seed), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    f = {k: v["value"] for k, v in data["fields"].items()}
    assert f["ratio"] == "1-for-25" and f["direction"] == "reverse"
    assert f["meeting_date"] == "2002-09-05" and f["record_date"] == "2002-07-24" and f["announced"] == "2002-07-23"
    assert (f["exchange"], f["ticker"]) == ("nasdaq", "NEOT")
    assert f["financing_approvals"] is True
    assert data["fields"]["ratio"]["quote"] == "25 for 1 share reverse split"


def test_terms_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "pr.txt"
    path.write_text(TEXT)
    assert main(["terms", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1-for-20" in out and "12:01 a.m. Eastern Time" in out and "2024-03-08" in out


def test_report_from_filing_matches_the_example(seed: Path, tmp_path: Path) -> None:
    """The seed with price and outstanding given gives the figures of --example neotherapeutics-2002.

    The press release names Nasdaq but not the market tier, so the rule set is given too.
    """
    ours, theirs = tmp_path / "filing.json", tmp_path / "example.json"
    common = ["--format", "json", "--no-charts", "--paths", "20", "--quiet"]
    given = ["--price", "0.17", "--outstanding", "39752812", "--exchange", "nasdaq-national-market"]
    assert main(["report", "--from-filing", str(seed), *given, "-o", str(ours), *common]) == 0
    assert main(["report", "--example", "neotherapeutics-2002", "-o", str(theirs), *common]) == 0
    a, b = json.loads(ours.read_text())["key_figures"], json.loads(theirs.read_text())["key_figures"]
    for key in ("ratio", "shares_before", "shares_after", "price_before", "price_after", "as_of", "exchange"):
        assert a[key] == b[key], key
    assert a["recommended_ratio"] == b["recommended_ratio"]
    sources = json.dumps(json.loads(ours.read_text())["sections"])
    assert '\\"25 for 1 share reverse split\\"' in sources  # the sources section quotes the filing


def test_report_from_filing_missing_figures(seed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.html"
    assert main(["report", "--from-filing", str(seed), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    _one_error_line(err)
    assert "--price" in err and "--outstanding" in err and "--exchange" in err
    assert not out.exists()


def _hostile(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    nosplit = tmp_path / "nosplit.txt"
    nosplit.write_text("Acme Widgets, Inc. reported revenue of $4.1 million for the quarter.")
    binary = tmp_path / "image.htm"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    big = tmp_path / "huge.htm"
    with big.open("wb") as f:  # sparse: 50 MB on paper, nothing on disk
        f.truncate(50 * 1024 * 1024)
    two = tmp_path / "amended.txt"
    two.write_text(
        "The Board approved a 1-for-10 reverse stock split. Amendment No. 1: the reverse split ratio is 1-for-15."
    )
    return {"empty": empty, "nosplit": nosplit, "binary": binary, "big": big, "two": two, "folder": tmp_path}


@pytest.mark.parametrize("case", ["empty", "nosplit", "binary", "big", "two", "folder", "missing"])
def test_hostile_inputs(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = _hostile(tmp_path)
    path = files.get(case, tmp_path / "missing.txt")
    assert main(["terms", str(path)]) == 2
    _one_error_line(capsys.readouterr().err)
    out = tmp_path / "out" / "r.html"
    out.parent.mkdir()
    argv = ["report", "--from-filing", str(path), "--price", "1", "--outstanding", "1000", "--exchange", "nyse"]
    assert main([*argv, "--name", "X", "--as-of", "2024-01-02", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    _one_error_line(err)
    assert list(out.parent.iterdir()) == []
    if case == "two":
        assert "1-for-10" in err and "1-for-15" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert main(["terms", str(fifo)]) == 2
    assert "regular file" in capsys.readouterr().err


def test_price_flag_only_with_from_filing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--example", "neotherapeutics-2002", "--price", "0.2", "-o", "-"]) == 2
    _one_error_line(capsys.readouterr().err)
