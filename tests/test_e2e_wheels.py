"""End to end: the core and a plugin built as wheels, installed in a fresh virtual
environment, outside the source tree. A missing package-data file cannot hide here."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.e2e


def _uv() -> list[str]:
    """The uv command: the binary `uv run` points to, uv on PATH, or `python -m uv`."""
    exe = os.environ.get("UV") or shutil.which("uv")
    if exe:
        return [exe]
    probe = subprocess.run([sys.executable, "-m", "uv", "--version"], capture_output=True)
    if probe.returncode == 0:
        return [sys.executable, "-m", "uv"]
    message = "uv is needed to build and install the wheels (pip install uv)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the core and the ondersteuners plugin installed from wheels."""
    uv = _uv()
    tmp = tmp_path_factory.mktemp("wheels")
    dist = tmp / "dist"
    for package in ("jobarchitecture", "jobarchitecture-ondersteuners"):
        subprocess.run(
            [*uv, "build", "--quiet", "--wheel", "--package", package, "--out-dir", str(dist)],
            cwd=ROOT,
            check=True,
        )
    venv = tmp / "venv"
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
            *map(str, sorted(dist.glob("*.whl"))),
        ],
        check=True,
    )
    return python


def _run(python: Path, code: str) -> str:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "JOBARCHITECTURE_PATH", "VIRTUAL_ENV"}
    }
    # Run from an empty directory so that nothing from the source tree can be imported.
    out = subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, cwd=python.parent, env=env
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_installed_plugin_is_discovered_through_its_entry_point(installed: Path) -> None:
    """From wheels alone, get_family finds the plugin's family through the entry point and its data file."""
    out = _run(
        installed,
        "import json, jobarchitecture as ja\n"
        "f = ja.get_family('ondersteuners')\n"
        "i = ja.default_registry().info('ondersteuners')\n"
        "print(json.dumps({'file': ja.__file__, 'codes': ja.family_codes(), 'dist': i.distribution,"
        " 'levels': f.scale.codes, 'problems': [str(p) for p in ja.validate(f)],"
        " 'typed': __import__('importlib.resources').resources.files('jobarchitecture').joinpath('py.typed').is_file()}))",
    )
    result = json.loads(out)
    assert "site-packages" in result["file"]
    assert result["codes"] == ["ondersteuners"]
    assert result["dist"] == "jobarchitecture-ondersteuners"
    assert result["levels"] == ["D", "C", "B"]
    assert result["problems"] == []
    assert result["typed"] is True
