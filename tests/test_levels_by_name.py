"""Levels and criteria by any name: one resolver of the scale behind every level argument."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture import strategies as jst
from jobarchitecture._model import _norm

from .conftest import EXAMPLE, Run


def _scale() -> ja.Scale:
    return ja.Scale(
        "Functieklasse",
        [
            ja.Level("S10", "Schaal 10", aliases=["schaal 10"], classes=[10]),
            ja.Level("13/14", "Functieklasse 13/14", aliases=["FK 13/14"], classes=[13, 14]),
        ],
    )


@pytest.mark.parametrize(
    "name", ["14", "13", "functieklasse 14", "Functieklasse-13", "fk13/14", "FK 14", "fk-13"]
)
def test_a_function_class_finds_its_band(name: str) -> None:
    """Scale.level("14") finds the band 13/14 through the classes the level covers."""
    assert _scale().level(name).code == "13/14"


def test_a_class_finds_its_band_in_an_installed_family() -> None:
    """In the Flemish adviseurs family, functieklasse 14 is the band 13/14."""
    assert ja.get_family("adviseurs").scale.level("14").code == "13/14"


@given(
    name=st.sampled_from(["S10", "Schaal 10", "schaal 10"]),
    seps=st.lists(st.sampled_from(["", " ", "-", "_", "  "]), min_size=12, max_size=12),
    upper=st.lists(st.booleans(), min_size=12, max_size=12),
)
def test_aliases_ignore_case_spaces_and_dashes(
    name: str, seps: list[str], upper: list[bool]
) -> None:
    """Any casing and any spaces, dashes or underscores between characters name the same level."""
    letters = [c for c in name if c != " "]
    written = "".join(
        (c.upper() if up else c.lower()) + sep
        for c, sep, up in zip(letters, seps, upper, strict=False)
    )
    assert _scale().level(written).code == "S10"


def test_a_code_wins_over_a_class() -> None:
    """A code is never shadowed by another level's class: "14" in a scale with a level 14."""
    scale = ja.Scale(
        "Functieklasse",
        [ja.Level("14", "FK 14", classes=[13]), ja.Level("15", "FK 15", classes=[14])],
    )
    assert scale.level("14").code == "14"
    assert scale.level("13").code == "14"


def test_criterion_at_resolves_like_a_rating() -> None:
    """Criterion.at() takes what ratings take with the scale, folds codes without, and never
    answers an unknown level with None."""
    family = ja.get_family("adviseurs")
    criterion = family.criteria[0]
    assert criterion.at("14", family.scale) is criterion.at("13/14")
    assert criterion.at("waarde 2", family.scale) is criterion.at("13/14")
    with pytest.raises(ja.UnknownLevelError, match="unknown level 'S11'"):
        criterion.at("S11")
    with pytest.raises(ja.UnknownLevelError, match="unknown level 'S11'"):
        criterion.at("S11", family.scale)


def test_to_reach_and_profile_take_any_level_name() -> None:
    """to_reach() and profile() accept a function class and an alias like a rating does."""
    family = ja.get_family("adviseurs")
    result = ja.classify(family, {c.code: "12" for c in family.criteria})
    assert result.to_reach("14") == result.to_reach("13/14") == result.to_reach("Waarde 2")
    assert ja.profile(family, "14") == ja.profile(family, "13/14")


def test_target_takes_any_level_name(cli: Callable[..., Run]) -> None:
    """`classify --target` resolves the level through the scale, aliases and classes included."""
    by_alias = cli("classify", "voorbeeld", "kennis=D", "--target", "waarde-2", "--json")
    by_class = cli("classify", "voorbeeld", "kennis=D", "--target", "14", "--json")
    assert by_alias.code == by_class.code == 0, by_alias.err + by_class.err
    assert json.loads(by_alias.out)["to_reach"]["target"] == "C"
    assert json.loads(by_class.out)["to_reach"]["target"] == "B"


def test_functions_that_take_a_family_take_its_code_or_file() -> None:
    """profile(), classify() and validate() accept a family code or a family file's path."""
    family = ja.get_family("ondersteuners")
    assert ja.profile("ondersteuners", "C") == ja.profile(family, "C")
    assert ja.classify("ondersteuners", {"kennis": "C"}) == ja.classify(family, {"kennis": "C"})
    assert ja.validate("ondersteuners") == []
    assert ja.validate(str(EXAMPLE)) == []
    assert ja.validate(EXAMPLE) == []


def test_validate_a_broken_file_path_lists_its_problems(tmp_path: Path) -> None:
    """validate(path) of a malformed file returns its problems, each naming the file."""
    path = tmp_path / "kapot.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8").replace('code = "kennis"', "code = 3"))
    problems = ja.validate(path)
    assert problems
    assert all(p.source == str(path) for p in problems)
    assert any("$.criteria[0].code" in p.path for p in problems)


