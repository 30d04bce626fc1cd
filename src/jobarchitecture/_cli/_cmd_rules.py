"""``jobarchitecture rules``: the classification rules, their laws and source, and broken plugins."""

from __future__ import annotations

import argparse
import sys

from ._common import EXIT_OK, EXIT_PROBLEMS, Style, print_warning, table, write, write_json


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
        rows = [
            [
                i.name,
                ", ".join(i.laws) or "-",
                i.source if i.distribution is None else f"{i.distribution} {i.version}",
                i.description or "",
            ]
            for i in usable
        ]
        write(table(rows, ["RULE", "LAWS", "FROM", "DESCRIPTION"], style))
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
