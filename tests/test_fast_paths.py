"""Fast paths give exactly what the slow ones give: the classification index, warnings, discovery."""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture._classify import _engine
from jobarchitecture._classify._result import _warnings
from jobarchitecture.strategies import families, ratings, rules

_rated_families = families(min_criteria=1, max_criteria=8, max_levels=7)


@given(family=families(max_levels=8), data=st.data())
def test_index_rows_are_what_criterion_at_says(family: ja.Family, data: st.DataObject) -> None:
    """The index holds, for each criterion and level, the descriptor Criterion.at gives there."""
    # Descriptors that overlap or leave gaps (an invalid family) are indexed the same way.
    codes = family.scale.codes
    shuffled = []
    for c in family.criteria:
        descriptors = list(data.draw(st.permutations(c.descriptors)))
        for _ in range(data.draw(st.integers(0, 2))):
            extra = ja.Descriptor(data.draw(st.lists(st.sampled_from(codes), max_size=3)), ["x"])
            descriptors.insert(data.draw(st.integers(0, len(descriptors))), extra)
        if descriptors and data.draw(st.booleans()):
            descriptors.pop(data.draw(st.integers(0, len(descriptors) - 1)))  # leave a gap
        shuffled.append(attrs.evolve(c, descriptors=descriptors))
    family = attrs.evolve(family, criteria=shuffled)
    plan = _engine._Plan(family)
    for criterion, row in zip(family.criteria, plan.table, strict=True):
        for level, (descriptor, text, rg) in zip(family.scale, row, strict=True):
            expected = criterion.at(level)
            assert descriptor is expected
            assert text == ("" if expected is None else expected.text("nl"))
            assert rg == (expected is not None and expected.result_area)


@given(data=st.data(), family=_rated_families)
def test_warnings_alone_equal_warnings_from_the_evidence(
    family: ja.Family, data: st.DataObject
) -> None:
    """Reading only .warnings gives the warnings the full result's evidence gives."""
    rated: dict[str, Any] = data.draw(ratings(family))
    rule = data.draw(rules())
    alone = ja.classify(family, rated, rule).warnings
    full = ja.classify(family, rated, rule)
    full.evidence  # noqa: B018 (fills every field the slow way)
    assert alone == full.warnings
    assert list(alone) == _warnings(full, "en")
    back = ja.Classification.from_dict(full.to_dict())
    assert list(alone) == _warnings(back, "en")
    assert _warnings(back, "nl") == _warnings(full, "nl")
