"""to_reach for the mode rule: exactly the smallest change, by brute force, and the laws it relies on."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture._classify._reach import change_key
from jobarchitecture._classify._reach_descent import penalty, span_counts, span_solver
from jobarchitecture._classify._reach_mode import (
    _bits,
    _full_weights,
    _mode_greedy,
    _solve,
    _Weights,
    mode_change,
)

Current = list[tuple[int, int] | None]


def _family(criteria: int, levels: int) -> ja.Family:
    """A family of *criteria* criteria over *levels* levels, one descriptor per level."""
    codes = [f"L{i}" for i in range(levels)]
    return ja.Family(
        code="modus",
        name="Modus",
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


def _mode(ranks: list[int]) -> int:
    counts = {r: ranks.count(r) for r in ranks}
    top = max(counts.values())
    return min(r for r, k in counts.items() if k == top)


def _final(current: Current, changed: dict[int, int]) -> tuple[list[int], list[int]]:
    """The lower and the upper ends of the ratings after *changed*."""
    ends = [
        (changed[i], changed[i]) if i in changed else cur
        for i, cur in enumerate(current)
        if i in changed or cur is not None
    ]
    return [lo for lo, _ in ends], [hi for _, hi in ends]


def _reaches(current: Current, changed: dict[int, int], t: int) -> bool:
    lows, highs = _final(current, changed)
    return bool(lows) and _mode(lows) == t and _mode(highs) == t


def _brute_force(current: Current, n: int, t: int) -> tuple[Any, ...]:
    """The least change_key over every change that makes the mode give *t*."""
    return change_key(current, _best_change(current, n, t), t)


@st.composite
def _ratings(draw: st.DrawFn, *, spans: bool, max_criteria: int = 5) -> tuple[Current, int]:
    """Ranks per criterion (some unrated, some spans when asked) and the number of levels."""
    n = draw(st.integers(1, 4))
    m = draw(st.integers(1, max_criteria))
    current: Current = []
    for _ in range(m):
        if draw(st.integers(0, 4)) == 0:
            current.append(None)
            continue
        lo = draw(st.integers(0, n - 1))
        hi = lo
        if spans and lo < n - 1 and draw(st.booleans()):
            # Mostly spans of two adjacent levels (exact programme); some wider (search).
            hi = draw(st.integers(lo + 1, n - 1)) if draw(st.integers(0, 4)) == 0 else lo + 1
        current.append((lo, hi))
    if all(cur is None for cur in current):
        current[0] = (0, 0)
    return current, n


def _to_reach(current: Current, n: int, t: int) -> dict[int, int]:
    """What the public to_reach proposes, as criterion position to new rank."""
    family = _family(len(current), n)
    codes = family.scale.codes
    ratings: dict[str, Any] = {
        f"c{i}": codes[cur[0]] if cur[0] == cur[1] else (codes[cur[0]], codes[cur[1]])
        for i, cur in enumerate(current)
        if cur is not None
    }
    changes = ja.classify(family, ratings, "mode").to_reach(codes[t])
    return {int(c.criterion[1:]): codes.index(c.to_level) for c in changes}


def _check(current: Current, n: int, t: int) -> None:
    best = _brute_force(current, n, t)
    changed = _to_reach(current, n, t)
    assert _reaches(current, changed, t)
    assert change_key(current, changed, t) == best


@settings(deadline=None, max_examples=300)
@given(_ratings(spans=False), st.data())
def test_single_ratings_get_exactly_the_smallest_change(
    pair: tuple[Current, int], data: st.DataObject
) -> None:
    """Without spans, to_reach under mode is the least change_key of all changes that reach."""
    current, n = pair
    _check(current, n, data.draw(st.integers(0, n - 1)))


@settings(deadline=None, max_examples=300)
@given(_ratings(spans=True), st.data())
def test_span_ratings_get_exactly_the_smallest_change(
    pair: tuple[Current, int], data: st.DataObject
) -> None:
    """With span ratings too, to_reach under mode is the least change_key of all that reach."""
    current, n = pair
    _check(current, n, data.draw(st.integers(0, n - 1)))


@settings(deadline=None, max_examples=150)
@given(_ratings(spans=False), st.booleans())
def test_targets_at_both_ends_of_the_scale(pair: tuple[Current, int], top: bool) -> None:
    """The lowest and the highest level are reached by exactly the smallest change too."""
    current, n = pair
    _check(current, n, n - 1 if top else 0)


def test_ties_go_to_the_earliest_criteria() -> None:
    """Of equally small changes, the one moving the earliest criteria of each level wins."""
    # Two criteria at L0, two at L2: L1 needs one from each pair (two steps); rating
    # the unrated one instead of either leaves a tie between L0 or L2 and L1.
    current: Current = [(0, 0), (2, 2), (0, 0), (2, 2), None]
    assert _to_reach(current, 3, 1) == {0: 1, 1: 1}


def test_nothing_rated_has_no_change() -> None:
    """With no criteria at all there is nothing to change, so no change reaches a level."""
    assert mode_change([], 0, 3, lambda changed: change_key([], changed, 0)) is None


def test_a_crowded_level_parks_next_door_when_that_is_cheaper() -> None:
    """Ratings far from the target move to a free level beside them, not all the way."""
    # Target L0 holds two; L4 holds four: two of them step to L3 (one step each), which
    # leaves 2, 2, 2 at L0, L3, L4 (the lowest wins a tie), rather than two steps of four.
    current: Current = [(0, 0), (0, 0), (4, 4), (4, 4), (4, 4), (4, 4)]
    assert _to_reach(current, 5, 0) == {2: 3, 3: 3}
    assert change_key(current, {2: 3, 3: 3}, 0) == _brute_force(current, 5, 0)


def _by_k(current: Current, n: int, t: int) -> dict[int, tuple[int, int]]:
    """By brute force, per final count K at t: the least (doubled steps, count) that reaches."""
    out: dict[int, tuple[int, int]] = {}
    for combo in itertools.product([None, *range(n)], repeat=len(current)):
        changed = {i: v for i, v in enumerate(combo) if v is not None}
        if any(current[i] == (v, v) for i, v in changed.items()):
            continue
        if not _reaches(current, changed, t):
            continue
        lows, _ = _final(current, changed)
        key = change_key(current, changed, t)[:2]
        k = lows.count(t)
        out[k] = min(out.get(k, key), key)
    return out


@settings(deadline=None, max_examples=200)
@given(_ratings(spans=False, max_criteria=5), st.data())
def test_the_programme_per_k_is_the_least_transport_and_convex_in_k(
    pair: tuple[Current, int], data: st.DataObject
) -> None:
    """Per K the programme finds the least (steps, count) (claims 1-4), convex in K (claim 5)."""
    current, n = pair
    t = data.draw(st.integers(0, n - 1))
    size = len(current)
    groups: list[list[int]] = [[] for _ in range(n)]
    unrated = [i for i, cur in enumerate(current) if cur is None]
    for i, cur in enumerate(current):
        if cur is not None:
            groups[cur[0]].append(i)
    c = [len(g) for g in groups]
    bits = [_bits(g, size) for g in groups]
    greedy, _ = _mode_greedy(c, len(unrated), t, n)
    expected = _by_k(current, n, t)
    small = _Weights(size + 1, 1, 0, 0, 0)
    keys = []
    for k in range(max(c[t], 1), sum(c) + len(unrated) + 1):
        found = _solve(c, bits, _bits(unrated, size), t, k, small, 4 * size * n)
        got = None if found is None else divmod(found[0], size + 1)
        assert got == expected.get(k), k
        keys.append(None if found is None else found[0])
        full = _solve(c, bits, _bits(unrated, size), t, k, _full_weights(size, n), 4 * size * n)
        assert (full is None) == (found is None)
    finite = [k for k in keys if k is not None]
    diffs = [b - a for a, b in itertools.pairwise(finite)]
    assert diffs == sorted(diffs), "the least key is convex in K"
    assert min(expected.values())[0] <= greedy, "the greedy change is a bound (claim 6)"


@pytest.mark.parametrize("levels", [3, 7])
def test_many_criteria_are_answered_without_the_search_budget(levels: int) -> None:
    """400 criteria with single ratings get an answer that reaches (the search would refuse)."""
    family = _family(400, levels)
    codes = family.scale.codes
    ratings = {f"c{i}": codes[(i * 7) % levels // 2] for i in range(400)}
    result = ja.classify(family, ratings, "mode")
    changes = result.to_reach(codes[-1])
    after = ja.classify(family, {**ratings, **{c.criterion: c.to_level for c in changes}}, "mode")
    assert after.level == codes[-1]


def _best_change(current: Current, n: int, t: int) -> dict[int, int]:
    """By brute force, the change with the least change_key that makes the mode give *t*."""
    best: tuple[Any, dict[int, int]] | None = None
    for combo in itertools.product([None, *range(n)], repeat=len(current)):
        changed = {i: v for i, v in enumerate(combo) if v is not None}
        if any(current[i] == (v, v) for i, v in changed.items()):
            continue
        if _reaches(current, changed, t):
            key = change_key(current, changed, t)
            if best is None or key < best[0]:
                best = (key, changed)
    assert best is not None, "rating every criterion at the target always reaches it"
    return best[1]


@settings(deadline=None, max_examples=200)
@given(_ratings(spans=True), st.data())
def test_the_smallest_change_keeps_every_end_already_at_the_target(
    pair: tuple[Current, int], data: st.DataObject
) -> None:
    """The smallest change never leaves fewer lower or upper ends at t than there were."""
    current, n = pair
    assume(all(cur is None or cur[1] - cur[0] <= 1 for cur in current))
    t = data.draw(st.integers(0, n - 1))
    changed = _best_change(current, n, t)
    lows, highs = _final(current, changed)
    before_lows, before_highs = _final(current, {})
    assert lows.count(t) >= before_lows.count(t)
    assert highs.count(t) >= before_highs.count(t)


@st.composite
def _adjacent(draw: st.DrawFn, max_criteria: int = 6) -> tuple[Current, int, int]:
    """Singles, spans of two adjacent levels and unrated criteria, the levels, a target."""
    n = draw(st.integers(2, 5))
    m = draw(st.integers(1, max_criteria if n < 5 else min(max_criteria, 5)))
    current: Current = []
    for _ in range(m):
        kind = draw(st.sampled_from(["single", "span", "span", "unrated"]))
        lo = draw(st.integers(0, n - 2 if kind == "span" else n - 1))
        current.append(None if kind == "unrated" else (lo, lo + (kind == "span")))
    if all(cur is None for cur in current):
        current[0] = (0, 1)
    t = draw(st.one_of(st.just(0), st.just(n - 1), st.integers(0, n - 1)))
    return current, n, t


@settings(deadline=None, max_examples=200)
@given(_adjacent())
def test_adjacent_spans_get_exactly_the_smallest_change(case: tuple[Current, int, int]) -> None:
    """With many spans of two adjacent levels, to_reach is the least change_key that reaches."""
    _check(*case)


def test_a_line_is_searched_above_where_it_starts() -> None:
    """A line of pairs whose least lies above where its search starts is still searched up."""
    # On the line K1 - K2 = 0 the least is at K1 = 3; the next line, K1 - K2 = 1,
    # starts there (10 half-steps) and must look up to K1 = 4 (7 half-steps): the
    # three earliest criteria to L2, the smallest change.
    current: Current = [(1, 1), (0, 1), (1, 1), (2, 3), (0, 1), (0, 1)]
    _check(current, 4, 2)
    assert _to_reach(current, 4, 2) == {0: 2, 1: 2, 2: 2}


def _split(
    current: Current, n: int
) -> tuple[list[int], list[int], list[list[int]], list[list[int]], list[int]]:
    """Singles and spans r..r+1 per level (counts, then bits of their first k), and the
    bits of the first k unrated criteria."""
    size = len(current)
    singles: list[list[int]] = [[] for _ in range(n)]
    spans: list[list[int]] = [[] for _ in range(n)]
    unrated = [i for i, cur in enumerate(current) if cur is None]
    for i, cur in enumerate(current):
        if cur is not None:
            (singles if cur[0] == cur[1] else spans)[cur[0]].append(i)
    return (
        [len(g) for g in singles],
        [len(g) for g in spans],
        [_bits(g, size) for g in singles],
        [_bits(g, size) for g in spans],
        _bits(unrated, size),
    )


def _by_pair(current: Current, n: int, t: int) -> dict[tuple[int, int], tuple[int, int]]:
    """By brute force, per (K1, K2) left at t: the least (doubled steps, count) that
    reaches without moving a single rating at t."""
    out: dict[tuple[int, int], tuple[int, int]] = {}
    for combo in itertools.product([None, *range(n)], repeat=len(current)):
        changed = {i: v for i, v in enumerate(combo) if v is not None}
        if any(current[i] in ((v, v), (t, t)) for i, v in changed.items()):
            continue
        if not _reaches(current, changed, t):
            continue
        lows, highs = _final(current, changed)
        pair = (lows.count(t), highs.count(t))
        key = change_key(current, changed, t)[:2]
        out[pair] = min(out.get(pair, key), key)
    return out


@settings(deadline=None, max_examples=150)
@given(_adjacent(max_criteria=5))
def test_each_pair_of_counts_at_the_target_gets_its_least_change(
    case: tuple[Current, int, int],
) -> None:
    """Per K1 lower and K2 upper ends at t, the descent finds the least (steps, count), or none."""
    current, n, t = case
    size = len(current)
    c, b, single_bits, span_bits, unrated_bits = _split(current, n)
    small = _Weights(size + 1, 1, 0, 0, 0)
    solve = span_solver(c, b, single_bits, span_bits, unrated_bits, t, small)
    big = penalty(c, b, len(unrated_bits) - 1, small)
    expected = _by_pair(current, n, t)
    for k1 in range(size + 2):
        for k2 in range(size + 2):
            value, x = solve(k1, k2, None)
            got = None if value >= big else divmod(value, size + 1)
            assert got == expected.get((k1, k2)), (k1, k2)
            if got is not None:
                xs, zs, u = span_counts(x, n)
                assert xs[t] + zs[t] == k1
                assert xs[t] + (zs[t - 1] if t else 0) == k2
                assert 0 <= u <= len(unrated_bits) - 1


@settings(deadline=None, max_examples=150)
@given(_adjacent(max_criteria=6), st.booleans())
def test_the_least_per_pair_is_convex_along_each_line_and_warm_starts_agree(
    case: tuple[Current, int, int], full: bool
) -> None:
    """Along K1 - K2 = e the least per pair (penalties included) is convex in K1, from any start."""
    current, n, t = case
    size = len(current)
    c, b, single_bits, span_bits, unrated_bits = _split(current, n)
    weights = _full_weights(size, n) if full else _Weights(size + 1, 1, 0, 0, 0)
    solve = span_solver(c, b, single_bits, span_bits, unrated_bits, t, weights)
    for e in range(-size, size + 1):
        line = []
        previous: list[int] | None = None
        for k1 in range(max(0, e), size + 2 + min(0, e)):
            value, x = solve(k1, k1 - e, None)
            if previous is not None:
                assert solve(k1, k1 - e, previous)[0] == value, "a warm start finds the same least"
            previous = x
            line.append(value)
        diffs = [v - u for u, v in itertools.pairwise(line)]
        assert diffs == sorted(diffs), e


@pytest.mark.parametrize("levels", [7, 20])
def test_many_criteria_with_adjacent_spans_are_answered(levels: int) -> None:
    """400 criteria, a third rated over two adjacent levels, get a change that reaches."""
    family = _family(400, levels)
    codes = family.scale.codes
    ratings: dict[str, Any] = {}
    for i in range(400):
        r = (i * 7) % levels // 2
        ratings[f"c{i}"] = (codes[r], codes[r + 1]) if i % 3 == 0 else codes[r]
    result = ja.classify(family, ratings, "mode")
    changes = result.to_reach(codes[-1])
    after = ja.classify(family, {**ratings, **{c.criterion: c.to_level for c in changes}}, "mode")
    assert after.level == codes[-1]
    assert changes


def test_every_line_is_searched_though_its_least_rises_and_falls_again() -> None:
    """Across the lines K1 - K2 = e the least change can rise and fall again, so no
    search across lines would do: each is searched, and the smallest change found."""
    current: Current = [(0, 0), (1, 2), (1, 2), (0, 0), (1, 1)]
    per_line: dict[int, tuple[int, int]] = {}
    for (k1, k2), key in _by_pair(current, 3, 1).items():
        per_line[k1 - k2] = min(per_line.get(k1 - k2, key), key)
    steps = [per_line[e][0] for e in sorted(per_line)]
    assert steps[0] < steps[1] > steps[2], per_line
    _check(current, 3, 1)
