"""The :class:`Report`: one scenario analysed, rendered as HTML, Markdown or JSON."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..analysis.scenario_file import Scenario, load_example, load_scenario
from ..atomic import atomic_write, check_target
from ..errors import InputError
from ..ratio import SplitRatio
from ..scenarios.recommend import DEFAULT_MIN_ODDS, Objective
from ..serialize import dumps
from ..structure import SplitEffect
from . import assemble
from .parts import Section

if TYPE_CHECKING:
    import pandas as pd

    from ..analysis import Analysis
    from ..holdings import Holdings

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


@dataclass(frozen=True, init=False)
class Report:
    """What a reverse split does to a company, and whether it keeps the listing: an :class:`Analysis` rendered.

    Parameters
    ----------
    analysis
        The :class:`~splitcalc.analysis.Analysis` to render
        (:func:`splitcalc.analyse`). A :class:`~splitcalc.analysis.scenario_file.Scenario`
        is analysed first, with the keyword arguments below.
    charts
        ``True``: embed the two most telling charts (price history and
        compliance, Monte Carlo fan, ratio sweep, holders -- in that order of
        preference); ``"all"``: every chart; ``False``: none. Each chart
        costs a few tenths of a second to render.
    holdings, prices, paths, seed, objective, min_odds
        Passed to :func:`splitcalc.analyse` when ``analysis`` is a Scenario
        (an error with an Analysis: it was made with its own).

    The report computes nothing: every figure comes from the analysis; the
    sections are laid out once, on construction. A part the analysis left out
    (no holder file, no price file, no rules in force) has no section.

    Examples
    --------
    >>> r = Report.example("neotherapeutics-2002", charts=False)
    >>> r.key_figures["shares_after"], r.key_figures["price_after"]
    (1590112, Decimal('4.25'))
    """

    analysis: Analysis
    charts: bool | Literal["all"]
    sections: tuple[Section, ...]

    def __init__(
        self,
        analysis: Analysis | Scenario,
        *,
        charts: bool | Literal["all"] = True,
        holdings: Holdings | None = None,
        prices: pd.DataFrame | None = None,
        paths: int | None = None,
        seed: int | None = None,
        objective: Objective | None = None,
        min_odds: float | None = None,
    ) -> None:
        from ..analysis import DEFAULT_PATHS, DEFAULT_SEED, Analysis, analyse

        if charts not in (True, False, "all"):
            raise InputError("charts", charts, "use True, False or 'all'")
        options = {
            "holdings": holdings,
            "prices": prices,
            "paths": paths,
            "seed": seed,
            "objective": objective,
            "min_odds": min_odds,
        }
        if isinstance(analysis, Scenario):
            analysis = analyse(
                analysis,
                holdings=holdings,
                prices=prices,
                paths=DEFAULT_PATHS if paths is None else paths,
                seed=DEFAULT_SEED if seed is None else seed,
                objective="odds" if objective is None else objective,
                min_odds=DEFAULT_MIN_ODDS if min_odds is None else min_odds,
            )
        elif isinstance(analysis, Analysis):
            given = [name for name, value in options.items() if value is not None]
            if given:
                raise InputError(
                    given[0], options[given[0]], "is an analyse() option: pass it to splitcalc.analyse(), not Report()"
                )
        else:
            raise InputError(
                "analysis", analysis, "must be an Analysis (splitcalc.analyse) or a Scenario (see Report.example)"
            )
        object.__setattr__(self, "analysis", analysis)
        object.__setattr__(self, "charts", charts)
        object.__setattr__(self, "sections", assemble.build_sections(analysis, charts))

    # ------------------------------------------------------- the analysis
    @property
    def scenario(self) -> Scenario:
        """The scenario analysed."""
        return self.analysis.scenario

    @property
    def ratio(self) -> SplitRatio:
        """The evaluated ratio."""
        return self.analysis.ratio

    @property
    def effect(self) -> SplitEffect:
        """The evaluated split's effect on the capital structure."""
        return self.analysis.effect

    @property
    def key_figures(self) -> Mapping[str, object]:
        """The headline figures (:meth:`Analysis.key_figures`)."""
        return self.analysis.key_figures()

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
            "verdict": self.analysis.verdict.to_dict(),
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
        target = check_target(
            p, overwrite=force, inputs=self.scenario.input_paths, param_name="path", force_name="force=True"
        )
        return atomic_write(target, self.render(fmt), overwrite=force, param_name="path", force_name="force=True")

    def summary(self) -> str:
        """A few lines for the terminal: ratio, shares, price, deadline, status."""
        from .render import render_summary

        return render_summary(self)

    def __str__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        from .render import render_html

        return render_html(self, fragment=True)
