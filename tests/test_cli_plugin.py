"""`jobarchitecture new-plugin`: a scaffold whose family validates, and which installs
and is discovered as is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

import jobarchitecture as ja
from jobarchitecture._cli import main
from jobarchitecture._cli._cmd_new_plugin import requirement, slug


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_scaffold_has_every_file_and_its_family_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`new-plugin` writes pyproject (with the entry point), package, family file,
    README and test; `validate` passes the family file."""
    code, out, _ = _run(capsys, "new-plugin", "Mijn familie", "--dir", str(tmp_path))
    assert code == 0
    root = tmp_path / "mijn_familie"
    expected = [
        root / "pyproject.toml",
        root / "README.md",
        root / "src" / "jobarchitecture_mijn_familie" / "__init__.py",
        root / "src" / "jobarchitecture_mijn_familie" / "family.toml",
        root / "tests" / "test_family.py",
    ]
    assert out.splitlines() == [str(p) for p in expected]
    project = tomllib.loads(expected[0].read_text(encoding="utf-8"))
    assert project["project"]["name"] == "jobarchitecture-mijn-familie"
    assert project["project"]["entry-points"]["jobarchitecture.families"] == {
        "mijn_familie": "jobarchitecture_mijn_familie"
    }
    assert project["project"]["dependencies"] == [requirement()]
    family = ja.load_family(expected[3])
    assert family.code == "mijn_familie"
    assert "TODO" in family.name.nl
    compile(expected[4].read_text(encoding="utf-8"), str(expected[4]), "exec")
    assert _run(capsys, "validate", str(root)) == (0, "", "")
    # The core is on no package index yet: the README links to no index page.
    readme = expected[1].read_text(encoding="utf-8")
    assert "not on a package index yet" in readme
    assert "pypi.org" not in readme
    # Bare `pip` and `jobarchitecture` are the virtual environment's only once it is
    # active: the README says so, naming the one jobarchitecture's README makes.
    assert "in the\nvirtual environment that has jobarchitecture, activated" in readme
    assert "`. ~/venvs/ja/bin/activate`" in readme


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_scaffold_directory_has_the_usual_mode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The scaffold's directory gets the mode mkdir would give it (0755 under umask 022),
    not the 0700 of a temporary directory, so a team or a build user can read it."""
    umask = os.umask(0o022)
    try:
        code, _, _ = _run(capsys, "new-plugin", "gedeeld", "--dir", str(tmp_path))
    finally:
        os.umask(umask)
    assert code == 0
    assert (tmp_path / "gedeeld").stat().st_mode & 0o777 == 0o755


def test_validate_a_plugin_whose_code_is_not_its_entry_points_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`validate PLUGIN_DIR` (and the family file alone) reports a code that differs from
    the entry point's name in pyproject.toml, which would install as a broken family."""
    assert _run(capsys, "new-plugin", "stadsdiensten", "--dir", str(tmp_path))[0] == 0
    root = tmp_path / "stadsdiensten"
    data = root / "src" / "jobarchitecture_stadsdiensten" / "family.toml"
    data.write_text(
        data.read_text(encoding="utf-8").replace('code = "stadsdiensten"', 'code = "stadsdienst"'),
        encoding="utf-8",
    )
    expected = (
        f"{data}:6: $.code: family code 'stadsdienst' is not the name of its entry point "
        f"'stadsdiensten' in {root / 'pyproject.toml'} (expected code = \"stadsdiensten\": "
        "the installed family is found by its entry point's name)\n"
    )
    assert _run(capsys, "validate", str(root)) == (1, expected, "")
    assert _run(capsys, "validate", str(data)) == (1, expected, "")


