"""End to end: the README's way to install outside the repository, run as written.

The commands are read from the README's and the scaffold's README's ``sh``
blocks, so the documentation cannot drift from what works: only the paths are
moved into the test's directory (``dist``, the venv, the clone).
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, uv_command

pytestmark = pytest.mark.e2e

VENV = "~/venvs/ja"


def _blocks(markdown: str, heading: str) -> list[list[str]]:
    """The command lines of each ``sh`` block in the section under *heading*."""
    section = markdown.split(heading, 1)[1].split("\n## ", 1)[0]
    return [
        [line for line in block.splitlines() if line.strip()]
        for block in re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
    ]


def _run(line: str, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        shlex.split(line), cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_readme_install_path_works_in_a_fresh_venv(
    tmp_path: Path, venv_env: dict[str, str]
) -> None:
    """Wheels built as the README says install with pip --find-links in a fresh venv, and a
    scaffolded plugin installs and passes its test the way its own README says."""
    uv = " ".join(map(shlex.quote, uv_command()))
    dist = tmp_path / "dist"
    venv = tmp_path / "venv"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    build, install = _blocks(readme, "## Installing outside this repository")
    assert build == [
        "python3 -m pip install uv",
        "python3 -m uv build --all-packages --out-dir dist",
    ]

    def moved(line: str) -> str:
        line = line.replace(VENV, str(venv)).replace("python3 -m uv ", f"{uv} ")
        line = re.sub(r"(--out-dir|--find-links) dist\b", rf"\1 {dist}", line)
        return line.replace("python3 ", f"{shlex.quote(sys.executable)} ", 1)

    _run(moved(build[1]), ROOT, venv_env)  # build[0] installs uv, which the test has
    assert {p.name.split("-")[0] for p in dist.glob("*.whl")} == {
        "jobarchitecture",
        "jobarchitecture_adviseurs",
        "jobarchitecture_managementondersteuning",
        "jobarchitecture_ondersteuners",
        "jobarchitecture_organisatieondersteuning",
    }
    outputs = [_run(moved(line), tmp_path, venv_env) for line in install]
    assert outputs[-1].split("\t")[0] == "ondersteuners"
    assert "site-packages" in _run(
        f"{venv}/bin/python -c 'import jobarchitecture; print(jobarchitecture.__file__)'",
        tmp_path,
        venv_env,
    )

    _run(f"{venv}/bin/jobarchitecture new-plugin mijnfamilie --dir {tmp_path}", tmp_path, venv_env)
    plugin = tmp_path / "mijnfamilie"
    scaffold = (plugin / "README.md").read_text(encoding="utf-8")
    (steps,) = _blocks(scaffold, "## Install")
    (tests,) = _blocks(scaffold, "## Test")
    bin_ = venv / "bin"
    for line in steps + tests:
        line = line.replace("../jobarchitecture/dist", str(dist))
        first, *rest = shlex.split(line)
        _run(shlex.join([str(bin_ / first), *rest]), plugin, venv_env)
    families = _run(f"{bin_}/jobarchitecture families", tmp_path, venv_env)
    assert "mijnfamilie" in families
