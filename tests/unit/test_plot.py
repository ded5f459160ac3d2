"""Charts: what each one contains (lines at $1.00, labels, dates, series), and PNG output."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace as Ns
from typing import Any

import numpy as np
import pandas as pd
import pytest

from splitcalc import CapitalStructure, Holdings, SplitRatio, plot
from splitcalc.plot._base import date_num, new_axes
from splitcalc.scenarios import HolderSizeDistribution, ratio_sweep, recommend_ratio, simulate

BRACKETS = HolderSizeDistribution.from_brackets([1, 10, 100, 1_000, 10_000, 1_000_000], [200, 150, 100, 50, 10])
SPLIT_DAY = dt.date(2002, 9, 6)


def _reference_lines(ax: Any, *, vertical: bool) -> dict[float, str]:
    """axhline/axvline lines (the other coordinate spans the Axes, 0..1 in Axes coordinates) -> label."""
    out = {}
    for line in ax.get_lines():
        x, y = line.get_xdata(), line.get_ydata()
        at, span = (x, y) if vertical else (y, x)
        if len(at) == 2 and at[0] == at[1] and list(span) == [0, 1]:
            out[float(at[0])] = line.get_label()
    return out


def _hlines(ax: Any) -> dict[float, str]:
    """Horizontal reference lines -> label."""
    return _reference_lines(ax, vertical=False)


def _vlines(ax: Any) -> dict[float, str]:
    """Vertical reference lines -> label."""
    return _reference_lines(ax, vertical=True)


def _prices() -> pd.Series:
    # 60 sessions at $1.20, 40 below $1 ($0.80), then the 1-for-25 split: $0.80 x 25 = $20
    idx = pd.bdate_range("2002-05-01", periods=120)
    split_at = idx.get_indexer([pd.Timestamp(SPLIT_DAY)], method="bfill")[0]
    values = np.full(len(idx), 1.2)
    values[split_at - 40 : split_at] = 0.8
    values[split_at:] = 20.0
    return pd.Series(values, index=idx)


def _timeline() -> Any:
    ev = [
        ("2002-06-12", "notice"),
        ("2002-06-11", "deficiency"),
        ("2002-09-06", "split_effective"),
        ("2002-09-06", "regain_streak_started"),
        ("2002-09-10", "compliance_period_deadline"),
        ("2002-09-19", "compliance_regained"),
    ]
    events = [Ns(date=dt.date.fromisoformat(d), kind=k, description=k) for d, k in ev]
    return Ns(exchange="Nasdaq", tier="National Market", status="cured", events=tuple(events))


def _sweep_and_rec() -> tuple[Any, Any]:
    cap = CapitalStructure(outstanding=100_000_000, price=Decimal("0.20"))
    rec = recommend_ratio(cap, ratios=range(2, 21), holders=BRACKETS)
    return rec.sweep, rec


def test_ratio_sweep_chart() -> None:
    sweep, rec = _sweep_and_rec()
    ax = plot.ratio_sweep(sweep, recommendation=rec)
    lines = _hlines(ax)
    assert lines[1.0] == "$1.00 minimum bid"
    assert lines[1.5] == "target $1.50"
    assert _vlines(ax) == {8.0: "recommended 1-for-8"}  # $0.20 x 8 = $1.60 (see test_scenarios_recommend)
    price_line = next(line for line in ax.get_lines() if line.get_label() == "post-split price")
    assert list(price_line.get_xdata()) == list(range(2, 21))
    assert price_line.get_ydata()[0] == pytest.approx(0.40)
    twin = ax.right_axis  # type: ignore[attr-defined]
    assert _hlines(twin)[300.0] == "minimum public holders (300)"
    labels = [line.get_label() for line in twin.get_lines()]
    assert "public holders (est.)" in labels
    assert ax.get_xlabel() == "ratio (1-for-N)"


def test_ratio_sweep_legend_sits_below_the_plotting_area() -> None:
    sweep, rec = _sweep_and_rec()
    ax = plot.ratio_sweep(sweep, recommendation=rec)
    leg = ax.get_legend()
    assert leg is not None
    labels = [t.get_text() for t in leg.get_texts()]
    # one legend for both axes: the price side, then the holder side
    assert labels[:4] == ["post-split price", "$1.00 minimum bid", "target $1.50", "recommended 1-for-8"]
    assert "public holders (est.)" in labels and "minimum public holders (300)" in labels
    ax.figure.draw_without_rendering()  # lays the figure out: constrained layout makes room for the legend
    box = leg.get_window_extent()
    axes_box = ax.get_window_extent()
    label_box = ax.xaxis.label.get_window_extent()
    assert box.y1 <= label_box.y0 < axes_box.y0  # under the x-axis label, so under the plotting area
    assert box.x0 >= axes_box.x0 and box.x1 <= axes_box.x1  # centred under it
    assert box.y0 >= 0  # inside the figure, not cut off


def test_ratio_sweep_chart_marks_binding_constraint() -> None:
    cap = CapitalStructure(outstanding=100_000_000, price=Decimal("0.12"))
    rec = recommend_ratio(cap, ratios=range(2, 21), holders=BRACKETS)
    ax = plot.ratio_sweep(rec)  # a Recommendation alone is enough
    assert _vlines(ax) == {13.0: "public holders binds at 1-for-13"}


def test_ratio_sweep_chart_publicly_held_axis() -> None:
    sweep = ratio_sweep(CapitalStructure(outstanding=1_600_000, price=Decimal("0.30")), ratios=range(2, 11))
    ax = plot.ratio_sweep(sweep)
    twin = ax.right_axis  # type: ignore[attr-defined]
    assert _hlines(twin)[500_000.0].startswith("minimum publicly held shares")
    phs = next(line for line in twin.get_lines() if line.get_label() == "publicly held shares")
    assert phs.get_ydata()[2] == 400_000  # 1,600,000 / 4


def test_fan_chart() -> None:
    sim = simulate(1.50, days=60, paths=400, seed=1, volatility=0.8, start_date=SPLIT_DAY)
    ax = plot.fan_chart(sim, samples=3)
    assert _hlines(ax)[1.0] == "$1.00 minimum bid"
    assert len(ax.collections) == 2  # the 5-95% and 25-75% bands
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels.count("median") == 1
    assert labels.count("sample paths") == 1
    assert len([line for line in ax.get_lines() if line.get_linewidth() == 0.5]) == 3  # the sample paths
    median = next(line for line in ax.get_lines() if line.get_label() == "median")
    assert len(median.get_xdata()) == 60
    assert pd.Timestamp(median.get_xdata()[0]) == pd.Timestamp(SPLIT_DAY)
    twin = ax.right_axis  # type: ignore[attr-defined]
    assert [line.get_label() for line in twin.get_lines()] == ["P(compliant)", "P(close >= $1.00)"]
    assert twin.get_ylim()[1] == pytest.approx(1.02)
    assert ax.get_xlabel() == "date"


def test_price_history_as_traded() -> None:
    ax = plot.price_history(_prices(), splits=[(SPLIT_DAY, "1-for-25")], timeline=_timeline())
    assert _hlines(ax)[1.0] == "$1.00 minimum bid"
    v = _vlines(ax)
    assert v[date_num(SPLIT_DAY)] == "1-for-25 split"
    assert v[date_num(dt.date(2002, 9, 10))] == "compliance deadline"
    assert v[date_num(dt.date(2002, 6, 12))] == "deficiency notice"
    # one shaded streak: the 40 sessions at $0.80 (>= 30)
    spans = [p for p in ax.patches if p.get_label() == "below $1.00 for 30+ sessions"]
    assert len(spans) == 1
    assert ax.get_yscale() == "log"
    assert ax.get_ylabel() == "price as traded"


def test_price_history_adjusted_step() -> None:
    ax = plot.price_history(_prices(), splits=[(SPLIT_DAY, SplitRatio(1, 25))], adjusted=True)
    step = next(line for line in ax.get_lines() if line.get_label() == "minimum bid ($1.00 as traded)")
    y = np.asarray(step.get_ydata(), dtype=float)
    # $1.00 as traded = $25.00 split-adjusted before the split, $1.00 after
    assert y[0] == pytest.approx(25.0)
    assert y[-1] == pytest.approx(1.0)
    close = next(line for line in ax.get_lines() if line.get_label() == "close, split-adjusted")
    assert np.asarray(close.get_ydata(), dtype=float)[0] == pytest.approx(30.0)  # 1.20 x 25
    assert 1.0 not in _hlines(ax)


def test_price_history_panels_and_frame_input() -> None:
    frame = _prices().rename("close").to_frame()
    frame.attrs["splits"] = [(SPLIT_DAY, SplitRatio(1, 25))]
    fig = plot.price_history_panels(frame, title="NEOT")
    top, bottom = fig.axes
    assert top.get_title() == "NEOT"
    assert top.get_ylabel() == "price as traded"
    assert bottom.get_ylabel() == "split-adjusted price"
    assert frame.attrs["splits"] == [(SPLIT_DAY, SplitRatio(1, 25))]  # input untouched
    assert "adjustment" not in frame.attrs


def test_compliance_timeline_chart() -> None:
    tl = _timeline()
    ax = plot.compliance_timeline(tl, extra=[(dt.date(2002, 8, 22), "notify Nasdaq")])
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    # one row per event, in date order, top to bottom
    assert ticks == [
        "deficiency",
        "notice",
        "notify Nasdaq",
        "split effective",
        "regain streak started",
        "compliance period deadline",
        "compliance regained",
    ]
    markers = [line for line in ax.get_lines() if line.get_marker() in ("D", "o")]
    assert len(markers) == 7
    assert markers[0].get_xdata()[0] == date_num(dt.date(2002, 6, 11))
    bars = {c.get_label() for c in ax.collections}
    assert {"compliance period 1", "regain window"} <= bars
    assert _vlines(ax)[date_num(SPLIT_DAY)] == "split effective"
    assert ax.get_title() == "Nasdaq National Market: cured"


def test_capital_structure_chart() -> None:
    cap = CapitalStructure(outstanding=39_752_812, authorized=100_000_000, reserved=3_000_000)
    ax = plot.capital_structure(cap.apply("1-for-25"))
    by_label = {c.get_label(): [p.get_width() for p in c.patches] for c in ax.containers}
    # after: 1,590,112 outstanding, 120,000 reserved (3,000,000 / 25), 98,289,888 available; before: 57,247,188
    assert by_label["outstanding"] == [1_590_112, 39_752_812]
    assert by_label["reserved"] == [120_000, 3_000_000]
    assert by_label["available for issuance"] == [98_289_888, 57_247_188]
    assert [t.get_text().split("\n")[0] for t in ax.get_yticklabels()] == ["after", "before"]
    assert _vlines(ax)[100_000_000.0] == "authorised 100,000,000"


def test_holder_distribution_estimate_by_hand() -> None:
    ax = plot.holder_distribution(BRACKETS, ratio=10)
    before, after = ax.containers
    # before: 0 | 200 | 150 | 100 | 50 | 10 x (5 - 4) / (6 - 4) = 5 | 5 | 0
    assert [round(b.get_height(), 6) for b in before] == [0, 200, 150, 100, 50, 5, 5, 0]
    # after 1-for-10: eliminated 510 - 310 = 200 | 150 | 100 | 50 | 5 | 5 | 0 | 0
    assert [round(b.get_height(), 6) for b in after] == [200, 150, 100, 50, 5, 5, 0, 0]
    assert _vlines(ax) == {2.5: "round lot: 100 shares (Nasdaq FAQ 1415)"}  # between 10-99 and 100-999
    assert [t.get_text() for t in ax.get_xticklabels()][:4] == ["0", "1-9", "10-99", "100-999"]
    assert [t.get_text() for t in ax.get_legend().get_texts()][1:] == ["before (est.)", "after (est.)"]


def test_holder_distribution_from_holdings() -> None:
    h = Holdings.from_frame(pd.DataFrame({"holder_id": ["a", "b", "c", "d"], "shares": [5, 40, 150, 2_500]}))
    ax = plot.holder_distribution(h, ratio="1-for-25")
    before, after = ax.containers
    # before: 1-9: a; 10-99: b; 100-999: c; 1,000-9,999: d.
    # after (/25): a 5 -> 0 (cashed out); b 40 -> 1; c 150 -> 6; d 2,500 -> 100
    assert [b.get_height() for b in before][:5] == [0, 1, 1, 1, 1]
    assert [b.get_height() for b in after][:5] == [1, 2, 0, 1, 0]


def test_ax_is_used_and_returned() -> None:
    ax = new_axes(None)
    sweep, _rec = _sweep_and_rec()
    assert plot.ratio_sweep(sweep, ax=ax) is ax
    ax2 = new_axes(None)
    assert plot.holder_distribution(BRACKETS, ratio=5, ax=ax2) is ax2


def _every_chart() -> dict[str, Any]:
    sweep, rec = _sweep_and_rec()
    cap = CapitalStructure(outstanding=39_752_812, authorized=100_000_000, price=Decimal("0.17"))
    sim = simulate(4.25, days=40, paths=200, seed=2, volatility=0.9)
    return {
        "sweep": plot.ratio_sweep(sweep, recommendation=rec).figure,
        "fan": plot.fan_chart(sim).figure,
        "prices": plot.price_history(_prices(), splits=[(SPLIT_DAY, "1-for-25")], timeline=_timeline()).figure,
        "panels": plot.price_history_panels(_prices(), splits=[(SPLIT_DAY, "1-for-25")]),
        "timeline": plot.compliance_timeline(_timeline()).figure,
        "structure": plot.capital_structure(cap.apply("1-for-25")).figure,
        "holders": plot.holder_distribution(BRACKETS, ratio=25).figure,
    }


def test_every_chart_renders_to_png_with_agg(tmp_path: Path) -> None:
    import matplotlib

    before = dict(matplotlib.rcParams)
    for name, fig in _every_chart().items():
        out = tmp_path / f"{name}.png"
        fig.savefig(out, dpi=60)
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
    assert dict(matplotlib.rcParams) == before  # no global style changes


def test_no_pyplot_and_lazy_matplotlib() -> None:
    code = (
        "import sys, splitcalc.plot\n"
        "print('matplotlib' in sys.modules)\n"
        "from splitcalc.scenarios import HolderSizeDistribution as H\n"
        "splitcalc.plot.holder_distribution(H.from_brackets([1, 10], [5]), ratio=2)\n"
        "print('matplotlib.pyplot' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_bad_inputs() -> None:
    from splitcalc import InputError

    with pytest.raises(InputError, match="prices"):
        plot.price_history([1, 2, 3])
    with pytest.raises(InputError, match="ratio"):
        plot.holder_distribution(BRACKETS)
    with pytest.raises(InputError, match="buckets"):
        plot.holder_distribution(BRACKETS, ratio=2, buckets=[1, 10])
    with pytest.raises(InputError, match="right"):
        plot.ratio_sweep(_sweep_and_rec()[0], right="sideways")


def test_charts_of_a_real_compliance_case() -> None:
    from splitcalc import compliance, market, rules
    from tests.conftest import REPO_ROOT

    px = market.read_price_csv(REPO_ROOT / "data" / "examples" / "hypothetical-capital-market-2025-prices.csv")
    cm = rules.get("nasdaq-capital", as_of=dt.date(2025, 6, 1))
    tl = compliance.check_compliance(px["close"], cm, notice_date=dt.date(2025, 6, 2))
    planned = compliance.check_planned_split("1-for-20", dt.date(2025, 10, 1), cm)
    ax = plot.compliance_timeline(tl, planned=planned)
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert len(ticks) == len(tl.events) + 4  # + notify, disclose, effective, end of the one-year bar
    assert "notify exchange (1-for-20 split)" in ticks
    assert "compliance period deadline" in ticks
    assert tl.deadline is not None
    prices_ax = plot.price_history(px, timeline=tl)
    assert _vlines(prices_ax)[date_num(tl.deadline)] == "compliance deadline"
    assert _hlines(prices_ax)[1.0] == "$1.00 minimum bid"
    # the log axis labels its minor ticks in dollars too
    prices_ax.figure.draw_without_rendering()
    labels = [t.get_text() for t in prices_ax.yaxis.get_minorticklabels() if t.get_text()]
    assert labels
    assert all(label.startswith("$") for label in labels)


def test_sweep_chart_axes_read_without_offsets() -> None:
    import matplotlib

    matplotlib.use("Agg")
    from splitcalc.scenarios import ratio_sweep

    cap = CapitalStructure(outstanding=39_752_812, price="0.17")
    sweep = ratio_sweep(cap, ratios="1-for-2..1-for-25")
    ax = plot.ratio_sweep(sweep)
    ax.figure.canvas.draw()
    twin = ax.right_axis  # type: ignore[attr-defined]
    labels = [t.get_text() for t in twin.get_yticklabels() if t.get_text()]
    # whole share counts with thousands separators ("20,000,000"), not "2.00" under a "1e7" offset
    assert all(re.fullmatch(r"-?\d{1,3}(,\d{3})*", t) for t in labels), labels
    assert max(int(t.replace(",", "")) for t in labels) >= 10_000_000


def test_price_history_draws_the_rule_sets_price_test() -> None:
    """The minimum bid and the deficiency run come from the rule rows, not from constants in the chart."""
    from splitcalc import rules

    cm = rules.get("nasdaq-capital").with_value("min_bid", Decimal("0.75"))
    ax = plot.price_history(_prices(), splits=[(SPLIT_DAY, "1-for-25")], rules=cm)
    assert _hlines(ax)[0.75] == "$0.75 minimum bid" and 1.0 not in _hlines(ax)
    longer = rules.get("nasdaq-capital").with_value("deficiency_days", 41)  # the $0.80 run is 40 sessions
    ax = plot.price_history(_prices(), splits=[(SPLIT_DAY, "1-for-25")], rules=longer)
    assert not [p for p in ax.patches if "sessions" in str(p.get_label())]
    # NYSE American has no numeric test: nothing is drawn, and the legend says why
    ax = plot.price_history(_prices(), splits=[(SPLIT_DAY, "1-for-25")], rules="nyse-american")
    assert not _hlines(ax)
    assert any("no numeric minimum bid price test" in str(line.get_label()) for line in ax.get_lines())
