"""classify()'s fast path for a complete rating set of exact codes, at first sight of a
pattern, gives exactly what the general path gives: fields, words, warnings, errors."""

from __future__ import annotations

import pickle
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture._classify import _engine
from jobarchitecture._classify._result import _warnings
from jobarchitecture._cli._cmd_batch import result_cells
from jobarchitecture.strategies import families, ratings

# The family's own rule left to the default (the lower median): the fast path's case.
_families = families(min_criteria=1, max_criteria=8, max_levels=7).map(
    lambda f: attrs.evolve(f, rule=None)
)
_FIELDS = ("warnings", "level", "evidence", "family", "rule", "level_span", "spread", "unrated")


def _slow(family: ja.Family, rated: dict[str, Any]) -> ja.Classification:
    """The general path's result, which resolves every key and value by name."""
    plan = _engine._plan(family)
    return _engine._run_slow(plan, rated, plan.default_rule(), False, None)


def _first_sight(family: ja.Family, rated: dict[str, Any], remember: bool) -> ja.Classification:
    """classify's result with nothing remembered, and with remembering on or off."""
    plan = _engine._plan(family)
    plan.results.clear()
    plan.warned.clear()
    before = plan.remember
    plan.remember = remember
    try:
        return ja.classify(family, rated)
    finally:
        plan.remember = before


@st.composite
def _complete(draw: st.DrawFn, family: ja.Family) -> dict[str, str]:
    """Every criterion rated by exact codes, the criteria in any order."""
    codes = family.scale.codes
    rated = {c.code: draw(st.sampled_from(codes)) for c in family.criteria}
    order = draw(st.permutations(list(rated)))
    return {k: rated[k] for k in order}


def _same(a: ja.Classification, b: ja.Classification) -> None:
    """*a* and *b* agree in every field, in data, in words, pickled and as batch cells."""
    assert a == b
    assert repr(a) == repr(b)
    assert a.to_dict() == b.to_dict()
    assert list(a.warnings) == _warnings(ja.Classification.from_dict(b.to_dict()), "en")
    for lang in ("nl", "en"):
        assert a.explain(lang) == b.explain(lang)
    assert pickle.loads(pickle.dumps(a)) == b
    assert result_cells(a) == result_cells(b)
    assert result_cells(a, "nl") == result_cells(b, "nl")
    # A result read back from data words its warnings as classify()'s own does, in
    # every language where the criteria's names are the Dutch ones it carries: without
    # its family at hand (these are not installed) it has no other names.
    back = ja.Classification.from_dict(b.to_dict())
    criteria = a._lazy[0].criteria if a._lazy is not None else ()
    for lang in ("nl", "fr", "en"):
        if all(c.name.get(lang) == c.name.nl for c in criteria):
            assert result_cells(back, lang) == result_cells(a, lang)


@given(
    data=st.data(),
    family=_families,
    remember=st.booleans(),
    first=st.sampled_from(_FIELDS),
)
def test_a_complete_set_at_first_sight_equals_the_general_path(
    family: ja.Family, data: st.DataObject, remember: bool, first: str
) -> None:
    """Every criterion rated by exact codes, in any order, remembered or not, gives the general path's result, whichever field is read first."""
    rated = data.draw(_complete(family))
    result = _first_sight(family, rated, remember)
    slow = _slow(family, rated)
    # The fast path ran (it keeps the sorted ranks), or this compares the general path to itself.
    assert len(family.criteria) < 2 or (result._lazy is not None and result._lazy[6] is not None)
    assert getattr(result, first) == getattr(slow, first)
    _same(result, slow)
    # Seen again: the remembered result (or a new one) is the same in every way.
    _same(ja.classify(family, dict(reversed(list(rated.items())))), slow)


@given(data=st.data(), family=_families)
def test_a_complete_set_at_first_sight_reaches_what_the_general_path_reaches(
    family: ja.Family, data: st.DataObject
) -> None:
    """to_reach from a first-sight result gives the general path's changes or its error."""
    rated = data.draw(_complete(family))
    target = data.draw(st.sampled_from(family.scale.codes))
    result = _first_sight(family, rated, remember=True)
    slow = _slow(family, rated)

    def reach(c: ja.Classification) -> Any:
        try:
            return c.to_reach(target)
        except ja.JobArchitectureError as exc:
            return type(exc), str(exc)

    assert reach(result) == reach(slow)


@given(data=st.data(), family=_families)
def test_warnings_at_first_sight_are_those_worded_from_the_fields(
    family: ja.Family, data: st.DataObject
) -> None:
    """The warnings read first, for one criterion, all at one level, levels apart, spans or unrated criteria, are those worded from the result's fields."""
    codes = family.scale.codes
    shape = data.draw(st.sampled_from(["one level", "apart", "spans", "unrated"]))
    if shape == "one level":
        level = data.draw(st.sampled_from(codes))
        rated: dict[str, Any] = {c.code: level for c in family.criteria}
    elif shape == "apart":
        assume(len(codes) >= 3 and len(family.criteria) >= 2)
        rated = data.draw(_complete(family))
        low, high = data.draw(st.permutations(list(rated)).map(lambda keys: keys[:2]))
        rated[low] = codes[0]
        rated[high] = codes[-1]
    elif shape == "spans":
        rated = data.draw(ratings(family, spans=True))
    else:
        rated = data.draw(ratings(family, spans=False))
        assume(len(rated) < len(family.criteria))
        rated.update({c.code: None for c in family.criteria if c.code not in rated})
    result = _first_sight(family, rated, remember=True)
    warnings = result.warnings
    slow = _slow(family, rated)
    assert warnings == slow.warnings
    assert list(warnings) == _warnings(ja.Classification.from_dict(slow.to_dict()), "en")
    # Either wording: two-sided, or one criterion alone holding both ends (a span).
    apart = [w for w in warnings if "more than one level apart" in w]
    spread = family.scale.codes.index(slow.spread[1]) - family.scale.codes.index(slow.spread[0])
    assert bool(apart) == (spread > 1)
    if shape == "one level":
        assert warnings == ()
    _same(result, slow)


