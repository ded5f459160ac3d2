"""Monte Carlo of post-split prices with the exchange's price rules applied to every path.

Model (geometric Brownian motion in daily steps): the log price moves by
independent normal steps ``m + s Z`` each session, so ``S_t = S_0 exp(sum)``.

* ``s`` is the daily volatility: ``volatility / sqrt(252)``, or the sample
  standard deviation of the stock's own daily log returns (``history=``);
* ``m = ln(1 + drift) / 252 - s^2 / 2``, so the *expected* price after 252
  sessions is ``S_0 (1 + drift)``. ``drift`` is a one-year return: a number,
  the stock's own history (``drift="history"``: ``exp(252 (mean + var / 2)) - 1``
  of its daily log returns), or published post-reverse-split evidence from
  :mod:`splitcalc.evidence` (default Desai & Jain 1997, J. Business 70(3),
  -10.76% over one year).

Every path is a case for the rule kernel's case machine
(:mod:`splitcalc.compliance.kernel.cases`, the one ``check_compliance`` and
``scan`` use): session ``0`` is the split's effective date, inside a
compliance period that ends on session ``deadline_days - 1`` (after the
horizon without ``deadline_days``); each value and its cite is a ``RuleSet`` row:

* **regain** -- the first session completing ``regain_days`` (10) consecutive
  closes at or above the minimum bid ($1.00), Nasdaq Rule 5810(c)(3)(A),
  before ``deadline_days`` when given and before the $0.10 rule ends the
  period; also with the ``regain_days_max`` (20) staff may ask for;
* **new deficiency** -- after regaining, the first session completing
  ``deficiency_days`` (30) consecutive closes below the minimum bid;
  under the one-year bar (5810(c)(3)(A)(iv), SR-NASDAQ-2024-045) one inside
  365 calendar days of the split gets no compliance period: a delisting determination;
* **compliant at 6 / 12 months** -- regained, and no new deficiency, by the
  last session within 6 / 12 calendar months of the split (126 / 252 sessions
  without a ``start_date``);
* **$0.10** -- ``low_price_days`` (10) consecutive closes at or below $0.10
  inside a compliance period: the open one, or the new deficiency's, counted
  from its notice (the next session) -- 5810(c)(3)(A)(iii); only where the
  rule set has it and, with a ``start_date``, for notices on or after its effective date;
* **delisting** -- any of: the $0.10 rule, a new deficiency under the
  one-year bar, or no regain by ``deadline_days``.

Closes stand in for the closing *bid* (the price data carry closes, not
bids). NYSE's 30-trading-day average test (802.01C) is applied
as: deficient when the 30-session average close is below $1.00; cured on a
test day when both the close and that average are at or above it -- the last
trading day of each calendar month and the period's last session with a
``start_date`` (the exchange calendar's), every session without one (the
month ends are unknown; a note says so). The average is the rule kernel's
(:func:`splitcalc.compliance.kernel.rolling_average`, exact in whole $0.0001,
the same function the walk and ``scan`` use), over the sessions since the
split until 30 of them exist. NYSE American has no numeric test
(1003(f)(v)): the Nasdaq-style streaks are used as a proxy and a note says so.

Each probability comes with its binomial standard error
``sqrt(p (1 - p) / paths)``. Paths are drawn in chunks from one seeded
generator (``numpy.random.Generator(PCG64(seed))``), so a seed gives the same
result whatever the chunk size; per-session price quantiles come from a
streaming histogram of log prices (2,048 bins spanning +/- 8 standard
deviations), so memory stays at one chunk. A run whose estimated peak memory
(:func:`memory_needed`: sessions x paths of one chunk, plus the per-session
histogram) exceeds the memory available to the process (the cgroup limit
``/sys/fs/cgroup/memory.max`` less what the group uses, ``MemAvailable`` of
``/proc/meminfo``, the physical memory: the least of those known) is refused
before anything is allocated, and so is a run of more than
:data:`MAX_PATH_SESSIONS` path-sessions (hours of work; :func:`check_size`).
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Final, NamedTuple

import numpy as np
import numpy.typing as npt

from .._display import FrameDisplay
from ..coerce import as_count, as_real
from ..errors import InputError, InsufficientHistory
from ..evidence import DEFAULT_EVIDENCE, EVIDENCE, SESSIONS_PER_YEAR, DriftEvidence
from ..money import as_decimal
from .standards import RuleValues

if TYPE_CHECKING:
    import pandas as pd

    from .._types import DateLike, MoneyLike, PriceHistory
    from ..compliance.kernel.cases import Groups

__all__ = [
    "MAX_DRIFT",
    "MAX_VOLATILITY",
    "ParameterEstimate",
    "Probability",
    "Simulation",
    "available_memory",
    "check_size",
    "estimate_parameters",
    "memory_needed",
    "simulate",
]

SESSIONS_PER_MONTH: Final = 21  # 252 / 12, used when no start_date is given
HIST_BINS: Final = 2048
HIST_SIGMAS: Final = 8.0
DEFAULT_QUANTILES: Final = (0.05, 0.25, 0.5, 0.75, 0.95)
DEFAULT_CHUNK: Final = 8192
#: Peak working memory of a run, measured with tracemalloc (about 50 bytes per path-session at
#: 252 x 8,192; 35 kB per session with one path) and rounded up: per path and session of one
#: chunk (log prices, run lengths, masks; also the sample paths kept) ...
BYTES_PER_PATH_SESSION: Final = 64
#: ... and per session (the price histogram of HIST_BINS counts and the arrays read from it).
BYTES_PER_SESSION: Final = HIST_BINS * 24
#: Memory assumed where the machine's cannot be read (no POSIX sysconf).
FALLBACK_MEMORY: Final = 16 * 2**30
#: Most sessions x paths one run may draw. About 5.8 million path-sessions a second were
#: measured on a 2-core machine (252 x 100,000 in 4.3 s), so the bound is some 30 minutes there;
#: 252 sessions x 39 million paths, where 10,000 paths already give +/-0.5 percentage point.
MAX_PATH_SESSIONS: Final = 10**10
#: Largest annualised volatility a run accepts (1,000% a year; a sub-$1 stock's is rarely above 300%).
#: Beyond it the model says nothing useful, and near float's range it overflows to NaN odds.
MAX_VOLATILITY: Final = 10.0
#: Largest one-year expected return a run accepts (+1,000% a year); the published post-split drifts are
#: negative (:data:`~splitcalc.evidence.EVIDENCE`).
MAX_DRIFT: Final = 10.0
#: Path-sessions a second assumed when a refusal estimates the time a run would take.
PATH_SESSIONS_PER_SECOND: Final = 5_000_000
#: Where Linux tells the memory a process may use (cgroup v2, then v1) and the memory free for it.
CGROUP_MEMORY_FILES: Final = (
    ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"),
    ("/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory/memory.usage_in_bytes"),
)
MEMINFO: Final = "/proc/meminfo"

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


# ----------------------------------------------------------------- results
@dataclass(frozen=True)
class Probability:
    """A Monte Carlo probability with its binomial standard error.

    >>> p = Probability(0.25, 10_000, "x")
    >>> round(p.stderr, 6), str(p)
    (0.00433, '25.00% ± 0.43%')
    """

    estimate: float
    paths: int
    label: str
    cite: str = ""

    @property
    def stderr(self) -> float:
        """``sqrt(p (1 - p) / paths)``."""
        p = self.estimate
        return math.sqrt(max(p * (1.0 - p), 0.0) / self.paths)

    @property
    def ci95(self) -> tuple[float, float]:
        """Normal-approximation 95% interval, clipped to [0, 1]."""
        half = 1.959963984540054 * self.stderr
        return max(0.0, self.estimate - half), min(1.0, self.estimate + half)

    def __float__(self) -> float:
        return self.estimate

    def __str__(self) -> str:
        return f"{self.estimate:.2%} ± {self.stderr:.2%}"


@dataclass(frozen=True)
class ParameterEstimate:
    """Daily log-return statistics of a price history.

    Attributes
    ----------
    daily_mean, daily_std
        Mean and sample standard deviation of daily log returns.
    returns
        Number of returns used (split-day returns excluded).
    """

    daily_mean: float
    daily_std: float
    returns: int

    @property
    def volatility(self) -> float:
        """Annualised: ``daily_std x sqrt(252)``."""
        return self.daily_std * math.sqrt(SESSIONS_PER_YEAR)

    @property
    def annual_return(self) -> float:
        """Expected one-year return implied: ``exp(252 (mean + std^2 / 2)) - 1``."""
        return math.expm1(SESSIONS_PER_YEAR * (self.daily_mean + self.daily_std**2 / 2))


@dataclass(frozen=True, eq=False)
class Simulation(FrameDisplay):
    """Result of :func:`simulate`.

    Attributes
    ----------
    start_price
        Post-split starting price.
    days, paths, seed
        Simulation size and the seed that reproduces it.
    drift, volatility
        One-year expected return and annualised volatility used.
    drift_source, volatility_source
        Where each came from (evidence citation, history, or given).
    daily_mean, daily_std
        The log-step parameters ``m`` and ``s``.
    rules
        The rule values applied.
    horizons
        Sessions in each horizon (``"6m"``, ``"12m"``, ``"one_year_bar"``).
    probabilities
        Event key -> :class:`Probability` (see :meth:`to_frame`).
    quantiles
        Per session: price quantiles (``q05`` ... ``q95``) and the mean.
    curves
        Per session: ``p_above`` (close at or above the minimum bid),
        ``p_regained`` and ``p_compliant`` (regained, no new deficiency yet).
    samples
        A few simulated price paths (rows) for illustration.
    notes
        Assumptions and approximations, stated.
    """

    start_price: Decimal
    start_date: dt.date | None
    days: int
    paths: int
    seed: int
    drift: float
    drift_source: str
    volatility: float
    volatility_source: str
    daily_mean: float
    daily_std: float
    rules: RuleValues
    horizons: Mapping[str, int]
    deadline_days: int | None
    probabilities: Mapping[str, Probability]
    quantiles: pd.DataFrame
    curves: pd.DataFrame
    samples: FloatArray
    notes: tuple[str, ...] = field(default=())

    def __getitem__(self, key: str) -> Probability:
        try:
            return self.probabilities[key]
        except KeyError:
            raise KeyError(f"{key!r}; available: {', '.join(self.probabilities)}") from None

    @property
    def min_bid(self) -> Decimal:
        """The minimum bid the paths were tested against."""
        assert self.rules.min_bid is not None
        return self.rules.min_bid.value

    def _title(self) -> str:
        return (
            f"Monte Carlo: {self.paths:,} paths x {self.days} sessions from ${self.start_price} "
            f"(drift {self.drift:+.2%}/yr, volatility {self.volatility:.0%}; seed {self.seed})"
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per event: probability, standard error, 95% interval and the rule."""
        import pandas as pd

        rows = []
        for key, p in self.probabilities.items():
            lo, hi = p.ci95
            rows.append((key, p.label, p.estimate, p.stderr, lo, hi, p.cite))
        return pd.DataFrame(
            rows, columns=["event", "description", "probability", "stderr", "ci95_low", "ci95_high", "rule"]
        ).set_index("event")

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: parameters, probabilities (with standard errors) and notes."""
        return {
            "start_price": self.start_price,
            "start_date": self.start_date,
            "days": self.days,
            "paths": self.paths,
            "seed": self.seed,
            "drift": self.drift,
            "drift_source": self.drift_source,
            "volatility": self.volatility,
            "volatility_source": self.volatility_source,
            "rules": self.rules.name,
            "min_bid": self.min_bid,
            "horizons": dict(self.horizons),
            "deadline_days": self.deadline_days,
            "probabilities": {
                k: {"probability": p.estimate, "stderr": p.stderr, "description": p.label, "rule": p.cite}
                for k, p in self.probabilities.items()
            },
            "final_quantiles": {str(k): float(v) for k, v in self.quantiles.iloc[-1].items()},
            "notes": list(self.notes),
        }


# ------------------------------------------------------------- parameters
def estimate_parameters(history: PriceHistory) -> ParameterEstimate:
    """Daily log-return mean and standard deviation of a price history.

    ``history`` is a Series of closes, a frame with a ``close`` column (as
    :func:`splitcalc.get_prices` returns), or an array. Returns on split
    dates listed in ``history.attrs["splits"]`` are dropped: an as-traded
    series jumps by the ratio there. Pass split-adjusted prices otherwise.

    >>> est = estimate_parameters([1.0, 1.1, 0.99, 1.089] * 6)
    >>> est.returns, round(est.daily_mean, 6)   # ln(1.089 / 1.0) / 23 returns
    (23, 0.003707)
    """
    import pandas as pd

    attrs = getattr(history, "attrs", {}) or {}
    if isinstance(history, pd.DataFrame):
        if "close" not in history.columns:
            raise InputError("history", list(history.columns), "needs a 'close' column")
        series = history["close"]
    elif isinstance(history, pd.Series):
        series = history
    else:
        series = pd.Series(np.asarray(history, dtype=np.float64))
    values = np.asarray(series, dtype=np.float64)
    if values.ndim != 1:
        raise InputError("history", values.shape, "must be one price series")
    if np.any(~np.isfinite(values)) or np.any(values <= 0):
        raise InputError("history", "prices", "must be positive and finite (drop missing days first)")
    returns = np.diff(np.log(values))
    keep = np.ones(returns.shape, dtype=bool)
    splits = attrs.get("splits") or ()
    if splits and isinstance(series.index, pd.DatetimeIndex):
        from ..calendars import index_days

        days = index_days(series.index)  # session dates, New York time for a tz-aware index
        for when, _ratio in splits:
            hit = np.flatnonzero(days[1:] == np.datetime64(pd.Timestamp(when).date(), "D"))
            keep[hit] = False
    returns = returns[keep]
    if returns.size < 20:
        raise InsufficientHistory(20, int(returns.size), "daily returns in history")
    return ParameterEstimate(float(returns.mean()), float(returns.std(ddof=1)), int(returns.size))


# ------------------------------------------------------------------ helpers
def _session_dates(start: dt.date, days: int, calendar: str) -> npt.NDArray[np.datetime64]:
    from ..calendars import date_to_session, session_days

    all_days = session_days(calendar)
    first = np.datetime64(date_to_session(start, "next", calendar), "D")
    i = int(np.searchsorted(all_days, first))
    if i + days > len(all_days):
        from ..errors import DateOutOfRange

        raise DateOutOfRange("days", days, f"runs past the {calendar} calendar splitcalc loads ({all_days[-1]})")
    return all_days[i : i + days]


def _resolve_drift(drift: object, est: ParameterEstimate | None) -> tuple[float, str]:
    if drift is None:
        drift = DEFAULT_EVIDENCE
    if isinstance(drift, DriftEvidence):
        return drift.annual_return, drift.describe()
    if isinstance(drift, str) and drift.strip().lower() == "history":
        if est is None:
            raise InputError("drift", drift, "needs history= (a price series) to estimate from")
        return est.annual_return, f"estimated from the stock's own history ({est.returns} daily returns)"
    if isinstance(drift, str) and drift.strip().lower() in EVIDENCE:
        ev = EVIDENCE[drift.strip().lower()]
        return ev.annual_return, ev.describe()
    if isinstance(drift, str):
        try:
            value = float(as_decimal(drift, "drift"))
        except InputError:
            raise InputError(
                "drift", drift, f"use a one-year return (-0.1076), 'history' or one of {', '.join(EVIDENCE)}"
            ) from None
    else:
        value = as_real(drift, "drift", what="a one-year return such as -0.1076, or an evidence name")
    if value <= -1 or value > MAX_DRIFT:
        raise InputError("drift", drift, f"must be a one-year return above -1 (-100%) and at most {MAX_DRIFT:g}")
    return value, "given"


def _resolve_volatility(volatility: object, est: ParameterEstimate | None) -> tuple[float, str]:
    if volatility is None:
        if est is None:
            raise InputError(
                "volatility",
                None,
                "give volatility= (annualised, e.g. 0.9) or history= to estimate it; the published studies give "
                "post-split returns, not volatility",
            )
        if est.volatility > MAX_VOLATILITY:  # a history of wild swings (or of errors) estimates nonsense
            raise InputError(
                "history",
                f"volatility {est.volatility:.4g}",
                f"estimates a volatility above {MAX_VOLATILITY:g} (1,000% a year); check the prices or give one",
            )
        return est.volatility, f"estimated from the stock's own history ({est.returns} daily returns)"
    value = as_real(volatility, "volatility", what="an annualised volatility such as 0.9")
    if value <= 0 or value > MAX_VOLATILITY:
        raise InputError(
            "volatility",
            volatility,
            f"must be a positive annualised volatility (0.9 = 90%) of at most {MAX_VOLATILITY:g}",
        )
    return value, "given"


def _count(value: object, name: str, minimum: int) -> int:
    return as_count(value, name, minimum=minimum)


def memory_needed(days: int, paths: int, *, chunk_size: int = DEFAULT_CHUNK, samples: int = 20) -> int:
    """Estimated peak bytes of a :func:`simulate` run.

    ``days x (rows x BYTES_PER_PATH_SESSION + BYTES_PER_SESSION)`` with
    ``rows = min(chunk_size, paths) + min(samples, paths)``: paths are drawn
    one chunk at a time, the per-session histogram lives for the whole run.

    >>> memory_needed(252, 10_000)  # 252 x ((8,192 + 20) x 64 + 2,048 x 24)
    144829440
    """
    rows = min(chunk_size, paths) + min(samples, paths)
    return days * (rows * BYTES_PER_PATH_SESSION + BYTES_PER_SESSION)


def _physical_memory() -> int:
    """Bytes of RAM on this machine (POSIX sysconf), else :data:`FALLBACK_MEMORY`."""
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return FALLBACK_MEMORY
    return pages * size if pages > 0 and size > 0 else FALLBACK_MEMORY


def _read_int(path: str) -> int | None:
    try:
        with open(path, encoding="ascii") as handle:
            text = handle.read(64).strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None  # "max": no limit


def available_memory() -> tuple[int, str]:
    """``(bytes, where)``: the memory this process can take, and which figure set it.

    The least of: the cgroup's limit less its usage (containers, systemd
    slices: cgroup v2 ``memory.max``, v1 ``memory.limit_in_bytes``),
    ``MemAvailable`` of ``/proc/meminfo`` (free memory plus what the kernel
    can reclaim), and the physical memory. Figures that cannot be read are
    skipped.
    """
    candidates = [(_physical_memory(), "physical memory")]
    for limit_file, usage_file in CGROUP_MEMORY_FILES:
        limit = _read_int(limit_file)
        if limit is not None and limit < 2**60:  # v1 writes a huge number for "no limit"
            used = _read_int(usage_file) or 0
            candidates.append((max(limit - used, 0), f"the cgroup limit ({limit_file})"))
            break
    try:
        with open(MEMINFO, encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    parts = line.split()
                    if len(parts) >= 2 and parts[1].isdigit():
                        candidates.append((int(parts[1]) * 1024, f"MemAvailable in {MEMINFO}"))
                    break
    except (OSError, UnicodeDecodeError):
        pass
    return min(candidates, key=lambda c: c[0])


def _size(n: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024:
            return f"{n:,.0f} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024
    return f"{n:,.1f} TiB"


def check_size(
    days: int,
    paths: int,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    samples: int = 20,
    param_name: str = "days",
) -> None:
    """Refuse a run that cannot fit in memory or would take hours, before allocating anything.

    Raises
    ------
    InputError
        ``days x paths`` exceeds :data:`MAX_PATH_SESSIONS` (named
        ``paths``), or :func:`memory_needed` exceeds :func:`available_memory`
        (``param_name`` names the sessions: the paths only count one chunk
        at a time).

    >>> check_size(252, 10_000)
    >>> check_size(10**9, 10_000)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    splitcalc.errors.InputError: days: 1,000,000,000 sessions x 8,192 paths per chunk need about ... TiB of memory...
    """
    needed = memory_needed(days, paths, chunk_size=chunk_size, samples=samples)
    have, where = available_memory()
    if needed > have:
        raise InputError(
            param_name,
            days,
            f"{days:,} sessions x {min(chunk_size, paths):,} paths per chunk need about {_size(needed)} of memory, "
            f"more than this process can have ({_size(have)}, {where}); simulate fewer sessions (252 = one year)",
        )
    work = days * paths
    if work > MAX_PATH_SESSIONS:
        hours = work / PATH_SESSIONS_PER_SECOND / 3600
        paths_name = "--paths" if param_name.startswith("--") else "paths"
        raise InputError(
            paths_name,
            paths,
            f"{days:,} sessions x {paths:,} paths is {work:,} path-sessions, about {hours:,.1f} hours of work; "
            f"the limit is {MAX_PATH_SESSIONS:,} (252 sessions x {MAX_PATH_SESSIONS // 252:,} paths). "
            "Use fewer paths: 10,000 already give +/-0.5 percentage point",
        )


@dataclass
class _Totals:
    """Streaming reductions over chunks."""

    days: int
    lo: float
    width: float
    hist: IntArray
    above: IntArray
    price_sum: FloatArray
    regain_at: IntArray
    deficiency_at: IntArray
    events: dict[str, int]


class _Prepared(NamedTuple):
    """Checked inputs and model parameters shared by :func:`simulate` and :func:`simulate_many`."""

    days: int
    paths: int
    chunk: int
    samples: int
    seed: int
    deadline_days: int | None
    values: RuleValues
    drift: float
    drift_source: str
    volatility: float
    volatility_source: str
    s: float
    m: float
    dates: npt.NDArray[np.datetime64] | None
    start: dt.date | None
    horizons: dict[str, int]
    price_test: str
    notes: list[str]
    calendar: str | None  # the exchange calendar of ``dates`` (None: undated)


def _prepare(
    *,
    days: int,
    paths: int,
    seed: int | None,
    drift: object,
    volatility: object,
    rules: object,
    history: PriceHistory | None,
    start_date: DateLike | None,
    deadline_days: int | None,
    calendar: str,
    chunk_size: int,
    samples: int,
) -> _Prepared:
    """Check the run's inputs and resolve drift, volatility, horizons and the rules (see :func:`simulate`)."""
    n_days = _count(days, "days", 1)
    n_paths = _count(paths, "paths", 1)
    chunk = _count(chunk_size, "chunk_size", 1)
    n_samples = min(_count(samples, "samples", 0), n_paths)
    check_size(n_days, n_paths, chunk_size=chunk, samples=n_samples)
    if deadline_days is not None:
        deadline_days = _count(deadline_days, "deadline_days", 1)
    if seed is None:
        seed = int(np.random.SeedSequence().entropy)  # type: ignore[arg-type]
    seed = _count(seed, "seed", 0)

    values = RuleValues.coerce(rules)
    if values.min_bid is None or values.regain_days is None or values.deficiency_days is None:
        raise InputError("rules", values.name, "has no minimum bid price rule to simulate")
    if values.price_test is None:
        raise InputError("rules", values.name, "has no price test rule (price_test) to simulate")
    notes: list[str] = []
    est = None if history is None else estimate_parameters(history)
    annual, drift_source = _resolve_drift(drift, est)
    vol, vol_source = _resolve_volatility(volatility, est)
    s = vol / math.sqrt(SESSIONS_PER_YEAR)
    m = math.log1p(annual) / SESSIONS_PER_YEAR - s * s / 2
    if "abnormal" in drift_source:
        notes.append("drift is a published abnormal return used as the total return (benchmark return taken as 0)")

    # horizons in sessions
    dates = None
    start = None
    if start_date is not None:
        from ..calendars import to_date

        start = to_date(start_date, "start_date")
        dates = _session_dates(start, n_days, calendar)
        from ..compliance.kernel import add_months, last_day_of_one_year_bar  # the rule kernel (imports pandas)

        ends = {"6m": add_months(start, 6), "12m": add_months(start, 12)}
        horizons = {k: int(np.searchsorted(dates, np.datetime64(v, "D"), side="right")) for k, v in ends.items()}
        # the one-year bar covers failures before the split's anniversary (the kernel's window reading)
        last_barred = np.datetime64(last_day_of_one_year_bar(start), "D")
        horizons["one_year_bar"] = int(np.searchsorted(dates, last_barred, side="right"))
    else:
        horizons = {"6m": 6 * SESSIONS_PER_MONTH, "12m": 12 * SESSIONS_PER_MONTH, "one_year_bar": SESSIONS_PER_YEAR}
        notes.append("no start_date: 21 sessions per month, 252 per year")

    price_test = str(values.price_test.value)
    if price_test == "discretionary":
        notes.append("NYSE American 1003(f)(v) has no numeric price test: Nasdaq-style streaks used as a proxy")
    elif price_test == "average_30_trading_days":
        if dates is None:
            notes.append("NYSE 802.01C: no start_date, so the month ends are unknown: the cure is tested every session")
        else:
            notes.append(
                "NYSE 802.01C: the cure is tested on each month's last trading day and the period's last session"
            )
    if price_test != "average_30_trading_days":  # the NYSE tests closing prices themselves (802.01C)
        notes.append("closes stand in for the closing bid (no bid data)")
    return _Prepared(
        *(n_days, n_paths, chunk, n_samples, seed, deadline_days, values),
        *(annual, drift_source, vol, vol_source, s, m),
        *(dates, start, horizons, price_test, notes, None if dates is None else calendar),
    )


