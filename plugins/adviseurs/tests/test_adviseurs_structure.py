"""Structure of the adviseurs family: counts, spans, flags and registration pinned."""

from __future__ import annotations

import pytest

import jobarchitecture as ja
from jobarchitecture import Join

CODES = ("12", "13/14", "15/16", "17/18")


@pytest.fixture(scope="module")
def family() -> ja.Family:
    """The installed family."""
    return ja.get_family("adviseurs")


def test_found_through_entry_point(family: ja.Family) -> None:
    """The family is registered by the jobarchitecture-adviseurs distribution under code 'adviseurs'."""
    info = ja.default_registry().info("adviseurs")
    assert info.origin == "entry point"
    assert info.distribution == "jobarchitecture-adviseurs"
    assert info.location == "jobarchitecture_adviseurs"
    assert "adviseurs" in ja.family_codes()
    assert family.code == "adviseurs"


def test_validates(family: ja.Family) -> None:
    """The family has no validation problem."""
    assert ja.validate(family) == []


def test_identity(family: ja.Family) -> None:
    """Name, government, version, format version, no rule, one source and the English provenance."""
    assert family.name.nl == "Klantenadviserende functies"
    assert family.government.nl == "Vlaamse overheid"
    assert family.version == "1"
    assert family.format_version == 1
    assert family.rule is None
    assert [s.reference for s in family.sources] == ["003_c6da380a7ec23184.txt"]
    assert "no title" in (family.sources[0].note or "")
    assert [t.lang for t in family.translations] == ["en"]
    assert family.notes == ()


def test_scale(family: ja.Family) -> None:
    """Four functieklasse bands 12 < 13/14 < 15/16 < 17/18, also named Waarde 1..4 and FK n."""
    scale = family.scale
    assert scale.name.nl == "Functieklasse"
    assert scale.codes == CODES
    assert [lvl.classes for lvl in scale] == [(12,), (13, 14), (15, 16), (17, 18)]
    for i, code in enumerate(CODES, start=1):
        assert scale.level(f"Waarde {i}").code == code
        assert scale.level(f"FK {code}").code == code
        assert scale.level(f"Functieklasse {code}").code == code
    assert scale.level("12") < scale.level("waarde 4")
    assert all(lvl.name.en for lvl in scale)


def test_purpose(family: ja.Family) -> None:
    """The purpose is split at 'met als doel' and has one note (internal or external clients)."""
    p = family.purpose
    assert p.connector == "met als doel"
    assert p.activity.nl.startswith("Vanuit een specialisatie")
    assert p.outcome.nl.startswith("deze klanten (proactief)")
    assert len(p.notes) == 1
    assert p.notes[0].nl.startswith("Het kan zowel gaan over interne")


def test_result_areas(family: ja.Family) -> None:
    """Six numbered areas, 'met als doel', tasks per area 7/11/10/8/6/8, a context only on area 3."""
    areas = family.result_areas
    assert [ra.number for ra in areas] == [1, 2, 3, 4, 5, 6]
    assert [ra.code for ra in areas] == [
        "probleemanalyse",
        "informatie_en_advies",
        "begeleiding_en_opvolging",
        "rapportering",
        "bekendmaking_van_de_dienstverlening_en_prospectie",
        "kennis_m_b_t_het_vakgebied",
    ]
    assert [len(ra.tasks) for ra in areas] == [7, 11, 10, 8, 6, 8]
    assert all(ra.connector == "met als doel" for ra in areas)
    assert not any(ra.optional for ra in areas)
    assert [ra.context is not None for ra in areas] == [False, False, True, False, False, False]
    assert all(ra.title.en for ra in areas)


def test_open_list_bullets_are_not_tasks(family: ja.Family) -> None:
    """No task is a lone '…' (open-list mark) or empty."""
    for ra in family.result_areas:
        for t in ra.tasks:
            assert t.nl.strip("… .") != ""


def test_criteria(family: ja.Family) -> None:
    """Five criteria with 4/4/4/3/3 descriptors over the pinned spans."""
    spans = {c.code: [d.levels for d in c.descriptors] for c in family.criteria}
    one_each = [("12",), ("13/14",), ("15/16",), ("17/18",)]
    assert spans == {
        "complexiteit_van_het_advies_of_de_begeleiding": one_each,
        "aard_van_de_relatie_met_de_klant": one_each,
        "optimalisatie_van_de_werking_beleidsadvies": one_each,
        "interpersoonlijke_relaties": [("12",), ("13/14", "15/16"), ("17/18",)],
        "organisatie_en_samenwerkingsvorm": [("12", "13/14"), ("15/16",), ("17/18",)],
    }
    assert all(c.name.en for c in family.criteria)
    assert all(c.weight == 1.0 for c in family.criteria)


def test_criterion_note(family: ja.Family) -> None:
    """Only 'Interpersoonlijke relaties' carries a note: '( ≠ hiërarchische aansturing)'."""
    notes = {c.code: c.note.nl if c.note else None for c in family.criteria}
    assert notes.pop("interpersoonlijke_relaties") == "( ≠ hiërarchische aansturing)"
    assert set(notes.values()) == {None}


