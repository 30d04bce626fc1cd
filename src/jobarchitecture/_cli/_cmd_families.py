"""``jobarchitecture families``: the installed families and the broken plugins."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .._errors import DuplicateFamilyError, FamilyError, PluginError
from .._registry import default_registry
from ._common import (
    EXIT_INPUT,
    EXIT_OK,
    EXIT_PROBLEMS,
    Style,
    print_error,
    print_warning,
    table,
    write,
    write_json,
)


def collect() -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Every family that loads (as JSON-ready dicts) and every broken one.

    Each family is parsed (its name and government are in its data); a broken
    one is recorded by the registry and listed, never stopping the others, in
    strict mode too (where :func:`run` makes it an error).
    """
    registry = default_registry()
    families: list[dict[str, Any]] = []
    try:
        codes = registry.codes()
    except DuplicateFamilyError:
        # Strict mode raises once discovery is complete; the codes are known.
        codes = registry.codes()
    for code in codes:
        try:
            family = registry.get(code)
        except (PluginError, FamilyError):
            continue
        info = registry.info(code)
        families.append(
            {
                "code": family.code,
                "name": family.name.nl,
                "government": family.government.nl,
                "levels": list(family.scale.codes),
                "distribution": info.distribution,
                "version": info.version,
                "origin": info.describe(),
            }
        )
    problems = [
        {"code": b.code, "origin": b.origin, "reason": b.reason} for b in registry.problems()
    ]
    return families, problems


def run(args: argparse.Namespace) -> int:
    """List the families; exit 1 when a plugin is broken (2 in strict mode)."""
    families, problems = collect()
    if args.json:
        write_json({"families": families, "problems": problems})
    else:
        style = Style(sys.stdout)
        rows = [
            [
                f["code"],
                f["name"],
                f["government"],
                " < ".join(f["levels"]),
                f"{f['distribution']} {f['version']}" if f["distribution"] else f["origin"],
            ]
            for f in families
        ]
        if rows:
            write(table(rows, ["CODE", "NAME", "GOVERNMENT", "LEVELS", "FROM"], style))
        elif style.tty:
            write("No families installed. Install a plugin, or set JOBARCHITECTURE_PATH.\n")
    strict = default_registry().strict
    for p in problems:
        # On stderr, so that stdout stays a clean list; one line per reason line.
        # With --json too, so that strict mode's error is never silent.
        if args.json and not strict:
            continue
        for line in p["reason"].splitlines() or [""]:
            where = "" if line.startswith(p["origin"]) else f" from {p['origin']}"
            (print_error if strict else print_warning)(
                f"broken family {p['code']!r}{where}: {line}"
            )
    if not problems:
        return EXIT_OK
    return EXIT_INPUT if strict else EXIT_PROBLEMS
