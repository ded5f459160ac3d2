"""Reading a filing from disk: regular files only, a size limit, text only.

A filing on disk is untrusted input: it may be empty, binary, a device or
named pipe that never ends, or far larger than any press release or 8-K. It
is refused with an :class:`~splitcalc.errors.InputError` naming the file
before anything is parsed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ..coerce import as_count
from ..errors import InputError
from ..inputfile import SIZE_LIMITS, read_input_bytes

if TYPE_CHECKING:
    from .._types import PathLike

__all__ = ["MAX_FILING_BYTES", "read_filing"]

#: The largest filing read, 16 MiB: a press release or an 8-K is kilobytes; a
#: 10-K's main HTML document a few megabytes (:data:`splitcalc.inputfile.SIZE_LIMITS`).
MAX_FILING_BYTES: Final = SIZE_LIMITS["filing"]


def _looks_binary(raw: bytes) -> bool:
    head = raw[:65536]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) // 100


def read_filing(path: PathLike, *, limit: int = MAX_FILING_BYTES, param_name: str = "FILE") -> str:
    """The text of the filing at ``path`` (UTF-8, else Windows-1252 as older EDGAR files are).

    Raises
    ------
    InputError
        No such file; not a regular file (a folder, a pipe, a device); larger
        than ``limit`` bytes; empty or only whitespace; binary (NUL bytes or
        control characters).
    """
    limit = as_count(limit, "limit", minimum=1)
    raw = read_input_bytes(path, "filing", param_name=param_name, limit=limit)  # regular files only, bounded
    if not raw.strip():
        raise InputError(param_name, str(path), "is empty")
    if _looks_binary(raw):
        raise InputError(param_name, str(path), "is a binary file, not a filing's text or HTML")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")
