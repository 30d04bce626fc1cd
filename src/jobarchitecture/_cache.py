"""A cache of parsed families, so that a cold command does not parse TOML or run cattrs.

Parsing a family costs a cold process about 30 ms (tomllib, importlib.resources,
cattrs generating its structuring code on first use, validation): more than
classifying. Unpickling the same family takes under 1 ms and needs neither
cattrs nor tomllib. So, as mypy, black and pip keep theirs, each valid family is
kept in the user's cache directory, keyed by everything that decides what
parsing would give:

- the bytes of the data file (their length and CRC-32: the file is read on
  every lookup, so a changed file is never served, whatever its timestamp says;
  timestamps alone are racy within one clock tick);
- the registered code, the distribution and its version (an upgraded plugin);
- the core: its version and the source of the modules that turn data into a
  family (``_model``, ``_format``, ``_validate``, ``_registry``, this module), the installed
  attrs and the Python version (an upgraded or edited core).

Only families that parsed and validated are stored: a broken file is parsed
again every time and fails exactly as it did, with the same messages.

An entry is three pickles in one file: the key, a summary (what ``families``
prints: code, name, government, levels) and the family; ``families`` reads only
the first two. Beside it, a second file holds the key again and the family as
classifying needs it (:func:`for_classifying`), which is all ``classify`` reads. The cache is the user's own, like their family files; a corrupt
or unreadable entry is a miss, and a cache that cannot be written is skipped.

Environment:
    ``JOBARCHITECTURE_NO_CACHE=1`` turns the cache off.
    ``JOBARCHITECTURE_CACHE_DIR`` puts it elsewhere (default: ``$XDG_CACHE_HOME``
    or ``~/.cache`` on Linux, ``~/Library/Caches`` on macOS, ``%LOCALAPPDATA%``
    on Windows, each with ``jobarchitecture``).
"""

from __future__ import annotations

import os
import sys
import zlib
from typing import TYPE_CHECKING, Any

import attrs

from ._model import Text  # the package has imported the model already

if TYPE_CHECKING:
    from ._model import Family

OFF_ENV = "JOBARCHITECTURE_NO_CACHE"
DIR_ENV = "JOBARCHITECTURE_CACHE_DIR"
#: Bumped when the layout of an entry changes.
_LAYOUT = 2
#: The modules whose code decides what parsing a file gives.
#: The suffix of the file beside each entry that holds the family as classifying reads it.
_CLASSIFYING = ".classifying"
_CORE_MODULES = (
    "_model.py",
    "_extra.py",
    "_format.py",
    "_validate.py",
    "_registry.py",
    "_cache.py",
)


#: What ``jobarchitecture families`` lists of a family: its code, name and
#: government (as Text, so that any language can be listed) and level codes,
#: lowest first. A plain tuple: a class would cost the cold start its creation.
Summary = tuple[str, Text, Text, tuple[str, ...]]


def summary_of(family: Family) -> Summary:
    """The summary of a parsed family: exactly what the cache stores for it."""
    return (family.code, family.name, family.government, family.scale.codes)


def for_classifying(family: Family) -> Family:
    """*family* without what classifying, explaining and printing a result never reads.

    Its requirements, competencies, profiles, notes, sources, translations and
    the family's own references are left empty: unpickling them would create
    their classes (``_extra``, about 6 ms of a cold start) for nothing. Only the
    ``classify`` command uses it, for itself; every other reader gets the family.
    """
    from ._model import CompetencyDictionary

    return attrs.evolve(
        family,
        requirements=(),
        competencies=CompetencyDictionary(),
        profiles=(),
        notes=(),
        sources=(),
        translations=(),
        references=(),
    )


def enabled() -> bool:
    """False when ``JOBARCHITECTURE_NO_CACHE`` is set to a true value."""
    return os.environ.get(OFF_ENV, "").strip().lower() not in {"1", "true", "yes", "on"}


def directory() -> str | None:
    """Where entries are kept, or None when the cache is off or has no home."""
    # os.path, not pathlib: pathlib costs a cold start 6 ms of imports.
    if not enabled():
        return None
    given = os.environ.get(DIR_ENV, "").strip()
    if given:
        base = os.path.expanduser(given)
    else:
        home = os.path.expanduser("~")
        if home == "~":  # no home directory to put it in
            return None
        if sys.platform == "win32":
            local = os.environ.get("LOCALAPPDATA") or os.path.join(home, "AppData", "Local")
            base = os.path.join(local, "jobarchitecture", "Cache")
        elif sys.platform == "darwin":
            base = os.path.join(home, "Library", "Caches", "jobarchitecture")
        else:
            xdg = os.environ.get("XDG_CACHE_HOME", "")
            # The XDG spec: a relative value is invalid and to be ignored.
            root = xdg if os.path.isabs(xdg) else os.path.join(home, ".cache")
            base = os.path.join(root, "jobarchitecture")
    return os.path.join(base, f"families-py{sys.version_info[0]}{sys.version_info[1]}")


