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
from collections.abc import Iterable
from pathlib import Path

from .errors import InputError

__all__ = ["atomic_write", "check_target"]


def atomic_write(
    path: str | os.PathLike[str],
    data: bytes | str,
    *,
    overwrite: bool = True,
    encoding: str = "utf-8",
    param_name: str = "output",
    force_name: str = "--force",
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
    param_name
        The parameter (or command-line flag) that named ``path``, for the
        error message: ``"--out"``, ``"--plot"``...
    force_name
        How the caller allows replacing a file, in its interface's words:
        ``"--force"`` (the default, for the command line) or ``"force=True"``.

    Raises
    ------
    InputError
        ``path`` exists and ``overwrite`` is False.
    OSError
        The folder is missing or not writable; nothing is left behind.
    """
    target = Path(path)
    if not overwrite and target.exists():
        raise InputError(param_name, str(target), f"exists; choose another path or pass {force_name}")
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


def check_target(
    path: str | os.PathLike[str],
    *,
    overwrite: bool,
    inputs: Iterable[str | os.PathLike[str] | None] = (),
    param_name: str = "output",
    force_name: str = "--force",
) -> Path:
    """Refuse a destination that must not be written, before any work is done; return it resolved.

    Parameters
    ----------
    path
        The file about to be written (with :func:`atomic_write`).
    overwrite
        Whether an existing file may be replaced (``--force``).
    inputs
        Files the output was computed from; ``None`` entries are skipped.
        ``path`` naming one of them (after resolving ``~``, ``..`` and
        symbolic links, or as a hard link) is always refused, even with
        ``overwrite``.
    param_name
        The parameter or flag named in the error (``"--out"``, ``"--plot"``).
    force_name
        As for :func:`atomic_write`.

    Raises
    ------
    InputError
        ``path`` is an input file, a folder, in a folder that does not exist,
        or exists and ``overwrite`` is False.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> check_target(folder / "out.csv", overwrite=False) == (folder / "out.csv").resolve()
    True
    >>> check_target(folder, overwrite=True, param_name="--out")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    splitcalc.errors.InputError: --out: is a folder; give a file name (got '...')
    """
    given = Path(path).expanduser()
    resolved = given.resolve()
    for source in inputs:
        if source is not None and _same_file(Path(source).expanduser().resolve(), resolved):
            raise InputError(param_name, str(path), "is an input file; refusing to overwrite it")
    if resolved.is_dir():
        raise InputError(param_name, str(path), "is a folder; give a file name")
    if not resolved.parent.is_dir():
        raise InputError(param_name, str(path), "its folder does not exist")
    if not overwrite and resolved.exists():
        raise InputError(param_name, str(path), f"exists; choose another path or pass {force_name}")
    return resolved


def _same_file(a: Path, b: Path) -> bool:
    if a == b:
        return True
    try:
        return os.path.samefile(a, b)  # hard links, case-insensitive file systems
    except OSError:  # either is missing: they cannot be one file
        return False


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
