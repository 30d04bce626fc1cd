"""The notice "some text is in Dutch" follows what a document shows: Markdown, HTML
and Word give it exactly when a text they show fell back to Dutch, whatever else
the family's data lacks a translation of."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import attrs
import pytest

import jobarchitecture as ja
from jobarchitecture._model import Text
from jobarchitecture._render._labels import LABELS
from jobarchitecture._render._shown import Shown


def _translated(obj: Any, lang: str) -> Any:
    """*obj* (a family, or any part of one) with every text written in *lang*."""
    if isinstance(obj, Text):
        return obj if obj.has(lang) else attrs.evolve(obj, **{lang: f"[{lang}] {obj.nl}"})
    if isinstance(obj, tuple):
        return tuple(_translated(x, lang) for x in obj)
    if attrs.has(type(obj)):
        changes = {}
        for f in attrs.fields(type(obj)):
            if f.init:
                value = getattr(obj, f.name)
                new = _translated(value, lang)
                if new is not value:
                    changes[f.alias] = new
        return attrs.evolve(obj, **changes) if changes else obj
    return obj


def _notices(obj: ja.JobProfile | ja.Comparison, lang: str, tmp_path: Path) -> dict[str, bool]:
    """Whether the Markdown, HTML and Word renderings of *obj* in *lang* give the notice."""
    import docx

    w = LABELS[lang]
    path = tmp_path / "out.docx"
    ja.write_docx(obj, path, lang=lang)
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    html = ja.render_html(obj, lang).replace("&#39;", "'")
    return {
        "markdown": w["fallback_doc"] in ja.render_markdown(obj, lang),
        "html": w["fallback_page"] in html,
        "docx": w["fallback_doc"] in paragraphs,
    }


def _unshown_dutch(family: ja.Family, lang: str) -> ja.Family:
    """*family* in *lang* throughout, but for texts no profile or comparison shows:
    the name of its one competency profile ("Competenties", no role, so no "Role:"
    line) and a competency's definition."""
    family = _translated(family, lang)
    profiles = (attrs.evolve(family.profiles[0], name=Text("Competenties")),)
    first, *rest = family.competencies.competencies
    dutch = attrs.evolve(first, definition=Text("Een definitie die geen profiel toont."))
    competencies = attrs.evolve(family.competencies, competencies=(dutch, *rest))
    return attrs.evolve(family, profiles=profiles, competencies=competencies)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_notice_for_dutch_text_the_document_does_not_show(lang: str, tmp_path: Path) -> None:
    """A Flemish family translated but for its profile's name ("Competenties", shown as
    no role) and a competency's definition gives no notice in any document: the
    Markdown profile used to say "some text is in Dutch" from the data alone."""
    family = _unshown_dutch(ja.get_family("adviseurs"), lang)
    job = ja.profile(family, "13/14")
    assert job.role_name is not None
    assert not job.role_name.has(lang)
    assert any(c.definition is not None and not c.definition.has(lang) for c in job.competencies)
    cmp = ja.compare(family, "12", "13/14")
    for obj in (job, cmp):
        assert _notices(obj, lang, tmp_path) == dict.fromkeys(("markdown", "html", "docx"), False)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_notice_for_the_one_dutch_text_a_comparison_shows(lang: str, tmp_path: Path) -> None:
    """A comparison whose only Dutch text is the family's name in its title gives the
    notice in every document: Markdown's comparison used to look for Dutch text only
    among the criteria, requirements and competencies."""
    family = _translated(ja.get_family("ondersteuners"), lang)
    family = attrs.evolve(family, name=Text("OS – Ondersteuners"))
    cmp = ja.compare(family, "C", "B")
    assert _notices(cmp, lang, tmp_path) == dict.fromkeys(("markdown", "html", "docx"), True)
    translated = ja.compare(_translated(family, lang), "C", "B")
    assert not any(_notices(translated, lang, tmp_path).values())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_documents_agree_on_the_notice_for_every_bundled_level(lang: str, tmp_path: Path) -> None:
    """For every bundled family's profile and comparison with the level below, the
    Markdown, HTML and Word documents all give the notice or none does."""
    for code in ja.family_codes():
        family = ja.get_family(code)
        codes = family.scale.codes
        objs: list[ja.JobProfile | ja.Comparison] = [ja.profile(family, c) for c in codes]
        objs += [ja.compare(family, a, b) for a, b in itertools.pairwise(codes)]
        for obj in objs:
            said = _notices(obj, lang, tmp_path)
            assert len(set(said.values())) == 1, (code, obj, said)


def test_shown_counts_what_falls_back_and_nothing_in_dutch() -> None:
    """A Shown gives a text in its language and counts it only when it falls back;
    in Dutch nothing falls back."""
    shown = Shown("fr")
    assert shown.text(Text("Doel", fr="Objectif")) == "Objectif"
    assert shown.dutch == 0
    assert shown.text(Text("Doel")) == "Doel"
    assert shown.dutch == 1
    dutch = Shown("nl")
    dutch.text(Text("Doel"))
    assert dutch.dutch == 0


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_defined_term_is_no_dutch_fallback(lang: str, tmp_path: Path) -> None:
    """A note defining the source's own Dutch word ("specialisatie") in a translated
    family gives no notice: the Word document tags the word Dutch for its spelling
    check but, as the page and Markdown, does not count it as text left untranslated."""
    family = _translated(ja.get_family("ondersteuners"), lang)
    job = next(
        j
        for j in (ja.profile(family, c) for c in family.scale.codes)
        if any(n.term for n in j.notes)
    )
    assert _notices(job, lang, tmp_path) == dict.fromkeys(("markdown", "html", "docx"), False)
