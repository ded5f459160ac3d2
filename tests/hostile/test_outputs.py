"""Outputs: never over an input, a device or a link without --force; cleaned up on SIGTERM; full stdout."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from splitcalc import InputError, atomic
from splitcalc.analysis.scenario_file import example_path, load_example
from splitcalc.cli import main
from tests.conftest import REPO_ROOT
from tests.hostile._util import one_line_error

EXAMPLES = REPO_ROOT / "data" / "examples"
REPORT = ["report", "--no-charts", "--paths", "5", "--format", "md"]
HOLDERS = "holder_id,shares\na,600\nb,400\n"


def _holders(tmp_path: Path) -> Path:
    path = tmp_path / "h.csv"
    path.write_text(HOLDERS, encoding="utf-8")
    return path


# ------------------------------------------------------ --example is a name
def test_example_takes_only_the_name_of_a_shipped_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = tmp_path / "mine.toml"
    shutil.copy(EXAMPLES / "neotherapeutics-2002.toml", mine)
    before = mine.read_bytes()
    for name in (str(mine), str(mine.with_suffix("")), f"../{tmp_path.name}/mine"):
        assert main([*REPORT, "--example", name, "-o", str(mine), "--force"]) == 2
        assert "no such built-in example" in one_line_error(capsys)
    assert mine.read_bytes() == before
    with pytest.raises(InputError, match="not a path"):
        example_path(str(EXAMPLES / "neotherapeutics-2002"))


def test_an_example_knows_its_files_and_they_are_never_outputs(capsys: pytest.CaptureFixture[str]) -> None:
    scenario = load_example("neotherapeutics-2002")
    assert scenario.source_path is not None
    names = {p.name for p in scenario.input_paths}
    assert "neotherapeutics-2002.toml" in names and "neotherapeutics-2002-holders.csv" in names
    for path in scenario.input_paths:
        before = path.read_bytes()
        assert main([*REPORT, "--example", "neotherapeutics-2002", "-o", str(path), "--force"]) == 2
        assert "input file" in one_line_error(capsys)
        assert path.read_bytes() == before


def test_every_path_argument_is_an_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    holders = _holders(tmp_path)
    link = tmp_path / "link.csv"
    link.symlink_to(holders)
    before = holders.read_bytes()
    # through a symbolic link and a hard link the file is still the input
    hard = tmp_path / "hard.csv"
    os.link(holders, hard)
    for target in (link, hard, tmp_path / "." / "h.csv"):
        assert main(["holdings", str(holders), "--ratio", "1-for-10", "-o", str(target), "--force"]) == 2
        assert "input file" in one_line_error(capsys)
    assert holders.read_bytes() == before
    plot = tmp_path / "h.png"
    shutil.copy(holders, plot)
    argv = ["sweep", "--outstanding", "1000", "--price", "0.5", "--holders-file", str(plot)]
    assert main([*argv, "--plot", str(plot), "--force"]) == 2
    assert "input file" in one_line_error(capsys)


# ------------------------------------------------- special and odd targets
#: Every command that writes a file, up to the flag naming it.
WRITERS = [
    ["holdings", "{holders}", "--ratio", "1-for-10", "-o"],
    [*REPORT, "--example", "neotherapeutics-2002", "-o"],
    ["sweep", "--outstanding", "1000", "--price", "0.5", "--plot"],
    ["simulate", "--price", "1.5", "--volatility", "0.5", "--paths", "10", "--seed", "1", "--plot"],
]


@pytest.mark.parametrize("command", WRITERS)
def test_force_onto_a_special_file_is_refused(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a FIFO of our own stands for every non-regular file: a test must never risk replacing /dev/null
    argv = [a.format(holders=_holders(tmp_path)) for a in command]
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    assert main([*argv, str(fifo), "--force"]) == 2
    assert "not a regular file" in one_line_error(capsys)
    assert fifo.is_fifo()
    link = tmp_path / "link.png"
    link.symlink_to(fifo)  # through a link too
    assert main([*argv, str(link), "--force"]) == 2
    assert "not a regular file" in one_line_error(capsys)


@pytest.mark.skipif(not Path("/dev/null").is_char_device(), reason="needs /dev/null")
def test_a_device_is_refused_before_writing() -> None:
    with pytest.raises(InputError, match="not a regular file"):
        atomic.check_target("/dev/null", overwrite=True, param_name="--out")


def test_fifo_target_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        atomic.check_target(fifo, overwrite=True)
    with pytest.raises(InputError, match="not a regular file"):
        atomic.atomic_write(fifo, "x", overwrite=True)
    assert fifo.is_fifo()


@pytest.mark.parametrize("command", WRITERS)
def test_a_dangling_link_is_an_existing_file(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "out.png"
    link.symlink_to(tmp_path / "nowhere.png")
    argv = [*(a.format(holders=_holders(tmp_path)) for a in command), str(link)]
    assert main(argv) == 2
    assert "exists" in one_line_error(capsys)
    assert not (tmp_path / "nowhere.png").exists()
    assert main([*argv, "--force"]) == 0  # with --force the link's target is written
    capsys.readouterr()
    assert (tmp_path / "nowhere.png").stat().st_size > 0


def test_atomic_write_treats_a_dangling_link_as_existing(tmp_path: Path) -> None:
    link = tmp_path / "out.csv"
    link.symlink_to(tmp_path / "nowhere.csv")
    with pytest.raises(InputError, match="exists"):
        atomic.atomic_write(link, "x", overwrite=False)
    assert not (tmp_path / "nowhere.csv").exists()


@pytest.mark.parametrize("command", WRITERS)
@pytest.mark.parametrize("name", ["", " "])
def test_an_empty_output_name_is_an_error(
    command: list[str], name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = [*(a.format(holders=_holders(tmp_path)) for a in command), name]
    assert main(argv) == 2
    assert "empty" in one_line_error(capsys)
    assert not [p for p in tmp_path.iterdir() if p.is_file() and p.name != "h.csv"]
    with pytest.raises(InputError, match="empty"):
        atomic.check_target("", overwrite=True)


# ---------------------------------------------------------------- SIGTERM
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_during_a_write_leaves_no_tmp(tmp_path: Path) -> None:
    target = tmp_path / "big.bin"
    ready = tmp_path / "ready"
    script = textwrap.dedent(
        f"""
        import os, pathlib, sys
        from splitcalc import atomic
        real = os.fsync
        def slow(fd):  # the write is under way: tell the parent, then wait for the signal
            pathlib.Path({str(ready)!r}).write_text("x")
            import time
            time.sleep(30)
        os.fsync = slow
        atomic.atomic_write({str(target)!r}, b"x" * 1000)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", script], env=env)
    try:
        deadline = time.monotonic() + 20
        while not ready.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert ready.exists(), "the child never started writing"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == atomic.SIGTERM_STATUS
    finally:
        if proc.poll() is None:
            proc.kill()
    assert [p.name for p in tmp_path.iterdir()] == ["ready"]


