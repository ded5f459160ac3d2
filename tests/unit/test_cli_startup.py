"""The command line starts without the heavy libraries: parsing never imports pandas or numpy."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pandas", "numpy", "matplotlib", "yfinance", "jinja2", "exchange_calendars")
HEAVY_SPLITCALC = (
    "splitcalc.holdings",
    "splitcalc.holderfile",
    "splitcalc.scenarios",
    "splitcalc.report",
    "splitcalc.market",
    "splitcalc.compliance",
    "splitcalc.analysis.scenario_file",
    "splitcalc.rules.nasdaq",
    "splitcalc.rules.nyse",
    "splitcalc.rules.nyse_american",
)


def _loaded_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(proc.stdout.split())


def test_build_parser_imports_no_heavy_module() -> None:
    loaded = _loaded_after("import splitcalc.cli; splitcalc.cli.build_parser()")
    assert "splitcalc.cli.holdings" in loaded and "splitcalc.cli.simulate" in loaded  # every command registered
    assert sorted(loaded & set(HEAVY)) == []
    assert sorted(loaded & set(HEAVY_SPLITCALC)) == []


def test_help_of_every_command_imports_no_heavy_module() -> None:
    code = (
        "import contextlib, io, splitcalc.cli\n"
        "for name in splitcalc.cli.COMMANDS:\n"
        "    try:\n"
        "        with contextlib.redirect_stdout(io.StringIO()):\n"
        "            splitcalc.cli.main([name, '--help'])\n"
        "    except SystemExit as exc:\n"
        "        assert exc.code == 0, name\n"
        "    else:\n"
        "        raise AssertionError(name)"
    )
    loaded = _loaded_after(code)
    assert sorted(loaded & {"pandas", "numpy"}) == []
