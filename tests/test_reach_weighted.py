"""to_reach with the weighted rule: the smallest change for any weights, spans and unrated criteria."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture._classify import _reach, _reach_weighted

#: Weights whose sums are exact in binary, so that the rule's float sums decide as exact
#: arithmetic does: zero, equal, halves of a total and many distinct values among them.
_EXACT = st.integers(0, 192).map(lambda k: k / 64)


def _family(criteria: int, levels: int) -> ja.Family:
    """A family of *criteria* criteria over *levels* numbered levels."""
    codes = [f"N{i}" for i in range(levels)]
    return ja.Family(
        code="gewogen",
        name="Gewogen",
        government="Test",
        scale=ja.Scale("Niveau", [ja.Level(c, f"Niveau {c}") for c in codes]),
        purpose=ja.Purpose("doen", "iets te bereiken"),
        criteria=[
            ja.Criterion(
                f"c{i}", f"Criterium {i}", [ja.Descriptor([c], [f"c{i} op {c}"]) for c in codes]
            )
            for i in range(criteria)
        ],
    )


@st.composite
def _cases(
    draw: st.DrawFn, max_criteria: int, max_levels: int, weights: st.SearchStrategy[float] = _EXACT
) -> tuple[ja.Family, dict[str, Any], dict[str, float], str]:
    """A family, ratings (spans and unrated criteria included), weights and a target."""
    family = _family(draw(st.integers(1, max_criteria)), draw(st.integers(2, max_levels)))
    codes = family.scale.codes
    ratings: dict[str, Any] = {}
    for c in family.criteria:
        # Unrated, one level, or a span (across the target or ending at it) in about equal parts.
        form = draw(st.integers(0, 2))
        low = draw(st.integers(0, len(codes) - 1))
        if form == 1:
            ratings[c.code] = codes[low]
        elif form == 2 and low < len(codes) - 1:
            ratings[c.code] = (codes[low], codes[draw(st.integers(low + 1, len(codes) - 1))])
    if not ratings:  # classify needs one rated criterion
        ratings[family.criteria[0].code] = draw(st.sampled_from(codes))
    chosen = {c.code: draw(weights) for c in family.criteria}
    # Both ends of the scale are where "every change goes to the target" is tightest.
    target = draw(st.sampled_from([codes[0], codes[-1], *codes]))
    return family, ratings, chosen, target


@contextmanager
def _computed() -> Iterator[None]:
    """Fail if to_reach falls back to the exhaustive search: the answer must be computed."""
    with mock.patch.object(_reach, "_search", side_effect=AssertionError("searched")):
        yield


def _reaches(result: ja.Classification, target: str) -> bool:
    return result.level == target and result.level_span in (None, (target, target))


def _key(
    family: ja.Family, ratings: dict[str, Any], changed: dict[int, int], target: str
) -> tuple[Any, ...]:
    """What "smallest" compares, as the docs define it: half-steps, count, positions, levels."""
    rank = family.scale.rank
    codes = [c.code for c in family.criteria]
    t = rank(target)

    def half_steps(i: int, v: int) -> int:
        old = ratings.get(codes[i])
        if old is None:
            return 2
        low, high = (old, old) if isinstance(old, str) else old
        return abs(rank(low) - v) + abs(rank(high) - v)

    order = sorted(changed)
    return (
        sum(half_steps(i, changed[i]) for i in order),
        len(order),
        tuple(order),
        tuple(abs(changed[i] - t) for i in order),
        tuple(changed[i] for i in order),
    )


def _brute_force(
    family: ja.Family, ratings: dict[str, Any], weights: dict[str, float], target: str
) -> tuple[Any, ...] | None:
    """The key of the smallest change reaching *target*, trying every change of every criterion."""
    codes = [c.code for c in family.criteria]
    levels = family.scale.codes
    best: tuple[Any, ...] | None = None
    for combo in itertools.product([None, *range(len(levels))], repeat=len(codes)):
        changed = {i: v for i, v in enumerate(combo) if v is not None}
        if any(
            ratings.get(codes[i]) in (levels[v], (levels[v], levels[v])) for i, v in changed.items()
        ):
            continue  # setting a rating to itself is no change
        new = {**ratings, **{codes[i]: levels[v] for i, v in changed.items()}}
        if _reaches(ja.classify(family, new, "weighted", weights=weights), target):
            key = _key(family, ratings, changed, target)
            best = key if best is None or key < best else best
    return best


def _as_changed(family: ja.Family, changes: Sequence[ja.Change]) -> dict[int, int]:
    codes = [c.code for c in family.criteria]
    return {codes.index(c.criterion): family.scale.rank(c.to_level) for c in changes}


@settings(deadline=None, max_examples=400)
@given(_cases(max_criteria=4, max_levels=4))
# A span starting at the target is above it only: narrowing it does not lift the lower ends.
@example((_family(3, 3), {"c0": ("N1", "N2"), "c1": "N0", "c2": "N0"}, {"c2": 1.25}, "N1"))
def test_weighted_to_reach_is_the_smallest_change_by_definition(
    case: tuple[ja.Family, dict[str, Any], dict[str, float], str],
) -> None:
    """With any weights (zero, equal, exact halves), spans and unrated criteria, to_reach is the smallest change."""
    family, ratings, weights, target = case
    with _computed():
        changes = ja.classify(family, ratings, "weighted", weights=weights).to_reach(target)
    changed = {**ratings, **{c.criterion: c.to_level for c in changes}}
    assert _reaches(ja.classify(family, changed, "weighted", weights=weights), target)
    best = _brute_force(family, ratings, weights, target)
    # The rule is unanimous, so rating everything at the target always reaches it.
    assert best is not None
    assert _key(family, ratings, _as_changed(family, changes), target) == best


@st.composite
def _crossing_cases(
    draw: st.DrawFn, max_criteria: int, max_levels: int
) -> tuple[ja.Family, dict[str, Any], dict[str, float], str]:
    """Like ``_cases``, but most criteria unrated or rated over a span across the target."""
    family = _family(draw(st.integers(1, max_criteria)), draw(st.integers(3, max_levels)))
    codes = family.scale.codes
    t = draw(st.integers(1, len(codes) - 2))  # inside the scale, so that a span can cross it
    ratings: dict[str, Any] = {}
    for c in family.criteria:
        form = draw(st.sampled_from(["unrated", "unrated", "across", "across", "single"]))
        if form == "across":
            ratings[c.code] = (
                codes[draw(st.integers(0, t - 1))],
                codes[draw(st.integers(t + 1, len(codes) - 1))],
            )
        elif form == "single":
            ratings[c.code] = codes[draw(st.integers(0, len(codes) - 1))]
    if not ratings:  # classify needs one rated criterion
        ratings[family.criteria[0].code] = draw(st.sampled_from(codes))
    chosen = {c.code: draw(_EXACT) for c in family.criteria}
    return family, ratings, chosen, codes[t]


@settings(deadline=None, max_examples=300)
@given(_crossing_cases(max_criteria=4, max_levels=5))
def test_weighted_to_reach_with_mostly_unrated_and_crossing_criteria_is_the_smallest_change(
    case: tuple[ja.Family, dict[str, Any], dict[str, float], str],
) -> None:
    """When most criteria are unrated or span the target, so that one change serves both ends, to_reach is still the smallest change."""
    family, ratings, weights, target = case
    with _computed():
        changes = ja.classify(family, ratings, "weighted", weights=weights).to_reach(target)
    best = _brute_force(family, ratings, weights, target)
    assert best is not None
    assert _key(family, ratings, _as_changed(family, changes), target) == best


@settings(deadline=None, max_examples=100)
@given(_cases(max_criteria=4, max_levels=4, weights=st.just(0.0)), st.data())
def test_weighted_to_reach_when_only_unrated_criteria_carry_weight(
    case: tuple[ja.Family, dict[str, Any], dict[str, float], str], data: st.DataObject
) -> None:
    """When no rated criterion carries weight, to_reach weighs rating a weighted one against the lower median."""
    family, ratings, _, target = case
    weights = {
        c.code: 0.0 if c.code in ratings else data.draw(_EXACT, label=c.code)
        for c in family.criteria
    }
    with _computed():
        changes = ja.classify(family, ratings, "weighted", weights=weights).to_reach(target)
    assert _key(family, ratings, _as_changed(family, changes), target) == _brute_force(
        family, ratings, weights, target
    )


@settings(deadline=None, max_examples=100)
@given(_cases(max_criteria=6, max_levels=4, weights=st.sampled_from([0.0, 2.5])))
def test_weighted_with_equal_weights_reaches_as_the_lower_median_does(
    case: tuple[ja.Family, dict[str, Any], dict[str, float], str],
) -> None:
    """With every weight equal (zero too), weighted's smallest change is the lower median's."""
    family, ratings, weights, target = case
    same = dict.fromkeys(weights, next(iter(weights.values())))
    with _computed():
        weighted = ja.classify(family, ratings, "weighted", weights=same).to_reach(target)
    assert weighted == ja.classify(family, ratings, "lower_median").to_reach(target)


def test_at_exactly_half_the_weight_the_lower_level_holds_until_one_criterion_moves() -> None:
    """Half the weight at a level gives that level; moving the earliest light criterion one step gives the next."""
    family = _family(3, 3)
    ratings = {"c0": "N0", "c1": "N0", "c2": "N1"}
    weights = {"c0": 1.0, "c1": 1.0, "c2": 2.0}
    result = ja.classify(family, ratings, "weighted", weights=weights)
    assert result.level == "N0"  # exactly half the total weight lies at N0
    assert result.to_reach("N1") == (ja.Change("c0", "N0", "N1"),)
    assert result.to_reach("N0") == ()


@pytest.mark.parametrize("form", ["single", "spans", "unrated"])
def test_many_distinct_weights_and_spans_are_computed_not_searched(form: str) -> None:
    """80 criteria x 10 levels with distinct weights (and spans, or half unrated) get an answer no single step can spare."""
    rng = random.Random(9)
    family = _family(80, 10)
    codes = family.scale.codes
    ratings: dict[str, Any] = {}
    for c in family.criteria:
        low = min(8, max(0, int(rng.gauss(3, 1))))
        if form == "unrated" and rng.random() < 0.5:
            continue
        ratings[c.code] = (
            (codes[low], codes[low + 1]) if form == "spans" and rng.random() < 0.3 else codes[low]
        )
    weights = {c.code: rng.randint(32, 192) / 64 for c in family.criteria}
    result = ja.classify(family, ratings, "weighted", weights=weights)
    target = codes[family.scale.rank(result.level) + 2]
    with _computed():
        changes = result.to_reach(target)
    new = {**ratings, **{c.criterion: c.to_level for c in changes}}
    assert _reaches(ja.classify(family, new, "weighted", weights=weights), target)
    for dropped in changes:
        # Undoing any one change must lose the target, or the answer was not the smallest.
        fewer = {code: level for code, level in new.items() if code != dropped.criterion}
        if dropped.criterion in ratings:
            fewer[dropped.criterion] = ratings[dropped.criterion]
        assert not _reaches(ja.classify(family, fewer, "weighted", weights=weights), target)


@settings(deadline=None, max_examples=200)
@given(_cases(max_criteria=4, max_levels=4, weights=st.integers(1, 30).map(lambda k: k / 10)))
def test_decimal_weights_get_the_smallest_change_the_rule_accepts(
    case: tuple[ja.Family, dict[str, Any], dict[str, float], str],
) -> None:
    """With decimal weights, whose ties the rule's float sums round either way, to_reach is still the smallest by the rule."""
    family, ratings, weights, target = case
    changes = ja.classify(family, ratings, "weighted", weights=weights).to_reach(target)
    assert _key(family, ratings, _as_changed(family, changes), target) == _brute_force(
        family, ratings, weights, target
    )


