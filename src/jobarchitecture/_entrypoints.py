"""Reading installed entry points without importing :mod:`importlib.metadata`.

``importlib.metadata`` imports the :mod:`email` package (and through it
``socket`` and ``calendar``) to parse METADATA files: about 30 ms at every start
of the command line, more than the rest of discovery. Entry points only need the
``entry_points.txt`` file of each installed project, whose place and format are
fixed by the PyPA specification "Recording installed projects" (a
``NAME-VERSION.dist-info`` directory on ``sys.path``; setuptools' older
``.egg-info`` directories hold the same file). This module reads those directly,
opens a project's METADATA only when it has entry points in the group asked
for, and falls back to :mod:`importlib.metadata` for anything else on the path
(zip files, eggs), so the answer is the same.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Iterable, Iterator
from typing import Any

_EP_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?(\[.*\])?\s*$")


class Distribution:
    """The installed project an entry point belongs to: its name and version."""

    __slots__ = ("name", "version")

    def __init__(self, name: str, version: str) -> None:
        self.name = name
        self.version = version

    def __repr__(self) -> str:
        return f"<Distribution {self.name} {self.version}>"


class EntryPoint:
    """An entry point as :class:`importlib.metadata.EntryPoint` has it: name, value, group, dist."""

    __slots__ = ("dist", "group", "name", "value")

    def __init__(self, name: str, value: str, group: str, dist: Distribution | None) -> None:
        self.name = name
        self.value = value
        self.group = group
        self.dist = dist

    def __repr__(self) -> str:
        return f"<EntryPoint {self.name} = {self.value} [{self.group}]>"

    def load(self) -> Any:
        """Import the module the value names and return the object it names.

        Raises:
            ValueError: the value is not ``module`` or ``module:attr``.
            ImportError, AttributeError: as the import raises them.
        """
        match = _EP_VALUE.match(self.value)
        if match is None:
            raise ValueError(f"malformed entry point value {self.value!r}")
        obj: Any = importlib.import_module(match["module"])
        for part in (match["attr"] or "").split(".") if match["attr"] else ():
            obj = getattr(obj, part)
        return obj


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _metadata(path: str) -> tuple[str, str] | None:
    """Name and Version from the header of a METADATA file (RFC 822 style)."""
    name = version = None
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    break  # the header ends at the first blank line
                key, _, value = line.partition(":")
                if key == "Name":
                    name = value.strip()
                elif key == "Version":
                    version = value.strip()
    except (OSError, ValueError):  # unreadable, or not UTF-8: not a project we can name
        return None
    return (name, version) if name and version else None


def _parse(text: str, group: str) -> Iterator[tuple[str, str]]:
    """The (name, value) pairs of *group* in an entry_points.txt (an INI file)."""
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
        elif current == group and "=" in line:
            name, _, value = line.partition("=")
            yield name.strip(), value.strip()


class _UnsupportedError(Exception):
    """Something on sys.path this reader does not handle: use importlib.metadata."""


def _project_key(stem: str, meta: str) -> str | None:
    """The normalised project name of a metadata directory, from its name when it has one.

    ``NAME-VERSION.dist-info`` (and setuptools' ``NAME-VERSION[-pyX.Y].egg-info``)
    name the project in the directory's name, so telling the first installation
    of a project from a later, shadowed one opens no file; only a bare
    ``NAME.egg-info`` (a development install) needs its metadata read.
    """
    name, sep, _ = stem.partition("-")
    if sep and name:
        return _normalise(name)
    found = _metadata(meta)
    return None if found is None else _normalise(found[0])


def _scan(group: str, path: Iterable[str]) -> list[EntryPoint]:
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for entry in path:
        directory = entry or "."
        if os.path.isfile(directory):
            raise _UnsupportedError(directory)  # a zip file on sys.path
        try:
            names = sorted(os.listdir(directory))
        except OSError:
            continue  # a missing directory on sys.path is normal
        for child in names:
            if child.endswith(".egg"):
                raise _UnsupportedError(child)  # eggs (zips): leave them to importlib.metadata
            if child.endswith(".dist-info"):
                stem, meta_name = child[: -len(".dist-info")], "METADATA"
            elif child.endswith(".egg-info"):
                stem, meta_name = child[: -len(".egg-info")], "PKG-INFO"
            else:
                continue
            base = os.path.join(directory, child)
            meta = os.path.join(base, meta_name)
            key = _project_key(stem, meta)
            # The first installation of a project on sys.path is the one imported.
            if key is None or key in seen:
                continue
            seen.add(key)
            try:
                with open(os.path.join(base, "entry_points.txt"), encoding="utf-8") as handle:
                    text = handle.read()
            except (FileNotFoundError, NotADirectoryError):
                continue  # most projects have none; a PKG-INFO file is an egg-info too
            except OSError as exc:
                raise _UnsupportedError(base) from exc
            except ValueError:
                # Not UTF-8: one broken installation must not hide every other plugin.
                from ._errors import log_warning

                log_warning(
                    "cannot read %s: not UTF-8 text", os.path.join(base, "entry_points.txt")
                )
                continue
            # A file that never names the group has no section of it: most do not.
            pairs = list(_parse(text, group)) if group in text else []
            if not pairs:
                continue
            # Only a project with entry points in the group has its metadata
            # opened: for its name as published and its version.
            info = _metadata(meta)
            if info is None:
                continue
            dist = Distribution(*info)
            found.extend(EntryPoint(n, v, group, dist) for n, v in pairs)
    return found


def entry_points(group: str, path: Iterable[str] | None = None) -> list[Any]:
    """The installed entry points of *group*, as :func:`importlib.metadata.entry_points` gives them.

    Args:
        group: The entry-point group.
        path: The places to look (default ``sys.path``).
    """
    places = list(sys.path if path is None else path)
    try:
        return _scan(group, places)
    except _UnsupportedError:
        from importlib import metadata

        found: list[Any] = []
        seen: set[str] = set()
        for dist in metadata.distributions(path=places):
            name = dist.metadata["Name"]
            if not name or _normalise(name) in seen:
                continue
            seen.add(_normalise(name))
            found.extend(dist.entry_points.select(group=group))
        return found
