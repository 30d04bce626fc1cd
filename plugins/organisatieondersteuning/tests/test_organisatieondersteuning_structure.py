"""Structure of the Organisatieondersteunende functies family: counts, spans, flags.

These numbers are pinned on purpose: a change to the data that moves a span, a
flag or a count must be a deliberate one, made together with the README.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import jobarchitecture
from jobarchitecture import Family, Join, validate

CODE = "organisatieondersteuning"
LEVELS = ("14", "15/16", "17/18", "19")


@pytest.fixture(scope="module")
def family() -> Family:
    """The family as installed through its entry point."""
    return jobarchitecture.get_family(CODE)


def test_found_through_its_entry_point(family: Family) -> None:
    """The family is registered under its code by the distribution jobarchitecture-organisatieondersteuning."""
    assert CODE in jobarchitecture.family_codes()
    assert family.code == CODE
    assert family.name.nl == "Organisatieondersteunende functies"
    assert family.government.nl == "Vlaamse overheid"
    info = jobarchitecture.default_registry().info(CODE)
    assert info.origin == "entry point"
    assert info.distribution == "jobarchitecture-organisatieondersteuning"


def test_validates_cleanly(family: Family) -> None:
    """validate() finds no problem in the family."""
    assert validate(family) == []


def test_metadata(family: Family) -> None:
    """One source (the seed), an English translation note, no rule, version 1, format 1."""
    (source,) = family.sources
    assert source.reference == "002_ac4ef6864be097f1.txt"
    assert "no title" in (source.note or "")
    assert [(t.lang, t.note) for t in family.translations] == [
        ("en", "Own translation by the jobarchitecture project; not official.")
    ]
    assert family.rule is None
    assert (family.version, family.format_version) == ("1", 1)
    assert family.notes == ()


def test_scale(family: Family) -> None:
    """Four functieklasse bands, named and aliased Waarde 1..4 and FK …, with their classes."""
    scale = family.scale
    assert scale.name.nl == "Functieklasse"
    assert scale.codes == LEVELS
    assert [lvl.classes for lvl in scale] == [(14,), (15, 16), (17, 18), (19,)]
    assert [lvl.name.nl for lvl in scale] == [f"Functieklasse {c}" for c in LEVELS]
    for n, code in enumerate(LEVELS, start=1):
        assert scale.level(f"Waarde {n}").code == code
        assert scale.level(f"fk {code}").code == code
        assert scale.level(f"FK{code}").code == code
    assert scale.level("waarde 4") > scale.level("Waarde 3")


def test_purpose(family: Family) -> None:
    """The purpose uses "met als doel" and keeps its three further paragraphs as notes."""
    purpose = family.purpose
    assert purpose.connector == "met als doel"
    assert purpose.activity.nl.startswith("Interne klanten bijstaan")
    assert purpose.outcome.nl.startswith("ertoe bij te dragen dat")
    assert [n.nl.split()[0] for n in purpose.notes] == ["De", "“Intern”", "Vakgebieden"]


def test_result_areas(family: Family) -> None:
    """Eight numbered areas with "met als doel", their task counts, and a context on area 8 only."""
    areas = family.result_areas
    assert [ra.number for ra in areas] == list(range(1, 9))
    assert [len(ra.tasks) for ra in areas] == [6, 7, 6, 8, 9, 4, 5, 6]
    assert {ra.connector for ra in areas} == {"met als doel"}
    assert not any(ra.optional for ra in areas)
    assert [ra.code for ra in areas if ra.context] == ["projectdeelname"]
    assert areas[7].context is not None
    assert areas[7].context.nl == "m.b.t. het eigen functionele domein."
    assert not any(t.nl in ("", "…") for ra in areas for t in ra.tasks)
    assert all(ra.title.en for ra in areas)


# criterion code -> [(levels, number of clauses, join, RG flags per clause, inferred?)]
CRITERIA = {
    "complexiteit_van_de_problematiek": [
        (("14",), 2, Join.ALL, (False, False), False),
        (("15/16",), 2, Join.ALL, (False, False), False),
        (("17/18",), 2, Join.ALL, (False, False), False),
        (("19",), 3, Join.ALL, (False, False, False), False),
    ],
    "mate_van_opgevolgd_worden": [((c,), 1, Join.ALL, (False,), False) for c in LEVELS],
    "rol_in_projecten": [
        (("14",), 1, Join.ALL, (False,), False),
        (("15/16",), 1, Join.ALL, (False,), False),
        (("17/18",), 1, Join.ALL, (False,), False),
        (("19",), 2, Join.ALL, (False, False), False),
    ],
    "impact_op_budgetten": [
        (("14",), 1, Join.ALL, (False,), True),
        (("15/16",), 1, Join.ALL, (False,), True),
        (("17/18", "19"), 1, Join.ALL, (True,), True),
    ],
    "beleidsvoorbereiding": [
        (("14",), 1, Join.ALL, (False,), True),
        (("15/16",), 1, Join.ALL, (True,), True),
        (("17/18", "19"), 1, Join.ALL, (True,), True),
    ],
    "optimalisatie_van_de_werking_dienstverlening": [
        (("14",), 1, Join.ALL, (False,), False),
        (("15/16",), 1, Join.ALL, (False,), False),
        (("17/18",), 1, Join.ALL, (False,), False),
        (("19",), 1, Join.ALL, (True,), False),
    ],
    "interpersoonlijke_relaties": [
        (("14", "15/16"), 1, Join.ALL, (False,), True),
        (("17/18", "19"), 1, Join.ALL, (True,), True),
    ],
    "organisatie_en_samenwerkingsvorm": [
        (("14",), 1, Join.ALL, (False,), True),
        (("15/16",), 3, Join.ANY, (False, False, False), True),
        (("17/18", "19"), 2, Join.ANY, (True, True), True),
    ],
}


def test_criteria_codes_and_names(family: Family) -> None:
    """Seven criteria in source order, each with an English name; only interpersoonlijke relaties has a note."""
    assert [c.code for c in family.criteria] == list(CRITERIA)
    assert all(c.name.en for c in family.criteria)
    assert all(c.weight == 1.0 for c in family.criteria)
    notes = {c.code: c.note.nl for c in family.criteria if c.note}
    assert notes == {"interpersoonlijke_relaties": "( ≠ hiërarchische aansturing)"}
    # The hyphen printed in "dienstverle-ning" is a layout break, not part of the name.
    crit = family.criterion("Optimalisatie van de werking/dienstverlening")
    assert crit.code == "optimalisatie_van_de_werking_dienstverlening"


@pytest.mark.parametrize("code", list(CRITERIA))
def test_criterion_descriptors(family: Family, code: str) -> None:
    """Each criterion's descriptors have the pinned spans, clause counts, EN/OF, (RG) flags and inferred marks."""
    crit = family.criterion(code)
    got = [
        (
            d.levels,
            len(d.clauses),
            d.join,
            tuple(c.result_area for c in d.clauses),
            d.inferred is not None,
        )
        for d in crit.descriptors
    ]
    assert got == CRITERIA[code]