# --------------------------------------------------------------- simulate
def simulate(
    start_price: MoneyLike,
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
    quantiles: Sequence[float] = DEFAULT_QUANTILES,
    samples: int = 20,
    progress: bool | None = None,
) -> Simulation:
    """Simulate post-split closes and the chance of regaining and keeping compliance.

    Parameters
    ----------
    start_price
        Post-split price on the effective date (``0.17 x 25 = 4.25``).
    days
        Sessions to simulate (252 = one year).
    paths
        Number of simulated paths.
    seed
        Seed for ``numpy.random.Generator(PCG64(seed))``; ``None`` draws one
        (stored in the result so the run can be repeated).
    drift
        One-year expected return (``-0.1076``), an evidence key from
        :data:`~splitcalc.evidence.EVIDENCE`, or ``"history"``.
        Default: Desai & Jain (1997), J. Business 70(3):409-433, -10.76%.
    volatility
        Annualised volatility (``0.9`` = 90%); default: from ``history``.
    rules
        A ``RuleSet`` or :class:`~splitcalc.scenarios.standards.RuleValues`
        (default: Nasdaq Capital Market today).
    history
        Closes of the stock (split-adjusted, or as traded with
        ``attrs["splits"]``) to estimate volatility (and drift, with
        ``drift="history"``).
    start_date
        Split effective date: sessions become exchange dates (``calendar``),
        and 6 / 12 months and the 365-day bar are counted in calendar time.
    deadline_days
        Sessions left in the compliance period; regaining later does not count.
    calendar
        exchange_calendars name for the dates (XNYS serves Nasdaq too).
    chunk_size
        Paths per chunk (memory ~ ``chunk_size x days x 64`` bytes; see :func:`memory_needed`).
    quantiles
        Price quantiles reported per session.
    samples
        Paths kept whole for charts.
    progress
        Show a one-line progress count per chunk on stderr: ``None`` (the
        default) only when stderr is a terminal (:mod:`splitcalc.progress`).

    Returns
    -------
    Simulation

    Examples
    --------
    >>> sim = simulate(4.25, days=252, paths=2_000, seed=7, volatility=0.9)
    >>> sim["regain"].estimate > 0.99, sim.drift
    (True, -0.1076)
    """
    import pandas as pd

    price = as_decimal(start_price, "start_price")
    if price <= 0:
        raise InputError("start_price", start_price, "must be positive")
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
        samples=samples,
    )
    n_days, n_paths, chunk, n_samples, seed = p.days, p.paths, p.chunk, p.samples, p.seed
    deadline_days, values, annual, drift_source = p.deadline_days, p.values, p.drift, p.drift_source
    vol, vol_source, s, m = p.volatility, p.volatility_source, p.s, p.m
    dates, start, horizons, price_test, notes = p.dates, p.start, p.horizons, p.price_test, p.notes
    qs = tuple(float(q) for q in quantiles)
    if any(not 0.0 < q < 1.0 for q in qs):
        raise InputError("quantiles", quantiles, "must lie strictly between 0 and 1")

    log_s0 = math.log(float(price))
    spread = HIST_SIGMAS * s * math.sqrt(n_days)
    lo = log_s0 + min(0.0, m * n_days) - spread - 1e-9
    hi = log_s0 + max(0.0, m * n_days) + spread + 1e-9
    totals = _Totals(
        days=n_days,
        lo=lo,
        width=(hi - lo) / HIST_BINS,
        hist=np.zeros(n_days * HIST_BINS, dtype=np.int64),
        above=np.zeros(n_days, dtype=np.int64),
        price_sum=np.zeros(n_days, dtype=np.float64),
        regain_at=np.zeros(n_days, dtype=np.int64),
        deficiency_at=np.zeros(n_days, dtype=np.int64),
        events=dict.fromkeys(_EVENT_KEYS, 0),
    )
    rng = np.random.Generator(np.random.PCG64(seed))
    sample_rows: list[FloatArray] = []
    from ..progress import progress as _progress

    starts = range(0, n_paths, chunk)
    for first in _progress(starts, desc=f"simulate {n_paths:,} paths", enabled=progress):
        n = min(chunk, n_paths - first)
        logp = rng.standard_normal((n, n_days))
        logp *= s
        logp += m
        np.cumsum(logp, axis=1, out=logp)
        logp += log_s0
        if len(sample_rows) < n_samples:
            sample_rows.extend(np.exp(logp[: n_samples - len(sample_rows)]))
        _chunk(
            logp,
            values=values,
            price_test=price_test,
            horizons=horizons,
            deadline=deadline_days,
            totals=totals,
            dates=dates,
            calendar=p.calendar,
        )

    probabilities = _probabilities(
        totals.events,
        paths=n_paths,
        values=values,
        horizons=horizons,
        days=n_days,
        deadline=deadline_days,
        notes=notes,
    )
    index = (
        pd.DatetimeIndex(dates.astype("datetime64[ns]"), name="date")
        if dates is not None
        else pd.RangeIndex(1, n_days + 1, name="session")
    )
    qframe = pd.DataFrame(_hist_quantiles(totals, qs, n_paths), index=index)
    qframe["mean"] = totals.price_sum / n_paths
    regained = np.cumsum(totals.regain_at)
    deficient = np.cumsum(totals.deficiency_at)
    curves = pd.DataFrame(
        {
            "p_above": totals.above / n_paths,
            "p_regained": regained / n_paths,
            "p_compliant": (regained - deficient) / n_paths,
        },
        index=index,
    )
    return Simulation(
        start_price=price,
        start_date=start,
        days=n_days,
        paths=n_paths,
        seed=seed,
        drift=annual,
        drift_source=drift_source,
        volatility=vol,
        volatility_source=vol_source,
        daily_mean=m,
        daily_std=s,
        rules=values,
        horizons=horizons,
        deadline_days=deadline_days,
        probabilities=probabilities,
        quantiles=qframe,
        curves=curves,
        samples=np.array(sample_rows, dtype=np.float64).reshape(len(sample_rows), n_days),
        notes=tuple(notes),
    )


