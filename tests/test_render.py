"""The renderers: HTML (Jinja2) and DOCX (python-docx) over the same profiles,
comparisons and families, in every language, with merged cells true to the data."""

from __future__ import annotations

import itertools
import re
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture import strategies as jst
from jobarchitecture._render._labels import LABELS

BUNDLED = ("ondersteuners", "managementondersteuning", "adviseurs", "organisatieondersteuning")
LANGS = ("nl", "fr", "en")
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "voorbeeld.toml"


class Cells(HTMLParser):
    """Collects, per table row with a ``data-criteria``/``data-requirements`` attribute,
    the cells' (colspan, data-levels); and every element's attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[tuple[str, str], list[tuple[int, tuple[str, ...]]]] = {}
        self.row: tuple[str, str] | None = None
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        a = dict(attrs_)
        self.tags.append((tag, a))
        if tag == "tr":
            self.row = None
            for kind in ("criteria", "requirements"):
                if f"data-{kind}" in a:
                    self.row = (kind, a[f"data-{kind}"] or "")
                    self.rows[self.row] = []
        elif tag == "td" and self.row is not None:
            levels = tuple((a.get("data-levels") or "").split())
            self.rows[self.row].append((int(a.get("colspan") or 1), levels))

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self.row = None


def parse(html: str) -> Cells:
    parser = Cells()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", BUNDLED)
def test_every_bundled_family_renders_in_every_language(code: str, lang: str) -> None:
    """The family page, every level's profile (HTML and Markdown) and each step's comparison render."""
    family = ja.get_family(code)
    page = ja.render_html(family, lang)
    assert f'<html lang="{lang}">' in page
    levels = family.scale.levels
    for level in levels:
        job = ja.profile(family, level)
        assert level.name.get(lang) in ja.render_html(job, lang)
        assert ja.render_markdown(job, lang).startswith("# ")
    for low, high in itertools.pairwise(levels):
        cmp = ja.compare(family, low, high)
        assert "<del" in ja.render_html(cmp, lang) or not any(c.changed for c in cmp.criteria)
        assert ja.render_markdown(cmp, lang).startswith("# ")


@pytest.mark.parametrize("code", BUNDLED)
def test_criteria_cells_span_exactly_the_descriptors_levels(code: str) -> None:
    """Each criterion's and requirement's row has one cell per descriptor whose colspan is its span."""
    family = ja.get_family(code)
    rows = parse(ja.render_html(family, "nl")).rows
    for kind, items in (("criteria", family.criteria), ("requirements", family.requirements)):
        for item in items:
            cells = rows[(kind, item.code)]
            assert cells == [(len(d.levels), d.levels) for d in item.descriptors], item.code
            assert sum(span for span, _ in cells) == len(family.scale)


def test_tables_have_header_cells_with_scope() -> None:
    """Every header cell of every table on the family page and the profile says what it heads."""
    family = ja.get_family("adviseurs")
    for html in (ja.render_html(family, "en"), ja.render_html(ja.profile(family, "15/16"), "en")):
        ths = [a for tag, a in parse(html).tags if tag == "th"]
        assert ths
        assert all(a.get("scope") in ("col", "row") for a in ths)


class HeaderTexts(HTMLParser):
    """The text of every ``th`` of a page, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.open = False

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        if tag == "th":
            self.texts.append("")
            self.open = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "th":
            self.open = False

    def handle_data(self, data: str) -> None:
        if self.open:
            self.texts[-1] += data


@pytest.mark.parametrize("code", BUNDLED)
def test_no_header_cell_is_empty(code: str) -> None:
    """Every column and row header of the family page, a profile and a comparison has words
    (the comparison's last competency column had none)."""
    family = ja.get_family(code)
    first, second = family.scale.codes[0], family.scale.codes[1]
    pages = (family, ja.profile(family, second), ja.compare(family, first, second))
    seen = 0
    for lang in LANGS:
        for page in pages:
            parser = HeaderTexts()
            parser.feed(ja.render_html(page, lang))
            seen += len(parser.texts)
            assert all(t.strip() for t in parser.texts), (type(page).__name__, lang, parser.texts)
    assert seen


