"""Atomic file writes: a reader sees the old file or the new one, never half.

Data goes to a temporary file in the destination's folder, is flushed and
fsynced, then renamed over the destination with :func:`os.replace` (atomic on
POSIX and Windows within one file system).
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType

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
        ``path`` exists (or is a symbolic link) and ``overwrite`` is False,
        or ``path`` is not a regular file (a device such as ``/dev/null``,
        a FIFO, a socket): the rename would replace it with a file.
    OSError
        The folder is missing or not writable; nothing is left behind.

    Notes
    -----
    The temporary file is removed on any exception, on Ctrl-C
    (:class:`KeyboardInterrupt`) and, when called from the main thread of
    a program that left SIGTERM at its default, on SIGTERM too (which
    then ends the program with :class:`SystemExit` status 143).
    """
    target = Path(path)
    _refuse_special(target, param_name)
    if not overwrite and os.path.lexists(target):
        raise InputError(param_name, str(target), f"exists; choose another path or pass {force_name}")
    payload = data.encode(encoding) if isinstance(data, str) else data
    with _sigterm_raises():
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


#: Exit status of a program ended by SIGTERM during a write (128 + signal 15, as a shell reports it).
SIGTERM_STATUS = 128 + int(signal.SIGTERM)


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(SIGTERM_STATUS)


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`SystemExit` so the temporary file is cleaned up.

    Only where Python can install a handler (the main thread) and only over
    the default action (termination without cleanup): a program's own
    SIGTERM handler, or SIG_IGN, is left as it is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    try:
        previous = signal.getsignal(signal.SIGTERM)
    except (AttributeError, ValueError):  # pragma: no cover - platforms without SIGTERM
        yield
        return
    if previous is not signal.SIG_DFL:
        yield
        return
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _refuse_special(target: Path, param_name: str) -> None:
    """Refuse a destination that exists and is not a regular file (after following symbolic links)."""
    try:
        mode = target.stat().st_mode
    except OSError:  # missing, or a dangling link: nothing to replace by mistake
        return
    if stat.S_ISDIR(mode):
        raise InputError(param_name, str(target), "is a folder; give a file name")
    if not stat.S_ISREG(mode):
        raise InputError(
            param_name,
            str(target),
            "is not a regular file (a device, FIFO or socket); writing would replace it -- give a file name",
        )


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
        ``path`` is empty, an input file, a folder, a device or other file
        that is not a regular file, in a folder that does not exist, or
        exists (a symbolic link counts, even a dangling one) and
        ``overwrite`` is False.

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
    if not str(path).strip():
        raise InputError(param_name, str(path), "is empty; give a file name")
    given = Path(path).expanduser()
    resolved = given.resolve()
    for source in inputs:
        if source is not None and _same_file(Path(source).expanduser().resolve(), resolved):
            raise InputError(param_name, str(path), "is an input file; refusing to overwrite it")
    if resolved.is_dir():
        raise InputError(param_name, str(path), "is a folder; give a file name")
    _refuse_special(resolved, param_name)
    if not resolved.parent.is_dir():
        raise InputError(param_name, str(path), "its folder does not exist")
    if not overwrite and (os.path.lexists(given) or os.path.lexists(resolved)):
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
