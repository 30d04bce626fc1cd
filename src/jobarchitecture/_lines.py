"""Where each table of a TOML family file starts, so a problem can name its line.

tomllib keeps no positions, and problems carry JSON-like paths
(``$.criteria[2].descriptors[0].levels[1]``); this scans the table headers
(``[scale]``, ``[[criteria]]``, ``[[criteria.descriptors]]``) and maps each
table's path to the line of its header. A problem then names the line of the
innermost table around it: the place to start reading in an editor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from ._errors import Problem

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


def table_lines(text: str) -> dict[str, int]:
    """Each table's path (``$.criteria[2]``) to the 1-based line of its header."""
    lines: dict[str, int] = {}
    counts: dict[str, int] = {}
    in_string: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if in_string is not None:
            if line.count(in_string) % 2:
                in_string = None
            continue
        for quote in ('"""', "'''"):
            if line.count(quote) % 2:
                in_string = quote
                break
        if in_string is not None:
            continue
        match = _HEADER.match(line)
        if match is None:
            continue
        is_array = match.group(1) == "[["
        parts = [p.strip().strip("\"'") for p in match.group(2).split(".")]
        path = "$"
        for i, part in enumerate(parts):
            path += f".{part}"
            if i < len(parts) - 1:
                if path in counts:  # an array of tables: its latest element
                    path += f"[{counts[path] - 1}]"
            elif is_array:
                counts[path] = counts.get(path, 0) + 1
                path += f"[{counts[path] - 1}]"
        lines[path] = number
    return lines


def line_of(path: str, lines: dict[str, int]) -> int | None:
    """The header line of the innermost table containing *path*, or None (top level)."""
    best: tuple[int, int] | None = None
    for table, number in lines.items():
        inside = path == table or (path.startswith(table) and path[len(table)] in ".[")
        if inside and (best is None or len(table) > best[0]):
            best = (len(table), number)
    return None if best is None else best[1]


def locate(problems: Iterable[Problem], text: str) -> list[Problem]:
    """*problems* of the TOML *text*, each with the line of the table it is in."""
    lines = table_lines(text)
    return [
        p if p.line is not None else attrs.evolve(p, line=line_of(p.path, lines)) for p in problems
    ]
