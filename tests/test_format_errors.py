"""Broken family files: each kind gives its own one-line message with file and path."""

from __future__ import annotations

import copy
import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import jobarchitecture as ja

if TYPE_CHECKING:
    from conftest import Run

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "voorbeeld.toml"
BASE: dict[str, Any] = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    """A mutation that sets a dotted/indexed path, e.g. 'criteria.0.code'."""

    def mutate(d: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = d
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[int(last) if last.isdigit() else last] = value

    return mutate


def _drop(path: str) -> Mutation:
    def mutate(d: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = d
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        del node[last]

    return mutate


# (id, mutation, expected path, expected message fragment)
CASES: list[tuple[str, Mutation, str, str]] = [
    ("unknown key", _set("titel", "x"), "$", "unknown key(s) 'titel'"),
    ("missing key", _drop("code"), "$.code", "required key missing"),
    ("wrong type", _set("code", 3), "$.code", "expected a string, got 3"),
    (
        "string for array",
        _set("criteria.0.descriptors.0.levels", "D"),
        "$.criteria[0].descriptors[0].levels",
        """expected an array, got 'D' (write ["D"])""",
    ),
    (
        "string for an array of clauses",
        _set("criteria.0.descriptors.0.clauses", "Basiskennis is vereist."),
        "$.criteria[0].descriptors[0].clauses",
        """expected an array, got 'Basiskennis is vereist.' (write ["Basiskennis is vereist."])""",
    ),
    (
        "number in quotes",
        _set("criteria.0.weight", "2"),
        "$.criteria[0].weight",
        "expected a finite number, got '2' (write 2, without quotes)",
    ),
    (
        "level code without quotes",
        _set("scale.levels.0.code", 12),
        "$.scale.levels[0].code",
        """expected a string, got 12 (write "12", in quotes)""",
    ),
    (
        "join as the source's connective",
        _set("criteria.0.descriptors.1.join", "OF"),
        "$.criteria[0].descriptors[1].join",
        "expected 'and' (EN) or 'or' (OF), got 'OF'; OF is join = 'or'",
    ),
    (
        "span written as one text",
        _set("criteria.1.descriptors.0.levels", ["D..C"]),
        "$.criteria[1].descriptors[0].levels[0]",
        "unknown level 'D..C' (levels: D, C, B): a span is written as its levels, lowest "
        "first, ['D', 'C']",
    ),
    (
        "number for table",
        _set("result_areas", [1]),
        "$.result_areas[0]",
        "expected a table (ResultArea), got 1",
    ),
    ("text without nl", _set("name", {"en": "Example"}), "$.name.nl", "required key missing"),
    (
        "string for bool",
        _set("criteria.0.descriptors.1.clauses.1.result_area", "yes"),
        "$.criteria[0].descriptors[1].clauses[1].result_area",
        "expected true or false, got 'yes'",
    ),
    (
        "bool in quotes",
        _set("criteria.0.descriptors.1.clauses.1.result_area", "true"),
        "$.criteria[0].descriptors[1].clauses[1].result_area",
        "expected true or false, got 'true' (write true, without quotes)",
    ),
    (
        "unknown join",
        _set("criteria.0.descriptors.1.join", "xor"),
        "$.criteria[0].descriptors[1].join",
        "expected 'and' (EN) or 'or' (OF), got 'xor'",
    ),
    (
        "unknown level",
        _set("criteria.0.descriptors.0.levels", ["E"]),
        "$.criteria[0].descriptors[0].levels[0]",
        "unknown level 'E' (levels: D, C, B)",
    ),
    (
        "level gap",
        _set("criteria.1.descriptors.0.levels", ["D"]),
        "$.criteria[1].descriptors",
        "level 'C' is not covered by any descriptor",
    ),
    (
        "level overlap",
        _set("criteria.1.descriptors.1.levels", ["C", "B"]),
        "$.criteria[1].descriptors[1].levels",
        "level 'C' is already covered by descriptors[0]",
    ),
    (
        "span not contiguous",
        _set(
            "criteria.1.descriptors",
            [{"levels": ["D", "B"], "clauses": ["x"]}, {"levels": ["C"], "clauses": ["y"]}],
        ),
        "$.criteria[1].descriptors[0].levels",
        "span ['D', 'B'] skips level 'C' (expected adjacent levels, lowest first, "
        "e.g. ['D', 'C', 'B'])",
    ),
    (
        "span backwards",
        _set(
            "criteria.1.descriptors",
            [{"levels": ["C", "D"], "clauses": ["x"]}, {"levels": ["B"], "clauses": ["y"]}],
        ),
        "$.criteria[1].descriptors[0].levels",
        "span ['C', 'D'] runs backwards ('D' is below 'C'): write the lowest level first, "
        "['D', 'C']",
    ),
    (
        "level twice in a span",
        _set("criteria.1.descriptors.0.levels", ["D", "D", "C"]),
        "$.criteria[1].descriptors[0].levels",
        "level 'D' listed twice in span ['D', 'D', 'C']",
    ),
    (
        "descriptors out of order",
        _set(
            "criteria.1.descriptors",
            [{"levels": ["B"], "clauses": ["x"]}, {"levels": ["D", "C"], "clauses": ["y"]}],
        ),
        "$.criteria[1].descriptors[1].levels",
        "descriptors out of order",
    ),
    (
        "no descriptors",
        _set("criteria.0.descriptors", []),
        "$.criteria[0].descriptors",
        "expected at least one descriptor",
    ),
    (
        "duplicate criterion",
        _set("criteria.1.code", "kennis"),
        "$.criteria[1]",
        "duplicate criterion code 'kennis'",
    ),
    (
        "bad code",
        _set("criteria.1.code", "Kennis Twee"),
        "$.criteria[1]",
        "criterion code 'Kennis Twee' must be lower-case",
    ),
    (
        "duplicate level",
        _set("scale.levels.2.code", "C"),
        "$.scale.levels[2].code",
        "duplicate level code 'C'",
    ),
    (
        "alias names another level",
        _set("scale.levels.0.aliases", ["C"]),
        "$.scale.levels[0].aliases[0]",
        "alias 'C' of level 'D' also names level 'C' (its code 'C'): a name or alias may "
        "name one level only",
    ),
    (
        "empty Dutch text",
        _set("result_areas.0.tasks", ["", "x"]),
        "$.result_areas[0].tasks[0]",
        "Dutch text (nl) must not be empty",
    ),
    (
        "unknown competency",
        _set("profiles.0.entries.0.competency", "luisteren"),
        "$.profiles[0].entries[0].competency",
        "unknown competency 'luisteren'",
    ),
    (
        "unknown behavioural level",
        _set("profiles.0.entries.0.behavioural_level", 7),
        "$.profiles[0].entries[0].behavioural_level",
        "has no behavioural level 7 (has [1, 2])",
    ),
    (
        "unknown cluster",
        _set("competencies.competencies.0.cluster", "taken"),
        "$.competencies.competencies[0].cluster",
        "unknown cluster 'taken'",
    ),
    (
        "profile entry without levels",
        _set("profiles.0.entries.0.levels", []),
        "$.profiles[0].entries[0].levels",
        "expected at least one level (or core = true)",
    ),
    (
        "negative weight",
        _set("criteria.1.weight", -1),
        "$.criteria[1].weight",
        "weight must be >= 0",
    ),
    (
        "weight not a number",
        _set("criteria.1.weight", "zwaar"),
        "$.criteria[1].weight",
        "expected a finite number, got 'zwaar'",
    ),
    (
        "classes not consecutive",
        _set("scale.levels.2.classes", [13, 15]),
        "$.scale.levels[2].classes",
        "classes [13, 15] are not consecutive",
    ),
    (
        "format version as string",
        _set("format_version", "1"),
        "$.format_version",
        "expected an integer, got '1'",
    ),
    (
        "newer format version",
        _set("format_version", 2),
        "$.format_version",
        "format version 2 needs a newer jobarchitecture",
    ),
    (
        "unknown translation language",
        _set("translations", [{"lang": "de", "note": "x"}]),
        "$.translations[0].lang",
        "expected 'fr' or 'en'",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "path", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_broken_file_reports_its_problem(
    tmp_path: Path, mutate: Mutation, path: str, fragment: str
) -> None:
    """Each kind of broken family file raises FamilyError naming the file, the path and what was expected."""
    data = copy.deepcopy(BASE)
    mutate(data)
    file = tmp_path / "broken.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ja.FamilyError) as info:
        ja.load_family(file)
    lines = str(info.value).splitlines()
    expected = [ln for ln in lines if ln.startswith(f"{file}: {path}: ") and fragment in ln]
    assert expected, f"no line '{file}: {path}: ...{fragment}...' in:\n" + "\n".join(lines)
    assert all(p.source == str(file) for p in info.value.problems)
    assert len(lines) == len(info.value.problems)


def test_catalogue_has_at_least_fifteen_distinct_kinds() -> None:
    """The catalogue covers at least 15 distinct kinds of broken family file."""
    assert len({c[0] for c in CASES}) >= 15
    assert len({(c[2], c[3]) for c in CASES}) == len(CASES)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    """Structural problems in several places are all reported in one error, not the first only."""
    data = copy.deepcopy(BASE)
    data["code"] = 3
    data["scale"]["extra"] = True
    data["criteria"][1]["weight"] = "zwaar"
    file = tmp_path / "many.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ja.FamilyError) as info:
        ja.load_family(file)
    paths = {p.path for p in info.value.problems}
    assert paths == {"$.code", "$.scale", "$.criteria[1].weight"}


def test_semantic_problems_are_all_reported(tmp_path: Path) -> None:
    """validate() lists every semantic problem: here an unknown level, a gap and a duplicate code."""
    data = copy.deepcopy(BASE)
    data["criteria"][0]["descriptors"][0]["levels"] = ["E"]
    data["criteria"][1]["descriptors"][0]["levels"] = ["D"]
    data["result_areas"].append(dict(data["result_areas"][0]))
    family = ja.family_from_data(data, "x.toml", check=False)
    problems = ja.validate(family, "x.toml")
    assert [p.path for p in problems] == [
        "$.result_areas[1]",
        "$.criteria[0].descriptors[0].levels[0]",
        "$.criteria[0].descriptors",
        "$.criteria[1].descriptors",
    ]


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("bad.toml", b"code = \n", "invalid TOML: "),
        ("bad.json", b'{"code": }', "invalid JSON: Expecting value (line 1, column 10)"),
        ("latin1.toml", 'code = "café"\n'.encode("latin-1"), "not UTF-8 text"),
        ("list.json", b"[1, 2]", "expected a table, got [1, 2]"),
        ("family.yaml", b"code: x", "unknown file type '.yaml' (expected .toml, .json)"),
    ],
)
def test_unparseable_file_gives_one_line(
    tmp_path: Path, name: str, content: bytes, fragment: str
) -> None:
    """A file that is not TOML/JSON text gives one line naming the file and the parse error."""
    file = tmp_path / name
    file.write_bytes(content)
    with pytest.raises(ja.FamilyError) as info:
        ja.load_family(file)
    (line,) = str(info.value).splitlines()
    assert line.startswith((f"{file}: $: ", f"{file}:1: $: "))
    assert fragment in line


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        ("bad.toml", b'code = "x"\n\n[scale\nname = "N"\n', 3),
        ("bad.json", b'{\n  "code": "x",\n  "name": }\n', 3),
        ("bad2.toml", b'code = "x"\nname = \n', 2),
    ],
)
def test_a_syntax_error_names_its_line(
    tmp_path: Path, cli: Callable[..., Run], name: str, content: bytes, line: int
) -> None:
    """A TOML or JSON syntax error carries the line the parser names, in its text
    (``file:3: ...``) and in ``validate --json``'s "line", as other problems do."""
    file = tmp_path / name
    file.write_bytes(content)
    with pytest.raises(ja.FamilyError) as info:
        ja.load_family(file)
    (problem,) = info.value.problems
    assert problem.line == line
    assert str(problem).startswith(f"{file}:{line}: $: invalid ")
    run = cli("validate", "--json", str(file))
    assert run.code == 1
    assert [p["line"] for p in json.loads(run.out)["problems"]] == [line]


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (
            b'code = "x"\nname = "A"\nname = "B"',
            3,
            "key 'name' is given twice in one table (first at line 2)",
        ),
        (
            b'code = "x"\nname = "A"\nname = "B"\n[scale]\nname = "N"\n',
            3,
            "key 'name' is given twice in one table (first at line 2)",
        ),
        (
            b'code = "x"\n[scale]\nname = "N"\n\n[scale]\n',
            5,
            "table [scale] is declared twice (first at line 2)",
        ),
        (
            b'code = "x"\n[scale.name]\nnl = "N"\n[scale]\nname = "N"\n',
            5,
            "key 'name' writes over the table [scale.name] declared at line 2: a key is "
            "either a value or a table, not both",
        ),
        (
            b'code = "x"\n[purpose]\nactivity = "iets doen\noutcome = "x"\n',
            3,
            'unterminated string: the closing " is missing on this line',
        ),
        (b'code = "x"\nname = "A', 2, "Unterminated string (at the end of the file)"),
        (
            b'code = "x"\nname = Griffiers\n',
            2,
            "the value of 'name' is text without quotes: write name = \"Griffiers\"",
        ),
        (
            b'code = "x"\n[x]\ncore = True\n',
            3,
            "the value of 'core' is written True: write true, in lower case",
        ),
        (
            b'code = "x"\n[[criteria]]\nweight = 1,5\n',
            3,
            "the line goes on after the value of 'weight' (',5'): write one key = value per "
            "line (a decimal number is written with a point: 2.5, not 2,5)",
        ),
        (
            b'code = "x"\nlevels = ["C",\n  "B"\nclauses = ["x"]\n',
            2,
            "the array levels = [ is not closed: the ] is missing before line 4",
        ),
        (
            b'code = "x"\nname = \'Niveau\nx = 1\n',
            2,
            "unterminated string: the closing ' is missing on this line",
        ),
    ],
)
def test_a_toml_slip_is_said_in_the_authors_words_at_its_line(
    tmp_path: Path, cli: Callable[..., Run], content: bytes, line: int, message: str
) -> None:
    """A key or table given twice names it, a missing closing quote says so, and a
    slip on the last line (which tomllib places "at end of document") has its line."""
    file = tmp_path / "familie.toml"
    file.write_bytes(content)
    run = cli("validate", str(file))
    assert run.code == 1
    assert run.out.splitlines() == [f"{file}:{line}: $: invalid TOML: {message}"]


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (
            'code = "x"\nscale.name = "Niveau"\n[scale.name]\nnl = "Niveau"\n',
            3,
            "table [scale.name] writes over 'scale.name', given a value at line 2",
        ),
        (
            'code = "x"\ncriteria = [{ code = "kennis" }]\n\n[criteria]\ncode = "b"\n',
            4,
            "table [criteria] writes over 'criteria', given a value at line 2",
        ),
        (
            'code = "x"\ncriteria = []\n[[criteria]]\ncode = "kennis"\n',
            3,
            "array of tables [[criteria]] writes over 'criteria', given a value at line 2",
        ),
        (
            'code = "x"\n[purpose]\nactivity = "a"\noutcome = "b"\n[purpose.activity]\nnl = "a"\n',
            5,
            "table [purpose.activity] writes over 'purpose.activity', given a value at line 3",
        ),
        (
            'code = "x"\n[[criteria]]\ncode = "a"\n[[criteria]]\nname = "N"\n[criteria.name]\n',
            6,
            "table [criteria.name] writes over 'criteria.name', given a value at line 5",
        ),
        (
            'scale = "Niveau"\n[scale.levels]\ncode = "D"\n',
            2,
            "table [scale.levels] writes over 'scale', given a value at line 1",
        ),
        (
            '[[criteria]]\ncode = "a"\n[criteria]\ncode = "b"\n',
            3,
            "table [criteria] is declared twice: line 1 declares [[criteria]], an array of "
            "tables (write each one as [[criteria]])",
        ),
        (
            'purpose.activity = "a"\n[purpose]\noutcome = "b"\n',
            2,
            "table [purpose] is declared twice: the dotted key at line 1 already declares "
            "'purpose' (write its keys under [purpose] instead)",
        ),
    ],
)
def test_a_header_over_a_value_names_both_lines(
    tmp_path: Path, cli: Callable[..., Run], content: str, line: int, message: str
) -> None:
    """A table header opening a name already given a value (``[criteria]`` after
    ``criteria = [...]``) names the header's line and the line of the value, in
    the author's words, not tomllib's "Cannot overwrite a value"."""
    file = tmp_path / "familie.toml"
    file.write_text(content, encoding="utf-8")
    run = cli("validate", str(file))
    assert run.code == 1
    (said,) = run.out.splitlines()
    assert said.startswith(f"{file}:{line}: $: invalid TOML: {message}")
    with pytest.raises(ja.FamilyError) as info:
        ja.loads_family(content, format="toml")
    assert info.value.problems[0].line == line


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (
            '[criteria]\ncode = "a"\n[[criteria]]\ncode = "b"\n',
            3,
            "array of tables [[criteria]] is declared twice: line 1 declares [criteria], "
            "one table (write each one as [[criteria]])",
        ),
        (
            '[scale]\n[scale.levels]\ncode = "D"\n[scale.levels]\ncode = "C"\n',
            4,
            "table [scale.levels] is declared twice (first at line 2; write each one as "
            "[[scale.levels]])",
        ),
        (
            '[[purpose]]\nactivity = "a"\n[purpose]\noutcome = "b"\n',
            3,
            "table [purpose] is declared twice: line 1 declares [[purpose]], an array of "
            "tables (write it as one [purpose] table)",
        ),
    ],
)
def test_mixed_brackets_are_told_what_the_format_wants(
    tmp_path: Path, cli: Callable[..., Run], content: str, line: int, message: str
) -> None:
    """A name declared with [x] and [[x]] is told to write it as the format has it:
    every criterion and level as a [[...]] table, the purpose as one [purpose]."""
    file = tmp_path / "familie.toml"
    file.write_text(content, encoding="utf-8")
    run = cli("validate", str(file))
    assert run.out.splitlines() == [f"{file}:{line}: $: invalid TOML: {message}"]