def test_a_programs_own_sigterm_handler_is_kept(tmp_path: Path) -> None:
    seen: list[int] = []
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: seen.append(signum))
    try:
        atomic.atomic_write(tmp_path / "x.txt", "x")
        assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
        assert signal.getsignal(signal.SIGTERM) is not atomic._on_sigterm
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert signal.getsignal(signal.SIGTERM) is previous


# ------------------------------------------------------------ full stdout
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "argv",
    [
        ["split", "--ratio", "1-for-10", "--outstanding", "1000"],
        ["split", "--ratio", "1-for-10", "--outstanding", "1000", "--json"],
        [*REPORT, "--example", "neotherapeutics-2002", "-o", "-", "--quiet"],
    ],
)
def test_a_full_stdout_is_a_one_line_error(argv: list[str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run(
            [sys.executable, "-m", "splitcalc", *argv],
            stdout=full,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("splitcalc: error: cannot write to standard output (No space left on device)")
    assert done.stderr.count("\n") == 1, done.stderr


# ------------------------------------------------------ formula injection
FORMULAS = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx=1", "\r=1", '=HYPERLINK("http://x")']


def _csv_cells(text: str) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(text)))


def test_holdings_csv_outputs_neutralise_formulas(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import csv

    from splitcalc import Holdings

    holders = tmp_path / "h.csv"
    with holders.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["holder_id", "shares"], ["-5", 40], *([f, 100] for f in FORMULAS)])
    out = tmp_path / "out.csv"
    assert main(["holdings", str(holders), "--ratio", "1-for-10", "--price", "2", "-o", str(out)]) == 0
    capsys.readouterr()
    table = _csv_cells(out.read_text(encoding="utf-8"))
    ids = [row[table[0].index("holder_id")] for row in table[1:]]
    # the reader strips spaces around an id, so "\tx=1" is "x=1" (harmless) and "\r=1" is "=1"
    expected = ["-5", "'=1+2", "'+SUM(A1)", "'-2+3", "'@cmd", "x=1", "'=1", '\'=HYPERLINK("http://x")']
    assert sorted(ids) == sorted(expected)
    written = Holdings.from_csv(holders).to_csv()
    assert sorted(r[0] for r in _csv_cells(written)[1:]) == sorted(expected)


