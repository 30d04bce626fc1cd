"""Fidelity of the family OS – Ondersteuners to its two source documents.

Both seeds are parsed here, independently of the data file: seed 000 (Word rendering,
tab-separated tables, competency grids) and seed 001 (the published PDF text, whose
wording wins). Text is compared after whitespace normalisation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import jobarchitecture as ja

SEED_000 = "000_5a80f83e26ba1cb3.txt"
SEED_001 = "001_1f3472eb590a09f8.txt"
README = Path(__file__).resolve().parent.parent / "README.md"
LEVELS = ("D", "C", "B")

#: The wording differences between seed 000 and seed 001 listed in the README; 001 wins.
WORDING_000_TO_001 = {
    "memo's, nota's": "memo’s, nota’s",
    "bedrijven,...)": "bedrijven…)",
    "Opzoeken uitvoeren": "Opzoekingen uitvoeren",
    "mappenstructuur,...)": "mappenstructuur...)",
    "assisteren bij opzoeken": "assisteren bij opzoekingen",
    "Verschiedende": "Verschillende",
    "archiefbeheer,...": "archiefbeheer…",
}


def norm(text: str) -> str:
    """Drop bold marks, collapse whitespace runs to one space, trim."""
    return re.sub(r"\s+", " ", text.replace("**", "")).strip()


def to_001(text: str) -> str:
    """Apply the documented 000 → 001 wording differences to a text of seed 000."""
    for old, new in WORDING_000_TO_001.items():
        text = text.replace(old, new)
    return text


def flat(text: str) -> str:
    """A family text with its paragraph breaks read as spaces."""
    return norm(text.replace("\n", " "))


@dataclass
class Area:
    title: str
    sentence: str = ""
    tasks: list[str] = field(default_factory=list)


@dataclass
class Grid:
    role: str
    clusters: list[str]
    rows: list[list[str]]
    legend: list[str]


@dataclass
class Seed000:
    title: str
    purpose: list[str]
    areas: list[Area]
    levels: list[str]
    criteria: dict[str, list[str]]
    definition: str
    grids: list[Grid]


@dataclass
class Seed001:
    footnote: str
    purpose: list[str]
    areas: list[Area]
    criteria: dict[str, list[str]]
    definition: str


def _index(lines: list[str], predicate: Callable[[str], bool]) -> int:
    return next(i for i, line in enumerate(lines) if predicate(line))


def parse_000(text: str) -> Seed000:
    lines = text.splitlines()
    stripped = [line.strip() for line in lines]
    doel = stripped.index("DOEL")
    areas_at = stripped.index("RESULTAATGEBIEDEN")
    criteria_at = stripped.index("ONDERSCHEIDENDE CRITERIA")
    definition_at = _index(stripped, lambda s: s.startswith("* **Definitie**"))
    title = [s for s in stripped[:doel] if s][-1]

    purpose = [s for s in stripped[doel + 1 : areas_at] if s]

    areas: list[Area] = []
    body = [s for s in stripped[areas_at + 1 : criteria_at] if s]
    for line in body:
        if line.startswith("Als "):
            areas.append(Area(norm(line)))
        elif not areas[-1].sentence:
            areas[-1].sentence = norm(line)
        elif line != "Voorbeelden van taken":
            areas[-1].tasks.append(norm(line.removeprefix("- ")))

    table = [line for line in lines[criteria_at + 1 : definition_at] if line.strip()]
    header, rows = table[0].split("\t"), table[1:]
    criteria = {}
    for row in rows:
        cells = row.split("\t")
        criteria[norm(cells[0])] = [norm(c) for c in cells[1:]]

    grids: list[Grid] = []
    for i, line in enumerate(stripped):
        match = re.fullmatch(r"\(ROL : (.+)\)", line)
        if not match:
            continue
        block = [line for line in lines[i + 1 :] if line.strip()]
        head = block[0].split("\t")
        grid_rows = [row.split("\t") for row in block[1:9]]
        legend = [norm(s) for s in block[9:11]]
        grids.append(Grid(match.group(1), [norm(c) for c in head[0::2]], grid_rows, legend))

    return Seed000(
        title=title,
        purpose=purpose,
        areas=areas,
        levels=[norm(c) for c in header[1:]],
        criteria=criteria,
        definition=norm(stripped[definition_at]),
        grids=grids,
    )


def parse_001(text: str, names: list[str]) -> Seed001:
    """Parse seed 001; *names* are the criterion names (from seed 000) that label its rows."""
    lines = text.splitlines()
    stripped = [line.strip() for line in lines]
    doel = stripped.index("Doel")
    areas_at = stripped.index("Resultaatgebieden")
    criteria_at = stripped.index("Onderscheidende criteria")
    definition_at = stripped.index("* Definitie")

    start = _index(stripped, lambda s: s.startswith("* Omwille"))
    footnote = norm(" ".join(stripped[start:doel]))

    teneinde = [i for i, s in enumerate(stripped) if s == "teneinde"]
    assert len(teneinde) == 1, "seed 001 should have one stand-alone 'teneinde' (the purpose)"
    before = [s for s in stripped[: teneinde[0]] if s]
    after = [s for s in stripped[teneinde[0] + 1 :] if s]
    purpose = [before[-1], "teneinde", after[0]]

    areas: list[Area] = []
    sentence: list[str] = []
    in_tasks = False
    task_open = False
    for line in (s for s in stripped[areas_at + 1 : criteria_at] if s):
        if line.startswith("Als "):
            areas.append(Area(norm(line)))
            sentence, in_tasks, task_open = [], False, False
        elif not areas:
            continue
        elif line == "Voorbeelden van taken":
            areas[-1].sentence = norm(" ".join(sentence))
            in_tasks = True
        elif not in_tasks:
            sentence.append(line)
        elif line.startswith("• "):
            areas[-1].tasks.append(line.removeprefix("• "))
            task_open = not line.endswith((";", "."))
        elif task_open:
            areas[-1].tasks[-1] += " " + line
            task_open = not line.endswith((";", "."))
        # else: text after a finished list (the purpose box) belongs to no area
    for area in areas:
        area.tasks = [norm(t)[:-1] if norm(t).endswith((";", ".")) else norm(t) for t in area.tasks]

    # Criteria: blank-line separated paragraphs; line wraps joined with a space.
    blocks: list[list[str]] = [[]]
    for line in lines[criteria_at + 1 : definition_at]:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    criteria: dict[str, list[str]] = {}
    current = None
    for block in (b for b in blocks if b):
        if norm(" ".join(block)) in names:  # a label on its own (wrapped) lines
            current = norm(" ".join(block))
            criteria[current] = []
        elif norm(block[0]) in names:  # a label followed by the first cell
            current = norm(block[0])
            criteria[current] = [norm(" ".join(block[1:]))]
        elif current is not None:
            criteria[current].append(norm(" ".join(block)))
        else:
            assert norm(" ".join(block)) == "D C B"

    definition = norm(" ".join(stripped[definition_at:]))
    return Seed001(footnote, purpose, areas, criteria, definition)


@pytest.fixture(scope="module")
def seed000(seeds_dir: Path) -> Seed000:
    return parse_000((seeds_dir / SEED_000).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed001(seeds_dir: Path, seed000: Seed000) -> Seed001:
    text = (seeds_dir / SEED_001).read_text(encoding="utf-8")
    return parse_001(text, list(seed000.criteria))


@pytest.fixture(scope="module")
def family() -> ja.Family:
    return ja.get_family("ondersteuners")


# ---------------------------------------------------------------- parsers


def test_parsers_find_every_part(seed000: Seed000, seed001: Seed001) -> None:
    """The seed parsers find four areas, seven criteria, two grids and both notes."""
    assert len(seed000.areas) == len(seed001.areas) == 4
    assert len(seed000.criteria) == len(seed001.criteria) == 7
    assert seed000.levels == list(LEVELS)
    assert len(seed000.grids) == 2
    assert seed001.footnote.startswith("* Omwille van de leesbaarheid")
    assert seed000.definition.startswith("* Definitie specialisatie: ")
    assert seed001.definition.startswith("* Definitie specialisatie: ")


# ---------------------------------------------------------------- name, purpose, areas


def test_family_name_is_the_document_title(seed000: Seed000, family: ja.Family) -> None:
    """The family's Dutch name is seed 000's title line."""
    assert family.name.nl == seed000.title


def test_purpose_matches_both_seeds(seed000: Seed000, seed001: Seed001, family: ja.Family) -> None:
    """The purpose's activity, connector and outcome are the seeds' three purpose lines."""
    purpose = [family.purpose.activity.nl, family.purpose.connector, family.purpose.outcome.nl]
    assert purpose == [norm(s) for s in seed001.purpose] == [norm(s) for s in seed000.purpose]
    assert family.purpose.notes == ()


def test_result_area_titles_and_sentences(
    seed000: Seed000, seed001: Seed001, family: ja.Family
) -> None:
    """Each result area has the seeds' title and its sentence split at 'teneinde'."""
    assert [a.title.nl for a in family.result_areas] == [a.title for a in seed001.areas]
    assert [a.title for a in seed000.areas] == [a.title for a in seed001.areas]
    for area, source, other in zip(family.result_areas, seed001.areas, seed000.areas, strict=True):
        assert area.connector == "teneinde"
        assert f"{area.activity.nl} teneinde {area.outcome.nl}" == source.sentence
        assert other.sentence == source.sentence


