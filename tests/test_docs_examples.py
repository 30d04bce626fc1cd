"""Every example on the documentation site runs, and shows what it prints.

The conventions are at the top of docs/index.md: ```python fences run top to
bottom in one namespace per page (cwd = repository root); ```pycon fences are
doctests in that namespace; ```console fences run each ``$ `` line in bash in a
temporary directory per page and compare its output with the lines shown, where
``…`` stands for any lines (alone on a line) or any text (inside a line).
"""

from __future__ import annotations

import doctest
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
#: Written at build time from the code, not by hand: nothing to test there.
GENERATED = ("_build", "_generated", "families")
NOT_TESTED = "<!-- not-tested -->"
TERMINAL = "<!-- terminal -->"
#: The width of the terminal that ``<!-- terminal -->`` examples are run in.
TERMINAL_COLUMNS = 100
ELLIPSIS = "…"


@attrs.frozen
class Block:
    """One fenced code block of a page."""

    lang: str
    text: str
    line: int  # of the opening fence, 1-based
    tested: bool
    terminal: bool = False


def blocks(markdown: str) -> list[Block]:
    """The fenced code blocks of *markdown*, in order, with their language."""
    found: list[Block] = []
    lines = markdown.splitlines()
    i = 0
    previous = ""
    while i < len(lines):
        opening = re.match(r"^(`{3,}|~{3,})\s*([\w{}-]*)", lines[i])
        if opening is None:
            if lines[i].strip():
                previous = lines[i].strip()
            i += 1
            continue
        fence, lang = opening.groups()
        start = i
        i += 1
        body: list[str] = []
        while i < len(lines) and not lines[i].startswith(fence):
            body.append(lines[i])
            i += 1
        text = "\n".join(body) + "\n"
        found.append(Block(lang, text, start + 1, previous != NOT_TESTED, previous == TERMINAL))
        previous = ""
        i += 1
    return found


def pages() -> list[Path]:
    """The site's hand-written Markdown pages."""
    return sorted(
        p for p in DOCS.rglob("*.md") if not p.relative_to(DOCS).parts[0].startswith(GENERATED)
    )


# ------------------------------------------------------------------ console


def _normal(line: str) -> str:
    return " ".join(line.split())


def output_matches(shown: str, actual: str) -> bool:
    """True when *actual* output is what *shown* documents (see the module docstring)."""
    pattern = ""
    for line in shown.splitlines():
        line = _normal(line)
        if line == ELLIPSIS:
            pattern += r"(?:[^\n]*\n)*?"
        else:
            pattern += ".*?".join(re.escape(part) for part in line.split(ELLIPSIS)) + r"\n"
    text = "".join(_normal(line) + "\n" for line in actual.splitlines())
    return re.fullmatch(pattern, text) is not None


def commands(block: str) -> list[tuple[str, str]]:
    """(command, the output shown under it) for every ``$ `` line of a console block."""
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps:
            steps[-1][1].append(line)
    return [(cmd, "".join(f"{o}\n" for o in out)) for cmd, out in steps]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOBARCHITECTURE_")}
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "100"
    return env


def run_console(block: Block, where: str, cwd: Path) -> None:
    """Run the block's commands in *cwd*, failing with the first whose output drifted."""
    for cmd, shown in commands(block.text):
        cat = re.fullmatch(r"cat (\S+)", cmd)
        if cat is not None and not (cwd / cat.group(1)).exists():
            (cwd / cat.group(1)).write_text(shown, encoding="utf-8")
            continue
        if block.terminal:
            code, printed = _run_in_terminal(cmd, cwd)
        else:
            done = subprocess.run(
                ["bash", "-c", cmd],
                cwd=cwd,
                env=_env(),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=120,
            )
            code, printed = done.returncode, done.stdout
        # An elided output (…) must not hide a command that failed outright.
        assert code < 2 or "error" in shown, (
            f"{where}: `$ {cmd}` failed (exit {code}) but the page shows no error:\n{printed}"
        )
        assert output_matches(shown, printed), (
            f"{where}: `$ {cmd}` printed (exit {code}):\n{printed}\nbut the page shows:\n{shown}"
        )


