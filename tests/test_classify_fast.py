"""classify()'s fast paths (exact codes, remembered results, lazy fields) give exactly what the slow path gives."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture._classify import _engine
from jobarchitecture._classify._result import _warnings
from jobarchitecture.strategies import families, ratings, rules

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "voorbeeld.toml"

_rated_families = families(min_criteria=1, max_criteria=7, max_levels=6)


def _slow(
    family: ja.Family, rated: dict[str, Any], rule: ja.Rule | None = None
) -> ja.Classification:
    """The result of the general path, which resolves every key and value by name."""
    plan = _engine._plan(family)
    chosen = plan.default_rule() if rule is None else rule
    return _engine._run_slow(plan, rated, chosen, False, None)


def _forget(family: ja.Family) -> None:
    """Drop the remembered results and warnings of *family*'s index."""
    plan = _engine._plan(family)
    plan.results.clear()
    plan.warned.clear()


def _same(a: ja.Classification, b: ja.Classification) -> None:
    """*a* and *b* agree in every field, in data, in words and when pickled."""
    assert a == b
    assert repr(a) == repr(b)
    assert a.to_dict() == b.to_dict()
    assert a.warnings == b.warnings
    # Worded again from the fields alone, past every remembered pattern.
    assert list(a.warnings) == _warnings(ja.Classification.from_dict(b.to_dict()), "en")
    assert a.explain("en") == b.explain("en")
    assert pickle.loads(pickle.dumps(a)) == b


@st.composite
def _spelled(draw: st.DrawFn, family: ja.Family, rated: dict[str, Any]) -> dict[str, Any]:
    """The same ratings with each criterion named by code or name in any case."""
    out: dict[str, Any] = {}
    by_code = {c.code: c for c in family.criteria}
    for code, value in rated.items():
        crit = by_code[code]
        spellings = [code, code.upper(), code.casefold(), crit.name.nl, crit.name.nl.upper()]
        key = draw(st.sampled_from(spellings))
        if key in out:  # a name that another criterion already took as its key
            key = code
        out[key] = value
    return out


@given(data=st.data(), family=_rated_families)
def test_any_spelling_classifies_as_the_exact_codes(family: ja.Family, data: st.DataObject) -> None:
    """Ratings spelled any way the resolver accepts give the result of the exact codes."""
    spelled: dict[str, Any] = data.draw(ratings(family, spans=False, spellings=True))
    spelled = data.draw(_spelled(family, spelled))
    rule = data.draw(st.none() | rules())
    try:
        slow = ja.classify(family, spelled, rule)
    except ja.RatingError:
        return  # two spellings fold to one criterion: refused, as before
    exact = {e.criterion: e.low for e in slow.evidence}
    _forget(family)
    fast = ja.classify(family, exact, rule)
    _same(fast, slow)
    _same(ja.classify(family, exact, rule), slow)  # remembered this time


@given(data=st.data(), family=_rated_families)
def test_fast_and_remembered_results_equal_the_general_path(
    family: ja.Family, data: st.DataObject
) -> None:
    """A first, a remembered and a general-path result of the same ratings are equal in every way."""
    rated: dict[str, Any] = data.draw(ratings(family, spans=False))
    _forget(family)
    first = ja.classify(family, rated)
    again = ja.classify(family, rated)
    slow = _slow(family, rated)
    # The head fields are read first here: the fast path fills them on demand.
    assert (first.family, first.level_span, first.rule) == (slow.family, None, slow.rule)
    _same(first, slow)
    _same(again, slow)


@given(data=st.data(), family=_rated_families)
def test_warnings_read_first_equal_the_general_path(family: ja.Family, data: st.DataObject) -> None:
    """Reading .warnings before anything else gives the warnings and fields of the general path."""
    # Several rating sets in a row, so that remembered warnings meet other patterns.
    complete = data.draw(st.booleans())
    many: list[dict[str, Any]] = data.draw(
        st.lists(ratings(family, complete=complete), min_size=1, max_size=4)
    )
    if complete:  # the same criteria in the same order: only the levels differ
        many = [{c.code: rated[c.code] for c in family.criteria} for rated in many]
    rule = data.draw(st.none() | rules())
    _forget(family)
    for rated in many:
        result = ja.classify(family, rated, rule)
        slow = _slow(family, rated, rule)
        assert result.warnings == slow.warnings
        assert (result.family, result.level, result.level_span, result.rule) == (
            slow.family,
            slow.level,
            slow.level_span,
            slow.rule,
        )
        _same(result, slow)


@pytest.fixture
def voorbeeld() -> ja.Family:
    """The example family: D < C < B (C also 'Waarde 2'), criteria kennis and contacten."""
    return ja.load_family(EXAMPLE)


