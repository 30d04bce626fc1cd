"""Fixtures shared by the command-line tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import attrs
import pytest

from jobarchitecture import _registry
from jobarchitecture._cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "voorbeeld.toml"
# Variables that change what the CLI finds or prints; every test starts without them.
CLEARED = ("JOBARCHITECTURE_PATH", "JOBARCHITECTURE_STRICT", "NO_COLOR", "TERM")


@attrs.frozen
class Run:
    """What one run of the command line gave."""

    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        """The non-empty lines of stderr."""
        return [line for line in self.err.splitlines() if line.strip()]


@pytest.fixture
def families(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A JOBARCHITECTURE_PATH directory with the example family, read by a fresh registry."""
    directory = tmp_path / "families"
    directory.mkdir()
    shutil.copy(EXAMPLE, directory / "voorbeeld.toml")
    for name in CLEARED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JOBARCHITECTURE_PATH", str(directory))
    monkeypatch.setattr(_registry, "_default", None)
    return directory


@pytest.fixture
def cli(families: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run ``main(argv)`` in this process (fast) against the families directory."""

    def run(*args: str) -> Run:
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def sh(families: Path, tmp_path: Path) -> Callable[..., Run]:
    """Run ``python -m jobarchitecture`` as a subprocess, as a user would."""

    def run(*args: str, env: Mapping[str, str] | None = None, stdin: str | None = None) -> Run:
        environ = {k: v for k, v in os.environ.items() if k not in CLEARED}
        environ["JOBARCHITECTURE_PATH"] = str(families)
        environ.update(env or {})
        done = subprocess.run(
            [sys.executable, "-m", "jobarchitecture", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=tmp_path,
            env=environ,
            input=stdin,
            timeout=120,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    return run


def uv_command() -> list[str]:
    """The uv command: the binary `uv run` points to, uv on PATH, or `python -m uv`.

    The end-to-end tests need it to build and install wheels; missing, they skip
    on a developer's machine and fail under CI.
    """
    exe = os.environ.get("UV") or shutil.which("uv")
    if exe:
        return [exe]
    probe = subprocess.run([sys.executable, "-m", "uv", "--version"], capture_output=True)
    if probe.returncode == 0:
        return [sys.executable, "-m", "uv"]
    message = "uv is needed to build and install wheels (pip install uv)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _clean_env() -> dict[str, str]:
    drop = {"PYTHONPATH", "VIRTUAL_ENV", "JOBARCHITECTURE_PATH", "JOBARCHITECTURE_STRICT"}
    return {k: v for k, v in os.environ.items() if k not in drop}


@pytest.fixture
def venv_env() -> dict[str, str]:
    """Environment for processes in a test venv: nothing that points back into this tree."""
    return _clean_env()


@pytest.fixture(scope="session")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The core and the ondersteuners plugin built as wheels, once per session."""
    uv = uv_command()
    dist = tmp_path_factory.mktemp("dist")
    built = {}
    for package in ("jobarchitecture", "jobarchitecture-ondersteuners"):
        out = dist / package
        subprocess.run(
            [*uv, "build", "--quiet", "--wheel", "--package", package, "--out-dir", str(out)],
            cwd=ROOT,
            check=True,
        )
        (built[package],) = out.glob("*.whl")
    return built


@pytest.fixture
def make_venv(tmp_path: Path, wheels: dict[str, Path]) -> Callable[..., Path]:
    """A factory: a fresh venv with the core wheel and the given requirements; returns its python."""

    def make(*requirements: str | Path) -> Path:
        uv = uv_command()
        venv = tmp_path / "venv"
        subprocess.run([*uv, "venv", "--quiet", "--python", sys.executable, str(venv)], check=True)
        python = venv / "bin" / "python"
        subprocess.run(
            [
                *uv,
                "pip",
                "install",
                "--quiet",
                "--python",
                str(python),
                str(wheels["jobarchitecture"]),
                *map(str, requirements),
            ],
            check=True,
            env=_clean_env(),
        )
        return python

    return make
