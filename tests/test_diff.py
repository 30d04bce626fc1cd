"""The semantic diff: laws on generated families, the federal renderings, the command."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture import strategies as jst

pytestmark = pytest.mark.filterwarnings("error")
_SETTINGS = settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)

Expected = set[tuple[str, str]]


def _key(levels: tuple[str, ...]) -> str:
    return levels[0] if len(levels) == 1 else f"{levels[0]}..{levels[-1]}"


def _more(text: ja.Text) -> ja.Text:
    return attrs.evolve(text, nl=text.nl + " gewijzigd")


def _replace(items: tuple[Any, ...], i: int, new: Any) -> tuple[Any, ...]:
    return (*items[:i], new, *items[i + 1 :])


def _criterion_edit(
    draw: st.DrawFn, family: ja.Family, i: int
) -> tuple[ja.Family, tuple[str, str]]:
    c = family.criteria[i]
    at = f"$.criteria[{c.code}]"
    variants = 7 if len(c.descriptors) > 1 else 6
    variant = draw(st.integers(0, variants - 1))
    k = draw(st.integers(0, len(c.descriptors) - 1))
    d = c.descriptors[k]
    where = f"{at}.descriptors[{_key(d.levels)}]"
    if variant == 0:
        new, expect = attrs.evolve(c, name=_more(c.name)), ("renamed", f"{at}.name")
    elif variant == 1:
        new, expect = attrs.evolve(c, weight=c.weight + 1), ("changed", f"{at}.weight")
    elif variant == 2:
        rest = family.criteria[:i] + family.criteria[i + 1 :]
        return attrs.evolve(family, criteria=rest), ("removed", at)
    elif variant == 3:
        clause = attrs.evolve(d.clauses[0], text=_more(d.clauses[0].text))
        d2 = attrs.evolve(d, clauses=_replace(d.clauses, 0, clause))
        new, expect = (
            attrs.evolve(c, descriptors=_replace(c.descriptors, k, d2)),
            ("reworded", where),
        )
    elif variant == 4:
        clause = attrs.evolve(d.clauses[0], result_area=not d.clauses[0].result_area)
        d2 = attrs.evolve(d, clauses=_replace(d.clauses, 0, clause))
        new = attrs.evolve(c, descriptors=_replace(c.descriptors, k, d2))
        expect = ("changed", f"{where}.result_area")
    elif variant == 5:
        join = ja.Join.ANY if d.join is ja.Join.ALL else ja.Join.ALL
        d2 = attrs.evolve(d, join=join)
        new = attrs.evolve(c, descriptors=_replace(c.descriptors, k, d2))
        expect = ("changed", f"{where}.join")
    else:
        k = min(k, len(c.descriptors) - 2)
        a, b = c.descriptors[k], c.descriptors[k + 1]
        merged = attrs.evolve(a, levels=a.levels + b.levels)
        descriptors = (*c.descriptors[:k], merged, *c.descriptors[k + 2 :])
        new = attrs.evolve(c, descriptors=descriptors)
        expect = ("span", f"{at}.descriptors[{_key(merged.levels)}]")
    return attrs.evolve(family, criteria=_replace(family.criteria, i, new)), expect


def _area_edit(draw: st.DrawFn, family: ja.Family, i: int) -> tuple[ja.Family, tuple[str, str]]:
    r = family.result_areas[i]
    at = f"$.result_areas[{r.code}]"
    # Only a task whose text is unique can be named: of two equal tasks, either could be the one.
    unique = [j for j, t in enumerate(r.tasks) if r.tasks.count(t) == 1]
    variant = draw(st.integers(0, 4 if unique else 2))
    if variant == 0:
        rest = family.result_areas[:i] + family.result_areas[i + 1 :]
        return attrs.evolve(family, result_areas=rest), ("removed", at)
    if variant == 1:
        new, expect = attrs.evolve(r, title=_more(r.title)), ("renamed", f"{at}.title")
    elif variant == 2:
        tasks = (*r.tasks, ja.Text("Een nieuwe taak"))
        new, expect = attrs.evolve(r, tasks=tasks), ("added", f"{at}.tasks[{len(r.tasks)}]")
    else:
        j = draw(st.sampled_from(unique))
        if variant == 3:
            new = attrs.evolve(r, tasks=_replace(r.tasks, j, _more(r.tasks[j])))
            expect = ("reworded", f"{at}.tasks[{j}]")
        else:
            new = attrs.evolve(r, tasks=r.tasks[:j] + r.tasks[j + 1 :])
            expect = ("removed", f"{at}.tasks[{j}]")
    return attrs.evolve(family, result_areas=_replace(family.result_areas, i, new)), expect


@st.composite
def _edited(draw: st.DrawFn) -> tuple[ja.Family, ja.Family, Expected]:
    """A family, a copy changed by a sequence of edits at distinct places, and those edits."""
    family = draw(jst.families())
    edits: list[Callable[[ja.Family], tuple[ja.Family, tuple[str, str]]]] = [
        lambda f: (attrs.evolve(f, name=_more(f.name)), ("renamed", "$.name")),
        lambda f: (
            attrs.evolve(f, purpose=attrs.evolve(f.purpose, activity=_more(f.purpose.activity))),
            ("reworded", "$.purpose.activity"),
        ),
        lambda f: (
            attrs.evolve(
                f, references=(*f.references, ja.Reference("ISCO-08", "0110", "editorial"))
            ),
            ("added", "$.references[ISCO-08:0110]"),
        ),
        lambda f: (
            attrs.evolve(f, result_areas=(*f.result_areas, ja.ResultArea("nieuw", "T", "a", "b"))),
            ("added", "$.result_areas[nieuw]"),
        ),
    ]
    for lvl in family.scale.levels:

        def rename(f: ja.Family, code: str = lvl.code) -> tuple[ja.Family, tuple[str, str]]:
            levels = tuple(
                attrs.evolve(x, name=_more(x.name)) if x.code == code else x for x in f.scale.levels
            )
            scale = ja.Scale(f.scale.name, levels)
            return attrs.evolve(f, scale=scale), ("renamed", f"$.scale.levels[{code}].name")

        edits.append(rename)
    for c in family.criteria:

        def criterion(f: ja.Family, code: str = c.code) -> tuple[ja.Family, tuple[str, str]]:
            i = next(i for i, x in enumerate(f.criteria) if x.code == code)
            return _criterion_edit(draw, f, i)

        edits.append(criterion)
    for r in family.result_areas:

        def area(f: ja.Family, code: str = r.code) -> tuple[ja.Family, tuple[str, str]]:
            i = next(i for i, x in enumerate(f.result_areas) if x.code == code)
            return _area_edit(draw, f, i)

        edits.append(area)
    for comp in family.competencies.competencies:

        def competency(f: ja.Family, code: str = comp.code) -> tuple[ja.Family, tuple[str, str]]:
            comps = tuple(
                attrs.evolve(x, name=_more(x.name)) if x.code == code else x
                for x in f.competencies.competencies
            )
            dictionary = attrs.evolve(f.competencies, competencies=comps)
            return attrs.evolve(f, competencies=dictionary), (
                "renamed",
                f"$.competencies.competencies[{code}].name",
            )

        edits.append(competency)
    chosen = draw(st.lists(st.sampled_from(range(len(edits))), unique=True, max_size=6))
    new, expected = family, set()
    for index in chosen:
        new, change = edits[index](new)
        expected.add(change)
    return family, new, expected


def _sorted(changes: Any) -> list[tuple[str, str, str, str]]:
    return sorted((c.path, c.kind, repr(c.old), repr(c.new)) for c in changes)


@_SETTINGS
@given(jst.families())
def test_a_family_equals_itself(family: ja.Family) -> None:
    """diff(f, f) has no changes, and a copy through the file format has none either."""
    assert not ja.diff(family, family)
    copy = ja.family_from_data(json.loads(ja.dumps_family(family)))
    assert ja.diff(family, copy).changes == ()


@_SETTINGS
@given(_edited())
def test_each_edit_is_reported_once_at_its_path(
    case: tuple[ja.Family, ja.Family, Expected],
) -> None:
    """Every edit of a generated sequence is reported once, at its path and with its kind, and nothing else."""
    old, new, expected = case
    found = [(c.kind, c.path) for c in ja.diff(old, new)]
    assert sorted(found) == sorted(expected)


@_SETTINGS
@given(jst.families(), st.randoms(use_true_random=False))
def test_reordering_criteria_and_tasks_is_not_a_change(family: ja.Family, rnd: Any) -> None:
    """Shuffling criteria, result areas, tasks, descriptors, notes and profile entries reports nothing."""

    def shuffled(items: tuple[Any, ...]) -> tuple[Any, ...]:
        out = list(items)
        rnd.shuffle(out)
        return tuple(out)

    areas = tuple(attrs.evolve(r, tasks=shuffled(r.tasks)) for r in family.result_areas)
    criteria = tuple(attrs.evolve(c, descriptors=shuffled(c.descriptors)) for c in family.criteria)
    profiles = tuple(attrs.evolve(p, entries=shuffled(p.entries)) for p in family.profiles)
    moved = attrs.evolve(
        family,
        result_areas=shuffled(areas),
        criteria=shuffled(criteria),
        notes=shuffled(family.notes),
        profiles=shuffled(profiles),
    )
    assert list(ja.diff(family, moved)) == []


@_SETTINGS
@given(jst.families(), jst.families())
def test_diff_of_independent_families_mirrors(a: ja.Family, b: ja.Family) -> None:
    """diff(b, a) holds exactly the mirror of each change of diff(a, b): added for removed, old for new."""
    forward = ja.diff(a, b)
    assert _sorted(ja.diff(b, a)) == _sorted(forward.mirrored())
    data = json.loads(json.dumps(forward.to_dict()))
    assert [c["path"] for c in data["changes"]] == [c.path for c in forward]
    assert data["equal"] is (not forward)


@_SETTINGS
@given(_edited())
def test_diff_of_edited_families_mirrors(case: tuple[ja.Family, ja.Family, Expected]) -> None:
    """Between a family and an edited copy, diff(new, old) mirrors diff(old, new)."""
    old, new, _ = case
    assert _sorted(ja.diff(new, old)) == _sorted(ja.diff(old, new).mirrored())


@given(st.text(max_size=40), st.text(max_size=40))
def test_word_diff_rebuilds_both_texts(old: str, new: str) -> None:
    """Joining the kept and old segments gives the old text, the kept and new segments the new one."""
    from jobarchitecture._diff import word_diff

    segments = word_diff(old, new)
    assert "".join(t for op, t in segments if op != "+") == old
    assert "".join(t for op, t in segments if op != "-") == new


# --- the two federal renderings of ondersteuners ---------------------------

# The wording of seed 000 where it differs from the family (seed 001), from the
# table "Differences between seed 000 and seed 001" of plugins/ondersteuners/README.md.
_SEED_000 = {
    ("administratief_ondersteuner", 2): "Teksten, memo's, nota's en presentaties opstellen",
    (
        "contactpersoon",
        3,
    ): "Instaan voor het onthaal en de begeleiding van bezoekers (burgers, klanten, bedrijven,...)",
    ("contactpersoon", 6): "Opzoeken uitvoeren in databanken of archieven voor klanten",
    (
        "gegevens_en_of_documentatiebeheerder",
        1,
    ): "De toegankelijkheid van het klassement verhogen (labels, inhoudstabel, mappenstructuur,...)",
    (
        "gegevens_en_of_documentatiebeheerder",
        6,
    ): "Gebruikers wegwijs maken in de databank of het klassement en assisteren bij opzoeken",
}
_ONE_LINE = {  # cells printed on one line in 000, as paragraphs in 001
    ("praktische_organisatie", "C"): "Verschiedende",
    ("praktische_organisatie", "B"): None,
    ("vragen_of_klachten", "D"): None,
    ("vragen_of_klachten", "C"): None,
    ("vragen_of_klachten", "B"): None,
}


def _seed_000_wording(family: ja.Family) -> ja.Family:
    areas = []
    for r in family.result_areas:
        tasks = tuple(
            ja.Text(_SEED_000[(r.code, i)]) if (r.code, i) in _SEED_000 else t
            for i, t in enumerate(r.tasks)
        )
        areas.append(attrs.evolve(r, tasks=tasks))
    criteria = []
    for c in family.criteria:
        descriptors = []
        for d in c.descriptors:
            key = (c.code, d.levels[0])
            if key in _ONE_LINE:
                text = d.clauses[0].text.nl.replace("\n", " ")
                if _ONE_LINE[key]:
                    text = text.replace("Verschillende", _ONE_LINE[key] or "")
                d = attrs.evolve(d, clauses=(ja.Clause(text),))
            descriptors.append(d)
        criteria.append(attrs.evolve(c, descriptors=tuple(descriptors)))
    notes = tuple(
        attrs.evolve(n, text=ja.Text(n.text.nl.replace("archiefbeheer…", "archiefbeheer,...")))
        if n.code == "definitie_specialisatie"
        else n
        for n in family.notes
    )
    return attrs.evolve(family, result_areas=tuple(areas), criteria=tuple(criteria), notes=notes)


def test_the_two_federal_renderings_differ_exactly_as_the_readme_says() -> None:
    """Applying seed 000's wording to ondersteuners, diff reports exactly the README's differences, at their paths."""
    family = ja.get_family("ondersteuners")
    result = ja.diff(family, _seed_000_wording(family))
    expected = sorted(
        [f"$.result_areas[{code}].tasks[{i}]" for code, i in _SEED_000]
        + [f"$.criteria[{code}].descriptors[{level}]" for code, level in _ONE_LINE]
        + ["$.notes[definitie_specialisatie].text"]
    )
    assert sorted(c.path for c in result) == expected
    assert {c.kind for c in result} == {"reworded"}
    by_path = {c.path: c for c in result}
    task = by_path["$.result_areas[contactpersoon].tasks[6]"]
    assert task.words() == (("-", "Opzoekingen"), ("+", "Opzoeken"), ("=", task.new[8:]))
    cell = by_path["$.criteria[praktische_organisatie].descriptors[C]"]
    assert [seg for seg in cell.words() if seg[0] != "="] == [
        ("-", "Verschillende"),
        ("+", "Verschiedende"),
        ("-", "\n"),
        ("+", " "),
    ]
    markdown = result.to_markdown()
    assert "~~Opzoekingen~~ **Opzoeken**" in markdown
    assert markdown.count("\n- ") == len(expected)


def test_diff_reads_codes_and_files(tmp_path: Path) -> None:
    """diff accepts installed family codes, file paths as strings and Path objects."""
    family = ja.get_family("ondersteuners")
    path = tmp_path / "old.json"
    ja.save_family(_seed_000_wording(family), path)
    by_code_and_path = ja.diff(str(path), "ondersteuners")
    assert by_code_and_path.old == str(path)
    assert _sorted(by_code_and_path) == _sorted(ja.diff(path, family))
    assert len(by_code_and_path) == 11


def test_diff_command_exit_codes_and_formats(cli: Callable[..., Any], tmp_path: Path) -> None:
    """`diff` exits 0 for equal versions, 1 with one line per change, JSON with --json, Markdown with --markdown, 2 on error."""
    family = ja.get_family("ondersteuners")
    old = tmp_path / "old.json"
    ja.save_family(_seed_000_wording(family), old)
    same = cli("diff", "ondersteuners", "ondersteuners")
    assert (same.code, same.out) == (0, "")
    text = cli("diff", str(old), "ondersteuners")
    assert text.code == 1
    lines = text.out.splitlines()
    assert len(lines) == 11
    assert (
        "reworded\t$.result_areas[contactpersoon].tasks #7\t"
        "[-Opzoeken-]{+Opzoekingen+} uitvoeren in databanken of archieven voor klanten"
    ) in lines
    data = json.loads(cli("diff", str(old), "ondersteuners", "--json").out)
    assert data["equal"] is False
    # JSON keeps the machine paths (0-based, as JSON counts); text counts from 1.
    assert [ja.FamilyChange(c["kind"], c["path"]).readable_paths()[0] for c in data["changes"]] == [
        line.split("\t")[1] for line in lines
    ]
    assert "$.result_areas[contactpersoon].tasks[6]" in [c["path"] for c in data["changes"]]
    assert data["changes"][0]["words"]["nl"]
    # The changelog's fixed words follow --lang, Dutch unless told, as the text does.
    md = cli("diff", str(old), "ondersteuners", "--markdown")
    assert md.out.startswith(
        f"## Wijzigingen van `{old}` naar `ondersteuners`\n\n### Herschreven\n"
    )
    assert "- `$.result_areas[contactpersoon].tasks #7`: ~~Opzoeken~~" in md.out
    fr = cli("diff", str(old), "ondersteuners", "--markdown", "--lang", "fr").out
    assert fr.startswith(f"## Modifications de `{old}` à `ondersteuners`\n\n### Reformulations\n")
    assert "- `$.result_areas[contactpersoon].tasks #7` : ~~Opzoeken~~" in fr
    en = cli("diff", str(old), "ondersteuners", "--markdown", "--lang", "en").out
    assert en.startswith(f"## Changes from `{old}` to `ondersteuners`\n\n### Reworded\n")
    bad = cli("diff", str(tmp_path / "missing.json"), "ondersteuners")
    assert bad.code == 2
    assert len(bad.err_lines) == 1
    assert "missing.json" in bad.err_lines[0]


def test_help_lists_export_and_diff(cli: Callable[..., Any]) -> None:
    """`--help` lists the export and diff commands, and each has its own help."""
    run = cli("--help")
    assert run.code == 0
    assert "export" in run.out
    assert "diff" in run.out
    for command in ("export", "diff"):
        assert cli(command, "--help").code == 0


_EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_example_versions_differ_by_each_kind_of_edit() -> None:
    """The two example versions differ by a moved and reworded task, a join, a span and a note, grouped by kind in Markdown."""
    result = ja.diff(_EXAMPLES / "voorbeeld.toml", _EXAMPLES / "versie-2/voorbeeld.toml")
    assert [(c.kind, c.path, c.new_path) for c in result] == [
        (
            "reworded",
            "$.result_areas[ondersteuner].tasks[1]",
            "$.result_areas[ondersteuner].tasks[0]",
        ),
        ("changed", "$.criteria[kennis].descriptors[C..B].join", None),
        ("span", "$.criteria[contacten].descriptors[D..B]", None),
        ("reworded", "$.notes[definitie].text", None),
        ("changed", "$.version", None),
    ]
    markdown = result.to_markdown("en")
    assert (
        "- `$.result_areas[ondersteuner].tasks #2` (now `$.result_areas[ondersteuner].tasks #1`)"
        in markdown
    )
    headings = [line for line in markdown.splitlines() if line.startswith("### ")]
    assert headings == ["### Reworded", "### Changed", "### Spans changed"]
    assert "`D..C | B` → `D | C..B`" in markdown
    assert markdown.count("\n- ") == len(result)


def test_levels_profiles_and_requirements_changes_have_their_kinds() -> None:
    """Reordered levels, changed profile markers, a removed requirement span and a new competency are each one change."""
    family = ja.load_family(_EXAMPLES / "voorbeeld.toml")
    d, c, b = family.scale.levels
    requirement = family.requirements[0]
    entries = family.profiles[0].entries
    new = attrs.evolve(
        family,
        scale=ja.Scale(family.scale.name, [c, d, b]),
        profiles=[
            attrs.evolve(
                family.profiles[0],
                entries=[*entries[:1], attrs.evolve(entries[1], behavioural_level=1)],
            )
        ],
        requirements=[attrs.evolve(requirement, descriptors=[])],
        competencies=attrs.evolve(
            family.competencies,
            competencies=[*family.competencies.competencies, ja.Competency("nieuw", "Nieuw")],
        ),
    )
    found = {(ch.kind, ch.path): ch for ch in ja.diff(family, new)}
    assert set(found) == {
        ("reordered", "$.scale.levels"),
        ("changed", "$.profiles[expert].entries[analyseren]"),
        ("removed", "$.requirements[opleiding].descriptors[D..B]"),
        ("added", "$.competencies.competencies[nieuw]"),
    }
    assert found[("reordered", "$.scale.levels")].new == ["C", "D", "B"]
    assert ja.diff(new, family).mirrored().changes == ja.diff(family, new).changes


_WORD = st.sampled_from(["de", "taken", "en", "volgen", "klanten", ".", ",", "(RG)", "*"])


@_SETTINGS
@given(st.lists(_WORD, min_size=1, max_size=8), st.lists(_WORD, min_size=1, max_size=8))
def test_a_markdown_word_difference_reads_as_the_new_text(old: list[str], new: list[str]) -> None:
    """In a changelog entry, the kept and inserted words (markers and deletions taken
    out) read as the new text, spaces included: an insertion is never glued to the
    word before it ("volgen**en toepassen**")."""
    import re

    old_text, new_text = " ".join(old), " ".join(new)
    change = ja.FamilyChange("reworded", "$.x", old_text, new_text)
    markdown = ja.FamilyDiff("a", "b", [change]).to_markdown().splitlines()
    line = next(line for line in markdown if line.startswith("- "))
    body = line.split(": ", 1)[1]
    kept = re.sub(r"~~.*?~~", "", body).replace("**", "").replace("\\", "")
    assert " ".join(kept.split()) == new_text


def test_a_span_change_shows_what_each_level_now_says(tmp_path: Path) -> None:
    """When a merged cell is split and one level's text changes too, the changelog shows
    that level's word difference under the span change, not only the spans."""
    family = ja.get_family("ondersteuners")
    criterion = next(c for c in family.criteria if any(len(d.levels) > 1 for d in c.descriptors))
    i, wide = next((i, d) for i, d in enumerate(criterion.descriptors) if len(d.levels) > 1)
    first, last = wide.levels[0], wide.levels[-1]
    clause = wide.clauses[0]
    split = (
        attrs.evolve(wide, levels=wide.levels[:-1]),
        attrs.evolve(
            wide,
            levels=(last,),
            clauses=(
                attrs.evolve(clause, text=attrs.evolve(clause.text, nl=clause.text.nl + " extra")),
                *wide.clauses[1:],
            ),
        ),
    )
    descriptors = (*criterion.descriptors[:i], *split, *criterion.descriptors[i + 1 :])
    edited = attrs.evolve(criterion, descriptors=descriptors)
    criteria = tuple(edited if c is criterion else c for c in family.criteria)
    result = ja.diff(family, attrs.evolve(family, criteria=criteria))
    (change,) = result
    assert change.kind == "span"
    assert [level for level, _ in change.level_words()] == [last]
    assert f"  - {last}: " in result.to_markdown()
    assert "**extra**" in result.to_markdown()
    assert first not in [level for level, _ in change.level_words("en")]


