"""Input files: only regular files of bounded size, TOML depth and BOM, duplicate headers, split factor 1."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from splitcalc import Holdings, InputError, InvalidHoldings, InvalidPrices
from splitcalc.analysis.scenario_file import MAX_TOML_DEPTH, load_scenario
from splitcalc.cli import main
from splitcalc.inputfile import SIZE_LIMITS, check_input_file, read_input_bytes
from splitcalc.market import read_price_csv
from tests.conftest import MINIMAL_SCENARIO, REPO_ROOT
from tests.hostile._util import one_line_error

T = TypeVar("T")
EXAMPLES = REPO_ROOT / "data" / "examples"
PRICES = "date,close\n2024-01-02,1.00\n2024-01-03,1.10\n"
SCENARIO = MINIMAL_SCENARIO


def _commands(path: Path) -> list[list[str]]:
    """Every command reading ``path`` as each kind of input file it takes."""
    p = str(path)
    return [
        ["report", p, "--no-charts", "--paths", "5", "--format", "md", "-o", "-"],
        ["holdings", p, "--ratio", "1-for-10"],
        ["sweep", "--outstanding", "1000", "--price", "0.5", "--holders-file", p],
        ["compliance", p, "--exchange", "nasdaq-capital"],
        ["simulate", "--price", "1", "--drift", "history", "--prices", p, "--paths", "10"],
        ["report", "--example", "neotherapeutics-2002", "--prices", p, "--no-charts", "-o", "-"],
        ["report", "--from-filing", p, "--no-charts", "-o", "-"],
    ]


def _within(seconds: float, call: Callable[[], T]) -> T:
    """``call()`` in a thread; a hang fails the test instead of stalling the suite."""
    result: list[T] = []
    error: list[BaseException] = []

    def work() -> None:
        try:
            result.append(call())
        except BaseException as exc:  # handed to the test thread
            error.append(exc)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(timeout=seconds)
    assert not worker.is_alive(), "hangs"
    if error:
        raise error[0]
    return result[0]


def _run_with_timeout(argv: list[str]) -> int:
    return _within(20, lambda: main(argv))


# ------------------------------------------------------ not regular files
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("index", range(7))
def test_dev_zero_as_any_input_is_one_line(index: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run_with_timeout(_commands(Path("/dev/zero"))[index]) == 2
    assert "not a regular file" in one_line_error(capsys)


@pytest.mark.parametrize("index", range(7))
def test_a_fifo_as_any_input_does_not_hang(index: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "in.csv"
    os.mkfifo(fifo)
    assert _run_with_timeout(_commands(fifo)[index]) == 2
    assert "not a regular file" in one_line_error(capsys)


@pytest.mark.parametrize("index", range(7))
def test_a_folder_as_any_input_is_one_line(index: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in.csv"
    folder.mkdir()
    assert _run_with_timeout(_commands(folder)[index]) == 2
    assert "folder" in one_line_error(capsys)


def test_the_library_readers_refuse_devices(tmp_path: Path) -> None:
    fifo = tmp_path / "x"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        _within(20, lambda: load_scenario(fifo))
    with pytest.raises(InvalidPrices, match="not a regular file"):
        _within(20, lambda: read_price_csv(fifo))
    with pytest.raises(InvalidHoldings, match="not a regular file"):
        _within(20, lambda: Holdings.from_csv(fifo))


def test_size_limits_are_stated_and_applied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from splitcalc import inputfile

    assert SIZE_LIMITS == {"scenario": 1 << 20, "prices": 64 << 20, "holders": 1 << 30, "filing": 16 << 20}
    assert "1 MiB" in (inputfile.__doc__ or "") and "64 MiB" in (inputfile.__doc__ or "")
    big = tmp_path / "big.toml"
    big.write_bytes(b"# " + b"x" * (SIZE_LIMITS["scenario"]) + b"\n")
    with pytest.raises(InputError, match="may be at most 1 MiB"):
        load_scenario(big)
    monkeypatch.setitem(inputfile.SIZE_LIMITS, "prices", 10)
    px = tmp_path / "px.csv"
    px.write_text(PRICES, encoding="utf-8")
    with pytest.raises(InvalidPrices, match="at most 10 bytes"):
        read_price_csv(px)
    monkeypatch.setitem(inputfile.SIZE_LIMITS, "holders", 10)
    with pytest.raises(InvalidHoldings, match="at most 10 bytes"):
        check_input_file(px, "holders", error=InvalidHoldings)
    assert read_input_bytes(px, "scenario") == PRICES.encode()


# ------------------------------------------------------------------- TOML
def test_a_toml_nesting_bomb_is_refused_before_parsing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = tmp_path / "bomb.toml"
    bomb.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=f"at most {MAX_TOML_DEPTH}"):
        load_scenario(bomb)
    assert main(["report", str(bomb), "-o", "-"]) == 2
    assert "nests" in one_line_error(capsys)


def test_brackets_in_strings_and_comments_do_not_count(tmp_path: Path) -> None:
    deep_text = "[" * (MAX_TOML_DEPTH + 5)
    path = tmp_path / "s.toml"
    path.write_text(
        SCENARIO.replace('name = "Acme"', f'name = "Acme {deep_text}"') + f"# {deep_text}\n", encoding="utf-8"
    )
    assert load_scenario(path).company.startswith("Acme [")


def test_a_bom_in_toml_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + SCENARIO.encode())
    assert load_scenario(path).company == "Acme"


# ------------------------------------------------------- duplicate headers
@pytest.mark.parametrize(
    "header",
    ["holder_id,shares,shares", "holder_id,holder_id,shares", "holder_id,shares,Shares ", "holder_id, SHARES,shares"],
)
def test_duplicate_holder_columns_are_refused(header: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "h.csv"
    fields = header.count(",") + 1
    path.write_text(f"{header}\n" + ",".join(["a"] + ["5"] * (fields - 1)) + "\n", encoding="utf-8")
    with pytest.raises(InvalidHoldings, match="appears twice"):
        Holdings.from_csv(path)
    assert main(["holdings", str(path), "--ratio", "1-for-10"]) == 2
    assert "appears twice" in one_line_error(capsys)
    assert main(["sweep", "--outstanding", "1000", "--price", "0.5", "--holders-file", str(path)]) == 2
    assert "appears twice" in one_line_error(capsys)


@pytest.mark.parametrize(
    "header", ["date,close,close", "date,Date ,close", "date,close,volume,VOLUME", "date,close,x,x"]
)
def test_duplicate_price_columns_are_refused(header: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "px.csv"
    fields = header.count(",") + 1
    path.write_text(f"{header}\n2024-01-02" + ",1" * (fields - 1) + "\n", encoding="utf-8")
    with pytest.raises(InvalidPrices, match="appears twice"):
        read_price_csv(path)
    assert main(["compliance", str(path), "--exchange", "nasdaq-capital"]) == 2
    assert "appears twice" in one_line_error(capsys)


def test_an_unnamed_trailing_column_is_not_a_duplicate(tmp_path: Path) -> None:
    path = tmp_path / "px.csv"
    path.write_text("date,close,,\n2024-01-02,1,,\n", encoding="utf-8")
    assert read_price_csv(path)["close"].tolist() == [1.0]


# ---------------------------------------------------------- split factor 1
@pytest.mark.parametrize("value", ["1", "1.0", "1.00", "1-for-1", "1:1"])
def test_a_split_factor_of_one_is_no_split(value: str, tmp_path: Path) -> None:
    path = tmp_path / "px.csv"
    path.write_text(f"date,close,split\n2024-01-02,1,{value}\n2024-01-03,1.1,{value}\n", encoding="utf-8")
    frame = read_price_csv(path)
    assert frame.attrs["splits"] == []


def test_the_example_price_file_still_reads(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "hypothetical-capital-market-2025-prices.csv", tmp_path / "p.csv")
    assert len(read_price_csv(tmp_path / "p.csv")) > 100


def test_a_file_name_with_a_bidi_control_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "px\u202ecsv.exe"
    path.write_text(PRICES, encoding="utf-8")
    with pytest.raises(InvalidPrices, match="U\\+202E"):
        read_price_csv(path)
    assert main(["compliance", str(path), "--exchange", "nasdaq-capital"]) == 2
    assert "U+202E" in one_line_error(capsys)
