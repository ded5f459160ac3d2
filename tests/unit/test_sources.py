"""Every citation that reaches a user names a primary source; nothing points to a file the user does not have."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

import splitcalc
from splitcalc import rules
from splitcalc.calendars import sessions_between
from splitcalc.compliance import check_compliance, check_planned_split, deadlines, scan
from splitcalc.compliance.kernel import after_deadline
from splitcalc.rules._sources import public_source, sources_text
from splitcalc.serialize import dumps

INTERNAL = ("rules.md", "market-data.md", "style.md", "../shared")
#: What no file of the installed package may contain (compared case-insensitively).
PACKAGE_FORBIDDEN = (*INTERNAL, "shared/reference", "fact sheet")


def _clean(text: str) -> bool:
    return not any(name in text for name in INTERNAL)


def _every_rule_set() -> Iterator[rules.RuleSet]:
    """Each tier's rule set on every day one of its rows changes (and before the first change)."""
    for name in rules.names():
        tier = rules.tier(name)
        days = {r.effective for rows in tier.tables.values() for r in rows if r.effective is not None}
        days |= {tier.introduced or dt.date(2000, 1, 3)}
        for day in sorted(days):
            if (tier.introduced is None or day >= tier.introduced) and (tier.retired is None or day < tier.retired):
                yield rules.get(name, as_of=day)


