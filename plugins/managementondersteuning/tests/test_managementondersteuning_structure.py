"""Structure of the Managementondersteuning family: counts, spans and flags pinned down."""

from __future__ import annotations

import pytest

import jobarchitecture as ja

CODE = "managementondersteuning"
DISTRIBUTION = "jobarchitecture-managementondersteuning"
LEVELS = ("A1", "A2", "A3", "A4")

#: result area code -> number of example tasks
TASKS = {
    "coordinator": 7,
    "intern_adviseur": 6,
    "organisator": 5,
    "administratief_beheerder": 7,
    "contactpersoon": 7,
    "kennisbeheerder": 6,
}

#: criterion code -> descriptor spans, lowest first
SPANS = {
    "coordinatie": [("A1",), ("A2",), ("A3",), ("A4",)],
    "ondersteuning_van_het_management": [("A1",), ("A2",), ("A3",), ("A4",)],
    "advies": [("A1", "A2"), ("A3", "A4")],
    "verbetering_innovatie": [("A1",), ("A2", "A3"), ("A4",)],
    "contacten": [("A1", "A2"), ("A3",), ("A4",)],
}


@pytest.fixture(scope="module")
def family() -> ja.Family:
    return ja.get_family(CODE)


def _labels(f: ja.Family) -> list[ja.Text]:
    return [
        f.name,
        f.government,
        f.scale.name,
        *(lvl.name for lvl in f.scale.levels),
        *(c.name for c in f.criteria),
        *(r.title for r in f.result_areas),
    ]


def _texts(f: ja.Family) -> list[str]:
    out = [f.purpose.activity.nl, f.purpose.outcome.nl, *(n.text.nl for n in f.notes)]
    out += [label.nl for label in _labels(f)]
    for r in f.result_areas:
        out += [r.activity.nl, r.outcome.nl, *(t.nl for t in r.tasks)]
    for c in f.criteria:
        out += [cl.text.nl for d in c.descriptors for cl in d.clauses]
    return out


def test_validates_cleanly(family: ja.Family) -> None:
    """The family has no validation problems."""
    assert ja.validate(family) == []


def test_found_through_entry_point() -> None:
    """The family is registered by its plugin's entry point under its code."""
    assert CODE in ja.family_codes()
    info = ja.default_registry().info(CODE)
    assert info.origin == "entry point"
    assert info.distribution == DISTRIBUTION
    assert ja.get_family(CODE).code == CODE


def test_identity(family: ja.Family) -> None:
    """Name, government, version and format version are as published."""
    assert family.name.nl == "Managementondersteuning"
    assert family.government.nl == "Federale overheid (FOD BOSA)"
    assert family.version == "1"
    assert family.format_version == ja.FORMAT_VERSION
    assert family.rule is None


def test_scale_is_four_classes_lowest_first(family: ja.Family) -> None:
    """The scale is Klasse A1 < A2 < A3 < A4, and levels are found by code or name."""
    assert family.scale.name.nl == "Klasse"
    assert family.scale.codes == LEVELS
    assert [lvl.name.nl for lvl in family.scale] == [f"Klasse {c}" for c in LEVELS]
    assert family.scale.level("A1") < family.scale.level("A4")
    assert family.scale.level("klasse a3").code == "A3"


def test_purpose(family: ja.Family) -> None:
    """The purpose has the federal connector and no extra paragraphs."""
    assert family.purpose.connector == "teneinde"
    assert family.purpose.activity.nl.startswith("Het management adviseren en ondersteunen")
    assert family.purpose.notes == ()


def test_result_areas_and_task_counts(family: ja.Family) -> None:
    """Six role result areas in source order with their task counts; only kennisbeheerder is optional."""
    assert {r.code: len(r.tasks) for r in family.result_areas} == TASKS
    assert [r.code for r in family.result_areas] == list(TASKS)
    assert [r.code for r in family.result_areas if r.optional] == ["kennisbeheerder"]
    for r in family.result_areas:
        assert r.title.nl.startswith("Als ")
        assert "facultatief" not in r.title.nl
        assert r.connector == "teneinde"
        assert r.number is None
        assert r.context is None


def test_tasks_carry_no_list_punctuation(family: ja.Family) -> None:
    """No example task keeps the layout's trailing ';' or '.', nor a bullet mark."""
    for r in family.result_areas:
        for t in r.tasks:
            assert not t.nl.endswith((";", ".", " ")), t.nl
            assert not t.nl.startswith(("•", " ")), t.nl


def test_criteria_and_spans(family: ja.Family) -> None:
    """Five criteria with the pinned descriptor spans, none inferred, each covering A1..A4 once."""
    assert [c.code for c in family.criteria] == list(SPANS)
    for c in family.criteria:
        assert [d.levels for d in c.descriptors] == SPANS[c.code], c.code
        assert all(d.inferred is None for d in c.descriptors), c.code
        assert sorted(lvl for d in c.descriptors for lvl in d.levels) == list(LEVELS)
        assert c.weight == 1.0
        assert c.note is None


def test_joins_and_result_area_flags(family: ja.Family) -> None:
    """Only 'Ondersteuning van het management' at A2 has two clauses (OF); no clause carries (RG)."""
    multi = [
        (c.code, d.levels, d.join, len(d.clauses))
        for c in family.criteria
        for d in c.descriptors
        if len(d.clauses) > 1
    ]
    assert multi == [("ondersteuning_van_het_management", ("A2",), ja.Join.ANY, 2)]
    assert not any(d.result_area for c in family.criteria for d in c.descriptors)


def test_criterion_lookup_by_printed_name(family: ja.Family) -> None:
    """Criteria are found by their printed (wrap-joined) Dutch names."""
    assert family.criterion("Verbetering / Innovatie").code == "verbetering_innovatie"
    assert family.criterion("Ondersteuning van het management").code == (
        "ondersteuning_van_het_management"
    )


def test_no_competencies_profiles_or_requirements(family: ja.Family) -> None:
    """The seed has no competency grid or requirement tables, so none are in the family."""
    assert family.competencies.competencies == ()
    assert family.competencies.clusters == ()
    assert family.profiles == ()
    assert family.profile_for() is None
    assert family.requirements == ()


def test_single_footnote_note(family: ja.Family) -> None:
    """The only note is the gender-neutrality footnote with marker '*' and no term."""
    assert [(n.code, n.marker, n.term) for n in family.notes] == [
        ("leesbaarheid_mannelijke_vorm", "*", None)
    ]


def test_labels_have_english(family: ja.Family) -> None:
    """Every label carries an English translation, declared as the project's own."""
    for label in _labels(family):
        assert label.en, label.nl
    assert [(t.lang, t.note) for t in family.translations] == [
        ("en", "Own translation by the jobarchitecture project; not official.")
    ]


def test_texts_are_whitespace_normalised(family: ja.Family) -> None:
    """No Dutch text has leading/trailing spaces, double spaces or line breaks."""
    for text in _texts(family):
        assert text == text.strip(), repr(text)
        assert "  " not in text, repr(text)
        assert "\n" not in text, repr(text)


def test_single_source(family: ja.Family) -> None:
    """The family cites exactly its one seed document."""
    assert [s.reference for s in family.sources] == ["004_b3e58612e6259128.txt"]


def test_english_label_of_management_support(family: ja.Family) -> None:
    """The criterion Ondersteuning van het management reads "Support for management" in English."""
    assert family.criterion("Ondersteuning van het management").name.en == "Support for management"
