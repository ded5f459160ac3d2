"""``splitcalc sweep`` and ``splitcalc simulate``: output, JSON, --plot, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from splitcalc.cli import main
from tests.conftest import REPO_ROOT

HOLDERS = REPO_ROOT / "data" / "examples" / "neotherapeutics-2002-holders.csv"
NEOT = ["--outstanding", "39,752,812", "--price", "0.17"]


def test_sweep_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sweep", *NEOT, "--range", "1-for-2..1-for-25"]) == 0
    out = capsys.readouterr().out
    assert "Recommended ratio 1-for-9 (target $1.50)" in out  # 0.17 x 9 = 1.53
    assert "1-for-25" in out
    assert "$4.25" in out
    assert max(len(line) for line in out.splitlines()) <= 100  # fits a 100-column terminal
    assert "not checked (no holder data): public holders" in out


def test_sweep_json_with_holder_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sweep", *NEOT, "--holders-file", str(HOLDERS), "--target-price", "4.00", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ratio"] == "1-for-24"  # 0.17 x 24 = 4.08 >= 4.00 > 3.91
    assert data["target_price"] == "4"
    assert data["sweep"]["holder_basis"] == "holdings"
    row = data["sweep"]["rows"][-1]
    assert row["ratio"] == "1-for-25"
    assert row["holders_estimated"] is False


def test_sweep_binding_and_exchange(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["sweep", "--outstanding", "1600000", "--price", "0.30", "--range", "2..10", "--exchange", "nasdaq-capital"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "No authorised ratio meets every constraint" in out
    assert "publicly held shares bind: at 1-for-5" in out


def test_sweep_states_the_holder_estimate(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sweep", *NEOT, "--holders", "3000", "--holder-sigma", "1.5", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sweep"]["holder_basis"] == "estimate"
    assert any("sigma 1.5 (an assumption, not holder data)" in n for n in data["sweep"]["notes"])


def test_simulate_json_reproducible(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["simulate", "--price", "0.17", "--ratio", "1-for-25", "--volatility", "0.9", "--paths", "2000",
            "--days", "252", "--seed", "7", "--json"]  # fmt: skip
    assert main(argv) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(argv) == 0
    second = json.loads(capsys.readouterr().out)
    assert first == second
    assert first["start_price"] == "4.25"  # 0.17 x 25
    assert first["drift"] == -0.1076
    assert 0 <= first["probabilities"]["compliant_12m"]["probability"] <= 1


def test_simulate_with_price_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    prices = REPO_ROOT / "data" / "examples" / "hypothetical-capital-market-2025-prices.csv"
    assert (
        main(["simulate", "--price", "1.80", "--paths", "300", "--days", "60", "--seed", "1", "--prices", str(prices)])
        == 0
    )
    out = capsys.readouterr().out
    assert "volatility: estimated from the stock's own history" in out


def test_plot_written_and_not_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    png = tmp_path / "fan.png"
    argv = ["simulate", "--price", "2.0", "--volatility", "0.5", "--paths", "200", "--days", "30", "--seed", "1",
            "--plot", str(png)]  # fmt: skip
    assert main(argv) == 0
    assert png.read_bytes()[:4] == b"\x89PNG"
    png.write_bytes(b"keep me")
    capsys.readouterr()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: error: --plot") and "--force" in err
    assert png.read_bytes() == b"keep me"
    assert main([*argv, "--force"]) == 0
    assert png.read_bytes()[:4] == b"\x89PNG"
    sweep_png = tmp_path / "sweep.png"
    assert main(["sweep", *NEOT, "--plot", str(sweep_png)]) == 0
    assert sweep_png.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize(
    "argv",
    [
        ["sweep", "--outstanding", "10", "--price", "x"],
        ["sweep", *NEOT, "--range", "1-for-0..1-for-5"],
        ["sweep", *NEOT, "--holder-sigma", "2"],
        ["sweep", *NEOT, "--plot", "chart.gif"],
        ["sweep", *NEOT, "--plot", str(HOLDERS.with_suffix(".png").parent / "no" / "x.png")],
        ["simulate", "--price", "1.5"],
        ["simulate", "--price", "1.5", "--volatility", "0.5", "--drift", "rumour"],
        ["simulate", "--price", "1.5", "--volatility", "0.5", "--drift", "history"],
        ["simulate", "--price", "1.5", "--volatility", "0.5", "--paths", "0"],
    ],
)
def test_user_mistakes_exit_2_with_one_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: error: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_unknown_exchange_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sweep", *NEOT, "--exchange", "moon-exchange"]) == 2  # a usage mistake, as in `compliance`
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: error: argument --exchange: unknown rule set 'moon-exchange'")


@pytest.mark.parametrize("prior", ["2-for-1", "1-for-1"])
def test_prior_split_must_be_reverse(prior: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sweep", *NEOT, "--prior-split", "1-for-5", "--prior-split", prior]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"splitcalc: error: argument --prior-split: {prior} is not a reverse split")
    assert err.count("\n") == 1


def test_simulate_too_many_sessions_is_refused_before_allocating(capsys: pytest.CaptureFixture[str]) -> None:
    # 10**8 sessions x (8,192 + 20) paths x 64 bytes is about 52 TiB: no machine holds it
    assert main(["simulate", "--price", "4.25", "--volatility", "0.9", "--days", "100000000"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("splitcalc: error: --days: 100,000,000 sessions x 8,192 paths per chunk need about")
    assert "of memory, more than this process can have" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_simulation_size_guard_scales_with_paths_and_days(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from splitcalc import InputError
    from splitcalc.scenarios.simulate import check_size, memory_needed

    simulate_module = importlib.import_module("splitcalc.scenarios.simulate")  # the package re-exports simulate()

    # 252 x ((8,192 + 20) x 64 + 2,048 x 24) = 252 x 574,720 = 144,829,440 bytes
    assert memory_needed(252, 10_000) == 144_829_440
    # 252 x ((1,000 + 20) x 64 + 49,152) = 252 x 114,432 = 28,836,864 bytes
    assert memory_needed(252, 1_000) == 28_836_864
    monkeypatch.setattr(simulate_module, "_physical_memory", lambda: 100 * 2**20)  # a 100 MiB machine
    check_size(252, 1_000)  # 27.5 MiB fits
    with pytest.raises(InputError, match=r"^days: 252 sessions x 8,192 paths per chunk need about 138\.1 MiB"):
        check_size(252, 10_000)
    with pytest.raises(InputError, match="more than this process can have"):
        simulate_module.simulate(4.25, days=252, paths=10_000, seed=1, volatility=0.9)


def test_sweep_range_too_wide_is_refused_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sweep", *NEOT, "--range", "1-for-2..1-for-10000000"]) == 2  # refused, not swept for minutes
    err = capsys.readouterr().err
    # 2..10,000,000 inclusive: 9,999,999 ratios
    assert err.startswith("splitcalc: error: --range: gives 9,999,999 candidate ratios, more than the 10,000")
    assert "or list the ratios" in err
    assert err.count("\n") == 1


def test_candidate_ratio_bound_is_inclusive() -> None:
    from splitcalc import InputError
    from splitcalc.scenarios import candidate_ratios, parse_ratios
    from splitcalc.scenarios.sweep import MAX_CANDIDATES

    assert MAX_CANDIDATES == 10_000
    assert len(parse_ratios("2..10001")) == 10_000  # 10,001 - 2 + 1
    with pytest.raises(InputError, match="gives 10,001 candidate ratios"):
        parse_ratios("2..10002")
    with pytest.raises(InputError, match=r"^ratios: gives 9,999,998 candidate ratios"):
        parse_ratios(range(2, 10**7))  # refused by its length, before ten million ratios are built
    assert len(candidate_ratios(2, 10**6, customary=True)) == 26  # customary steps are few: 25 + the top