def test_spans_and_marks_of_the_source_are_visible() -> None:
    """EN/OF connectives, (RG) marks and inferred spans (with their reason) show on the family page."""
    family = ja.get_family("adviseurs")
    html = ja.render_html(family, "nl")
    assert '<span class="join">OF</span>' in html
    assert 'class="rg"' in html
    reasons = {d.inferred for c in family.criteria for d in c.descriptors if d.inferred}
    assert reasons
    for reason in reasons:
        assert f'title="{reason}"'.replace("'", "&#39;") in html


def test_text_is_escaped() -> None:
    """Markup in family text is shown as text, never as HTML."""
    family = ja.load_family(EXAMPLE)
    evil = attrs.evolve(family, name=ja.Text('<script>alert("x")</script>'))
    for html in (ja.render_html(evil), ja.render_html(ja.profile(evil, "C"))):
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert" in html


def test_text_falling_back_to_dutch_is_marked() -> None:
    """Text missing in French is shown in Dutch, marked lang="nl", and the page says so once."""
    family = ja.get_family("ondersteuners")
    job = ja.profile(family, "C")
    html = ja.render_html(job, "fr")
    purpose = job.purpose.activity
    assert not purpose.has("fr")
    assert '<span lang="nl" class="fallback"' in html
    assert LABELS["fr"]["fallback_page"].replace("'", "&#39;") in html
    assert 'class="fallback"' not in ja.render_html(job, "nl")


def test_label_catalogues_have_the_same_words() -> None:
    """The nl, fr and en catalogues of the renderers' fixed words have the same keys."""
    assert set(LABELS) == set(LANGS)
    assert {frozenset(words) for words in LABELS.values()} == {frozenset(LABELS["nl"])}


def test_an_unknown_language_is_an_error() -> None:
    """A language other than nl, fr, en raises LanguageError before anything is rendered."""
    job = ja.profile(ja.get_family("ondersteuners"), "C")
    with pytest.raises(ja.LanguageError):
        ja.render_html(job, "de")