_EVENT_KEYS: Final = (
    "regain",
    "regain_max",
    "compliant_6m",
    "compliant_12m",
    "new_deficiency_1y",
    "low_price",
    "not_regained",
    "delisting",
    "above_at_end",
)


class _PathEvents(NamedTuple):
    """Per-path outcomes of one chunk (index arrays use -1 for "never")."""

    regain: IntArray  # session completing the regain run, -1 if none before the deadline (or $0.10 first)
    regain_max: IntArray  # the same with regain_days_max
    deficiency: IntArray  # first new deficiency after regaining, -1 if none
    low_price: npt.NDArray[np.bool_]  # the $0.10 rule ended a compliance period
    above: npt.NDArray[np.bool_]  # close >= minimum bid, per path and session
    prices: FloatArray  # the closes, per path and session


def _path_events(
    logp: FloatArray,
    values: RuleValues,
    price_test: str,
    deadline: int | None,
    *,
    dates: npt.NDArray[np.datetime64] | None = None,
    calendar: str | None = None,
) -> _PathEvents:
    """Apply the price rules to each row of log closes (session 0 = effective date) with the rule kernel's cases.

    Every path starts inside a compliance period that ends on session
    ``deadline - 1`` (``None``: after the horizon): the kernel's case machine
    (:func:`splitcalc.compliance.kernel.cases.chain`) settles it -- regained,
    ended by the $0.10 rule or run out -- and, after a regain, finds and
    settles the next deficiency, as it does for ``check_compliance`` and
    ``scan``. With ``dates`` (and their exchange ``calendar``) the next case's
    notice, period ends and the NYSE month-end tests are dated; without them
    its period runs to the horizon and every session is an NYSE test day.
    """
    assert values.min_bid is not None
    from ..compliance.kernel.cases import LOW_PRICE, ConsecutiveBid, ThirtyDayAverage, chain  # imports pandas

    n, days = logp.shape
    prices = np.exp(logp)
    rs = values.ruleset

    def groups_of(day: npt.NDArray[np.datetime64], _notice: npt.NDArray[np.datetime64]) -> Groups:
        return [(np.ones(len(day), dtype=bool), rs)]

    extra: int | None = None
    test: ConsecutiveBid | ThirtyDayAverage
    if price_test == "average_30_trading_days":
        # the average over the sessions since the split until 30 of them exist, in whole $0.0001
        test = ThirtyDayAverage(prices, rs, grid=dates, calendar=calendar, partial=True)
    else:
        test = ConsecutiveBid(prices, rs, grid=dates, calendar=calendar)
        if values.regain_days_max is not None:
            extra = int(values.regain_days_max.value)
    last = np.full(n, days if deadline is None else deadline - 1, dtype=np.int64)
    table = chain(test, groups_of, opened=(np.arange(n, dtype=np.int64), last), max_cases=2, extra_need=extra)
    settled = table.settled
    regain = settled.regain[:n]  # the opened cases come first, one per path in order
    regain_max = settled.regain_extra[:n] if extra is not None else regain
    deficiency = np.full(n, -1, dtype=np.int64)
    deficiency[table.row[n:]] = table.t[n:]  # at most one later case per path (max_cases=2)
    low = np.zeros(n, dtype=bool)
    low[table.row[settled.outcome == LOW_PRICE]] = True
    return _PathEvents(regain, regain_max, deficiency, low, prices >= float(values.min_bid.value), prices)