@pytest.mark.parametrize(
    ("path", "readable"),
    [
        ("$.result_areas[onthaal].tasks[0]", "$.result_areas[onthaal].tasks #1"),
        ("$.purpose.notes[9]", "$.purpose.notes #10"),
        ("$.notes[3]", "$.notes[3]"),  # a note's code, not a position
        ("$.scale.levels[12]", "$.scale.levels[12]"),  # a level code
        ("$.criteria[kennis].descriptors[13/14]", "$.criteria[kennis].descriptors[13/14]"),
    ],
)
def test_readable_paths_count_positions_from_1_and_leave_codes(path: str, readable: str) -> None:
    """readable_paths() counts a task's or purpose note's position from 1 and leaves
    every code (numeric level codes too) as the path has it."""
    change = ja.FamilyChange("removed", path, new_path=path)
    assert change.readable_paths() == (readable, readable)


def test_diff_on_a_colour_terminal_colours_the_words_instead_of_marking_them(
    cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a colour terminal a reworded line shows deleted words struck through in red and
    inserted ones bold green, as ``git diff --word-diff=color`` does, with the same text
    and spaces as the plain line; NO_COLOR (and any pipe) keeps the ``[- -]{+ +}`` marks."""
    import re

    old = tmp_path / "old.json"
    ja.save_family(_seed_000_wording(ja.get_family("ondersteuners")), old)
    plain = cli("diff", str(old), "ondersteuners").out.splitlines()
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    coloured = cli("diff", str(old), "ondersteuners").out.splitlines()
    assert len(coloured) == len(plain)
    line = next(x for x in coloured if "tasks #7" in x)
    assert "\x1b[9m\x1b[31mOpzoeken\x1b[0m\x1b[1m\x1b[32mOpzoekingen\x1b[0m uitvoeren" in line
    assert "[-" not in line
    assert "{+" not in line

    def words(text: str) -> str:  # what a reader sees, marks and colours aside
        return re.sub(r"\x1b\[[0-9;]*m|\[-|-\]|\{\+|\+\}", "", text)

    assert [words(x) for x in coloured] == [words(x) for x in plain]
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli("diff", str(old), "ondersteuners").out.splitlines() == plain
