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


def collect(lang: str = "nl") -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every family that loads (as JSON-ready dicts) and every broken one.

    Each family's name, government and levels come from its summary: read from
    the family cache when it holds this very file, else parsed (see
    ``Registry.summary``); a broken one is recorded by the registry and listed,
    never stopping the others, in strict mode too (where :func:`run` makes it
    an error). Names and governments are in *lang*, each falling back to Dutch.
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
            listed, name, government, levels = registry.summary(code)
        except (PluginError, FamilyError):
            continue
        info = registry.info(code)
        families.append(
            {
                "code": listed,
                "name": name.get(lang),
                "government": government.get(lang),
                "levels": list(levels),
                "distribution": info.distribution,
                "version": info.version,
                "origin": info.describe(),
            }
        )
    # "reasons": the reason's problems one by one (a broken file has several), as
    # stderr gives them one line each; "reason" keeps them as one text.
    problems = [
        {
            "code": b.code,
            "origin": b.origin,
            "reason": b.reason,
            "reasons": [line for line in b.reason.splitlines() if line.strip()],
        }
        for b in registry.problems()
    ]
    return families, problems


# The fixed words of the readable list, per language; diagnostics on stderr stay
# English, like every error message.
LABELS: dict[str, tuple[list[str], str]] = {
    "nl": (
        ["CODE", "NAAM", "OVERHEID", "NIVEAUS", "BRON"],
        "Geen families geïnstalleerd. Installeer een plugin, of zet JOBARCHITECTURE_PATH.",
    ),
    "fr": (
        ["CODE", "NOM", "AUTORITÉ", "NIVEAUX", "ORIGINE"],
        "Aucune famille installée. Installez un plugin, ou définissez JOBARCHITECTURE_PATH.",
    ),
    "en": (
        ["CODE", "NAME", "GOVERNMENT", "LEVELS", "FROM"],
        "No families installed. Install a plugin, or set JOBARCHITECTURE_PATH.",
    ),
}


def run(args: argparse.Namespace) -> int:
    """List the families; exit 1 when a plugin is broken (2 in strict mode)."""
    families, problems = collect(args.lang)
    if args.json:
        write_json({"families": families, "problems": problems})
    else:
        style = Style(sys.stdout)
        headers, empty = LABELS[args.lang]
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
            # On a narrow terminal the name and the levels stay whole longest:
            # the source (a plugin's name) and the government give way first,
            # and where even cut they cannot fit, they (then the levels) go.
            # The source goes rather than be cut: "jobarchit…" names nothing.
            write(
                table(
                    rows,
                    headers,
                    style,
                    cut_first=(4, 2),
                    droppable=(4, 2, 3),
                    whole_or_none=(4,),
                )
            )
        elif style.tty:
            write(empty + "\n")
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
