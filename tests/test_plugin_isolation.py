"""Plugin isolation: whatever a broken plugin raises or holds, the good plugins
beside it keep working, in default and in strict mode, in the library and in
``jobarchitecture families``."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest

import jobarchitecture as ja
from jobarchitecture import _registry
from jobarchitecture._entrypoints import Distribution, EntryPoint

if TYPE_CHECKING:
    from conftest import Run

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "voorbeeld.toml"


@attrs.define
class FakeEntryPoint:
    """Stands in for importlib.metadata.EntryPoint: load() calls *target*."""

    name: str
    value: str
    target: Callable[[], Any]
    dist: Distribution = attrs.field(factory=lambda: Distribution("dist-x", "1.0"))

    def load(self) -> Any:
        return self.target()


class _UnprintableError(Exception):
    def __str__(self) -> str:
        raise RuntimeError("no")


def _recurse(n: int = 0) -> Any:
    return _recurse(n + 1)


def _raises(exc: BaseException) -> Callable[[], Any]:
    def load() -> Any:
        raise exc

    return load


def _package(site: Path, name: str, files: dict[str, str]) -> Callable[[], Any]:
    pkg = site / name
    pkg.mkdir(parents=True, exist_ok=True)
    (pkg / "__init__.py").write_text('"""data only"""\n')
    for file, text in files.items():
        (pkg / file).write_text(text, encoding="utf-8", errors="surrogatepass")
    return lambda: importlib.import_module(name)


def _example_toml(**replace: str) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


#: Each kind of failure: (how to make its entry point's target, a phrase of its reason).
def _kinds(site: Path) -> dict[str, tuple[Callable[[], Any], str]]:
    (site / "ja_iso_plain.py").write_text('"""a module, not a package"""\n')
    return {
        "plain module": (
            lambda: importlib.import_module("ja_iso_plain"),
            "is a module, expected a package",
        ),
        "TypeError": (_raises(TypeError("bad type")), "TypeError: bad type"),
        "ValueError": (_raises(ValueError("bad value")), "ValueError: bad value"),
        "RecursionError": (_recurse, "RecursionError"),
        "SystemExit": (_raises(SystemExit(3)), "the plugin called sys.exit(3)"),
        "MemoryError": (_raises(MemoryError()), "MemoryError"),
        "unprintable exception": (_raises(_UnprintableError()), "cannot be shown"),
        "ImportError": (_raises(ImportError("No module named 'x'")), "ImportError"),
        "callable that exits": (lambda: _raises(SystemExit("bye")), "sys.exit(bye)"),
        "callable that recurses": (lambda: _recurse, "RecursionError"),
        "data nested 600 deep": (
            _package(site, "ja_iso_deep", {"family.toml": "x = " + "[" * 600 + "]" * 600}),
            "nested more than 64 deep",
        ),
        "data with a huge integer": (
            _package(
                site,
                "ja_iso_bigint",
                {"family.toml": _example_toml(**{"format_version = 1": "weight = " + "9" * 5000})},
            ),
            "4300 digits",
        ),
        "data with control characters": (
            _package(
                site,
                "ja_iso_ctrl",
                {"family.toml": _example_toml(**{'"Voorbeeldfamilie"': '"Fam\\u001b[2J"'})},
            ),
            "U+001B",
        ),
        "data with a dotted key of 40 KB": (
            _package(site, "ja_iso_dotted", {"family.toml": "a" + ".b" * 20_000 + " = 1\n"}),
            "dotted key",
        ),
    }


KINDS = [
    "plain module",
    "TypeError",
    "ValueError",
    "RecursionError",
    "SystemExit",
    "MemoryError",
    "unprintable exception",
    "ImportError",
    "callable that exits",
    "callable that recurses",
    "data nested 600 deep",
    "data with a huge integer",
    "data with control characters",
    "data with a dotted key of 40 KB",
]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An importable directory for the test's plugin packages."""
    directory = tmp_path / "site"
    directory.mkdir()
    monkeypatch.syspath_prepend(str(directory))
    # Each test imports its own copies, not the previous test's.
    for name in [m for m in sys.modules if m.startswith("ja_iso_")]:
        monkeypatch.delitem(sys.modules, name)
    importlib.invalidate_caches()
    return directory


def _registry_with(site: Path, kind: str, *, strict: bool) -> ja.Registry:
    target, _ = _kinds(site)[kind]
    good = ja.load_family(EXAMPLE)
    return ja.Registry(
        entry_points=[
            FakeEntryPoint("voorbeeld", "goed:family", lambda: good),
            FakeEntryPoint("kapot", "kapot", target, Distribution("dist-kapot", "0.1")),
            FakeEntryPoint("zz_goed", "zz:family", lambda: attrs.evolve(good, code="zz_goed")),
        ],
        paths=[],
        strict=strict,
    )


def test_every_kind_is_tested(site: Path) -> None:
    """The parametrised kinds are exactly the failure kinds defined."""
    assert list(_kinds(site)) == KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_broken_plugin_is_recorded_and_the_good_ones_load(site: Path, kind: str) -> None:
    """A plugin failing this way is listed as broken with its reason; the others still load."""
    _, reason = _kinds(site)[kind]
    reg = _registry_with(site, kind, strict=False)
    assert [f.code for f in reg.families()] == ["voorbeeld", "zz_goed"]
    (broken,) = reg.problems()
    assert broken.code == "kapot"
    assert broken.origin.startswith("dist-kapot 0.1")
    assert reason in broken.reason
    assert all(line.isprintable() for line in broken.reason.splitlines())
    with pytest.raises(ja.JobArchitectureError) as info:
        reg.get("kapot")
    assert reason in str(info.value)


