"""Classification references (ISCO-08, ESCO, other schemes) on families and levels."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, find, settings

import jobarchitecture as ja
from jobarchitecture import strategies as jst

_BASE = {
    "code": "x",
    "name": "X",
    "government": "Federale overheid",
    "scale": {"name": "Niveau", "levels": [{"code": "D", "name": "Niveau D"}]},
    "purpose": {"activity": "a", "outcome": "b"},
}


def _with(refs: object, *, on_level: bool = False) -> dict[str, object]:
    data = json.loads(json.dumps(_BASE))
    if on_level:
        data["scale"]["levels"][0]["references"] = refs
    else:
        data["references"] = refs
    return data


def test_references_load_with_their_source_and_round_trip() -> None:
    """A family and a level read their references, with source, label and URL, and write them back."""
    refs = [
        {
            "scheme": "ISCO-08",
            "code": "4110",
            "source": "editorial",
            "label": "General office clerks",
            "url": "https://example.invalid/isco/4110",
        }
    ]
    family = ja.family_from_data(_with(refs))
    ref = family.references[0]
    assert (ref.scheme, ref.code, ref.source) == ("ISCO-08", "4110", ja.ReferenceSource.EDITORIAL)
    assert ref.label == "General office clerks"
    assert ja.family_to_data(family)["references"] == refs
    level = ja.family_from_data(_with(refs, on_level=True)).scale.levels[0]
    assert level.references == family.references


def test_bad_references_are_reported_each_at_its_path() -> None:
    """A bad source, an ISCO code that is not 1-4 digits, a non-ESCO URI and a duplicate each give one problem at its path."""
    with pytest.raises(ja.FamilyError) as info:
        ja.family_from_data(_with([{"scheme": "ISCO-08", "code": "4110", "source": "official"}]))
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("$.references[0].source", "expected 'document' or 'editorial', got 'official'")
    ]
    refs = [
        {"scheme": "ISCO-08", "code": "41100", "source": "editorial"},
        {"scheme": "ESCO", "code": "https://esco.example/x", "source": "editorial"},
        {"scheme": "X", "code": "1", "source": "document"},
        {"scheme": "X", "code": "1", "source": "document"},
    ]
    with pytest.raises(ja.FamilyError) as info:
        ja.family_from_data(_with(refs, on_level=True))
    assert [p.path for p in info.value.problems] == [
        "$.scale.levels[0].references[0].code",
        "$.scale.levels[0].references[1].code",
        "$.scale.levels[0].references[3]",
    ]


def test_generated_families_sometimes_carry_references() -> None:
    """The family strategy draws references on the family and on levels, of every scheme and source."""
    cfg = settings(database=None, max_examples=2000, suppress_health_check=list(HealthCheck))
    found = find(
        jst.families(),
        lambda f: bool(f.references) and any(lvl.references for lvl in f.scale.levels),
        settings=cfg,
    )
    assert ja.validate(found) == []
    for source in ja.ReferenceSource:
        find(
            jst.families(),
            lambda f, s=source: any(r.source is s for r in f.references),
            settings=cfg,
        )
