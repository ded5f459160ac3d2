"""Helpers shared by the hostile-input tests."""

from __future__ import annotations

import pytest


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    """The single ``splitcalc: error: ...`` line printed on stderr (asserted to be one, without a traceback)."""
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: error: "), err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err
