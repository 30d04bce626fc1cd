"""Where each table of a TOML family file starts, so a problem can name its line.

tomllib keeps no positions, and problems carry JSON-like paths
(``$.criteria[2].descriptors[0].levels[1]``); this scans the table headers
(``[scale]``, ``[[criteria]]``, ``[[criteria.descriptors]]``) and maps each
table's path to the line of its header, and each top-level key (``code = …``)
to its own line. A problem then names the line of the innermost table or
top-level key around it: the place to start reading in an editor. When TOML
itself refuses a header or key that gives a name again, :func:`given_before`
finds the line that gave it first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import attrs

from ._errors import Problem

_INDEX = re.compile(r"\[\d+\]")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
# One part of a dotted header: quoted ("jobarchitecture.families" is one part) or bare.
_PART = re.compile(r"\s*(?:\"[^\"]*\"|'[^']*'|[^.]+)")
# A key at the start of a line, bare or quoted, then "=" or a dotted part ("scale.name = …").
_KEY = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*[=.]""")


def _outside_strings(text: str) -> Iterator[tuple[int, str]]:
    """Each 1-based line number and line that starts outside a multi-line string
    (the line opening one included: its start is TOML, the rest is text)."""
    in_string: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if in_string is not None:
            if line.count(in_string) % 2:
                in_string = None
            continue
        yield number, line
        for quote in ('"""', "'''"):
            if line.count(quote) % 2:
                in_string = quote
                break


def _parts(name: str) -> list[str]:
    """The parts of a dotted name as written (``a . "b.c"`` is ``a``, ``b.c``)."""
    return [p.strip().strip("\"'") for p in _PART.findall(name)]


def _tables(text: str) -> Iterator[tuple[int, str, str | None]]:
    """Each line outside multi-line strings, with the path of the table it opens
    (``$.criteria[2]``) when it is a table header, else None."""
    counts: dict[str, int] = {}
    for number, line in _outside_strings(text):
        match = _HEADER.match(line)
        if match is None:
            yield number, line, None
            continue
        is_array = match.group(1) == "[["
        parts = _parts(match.group(2))
        path = "$"
        for i, part in enumerate(parts):
            path += f".{part}"
            if i < len(parts) - 1:
                if path in counts:  # an array of tables: its latest element
                    path += f"[{counts[path] - 1}]"
            elif is_array:
                counts[path] = counts.get(path, 0) + 1
                path += f"[{counts[path] - 1}]"
        yield number, line, path


def table_lines(text: str) -> dict[str, int]:
    """Each table's path (``$.criteria[2]``) to the 1-based line of its header."""
    return {path: number for number, _, path in _tables(text) if path is not None}


def key_lines(text: str, table: str = "$") -> dict[str, int]:
    """Each key's path (``$.code``) to the line where it is set, for the keys of
    *table* (the top level unless told, the keys before the first header;
    ``$.project.entry-points.jobarchitecture.families`` in a pyproject.toml)."""
    lines: dict[str, int] = {}
    current = "$"
    for number, line, path in _tables(text):
        if path is not None:
            current = path
        elif current == table and (key := _KEY.match(line)) is not None:
            name = next(g for g in key.groups() if g is not None)
            lines.setdefault(f"{table}.{name}", number)
    return lines


# A whole key before "=", dotted or not ("scale.name", '"a.b".c').
DOTTED_KEY = re.compile(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)


@attrs.frozen
class Given:
    """What gave a name before the table header or key that TOML refused to give it again.

    ``kind`` is ``"value"`` (``name = …``), ``"dotted"`` (a table made by a
    dotted key, ``scale.name = …`` making ``scale``), ``"table"`` (``[name]``)
    or ``"array"`` (``[[name]]``); ``name`` is dotted (``criteria``, ``a.b``),
    ``line`` is where it was first given, and ``again`` whether the refused
    line gives that very name (rather than one inside it: ``[a.b]`` after ``a = 1``).
    """

    kind: str
    name: str
    line: int
    again: bool = True


def _prefixes(path: str) -> Iterator[str]:
    """Each path that *path* is inside, shortest first, ending with *path*:
    ``$.a``, ``$.a[1]``, ``$.a[1].b`` for ``$.a[1].b``."""
    for i in range(2, len(path)):
        if path[i] in ".[":
            yield path[:i]
    yield path


