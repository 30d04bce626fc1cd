"""Exports: JSON-LD read back through a JSON-LD processor, the xlsx criteria sheet
re-read with openpyxl, the CSV matrix, and the ``export`` command."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.cell import coordinate_from_string, get_column_letter
from pyld import jsonld

import jobarchitecture as ja
from jobarchitecture import strategies as jst
from jobarchitecture._export._labels import responsibilities

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = "https://schema.org/"
_SETTINGS = settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow], deadline=None)


def _bundled() -> list[ja.Family]:
    return [ja.get_family(code) for code in ja.family_codes()]


def _no_network(url: str, options: Any = None) -> Any:
    raise AssertionError(f"the JSON-LD processor tried to fetch {url}")


def _expanded(family: ja.Family) -> dict[str, Any]:
    """The family's JSON-LD, serialised, parsed back and expanded without network."""
    document = json.loads(json.dumps(ja.to_jsonld(family)))
    (node,) = jsonld.expand(document, {"documentLoader": _no_network})
    return dict(node)


def _single(value: Any) -> Any:
    """*value* with every one-element array as its element, as JSON-LD compaction writes it."""
    if isinstance(value, list):
        return _single(value[0]) if len(value) == 1 else [_single(v) for v in value]
    if isinstance(value, dict):
        return {k: _single(v) for k, v in value.items()}
    return value


def _check_lossless(family: ja.Family) -> None:
    document = ja.to_jsonld(family)
    expanded = jsonld.expand(document, {"documentLoader": _no_network})
    context = {"@context": document["@context"]}
    compacted = jsonld.compact(expanded, context, {"documentLoader": _no_network})
    assert _single(compacted) == _single(document)


def test_jsonld_expands_without_loss() -> None:
    """Expanding and compacting each bundled family's JSON-LD again gives the same document: no key is dropped."""
    for family in _bundled():
        _check_lossless(family)


@_SETTINGS
@given(jst.families())
def test_jsonld_of_generated_families_expands_without_loss(family: ja.Family) -> None:
    """For any family (references included), expansion keeps every term and value of the JSON-LD."""
    _check_lossless(family)