def test_classification_and_profile_levels_are_the_same_kind() -> None:
    """Classification.level and JobProfile.level are both level codes and compare equal."""
    family = ja.get_family("ondersteuners")
    job = ja.profile(family, "niveau c")
    result = ja.classify(family, job.ratings())
    assert job.level == result.level == "C"
    assert job.level_name.nl == "Niveau C"


def test_weights_with_a_rule_that_ignores_them_are_an_error() -> None:
    """weights= with a rule that does not read weights raises RatingError instead of being ignored."""
    family = ja.load_family(EXAMPLE)
    with pytest.raises(ja.RatingError, match="rule 'lower_median' does not use weights"):
        ja.classify(family, {"kennis": "C"}, "lower_median", weights={"kennis": 2})
    with pytest.raises(ja.RatingError, match="rule 'maximum' does not use weights"):
        ja.classify_many(family, [{"kennis": "C"}], "maximum", weights={"kennis": 2})
    assert ja.classify(family, {"kennis": "C"}, "weighted", weights={"kennis": 2}).level == "C"


def test_competency_profile_at_takes_any_level_name() -> None:
    """CompetencyProfile.at() with the scale resolves an alias or a class like a rating."""
    family = ja.get_family("organisatieondersteuning")
    role = family.profile_for()
    assert role is not None
    assert role.at("Waarde 4", family.scale) == role.at("19") == role.at(family.scale.level("19"))
    assert role.at("fk-19", family.scale)
    with pytest.raises(ja.UnknownLevelError):
        role.at("20", family.scale)


def test_explain_survives_an_installed_family_that_differs(
    voorbeeld_result: ja.Classification,
) -> None:
    """A result read back whose family code now names a different family still explains itself."""
    text = voorbeeld_result.explain("en")
    assert text.startswith("Family ")
    assert "(ondersteuners): level X" in text.splitlines()[0]


@pytest.fixture
def voorbeeld_result() -> ja.Classification:
    """A classification claiming family 'ondersteuners' but rated at a level it does not have."""
    family = ja.load_family(EXAMPLE)
    data = ja.classify(family, {"kennis": "C"}).to_dict()
    data["family"] = "ondersteuners"
    data["evidence"][0]["low"] = data["evidence"][0]["high"] = "X"
    data["spread"] = ["X", "X"]
    data["scale"] = ["D", "X", "B"]
    data["level"] = "X"
    return ja.Classification.from_dict(data)


@given(scale=jst.scales(max_levels=5), data=st.data())
def test_every_class_finds_the_level_that_covers_it(scale: ja.Scale, data: st.DataObject) -> None:
    """For any scale, a function class resolves to the level covering it, unless a code,
    name or alias of some level is written the same (those win)."""
    covered = [(c, lvl) for lvl in scale for c in lvl.classes]
    if not covered:
        return
    number, owner = data.draw(st.sampled_from(covered))
    found = scale.level(str(number))
    named = [lvl for lvl in scale if any(_norm(n) == str(number) for n in lvl.names())]
    assert found == (named[0] if named else owner)
    assert scale.level(f"{scale.name.nl} {number}") in (owner, *named)


def test_serialising_takes_a_family_code() -> None:
    """family_to_data() and dumps_family() accept an installed family's code."""
    family = ja.get_family("ondersteuners")
    assert ja.family_to_data("ondersteuners") == ja.family_to_data(family)
    assert ja.dumps_family("ondersteuners", indent=None) == ja.dumps_family(family, indent=None)


def test_a_level_named_in_english_or_french_is_found(sh: Callable[..., Run]) -> None:
    """A level typed as --lang en shows it ("Level C", "Function class 15/16") is found, as
    criteria are by their translated names; a function class takes the English prefix too."""
    scale = ja.get_family("ondersteuners").scale
    assert scale.level("Level C").code == "C"
    assert scale.level("level-c").code == "C"
    run = sh("classify", "adviseurs", "interpersoonlijke_relaties=Function class 15/16", "--json")
    assert run.code == 0, run.err
    assert json.loads(run.out)["level"] == "15/16"
    assert ja.get_family("adviseurs").scale.level("Function class 14").code == "13/14"
    # A misspelt translation still suggests the code.
    with pytest.raises(ja.UnknownLevelError) as level:
        scale.level("Levl C")
    assert level.value.closest == "C"


def test_a_translated_level_name_never_shadows_a_code_or_dutch_name() -> None:
    scale = ja.Scale(
        "Niveau",
        [
            ja.Level("A", ja.Text("Niveau A", en="B")),
            ja.Level("B", ja.Text("Niveau B", fr="Niveau A")),
        ],
    )
    assert scale.level("B").code == "B"
    assert scale.level("Niveau A").code == "A"
