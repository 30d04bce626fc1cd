"""The command line against hostile input: every bad invocation ends in its exit
code and one-line messages, never a traceback and never exit 70 (internal error)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest

from jobarchitecture import _format

if TYPE_CHECKING:
    from conftest import Run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "voorbeeld.toml"
EXAMPLE_DATA = _format.parse(EXAMPLE.read_text(encoding="utf-8"), "x", ".toml")
#: The longest line the CLI writes to stderr (see _cli._common.LONGEST_MESSAGE).
LONGEST = 2_000


def _example(**changes: object) -> str:
    data = json.loads(json.dumps(EXAMPLE_DATA))
    data.update(changes)
    return json.dumps(data, ensure_ascii=False)


#: The hostile files each case may name as {d}/NAME.
FILES: dict[str, str | bytes] = {
    "deep.json": "[" * 1_000 + "]" * 1_000,
    "deep.toml": "x = " + "[" * 600 + "]" * 600,
    "inline.toml": "x = " + "{a = " * 600 + "1" + "}" * 600,
    "dotted.toml": "a" + ".b" * 20_000 + " = 1\n",
    "bigint.json": '{"format_version": ' + "9" * 5_000 + "}",
    "bigint.toml": "format_version = " + "9" * 5_000 + "\n",
    "hexint.toml": "code = 0x" + "f" * 20_000 + "\n",
    "dup.json": _example().replace('"code": "kennis"', '"code": "kennis", "code": "k"'),
    "notutf8.toml": b"\xff\xfe\x00c",
    "empty.json": "",
    "array.json": "[]",
    "newline-code.json": _example(code="voor\nbeeld"),
    "escape-name.json": _example(name="\x1b]0;owned\x07\x1b[2J"),
    "bidi-name.json": _example(name="Naam \u202egpj.exe"),
    "c1-name.json": _example(name="Naam\x9b2J"),
    "surrogate.json": _example().replace('"Niveau D"', '"\\ud800"'),
    "many-problems.json": _example(criteria=[{**EXAMPLE_DATA["criteria"][0], "code": "X"}] * 3_000),
    "long-level.json": _example().replace(
        '"levels": ["D"]', '"levels": ["' + "Q" * 1_000_000 + '"]'
    ),
    "weird.txt": "code = 'x'\n",
    "rows.csv": "kennis,contacten\nC,B\n",
    "utf16.csv": "kennis,contacten\nC,B\n".encode("utf-16-le"),
}


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A directory of hostile files, a FIFO, an empty and a non-empty directory."""
    d = tmp_path / "hostile"
    d.mkdir()
    for name, content in FILES.items():
        if isinstance(content, bytes):
            (d / name).write_bytes(content)
        else:
            (d / name).write_text(content, encoding="utf-8", errors="surrogatepass")
    os.mkfifo(d / "fifo.toml")
    (d / "emptydir").mkdir()
    (d / "nonempty").mkdir()
    (d / "nonempty" / "x").mkdir()
    (d / "nonempty" / "x" / "keep.txt").write_text("mine\n")
    return d


@attrs.frozen
class Case:
    """One bad invocation: its arguments, environment and expected exit code."""

    args: tuple[str, ...]
    code: int
    env: tuple[tuple[str, str], ...] = ()
    says: str = ""


def case(*args: str, code: int = 2, env: dict[str, str] | None = None, says: str = "") -> Case:
    return Case(args, code, tuple((env or {}).items()), says)


