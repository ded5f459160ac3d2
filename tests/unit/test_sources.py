"""Every citation that reaches a user names a primary source; nothing points to a file the user does not have."""

from __future__ import annotations

import datetime as dt
import warnings

import pandas as pd

from splitcalc import rules
from splitcalc.calendars import sessions_between
from splitcalc.compliance import check_compliance, check_planned_split, deadlines, scan
from splitcalc.compliance.kernel import after_deadline
from splitcalc.rules._sources import public_source, sources_text
from splitcalc.serialize import dumps

INTERNAL = ("rules.md", "market-data.md", "style.md", "../shared")


def _clean(text: str) -> bool:
    return not any(name in text for name in INTERNAL)


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
