"""Benchmark: the post-split Monte Carlo at 100,000 paths x 252 sessions, and the ratio sweep.

Prints, measured in the same run:

(a) the floor: bare numpy on the same sizes -- draw the normals, cumulative
    sum, compare with $1.00 (no rules, no reductions, everything in memory);
(b) ``splitcalc.scenarios.simulate``: the same draws in chunks, every rule on
    every path (10-day regain, 20-day staff variant, 30-day deficiency after
    regaining, $0.10 rule), per-session quantiles, curves and probabilities;
(c) a naive day-by-day Python loop applying the same rules, on a sample of
    paths, scaled to the full count;

with the ratios b/a and c/b, and peak memory traced during (a) and (b)
(tracemalloc sees numpy's allocations). Then ``ratio_sweep`` over 24 ratios
with a 100,000-holder synthetic table. Then the odds of a 29-ratio sweep
(1-for-2 ... 1-for-30): ``simulate_many`` (one draw, every candidate judged on
it: common random numbers) against ``simulate`` run once per candidate, and
the ratio.

    python benchmarks/scenarios.py [--paths N] [--days D] [--repeat K]
"""

from __future__ import annotations

import argparse
import math
import time
import tracemalloc
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import numpy as np

from splitcalc import CapitalStructure, Holdings
from splitcalc.scenarios import ratio_sweep, simulate, simulate_many

START = 4.25  # NeoTherapeutics: $0.17 x 25 (rules.md §4)
VOL = 0.9
DRIFT = -0.1076  # Desai & Jain (1997), rules.md §7


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best = math.inf
    out = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def peak(fn: Callable[[], Any]) -> int:
    tracemalloc.start()
    fn()
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top


def floor(paths: int, days: int) -> float:
    s = VOL / math.sqrt(252)
    m = math.log1p(DRIFT) / 252 - s * s / 2
    rng = np.random.Generator(np.random.PCG64(1))
    z = rng.standard_normal((paths, days))
    z *= s
    z += m
    np.cumsum(z, axis=1, out=z)
    above = z >= -math.log(START)
    return float(above[:, -1].mean())


def naive(paths: int, days: int) -> float:
    """Day-by-day loop: regain 10 days >= $1, then a 30-day deficiency, per path."""
    s = VOL / math.sqrt(252)
    m = math.log1p(DRIFT) / 252 - s * s / 2
    rng = np.random.Generator(np.random.PCG64(1))
    compliant_end = 0
    for _ in range(paths):
        steps = rng.standard_normal(days).tolist()
        logp = math.log(START)
        above = below = 0
        regained = deficient = False
        for z in steps:
            logp += m + s * z
            price = math.exp(logp)
            above = above + 1 if price >= 1.0 else 0
            below = below + 1 if price < 1.0 else 0
            if not regained and above >= 10:
                regained = True
            elif regained and below >= 30:
                deficient = True
        compliant_end += regained and not deficient
    return compliant_end / paths


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--paths", type=int, default=100_000)
    ap.add_argument("--days", type=int, default=252)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--naive-paths", type=int, default=2_000)
    args = ap.parse_args()
    n, d = args.paths, args.days

    def run() -> Any:
        return simulate(START, days=d, paths=n, seed=1, volatility=VOL, drift=DRIFT)

    t_floor, _ = timed(lambda: floor(n, d), args.repeat)
    t_sim, sim = timed(run, args.repeat)
    t_naive_sample, _ = timed(lambda: naive(args.naive_paths, d), 1)
    t_naive = t_naive_sample * n / args.naive_paths
    m_floor = peak(lambda: floor(n, d))
    m_sim = peak(run)

    print(f"Monte Carlo, {n:,} paths x {d} sessions (best of {args.repeat})")
    print(f"  (a) floor, bare numpy draw+cumsum+compare : {t_floor:7.2f} s   peak {m_floor / 2**20:7.0f} MiB")
    print(f"  (b) splitcalc.scenarios.simulate           : {t_sim:7.2f} s   peak {m_sim / 2**20:7.0f} MiB")
    print(f"  (c) naive Python loop (scaled from {args.naive_paths:,})   : {t_naive:7.1f} s")
    print(f"  b/a = {t_sim / t_floor:.1f}x   c/b = {t_naive / t_sim:.0f}x")
    print(f"  compliant at 12 months: {sim['compliant_12m']}  (P(regain) {sim['regain']})")

    cap = CapitalStructure(outstanding=39_752_812, price=Decimal("0.17"))
    holdings = Holdings.synthetic(100_000, total_shares=39_752_812, seed=2002)
    t_sweep, sweep = timed(lambda: ratio_sweep(cap, ratios=range(2, 26), holdings=holdings), args.repeat)
    t_est, _ = timed(lambda: ratio_sweep(cap, ratios=range(2, 26), holders=100_000), args.repeat)
    print(f"Ratio sweep, 24 ratios: {t_sweep * 1000:.0f} ms with a 100,000-holder table, "
          f"{t_est * 1000:.1f} ms from a holder estimate; rows {len(sweep)}")  # fmt: skip

    sweep_paths = min(n, 10_000)
    prices = [Decimal("0.17") * k for k in range(2, 31)]
    opts: dict[str, Any] = {"days": d, "paths": sweep_paths, "seed": 1, "volatility": VOL, "drift": DRIFT}
    t_many, many = timed(lambda: simulate_many(prices, **opts), args.repeat)
    t_each, each = timed(lambda: [simulate(p, **opts) for p in prices], 1)
    same = all(
        a is not None and a.estimate == b["compliant_12m"].estimate
        for a, b in zip(many.odds("compliant_12m"), each, strict=True)
    )
    print(f"Sweep odds, {len(prices)} ratios x {sweep_paths:,} paths x {d} sessions")
    print(f"  simulate_many (common random numbers)   : {t_many:7.2f} s")
    print(f"  simulate once per candidate             : {t_each:7.2f} s")
    print(f"  ratio {t_each / t_many:.1f}x; the same odds for every candidate: {same}")


if __name__ == "__main__":
    import warnings

    warnings.simplefilter("ignore")  # the estimate's EstimateWarning is expected here
    main()