LONG = "x" * 100_000
CASES: dict[str, Case] = {
    # files that nest too deeply, or are costly for the parser
    "show JSON 1,000 deep": case("show", "{d}/deep.json", says="nested more than 64 deep"),
    "show TOML 600 deep": case("show", "{d}/deep.toml", says="nested more than 64 deep"),
    "show TOML inline 600 deep": case("show", "{d}/inline.toml", says="nested more than"),
    "show TOML dotted key 40 KB": case("show", "{d}/dotted.toml", says="dotted key of"),
    "classify on a deep file": case("classify", "{d}/deep.json", "kennis=C", says="deep"),
    "profile on a deep file": case("profile", "{d}/deep.toml", "C", says="deep"),
    "depth limit raised past the parser": case(
        "show", "{d}/deep.json", env={"JOBARCHITECTURE_MAX_DEPTH": "100000"}, says="too deeply"
    ),
    # integers
    "JSON integer of 5,000 digits": case("show", "{d}/bigint.json", says="4300 digits"),
    "TOML integer of 5,000 digits": case("show", "{d}/bigint.toml", says="4300 digits"),
    "TOML hex integer of 80,000 bits": case("show", "{d}/hexint.toml", says="80000 bits"),
    # files that are not files, or too big
    "show a FIFO": case("show", "{d}/fifo.toml", says="not a regular file"),
    "show /dev/zero": case("show", "/dev/zero", says="not a regular file"),
    "show a directory": case("show", "{d}/emptydir", says="is a directory"),
    "show a missing file": case("show", "{d}/missing.toml", says="cannot read file"),
    "show over the size limit": case(
        "show", "{d}/dup.json", env={"JOBARCHITECTURE_MAX_FILE_SIZE": "100"}, says="limit of 100"
    ),
    "show an unknown suffix": case("show", "{d}/weird.txt", says="unknown file type"),
    "show a file not in UTF-8": case("show", "{d}/notutf8.toml", says="not UTF-8"),
    "show an empty JSON file": case("show", "{d}/empty.json", says="the file is empty"),
    "show a JSON array": case("show", "{d}/array.json", says="expected a table"),
    # duplicate keys, control characters, long values in messages
    "show duplicate JSON keys": case("show", "{d}/dup.json", says="appears more than once"),
    "show a code with a newline": case("show", "{d}/newline-code.json", says="'voor\\nbeeld'"),
    "show a name with escapes": case("show", "{d}/escape-name.json", says="U+001B"),
    "show a name with a bidi override": case("show", "{d}/bidi-name.json", says="U+202E"),
    "show a name with a C1 control": case("show", "{d}/c1-name.json", says="U+009B"),
    "show a lone surrogate": case("show", "{d}/surrogate.json", says="U+D800"),
    "show a level code of 1 MB": case("show", "{d}/long-level.json", says="(1000000 characters)"),
    "show 3,000 bad criteria": case(
        "show", "{d}/many-problems.json", says="more problems not shown"
    ),
    "unknown family with a newline": case("show", "voor\nbeeld", says="'voor\\nbeeld'"),
    "unknown family with escapes": case("show", "\x1b[2J\x1b]0;x\x07", says="unknown family"),
    "unknown family of 100 KB": case("show", LONG, says="characters"),
    "show in an unknown language": case("show", "voorbeeld", "--lang", "xx"),
    "show without a family": case("show"),
    # validate: each file reported, the next still checked
    "validate a deep file": case("validate", "{d}/deep.json", code=1, says="deep"),
    "validate duplicate keys": case("validate", "{d}/dup.json", code=1),
    "validate a FIFO": case("validate", "{d}/fifo.toml", code=1),
    "validate control characters": case("validate", "{d}/escape-name.json", code=1),
    "validate a lone surrogate": case("validate", "{d}/surrogate.json", code=1),
    "validate many problems": case("validate", "{d}/many-problems.json", code=1),
    "validate a missing file": case("validate", "{d}/missing.toml", says="cannot read file"),
    "validate an empty directory": case("validate", "{d}/emptydir", says="no family files"),
    "validate a bad depth limit": case(
        "validate", str(EXAMPLE), env={"JOBARCHITECTURE_MAX_DEPTH": "deep"}, says="MAX_DEPTH"
    ),
    "validate a zero problem limit": case(
        "validate", str(EXAMPLE), env={"JOBARCHITECTURE_MAX_PROBLEMS": "0"}, says="positive"
    ),
    "validate a negative size limit": case(
        "validate", str(EXAMPLE), env={"JOBARCHITECTURE_MAX_FILE_SIZE": "-5"}, says="positive"
    ),
    "validate with no path": case("validate"),
    # classify
    "classify without ratings": case("classify", "voorbeeld"),
    "classify a rating without =": case("classify", "voorbeeld", "kennis", says="CRITERION=LEVEL"),
    "classify an unknown level": case("classify", "voorbeeld", "kennis=Z", says="unknown level"),
    "classify an unknown criterion": case("classify", "voorbeeld", "nope=C", says="unknown"),
    "classify a criterion twice": case("classify", "voorbeeld", "kennis=C", "kennis=B"),
    "classify a level with escapes": case("classify", "voorbeeld", "kennis=\x1b[2J", says="\\x1b"),
    "classify a level with a newline": case("classify", "voorbeeld", "kennis=C\nB"),
    "classify a backwards span": case("classify", "voorbeeld", "kennis=B..D"),
    "classify an unknown rule": case("classify", "voorbeeld", "kennis=C", "--rule", "nope"),
    "classify an unknown target": case("classify", "voorbeeld", "kennis=C", "--target", "Z"),
    "classify incomplete with --complete": case("classify", "voorbeeld", "kennis=C", "--complete"),
    "classify a criterion of 100 KB": case("classify", "voorbeeld", f"{LONG}=C", says="characters"),
    "classify a level of 100 KB": case(
        "classify", "voorbeeld", f"kennis={LONG}", says="characters"
    ),
    # profile
    "profile an unknown level": case("profile", "voorbeeld", "Z", says="unknown level"),
    "profile an unknown role": case("profile", "voorbeeld", "C", "--role", "nope"),
    "profile without a level": case("profile", "voorbeeld"),
    "profile in an unknown format": case("profile", "voorbeeld", "C", "--format", "xml"),
    "profile a file with duplicate keys": case("profile", "{d}/dup.json", "C"),
    # new-plugin
    "new-plugin without letters": case("new-plugin", "!!!", says="cannot make a family code"),
    "new-plugin into a non-empty directory": case(
        "new-plugin", "x", "--dir", "{d}/nonempty", says="not empty"
    ),
    "new-plugin under a file": case("new-plugin", "y", "--dir", "{d}/weird.txt"),
    "new-plugin under /dev/null": case("new-plugin", "y", "--dir", "/dev/null"),
    # output where nothing can be written: the message names the path asked for
    "export into a missing directory": case(
        "export", "voorbeeld", "-o", "{d}/missing/x.csv", says="{d}/missing/x.csv"
    ),
    "site under /proc": case(
        "site", "/proc/jobarchitecture-site", says="/proc/jobarchitecture-site"
    ),
    # classify-batch: input that cannot be decoded or found
    "batch UTF-16 without a BOM": case(
        "classify-batch", "voorbeeld", "{d}/utf16.csv", "--encoding", "utf-16"
    ),
    "batch a missing input": case("classify-batch", "voorbeeld", "{d}/missing.csv"),
    # broken family files on JOBARCHITECTURE_PATH, beside the good ones
    "families with a deep file on the path": case(
        "families", code=1, env={"JOBARCHITECTURE_PATH": "{d}/deep.json"}, says="deep"
    ),
    "families with a FIFO on the path, strict": case(
        "families",
        env={"JOBARCHITECTURE_PATH": "{d}/fifo.toml", "JOBARCHITECTURE_STRICT": "1"},
        says="not a regular file",
    ),
    "families with escapes in a file on the path": case(
        "families", code=1, env={"JOBARCHITECTURE_PATH": "{d}/escape-name.json"}, says="U+001B"
    ),
    "show a deep family found on the path": case(
        "show", "deep", env={"JOBARCHITECTURE_PATH": "{d}/deep.json"}, says="nested more than"
    ),
    # usage
    "no command": case(),
    "an unknown command": case("frobnicate"),
    "an unknown option": case("families", "--frobnicate"),
    "an extra argument": case("schema", "extra"),
    "a bad limit for show": case(
        "show", "voorbeeld", env={"JOBARCHITECTURE_MAX_FILE_SIZE": "huge"}, says="MAX_FILE_SIZE"
    ),
}