def test_a_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without Jinja2 or python-docx the error names the extra to install, and no file is written."""
    from jobarchitecture._render import _html

    job = ja.profile(ja.get_family("ondersteuners"), "C")
    monkeypatch.setitem(sys.modules, "jinja2", None)
    monkeypatch.setitem(sys.modules, "docx", None)
    _html.environment.cache_clear()
    try:
        with pytest.raises(ja.MissingExtraError, match=r"jobarchitecture\[html\]"):
            ja.render_html(job)
        with pytest.raises(ja.MissingExtraError, match=r"jobarchitecture\[docx\]"):
            ja.write_docx(job, tmp_path / "x.docx")
    finally:
        _html.environment.cache_clear()
    assert list(tmp_path.iterdir()) == []


def _docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize("code", BUNDLED)
def test_a_docx_holds_every_descriptor_of_its_level(code: str, tmp_path: Path) -> None:
    """The Word file of each level opens with python-docx and contains every clause at that level."""
    family = ja.get_family(code)
    for level in family.scale.levels:
        job = ja.profile(family, level)
        path = tmp_path / f"{code}.docx"
        ja.write_docx(job, path)
        text = _docx_text(path)
        for item in (*job.criteria, *job.requirements):
            for clause in item.descriptor.clauses:
                assert clause.text.nl in text, (level.code, item.code)
        for comp in job.competencies:
            assert comp.name.nl in text


def test_a_docx_has_real_headings_lists_and_tables(tmp_path: Path) -> None:
    """Sections are Heading paragraphs, tasks List Bullet paragraphs, competencies a table."""
    import docx

    path = tmp_path / "p.docx"
    ja.write_docx(ja.profile(ja.get_family("ondersteuners"), "C"), path, lang="en")
    document = docx.Document(str(path))
    styles = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "List Bullet"} <= styles
    assert document.tables
    assert document.tables[0].rows[0].cells[0].text == LABELS["en"]["competency"]


def _template(path: Path) -> None:
    import docx
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    heading = document.styles["Heading 1"]
    heading.font.name = "Georgia"
    heading.font.size = Pt(21)
    heading.font.color.rgb = RGBColor(0x80, 0x10, 0x10)
    document.sections[0].header.paragraphs[0].text = "Letterhead of the Organisation"
    document.add_paragraph("Sample body text of the template")
    document.save(str(path))


def test_a_docx_on_a_template_takes_its_styles_and_letterhead(tmp_path: Path) -> None:
    """With a template, headings carry its styles, its header stays and its body text goes."""
    import docx

    template = tmp_path / "org.docx"
    _template(template)
    out = tmp_path / "p.docx"
    ja.write_docx(ja.profile(ja.get_family("adviseurs"), "12"), out, template=template)
    document = docx.Document(str(out))
    heading = document.styles["Heading 1"]
    assert heading.font.name == "Georgia"
    assert heading.font.size.pt == 21
    assert document.sections[0].header.paragraphs[0].text == "Letterhead of the Organisation"
    text = _docx_text(out)
    assert "Sample body text" not in text
    assert any(p.style.name == "Heading 1" for p in document.paragraphs)


@pytest.mark.parametrize("content", [None, b"not a zip", b"PK\x03\x04broken"])
def test_an_unreadable_template_is_one_error(tmp_path: Path, content: bytes | None) -> None:
    """A missing, non-DOCX or damaged template raises TemplateError naming it; nothing is written."""
    template = tmp_path / "org.docx"
    if content is not None:
        template.write_bytes(content)
    out = tmp_path / "out" / "p.docx"
    out.parent.mkdir()
    with pytest.raises(ja.TemplateError, match=r"org\.docx"):
        ja.write_docx(ja.profile(ja.get_family("adviseurs"), "12"), out, template=template)
    assert list(out.parent.iterdir()) == []


@settings(max_examples=30)
@given(st.data())
def test_any_valid_family_renders_with_cells_true_to_its_spans(data: st.DataObject) -> None:
    """Every generated family renders as HTML in any language, its rows spanning exactly its descriptors."""
    family = data.draw(jst.families())
    lang = data.draw(st.sampled_from(LANGS))
    rows = parse(ja.render_html(family, lang)).rows
    for criterion in family.criteria:
        expected = [(len(d.levels), d.levels) for d in criterion.descriptors]
        assert rows[("criteria", criterion.code)] == expected
    level = data.draw(jst.levels(family.scale))
    assert f'<html lang="{lang}">' in ja.render_html(ja.profile(family, level), lang)


def test_a_docx_tags_dutch_fallback_text_and_says_so(tmp_path: Path) -> None:
    """In an English DOCX, text only in Dutch is tagged nl-BE and a notice under the title says so."""
    import docx
    from docx.oxml.ns import qn

    job = ja.profile(ja.get_family("ondersteuners"), "C")
    path = tmp_path / "p.docx"
    ja.write_docx(job, path, lang="en")
    document = docx.Document(str(path))
    assert LABELS["en"]["fallback_doc"] in [p.text for p in document.paragraphs[:6]]
    tags = {}
    for p in document.paragraphs:
        for run in p.runs:
            lang = run._r.find(f"{qn('w:rPr')}/{qn('w:lang')}")
            tags[run.text] = None if lang is None else lang.get(qn("w:val"))
    task = job.result_areas[0].tasks[0]
    assert not task.has("en")
    assert tags[task.nl] == "nl-BE"
    assert tags[job.result_areas[0].title.get("en")] == "en-GB"
    ja.write_docx(job, path, lang="nl")
    assert LABELS["nl"]["fallback_doc"] not in [p.text for p in docx.Document(str(path)).paragraphs]


def test_a_standalone_page_carries_its_stylesheet_unescaped() -> None:
    """The CSS inside a standalone page is the stylesheet itself, quotes and all."""
    from jobarchitecture._render._html import stylesheet

    html = ja.render_html(ja.profile(ja.get_family("ondersteuners"), "C"))
    assert stylesheet() in html


def test_a_comparison_docx_highlights_inserted_and_strikes_deleted_words(tmp_path: Path) -> None:
    """A comparison written as DOCX has each inserted run highlighted and each deleted run struck."""
    import docx

    cmp = ja.compare(ja.get_family("ondersteuners"), "D", "C")
    path = tmp_path / "cmp.docx"
    ja.write_docx(cmp, path, lang="en")
    runs = [r for p in docx.Document(str(path)).paragraphs for r in p.runs]
    inserted = {r.text for r in runs if r.font.highlight_color is not None}
    deleted = {r.text for r in runs if r.font.strike}
    for change in cmp.criteria:
        for run in change.diff("en"):
            if run.kind == "insert":
                assert run.text in inserted
            elif run.kind == "delete":
                assert run.text in deleted
    assert inserted
    assert deleted


def test_a_word_template_dotx_is_accepted(tmp_path: Path) -> None:
    """A .dotx template (a document whose main part says "template") gives its styles like a .docx."""
    import zipfile

    import docx

    plain = tmp_path / "org.docx"
    _template(plain)
    dotx = tmp_path / "org.dotx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(dotx, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                body = body.replace(b"document.main+xml", b"template.main+xml")
            dst.writestr(item, body)
    with pytest.raises(ValueError, match="not a Word file"):
        docx.Document(str(dotx))  # python-docx alone refuses it
    out = tmp_path / "p.docx"
    ja.write_docx(ja.profile(ja.get_family("adviseurs"), "12"), out, template=dotx)
    document = docx.Document(str(out))
    assert document.styles["Heading 1"].font.name == "Georgia"
    assert document.sections[0].header.paragraphs[0].text == "Letterhead of the Organisation"


def _docx_run_langs(path: Path) -> dict[str, str | None]:
    """Each run's text (stripped) and its w:lang tag."""
    import docx
    from docx.oxml.ns import qn

    tags: dict[str, str | None] = {}
    for p in docx.Document(str(path)).paragraphs:
        for run in p.runs:
            lang = run._r.find(f"{qn('w:rPr')}/{qn('w:lang')}")
            tags[run.text.strip()] = None if lang is None else lang.get(qn("w:val"))
    return tags


