from __future__ import annotations

import datetime as dt
import json
import os
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from splitcalc import InputError, SplitRatio
from splitcalc.atomic import atomic_write
from splitcalc.serialize import dumps, to_jsonable


def test_atomic_write_and_no_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    atomic_write(target, "one")
    assert target.read_text() == "one"
    with pytest.raises(InputError, match="exists"):
        atomic_write(target, "two", overwrite=False)
    assert target.read_text() == "one"
    atomic_write(target, b"three")
    assert target.read_bytes() == b"three"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]  # no temp files left
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # like open(), not mkstemp's 0600
    target.chmod(0o640)
    atomic_write(target, "four")
    assert target.stat().st_mode & 0o777 == 0o640  # an existing file keeps its mode


def test_atomic_write_failure_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write(tmp_path / "missing" / "x.txt", "data")
    if os.geteuid() != 0:  # root ignores permission bits
        ro = tmp_path / "ro"
        ro.mkdir(mode=0o500)
        with pytest.raises(PermissionError):
            atomic_write(ro / "x.txt", "data")


def test_to_jsonable() -> None:
    data = {
        "d": Decimal("4.25"),
        "f": Fraction(1, 25),
        "w": Fraction(4),
        "day": dt.date(2002, 9, 6),
        "r": SplitRatio(1, 25),
        "t": (1, 2),
        "nan": float("nan"),
    }
    out = to_jsonable(data)
    assert out["d"] == "4.25" and out["f"] == "1/25" and out["w"] == "4"
    assert out["day"] == "2002-09-06"
    assert out["r"] == {"new": 1, "old": 25}
    assert out["t"] == [1, 2] and out["nan"] is None
    assert json.loads(dumps(data))["f"] == "1/25"
