from __future__ import annotations

import subprocess
import sys

import pytest

import splitcalc as sc
from splitcalc import errors


def test_all_names_resolve() -> None:
    for name in sc.__all__:
        assert getattr(sc, name) is not None, name


def test_unknown_attribute_is_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        sc.no_such_thing  # noqa: B018


def test_exception_tree() -> None:
    assert issubclass(errors.InputError, errors.SplitcalcError)
    assert issubclass(errors.InputError, ValueError)
    for cls in (errors.InvalidRatio, errors.InvalidHoldings, errors.InvalidPrices, errors.DateOutOfRange):
        assert issubclass(cls, errors.InputError)
    assert issubclass(errors.UnknownExchange, KeyError)
    assert issubclass(errors.UnknownExchange, errors.RuleError)
    for cls in (errors.DataUnavailable, errors.InsufficientHistory, errors.CacheError):
        assert issubclass(cls, errors.DataError)
    assert issubclass(errors.RuleUncertainWarning, UserWarning)
    e = errors.UnknownExchange("nyse-moon", ("nyse",))
    assert "nyse-moon" in str(e)
    assert str(e).startswith("exchange:")


def test_import_is_light() -> None:
    code = "import sys, splitcalc; print(any(m in sys.modules for m in ('matplotlib', 'yfinance', 'jinja2')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
