"""Limits on what a family file may cost to read: its size, its nesting depth and
the number of problems reported about it.

Each limit is far above what a real family needs (the largest bundled family is
33 KB and nests 8 deep) and can be raised through the environment or the
``limits`` argument of :func:`load_family`. The checks here are linear in the
size of the file and run before the parser sees it, so that a hostile file is
refused at the cost of one pass over its bytes.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import stat
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING

import attrs

from ._errors import LimitsError, Problem, unreadable

if TYPE_CHECKING:
    from pathlib import Path  # annotations only: pathlib costs the cold start 6 ms

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
        """Read the limits from the environment; an unset variable keeps its default.

        The variables are ``JOBARCHITECTURE_MAX_FILE_SIZE``, ``…_MAX_DEPTH`` and
        ``…_MAX_PROBLEMS``.

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


def read_file(path: Path | str, source: str, limits: Limits) -> bytes | Problem:
    """The bytes of the family file *path*, or the problem that stops reading it.

    Only a regular file is opened (a FIFO would block forever, ``/dev/zero``
    never ends), and no more than the limit plus one byte is read, so a file
    that grows while it is read is refused too.
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        return unreadable(source, exc)
    if stat.S_ISDIR(info.st_mode):
        return Problem(source, "$", "is a directory, expected a .toml or .json file")
    if not stat.S_ISREG(info.st_mode):
        return Problem(source, "$", "is not a regular file (a device, FIFO or socket)")
    if info.st_size > limits.max_file_size:
        return too_big(source, info.st_size, limits)
    try:
        with open(path, "rb") as handle:
            data = read_at_most(handle, limits.max_file_size + 1, info.st_size)
    except OSError as exc:
        return unreadable(source, exc)
    if len(data) > limits.max_file_size:
        return too_big(source, None, limits)
    return data


def read_at_most(handle: IO[bytes], limit: int, expected: int = 0) -> bytes:
    """At most *limit* bytes of *handle*, read in steps: ``read(limit)`` would
    allocate the whole limit (16 MiB) up front for a file of 2 KB."""
    parts = [handle.read(min(expected + 1, limit))]
    total = len(parts[0])
    while total < limit:  # the file was larger than its size said (it grew, or a pipe)
        part = handle.read(min(1 << 20, limit - total))
        if not part:
            break
        parts.append(part)
        total += len(part)
    return b"".join(parts)


def too_big(source: str, size: int | None, limits: Limits, what: str = "file") -> Problem:
    """The problem of a family *what* (a file, a text) over the size limit."""
    has = f"{size:,} bytes" if size is not None else "more bytes"
    return Problem(
        source,
        "$",
        f"{what} has {has}, more than the limit of {limits.max_file_size:,} "
        f"(raise it with {FILE_SIZE_ENV})",
    )


# Strings, whose brackets and dots are text, not structure; TOML comments too.
# Compiled on the first check, not at import: a family served from the cache
# needs this module for its size limit only, on every cold command.
@functools.cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    return (
        re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"'),  # JSON strings
        re.compile(r'"[^"]*"'),  # JSON strings without backslashes
        re.compile(
            r'"""[\s\S]*?"""(?!")'
            r"|'''[\s\S]*?'''(?!')"
            r'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
            r"|'[^'\n]*'"
            r"|#[^\n]*"
        ),  # TOML strings and comments
        re.compile(r"[^\[\]{}]++"),  # everything but brackets
        re.compile(r"[\[\]{}]"),  # a bracket
    )


_DEPTH = {"[": 1, "{": 1, "]": -1, "}": -1}


def _placeholder(match: re.Match[str]) -> str:
    # One bare character (a dotted key of quoted parts is still a chain), and
    # the string's line breaks, so that line numbers stay right.
    return "s" + "\n" * match.group().count("\n")


@functools.cache
def _chain(limit: int) -> re.Pattern[str]:
    # A dotted key of more than *limit* parts. It starts only at the start of a
    # part, so that a long part is not rescanned from each of its characters.
    part = r"[A-Za-z0-9_\-]++[ \t]*\.[ \t]*"
    return re.compile(rf"(?<![A-Za-z0-9_\-.])(?:{part}){{{limit},}}")


def check_depth(text: str, source: str, suffix: str, limits: Limits) -> Problem | None:
    """The problem with *text* nesting deeper than ``limits.max_depth``, or None.

    Python's JSON and TOML parsers recurse once per level and fail with
    ``RecursionError`` near 1,000 levels (TOML: 500); a TOML dotted key of
    20,000 parts costs ``tomllib`` gigabytes. A few regular-expression passes
    find both before the parser runs, at a fraction of the parser's cost.
    """
    limit = limits.max_depth
    json_strings, json_simple, toml_strings, not_bracket, bracket = _patterns()
    toml = suffix == ".toml"
    if toml:
        bare = toml_strings.sub(_placeholder, text)
    else:
        # JSON strings hold no raw line breaks; without backslashes they are simple.
        strings = json_strings if "\\" in text else json_simple
        bare = strings.sub("s", text)
    brackets = not_bracket.sub("", bare)
    # The running depth, summed in C. A stray closing bracket can only lower it
    # after the point where the parser stops with a syntax error anyway.
    if (
        len(brackets) > limit
        and max(itertools.accumulate(map(_DEPTH.__getitem__, brackets))) > limit
    ):
        depth = 0
        for match in bracket.finditer(bare):
            depth += _DEPTH[match.group()]
            if depth > limit:
                return _too_deep(bare, match.start(), source, f"nested more than {limit} deep")
    if toml:
        chain = _chain(limit).search(bare)
        if chain is not None:
            parts = chain.group().count(".") + 1
            return _too_deep(
                bare,
                chain.start(),
                source,
                f"dotted key of {parts} or more parts, more than the limit of {limit}",
            )
    return None


def _too_deep(text: str, at: int, source: str, what: str) -> Problem:
    line = text.count("\n", 0, at) + 1
    return Problem(source, "$", f"{what} (line {line}; raise the limit with {DEPTH_ENV})")
