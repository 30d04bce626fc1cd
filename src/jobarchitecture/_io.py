"""Writing files so that a reader never sees half of one.

Every command and function that writes a file goes through :func:`atomic_output`,
:func:`atomic_binary`, :func:`atomic_path` or :func:`atomic_directory`: the content is written beside the target under a
temporary name and renamed over it only when complete. A failure or an
interruption (an exception, SIGINT, SIGTERM turned into an exception by the CLI)
leaves the target as it was, or absent, and removes the temporary file. A
target that cannot be written raises :class:`~jobarchitecture.WriteError`, which
names the target (never the temporary name) first.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO

from ._errors import WriteError, write_error


def named_format(
    path: str | os.PathLike[str], formats: Mapping[str, tuple[str, ...]]
) -> str | None:
    """The format whose suffixes (``formats[name]``, lower case) *path* ends in, or None.

    Writers use it both ways: to take the format from an output's name, and to
    refuse a format its name contradicts (``x.csv`` for an xlsx workbook).
    """
    suffix = Path(path).suffix.lower()
    return next((name for name, suffixes in formats.items() if suffix in suffixes), None)


def format_mismatch(
    path: str | os.PathLike[str], format: str, named: str, suffixes: tuple[str, ...]
) -> str:
    """The one-line message for writing *format* (whose names end in one of
    *suffixes*) to *path*, whose suffix names format *named*."""
    suffix = Path(path).suffix
    return (
        f"cannot write {format} to {Path(path).name!r}: the suffix {suffix} is for {named} "
        f"(expected a name ending in {_either(suffixes)})"
    )


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside *path* to write to; on success it is renamed to *path*.

    For writers that take a file name (openpyxl, python-docx). A *path* that is
    a directory raises :exc:`IsADirectoryError` naming it. On any exception
    (``KeyboardInterrupt`` and ``SystemExit`` included) the temporary file is
    removed and *path* is left untouched; the exception goes on.
    """
    target = Path(path)
    if target.is_dir():
        # Else the temporary file is made in the directory's parent and the
        # final rename fails naming it, a path the user never gave.
        raise write_error(str(target), IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)))
    with _naming(target):
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        with _naming(target, tmp):
            yield tmp
        with _naming(target):
            _keep_mode(target, tmp)
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


@contextlib.contextmanager
def atomic_output(
    path: str | os.PathLike[str], *, encoding: str = "utf-8", newline: str | None = None
) -> Iterator[IO[str]]:
    """A text stream to a temporary file beside *path*, renamed to *path* when complete.

    Args:
        path: The target file.
        encoding: Text encoding.
        newline: As for :func:`open`; ``""`` for the csv module.
    """
    with atomic_path(path) as tmp, tmp.open("w", encoding=encoding, newline=newline) as stream:
        yield stream
        with _naming(Path(path)):
            stream.close()  # the last flush: where a full disk usually says so


@contextlib.contextmanager
def atomic_binary(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """A binary stream to a temporary file beside *path*, renamed to *path* when complete."""
    with atomic_path(path) as tmp, tmp.open("wb") as stream:
        yield stream
        with _naming(Path(path)):
            stream.close()  # the last flush: where a full disk usually says so


@contextlib.contextmanager
def atomic_directory(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A fresh temporary directory beside *path*; on success it replaces *path*.

    An existing *path* is moved aside first and removed only once the new one is
    in place, so a failure at any point leaves the old directory (or none).
    """
    target = Path(path)
    with _naming(target, what="directory"):
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    try:
        with _naming(target, tmp, what="directory"):
            yield tmp
        with _naming(target, what="directory"):
            _finish_directory(target, tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _finish_directory(target: Path, tmp: Path) -> None:
    """Put the complete directory *tmp* in the place of *target*, the old one aside first."""
    _directory_mode(target, tmp)
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
        old.rmdir()
        os.replace(target, old)
    try:
        os.replace(tmp, target)
    except BaseException:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def _naming(target: Path, tmp: Path | None = None, *, what: str = "file") -> Iterator[None]:
    """An OSError from writing *target* as a :class:`WriteError` naming *target*: the
    user asked for that path and never saw the temporary name.

    With *tmp*, around the caller's own writing: only an error about *tmp* (or a
    file inside it) is the write's; any other (reading an input, say) is not
    ours to reword and goes on as it was.
    """
    try:
        yield
    except WriteError:
        raise
    except OSError as exc:
        if tmp is not None:
            name = exc.filename
            inside = isinstance(name, str) and (
                name == str(tmp) or name.startswith(str(tmp) + os.sep)
            )
            if not inside:
                raise
        raise write_error(str(target), exc, what) from exc


def _keep_mode(target: Path, tmp: Path) -> None:
    # mkstemp creates 0600; a replaced file keeps its mode, a new one gets the
    # mode open() would have given it (0666 less the umask).
    try:
        os.chmod(tmp, target.stat().st_mode & 0o7777)
    except FileNotFoundError:
        os.chmod(tmp, 0o666 & ~_umask())


def _directory_mode(target: Path, tmp: Path) -> None:
    # mkdtemp creates 0700: a site or a plugin scaffold that only its author can
    # read cannot be served or shared. A replaced directory keeps its mode; a new
    # one (or one replacing a file, whose mode has no execute bits) gets the mode
    # mkdir() would have given it (0777 less the umask).
    if target.is_dir():
        os.chmod(tmp, target.stat().st_mode & 0o7777)
    else:
        os.chmod(tmp, 0o777 & ~_umask())


def _umask() -> int:
    # There is no way to read the umask without setting it.
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _either(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"
