"""``jobarchitecture families``: the installed families and the broken plugins."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .._errors import FamilyError, PluginError
from .._registry import default_registry
from ._common import EXIT_OK, EXIT_PROBLEMS, Style, print_warning, table, write, write_json


def collect() -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Every family that loads (as JSON-ready dicts) and every broken one.

    Each family's name, government and levels come from its summary: read from
    the family cache when it holds this very file, else parsed (see
    ``Registry.summary``); a broken one is recorded by the registry and listed,
    never stopping the others.
    Strict mode (``JOBARCHITECTURE_STRICT=1``) raises on the first instead.
    """
    registry = default_registry()
    families: list[dict[str, Any]] = []
    for code in registry.codes():
        try:
            listed, name, government, levels = registry.summary(code)
        except (PluginError, FamilyError):
            if registry.strict:
                raise
            continue
        info = registry.info(code)
        families.append(
            {
                "code": listed,
                "name": name,
                "government": government,
                "levels": list(levels),
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
    """List the families; exit 1 when a plugin is broken."""
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
        for p in problems:
            # On stderr, so that stdout stays a clean list; one line per reason line.
            for line in p["reason"].splitlines() or [""]:
                where = "" if line.startswith(p["origin"]) else f" from {p['origin']}"
                print_warning(f"broken family {p['code']!r}{where}: {line}")
    return EXIT_PROBLEMS if problems else EXIT_OK