def test_no_clause_keeps_its_markers(family: Family) -> None:
    """No clause text still contains "(RG)", a standalone EN/OF line or untrimmed whitespace."""
    for crit in family.criteria:
        for d in crit.descriptors:
            for clause in d.clauses:
                text = clause.text.nl
                assert "(RG)" not in text
                assert not {"EN", "OF"} & set(text.split("\n"))
                assert text == text.strip()
                assert "  " not in text


def test_requirements(family: Family) -> None:
    """Vakkennis (with its note) and opleidingsniveau & ervaring: one descriptor per class, as printed."""
    vak, opl = family.requirements
    assert (vak.code, vak.name.nl, vak.group.nl) == (
        "vakkennis",
        "Vakkennis",
        "Vaktechnische competenties",
    )
    assert vak.note is not None
    assert vak.note.nl == "Nog functie- en entiteitspecifiek maken"
    assert (opl.code, opl.name.nl, opl.group.nl) == (
        "opleidingsniveau_en_ervaring",
        "Opleidingsniveau & ervaring",
        "Opleidingsniveau & ervaring",
    )
    assert opl.note is None
    for req in (vak, opl):
        assert [d.levels for d in req.descriptors] == [(c,) for c in LEVELS]
        assert all(len(d.clauses) == 1 and d.inferred is None for d in req.descriptors)
        assert req.name.en
        assert req.group.en
    assert [d.clauses[0].text.nl.count("\n") for d in vak.descriptors] == [2, 2, 3, 3]


def test_competency_dictionary(family: Family) -> None:
    """Eight competencies with a definition and the printed behavioural level numbers only."""
    comps = family.competencies.competencies
    assert family.competencies.clusters == ()
    assert {c.code: tuple(b.number for b in c.levels) for c in comps} == {
        "verantwoordelijkheid_nemen": (1, 2),
        "samenwerken": (2,),
        "analyseren": (1, 2, 3),
        "oordeelsvorming": (2, 3),
        "visie": (1, 2),
        "initiatief": (2,),
        "innoveren": (2,),
        "klantgerichtheid": (1, 2, 3),
    }
    assert all(c.definition and c.name.en for c in comps)


