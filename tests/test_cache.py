"""The family cache: the same families as parsing gives, never a stale one, off on request."""

from __future__ import annotations

import importlib
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import jobarchitecture as ja
from jobarchitecture import _cache, _entrypoints, _format, _registry
from jobarchitecture._cli import _cmd_families
from jobarchitecture.strategies import families

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "voorbeeld.toml"
BUNDLED = ("adviseurs", "managementondersteuning", "ondersteuners", "organisatieondersteuning")


@attrs.define
class _Dist:
    name: str
    version: str


@attrs.define
class _EntryPoint:
    name: str
    value: str
    dist: _Dist

    def load(self) -> Any:
        return importlib.import_module(self.value)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache directory of this test, the cache switched on."""
    directory = tmp_path / "cache"
    monkeypatch.setenv(_cache.DIR_ENV, str(directory))
    monkeypatch.delenv(_cache.OFF_ENV, raising=False)
    return directory


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.pickle"))


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> Any:
        raise AssertionError("parsed although the cache holds the family")

    monkeypatch.setattr(_format, "parse", refuse)


def _package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str) -> Path:
    pkg = tmp_path / "site" / name
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text('"""data only"""\n')
    (pkg / "family.toml").write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    importlib.invalidate_caches()
    return pkg / "family.toml"


def _plugin_registry(code: str, module: str, version: str = "1.0") -> ja.Registry:
    ep = _EntryPoint(code, module, _Dist(f"plugin-{code}", version))
    return ja.Registry(entry_points=[ep], paths=[])


def _rewrite_entry(entry: Path, change: Any) -> None:
    """Replace the family kept in *entry* by change(family), under the same key."""
    with entry.open("rb") as handle:
        key, _summary, family = (pickle.load(handle) for _ in range(3))
    family = change(family)
    with entry.open("wb") as handle:
        for item in (key, _cache.summary_of(family), family):
            pickle.dump(item, handle)


def test_bundled_families_from_the_cache_equal_parsed_ones(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each bundled family read back from the cache equals the one parsing gives."""
    parsed = {code: ja.Registry().get(code) for code in BUNDLED}  # fills the cache
    assert len(_entries(cache)) == len(BUNDLED)
    _no_parsing(monkeypatch)
    for code in BUNDLED:
        assert ja.Registry().get(code) == parsed[code]


