"""Charts (placeholder while the chart modules are written)."""

from __future__ import annotations

__all__: list[str] = []
