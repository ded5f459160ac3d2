"""Charts of splitcalc results (matplotlib, imported on first use).

Every function takes a result, draws on the ``ax`` given or on a new
:class:`matplotlib.figure.Figure` (never pyplot's global state, never
``plt.show()``, no rcParams changes), and returns the Axes (the two-panel
price chart returns its Figure). ``ax.figure.savefig("chart.png")`` writes it.

* :func:`price_history` / :func:`price_history_panels` -- closes as traded
  and split-adjusted, $1.00 line, split dates, deficiency streaks, deadlines;
* :func:`compliance_timeline` -- a compliance case as a dated chart;
* :func:`ratio_sweep` -- post-split price and holders vs the ratio;
* :func:`fan_chart` -- Monte Carlo fan with the probability of compliance;
* :func:`capital_structure` -- outstanding / reserved / available, before and after;
* :func:`holder_distribution` -- holders by position size, before and after.
"""

from __future__ import annotations

from .holders import LOG_BUCKETS, holder_distribution
from .montecarlo import fan_chart
from .prices import price_history, price_history_panels
from .structure import capital_structure
from .sweep import ratio_sweep
from .timeline import compliance_timeline

__all__ = [
    "LOG_BUCKETS",
    "capital_structure",
    "compliance_timeline",
    "fan_chart",
    "holder_distribution",
    "price_history",
    "price_history_panels",
    "ratio_sweep",
]
