"""to_reach as users call it: the smallest change by its documented definition, on real families."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture import strategies as jst


def _classes(criteria: int, levels: tuple[str, ...] = ("9", "10", "11", "12")) -> ja.Family:
    """A family of numbered classes with one descriptor per class."""
    return ja.Family(
        code="klassen",
        name="Klassen",
        government="Test",
        scale=ja.Scale("Klasse", [ja.Level(c, f"Klasse {c}") for c in levels]),
        purpose=ja.Purpose("doen", "iets te bereiken"),
        criteria=[
            ja.Criterion(
                f"c{i}", f"Criterium {i}", [ja.Descriptor([c], [f"c{i} op {c}"]) for c in levels]
            )
            for i in range(criteria)
        ],
    )


def _steps(family: ja.Family, changes: tuple[ja.Change, ...], ratings: dict[str, Any]) -> float:
    rank = family.scale.rank
    total = 0.0
    for c in changes:
        old = ratings.get(c.criterion)
        if old is None:
            total += 1
        else:
            low, high = (old, old) if isinstance(old, str) else old
            total += (abs(rank(low) - rank(c.to_level)) + abs(rank(high) - rank(c.to_level))) / 2
    return total


def test_one_step_on_one_criterion_beats_two_steps() -> None:
    """Ratings 10, 10, 11, 9 reach 11 by raising a 10 one step, not the 9 two steps."""
    family = _classes(4)
    ratings = {"c0": "10", "c1": "10", "c2": "11", "c3": "9"}
    result = ja.classify(family, ratings, "upper_median")
    assert result.to_reach("11") == (ja.Change("c0", "10", "11"),)


def test_fewer_steps_win_over_fewer_criteria() -> None:
    """Two one-step changes are smaller than one three-step change (steps come first)."""
    family = _classes(3, ("9", "10", "11", "12"))
    ratings = {"c0": "9", "c1": "11", "c2": "11"}
    # The minimum is 9; to reach 10 the 9 must rise one step: one change.
    assert ja.classify(family, ratings, "minimum").to_reach("10") == (ja.Change("c0", "9", "10"),)
    # The maximum is 11; reaching 10 lowers both 11s one step each (2 steps), never a 12.
    changes = ja.classify(family, ratings, "maximum").to_reach("10")
    assert changes == (ja.Change("c1", "11", "10"), ja.Change("c2", "11", "10"))
    assert _steps(family, changes, ratings) == 2


def test_ties_go_to_the_earliest_criteria() -> None:
    """Among equally small changes to_reach picks the criteria earliest in the family's order."""
    family = _classes(5)
    ratings = {f"c{i}": "10" for i in range(5)}
    changes = ja.classify(family, ratings, "lower_median").to_reach("11")
    assert [c.criterion for c in changes] == ["c0", "c1", "c2"]


def test_rating_an_unrated_criterion_counts_as_one_step() -> None:
    """Rating an unrated criterion at the target is one step, cheaper than moving a rating two."""
    family = _classes(3)
    ratings = {"c0": "9", "c1": "11"}
    changes = ja.classify(family, ratings, "lower_median").to_reach("11")
    assert changes == (ja.Change("c2", None, "11"),)


def test_already_at_the_target_is_no_change() -> None:
    """When the result already is the target, to_reach returns no changes."""
    family = ja.get_family("ondersteuners")
    result = ja.classify(family, {"kennis": "C", "contacten": "C..B"})
    assert result.to_reach("C") == ()


@pytest.mark.parametrize("rule", ["lower_median", "upper_median", "minimum", "maximum", "weighted"])
def test_order_statistic_rules_handle_many_criteria(rule: str) -> None:
    """For 200 criteria x 20 levels the built-in order-statistic rules answer, and the answer reaches."""
    levels = tuple(f"K{i:02d}" for i in range(20))
    family = _classes(200, levels)
    ratings = {f"c{i}": levels[(i * 7) % 12] for i in range(200)}
    result = ja.classify(family, ratings, rule)
    target = levels[15]
    changes = result.to_reach(target)
    after = ja.classify(family, {**ratings, **{c.criterion: c.to_level for c in changes}}, rule)
    assert after.level == target


