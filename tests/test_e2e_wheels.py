"""End to end: the core and a plugin built as wheels, installed in a fresh virtual
environment, outside the source tree. A missing package-data file cannot hide here."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture
def installed(make_venv: Callable[..., Path], wheels: dict[str, Path]) -> Path:
    """A fresh venv with the core and the ondersteuners plugin installed from wheels."""
    return make_venv(wheels["jobarchitecture-ondersteuners"])


def _run(python: Path, env: dict[str, str], *args: str) -> str:
    # Run from the venv's bin directory so that nothing from the source tree can be imported.
    out = subprocess.run(
        [*map(str, args)], capture_output=True, text=True, cwd=python.parent, env=env
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_installed_plugin_is_discovered_through_its_entry_point(
    installed: Path, venv_env: dict[str, str]
) -> None:
    """From wheels alone, get_family finds the plugin's family through the entry point and its data file."""
    out = _run(
        installed,
        venv_env,
        installed,
        "-c",
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


def test_installed_command_line_classifies(installed: Path, venv_env: dict[str, str]) -> None:
    """The wheel's console script classifies with the installed plugin's family."""
    out = _run(
        installed,
        venv_env,
        installed.parent / "jobarchitecture",
        "classify",
        "ondersteuners",
        "kennis=C",
        "documenten=B",
        "contacten=C",
        "--json",
    )
    result = json.loads(out)
    assert result["level"] == "C"
    assert result["family"] == "ondersteuners"
