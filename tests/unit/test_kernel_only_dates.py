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


# ------------------------------------------------------------ the case machine is the kernel's
#: The kernel's low-level run and average primitives, from which a deficiency, a cure or a $0.10 trigger is
#: decided. Outside the kernel only its case machine (``kernel.cases``) decides those; other modules ask it, or
#: the kernel's date functions (``deadlines``, ``second_period_end``...), which are the kernel's own answers.
PRIMITIVES = re.compile(
    r"\b(first_run_end|first_reaching|run_lengths|last_run_start|rolling_average)\b|\b(Completions|Runs)\.of\b"
)
#: (path under splitcalc/, name) -> why the use is not a rule decision
PRIMITIVE_USES: dict[tuple[str, str], str] = {
    ("runs.py", "first_run_end"): "the public re-export of the kernel's streaks (splitcalc.runs)",
    ("runs.py", "last_run_start"): "the public re-export of the kernel's streaks (splitcalc.runs)",
    ("runs.py", "run_lengths"): "the public re-export of the kernel's streaks (splitcalc.runs)",
    ("plot/prices.py", "run_lengths"): "shades runs of closes below the minimum on a chart; decides nothing",
}


def _primitive_uses() -> set[tuple[str, str]]:
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        if KERNEL in path.parents:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            code = re.sub(r"`[^`]*`", "", line.split("#", 1)[0])  # names quoted in docs are not calls
            for match in PRIMITIVES.finditer(code):
                found.add((path.relative_to(PACKAGE).as_posix(), match.group(1) or match.group(2)))
    return found


def test_only_the_kernel_decides_cases() -> None:
    new = sorted(_primitive_uses() - PRIMITIVE_USES.keys())
    assert not new, "rule primitives used outside compliance/kernel (call kernel.cases instead): " + "; ".join(
        f"{p}: {n}" for p, n in new
    )


def test_the_primitive_allowlist_has_no_stale_entries() -> None:
    assert not sorted(PRIMITIVE_USES.keys() - _primitive_uses())


def test_the_primitive_grep_sees_a_cure_computed_in_place() -> None:
    assert PRIMITIVES.search("regain = first_run_end(above[lo:hi], 10)")
    assert PRIMITIVES.search("averages = rolling_average(px, 30, rs.min_bid.value)")
    assert PRIMITIVES.search("keys = Completions.of(mask, 10)")
    assert not PRIMITIVES.search("table = chain(test, book.groups)")
