"""xlsx: a workbook a reviewer reads and comments on (openpyxl, the ``xlsx`` extra).

Sheets: purpose and result areas; the criteria (one column per level, a
descriptor that spans levels merged across their columns); the competency grid
of every role; the requirements (laid out like the criteria); notes, sources,
translations and references. Every sheet has a frozen header, wrapped text,
set column widths and an empty comment column for the reviewer. A sheet or a
column the family has nothing for is left out: the workbook is read and printed
by people, not read by column by another program (that is the CSV).
"""

from __future__ import annotations

import io
import math
import os
from typing import Any

from .. import _model as m
from .._errors import ExportError
from .._render._labels import role_name
from .._resolve import as_family
from ._calibri import LINE, lines, units_for
from ._labels import label

#: How many column width units (characters of the default font) an A4 page on its
#: long side holds at full size inside the margins of :meth:`_Sheet.freeze`: 272 mm,
#: a unit printing about 1.85 mm and each column's padding 1.3 mm more. Every sheet's
#: columns share it, so the sheet prints at (nearly) its own size: fit to the page's
#: width, a sheet twice as wide printed at half size, its text at about 4 pt.
_PAGE = 136

#: The longest word a column is kept wide enough for; a longer one (a URL, a Dutch
#: compound of four words) may break.
_LONG_WORD = 18


def _openpyxl() -> Any:
    try:
        import openpyxl  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        raise ExportError(
            "xlsx", "writing .xlsx needs openpyxl: pip install 'jobarchitecture[xlsx]'"
        ) from None
    return openpyxl


