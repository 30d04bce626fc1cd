"""Validation catches what family authors get wrong, with a did-you-mean and the line."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture._lines import key_lines, line_of, table_lines

from .conftest import EXAMPLE, Run

TEXT = EXAMPLE.read_text(encoding="utf-8")


def _problems(tmp_path: Path, text: str) -> list[ja.Problem]:
    path = tmp_path / "voorbeeld.toml"
    path.write_text(text, encoding="utf-8")
    return ja.validate(path)


def _line(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the *occurrence*-th line equal to *needle*."""
    found = [i for i, line in enumerate(text.splitlines(), 1) if line == needle]
    return found[occurrence - 1]


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (
            ('name = "Contacten"', 'name = "kennis"'),
            "$.criteria[1].name",
            "criterion name 'kennis' is also the name of criteria[0] ('kennis')",
        ),
        (
            ('name = "Contacten"', 'name = "Kennis"'),
            "$.criteria[1].name",
            "criterion name 'Kennis' is also the name of criteria[0] ('kennis')",
        ),
        (
            ('rule = "lower_median"', 'rule = "lower_medain"'),
            "$.rule",
            "unknown rule 'lower_medain'",
        ),
        (
            ('clauses = ["Basiskennis is vereist."]', 'clauses = ["Basiskennis", "OF", "Iets"]'),
            "$.criteria[0].descriptors[0].clauses[1]",
            "clause text 'OF' is a connective, not a clause",
        ),
        (
            ('clauses = ["Basiskennis is vereist."]', 'clauses = ["Basiskennis is vereist. (RG)"]'),
            "$.criteria[0].descriptors[0].clauses[0]",
            "clause text ends in '(RG)'",
        ),
        (
            ('connector = "teneinde"', 'connector = "ten einde"'),
            "$.purpose.connector",
            "unknown connector 'ten einde' (connectors: 'met als doel', 'teneinde'); "
            "did you mean 'teneinde'?",
        ),
    ],
)
def test_author_mistakes_are_problems(
    tmp_path: Path, change: tuple[str, str], path: str, message: str
) -> None:
    """Each mistake is one problem at its path, and the rest of the file is still checked."""
    text = TEXT.replace(*change, 1)
    assert text != TEXT
    problems = _problems(tmp_path, text)
    assert [p.path for p in problems] == [path]
    assert message in problems[0].message


@pytest.mark.parametrize(
    ("connective", "fix"),
    [
        ("OF", 'remove it and write join = "or" on the descriptor (one clause suffices, OF)'),
        ("ou", 'remove it and write join = "or" on the descriptor (one clause suffices, OF)'),
        (
            "EN",
            'remove it and write join = "and" on the descriptor '
            "(every clause holds, EN, the default)",
        ),
    ],
)
def test_a_connective_written_as_a_clause_says_which_join_to_write(
    cli: Callable[..., Run], tmp_path: Path, connective: str, fix: str
) -> None:
    """`validate` answers ["a", "OF", "b"] with the one edit that fixes it: drop the
    clause and write the join that connective means, at the descriptor's line."""
    text = TEXT.replace(
        'clauses = ["Basiskennis is vereist."]',
        f'clauses = ["Basiskennis", "{connective}", "Iets"]',
    )
    path = tmp_path / "voorbeeld.toml"
    path.write_text(text, encoding="utf-8")
    run = cli("validate", str(path))
    assert run.code == 1
    line = _line(text, "[[criteria.descriptors]]", 1)
    assert run.out.splitlines() == [
        f"{path}:{line}: $.criteria[0].descriptors[0].clauses[1]: clause text "
        f"{connective!r} is a connective, not a clause: {fix}"
    ]