def test_a_word_difference_of_dutch_text_is_marked_dutch(tmp_path: Path) -> None:
    """On a French comparison or site profile the word difference of text only in
    Dutch is tagged lang="nl" and marked NL, like any other Dutch text."""
    family = ja.get_family("ondersteuners")
    cmp = ja.compare(family, "D", "C")
    change = next(c for c in cmp.criteria if c.changed and not c.same)
    assert change.has("nl")
    assert not change.has("fr")
    ja.build_site(tmp_path / "site", [family], lang="fr")
    pages = {
        'class="diff">': ja.render_html(cmp, "fr"),
        'class="descriptor diff">': (tmp_path / "site" / "ondersteuners" / "C.html").read_text(
            "utf-8"
        ),
    }
    for start, html in pages.items():
        cells = html.split(start)[1:]
        assert cells
        for cell in cells:
            assert cell.startswith('<span lang="nl" class="fallback"'), cell[:80]
    assert 'class="fallback"' not in ja.render_html(cmp, "nl")


def test_an_untranslated_connector_is_dutch_with_its_sentence(tmp_path: Path) -> None:
    """In a French page or document, the connector of a Dutch-only purpose ("teneinde")
    is tagged Dutch like the sentence around it, not French."""
    job = ja.profile(ja.get_family("ondersteuners"), "C")
    purpose = job.purpose
    assert purpose.connector == "teneinde"
    assert not purpose.activity.has("fr")
    html = ja.render_html(job, "fr")
    assert '<em class="connector" lang="nl">teneinde</em>' in html
    assert '<em class="connector">teneinde</em>' in ja.render_html(job, "nl")
    path = tmp_path / "p.docx"
    ja.write_docx(job, path, lang="fr")
    assert _docx_run_langs(path)["teneinde"] == "nl-BE"


def test_a_comparison_docx_tags_a_dutch_word_difference_dutch(tmp_path: Path) -> None:
    """In a French comparison document the words of a Dutch-only descriptor are tagged nl-BE."""
    cmp = ja.compare(ja.get_family("ondersteuners"), "D", "C")
    path = tmp_path / "cmp.docx"
    ja.write_docx(cmp, path, lang="fr")
    tags = _docx_run_langs(path)
    change = next(c for c in cmp.criteria if c.changed and not c.same)
    words = [run.text.strip() for run in change.diff("fr") if run.text.strip()]
    assert words
    assert {tags[w] for w in words} == {"nl-BE"}
    assert tags[LABELS["fr"]["fallback_doc"]] == "fr-BE"


def test_a_docx_keeps_the_reason_of_an_inferred_span_in_a_comment(tmp_path: Path) -> None:
    """An inferred span shows as a short mark in the text of a profile document; its
    reasoning (notes for the data's maintainers) is a Word comment, not body text."""
    import docx

    job = ja.profile(ja.get_family("adviseurs"), "13/14")
    rows = [*job.criteria, *job.requirements]
    reasons = [row.descriptor.inferred for row in rows if row.descriptor.inferred]
    assert reasons
    path = tmp_path / "p.docx"
    ja.write_docx(job, path, lang="fr")
    document = docx.Document(str(path))
    body = "\n".join(p.text for p in document.paragraphs)
    assert not [reason for reason in reasons if reason in body]
    w = LABELS["fr"]
    assert sorted(c.text for c in document.comments) == sorted(
        f"{w['inferred_title']}{w['colon']} {reason}" for reason in reasons
    )
    assert f"({LABELS['fr']['inferred']})" in body


