"""Shared test fixtures: offline, seeded, isolated from the user's cache."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("YF_DISABLE_CURL_CFFI", "1")

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

REPO_ROOT = Path(__file__).resolve().parents[1]
#: The smallest valid scenario file (a 1-for-4 split of 1,000 shares at $0.50); tests append tables to it.
MINIMAL_SCENARIO = """\
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
"""


def shared_dir() -> Path:
    """``../shared`` beside the repository (or $SPLITCALC_SHARED_DIR)."""
    return Path(os.environ.get("SPLITCALC_SHARED_DIR", REPO_ROOT.parent / "shared"))


@pytest.fixture
def shared_yahoo() -> Path:
    """The recorded Yahoo samples; skips the test when ../shared is absent."""
    path = shared_dir() / "data" / "yahoo"
    if not path.is_dir():
        pytest.skip("../shared/data/yahoo is not present (fresh clone)")
    return path


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own empty splitcalc cache directory."""
    monkeypatch.setenv("SPLITCALC_CACHE_DIR", str(tmp_path / "splitcalc-cache"))
    return


_real_connect = socket.socket.connect


def _guarded_connect(self: socket.socket, address: object) -> None:
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and (host.startswith("127.") or host in ("localhost", "::1")):
        _real_connect(self, address)  # type: ignore[arg-type]
        return
    if self.family == socket.AF_UNIX:
        _real_connect(self, address)  # type: ignore[arg-type]
        return
    raise OSError(f"network access blocked in tests: {address!r}")


@pytest.fixture(autouse=True)
def _no_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse outgoing connections except loopback, unless marked ``network``."""
    if request.node.get_closest_marker("network") is None:
        monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
