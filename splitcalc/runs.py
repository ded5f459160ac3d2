"""Run-length helpers, kept importable here.

They live in the rule kernel, :mod:`splitcalc.compliance.kernel.streaks`, the one place streaks are counted.
"""

from __future__ import annotations

from .compliance.kernel.streaks import first_run_end, last_run_start, run_lengths

__all__ = ["first_run_end", "last_run_start", "run_lengths"]
