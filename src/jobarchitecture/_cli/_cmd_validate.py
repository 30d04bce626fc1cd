"""``jobarchitecture validate PATH…``: lint family files and directories."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from .._errors import (
    FamilyError,
    PluginError,
    Problem,
    closest,
    listed,
    unreadable,
)
from .._limits import Limits
from .._model import counted
from .._registry import default_registry
from .._resolve import looks_like_path
from .._validate import _family_files, _file_problems, _no_family_files, validate
from ._common import (
    EXIT_INPUT,
    EXIT_OK,
    EXIT_PROBLEMS,
    Style,
    one_line,
    print_error,
    write,
    write_json,
)


def run(args: argparse.Namespace) -> int:
    """Validate every path; exit 1 on problems, 2 when a path does not exist."""
    # Read once: a bad JOBARCHITECTURE_MAX_* is one error, not one per file.
    limits = Limits.from_env()
    files: list[Path | str] = []  # a str is the code of an installed family
    listed: set[Path] = set()  # found in a directory, as JOBARCHITECTURE_PATH would
    missing: list[str] = []
    for arg in args.paths:
        path = Path(arg)
        try:
            os.stat(path)
        except OSError as exc:
            if not isinstance(exc, FileNotFoundError) or looks_like_path(arg):
                # Worded as every command and load_family() word it.
                missing.append(str(unreadable(arg, exc)))
            elif arg in default_registry().codes():
                # Every other command takes a family code where it takes a file;
                # a file or directory of that name still comes first, as here.
                files.append(arg)
            else:
                missing.append(_unknown(arg))
            continue
        try:
            if path.is_dir():
                found = _family_files(path)
                if not found:
                    missing.append(_no_family_files(arg).message)
                files.extend(found)
                listed.update(found)
            else:
                files.append(path)
        except OSError as exc:  # a directory that cannot be listed
            missing.append(str(unreadable(arg, exc)))

    results: list[dict[str, Any]] = []
    problems: list[dict[str, Any]] = []
    lines: list[str] = []
    for item in files:
        trouble: list[Problem]
        if isinstance(item, str):
            origin, trouble, said = _installed(item)
            _report(origin, trouble, results, problems, lines, said)
            continue
        path = item
        trouble = _file_problems(path, limits, in_directory=path in listed)
        _report(str(path), trouble, results, problems, lines)

    if args.json:
        write_json({"files": results, "problems": problems, "errors": missing})
    else:
        write("".join(lines))
        style = Style(sys.stderr)
        if style.tty:
            bad = sum(1 for r in results if not r["ok"])
            checked = counted(len(results), "file")
            summary = (
                f"{counted(len(problems), 'problem')} in {bad} of {checked}"
                if problems
                else f"{checked}, no problems"
            )
            sys.stderr.write((style.red(summary) if problems else style.green(summary)) + "\n")
    for message in missing:
        print_error(message)
    if missing:
        return EXIT_INPUT
    return EXIT_PROBLEMS if problems else EXIT_OK


def _report(
    file: str,
    trouble: list[Problem],
    results: list[dict[str, Any]],
    problems: list[dict[str, Any]],
    lines: list[str],
    said: list[str] | None = None,
) -> None:
    """Add the outcome of one file (or installed family) to what is printed:
    each problem's line, or the lines *said* instead."""
    results.append({"file": file, "ok": not trouble, "problems": len(trouble)})
    problems.extend(
        {"file": p.source, "path": p.path, "message": p.message, "line": p.line} for p in trouble
    )
    lines.extend(line + "\n" for line in (said or [one_line(str(p)) for p in trouble]))


def _installed(code: str) -> tuple[str, list[Problem], list[str] | None]:
    """Where the installed family *code* comes from, its problems, and the lines
    to print for them when they are not the problems' own.

    A broken plugin is said as every command says it (``family 'x' from
    DIST VERSION (x = module) is broken: …``): a broken data file's problems
    each with the file's real path and line, a plugin broken otherwise (it
    cannot be imported, its data has another code) by its reason, line by line.
    """
    from ._common import error_lines

    registry = default_registry()
    origin = registry.info(code).describe()
    try:
        family = registry.get(code)
    except PluginError as exc:
        if isinstance(exc, FamilyError):
            return origin, list(exc.problems), error_lines(exc)
        trouble = [Problem(exc.origin, "$", line) for line in exc.reason.splitlines()]
        return origin, trouble, error_lines(exc)
    except FamilyError as exc:  # a file on JOBARCHITECTURE_PATH: its path names it
        return origin, list(exc.problems), None
    return origin, validate(family, origin), None


def _unknown(arg: str) -> str:
    """The error for an argument that is no path and no family code, naming the code meant."""
    codes = default_registry().codes()
    hint = closest(arg, codes)
    return f"no such file, directory or installed family: {arg}" + (
        f"; did you mean {hint!r}?" if hint else f" (families: {listed(codes)})"
    )
