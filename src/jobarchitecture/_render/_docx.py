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
from typing import TYPE_CHECKING, Any

from .._errors import MissingExtraError, TemplateError
from .._io import atomic_path
from .._model import Descriptor, Text, check_lang
from ._labels import labels

if TYPE_CHECKING:
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
        return docx.Document()
    import zipfile

    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml.ns import qn

    path = os.fspath(template)
    if not os.path.isfile(path):
        raise TemplateError(path, "no such file")
    try:
        document = docx.Document(path)
    except PermissionError as exc:
        raise TemplateError(path, exc.strerror or "permission denied") from exc
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        # A .dotx, a .doc or any other file: python-docx reads only .docx packages.
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise TemplateError(path, reason) from exc
    body = document.element.body
    for child in list(body):
        # The last sectPr holds the page set-up and the references to the headers
        # and footers (the letterhead); everything else is the template's sample text.
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


class _Writer:
    """Writes one profile into a document, in one language, with the document's styles."""

    def __init__(self, document: Any, lang: str) -> None:
        self.doc = document
        self.lang = lang
        self.w = labels(lang)
        self.fallbacks = 0

    def style(self, name: str) -> Any:
        try:
            return self.doc.styles[name]
        except KeyError:
            return None

    def t(self, value: Text | None) -> str:
        if value is None:
            return ""
        if self.lang != "nl" and not value.has(self.lang):
            self.fallbacks += 1
            return f"{value.nl} [NL]"
        return value.get(self.lang)

    def heading(self, text: str, level: int) -> None:
        name = "Title" if level == 0 else f"Heading {level}"
        if self.style(name) is not None:
            self.doc.add_paragraph(text, style=name)
        else:
            self.doc.add_paragraph().add_run(text).bold = True

    def para(self, text: str = "", *, italic: bool = False) -> Any:
        p = self.doc.add_paragraph()
        if text:
            p.add_run(text).italic = italic
        return p

    def bullet(self, text: str) -> None:
        if self.style("List Bullet") is not None:
            self.doc.add_paragraph(text, style="List Bullet")
        else:
            self.doc.add_paragraph(f"• {text}")

    def descriptor(self, d: Descriptor) -> None:
        join = self.w["and" if d.join.value == "and" else "or"]
        for i, clause in enumerate(d.clauses):
            if i:
                self.para().add_run(join).bold = True
            p = self.para(self.t(clause.text))
            if clause.result_area:
                p.add_run(f" ({self.w['rg']})").bold = True
        if d.inferred:
            self.para(f"{self.w['inferred_title']}: {d.inferred}", italic=True)

    def table(self, headers: list[str], rows: list[list[str]]) -> None:
        table = self.doc.add_table(rows=1, cols=len(headers))
        if self.style("Table Grid") is not None:
            table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text

    def sentence(self, activity: Text, connector: str, outcome: Text) -> str:
        from ._markdown import _sentence

        if self.lang != "nl" and not (activity.has(self.lang) and outcome.has(self.lang)):
            self.fallbacks += 1
            return _sentence(activity, connector, outcome, self.lang) + " [NL]"
        return _sentence(activity, connector, outcome, self.lang)

    def profile(self, job: JobProfile) -> None:
        w = self.w
        self.heading(f"{self.t(job.family_name)} — {self.t(job.level.name)}", 0)
        facts = [
            [w["family"], f"{self.t(job.family_name)} ({self.t(job.government)})"],
            [w["level"], f"{self.t(job.level.name)} ({job.level.code})"],
        ]
        if job.role_name is not None:
            facts.append([w["role"], self.t(job.role_name)])
        for label, value in facts:
            p = self.para()
            p.add_run(f"{label}: ").bold = True
            p.add_run(value)
        self.heading(w["purpose"], 1)
        self.para(self.sentence(job.purpose.activity, job.purpose.connector, job.purpose.outcome))
        for note in job.purpose.notes:
            self.para(self.t(note), italic=True)
        if job.result_areas:
            self.heading(w["result_areas"], 1)
        for area in job.result_areas:
            title = self.t(area.title)
            if area.number is not None:
                title = f"{area.number}. {title}"
            if area.optional:
                title += f" ({w['optional']})"
            self.heading(title, 2)
            self.para(self.sentence(area.activity, area.connector, area.outcome))
            if area.context is not None:
                self.para(f"{w['context']}: {self.t(area.context)}", italic=True)
            if area.tasks:
                self.para(f"{w['tasks']}:")
                for task in area.tasks:
                    self.bullet(self.t(task))
        added = [c for c in job.criteria if c.descriptor.result_area]
        if added:
            self.heading(w["added"], 2)
            for c in added:
                for clause in c.descriptor.clauses:
                    if clause.result_area:
                        self.bullet(f"{self.t(clause.text)} ({self.t(c.name)})")
        if job.criteria:
            self.heading(w["criteria"], 1)
        for c in job.criteria:
            name = self.t(c.name) + (f" {self.t(c.note)}" if c.note else "")
            self.heading(name, 2)
            self.descriptor(c.descriptor)
        if job.competencies:
            heading = w["competencies"]
            if job.role_name is not None:
                heading += f": {self.t(job.role_name)}"
            self.heading(heading, 1)
            rows = []
            for comp in job.competencies:
                behaviour = ""
                if comp.behavioural_level is not None:
                    behaviour = str(comp.behavioural_level)
                    if comp.behaviour is not None:
                        behaviour += f" — {self.t(comp.behaviour)}"
                rows.append(
                    [
                        self.t(comp.name),
                        self.t(comp.cluster),
                        w["core_short"] if comp.core else "",
                        behaviour,
                    ]
                )
            self.table([w["competency"], w["cluster"], w["core"], w["behaviour"]], rows)
        if job.requirements:
            self.heading(w["requirements"], 1)
        for r in job.requirements:
            self.heading(self.t(r.name), 2)
            if r.note:
                self.para(self.t(r.note), italic=True)
            self.descriptor(r.descriptor)
        if self.fallbacks:
            self.para(f"[NL] {w['fallback_page']}", italic=True)


def write_docx(
    job: JobProfile,
    path: str | os.PathLike[str],
    *,
    lang: str = "nl",
    template: str | os.PathLike[str] | None = None,
) -> None:
    """Write the job profile *job* as a Word document to *path* (written beside it, then renamed).

    Args:
        job: The profile (:func:`jobarchitecture.profile`).
        path: The ``.docx`` file to write.
        lang: nl, fr or en; text missing in *lang* is written in Dutch, marked ``[NL]``.
        template: An organisation's ``.docx`` whose styles, page set-up, headers and
            footers the document takes; its body text is left out.

    Raises:
        MissingExtraError: python-docx is not installed (``pip install 'jobarchitecture[docx]'``).
        TemplateError: *template* is not a readable DOCX file.
        LanguageError: *lang* is not one of nl, fr, en.
    """
    check_lang(lang)
    document = open_template(template)
    _Writer(document, lang).profile(job)
    with atomic_path(path) as tmp:
        document.save(str(tmp))