@pytest.mark.parametrize("lang", LANGS)
def test_a_docx_says_what_it_is_and_which_language_it_is_in(tmp_path: Path, lang: str) -> None:
    """File > Info of a profile document shows its title, its language and today's date,
    not python-docx's blank document (author "python-docx", 2013); new text is in *lang*."""
    import datetime

    import docx
    from docx.oxml.ns import qn

    job = ja.profile(ja.get_family("ondersteuners"), "C")
    path = tmp_path / "p.docx"
    ja.write_docx(job, path, lang=lang)
    document = docx.Document(str(path))
    props = document.core_properties
    word_lang = {"nl": "nl-BE", "fr": "fr-BE", "en": "en-GB"}[lang]
    assert props.title == f"{job.family_name.get(lang)} — {job.level_name.get(lang)}"
    assert props.language == word_lang
    assert "python-docx" not in (props.author or "") + (props.comments or "")
    yesterday = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
    assert props.created is not None
    assert props.created.replace(tzinfo=datetime.UTC) > yesterday
    defaults = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}")
    assert defaults.find(f"{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")) == word_lang


def test_a_docx_on_a_template_keeps_its_author(tmp_path: Path) -> None:
    """The author a template records stays; only python-docx's own blank values are cleared."""
    import docx

    template = tmp_path / "org.docx"
    _template(template)
    document = docx.Document(str(template))
    document.core_properties.author = "HR Department"
    document.save(str(template))
    out = tmp_path / "p.docx"
    ja.write_docx(ja.profile(ja.get_family("adviseurs"), "12"), out, template=template)
    assert docx.Document(str(out)).core_properties.author == "HR Department"


@pytest.mark.parametrize(("code", "level"), [("ondersteuners", "C"), ("adviseurs", "13/14")])
def test_a_markdown_competency_table_has_no_empty_column(code: str, level: str) -> None:
    """The Markdown competency table, like the page's and the document's, leaves out a
    column no competency fills (clusters of a Flemish profile, levels of a federal one)."""
    job = ja.profile(ja.get_family(code), level)
    lines = ja.render_markdown(job, "en").splitlines()
    head = "| " + LABELS["en"]["competency"] + " |"
    start = next(i for i, line in enumerate(lines) if line.startswith(head))
    table = list(itertools.takewhile(lambda line: line.startswith("|"), lines[start:]))
    cells = [[c.strip() for c in line.strip("|").split(" | ")] for line in table]
    header, rows = cells[0], cells[2:]
    assert len(rows) == len(job.competencies)
    assert all(len(row) == len(header) for row in rows)
    for i, name in enumerate(header):
        assert any(row[i] for row in rows), f"column {name!r} is empty"


def test_a_french_competency_heading_has_the_french_colon(tmp_path: Path) -> None:
    """In French the competency heading reads "Profil de compétences : Rôle" in Markdown
    and Word, as on the page."""
    import docx

    job = ja.profile(ja.get_family("ondersteuners"), "C")
    w = LABELS["fr"]
    heading = f"{w['competencies']}{w['colon']} {job.role_name.get('fr')}"
    assert f"## {heading}" in ja.render_markdown(job, "fr").splitlines()
    path = tmp_path / "p.docx"
    ja.write_docx(job, path, lang="fr")
    assert heading in [p.text for p in docx.Document(str(path)).paragraphs]


def test_a_docx_table_repeats_its_header_on_each_page(tmp_path: Path) -> None:
    """The competency table of a profile document repeats its header row on every page
    it runs onto, and no row splits across pages."""
    import docx
    from docx.oxml.ns import qn

    path = tmp_path / "p.docx"
    ja.write_docx(ja.profile(ja.get_family("ondersteuners"), "C"), path)
    (table,) = docx.Document(str(path)).tables
    rows = [row._tr for row in table.rows]
    assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert all(tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None for tr in rows[1:])
    assert all(tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for tr in rows)


