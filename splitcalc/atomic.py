"""Atomic file writes: a reader sees the old file or the new one, never half.

Data goes to a temporary file in the destination's folder, is flushed and
fsynced, then renamed over the destination with :func:`os.replace` (atomic on
POSIX and Windows within one file system).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from .errors import InputError

__all__ = ["atomic_write"]


def atomic_write(
    path: str | os.PathLike[str],
    data: bytes | str,
    *,
    overwrite: bool = True,
    encoding: str = "utf-8",
) -> Path:
    """Write ``data`` to ``path`` atomically and return the path.

    Parameters
    ----------
    path
        Destination file. Its folder must exist.
    data
        Bytes, or text encoded with ``encoding``.
    overwrite
        When False an existing ``path`` raises :class:`InputError` and is left
        untouched. (The check and the rename are not one atomic step; a file
        created in between is replaced.)

    Raises
    ------
    InputError
        ``path`` exists and ``overwrite`` is False.
    OSError
        The folder is missing or not writable; nothing is left behind.
    """
    target = Path(path)
    if not overwrite and target.exists():
        raise InputError("output", str(target), "exists; choose another path or pass --force")
    payload = data.encode(encoding) if isinstance(data, str) else data
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, _file_mode(target))
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return target


def _file_mode(target: Path) -> int:
    """The permissions ``open(target, "w")`` would give: the existing file's, else 0o666 less the umask.

    (:func:`tempfile.mkstemp` creates its file private, 0o600, which would
    otherwise leave every report and export readable by its owner only.)
    """
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        pass
    mask = os.umask(0o022)  # read the umask: os has no getter
    os.umask(mask)
    return 0o666 & ~mask