def test_clauses_joins_and_rg(family: ja.Family) -> None:
    """Clause counts, EN/OF joins and (RG) flags per descriptor are as in the source."""
    got = {
        c.code: [
            (
                len(d.clauses),
                d.join if len(d.clauses) > 1 else None,
                [k.result_area for k in d.clauses],
            )
            for d in c.descriptors
        ]
        for c in family.criteria
    }
    and_, or_ = Join.ALL, Join.ANY
    assert got == {
        "complexiteit_van_het_advies_of_de_begeleiding": [
            (1, None, [False]),
            (1, None, [False]),
            (3, and_, [False, False, False]),
            (4, and_, [False, False, False, False]),
        ],
        "aard_van_de_relatie_met_de_klant": [(1, None, [False])] * 4,
        "optimalisatie_van_de_werking_beleidsadvies": [
            (1, None, [False]),
            (1, None, [False]),
            (1, None, [False]),
            (2, and_, [False, True]),
        ],
        "interpersoonlijke_relaties": [(1, None, [False]), (1, None, [False]), (1, None, [True])],
        "organisatie_en_samenwerkingsvorm": [
            (1, None, [False]),
            (3, or_, [False, False, False]),
            (2, or_, [True, True]),
        ],
    }


def test_multi_paragraph_cells_stay_one_clause(family: ja.Family) -> None:
    """Paragraphs of one cell without EN/OF are one clause joined by a newline."""
    aard = family.criterion("aard_van_de_relatie_met_de_klant").at("12")
    assert aard is not None
    assert aard.clauses[0].text.nl.split("\n") == [
        "Kortstondige contacten in functie van te behandelen vragen, problemen.",
        "Contacten op operationeel niveau",
    ]
    complexiteit = family.criterion("complexiteit_van_het_advies_of_de_begeleiding")
    assert [d.clauses[0].text.nl.count("\n") for d in complexiteit.descriptors[:2]] == [1, 1]
    last = family.criterion("organisatie_en_samenwerkingsvorm").at("17/18")
    assert last is not None
    assert last.clauses[1].text.nl.count("\n") == 1


def test_inferred_spans(family: ja.Family) -> None:
    """Exactly the descriptors of the two criteria with 3 cells are inferred, each with its reason."""
    inferred = {c.code: [d.inferred is not None for d in c.descriptors] for c in family.criteria}
    assert inferred == {
        "complexiteit_van_het_advies_of_de_begeleiding": [False] * 4,
        "aard_van_de_relatie_met_de_klant": [False] * 4,
        "optimalisatie_van_de_werking_beleidsadvies": [False] * 4,
        "interpersoonlijke_relaties": [True] * 3,
        "organisatie_en_samenwerkingsvorm": [True] * 3,
    }
    for c in family.criteria:
        for d in c.descriptors:
            if d.inferred:
                assert "organisatieondersteuning" in d.inferred  # the sibling family, by code


def test_requirements(family: ja.Family) -> None:
    """Two requirements with one descriptor per class; the instruction is Vakkennis' note."""
    vak, opl = family.requirements
    assert (vak.code, vak.name.nl, vak.group.nl) == (
        "vakkennis_leiding_geven",
        "Vakkennis/ leiding geven",
        "Vaktechnische competenties",
    )
    assert vak.note is not None
    assert vak.note.nl == "Nog functie- en entiteitspecifiek maken"
    assert (opl.code, opl.name.nl, opl.group.nl, opl.note) == (
        "opleidingsniveau_en_ervaring",
        "Opleidingsniveau en ervaring",
        "Opleidingsniveau en ervaring",
        None,
    )
    for req in (vak, opl):
        assert [d.levels for d in req.descriptors] == [(c,) for c in CODES]
        assert all(len(d.clauses) == 1 and d.inferred is None for d in req.descriptors)
        assert req.name.en
        assert req.group.en
    assert [d.clauses[0].text.nl.count("\n") for d in vak.descriptors] == [4, 2, 2, 3]


def test_competency_dictionary(family: ja.Family) -> None:
    """Six competencies without clusters, with a definition and 2, 2, 2, 2, 3, 2 behavioural levels."""
    d = family.competencies
    assert d.clusters == ()
    assert [(c.code, [b.number for b in c.levels]) for c in d.competencies] == [
        ("verantwoordelijkheid_nemen", [1, 2]),
        ("communiceren", [1, 2]),
        ("inleving", [1, 2]),
        ("netwerken", [1, 2]),
        ("analyseren", [1, 2, 3]),
        ("klantgerichtheid", [1, 2]),
    ]
    assert all(c.definition and c.name.en and c.cluster is None for c in d.competencies)


def test_profile_entries(family: ja.Family) -> None:
    """One profile ('competenties'), 13 entries, all inferred, none core."""
    assert len(family.profiles) == 1
    profile = family.profile_for("competenties")
    assert profile is not None
    assert profile.name.nl == "Competenties"
    assert profile.name.en
    assert len(profile.entries) == 13
    assert all(e.inferred and not e.core for e in profile.entries)


@pytest.mark.parametrize(
    ("level", "required"),
    [
        ("12", [1, 1, 1, 1, 1, 1]),
        ("13/14", [1, 1, 1, 1, 1, 1]),
        ("15/16", [2, 2, 2, 2, 2, 2]),
        ("17/18", [2, 2, 2, 2, 3, 2]),
    ],
)
def test_required_behavioural_level_per_class(
    family: ja.Family, level: str, required: list[int]
) -> None:
    """At each class every competency is required at exactly one pinned behavioural level."""
    profile = family.profile_for()
    assert profile is not None
    entries = profile.at(level)
    assert [e.competency for e in entries] == [c.code for c in family.competencies.competencies]
    assert [e.behavioural_level for e in entries] == required


def test_english_labels(family: ja.Family) -> None:
    """Family, government and scale names carry an English label."""
    assert family.name.en == "Client advisory functions"
    assert family.government.en == "Flemish government"
    assert family.scale.name.en