def _keeps_with_next(paragraph: Any) -> bool:
    """Whether Word keeps *paragraph* on the page of the next one: its own setting,
    else its style's, else the style that one is based on."""
    if paragraph.paragraph_format.keep_with_next is not None:
        return bool(paragraph.paragraph_format.keep_with_next)
    style = paragraph.style
    while style is not None:
        if style.paragraph_format.keep_with_next is not None:
            return bool(style.paragraph_format.keep_with_next)
        style = style.base_style
    return False


@pytest.mark.parametrize("template", [None, "loose headings", "no heading styles"])
def test_a_docx_heading_stays_on_the_page_of_what_it_heads(
    tmp_path: Path, template: str | None
) -> None:
    """Every heading of a profile document, the competency table's among them, is kept
    with what follows it (it does not end a page with its table on the next), on a
    blank document and on a template whose heading styles do not keep with the next
    paragraph or that has no heading styles at all."""
    import docx

    path = None
    if template is not None:
        path = tmp_path / "org.docx"
        document = docx.Document()
        for name in ("Title", "Heading 1", "Heading 2"):
            if template == "loose headings":
                document.styles[name].paragraph_format.keep_with_next = False
            else:
                element = document.styles[name].element
                element.getparent().remove(element)
        document.save(str(path))
    out = tmp_path / "p.docx"
    job = ja.profile(ja.get_family("ondersteuners"), "C")
    ja.write_docx(job, out, template=path)
    document = docx.Document(str(out))
    headings = [LABELS["nl"][k] for k in ("purpose", "result_areas", "criteria")]
    headings += [area.title.nl for area in job.result_areas] + [c.name.nl for c in job.criteria]
    by_text = {p.text: p for p in document.paragraphs}
    assert [h for h in headings if not _keeps_with_next(by_text[h])] == []
    body = list(document.element.body)
    (table,) = document.tables
    before = body[body.index(table._tbl) - 1]
    (heading,) = [p for p in document.paragraphs if p._p is before]
    assert heading.text.startswith(LABELS["nl"]["competencies"])
    assert _keeps_with_next(heading)


def test_a_docx_is_on_a4_unless_its_template_says_otherwise(tmp_path: Path) -> None:
    """A profile document without a template is laid out on A4 (python-docx's blank
    document is US Letter); on a template it keeps the template's paper."""
    import docx
    from docx.shared import Inches

    job = ja.profile(ja.get_family("ondersteuners"), "C")
    ja.write_docx(job, tmp_path / "p.docx")
    (section,) = docx.Document(str(tmp_path / "p.docx")).sections
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.left_margin.cm, 1) == round(section.right_margin.cm, 1) == 2.5
    letter = docx.Document()
    letter.sections[0].page_width, letter.sections[0].page_height = Inches(8.5), Inches(11)
    letter.save(str(tmp_path / "letter.docx"))
    ja.write_docx(job, tmp_path / "q.docx", template=tmp_path / "letter.docx")
    (section,) = docx.Document(str(tmp_path / "q.docx")).sections
    assert (section.page_width, section.page_height) == (Inches(8.5), Inches(11))


@pytest.mark.parametrize("lang", LANGS)
def test_a_comparison_heads_each_table_with_what_its_rows_are(lang: str) -> None:
    """On a comparison page the criteria table is headed "criterion", the requirements
    table "requirements" (as on the family page), not "criterion" too."""
    family = ja.get_family("organisatieondersteuning")
    low, high = family.scale.levels[0], family.scale.levels[-1]
    html = ja.render_html(ja.compare(family, low, high), lang)
    w = LABELS[lang]
    heads = re.findall(r'<table class="comparison-table">.*?<th scope="col">(.*?)</th>', html, re.S)
    assert heads == [w["criterion"], w["requirements"]]


def test_a_level_name_in_the_site_s_fixed_phrases_is_marked_when_dutch(tmp_path: Path) -> None:
    """On a French profile page the untranslated level names in the links up and down and
    in "Ce qui diffère de …" are tagged lang="nl" and marked NL, like any other Dutch text."""
    family = ja.get_family("managementondersteuning")
    low, level = family.scale.levels[0], family.scale.levels[1]
    assert not low.name.has("fr")
    ja.build_site(tmp_path / "site", [family], lang="fr")
    html = (tmp_path / "site" / family.code / f"{level.code}.html").read_text("utf-8")
    dutch = f'<span lang="nl" class="fallback" title="{LABELS["fr"]["fallback"]}">{low.name.nl}'
    below = html.split('class="below"')[1].split("</a>")[0]
    assert dutch in below
    legend = html.split('<p class="legend">')[1].split("</p>")[0]
    assert legend.startswith(LABELS["fr"]["changed_from"].format(level=dutch))
    assert "&lt;" not in legend