@pytest.mark.parametrize(
    "code", ["ondersteuners", "managementondersteuning", "adviseurs", "organisatieondersteuning"]
)
def test_mode_reaches_every_level_of_every_seed_family(code: str) -> None:
    """For the non-monotone mode, to_reach answers on every seed family (the search groups equal ratings)."""
    family = ja.get_family(code)
    levels = family.scale.codes
    ratings = {c.code: levels[i % len(levels)] for i, c in enumerate(family.criteria)}
    result = ja.classify(family, ratings, "mode")
    for target in levels:
        changes = result.to_reach(target)
        after = ja.classify(
            family, {**ratings, **{c.criterion: c.to_level for c in changes}}, "mode"
        )
        assert after.level == target


def test_a_search_beyond_the_budget_is_a_rule_error_saying_so() -> None:
    """A search that would exceed SEARCH_BUDGET (mode, a span over three levels) raises RuleError naming the sizes."""
    family = _classes(40, tuple(str(i) for i in range(10)))
    ratings: dict[str, Any] = {f"c{i}": str(i % 10) for i in range(40)}
    ratings["c0"] = ("0", "2")
    result = ja.classify(family, ratings, "mode")
    with pytest.raises(
        ja.RuleError,
        match=r"rule 'mode': to_reach searches .*; 40 criteria x 10 levels .*beyond the budget of 200,000",
    ):
        result.to_reach("9")


@pytest.mark.parametrize("rule", ["mode", "weighted"])
def test_mode_and_unequal_weights_answer_for_many_criteria(rule: str) -> None:
    """Mode, and weighted with unequal weights, answer for 50 criteria x 10 levels with a change that reaches."""
    levels = tuple(str(i) for i in range(10))
    family = _classes(50, levels)
    ratings = {f"c{i}": levels[(i * i) % 7] for i in range(50)}
    weights = {f"c{i}": float(1 + i % 3) for i in range(50)}
    result = ja.classify(family, ratings, rule, weights=weights if rule == "weighted" else None)
    changes = result.to_reach("8")
    new = {**ratings, **{c.criterion: c.to_level for c in changes}}
    after = ja.classify(family, new, rule, weights=weights if rule == "weighted" else None)
    assert after.level == "8"


class _Plain:
    """A built-in rule behind a plain object, so that to_reach searches instead of computing."""

    def __init__(self, rule: ja.Rule) -> None:
        self._rule = rule
        self.name = rule.name
        self.monotone = rule.monotone
        self.laws = ("order_invariant", "monotone") if rule.monotone else ("order_invariant",)

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        return self._rule(ranks, weights)


@settings(deadline=None, max_examples=60)
@given(jst.families(max_levels=4, max_criteria=6), jst.rules(), st.data())
def test_the_computed_change_equals_the_searched_one(
    family: ja.Family, rule: ja.Rule, data: st.DataObject
) -> None:
    """For every built-in rule, to_reach's computed answer equals the exhaustive search's, spans and weights included."""
    ratings = data.draw(jst.ratings(family))
    target = data.draw(jst.levels(family.scale)).code
    computed = ja.classify(family, ratings, rule)
    searched = ja.classify(family, ratings, _Plain(rule))
    assert computed.level == searched.level
    try:
        expected = searched.to_reach(target)
    except ja.RatingError:
        with pytest.raises(ja.RatingError):
            computed.to_reach(target)
        return
    assert computed.to_reach(target) == expected


@pytest.mark.parametrize("name", ["mode", "weighted"])
@settings(deadline=None, max_examples=100)
@given(jst.families(min_levels=2, max_levels=5, min_criteria=2, max_criteria=6), st.data())
def test_mode_and_weighted_compute_what_the_search_finds(
    name: str, family: ja.Family, data: st.DataObject
) -> None:
    """Without spans, mode's and weighted's computed changes equal the exhaustive search's."""
    rule = ja.get_rule(name)
    ratings = data.draw(jst.ratings(family, spans=False))
    target = data.draw(jst.levels(family.scale)).code
    searched = ja.classify(family, ratings, _Plain(rule)).to_reach(target)
    assert ja.classify(family, ratings, rule).to_reach(target) == searched
