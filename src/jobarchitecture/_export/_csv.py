"""CSV: the criteria matrix, one row per criterion and level, for other tools."""

from __future__ import annotations

import io
import os

from .. import _model as m
from .._errors import ExportError
from .._resolve import as_family

#: The columns, in order. ``span_first``/``span_last`` are the levels the
#: descriptor covers (equal when it covers one level).
COLUMNS: tuple[str, ...] = (
    "family",
    "criterion",
    "criterion_name",
    "level",
    "level_name",
    "span_first",
    "span_last",
    "join",
    "result_area",
    "inferred",
    "text",
)


def criteria_rows(family: m.Family, lang: str = "nl") -> list[dict[str, str]]:
    """The criteria matrix as rows (one per criterion and level, levels lowest
    first), texts in *lang* (Dutch where a text is not translated).

    Raises:
        LanguageError: *lang* is not one of ``nl``, ``fr``, ``en``.
    """
    m.check_lang(lang)
    rows = []
    for c in family.criteria:
        for level in family.scale.levels:
            d = c.at(level)
            if d is None:  # only in a family that does not validate
                continue
            rows.append(
                {
                    "family": family.code,
                    "criterion": c.code,
                    "criterion_name": c.name.get(lang),
                    "level": level.code,
                    "level_name": level.name.get(lang),
                    "span_first": d.levels[0],
                    "span_last": d.levels[-1],
                    "join": d.join.value,
                    "result_area": "true" if d.result_area else "false",
                    "inferred": d.inferred or "",
                    "text": d.text(lang),
                }
            )
    return rows


def to_csv(
    family: m.Family | str | os.PathLike[str],
    lang: str = "nl",
    *,
    delimiter: str = ",",
    bom: bool = False,
) -> str:
    """The criteria matrix of *family* as CSV text, one row per criterion and level.

    Comma-separated, with a header row and ``\\r\\n`` line ends as RFC 4180 has them.
    *family* is a Family, an installed family's code or a family file.

    Args:
        family: The family, an installed family's code, or a family file.
        lang: Language of the names and texts (Dutch where not translated).
        delimiter: The field separator; Belgian Excel reads ``;``.
        bom: Start with a byte order mark (U+FEFF), by which Excel recognises
            UTF-8; without it Excel reads the file as its ANSI code page and
            garbles every accent. Off by default: other tools take the BOM for
            part of the first column's name.

    Raises:
        ExportError: *delimiter* is not one character, or is a quote or a line end.
        LanguageError: *lang* is not one of ``nl``, ``fr``, ``en``.
        UnknownFamilyError, FamilyError: *family* names no family that loads.
    """
    if len(delimiter) != 1 or delimiter in '"\r\n':
        raise ExportError(
            "csv",
            f"'delimiter' must be one character, not a quote or a line end (got {delimiter!r})",
        )
    family = as_family(family)
    import csv  # only when exporting; the core import stays light

    out = io.StringIO(newline="")
    if bom:
        out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(criteria_rows(family, lang))
    return out.getvalue()
