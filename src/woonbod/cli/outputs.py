"""Where a command may write a file, and how it writes it: one rule and one writer for all.

The rule (README, "Output files"):

- an output that is one of the command's inputs (the same file, also through a hard or a
  symbolic link) or its round file is refused, whatever the flags;
- an existing ``.yaml``/``.yml`` file is refused (a report is never a bid); only ``init
  --force`` may replace one;
- any other existing file is replaced only with ``--force``;
- a folder, FIFO, device or socket is refused (nothing blocks waiting on a reader).

The writer renders into a temporary file in the same folder, flushes it to disk and renames
it into place, so that a full disk, an error or a kill leaves the old file whole (or no
file), never a fragment; a symbolic link given as the output is replaced, not its target.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from woonbod import i18n
from woonbod.i18n import N_, _

YAML_SUFFIXES = (".yaml", ".yml")

# The reasons the operating system gives most often, for Dutch output: its own texts are in the
# C library's language, which a Dutch user need not have installed (English keeps strerror's).
_OS_REASONS = {
    getattr(errno, name): text
    for name, text in (
        ("ENOENT", N_("No such file or directory")),
        ("EACCES", N_("Permission denied")),
        ("EPERM", N_("Operation not permitted")),
        ("ENOSPC", N_("No space left on device")),
        ("EDQUOT", N_("Disk quota exceeded")),
        ("EROFS", N_("Read-only file system")),
        ("EISDIR", N_("Is a directory")),
        ("ENOTDIR", N_("Not a directory")),
        ("ENAMETOOLONG", N_("File name too long")),
        ("EFBIG", N_("File too large")),
        ("EIO", N_("Input/output error")),
        ("ELOOP", N_("Too many levels of symbolic links")),
        ("EBADF", N_("Bad file descriptor")),
        ("ENXIO", N_("No such device or address")),
        ("EINVAL", N_("Invalid argument")),
    )
    if hasattr(errno, name)
}
NOT_A_REGULAR_FILE = N_("not a regular file")


def os_reason(exc: BaseException) -> str:
    """Why the operating system refused, in the language in use."""
    reason = getattr(exc, "strerror", None) or str(exc)
    if i18n.language() == "en":
        return reason
    return _(_OS_REASONS.get(getattr(exc, "errno", None) or 0, reason))


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except (OSError, ValueError):
        return None


def refusal(
    output: Path, *, inputs: Iterable[Path] = (), force: bool = False, replace_yaml: bool = False
) -> str | None:
    """Why ``output`` must not be written, or None when it may be."""
    try:
        link = output.lstat()
    except FileNotFoundError:
        return None  # a new file; a missing folder is reported when it is written
    except (OSError, ValueError) as exc:
        return _("{path}: cannot write: {reason}").format(path=output, reason=os_reason(exc))
    target = _stat(output) if stat.S_ISLNK(link.st_mode) else link
    if target is not None and not stat.S_ISREG(target.st_mode):
        if stat.S_ISDIR(target.st_mode):
            return _("{path} is a folder: nothing was written (name a file with --output)").format(
                path=output
            )
        return _(
            "{path} is not a regular file (a FIFO, device or socket): nothing was written "
            "(name a file with --output)"
        ).format(path=output)
    for given in inputs:
        given_stat = _stat(given)
        if target is not None and given_stat is not None and _same_file(target, given_stat):
            return _(
                "{path} is one of the files read: nothing was written (name another --output file)"
            ).format(path=output)
    # realpath, not resolve(): a link loop must be refused or replaced, not raise.
    names = [output.name, *([Path(os.path.realpath(output)).name] if stat.S_ISLNK(link.st_mode) else [])]
    if any(name.lower().endswith(YAML_SUFFIXES) for name in names) and not replace_yaml:
        return _("{path} is a YAML file and a report is never a bid: nothing was written").format(path=output)
    if not force:
        return _("{path} exists already: nothing was written (use --force to overwrite it)").format(
            path=output
        )
    return None


def _new_file_mode(replaced: os.stat_result | None) -> int:
    if replaced is not None:
        return stat.S_IMODE(replaced.st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(
    path: Path, render: Callable[[Any], object], *, binary: bool = False, newline: str | None = None
) -> None:
    """Render into a temporary file beside ``path`` and rename it into place; OSError if the
    file cannot be written (the temporary file is removed, ``path`` is left as it was)."""
    existing = None if path.is_symlink() else _stat(path)
    # A short prefix: the temporary name must fit where the output's own name just fits.
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:64]}.", suffix=".tmp")
    try:
        Path(temporary).chmod(_new_file_mode(existing))
        if binary:
            with open(fd, "wb") as raw:  # noqa: PTH123 (the descriptor mkstemp made)
                render(raw)
                raw.flush()
                os.fsync(raw.fileno())
        else:
            with open(fd, "w", encoding="utf-8", newline=newline) as text:  # noqa: PTH123
                render(text)
                text.flush()
                os.fsync(text.fileno())
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def append_text(path: Path, text: str) -> None:
    """Append ``text`` to ``path`` (created if missing) without ever blocking on a FIFO;
    OSError when it cannot be done."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, 0o666)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, NOT_A_REGULAR_FILE)
        data = text.encode("utf-8")
        while data:
            written = os.write(fd, data)
            data = data[written:]
    finally:
        os.close(fd)