def put(ws: Any, row: int, col: int, value: Any) -> Any:
    """Write *value* into a cell and return the cell; text is always text.

    openpyxl takes a string starting with ``=`` for a formula, so a family's
    text such as ``=HYPERLINK(...)`` would run in the reviewer's Excel: it is
    stored as the text it is.
    """
    cell = ws.cell(row, col, value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


class _Sheet:
    """One worksheet: a bold, frozen header; wrapped, top-aligned cells."""

    def __init__(
        self,
        book: Any,
        title: str,
        headers: list[str],
        widths: list[float],
        floors: list[float] | None = None,
    ) -> None:
        from openpyxl.styles import (  # type: ignore[import-untyped, import-not-found, unused-ignore]
            Alignment,
            Border,
            Font,
            PatternFill,
            Side,
        )

        self.ws = book.create_sheet(title[:31])  # Excel's limit on sheet names
        self.wrap = Alignment(wrap_text=True, vertical="top")
        from openpyxl.styles.fonts import DEFAULT_FONT  # type: ignore[import-untyped, import-not-found, unused-ignore]

        # The body's font made bold: a Font(bold=True) alone names no font and no
        # size, and LibreOffice shows such headers in its default serif.
        self.bold = Font(
            name=DEFAULT_FONT.name,
            sz=DEFAULT_FONT.sz,
            family=DEFAULT_FONT.family,
            scheme=DEFAULT_FONT.scheme,
            bold=True,
        )
        self.fill = PatternFill("solid", fgColor="DDE4EE")
        thin = Side(style="thin", color="B0B7C3")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.center = Alignment(horizontal="center", vertical="top")
        self.header_rows = 0
        self.width = 0  # the header's number of columns
        self.widths, self.floors = widths, floors
        self.header(headers)

    def header(self, cells: list[str]) -> None:
        self.header_rows += 1
        self.width = max(self.width, len(cells))
        for col, value in enumerate(cells, start=1):
            cell = put(self.ws, self.header_rows, col, value)
            cell.font, cell.fill, cell.alignment = self.bold, self.fill, self.wrap
            cell.border = self.border

    def subheader(self, cells: list[str]) -> None:
        """A header row further down, for a table under another whose columns differ."""
        r: int = self.ws.max_row + 1
        for col in range(1, self.width + 1):
            cell = put(self.ws, r, col, cells[col - 1] if col <= len(cells) else None)
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
                put(self.ws, r, col, value)
            self.ws.cell(r, col).alignment = self.wrap
            self.ws.cell(r, col).border = self.border
        return r

    def freeze(self, cell: str) -> None:
        from openpyxl.worksheet.page import PageMargins  # type: ignore[import-untyped, import-not-found, unused-ignore]

        self.ws.freeze_panes = cell
        self.set_widths()
        self.fit()
        # Printed for a review meeting: landscape, as wide as the page (the columns
        # are set to fit it, so this shrinks only a very wide scale's sheet), as many
        # pages down as it takes, the header repeated on every page, and the sheet's
        # name and the page number at the foot (a printed workbook is a pile of pages).
        setup = self.ws.page_setup
        setup.orientation = "landscape"
        setup.paperSize = self.ws.PAPERSIZE_A4
        setup.fitToWidth, setup.fitToHeight = 1, 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        self.ws.print_title_rows = f"1:{self.header_rows}"
        self.ws.page_margins = PageMargins(
            left=0.5, right=0.5, top=0.6, bottom=0.6, header=0.3, footer=0.3
        )
        self.ws.print_options.gridLines = False  # the table's own borders rule it
        self.ws.oddFooter.left.text = "&A"
        self.ws.oddFooter.right.text = "&P / &N"

    def set_widths(self) -> None:
        """Set the columns' widths: as designed, or narrowed to fit the page, but no
        column narrower than the longest word in it (up to :data:`_LONG_WORD`; a word
        wider than its column is broken, a bold one in a header cut off), nor than
        its longest text needs to fit in the highest row Excel allows (a cell's text
        past that height is cut off, on screen and on paper)."""
        from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, import-not-found, unused-ignore]

        floors = self.floors
        if floors is None:
            spans = {(r.min_row, r.min_col): r.max_col for r in self.ws.merged_cells.ranges}
            floors = [0.0] * len(self.widths)
            for row in self.ws.iter_rows(max_col=len(self.widths)):
                for cell in row:
                    if not isinstance(cell.value, str):
                        continue
                    first, last = cell.column, spans.get((cell.row, cell.column), cell.column)
                    need = math.ceil(_width_for(cell.value) / (last - first + 1))
                    if first == last:
                        # A narrow column of short values stays narrow.
                        bold = bool(cell.font.b)
                        longest = max((units_for(w, bold) for w in cell.value.split()), default=0)
                        need = max(need, min(longest, _LONG_WORD, self.widths[first - 1]))
                    for c in range(first, last + 1):
                        floors[c - 1] = max(floors[c - 1], need)
        for i, width in enumerate(_on_the_page(self.widths, floors), start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width

    def fit(self) -> None:
        """Set each row's height to the lines of its longest wrapped cell.

        Excel does not grow a row for wrapped text it did not write itself, so
        without this a reviewer would see one line of each descriptor; a row set
        too high leaves half a page blank under every short descriptor.
        """
        from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, import-not-found, unused-ignore]

        spans = {}
        for merged in self.ws.merged_cells.ranges:
            spans[(merged.min_row, merged.min_col)] = merged.max_col
        for row in self.ws.iter_rows():
            most = 1
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                last = spans.get((cell.row, cell.column), cell.column)
                width = sum(
                    self.ws.column_dimensions[get_column_letter(c)].width or 10
                    for c in range(cell.column, last + 1)
                )
                most = max(most, lines(cell.value, width, bool(cell.font.b)))
            self.ws.row_dimensions[row[0].row].height = min(LINE * most, _HIGHEST_ROW)


#: The highest row Excel allows (points).
_HIGHEST_ROW = 409


def _width_for(text: str) -> int:
    """The narrowest width at which *text* fits in the highest row."""
    most = _HIGHEST_ROW // LINE
    width = 1
    while lines(text, width) > most and width < 255:  # Excel's widest column
        width += 1
    return width


def _on_the_page(widths: list[float], floors: list[float]) -> list[float]:
    """*widths* (each at least its floor) narrowed in proportion to fit
    :data:`_PAGE`, none below its floor; what a floor holds back, the wider
    columns give up. Floors wider than the page leave it wider: then the page is
    fit to the sheet."""
    widths = [max(w, f) for w, f in zip(widths, floors, strict=True)]
    held: set[int] = set()
    while True:
        free = sum(w for i, w in enumerate(widths) if i not in held)
        room = _PAGE - sum(floors[i] for i in held)
        scale = min(1.0, max(room, 0) / free) if free else 1.0
        below = {i for i, w in enumerate(widths) if i not in held and w * scale < floors[i]}
        if not below:
            break
        held |= below
    return [floors[i] if i in held else round(w * scale, 1) for i, w in enumerate(widths)]