@pytest.mark.parametrize("kind", KINDS)
def test_strict_mode_raises_the_broken_one_but_serves_the_good(site: Path, kind: str) -> None:
    """In strict mode listing raises a JobArchitectureError naming the broken plugin; good ones still load by code."""
    reg = _registry_with(site, kind, strict=True)
    with pytest.raises(ja.JobArchitectureError, match=r"kapot|ja_iso"):
        reg.families()
    assert reg.get("voorbeeld").code == "voorbeeld"
    assert reg.get("zz_goed").code == "zz_goed"


def test_keyboard_interrupt_in_a_plugin_stops_the_program(site: Path) -> None:
    """Ctrl-C while a plugin imports is the user's, not the plugin's failure: it goes on."""
    reg = ja.Registry(
        entry_points=[FakeEntryPoint("kapot", "kapot", _raises(KeyboardInterrupt()))],
        paths=[],
    )
    with pytest.raises(KeyboardInterrupt):
        reg.get("kapot")


def test_malformed_entry_point_value_is_a_broken_plugin() -> None:
    """An entry point whose value is not module:attr is reported, not raised as a bare ValueError."""
    good = ja.load_family(EXAMPLE)
    reg = ja.Registry(
        entry_points=[
            EntryPoint("kapot", "not a module!", _registry.GROUP, Distribution("d", "1")),
            FakeEntryPoint("voorbeeld", "goed:family", lambda: good),
        ],
        paths=[],
    )
    assert [f.code for f in reg.families()] == ["voorbeeld"]
    assert "malformed entry point value" in reg.problems()[0].reason


def test_a_misspelt_plugin_package_gets_a_did_you_mean(site: Path) -> None:
    """An entry point naming a package that is not installed, beside one that is with
    a name close to it (a typo in pyproject.toml), is told the package meant; a
    module the plugin itself imports that is missing is not."""
    _package(site, "ja_iso_griffiers", {"family.toml": _example_toml()})
    (site / "ja_iso_needs.py").write_text("import ja_iso_griffier\n")
    reg = ja.Registry(
        entry_points=[
            EntryPoint("voorbeeld", "ja_iso_grifiers", _registry.GROUP, Distribution("d", "1")),
            EntryPoint("ander", "ja_iso_needs:x", _registry.GROUP, Distribution("d", "1")),
        ],
        paths=[],
    )
    with pytest.raises(ja.PluginError) as info:
        reg.get("voorbeeld")
    assert info.value.reason == (
        "cannot import: ModuleNotFoundError: No module named 'ja_iso_grifiers'; "
        "did you mean 'ja_iso_griffiers'?"
    )
    with pytest.raises(ja.PluginError) as info:
        reg.get("ander")
    assert info.value.reason.endswith("No module named 'ja_iso_griffier'")


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize("kind", KINDS)
def test_families_command_lists_the_good_ones(
    site: Path,
    kind: str,
    strict: bool,
    cli: Callable[..., Run],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`families --json` lists the good families beside any broken one; exit 1, or 2 in strict mode."""
    monkeypatch.setattr(_registry, "_default", _registry_with(site, kind, strict=strict))
    run = cli("families", "--json")
    assert run.code == (2 if strict else 1)
    data = json.loads(run.out)
    assert [f["code"] for f in data["families"]] == ["voorbeeld", "zz_goed"]
    assert [p["code"] for p in data["problems"]] == ["kapot"]
    assert "Traceback" not in run.err
    if strict:
        assert run.err_lines
        assert all(line.startswith("jobarchitecture: error: ") for line in run.err_lines)


@pytest.mark.parametrize("strict", [False, True])
def test_families_text_lists_the_good_ones(
    site: Path, strict: bool, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`families` as text lists the good families on stdout and the broken one on stderr."""
    monkeypatch.setattr(_registry, "_default", _registry_with(site, "SystemExit", strict=strict))
    run = cli("families")
    assert [line.split("\t")[0] for line in run.out.splitlines()] == ["voorbeeld", "zz_goed"]
    assert any("sys.exit(3)" in line for line in run.err_lines)


def test_undecodable_installation_does_not_hide_the_other_plugins(tmp_path: Path) -> None:
    """A distribution whose METADATA or entry_points.txt is not UTF-8 is skipped; the others are found."""
    from jobarchitecture import _entrypoints

    site = tmp_path / "site"
    for name, metadata, eps in [
        ("good", "Name: good\nVersion: 1\n", "[jobarchitecture.families]\ngoed = goed\n"),
        ("badmeta", "Name: bad\xff\nVersion: 1\n", "[jobarchitecture.families]\nx = x\n"),
        ("badeps", "Name: badeps\nVersion: 1\n", "[jobarchitecture.families]\ny = \xff\n"),
    ]:
        info = site / f"{name}-1.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_bytes(metadata.encode("latin-1"))
        (info / "entry_points.txt").write_bytes(eps.encode("latin-1"))
    found = _entrypoints.entry_points(_registry.GROUP, [str(site)])
    assert [(ep.name, ep.value) for ep in found] == [("goed", "goed")]


def test_a_bad_limit_setting_is_not_blamed_on_the_plugin(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bad JOBARCHITECTURE_MAX_* is a LimitsError for the user, not a broken plugin."""
    target = _package(site, "ja_iso_fine", {"family.toml": _example_toml()})
    reg = ja.Registry(entry_points=[FakeEntryPoint("voorbeeld", "ja_iso_fine", target)], paths=[])
    monkeypatch.setenv("JOBARCHITECTURE_MAX_DEPTH", "deep")
    with pytest.raises(ja.LimitsError, match="JOBARCHITECTURE_MAX_DEPTH"):
        reg.get("voorbeeld")
    assert reg.problems() == ()
