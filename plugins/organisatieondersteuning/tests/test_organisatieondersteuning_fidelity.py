"""Fidelity of the family data to its source, seed 002 (Word tables as text).

The seed is parsed here independently of the data: a line starting with a tab
opens a table cell, the lines after it (without a tab) are that cell's further
paragraphs, a lone tab is an empty cell. Every text of the seed is then looked
up in the family at its place. Texts are compared after the README's whitespace
normalisation (runs of spaces and no-break spaces collapsed, ends trimmed) and
with "(RG)" taken off into the clause's flag.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest

import jobarchitecture
from jobarchitecture import Family

SEED = "002_ac4ef6864be097f1.txt"
CODE = "organisatieondersteuning"

Cell = list[str]


def _norm(text: str) -> str:
    """Collapse runs of whitespace (including no-break spaces) and trim."""
    return re.sub(r"\s+", " ", text).strip()


def _cells(lines: Sequence[str]) -> list[Cell]:
    """Split seed lines into cells, each a list of normalised paragraphs."""
    cells: list[Cell] = []
    for line in lines:
        if line.lstrip(" ").startswith("\t"):
            cells.append([_norm(line.split("\t", 1)[1])])
        elif cells:
            cells[-1].append(_norm(line))
    return cells


def _content(cell: Cell) -> list[str]:
    """The cell's non-empty paragraphs."""
    return [p for p in cell if p]


def _blocks(cell: Cell) -> list[str]:
    """Blank-line-separated blocks of a cell, each block's lines joined by a space."""
    blocks: list[list[str]] = [[]]
    for p in cell:
        if p:
            blocks[-1].append(p)
        elif blocks[-1]:
            blocks.append([])
    return [" ".join(b) for b in blocks if b]


def _clauses(cell: Cell) -> tuple[list[tuple[str, bool]], str | None]:
    """Clauses of a descriptor cell split at standalone EN / OF, with their (RG) flag."""
    groups: list[list[str]] = [[]]
    joins: set[str] = set()
    for p in cell:
        if p in ("EN", "OF"):
            joins.add("and" if p == "EN" else "or")
            groups.append([])
        elif p:
            groups[-1].append(p)
    assert len(joins) <= 1, f"mixed EN/OF in one cell: {cell}"
    clauses = []
    for group in groups:
        text = "\n".join(group)
        rg = text.endswith("(RG)")
        clauses.append((_norm(text.removesuffix("(RG)")) if rg else text, rg))
    return clauses, (joins.pop() if joins else None)


@pytest.fixture(scope="module")
def seed_cells(seeds_dir: Path) -> list[Cell]:
    """All cells of the seed, in document order."""
    return _cells((seeds_dir / SEED).read_text(encoding="utf-8").split("\n"))


@pytest.fixture(scope="module")
def family() -> Family:
    """The family as installed through its entry point."""
    return jobarchitecture.get_family(CODE)


def _section(cells: list[Cell], start: str, end: str | None) -> list[Cell]:
    """The cells after the header cell *start* up to the header cell *end*."""
    heads = [c[0] for c in cells]
    i = heads.index(start)
    j = heads.index(end, i + 1) if end else len(cells)
    return cells[i + 1 : j]


def _partition(
    cells: Sequence[Cell], spans: Sequence[tuple[str, ...]], codes: Sequence[str]
) -> list[tuple[str, ...]]:
    """Walk a row's cells left to right over the levels; return each cell's levels.

    A non-empty cell takes the span the data gives it, which must be the levels
    right after the previous cell's; an empty cell (a lone tab) takes the levels
    up to the next non-empty cell, at least one. The row must end at the top level.
    """
    filled = [k for k, cell in enumerate(cells) if _content(cell)]
    assert len(filled) == len(spans), f"{len(filled)} cells with text, {len(spans)} spans"
    span_of = dict(zip(filled, spans, strict=True))
    taken: list[tuple[str, ...]] = []
    pos = 0
    for k in range(len(cells)):
        if k in span_of:
            span = tuple(span_of[k])
            assert span == tuple(codes[pos : pos + len(span)]), (
                f"cell {k}: {span} after {codes[:pos]}"
            )
        else:
            later = [j for j in filled if j > k]
            if not later:
                stop = len(codes) - (len(cells) - 1 - k)
            elif later[0] == k + 1:
                stop = codes.index(span_of[later[0]][0])
            else:
                stop = pos + 1
            span = tuple(codes[pos:stop])
            assert span, f"empty cell {k} covers no level"
        taken.append(span)
        pos += len(span)
    assert pos == len(codes), f"the row covers {list(codes[:pos])}, not every level"
    return taken