def _other_value(family: ja.Family, code: str) -> st.SearchStrategy[Any]:
    """A value for a criterion that is not an exact level code, valid or not."""
    scale = family.scale
    level = scale.level(code)
    spellings = [code.lower(), code.upper(), level.name.nl, *level.aliases]
    values: list[Any] = [v for v in spellings if v != code and scale.find(v) is not None]
    values += [None, "", " ", "zz-no-level", level, [code], (code, code), 3]
    if len(scale.codes) > 1:
        values += [(scale.codes[0], scale.codes[1]), f"{scale.codes[0]}..{scale.codes[1]}"]
    return st.sampled_from(values)


def _outcome(call: Any) -> Any:
    try:
        return call()
    except ja.JobArchitectureError as exc:
        return type(exc), str(exc)


@given(data=st.data(), family=_families)
def test_a_complete_set_not_of_exact_codes_gives_the_general_path_outcome(
    family: ja.Family, data: st.DataObject
) -> None:
    """A complete rating set with a name, alias, span, Level or unrated value gives the general path's result or error."""
    rated: dict[str, Any] = data.draw(_complete(family))
    key = data.draw(st.sampled_from(list(rated)))
    rated[key] = data.draw(_other_value(family, rated[key]))
    plan = _engine._plan(family)
    plan.results.clear()
    plan.warned.clear()
    fast = _outcome(lambda: ja.classify(family, rated))
    slow = _outcome(lambda: _slow(family, rated))
    if isinstance(slow, ja.Classification):
        assert isinstance(fast, ja.Classification)
        _same(fast, slow)
    else:
        assert fast == slow


@given(data=st.data(), family=_families)
def test_complete_sets_with_an_unknown_criterion_fail_as_before(
    family: ja.Family, data: st.DataObject
) -> None:
    """A complete-sized rating set naming an unknown criterion is refused with the general path's error."""
    rated: dict[str, Any] = data.draw(_complete(family))
    dropped = data.draw(st.sampled_from(list(rated)))
    rated["no-such-criterion"] = rated.pop(dropped)
    fast = _outcome(lambda: ja.classify(family, rated))
    assert fast == _outcome(lambda: _slow(family, rated))
    assert isinstance(fast, tuple)
    assert fast[0] is ja.UnknownCriterionError


@pytest.fixture
def voorbeeld() -> ja.Family:
    """The example family: D < C < B, criteria kennis and contacten."""
    from pathlib import Path

    return ja.load_family(Path(__file__).resolve().parent.parent / "examples" / "voorbeeld.toml")


def test_a_pattern_in_another_order_is_remembered_once(voorbeeld: ja.Family) -> None:
    """The same complete pattern with its criteria in another order counts as seen before."""
    plan = _engine._plan(voorbeeld)
    plan.results.clear()
    hits = plan.hits
    first = ja.classify(voorbeeld, {"kennis": "D", "contacten": "B"})
    again = ja.classify(voorbeeld, {"contacten": "B", "kennis": "D"})
    assert again == first
    assert len(plan.results) == 1
    assert plan.hits == hits + 1
    assert ja.classify(voorbeeld, {"contacten": "D", "kennis": "B"}) != first


@given(data=st.data(), family=_families, slow=st.booleans(), read_first=st.booleans())
def test_warnings_read_the_same_however_the_result_was_made(
    family: ja.Family, data: st.DataObject, slow: bool, read_first: bool
) -> None:
    """warnings come out equal from classify (fast or general path, read before or after
    the evidence), from the data, from the constructor and from attrs.evolve; a result
    stays frozen."""
    rated = data.draw(_complete(family))
    c = _slow(family, rated) if slow else _first_sight(family, rated, remember=False)
    if read_first:
        first = c.warnings
        assert c.evidence  # filling the rest keeps what was read
        assert c.warnings is first
    else:
        assert c.evidence
    back = ja.Classification.from_dict(c.to_dict())
    assert back.warnings == c.warnings == tuple(_warnings(back, "en"))
    made = ja.Classification(
        **{f.name: getattr(c, f.name) for f in attrs.fields(type(c)) if f.init}
    )
    assert made == c
    assert made.warnings == c.warnings
    assert attrs.evolve(c, warnings=("x",)).warnings == ("x",)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        c.warnings = ()  # type: ignore[misc]


def test_the_warnings_field_is_still_a_slot_of_the_class() -> None:
    """attrs and the docs see the field's slot; instances read it through the lazy state."""
    slot = ja.Classification.__dict__["warnings"].slot
    assert ja.Classification.warnings is slot
    assert type(slot).__name__ == "member_descriptor"
    assert attrs.fields(ja.Classification).warnings.default == ()