def test_validate_from_python_checks_a_plugins_code_against_its_entry_point(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`ja.validate(family_file)` of a plugin whose code is not its entry point's name
    returns the problem `validate` prints, so a plugin's own tests can catch it."""
    assert _run(capsys, "new-plugin", "stadsdiensten", "--dir", str(tmp_path))[0] == 0
    root = tmp_path / "stadsdiensten"
    data = root / "src" / "jobarchitecture_stadsdiensten" / "family.toml"
    assert ja.validate(data) == []
    data.write_text(
        data.read_text(encoding="utf-8").replace('code = "stadsdiensten"', 'code = "stadsdienst"'),
        encoding="utf-8",
    )
    (problem,) = ja.validate(data)
    assert (problem.source, problem.path) == (str(data), "$.code")
    assert f"{problem}\n" == _run(capsys, "validate", str(data))[1]
    assert "is not the name of its entry point 'stadsdiensten'" in problem.message


def test_validate_a_plugin_whose_entry_point_names_no_package_of_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An entry point naming a misspelt package (which would install and then not
    import) is one problem of pyproject.toml, at its line, naming the package to
    write; from the command line and from validate() alike."""
    _run(capsys, "new-plugin", "typo", "--dir", str(tmp_path))
    root = tmp_path / "typo"
    project = root / "pyproject.toml"
    text = project.read_text(encoding="utf-8")
    wrong = text.replace('typo = "jobarchitecture_typo"', 'typo = "jobarchitecture_tyop"')
    assert wrong != text
    project.write_text(wrong, encoding="utf-8")
    line = wrong.splitlines().index('typo = "jobarchitecture_tyop"') + 1
    expected = (
        f'{project}:{line}: project.entry-points."jobarchitecture.families".typo: entry point '
        'typo = "jobarchitecture_tyop" names no package of this project, so the installed '
        'family could not be imported (expected typo = "jobarchitecture_typo", the package '
        "that holds family.toml)"
    )
    assert _run(capsys, "validate", str(root)) == (1, expected + "\n", "")
    assert [str(p) for p in ja.validate(root / "src")] == [expected]


def test_scaffold_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`new-plugin --json` reports the code, distribution, package and files."""
    code, out, _ = _run(capsys, "new-plugin", "x", "--dir", str(tmp_path), "--json")
    data = json.loads(out)
    assert code == 0
    assert data["code"] == "x"
    assert data["distribution"] == "jobarchitecture-x"
    assert data["package"] == "jobarchitecture_x"
    assert len(data["files"]) == 5


def test_names_become_slugs() -> None:
    """Accents, case, spaces and punctuation become a lower-case code with underscores."""
    assert slug("Économie & Financiën") == "economie_financien"
    assert slug("  HR-beleid 2 ") == "hr_beleid_2"
    assert slug("€€") == ""


def test_scaffold_refuses_an_existing_directory_or_an_empty_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A non-empty target directory or a name without letters: one error line, exit 2."""
    (tmp_path / "bestaat").mkdir()
    (tmp_path / "bestaat" / "iets.txt").write_text("", encoding="utf-8")
    code, out, err = _run(capsys, "new-plugin", "bestaat", "--dir", str(tmp_path))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"jobarchitecture: error: {tmp_path / 'bestaat'} already exists and is not empty; "
        "choose another --dir"
    ]
    code, _, err = _run(capsys, "new-plugin", "€€", "--dir", str(tmp_path))
    assert code == 2
    assert "cannot make a family code from '€€'" in err


def test_scaffold_refuses_a_dir_that_is_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--dir naming a file is one error line saying so, not "File exists: FILE/x"; exit 2."""
    file = tmp_path / "familie.toml"
    file.write_text("", encoding="utf-8")
    code, out, err = _run(capsys, "new-plugin", "x", "--dir", str(file))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"jobarchitecture: error: --dir {file} is a file, not a directory; choose another --dir"
    ]
    assert file.read_text(encoding="utf-8") == ""


