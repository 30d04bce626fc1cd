"""``jobarchitecture rules``: the classification rules, their laws and source, and broken plugins."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._common import EXIT_OK, EXIT_PROBLEMS, Style, print_warning, table, write, write_json

# The fixed words of the readable list, per language. The law names are the
# names of ja.LAWS, identifiers like the rule names, and stay as they are; so
# does the JSON's "source".
LABELS: dict[str, tuple[list[str], str]] = {
    "nl": (["REGEL", "WETTEN", "BRON", "OMSCHRIJVING"], "ingebouwd"),
    "fr": (["RÈGLE", "LOIS", "ORIGINE", "DESCRIPTION"], "intégrée"),
    "en": (["RULE", "LAWS", "FROM", "DESCRIPTION"], "built-in"),
}


def run(args: argparse.Namespace) -> int:
    """List the rules; exit 1 when a rule plugin is broken or takes a built-in name."""
    from .._classify._rules import rule_infos

    infos = rule_infos(args.lang)
    usable = [i for i in infos if i.usable]
    broken = [i for i in infos if not i.usable]
    if args.json:
        write_json(
            {
                "rules": [
                    {
                        "name": i.name,
                        "source": i.source,
                        "distribution": i.distribution,
                        "version": i.version,
                        "laws": list(i.laws),
                        "description": i.description,
                    }
                    for i in usable
                ],
                "problems": [
                    {"name": i.name, "source": i.source, "reason": i.broken} for i in broken
                ],
            }
        )
    else:
        style = Style(sys.stdout)
        headers, builtin = LABELS[args.lang]

        def source(i: Any) -> str:
            if i.distribution is not None:
                return f"{i.distribution} {i.version}"
            return builtin if i.source == "built-in" else str(i.source)

        rows = [[i.name, ", ".join(i.laws) or "-", source(i), i.description or ""] for i in usable]
        # On a narrow terminal the source, then the laws, make room for the description.
        write(table(rows, headers, style, droppable=(2, 1)))
        for i in broken:
            # On stderr, as `families` does, so that stdout stays a clean list.
            print_warning(f"broken rule {i.name!r} from {i.source}: {i.broken}")
    return EXIT_PROBLEMS if broken else EXIT_OK


def warn_shadowing(name: str | None) -> None:
    """Warn on stderr when an installed plugin tries to take the built-in rule *name*.

    Only for a rule named on the command line: reading the entry points for
    every run would slow down every command for a rare mistake.
    """
    if name is None:
        return
    from .._classify._rules import SHADOW_REASON, shadowing

    for origin in shadowing(name):
        print_warning(f"rule {name!r} from {origin} {SHADOW_REASON}")
