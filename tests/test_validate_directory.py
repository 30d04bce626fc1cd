"""`validate(DIR)` checks a family or plugin directory as `jobarchitecture validate DIR`
does, so that a plugin's own tests can check the whole plugin."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import jobarchitecture as ja

from .conftest import EXAMPLE, Run

TEXT = EXAMPLE.read_text(encoding="utf-8")


def _plugin(cli: Callable[..., Run], tmp_path: Path, name: str) -> tuple[Path, Path]:
    """A scaffolded plugin: its root directory and its family file."""
    assert cli("new-plugin", name, "--dir", str(tmp_path)).code == 0
    root = tmp_path / name
    return root, root / "src" / f"jobarchitecture_{name}" / "family.toml"


def test_a_directory_gives_the_lines_validate_dir_prints(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A directory with a good file and one not named after its code gives exactly the
    problem `validate DIR` prints, naming the misnamed file."""
    directory = tmp_path / "eigen"
    directory.mkdir()
    shutil.copy(EXAMPLE, directory / "voorbeeld.toml")
    shutil.copy(EXAMPLE, directory / "mijnfamilie.toml")
    problems = ja.validate(directory)
    assert [str(p) for p in problems] == [
        f"{directory / 'mijnfamilie.toml'}:3: $.code: file name 'mijnfamilie.toml' does not "
        "match the family code 'voorbeeld' (expected voorbeeld.toml, as JOBARCHITECTURE_PATH "
        "looks it up by name)"
    ]
    run = cli("validate", str(directory))
    assert run.code == 1
    assert run.out.splitlines() == [str(p) for p in problems]
    assert ja.validate(str(directory)) == problems
    assert ja.validate(directory / "mijnfamilie.toml") == []  # a file named alone


def test_an_empty_directory_is_one_problem_worded_as_the_cli_error(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A directory with no family files (a pyproject.toml is none) is one problem whose
    message is the error `validate DIR` prints."""
    directory = tmp_path / "leeg"
    directory.mkdir()
    (directory / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    message = f"no family files (*.toml, *.json) in directory {directory}"
    assert ja.validate(directory) == [ja.Problem(str(directory), "$", message)]
    run = cli("validate", str(directory))
    assert (run.code, run.out, run.err_lines) == (2, "", [f"jobarchitecture: error: {message}"])


def test_a_plugin_whose_family_file_is_misnamed_names_it(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A plugin whose family file is not named family.toml has no family files, and
    the one problem names the file that is not one, for validate() and the CLI alike."""
    root, data = _plugin(cli, tmp_path, "stadsdiensten")
    data.rename(data.with_name("familie.toml"))
    message = (
        f"no family files (*.toml, *.json) in directory {root} (below it, only family.toml "
        "or family.json are family files, as in a plugin's package; not "
        f"{Path('src', 'jobarchitecture_stadsdiensten', 'familie.toml')})"
    )
    assert ja.validate(root) == [ja.Problem(str(root), "$", message)]
    run = cli("validate", str(root))
    assert (run.code, run.out, run.err_lines) == (2, "", [f"jobarchitecture: error: {message}"])


def test_a_plugin_directory_whose_code_is_not_its_entry_points_name(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """`validate(PLUGIN_DIR)` passes a scaffolded plugin and, once its family.toml has
    another code than its entry point, returns the problem `validate PLUGIN_DIR` prints."""
    root, data = _plugin(cli, tmp_path, "stadsdiensten")
    assert ja.validate(root) == []
    assert ja.validate(root / "src") == []
    data.write_text(
        data.read_text(encoding="utf-8").replace('code = "stadsdiensten"', 'code = "stadsdienst"'),
        encoding="utf-8",
    )
    (problem,) = ja.validate(root)
    assert (problem.source, problem.path) == (str(data), "$.code")
    assert "is not the name of its entry point 'stadsdiensten'" in problem.message
    assert cli("validate", str(root)) == Run(1, f"{problem}\n", "")


def test_the_problems_of_a_directory_are_those_validate_dir_json_lists(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """Every problem of a directory of broken, misnamed and plugin files, with file, path,
    message and line, is one `validate DIR --json` lists, in its order."""
    directory = tmp_path / "gemengd"
    (directory / "plugin" / "src" / "jobarchitecture_x").mkdir(parents=True)
    broken = TEXT.replace('levels = ["D", "C"]', 'levels = ["D", "E"]', 1)
    (directory / "voorbeeld.toml").write_text(broken, encoding="utf-8")
    (directory / "anders.json").write_text("{", encoding="utf-8")
    shutil.copy(EXAMPLE, directory / "verkeerd.toml")
    (directory / "plugin" / "pyproject.toml").write_text(
        '[project.entry-points."jobarchitecture.families"]\nx = "jobarchitecture_x"\n',
        encoding="utf-8",
    )
    shutil.copy(EXAMPLE, directory / "plugin" / "src" / "jobarchitecture_x" / "family.toml")
    problems = ja.validate(directory)
    run = cli("validate", "--json", str(directory))
    assert run.code == 1
    listed = json.loads(run.out)["problems"]
    assert [
        {"file": p.source, "path": p.path, "message": p.message, "line": p.line} for p in problems
    ] == listed
    assert {p.source for p in problems} == {
        str(directory / name)
        for name in (
            "voorbeeld.toml",
            "anders.json",
            "verkeerd.toml",
            "plugin/src/jobarchitecture_x/family.toml",
        )
    }
    assert any(p.line is not None for p in problems)


def test_a_bare_directory_name_is_a_directory_when_no_family_has_that_code(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`validate(".")` in a plugin checks the plugin, as `validate .` does: a name that is
    no family's code is the directory of that name."""
    root, data = _plugin(cli, tmp_path, "stadsdiensten")
    data.write_text(
        data.read_text(encoding="utf-8").replace('code = "stadsdiensten"', 'code = "stadsdienst"'),
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    (problem,) = ja.validate(".")
    assert problem.source == str(Path("src", "jobarchitecture_stadsdiensten", "family.toml"))
    assert cli("validate", ".") == Run(1, f"{problem}\n", "")
    assert ja.validate("src") == [problem]
    with pytest.raises(ja.UnknownFamilyError):
        ja.validate("nergens")


def test_a_directory_takes_no_source(tmp_path: Path) -> None:
    """`source` names one family's problems; a directory's name their own files, so
    giving one with a directory is refused."""
    with pytest.raises(TypeError, match="'source' cannot go with a directory"):
        ja.validate(tmp_path, "x")