@pytest.mark.e2e
def test_scaffold_installs_and_is_discovered(
    tmp_path: Path, make_venv: Callable[..., Path], venv_env: dict[str, str]
) -> None:
    """Installed into a fresh venv with the core wheel, the scaffold is
    discovered by `jobarchitecture families` and its own test passes."""
    env = venv_env
    subprocess.run(
        [sys.executable, "-m", "jobarchitecture", "new-plugin", "proef", "--dir", str(tmp_path)],
        check=True,
        env=env,
        capture_output=True,
    )
    python = make_venv(f"{tmp_path / 'proef'}[test]")
    venv = python.parent.parent
    done = subprocess.run(
        [str(venv / "bin" / "jobarchitecture"), "families", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [f["code"] for f in data["families"]] == ["proef"]
    assert data["families"][0]["distribution"] == "jobarchitecture-proef"
    assert data["problems"] == []
    tests = subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        capture_output=True,
        text=True,
        cwd=tmp_path / "proef",
        env=env,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr


#: pytest as a plugin author runs it in their own checkout.
PYTEST = (sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly")


def test_the_scaffolds_own_test_checks_its_source_tree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The scaffold's test of its source tree passes as written, before anything is
    installed, and fails once the family file's code is not the entry point's."""
    assert _run(capsys, "new-plugin", "proef", "--dir", str(tmp_path))[0] == 0
    root = tmp_path / "proef"

    def own_test() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*PYTEST, "tests/test_family.py", "-k", "own_files"],
            capture_output=True,
            text=True,
            cwd=root,
        )

    passed = own_test()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    family = root / "src" / "jobarchitecture_proef" / "family.toml"
    text = family.read_text(encoding="utf-8")
    assert 'code = "proef"' in text
    family.write_text(text.replace('code = "proef"', 'code = "proeve"', 1), encoding="utf-8")
    failed = own_test()
    assert failed.returncode == 1
    assert "entry point" in failed.stdout, failed.stdout


def test_scaffold_refuses_the_code_of_an_installed_family(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A code an installed family has is one error line naming where it comes from,
    exit 2, nothing written: installing the scaffold would replace that plugin."""
    code, out, err = _run(capsys, "new-plugin", "Ondersteuners", "--dir", str(tmp_path))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "jobarchitecture: error: family code 'ondersteuners' is already installed, from "
        "jobarchitecture-ondersteuners 1.0.0 (ondersteuners = jobarchitecture_ondersteuners): "
        "a plugin of that name would replace it or clash with it; choose another name "
        "(or uninstall it first)"
    ]
    assert list(tmp_path.iterdir()) == []


def test_scaffold_refuses_the_code_of_a_family_on_the_path(
    tmp_path: Path, families: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A code a family file on JOBARCHITECTURE_PATH has is refused too: the two
    would claim one code once the plugin is installed."""
    code, out, err = _run(capsys, "new-plugin", "voorbeeld", "--dir", str(tmp_path / "out"))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"jobarchitecture: error: family code 'voorbeeld' is already that of "
        f"{families / 'voorbeeld.toml'} on JOBARCHITECTURE_PATH: the two would claim one "
        "code once the plugin is installed; choose another name"
    ]
    assert not (tmp_path / "out").exists()


def test_a_path_as_name_is_where_the_plugin_goes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """NAME may be a path, as ``cargo new`` takes one: the plugin is made there, named by
    its last part (it was slugged whole into ``tmp_..._griffie`` in the current
    directory); a path with --dir too is one error line naming both ways."""
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    code, out, _ = _run(capsys, "new-plugin", str(tmp_path / "plugins" / "Griffie"))
    assert code == 0
    assert (tmp_path / "plugins" / "griffie" / "pyproject.toml").is_file()
    assert list(here.iterdir()) == []
    assert out.splitlines()[0] == str(tmp_path / "plugins" / "griffie" / "pyproject.toml")
    assert ja.validate(tmp_path / "plugins" / "griffie" / "src") == []
    code, out, err = _run(capsys, "new-plugin", "a/b", "--dir", str(tmp_path))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "jobarchitecture: error: NAME 'a/b' is a path and --dir is given too: give the "
        "directory once (new-plugin b --dir DIR, or new-plugin a/b)"
    ]