@settings(deadline=None, max_examples=150)
@given(
    _cases(
        max_criteria=4,
        max_levels=4,
        weights=st.sampled_from([0.0, 5e-324, 1e-300, 1.0, 3.0, 1e300]),
    )
)
def test_weights_far_beyond_a_floats_precision_apart_still_get_the_smallest_change(
    case: tuple[ja.Family, dict[str, Any], dict[str, float], str],
) -> None:
    """Weights from the smallest float to 1e300 side by side give the smallest change the rule accepts, not an overflow."""
    family, ratings, weights, target = case
    changes = ja.classify(family, ratings, "weighted", weights=weights).to_reach(target)
    assert _key(family, ratings, _as_changed(family, changes), target) == _brute_force(
        family, ratings, weights, target
    )


def test_a_tie_within_rounding_beyond_the_search_budget_still_gets_a_change() -> None:
    """When float rounding rejects the exact answer and the search is over budget, to_reach still reaches."""
    rng = random.Random(4)
    family = _family(50, 10)
    codes = family.scale.codes
    weights = {c.code: rng.randint(1, 30) / 10 for c in family.criteria}
    ratings = {c.code: codes[min(8, max(0, int(rng.gauss(10 / 3, 1))))] for c in family.criteria}
    result = ja.classify(family, ratings, "weighted", weights=weights)
    target = codes[family.scale.rank(result.level) + 2]
    # The case is what the test is about: exact arithmetic's answer, which the rule rejects.
    current = [(family.scale.rank(r), family.scale.rank(r)) for r in ratings.values()]
    vector = list(weights.values())
    t = family.scale.rank(target)
    exact = _reach_weighted.weighted_change(current, vector, t)
    assert exact is not None
    assert not _reach._reaches(current, vector, ja.get_rule("weighted"), t, exact)
    changes = result.to_reach(target)
    new = {**ratings, **{c.criterion: c.to_level for c in changes}}
    assert _reaches(ja.classify(family, new, "weighted", weights=weights), target)
