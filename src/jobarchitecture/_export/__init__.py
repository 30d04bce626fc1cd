"""Exports of a family for other tools: JSON-LD (schema.org), xlsx (reviewers), CSV.

``to_jsonld``, ``to_xlsx`` and ``to_csv`` return the export in memory and touch
no file; :func:`export` is the one function that writes, through
``jobarchitecture._io`` so that a reader never sees half a file.
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import _model as m
from .._errors import ExportError
from ._csv import to_csv
from ._jsonld import dumps_jsonld, to_jsonld
from ._xlsx import to_xlsx

#: The export formats, and the file suffixes that select each.
FORMATS: dict[str, tuple[str, ...]] = {
    "jsonld": (".jsonld", ".json"),
    "xlsx": (".xlsx",),
    "csv": (".csv",),
}


def format_for(path: str | os.PathLike[str], format: str | None = None) -> str:
    """The export format: *format* when given, else the one *path*'s suffix names.

    A *format* that *path*'s suffix contradicts (``x.csv`` with ``xlsx``) is an
    error, since the file would lie about its content; a suffix that names no
    format (``x.txt``, none) takes the *format* given.

    Raises:
        ExportError: the format is unknown, *path*'s suffix names none, or it
            names another format than *format*.
    """
    from .._io import format_mismatch, named_format

    named = named_format(path, FORMATS)
    if format is not None:
        if format not in FORMATS:
            raise ExportError(
                format, f"unknown export format {format!r} (formats: {', '.join(FORMATS)})"
            )
        if named is not None and named != format:
            raise ExportError(format, format_mismatch(path, format, named, FORMATS[format]))
        return format
    if named is not None:
        return named
    known = ", ".join(s for suffixes in FORMATS.values() for s in suffixes)
    suffix = Path(path).suffix.lower()
    raise ExportError(
        suffix, f"cannot tell the export format from {Path(path).name!r} (expected {known})"
    )


def render(
    family: m.Family | str | os.PathLike[str],
    format: str,
    lang: str = "nl",
    *,
    delimiter: str | None = None,
    bom: bool = False,
) -> str | bytes:
    """The export of *family* in *format* as file content: text for ``jsonld``
    and ``csv``, bytes for ``xlsx``; *delimiter* and *bom* as :func:`to_csv` takes them.

    Raises:
        ExportError: *format* is unknown, its optional dependency is missing, or
            *delimiter* or *bom* is given for another format than csv.
        LanguageError: *lang* is not one of ``nl``, ``fr``, ``en``.
    """
    m.check_lang(lang)
    chosen = format_for("", format)
    if chosen != "csv" and (delimiter is not None or bom):
        given = "delimiter" if delimiter is not None else "bom"
        raise ExportError(chosen, f"{given!r} is for the csv format (got format {chosen!r})")
    if chosen == "jsonld":
        return dumps_jsonld(family)
    if chosen == "csv":
        return to_csv(family, lang, delimiter=delimiter or ",", bom=bom)
    return to_xlsx(family, lang)


def export(
    family: m.Family | str | os.PathLike[str],
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    lang: str = "nl",
    delimiter: str | None = None,
    bom: bool = False,
) -> Path:
    """Write *family* to *path* as JSON-LD, xlsx or CSV; return the path.

    Args:
        family: The family, an installed family's code, or a family file.
        path: The file to write; replaced only once the export is complete.
        format: ``jsonld``, ``xlsx`` or ``csv``; by default the one *path*'s
            suffix names (``.jsonld`` / ``.json``, ``.xlsx``, ``.csv``).
        lang: Language of the xlsx and CSV texts (a missing translation falls
            back to Dutch); JSON-LD always carries every language.
        delimiter: For CSV, the field separator (default ``,``).
        bom: For CSV, start with a UTF-8 byte order mark, for Excel (see :func:`to_csv`).

    Raises:
        ExportError: the format is unknown or *path*'s suffix contradicts it, its
            optional dependency is missing, or *delimiter* or *bom* is given for
            another format than csv.
        LanguageError: *lang* is not one of ``nl``, ``fr``, ``en``.
        UnknownFamilyError, FamilyError: *family* names no family that loads.
    """
    from .._io import atomic_binary, atomic_output

    content = render(family, format_for(path, format), lang, delimiter=delimiter, bom=bom)
    target = Path(path)
    if isinstance(content, bytes):
        with atomic_binary(target) as stream:
            stream.write(content)
    else:
        # newline="": the CSV already has its \r\n line ends.
        with atomic_output(target, newline="") as text:
            text.write(content)
    return target


__all__ = ["FORMATS", "export", "format_for", "render", "to_csv", "to_jsonld", "to_xlsx"]