_core: str | None = None


def core_fingerprint() -> str:
    """The core's version and a CRC of the modules that build families (computed once)."""
    global _core
    if _core is None:
        import attr

        from . import __version__

        here = os.path.dirname(__file__)
        crc = 0
        for name in _CORE_MODULES:
            try:
                with open(os.path.join(here, name), "rb") as handle:
                    crc = zlib.crc32(handle.read(), crc)
            except OSError:  # no source (a frozen build): the version has to do
                crc = zlib.crc32(name.encode(), crc)
        # attrs.__version__ would import importlib.metadata (25 ms); an upgrade
        # of attrs rewrites its files, which their size and time show.
        try:
            made = os.stat(os.path.join(os.path.dirname(attr.__file__), "_make.py"))
            attrs_id = f"{made.st_size}/{made.st_mtime_ns}"
        except (OSError, TypeError):
            attrs_id = "?"
        _core = f"{__version__}/{crc:08x}/attrs {attrs_id}/{sys.version}"
    return _core


def key(data: bytes, *parts: str | None) -> tuple[Any, ...]:
    """The key of a family parsed from *data*, for the source described by *parts*."""
    return (_LAYOUT, core_fingerprint(), *parts, len(data), zlib.crc32(data))


def _entry(where: str, suffix: str = ".pickle") -> str | None:
    base = directory()
    if base is None:
        return None
    # One entry per source, so upgrades replace entries instead of piling them up.
    stem = "".join(c if c.isalnum() or c in "-_." else "_" for c in where)[-80:]
    return os.path.join(base, f"{stem}-{zlib.crc32(where.encode()):08x}{suffix}")


def _read(
    where: str, wanted: tuple[Any, ...], items: int, suffix: str = ".pickle"
) -> list[Any] | None:
    path = _entry(where, suffix)
    if path is None:
        return None
    try:
        # The C unpickler alone: pickle.py on top of it costs a cold start 1.3 ms.
        from _pickle import load as unpickle
    except ImportError:  # an interpreter without it
        from pickle import load as unpickle
    try:
        with open(path, "rb") as handle:
            if unpickle(handle) != wanted:
                return None
            return [unpickle(handle) for _ in range(items)]
    except FileNotFoundError:
        return None
    except Exception:  # a corrupt, truncated or outdated entry is a miss, not an error
        return None


def load(where: str, wanted: tuple[Any, ...]) -> Family | None:
    """The cached family of source *where* if its key is *wanted*, else None."""
    from ._model import Family

    found = _read(where, wanted, 2)
    if found is None or not isinstance(found[1], Family):
        return None
    return found[1]


def load_for_classifying(where: str, wanted: tuple[Any, ...]) -> Family | None:
    """The cached :func:`for_classifying` family of source *where* if its key is *wanted*."""
    from ._model import Family

    found = _read(where, wanted, 1, _CLASSIFYING)
    if found is None or not isinstance(found[0], Family):
        return None
    return found[0]


def summary(where: str, wanted: tuple[Any, ...]) -> Summary | None:
    """The cached summary of source *where* if its key is *wanted*, else None."""
    found = _read(where, wanted, 1)
    if found is None or not isinstance(found[0], tuple):
        return None
    code, name, government, levels = found[0]
    return (code, name, government, levels)


def store(where: str, wanted: tuple[Any, ...], family: Family) -> None:
    """Keep *family* (parsed and valid) for source *where* under the key *wanted*."""
    path = _entry(where)
    part = _entry(where, _CLASSIFYING)
    if path is None or part is None:
        return
    import pickle

    from ._io import atomic_binary

    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with atomic_binary(path) as handle:
            pickle.dump(wanted, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(summary_of(family), handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(family, handle, protocol=pickle.HIGHEST_PROTOCOL)
        # Written second, under the same key: a failure between the two leaves
        # an older part whose key no longer matches, a miss.
        with atomic_binary(part) as handle:
            pickle.dump(wanted, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(for_classifying(family), handle, protocol=pickle.HIGHEST_PROTOCOL)
    except (OSError, pickle.PicklingError):
        # A read-only or full cache directory costs speed, never a result.
        pass
