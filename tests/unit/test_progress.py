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


def test_estimates_the_time_left(monkeypatch: pytest.MonkeyPatch) -> None:
    import splitcalc.progress as mod

    clock = iter([0.0, 0.0, 10.0, 20.0, 30.0])  # start, then each item 10 s apart
    monkeypatch.setattr(mod.time, "monotonic", lambda: next(clock))
    buf = _Tty()
    assert list(progress(range(4), stream=buf, desc="simulate", enabled=True, min_interval=0)) == [0, 1, 2, 3]
    text = buf.getvalue()
    # after 1 item in 10 s, 3 are left: about 30 s; after 2 in 20 s, 2 left: about 20 s
    assert "simulate: 2/4, about 30 s left" in text
    assert "simulate: 3/4, about 20 s left" in text
    assert "simulate: 4/4 done" in text
