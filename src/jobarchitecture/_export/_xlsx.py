"""xlsx: a workbook a reviewer reads and comments on (openpyxl, the ``xlsx`` extra).

Sheets: purpose and result areas; the criteria (one column per level, a
descriptor that spans levels merged across their columns); the competency grid
of every role; the requirements (laid out like the criteria); notes, sources,
translations and references. Every sheet has a frozen header, wrapped text,
set column widths and an empty comment column for the reviewer.
"""

from __future__ import annotations

import io
import os
from typing import Any

from .. import _model as m
from .._errors import ExportError
from .._resolve import as_family
from ._labels import label

_WIDE, _MEDIUM, _NARROW = 50, 28, 8


def _openpyxl() -> Any:
    try:
        import openpyxl  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        raise ExportError(
            "xlsx", "writing .xlsx needs openpyxl: pip install 'jobarchitecture[xlsx]'"
        ) from None
    return openpyxl


class _Sheet:
    """One worksheet: a bold, frozen header; wrapped, top-aligned cells."""

    def __init__(self, book: Any, title: str, headers: list[str], widths: list[int]) -> None:
        from openpyxl.styles import (  # type: ignore[import-untyped, import-not-found, unused-ignore]
            Alignment,
            Border,
            Font,
            PatternFill,
            Side,
        )

        self.ws = book.create_sheet(title[:31])  # Excel's limit on sheet names
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.bold = Font(bold=True)
        self.fill = PatternFill("solid", fgColor="DDE4EE")
        thin = Side(style="thin", color="B0B7C3")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.center = Alignment(horizontal="center", vertical="top")
        self.header_rows = 0
        self.width = 0  # the header's number of columns
        self.header(headers)
        from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, import-not-found, unused-ignore]

        for i, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width

    def header(self, cells: list[str]) -> None:
        self.header_rows += 1
        self.width = max(self.width, len(cells))
        for col, value in enumerate(cells, start=1):
            cell = self.ws.cell(self.header_rows, col, value)
            cell.font, cell.fill, cell.alignment = self.bold, self.fill, self.wrap
            cell.border = self.border

    def subheader(self, cells: list[str]) -> None:
        """A header row further down, for a table under another whose columns differ."""
        r: int = self.ws.max_row + 1
        for col in range(1, self.width + 1):
            cell = self.ws.cell(r, col, cells[col - 1] if col <= len(cells) else None)
            cell.font, cell.fill, cell.alignment = self.bold, self.fill, self.wrap
            cell.border = self.border

    def row(self, cells: list[Any]) -> int:
        """Append a row; it is bordered and wrapped across the header's whole width
        (the level columns and the reviewer's comment column included), however
        few of its *cells* are given."""
        r: int = self.ws.max_row + 1
        cells = cells + [None] * (self.width - len(cells))
        for col, value in enumerate(cells, start=1):
            if value is not None and value != "":
                self.ws.cell(r, col, value)
            self.ws.cell(r, col).alignment = self.wrap
            self.ws.cell(r, col).border = self.border
        return r

    def freeze(self, cell: str) -> None:
        self.ws.freeze_panes = cell
        self.fit()
        # Printed for a review meeting: landscape, as wide as the page, the
        # header repeated on every page.
        setup = self.ws.page_setup
        setup.orientation = "landscape"
        setup.paperSize = self.ws.PAPERSIZE_A4
        setup.fitToWidth, setup.fitToHeight = 1, 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        self.ws.print_title_rows = f"1:{self.header_rows}"

    def fit(self) -> None:
        """Set each row's height from its longest wrapped cell.

        Excel does not grow a row for wrapped text it did not write itself, so
        without this a reviewer would see one line of each descriptor.
        """
        from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, import-not-found, unused-ignore]

        spans = {}
        for merged in self.ws.merged_cells.ranges:
            spans[(merged.min_row, merged.min_col)] = merged.max_col
        for row in self.ws.iter_rows():
            lines = 1
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                last = spans.get((cell.row, cell.column), cell.column)
                width = sum(
                    self.ws.column_dimensions[get_column_letter(c)].width or 10
                    for c in range(cell.column, last + 1)
                )
                per_line = max(int(width * 1.1) - 2, 1)
                lines = max(
                    lines,
                    sum(-(-max(len(part), 1) // per_line) for part in cell.value.split("\n")),
                )
            self.ws.row_dimensions[row[0].row].height = min(15 * lines, 409)


def _opt(text: m.Text | None, lang: str) -> str:
    return "" if text is None else text.get(lang)


def _purpose_sheet(book: Any, family: m.Family, lang: str) -> None:
    keys = [
        "part",
        "number",
        "title",
        "activity",
        "connector",
        "outcome",
        "tasks",
        "optional",
        "context",
        "comment",
    ]
    sheet = _Sheet(
        book,
        label("purpose_sheet", lang),
        [label(k, lang) for k in keys],
        [18, 6, _MEDIUM, _WIDE, 14, _WIDE, 60, 12, _WIDE, 40],
    )
    p = family.purpose
    sheet.row(
        [
            label("purpose", lang),
            None,
            None,
            p.activity.get(lang),
            p.connector,
            p.outcome.get(lang),
            None,
            None,
            "\n\n".join(n.get(lang) for n in p.notes),
        ]
    )
    for area in family.result_areas:
        sheet.row(
            [
                label("result_area", lang),
                area.number,
                area.title.get(lang),
                area.activity.get(lang),
                area.connector,
                area.outcome.get(lang),
                "\n".join(f"• {t.get(lang)}" for t in area.tasks),
                "✓" if area.optional else None,
                _opt(area.context, lang),
            ]
        )
    sheet.freeze("A2")


def _span_sheet(
    book: Any,
    family: m.Family,
    title: str,
    rows: list[tuple[list[str], tuple[m.Descriptor, ...]]],
    leading: list[tuple[str, int]],
    lang: str,
) -> None:
    """Criteria or requirements: *leading* columns, then one column per level,
    each descriptor in the column of its first level, merged across its span."""
    from openpyxl.comments import Comment  # type: ignore[import-untyped, import-not-found, unused-ignore]

    levels = family.scale.levels
    sheet = _Sheet(
        book,
        title,
        [h for h, _ in leading] + [lvl.name.get(lang) for lvl in levels] + [label("comment", lang)],
        [w for _, w in leading] + [45] * len(levels) + [40],
    )
    first = len(leading) + 1
    column = {lvl.code: first + i for i, lvl in enumerate(levels)}
    for names, descriptors in rows:
        r = sheet.row(names)
        for d in descriptors:
            cols = [column[c] for c in d.levels if c in column]
            if not cols:
                continue
            cell = sheet.ws.cell(r, min(cols), d.text(lang))
            cell.alignment = sheet.wrap
            if d.inferred:
                cell.comment = Comment(
                    f"{label('inferred', lang)}: {d.inferred}", "jobarchitecture"
                )
            if len(cols) > 1:
                sheet.ws.merge_cells(
                    start_row=r, start_column=min(cols), end_row=r, end_column=max(cols)
                )
        sheet.ws.cell(r, first + len(levels)).alignment = sheet.wrap
    sheet.freeze(sheet.ws.cell(2, first).coordinate)


def _named(name: m.Text, note: m.Text | None, lang: str) -> str:
    return name.get(lang) + (f"\n{note.get(lang)}" if note is not None else "")


def _competency_sheet(book: Any, family: m.Family, lang: str) -> None:
    levels = family.scale.levels
    profiles = family.profiles
    heads = [label("cluster", lang), label("competency", lang)]
    role_row = heads + [p.name.get(lang) for p in profiles for _ in levels]
    sheet = _Sheet(
        book,
        label("competencies_sheet", lang),
        role_row if profiles else heads,
        [_MEDIUM, 34] + [_NARROW + 4] * (len(profiles) * len(levels)),
    )
    if profiles:
        sheet.header(["", ""] + [lvl.code for _ in profiles for lvl in levels])
        for i in range(len(profiles)):
            start = 3 + i * len(levels)
            if len(levels) > 1:
                sheet.ws.merge_cells(
                    start_row=1, start_column=start, end_row=1, end_column=start + len(levels) - 1
                )
    clusters = {c.code: c.name.get(lang) for c in family.competencies.clusters}
    for comp in family.competencies.competencies:
        marks: list[Any] = []
        for p in profiles:
            entries = [e for e in p.entries if e.competency == comp.code]
            for lvl in levels:
                here = [e for e in entries if e.applies_to(lvl)]
                if not here:
                    marks.append(None)
                elif here[0].core:
                    marks.append("K")
                else:
                    marks.append(here[0].behavioural_level or "X")
        r = sheet.row([clusters.get(comp.cluster or "", ""), comp.name.get(lang), *marks])
        for col in range(3, 3 + len(marks)):
            sheet.ws.cell(r, col).alignment = sheet.center
    if profiles:
        # The legend and notes below the grid, each across its whole width.
        last = 2 + len(profiles) * len(levels)
        lines = [label("legend", lang)]
        lines += [f"{p.name.get(lang)}: {n.get(lang)}" for p in profiles for n in p.notes]
        for line in lines:
            r = sheet.ws.max_row + 2 if line is lines[0] else sheet.ws.max_row + 1
            sheet.ws.cell(r, 1, line).alignment = sheet.wrap
            sheet.ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last)
    sheet.freeze("C3" if profiles else "C2")


def _notes_sheet(book: Any, family: m.Family, lang: str) -> None:
    """Notes, sources, translations and references: four small tables, one under the
    other, each under a header row naming what its own columns hold (a source's
    title is no code, a reference's level no marker)."""
    refs = [("", r) for r in family.references]
    refs += [(lvl.code, r) for lvl in family.scale.levels for r in lvl.references]
    sections: list[tuple[list[str], list[list[Any]]]] = [
        (
            ["part", "code", "marker", "term", "text", "comment"],
            [
                [label("note", lang), n.code, n.marker, n.term, n.text.get(lang)]
                for n in family.notes
            ],
        ),
        (
            ["part", "title", "", "", "reference_note", "comment"],
            [
                [
                    label("source", lang),
                    s.title,
                    None,
                    None,
                    "\n".join(x.strip() for x in (s.reference, s.note or "") if x.strip()),
                ]
                for s in family.sources
            ],
        ),
        (
            ["part", "language", "", "", "note", "comment"],
            [[label("translation", lang), t.lang, None, None, t.note] for t in family.translations],
        ),
        (
            ["part", "scheme_code", "level", "", "text", "comment"],
            [
                [
                    label("reference", lang),
                    f"{r.scheme} {r.code}",
                    where or None,
                    None,
                    "\n".join(filter(None, [r.label or "", r.url, f"({r.source.value})", r.note])),
                ]
                for where, r in refs
            ],
        ),
    ]
    shown = [(keys, rows) for keys, rows in sections if rows] or sections[:1]
    sheet: _Sheet | None = None
    for keys, rows in shown:
        headers = [label(k, lang) if k else "" for k in keys]
        if sheet is None:
            sheet = _Sheet(book, label("notes_sheet", lang), headers, [16, _MEDIUM, 8, 18, 80, 40])
        else:
            sheet.subheader(headers)
        for cells in rows:
            sheet.row(cells)
    assert sheet is not None
    sheet.freeze("A2")


def to_xlsx(family: m.Family | str | os.PathLike[str], lang: str = "nl") -> bytes:
    """Return *family* as an xlsx workbook for reviewers, as bytes.

    Texts are in *lang*, Dutch where a text is not translated. *family* is a
    Family, an installed family's code or a family file.

    Raises:
        LanguageError: *lang* is not one of ``nl``, ``fr``, ``en``.
        ExportError: openpyxl is not installed (the ``xlsx`` extra).
        UnknownFamilyError, FamilyError: *family* names no family that loads.
    """
    m.check_lang(lang)
    family = as_family(family)
    openpyxl = _openpyxl()
    book = openpyxl.Workbook()
    book.remove(book.active)
    _purpose_sheet(book, family, lang)
    _span_sheet(
        book,
        family,
        label("criteria_sheet", lang),
        [([_named(c.name, c.note, lang)], c.descriptors) for c in family.criteria],
        [(label("criterion", lang), 30)],
        lang,
    )
    _competency_sheet(book, family, lang)
    _span_sheet(
        book,
        family,
        label("requirements_sheet", lang),
        [
            ([r.group.get(lang), _named(r.name, r.note, lang)], r.descriptors)
            for r in family.requirements
        ],
        [(label("group", lang), 22), (label("requirement", lang), 30)],
        lang,
    )
    _notes_sheet(book, family, lang)
    book.properties.title = family.name.get(lang)
    book.properties.creator = "jobarchitecture"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