def test_a_profile_carries_the_notes_its_text_refers_to(tmp_path: Path) -> None:
    """Level B of 'ondersteuners' asks for "een specialisatie*": its profile defines the
    term, in Markdown, HTML and Word, with the readability note; level D, without the
    word, has only the readability note."""
    import docx

    family = ja.get_family("ondersteuners")
    definition = next(n for n in family.notes if n.term == "specialisatie")
    general = next(n for n in family.notes if n.term is None)
    b, d = ja.profile(family, "B"), ja.profile(family, "D")
    assert "specialisatie*" in b.criteria[0].descriptor.text()
    assert b.notes == (general, definition)
    assert d.notes == (general,)
    assert b.to_dict()["notes"][1] == {
        "code": definition.code,
        "text": definition.text.nl,
        "marker": "*",
        "term": "specialisatie",
    }
    w = LABELS["en"]
    markdown = ja.render_markdown(b, "en")
    assert f"## {w['notes']}" in markdown.splitlines()
    assert f"- \\* **specialisatie**: {definition.text.nl}" in markdown.splitlines()
    assert definition.text.nl not in ja.render_markdown(d, "en")
    html = ja.render_html(b, "en")
    assert f"<h2>{w['notes']}</h2>" in html
    assert "<sup>*</sup> <strong>specialisatie</strong>:" in html
    assert "specialisatie</strong>" not in ja.render_html(d, "en")
    path = tmp_path / "b.docx"
    ja.write_docx(b, path, lang="en")
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    notes = paragraphs[paragraphs.index(w["notes"]) :]
    assert notes[1:] == [general.text.nl, f"* specialisatie: {definition.text.nl}"]


def test_a_site_level_page_defines_the_terms_its_descriptors_mark(tmp_path: Path) -> None:
    """The site's page of level B, not only its family page, says what "specialisatie*" means."""
    family = ja.get_family("ondersteuners")
    ja.build_site(tmp_path / "site", [family], lang="nl")
    html = (tmp_path / "site" / family.code / "B.html").read_text("utf-8")
    assert 'id="note-definitie_specialisatie"' in html


@pytest.mark.parametrize("code", ["adviseurs", "organisatieondersteuning"])
def test_a_requirement_s_table_is_named_once_in_word_and_markdown(
    code: str, tmp_path: Path
) -> None:
    """Word, like the page, names each requirement's table ("Vaktechnische competenties")
    beside its heading; Markdown, which heads the rows with their table, does not name a
    row again when it is named as its table ("Opleidingsniveau en ervaring")."""
    import docx

    family = ja.get_family(code)
    for level in family.scale.levels:
        job = ja.profile(family, level)
        path = tmp_path / "p.docx"
        ja.write_docx(job, path)
        headings = [
            p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Heading 2"
        ]
        lines = ja.render_markdown(job).splitlines()
        for r in job.requirements:
            assert r.group is not None
            if r.group.nl == r.name.nl:
                assert r.name.nl in headings
                assert f"**{r.name.nl}**" not in lines
            else:
                assert f"{r.name.nl} ({r.group.nl})" in headings
                assert f"### {r.group.nl}" in lines


def test_docx_comparison_of_a_level_with_itself_is_one_line(tmp_path: Path) -> None:
    """A Word comparison of a level with itself holds the title and one line saying so."""
    docx = pytest.importorskip("docx")
    path = tmp_path / "same.docx"
    ja.write_docx(ja.compare("ondersteuners", "C", "c"), path, lang="en")
    texts = [p.text for p in docx.Document(str(path)).paragraphs if p.text]
    assert texts[1:] == ["Both are level C: nothing differs."]


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
@pytest.mark.parametrize("code", ["adviseurs", "organisatieondersteuning"])
def test_a_profile_named_only_competencies_is_no_role(code: str, lang: str, tmp_path: Path) -> None:
    """A Flemish family's one competency profile, named "Competenties" after the
    source's table, names no role: no "Rol: Competenties" line and no
    "Competentieprofiel: Competenties" heading in Markdown, HTML (profile, comparison,
    family page) or Word; the heading is the label alone."""
    family = ja.get_family(code)
    (only,) = family.profiles
    first, last = family.scale.levels[0], family.scale.levels[-1]
    job = ja.profile(family, first)
    w = LABELS[lang]
    name = only.name.get(lang)
    role_line = f"{w['role']}{w['colon']}"
    bogus = f"{w['competencies']}{w['colon']} {name}"
    markdown = ja.render_markdown(job, lang)
    assert role_line not in markdown
    assert bogus not in markdown
    assert f"## {w['competencies']}\n" in markdown
    pages = [
        ja.render_html(job, lang),
        ja.render_html(ja.compare(family, first, last), lang),
        ja.render_html(family, lang),
    ]
    for page in pages:
        assert f"<dt>{w['role']}</dt>" not in page
        assert bogus not in page
        assert f"<h2>{w['competencies']}</h2>" in page
    path = tmp_path / "p.docx"
    ja.write_docx(job, path, lang=lang)
    text = _docx_text(path)
    assert role_line not in text
    assert bogus not in text
    assert w["competencies"] in text.splitlines()


