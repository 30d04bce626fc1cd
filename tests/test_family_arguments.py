"""Every public function that takes a family takes an installed family's code or a
family file too, and gives what it gives for the Family itself."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import jobarchitecture as ja

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "voorbeeld.toml"


def _takes_a_family() -> list[str]:
    """The public functions whose first or second parameter is a family (or families)."""
    out = []
    for name in ja.__all__:
        obj = getattr(ja, name)
        if inspect.isfunction(obj):
            params = list(inspect.signature(obj).parameters.values())[:2]
            if any("Family" in str(p.annotation) for p in params):
                out.append(name)
    return sorted(out)


def _call(name: str, family: Any, tmp: Path) -> Any:
    """*name* called as a user would, with *family* where the family goes; what it made."""
    fn: Callable[..., Any] = getattr(ja, name)
    rated = {"kennis": "C", "contacten": "B"}
    if name == "classify":
        return fn(family, rated).to_dict()
    if name == "classify_many":
        return [c.to_dict() for c in fn(family, [rated])]
    if name == "classify_table":
        pd = pytest.importorskip("pandas")
        pytest.importorskip("narwhals")
        return fn(family, pd.DataFrame([rated])).to_dict()
    if name == "profile":
        return fn(family, "C").to_dict()
    if name == "compare":
        return fn(family, "C", "B").to_dict()
    if name == "diff":
        return fn(family, family).to_dict()["changes"]  # its labels name the sources as given
    if name == "export":
        path = fn(family, tmp / f"{id(family)}.csv")
        return path.read_bytes()
    if name == "build_site":
        pytest.importorskip("jinja2")
        out = tmp / f"site-{id(family)}"
        return sorted(str(p) for p in fn(out, [family]))
    if name == "save_family":
        path = tmp / f"{id(family)}.json"
        fn(family, path)
        return path.read_bytes()
    if name == "render_html":
        pytest.importorskip("jinja2")
        return fn(family)
    if name == "to_xlsx":
        pytest.importorskip("openpyxl")
        return len(fn(family)) > 0
    if name == "validate":
        return [str(p) for p in fn(family)]
    return fn(family)


def test_the_list_of_functions_that_take_a_family_is_what_this_file_covers() -> None:
    """A new public function that takes a family is added here, so it is checked too."""
    assert _takes_a_family() == [
        "build_site",
        "classify",
        "classify_many",
        "classify_table",
        "compare",
        "diff",
        "dumps_family",
        "export",
        "family_to_data",
        "profile",
        "render_html",
        "save_family",
        "to_csv",
        "to_jsonld",
        "to_xlsx",
        "validate",
    ]


@pytest.mark.parametrize("name", _takes_a_family())
def test_a_family_file_or_code_does_what_the_family_does(name: str, tmp_path: Path) -> None:
    """The path of a family file gives what the Family gives; so does an installed code."""
    family = ja.load_family(EXAMPLE)
    expected = _call(name, family, tmp_path)
    assert _call(name, EXAMPLE, tmp_path) == expected
    assert _call(name, str(EXAMPLE), tmp_path) == expected
    installed = ja.get_family("ondersteuners")
    assert _call(name, "ondersteuners", tmp_path) == _call(name, installed, tmp_path)


@pytest.mark.parametrize("name", _takes_a_family())
def test_an_unknown_family_code_is_one_clear_error(name: str, tmp_path: Path) -> None:
    """A code that names no installed family is an UnknownFamilyError, wherever a family goes."""
    with pytest.raises(ja.UnknownFamilyError, match="unknown family 'ondersteuner'"):
        _call(name, "ondersteuner", tmp_path)


@pytest.mark.parametrize("name", _takes_a_family())
def test_a_file_named_without_a_family_suffix_is_read_as_that_file(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name that is no family's code but an existing file's (``family.yaml``) is that
    file, and its problem is its type, not an unknown family."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "family.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    expected = r"family\.yaml: \$: unknown file type '\.yaml'"
    if name == "validate":  # which returns a file's problems rather than raise them
        (problem,) = _call(name, "family.yaml", tmp_path / "out")
        assert re.match(expected, problem)
        return
    with pytest.raises(ja.FamilyError, match=expected):
        _call(name, "family.yaml", tmp_path / "out")