def test_tasks_are_seed_001_bullets(seed001: Seed001, family: ja.Family) -> None:
    """Every example task is one bullet of seed 001, in order, at its result area."""
    for area, source in zip(family.result_areas, seed001.areas, strict=True):
        assert [t.nl for t in area.tasks] == source.tasks, area.code


def test_tasks_of_000_differ_only_by_documented_wording(
    seed000: Seed000, family: ja.Family
) -> None:
    """Seed 000's tasks equal the family's once the README's 000 → 001 differences are applied."""
    for area, source in zip(family.result_areas, seed000.areas, strict=True):
        assert [t.nl for t in area.tasks] == [to_001(t) for t in source.tasks], area.code


# ---------------------------------------------------------------- criteria


def test_criteria_names_in_order(seed000: Seed000, seed001: Seed001, family: ja.Family) -> None:
    """The criteria are the table rows of both seeds, in order."""
    assert [c.name.nl for c in family.criteria] == list(seed000.criteria) == list(seed001.criteria)
    assert family.scale.codes == tuple(seed000.levels)


def test_descriptors_match_000_cells(seed000: Seed000, family: ja.Family) -> None:
    """At every level the descriptor is seed 000's cell (with the documented fixes) as one clause."""
    for criterion in family.criteria:
        cells = seed000.criteria[criterion.name.nl]
        for level, cell in zip(seed000.levels, cells, strict=True):
            descriptor = criterion.at(level)
            assert descriptor is not None
            assert len(descriptor.clauses) == 1
            assert not descriptor.result_area
            assert flat(descriptor.clauses[0].text.nl) == to_001(cell), (criterion.code, level)