def test_no_file_of_the_package_names_an_internal_file() -> None:
    """Code, docstrings, comments, templates and shipped docs: nothing points outside the installed package."""
    package = Path(splitcalc.__file__).resolve().parent
    files = [p for p in sorted(package.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
    assert any(p.suffix == ".py" for p in files) and any(p.suffix == ".md" for p in files)
    hits = [
        f"{p.relative_to(package)}:{n}: {line.strip()}"
        for p in files
        for n, line in enumerate(p.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        if any(s in line.lower() for s in PACKAGE_FORBIDDEN)
    ]
    assert not hits, "\n".join(hits)


def test_repr_of_every_rule_set_names_no_internal_file() -> None:
    """What a notebook shows for a RuleSet, its Tier or a Rule carries the sources as recorded: all primary."""
    seen = 0
    for rs in _every_rule_set():
        text = repr(rs).lower()
        assert not any(s in text for s in PACKAGE_FORBIDDEN), (rs.name, rs.as_of)
        seen += 1
    assert seen > len(rules.names())  # more than one date per tier on average: the history is covered
    for name in rules.names():
        text = repr(rules.tier(name)).lower()  # every row of every table, by repr
        assert not any(s in text for s in PACKAGE_FORBIDDEN), name


def test_public_source_expands_keys_and_keeps_the_rest() -> None:
    assert public_source("[SEC-2010]; [PCAB]").startswith("SEC order, SR-NASDAQ-2010-107, 75 FR 65044 (Oct 21, 2010); ")
    assert "[" not in public_source("[SEC-2020]; [SEC-OCT24]; [SEC-JAN25]; [NLR26]")
    text = "SR-NYSE-2020-36, Rel. 34-88717, 85 FR 23389 (Apr 27, 2020; filed Apr 20, 2020)"
    assert public_source(text) == text


def test_rule_tables_show_primary_sources_only() -> None:
    for name in rules.names():
        tier = rules.tier(name)
        day = tier.introduced or dt.date(2003, 1, 2)
        rs = rules.get(name, as_of=max(day, dt.date(2003, 1, 2)) if tier.retired is None else day)
        assert _clean(rs.to_frame().to_string()), name
        assert _clean(dumps(rs.to_dict())), name
        for _, rows in tier.tables.items():
            for row in rows:
                assert _clean(row.cite) and _clean(row.note) and _clean(public_source(row.source)), row


def test_results_cite_no_internal_file() -> None:
    days = pd.DatetimeIndex(sessions_between("2019-06-03", "2021-06-30"))
    px = pd.Series(1.5, index=days)
    px[days >= pd.Timestamp("2019-11-18")] = 0.5
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for name in ("nasdaq-capital", "nyse", "nyse-american"):
            tl = check_compliance(px, name, splits=[("2020-03-02", "1-for-10")])
            assert _clean(tl.to_frame().to_string()) and _clean(dumps(tl.to_dict())), name
            assert _clean(scan(pd.DataFrame({"X": px}), name).to_frame().to_string())
            chk = check_planned_split("1-for-10", "2020-03-02", name, notice_date="2019-12-02")
            assert _clean(chk.to_frame().to_string()) and _clean(dumps(chk.to_dict())), name
            d = deadlines(dt.date(2020, 1, 2), name)
            assert _clean(d.to_frame().to_string()) and _clean(dumps(d.to_dict()))
            assert _clean(dumps(after_deadline(dt.date(2025, 9, 8), rules.get(name, as_of="2025-09-08")).to_dict()))
    assert all(_clean(str(w.message)) for w in caught)


def test_shipped_source_list() -> None:
    text = sources_text()
    for needle in ("SR-NASDAQ-2020-021", "SR-NYSE-2020-36", "SR-NASDAQ-2024-045", "SR-NASDAQ-2025-065", "5815"):
        assert needle in text
    assert _clean(text)


def test_simulations_and_sweeps_cite_no_internal_file() -> None:
    from splitcalc.scenarios import initial_listing, ratio_sweep, simulate, simulate_many
    from splitcalc.structure import CapitalStructure

    for name in ("nasdaq-capital", "nyse"):  # NYSE American has no minimum bid to simulate
        sim = simulate(0.9, days=60, paths=200, seed=1, volatility=0.8, rules=name)
        assert _clean(sim.to_frame().to_string()) and _clean(dumps(sim.to_dict())) and _clean(" ".join(sim.notes))
        many = simulate_many([0.9, 2.0], days=60, paths=200, seed=1, volatility=0.8, rules=name)
        assert _clean(dumps(many.to_dict())), name
        cap = CapitalStructure(outstanding=10_000_000, price=0.5)
        sweep = ratio_sweep(cap, ratios=[2, 10], rules=name)
        assert _clean(sweep.to_frame().to_string()) and _clean(dumps(sweep.to_dict())), name
    up = ratio_sweep(CapitalStructure(outstanding=10_000_000, price=0.5), ratios=[10], rules=initial_listing())
    assert _clean(up.to_frame().to_string())


def test_help_of_compliance_and_scenarios_names_no_internal_file() -> None:
    """Docstrings are user-visible (help(), docs): none in compliance/ or scenarios/ points to the fact sheet."""
    import importlib
    import pkgutil

    import splitcalc.compliance
    import splitcalc.scenarios

    for package in (splitcalc.compliance, splitcalc.scenarios):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            texts = [module.__doc__ or ""]
            for value in vars(module).values():
                if getattr(value, "__module__", None) == info.name:
                    texts.append(getattr(value, "__doc__", None) or "")
                    texts.extend((getattr(m, "__doc__", None) or "") for m in vars(value).values() if callable(m))
            assert all(_clean(t) for t in texts), info.name


def test_sources_command_prints_the_shipped_list(capsys: pytest.CaptureFixture[str]) -> None:
    from splitcalc.cli import main

    assert main(["sources"]) == 0
    out = capsys.readouterr().out
    assert out == sources_text()
    # every SR file number the rule rows cite is in the list a user can read
    cited: set[str] = set()
    for name in rules.names():
        for table in rules.tier(name).tables.values():
            for row in table:
                text = f"{getattr(row, 'cite', '')} {public_source(getattr(row, 'source', ''))}"
                cited.update(re.findall(r"SR-[A-Z]+-\d{4}-\d{2,3}", text))
    assert cited, "no SR file number found in the rule rows"
    missing = sorted(c for c in cited if c not in out)
    assert not missing, missing
