"""One place for deadline, cure and determination arithmetic: the rule kernel (issue 11).

Greps the whole package outside ``compliance/kernel`` (and the calendar
primitives the kernel is built on, :mod:`splitcalc.calendars`) for date
arithmetic -- ``timedelta(``, ``Timedelta(``, ``DateOffset``, ``busday``,
``timedelta64``, ``relativedelta``, ``session_offset(``, ``add_months(`` --
and fails on any use that is not listed below with the reason it is not a
deadline, cure or determination. It also tokenizes the package for day-count
literals (90, 180, 360, 365, 730) outside the rule rows. A new deadline
belongs in :mod:`splitcalc.compliance.kernel`; a new period length in
:mod:`splitcalc.rules`.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "splitcalc"
KERNEL = PACKAGE / "compliance" / "kernel"
#: the kernel's own building blocks: exchange sessions from exchange_calendars
EXEMPT = (KERNEL, PACKAGE / "calendars.py")
PATTERN = re.compile(
    r"\b(?:timedelta|Timedelta|session_offset|add_months)\(|\bDateOffset\b|\bbusday|\btimedelta64\b|\brelativedelta\b"
)

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
    (
        "compliance/scan.py",
        'remaining = np.where(no_deadline, 0, (out.deadline - eval_day).astype("timedelta64[D]").astype(np.int64))',
    ): "days left until the kernel's deadline, for display",
    (
        "scenarios/simulate.py",
        'ends = {"6m": add_months(start, 6), "12m": add_months(start, 12)}',
    ): "the simulator's reporting horizons (odds at 6 and 12 months), not a rule period",
    (
        "cli/_prices.py",
        "return end - dt.timedelta(days=default_lookback_days())",
    ): "the default download window (the rules' longest reverse-split look-back), not a deadline",
    (
        "analysis/inputs.py",
        "cutoff = pd.Timestamp(as_of) + pd.Timedelta(days=1)",
    ): "drops prices dated after the analysis date (a data filter)",
    (
        "market/yahoo.py",
        "stop = None if end is None else (end + dt.timedelta(days=1)).isoformat()  # yfinance's end is exclusive",
    ): "yfinance's exclusive end date (a download window)",
}

#: Day counts that are rule periods when they appear as literals (calendar days, look-backs).
DAY_COUNTS = frozenset({90, 180, 360, 365, 730})
#: (path under splitcalc/, stripped line) -> why the literal is not a rule value
LITERALS_ALLOWED: dict[tuple[str, str], str] = {
    ("filings/result.py", "def _short(text: str, limit: int = 90) -> str:"): "characters in a display excerpt",
    ("ratio.py", '"seventy": 70, "eighty": 80, "ninety": 90,'): "number words a filing spells out",
}


def _scanned() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if not any(p == e or e in p.parents for e in EXEMPT)]


def _hits() -> set[tuple[str, str]]:
    found = set()
    for path in _scanned():
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.strip()
            if PATTERN.search(text) and not text.startswith(("#", ">>>", "...")):
                found.add((path.relative_to(PACKAGE).as_posix(), text))
    return found


def _day_literals() -> set[tuple[str, str]]:
    found = set()
    for path in _scanned():
        if path.parent.name == "rules" and path.parent.parent == PACKAGE:
            continue  # the rule rows are where the values belong
        source = path.read_text(encoding="utf-8")
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            digits = tok.string.replace("_", "")
            if tok.type == tokenize.NUMBER and digits.isdigit() and int(digits) in DAY_COUNTS:
                found.add((path.relative_to(PACKAGE).as_posix(), tok.line.strip()))
    return found


def test_no_date_arithmetic_outside_the_kernel() -> None:
    new = sorted(_hits() - ALLOWED.keys())
    assert not new, "date arithmetic outside compliance/kernel (move it into the kernel): " + "; ".join(
        f"{p}: {t}" for p, t in new
    )


def test_the_allowlist_has_no_stale_entries() -> None:
    assert not sorted(ALLOWED.keys() - _hits())


def test_the_grep_sees_a_deadline_computed_in_place() -> None:
    for line in (
        "due = session_offset(notice, 10, rs.calendar)",
        "end = notice + dt.timedelta(days=180)",
        "end = pd.Timestamp(notice) + pd.DateOffset(months=6)",
        "end = np.busday_offset(notice, 10, roll='forward')",
        "end = notice + np.timedelta64(180, 'D')",
        "end = add_months(notice, 6)",
        "end = notice + relativedelta(months=6)",
    ):
        assert PATTERN.search(line), line
    assert not PATTERN.search("due = intent_to_cure_due(notice, 10, rs.calendar)")


def test_no_day_count_literals_outside_the_rules() -> None:
    new = sorted(_day_literals() - LITERALS_ALLOWED.keys())
    assert not new, "day-count literal outside splitcalc/rules (read the RuleSet row): " + "; ".join(
        f"{p}: {t}" for p, t in new
    )


def test_the_literal_allowlist_has_no_stale_entries() -> None:
    assert not sorted(LITERALS_ALLOWED.keys() - _day_literals())


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
