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


def _egg_info(site: Path, dirname: str, name: str, version: str, entry_points: str) -> None:
    egg = site / dirname
    egg.mkdir(parents=True)
    (egg / "PKG-INFO").write_text(f"Metadata-Version: 1.1\nName: {name}\nVersion: {version}\n")
    (egg / "entry_points.txt").write_text(entry_points)


def test_reads_egg_info_without_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An .egg-info directory is read like a .dist-info, as importlib.metadata reads it, without it."""
    group = "jobarchitecture.families"
    _egg_info(tmp_path, "legacy.egg-info", "legacy", "0.1", f"[{group}]\noud = legacy_pkg\n")
    _egg_info(
        tmp_path, "old_style-2.0-py3.11.egg-info", "old-style", "2.0", f"[{group}]\nx = old:y\n"
    )
    _project(tmp_path, "modern", "1.0", f"[{group}]\nnieuw = modern_pkg\n")
    (tmp_path / "plain.egg-info").write_text("Metadata-Version: 1.1\nName: plain\nVersion: 1\n")
    theirs = sorted(
        _key(ep)
        for d in metadata.distributions(path=[str(tmp_path)])
        for ep in d.entry_points.select(group=group)
    )

    def refuse(**kwargs: object) -> None:
        raise AssertionError("fell back to importlib.metadata")

    monkeypatch.setattr(metadata, "distributions", refuse)
    ours = sorted(_key(ep) for ep in _entrypoints.entry_points(group, [str(tmp_path)]))
    assert ours == theirs
    assert [k[0] for k in ours] == ["nieuw", "oud", "x"]


def test_opens_metadata_only_of_projects_with_entry_points_in_the_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Projects without entry points in the group are told apart by their directory name alone."""
    group = "jobarchitecture.families"
    for i in range(30):
        _project(
            tmp_path, f"other-{i}", f"1.{i}", "[console_scripts]\nx = y:z\n" if i % 3 else None
        )
    _project(tmp_path, "fam-een", "1.0", f"[{group}]\neen = pkg_een\n")
    opened: list[str] = []
    real = _entrypoints._metadata

    def spy(path: str) -> tuple[str, str] | None:
        opened.append(Path(path).parent.name)
        return real(path)

    monkeypatch.setattr(_entrypoints, "_metadata", spy)
    eps = _entrypoints.entry_points(group, [str(tmp_path)])
    assert [_key(ep) for ep in eps] == [("een", "pkg_een", "fam-een", "1.0")]
    assert opened == ["fam_een-1.0.dist-info"]


def test_falls_back_for_eggs(tmp_path: Path) -> None:
    """A zipped .egg on the path hands the work to importlib.metadata."""
    site = tmp_path / "site"
    _egg_info(
        site, "legacy.egg-info", "legacy", "0.1", "[jobarchitecture.families]\noud = legacy_pkg\n"
    )
    (site / "zipped-1.0-py3.11.egg").write_bytes(b"")
    eps = _entrypoints.entry_points("jobarchitecture.families", [str(site)])
    assert [(ep.name, ep.value) for ep in eps] == [("oud", "legacy_pkg")]
    assert not isinstance(eps[0], _entrypoints.EntryPoint)  # importlib.metadata's own
