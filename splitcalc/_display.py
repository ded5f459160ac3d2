"""How result objects show themselves in a terminal and in a notebook.

Every frozen result class in splitcalc implements ``to_frame()``; mixing in
:class:`FrameDisplay` gives it a plain-text ``__str__`` and an HTML
``_repr_html_`` (escaped by pandas) built from that one frame.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FrameDisplay"]


class FrameDisplay:
    """Mixin: ``__str__`` and ``_repr_html_`` from ``to_frame()``."""

    def to_frame(self) -> pd.DataFrame:  # pragma: no cover - overridden
        raise NotImplementedError

    def _title(self) -> str:
        return type(self).__name__

    def __str__(self) -> str:
        frame = self.to_frame()
        return f"{self._title()}\n{frame.to_string()}"

    def _repr_html_(self) -> str:
        frame = self.to_frame()
        caption = html.escape(self._title())
        return f"<div><strong>{caption}</strong>{frame.to_html(escape=True)}</div>"