# ------------------------------------------------------------------ purpose


def test_purpose_matches_the_seed(seed_cells: list[Cell], family: Family) -> None:
    """The purpose's activity, connector, outcome and three notes are the seed's purpose cells."""
    cells = [
        c
        for c in _section(seed_cells, "Doel van de functiefamilie", "Resultaatgebieden")
        if _content(c)
    ]
    activity, connector, outcome, notes = cells
    assert family.purpose.activity.nl == " ".join(_content(activity))
    assert family.purpose.connector == " ".join(_content(connector))
    assert family.purpose.outcome.nl == " ".join(_content(outcome))
    assert [n.nl for n in family.purpose.notes] == _blocks(notes)


# ------------------------------------------------------------------ result areas


def _seed_areas(seed_cells: list[Cell]) -> list[dict[str, object]]:
    cells = _section(seed_cells, "Resultaatgebieden", "Indelingscriteria")
    header = ["Wat", "", "Resultaat", "Voorbeelden van activiteiten"]
    assert [c[0] for c in cells[:4]] == header
    areas: list[dict[str, object]] = []
    for cell in cells[4:]:
        paras = _content(cell)
        title = re.fullmatch(r"(\d+)\.\s+(.+)", paras[0]) if paras else None
        if title:
            areas.append({"number": int(title[1]), "title": title[2], "parts": [], "tasks": []})
        elif paras and paras[0] == "Context:":
            areas[-1]["context"] = " ".join(paras[1:])
        elif paras and paras[0].startswith("·"):
            tasks = [p.lstrip("·").strip() for p in paras]
            areas[-1]["tasks"] += [t for t in tasks if t and t != "…"]  # type: ignore[operator]
        elif paras:
            areas[-1]["parts"].append(" ".join(paras))  # type: ignore[attr-defined]
    return areas


def test_result_areas_match_the_seed(seed_cells: list[Cell], family: Family) -> None:
    """Each numbered area of the seed is a result area with its number, title, halves, tasks and context."""
    areas = _seed_areas(seed_cells)
    assert len(family.result_areas) == len(areas)
    for area, ra in zip(areas, family.result_areas, strict=True):
        activity, connector, outcome = area["parts"]  # type: ignore[misc]
        assert (ra.number, ra.title.nl) == (area["number"], area["title"])
        assert (ra.activity.nl, ra.connector, ra.outcome.nl) == (activity, connector, outcome)
        assert [t.nl for t in ra.tasks] == area["tasks"], ra.code
        assert (ra.context.nl if ra.context else None) == area.get("context")
        assert not ra.optional


# ------------------------------------------------------------------ criteria


def test_criteria_match_the_seed(seed_cells: list[Cell], family: Family) -> None:
    """Every descriptor cell is a descriptor of its criterion, in column order, with its clauses, EN/OF and (RG)."""
    cells = _section(seed_cells, "Indelingscriteria", "Vaktechnische competenties")
    head = [c[0] for c in cells[:4]]
    assert [family.scale.level(h).code for h in head] == list(family.scale.codes)
    rows = cells[4:]
    # Row labels are located by the criterion names (the hyphen the seed puts in
    # "dienstverle-ning" to break the word in its narrow column is not part of it);
    # every other cell must then be a descriptor of the label before it.
    labels = {re.sub(r"(?<=[a-z])-(?=[a-z])", "", c[0]): k for k, c in enumerate(rows)}
    starts = [labels[c.name.nl] for c in family.criteria]
    assert starts == sorted(starts)
    assert starts[0] == 0
    for crit, start, end in zip(family.criteria, starts, [*starts[1:], len(rows)], strict=True):
        label = _content(rows[start])
        assert (crit.note.nl if crit.note else None) == (label[1] if len(label) > 1 else None)
        row = rows[start + 1 : end]
        filled = [c for c in row if _content(c)]
        assert len(filled) == len(crit.descriptors), crit.code
        for cell, d in zip(filled, crit.descriptors, strict=True):
            clauses, join = _clauses(cell)
            assert [(c.text.nl, c.result_area) for c in d.clauses] == clauses, crit.code
            assert d.join.value == (join or "and")
        _partition(row, [d.levels for d in crit.descriptors], family.scale.codes)
        lost = len(row) < len(family.scale)
        assert all(bool(d.inferred) == lost for d in crit.descriptors), crit.code


