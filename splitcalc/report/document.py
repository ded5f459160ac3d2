"""The :class:`Report`: one scenario analysed, rendered as HTML, Markdown or JSON."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..atomic import atomic_write, check_target
from ..coerce import as_count
from ..errors import InputError
from ..ratio import SplitRatio
from ..scenario_file import Scenario, load_example, load_scenario
from ..serialize import dumps
from ..structure import SplitEffect
from . import assemble
from .parts import Section

__all__ = ["Report", "ReportFormat"]

ReportFormat = Literal["html", "md", "json"]
#: Output format implied by a file name's suffix.
SUFFIX_FORMAT: dict[str, ReportFormat] = {
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
}
#: The file suffix written for each format.
FORMAT_SUFFIX: dict[ReportFormat, str] = {"html": ".html", "md": ".md", "json": ".json"}


@dataclass(frozen=True)
class Report:
    """What a reverse split does to a company, and whether it keeps the listing.

    Parameters
    ----------
    scenario
        The case (:class:`splitcalc.scenario_file.Scenario`); see
        :meth:`from_file` and :meth:`example`.
    holdings
        A :class:`splitcalc.Holdings` to use instead of the scenario's holder file.
    prices
        As-traded daily prices (a frame with a ``close`` column) to use instead
        of the scenario's price file.
    paths
        Monte Carlo paths for the post-split odds (modest by default, to keep
        the report fast).
    seed
        Seed for the Monte Carlo, so a report is reproducible.
    charts
        ``True``: embed the two most telling charts (price history and
        compliance, Monte Carlo fan, ratio sweep, holders -- in that order of
        preference); ``"all"``: every chart; ``False``: none. Each chart
        costs a few tenths of a second to render.

    The sections are computed once, on construction. A section whose data is
    missing (no holder file, no price file, no rules in force on the as-of
    date) is left out, never approximated.

    Examples
    --------
    >>> r = Report.example("neotherapeutics-2002", charts=False)
    >>> r.key_figures["shares_after"], r.key_figures["price_after"]
    (1590112, Decimal('4.25'))
    """

    scenario: Scenario
    holdings: Any = None
    prices: Any = None
    paths: int = 500
    seed: int = 2002
    charts: bool | Literal["all"] = True
    ratio: SplitRatio = field(init=False)
    effect: SplitEffect = field(init=False)
    sections: tuple[Section, ...] = field(init=False)
    key_figures: Mapping[str, object] = field(init=False)
    results: Mapping[str, object] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.scenario, Scenario):
            raise InputError("scenario", self.scenario, "must be a Scenario (see Report.from_file / Report.example)")
        if self.charts not in (True, False, "all"):
            raise InputError("charts", self.charts, "use True, False or 'all'")
        object.__setattr__(self, "paths", as_count(self.paths, "paths", minimum=1, what="a positive whole number"))
        built = assemble.build(self)
        for name, value in built.items():
            object.__setattr__(self, name, value)

    # ---------------------------------------------------------- constructors
    @classmethod
    def from_file(cls, path: str | Path, **options: Any) -> Report:
        """A report on the scenario in a TOML file (see ``data/examples/README.md``)."""
        return cls(load_scenario(path), **options)

    @classmethod
    def example(cls, name: str, **options: Any) -> Report:
        """A report on a built-in example (``"neotherapeutics-2002"``)."""
        return cls(load_example(name), **options)

    # -------------------------------------------------------------- content
    def section(self, key: str) -> Section | None:
        """The section with this key (``"structure"``, ``"compliance"`` ...), if present."""
        for s in self.sections:
            if s.key == key:
                return s
        return None

    @property
    def title(self) -> str:
        """The report title."""
        return self.scenario.display_title

    # ------------------------------------------------------------- renderers
    def to_html(self) -> str:
        """A complete, self-contained HTML document (inline CSS, embedded charts, no URLs)."""
        from .render import render_html

        return render_html(self)

    def to_markdown(self) -> str:
        """The report as Markdown (charts embedded as ``data:`` images)."""
        from .render import render_markdown

        return render_markdown(self)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready content: key figures and every section, values exact (as text)."""
        from .. import __version__

        s = self.scenario
        return {
            "splitcalc": __version__,
            "title": self.title,
            "scenario": {
                "name": s.name,
                "company": s.company,
                "ticker": s.ticker,
                "exchange": s.exchange,
                "as_of": s.as_of,
                "hypothetical": s.hypothetical,
                "origin": s.origin,
            },
            "key_figures": dict(self.key_figures),
            "sections": [sec.to_dict() for sec in self.sections],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text (Decimals and Fractions kept exact as strings)."""
        return dumps(self.to_dict(), indent=indent)

    def render(self, fmt: ReportFormat = "html") -> str:
        """The report in ``fmt``: ``"html"``, ``"md"`` or ``"json"``."""
        if fmt == "html":
            return self.to_html()
        if fmt == "md":
            return self.to_markdown()
        if fmt == "json":
            return self.to_json()
        raise InputError("format", fmt, "use 'html', 'md' or 'json'")

    def save(self, path: str | Path, *, force: bool = False, fmt: ReportFormat | None = None) -> Path:
        """Write the report atomically; the format follows the suffix unless ``fmt`` is given.

        Raises
        ------
        InputError
            ``path`` is one of the report's input files (the scenario file, its
            price or holder file: never replaced, even with ``force``), a
            folder, in a missing folder, or exists and ``force`` is False.
        """
        p = Path(path).expanduser()
        if fmt is None:
            fmt = SUFFIX_FORMAT.get(p.suffix.lower())
            if fmt is None:
                raise InputError("path", str(path), "unknown suffix; use .html, .md or .json, or pass fmt=")
        target = check_target(p, overwrite=force, inputs=self.scenario.input_paths, param_name="path")
        return atomic_write(target, self.render(fmt), overwrite=force, param_name="path")

    def summary(self) -> str:
        """A few lines for the terminal: ratio, shares, price, deadline, status."""
        from .render import render_summary

        return render_summary(self)

    def __str__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        from .render import render_html

        return render_html(self, fragment=True)