def _check_clean(run: Run) -> None:
    assert run.code != 70, run.err
    assert "Traceback" not in run.err
    # Errors (exit 2) on stderr; problems found (exit 1, validate) on stdout.
    lines = run.err_lines if run.code == 2 else [x for x in run.out.splitlines() if x.strip()]
    lines += run.err_lines if run.code == 1 else []
    assert lines, "a failure says why"
    for line in lines:
        if line in run.err_lines:
            assert line.startswith("jobarchitecture: "), line[:200]
        assert len(line) <= LONGEST, line[:200]
        assert line.replace("\t", " ").isprintable(), line[:200]  # tabs separate columns


@pytest.mark.parametrize("name", list(CASES))
def test_bad_invocation_fails_cleanly(
    name: str,
    cli: Callable[..., Run],
    hostile: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A hostile file, argument or setting ends in the expected exit code with one-line messages."""
    bad = CASES[name]
    for key, value in bad.env:
        monkeypatch.setenv(key, value.replace("{d}", str(hostile)))
    monkeypatch.chdir(hostile)
    run = cli(*(a.replace("{d}", str(hostile)) for a in bad.args))
    assert run.code == bad.code, run.err[:500]
    _check_clean(run)
    assert bad.says.replace("{d}", str(hostile)) in run.err + run.out
    assert ".part" not in run.err  # never the name of a temporary file the user did not ask for
    assert "\x1b" not in run.out + run.err


def test_the_table_covers_enough_cases() -> None:
    """The table holds at least 60 bad invocations."""
    assert len(CASES) >= 60


def test_validate_reports_a_broken_file_and_checks_the_next(
    cli: Callable[..., Run], hostile: Path
) -> None:
    """`validate` reports each broken file and still checks every file after it."""
    files = [hostile / n for n in ("deep.json", "dup.json", "fifo.toml", "surrogate.json")]
    run = cli("validate", "--json", *map(str, files), str(EXAMPLE))
    assert run.code == 1
    data = json.loads(run.out)
    assert [r["ok"] for r in data["files"]] == [False, False, False, False, True]
    assert {p["file"] for p in data["problems"]} == set(map(str, files))


def test_show_escapes_control_characters_in_family_text(
    cli: Callable[..., Run], families: Path
) -> None:
    """A family that passes unchecked still reaches the terminal with its escapes made visible."""
    data = json.loads(_example(name="Naam\x1b]0;owned\x07"))
    family = _format.family_from_data(data, check=False)
    from jobarchitecture._cli._cmd_show import render
    from jobarchitecture._cli._common import Style, for_terminal

    text = for_terminal(render(family, "nl", Style(sys.stdout)))
    assert not {"\x1b", "\x07"} & set(text)
    assert "Naam\\x1b]0;owned\\x07" in text


def test_json_output_escapes_c1_controls(capsys: pytest.CaptureFixture[str]) -> None:
    """JSON output writes C1 controls and bidi overrides as \\u escapes: the same JSON, harmless on a terminal."""
    from jobarchitecture._cli._common import write_json

    write_json({"name": "Naam\x9b2J\u202e\x1b"})
    out = capsys.readouterr().out
    assert not {"\x9b", "\u202e", "\x1b"} & set(out)
    assert json.loads(out) == {"name": "Naam\x9b2J\u202e\x1b"}


# ---------------------------------------------------------------- processes


def _env(families: Path) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("JOBARCHITECTURE_")}
    environ["JOBARCHITECTURE_PATH"] = str(families)
    return environ


def test_closed_stdout_is_an_input_error_not_internal(families: Path) -> None:
    """`families >&-` says stdout is closed and exits 2, not 70."""
    done = subprocess.run(
        [sys.executable, "-m", "jobarchitecture", "families"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(families),
        preexec_fn=lambda: os.close(1),  # the shell's >&-
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert (
        done.stderr.strip() == "jobarchitecture: error: cannot write the output: stdout is closed"
    )


def test_closed_stderr_still_gives_the_exit_code(families: Path, hostile: Path) -> None:
    """With stderr closed (`2>&-`) a failing command still exits with its code, not a crash."""
    done = subprocess.run(
        [sys.executable, "-m", "jobarchitecture", "show", str(hostile / "deep.json")],
        capture_output=True,
        text=True,
        env=_env(families),
        preexec_fn=lambda: os.close(2),  # the shell's 2>&-
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""


@pytest.mark.parametrize(
    ("sig", "code", "word"),
    [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")],
)
def test_a_signal_midway_exits_with_its_code_and_says_so(
    families: Path, tmp_path: Path, sig: signal.Signals, code: int, word: str
) -> None:
    """SIGTERM and SIGINT during a long run end it with 143 / 130 and one line saying so."""
    slow = tmp_path / "slow"
    slow.mkdir()
    big = _example(notes=[{"code": "n", "text": "x"}] * 40_000)
    for i in range(20):
        (slow / f"f{i}.json").write_text(big, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jobarchitecture", "validate", str(slow)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(families),
    )
    time.sleep(2.0)  # well past start-up, far from the end (20 files of about 1 s)
    assert proc.poll() is None, "the run ended before the signal"
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert err.strip() == f"jobarchitecture: error: {word}"
    assert out == ""


def test_new_plugin_interrupted_leaves_no_directory(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An interrupted `new-plugin` leaves neither the plugin nor a temporary directory."""
    real = Path.write_text
    calls = []

    def interrupted(self: Path, *args: object, **kwargs: object) -> int:
        calls.append(self)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", interrupted)
    run = cli("new-plugin", "mijn", "--dir", str(tmp_path / "out"))
    assert run.code == 130
    assert run.err_lines == ["jobarchitecture: error: interrupted"]
    assert list((tmp_path / "out").iterdir()) == []


def test_save_family_failing_midway_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """save_family that fails before its file is complete leaves the previous file, and no temporary one."""
    import jobarchitecture as ja
    from jobarchitecture import _io

    family = ja.load_family(EXAMPLE)
    target = tmp_path / "family.json"
    target.write_text("previous\n", encoding="utf-8")

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_io.os, "replace", full_disk)
    with pytest.raises(OSError, match="No space left"):
        ja.save_family(family, target)
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["family.json"]
