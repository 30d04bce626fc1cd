"""Fidelity of the adviseurs family to its source document (seed 003).

The seed is a Word document exported as text: a line that starts with a tab opens
a table cell, the lines after it (without a tab) are further paragraphs of that
cell, and blank lines are empty paragraphs. These tests parse the seed on their
own and check that every sentence of it is in the family at its place.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import jobarchitecture as ja
from jobarchitecture import Join

SEED = "003_c6da380a7ec23184.txt"
BOOKMARK = "[bookmark: _GoBack]"
LEVEL_RE = re.compile(r"^(\d+)\s*=\s*(.+)$")
AREA_RE = re.compile(r"^(\d+)\.\s+(.+)$")

Cell = list[str]


def norm(text: str) -> str:
    """Collapse whitespace runs to one space and trim, as the data does."""
    return re.sub(r"\s+", " ", text).strip()


def parse_cells(text: str) -> list[Cell]:
    """Split the seed into cells; each cell is its list of normalised paragraphs."""
    cells: list[Cell] = []
    for line in text.splitlines():
        para = norm(line.replace(BOOKMARK, ""))
        if line.lstrip(" ").startswith("\t"):
            cells.append([para])
        elif cells:
            cells[-1].append(para)
    return cells


def paras(cell: Cell) -> list[str]:
    """The cell's non-empty paragraphs."""
    return [p for p in cell if p]


def section(cells: list[Cell], start: str, end: str | None) -> list[Cell]:
    """The cells after the cell whose text is *start*, up to the cell whose text is *end*."""
    firsts = [" ".join(paras(c)) for c in cells]
    i = firsts.index(start)
    j = firsts.index(end, i + 1) if end is not None else len(cells)
    return cells[i + 1 : j]


def split_clauses(cell: Cell) -> tuple[list[tuple[str, bool]], str | None]:
    """Split a cell at standalone EN / OF lines: ([(text, rg)], dutch connective or None)."""
    groups: list[list[str]] = [[]]
    connectives = set()
    for p in paras(cell):
        if p in ("EN", "OF"):
            connectives.add(p)
            groups.append([])
        else:
            groups[-1].append(p)
    assert len(connectives) <= 1, f"mixed EN/OF in one cell: {cell}"
    clauses = []
    for g in groups:
        text = "\n".join(g)
        rg = text.endswith("(RG)")
        if rg:
            text = text.removesuffix("(RG)").rstrip()
        clauses.append((text, rg))
    return clauses, (connectives.pop() if connectives else None)


