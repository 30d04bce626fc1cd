"""The laws of classification, checked with the public property-testing kit on generated families."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture import strategies as jst


@st.composite
def rated(
    draw: st.DrawFn, *, complete: bool = False, spans: bool = True, **family: Any
) -> tuple[ja.Family, dict[str, Any]]:
    """A generated family and ratings for it."""
    f = draw(jst.families(**family))
    return f, draw(jst.ratings(f, complete=complete, spans=spans))


def _rank(family: ja.Family, code: str) -> int:
    return family.scale.rank(code)


@given(jst.families(), jst.rules(), st.data())
def test_unanimity(family: ja.Family, rule: ja.Rule, data: st.DataObject) -> None:
    """When every rated criterion is at level L, every built-in rule gives L."""
    level = data.draw(jst.levels(family.scale)).code
    ratings = data.draw(jst.ratings(family, spans=False))
    result = ja.classify(family, dict.fromkeys(ratings, level), rule)
    assert result.level == level
    assert result.agreement == 1.0


@given(rated(), jst.rules())
def test_the_result_lies_within_the_spread(pair: tuple[ja.Family, Any], rule: ja.Rule) -> None:
    """Every built-in rule's result, and both ends of a span result, lie within the spread."""
    family, ratings = pair
    result = ja.classify(family, ratings, rule)
    low, high = (_rank(family, x) for x in result.spread)
    assert low <= _rank(family, result.level) <= high
    for end in result.level_span or ():
        assert low <= _rank(family, end) <= high
    assert 0 < result.agreement <= 1


@given(rated(), jst.rules(monotone=True), st.data())
def test_monotone_rules_never_drop_when_a_rating_rises(
    pair: tuple[ja.Family, Any], rule: ja.Rule, data: st.DataObject
) -> None:
    """Raising one criterion's rating never lowers a monotone rule's result (nor a span's ends)."""
    family, ratings = pair
    before = ja.classify(family, ratings, rule)
    criterion = data.draw(st.sampled_from(sorted(ratings)))
    evidence = next(e for e in before.evidence if e.criterion == criterion)
    top = len(family.scale) - 1
    low = data.draw(st.integers(_rank(family, evidence.low), top))
    high = data.draw(st.integers(max(low, _rank(family, evidence.high)), top))
    codes = family.scale.codes
    after = ja.classify(family, {**ratings, criterion: (codes[low], codes[high])}, rule)
    assert _rank(family, after.level) >= _rank(family, before.level)
    if before.level_span and after.level_span:
        assert _rank(family, after.level_span[1]) >= _rank(family, before.level_span[1])


@given(rated(), jst.rules(), st.randoms(use_true_random=False))
def test_the_order_of_the_ratings_does_not_matter(
    pair: tuple[ja.Family, Any], rule: ja.Rule, random: Any
) -> None:
    """Reordering the ratings gives an equal classification, evidence and warnings included."""
    family, ratings = pair
    items = list(ratings.items())
    random.shuffle(items)
    assert ja.classify(family, dict(items), rule) == ja.classify(family, ratings, rule)


@given(rated(), jst.rules())
def test_classification_is_deterministic(pair: tuple[ja.Family, Any], rule: ja.Rule) -> None:
    """Classifying again, or with an equal copy of the family, gives an equal result."""
    family, ratings = pair
    first = ja.classify(family, ratings, rule)
    copy = ja.family_from_data(json.loads(ja.dumps_family(family)))
    assert copy is not family
    assert ja.classify(family, ratings, rule) == first
    assert ja.classify(copy, ratings, rule) == first
    assert hash(ja.classify(copy, ratings, rule)) == hash(first)


@given(jst.classifications())
def test_json_round_trip(result: ja.Classification) -> None:
    """A classification read back from its JSON equals the original."""
    text = json.dumps(result.to_dict(), ensure_ascii=False)
    assert ja.Classification.from_dict(json.loads(text)) == result


@given(jst.families(), st.data())
def test_spellings_of_levels_do_not_change_the_result(
    family: ja.Family, data: st.DataObject
) -> None:
    """Ratings by name or alias in any case, or as spans in any form, classify like level codes."""
    ratings = data.draw(jst.ratings(family, spellings=True))
    result = ja.classify(family, ratings)
    assert ja.classify(family, result.ratings()) == result


@given(jst.families(), st.data())
def test_classify_many_agrees_with_classify(family: ja.Family, data: st.DataObject) -> None:
    """classify_many gives, row by row, what classify gives."""
    rows = data.draw(st.lists(jst.ratings(family), max_size=5))
    assert list(ja.classify_many(family, rows)) == [ja.classify(family, r) for r in rows]


def _reaches(result: ja.Classification, target: str) -> bool:
    return result.level == target and result.level_span in (None, (target, target))