def _tally(
    e: _PathEvents,
    *,
    values: RuleValues,
    horizons: Mapping[str, int],
    deadline: int | None,
    events: dict[str, int],
) -> None:
    """Count the paths of one chunk in each event of :data:`_EVENT_KEYS` (the rules applied by :func:`_path_events`)."""
    n, days = e.above.shape
    regained = e.regain >= 0
    has_d = e.deficiency >= 0
    g = np.where(regained, e.regain, days)
    d = e.deficiency
    ev = events
    ev["regain"] += int(regained.sum())
    ev["regain_max"] += int((e.regain_max >= 0).sum())
    for key in ("6m", "12m"):
        h = horizons[key]
        if h <= days:
            ev[f"compliant_{key}"] += int((regained & (g < h) & (~has_d | (d >= h))).sum())
    new_def = regained & has_d & (d < horizons["one_year_bar"])
    ev["new_deficiency_1y"] += int(new_def.sum())
    ev["low_price"] += int(e.low_price.sum())
    not_regained = ~regained if deadline is not None else np.zeros(n, dtype=bool)
    ev["not_regained"] += int(not_regained.sum())
    bar = values.one_year_bar is not None and bool(values.one_year_bar.value)
    delist = e.low_price | not_regained | (new_def if bar else np.zeros(n, dtype=bool))
    ev["delisting"] += int(delist.sum())
    ev["above_at_end"] += int(e.above[:, -1].sum())


