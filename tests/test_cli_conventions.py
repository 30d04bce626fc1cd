"""Command-line conventions a user expects: -V, global options anywhere, did-you-mean."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import jobarchitecture as ja

from .conftest import EXAMPLE, Run


def test_dash_capital_v_prints_the_version(cli: Callable[..., Run]) -> None:
    """`jobarchitecture -V` prints the same version line as --version."""
    short, long = cli("-V"), cli("--version")
    assert short.code == long.code == 0
    assert short.out == long.out == f"jobarchitecture {ja.__version__}\n"


@pytest.mark.parametrize(
    "argv",
    [
        ["--json", "families"],
        ["families", "--json"],
        ["--lang", "en", "--json", "families"],
        ["--lang=en", "families", "--json"],
    ],
)
def test_global_options_go_before_or_after_the_command(
    cli: Callable[..., Run], argv: list[str]
) -> None:
    """--json and --lang mean the same before the command name as after it."""
    run = cli(*argv)
    assert run.code == 0, run.err
    assert "voorbeeld" in [f["code"] for f in json.loads(run.out)["families"]]


def test_lang_before_the_command_reaches_the_command(cli: Callable[..., Run]) -> None:
    """`jobarchitecture --lang en classify …` prints English labels."""
    before = cli("--lang", "en", "classify", "voorbeeld", "kennis=C")
    after = cli("classify", "voorbeeld", "kennis=C", "--lang", "en")
    assert before.code == 0, before.err
    assert before.out == after.out
    assert "spread" in before.out


def test_a_mistyped_command_gets_a_did_you_mean(cli: Callable[..., Run]) -> None:
    """A mistyped command is one error line naming the closest command, exit 2."""
    run = cli("clasify", "voorbeeld", "kennis=C")
    assert run.code == 2
    assert len(run.err_lines) == 1
    assert "unknown command 'clasify'" in run.err
    assert "did you mean 'classify'?" in run.err


def test_rule_help_lists_the_rules(cli: Callable[..., Run]) -> None:
    """`classify --help` names every rule that --rule accepts."""
    run = cli("classify", "--help")
    assert run.code == 0
    text = " ".join(run.out.split())
    for name in ja.rule_names():
        assert name in text


def test_an_empty_rating_means_not_rated(cli: Callable[..., Run]) -> None:
    """`criterion=` on the command line leaves the criterion unrated, as "" does in Python."""
    run = cli("classify", "voorbeeld", "kennis=C", "contacten=", "--json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["unrated"] == ["contacten"]
    family = ja.load_family(EXAMPLE)
    assert data["level"] == ja.classify(family, {"kennis": "C", "contacten": ""}).level


def test_families_names_follow_the_language(cli: Callable[..., Run]) -> None:
    """`families --lang en` shows English family names where the family has them."""

    def name(*args: str) -> str:
        listed = json.loads(cli("families", "--json", *args).out)["families"]
        return next(f["name"] for f in listed if f["code"] == "voorbeeld")

    assert name("--lang", "en") == "Example family"
    assert name() == "Voorbeeldfamilie"


def test_target_shows_an_unrated_criterion_as_a_dash(cli: Callable[..., Run]) -> None:
    """`--target` lists a change of an unrated criterion from "-", never from "None"."""
    run = cli(
        "classify",
        "adviseurs",
        "complexiteit_van_het_advies_of_de_begeleiding=12",
        "interpersoonlijke_relaties=17/18",
        "--target",
        "15/16",
    )
    assert run.code == 0, run.err
    assert "None" not in run.out
    assert "  - aard_van_de_relatie_met_de_klant: - -> 15/16\n" in run.out


@pytest.mark.parametrize(
    ("argv", "out", "message"),
    [
        (["--lang", "fr"], "", "missing command"),
        (["--debug", "--lang", "en"], "", "missing command"),
        (["--lang", "fr", "--help"], "usage: jobarchitecture", None),
        (["--json", "--version"], f"jobarchitecture {ja.__version__}\n", None),
    ],
)
def test_a_global_option_value_is_never_taken_for_the_command(
    cli: Callable[..., Run], argv: list[str], out: str, message: str | None
) -> None:
    """The value of --lang before no command is not a command called 'fr': the help,
    the version or 'missing command' answers as without the global options."""
    run = cli(*argv)
    assert run.out.startswith(out)
    if message is None:
        assert run.code == 0, run.err
    else:
        assert run.code == 2
        (line,) = run.err_lines
        assert message in line
        assert "unknown command" not in line


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "voorbeeld", "--bogus"],
        ["--json", "export", "voorbeeld"],
        ["classify", "voorbeeld", "kennis=C", "--bogus"],
    ],
)
def test_an_unknown_option_points_to_the_commands_own_help(
    cli: Callable[..., Run], argv: list[str]
) -> None:
    """An option the command does not take is one line naming it and that command's help."""
    run = cli(*argv)
    assert run.code == 2
    (line,) = run.err_lines
    assert "unrecognized arguments: --" in line
    assert f"(see 'jobarchitecture {argv[1] if argv[0] == '--json' else argv[0]} --help')" in line


