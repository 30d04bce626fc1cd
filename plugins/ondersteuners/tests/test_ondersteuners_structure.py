"""Structure of the family OS – Ondersteuners: counts, spans, profiles and discovery."""

from __future__ import annotations

from importlib.resources import files

import pytest

import jobarchitecture as ja

CODE = "ondersteuners"
DISTRIBUTION = "jobarchitecture-ondersteuners"
CORE = {
    "in_team_werken",
    "servicegericht_handelen",
    "betrouwbaarheid_tonen",
    "zichzelf_ontwikkelen",
    "objectieven_behalen",
}


@pytest.fixture(scope="module")
def family() -> ja.Family:
    return ja.get_family(CODE)


# ---------------------------------------------------------------- discovery and validity


def test_found_through_entry_point(family: ja.Family) -> None:
    """get_family finds the family through the plugin's entry point and distribution."""
    assert family.code == CODE
    assert family.name.nl == "OS – Ondersteuners"
    info = ja.default_registry().info(CODE)
    assert info.origin == "entry point"
    assert info.distribution == DISTRIBUTION
    assert info.location == "jobarchitecture_ondersteuners"
    assert CODE in ja.family_codes()


def test_validates_without_problems(family: ja.Family) -> None:
    """validate() reports no problem for the shipped family."""
    assert ja.validate(family) == []


def test_data_file_equals_registered_family(family: ja.Family) -> None:
    """The package's family.toml, loaded directly, is the registered family."""
    path = files("jobarchitecture_ondersteuners") / "family.toml"
    assert ja.load_family(str(path)) == family


def test_round_trips_through_the_format(family: ja.Family) -> None:
    """Writing the family to data and reading it back gives the same family."""
    assert ja.family_from_data(ja.family_to_data(family)) == family


def test_metadata(family: ja.Family) -> None:
    """Version, format version, sources, translations and the unset rule are as specified."""
    assert family.version == "1"
    assert family.format_version == 1
    assert family.rule is None
    assert [s.reference for s in family.sources] == [
        "000_5a80f83e26ba1cb3.txt",
        "001_1f3472eb590a09f8.txt",
    ]
    assert [t.lang for t in family.translations] == ["en", "fr"]
    assert "not official" in family.translations[0].note
    assert family.government.nl == "Federale overheid (FOD BOSA)"


# ---------------------------------------------------------------- scale and purpose


def test_scale_is_niveau_d_c_b(family: ja.Family) -> None:
    """The scale 'Niveau' has levels D < C < B named 'Niveau D' .. 'Niveau B'."""
    scale = family.scale
    assert scale.name.nl == "Niveau"
    assert scale.codes == ("D", "C", "B")
    assert [lvl.name.nl for lvl in scale] == ["Niveau D", "Niveau C", "Niveau B"]
    assert scale.level("D") < scale.level("C") < scale.level("B")
    assert all(lvl.classes == () and lvl.aliases == () for lvl in scale)


def test_purpose_uses_teneinde(family: ja.Family) -> None:
    """The purpose is split at 'teneinde' and has no notes."""
    assert family.purpose.connector == "teneinde"
    assert family.purpose.activity.nl.endswith("voor een klant of een dienst")
    assert family.purpose.outcome.nl == "optimaal bij te dragen tot de dienstverlening."
    assert family.purpose.notes == ()


# ---------------------------------------------------------------- result areas


def test_result_areas_and_task_counts(family: ja.Family) -> None:
    """Four result areas, in source order, with 8, 7, 9 and 7 example tasks."""
    areas = {a.code: len(a.tasks) for a in family.result_areas}
    assert areas == {
        "administratief_ondersteuner": 8,
        "praktische_organisator": 7,
        "contactpersoon": 9,
        "gegevens_en_of_documentatiebeheerder": 7,
    }
    assert list(areas) == [a.code for a in family.result_areas]
    assert sum(areas.values()) == 31


def test_result_areas_are_plain_federal_roles(family: ja.Family) -> None:
    """Every area is titled 'Als …', uses 'teneinde', and is unnumbered, required, context-free."""
    for area in family.result_areas:
        assert area.title.nl.startswith("Als ")
        assert area.connector == "teneinde"
        assert area.number is None
        assert area.optional is False
        assert area.context is None
        assert area.outcome.nl.endswith(".")


def test_tasks_carry_no_list_punctuation(family: ja.Family) -> None:
    """No task keeps a bullet or the trailing ';' / '.' of the list layout."""
    for area in family.result_areas:
        for task in area.tasks:
            assert not task.nl.startswith(("-", "•", " "))
            assert not task.nl.endswith((";", "."))
            assert task.nl != "…"


# ---------------------------------------------------------------- criteria


def test_criteria_and_descriptor_spans(family: ja.Family) -> None:
    """Seven criteria; each descriptor spans one level except Verbetering's C–B."""
    spans = {c.code: [d.levels for d in c.descriptors] for c in family.criteria}
    one_each = [("D",), ("C",), ("B",)]
    assert spans == {
        "kennis": one_each,
        "documenten": one_each,
        "praktische_organisatie": one_each,
        "procedures": one_each,
        "verbetering": [("D",), ("C", "B")],
        "vragen_of_klachten": one_each,
        "contacten": one_each,
    }
    assert sum(len(c.descriptors) for c in family.criteria) == 20


def test_descriptors_are_single_clauses_without_rg(family: ja.Family) -> None:
    """Every descriptor is one clause, joined 'and' by default, without (RG) or inferred span."""
    for criterion in family.criteria:
        assert criterion.weight == 1.0
        assert criterion.note is None
        for d in criterion.descriptors:
            assert len(d.clauses) == 1
            assert d.join is ja.Join.ALL
            assert d.result_area is False
            assert d.inferred is None
            assert "(RG)" not in d.clauses[0].text.nl


