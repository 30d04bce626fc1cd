"""What a developer sees when a family, profile or comparison is echoed in a REPL or notebook."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

import jobarchitecture as ja
from jobarchitecture import strategies as jst

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "voorbeeld.toml"


@pytest.fixture(scope="module")
def voorbeeld() -> ja.Family:
    return ja.load_family(EXAMPLE)


def test_a_family_echoes_as_a_summary_not_its_whole_text(voorbeeld: ja.Family) -> None:
    assert repr(voorbeeld) == (
        "<Family 'voorbeeld' 'Voorbeeldfamilie': levels D, C, B;"
        " 2 criteria, 1 result area, 1 profile>"
    )


@settings(max_examples=50, deadline=None)
@given(jst.families())
def test_every_family_repr_is_one_short_line_however_much_text_it_holds(family: ja.Family) -> None:
    text = repr(family)
    assert "\n" not in text
    assert text.startswith(f"<Family {family.code!r}")
    # Codes and the name only: never the descriptors, notes or sources.
    assert len(text) <= 120 + len(family.name.nl) + sum(len(c) + 2 for c in family.scale.codes)


@pytest.mark.parametrize("singular", [True, False])
def test_counts_take_the_singular_for_one(voorbeeld: ja.Family, singular: bool) -> None:
    family = attrs.evolve(voorbeeld, criteria=voorbeeld.criteria[:1]) if singular else voorbeeld
    assert ("1 criterion," in repr(family)) is singular


def test_a_profile_echoes_as_a_summary_and_shows_as_markdown_in_a_notebook(
    voorbeeld: ja.Family,
) -> None:
    level = voorbeeld.scale.codes[-1]
    p = ja.profile(voorbeeld, level)
    text = repr(p)
    assert text.startswith(f"<JobProfile {voorbeeld.code!r} at {level!r}")
    assert f"{len(p.criteria)} criteria" in text
    assert len(text) < 200
    # IPython and Jupyter call _repr_markdown_ to show an object.
    assert p._repr_markdown_() == ja.render_markdown(p)


def test_a_comparison_echoes_what_changed_and_shows_as_markdown(voorbeeld: ja.Family) -> None:
    low, high = voorbeeld.scale.codes[0], voorbeeld.scale.codes[-1]
    c = ja.compare(voorbeeld, low, high)
    changed = sum(1 for d in c.criteria if d.changed)
    assert repr(c).startswith(
        f"<Comparison {voorbeeld.code!r} from {low!r} to {high!r}: "
        f"{changed} of {len(c.criteria)} criteria changed"
    )
    assert c._repr_markdown_() == ja.render_markdown(c)