def test_descriptor_spans_follow_identical_cells(seed000: Seed000, family: ja.Family) -> None:
    """Adjacent levels share a descriptor exactly when seed 000 prints identical cells."""
    for criterion in family.criteria:
        cells = seed000.criteria[criterion.name.nl]
        for i in range(len(LEVELS) - 1):
            same_text = cells[i] == cells[i + 1]
            same_descriptor = criterion.at(LEVELS[i]) is criterion.at(LEVELS[i + 1])
            assert same_text == same_descriptor, (criterion.code, LEVELS[i])
        assert all(d.inferred is None for d in criterion.descriptors)


def test_descriptor_paragraphs_are_001_paragraphs(seed001: Seed001, family: ja.Family) -> None:
    """Level by level, the descriptors' paragraphs are seed 001's paragraphs of that row."""
    for criterion in family.criteria:
        paragraphs: list[str] = []
        for level in LEVELS:
            descriptor = criterion.at(level)
            assert descriptor is not None
            paragraphs += [norm(p) for p in descriptor.clauses[0].text.nl.split("\n")]
        assert paragraphs == seed001.criteria[criterion.name.nl], criterion.code


def test_family_text_is_normalised(family: ja.Family) -> None:
    """No Dutch text keeps a double space, a bold mark or surrounding whitespace."""
    for path, text in _texts(family):
        for paragraph in text.nl.split("\n"):
            assert paragraph == norm(paragraph), path