def test_numbers_stay_numbers() -> None:
    from decimal import Decimal

    import pandas as pd

    from splitcalc.csvwrite import frame_to_csv, neutralise_cell

    frame = pd.DataFrame(
        {"id": ["=x", "-0.25", "ok"], "n": [-5, 3, 0], "f": [-0.25, 1.5, 2.0], "d": [Decimal("-1.5"), 1, 2]}
    )
    text = frame_to_csv(frame)
    assert text.splitlines() == ["id,n,f,d", "'=x,-5,-0.25,-1.5", "-0.25,3,1.5,1", "ok,0,2.0,2"]
    assert frame["id"].tolist() == ["=x", "-0.25", "ok"]  # the input frame is untouched
    assert neutralise_cell("-1,250.5") == "-1,250.5" and neutralise_cell("-1e5") == "-1e5"
    assert neutralise_cell("-") == "'-" and neutralise_cell("--1") == "'--1"


# ------------------------------------------------------- exact money text
BIG = """\
format = 1
[scenario]
as_of = 2025-10-01
[company]
name = "Acme"
exchange = "nasdaq-capital-market"
[structure]
outstanding = 1000
price = "170000000000000000000000000000.01"
eps = "-0.123456789012345678901234567890123"
[split]
ratio = "1-for-4"
"""


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_money_is_written_digit_for_digit(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import re

    path = tmp_path / "big.toml"
    path.write_text(BIG, encoding="utf-8")
    assert main(["report", str(path), "--format", fmt, "-o", "-", "--no-charts", "--paths", "5", "--quiet"]) == 0
    text = capsys.readouterr().out
    shown = re.sub(r"<style>.*?</style>", "", text, flags=re.DOTALL)  # CSS colours such as #fff8e6 are not numbers
    assert not re.search(r"\d[eE][+-]?\d", shown), re.search(r".{40}\d[eE][+-]?\d.{10}", shown)
    assert "$170,000,000,000,000,000,000,000,000,000.01" in text
    assert "$680,000,000,000,000,000,000,000,000,000.04" in text  # x 4, every digit
    assert "-$0.123456789012345678901234567890123" in text
    # the change of EPS is 3 x the old EPS (after = 4 x before), to the last digit
    assert "-$0.370370367037037036703703703670369" in text


def test_dollars_never_rounds() -> None:
    from decimal import Decimal

    from splitcalc.report.formatting import cell, dollars

    assert dollars(Decimal("1.7E+29")) == "$170,000,000,000,000,000,000,000,000,000.00"
    assert dollars(Decimal("-0.1234567890123456789012345678901")) == "-$0.1234567890123456789012345678901"
    assert cell(Decimal("1.7E+29")) == "170,000,000,000,000,000,000,000,000,000"
    assert dollars(Decimal("-0.00")) == "$0.00"


# ----------------------------------------- hidden characters in names
HIDDEN = ["\x00", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
SCEN = """\
format = 1
[scenario]
as_of = 2025-10-01
title = "{title}"
[company]
name = "{name}"
ticker = "{ticker}"
exchange = "nasdaq-capital-market"
[structure]
outstanding = {{ value = 1000, source = "{source}" }}
price = "0.5"
[split]
ratio = "1-for-4"
"""


def _toml_escape(char: str) -> str:
    return f"\\u{ord(char):04X}"


@pytest.mark.parametrize("char", HIDDEN)
@pytest.mark.parametrize("field", ["name", "title", "ticker", "source"])
def test_hidden_characters_in_a_scenario_are_refused(
    char: str, field: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    values = {"name": "Acme", "title": "T", "ticker": "ACME", "source": "10-K"}
    values[field] = f"Ac{_toml_escape(char)}me"
    path = tmp_path / "s.toml"
    path.write_text(SCEN.format(**values), encoding="utf-8")
    for fmt in ("md", "html", "json"):
        assert main(["report", str(path), "--format", fmt, "-o", "-", "--no-charts", "--paths", "5"]) == 2
        err = one_line_error(capsys)
        assert f"U+{ord(char):04X}" in err or "NUL" in err
        assert char not in err  # the message shows the character escaped


@pytest.mark.parametrize("char", ["\u202e", "\u2066"])
def test_hidden_characters_in_holder_ids_are_refused(
    char: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from splitcalc import Holdings, InvalidHoldings

    path = tmp_path / "h.csv"
    path.write_text(f"holder_id,shares\nalice,10\nbo{char}b,20\n", encoding="utf-8")
    assert main(["holdings", str(path), "--ratio", "1-for-10", "--json"]) == 2
    err = one_line_error(capsys)
    assert "line 3" in err and char not in err
    assert main(["sweep", "--outstanding", "1000", "--price", "0.5", "--holders-file", str(path)]) == 2
    assert "line 3" in one_line_error(capsys)
    import pandas as pd

    for bad in (f"x{char}", "nul\x00l"):
        frame = pd.DataFrame({"holder_id": ["a", bad], "account_id": [1, 2], "shares": [1, 2]})
        with pytest.raises(InvalidHoldings, match="holder_id: contains"):
            Holdings.from_frame(frame)
        mixed = pd.DataFrame({"holder_id": [7, bad], "shares": [1, 2]})  # numbers and text: cell by cell
        with pytest.raises(InvalidHoldings, match="holder_id: contains"):
            Holdings.from_frame(mixed)


@pytest.mark.parametrize(
    "argv",
    [
        ["sweep", "--outstanding", "1000", "--price", "0.5", "--name", "Ac\u202eme"],
        ["report", "--ticker", "AC\u202eME", "--ratio", "1-for-10", "--outstanding", "100", "-o", "-", "--offline"],
        ["compliance", "--ticker", "AC\x00ME", "--exchange", "nasdaq-capital", "--offline"],
        ["scan", "AC\u2066ME", "--exchange", "nasdaq-capital", "--offline"],
    ],
)
def test_hidden_characters_on_the_command_line_are_refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    status = main(argv)
    err = capsys.readouterr().err
    assert status in (1, 2), err
    assert err.startswith("splitcalc: error: ") and "\u202e" not in err and "\u2066" not in err and "\x00" not in err


def test_the_library_refuses_hidden_characters() -> None:
    import datetime as dt

    from splitcalc import CapitalStructure
    from splitcalc.analysis.scenario_file import Fact, Scenario

    with pytest.raises(InputError, match="U\\+202E"):
        CapitalStructure(outstanding=10, name="Ac\u202eme")
    cap = CapitalStructure(outstanding=10)
    with pytest.raises(InputError, match=r"company\.name: contains a NUL"):
        Scenario(
            company="Ac\x00me", exchange="nasdaq-capital", as_of=dt.date(2025, 1, 2), structure=cap, ratio="1-for-4"
        )
    fact = Fact("structure.outstanding", "Shares", 10, source="\u2067x")
    with pytest.raises(InputError, match=r"structure\.outstanding\.source"):
        Scenario(
            company="A",
            exchange="nasdaq-capital",
            as_of=dt.date(2025, 1, 2),
            structure=cap,
            ratio="1-for-4",
            facts=(fact,),
        )


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")
@pytest.mark.parametrize(
    "argv",
    [
        ["split", "--ratio", "1-for-10", "--outstanding", "1000"],
        ["split", "--ratio", "1-for-10", "--outstanding", "1000", "--json"],
    ],
)
def test_a_closed_pipe_is_quiet(argv: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written (``| head -0``)
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "splitcalc", *argv],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
