"""Writing files so that nothing is half-written, and editing one file from several processes.

- `write_atomically` writes a temporary file beside the target, flushes it to disk and renames it
  over the target: a reader, a crash or a full disk sees the old file or the new one, never a cut-off
  one. A failure says which file, why, and that the old one is unchanged.
- `locked` holds an OS lock (flock) on a lock file beside the target for a read-modify-write. The
  lock is on a separate file because the rename replaces the target's inode, and a lock on the old
  inode would not stop a second writer. A killed process (kill -9 included) releases it.
"""

from __future__ import annotations

import errno
import os
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import WriteError

LOCK_WAIT = 30.0  # seconds; an edit holds the lock for milliseconds, so a longer wait is a stuck process


def why(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full; free some space"
    if exc.errno == errno.EROFS:
        return "the folder is read-only; choose a folder you can write to"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "no permission to write there; choose a folder you can write to"
    if exc.errno == errno.EISDIR:
        return "that is a folder; give a file name"
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):  # EEXIST: making a folder where a file is
        return "a part of that path is a file, not a folder; choose another path"
    return f"{exc.strerror or exc}; check the path"


def write_error(path: Path | str, exc: OSError, what: str = "write") -> WriteError:
    return WriteError(f"{path}: cannot {what} ({why(exc)})")


def write_atomically(path: Path | str, data: str | bytes) -> Path:
    """Replace `path` with `data` (text as UTF-8) in one step. The folder is made if missing; a new
    file gets the usual permissions, a replaced one keeps its own. Raises WriteError, leaving the
    old file."""
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if path.is_dir():
        raise write_error(path, OSError(errno.EISDIR, "Is a directory"))
    in_the_way = next((parent for parent in path.parents if parent.exists() and not parent.is_dir()), None)
    if in_the_way is not None:
        raise write_error(path, OSError(errno.ENOTDIR, f"{in_the_way} is a file"))
    temp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temp, mode)
        os.replace(temp, path)
        temp = None
    except OSError as exc:
        raise write_error(path, exc) from exc
    finally:
        if temp is not None:
            try:
                os.unlink(temp)
            except OSError:
                pass
    return path


@contextmanager
def locked(path: Path | str, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the lock of `path` (the file `.NAME.lock` beside it) for a read-modify-write. A second
    process waits up to `wait` seconds, then gets a WriteError naming the file."""
    path = Path(path)
    try:
        import fcntl
    except ImportError:  # not POSIX: no second writer to keep out on the platforms we run on
        yield
        return
    lock_path = path.parent / f".{path.name}.lock"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a+b")
    except OSError as exc:
        raise write_error(path, exc, "lock for editing") from exc
    with handle:
        if not take_flock(handle, wait, retry_every=0.02):
            raise WriteError(f"{path}: another process has been editing it for {wait:.0f} s; "
                             f"try again, or stop the stuck monitor command")
        yield  # closing the handle releases the lock


def take_flock(handle, wait: float, retry_every: float) -> bool:
    """Take an exclusive OS lock on an open file, trying every `retry_every` seconds for up to
    `wait` seconds; False if another process still holds it. POSIX only (the callers check)."""
    import fcntl

    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(retry_every)
