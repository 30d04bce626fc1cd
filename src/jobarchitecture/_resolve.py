"""What a family argument may be: a Family, an installed family's code, or a file."""

from __future__ import annotations

import os

from ._model import Family


def looks_like_path(arg: str | os.PathLike[str]) -> bool:
    """True when *arg* names a family file rather than a family code."""
    if isinstance(arg, os.PathLike):
        return True
    seps = [s for s in (os.sep, os.altsep) if s]
    return arg.lower().endswith((".toml", ".json")) or any(s in arg for s in seps)


def as_family(family: Family | str | os.PathLike[str], *, classifying: bool = False) -> Family:
    """The family *family* names: itself, the installed family of that code, or a file's.

    A string that looks like no path (no ``.toml``/``.json``, no separator) is
    a code first, and a file only when no family has that code. With
    *classifying*, an installed family may come as the part of it that
    classifying reads (:meth:`Registry.for_classifying`).

    Raises:
        UnknownFamilyError: no installed family has that code, and no file that name.
        PluginError, FamilyError: the family is broken, or the file cannot be read.
        TypeError: *family* is none of these.
    """
    if isinstance(family, Family):
        return family
    if isinstance(family, str) and not looks_like_path(family):
        from ._errors import UnknownFamilyError
        from ._registry import family_for_classifying, get_family

        try:
            return family_for_classifying(family) if classifying else get_family(family)
        except UnknownFamilyError:
            if not os.path.isfile(family):
                raise
            # No family has that code, but a file has that name (family.yaml,
            # family.txt): it was meant, and its problem is its type.
    elif not isinstance(family, str | os.PathLike):
        raise TypeError(
            f"'family' must be a Family, a family code or a file path (got {type(family).__name__})"
        )
    from pathlib import Path  # here, not at the top: pathlib costs a cold classify 6 ms

    from ._format import load_family

    return load_family(Path(family))
