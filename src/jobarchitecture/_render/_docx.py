"""DOCX: a job profile as a Word document meant to be edited (real headings,
lists and tables), optionally on an organisation's own template.

python-docx is the optional extra ``jobarchitecture[docx]``, imported on first use.
With a template, the template's body is cleared and its sections (page set-up,
headers and footers: the letterhead) and styles are kept; the profile is then
written with the template's own Title, Heading, List Bullet and Table Grid
styles, or plain paragraphs where the template lacks one.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .._compare import glued
from .._errors import MissingExtraError, TemplateError, unreadable
from .._io import atomic_path
from .._model import Descriptor, Text, check_lang
from ._labels import labels, role_name
from ._markdown import _code_after
from ._shown import Shown

if TYPE_CHECKING:
    from .._compare import Comparison, DescriptorChange, WordRun
    from .._profile import JobProfile


def _docx() -> Any:
    try:
        import docx
    except ImportError as exc:
        raise MissingExtraError("docx", "python-docx", "DOCX output") from exc
    return docx


def open_template(template: str | os.PathLike[str] | None) -> Any:
    """A python-docx Document: a blank one, or *template* with its body cleared.

    Raises:
        MissingExtraError: python-docx is not installed.
        TemplateError: *template* cannot be read as a DOCX file.
    """
    docx = _docx()
    if template is None:
        document = docx.Document()
        _a4(document)
        return document
    import zipfile

    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml.ns import qn

    path = os.fspath(template)
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        # Worded as every other file that cannot be read (_errors.unreadable).
        raise TemplateError(path, unreadable(path, exc).message) from exc
    if stat.S_ISDIR(mode):
        raise TemplateError(path, "is a directory")
    try:
        document = docx.Document(_as_document(path))
    except PermissionError as exc:
        raise TemplateError(path, exc.strerror or "permission denied") from exc
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        # A .doc or any other file: python-docx reads only Word 2007+ packages.
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise TemplateError(path, reason) from exc
    body = document.element.body
    for child in list(body):
        # The last sectPr holds the page set-up and the references to the headers
        # and footers (the letterhead); everything else is the template's sample text.
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def _a4(document: Any) -> None:
    """Put a blank document on A4 with 2.5 cm margins: python-docx's own blank
    document is on US Letter, which a Belgian printer's A4 shrinks or crops."""
    from docx.shared import Cm

    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)


#: The characters of its longest text beyond which a table column takes no larger
#: share of the page (a behavioural level's sentence wraps, its name need not).
_WIDEST = 40

#: The language tag of text in each language (Word spell-checks a run in its own language).
_WORD_LANG = {"nl": "nl-BE", "fr": "fr-BE", "en": "en-GB"}


class _Dutch(str):
    """A fixed string that is Dutch whatever the document's language, tagged so for
    Word's spelling check: a connector left untranslated inside a Dutch sentence,
    a word difference of Dutch text, a term the source defines. It counts as no
    fallback of its own (:class:`Shown` counted the sentence's halves, the
    difference), so the notice follows the texts shown, as on a page."""

    __slots__ = ()


_Part = Text | str | None


_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _as_document(path: str) -> Any:
    """*path* itself, or for a Word template (.dotx) an in-memory copy that says it is
    a document: the two differ only in the main part's content type, and python-docx
    opens documents only."""
    import io
    import zipfile

    with open(path, "rb") as stream:
        data = stream.read()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            types = package.read("[Content_Types].xml")
            if _TEMPLATE_TYPE not in types:
                return path
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
                for item in package.infolist():
                    body = package.read(item.filename)
                    if item.filename == "[Content_Types].xml":
                        body = types.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
                    copy.writestr(item, body)
    except (zipfile.BadZipFile, KeyError):
        return path  # python-docx reports what is wrong with it
    out.seek(0)
    return out