def test_every_option_says_what_it_is_before_its_default() -> None:
    """Each argument's help of every command starts by saying what it is, in lower
    case, and names a default only as "(default: ...)"."""
    import argparse

    from jobarchitecture._cli._parser import COMMANDS, build_parser

    for name in COMMANDS:
        parser = build_parser(name)
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        for action in sub.choices[name]._actions:
            text = str(action.help)
            where = f"{name} {action.dest}: {text!r}"
            assert text[:1].islower(), where
            assert "default:" not in text.replace("(default:", ""), where


#: Every command that reads a file the user names, the file's place marked {missing}.
READERS = {
    "classify": ["classify", "{missing}.toml", "kennis=C"],
    "classify --json": ["classify", "--json", "{missing}.toml", "kennis=C"],
    "validate": ["validate", "{missing}.toml"],
    "validate --json": ["validate", "--json", "{missing}.toml"],
    "show": ["show", "{missing}.toml"],
    "profile": ["profile", "{missing}.toml", "C"],
    "compare": ["compare", "{missing}.toml", "C", "B"],
    "export": ["export", "{missing}.toml"],
    "diff (old)": ["diff", "{missing}.toml", str(EXAMPLE)],
    "diff (new)": ["diff", str(EXAMPLE), "{missing}.toml"],
    "site": ["site", "{out}", "{missing}.toml"],
    "classify-batch (family)": ["classify-batch", "{missing}.toml", str(EXAMPLE)],
    "classify-batch (csv)": ["classify-batch", "voorbeeld", "{missing}.csv"],
    "classify-batch (xlsx)": ["classify-batch", "voorbeeld", "{missing}.xlsx"],
}


#: What a missing file is, in one line, whoever reads it.
MISSING = "{file}: $: cannot read file: No such file or directory"


@pytest.mark.parametrize("name", READERS)
def test_a_missing_file_is_the_same_one_line_from_every_command(
    cli: Callable[..., Run], tmp_path: Path, name: str
) -> None:
    """A file that does not exist is one error line, the same whichever command
    (and argument) names it, and whatever the file is for (a family, a table); exit 2."""
    missing = tmp_path / "nergens"
    argv = [a.format(missing=missing, out=tmp_path / "site") for a in READERS[name]]
    file = next(a for a in argv if a.startswith(str(missing)))
    run = cli(*argv)
    assert (run.code, run.err_lines) == (
        2,
        [f"jobarchitecture: error: {MISSING.format(file=file)}"],
    )


def test_a_missing_file_is_the_same_line_from_the_library(tmp_path: Path) -> None:
    """`load_family()` raises, and `validate()` returns, the line the commands print."""
    file = str(tmp_path / "nergens.toml")
    with pytest.raises(ja.FamilyError) as raised:
        ja.load_family(file)
    assert str(raised.value) == MISSING.format(file=file)
    assert [str(p) for p in ja.validate(file)] == [MISSING.format(file=file)]