def _level_width(leading: float, levels: int, floor: float, most: float) -> float:
    """The width of each of *levels* columns beside *leading* width: they share what
    is left of the page, no wider than *most* and no narrower than *floor* (past
    that, the page is fit to the sheet's width)."""
    return max(floor, min(most, (_PAGE - leading) // max(levels, 1)))


def _heading(word: str) -> str:
    """*word* as a column's header: with a capital ("facultatief", a document's
    inline word, heads the column "Facultatief")."""
    return word[:1].upper() + word[1:]


def _opt(text: m.Text | None, lang: str) -> str:
    return "" if text is None else text.get(lang)


def _purpose_sheet(book: Any, family: m.Family, lang: str) -> None:
    """The purpose, then a row per result area; a column no row fills (the number of
    a federal family's areas, their context, "optional") is left out."""
    p = family.purpose
    rows: list[dict[str, Any]] = [
        {
            "part": label("purpose", lang),
            "activity": p.activity.get(lang),
            "connector": m.connective(p.activity, p.connector, p.outcome, lang),
            "outcome": p.outcome.get(lang),
            "context": "\n\n".join(n.get(lang) for n in p.notes),
        }
    ]
    rows += [
        {
            "part": label("result_area", lang),
            "number": area.number,
            "title": area.title.get(lang),
            "activity": area.activity.get(lang),
            "connector": m.connective(area.activity, area.connector, area.outcome, lang),
            "outcome": area.outcome.get(lang),
            "tasks": "\n".join(f"• {t.get(lang)}" for t in area.tasks),
            "optional": "✓" if area.optional else None,
            "context": _opt(area.context, lang),
        }
        for area in family.result_areas
    ]
    widths = {
        "part": 16,
        "number": 5,
        "title": 18,
        "activity": 24,
        "connector": 11,
        "outcome": 24,
        "tasks": 40,
        "optional": 10,
        "context": 24,
        "comment": 16,
    }
    always = ("part", "activity", "outcome", "comment")
    keys = [k for k in widths if k in always or any(row.get(k) not in (None, "") for row in rows)]
    sheet = _Sheet(
        book,
        label("purpose_sheet", lang),
        [_heading(label(k, lang)) for k in keys],
        [widths[k] for k in keys],
    )
    for row in rows:
        sheet.row([row.get(k) for k in keys])
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
    each descriptor in the column of its first level, merged across its span; no
    sheet without *rows*. The level columns share what the page leaves them."""
    from openpyxl.comments import Comment  # type: ignore[import-untyped, import-not-found, unused-ignore]

    if not rows:
        return
    levels = family.scale.levels
    comment = 16
    width = _level_width(sum(w for _, w in leading) + comment, len(levels), 16, 45)
    sheet = _Sheet(
        book,
        title,
        [h for h, _ in leading] + [lvl.name.get(lang) for lvl in levels] + [label("comment", lang)],
        [w for _, w in leading] + [width] * len(levels) + [comment],
    )
    first = len(leading) + 1
    column = {lvl.code: first + i for i, lvl in enumerate(levels)}
    for names, descriptors in rows:
        r = sheet.row(names)
        for d in descriptors:
            cols = [column[c] for c in d.levels if c in column]
            if not cols:
                continue
            cell = put(sheet.ws, r, min(cols), d.text(lang))
            cell.alignment = sheet.wrap
            if d.inferred:
                # As the Word document's comment on the same span says it.
                said = f"{label('inferred_title', lang)}{label('colon', lang)} {d.inferred}"
                cell.comment = Comment(said, "jobarchitecture")
            if len(cols) > 1:
                sheet.ws.merge_cells(
                    start_row=r, start_column=min(cols), end_row=r, end_column=max(cols)
                )
        sheet.ws.cell(r, first + len(levels)).alignment = sheet.wrap
    sheet.freeze(sheet.ws.cell(2, first).coordinate)


def _named(name: m.Text, note: m.Text | None, lang: str) -> str:
    return name.get(lang) + (f"\n{note.get(lang)}" if note is not None else "")


def _competency_sheet(book: Any, family: m.Family, lang: str) -> None:
    """The grid: a row per competency, a column per role and level, and the reviewer's
    comment column; no sheet for a family without competencies, no cluster column
    for a dictionary without clusters."""
    levels = family.scale.levels
    profiles = family.profiles
    competencies = family.competencies.competencies
    if not competencies:
        return
    clustered = any(c.cluster for c in competencies)
    heads = ([label("cluster", lang)] if clustered else []) + [label("competency", lang)]
    lead = len(heads)
    lead_widths = [22, 28][-lead:]
    # A role's name heads its columns; a profile that names no role (a Flemish family's
    # one, "Competenties") is headed by what its marks are, as the documents leave it
    # unnamed: "Competentie | Competenties" said nothing.
    named = [
        label("behaviour", lang)
        if role_name(p.name) is None and all(e.behavioural_level for e in p.entries)
        else p.name.get(lang)
        for p in profiles
    ]
    # A role's name is merged over its level columns; its longest word must fit them.
    longest = max((units_for(w, True) for name in named for w in name.split()), default=0)
    floor = max(5, *(len(lvl.code) + 2 for lvl in levels), math.ceil(longest / len(levels)))
    marks = len(profiles) * len(levels)
    comment = 16
    mark = _level_width(sum(lead_widths) + comment, marks, floor, 12)
    widths = [*lead_widths, *[mark] * marks, comment]
    sheet = _Sheet(
        book,
        label("competencies_sheet", lang),
        heads + [name for name in named for _ in levels] + [label("comment", lang)],
        widths,
        widths,
    )
    if profiles:
        sheet.header([""] * lead + [lvl.code for _ in profiles for lvl in levels] + [""])
        for col in range(lead + 1, lead + 1 + marks):
            sheet.ws.cell(2, col).alignment = sheet.center  # over the marks, centred too
        for i in range(len(profiles)):
            start = lead + 1 + i * len(levels)
            if len(levels) > 1:
                sheet.ws.merge_cells(
                    start_row=1, start_column=start, end_row=1, end_column=start + len(levels) - 1
                )
    clusters = {c.code: c.name.get(lang) for c in family.competencies.clusters}
    for comp in competencies:
        cells: list[Any] = []
        for p in profiles:
            entries = [e for e in p.entries if e.competency == comp.code]
            for lvl in levels:
                here = [e for e in entries if e.applies_to(lvl)]
                if not here:
                    cells.append(None)
                elif here[0].core:
                    cells.append(label("core_short", lang))
                else:
                    cells.append(here[0].behavioural_level or "X")
        names = [clusters.get(comp.cluster or "", "")] if clustered else []
        r = sheet.row([*names, comp.name.get(lang), *cells])
        for col in range(lead + 1, lead + 1 + len(cells)):
            sheet.ws.cell(r, col).alignment = sheet.center
    if profiles:
        # The legend and notes below the grid, each across its whole width.
        last = lead + marks
        lines = [label("legend_grid", lang)]
        lines += [f"{p.name.get(lang)}: {n.get(lang)}" for p in profiles for n in p.notes]
        for line in lines:
            r = sheet.ws.max_row + 2 if line is lines[0] else sheet.ws.max_row + 1
            put(sheet.ws, r, 1, line).alignment = sheet.wrap
            sheet.ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last)
    sheet.freeze(sheet.ws.cell(3 if profiles else 2, lead + 1).coordinate)


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
    shown = [(keys, rows) for keys, rows in sections if rows]
    if not shown:
        return
    # A column only some rows fill (a note's marker or term, a reference's level) is
    # there when one of them does; the reviewer's comment column always is.
    filled = {i for _, rows in shown for cells in rows for i, v in enumerate(cells) if v}
    used = [i for i, key in enumerate(sections[0][0]) if key == "comment" or i in filled]
    widths = [14, 24, 8, 16, 64, 16]
    sheet: _Sheet | None = None
    for keys, rows in shown:
        headers = [label(keys[i], lang) if keys[i] else "" for i in used]
        if sheet is None:
            sheet = _Sheet(book, label("notes_sheet", lang), headers, [widths[i] for i in used])
        else:
            sheet.subheader(headers)
        for cells in rows:
            padded = cells + [None] * (len(keys) - len(cells))
            sheet.row([padded[i] for i in used])
    assert sheet is not None
    sheet.freeze("A2")


def to_xlsx(family: m.Family | str | os.PathLike[str], lang: str = "nl") -> bytes:
    """Return *family* as an xlsx workbook for reviewers, as bytes.

    Texts are in *lang*, Dutch where a text is not translated. *family* is a
    Family, an installed family's code or a family file. A sheet the family has
    nothing for (no requirements, no competencies) is left out, as is a column
    none of its rows fills; each sheet prints landscape on A4, as wide as the page.

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
        [(label("criterion", lang), 24)],
        lang,
    )
    _competency_sheet(book, family, lang)
    _span_sheet(
        book,
        family,
        label("requirements", lang),
        [
            ([r.group.get(lang), _named(r.name, r.note, lang)], r.descriptors)
            for r in family.requirements
        ],
        [(label("group", lang), 16), (label("requirement", lang), 22)],
        lang,
    )
    _notes_sheet(book, family, lang)
    book.properties.title = family.name.get(lang)
    book.properties.creator = "jobarchitecture"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
