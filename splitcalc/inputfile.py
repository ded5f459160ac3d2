"""Input files: regular files only, of a bounded size.

Every file splitcalc reads on a user's word -- a scenario (TOML), a holder
file, a price file -- comes through :func:`check_input_file` or
:func:`read_input_bytes`. A device (``/dev/zero``), a FIFO, a socket or a
folder is refused with one message before anything is read, so nothing
hangs waiting for a writer or reads forever; a file larger than its limit
is refused before it is loaded.

Limits (:data:`SIZE_LIMITS`):

==============  =========  ===========================================
input           limit      room it leaves
==============  =========  ===========================================
scenario TOML   1 MiB      a scenario is a few kilobytes
price CSV       64 MiB     a century of daily rows is about 2 MiB
holder CSV      1 GiB      some 20 million positions
filing          16 MiB     an 8-K or proxy statement's text or HTML
==============  =========  ===========================================
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from .coerce import as_path
from .errors import InputError
from .names import check_label

__all__ = ["SIZE_LIMITS", "InputKind", "check_input_file", "read_input_bytes", "refuse_duplicate_columns"]

InputKind = Literal["scenario", "prices", "holders", "filing"]

#: Largest file accepted, in bytes, per kind of input.
SIZE_LIMITS: dict[InputKind, int] = {
    "scenario": 1 << 20,
    "prices": 64 << 20,
    "holders": 1 << 30,
    "filing": 16 << 20,
}

_WHAT: dict[InputKind, str] = {
    "scenario": "scenario file",
    "prices": "price file",
    "holders": "holder file",
    "filing": "filing",
}
_MISSING: dict[InputKind, str] = {
    "scenario": "no such file",
    "prices": "no such price file",
    "holders": "no such file",
    "filing": "no such file",
}


def _size_text(n: int) -> str:
    for unit, shift in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if n >= 1 << shift:
            return f"{n / (1 << shift):.3g} {unit}"
    return f"{n} bytes"


def _check_mode(
    mode: int,
    size: int,
    path: str,
    kind: InputKind,
    *,
    param_name: str,
    error: type[InputError],
    limit: int | None = None,
) -> None:
    what = _WHAT[kind]
    if stat.S_ISDIR(mode):
        raise error(param_name, path, f"is a folder, not a {what}")
    if not stat.S_ISREG(mode):
        raise error(param_name, path, f"is not a regular file (a device, FIFO or socket); give a {what}")
    limit = SIZE_LIMITS[kind] if limit is None else limit
    if size > limit:
        raise error(param_name, path, f"is {_size_text(size)}; a {what} may be at most {_size_text(limit)}")


def check_input_file(
    path: str | os.PathLike[str],
    kind: InputKind,
    *,
    param_name: str = "path",
    error: type[InputError] = InputError,
) -> Path:
    """Return ``path`` if it names a regular file within the size limit of ``kind``.

    For readers that hand the path on (pandas); :func:`read_input_bytes`
    checks the opened file itself and is preferred where the bytes are read
    here.

    Raises
    ------
    InputError
        (or ``error``, a subclass) The file is missing, a folder, not a
        regular file, unreadable, or over the limit.
    """
    p = as_path(path, param_name, error=error).expanduser()  # None, bytes, numbers, "": the input door's error
    check_label(str(path), param_name, error=error)  # a file's name is shown in outputs (sources, origins)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise error(param_name, str(path), _MISSING[kind]) from None
    except OSError as exc:
        raise error(param_name, str(path), f"cannot be read ({exc.strerror or exc})") from None
    _check_mode(st.st_mode, st.st_size, str(path), kind, param_name=param_name, error=error)
    return p


def read_input_bytes(
    path: str | os.PathLike[str],
    kind: InputKind,
    *,
    param_name: str = "path",
    error: type[InputError] = InputError,
    limit: int | None = None,
) -> bytes:
    """The bytes of the regular file ``path``, refused past the size limit of ``kind``.

    The file is opened without blocking (a FIFO with no writer does not
    hang) and judged by what was opened, not by a look at the name first.

    ``limit`` replaces the size limit of ``kind`` for this call.

    Raises
    ------
    InputError
        (or ``error``) As :func:`check_input_file`.
    """
    p = as_path(path, param_name, error=error).expanduser()  # None, bytes, numbers, "": the input door's error
    check_label(str(path), param_name, error=error)  # a file's name is shown in outputs (sources, origins)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(p, flags)
    except FileNotFoundError:
        raise error(param_name, str(path), _MISSING[kind]) from None
    except IsADirectoryError:
        raise error(param_name, str(path), f"is a folder, not a {_WHAT[kind]}") from None
    except OSError as exc:
        raise error(param_name, str(path), f"cannot be read ({exc.strerror or exc})") from None
    try:
        st = os.fstat(fd)
        limit = SIZE_LIMITS[kind] if limit is None else limit
        _check_mode(st.st_mode, st.st_size, str(path), kind, param_name=param_name, error=error, limit=limit)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)  # the file may have grown since fstat
    except OSError as exc:
        raise error(param_name, str(path), f"cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise error(param_name, str(path), f"is over {_size_text(limit)}, the limit for a {_WHAT[kind]}")
    return data


def refuse_duplicate_columns(
    names: Sequence[str],
    *,
    where: str,
    error: type[InputError] = InputError,
    key: Callable[[str], str] | None = None,
) -> None:
    """Refuse a header that names one column twice, before a table reader renames the copy.

    pandas reads ``holder_id,shares,shares`` as columns ``shares`` and
    ``shares.1`` and the first one wins, silently. Names are compared without
    case and surrounding spaces (and by ``key`` when given, the reader's
    own normal form of a column name). Unnamed columns are skipped.

    Raises
    ------
    InputError
        (or ``error``) naming ``where`` and the repeated column.
    """
    normal = key or (lambda name: name.strip().casefold())
    seen: dict[str, str] = {}
    for name in names:
        k = normal(name)
        if not k:  # unnamed (a trailing comma): nothing is read from it
            continue
        if k in seen:
            reason = f"column appears twice in the header: {seen[k]!r} and {name!r}; rename or drop one"
            raise error(where, list(names), reason)
        seen[k] = name
