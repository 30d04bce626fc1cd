"""A broken installed family is named so that its author can find it: by its
distribution, version and entry point, and by its data file's real path and
line, in every command that reports it and in the library's errors."""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import jobarchitecture as ja

from .conftest import EXAMPLE

if TYPE_CHECKING:
    from .conftest import Run

PACKAGE = "ja_broken_mijnfam"
ORIGIN = f"mijnfam 2.3 (mijnfam = {PACKAGE})"


def _line(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


@pytest.fixture
def installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, families: Path
) -> Callable[..., Path]:
    """Install, as a wheel would (a dist-info on sys.path), the distribution
    ``mijnfam`` 2.3 whose package holds the family.toml given; its real path."""

    def install(text: str) -> Path:
        site = tmp_path / "site"
        info = site / "mijnfam-2.3.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text("Metadata-Version: 2.1\nName: mijnfam\nVersion: 2.3\n")
        (info / "entry_points.txt").write_text(f"[jobarchitecture.families]\nmijnfam = {PACKAGE}\n")
        package = site / PACKAGE
        package.mkdir()
        (package / "__init__.py").write_text('"""data only"""\n')
        (package / "family.toml").write_text(text, encoding="utf-8")
        monkeypatch.syspath_prepend(str(site))
        monkeypatch.delitem(sys.modules, PACKAGE, raising=False)
        importlib.invalidate_caches()
        return Path(os.path.realpath(package / "family.toml"))

    return install


def test_a_broken_installed_familys_problems_name_its_distribution_and_real_path(
    installed: Callable[..., Path], cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`families` (text, --json, strict), `validate CODE`, `classify CODE` and
    get_family() each name the distribution, its version and entry point, and
    the data file by its real path and line, never by its package
    (``ja_broken_mijnfam/family.toml``)."""
    text = EXAMPLE.read_text(encoding="utf-8").replace('code = "voorbeeld"', 'code = "mijnfam"')
    text = text.replace('levels = ["D"]', 'levels = ["E"]', 1)
    data = installed(text)
    line = _line(text, 'levels = ["E"]') - 1  # its [[criteria.descriptors]]
    problem = f"{data}:{line}: $.criteria[0].descriptors[0].levels[0]: unknown level 'E'"

    run = cli("families")
    assert run.code == 1
    said = [line for line in run.err_lines if "mijnfam" in line]
    assert said
    assert all(f"broken family 'mijnfam' from {ORIGIN}: {data}:" in line for line in said)
    assert any(problem in line for line in said)

    (listed,) = json.loads(cli("families", "--json").out)["problems"]
    assert listed["origin"] == ORIGIN
    assert all(reason.startswith(f"{data}:") for reason in listed["reasons"])

    run = cli("validate", "mijnfam")
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines
    assert all(
        line.startswith(f"family 'mijnfam' from {ORIGIN} is broken: {data}:") for line in lines
    )
    assert any(problem in line for line in lines)

    run = cli("classify", "mijnfam", "kennis=C")
    assert run.code == 2
    assert run.err_lines == [f"jobarchitecture: error: {line}" for line in lines]

    monkeypatch.setenv("JOBARCHITECTURE_STRICT", "1")
    monkeypatch.setattr(ja._registry, "_default", None)
    run = cli("families")
    assert run.code == 2
    assert all(
        line.startswith(f"jobarchitecture: error: broken family 'mijnfam' from {ORIGIN}: {data}:")
        for line in run.err_lines
    )

    with pytest.raises(ja.FamilyError) as info:
        ja.Registry(paths=[]).get("mijnfam")
    assert isinstance(info.value, ja.PluginError)
    assert info.value.origin == ORIGIN
    assert all(p.source == str(data) for p in info.value.problems)
    assert str(info.value).startswith(f"family 'mijnfam' from {ORIGIN} is broken: {data}:")


def test_an_installed_family_with_another_code_names_the_line_to_change(
    installed: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    """A plugin whose data has another code than its entry point's name is reported
    at that data file's real path and the line of its code, with both fixes."""
    data = installed(EXAMPLE.read_text(encoding="utf-8"))
    run = cli("validate", "mijnfam")
    assert run.code == 1
    assert run.out.splitlines() == [
        f"family 'mijnfam' from {ORIGIN} is broken: {data}:3: $.code: its data has code "
        "'voorbeeld', but it is registered as 'mijnfam' by its entry point: set its code to "
        "'mijnfam', or rename the entry point to 'voorbeeld'"
    ]
    assert cli("classify", "mijnfam", "kennis=C").err_lines == [
        f"jobarchitecture: error: {run.out.strip()}"
    ]