def _texts(obj: object, path: str = "$") -> list[tuple[str, ja.Text]]:
    import attrs

    found: list[tuple[str, ja.Text]] = []
    if isinstance(obj, ja.Text):
        found.append((path, obj))
    elif attrs.has(type(obj)):
        for f in attrs.fields(type(obj)):
            if f.init:
                found += _texts(getattr(obj, f.name), f"{path}.{f.name}")
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            found += _texts(item, f"{path}[{i}]")
    return found


# ---------------------------------------------------------------- notes


def test_specialisatie_definition_note(
    seed000: Seed000, seed001: Seed001, family: ja.Family
) -> None:
    """The definition note is seed 001's definition, marked '*', and Kennis B refers to it."""
    (note,) = [n for n in family.notes if n.term == "specialisatie"]
    assert note.marker == "*"
    prefix = "* Definitie specialisatie: "
    assert note.text.nl == seed001.definition.removeprefix(prefix)
    assert note.text.nl == to_001(seed000.definition).removeprefix(prefix)
    kennis_b = family.criterion("Kennis").at("B")
    assert kennis_b is not None
    assert "specialisatie*" in kennis_b.clauses[0].text.nl


def test_readability_footnote(seed001: Seed001, family: ja.Family) -> None:
    """The gender-neutrality footnote of seed 001 is a family note, word for word."""
    texts = [n.text.nl for n in family.notes]
    assert seed001.footnote.removeprefix("* ") in texts


# ---------------------------------------------------------------- competencies


def test_clusters_are_the_grid_headers(seed000: Seed000, family: ja.Family) -> None:
    """The five clusters are the grids' header cells, in order, in both grids."""
    names = [c.name.nl for c in family.competencies.clusters]
    for grid in seed000.grids:
        assert grid.clusters == names


def test_competencies_at_their_grid_place(seed000: Seed000, family: ja.Family) -> None:
    """Every name cell of both grids is a competency of its column's cluster at its row's order."""
    by_name = {c.name.nl: c for c in family.competencies.competencies}
    clusters = [c.code for c in family.competencies.clusters]
    seen = set()
    for grid in seed000.grids:
        assert len(grid.rows) == 8
        for order, row in enumerate(grid.rows, start=1):
            assert len(row) == 10, row
            for column in range(5):
                name = norm(row[2 * column + 1])
                competency = by_name[name]
                assert (competency.cluster, competency.order) == (clusters[column], order)
                seen.add(name)
    assert seen == set(by_name)


def test_profiles_match_grid_markers(seed000: Seed000, family: ja.Family) -> None:
    """Each role's entries are exactly the grid's markers: level codes, or K as core."""
    by_name = {c.name.nl: c.code for c in family.competencies.competencies}
    assert len(family.profiles) == len(seed000.grids)
    for profile, grid in zip(family.profiles, seed000.grids, strict=True):
        assert profile.name.nl.upper() == grid.role
        expected = set()
        for row in grid.rows:
            for column in range(5):
                marker, name = norm(row[2 * column]), by_name[norm(row[2 * column + 1])]
                if marker == "K":
                    expected.add((name, (), True))
                elif marker:
                    expected.add((name, tuple(marker.split()), False))
        actual = [(e.competency, e.levels, e.core) for e in profile.entries]
        assert len(actual) == len(set(actual))
        assert set(actual) == expected, profile.role


def test_profile_legend_notes(seed000: Seed000, family: ja.Family) -> None:
    """Each profile's notes are its grid's two legend lines without bold marks."""
    for profile, grid in zip(family.profiles, seed000.grids, strict=True):
        assert [n.nl for n in profile.notes] == grid.legend
        assert grid.legend[0].startswith("Legende")
        assert grid.legend[1] == "K : kerncompetentie"


# ---------------------------------------------------------------- documentation


def test_readme_lists_every_wording_difference() -> None:
    """The README's difference table shows both sides of every 000 → 001 wording change."""
    readme = README.read_text(encoding="utf-8")
    for old, new in WORDING_000_TO_001.items():
        assert old in readme, old
        assert new in readme, new