@pytest.mark.parametrize(
    ("content", "line", "bracket"),
    [('{"code": "x",\n "name": "y",\n}', 2, "}"), ('{"code": "x",\n "tasks": [1, 2,\n]}', 2, "]")],
)
def test_a_trailing_comma_in_json_is_named_at_its_line(
    cli: Callable[..., Run], tmp_path: Path, content: str, line: int, bracket: str
) -> None:
    """A comma before a closing bracket, which JSON refuses, is said as that, at the
    comma's line, not as JSON's "Expecting property name" at the bracket's."""
    file = tmp_path / "familie.json"
    file.write_text(content, encoding="utf-8")
    assert cli("validate", str(file)).out.splitlines() == [
        f"{file}:{line}: $: invalid JSON: a comma before {bracket!r} ends no item: remove it "
        "(JSON allows none)"
    ]


def test_missing_file_is_a_family_error(tmp_path: Path) -> None:
    """A missing file is reported as a problem of that file, not an OSError traceback."""
    file = tmp_path / "nowhere.toml"
    with pytest.raises(ja.FamilyError, match=r"nowhere\.toml: \$: cannot read file: No such file"):
        ja.load_family(file)


def test_newer_format_version_keeps_its_data() -> None:
    """A family needing a newer core raises FormatVersionError with the found and supported versions."""
    data = copy.deepcopy(BASE)
    data["format_version"] = 7
    with pytest.raises(ja.FormatVersionError) as info:
        ja.family_from_data(data, "new.toml")
    assert (info.value.found, info.value.supported) == (7, ja.FORMAT_VERSION)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("path", [3, None, b"examples/voorbeeld.toml", ["examples/voorbeeld.toml"]])