def test_a_role_is_still_named() -> None:
    """A federal profile is a role's, and every document names it."""
    job = ja.profile(ja.get_family("ondersteuners"), "D")
    assert "**Rol:** Ondersteunend/Expert" in ja.render_markdown(job)
    assert "## Competentieprofiel: Ondersteunend/Expert" in ja.render_markdown(job)
    assert "<dt>Rol</dt>" in ja.render_html(job)


@pytest.mark.parametrize("code", BUNDLED)
def test_a_family_grid_has_a_core_column_only_for_core_competencies(code: str) -> None:
    """A family page's competency grid has the "Kern (K)" column when its profile marks
    core competencies (the federal K) and none when it marks none (a Flemish profile,
    whose column stood empty from top to bottom)."""
    family = ja.get_family(code)
    page = ja.render_html(family)
    for prof in family.profiles:
        assert prof.entries
    cores = [any(e.core for e in prof.entries) for prof in family.profiles]
    heads = page.count(f'<th scope="col">{LABELS["nl"]["core"]}</th>')
    assert heads == sum(cores)


@pytest.mark.parametrize("code", ["adviseurs", "organisatieondersteuning"])
def test_a_family_page_names_each_requirements_group(code: str) -> None:
    """The family page's requirements table names a requirement's group beside its
    name, as the level pages do ("Vakkennis/ leiding geven (Vaktechnische
    competenties)"), unless the two are the same words; it named no group."""
    family = ja.get_family(code)
    page = ja.render_html(family)
    rows = re.findall(r'<tr data-requirements="[^"]*">\s*<th scope="row">(.*?)</th>', page, re.S)
    assert len(rows) == len(family.requirements)
    for row, r in zip(rows, family.requirements, strict=True):
        text = unescape(row)
        if r.group.nl != r.name.nl:
            assert f"({r.group.nl})" in text
        else:
            assert text.count(r.name.nl) == 1


def _in_english(obj: Any) -> Any:
    """*obj* with every text given an English version (its own, else the Dutch)."""
    if isinstance(obj, ja.Text):
        return ja.Text(nl=obj.nl, fr=obj.fr, en=obj.en or obj.nl)
    if isinstance(obj, tuple):
        return tuple(_in_english(x) for x in obj)
    if isinstance(obj, list):
        return [_in_english(x) for x in obj]
    if attrs.has(type(obj)):
        changes = {
            f.alias: _in_english(getattr(obj, f.name)) for f in attrs.fields(type(obj)) if f.init
        }
        return attrs.evolve(obj, **changes)
    return obj


def test_markdown_says_once_when_text_is_given_in_dutch() -> None:
    """An English or French Markdown profile or comparison whose texts are partly Dutch
    says so under its title, as the HTML page and the Word document do (it turned Dutch
    without a word); a Dutch one, or one whose every text is translated, does not."""
    family = ja.get_family("ondersteuners")
    job, cmp = ja.profile(family, "D"), ja.compare(family, "D", "B")
    for lang in ("en", "fr"):
        notice = f"*{LABELS[lang]['fallback_doc']}*"
        assert notice in ja.render_markdown(job, lang)
        assert notice in ja.render_markdown(cmp, lang)
    assert LABELS["nl"]["fallback_doc"] not in ja.render_markdown(job, "nl")
    english = _in_english(job), _in_english(cmp)
    for obj in english:
        assert LABELS["en"]["fallback_doc"] not in ja.render_markdown(obj, "en")