def _chunk(
    logp: FloatArray,
    *,
    values: RuleValues,
    price_test: str,
    horizons: Mapping[str, int],
    deadline: int | None,
    totals: _Totals,
    dates: npt.NDArray[np.datetime64] | None,
    calendar: str | None,
) -> None:
    """Apply the rules to one chunk of log-price paths and add to the totals."""
    days = logp.shape[1]
    e = _path_events(logp, values, price_test, deadline, dates=dates, calendar=calendar)
    _tally(e, values=values, horizons=horizons, deadline=deadline, events=totals.events)
    regained = e.regain >= 0
    has_d = e.deficiency >= 0
    d = e.deficiency

    idx = np.arange(days, dtype=np.int64)
    totals.price_sum += e.prices.sum(axis=0)
    totals.above += e.above.sum(axis=0)
    totals.regain_at += np.bincount(e.regain[regained], minlength=days)
    totals.deficiency_at += np.bincount(d[has_d], minlength=days)
    bins = ((logp - totals.lo) / totals.width).astype(np.int64)
    np.clip(bins, 0, HIST_BINS - 1, out=bins)
    bins += idx * HIST_BINS
    totals.hist += np.bincount(bins.ravel(), minlength=days * HIST_BINS)


def _hist_quantiles(totals: _Totals, qs: Sequence[float], paths: int) -> dict[str, FloatArray]:
    hist = totals.hist.reshape(totals.days, HIST_BINS)
    cum = np.cumsum(hist, axis=1)
    out: dict[str, FloatArray] = {}
    rows = np.arange(totals.days)
    for q in qs:
        target = q * paths
        k = np.argmax(cum >= target, axis=1)
        before = np.where(k > 0, cum[rows, np.maximum(k - 1, 0)], 0)
        inside = hist[rows, k]
        frac = np.where(inside > 0, (target - before) / np.maximum(inside, 1), 0.5)
        out[f"q{round(q * 100):02d}"] = np.exp(totals.lo + totals.width * (k + frac))
    return out


