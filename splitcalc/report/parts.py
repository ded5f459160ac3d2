"""The building blocks of a report: sections holding tables, figures and notes.

Tables keep raw values (ints, Decimals, dates) so that :meth:`Report.to_dict`
stays exact; the templates format them with
:func:`splitcalc.report.formatting.cell`. Figures are PNG bytes, embedded in
the HTML as ``data:`` URIs so the file opens offline and fetches nothing.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from .formatting import cell

__all__ = ["Figure", "Section", "Table"]


@dataclass(frozen=True)
class Table:
    """A table: column names and rows of raw values.

    ``numeric`` marks the columns to right-align (computed from the values
    when not given).
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    caption: str = ""
    numeric: tuple[bool, ...] = ()

    def __post_init__(self) -> None:
        rows = tuple(tuple(r) for r in self.rows)
        for r in rows:
            if len(r) != len(self.columns):
                raise ValueError(f"row {r!r} has {len(r)} cells for {len(self.columns)} columns")
        object.__setattr__(self, "rows", rows)
        object.__setattr__(self, "columns", tuple(self.columns))
        if not self.numeric:
            flags = []
            for i in range(len(self.columns)):
                values = [r[i] for r in rows if r[i] is not None and r[i] != ""]
                flags.append(bool(values) and all(_is_number(v) for v in values))
            object.__setattr__(self, "numeric", tuple(flags))

    @property
    def dates(self) -> tuple[bool, ...]:
        """Columns whose values are all dates: printed without a line break inside (``white-space: nowrap``)."""
        import datetime as dt

        flags = []
        for i in range(len(self.columns)):
            values = [r[i] for r in self.rows if r[i] is not None and r[i] != ""]
            flags.append(bool(values) and all(isinstance(v, dt.date) for v in values))
        return tuple(flags)

    def text_rows(self) -> list[list[str]]:
        """The rows as display text."""
        return [[cell(v) for v in r] for r in self.rows]

    def to_dict(self) -> dict[str, object]:
        """``{"caption", "columns", "rows"}`` with raw values."""
        return {"caption": self.caption, "columns": list(self.columns), "rows": [list(r) for r in self.rows]}


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    if isinstance(value, str):
        return value.lstrip("-$").replace(",", "").replace(".", "", 1).replace("%", "").isdigit()
    return type(value).__name__ in ("Decimal", "Fraction")


@dataclass(frozen=True)
class Figure:
    """A chart as PNG bytes with its alternative text."""

    title: str
    png: bytes
    alt: str = ""

    @property
    def data_uri(self) -> str:
        """``data:image/png;base64,...`` for an ``<img src>`` (no network)."""
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")

    def to_dict(self) -> dict[str, object]:
        """Title and alt text (the image itself is left out of JSON)."""
        return {"title": self.title, "alt": self.alt, "png_bytes": len(self.png)}


@dataclass(frozen=True)
class Section:
    """One titled part of a report.

    Attributes
    ----------
    key
        Stable identifier (``"structure"``, ``"compliance"`` ...), used as the
        HTML anchor and the JSON key.
    title
        Heading.
    paragraphs
        Plain-text paragraphs before the tables (escaped on output).
    tables, figures
        Content.
    notes
        Footnotes: sources, assumptions, caveats specific to the section.
    source
        The splitcalc module the section comes from.
    """

    key: str
    title: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    figures: tuple[Figure, ...] = ()
    notes: tuple[str, ...] = ()
    source: str = ""
    data: dict[str, object] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready content (raw values; figures by title only)."""
        return {
            "key": self.key,
            "title": self.title,
            "source": self.source,
            "paragraphs": list(self.paragraphs),
            "tables": [t.to_dict() for t in self.tables],
            "figures": [f.to_dict() for f in self.figures],
            "notes": list(self.notes),
            "data": self.data,
        }
