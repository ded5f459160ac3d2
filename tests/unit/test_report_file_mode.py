"""Reports are written with ordinary file permissions (atomic_write after mkstemp's private 0o600)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from splitcalc.atomic import atomic_write

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def test_new_file_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = atomic_write(tmp_path / "r.html", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # 0o666 & ~0o022


def test_overwrite_keeps_the_existing_mode(tmp_path: Path) -> None:
    path = tmp_path / "r.html"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    atomic_write(path, "new", overwrite=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_text(encoding="utf-8") == "new"
