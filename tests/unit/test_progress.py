from __future__ import annotations

import io

import pytest

from splitcalc.progress import progress, progress_enabled


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_silent_when_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPLITCALC_PROGRESS", raising=False)
    buf = io.StringIO()
    assert list(progress(range(3), stream=buf)) == [0, 1, 2]
    assert buf.getvalue() == ""


def test_draws_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPLITCALC_PROGRESS", raising=False)
    buf = _Tty()
    assert list(progress(range(3), stream=buf, desc="scan", min_interval=0)) == [0, 1, 2]
    assert "scan: 3/3 done" in buf.getvalue()


def test_env_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPLITCALC_PROGRESS", "0")
    assert not progress_enabled(_Tty())
    monkeypatch.setenv("SPLITCALC_PROGRESS", "1")
    assert progress_enabled(io.StringIO())


def test_simulate_reports_progress_per_chunk(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from splitcalc.scenarios import simulate

    monkeypatch.setenv("SPLITCALC_PROGRESS", "1")
    simulate(4.25, days=30, paths=300, seed=1, volatility=0.5, chunk_size=100)
    err = capsys.readouterr().err
    assert "simulate 300 paths: 3/3 done" in err
    monkeypatch.setenv("SPLITCALC_PROGRESS", "0")
    simulate(4.25, days=30, paths=300, seed=1, volatility=0.5, chunk_size=100)
    assert capsys.readouterr().err == ""
