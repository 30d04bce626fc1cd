"""Totality: whatever a user feeds the library, it answers with a result or a
JobArchitectureError carrying one line per problem, never another exception."""

# PT017: here an error is one of two valid outcomes, so it is checked where it is caught.
# ruff: noqa: PT017

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture import strategies as jst

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "voorbeeld.toml"
BASE = ja.family_to_data(ja.load_family(EXAMPLE))

scalars = (
    st.none() | st.booleans() | st.integers(-5, 5) | st.floats(allow_nan=True) | st.text(max_size=8)
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a JSON-like tree, the root excluded."""
    out = []
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in items:
        out.append((*prefix, key))
        out.extend(_paths(child, (*prefix, key)))
    return out


def _assert_one_line_problems(err: ja.FamilyError) -> None:
    assert err.problems
    for p in err.problems:
        assert p.path.startswith("$")
        assert "\n" not in p.message
        assert p.message


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_loading_any_json_value_is_total(data: Any) -> None:
    """Any JSON value either loads as a family or raises FamilyError with one-line problems."""
    try:
        ja.family_from_data(data, "fuzz.json")
    except ja.FamilyError as err:
        _assert_one_line_problems(err)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_loading_a_damaged_family_is_total(data: st.DataObject) -> None:
    """Replacing or deleting any part of a valid family file never ends in a non-library exception."""
    damaged = copy.deepcopy(BASE)
    for _ in range(data.draw(st.integers(1, 3))):
        paths = _paths(damaged)
        if not paths:
            break
        *parents, last = data.draw(st.sampled_from(paths))
        node = damaged
        for key in parents:
            node = node[key]
        if data.draw(st.booleans()) and isinstance(node, dict):
            del node[last]
        else:
            node[last] = data.draw(json_values)
    try:
        family = ja.family_from_data(json.loads(json.dumps(damaged)), "damaged.json")
    except ja.FamilyError as err:
        _assert_one_line_problems(err)
    else:
        assert ja.validate(family) == []


rating_values = (
    st.none()
    | st.integers()
    | st.text(max_size=6)
    | st.sampled_from(["D", "c", "waarde 2", "B..D", "C..B", "", " ", "13/14"])
    | st.lists(st.sampled_from(["D", "C", "B", "X"]), max_size=3)
    | st.tuples(st.text(max_size=3), st.text(max_size=3))
)


@settings(max_examples=300)
@given(
    st.dictionaries(
        st.sampled_from(["kennis", "contacten", "Kennis", "kenis", "x"]) | st.text(max_size=5),
        rating_values,
        max_size=4,
    ),
    st.sampled_from([None, "lower_median", "mode", "nope"]),
)
def test_classify_is_total(ratings: dict[str, Any], rule: str | None) -> None:
    """Any ratings mapping gives a Classification or a JobArchitectureError, never another exception."""
    family = ja.load_family(EXAMPLE)
    try:
        result = ja.classify(family, ratings, rule)
    except ja.JobArchitectureError as err:
        assert str(err)
        assert "\n" not in str(err)
    else:
        assert result.level in family.scale.codes
        assert result.explain("en")


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(jst.classifications(), st.data())
def test_reading_a_damaged_result_is_total(result: ja.Classification, data: st.DataObject) -> None:
    """Classification.from_dict on damaged JSON gives a result or a ClassificationError, nothing else."""
    damaged = json.loads(json.dumps(result.to_dict()))
    paths = _paths(damaged)
    *parents, last = data.draw(st.sampled_from(paths))
    node = damaged
    for key in parents:
        node = node[key]
    node[last] = data.draw(json_values)
    try:
        ja.Classification.from_dict(damaged)
    except ja.ClassificationError as err:
        assert str(err)
        assert err.problems


def _dotted(keys: tuple[Any, ...]) -> str:
    """The path from_dict names for *keys*: ``$.evidence[2].low``."""
    return "$" + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in keys)


def _wrong(value: Any) -> Any:
    """A value of a type no place holding *value* accepts."""
    return 3 if value is None or isinstance(value, str) else "x"


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(jst.classifications(), st.data())
def test_every_damaged_part_of_a_result_is_reported(
    result: ja.Classification, data: st.DataObject
) -> None:
    """from_dict reports every leaf given a wrong type, each at its path, in one ClassificationError."""
    damaged = json.loads(json.dumps(result.to_dict()))
    leaves = [p for p in _paths(damaged) if not isinstance(_at(damaged, p), dict | list)]
    chosen = data.draw(st.lists(st.sampled_from(leaves), min_size=1, max_size=5, unique=True))
    for *parents, last in chosen:
        node = _at(damaged, tuple(parents))
        node[last] = _wrong(node[last])
    try:
        ja.Classification.from_dict(damaged)
    except ja.ClassificationError as err:
        assert {p.path for p in err.problems} == {_dotted(p) for p in chosen}
        assert str(err).splitlines() == [f"{p.path}: {p.message}" for p in err.problems]
    else:
        raise AssertionError(f"no error for {chosen}")


def _at(node: Any, keys: tuple[Any, ...]) -> Any:
    for key in keys:
        node = node[key]
    return node


# Anything a caller may pass where a level is expected: strings, numbers (12 for
# the code "12"), None, bytes, containers.
any_levels = (
    scalars
    | st.integers()
    | st.binary(max_size=4)
    | st.lists(st.text(max_size=3), max_size=2)
    | st.sampled_from(["C", "c", "niveau c", "B..C", "12"])
)


def _answers(call: Callable[[], object]) -> None:
    """*call* gives a result or a JobArchitectureError of one line; anything else fails."""
    try:
        call()
    except ja.JobArchitectureError as err:
        assert str(err)
        assert "\n" not in str(err)


@settings(max_examples=200)
@given(level=any_levels)
def test_every_level_argument_is_total(level: Any) -> None:
    """Scale.level, Criterion.at, to_reach and profile answer any value with a result or
    a JobArchitectureError of one line, never another exception."""
    family = ja.load_family(EXAMPLE)
    result = ja.classify(family, {"kennis": "C"})
    calls = [
        lambda: family.scale.level(level),
        lambda: family.criteria[0].at(level),
        lambda: family.criteria[0].at(level, family.scale),
        lambda: result.to_reach(level),
        lambda: ja.profile(family, level),
    ]
    for call in calls:
        _answers(call)


@settings(max_examples=200)
@given(weight=scalars | st.integers() | st.binary(max_size=2), key=st.text(max_size=5) | scalars)
def test_weights_are_total(weight: Any, key: Any) -> None:
    """Any weights mapping gives a Classification or a JobArchitectureError, never another exception."""
    family = ja.load_family(EXAMPLE)
    _answers(lambda: ja.classify(family, {"kennis": "C"}, "weighted", weights={key: weight}))


@settings(max_examples=150)
@given(value=any_levels)
def test_every_name_argument_is_total(value: Any) -> None:
    """A family code, rule name, role or level of a competency profile given as any value
    gives a result or a JobArchitectureError of one line, never another exception."""
    family = ja.get_family("adviseurs")
    calls = [
        lambda: ja.get_family(value),
        lambda: ja.get_rule(value),
        lambda: ja.profile(family, "12", role=value),
        lambda: family.profiles[0].at(value),
        lambda: family.profiles[0].at(value, family.scale),
        lambda: family.scale.closest(value),
    ]
    for call in calls:
        _answers(call)
