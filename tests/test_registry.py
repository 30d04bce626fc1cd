"""The plugin registry, driven by fake entry points (no installation needed)."""

from __future__ import annotations

import importlib
import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

import jobarchitecture as ja
from jobarchitecture import _format, _registry

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "voorbeeld.toml"


@attrs.define
class FakeDist:
    name: str
    version: str = "1.0"


@attrs.define
class FakeEntryPoint:
    """Stands in for importlib.metadata.EntryPoint; counts how often it is loaded."""

    name: str
    value: str
    target: Callable[[], Any]
    dist: FakeDist | None = attrs.field(factory=lambda: FakeDist("dist-a"))
    loads: int = 0

    def load(self) -> Any:
        self.loads += 1
        return self.target()


def _example(code: str = "voorbeeld") -> ja.Family:
    return attrs.evolve(ja.load_family(EXAMPLE), code=code)


def _package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: str | None) -> None:
    """Create an importable package *name* holding family.toml with *data* (none if None)."""
    pkg = tmp_path / "site" / name
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text('"""data only"""\n')
    if data is not None:
        (pkg / "family.toml").write_text(data, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    importlib.invalidate_caches()


def _registry_of(*eps: FakeEntryPoint, strict: bool = False) -> ja.Registry:
    return ja.Registry(entry_points=eps, paths=[], strict=strict)


def test_package_entry_point_loads_its_data_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry point naming a package with family.toml yields that family; no plugin code needed."""
    _package(tmp_path, monkeypatch, "ja_test_pkg_ok", EXAMPLE.read_text(encoding="utf-8"))
    ep = FakeEntryPoint(
        "voorbeeld", "ja_test_pkg_ok", lambda: importlib.import_module("ja_test_pkg_ok")
    )
    reg = _registry_of(ep)
    family = reg.get("voorbeeld")
    assert family == ja.load_family(EXAMPLE)
    assert reg.info("voorbeeld").distribution == "dist-a"


def test_callable_and_object_entry_points() -> None:
    """An entry point may name a Family object or a callable returning one."""
    reg = _registry_of(
        FakeEntryPoint("een", "x:f", lambda: _example("een")),
        FakeEntryPoint("twee", "x:g", lambda: lambda: _example("twee")),
    )
    assert [f.code for f in reg.families()] == ["een", "twee"]


def test_listing_parses_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """codes() reads entry point names only: no plugin is imported and no file parsed."""
    parsed: list[str] = []
    real_parse = _format.parse
    monkeypatch.setattr(
        _format, "parse", lambda *a, **k: parsed.append(a[1]) or real_parse(*a, **k)
    )
    ep = FakeEntryPoint("voorbeeld", "x:f", _example)
    reg = _registry_of(ep, FakeEntryPoint("ander", "y:f", lambda: _example("ander")))
    assert reg.codes() == ("ander", "voorbeeld")
    assert ep.loads == 0
    assert parsed == []


def test_path_listing_parses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Families on JOBARCHITECTURE_PATH are listed by file name without parsing them."""
    shutil.copy(EXAMPLE, tmp_path / "voorbeeld.toml")
    calls: list[object] = []
    monkeypatch.setattr(_format, "load_family", lambda *a, **k: calls.append(a))
    reg = ja.Registry(entry_points=[], paths=[tmp_path])
    assert reg.codes() == ("voorbeeld",)
    assert calls == []


def test_family_is_parsed_once_and_cached() -> None:
    """A family is loaded on first use and the same object is returned afterwards."""
    ep = FakeEntryPoint("voorbeeld", "x:f", _example)
    reg = _registry_of(ep)
    first = reg.get("voorbeeld")
    assert reg.get("voorbeeld") is first
    assert ep.loads == 1


def test_concurrent_first_access_loads_once() -> None:
    """Sixteen threads asking for one family at once cause exactly one load and share its result."""

    def slow() -> ja.Family:
        time.sleep(0.05)
        return _example()

    ep = FakeEntryPoint("voorbeeld", "x:f", slow)
    reg = _registry_of(ep)
    barrier = threading.Barrier(16)
    results: list[ja.Family] = []

    def worker() -> None:
        barrier.wait()
        results.append(reg.get("voorbeeld"))

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert ep.loads == 1
    assert len(results) == 16
    assert all(r is results[0] for r in results)


def test_entry_points_are_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The installed entry points are queried once per registry, however often codes are listed."""
    calls: list[str] = []

    def fake_entry_points(group: str) -> list[FakeEntryPoint]:
        calls.append(group)
        return [FakeEntryPoint("voorbeeld", "x:f", _example)]

    monkeypatch.setattr("jobarchitecture._entrypoints.entry_points", fake_entry_points)
    reg = ja.Registry(paths=[])
    for _ in range(3):
        assert reg.codes() == ("voorbeeld",)
    reg.get("voorbeeld")
    assert calls == ["jobarchitecture.families"]


def _broken_registry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, strict: bool = False
) -> ja.Registry:
    _package(tmp_path, monkeypatch, "ja_test_pkg_nodata", None)
    _package(tmp_path, monkeypatch, "ja_test_pkg_bad", 'code = "slecht"\nname = 3\n')

    def import_error() -> Any:
        raise ImportError("No module named 'ja_missing'")

    return _registry_of(
        FakeEntryPoint("goed", "x:f", lambda: _example("goed")),
        FakeEntryPoint("kapot", "ja_missing", import_error, FakeDist("dist-kapot", "0.3")),
        FakeEntryPoint(
            "leeg", "ja_test_pkg_nodata", lambda: importlib.import_module("ja_test_pkg_nodata")
        ),
        FakeEntryPoint(
            "slecht", "ja_test_pkg_bad", lambda: importlib.import_module("ja_test_pkg_bad")
        ),
        FakeEntryPoint("raar", "x:n", lambda: 42),
        FakeEntryPoint("anders", "x:g", lambda: _example("iets_anders")),
        strict=strict,
    )


def test_broken_plugins_do_not_break_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Import errors, missing or invalid data, wrong types and wrong codes are recorded; good families still load."""
    reg = _broken_registry(tmp_path, monkeypatch)
    assert [f.code for f in reg.families()] == ["goed"]
    problems = {p.code: p for p in reg.problems()}
    assert set(problems) == {"anders", "kapot", "leeg", "slecht", "raar"}
    assert problems["kapot"].origin == "dist-kapot 0.3 (kapot = ja_missing)"
    assert "cannot import: ImportError: No module named 'ja_missing'" in problems["kapot"].reason
    assert (
        "package 'ja_test_pkg_nodata' has no family.toml or family.json" in problems["leeg"].reason
    )
    assert (
        "ja_test_pkg_bad/family.toml:2: $.name: expected a string or a table"
        in problems["slecht"].reason
    )
    assert (
        "expected a package with family.toml, a Family or a callable returning one, got int"
        in problems["raar"].reason
    )
    assert (
        "its data has code 'iets_anders', but it is registered as 'anders'"
        in problems["anders"].reason
    )


def test_broken_plugin_raises_on_direct_access(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asking for a broken family raises an error that names its distribution and reason, every time."""
    reg = _broken_registry(tmp_path, monkeypatch)
    for _ in range(2):
        with pytest.raises(
            ja.PluginError, match=r"family 'kapot' from dist-kapot 0\.3 .* is broken: cannot import"
        ):
            reg.get("kapot")
    with pytest.raises(ja.FamilyError, match=r"ja_test_pkg_bad/family\.toml:2: \$\.name"):
        reg.get("slecht")


def test_strict_mode_fails_hard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In strict mode listing all families raises on the first broken plugin."""
    reg = _broken_registry(tmp_path, monkeypatch, strict=True)
    with pytest.raises(ja.JobArchitectureError):
        reg.families()


def test_strict_mode_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """JOBARCHITECTURE_STRICT=1 turns strict mode on for a registry created without the argument."""
    monkeypatch.setenv("JOBARCHITECTURE_STRICT", "1")
    assert ja.Registry(entry_points=[]).strict
    monkeypatch.setenv("JOBARCHITECTURE_STRICT", "0")
    assert not ja.Registry(entry_points=[]).strict


def test_two_distributions_claiming_one_code() -> None:
    """Two distributions with one family code give an error naming both, never a silent pick."""
    reg = _registry_of(
        FakeEntryPoint("voorbeeld", "pkg_a", _example, FakeDist("dist-a", "1.0")),
        FakeEntryPoint("voorbeeld", "pkg_b", _example, FakeDist("dist-b", "2.0")),
    )
    with pytest.raises(ja.DuplicateFamilyError) as info:
        reg.get("voorbeeld")
    assert "dist-a 1.0" in str(info.value)
    assert "dist-b 2.0" in str(info.value)
    assert len(info.value.origins) == 2
    assert [p.code for p in reg.problems()] == ["voorbeeld"]


def test_duplicate_in_strict_mode_fails_at_listing() -> None:
    """In strict mode a duplicate code fails as soon as the families are listed."""
    reg = _registry_of(
        FakeEntryPoint("voorbeeld", "pkg_a", _example, FakeDist("dist-a")),
        FakeEntryPoint("voorbeeld", "pkg_b", _example, FakeDist("dist-b")),
        strict=True,
    )
    with pytest.raises(ja.DuplicateFamilyError):
        reg.codes()


def test_same_distribution_seen_twice_is_not_a_duplicate() -> None:
    """One distribution visible twice on sys.path is one claim, not a duplicate."""
    ep = FakeEntryPoint("voorbeeld", "pkg_a", _example)
    reg = _registry_of(ep, FakeEntryPoint("voorbeeld", "pkg_a", _example))
    assert reg.get("voorbeeld").code == "voorbeeld"


def test_path_and_plugin_claiming_one_code(tmp_path: Path) -> None:
    """A family file on the path with the code of an installed plugin is a duplicate too."""
    shutil.copy(EXAMPLE, tmp_path / "voorbeeld.toml")
    reg = ja.Registry(
        entry_points=[FakeEntryPoint("voorbeeld", "pkg_a", _example)], paths=[tmp_path]
    )
    with pytest.raises(ja.DuplicateFamilyError, match=r"voorbeeld\.toml"):
        reg.get("voorbeeld")


def test_jobarchitecture_path_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """JOBARCHITECTURE_PATH names directories and files whose families load without installing anything."""
    d = tmp_path / "dir"
    d.mkdir()
    shutil.copy(EXAMPLE, d / "voorbeeld.toml")
    single = tmp_path / "eigen.json"
    single.write_text(ja.dumps_family(_example("eigen")), encoding="utf-8")
    monkeypatch.setenv("JOBARCHITECTURE_PATH", f"{d}{_registry.os.pathsep}{single}")
    reg = ja.Registry(entry_points=[])
    assert reg.codes() == ("eigen", "voorbeeld")
    assert reg.get("eigen").code == "eigen"
    assert reg.info("voorbeeld").origin == "path"


def test_missing_path_file_is_reported_on_use(tmp_path: Path) -> None:
    """A file named on the path that does not exist is listed and fails with a clear message on use."""
    reg = ja.Registry(entry_points=[], paths=[tmp_path / "weg.toml"])
    assert reg.codes() == ("weg",)
    with pytest.raises(ja.FamilyError, match=r"weg\.toml: \$: cannot read file"):
        reg.get("weg")
    assert [p.code for p in reg.problems()] == ["weg"]


def test_unknown_family_lists_codes_and_closest() -> None:
    """An unknown code raises UnknownFamilyError (a LookupError) with the codes and the closest match."""
    reg = _registry_of(FakeEntryPoint("ondersteuners", "x:f", lambda: _example("ondersteuners")))
    with pytest.raises(ja.UnknownFamilyError) as info:
        reg.get("ondersteuner")
    assert isinstance(info.value, LookupError)
    assert info.value.closest == "ondersteuners"
    assert (
        str(info.value)
        == "unknown family 'ondersteuner' (ondersteuners); did you mean 'ondersteuners'?"
    )


def test_register_adds_a_family_object() -> None:
    """A family built in code can be registered; registering a taken code is an error."""
    reg = _registry_of()
    reg.register(_example())
    assert reg.codes() == ("voorbeeld",)
    with pytest.raises(ja.DuplicateFamilyError):
        reg.register(_example())


def test_a_family_whose_code_is_not_its_name_says_both_ways_to_fix_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A code that differs from the file name on the path, or from the entry point's name,
    is reported with what it is registered by and the two fixes."""
    shutil.copy(EXAMPLE, tmp_path / "mijn.toml")
    _package(tmp_path, monkeypatch, "ja_test_pkg_misnamed", EXAMPLE.read_text(encoding="utf-8"))
    reg = ja.Registry(
        entry_points=[
            FakeEntryPoint(
                "eigen",
                "ja_test_pkg_misnamed",
                lambda: importlib.import_module("ja_test_pkg_misnamed"),
            ),
            FakeEntryPoint("gebouwd", "x:f", lambda: _example("voorbeeld")),
        ],
        paths=[tmp_path / "mijn.toml"],
    )
    reg.families()  # every family parsed, so that each broken one is recorded
    reasons = {p.code: p.reason for p in reg.problems()}
    data = Path(os.path.realpath(tmp_path / "site" / "ja_test_pkg_misnamed" / "family.toml"))
    assert reasons == {
        "mijn": f"{tmp_path / 'mijn.toml'}:3: $.code: its data has code 'voorbeeld', but it is "
        "registered as 'mijn' by its file name: rename the file to voorbeeld.toml, or set its "
        "code to 'mijn'",
        "eigen": f"{data}:3: $.code: its data has code 'voorbeeld', but it is registered as "
        "'eigen' by its entry point: set its code to 'eigen', or rename the entry point to "
        "'voorbeeld'",
        "gebouwd": "its data has code 'voorbeeld', but it is registered as 'gebouwd' by its "
        "entry point: rename the entry point to 'voorbeeld'",
    }
