"""``splitcalc compliance`` in-process: tables, JSON, splits, planned split, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from splitcalc.calendars import sessions_between
from splitcalc.cli import main


def write_prices(path: Path, start: str, end: str, changes: list[tuple[str, float]], first: float = 1.5) -> Path:
    rows = ["date,close"]
    for day in sessions_between(start, end):
        price = first
        for when, value in changes:
            if day.isoformat() >= when:
                price = value
        rows.append(f"{day.isoformat()},{price}")
    path.write_text("\n".join(rows) + "\n")
    return path


@pytest.fixture
def good_friday(tmp_path: Path) -> Path:
    # below from Mar 1, 2024 -> 30th business day Apr 12, 2024 (see tests/unit/test_compliance.py)
    return write_prices(tmp_path / "px.csv", "2024-02-01", "2024-04-30", [("2024-03-01", 0.6)])


def test_table_output(good_friday: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compliance", str(good_friday), "--exchange", "nasdaq-capital"]) == 0
    out = capsys.readouterr().out
    assert "deficient" in out and "2024-04-12" in out and "2024-10-12" in out  # first period deadline
    assert "5810(c)(3)(A)" in out


def test_json_output(good_friday: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compliance", str(good_friday), "--exchange", "XNCM", "--json", "--as-of", "2024-04-30"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rules"] == "nasdaq-capital" and data["status"] == "deficient"
    kinds = [e["kind"] for e in data["events"]]
    assert kinds[:3] == ["below_bid_streak_started", "deficiency", "notice"]


def test_splits_flag_makes_no_compliance_period(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 30th business day Nov 11, 2022; 1-for-25 then 1-for-10 within two years -> 250:1
    path = write_prices(tmp_path / "px.csv", "2022-07-01", "2022-12-30", [("2022-10-03", 0.8)])
    args = ["compliance", str(path), "--exchange", "nasdaq-capital", "--json"]
    assert main([*args, "--splits", "2021-03-01:1-for-25,2022-06-01:1:10"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "delisting_determination"


def test_notice_date_and_plan(good_friday: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "compliance",
            str(good_friday),
            "--exchange",
            "nasdaq-capital",
            "--notice-date",
            "2024-04-16",
            "--plan",
            "2024-07-08:1-for-10",
            "--json",
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["timeline"]["deadline"] == "2024-10-14"  # Apr 16 + 180 days = Sun Oct 13 -> Mon Oct 14
    assert data["planned_split"]["notify_by"] == "2024-06-28"  # 5 business days before Jul 8, 2024


def test_uncertain_rule_prints_a_warning_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_prices(tmp_path / "px.csv", "2008-01-02", "2008-06-30", [("2008-02-01", 0.5)])
    assert main(["compliance", str(path), "--exchange", "nasdaq-capital"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: warning: ") and "UNCERTAIN" in err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--exchange", "nasdaq-moon"], "unknown rule set"),
        (["--exchange", "nasdaq-capital", "--splits", "2024-13-01:1-for-2"], "--splits"),
        (["--exchange", "nasdaq-capital", "--splits", "2024-03-01"], "DATE:RATIO"),
        (["--exchange", "nasdaq-capital", "--splits", "2024-03-01:1-for-0"], "ratio"),
    ],
)
def test_user_errors_exit_2(
    good_friday: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    assert main(["compliance", str(good_friday), *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: error: ") and message in err and err.count("\n") == 1


def test_tier_name_not_in_force_on_the_closes(good_friday: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the SmallCap was renamed Capital Market on Sep 8, 2005: closes from 2024 only are not judged under the
    # old name (a history crossing 2005 would be, with a caveat: tests/unit/test_compliance.py)
    assert main(["compliance", str(good_friday), "--exchange", "nasdaq-smallcap", "--json"]) == 2  # a usage mistake
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: error: no 'nasdaq-smallcap' rule") and "use 'nasdaq-capital'" in err


def test_plan_is_judged_at_the_deficiency_the_timeline_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # $0.50 from Jan 2, 2025: deficiency Feb 13/14, 2025, within a year of the Mar 1, 2024 split
    px = write_prices(tmp_path / "px.csv", "2024-12-02", "2025-03-31", [("2025-01-02", 0.5)])
    argv = ["compliance", str(px), "--exchange", "nasdaq-capital", "--splits", "2024-03-01:1-for-10"]
    assert main([*argv, "--plan", "2025-04-01:1-for-5", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)["planned_split"]
    assert plan["permitted"] is False
    assert "prior year" in plan["reasons"][0]