def _run_in_terminal(cmd: str, cwd: Path) -> tuple[int, str]:
    """Run *cmd* with a pseudo-terminal of TERMINAL_COLUMNS as its stdin, stdout and stderr."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, TERMINAL_COLUMNS, 0, 0))
    proc = subprocess.Popen(
        ["bash", "-c", cmd], cwd=cwd, env=_env(), stdin=slave, stdout=slave, stderr=slave
    )
    os.close(slave)
    chunks: list[bytes] = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: every process holding the terminal has ended
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    code = proc.wait(timeout=120)
    return code, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


# ------------------------------------------------------------------- python


def run_python(block: Block, namespace: dict[str, object], where: str) -> None:
    """Run a ```python block in *namespace*."""
    code = compile(block.text, where, "exec")
    exec(code, namespace)


def run_pycon(block: Block, namespace: dict[str, object], where: str) -> None:
    """Run a ```pycon block as a doctest in *namespace*, comparing its output."""
    test = doctest.DocTestParser().get_doctest(block.text, namespace, where, where, block.line)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report: list[str] = []
    runner.run(test, out=report.append, clear_globs=False)
    namespace.update(test.globs)  # a DocTest works on a copy; later blocks see its names
    assert runner.failures == 0, "".join(report)


PAGES = pages()


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_page_examples_run(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each page's Python and console examples run and print what the page shows."""
    for name in [k for k in os.environ if k.startswith("JOBARCHITECTURE_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    # Console examples name the repository's example families as a user in a clone would.
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    rel = page.relative_to(ROOT)
    for block in blocks(page.read_text(encoding="utf-8")):
        if not block.tested:
            continue
        where = f"{rel}:{block.line}"
        if block.lang == "python":
            run_python(block, namespace, where)
        elif block.lang == "pycon":
            run_pycon(block, namespace, where)
        elif block.lang == "console":
            run_console(block, where, tmp_path)


def test_index_documents_the_conventions() -> None:
    """The conventions the examples are tested by are written at the top of the site's source."""
    lines = (DOCS / "index.md").read_text(encoding="utf-8").splitlines()
    # MyST's comment lines: in the source, not on the page.
    head = "\n".join(line for line in lines[: lines.index("# jobarchitecture")])
    assert all(line.startswith("%") for line in head.splitlines())
    for term in (NOT_TESTED, TERMINAL, ELLIPSIS, "```pycon", "$ cat FILE"):
        assert term in head


def test_every_page_has_examples_tested() -> None:
    """The harness finds the pages and the blocks it is meant to run (it cannot pass by finding none)."""
    names = {str(p.relative_to(DOCS)) for p in PAGES}
    assert {"index.md", "tutorial.md", "howto/batch.md"} <= names
    tutorial = blocks((DOCS / "tutorial.md").read_text(encoding="utf-8"))
    assert {b.lang for b in tutorial if b.tested} >= {"python", "pycon", "console"}
    assert any(not b.tested for b in tutorial)


@pytest.mark.parametrize(
    ("shown", "actual", "expected"),
    [
        ("a\tb\n", "a  b\n", True),
        ("a\n…\nz\n", "a\nb\nc\nz\n", True),
        ("a\n…\nz\n", "a\nz\n", True),
        ("a\n", "a\nb\n", False),
        ("x …;\n", "x anything at all;\n", True),
        ("x …;\n", "x anything\n", False),
        ("", "", True),
        ("", "noise\n", False),
    ],
)
def test_output_matching(shown: str, actual: str, expected: bool) -> None:
    """Shown output matches ignoring spacing, with … for any lines or any text, and nothing else."""
    assert output_matches(shown, actual) is expected


def test_drifted_example_fails(tmp_path: Path) -> None:
    """A console example whose output no longer matches the command's fails with both outputs."""
    block = Block("console", "$ jobarchitecture families\nondersteuners\tniet meer zo\n", 1, True)
    with pytest.raises(AssertionError, match="niet meer zo"):
        run_console(block, "x.md:1", tmp_path)


def test_failing_command_behind_an_ellipsis_fails(tmp_path: Path) -> None:
    """A command that exits with an error fails its example even when the page elides the output."""
    block = Block("console", "$ jobarchitecture show bestaat_niet\n…\n", 1, True)
    with pytest.raises(AssertionError, match="exit 2"):
        run_console(block, "x.md:1", tmp_path)


def test_blocks_honour_not_tested_marker() -> None:
    """A fence right after the not-tested comment is found but not run; others are run."""
    text = f"{NOT_TESTED}\n```console\n$ pip install x\n```\n\n```python\nx = 1\n```\n"
    found = blocks(text)
    assert [(b.lang, b.tested) for b in found] == [("console", False), ("python", True)]
    assert shlex.split(commands(found[0].text)[0][0]) == ["pip", "install", "x"]


_LINE = st.text(
    st.characters(
        codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"], exclude_characters="…"
    ),
    max_size=20,
)


@given(st.lists(_LINE, max_size=8), st.data())
def test_output_matches_itself_and_any_elision(lines: list[str], data: st.DataObject) -> None:
    """Output always matches itself, and still matches when any run of its lines is shown as …."""
    text = "".join(f"{line}\n" for line in lines)
    assert output_matches(text, text)
    start = data.draw(st.integers(0, len(lines)))
    end = data.draw(st.integers(start, len(lines)))
    shown = [*lines[:start], ELLIPSIS, *lines[end:]]
    assert output_matches("".join(f"{line}\n" for line in shown), text)


@given(st.lists(_LINE, min_size=1, max_size=8), _LINE)
def test_output_with_an_extra_line_does_not_match(lines: list[str], extra: str) -> None:
    """A shown block without … fails when the command prints one line more."""
    shown = "".join(f"{line}\n" for line in lines)
    assert not output_matches(shown, shown + extra + "\n")