@pytest.mark.parametrize(
    ("header", "written", "at", "expected", "fix"),
    [
        (
            "[purpose]",
            "[[purpose]]",
            "$.purpose",
            "expected a table (Purpose), got an array of tables ",
            ": write it as one [purpose] table, not [[purpose]]",
        ),
        (
            "[[result_areas]]",
            "[result_areas]",
            "$.result_areas",
            "expected an array of tables, got one table ",
            ": write each one as a [[result_areas]] table, not [result_areas]",
        ),
    ],
)
def test_a_table_header_with_the_wrong_brackets_says_which_to_write(
    cli: Callable[..., Run],
    tmp_path: Path,
    header: str,
    written: str,
    at: str,
    expected: str,
    fix: str,
) -> None:
    """`[x]` where the format has `[[x]]` (or the other way round) is one line, at
    that header's line, naming the header to write; not only "expected an array"."""
    line = _line(TEXT, header)
    text = TEXT.replace(f"\n{header}\n", f"\n{written}\n", 1)
    path = tmp_path / "voorbeeld.toml"
    path.write_text(text, encoding="utf-8")
    run = cli("validate", str(path))
    assert run.code == 1
    (problem,) = run.out.splitlines()
    assert problem.startswith(f"{path}:{line}: {at}: {expected}")
    assert problem.endswith(fix)


def test_an_array_of_tables_without_its_own_header_names_the_header_to_write(
    tmp_path: Path,
) -> None:
    """Only [[criteria.descriptors]], without the [[criteria]] they belong to, is one
    problem at the first such header's line, naming [[criteria]]."""
    text = TEXT.split("\n[[criteria]]\n", 1)[0] + (
        '\n[[criteria.descriptors]]\nlevels = ["D"]\nclauses = ["x"]\n'
    )
    (problem,) = _problems(tmp_path, text)
    assert (problem.path, problem.line) == ("$.criteria", _line(text, "[[criteria.descriptors]]"))
    assert problem.message.startswith("expected an array of tables, got one table ")
    assert problem.message.endswith(": write each one as a [[criteria]] table")


def test_problems_are_listed_in_the_order_of_the_file(tmp_path: Path) -> None:
    """Problems found by different checks (a connector, a level, a duplicate code)
    are listed top to bottom, as the file has them, not check by check."""
    text = TEXT.replace('connector = "teneinde"', 'connector = "ten einde"', 1)
    text = text.replace('levels = ["D", "C"]', 'levels = ["D", "X"]', 1)
    text = text.replace('code = "contacten"', 'code = "kennis"', 1)
    text = text.replace('rule = "lower_median"', 'rule = "lower_medain"', 1)
    problems = _problems(tmp_path, text)
    assert [p.path for p in problems] == [
        "$.rule",
        "$.purpose.connector",
        "$.criteria[1].descriptors[0].levels[1]",
        "$.criteria[1].descriptors",
        "$.criteria[1]",
    ]
    lines = [p.line for p in problems[1:3]]
    assert lines == sorted(lines)