# class -> {competency: required behavioural level}
REQUIRED = {
    "14": {
        "verantwoordelijkheid_nemen": 1,
        "samenwerken": 2,
        "analyseren": 1,
        "initiatief": 2,
        "klantgerichtheid": 1,
    },
    "15/16": {
        "verantwoordelijkheid_nemen": 2,
        "samenwerken": 2,
        "analyseren": 2,
        "oordeelsvorming": 2,
        "initiatief": 2,
        "klantgerichtheid": 2,
    },
    "17/18": {
        "verantwoordelijkheid_nemen": 2,
        "samenwerken": 2,
        "analyseren": 3,
        "oordeelsvorming": 3,
        "visie": 1,
        "innoveren": 2,
        "klantgerichtheid": 2,
    },
    "19": {
        "verantwoordelijkheid_nemen": 2,
        "samenwerken": 2,
        "oordeelsvorming": 3,
        "visie": 2,
        "innoveren": 2,
        "klantgerichtheid": 3,
    },
}


def test_one_profile(family: Family) -> None:
    """One profile, named after its table, with 15 entries; the default role lookup finds it."""
    (profile,) = family.profiles
    assert (profile.role, profile.name.nl, profile.name.en) == (
        "competenties",
        "Competenties",
        "Competencies",
    )
    assert len(profile.entries) == 15
    assert family.profile_for() is profile
    assert family.profile_for("Competenties") is profile
    assert not any(e.core for e in profile.entries)


@pytest.mark.parametrize("level", LEVELS)
def test_required_behavioural_levels_per_class(family: Family, level: str) -> None:
    """At each functieklasse the profile requires the pinned competencies at the pinned behavioural levels."""
    profile = family.profile_for()
    assert profile is not None
    got = {e.competency: e.behavioural_level for e in profile.at(level)}
    assert got == REQUIRED[level]


def test_inferred_profile_spans(family: Family) -> None:
    """Every profile entry is inferred except Analyseren's, whose row has a cell for each class."""
    profile = family.profile_for()
    assert profile is not None
    stated = {e.competency for e in profile.entries if e.inferred is None}
    assert stated == {"analyseren"}
    assert all(e.inferred and e.inferred.strip() for e in profile.entries if e.inferred)


def test_english_labels(family: Family) -> None:
    """Family, government, scale and level names carry an English translation."""
    assert family.name.en == "Organisational support functions"
    assert family.government.en == "Flemish government"
    assert family.scale.name.en
    assert all(lvl.name.en for lvl in family.scale)


README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_counts_match_the_data(family: Family) -> None:
    """The README's contents row states the family's real numbers of areas, criteria and competencies."""
    row = next(
        line for line in README.read_text(encoding="utf-8").splitlines() if "| contents |" in line
    )
    assert f"{len(family.result_areas)} result areas" in row
    assert f"{len(family.criteria)} indelingscriteria" in row
    assert f"{len(family.requirements)} requirements" in row
    assert f"{len(family.competencies.competencies)} competencies" in row


def test_readme_table_of_required_levels_matches_the_data(family: Family) -> None:
    """The README's table of required behavioural levels per class is the profile's own."""
    text = README.read_text(encoding="utf-8").split("Required behavioural levels per class", 1)[1]
    names = {c.name.nl: c.code for c in family.competencies.competencies}
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    table: dict[str, dict[str, int]] = {level: {} for level in LEVELS}
    for line in rows[1:]:
        name, *cells = [cell.strip() for cell in line.strip("|").split("|")]
        code = names[name.replace(" (stated)", "")]
        for level, cell in zip(LEVELS, cells, strict=True):
            if cell != "—":
                table[level][code] = int(cell)
    assert table == REQUIRED
    profile = family.profile_for()
    assert profile is not None
    assert {
        lvl: {e.competency: e.behavioural_level for e in profile.at(lvl)} for lvl in LEVELS
    } == table


def test_reconsidered_spans_agree_with_the_sibling_family(family: Family) -> None:
    """Klantgerichtheid and Verantwoordelijkheid nemen require the same level as in adviseurs at every shared class."""
    sibling = jobarchitecture.get_family("adviseurs")
    mine, theirs = family.profile_for(), sibling.profile_for()
    assert mine is not None
    assert theirs is not None
    for code in ("klantgerichtheid", "verantwoordelijkheid_nemen"):
        for level in ("15/16", "17/18"):
            here = {e.competency: e.behavioural_level for e in mine.at(level)}
            there = {e.competency: e.behavioural_level for e in theirs.at(level)}
            assert here[code] == there[code], (code, level)


def test_improved_english_label(family: Family) -> None:
    """ "Mate van opgevolgd worden" reads "Degree of supervision" in English."""
    assert family.criterion("mate_van_opgevolgd_worden").name.en == "Degree of supervision"