def _half_steps(rating: Any, level: int, family: ja.Family) -> int:
    """Twice the level steps of setting *rating* to *level*, as to_reach defines them."""
    if rating is None:
        return 2
    low, high = (rating, rating) if isinstance(rating, str) else rating
    return abs(_rank(family, low) - level) + abs(_rank(family, high) - level)


def _brute_force(
    family: ja.Family, ratings: dict[str, Any], rule: ja.Rule, target: str
) -> tuple[Any, ...]:
    """The smallest change reaching *target* by the documented order, trying every change."""
    codes = [c.code for c in family.criteria]
    levels = family.scale.codes
    t = _rank(family, target)
    best: tuple[Any, ...] | None = None
    for combo in itertools.product([None, *range(len(levels))], repeat=len(codes)):
        changed = {i: v for i, v in enumerate(combo) if v is not None}
        if any(
            ratings.get(codes[i]) in (levels[v], (levels[v], levels[v])) for i, v in changed.items()
        ):
            continue  # setting a rating to itself is no change
        new = {**ratings, **{codes[i]: levels[v] for i, v in changed.items()}}
        if not _reaches(ja.classify(family, new, rule), target):
            continue
        order = sorted(changed)
        key = (
            sum(_half_steps(ratings.get(codes[i]), changed[i], family) for i in order),
            len(order),
            tuple(order),
            tuple(abs(changed[i] - t) for i in order),
            tuple(changed[i] for i in order),
        )
        best = key if best is None or key < best else best
    assert best is not None, "every target is reachable by rating everything at it"
    return best


@settings(deadline=None)
@given(rated(max_levels=3, max_criteria=4), jst.rules(), st.data())
def test_to_reach_is_the_smallest_change(
    pair: tuple[ja.Family, Any], rule: ja.Rule, data: st.DataObject
) -> None:
    """to_reach gives the smallest change by its definition: steps, then count, then order."""
    family, ratings = pair
    target = data.draw(jst.levels(family.scale)).code
    changes = ja.classify(family, ratings, rule).to_reach(target)
    changed = {**ratings, **{c.criterion: c.to_level for c in changes}}
    assert _reaches(ja.classify(family, changed, rule), target)
    codes = [c.code for c in family.criteria]
    order = tuple(codes.index(c.criterion) for c in changes)
    levels = tuple(_rank(family, c.to_level) for c in changes)
    best = _brute_force(family, ratings, rule, target)
    assert (best[1], best[2], best[4]) == (len(changes), order, levels)
    assert best[0] == sum(
        _half_steps(ratings.get(c.criterion), _rank(family, c.to_level), family) for c in changes
    )


# What each warning's English wording begins with, per code.
_WARNING_OPENINGS = {
    "apart": ("criteria are more than one level apart", "is rated from"),
    "span": ("ratings given as a span",),
    "span_same": ("ratings given as a span",),
    "inverted": ("rule ",),
    "unrated": ("of ",),
}


@settings(max_examples=200, deadline=None)
@given(jst.classifications())
def test_warning_codes_name_the_warnings_one_by_one_in_their_order(
    result: ja.Classification,
) -> None:
    """warning_codes, decided without wording the warnings, has one code per warning,
    in the warnings' order, the code of what each one says; also after a JSON round trip."""
    codes, warnings = result.warning_codes, result.warnings
    assert len(codes) == len(warnings)
    for code, text in zip(codes, warnings, strict=True):
        assert any(o in text for o in _WARNING_OPENINGS[code]), (code, text)
    if "span_same" in codes:
        assert "either way" in warnings[codes.index("span_same")]
    back = ja.Classification.from_dict(json.loads(json.dumps(result.to_dict())))
    assert back.warning_codes == codes


@given(jst.classifications(), st.data())
def test_data_that_contradicts_itself_is_refused_at_its_path(
    result: ja.Classification, data: st.DataObject
) -> None:
    """A level that is not in the scale, wherever the data names one, is a problem at
    that path: a result read back is one whose warnings and words can be computed."""
    d = result.to_dict()
    places = [("$.level", d, "level")]
    places += [
        (f"$.evidence[{i}].{end}", e, end)
        for i, e in enumerate(d["evidence"])
        for end in ("low", "high")
    ]
    path, table, key = data.draw(st.sampled_from(places))
    table[key] = "not-a-level " + "".join(d["scale"])
    with pytest.raises(ja.ClassificationError) as info:
        ja.Classification.from_dict(d)
    assert path in [p.path for p in info.value.problems]


@given(jst.classifications())
def test_a_result_read_back_answers_every_question(result: ja.Classification) -> None:
    """What from_dict accepts, its warnings, words and data can be given for (no KeyError later)."""
    back = ja.Classification.from_dict(json.loads(json.dumps(result.to_dict())))
    assert back.warning_codes == result.warning_codes
    assert back.explain("en")
    assert back.to_dict("fr")
