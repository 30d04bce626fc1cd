"""Fidelity of the Managementondersteuning family to its source document.

The seed (004, the text of the published PDF) is parsed here on its own terms:
line wraps, bullets, the purpose paragraph printed between the result areas and
the criteria table with four cells per criterion. Every sentence found there
must appear in the family at its own place. Nothing is copied from family.toml.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import jobarchitecture as ja

SEED = "004_b3e58612e6259128.txt"
CODE = "managementondersteuning"

# A result-area title: "Als <role>", optionally "(facultatief)", no sentence punctuation.
_TITLE = re.compile(r"^Als [^\W\d_]+(?: [^\W\d_]+)*(?: \(facultatief\))?$")
_BULLET = "•"
_CONNECTOR = "teneinde"

#: A table cell: its clauses and the standalone connective ("EN" / "OF") joining them, if any.
Cell = tuple[list[str], str | None]


# ----------------------------------------------------------------- normalisation


def _clean(line: str) -> str:
    """Collapse runs of whitespace and trim."""
    return " ".join(line.split())


def _join(lines: list[str]) -> str:
    """Join PDF-wrapped lines with one space; a wrap right after a hyphen joins without one."""
    out = ""
    for raw in lines:
        line = _clean(raw)
        if not line:
            continue
        if not out:
            out = line
        elif re.search(r"[^\W\d_]-$", out):
            out += line
        else:
            out += " " + line
    return out


def _without_rg(text: str) -> tuple[str, bool]:
    """Remove the (RG) mark; return the text and whether it was there."""
    return _clean(text.replace("(RG)", " ")), "(RG)" in text


# ----------------------------------------------------------------- seed parsing


def _seed_lines(seeds_dir: Path) -> list[str]:
    return [_clean(line) for line in (seeds_dir / SEED).read_text("utf-8").splitlines()]


def _footnote(lines: list[str]) -> tuple[str, str]:
    """The footnote: (marker, text), from its '*' line up to the 'Doel' heading."""
    start = next(i for i, line in enumerate(lines) if line.startswith("* "))
    end = lines.index("Doel", start)
    text = _join(lines[start:end])
    marker, _, body = text.partition(" ")
    return marker, body


def _result_section(lines: list[str]) -> list[str]:
    start = lines.index("Resultaatgebieden") + 1
    end = lines.index("Onderscheidende criteria")
    return [line for line in lines[start:end] if line]


def _parse_result_areas(lines: list[str]) -> tuple[list[dict[str, object]], list[str]]:
    """The result areas (title, optional, sentence, tasks) and the stray paragraph lines.

    A bullet runs until a line that ends with ';' or '.'; non-bullet lines after a
    finished task list and before the next title are not part of any result area
    (in this seed: the family's purpose, printed mid-page).
    """
    areas: list[dict[str, object]] = []
    stray: list[str] = []
    state = "start"
    sentence: list[str] = []
    task: list[str] = []
    for line in _result_section(lines):
        if _TITLE.match(line) and (state in ("start", "after_tasks")):
            title = line.removesuffix(" (facultatief)")
            areas.append({"title": title, "optional": title != line, "sentence": "", "tasks": []})
            sentence = []
            state = "sentence"
        elif state == "sentence":
            if line == "Voorbeelden van taken":
                areas[-1]["sentence"] = _join(sentence)
                state = "after_tasks"
            else:
                sentence.append(line)
        elif line.startswith(_BULLET) and state in ("after_tasks", "in_task"):
            assert state == "after_tasks", f"bullet inside an unfinished task: {line!r}"
            task = [line.removeprefix(_BULLET)]
            state = "in_task"
        elif state == "in_task":
            task.append(line)
        else:
            assert state == "after_tasks", f"unexpected line {line!r}"
            stray.append(line)
        if state == "in_task" and task[-1].endswith((";", ".")):
            text = _join(task)
            tasks = areas[-1]["tasks"]
            assert isinstance(tasks, list)
            tasks.append(re.sub(r"\s*[;.]$", "", text))
            state = "after_tasks"
    assert state == "after_tasks", "the result-area section ended inside a block"
    return areas, stray


def _split(sentence: str) -> tuple[str, str]:
    """Split 'activity teneinde outcome' at its single connector."""
    parts = sentence.split(f" {_CONNECTOR} ")
    assert len(parts) == 2, f"expected one {_CONNECTOR!r} in {sentence!r}"
    return parts[0], parts[1]


def _is_name_line(line: str) -> bool:
    """A criterion-name line: short, not a sentence end, not a connective."""
    return len(line) < 25 and not line.endswith(".") and line not in ("EN", "OF")


def _parse_criteria(lines: list[str]) -> tuple[list[str], list[tuple[str, list[Cell]]]]:
    """The table's level codes and, per criterion, its name and one cell per level.

    A cell is a paragraph; a standalone EN / OF paragraph joins the next one to the
    same cell as a further clause. A cell is (clauses, connective or None).
    """
    header = next(i for i, line in enumerate(lines) if re.fullmatch(r"(A\d )+A\d", line))
    levels = lines[header].split()
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines[header + 1 :]:
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)

    criteria: list[tuple[str, list[Cell]]] = []
    while blocks:
        name: list[str] = []
        while blocks and _is_name_line(blocks[0][0]):
            name.append(blocks[0].pop(0))
            if not blocks[0]:
                blocks.pop(0)
        assert name, f"no criterion name before {blocks[0][0]!r}"
        cells: list[Cell] = []
        while len(cells) < len(levels):
            assert blocks, f"criterion {_join(name)!r} has fewer cells than levels"
            clauses = [_join(blocks.pop(0))]
            connective = None
            while blocks and blocks[0] in (["EN"], ["OF"]):
                connective = blocks.pop(0)[0]
                clauses.append(_join(blocks.pop(0)))
            cells.append((clauses, connective))
        criteria.append((_join(name), cells))
    return levels, criteria


# ----------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def family() -> ja.Family:
    return ja.get_family(CODE)


@pytest.fixture(scope="module")
def lines(seeds_dir: Path) -> list[str]:
    return _seed_lines(seeds_dir)


# ----------------------------------------------------------------- tests


def test_footnote_is_a_family_note(family: ja.Family, lines: list[str]) -> None:
    """The gender-neutrality footnote is a family note with its '*' marker, word for word."""
    marker, text = _footnote(lines)
    assert marker == "*"
    assert text.startswith("Omwille van de leesbaarheid")
    notes = [(n.marker, n.text.nl) for n in family.notes]
    assert (marker, text) in notes


def test_purpose_matches_mid_page_paragraph(family: ja.Family, lines: list[str]) -> None:
    """The purpose paragraph printed between the result areas is the family purpose, split at 'teneinde'."""
    _, stray = _parse_result_areas(lines)
    k = stray.index(_CONNECTOR)
    assert family.purpose.activity.nl == _join(stray[:k])
    assert family.purpose.connector == _CONNECTOR
    assert family.purpose.outcome.nl == _join(stray[k + 1 :])
    assert family.purpose.notes == ()


def test_result_area_titles_in_order(family: ja.Family, lines: list[str]) -> None:
    """Every result-area title of the seed is a result area, in source order, with its optional flag."""
    areas, _ = _parse_result_areas(lines)
    assert [(a["title"], a["optional"]) for a in areas] == [
        (r.title.nl, r.optional) for r in family.result_areas
    ]


def test_result_area_sentences(family: ja.Family, lines: list[str]) -> None:
    """Each result area's sentence is its activity, 'teneinde' and outcome, word for word."""
    areas, _ = _parse_result_areas(lines)
    by_title = {r.title.nl: r for r in family.result_areas}
    for area in areas:
        sentence = area["sentence"]
        assert isinstance(sentence, str)
        activity, outcome = _split(sentence)
        r = by_title[str(area["title"])]
        assert (r.activity.nl, r.connector, r.outcome.nl) == (activity, _CONNECTOR, outcome), area[
            "title"
        ]


def test_example_tasks_per_result_area(family: ja.Family, lines: list[str]) -> None:
    """Every example task bullet is a task of its own result area, in order, none added."""
    areas, _ = _parse_result_areas(lines)
    by_title = {r.title.nl: r for r in family.result_areas}
    for area in areas:
        r = by_title[str(area["title"])]
        assert [t.nl for t in r.tasks] == area["tasks"], area["title"]


def test_criteria_names_in_order(family: ja.Family, lines: list[str]) -> None:
    """The criteria are the table's rows, with their wrapped names joined, in source order."""
    _, criteria = _parse_criteria(lines)
    assert [name for name, _ in criteria] == [c.name.nl for c in family.criteria]


def test_scale_matches_table_header(family: ja.Family, lines: list[str]) -> None:
    """The scale's level codes are the criteria table's column headers, lowest first."""
    levels, _ = _parse_criteria(lines)
    assert list(family.scale.codes) == levels


def test_every_cell_is_the_descriptor_at_its_level(family: ja.Family, lines: list[str]) -> None:
    """Each table cell's clauses, (RG) marks and EN/OF connective are the descriptor at that level."""
    levels, criteria = _parse_criteria(lines)
    for name, cells in criteria:
        criterion = family.criterion(name)
        assert criterion.name.nl == name
        for level, cell in zip(levels, cells, strict=True):
            clauses, connective = cell
            expected = [_without_rg(c) for c in clauses]
            d = criterion.at(level)
            assert d is not None, (name, level)
            got = [(c.text.nl, c.result_area) for c in d.clauses]
            assert got == expected, (name, level)
            if connective is None:
                assert len(d.clauses) == 1, (name, level)
            else:
                assert d.join is (ja.Join.ANY if connective == "OF" else ja.Join.ALL)


def test_identical_adjacent_cells_share_one_descriptor(family: ja.Family, lines: list[str]) -> None:
    """A descriptor spans exactly the run of adjacent columns whose cells are word-for-word identical."""
    levels, criteria = _parse_criteria(lines)
    for name, cells in criteria:
        criterion = family.criterion(name)
        runs: list[list[str]] = []
        previous: Cell | None = None
        for level, cell in zip(levels, cells, strict=True):
            if runs and cell == previous:
                runs[-1].append(level)
            else:
                runs.append([level])
            previous = cell
        assert [list(d.levels) for d in criterion.descriptors] == runs, name
        assert all(d.inferred is None for d in criterion.descriptors), name