@attrs.frozen
class _Writer:
    """Writes one profile into a document, in one language, with the document's styles.

    Text that falls back to Dutch is tagged Dutch (``w:lang``), so Word checks its
    spelling as Dutch, and a notice under the title says that some text is Dutch;
    unlike a page, an edited document should not carry a mark on every line.
    """

    doc: Any
    lang: str
    w: dict[str, str] = attrs.field(
        default=attrs.Factory(lambda self: labels(self.lang), takes_self=True)
    )
    # The texts written, counting those in Dutch for want of a translation.
    shown: Shown = attrs.field(
        default=attrs.Factory(lambda self: Shown(self.lang), takes_self=True)
    )

    def style(self, name: str) -> Any:
        try:
            return self.doc.styles[name]
        except KeyError:
            return None

    def run(self, paragraph: Any, part: _Part, *, bold: bool = False, italic: bool = False) -> None:
        if part is None or part == "":
            return
        lang = self.lang
        if isinstance(part, Text):
            if self.shown.falls_back(part):
                lang = "nl"
            part = self.shown.text(part)
        elif isinstance(part, _Dutch):
            lang = "nl"
        run = paragraph.add_run(part)
        run.bold = bold or None
        run.italic = italic or None
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        tag = OxmlElement("w:lang")
        tag.set(qn("w:val"), _WORD_LANG[lang])
        run._r.get_or_add_rPr().append(tag)

    def paragraph(self, style: str | None = None) -> Any:
        if style is not None and self.style(style) is not None:
            return self.doc.add_paragraph(style=style)
        return self.doc.add_paragraph()

    def heading(self, level: int, *parts: _Part) -> None:
        name = "Title" if level == 0 else f"Heading {level}"
        p = self.paragraph(name)
        plain = self.style(name) is None  # no such style: bold text stands in for it
        for part in parts:
            self.run(p, part, bold=plain)
        # A heading stays on the page of what it heads (a table's first row
        # included), whatever the template's heading style says: many leave it
        # out, and the bold paragraph standing in for a missing one has none.
        p.paragraph_format.keep_with_next = True

    def para(self, *parts: _Part, italic: bool = False) -> Any:
        p = self.paragraph()
        for part in parts:
            self.run(p, part, italic=italic)
        return p

    def bullet(self, *parts: _Part) -> None:
        p = self.paragraph("List Bullet")
        if self.style("List Bullet") is None:
            self.run(p, "• ")
        for part in parts:
            self.run(p, part)

    def descriptor(self, d: Descriptor) -> None:
        join = self.w["and" if d.join.value == "and" else "or"]
        for i, clause in enumerate(d.clauses):
            if i:
                p = self.para()
                self.run(p, join, bold=True)
                p.paragraph_format.keep_with_next = True  # EN/OF joins what follows
            p = self.para(clause.text)
            if clause.result_area:
                self.run(p, f" ({self.w['rg']})", bold=True)
        if d.inferred:
            # As on a page: a short mark in the text, the reasoning (notes for the
            # family's maintainers, often in English) in a comment beside it.
            self.run(p, f" ({self.w['inferred']})", italic=True)
            self.doc.add_comment(
                p.runs[-1],
                text=f"{self.w['inferred_title']}{self.w['colon']} {d.inferred}",
                author="jobarchitecture",
            )

    def table(self, headers: list[str], rows: list[list[tuple[_Part, ...]]]) -> None:
        table = self.doc.add_table(rows=1, cols=len(headers))
        if self.style("Table Grid") is not None:
            table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            self.run(cell.paragraphs[0], text, bold=True)
        for row in rows:
            for cell, parts in zip(table.add_row().cells, row, strict=True):
                for part in parts:
                    self.run(cell.paragraphs[0], part)
        self.widths(table)
        from docx.oxml import OxmlElement

        # A table running onto the next page repeats its header there; a row never splits.
        for i, row in enumerate(table.rows):
            props = row._tr.get_or_add_trPr()
            for name in ("w:cantSplit", "w:tblHeader") if i == 0 else ("w:cantSplit",):
                props.append(OxmlElement(name))

    def widths(self, table: Any) -> None:
        """Share the text width among *table*'s columns by what they hold, and centre a
        column of marks: Word's equal columns gave the one-letter core mark (K) a third
        of the page while competency and cluster names wrapped over three lines."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        section = self.doc.sections[-1]
        room = section.page_width - section.left_margin - section.right_margin
        columns = list(zip(*([c.text for c in row.cells] for row in table.rows), strict=True))
        needs = []
        for head, *body in columns:
            words = max((len(w) for text in (head, *body) for w in text.split()), default=1)
            needs.append(max(len(head) + 3, words, min(max(map(len, body), default=0), _WIDEST)))
        table.autofit = False
        for i, (column, need) in enumerate(zip(table.columns, needs, strict=True)):
            column.width = width = int(room * need / sum(needs))
            marks = all(len(text) <= 2 for text in columns[i][1:])
            for cell in column.cells:
                cell.width = width
                if marks and cell is not column.cells[0]:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER

    def sentence(self, activity: Text, connector: str, outcome: Text) -> tuple[_Part, ...]:
        from .._model import connective

        word = connective(activity, connector, outcome, self.lang)
        if not word:
            return (activity, " ", outcome)
        # The connector stays Dutch, like the sentence, unless both halves are translated.
        translated = activity.has(self.lang) and outcome.has(self.lang)
        return (activity, " ", word if translated else _Dutch(word), " ", outcome)

    def profile(self, job: JobProfile) -> None:
        w = self.w
        self.heading(0, job.family_name, " — ", job.level_name)
        facts: list[tuple[str, tuple[_Part, ...]]] = [
            (w["family"], (job.family_name, " (", job.government, ")")),
            (w["level"], (job.level_name, _code_after(job.level, job.level_name.get(self.lang)))),
        ]
        role = role_name(job.role_name)  # none for a profile that names no role
        if role is not None:
            facts.append((w["role"], (role,)))
        for label, parts in facts:
            p = self.para()
            self.run(p, f"{label}{w['colon']} ", bold=True)
            for part in parts:
                self.run(p, part)
        notice = self.para()
        self.heading(1, w["purpose"])
        purpose = job.purpose
        self.para(*self.sentence(purpose.activity, purpose.connector, purpose.outcome))
        for note in purpose.notes:
            self.para(note, italic=True)
        if job.result_areas:
            self.heading(1, w["result_areas"])
        for area in job.result_areas:
            number = f"{area.number}. " if area.number is not None else ""
            optional = f" ({w['optional']})" if area.optional else ""
            self.heading(2, number, area.title, optional)
            self.para(*self.sentence(area.activity, area.connector, area.outcome))
            if area.context is not None:
                self.para(f"{w['context']}{w['colon']} ", area.context, italic=True)
            if area.tasks:
                self.para(f"{w['tasks']}{w['colon']}").paragraph_format.keep_with_next = True
                for task in area.tasks:
                    self.bullet(task)
        added = [c for c in job.criteria if c.descriptor.result_area]
        if added:
            self.heading(2, w["added"])
            for c in added:
                for clause in c.descriptor.clauses:
                    if clause.result_area:
                        self.bullet(clause.text, " (", c.name, ")")
        if job.criteria:
            self.heading(1, w["criteria"])
        for c in job.criteria:
            self.heading(2, c.name, " " if c.note else "", c.note)
            self.descriptor(c.descriptor)
        if job.competencies:
            colon = f"{w['colon']} " if role else ""
            self.heading(1, w["competencies"], colon, role)
            rows: list[list[tuple[_Part, ...]]] = []
            for comp in job.competencies:
                behaviour: tuple[_Part, ...] = ()
                if comp.behavioural_level is not None:
                    behaviour = (str(comp.behavioural_level),)
                    if comp.behaviour is not None:
                        behaviour += (" — ", comp.behaviour)
                core = w["core_short"] if comp.core else ""
                rows.append([(comp.name,), (comp.cluster,), (core,), behaviour])
            shown = job.competency_columns()
            keep = [True, *(k in shown for k in ("cluster", "core", "behavioural_level"))]
            headers = [w["competency"], w["cluster"], w["core"], w["behaviour"]]
            self.table(
                [h for h, k in zip(headers, keep, strict=True) if k],
                [[cell for cell, k in zip(row, keep, strict=True) if k] for row in rows],
            )
        if job.requirements:
            self.heading(1, w["requirements"])
        for r in job.requirements:
            # The requirement's table, as on the page, unless it is named as the row is.
            grouped = r.group is not None and r.group.nl != r.name.nl
            self.heading(2, r.name, *((" (", r.group, ")") if grouped else ()))
            if r.note:
                self.para(r.note, italic=True)
            self.descriptor(r.descriptor)
        if job.notes:
            self.heading(1, w["notes"])
        for n in job.notes:
            p = self.paragraph("List Bullet")
            if self.style("List Bullet") is None:
                self.run(p, "• ")
            if n.marker:
                self.run(p, n.marker)
                p.runs[-1].font.superscript = True
                self.run(p, " ")
            if n.term:
                self.run(p, _Dutch(n.term), bold=True)
                self.run(p, f"{w['colon']} ")
            self.run(p, n.text)
        self.finish(notice)

    def comparison(self, cmp: Comparison) -> None:
        w = self.w
        self.heading(0, cmp.family_name, f"{w['colon']} ", cmp.first.name, " → ", cmp.second.name)
        notice = self.para()
        if cmp.same_level:
            # Every criterion would read "same descriptor": say it once.
            self.para(w["same_level"].format(code=cmp.first.code))
            self.finish(notice)
            return
        self.para(w["legend_diff"], italic=True)

        def changes(rows: Sequence[DescriptorChange], title: str) -> None:
            if not rows:
                return
            self.heading(1, title)
            for c in rows:
                self.heading(2, c.name)
                if c.same:
                    self.para(f"{w['same']} ({cmp.first.code}–{cmp.second.code})", italic=True)
                elif not c.changed:
                    self.para(w["no_change"], italic=True)
                else:
                    p = self.para()
                    previous = ""
                    dutch = self.lang != "nl" and not c.has(self.lang)
                    for run in self.shown.change(c):
                        if glued(previous, run):
                            self.run(p, " ")
                        previous = run.kind if run.text[-1:].strip() else ""
                        self.diff_run(p, run, dutch=dutch)

        changes(cmp.criteria, w["criteria"])
        if cmp.added_result_areas or cmp.dropped_result_areas:
            self.heading(1, w["result_areas"], f" ({w['rg']})")
            for added in cmp.added_result_areas:
                self.bullet(added.text, f" ({w['entering']})")
            for dropped in cmp.dropped_result_areas:
                self.bullet(dropped.text, f" ({w['leaving']})")
        if cmp.competencies:
            self.heading(1, w["competencies"])
            for cc in cmp.competencies:
                if cc.change == "level":
                    low = cc.first.behavioural_level if cc.first else None
                    high = cc.second.behavioural_level if cc.second else None
                    self.bullet(cc.name, f"{w['colon']} {w['level_change']} {low} → {high}")
                else:
                    self.bullet(
                        cc.name, f" ({w['entering' if cc.change == 'entering' else 'leaving']})"
                    )
        changes([r for r in cmp.requirements if r.changed], w["requirements"])
        self.finish(notice)

    def diff_run(self, paragraph: Any, run: WordRun, *, dutch: bool = False) -> None:
        """A run of a word difference: inserted words highlighted, deleted ones struck
        through; *dutch*: the compared text fell back to Dutch."""
        from docx.enum.text import WD_COLOR_INDEX

        self.run(paragraph, _Dutch(run.text) if dutch else run.text)
        if run.kind == "insert":
            paragraph.runs[-1].font.highlight_color = WD_COLOR_INDEX.YELLOW
        elif run.kind == "delete":
            paragraph.runs[-1].font.strike = True

    def finish(self, notice: Any) -> None:
        if self.shown.dutch:
            self.run(notice, self.w["fallback_doc"], italic=True)
        else:
            notice._element.getparent().remove(notice._element)


def write_docx(
    obj: JobProfile | Comparison,
    path: str | os.PathLike[str],
    *,
    lang: str = "nl",
    template: str | os.PathLike[str] | None = None,
) -> None:
    """Write a job profile or a level comparison as a Word document to *path*.

    The file is written beside *path*, then renamed.

    Args:
        obj: A profile (:func:`jobarchitecture.profile`) or a comparison
            (:func:`jobarchitecture.compare`: inserted words highlighted, deleted
            ones struck through).
        path: The ``.docx`` file to write.
        lang: nl, fr or en; text missing in *lang* is written in Dutch, tagged as
            Dutch for Word's spelling check, and a line under the title says so.
        template: An organisation's ``.docx`` whose styles, page set-up, headers and
            footers the document takes; its body text is left out.

    Raises:
        MissingExtraError: python-docx is not installed (``pip install 'jobarchitecture[docx]'``).
        TemplateError: *template* is not a readable DOCX file.
        LanguageError: *lang* is not one of nl, fr, en.
        TypeError: *obj* is neither a profile nor a comparison.
    """
    from .._compare import Comparison
    from .._profile import JobProfile

    check_lang(lang)
    if not isinstance(obj, JobProfile | Comparison):
        raise TypeError(f"cannot write {type(obj).__name__} as DOCX (a JobProfile or Comparison)")
    document = open_template(template)
    writer = _Writer(document, lang)
    if isinstance(obj, JobProfile):
        writer.profile(obj)
        title = f"{obj.family_name.get(lang)} — {obj.level_name.get(lang)}"
    else:
        writer.comparison(obj)
        first, second = obj.first.name.get(lang), obj.second.name.get(lang)
        title = f"{obj.family_name.get(lang)}{labels(lang)['colon']} {first} → {second}"
    _describe(document, title, lang)
    with atomic_path(path) as tmp:
        document.save(str(tmp))


#: What python-docx's own blank document says about itself.
_PYTHON_DOCX = {"author": "python-docx", "comments": "generated by python-docx"}


def _describe(document: Any, title: str, lang: str) -> None:
    """Set what Word shows under File > Info, and the language new text is checked in.

    A blank python-docx document would otherwise say it was written by
    "python-docx" in 2013 and that its text is American English.
    """
    import datetime

    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = document.core_properties
    props.title = title
    props.language = _WORD_LANG[lang]
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    props.revision = 1
    for name, value in _PYTHON_DOCX.items():
        if getattr(props, name) == value:
            setattr(props, name, "")
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    tag = rpr.find(qn("w:lang"))
    if tag is None:
        tag = OxmlElement("w:lang")
        rpr.append(tag)
    tag.set(qn("w:val"), _WORD_LANG[lang])
