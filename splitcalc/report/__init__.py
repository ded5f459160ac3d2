"""Reports: one command that answers "what does this split do to us, and do we keep the listing?".

:class:`Report` analyses a :class:`~splitcalc.analysis.scenario_file.Scenario` with
every splitcalc module its data allows and renders it as self-contained
HTML (autoescaped Jinja2, inline CSS, charts as embedded PNG), Markdown or
JSON. ``python -m splitcalc report`` is its command line.
"""

from __future__ import annotations

from .document import Report, ReportFormat
from .parts import Figure, Section, Table

__all__ = ["Figure", "Report", "ReportFormat", "Section", "Table"]
