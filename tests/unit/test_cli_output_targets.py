"""Output targets of every command: never over an input, folders and unwritable paths as one-line errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from splitcalc import InputError, atomic
from splitcalc.analysis.scenario_file import load_scenario
from splitcalc.cli import main
from splitcalc.report import Report
from tests.conftest import MINIMAL_SCENARIO, REPO_ROOT

EXAMPLES = REPO_ROOT / "data" / "examples"
NEOT = ["--outstanding", "39,752,812", "--price", "0.17"]
SCENARIO = (
    MINIMAL_SCENARIO
    + """\
[data]
prices = "prices.csv"
holders = "holders.csv"
"""
)
HOLDERS = "holder_id,shares\na,600\nb,400\n"


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    """A scenario file that reads ``prices.csv`` and ``holders.csv`` beside it."""
    shutil.copy(EXAMPLES / "hypothetical-capital-market-2025-prices.csv", tmp_path / "prices.csv")
    (tmp_path / "holders.csv").write_text(HOLDERS, encoding="utf-8")
    path = tmp_path / "scen.toml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: error: "), err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


# ------------------------------------------------------------ finding 1
@pytest.mark.parametrize("name", ["prices.csv", "holders.csv"])
def test_report_force_never_replaces_a_data_file_of_the_scenario(
    scenario: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data = scenario.parent / name
    before = data.read_bytes()
    argv = ["report", str(scenario), "-o", str(data), "--force", "--format", "md", "--no-charts", "--paths", "5"]
    assert main(argv) == 2
    err = one_line_error(capsys)
    assert "--out" in err and "input file" in err
    assert data.read_bytes() == before


def test_report_refuses_an_existing_out_before_building(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import splitcalc.report

    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("the report was built before the target was checked")

    monkeypatch.setattr(splitcalc.report, "Report", no_build)
    out = tmp_path / "neo.md"
    out.write_text("mine", encoding="utf-8")
    assert main(["report", "--example", "neotherapeutics-2002", "-o", str(out)]) == 2
    err = one_line_error(capsys)
    assert "--out" in err and "exists" in err and "--force" in err
    assert out.read_text(encoding="utf-8") == "mine"


def test_report_save_refuses_the_scenarios_input_files(scenario: Path) -> None:
    report = Report(load_scenario(scenario), charts=False, paths=5)
    for name in ("prices.csv", "holders.csv", "scen.toml"):
        target = scenario.parent / name
        before = target.read_bytes()
        with pytest.raises(InputError, match="input file"):
            report.save(target, force=True, fmt="md")
        assert target.read_bytes() == before
    with pytest.raises(InputError, match="folder"):
        report.save(scenario.parent, force=True, fmt="md")
    assert report.save(scenario.parent / "out.md").read_text(encoding="utf-8").startswith("# ")


def test_scenario_lists_its_input_files(scenario: Path) -> None:
    s = load_scenario(scenario)
    folder = scenario.parent.resolve()
    assert {p.resolve() for p in s.input_paths} == {folder / "scen.toml", folder / "prices.csv", folder / "holders.csv"}


# ------------------------------------------------------------ finding 2
def test_check_target(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("x", encoding="utf-8")
    assert atomic.check_target(tmp_path / "new.csv", overwrite=False) == (tmp_path / "new.csv").resolve()
    with pytest.raises(InputError, match=r"^--plot: is an input file"):
        atomic.check_target(tmp_path / "." / "in.csv", overwrite=True, inputs=(None, src), param_name="--plot")
    with pytest.raises(InputError, match=r"^-o: exists; choose another path or pass --force"):
        atomic.check_target(src, overwrite=False, param_name="-o")
    with pytest.raises(InputError, match=r"^output: is a folder"):
        atomic.check_target(tmp_path, overwrite=True)
    with pytest.raises(InputError, match="folder does not exist"):
        atomic.check_target(tmp_path / "no" / "x.csv", overwrite=True)


def test_atomic_write_names_the_callers_parameter(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(InputError, match=r"^--plot: exists") as info:
        atomic.atomic_write(target, "new", overwrite=False, param_name="--plot")
    assert info.value.param_name == "--plot"
    with pytest.raises(InputError, match=r"^output: exists"):
        atomic.atomic_write(target, "new", overwrite=False)  # the default name is unchanged


def _holders(tmp_path: Path) -> Path:
    path = tmp_path / "h.csv"
    path.write_text(HOLDERS, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("command", "flag"),
    [
        (["holdings", "{holders}", "--ratio", "1-for-10", "-o"], "--out"),
        (
            ["report", "--example", "neotherapeutics-2002", "--no-charts", "--paths", "5", "--format", "md", "-o"],
            "--out",
        ),
        (["sweep", *NEOT, "--plot"], "--plot"),
        (["simulate", "--price", "1.5", "--volatility", "0.5", "--paths", "10", "--seed", "1", "--plot"], "--plot"),
    ],
)
def test_a_folder_as_target_is_a_one_line_error(
    command: list[str], flag: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / ("dir.png" if flag == "--plot" else "dir")
    folder.mkdir()
    argv = [a.format(holders=_holders(tmp_path)) for a in command]
    assert main([*argv, str(folder), "--force"]) == 2
    err = one_line_error(capsys)
    assert f"error: {flag}: is a folder" in err
    assert folder.is_dir()


@pytest.mark.parametrize(
    ("command", "flag"),
    [
        (["holdings", "{holders}", "--ratio", "1-for-10", "--out"], "--out"),
        (
            ["report", "--example", "neotherapeutics-2002", "--no-charts", "--paths", "5", "--format", "md", "-o"],
            "--out",
        ),
        (["sweep", *NEOT, "--plot"], "--plot"),
    ],
)
def test_an_existing_file_error_names_the_flag(
    command: list[str], flag: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "exists.png"
    target.write_text("mine", encoding="utf-8")
    argv = [a.format(holders=_holders(tmp_path)) for a in command]
    assert main([*argv, str(target)]) == 2
    err = one_line_error(capsys)
    assert f"error: {flag}: exists; choose another path or pass --force" in err
    assert target.read_text(encoding="utf-8") == "mine"


def test_an_unwritable_target_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import splitcalc.cli._common as common

    def fail(*args: object, **kwargs: object) -> Path:
        raise FileNotFoundError(2, "No such file or directory")  # what mkstemp in /proc raises

    monkeypatch.setattr(common, "atomic_write", fail)
    assert main(["holdings", str(_holders(tmp_path)), "--ratio", "1-for-10", "-o", str(tmp_path / "x.csv")]) == 2
    err = one_line_error(capsys)
    assert "--out: cannot write there (No such file or directory)" in err


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_proc_target(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["holdings", str(_holders(tmp_path)), "--ratio", "1-for-10", "-o", "/proc/x.csv"]) == 2
    assert "--out: cannot write there" in one_line_error(capsys)
