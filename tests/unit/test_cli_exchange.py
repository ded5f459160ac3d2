"""``--exchange`` is checked by argparse in every command: an unknown name is a usage mistake (exit 2)."""

from __future__ import annotations

import argparse

import pytest

from splitcalc.cli import _common, main

NEOT = ["--outstanding", "39,752,812", "--price", "0.17"]


def test_exchange_arg_canonical_names_and_aliases() -> None:
    exchange_arg = _common.exchange_arg
    assert exchange_arg("XNCM") == "nasdaq-capital"
    assert exchange_arg("Nasdaq Capital Market") == "nasdaq-capital"
    assert exchange_arg("amex") == "nyse-american"
    with pytest.raises(argparse.ArgumentTypeError, match="unknown rule set 'moon'"):
        exchange_arg("moon")


def test_compliance_uses_the_shared_type() -> None:
    import splitcalc.cli.compliance as compliance_cli

    assert compliance_cli.exchange_arg is _common.exchange_arg


@pytest.mark.parametrize(
    "argv",
    [
        ["sweep", *NEOT, "--exchange", "moon-exchange"],
        ["simulate", "--price", "1.5", "--volatility", "0.5", "--exchange", "moon-exchange"],
        ["compliance", "prices.csv", "--exchange", "moon-exchange"],
        ["report", "--ticker", "XYZ", "--ratio", "1-for-10", "--outstanding", "1000", "--exchange", "moon-exchange"],
    ],
)
def test_unknown_exchange_exits_2_in_every_command(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: error: argument --exchange: unknown rule set 'moon-exchange'")
    assert err.count("\n") == 1


def test_report_exchange_error_wins_over_fetching(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import splitcalc.cli._prices as prices_cli

    def no_fetch(args: object) -> None:
        raise AssertionError("prices were fetched before --exchange was checked")

    monkeypatch.setattr(prices_cli, "load_prices", no_fetch)
    argv = ["report", "--ticker", "XYZ", "--ratio", "1-for-10", "--outstanding", "1000"]
    assert main([*argv, "--exchange", "nowhere", "--offline"]) == 2
    assert "unknown rule set 'nowhere'" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["sweep", *NEOT, "--exchange", "nasdaq-capital", "--as-of", "2002-01-02"],
        ["simulate", "--price", "1.5", "--volatility", "0.5", "--exchange", "nasdaq-capital", "--as-of", "2002-01-02"],
    ],
)
def test_no_rule_in_force_is_a_usage_mistake(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    # the Capital Market dates from 2005-09-08 (rules.md §1); before then it was the SmallCap Market
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: error: --exchange: no 'nasdaq-capital' rule in force on 2002-01-02")
    assert "nasdaq-smallcap" in err
    assert err.count("\n") == 1
