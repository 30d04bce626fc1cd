"""One concept, one wording: a heading of a Markdown, HTML or Word profile and a
column, legend or comment of the xlsx workbook say the same thing in the same
words, in every language."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest

import jobarchitecture as ja
from jobarchitecture._render._html import render_html

LANGS = ("nl", "fr", "en")


def _workbook(family: ja.Family, lang: str) -> Any:
    return openpyxl.load_workbook(io.BytesIO(ja.to_xlsx(family, lang)))


def _docx_table_header(job: ja.JobProfile, lang: str, tmp_path: Path) -> list[str]:
    import docx

    path = tmp_path / f"{job.family}-{lang}.docx"
    ja.write_docx(job, path, lang=lang)
    return [cell.text for cell in docx.Document(str(path)).tables[0].rows[0].cells]


def _markdown_table_header(job: ja.JobProfile, lang: str) -> list[str]:
    line = next(x for x in job.to_markdown(lang).splitlines() if x.startswith("| "))
    return [cell.strip() for cell in line.strip("|").split("|")]


def _html_table_header(job: ja.JobProfile, lang: str) -> list[str]:
    html = render_html(job, lang)
    table = html.split('<table class="competencies">')[1].split("</thead>")[0]
    return re.findall(r'<th scope="col">([^<]*)</th>', table)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("code", "level"), [("ondersteuners", "C"), ("adviseurs", "13/14")])
def test_competency_columns_are_worded_alike_in_documents_and_workbook(
    code: str, level: str, lang: str, tmp_path: Path
) -> None:
    """The competency table's headers (competency, cluster, core, behavioural level) of
    the Markdown, HTML and Word profile are one list, and the workbook's grid heads its
    competency and cluster columns, and names its profile's marks, with the same words."""
    job = ja.profile(code, level)
    header = _markdown_table_header(job, lang)
    assert _html_table_header(job, lang) == header
    assert _docx_table_header(job, lang, tmp_path) == header
    family = ja.get_family(code)
    grid = _workbook(family, lang).worksheets[2]
    first_row = [c.value for c in grid[1] if c.value]
    # The workbook's leading columns: the cluster (where there are clusters), the competency.
    lead = 2 if any(c.cluster for c in family.competencies.competencies) else 1
    assert all(h in header for h in first_row[:lead]), (header, first_row)
    if "behavioural_level" in job.competency_columns():
        assert header[-1] in first_row, (header[-1], first_row)  # the Flemish grid's marks


@pytest.mark.parametrize("lang", LANGS)
def test_workbook_legend_defines_the_core_mark_as_the_documents_head_it(lang: str) -> None:
    """The grid's legend says what K is with the word the documents' core column is
    headed by: "Clé (K)" over the column, "K = compétence clé" under the grid, not
    "compétence de base" (which the legend's "profil de base" then meant as well)."""
    header = _markdown_table_header(ja.profile("ondersteuners", "C"), lang)
    core = next(h for h in header if h.endswith("(K)"))
    word = core.removesuffix("(K)").strip().casefold()
    grid = _workbook(ja.get_family("ondersteuners"), lang).worksheets[2]
    legend = next(
        str(c.value) for row in grid.iter_rows() for c in row if str(c.value).startswith("K =")
    )
    definition = legend.split(";")[0].removeprefix("K =").strip().casefold()
    # A word of the definition, or the head of a Dutch compound ("kern" of "kerncompetentie").
    assert any(w.startswith(word) for w in definition.split()), (core, legend)


@pytest.mark.parametrize("lang", LANGS)
def test_workbook_parts_and_columns_are_the_documents_headings(lang: str) -> None:
    """The purpose's row of the workbook is named as the documents' heading
    ("Objectif", not "Mission"), and the example tasks, optional and context columns
    use the documents' words for them."""
    family = ja.get_family("ondersteuners")
    markdown = ja.profile(family, "C").to_markdown(lang)
    headings = {line.lstrip("#").strip() for line in markdown.splitlines() if line.startswith("#")}
    sheet = _workbook(family, lang).worksheets[0]
    assert sheet.cell(2, 1).value in headings  # the purpose's row
    heads = {str(c.value).casefold() for c in sheet[1]}
    colon = ":" if lang != "fr" else " :"
    tasks = next(line for line in markdown.splitlines() if line.endswith(colon) and "/" in line)
    assert tasks.removesuffix(colon).casefold() in heads, (tasks, heads)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_jsonld_sentences_read_as_the_documents_do(lang: str) -> None:
    """A translated purpose and result area read in the JSON-LD export as in every
    document, connector included ("with the aim of", not the export's own "with the
    aim to")."""
    family = ja.get_family("adviseurs")
    said = {"fr": "Fait quelque chose", "en": "Does something"}[lang]
    aim = {"fr": "que cela serve", "en": "serve a purpose"}[lang]
    purpose = attrs.evolve(
        family.purpose,
        activity=attrs.evolve(family.purpose.activity, **{lang: said}),
        outcome=attrs.evolve(family.purpose.outcome, **{lang: aim}),
    )
    family = attrs.evolve(family, purpose=purpose)
    document = ja.to_jsonld(family)
    assert purpose.sentence(lang) in str(document), purpose.sentence(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_family_page_words_a_definition_as_the_profile_does(lang: str) -> None:
    """A family page's note that defines a term puts the language's colon after it
    ("specialisatie :" in French), as the profile page does, and marks a core
    competency with the catalogue's mark."""
    from jobarchitecture._render._labels import LABELS

    w = LABELS[lang]
    family = ja.get_family("ondersteuners")
    page = render_html(family, lang)
    term = next(n.term for n in family.notes if n.term)
    assert f"<strong>{term}</strong>{w['colon']} " in page
    job = next(
        j
        for j in (ja.profile(family, lvl) for lvl in family.scale.codes)
        if any(n.term for n in j.notes)
    )
    assert f"<strong>{term}</strong>{w['colon']} " in render_html(job, lang)
    assert f'<td class="core">{w["core_short"]}</td>' in page


def test_no_template_words_a_mark_of_its_own() -> None:
    """The templates take the core mark and the (RG) mark from the catalogue, as the
    Markdown and Word renderers do, rather than write "K" or "(RG)" themselves."""
    from importlib import resources

    folder = resources.files("jobarchitecture._render") / "templates"
    for name in ("profile.html", "family.html", "comparison.html", "_macros.html"):
        text = (folder / name).read_text("utf-8")
        assert re.search(r'"K"|>K<|\}K\{|\(RG\)', text) is None, name