def test_a_path_of_the_wrong_type_is_a_type_error_naming_the_argument(path: object) -> None:
    """load_family and save_family refuse a path that is no str or os.PathLike with a
    TypeError naming 'path' and the type given, as classify and validate name theirs."""
    message = rf"^'path' must be a file path, str or os\.PathLike \(got {type(path).__name__}\)$"
    with pytest.raises(TypeError, match=message):
        ja.load_family(path)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=message):
        ja.save_family("ondersteuners", path)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("leeg.toml", "", "the file is empty"),
        ("leeg.json", " \n", "the file is empty"),
        ("commentaar.toml", "# nog in te vullen\n", "no keys at all"),
        ("leeg.json", "{}", "no keys at all"),
    ],
)
def test_an_empty_family_file_is_one_problem(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    """An empty file, or one without keys, is one line saying so and what a family
    needs, not five 'required key missing' lines (TOML) or 'Expecting value' (JSON)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    line = (
        f"{path}: $: {message}: a family needs at least code, name, government, scale and purpose"
    )
    assert [str(p) for p in ja.validate(path)] == [line]
    with pytest.raises(ja.FamilyError) as error:
        ja.load_family(path)
    assert str(error.value) == line


def test_a_long_header_over_a_value_is_said_short() -> None:
    """A table header of 40 KB written over a value is named cut short, not said again
    whole, and still names both lines."""
    name = "a." + "b" * 40_000
    with pytest.raises(ja.FamilyError) as info:
        ja.loads_family(f"{name} = 1\n[{name}]\n", format="toml")
    (problem,) = info.value.problems
    assert problem.line == 2
    assert "given a value at line 1" in problem.message
    assert len(problem.message) < 400