def given_before(text: str, line: int) -> Given | None:
    """What already gave the name that the table header or key at *line* gives
    (or a name it is inside, as a value), or None when nothing before it did."""
    given: dict[str, Given] = {}
    current = "$"
    for number, row, path in _tables(text):
        if path is not None:
            is_array = path.endswith("]") and row.lstrip().startswith("[[")
            name = path[: path.rindex("[")] if is_array else path
            if number == line:
                break
            given.setdefault(name, Given("array" if is_array else "table", _header(name), number))
            current = path
        elif (key := DOTTED_KEY.match(row)) is not None:
            parts = _parts(key.group(1))
            names = [current + "".join(f".{p}" for p in parts[: i + 1]) for i in range(len(parts))]
            name = names[-1]
            if number == line:
                break
            for table in names[:-1]:  # scale.name = … makes the table scale
                given.setdefault(table, Given("dotted", _header(table), number))
            given.setdefault(name, Given("value", _header(name), number))
        elif number == line:
            return None
    else:
        return None
    for prefix in _prefixes(name):
        found = given.get(prefix)
        if found is not None and (found.kind == "value" or prefix == name):
            return attrs.evolve(found, again=prefix == name)
    return None


def line_of(path: str, lines: dict[str, int]) -> int | None:
    """The header line of the innermost table containing *path*; else, for a key
    below the top level written only through tables inside it (``[[purpose]]``
    for ``$.purpose``), the first of those; else None (the top level; a
    top-level key has a line when *lines* holds :func:`key_lines` too)."""
    best: tuple[int, int] | None = None
    first: int | None = None
    for table, number in lines.items():
        inside = path == table or (path.startswith(table) and path[len(table)] in ".[")
        if inside and (best is None or len(table) > best[0]):
            best = (len(table), number)
        if len(table) > len(path) > 1 and table.startswith(path) and table[len(path)] in ".[":
            first = number if first is None else min(first, number)
    return first if best is None else best[1]


def _header(path: str) -> str:
    """The TOML header name of the table at *path*: ``criteria.descriptors`` for
    ``$.criteria[2].descriptors``."""
    return _INDEX.sub("", path).removeprefix("$.")


def _in_toml(problem: Problem, lines: dict[str, int]) -> Problem:
    """*problem*, with the header to write when a table was written where an array
    of tables belongs, or the other way round: TOML's ``[x]`` and ``[[x]]``."""
    header = _header(problem.path)
    if problem.message.startswith("expected an array of tables, got one table"):
        # Either [criteria] was written, or only [[criteria.descriptors]] without
        # the [[criteria]] it belongs to: name what was written only if it was.
        instead = f", not [{header}]" if problem.path in lines else ""
        return attrs.evolve(
            problem,
            message=f"{problem.message}: write each one as a [[{header}]] table{instead}",
        )
    if problem.message.startswith("expected a table (") and "got an array of tables" in (
        problem.message
    ):
        return attrs.evolve(
            problem,
            message=f"{problem.message}: write it as one [{header}] table, not [[{header}]]",
        )
    return problem


def locate(problems: Iterable[Problem], text: str) -> list[Problem]:
    """*problems* of the TOML *text*, each with the line of the table it is in, and
    in TOML's words where the shape of a table was mistaken."""
    lines = table_lines(text)
    # A top-level key's problem names the key's line ("$.code" at `code = …`).
    top = key_lines(text)
    places = {**top, **lines}
    return [
        _in_toml(
            p
            if p.line is not None
            else attrs.evolve(p, line=_unknown_key_line(p, places) or line_of(p.path, places)),
            lines,
        )
        for p in problems
    ]


_UNKNOWN = re.compile(r"^unknown key\(s\) '([^'\\]+)'")


def _unknown_key_line(problem: Problem, places: dict[str, int]) -> int | None:
    """The line of the first unknown top-level key *problem* names, where it is set
    (``goverment = …``) or its first table opens (``[[profile.entries]]``): the
    top level has no header line to name instead."""
    found = _UNKNOWN.match(problem.message) if problem.path == "$" else None
    return None if found is None else line_of(f"$.{found.group(1)}", places)
