"""The wheel ships every package, the report templates and the example scenarios."""

from __future__ import annotations

import tomllib

from splitcalc.analysis.scenario_file import example_names
from tests.conftest import REPO_ROOT


def _setuptools() -> dict[str, object]:
    with open(REPO_ROOT / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["tool"]["setuptools"]  # type: ignore[no-any-return]


def test_every_package_folder_is_listed() -> None:
    listed = set(_setuptools()["packages"])  # type: ignore[call-overload]
    on_disk = {".".join(p.parent.relative_to(REPO_ROOT).parts) for p in (REPO_ROOT / "splitcalc").rglob("__init__.py")}
    missing = on_disk - listed
    assert not missing, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(missing)}"


def test_examples_and_templates_are_package_data() -> None:
    cfg = _setuptools()
    assert cfg["package-dir"] == {"splitcalc.examples": "data/examples"}
    data = cfg["package-data"]
    assert "splitcalc.templates" in cfg["packages"]  # type: ignore[operator]
    assert "*.j2" in data["splitcalc.templates"]  # type: ignore[index]
    assert "*.toml" in data["splitcalc.examples"]  # type: ignore[index]
    assert "*.csv" in data["splitcalc.examples"]  # type: ignore[index]
    assert {p.name for p in (REPO_ROOT / "splitcalc" / "templates").glob("*.j2")} == {"report.html.j2", "report.md.j2"}
    on_disk = {p.stem for p in (REPO_ROOT / "data" / "examples").glob("*.toml")}
    assert set(example_names()) == on_disk
