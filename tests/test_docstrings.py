"""Every public name has a docstring whose first line is a summary."""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path

import pytest

import jobarchitecture as ja
from jobarchitecture import strategies

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "docs" / "_ext"))
jadocs = importlib.import_module("jadocs")

NAMES = [(ja, n) for n in ja.__all__] + [(strategies, n) for n in strategies.__all__]


def _doc(owner: object, name: str) -> str:
    obj = getattr(owner, name)
    if inspect.isclass(obj) or inspect.isroutine(obj):
        return inspect.getdoc(obj) or ""
    # A constant's docstring is the `#:` comment above its definition (what autodoc reads).
    module = jadocs._defining_module(owner, name, obj)
    return jadocs._attribute_doc(module, name) or jadocs._attribute_doc(owner.__name__, name)


def is_summary(line: str) -> bool:
    """A summary line: a capitalised (or code-starting) sentence ending with a full stop."""
    line = line.strip()
    return len(line) > 10 and line.endswith((".", ".)", ":")) and not line[0].islower()


@pytest.mark.parametrize(("owner", "name"), NAMES, ids=[f"{o.__name__}.{n}" for o, n in NAMES])
def test_public_name_has_summary_line(owner: object, name: str) -> None:
    """The public name has a docstring that starts with a one-line summary sentence."""
    doc = _doc(owner, name)
    assert doc, f"{name} has no docstring"
    first, _, rest = doc.partition("\n")
    assert is_summary(first), f"{name}: first line is not a summary sentence: {first!r}"
    assert not rest.strip() or rest.startswith("\n"), (
        f"{name}: the summary runs on to a second line (want one line, then a blank line)"
    )


@pytest.mark.parametrize(
    ("line", "ok"),
    [
        ("Load a family from a file.", True),
        ("load a family", False),
        ("", False),
        ("``classify(family, ratings)``: the result.", True),
    ],
)
def test_summary_check(line: str, ok: bool) -> None:
    """The summary check accepts a sentence and refuses a fragment or nothing."""
    assert is_summary(line) is ok


def _public_members() -> list[tuple[str, str, object]]:
    """(class, member, function) for every public method and property of a public class."""
    found = []
    for owner, name in NAMES:
        cls = getattr(owner, name)
        if not inspect.isclass(cls):
            continue
        for member, value in vars(cls).items():
            if member.startswith("_"):
                continue
            func = value.fget if isinstance(value, property) else getattr(value, "__func__", value)
            if inspect.isroutine(func):
                found.append((name, member, func))
    return found


MEMBERS = _public_members()


@pytest.mark.parametrize(
    ("cls", "member", "func"), MEMBERS, ids=[f"{c}.{m}" for c, m, _ in MEMBERS]
)
def test_public_method_has_docstring(cls: str, member: str, func: object) -> None:
    """A public method or property has a docstring, or is described in its class's Attributes."""
    doc = inspect.getdoc(func)
    if doc is None:
        class_doc = inspect.getdoc(getattr(ja, cls, None) or getattr(strategies, cls)) or ""
        assert f"\n    {member}:" in class_doc, f"{cls}.{member} has no docstring"
        return
    assert is_summary(doc.partition("\n")[0]), f"{cls}.{member}: no summary line: {doc!r}"
