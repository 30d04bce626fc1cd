"""compare(): two levels side by side, and word_diff(), the word-level difference behind it."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture import strategies as jst

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "voorbeeld.toml"
BUNDLED = ("ondersteuners", "managementondersteuning", "adviseurs", "organisatieondersteuning")

words = st.lists(
    st.text(st.characters(categories=("L", "N", "P")), min_size=1, max_size=6), max_size=12
)


def _spelled(runs: tuple[ja.WordRun, ...], keep: str) -> list[str]:
    return "".join(r.text for r in runs if r.kind in ("equal", keep)).split()


@given(words, words)
def test_word_diff_spells_both_texts(old: list[str], new: list[str]) -> None:
    """Equal and deleted runs spell the old text word for word, equal and inserted runs the new."""
    runs = ja.word_diff(" ".join(old), " ".join(new))
    assert _spelled(runs, "delete") == old
    assert _spelled(runs, "insert") == new


@given(words)
def test_word_diff_of_a_text_with_itself_is_all_equal(text: list[str]) -> None:
    """A text compared with itself has no inserted or deleted runs."""
    runs = ja.word_diff(" ".join(text), " ".join(text))
    assert all(r.kind == "equal" for r in runs)


def test_word_diff_marks_the_changed_words() -> None:
    """Only the words that differ are inserted or deleted; the words around them stay equal."""
    runs = ja.word_diff(
        "Eenvoudige taken uitvoeren voor de dienst", "Complexe taken uitvoeren voor de dienst"
    )
    assert [(r.kind, r.text.strip()) for r in runs] == [
        ("delete", "Eenvoudige"),
        ("insert", "Complexe"),
        ("equal", "taken uitvoeren voor de dienst"),
    ]


@given(st.data())
def test_swapping_the_levels_mirrors_the_comparison(data: st.DataObject) -> None:
    """compare(b, a) adds what compare(a, b) drops, lets leave what enters, and deletes what it inserts."""
    family = data.draw(jst.families())
    a, b = data.draw(jst.levels(family.scale)), data.draw(jst.levels(family.scale))
    ab, ba = ja.compare(family, a, b), ja.compare(family, b, a)
    assert ab.added_result_areas == ba.dropped_result_areas
    assert ab.dropped_result_areas == ba.added_result_areas
    flip = {"entering": "leaving", "leaving": "entering", "level": "level"}
    assert {(c.code, flip[c.change]) for c in ab.competencies} == {
        (c.code, c.change) for c in ba.competencies
    }
    for x, y in zip(ab.criteria, ba.criteria, strict=True):
        assert x.same == y.same
        assert x.changed == y.changed
        assert _spelled(x.diff(), "delete") == _spelled(y.diff(), "insert")
        assert _spelled(x.diff(), "insert") == _spelled(y.diff(), "delete")


@given(st.data())
def test_a_level_compared_with_itself_has_no_changes(data: st.DataObject) -> None:
    """At one level every descriptor is the same, and nothing enters, leaves or is added."""
    family = data.draw(jst.families())
    level = data.draw(jst.levels(family.scale))
    same = ja.compare(family, level, level)
    assert all(c.same and not c.changed for c in same.criteria)
    assert not same.added_result_areas
    assert not same.dropped_result_areas
    assert not same.competencies


@pytest.mark.parametrize("code", BUNDLED)
def test_every_criterion_of_adjacent_levels_is_compared(code: str) -> None:
    """Between two adjacent levels each criterion appears once, with the descriptors profile() shows."""
    family = ja.get_family(code)
    for low, high in itertools.pairwise(family.scale.levels):
        cmp = ja.compare(family, low, high)
        assert [c.code for c in cmp.criteria] == [c.code for c in family.criteria]
        job = ja.profile(family, high)
        assert [c.second for c in cmp.criteria] == [c.descriptor for c in job.criteria]
        for c in cmp.criteria:
            assert c.same == (family.criterion(c.code).at(low) is family.criterion(c.code).at(high))


def test_a_spanning_descriptor_reads_as_the_same_descriptor() -> None:
    """Where one descriptor spans both levels, the comparison says so and shows no difference."""
    family = ja.load_family(EXAMPLE)
    kennis = next(c for c in ja.compare(family, "C", "B").criteria if c.code == "kennis")
    assert kennis.same
    assert not kennis.changed
    assert ja.compare(family, "D", "C").criteria[0].changed


def test_rg_clauses_entering_at_a_level_are_added_result_areas() -> None:
    """An (RG) clause present at the second level and not the first is an added result area."""
    family = ja.load_family(EXAMPLE)
    up = ja.compare(family, "D", "C")
    texts = [a.text.nl for a in up.added_result_areas]
    assert "Anderen begeleiden met als doel hen te ondersteunen" in texts
    assert [a.text.nl for a in ja.compare(family, "C", "D").dropped_result_areas] == texts


def test_competencies_entering_and_leaving_between_federal_levels() -> None:
    """From level D to C of the support family, D's base competencies leave and C's enter."""
    family = ja.get_family("ondersteuners")
    prof = family.profiles[0]
    at_d = {e.competency for e in prof.at("D")}
    at_c = {e.competency for e in prof.at("C")}
    cmp = ja.compare(family, "D", "C")
    assert {c.code for c in cmp.competencies if c.change == "entering"} == at_c - at_d
    assert {c.code for c in cmp.competencies if c.change == "leaving"} == at_d - at_c


def test_behavioural_level_changes_are_reported() -> None:
    """A Flemish competency required at a higher behavioural level shows both levels."""
    cmp = ja.compare(ja.get_family("adviseurs"), "12", "17/18")
    changes = {c.code: (c.first, c.second) for c in cmp.competencies if c.change == "level"}
    assert changes
    for first, second in changes.values():
        assert first is not None
        assert second is not None
        assert first.behavioural_level != second.behavioural_level


def test_unknown_level_or_role_is_an_error() -> None:
    """An unknown level or role raises the library's lookup errors, naming the options."""
    family = ja.get_family("ondersteuners")
    with pytest.raises(ja.UnknownLevelError, match="'E'"):
        ja.compare(family, "D", "E")
    with pytest.raises(ja.UnknownRoleError, match="nobody"):
        ja.compare(family, "D", "C", role="nobody")


def test_to_dict_carries_the_diff_in_the_language() -> None:
    """to_dict(lang) gives every criterion's runs in that language, and rejects an unknown one."""
    family = ja.get_family("ondersteuners")
    data = ja.compare(family, "D", "C").to_dict("en")
    assert data["first"] == "D"
    assert data["second"] == "C"
    kinds = {run[0] for c in data["criteria"] for run in c["diff"]}
    assert kinds <= {"equal", "insert", "delete"}
    assert "insert" in kinds
    with pytest.raises(ja.LanguageError):
        ja.compare(family, "D", "C").to_dict("de")
