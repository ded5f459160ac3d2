"""The on-disk cache of exchange sessions that keeps reports fast (splitcalc.calendars)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from splitcalc import calendars


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("SPLITCALC_CACHE_DIR", str(tmp_path))
    calendars._session_days.cache_clear()
    yield tmp_path
    calendars._session_days.cache_clear()


def test_written_then_read_back(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = calendars.session_days()
    files = list((fresh / "calendars").glob("XNYS-*.npy"))
    assert len(files) == 1
    calendars._session_days.cache_clear()

    def no_build(name: str = "XNYS") -> object:
        raise AssertionError("the calendar was rebuilt instead of read from the cache")

    monkeypatch.setattr(calendars, "business_calendar", no_build)
    again = calendars.session_days()
    assert np.array_equal(again, built)
    assert again.dtype == np.dtype("datetime64[D]")
    # facts the cache must keep: Sep 11-14, 2001 closed; Sep 17, 2001 open
    assert not calendars.is_session(dt.date(2001, 9, 12))
    assert calendars.is_session(dt.date(2001, 9, 17))


@pytest.mark.parametrize("content", [b"", b"not numpy", None])
def test_bad_cache_file_is_rebuilt(fresh: Path, content: bytes | None) -> None:
    path = calendars._sessions_cache_path("XNYS")
    assert path is not None
    path.parent.mkdir(parents=True)
    if content is None:  # a valid .npy of the wrong kind: unsorted ints
        np.save(path, np.array([3, 1, 2]))
    else:
        path.write_bytes(content)
    days = calendars.session_days()
    assert len(days) > 9000  # 1990 to two years ahead
    assert calendars._read_sessions(path) is not None  # rewritten


def test_unwritable_cache_folder_still_works(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("SPLITCALC_CACHE_DIR", str(blocker))  # a file, not a folder
    calendars._session_days.cache_clear()
    try:
        assert calendars.is_session(dt.date(2002, 9, 6))
    finally:
        calendars._session_days.cache_clear()
