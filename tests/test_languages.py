"""One language at a time: every human-readable output in nl, fr or en, Dutch per item."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture._cli._cmd_show import render

from .conftest import EXAMPLE, Run


@pytest.fixture
def translated() -> ja.Family:
    """The example family with French and English names for one criterion and its descriptor."""
    family = ja.load_family(EXAMPLE)
    kennis, contacten = family.criteria
    descriptors = list(kennis.descriptors)
    d = descriptors[1]
    descriptors[1] = attrs.evolve(
        d,
        clauses=[
            attrs.evolve(d.clauses[0], text=ja.Text(d.clauses[0].text.nl, en="Knows procedures.")),
            attrs.evolve(
                d.clauses[1],
                text=ja.Text(d.clauses[1].text.nl, fr="Accompagner d'autres personnes"),
            ),
        ],
    )
    kennis = attrs.evolve(
        kennis, name=ja.Text("Kennis", fr="Connaissances", en="Knowledge"), descriptors=descriptors
    )
    return attrs.evolve(family, criteria=[kennis, contacten])


def test_explain_uses_each_languages_names_and_falls_back_to_dutch_per_item(
    translated: ja.Family,
) -> None:
    """explain("en") names criteria and descriptors in English where they exist, Dutch otherwise."""
    result = ja.classify(translated, {"kennis": "C", "contacten": "C"})
    en = result.explain("en")
    assert "- Knowledge: C\n    Knows procedures.\n    OR\n    Anderen begeleiden" in en
    assert "- Contacten: C" in en  # no English name: Dutch for this item only
    assert "Kennis" not in en
    assert "\n    OF\n" not in en
    fr = result.explain("fr")
    assert fr.startswith("Famille de fonctions Voorbeeldfamilie (voorbeeld) : niveau C")
    assert "- Connaissances : C\n    Kennis van procedures is vereist.\n    OU\n" in fr
    assert "Accompagner d'autres personnes" in fr  # the (RG) area in French too


def test_explain_of_a_result_read_back_uses_the_family_given(translated: ja.Family) -> None:
    """A result read back from JSON explains itself in English when given its family."""
    result = ja.classify(translated, {"kennis": "C"})
    back = ja.Classification.from_dict(result.to_dict())
    assert back.explain("en", translated) == result.explain("en")
    assert "- Kennis: C" in back.explain("en")  # no family to be found: the Dutch it carries


def test_explain_takes_the_family_as_a_code_and_refuses_another_family() -> None:
    """explain() and to_dict() take the family by code, as classify() does; another
    family, whose names would silently not be used, is a ValueError naming both, and a
    wrong type a TypeError, not an AttributeError from inside."""
    result = ja.classify("ondersteuners", {"kennis": "C"})
    back = ja.Classification.from_dict(result.to_dict())
    assert back.explain("en", "ondersteuners") == result.explain("en")
    assert back.to_dict("en", "ondersteuners") == result.to_dict("en")
    other = ja.get_family("adviseurs")
    message = (
        r"^'family' must be the family classified, 'ondersteuners' \(got family 'adviseurs'\)$"
    )
    with pytest.raises(ValueError, match=message):
        result.explain("en", other)
    with pytest.raises(ValueError, match=message):
        result.to_dict("en", "adviseurs")
    with pytest.raises(TypeError, match="'family' must be a Family"):
        result.explain("en", 3)  # type: ignore[arg-type]


@given(lang=st.text(max_size=3).filter(lambda x: x not in ja.LANGUAGES))
def test_a_bad_language_is_a_language_error_everywhere(lang: str) -> None:
    """Every output that takes a language rejects any other with LanguageError."""
    family = ja.load_family(EXAMPLE)
    result = ja.classify(family, {"kennis": "C"})
    job = ja.profile(family, "C")
    calls: list[Callable[[], object]] = [
        lambda: result.explain(lang),
        lambda: job.to_markdown(lang),
        lambda: family.name.get(lang),
        lambda: family.criteria[0].descriptors[0].text(lang),
        lambda: family.purpose.sentence(lang),
        lambda: ja.Join.ANY.word(lang),
        lambda: render(family, lang),
    ]
    for call in calls:
        with pytest.raises(ja.LanguageError) as info:
            call()
        assert isinstance(info.value, ja.JobArchitectureError)
        assert info.value.lang == lang


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nl", ("spreiding", "regel", "overeenstemming", "niet beoordeeld", "OF")),
        ("fr", ("dispersion", "règle", "concordance", "non évalués", "OU")),
        ("en", ("spread", "rule", "agreement", "unrated", "OR")),
    ],
)
def test_classify_table_labels_are_in_the_language_asked(
    cli: Callable[..., Run], lang: str, words: tuple[str, ...]
) -> None:
    """`classify --lang` prints every fixed label in that language, none in another."""
    run = cli("classify", "voorbeeld", "kennis=C", "--lang", lang)
    assert run.code == 0
    for word in words:
        assert word in run.out
    others = {"nl": "spreiding", "fr": "dispersion", "en": "spread "}
    assert all(others[o] not in run.out for o in others if o != lang)


@pytest.mark.parametrize(
    ("lang", "head", "builtin"),
    [
        ("nl", "REGEL", "ingebouwd"),
        ("fr", "RÈGLE", "intégrée"),
        ("en", "RULE", "built-in"),
    ],
)
def test_rules_labels_are_in_the_language_asked(
    cli: Callable[..., Run],
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    head: str,
    builtin: str,
) -> None:
    """`rules --lang` on a terminal heads its columns and names the built-in source
    in that language, as it gives the descriptions."""
    from jobarchitecture._cli import _common

    monkeypatch.setattr(_common, "isatty", lambda _stream: True)
    monkeypatch.setenv("NO_COLOR", "1")
    run = cli("rules", "--lang", lang)
    assert run.code == 0, run.err
    header, first = run.out.splitlines()[:2]
    assert header.split()[0] == head
    assert first.split()[0] == "lower_median"
    assert f"  {builtin}  " in first
    others = {"nl": "REGEL", "fr": "RÈGLE", "en": "RULE"}
    assert all(header.split()[0] != others[o] for o in others if o != lang)


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_classify_table_writes_the_agreement_as_its_explanation_does(
    cli: Callable[..., Run], lang: str
) -> None:
    """The agreement in the table reads as in the explanation of that language
    (``50 %`` in French, ``50%`` in Dutch and English)."""
    args = ("classify", "voorbeeld", "kennis=C", "contacten=B", "--lang", lang)
    table, explained = cli(*args), cli(*args, "--explain")
    assert table.code == explained.code == 0
    pct = "50 %" if lang == "fr" else "50%"
    assert f"({pct})" in explained.out
    assert table.out.splitlines()[1].endswith(f" {pct}")


def test_classify_explain_in_french_is_french(cli: Callable[..., Run]) -> None:
    """`classify --explain --lang fr` gives the French explanation, not a Dutch fallback."""
    run = cli("classify", "voorbeeld", "kennis=C", "--explain", "--lang", "fr")
    assert run.code == 0
    assert run.out.startswith("Famille de fonctions Voorbeeldfamilie (voorbeeld) : niveau C")
    assert "\n    OU\n" in run.out


def test_show_and_profile_use_the_connectives_of_the_language(cli: Callable[..., Run]) -> None:
    """`show` and `profile` join OF clauses with OU in French and OR in English."""
    for command in (["show", "voorbeeld"], ["profile", "voorbeeld", "C"]):
        fr = cli(*command, "--lang", "fr")
        en = cli(*command, "--lang", "en")
        assert fr.code == en.code == 0
        assert "OU" in fr.out
        assert "OR" in en.out
        assert "\nOF\n" not in fr.out + en.out
        assert " OF\n" not in fr.out + en.out


@pytest.mark.parametrize(
    ("outcome_en", "expected"),
    [
        ("guarantee quality", "Do the work in order to guarantee quality"),
        ("to guarantee quality", "Do the work in order to guarantee quality"),
        ("in order to guarantee quality", "Do the work in order to guarantee quality"),
    ],
)
def test_the_connector_is_never_doubled(outcome_en: str, expected: str) -> None:
    """A translated outcome that already starts with (the end of) the connector is not given it twice."""
    purpose = ja.Purpose(
        activity=ja.Text("Het werk doen", en="Do the work"),
        outcome=ja.Text("de kwaliteit te waarborgen", en=outcome_en),
    )
    assert purpose.sentence("en") == expected
    assert purpose.sentence("nl") == "Het werk doen teneinde de kwaliteit te waarborgen"


def test_the_connector_stays_dutch_when_a_half_is_not_translated() -> None:
    """A purpose translated on one side only keeps the Dutch connector rather than mixing."""
    purpose = ja.Purpose(
        activity=ja.Text("Het werk doen", en="Do the work"), outcome="iets te doen"
    )
    assert purpose.sentence("en") == "Do the work teneinde iets te doen"


def test_ratings_may_name_criteria_in_french_or_english(translated: ja.Family) -> None:
    """classify() and Family.criterion() accept a criterion's English or French name."""
    dutch = ja.classify(translated, {"kennis": "C"})
    assert ja.classify(translated, {"Knowledge": "C"}) == dutch
    assert ja.classify(translated, {"connaissances": "C"}) == dutch
    assert translated.criterion("KNOWLEDGE").code == "kennis"


def test_cli_ratings_may_name_criteria_in_english(
    cli: Callable[..., Run], translated: ja.Family, families: Path
) -> None:
    """`classify` on the command line takes an English criterion name."""
    (families / "voorbeeld.toml").unlink()
    ja.save_family(translated, families / "voorbeeld.json")
    run = cli("classify", "voorbeeld", "knowledge=C", "--json")
    assert run.code == 0, run.err
    assert '"criterion": "kennis"' in run.out


# Letters a-j only: a random outcome never starts with "to" or "in order to" by chance.
_WORDS = st.text(alphabet="abcdefghij ", min_size=1, max_size=20).map(str.strip).filter(bool)


@given(
    activity=_WORDS,
    outcome=_WORDS,
    lead=st.sampled_from(["", "to ", "in order to ", "In order to "]),
)
def test_a_sentence_never_repeats_its_connector(activity: str, outcome: str, lead: str) -> None:
    """Whatever a translated outcome starts with, "in order to" appears once, between the halves."""
    purpose = ja.Purpose(ja.Text("iets", en=activity), ja.Text("iets", en=lead + outcome))
    text = purpose.sentence("en")
    assert text.casefold() == f"{activity} in order to {outcome}".casefold()
    assert text.endswith(outcome)
