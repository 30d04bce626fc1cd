"""The notes of the bundled families, as readers see them in `show`, pages and workbooks.

A note says why a span was inferred or where a text comes from. Readers cannot
resolve the maintainers' seed numbers ("seed 002"); they can open a family by its
code (``jobarchitecture show organisatieondersteuning``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

import jobarchitecture as ja

BUNDLED = ("adviseurs", "managementondersteuning", "ondersteuners", "organisatieondersteuning")


def _notes(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every (path, text) of an ``inferred`` or ``note`` field in a family's data."""
    if isinstance(data, dict):
        for key, value in data.items():
            here = f"{path}.{key}" if path else key
            if key in ("inferred", "note") and isinstance(value, str):
                yield here, value
            else:
                yield from _notes(value, here)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _notes(value, f"{path}[{i}]")


def _family_notes(code: str) -> list[tuple[str, str]]:
    try:
        family = ja.get_family(code)
    except ja.UnknownFamilyError:
        pytest.skip(f"plugin {code} not installed")
    found = list(_notes(json.loads(ja.dumps_family(family))))
    assert found, "every bundled family explains some of its data"
    return found


@pytest.mark.parametrize("code", BUNDLED)
def test_notes_name_no_seed_numbers(code: str) -> None:
    bad = [(p, t) for p, t in _family_notes(code) if re.search(r"\bseed \d", t, re.I)]
    assert bad == []


@pytest.mark.parametrize("code", ["adviseurs", "organisatieondersteuning"])
def test_the_sibling_family_a_note_names_is_installed_by_that_code(code: str) -> None:
    # The two Flemish families explain their inferred spans by each other.
    named = {
        name
        for _, text in _family_notes(code)
        for name in re.findall(r"\b(?:sibling family|\(family) ([a-z]+)\b", text)
    }
    assert named == {"adviseurs", "organisatieondersteuning"} - {code}