def test_a_span_written_backwards_is_one_line_saying_how_to_write_it(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """`validate` answers a span written highest first with one line, at its table's line,
    naming the order to write, like `classify` does for a rating."""
    text = TEXT.replace('levels = ["D", "C"]', 'levels = ["C", "D"]', 1)
    path = tmp_path / "voorbeeld.toml"
    path.write_text(text, encoding="utf-8")
    run = cli("validate", str(path))
    assert run.code == 1
    line = _line(text, "[[criteria.descriptors]]", 3)
    assert run.out.splitlines() == [
        f"{path}:{line}: $.criteria[1].descriptors[0].levels: span ['C', 'D'] runs backwards "
        "('D' is below 'C'): write the lowest level first, ['D', 'C']"
    ]


def test_a_level_twice_in_one_span_is_not_also_an_overlap_with_itself(tmp_path: Path) -> None:
    """A span listing a level twice is one problem, not also 'already covered' by itself."""
    text = TEXT.replace('levels = ["D", "C"]', 'levels = ["D", "D", "C"]', 1)
    (problem,) = _problems(tmp_path, text)
    assert problem.message == "level 'D' listed twice in span ['D', 'D', 'C']"


def test_a_criterion_named_like_another_ones_code_is_a_problem(tmp_path: Path) -> None:
    """A criterion whose name folds to another criterion's code is reported at its name."""
    text = TEXT.replace('name = "Kennis"', 'name = "Basiskennis"', 1)
    text = text.replace('name = "Contacten"', 'name = "KENNIS"', 1)
    (problem,) = _problems(tmp_path, text)
    assert problem.path == "$.criteria[1].name"
    assert "criterion name 'KENNIS' is also the code of criteria[0] ('kennis')" in problem.message


@pytest.mark.parametrize(
    "name", ['name = "Contacten"', 'name = "Kennis"'], ids=["own name", "same name"]
)
def test_a_criterion_code_given_twice_is_one_line(
    cli: Callable[..., Run], tmp_path: Path, name: str
) -> None:
    """A second criterion with the first one's code (its name its own, or pasted too)
    is one line, the duplicate; not also its name or code meeting the first one's."""
    text = TEXT.replace('code = "contacten"\nname = "Contacten"', f'code = "kennis"\n{name}', 1)
    path = tmp_path / "voorbeeld.toml"
    path.write_text(text, encoding="utf-8")
    run = cli("validate", str(path))
    line = _line(text, "[[criteria]]", 2)
    assert (run.code, run.out) == (
        1,
        f"{path}:{line}: $.criteria[1]: duplicate criterion code 'kennis': "
        "criteria[0] already has it\n",
    )


def test_a_level_code_given_twice_is_not_also_a_span_that_skips_it(tmp_path: Path) -> None:
    """A scale listing level C twice is the duplicate, then each place naming the level B
    it lost; a span D..C is still the adjacent levels it was, not one skipping C."""
    text = TEXT.replace('code = "B"\nname = "Niveau B"', 'code = "C"\nname = "Niveau B"', 1)
    problems = _problems(tmp_path, text)
    assert [p.message for p in problems[:2]] == [
        "duplicate level code 'C': levels[1] already has it",
        "unknown level 'B' (levels: D, C)",
    ]
    assert not [p for p in problems if "skips" in p.message]


def test_a_misspelt_rule_gets_a_did_you_mean(tmp_path: Path) -> None:
    """An unknown rule lists the rules and names the closest one."""
    (problem,) = _problems(tmp_path, TEXT.replace('"lower_median"', '"lower_medain"', 1))
    assert "did you mean 'lower_median'?" in problem.message
    for name in ja.rule_names():
        assert name in problem.message


def test_an_unknown_key_gets_a_did_you_mean_and_its_tables_line(tmp_path: Path) -> None:
    """`behavioral_level` is answered with `behavioural_level`, at the line of its table."""
    text = TEXT.replace("behavioural_level", "behavioral_level", 1)
    problems = _problems(tmp_path, text)
    (problem,) = problems
    assert problem.path == "$.profiles[0].entries[0]"
    assert "unknown key(s) 'behavioral_level' (did you mean 'behavioural_level'?)" in (
        problem.message
    )
    assert problem.line == _line(text, "[[profiles.entries]]")
    assert str(problem).startswith(f"{tmp_path / 'voorbeeld.toml'}:{problem.line}: $.profiles")


def test_an_unknown_top_level_key_names_its_own_line(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A misspelt top-level key (`goverment`), which has no table header above it,
    names the line where it is written, as every other top-level key's problem does."""
    text = TEXT.replace("government =", "goverment =", 1)
    path = tmp_path / "voorbeeld.toml"
    path.write_text(text, encoding="utf-8")
    run = cli("validate", str(path))
    assert run.code == 1
    (line,) = run.out.splitlines()
    assert line.startswith(
        f"{path}:{text[: text.index('goverment =')].count(chr(10)) + 1}: $: "
        "unknown key(s) 'goverment' "
        "(did you mean 'government'? it is required)"
    )


def test_an_unknown_top_level_table_names_its_first_header(tmp_path: Path) -> None:
    """A misspelt top-level key written only through its tables (`[[profile.entries]]`
    for `[[profiles.entries]]`) names the line of its first header."""
    text = TEXT.replace("[[profiles.entries]]", "[[profile.entries]]")
    problems = [p for p in _problems(tmp_path, text) if "'profile'" in p.message]
    assert [(p.path, p.line) for p in problems] == [("$", _line(text, "[[profile.entries]]"))]


def test_a_level_alias_naming_another_level_is_reported_at_the_alias(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """An alias that is another level's code is a problem of the alias (at its level's
    line), naming both levels, not of the level whose code it took."""
    text = TEXT.replace('code = "D"\n', 'code = "D"\naliases = ["Niveau D", "C"]\n', 1)
    path = tmp_path / "voorbeeld.toml"
    path.write_text(text, encoding="utf-8")
    run = cli("validate", str(path))
    assert run.code == 1
    assert run.out.splitlines() == [
        f"{path}:{_line(text, '[[scale.levels]]')}: $.scale.levels[0].aliases[1]: alias 'C' of "
        "level 'D' also names level 'C' (its code 'C'): a name or alias may name one level only"
    ]


def test_an_unknown_competency_lists_the_known_ones(tmp_path: Path) -> None:
    """A profile entry naming a competency the dictionary lacks, with none close to it,
    is told which competencies there are."""
    (problem,) = _problems(
        tmp_path, TEXT.replace('competency = "analyseren"', 'competency = "plannen"', 1)
    )
    assert problem.message == "unknown competency 'plannen' (competencies: analyseren)"


def test_an_unknown_reference_gets_a_did_you_mean(tmp_path: Path) -> None:
    """A profile entry naming a misspelt competency is told the competency meant."""
    family = ja.load_family(EXAMPLE)
    code = family.profiles[0].entries[0].competency
    text = TEXT.replace(f'competency = "{code}"', f'competency = "{code}x"', 1)
    problems = _problems(tmp_path, text)
    assert any(f"did you mean {code!r}?" in p.message for p in problems)


def test_problems_name_the_line_of_their_table(tmp_path: Path) -> None:
    """A problem inside the second criterion's first descriptor names that table's line."""
    text = TEXT.replace('levels = ["D", "C"]', 'levels = ["D", "E"]', 1)
    problems = _problems(tmp_path, text)
    unknown = next(p for p in problems if "unknown level 'E'" in p.message)
    assert unknown.path.startswith("$.criteria[1].descriptors[0]")
    assert unknown.line == _line(text, "[[criteria.descriptors]]", 3)


def test_a_top_level_problem_names_the_line_of_its_key(tmp_path: Path) -> None:
    """A problem of a top-level key (before any table) names the line that sets it."""
    text = TEXT.replace('code = "voorbeeld"', 'code = "Voorbeeld"', 1)
    (problem,) = _problems(tmp_path, text)
    assert problem.line == _line(text, 'code = "Voorbeeld"')
    assert str(problem).startswith(f"{tmp_path / 'voorbeeld.toml'}:{problem.line}: $.code: ")


def test_key_lines_skip_multi_line_strings_and_stop_at_the_first_table() -> None:
    text = (
        'code = "x"\nnote = """\nrule = "not a key"\n"""\nrule = "weighted"\n[scale]\nname = "N"\n'
    )
    assert key_lines(text) == {"$.code": 1, "$.note": 2, "$.rule": 5}


def test_key_lines_of_a_table_with_a_quoted_dotted_name() -> None:
    """The keys of one table, named as TOML quotes a dotted part (a pyproject's group)."""
    text = (
        '[project]\nname = "x"\n[project.entry-points."jobarchitecture.families"]\n'
        '# a comment\nmijn = "pkg"\n"andere" = "pkg2"\n[tool.x]\nmijn = 1\n'
    )
    table = "$.project.entry-points.jobarchitecture.families"
    assert key_lines(text, table) == {f"{table}.mijn": 5, f"{table}.andere": 6}
    assert table_lines(text)[table] == 3


def test_validate_dir_flags_a_file_not_named_after_its_code(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """In `validate DIR`, a file whose name is not its code is a problem; a plugin's
    family.toml is not."""
    directory = tmp_path / "eigen"
    directory.mkdir()
    shutil.copy(EXAMPLE, directory / "mijnfamilie.toml")
    (directory / "plugin").mkdir()
    shutil.copy(EXAMPLE, directory / "plugin" / "family.toml")
    run = cli("validate", "--json", str(directory))
    assert run.code == 1
    data = json.loads(run.out)
    (problem,) = data["problems"]
    assert problem["file"] == str(directory / "mijnfamilie.toml")
    assert problem["path"] == "$.code"
    assert "does not match the family code 'voorbeeld'" in problem["message"]
    assert cli("validate", str(directory / "mijnfamilie.toml")).code == 0  # a file named alone


@given(
    shape=st.lists(st.integers(0, 3), max_size=5),
    fake=st.booleans(),
)
def test_table_lines_map_every_table_to_its_header(shape: list[int], fake: bool) -> None:
    """For any nesting of [[criteria]] and [[criteria.descriptors]], each table's path maps
    to its header's line, and a header inside a multi-line string is not a table."""
    lines = ['code = "x"', "[scale]", 'name = "Niveau"']
    expected = {"$.scale": 2}
    for i, descriptors in enumerate(shape):
        lines += ["[[criteria]]", f'code = "c{i}"']
        expected[f"$.criteria[{i}]"] = len(lines) - 1
        if fake:
            lines += ['note = """', "[[criteria]]", '"""']
        for j in range(descriptors):
            lines += ["  [[criteria.descriptors]]  # a comment", 'levels = ["D"]']
            expected[f"$.criteria[{i}].descriptors[{j}]"] = len(lines) - 1
    assert table_lines("\n".join(lines)) == expected
    for path, number in expected.items():
        assert line_of(f"{path}.levels[0]", expected) == number
    assert line_of("$.code", expected) is None


def test_a_plugins_toml_problems_name_their_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken family.toml inside a plugin package names the line of the table in trouble."""
    import importlib

    from .test_registry import FakeEntryPoint, _package

    text = TEXT.replace('levels = ["D", "C"]', 'levels = ["D", "E"]', 1)
    _package(tmp_path, monkeypatch, "ja_test_pkg_lines", text)
    registry = ja.Registry(
        entry_points=[
            FakeEntryPoint(
                "voorbeeld",
                "ja_test_pkg_lines",
                lambda: importlib.import_module("ja_test_pkg_lines"),
            )
        ],
        paths=[],
    )
    with pytest.raises(ja.FamilyError) as info:
        registry.get("voorbeeld")
    (problem,) = [p for p in info.value.problems if "unknown level 'E'" in p.message]
    assert problem.line == _line(text, "[[criteria.descriptors]]", 3)
    data = os.path.realpath(tmp_path / "site" / "ja_test_pkg_lines" / "family.toml")
    assert str(problem).startswith(f"{data}:{problem.line}: $.criteria[1]")


def test_validate_takes_the_code_of_an_installed_family(
    cli: Callable[..., Run], families: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`validate CODE` checks the installed family of that code, as every other command
    takes a code where it takes a file; a code not known gets a did-you-mean."""
    monkeypatch.chdir(tmp_path)
    text = TEXT.replace('code = "voorbeeld"', 'code = "kapot"', 1)
    text = text.replace('levels = ["D", "C"]', 'levels = ["D", "E"]', 1)
    (families / "kapot.toml").write_text(text, encoding="utf-8")
    assert cli("validate", "voorbeeld") == Run(0, "", "")
    run = cli("validate", "kapot")
    assert run.code == 1
    line = _line(text, "[[criteria.descriptors]]", 3)
    assert run.out.splitlines()[0] == (
        f"{families / 'kapot.toml'}:{line}: $.criteria[1].descriptors[0].levels[1]: "
        "unknown level 'E' (levels: D, C, B)"
    )
    assert [p.path for p in ja.validate("kapot")] == [
        "$.criteria[1].descriptors[0].levels[1]",
        "$.criteria[1].descriptors",
    ]
    run = cli("validate", "voorbeelt")
    assert run.code == 2
    assert run.err_lines == [
        "jobarchitecture: error: no such file, directory or installed family: voorbeelt; "
        "did you mean 'voorbeeld'?"
    ]


def test_a_misspelt_required_key_is_one_problem(cli: Callable[..., Run], tmp_path: Path) -> None:
    """`clauzes` for the required `clauses` is one line, whose did-you-mean says the key
    is required, not also a second line saying it is missing."""
    text = TEXT.replace('clauses = ["Advies geven."]', 'clauzes = ["Advies geven."]', 1)
    path = tmp_path / "voorbeeld.toml"
    path.write_text(text, encoding="utf-8")
    run = cli("validate", str(path))
    assert run.code == 1
    assert run.out.splitlines() == [
        f"{path}:{_line(text, '[[criteria.descriptors]]', 4)}: $.criteria[1].descriptors[1]: "
        "unknown key(s) 'clauzes' (did you mean 'clauses'? it is required) "
        "(keys: levels, clauses, join, inferred)"
    ]
