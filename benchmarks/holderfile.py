"""Benchmark: reading and validating a 1,000,000-row holder file.

Prints, measured in the same run on the same generated CSV (written to a
temporary folder, removed afterwards):

(a) the floor: ``pandas.read_csv(path, dtype=str)``, the text cells and nothing else;
(b) ``Holdings.from_csv``: the same read, then every column validated (whole
    share counts, stripped ids, account types, insider flags) and indexed by
    holder and account, with errors that would name the file lines;
(c) a naive reader: ``csv.DictReader`` and a per-cell check in Python;

with the ratios b/a and c/b.

    python benchmarks/holderfile.py [--rows N] [--repeat K]
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from splitcalc.holdings import Holdings

TYPES = {"registered": 1, "street": 2, "": 0}
FLAGS = {"yes": True, "no": False, "": False}


def best_of(repeat: int, fn: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def naive(path: Path) -> int:
    """Every cell checked on its own, the plain way."""
    shares: list[int] = []
    holders: dict[str, int] = {}
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            text = row["shares"].strip()
            if not text.isdigit():
                raise ValueError(text)
            holder = row["holder_id"].strip()
            if not holder:
                raise ValueError("blank holder")
            if row["account_type"].strip().lower() not in TYPES or row["insider"].strip().lower() not in FLAGS:
                raise ValueError(row)
            holders[holder] = holders.get(holder, 0) + int(text)
            shares.append(int(text))
    return len(holders)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = np.random.default_rng(2002)
    n = args.rows
    holder = rng.integers(0, max(1, n // 2), n)  # some holders with two or more accounts
    frame = pd.DataFrame(
        {
            "holder_id": [f"H{i:07d}" for i in holder],
            "account_id": [f"A{i:07d}" for i in range(n)],
            "account_type": rng.choice(["registered", "street"], n, p=[0.2, 0.8]),
            "insider": np.where(holder % 1000 == 0, "yes", "no"),  # one flag per holder, as the format asks
            "shares": rng.lognormal(6, 2, n).astype(np.int64) + 1,
        }
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "holders.csv"
        frame.to_csv(path, index=False)
        t_floor = best_of(args.repeat, lambda: pd.read_csv(path, dtype=str, keep_default_na=False))
        t_ours = best_of(args.repeat, lambda: Holdings.from_csv(path))
        t_naive = best_of(1, lambda: naive(path))
    print(f"rows: {n:,}")
    print(f"(a) floor: pandas.read_csv(dtype=str)                 {t_floor:7.2f} s")
    print(f"(b) splitcalc Holdings.from_csv (read + validate)     {t_ours:7.2f} s")
    print(f"(c) naive csv.DictReader + per-cell checks           {t_naive:7.2f} s")
    print(f"b / a = {t_ours / t_floor:5.2f}x    c / b = {t_naive / t_ours:5.2f}x")


if __name__ == "__main__":
    main()
