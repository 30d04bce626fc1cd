"""Limits on what a family file may cost to read: its size, its nesting depth and
the number of problems reported about it.

Each limit is far above what a real family needs (the largest bundled family is
33 KB and nests 8 deep) and can be raised through the environment or the
``limits`` argument of :func:`load_family`. The checks here are linear in the
size of the file and run before the parser sees it, so that a hostile file is
refused at the cost of one pass over its bytes.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path

import attrs

from ._errors import LimitsError, Problem

FILE_SIZE_ENV = "JOBARCHITECTURE_MAX_FILE_SIZE"
DEPTH_ENV = "JOBARCHITECTURE_MAX_DEPTH"
PROBLEMS_ENV = "JOBARCHITECTURE_MAX_PROBLEMS"


@attrs.frozen
class Limits:
    """How much a family file may cost to read (grenzen).

    Attributes:
        max_file_size: Bytes a family file may have (default 16 MiB).
        max_depth: How deep arrays and tables may nest, and how many parts a
            TOML dotted key may have (default 64).
        max_problems: Problems reported per file; the rest are counted (default 100).
    """

    max_file_size: int = 16 * 1024 * 1024
    max_depth: int = 64
    max_problems: int = 100

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """The limits set by ``JOBARCHITECTURE_MAX_FILE_SIZE``, ``…_MAX_DEPTH`` and
        ``…_MAX_PROBLEMS``; an unset variable keeps its default.

        Raises:
            LimitsError: a variable is set but is not a positive whole number.
        """
        env = os.environ if environ is None else environ
        default = cls()
        return cls(
            max_file_size=_positive(env, FILE_SIZE_ENV, default.max_file_size),
            max_depth=_positive(env, DEPTH_ENV, default.max_depth),
            max_problems=_positive(env, PROBLEMS_ENV, default.max_problems),
        )


def _positive(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        raise LimitsError(name, raw) from None
    if value <= 0:
        raise LimitsError(name, raw)
    return value


def read_file(path: Path, source: str, limits: Limits) -> bytes | Problem:
    """The bytes of the family file *path*, or the problem that stops reading it.

    Only a regular file is opened (a FIFO would block forever, ``/dev/zero``
    never ends), and no more than the limit plus one byte is read, so a file
    that grows while it is read is refused too.
    """
    try:
        info = path.stat()
    except OSError as exc:
        return Problem(source, "$", f"cannot read file: {exc.strerror or exc}")
    if stat.S_ISDIR(info.st_mode):
        return Problem(source, "$", "is a directory, expected a .toml or .json file")
    if not stat.S_ISREG(info.st_mode):
        return Problem(source, "$", "is not a regular file (a device, FIFO or socket)")
    if info.st_size > limits.max_file_size:
        return _too_big(source, info.st_size, limits)
    try:
        with path.open("rb") as handle:
            data = handle.read(limits.max_file_size + 1)
    except OSError as exc:
        return Problem(source, "$", f"cannot read file: {exc.strerror or exc}")
    if len(data) > limits.max_file_size:
        return _too_big(source, None, limits)
    return data


def _too_big(source: str, size: int | None, limits: Limits) -> Problem:
    has = f"{size:,} bytes" if size is not None else "more bytes"
    return Problem(
        source,
        "$",
        f"file has {has}, more than the limit of {limits.max_file_size:,} "
        f"(raise it with {FILE_SIZE_ENV})",
    )


# A JSON string (escapes included) or one bracket; everything else is skipped.
_JSON_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
# Possessive, and bare words consumed whole below: otherwise a long word would be
# retried from each of its characters (quadratic).
_BARE = r"[A-Za-z0-9_\-]++"
_BASIC = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
_LITERAL = r"'[^'\n]*'"
_PART = f"(?:{_BARE}|{_BASIC}|{_LITERAL})"
# Multi-line strings and comments are skipped whole; a dotted key is matched as a
# chain of parts; strings and brackets as for JSON.
_TOML_TOKENS = re.compile(
    r'"""[\s\S]*?"""(?!")|\'\'\'[\s\S]*?\'\'\'(?!\')|#[^\n]*'
    f"|(?P<chain>{_PART}(?:[ \\t]*\\.[ \\t]*{_PART})+)"
    f"|{_BARE}|{_BASIC}|{_LITERAL}|[\\[\\]{{}}]"
)


def check_depth(text: str, source: str, suffix: str, limits: Limits) -> Problem | None:
    """The problem with *text* nesting deeper than ``limits.max_depth``, or None.

    Python's JSON and TOML parsers recurse once per level and fail with
    ``RecursionError`` near 1,000 levels (TOML: 500); a TOML dotted key of
    20,000 parts costs ``tomllib`` gigabytes. One regular-expression pass finds
    both before the parser runs.
    """
    tokens = _JSON_TOKENS if suffix == ".json" else _TOML_TOKENS
    depth = 0
    limit = limits.max_depth
    for match in tokens.finditer(text):
        token = match.group()
        if token in _OPEN:
            depth += 1
            if depth > limit:
                return _too_deep(text, match.start(), source, f"nested more than {limit} deep")
        elif token in _CLOSE:
            depth = max(depth - 1, 0)
        elif match.lastgroup == "chain":
            parts = len(_PARTS.findall(token))
            if parts > limit:
                return _too_deep(
                    text,
                    match.start(),
                    source,
                    f"dotted key of {parts} parts, more than the limit of {limit}",
                )
    return None


_PARTS = re.compile(_PART)
_OPEN = frozenset("[{")
_CLOSE = frozenset("]}")


def _too_deep(text: str, at: int, source: str, what: str) -> Problem:
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return Problem(
        source, "$", f"{what} (line {line}, column {column}; raise the limit with {DEPTH_ENV})"
    )