def _values(node: dict[str, Any], prop: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for value in node.get(SCHEMA + prop, []):
        out.setdefault(value.get("@language", ""), []).append(value["@value"])
    return out


def _check_occupations(family: ja.Family) -> None:
    node = _expanded(family)
    assert SCHEMA + "ItemList" in node["@type"]
    (items,) = node[SCHEMA + "itemListElement"]
    occupations = items["@list"]
    assert len(occupations) == len(family.scale.levels)
    for level, occ in zip(family.scale.levels, occupations, strict=True):
        assert occ["@type"] == [SCHEMA + "Occupation"]
        names = _values(occ, "name")
        assert names["nl"] == [level.name.nl]
        for lang in ("fr", "en"):
            assert names.get(lang) == ([level.name.get(lang)] if level.name.has(lang) else None)
        duties = _values(occ, "responsibilities").get("nl", [])
        assert sorted(duties) == sorted(responsibilities(family, level, "nl"))
        assert _values(occ, "identifier") == {"": [f"{family.code}:{level.code}"]}


#: The schema.org types each property the export writes is declared on
#: (``schema:domainIncludes``, https://schema.org, version 29), and the supertypes of
#: the types it writes: a property on a node of no such type is what a schema.org
#: validator flags.
_DOMAINS: dict[str, frozenset[str]] = {
    **dict.fromkeys(["name", "description", "identifier", "sameAs", "url"], frozenset({"Thing"})),
    **dict.fromkeys(["inLanguage", "version", "sourceOrganization"], frozenset({"CreativeWork"})),
    **dict.fromkeys(["numberOfItems", "itemListElement"], frozenset({"ItemList"})),
    **dict.fromkeys(
        [
            "occupationalCategory",
            "responsibilities",
            "skills",
            "qualifications",
            "educationRequirements",
            "experienceRequirements",
        ],
        frozenset({"Occupation", "JobPosting"}),
    ),
    **dict.fromkeys(["codeValue", "inCodeSet"], frozenset({"CategoryCode"})),
    **dict.fromkeys(["termCode", "inDefinedTermSet"], frozenset({"DefinedTerm"})),
}
_SUPERTYPES: dict[str, set[str]] = {
    "ItemList": {"Intangible", "Thing"},
    "CreativeWork": {"Thing"},
    "Occupation": {"Intangible", "Thing"},
    "GovernmentOrganization": {"Organization", "Thing"},
    "DefinedTerm": {"Intangible", "Thing"},
    "CategoryCode": {"DefinedTerm", "Intangible", "Thing"},
    "DefinedTermSet": {"CreativeWork", "Thing"},
    "CategoryCodeSet": {"DefinedTermSet", "CreativeWork", "Thing"},
}


def _misplaced(node: Any, where: str = "$") -> list[str]:
    """Every property of an expanded JSON-LD node (and the nodes within) not declared on its types."""
    if isinstance(node, list):
        return [m for i, item in enumerate(node) for m in _misplaced(item, f"{where}[{i}]")]
    if not isinstance(node, dict):
        return []
    if "@list" in node:
        return _misplaced(node["@list"], where)
    out: list[str] = []
    types = {t.removeprefix(SCHEMA) for t in node.get("@type", [])}
    kinds = types | {s for t in types for s in _SUPERTYPES.get(t, {t})}
    for key, value in node.items():
        if not key.startswith(SCHEMA):
            continue
        prop = key.removeprefix(SCHEMA)
        if types and not (_DOMAINS.get(prop, frozenset({"?"})) & kinds):
            out.append(f"{where}: {prop} on {sorted(types)}")
        out += _misplaced(value, f"{where}.{prop}")
    return out


def test_jsonld_uses_each_property_on_a_type_schema_org_declares_it_for() -> None:
    """No property sits on a type that schema.org does not declare it for (validators flag it)."""
    for family in _bundled():
        node = _expanded(family)
        assert _misplaced(node) == [], family.code
        assert {SCHEMA + "ItemList", SCHEMA + "CreativeWork"} == set(node["@type"])
        assert _values(node, "inLanguage")[""][0] == "nl"


def test_jsonld_of_every_bundled_family_reads_back() -> None:
    """Expanding each bundled family's JSON-LD gives one Occupation per level with every name and responsibility."""
    families = _bundled()
    assert len(families) >= 4
    for family in families:
        _check_occupations(family)


@_SETTINGS
@given(jst.families())
def test_jsonld_of_generated_families_reads_back(family: ja.Family) -> None:
    """For any family, the expanded JSON-LD holds every level's names in each language and every responsibility."""
    _check_occupations(family)


def test_responsibilities_include_result_areas_and_rg_clauses() -> None:
    """A level's responsibilities are the result areas followed by the (RG) clauses that apply at it."""
    family = ja.get_family("organisatieondersteuning")
    for level in family.scale.levels:
        rg = [
            cl.text.nl
            for c in family.criteria
            if (d := c.at(level)) is not None
            for cl in d.clauses
            if cl.result_area
        ]
        duties = responsibilities(family, level, "nl")
        assert len(duties) == len(family.result_areas) + len(rg)
        assert duties[len(family.result_areas) :] == rg
        assert duties[0].startswith(family.result_areas[0].title.nl + ": ")
    assert any(
        responsibilities(family, lvl, "nl")[len(family.result_areas) :] for lvl in family.scale
    )


def test_jsonld_carries_references_skills_and_requirements() -> None:
    """ISCO-08 references become CategoryCodes in ISCO-08, ESCO URIs sameAs, profiles skills, requirements their properties."""
    base = ja.get_family("adviseurs")
    esco = "http://data.europa.eu/esco/occupation/00000000-0000-0000-0000-000000000000"
    family = attrs.evolve(
        base,
        references=(ja.Reference("ISCO-08", "2422", "editorial", note="Closest unit group."),),
        scale=ja.Scale(
            base.scale.name,
            [
                attrs.evolve(
                    base.scale.levels[0], references=(ja.Reference("ESCO", esco, "editorial"),)
                ),
                *base.scale.levels[1:],
            ],
        ),
    )
    occupations = ja.to_jsonld(family)["itemListElement"]
    first = occupations[0]
    (code,) = first["occupationalCategory"]
    assert code["@type"] == "CategoryCode"
    assert code["codeValue"] == "2422"
    assert code["inCodeSet"]["@id"].startswith("https://www.ilo.org/")
    assert "not an official classification" in code["description"]["en"]
    assert first["sameAs"] == [esco]
    assert "sameAs" not in occupations[1]
    node = _expanded(family)
    occ = node[SCHEMA + "itemListElement"][0]["@list"][0]
    assert occ[SCHEMA + "sameAs"] == [{"@id": esco}]
    skills = [s["termCode"] for s in first["skills"]]
    profile = family.profiles[0]
    assert set(skills) == {e.competency for e in profile.at(family.scale.levels[0])}
    assert first["educationRequirements"]["nl"] == [
        family.requirements[1].at(family.scale.levels[0]).text()  # type: ignore[union-attr]
    ]
    assert first["qualifications"]["nl"] == [
        family.requirements[0].at(family.scale.levels[0]).text()  # type: ignore[union-attr]
    ]


def _check_criteria_sheet(family: ja.Family, lang: str = "nl") -> None:
    from jobarchitecture._export._labels import label

    book = openpyxl.load_workbook(io.BytesIO(ja.to_xlsx(family, lang)))
    assert book.sheetnames[1] == label("criteria_sheet", lang)
    ws = book[book.sheetnames[1]]
    levels = family.scale.levels
    header = [ws.cell(1, 2 + i).value for i in range(len(levels))]
    assert header == [lvl.name.get(lang) for lvl in levels]
    assert ws.freeze_panes == "B2"
    merged = {(r.min_row, r.min_col, r.max_col) for r in ws.merged_cells.ranges}
    expected_merges = set()
    for row, criterion in enumerate(family.criteria, start=2):
        assert ws.cell(row, 1).value.split("\n")[0] == criterion.name.get(lang)
        col = 2
        for d in criterion.descriptors:
            cell = ws.cell(row, col)
            assert cell.value == d.text(lang)
            assert cell.alignment.wrap_text
            if len(d.levels) > 1:
                expected_merges.add((row, col, col + len(d.levels) - 1))
            col += len(d.levels)
        assert col == 2 + len(levels)
    assert merged == expected_merges


def test_xlsx_criteria_sheet_gives_each_bundled_familys_descriptors_and_spans() -> None:
    """Re-read with openpyxl, each criteria sheet holds exactly the family's descriptors; merged ranges are the spans."""
    for family in _bundled():
        _check_criteria_sheet(family)
        _check_criteria_sheet(family, "en")


@_SETTINGS
@given(jst.families())
def test_xlsx_criteria_sheet_of_generated_families(family: ja.Family) -> None:
    """For any family, the criteria sheet's cells are the descriptors and its merged ranges the spans."""
    _check_criteria_sheet(family)


def _like_formulas(family: ja.Family) -> ja.Family:
    """*family* with every criterion name and clause starting with ``=``, as a formula does."""

    def eq(text: ja.Text) -> ja.Text:
        return attrs.evolve(text, nl="=" + text.nl)

    criteria = tuple(
        attrs.evolve(
            c,
            name=eq(c.name),
            descriptors=tuple(
                attrs.evolve(d, clauses=tuple(attrs.evolve(k, text=eq(k.text)) for k in d.clauses))
                for d in c.descriptors
            ),
        )
        for c in family.criteria
    )
    return attrs.evolve(family, criteria=criteria)


def _formulas(book: Any) -> list[str]:
    return [
        f"{ws.title}!{cell.coordinate}"
        for ws in book.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def test_xlsx_text_like_a_formula_stays_text() -> None:
    """A family's text starting with = is written as that text, not as a formula the
    reviewer's Excel would run (=HYPERLINK(...) became a live link)."""
    family = _like_formulas(ja.load_family(ROOT / "examples" / "voorbeeld.toml"))
    book = openpyxl.load_workbook(io.BytesIO(ja.to_xlsx(family)))
    assert _formulas(book) == []
    assert book["Criteria"]["A2"].value == "=Kennis"


@_SETTINGS
@given(jst.families(), st.sampled_from(["nl", "en"]))
def test_xlsx_never_holds_a_formula(family: ja.Family, lang: str) -> None:
    """For any family, even one whose every text starts with =, no cell of the
    workbook is a formula, and the criteria sheet still holds the texts as they are."""
    family = _like_formulas(family)
    assert _formulas(openpyxl.load_workbook(io.BytesIO(ja.to_xlsx(family, lang)))) == []
    _check_criteria_sheet(family, lang)


def test_xlsx_workbook_is_readable_for_reviewers() -> None:
    """Every sheet has a bold frozen header, wrapped text, set widths, and the grid and requirements are filled in."""
    family = ja.get_family("adviseurs")
    book = openpyxl.load_workbook(io.BytesIO(ja.to_xlsx(family)))
    assert book.sheetnames == [
        "Doel en resultaatgebieden",
        "Criteria",
        "Competenties",
        "Vereisten",
        "Opmerkingen en bronnen",
    ]
    for ws in book:
        assert ws.freeze_panes is not None, ws.title
        assert ws.cell(1, 1).font.bold, ws.title
        assert all(dim.width for dim in ws.column_dimensions.values()), ws.title
    areas = book["Doel en resultaatgebieden"]
    assert [areas.cell(3 + i, 3).value for i in range(len(family.result_areas))] == [
        r.title.nl for r in family.result_areas
    ]
    grid = book["Competenties"]
    column = _column(grid, "Competentie")
    names = [
        grid.cell(r, column).value for r in range(3, 3 + len(family.competencies.competencies))
    ]
    assert names == [c.name.nl for c in family.competencies.competencies]
    requirements = book["Vereisten"]
    first = family.requirements[0]
    assert requirements.cell(2, 3).value == first.descriptors[0].text()


#: How many column width units an A4 page holds across its long side at full size,
#: inside half-inch margins: 272 mm, a unit printing about 1.85 mm, each column's
#: padding 1.3 mm more.
_A4_LANDSCAPE = 136


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_xlsx_every_sheet_prints_legibly_on_a4(lang: str) -> None:
    """Printed, every sheet of every bundled family is landscape A4, as wide as the page
    and as many pages down as it takes, with its header rows on every page, and its
    columns fit the page at 85 % of their size or more (text at 9 pt or more, not the
    4 pt of a sheet twice as wide squeezed onto the page), and no row is at Excel's
    highest (409 pt), where its text would be cut off."""
    for family in _bundled():
        book = openpyxl.load_workbook(io.BytesIO(ja.to_xlsx(family, lang)))
        for ws in book:
            where = (family.code, ws.title)
            setup = ws.page_setup
            assert (setup.orientation, setup.paperSize) == ("landscape", 9), where  # 9: A4
            assert ws.sheet_properties.pageSetUpPr.fitToPage, where
            assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), where
            header_rows = coordinate_from_string(ws.freeze_panes)[1] - 1
            assert ws.print_title_rows == f"$1:${header_rows}", where
            assert not ws.print_options.gridLines, where
            width = sum(
                ws.column_dimensions[get_column_letter(c)].width
                for c in range(1, ws.max_column + 1)
            )
            assert width <= _A4_LANDSCAPE / 0.85, where
            assert all(not d.height or d.height < 409 for d in ws.row_dimensions.values()), where
            texts = [c for row in ws.iter_rows() for c in row if " " in str(c.value or "")]
            assert all(c.alignment.wrap_text for c in texts), where


def test_xlsx_leaves_out_what_the_family_has_nothing_for() -> None:
    """A family without requirements or competencies gets no empty sheet for them, and
    no sheet has a column that nothing below its header fills (a federal family's
    unnumbered result areas, a dictionary without clusters), but for the reviewer's
    comment column."""
    from jobarchitecture._export._labels import label

    names = {}
    for family in _bundled():
        book = openpyxl.load_workbook(io.BytesIO(ja.to_xlsx(family)))
        names[family.code] = book.sheetnames
        for ws in book:
            top = coordinate_from_string(ws.freeze_panes)[1]
            assert ws.max_row >= top, (family.code, ws.title)
            for col in range(1, ws.max_column + 1):
                heads = {ws.cell(r, col).value for r in range(1, top)} - {None, ""}
                if heads == {label("comment", "nl")}:
                    continue
                body = [ws.cell(r, col).value for r in range(top, ws.max_row + 1)]
                assert any(v not in (None, "") for v in body), (family.code, ws.title, col)
    everything = ["Doel en resultaatgebieden", "Criteria", "Competenties", "Vereisten"]
    assert names == {
        "adviseurs": [*everything, "Opmerkingen en bronnen"],
        "managementondersteuning": [
            "Doel en resultaatgebieden",
            "Criteria",
            "Opmerkingen en bronnen",
        ],
        "ondersteuners": [
            "Doel en resultaatgebieden",
            "Criteria",
            "Competenties",
            "Opmerkingen en bronnen",
        ],
        "organisatieondersteuning": [*everything, "Opmerkingen en bronnen"],
    }


def test_xlsx_table_rows_are_ruled_across_the_whole_header() -> None:
    """In every sheet each table row is ruled up to the last header column: the level
    columns of the criteria and the reviewer's comment column included."""
    from openpyxl.cell.cell import MergedCell

    for family in _bundled():
        book = openpyxl.load_workbook(io.BytesIO(ja.to_xlsx(family)))
        for ws in book:
            width = max(c.column for c in ws[1] if c.value is not None)
            # The legend and notes under the grid are one merged line each, not table rows.
            legend = [m.min_row for m in ws.merged_cells.ranges if m.min_col == 1]
            end = min(legend) - 1 if legend else ws.max_row + 1  # a blank row before it
            bare = [
                ws.cell(r, c).coordinate
                for r in range(2, end)
                for c in range(1, width + 1)
                # A cell a merged range covers is the range's inside: it has no edge.
                if not isinstance(ws.cell(r, c), MergedCell)
                and ws.cell(r, c).border.left.style is None
            ]
            assert bare == [], (family.code, ws.title)


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_xlsx_notes_sheet_heads_each_table_with_what_its_columns_hold(lang: str) -> None:
    """Each kind of row in the notes sheet sits under a header naming its own columns:
    a source's title under "title", a translation's language under "language", a
    reference's scheme and code under "scheme and code" (not all under "code")."""
    from jobarchitecture._export._labels import label

    family = ja.get_family("ondersteuners")
    assert all((family.notes, family.sources, family.translations, family.references))
    ws = openpyxl.load_workbook(io.BytesIO(ja.to_xlsx(family, lang)))[label("notes_sheet", lang)]
    expected = {
        "note": ["code", "marker", "term", "text"],
        "source": ["title", "", "", "reference_note"],
        "translation": ["language", "", "", "note"],
        "reference": ["scheme_code", "level", "", "text"],
    }
    kinds = {label(kind, lang): kind for kind in expected}
    heads: list[str | None] = []
    seen: dict[str, int] = {}
    for row in ws.iter_rows():
        cells = [c.value for c in row[:5]]
        if row[0].font.bold:
            heads = cells
            continue
        kind = kinds[cells[0]]
        seen[kind] = seen.get(kind, 0) + 1
        assert heads[1:5] == [label(k, lang) if k else None for k in expected[kind]], kind
    assert seen == {
        "note": len(family.notes),
        "source": len(family.sources),
        "translation": len(family.translations),
        "reference": len(family.references),
    }


def _column(ws: Any, header: str) -> int:
    """The number of the column headed *header* in the first row."""
    return next(c.column for c in ws[1] if c.value == header)


def test_xlsx_competency_grid_marks_each_profile() -> None:
    """In every bundled family's grid, a cell is K for a core competency, the behavioural level or X where the profile has it, else empty."""
    for family in _bundled():
        book = openpyxl.load_workbook(io.BytesIO(ja.to_xlsx(family)))
        if not family.competencies.competencies:
            assert "Competenties" not in book.sheetnames
            continue
        ws = book["Competenties"]
        levels = family.scale.levels
        name = _column(ws, "Competentie")
        for row, comp in enumerate(family.competencies.competencies, start=3):
            assert ws.cell(row, name).value == comp.name.nl
            for i, p in enumerate(family.profiles):
                for j, level in enumerate(levels):
                    here = [e for e in p.at(level) if e.competency == comp.code]
                    expected = (
                        None
                        if not here
                        else "K"
                        if here[0].core
                        else here[0].behavioural_level or "X"
                    )
                    assert ws.cell(row, name + 1 + i * len(levels) + j).value == expected, (
                        family.code,
                        comp.code,
                        p.role,
                        level.code,
                    )


def test_csv_is_the_criteria_matrix() -> None:
    """The CSV has one row per criterion and level, each with its descriptor's text and span."""
    for family in _bundled():
        rows = list(csv.DictReader(io.StringIO(ja.to_csv(family), newline="")))
        assert len(rows) == len(family.criteria) * len(family.scale.levels)
        for row in rows:
            d = family.criterion(row["criterion"]).at(row["level"])
            assert d is not None
            assert row["text"] == d.text()
            assert (row["span_first"], row["span_last"]) == (d.levels[0], d.levels[-1])


@_SETTINGS
@given(jst.families())
def test_csv_of_generated_families_has_a_row_per_criterion_and_level(family: ja.Family) -> None:
    """For any family, the CSV reads back as one row per criterion and level with that level's descriptor."""
    rows = list(csv.DictReader(io.StringIO(ja.to_csv(family, "en"), newline="")))
    expected = [(c.code, lvl.code) for c in family.criteria for lvl in family.scale.levels]
    assert [(r["criterion"], r["level"]) for r in rows] == expected
    for row in rows:
        d = family.criterion(row["criterion"]).at(row["level"])
        assert d is not None
        assert row["text"] == d.text("en")


def test_export_writes_by_suffix_and_refuses_unknown_formats(tmp_path: Path) -> None:
    """export() picks the format from the suffix, writes complete files, and names a bad format in one line."""
    family = ja.get_family("ondersteuners")
    for name in ("o.jsonld", "o.xlsx", "o.csv"):
        assert ja.export(family, tmp_path / name) == tmp_path / name
    assert json.loads((tmp_path / "o.jsonld").read_text("utf-8")) == ja.to_jsonld(family)
    assert (tmp_path / "o.csv").read_bytes().decode("utf-8") == ja.to_csv(family)
    assert openpyxl.load_workbook(tmp_path / "o.xlsx").sheetnames[1] == "Criteria"
    with pytest.raises(ja.ExportError, match=r"cannot tell the export format from 'o\.txt'"):
        ja.export(family, tmp_path / "o.txt")
    with pytest.raises(ja.ExportError, match="unknown export format 'pdf'"):
        ja.export(family, tmp_path / "o.csv", format="pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o.csv", "o.jsonld", "o.xlsx"]


def test_a_format_the_file_name_contradicts_is_refused(tmp_path: Path) -> None:
    """export(path="x.csv", format="xlsx") raises ExportError naming the file, its
    suffix's format and the suffix expected, and writes nothing; a suffix that
    names no format (x.txt) takes the format given."""
    family = ja.get_family("ondersteuners")
    with pytest.raises(ja.ExportError) as info:
        ja.export(family, tmp_path / "x.csv", format="xlsx")
    assert str(info.value) == (
        "cannot write xlsx to 'x.csv': the suffix .csv is for csv (expected a name ending in .xlsx)"
    )
    with pytest.raises(ja.ExportError, match=r"\.JSON is for jsonld"):
        ja.export(family, tmp_path / "x.JSON", format="csv")
    assert list(tmp_path.iterdir()) == []
    ja.export(family, tmp_path / "x.txt", format="csv")
    assert (tmp_path / "x.txt").read_text("utf-8").startswith(ja.to_csv(family)[:20])


def test_xlsx_without_openpyxl_says_which_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without openpyxl, to_xlsx raises an ExportError naming the xlsx extra."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ja.ExportError, match=re.escape("pip install 'jobarchitecture[xlsx]'")):
        ja.to_xlsx(ja.get_family("ondersteuners"))


def test_export_command(cli: Callable[..., Any], tmp_path: Path) -> None:
    """`export` writes -o FILE, prints text formats to stdout, and reports bad input in one line with exit 2."""
    out = tmp_path / "os.xlsx"
    done = cli("export", "ondersteuners", "-o", str(out))
    assert (done.code, done.out, done.err) == (0, "", "")
    assert openpyxl.load_workbook(out).sheetnames[0] == "Doel en resultaatgebieden"
    printed = cli("export", "ondersteuners", "--format", "jsonld")
    assert json.loads(printed.out) == ja.to_jsonld(ja.get_family("ondersteuners"))
    english = cli("export", "ondersteuners", "--format", "csv", "--lang", "en")
    assert english.out.splitlines()[1].split(",")[2] == "Knowledge"
    assert (
        cli("export", "ondersteuners", "--format", "csv", "-o", str(tmp_path / "x.txt")).code == 0
    )
    for args in (
        ("ondersteuners", "-o", str(tmp_path / "x.pdf")),
        ("ondersteuners", "-o", str(tmp_path / "x.csv"), "--format", "xlsx"),
        ("ondersteuners",),
        ("onbekend",),
    ):
        bad = cli("export", *args, "--lang", "en")
        assert bad.code == 2
        assert len(bad.err_lines) == 1
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["os.xlsx", "x.txt"]


def test_docs_jsonld_example_is_a_real_export() -> None:
    """The JSON-LD example in docs/exchange.md is the first Occupation of the real ondersteuners export."""
    text = (ROOT / "docs" / "exchange.md").read_text("utf-8")
    block = re.search(r"<!-- jsonld-example -->\s*```json\n(.*?)```", text, re.S)
    assert block is not None
    occupation = ja.to_jsonld(ja.get_family("ondersteuners"))["itemListElement"][0]
    assert json.loads(block.group(1)) == occupation


def test_csv_is_plain_utf8_unless_bom_is_asked(cli: Callable[..., Any], tmp_path: Path) -> None:
    """The CSV export has no byte order mark by default; --bom (bom=True) starts it
    with one, so Excel reads the accents as UTF-8, and --delimiter sets the separator."""
    family = ja.get_family("ondersteuners")
    plain = ja.to_csv(family)
    assert not plain.startswith("\ufeff")
    marked = ja.to_csv(family, bom=True, delimiter=";")
    assert marked.startswith("\ufefffamily;criterion;")
    out = tmp_path / "os.csv"
    assert cli("export", "ondersteuners", "-o", str(out), "--bom", "--delimiter", ";").code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbffamily;criterion;")
    assert raw.decode("utf-8-sig") == marked[1:]
    assert cli("export", "ondersteuners", "-o", str(tmp_path / "p.csv")).code == 0
    assert (tmp_path / "p.csv").read_bytes().startswith(b"family,")
    for args in (
        ("-o", str(tmp_path / "os.xlsx"), "--bom"),
        ("--format", "csv", "--delimiter", ";;"),
    ):
        bad = cli("export", "ondersteuners", *args)
        assert bad.code == 2
        assert len(bad.err_lines) == 1
    assert not (tmp_path / "os.xlsx").exists()


@pytest.mark.parametrize(
    ("lang", "word"), [("nl", "teneinde"), ("fr", "afin de"), ("en", "in order to")]
)
def test_xlsx_connector_reads_in_the_workbooks_language(lang: str, word: str) -> None:
    """A purpose whose halves are translated has its connector in the workbook's
    language, as the HTML and Word documents have it (it stayed Dutch)."""
    family = ja.get_family("ondersteuners")
    purpose = family.purpose
    translated = attrs.evolve(
        purpose,
        activity=ja.Text(nl=purpose.activity.nl, fr="Effectuer des tâches", en="Perform tasks"),
        outcome=ja.Text(nl=purpose.outcome.nl, fr="soutenir le service", en="support the service"),
    )
    family = attrs.evolve(family, purpose=translated)
    assert family.purpose.connector == "teneinde"
    sheet = openpyxl.load_workbook(io.BytesIO(ja.to_xlsx(family, lang=lang))).worksheets[0]
    column = _column(sheet, {"nl": "Verbinding", "fr": "Liaison", "en": "Connector"}[lang])
    assert sheet.cell(2, column).value == word  # the purpose's row
    # The result areas' halves are Dutch only: their connector stays Dutch, as in the documents.
    assert {sheet.cell(r, column).value for r in range(3, sheet.max_row + 1)} - {None} == {
        "teneinde"
    }


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_xlsx_every_sheet_ends_in_the_reviewers_comment_column(lang: str) -> None:
    """The docs promise a reviewer an empty comment column on every sheet: it is the
    last column of each (the competency grid's too), headed in the workbook's language
    (again over each of the notes sheet's tables) and otherwise empty."""
    from jobarchitecture._export._labels import label

    for family in _bundled():
        book = openpyxl.load_workbook(io.BytesIO(ja.to_xlsx(family, lang=lang)))
        for ws in book:
            last = max(c.column for c in ws[1] if c.value)
            assert ws.cell(1, last).value == label("comment", lang), (family.code, ws.title)
            cells = {ws.cell(r, last).value for r in range(2, ws.max_row + 1)}
            assert cells <= {None, label("comment", lang)}, (
                family.code,
                ws.title,
            )


def test_xlsx_rows_are_as_high_as_their_text_wraps_in_calibri() -> None:
    """A row's height follows how its text wraps in Calibri, a proportional font: an
    outcome of narrow letters takes fewer lines than one of as many wide letters
    (counting characters made them equal, and every row of ordinary prose too high
    or too low), and a row is a whole number of 15 pt lines."""
    base = ja.get_family("ondersteuners")

    def purpose_row_height(outcome: str) -> float:
        purpose = attrs.evolve(base.purpose, outcome=ja.Text(nl=outcome))
        family = attrs.evolve(base, purpose=purpose)
        sheet = openpyxl.load_workbook(io.BytesIO(ja.to_xlsx(family))).worksheets[0]
        return float(sheet.row_dimensions[2].height)

    narrow, wide = purpose_row_height("il " * 60), purpose_row_height("mw " * 60)
    assert narrow < wide / 2
    assert narrow % 15 == 0
    assert wide % 15 == 0


def test_xlsx_headers_are_the_bodys_font_in_bold() -> None:
    """Header cells are Calibri 11 bold, the font of the text under them: a bold font
    with no name or size shows in another typeface (LibreOffice's serif)."""
    for family in _bundled():
        book = openpyxl.load_workbook(io.BytesIO(ja.to_xlsx(family)))
        for ws in book:
            head = ws.cell(1, 1).font
            assert (head.b, head.name, head.sz) == (True, "Calibri", 11), (family.code, ws.title)


@pytest.mark.parametrize(("lang", "head"), [("nl", "Gedragsniveau"), ("en", "Behavioural level")])
def test_xlsx_grid_heads_a_profile_that_is_no_role_by_what_its_marks_are(
    lang: str, head: str
) -> None:
    """A Flemish family's one profile, named "Competenties" after the source's table,
    is no role: its level columns are headed by what their numbers are (the behavioural
    level), not "Competentie | Competenties"; a federal role keeps its name."""
    for code in ("adviseurs", "organisatieondersteuning"):
        grid = openpyxl.load_workbook(io.BytesIO(ja.to_xlsx(code, lang)))[
            {"nl": "Competenties", "en": "Competencies"}[lang]
        ]
        heads = [c.value for c in grid[1] if c.value]
        assert heads[1] == head, code
    federal = openpyxl.load_workbook(io.BytesIO(ja.to_xlsx("ondersteuners")))["Competenties"]
    assert "Ondersteunend/Expert" in [c.value for c in federal[1]]