def test_a_remembered_result_still_refuses_incomplete_ratings(voorbeeld: ja.Family) -> None:
    """complete=True refuses a rating pattern seen before without it, with the same message."""
    rated = {"kennis": "C"}
    ja.classify(voorbeeld, rated)
    ja.classify(voorbeeld, rated)
    with pytest.raises(ja.RatingError, match=r"incomplete \(complete=True\): not rated: contacten"):
        ja.classify(voorbeeld, rated, complete=True)
    _forget(voorbeeld)
    with pytest.raises(ja.RatingError, match=r"incomplete \(complete=True\): not rated: contacten"):
        ja.classify(voorbeeld, {"kennis": "C", "contacten": None}, complete=True)


def test_changing_the_ratings_afterwards_changes_no_result(voorbeeld: ja.Family) -> None:
    """A result, remembered or not, keeps the ratings it was given, whatever happens to the dict."""
    rated = {"kennis": "D", "contacten": "B"}
    first = ja.classify(voorbeeld, rated)
    rated["kennis"] = "B"
    assert ja.classify(voorbeeld, rated).level == "B"
    assert first.ratings() == {"kennis": "D", "contacten": "B"}
    assert ja.classify(voorbeeld, {"kennis": "D", "contacten": "B"}) == first


def test_errors_after_a_remembered_pattern_are_unchanged(voorbeeld: ja.Family) -> None:
    """Unknown levels and criteria, and unhashable values, fail as before once patterns are remembered."""
    ja.classify(voorbeeld, {"kennis": "C", "contacten": "B"})
    with pytest.raises(ja.UnknownLevelError, match="'E'"):
        ja.classify(voorbeeld, {"kennis": "C", "contacten": "E"})
    with pytest.raises(ja.UnknownCriterionError, match="'kenis'"):
        ja.classify(voorbeeld, {"kenis": "C", "contacten": "B"})
    span = ja.classify(voorbeeld, {"kennis": ["C", "B"], "contacten": "B"})
    assert span.level_span == ("C", "B")


def test_remembered_results_are_bounded(
    voorbeeld: ja.Family, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The remembered results of a family never exceed their bound, however many patterns come."""
    monkeypatch.setattr(_engine, "_RESULTS_MAX", 3)
    plan = _engine._plan(voorbeeld)
    monkeypatch.setattr(plan, "remember", True)  # restored after: other tests remember
    codes = voorbeeld.scale.codes
    for a in codes:
        for b in codes:
            result = ja.classify(voorbeeld, {"kennis": a, "contacten": b})
            assert len(plan.results) <= 3
            assert result == _slow(voorbeeld, {"kennis": a, "contacten": b})


def test_patterns_that_never_repeat_are_no_longer_remembered(
    voorbeeld: ja.Family, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full round of patterns without repeats stops remembering; repeats keep it; results stay the same."""
    monkeypatch.setattr(_engine, "_RESULTS_MAX", 3)
    plan = _engine._plan(voorbeeld)
    monkeypatch.setattr(plan, "remember", True)
    monkeypatch.setattr(plan, "hits", 0)
    plan.results.clear()
    codes = voorbeeld.scale.codes
    repeated = {"kennis": codes[0], "contacten": codes[0]}
    for _ in range(3):
        for b in codes[:3]:
            ja.classify(voorbeeld, {"kennis": codes[0], "contacten": b})
    ja.classify(voorbeeld, {"kennis": codes[1], "contacten": codes[0]})  # a full round ends
    assert plan.remember  # each pattern came back: worth remembering
    assert len(plan.results) == 1
    distinct = [{"kennis": a, "contacten": b} for a in codes for b in codes]
    plan.results.clear()
    plan.hits = 0
    for rated in distinct:
        assert ja.classify(voorbeeld, rated) == _slow(voorbeeld, rated)
    assert not plan.remember
    assert not plan.results
    for rated in [*distinct, repeated]:
        assert ja.classify(voorbeeld, rated) == _slow(voorbeeld, rated)
    with pytest.raises(ja.RatingError):
        ja.classify(voorbeeld, {"kennis": codes[0]}, complete=True)
    assert not plan.results


@given(data=st.data(), family=_rated_families)
def test_batches_give_the_general_path_results(family: ja.Family, data: st.DataObject) -> None:
    """classify_many's results, fields read in any order, equal the general path's."""
    many: list[dict[str, Any]] = data.draw(st.lists(ratings(family), min_size=1, max_size=3))
    rule = data.draw(st.none() | rules())
    first = data.draw(st.sampled_from(["family", "level_span", "rule", "warnings", "evidence"]))
    for rated, result in zip(many, ja.classify_many(family, many, rule), strict=True):
        assert isinstance(result, ja.Classification)
        slow = _slow(family, rated, rule)
        assert getattr(result, first) == getattr(slow, first)
        _same(result, slow)
