"""Data that would silently change answers: edited caches, dates out of order, foreign time zones, odd splits."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from splitcalc import CacheError, SplitRatio
from splitcalc.calendars import sessions_between
from splitcalc.cli import main
from splitcalc.market._frame import build_frame
from splitcalc.market.cache import PriceCache
from tests.hostile._util import one_line_error


# ------------------------------------------------------------ price cache
def _cached(root: Path, ticker: str = "ABC") -> Path:
    days = sessions_between(dt.date(2024, 1, 2), dt.date(2024, 3, 28))
    frame = build_frame(days, {"close": [0.5] * len(days)}, source="yahoo")
    return PriceCache(root).write(
        "yahoo",
        ticker,
        frame,
        start=dt.date(2024, 1, 2),
        fetched_at=dt.datetime(2024, 3, 29, 22, 0, tzinfo=dt.UTC),
        complete_through=dt.date(2024, 3, 28),
    )


def _edit_header(path: Path, edit: object) -> None:
    lines = path.read_bytes().split(b"\n", 2)
    header = json.loads(lines[1])
    edit(header)  # type: ignore[operator]
    path.write_bytes(lines[0] + b"\n" + json.dumps(header, separators=(",", ":")).encode() + b"\n" + lines[2])


def _offline_compliance() -> list[str]:
    return ["compliance", "--ticker", "ABC", "--offline", "--exchange", "nasdaq-capital", "--start", "2024-01-02"]


def test_a_hand_edited_cache_header_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(os.environ["SPLITCALC_CACHE_DIR"])
    path = _cached(root)
    _edit_header(path, lambda h: h["attrs"]["splits"].append(["2024-02-01", "1-for-10"]))
    with pytest.raises(CacheError, match="edited"):
        PriceCache(root).read("yahoo", "ABC")
    assert main(_offline_compliance()) == 1
    err = one_line_error(capsys)
    assert "checksum" in err and "without --offline" in err


@pytest.mark.parametrize(
    "header",
    [b"[]", b'"text"', b'{"bytes": 1}', b"[" * 5000 + b"]" * 5000],
    ids=["list", "string", "fields missing", "deep"],
)
def test_a_malformed_cache_header_is_one_line(header: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(os.environ["SPLITCALC_CACHE_DIR"])
    path = _cached(root)
    body = path.read_bytes().split(b"\n", 2)[2]
    rest = header + b"\n" + body
    path.write_bytes(b"splitcalc-price-cache 2 sha256=" + hashlib.sha256(rest).hexdigest().encode() + b"\n" + rest)
    with pytest.raises(CacheError):
        PriceCache(root).read("yahoo", "ABC")
    assert main(_offline_compliance()) == 1
    assert "cache" in one_line_error(capsys)


def test_a_consistent_header_of_the_wrong_shape_is_a_cache_error() -> None:
    root = Path(os.environ["SPLITCALC_CACHE_DIR"])
    path = _cached(root)
    lines = path.read_bytes().split(b"\n", 2)
    header = json.loads(lines[1])
    header["attrs"] = []  # was an AttributeError ('list' object has no attribute 'get')
    rest = json.dumps(header).encode() + b"\n" + lines[2]
    path.write_bytes(b"splitcalc-price-cache 2 sha256=" + hashlib.sha256(rest).hexdigest().encode() + b"\n" + rest)
    with pytest.raises(CacheError, match="corrupt"):
        PriceCache(root).read("yahoo", "ABC")


def test_an_old_cache_file_is_refetched_not_trusted() -> None:
    root = Path(os.environ["SPLITCALC_CACHE_DIR"])
    path = _cached(root)
    lines = path.read_bytes().split(b"\n", 2)
    path.write_bytes(b"splitcalc-price-cache 1\n" + lines[1] + b"\n" + lines[2])
    with pytest.raises(CacheError, match="older splitcalc"):
        PriceCache(root).read("yahoo", "ABC")


def test_the_cache_round_trips() -> None:
    root = Path(os.environ["SPLITCALC_CACHE_DIR"])
    _cached(root)
    entry = PriceCache(root).read("yahoo", "ABC")
    assert entry is not None and entry.frame["close"].eq(0.5).all()
    assert entry.frame.attrs["splits"] == []


# ------------------------------------------------------- dates in order
DATED = """\
format = 1
[scenario]
as_of = 2025-10-01
[company]
name = "Acme"
exchange = "nasdaq-capital-market"
[structure]
outstanding = 1000
price = "0.5"
[split]
ratio = "1-for-4"
{split}
[compliance]
{compliance}
"""


@pytest.mark.parametrize(
    ("split", "compliance", "key"),
    [
        ("", "notice_date = 2025-11-03", "compliance.notice_date: is after the as-of date 2025-10-01"),
        ("announced = 2025-12-01\neffective = 2025-11-03", "", "split.announced: is after the effective date"),
        ("", "notice_date = 2025-06-02\ndeadline = 2025-05-01", "compliance.deadline: is before the deficiency"),
        ("approved = 2025-12-01\neffective = 2025-11-03", "", "split.effective: is before the approval date"),
    ],
)
def test_scenario_dates_out_of_order_are_refused_by_the_report(
    split: str, compliance: str, key: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.toml"
    path.write_text(DATED.format(split=split, compliance=compliance), encoding="utf-8")
    assert main(["report", str(path), "--format", "md", "-o", "-", "--no-charts", "--paths", "5"]) == 2
    assert key in one_line_error(capsys)


def test_the_library_refuses_the_same_notice() -> None:
    from splitcalc import InputError, check_compliance
    from splitcalc.market import read_price_csv
    from tests.conftest import REPO_ROOT

    prices = read_price_csv(REPO_ROOT / "data" / "examples" / "hypothetical-capital-market-2025-prices.csv")
    with pytest.raises(InputError, match=r"^notice_date: is after the as-of date 2025-03-03: the status cannot use"):
        check_compliance(prices, "nasdaq-capital", as_of="2025-03-03", notice_date="2025-04-01")


def test_dates_in_order_are_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.toml"
    text = DATED.format(
        split="announced = 2025-10-15\napproved = 2025-10-20\neffective = 2025-11-03",
        compliance="notice_date = 2025-06-02\ndeadline = 2025-12-01",
    )
    path.write_text(text, encoding="utf-8")
    assert main(["report", str(path), "--format", "md", "-o", "-", "--no-charts", "--paths", "5", "--quiet"]) == 0
    assert "2025-10-15" in capsys.readouterr().out


# ------------------------------------------------------ foreign time zones
def _ny_closes() -> pd.Series:
    days = sessions_between(dt.date(2024, 1, 2), dt.date(2024, 3, 28))
    index = pd.DatetimeIndex(days).tz_localize("America/New_York")  # yfinance's stamps: midnight in New York
    return pd.Series([0.5 + i / 1000 for i in range(len(days))], index=index, name="close")


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Tokyo", "UTC", "Pacific/Honolulu"])
def test_a_foreign_time_zone_is_read_as_new_york_dates(zone: str) -> None:
    from splitcalc.compliance._closes import prepare_closes

    ny = _ny_closes()
    expected = np.asarray(ny.index.tz_localize(None).values.astype("datetime64[D]"))
    moved = ny.tz_convert(zone)
    got = prepare_closes(moved, calendar="XNYS")
    assert got.caveats == ()  # no row landed on a weekend, none went missing
    np.testing.assert_array_equal(got.dates, expected)
    np.testing.assert_array_equal(got.values, ny.to_numpy())


def test_compliance_answers_do_not_depend_on_the_time_zone() -> None:
    from splitcalc import check_compliance

    ny = _ny_closes()
    base = check_compliance(ny.tz_localize(None), "nasdaq-capital")
    for zone in ("America/Los_Angeles", "Asia/Tokyo"):
        other = check_compliance(ny.tz_convert(zone), "nasdaq-capital")
        assert other.status == base.status
        assert other.as_of == base.as_of


def test_midnight_labels_in_utc_keep_their_dates() -> None:
    from splitcalc.compliance._closes import prepare_closes

    ny = _ny_closes()
    labels = ny.tz_localize(None).tz_localize("UTC")  # a file stamping each date at 00:00 UTC
    got = prepare_closes(labels, calendar="XNYS")
    assert got.caveats == ()
    np.testing.assert_array_equal(got.dates, np.asarray(ny.index.tz_localize(None).values.astype("datetime64[D]")))


def test_history_reads_foreign_zones_the_same_way() -> None:
    from splitcalc.history import split_events

    ny = _ny_closes().to_frame()
    ny["Stock Splits"] = 0.0
    ny.iloc[20, 1] = 0.1  # a 1-for-10 on the 21st session
    expected = [(dt.date(2024, 1, 31), SplitRatio(1, 10))]
    assert split_events(ny.tz_localize(None)) == expected
    assert split_events(ny.tz_convert("America/Los_Angeles")) == expected