@pytest.fixture(scope="module")
def seed(seeds_dir: Path) -> list[Cell]:
    """The seed's cells."""
    return parse_cells((seeds_dir / SEED).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def family() -> ja.Family:
    """The installed family."""
    return ja.get_family("adviseurs")


def test_purpose(seed: list[Cell], family: ja.Family) -> None:
    """The purpose cell splits into activity, further paragraphs (notes), connector and outcome."""
    cells = [paras(c) for c in section(seed, "Doel van de functiefamilie", "Resultaatgebieden")]
    cells = [c for c in cells if c]
    assert len(cells) == 3
    (activity, *notes), [connector], [outcome] = cells
    p = family.purpose
    assert p.activity.nl == activity
    assert [n.nl for n in p.notes] == notes
    assert p.connector == connector == "met als doel"
    assert p.outcome.nl == outcome


def _areas(seed: list[Cell]) -> list[dict[str, object]]:
    """The result areas of the seed: number, title, activity, connector, outcome, tasks, context."""
    cells = section(seed, "Resultaatgebieden", "Indelingscriteria")
    header = [" ".join(paras(c)) for c in cells[:4]]
    assert header == ["Wat", "", "Resultaat", "Voorbeelden van activiteiten"]
    areas: list[dict[str, object]] = []
    i = 4
    while i < len(cells):
        first = paras(cells[i])
        m = AREA_RE.match(first[0]) if first else None
        if m:
            activity, connector, outcome, tasks = (paras(c) for c in cells[i + 1 : i + 5])
            areas.append(
                {
                    "number": int(m.group(1)),
                    "title": m.group(2),
                    "activity": " ".join(activity),
                    "connector": " ".join(connector),
                    "outcome": " ".join(outcome),
                    "tasks": [
                        t.removeprefix("·").strip()
                        for t in tasks
                        if t.removeprefix("·").strip() not in ("", "…")
                    ],
                    "context": None,
                }
            )
            i += 5
            continue
        if first and first[0] == "Context:":
            # A row of its own right after an area: that area's context.
            areas[-1]["context"] = " ".join(first[1:])
        else:
            # Anything else in the table is an empty cell or an empty bullet.
            assert all(p in ("", "·") for p in first), first
        i += 1
    return areas


def test_result_areas(seed: list[Cell], family: ja.Family) -> None:
    """Every result area's number, title, activity, connector, outcome and context is in the family."""
    areas = _areas(seed)
    assert len(areas) == len(family.result_areas) == 6
    for src, ra in zip(areas, family.result_areas, strict=True):
        assert ra.number == src["number"]
        assert ra.title.nl == src["title"]
        assert ra.activity.nl == src["activity"]
        assert ra.connector == src["connector"]
        assert ra.outcome.nl == src["outcome"]
        assert (ra.context.nl if ra.context else None) == src["context"]
        assert ra.optional is False


def test_example_tasks(seed: list[Cell], family: ja.Family) -> None:
    """Every example bullet (except the lone '…') is a task of its own area, in order, and no other."""
    for src, ra in zip(_areas(seed), family.result_areas, strict=True):
        assert [t.nl for t in ra.tasks] == src["tasks"], ra.code


def _criteria_rows(seed: list[Cell], family: ja.Family) -> list[tuple[Cell, list[Cell]]]:
    """(label cell, descriptor cells) per criterion row, rows found by the criterion names."""
    cells = section(seed, "Indelingscriteria", "Vaktechnische competenties")
    header = [" ".join(paras(c)) for c in cells[:4]]
    assert header == ["Waarde 1", "Waarde 2", "Waarde 3", "Waarde 4"]
    names = {c.name.nl for c in family.criteria}
    rows: list[tuple[Cell, list[Cell]]] = []
    for cell in cells[4:]:
        p = paras(cell)
        if p and p[0] in names:
            rows.append((cell, []))
        else:
            assert rows, f"cell before the first criterion: {cell}"
            rows[-1][1].append(cell)
    return rows


def test_waarde_headers_name_the_levels(seed: list[Cell], family: ja.Family) -> None:
    """The criteria table's 'Waarde n' headers are aliases of the n-th level."""
    cells = section(seed, "Indelingscriteria", "Vaktechnische competenties")
    for i, cell in enumerate(cells[:4]):
        assert family.scale.level(" ".join(paras(cell))).code == family.scale.codes[i]


def test_criteria_descriptors(seed: list[Cell], family: ja.Family) -> None:
    """Every criterion, its note and each cell's clauses, (RG) marks and EN/OF are in the family, in order."""
    rows = _criteria_rows(seed, family)
    assert [paras(label)[0] for label, _ in rows] == [c.name.nl for c in family.criteria]
    codes = family.scale.codes
    for (label, cells), crit in zip(rows, family.criteria, strict=True):
        note = paras(label)[1:]
        assert ([crit.note.nl] if crit.note else []) == note
        assert all(paras(c) for c in cells), f"{crit.code}: an empty cell"
        assert len(crit.descriptors) == len(cells), crit.code
        for cell, d in zip(cells, crit.descriptors, strict=True):
            clauses, connective = split_clauses(cell)
            assert [(c.text.nl, c.result_area) for c in d.clauses] == clauses, crit.code
            if connective == "EN":
                assert d.join is Join.ALL
            elif connective == "OF":
                assert d.join is Join.ANY
        _check_positions(crit.code, [d.levels for d in crit.descriptors], codes)
        _check_inferred(crit.code, [d.inferred for d in crit.descriptors], len(cells), codes)


def _check_positions(what: str, spans: list[tuple[str, ...]], codes: tuple[str, ...]) -> None:
    """Cells in order cover the levels in order; with one cell per level, cell i is level i."""
    flat = [code for span in spans for code in span]
    assert flat == list(codes), f"{what}: spans {spans} do not run through {codes} in order"
    if len(spans) == len(codes):
        assert spans == [(c,) for c in codes], what


def _check_inferred(
    what: str, inferred: list[str | None], n_cells: int, codes: tuple[str, ...]
) -> None:
    """A row with fewer cells than levels has every span inferred; a full row has none."""
    if n_cells < len(codes):
        assert all(inferred), f"{what}: fewer cells than levels but a span is not inferred"
    else:
        assert not any(inferred), f"{what}: a full row marked inferred"


def _requirement_cells(seed: list[Cell]) -> tuple[list[str], list[Cell]]:
    """The header level codes and the non-header cells of the requirement tables."""
    cells = section(seed, "Vaktechnische competenties", "Competenties")
    header = [" ".join(paras(c)) for c in cells[:4]]
    assert all(h.startswith("Functieklasse ") for h in header), header
    return [h.removeprefix("Functieklasse ") for h in header], cells[4:]


def test_requirements(seed: list[Cell], family: ja.Family) -> None:
    """Vakkennis/leiding geven, its note and Opleidingsniveau en ervaring are in the family, cell i at class i."""
    codes, cells = _requirement_cells(seed)
    assert codes == list(family.scale.codes)
    vak_label, *vak, empty, note, opl_label = cells[:8]
    opl = cells[8:]
    assert not paras(empty)
    assert len(vak) == len(opl) == 4
    vakkennis, opleiding = family.requirements
    assert vakkennis.name.nl == " ".join(paras(vak_label))
    assert vakkennis.group.nl == "Vaktechnische competenties"
    assert vakkennis.note is not None
    assert vakkennis.note.nl == " ".join(paras(note))
    assert opleiding.name.nl == opleiding.group.nl == " ".join(paras(opl_label))
    for req, req_cells in ((vakkennis, vak), (opleiding, opl)):
        for code, cell, d in zip(codes, req_cells, req.descriptors, strict=True):
            clauses, _ = split_clauses(cell)
            assert [(c.text.nl, c.result_area) for c in d.clauses] == clauses
            assert d.levels == (code,)
            assert d.inferred is None


def _competency_rows(seed: list[Cell]) -> list[tuple[str, str, list[tuple[int, str]]]]:
    """(name, definition, [(number, behaviour)]) per competency row of the seed."""
    cells = section(seed, "Competenties", None)
    header = [" ".join(paras(c)) for c in cells[:4]]
    assert all(h.startswith("Functieklasse ") for h in header), header
    rows: list[tuple[str, str, list[tuple[int, str]]]] = []
    for cell in cells[4:]:
        p = paras(cell)
        if not p:
            continue
        m = LEVEL_RE.match(p[0])
        if m:
            assert len(p) == 1, p
            rows[-1][2].append((int(m.group(1)), m.group(2)))
        else:
            name, definition = p
            rows.append((name, definition, []))
    return rows


def test_competency_dictionary(seed: list[Cell], family: ja.Family) -> None:
    """Every competency's name, definition and numbered behavioural levels are in the dictionary, in order."""
    rows = _competency_rows(seed)
    comps = family.competencies.competencies
    assert len(rows) == len(comps) == 6
    for (name, definition, levels), comp in zip(rows, comps, strict=True):
        assert comp.name.nl == name
        assert comp.definition is not None
        assert comp.definition.nl == definition
        assert [(b.number, b.text.nl) for b in comp.levels] == levels


def test_competency_profile(seed: list[Cell], family: ja.Family) -> None:
    """Each behavioural-level cell is one profile entry of its competency, cells in class order."""
    rows = _competency_rows(seed)
    profile = family.profile_for()
    assert profile is not None
    assert [p.role for p in family.profiles] == ["competenties"]
    codes = family.scale.codes
    by_code = {c.name.nl: c.code for c in family.competencies.competencies}
    for name, _, levels in rows:
        entries = [e for e in profile.entries if e.competency == by_code[name]]
        assert [e.behavioural_level for e in entries] == [n for n, _ in levels], name
        assert not any(e.core for e in entries)
        _check_positions(name, [e.levels for e in entries], codes)
        _check_inferred(name, [e.inferred for e in entries], len(levels), codes)
    assert len(profile.entries) == sum(len(levels) for _, _, levels in rows)


def test_no_word_artefacts_or_marks_in_text(family: ja.Family) -> None:
    """No '[bookmark: _GoBack]', '(RG)', bullet mark or doubled space survives in any text."""
    texts: list[str] = []

    def walk(obj: object) -> None:
        if isinstance(obj, ja.Text):
            texts.extend(v for v in (obj.nl, obj.en, obj.fr) if v)
        elif isinstance(obj, tuple):
            for item in obj:
                walk(item)
        elif hasattr(obj, "__attrs_attrs__"):
            for f in obj.__attrs_attrs__:  # type: ignore[attr-defined]
                walk(getattr(obj, f.name))

    walk(family)
    assert texts
    for t in texts:
        assert "bookmark" not in t
        assert "(RG)" not in t
        assert not t.startswith("·")
        assert "  " not in t
        assert t == t.strip()
