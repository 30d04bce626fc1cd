"""The entry-point reader agrees with importlib.metadata, which it stands in for."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import pytest

from jobarchitecture import _entrypoints


def _key(ep: object) -> tuple[str, str, str, str]:
    dist = ep.dist  # type: ignore[attr-defined]
    return (ep.name, ep.value, dist.name, dist.version)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "group", ["jobarchitecture.families", "console_scripts", "pytest11", "hypothesis"]
)
def test_same_entry_points_as_importlib_metadata(group: str) -> None:
    """For the installed environment, the reader finds exactly what importlib.metadata finds."""
    ours = sorted(_key(ep) for ep in _entrypoints.entry_points(group))
    theirs = sorted(_key(ep) for ep in metadata.entry_points(group=group))
    assert ours == theirs
    if group == "jobarchitecture.families":
        assert len(ours) == 4


def _project(site: Path, name: str, version: str, entry_points: str | None) -> None:
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nBody: x\n"
    )
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points)


def test_reads_a_site_directory(tmp_path: Path) -> None:
    """Entry points of a group are read from dist-info directories, first installation winning."""
    first, second = tmp_path / "a", tmp_path / "b"
    _project(
        first, "fam-een", "1.0", "[jobarchitecture.families]\neen = pkg_een\n\n[other]\nx = y\n"
    )
    _project(first, "zonder-ep", "2.0", None)
    _project(second, "fam-een", "0.9", "[jobarchitecture.families]\neen = oud\n")
    _project(
        second,
        "fam-twee",
        "3.1",
        "# comment\n[jobarchitecture.families]\ntwee = pkg.twee:build [extra]\n",
    )
    eps = _entrypoints.entry_points(
        "jobarchitecture.families", [str(first), str(second), str(tmp_path / "missing")]
    )
    assert sorted(_key(ep) for ep in eps) == [
        ("een", "pkg_een", "fam-een", "1.0"),
        ("twee", "pkg.twee:build [extra]", "fam-twee", "3.1"),
    ]
    assert sorted(_key(ep) for ep in eps) == sorted(
        _key(ep)
        for d in metadata.distributions(path=[str(first), str(second)])
        for ep in d.entry_points.select(group="jobarchitecture.families")
        if not (d.metadata["Name"] == "fam-een" and d.version == "0.9")
    )


def test_load_imports_module_and_attribute() -> None:
    """load() returns the module, or the attribute path after the colon."""
    ep = _entrypoints.EntryPoint("x", "os.path:join", "g", None)
    assert ep.load() is __import__("os").path.join
    assert _entrypoints.EntryPoint("x", "json", "g", None).load() is sys.modules["json"]
    with pytest.raises(ValueError, match="malformed entry point value"):
        _entrypoints.EntryPoint("x", "not a value!", "g", None).load()


def test_falls_back_for_legacy_layouts(tmp_path: Path) -> None:
    """An egg-info directory on the path hands the work to importlib.metadata, which reads it."""
    egg = tmp_path / "legacy.egg-info"
    egg.mkdir()
    (egg / "PKG-INFO").write_text("Metadata-Version: 1.1\nName: legacy\nVersion: 0.1\n")
    (egg / "entry_points.txt").write_text("[jobarchitecture.families]\noud = legacy_pkg\n")
    eps = _entrypoints.entry_points("jobarchitecture.families", [str(tmp_path)])
    assert [(ep.name, ep.value) for ep in eps] == [("oud", "legacy_pkg")]