def test_listing_equals_parsing_for_valid_and_broken_families(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`families` lists from the cache exactly what it lists after parsing, broken files included."""
    directory = tmp_path / "families"
    directory.mkdir()
    (directory / "voorbeeld.toml").write_bytes(EXAMPLE.read_bytes())
    (directory / "kapot.toml").write_text('code = "kapot"\nname = 3\n', encoding="utf-8")
    monkeypatch.setenv(_registry.PATH_ENV, str(directory))
    # Besides the installed plugins: one whose data is invalid, one that does not import.
    _package(tmp_path, monkeypatch, "cache_plugin_bad", 'code = "slecht"\nscale = 1\n')
    installed = _entrypoints.entry_points(_registry.GROUP)
    broken = [
        _EntryPoint("slecht", "cache_plugin_bad", _Dist("plugin-slecht", "1.0")),
        _EntryPoint("weg", "cache_plugin_missing", _Dist("plugin-weg", "1.0")),
    ]
    monkeypatch.setattr(_entrypoints, "entry_points", lambda group: [*installed, *broken])

    def listing() -> Any:
        monkeypatch.setattr(_registry, "_default", None)
        return _cmd_families.collect()

    monkeypatch.setenv(_cache.OFF_ENV, "1")
    parsed = listing()
    assert not _entries(cache)
    monkeypatch.delenv(_cache.OFF_ENV)
    listing()  # fills the cache
    assert len(_entries(cache)) == len(BUNDLED) + 1  # broken families are never kept
    assert listing() == parsed
    assert {p["code"] for p in parsed[1]} == {"kapot", "slecht", "weg"}
    assert len(parsed[0]) == len(BUNDLED) + 1


def test_summary_is_the_parsed_familys(cache: Path) -> None:
    """Registry.summary gives the code, name, government and levels of the parsed family."""
    for code in BUNDLED:
        family = ja.Registry().get(code)
        assert ja.Registry().summary(code) == (
            family.code,
            family.name,
            family.government,
            family.scale.codes,
        )


def test_a_changed_file_is_never_served_stale(cache: Path, tmp_path: Path) -> None:
    """A family file changed in place, same size and same timestamp, is parsed again."""
    path = tmp_path / "voorbeeld.toml"
    text = EXAMPLE.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    before = ja.Registry(paths=[path], use_entry_points=False).get("voorbeeld")
    stamp = path.stat()
    changed = text.replace(before.name.nl, before.name.nl[::-1], 1)
    assert changed != text
    assert len(changed) == len(text)
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    after = ja.Registry(paths=[path], use_entry_points=False).get("voorbeeld")
    assert after.name.nl == before.name.nl[::-1]
    assert after == ja.load_family(path)


def test_an_upgraded_plugin_is_never_served_stale(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry kept for version 1.0 of a plugin is not used for version 2.0 of it."""
    _package(tmp_path, monkeypatch, "cache_plugin_a", EXAMPLE.read_text(encoding="utf-8"))
    real = _plugin_registry("voorbeeld", "cache_plugin_a").get("voorbeeld")
    (entry,) = _entries(cache)
    _rewrite_entry(entry, lambda f: attrs.evolve(f, version="from the cache"))
    # The same version hits the entry (so the cache is in use) ...
    assert _plugin_registry("voorbeeld", "cache_plugin_a").get("voorbeeld").version == (
        "from the cache"
    )
    # ... an upgrade does not.
    assert _plugin_registry("voorbeeld", "cache_plugin_a", "2.0").get("voorbeeld") == real


def test_an_upgraded_core_is_never_served_stale(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry kept by another version or build of the core is not used."""
    path = tmp_path / "voorbeeld.toml"
    path.write_bytes(EXAMPLE.read_bytes())
    real = ja.Registry(paths=[path], use_entry_points=False).get("voorbeeld")
    (entry,) = _entries(cache)
    _rewrite_entry(entry, lambda f: attrs.evolve(f, version="from the cache"))
    monkeypatch.setattr(_cache, "_core", _cache.core_fingerprint() + "+upgraded")
    assert ja.Registry(paths=[path], use_entry_points=False).get("voorbeeld") == real


def test_the_core_fingerprint_follows_the_version_and_the_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The core's fingerprint changes with its version and with the source of its modules."""
    monkeypatch.setattr(_cache, "_core", None)
    first = _cache.core_fingerprint()
    monkeypatch.setattr(_cache, "_core", None)
    monkeypatch.setattr(ja, "__version__", ja.__version__ + ".post1")
    assert _cache.core_fingerprint() != first
    monkeypatch.setattr(_cache, "_core", None)
    monkeypatch.setattr(ja, "__version__", ja.__version__.removesuffix(".post1"))
    monkeypatch.setattr(_cache, "_CORE_MODULES", (*_cache._CORE_MODULES, "_errors.py"))
    assert _cache.core_fingerprint() != first


def test_no_cache_switch_neither_reads_nor_writes(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With JOBARCHITECTURE_NO_CACHE=1 nothing is written and a kept entry is not read."""
    path = tmp_path / "voorbeeld.toml"
    path.write_bytes(EXAMPLE.read_bytes())
    real = ja.Registry(paths=[path], use_entry_points=False).get("voorbeeld")
    (entry,) = _entries(cache)
    _rewrite_entry(entry, lambda f: attrs.evolve(f, version="from the cache"))
    monkeypatch.setenv(_cache.OFF_ENV, "1")
    assert ja.Registry(paths=[path], use_entry_points=False).get("voorbeeld") == real
    entry.unlink()
    ja.Registry(paths=[path], use_entry_points=False).get("voorbeeld")
    assert not _entries(cache)


def test_a_corrupt_entry_is_a_miss_and_is_replaced(cache: Path, tmp_path: Path) -> None:
    """A truncated or garbled entry is ignored, the file parsed and the entry written anew."""
    path = tmp_path / "voorbeeld.toml"
    path.write_bytes(EXAMPLE.read_bytes())
    real = ja.Registry(paths=[path], use_entry_points=False).get("voorbeeld")
    (entry,) = _entries(cache)
    for garbage in (entry.read_bytes()[:100], b"not a pickle", b""):
        entry.write_bytes(garbage)
        assert ja.Registry(paths=[path], use_entry_points=False).get("voorbeeld") == real
        assert _cache.load(str(path), _key_of(path)) == real


def _key_of(path: Path) -> tuple[Any, ...]:
    return _cache.key(path.read_bytes(), "voorbeeld", None, None, str(path))


def test_an_unwritable_cache_costs_nothing_but_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache directory that cannot be created leaves loading as it is."""
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(_cache.DIR_ENV, str(blocker / "cache"))
    path = tmp_path / "voorbeeld.toml"
    path.write_bytes(EXAMPLE.read_bytes())
    assert ja.Registry(paths=[path], use_entry_points=False).get("voorbeeld") == ja.load_family(
        path
    )


def test_broken_files_fail_with_the_same_messages_every_time(cache: Path, tmp_path: Path) -> None:
    """A broken family is never kept: each load fails with the problems a direct load reports."""
    path = tmp_path / "kapot.toml"
    path.write_text('code = "kapot"\nname = 3\n[scale]\nname = "Niveau"\n', encoding="utf-8")
    with pytest.raises(ja.FamilyError) as direct:
        ja.load_family(path)
    for _ in range(2):
        with pytest.raises(ja.FamilyError) as via_registry:
            ja.Registry(paths=[path], use_entry_points=False).get("kapot")
        assert [str(p) for p in via_registry.value.problems] == [
            str(p) for p in direct.value.problems
        ]
    assert not _entries(cache)


def test_a_missing_file_fails_as_a_direct_load_does(cache: Path, tmp_path: Path) -> None:
    """A family file that cannot be read reports what load_family reports."""
    path = tmp_path / "weg.toml"
    with pytest.raises(ja.FamilyError) as direct:
        ja.load_family(path)
    with pytest.raises(ja.FamilyError) as via_registry:
        ja.Registry(paths=[path], use_entry_points=False).get("weg")
    assert str(via_registry.value) == str(direct.value)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(family=families())
def test_store_then_load_round_trips(family: ja.Family, tmp_path: Path) -> None:
    """Any family stored under a key loads back equal under that key, and not under another."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(_cache.DIR_ENV, str(tmp_path / "roundtrip"))
        mp.delenv(_cache.OFF_ENV, raising=False)
        key = _cache.key(b"data", family.code, None, None, "here")
        _cache.store("here", key, family)
        assert _cache.load("here", key) == family
        assert _cache.summary("here", key) == _cache.summary_of(family)
        assert (
            _cache.load("here", _cache.key(b"other data", family.code, None, None, "here")) is None
        )


def test_the_directory_follows_the_platforms_conventions(monkeypatch: pytest.MonkeyPatch) -> None:
    """An absolute XDG_CACHE_HOME is used on Linux, a relative one ignored, an explicit one wins."""
    monkeypatch.delenv(_cache.DIR_ENV, raising=False)
    monkeypatch.delenv(_cache.OFF_ENV, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("HOME", "/home/someone")
    monkeypatch.setenv("XDG_CACHE_HOME", "/var/cache/someone")
    assert str(_cache.directory()).startswith("/var/cache/someone/jobarchitecture/")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    assert str(_cache.directory()).startswith("/home/someone/.cache/jobarchitecture/")
    monkeypatch.setenv(_cache.DIR_ENV, "/elsewhere")
    assert str(_cache.directory()).startswith("/elsewhere/")
    monkeypatch.setenv(_cache.OFF_ENV, "yes")
    assert _cache.directory() is None


def test_listing_suffixes_are_the_formats() -> None:
    """The registry lists files by the suffixes the file format reads."""
    assert _registry._SUFFIXES == _format.SUFFIXES


def test_a_cached_classification_needs_neither_cattrs_nor_tomllib(cache: Path) -> None:
    """With the cache filled, getting a family and classifying imports no parser."""
    code = (
        "import sys, jobarchitecture as ja; "
        "ja.classify(ja.get_family('ondersteuners'), {'kennis': 'C'}).warnings; "
        "print(','.join(m for m in ('cattrs', 'tomllib', 'importlib.resources', "
        "'importlib.metadata', 'pathlib') if m in sys.modules))"
    )
    env = {**os.environ, _cache.DIR_ENV: str(cache)}
    env.pop("JOBARCHITECTURE_PATH", None)
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    assert "cattrs" in first.stdout  # the first run parses, and fills the cache
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == ""


def test_a_zipped_plugin_is_read_through_importlib_resources(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plugin package inside a zip archive loads as from a directory, uncached."""
    import zipfile

    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("cache_zipped/__init__.py", '"""data only"""\n')
        zf.writestr("cache_zipped/family.toml", EXAMPLE.read_text(encoding="utf-8"))
    monkeypatch.syspath_prepend(str(archive))
    importlib.invalidate_caches()
    family = _plugin_registry("voorbeeld", "cache_zipped").get("voorbeeld")
    assert family == ja.load_family(EXAMPLE)
    assert not _entries(cache)
    with pytest.raises(ja.PluginError, match=r"has no family\.toml or family\.json"):
        _plugin_registry("kennis", "json").get("kennis")  # a package without data
