"""Fixed wording reads as written in each language: a number agrees with its noun,
French sets a space before a colon, and a warning says what happened.

Seen when reading the outputs as an HR officer would: "changer 1 évaluation(s)",
"1 critères sur 7 évalués", "Famille de fonctions:" beside "Légende :", and
"criteria are more than one level apart (Kennis at D; Kennis at B)" for one
criterion rated D..B.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture._classify._result import _WORDS as RESULT_WORDS
from jobarchitecture._cli._cmd_classify import LABELS as CLASSIFY_LABELS
from jobarchitecture._cli._cmd_show import LABELS as SHOW_LABELS
from jobarchitecture._diff import _WORDS as DIFF_WORDS
from jobarchitecture._render._labels import LABELS as RENDER_LABELS

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "voorbeeld.toml"

CATALOGUES = {
    "renderers": RENDER_LABELS,
    "show": SHOW_LABELS,
    "classify table": CLASSIFY_LABELS,
    "classification": RESULT_WORDS,
    "diff": DIFF_WORDS,
}


@pytest.fixture(scope="module")
def family() -> ja.Family:
    return ja.load_family(EXAMPLE)


@pytest.mark.parametrize("name", CATALOGUES)
def test_french_sets_a_space_before_every_colon_of_its_fixed_words(name: str) -> None:
    """Every catalogue has its colon per language, and no French label glues a colon to a word."""
    catalogue = CATALOGUES[name]
    assert {lang: words["colon"] for lang, words in catalogue.items()} == {
        "nl": ":",
        "fr": " :",
        "en": ":",
    }
    glued = [k for k, v in catalogue["fr"].items() if re.search(r"[^\s{}]:", v)]
    assert glued == [], f"{name}: French labels with a colon glued to a word: {glued}"


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        (
            "nl",
            "om B te bereiken, wijzig 1 beoordeling:",
            "om B te bereiken, wijzig 2 beoordelingen:",
        ),
        (
            "fr",
            "pour atteindre B, changer 1 évaluation :",
            "pour atteindre B, changer 2 évaluations :",
        ),
        ("en", "to reach B, change 1 rating:", "to reach B, change 2 ratings:"),
    ],
)
def test_the_changes_to_reach_a_level_are_counted_in_words_that_agree(
    cli: Callable[..., Any], lang: str, one: str, two: str
) -> None:
    """`classify --target` says "1 rating" and "2 ratings", never "rating(s)"."""
    single = cli(
        "classify",
        str(EXAMPLE),
        "kennis=C",
        "contacten=C",
        "--rule",
        "maximum",
        "--target",
        "B",
        "--lang",
        lang,
    )
    assert single.code == 0, single.err
    assert one in single.out.splitlines()
    colon = " :" if lang == "fr" else ":"
    assert f"  - kennis{colon} C -> B" in single.out.splitlines()
    double = cli(
        "classify", str(EXAMPLE), "kennis=C", "contacten=C", "--target", "B", "--lang", lang
    )
    assert double.code == 0, double.err
    assert two in double.out.splitlines()
    assert "(s)" not in single.out + double.out
    assert "(en)" not in single.out + double.out


def test_french_counts_agree_with_one_criterion(family: ja.Family) -> None:
    """One rated criterion: "1 critère sur 2 évalué", "1 critère sur 2 non évalué"."""
    text = ja.classify(family, {"kennis": "C"}).explain("fr")
    assert "1 critère sur 2 évalué, à C ; 1 (100 %) au résultat." in text
    assert "- 1 critère sur 2 non évalué (Contacten) : le résultat repose sur 1 critère" in text
    both = ja.classify(family, {"kennis": "C", "contacten": "D"}).explain("fr")
    assert "2 critères sur 2 évalués" in both
    # Dutch and English say it the same way for one and for many.
    assert "1 van de 2 criteria beoordeeld" in ja.classify(family, {"kennis": "C"}).explain("nl")
    assert "1 of 2 criteria rated" in ja.classify(family, {"kennis": "C"}).explain("en")


def test_french_output_sets_a_space_before_its_colons(
    cli: Callable[..., Any], family: ja.Family, tmp_path: Path
) -> None:
    """The text, Markdown, Word and HTML outputs in French: "Famille de fonctions : …"."""
    w = RENDER_LABELS["fr"]
    explained = ja.classify(family, {"kennis": "C"}).explain("fr")
    assert re.search(r"^- \S.* : C$", explained, re.M), explained
    table = cli("classify", str(EXAMPLE), "kennis=C", "--lang", "fr").out
    assert "non évalués : contacten" in table
    shown = cli("show", str(EXAMPLE), "--lang", "fr").out
    assert f"{SHOW_LABELS['fr']['tasks']} :" in shown
    job = ja.profile(family, "C")
    markdown = ja.render_markdown(job, "fr")
    assert f"**{w['family']} :**" in markdown
    assert f"**{w['level']} :**" in markdown
    html = ja.render_html(job, "fr")
    assert f"{w['tasks']} :</p>" in html
    docx = pytest.importorskip("docx")
    path = tmp_path / "profiel.docx"
    ja.write_docx(job, path, lang="fr")
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert any(p.startswith(f"{w['family']} : ") for p in paragraphs), paragraphs[:8]
    for text in (explained, table, shown, markdown):
        for label in (w["family"], w["level"], w["tasks"], SHOW_LABELS["fr"]["tasks"]):
            assert f"{label}:" not in text


def test_one_criterion_spanning_the_spread_is_named_once(family: ja.Family) -> None:
    """ "Kennis is rated from D to B", not "(Kennis at D; Kennis at B)"."""
    alone = ja.classify(family, {"kennis": "D..B"})
    assert alone.warnings[0] == (
        "Kennis is rated from D to B, more than one level apart: committee review advised"
    )
    assert "Kennis est évalué de D à B, à plus d'un niveau d'écart : avis" in alone.explain("fr")
    assert "Kennis is beoordeeld van D tot B, meer dan één niveau uit elkaar" in alone.explain("nl")
    two = ja.classify(family, {"kennis": "D", "contacten": "B"})
    assert two.warnings[0] == (
        "criteria are more than one level apart (Kennis at D; Contacten at B): "
        "committee review advised"
    )


_LEVELS = ("D", "C", "B")
_RATING = st.sampled_from(
    [None, *_LEVELS, *(f"{a}..{b}" for i, a in enumerate(_LEVELS) for b in _LEVELS[i + 1 :])]
)


@given(kennis=_RATING, contacten=_RATING)
def test_the_apart_warning_names_one_criterion_exactly_when_it_alone_holds_both_ends(
    family: ja.Family, kennis: str | None, contacten: str | None
) -> None:
    """Over every rating pair: the one-criterion wording exactly when a single criterion is
    alone at the lowest and at the highest rated level, the two-sided one otherwise."""
    ratings = {k: v for k, v in (("kennis", kennis), ("contacten", contacten)) if v is not None}
    if not ratings:
        return
    result = ja.classify(family, ratings)
    rank = {code: i for i, code in enumerate(result.scale)}
    lows = [
        e.name for e in result.evidence if rank[e.low] == min(rank[x.low] for x in result.evidence)
    ]
    highs = [
        e.name
        for e in result.evidence
        if rank[e.high] == max(rank[x.high] for x in result.evidence)
    ]
    apart = [w for w in result.warnings if "more than one level apart" in w]
    spread = rank[result.spread[1]] - rank[result.spread[0]]
    assert bool(apart) == (spread > 1)
    if apart:
        one = len(lows) == 1 and lows == highs
        assert apart[0].startswith(f"{lows[0]} is rated from ") == one
        assert apart[0].startswith("criteria are more than one level apart (") == (not one)


@given(st.integers(1, 40), st.integers(1, 10))
def test_a_cut_list_of_problems_counts_the_rest_in_words_that_agree(count: int, limit: int) -> None:
    """ "... and 1 more problem not shown", "... and 2 more problems not shown"."""
    from jobarchitecture._errors import Problem, capped

    kept = capped([Problem("f", f"$[{i}]", "m") for i in range(count + limit)], limit, "f")
    noun = "problem" if count == 1 else "problems"
    assert kept[-1].message.startswith(f"... and {count} more {noun} not shown (the first {limit}")


def test_validate_sums_up_in_words_that_agree(
    cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """On a terminal `validate` ends with "1 file, no problems" or "2 problems in 1 of 2 files"."""
    monkeypatch.setattr(__import__("sys").stderr, "isatty", lambda: True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli("validate", str(EXAMPLE)).err.splitlines()[-1] == "1 file, no problems"
    broken = tmp_path / "kapot.toml"
    broken.write_text('code = "kapot"\nname = 3\n', "utf-8")
    run = cli("validate", str(EXAMPLE), str(broken))
    assert re.fullmatch(r"\d+ problems? in 1 of 2 files", run.err.splitlines()[-1]), run.err
    assert "(s)" not in run.err


ADVISEURS = next(
    (Path(__file__).resolve().parent.parent / "plugins" / "adviseurs").glob("src/*/family.toml")
)


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("nl", "FK12; functieklasse 12)", "FK13/14; functieklassen 13, 14)"),
        ("fr", "FK12 ; classe de fonction 12)", "FK13/14 ; classes de fonction 13, 14)"),
        ("en", "FK12; function class 12)", "FK13/14; function classes 13, 14)"),
    ],
)
def test_show_names_a_levels_function_classes_in_the_number_they_have(
    cli: Callable[..., Any], lang: str, one: str, two: str
) -> None:
    """`show` lists the function classes a band covers: "function class 12", "function classes 13, 14"."""
    run = cli("show", str(ADVISEURS), "--lang", lang)
    assert run.code == 0, run.err
    assert one in run.out
    assert two in run.out
    assert "salary" not in run.out


@pytest.mark.parametrize(
    ("lang", "same", "one", "spread"),
    [
        ("nl", "2 van de 2 criteria beoordeeld, alle op C;", "op C;", "van D tot C;"),
        ("fr", "2 critères sur 2 évalués, tous à C ;", "à C ;", "de D à C ;"),
        ("en", "2 of 2 criteria rated, all at C;", "at C;", "from D to C;"),
    ],
)
def test_counts_say_all_at_one_level_rather_than_from_it_to_itself(
    family: ja.Family, lang: str, same: str, one: str, spread: str
) -> None:
    """Every rating at C reads "all at C", never "from C to C"; a spread still reads as one."""
    alike = ja.classify(family, {"kennis": "C", "contacten": "C"}).explain(lang)
    assert same in alike
    single = ja.classify(family, {"kennis": "C"}).explain(lang).splitlines()[1]
    assert f", {one}" in single
    apart = ja.classify(family, {"kennis": "D", "contacten": "C"}).explain(lang)
    assert spread in apart
    for text in (alike, single):
        for to_itself in (" C to C", "van C tot C", "de C à C"):
            assert to_itself not in text


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_show_names_each_part_of_a_family_as_the_documents_do(
    cli: Callable[..., Any], lang: str
) -> None:
    """`show` heads notes, criteria, result areas… with the words the HTML, Markdown
    and DOCX outputs use, in every language ("Opmerkingen", not "Noten")."""
    run = cli("show", str(EXAMPLE), "--lang", lang)
    assert run.code == 0, run.err
    lines = [line.strip() for line in run.out.splitlines()]
    words = RENDER_LABELS[lang]
    for key in ("purpose", "result_areas", "criteria", "requirements", "notes"):
        assert words[key].upper() in lines, key
    assert f"{words['tasks']}{words['colon']}" in lines
    assert f"({words['behaviour'].lower()} 1)" in run.out