def _probabilities(
    events: Mapping[str, int],
    *,
    paths: int,
    values: RuleValues,
    horizons: Mapping[str, int],
    days: int,
    deadline: int | None,
    notes: list[str],
) -> dict[str, Probability]:
    assert values.min_bid is not None
    assert values.regain_days is not None
    assert values.deficiency_days is not None
    bid = f"${values.min_bid.value}"
    by = f" within {deadline} sessions (the compliance period left)" if deadline is not None else " within the horizon"
    out: dict[str, Probability] = {}

    def put(key: str, label: str, cite: str) -> None:
        out[key] = Probability(events[key] / paths, paths, label, cite)

    put("regain", f"regain: {values.regain_days.value} consecutive closes >= {bid}{by}", values.regain_days.cite)
    if values.regain_days_max is not None:
        put(
            "regain_max",
            f"regain if staff ask for {values.regain_days_max.value} consecutive closes >= {bid}{by}",
            values.regain_days_max.cite,
        )
    for key, months in (("6m", 6), ("12m", 12)):
        if horizons[key] <= days:
            put(
                f"compliant_{key}",
                f"compliant {months} months after the split (regained, no new "
                f"{values.deficiency_days.value}-day deficiency)",
                values.deficiency_days.cite,
            )
        else:
            notes.append(f"compliant_{key} not estimated: {days} sessions simulated, {horizons[key]} needed")
    bar = values.one_year_bar is not None and bool(values.one_year_bar.value)
    put(
        "new_deficiency_1y",
        f"new deficiency ({values.deficiency_days.value} closes < {bid}) within one year of the split"
        + (": no compliance period under the one-year bar" if bar else ""),
        values.one_year_bar.cite if bar and values.one_year_bar is not None else values.deficiency_days.cite,
    )
    if horizons["one_year_bar"] > days:
        notes.append(f"new_deficiency_1y counts only the {days} sessions simulated")
    if values.low_price_threshold is not None and values.low_price_days is not None:
        put(
            "low_price",
            f"closes <= ${values.low_price_threshold.value} for {values.low_price_days.value} consecutive "
            "sessions during a compliance period",
            values.low_price_threshold.cite,
        )
    if deadline is not None:
        put("not_regained", f"not regained within {deadline} sessions: period ends", values.regain_days.cite)
    parts = []
    if "low_price" in out:
        parts.append("the $0.10 rule")
    if bar:
        parts.append("a new deficiency within one year")
    if deadline is not None:
        parts.append("no regain by the deadline")
    if parts:
        pairs = ((values.low_price_threshold, "low_price" in out), (values.one_year_bar, bar))
        cites = [c.cite for c, on in pairs if c is not None and on]
        put("delisting", "delisting determination: " + ", ".join(parts), "; ".join(cites) or values.regain_days.cite)
    put("above_at_end", f"close >= {bid} on the last simulated session", values.min_bid.cite)
    return out
