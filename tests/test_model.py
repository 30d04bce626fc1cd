"""The model's own behaviour: level order, name lookup, localised text, descriptors."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import jobarchitecture as ja

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "voorbeeld.toml"


def _scale() -> ja.Scale:
    return ja.Scale(
        "Functieklasse",
        [
            ja.Level("12", "Functieklasse 12", aliases=["Waarde 1", "FK 12"], classes=[12]),
            ja.Level(
                "13/14", "Functieklasse 13/14", aliases=["Waarde 2", "FK 13/14"], classes=[13, 14]
            ),
            ja.Level("15/16", "Functieklasse 15/16", aliases=["Waarde 3"], classes=[15, 16]),
        ],
    )


def test_levels_compare_by_rank_not_by_fields() -> None:
    """Levels order by their position in the scale, whatever their codes sort to."""
    scale = ja.Scale(
        "Niveau", [ja.Level("D", "Niveau D"), ja.Level("C", "Niveau C"), ja.Level("B", "Niveau B")]
    )
    d, c, b = scale.levels
    assert d < c < b
    assert b > d
    assert sorted([b, d, c]) == [d, c, b]
    assert [lvl.rank for lvl in scale] == [0, 1, 2]


def test_comparing_a_level_with_something_else_is_a_type_error() -> None:
    """Comparing a Level with a string raises TypeError instead of guessing."""
    level = _scale().levels[0]
    with pytest.raises(TypeError, match="cannot compare Level with str"):
        assert level < "13/14"


@pytest.mark.parametrize(
    "name", ["13/14", "waarde 2", "WAARDE  2", "FK 13/14", "functieklasse 13/14", " Waarde-2 "]
)
def test_level_lookup_by_code_name_or_alias(name: str) -> None:
    """A level is found by code, name or alias, ignoring case, spaces and dashes."""
    assert _scale().level(name).code == "13/14"


def test_unknown_level_lists_options_and_closest() -> None:
    """An unknown level raises UnknownLevelError with every code and the closest match."""
    with pytest.raises(ja.UnknownLevelError) as info:
        _scale().level("waarde 5")
    assert info.value.options == ("12", "13/14", "15/16")
    assert info.value.closest in {"12", "13/14", "15/16"}
    assert str(info.value).startswith("unknown level 'waarde 5' (12, 13/14, 15/16)")
    assert isinstance(info.value, LookupError)


def test_scale_span_and_backwards_span() -> None:
    """span(low, high) gives the levels in between; a backwards span names both ends."""
    scale = _scale()
    assert [lvl.code for lvl in scale.span("12", "15/16")] == ["12", "13/14", "15/16"]
    with pytest.raises(ValueError, match=r"^span '15/16'..'12' runs backwards") as info:
        scale.span("15/16", "12")
    assert isinstance(info.value, ja.JobArchitectureError)
    assert str(info.value).endswith("write the lower level first, '12'..'15/16'")


def test_a_span_where_one_level_is_wanted_is_named_as_a_span() -> None:
    """'12..15/16' given for one level says it is a span, not "unknown level"; still an
    UnknownLevelError, as for any name that is no level."""
    scale = _scale()
    with pytest.raises(ja.UnknownLevelError, match=r"^'12..15/16' is a span of levels, and one"):
        scale.level("12..15/16")
    with pytest.raises(ja.UnknownLevelError, match=r"^unknown level '12..99'") as info:
        scale.level("12..99")
    assert info.value.span is False


def test_text_falls_back_to_dutch() -> None:
    """Text.get returns the asked language where present and Dutch otherwise."""
    text = ja.Text("Niveau", en="Level")
    assert (text.get("en"), text.get("fr"), text.get()) == ("Level", "Niveau", "Niveau")
    with pytest.raises(ValueError, match=r"'lang' must be one of nl, fr, en \(got 'de'\)"):
        text.get("de")


def test_descriptor_text_shows_join_and_rg() -> None:
    """A descriptor renders its clauses with EN/OF and marks (RG) clauses."""
    d = ja.Descriptor(
        ["C"], ["Eén", ja.Clause("Twee met als doel drie", result_area=True)], join=ja.Join.ANY
    )
    assert d.text() == "Eén\nOF\nTwee met als doel drie (RG)"
    assert d.result_area


def test_model_objects_are_frozen_and_hashable() -> None:
    """Families are immutable values: assignment fails and equal families hash alike."""
    family = ja.load_family(EXAMPLE)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        family.code = "x"  # type: ignore[misc]
    assert hash(family) == hash(ja.load_family(EXAMPLE))


def test_criterion_lookup_by_code_or_name() -> None:
    """Family.criterion finds a criterion by code or Dutch name; an unknown one names the closest."""
    family = ja.load_family(EXAMPLE)
    assert family.criterion("KENNIS").code == "kennis"
    with pytest.raises(ja.UnknownCriterionError) as info:
        family.criterion("kenis")
    assert info.value.closest == "kennis"
    assert info.value.options == ("kennis", "contacten")


def test_profile_for_role_and_core_entries() -> None:
    """A competency profile gives the entries at a level; core entries are at every level."""
    family = ja.load_family(EXAMPLE)
    profile = family.profile_for()
    assert profile is not None
    assert [e.behavioural_level for e in profile.at("B")] == [2]
    core = ja.ProfileEntry("analyseren", core=True)
    assert core.applies_to("D")
    assert core.applies_to("B")
    with pytest.raises(ja.UnknownRoleError):
        family.profile_for("leidinggevend")