def test_two_paragraph_cells(family: ja.Family) -> None:
    """Exactly the cells seed 001 prints as two paragraphs hold one paragraph break."""
    broken = {
        (c.code, d.levels): d.clauses[0].text.nl.count("\n")
        for c in family.criteria
        for d in c.descriptors
        if "\n" in d.clauses[0].text.nl
    }
    assert broken == {
        ("praktische_organisatie", ("C",)): 1,
        ("praktische_organisatie", ("B",)): 1,
        ("vragen_of_klachten", ("D",)): 1,
        ("vragen_of_klachten", ("C",)): 1,
        ("vragen_of_klachten", ("B",)): 1,
    }


def test_criterion_lookup(family: ja.Family) -> None:
    """Criteria are found by code or Dutch name and cover every level."""
    assert family.criterion("Vragen of klachten").code == "vragen_of_klachten"
    verbetering = family.criterion("verbetering")
    assert verbetering.at("C") is verbetering.at("B")
    for criterion in family.criteria:
        assert all(criterion.at(code) is not None for code in family.scale.codes)


def test_no_requirements(family: ja.Family) -> None:
    """The federal family has no per-level requirements tables."""
    assert family.requirements == ()


# ---------------------------------------------------------------- competencies


def test_dictionary_has_five_clusters_of_eight(family: ja.Family) -> None:
    """40 competencies in 5 clusters, ordered 1..8 in each, with no definitions or levels."""
    dictionary = family.competencies
    assert [c.code for c in dictionary.clusters] == [
        "omgaan_met_informatie",
        "omgaan_met_taken",
        "omgaan_met_medewerkers",
        "omgaan_met_relaties",
        "omgaan_met_het_eigen_functioneren",
    ]
    assert len(dictionary.competencies) == 40
    for cluster in dictionary.clusters:
        orders = [c.order for c in dictionary.competencies if c.cluster == cluster.code]
        assert orders == list(range(1, 9)), cluster.code
    assert all(c.definition is None and c.levels == () for c in dictionary.competencies)


def test_translations_of_labels(family: ja.Family) -> None:
    """Labels carry English; clusters, competencies and the first role also carry French."""
    labels = [
        family.name,
        family.government,
        family.scale.name,
        *(lvl.name for lvl in family.scale),
        *(c.name for c in family.criteria),
        *(a.title for a in family.result_areas),
        *(c.name for c in family.competencies.clusters),
        *(c.name for c in family.competencies.competencies),
        *(p.name for p in family.profiles),
    ]
    assert all(label.en for label in labels)
    assert all(c.name.fr for c in family.competencies.clusters)
    assert all(c.name.fr for c in family.competencies.competencies)
    assert family.competencies.clusters[0].name.fr == "Gestion de l'information"
    assert family.profiles[0].name.fr == "Support/Expert"
    assert family.profiles[1].name.fr is None


def test_profiles_per_role(family: ja.Family) -> None:
    """Two roles with 11 entries each: 3 at D, 3 spanning C–B and the 5 core competencies."""
    assert [p.role for p in family.profiles] == [
        "ondersteunend_expert",
        "ondersteunend_expert_beperkt_leidinggevend",
    ]
    for profile in family.profiles:
        assert len(profile.entries) == 11
        assert {e.competency for e in profile.entries if e.core} == CORE
        assert all(e.levels == () for e in profile.entries if e.core)
        spans = sorted(e.levels for e in profile.entries if not e.core)
        assert spans == [("C", "B")] * 3 + [("D",)] * 3
        assert all(e.behavioural_level is None and e.inferred is None for e in profile.entries)
        assert len(profile.notes) == 2


def test_base_profile_per_level(family: ja.Family) -> None:
    """The competencies required at each level, per role (core competencies included)."""
    expert = family.profile_for("ondersteunend_expert")
    limited = family.profile_for("ondersteunend_expert_beperkt_leidinggevend")
    assert expert is not None
    assert limited is not None

    def at(profile: ja.CompetencyProfile, level: str) -> set[str]:
        return {e.competency for e in profile.at(level)}

    assert at(expert, "D") == CORE | {
        "informatie_behandelen",
        "werk_structureren",
        "kennis_en_informatie_delen",
    }
    assert (
        at(expert, "C")
        == at(expert, "B")
        == CORE
        | {
            "informatie_analyseren",
            "problemen_oplossen",
            "ondersteunen",
        }
    )
    assert at(limited, "D") == CORE | {
        "informatie_behandelen",
        "werk_structureren",
        "ondersteunen",
    }
    assert (
        at(limited, "C")
        == at(limited, "B")
        == CORE
        | {
            "informatie_analyseren",
            "problemen_oplossen",
            "medewerkers_aansturen",
        }
    )
    assert family.profile_for() is expert


# ---------------------------------------------------------------- notes


def test_notes(family: ja.Family) -> None:
    """Two notes: the readability footnote (no marker) and the '*' definition of 'specialisatie'."""
    notes = {n.code: (n.marker, n.term) for n in family.notes}
    assert notes == {
        "leesbaarheid": (None, None),
        "definitie_specialisatie": ("*", "specialisatie"),
    }


def test_english_labels_read_as_english(family: ja.Family) -> None:
    """The result-area titles and the competency Servicegericht handelen have natural English labels."""
    assert [r.title.en for r in family.result_areas] == [
        "As an administrative assistant",
        "As a practical organiser",
        "As a contact person",
        "As a data and/or documentation manager",
    ]
    competency = family.competencies.get("servicegericht_handelen")
    assert competency is not None
    assert competency.name.en == "Service orientation"