def test_a_missing_template_says_so_as_a_missing_family_file_does(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A Word template that does not exist is refused with the words of any file that
    cannot be read; a directory given as the template is named as one."""
    pytest.importorskip("docx")
    missing = tmp_path / "nergens.docx"
    run = cli(
        "profile", str(EXAMPLE), "C", "-o", str(tmp_path / "p.docx"), "--template", str(missing)
    )
    assert run.code == 2
    assert run.err_lines == [
        f"jobarchitecture: error: {missing}: not a usable DOCX template: cannot read file: "
        "No such file or directory (expected a .docx file)"
    ]
    run = cli(
        "profile", str(EXAMPLE), "C", "-o", str(tmp_path / "p.docx"), "--template", str(tmp_path)
    )
    assert run.err_lines == [
        f"jobarchitecture: error: {tmp_path}: not a usable DOCX template: is a directory "
        "(expected a .docx file)"
    ]
    assert not (tmp_path / "p.docx").exists()


#: Every command that writes a file or directory the user names, its place marked {out}.
WRITERS = {
    "classify-batch -o .csv": ["classify-batch", str(EXAMPLE), "{input}", "-o", "{out}.csv"],
    "classify-batch -o .xlsx": ["classify-batch", str(EXAMPLE), "{input}", "-o", "{out}.xlsx"],
    "export -o .json": ["export", str(EXAMPLE), "-o", "{out}.jsonld"],
    "export -o .xlsx": ["export", str(EXAMPLE), "-o", "{out}.xlsx"],
    "profile -o .md": ["profile", str(EXAMPLE), "C", "-o", "{out}.md"],
    "profile -o .docx": ["profile", str(EXAMPLE), "C", "-o", "{out}.docx"],
    "site": ["site", "{out}", str(EXAMPLE)],
}
#: What a place that cannot be written is, in one line, whoever writes it.
UNWRITABLE = r"{file}: \$: cannot write (file|directory): {reason}"


def _read_only(tmp_path: Path) -> Path:
    """A directory this process cannot write into: one made read-only, or (for root,
    whom permissions do not stop) a kernel file system that refuses new files."""
    import tempfile

    place = tmp_path / "alleen-lezen"
    place.mkdir()
    place.chmod(0o555)
    for candidate in (place, Path("/sys")):
        try:
            fd, name = tempfile.mkstemp(dir=candidate)
        except OSError:
            return candidate
        os.close(fd)
        os.unlink(name)
    pytest.skip("no read-only place to write into")


@pytest.mark.parametrize("place", ["missing directory", "under a file", "read-only"])
@pytest.mark.parametrize("name", WRITERS)
def test_a_place_that_cannot_be_written_is_one_line_naming_it_first(
    cli: Callable[..., Run], tmp_path: Path, name: str, place: str
) -> None:
    """An output that cannot be written (no such directory, a file where a directory
    should be, no permission) is one error line naming the path first, as a file that
    cannot be read is; exit 2, and nothing is left behind."""
    if "xlsx" in name:
        pytest.importorskip("openpyxl")
    if "docx" in name:
        pytest.importorskip("docx")
    if name == "site" and place == "missing directory":
        pytest.skip("site makes the directories its output needs")
    source = tmp_path / "in.csv"
    source.write_text("kennis\nC\n", encoding="utf-8")
    (tmp_path / "een-bestand").write_text("", encoding="utf-8")
    parent = {
        "missing directory": tmp_path / "nergens",
        "under a file": tmp_path / "een-bestand",
        "read-only": _read_only(tmp_path),
    }[place]
    argv = [a.format(input=source, out=parent / "uit") for a in WRITERS[name]]
    file = next(a for a in argv if a.startswith(str(parent)))
    run = cli(*argv)
    reason = {
        "missing directory": "No such file or directory",
        "under a file": "(Not a directory|File exists)",
        "read-only": "(Permission denied|Operation not permitted|Read-only file system)",
    }[place]
    assert run.code == 2
    (line,) = run.err_lines
    assert re.fullmatch(
        "jobarchitecture: error: " + UNWRITABLE.format(file=re.escape(file), reason=reason), line
    ), line
    assert not Path(file).exists()


def test_a_place_that_cannot_be_written_is_the_same_line_from_the_library(
    tmp_path: Path,
) -> None:
    """save_family(), export() and build_site() raise a WriteError naming the path first,
    which is still the OSError it was (FileNotFoundError, NotADirectoryError)."""
    import pickle

    family = ja.load_family(EXAMPLE)
    (tmp_path / "een-bestand").write_text("", encoding="utf-8")
    missing = tmp_path / "nergens" / "f.json"
    with pytest.raises(FileNotFoundError) as raised:
        ja.save_family(family, missing)
    assert isinstance(raised.value, ja.WriteError)
    assert str(raised.value) == f"{missing}: $: cannot write file: No such file or directory"
    assert (raised.value.path, raised.value.filename) == (str(missing), str(missing))
    again = pickle.loads(pickle.dumps(raised.value))
    assert (type(again), str(again)) == (type(raised.value), str(raised.value))
    # Its repr, as a REPL or a log shows it, names the public class and the path.
    assert repr(raised.value) == f"WriteError(2, 'No such file or directory', {str(missing)!r})"
    under = tmp_path / "een-bestand" / "f.csv"
    with pytest.raises(NotADirectoryError, match=r"f\.csv: \$: cannot write file: Not a direc"):
        ja.export(family, under)
    with pytest.raises(ja.WriteError, match=r"site: \$: cannot write directory: "):
        ja.build_site(tmp_path / "een-bestand" / "site", [family])