# ------------------------------------------------------------------ requirements


def test_requirements_match_the_seed(seed_cells: list[Cell], family: Family) -> None:
    """Vakkennis and opleidingsniveau carry the seed's cells per class, their group and the note."""
    cells = _section(seed_cells, "Vaktechnische competenties", "Competenties")
    head = [c[0] for c in cells[:4]]
    assert [family.scale.level(h).code for h in head] == list(family.scale.codes)
    group = "Vaktechnische competenties"
    found: list[dict[str, object]] = []
    for cell in cells[4:]:
        paras = _content(cell)
        if not paras:
            continue
        if paras[0].startswith("Functies waarvoor"):
            found[-1]["cells"].append(cell)  # type: ignore[attr-defined]
        elif not cell[0]:
            found[-1]["note"] = " ".join(paras)
        else:
            # A label after the first table starts a table of its own, titled by it.
            found.append({"name": paras[0], "group": group if not found else paras[0], "cells": []})
    assert len(family.requirements) == len(found)
    for req, seen in zip(family.requirements, found, strict=True):
        assert (req.name.nl, req.group.nl) == (seen["name"], seen["group"])
        assert (req.note.nl if req.note else None) == seen.get("note")
        cells_ = seen["cells"]
        assert len(req.descriptors) == len(cells_)  # type: ignore[arg-type]
        for cell, d in zip(cells_, req.descriptors, strict=True):  # type: ignore[call-overload]
            assert [(c.text.nl, c.result_area) for c in d.clauses] == _clauses(cell)[0]
        spans = _partition(cells_, [d.levels for d in req.descriptors], family.scale.codes)  # type: ignore[arg-type]
        assert spans == [(code,) for code in family.scale.codes]


# ------------------------------------------------------------------ competencies


def _competency_rows(seed_cells: list[Cell]) -> list[tuple[Cell, list[Cell]]]:
    heads = [k for k, c in enumerate(seed_cells) if c[0] == "Competenties"]
    assert len(heads) == 2
    rows: list[tuple[Cell, list[Cell]]] = []
    for h in heads:
        titles = [c[0] for c in seed_cells[h + 1 : h + 5]]
        assert all(t.startswith("Functieklasse ") for t in titles)
        for cell in seed_cells[h + 5 :]:
            if cell[0] == "Competenties":
                break
            paras = _content(cell)
            if paras and not re.match(r"\d+\s*=", paras[0]):
                rows.append((cell, []))
            else:
                rows[-1][1].append(cell)
    return rows


def _levels(cell: Cell) -> tuple[int, str] | None:
    paras = _content(cell)
    if not paras:
        return None
    m = re.fullmatch(r"(\d+)\s*=\s*(.+)", " ".join(paras))
    assert m, cell
    return int(m[1]), m[2]


def test_competencies_match_the_seed(seed_cells: list[Cell], family: Family) -> None:
    """Each competency's name, definition and printed behavioural levels are in the dictionary, in order."""
    rows = _competency_rows(seed_cells)
    assert [c.code for c in family.competencies.competencies] == [
        re.sub(r"[^a-z0-9]+", "_", _content(label)[0].lower()) for label, _ in rows
    ]
    for (label, cells), comp in zip(rows, family.competencies.competencies, strict=True):
        name, definition = _content(label)
        assert (comp.name.nl, comp.definition.nl if comp.definition else None) == (name, definition)
        printed = [lv for lv in map(_levels, cells) if lv]
        assert [(b.number, b.text.nl) for b in comp.levels] == printed


def test_profile_matches_the_seed(seed_cells: list[Cell], family: Family) -> None:
    """Each printed behavioural level is one profile entry, in column order; lone tabs are gaps."""
    (profile,) = family.profiles
    rows = _competency_rows(seed_cells)
    for label, cells in rows:
        code = re.sub(r"[^a-z0-9]+", "_", _content(label)[0].lower())
        entries = [e for e in profile.entries if e.competency == code]
        numbers = [lv[0] for lv in map(_levels, cells) if lv]
        assert [e.behavioural_level for e in entries] == numbers, code
        _partition(cells, [e.levels for e in entries], family.scale.codes)
        lost = len(cells) < len(family.scale)
        assert all(bool(e.inferred) == lost for e in entries), code
        assert not any(e.core for e in entries)
    assert {e.competency for e in profile.entries} == {
        re.sub(r"[^a-z0-9]+", "_", _content(label)[0].lower()) for label, _ in rows
    }
