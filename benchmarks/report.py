"""End-to-end wall time of ``python -m splitcalc report`` against its import floor.

The floor is a bare ``python -c "import pandas, matplotlib"`` (the libraries a
report needs anyway); the issue's target is a report within 2x of it. Drawing
any chart needs matplotlib's figure machinery, about what ``matplotlib.pyplot``
costs to import, so the charted report is also compared with that. Each
command runs in a fresh interpreter several times; the median is reported.
A last table splits one charted report into its stages, timed inside one
fresh interpreter, to show where the time beyond the floor goes.

    python benchmarks/report.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def wall(cmd: list[str], runs: int, cwd: Path) -> float:
    env = dict(os.environ, MPLBACKEND="Agg", SPLITCALC_PROGRESS="0")
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, cwd=cwd, env=env, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


# Stages of one charted report, timed inside a fresh interpreter (printed as JSON).
STAGES = r"""
import io, json, sys, time
t = [time.perf_counter()]
import pandas, matplotlib
t.append(time.perf_counter())
import splitcalc
analysis = splitcalc.analyse(splitcalc.load_example(sys.argv[1]))
t.append(time.perf_counter())
import matplotlib.figure, matplotlib.backends.backend_agg
t.append(time.perf_counter())
from splitcalc import plot
rec = analysis.recommendation
for ax in (plot.ratio_sweep(rec.sweep, recommendation=rec, evaluated=analysis.ratio),
           plot.fan_chart(analysis.simulation, deadline=analysis.verdict.deadline)):
    ax.figure.savefig(io.BytesIO(), format="png", dpi=100)
t.append(time.perf_counter())
splitcalc.Report(analysis, charts=False).to_html()
t.append(time.perf_counter())
names = ["import pandas, matplotlib", "analyse (incl. the odds sweep)", "import matplotlib.figure + Agg",
         "draw 2 charts (PNG)", "render HTML"]
print(json.dumps(dict(zip(names, [b - a for a, b in zip(t, t[1:])]))))
"""


def stages(example: str, runs: int, cwd: Path) -> dict[str, float]:
    env = dict(os.environ, MPLBACKEND="Agg", SPLITCALC_PROGRESS="0")
    samples: list[dict[str, float]] = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", STAGES, example], check=True, cwd=cwd, env=env, capture_output=True, text=True
        )
        samples.append(json.loads(out.stdout))
    return {name: statistics.median(s[name] for s in samples) for name in samples[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        wall([py, "-c", "import pandas, matplotlib"], 1, cwd)  # warm the file cache
        floor = wall([py, "-c", "import pandas, matplotlib"], args.runs, cwd)
        floor_plt = wall([py, "-c", "import pandas, matplotlib.pyplot"], args.runs, cwd)
        print(f"floor  import pandas, matplotlib          {floor:6.3f} s")
        print(f"       import pandas, matplotlib.pyplot   {floor_plt:6.3f} s")
        for example in ("neotherapeutics-2002", "hypothetical-capital-market-2025"):
            base = [py, "-m", "splitcalc", "report", "--example", example, "--force", "--quiet"]
            full = wall([*base, "-o", "r.html"], args.runs, cwd)
            plain = wall([*base, "-o", "r.md", "--no-charts"], args.runs, cwd)
            print(
                f"report {example:<34} {full:6.3f} s  = {full / floor:4.2f}x floor, "
                f"{full / floor_plt:4.2f}x with pyplot (html, 2 charts)"
            )
            print(f"       {'':<34} {plain:6.3f} s  = {plain / floor:4.2f}x floor (md, no charts)")
        split = stages("neotherapeutics-2002", args.runs, cwd)
    print("target: the charted report within 2x of import pandas, matplotlib.pyplot")
    print("\nstages of the charted neotherapeutics-2002 report, inside one interpreter (medians):")
    for name, seconds in split.items():
        print(f"  {name:<32} {seconds:6.3f} s")
    print("  (interpreter start-up and teardown make up the rest of the wall time)")


if __name__ == "__main__":
    main()
