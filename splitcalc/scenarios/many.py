"""One Monte Carlo for many candidate ratios (common random numbers).

After a reverse split the log price is ``ln S_0 + sum of the daily steps``:
candidates differ only by their starting price ``S_0``. :func:`simulate_many`
draws the steps once per chunk and judges every candidate on the same draws,
shifting the log paths by ``ln S_0``. The price rules are applied by the very
functions :func:`~splitcalc.scenarios.simulate` uses (its per-path judge and
its event tally), so each candidate's probabilities equal a :func:`simulate`
run with the same seed, paths and chunk size -- at a fraction of the cost (no
price histogram per candidate, one draw for all).

Common random numbers also make the comparison between candidates sharper:
the difference between two ratios' odds is not blurred by different draws.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import numpy as np

from .._display import FrameDisplay
from ..errors import InputError
from ..evidence import SESSIONS_PER_YEAR
from ..money import as_decimal
from .simulate import (
    _EVENT_KEYS,
    DEFAULT_CHUNK,
    MAX_PATH_SESSIONS,
    Probability,
    _path_events,
    _prepare,
    _probabilities,
    _tally,
)
from .standards import RuleValues

#: Candidate path-sessions judged a second (one candidate's pass over one path and session of shared
#: draws), for the time a refusal estimates: 200 candidates x 10,000 paths x 252 sessions took 11.3 s
#: on a 2-core machine (about 45 million a second), rounded down.
CANDIDATE_PATH_SESSIONS_PER_SECOND: Final = 40_000_000

if TYPE_CHECKING:
    import pandas as pd

    from .._types import DateLike, PriceHistory

__all__ = ["ManySimulation", "simulate_many"]


@dataclass(frozen=True, eq=False)
class ManySimulation(FrameDisplay):
    """Result of :func:`simulate_many`: each starting price's probabilities on shared draws.

    Attributes
    ----------
    start_prices
        The candidates' post-split starting prices, in the order given.
    probabilities
        One mapping per starting price: event key -> :class:`Probability`
        (the keys of :attr:`Simulation.probabilities`).
    days, paths, seed, drift, volatility, drift_source, volatility_source, rules, horizons, deadline_days
        As in :class:`~splitcalc.scenarios.Simulation`.
    notes
        Assumptions, stated.
    """

    start_prices: tuple[Decimal, ...]
    probabilities: tuple[Mapping[str, Probability], ...]
    days: int
    paths: int
    seed: int
    drift: float
    drift_source: str
    volatility: float
    volatility_source: str
    rules: RuleValues
    horizons: Mapping[str, int]
    deadline_days: int | None
    notes: tuple[str, ...] = field(default=())

    def _title(self) -> str:
        return (
            f"Monte Carlo for {len(self.start_prices)} starting prices: {self.paths:,} shared paths x {self.days} "
            f"sessions (drift {self.drift:+.2%}/yr, volatility {self.volatility:.0%}; seed {self.seed})"
        )

    def odds(self, key: str = "compliant_12m") -> tuple[Probability | None, ...]:
        """The probability of event ``key`` for each starting price (``None`` where it was not estimated)."""
        return tuple(p.get(key) for p in self.probabilities)

    def to_frame(self) -> pd.DataFrame:
        """One row per starting price: each event's probability and its standard error."""
        import pandas as pd

        rows: list[dict[str, object]] = []
        for price, probs in zip(self.start_prices, self.probabilities, strict=True):
            row: dict[str, object] = {"start_price": price}
            for key, p in probs.items():
                row[key] = p.estimate
                row[f"{key}_stderr"] = p.stderr
            rows.append(row)
        return pd.DataFrame(rows).set_index("start_price")

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: parameters and, per starting price, each probability with its standard error."""
        return {
            "start_prices": list(self.start_prices),
            "days": self.days,
            "paths": self.paths,
            "seed": self.seed,
            "drift": self.drift,
            "volatility": self.volatility,
            "rules": self.rules.name,
            "deadline_days": self.deadline_days,
            "probabilities": [
                {k: {"probability": p.estimate, "stderr": p.stderr} for k, p in probs.items()}
                for probs in self.probabilities
            ],
            "notes": list(self.notes),
        }


def simulate_many(
    start_prices: Iterable[object],
    *,
    days: int = SESSIONS_PER_YEAR,
    paths: int = 10_000,
    seed: int | None = None,
    drift: object = None,
    volatility: object = None,
    rules: object = None,
    history: PriceHistory | None = None,
    start_date: DateLike | None = None,
    deadline_days: int | None = None,
    calendar: str = "XNYS",
    chunk_size: int = DEFAULT_CHUNK,
    progress: bool | None = None,
) -> ManySimulation:
    """The probabilities of :func:`~splitcalc.scenarios.simulate` for many starting prices, on one set of draws.

    Parameters
    ----------
    start_prices
        Post-split starting prices, one per candidate ratio (positive).
    days, paths, seed, drift, volatility, rules, history, start_date, deadline_days, calendar, chunk_size, progress
        As for :func:`~splitcalc.scenarios.simulate`; with the same ``seed``,
        ``paths`` and ``chunk_size`` each candidate's probabilities equal that
        function's for its starting price.

    Returns
    -------
    ManySimulation

    Examples
    --------
    >>> many = simulate_many([1.53, 4.25], paths=2_000, seed=7, volatility=0.9)
    >>> [round(p.estimate, 2) for p in many.odds()]  # regained and compliant 12 months: 1-for-9 vs 1-for-25
    [0.43, 0.89]
    """
    if isinstance(start_prices, str | bytes) or not isinstance(start_prices, Iterable):
        raise InputError("start_prices", start_prices, "give a list of starting prices, e.g. [1.53, 4.25]")
    prices: list[Decimal] = []
    for i, value in enumerate(start_prices):
        price = as_decimal(value, f"start_prices[{i}]")
        if price <= 0:
            raise InputError(f"start_prices[{i}]", value, "must be positive")
        prices.append(price)
    if not prices:
        raise InputError("start_prices", [], "give at least one starting price")
    p = _prepare(
        days=days,
        paths=paths,
        seed=seed,
        drift=drift,
        volatility=volatility,
        rules=rules,
        history=history,
        start_date=start_date,
        deadline_days=deadline_days,
        calendar=calendar,
        chunk_size=chunk_size,
        samples=0,
    )
    work = len(prices) * p.days * p.paths  # each candidate judges every path: the work grows with the candidates
    if work > MAX_PATH_SESSIONS:
        hours = work / CANDIDATE_PATH_SESSIONS_PER_SECOND / 3600
        raise InputError(
            "paths",
            p.paths,
            f"{len(prices):,} starting prices x {p.days:,} sessions x {p.paths:,} paths is {work:,} path-sessions to "
            f"judge, about {hours:,.1f} hours; the limit is {MAX_PATH_SESSIONS:,}: use fewer paths or candidates",
        )
    shifts = [math.log(float(price)) for price in prices]
    events = [dict.fromkeys(_EVENT_KEYS, 0) for _ in prices]
    rng = np.random.Generator(np.random.PCG64(p.seed))
    from ..progress import progress as _progress

    starts = range(0, p.paths, p.chunk)
    desc = f"simulate {p.paths:,} paths for {len(prices)} ratios"
    for first in _progress(starts, desc=desc, enabled=progress):
        n = min(p.chunk, p.paths - first)
        steps = rng.standard_normal((n, p.days))  # the same draws and arithmetic as simulate()
        steps *= p.s
        steps += p.m
        np.cumsum(steps, axis=1, out=steps)
        logp = np.empty_like(steps)
        for shift, counts in zip(shifts, events, strict=True):
            np.add(steps, shift, out=logp)
            e = _path_events(logp, p.values, p.price_test, p.deadline_days, dates=p.dates, calendar=p.calendar)
            _tally(e, values=p.values, horizons=p.horizons, deadline=p.deadline_days, events=counts)
    notes = list(p.notes)
    probabilities: list[Mapping[str, Probability]] = []
    for counts in events:
        run_notes: list[str] = []
        probabilities.append(
            _probabilities(
                counts,
                paths=p.paths,
                values=p.values,
                horizons=p.horizons,
                days=p.days,
                deadline=p.deadline_days,
                notes=run_notes,
            )
        )
        notes.extend(n for n in run_notes if n not in notes)
    notes.append("common random numbers: every starting price is judged on the same simulated returns")
    return ManySimulation(
        start_prices=tuple(prices),
        probabilities=tuple(probabilities),
        days=p.days,
        paths=p.paths,
        seed=p.seed,
        drift=p.drift,
        drift_source=p.drift_source,
        volatility=p.volatility,
        volatility_source=p.volatility_source,
        rules=p.values,
        horizons=dict(p.horizons),
        deadline_days=p.deadline_days,
        notes=tuple(notes),
    )
