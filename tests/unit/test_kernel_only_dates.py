"""One place for deadline, cure and determination arithmetic: the rule kernel (issue 11).

Greps the consumers of the kernel (``compliance`` outside ``compliance/kernel``,
``analysis``, ``report``, ``scenarios``) for date arithmetic (``timedelta(``,
``session_offset(``) and fails on any use that is not listed below with the
reason it is not a deadline, cure or determination. A new deadline belongs in
:mod:`splitcalc.compliance.kernel`.
"""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "splitcalc"
SCANNED = ("compliance", "analysis", "report", "scenarios")
KERNEL = PACKAGE / "compliance" / "kernel"
PATTERN = re.compile(r"\btimedelta\(|\bsession_offset\(")

#: (path under splitcalc/, the stripped source line) -> why it is not deadline arithmetic
ALLOWED: dict[tuple[str, str], str] = {
    (
        "compliance/_nyse.py",
        "broken = breaking_splits(case, rs, day - dt.timedelta(days=1), day)",
    ): "splits dated on the deficiency day itself: the half-open interval (day - 1, day]",
    (
        "compliance/_case.py",
        "c.index_on_or_before(pending - dt.timedelta(days=1)), pending - dt.timedelta(days=1), pending, True",
    ): "the close before a user-given notice date (the deficiency is open the day before it): a lookup",
}


def _hits() -> set[tuple[str, str]]:
    found = set()
    for folder in SCANNED:
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            if KERNEL in path.parents:
                continue
            for line in path.read_text(encoding="utf-8").splitlines():
                text = line.strip()
                if PATTERN.search(text) and not text.startswith("#"):
                    found.add((path.relative_to(PACKAGE).as_posix(), text))
    return found


def test_no_date_arithmetic_outside_the_kernel() -> None:
    new = sorted(_hits() - ALLOWED.keys())
    assert not new, "date arithmetic outside compliance/kernel (move it into the kernel): " + "; ".join(
        f"{p}: {t}" for p, t in new
    )


def test_the_allowlist_has_no_stale_entries() -> None:
    assert not sorted(ALLOWED.keys() - _hits())


def test_the_grep_sees_a_deadline_computed_in_place() -> None:
    line = "due = session_offset(notice, 10, rs.calendar)"
    assert PATTERN.search(line) and PATTERN.search("end = notice + dt.timedelta(days=180)")
    assert not PATTERN.search("due = intent_to_cure_due(notice, 10, rs.calendar)")
