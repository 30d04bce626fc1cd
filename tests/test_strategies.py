"""The public property-testing kit: valid, varied families; ratings; rules; from_type without set-up."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import jobarchitecture as ja
from jobarchitecture import strategies as jst

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "voorbeeld.toml"


def test_all_matches_public_names() -> None:
    """strategies.__all__ lists exactly its public strategy functions."""
    public = {
        n
        for n, v in vars(jst).items()
        if not n.startswith("_") and callable(v) and getattr(v, "__module__", "") == jst.__name__
    }
    assert set(jst.__all__) == public
    assert list(jst.__all__) == sorted(jst.__all__)


@settings(max_examples=200)
@given(jst.families())
def test_generated_families_are_valid(family: ja.Family) -> None:
    """Every generated family passes validate() without a problem."""
    assert ja.validate(family) == []


@pytest.mark.parametrize(
    "strategy",
    [
        jst.families(min_levels=1, max_levels=1, min_criteria=0, max_criteria=0),
        jst.families(min_levels=8, max_levels=10, min_criteria=10, max_criteria=12, weights=False),
        st.from_type(ja.Family),
    ],
    ids=["smallest", "largest", "from_type"],
)
def test_families_at_the_bounds_are_valid_and_round_trip(
    strategy: st.SearchStrategy[ja.Family],
) -> None:
    """Families at the strategies' bounds, and st.from_type(Family), validate and survive a
    TOML round trip."""

    @settings(max_examples=50, deadline=None)
    @given(strategy)
    def check(family: ja.Family) -> None:
        assert ja.validate(family) == []
        assert ja.loads_family(ja.dumps_family(family)) == family

    check()


def _descriptors(f: ja.Family) -> list[ja.Descriptor]:
    return [d for c in f.criteria for d in c.descriptors]


FEATURES: dict[str, Callable[[ja.Family], bool]] = {
    "a descriptor spanning several levels": lambda f: any(
        len(d.levels) > 1 for d in _descriptors(f)
    ),
    "an EN descriptor": lambda f: any(
        d.join is ja.Join.ALL and len(d.clauses) > 1 for d in _descriptors(f)
    ),
    "an OF descriptor": lambda f: any(
        d.join is ja.Join.ANY and len(d.clauses) > 1 for d in _descriptors(f)
    ),
    "an (RG) clause": lambda f: any(d.result_area for d in _descriptors(f)),
    "an inferred span": lambda f: any(d.inferred for d in _descriptors(f)),
    "a level alias": lambda f: any(lvl.aliases for lvl in f.scale),
    "function classes": lambda f: any(lvl.classes for lvl in f.scale),
    "French text": lambda f: f.name.fr is not None,
    "English text": lambda f: f.name.en is not None,
    "a core competency": lambda f: any(e.core for p in f.profiles for e in p.entries),
    "a behavioural level": lambda f: any(
        e.behavioural_level is not None for p in f.profiles for e in p.entries
    ),
    "a requirement not at every level": lambda f: any(
        sum(len(d.levels) for d in r.descriptors) < len(f.scale) for r in f.requirements
    ),
    "a weight other than 1": lambda f: any(c.weight != 1 for c in f.criteria),
    "a preferred rule": lambda f: f.rule is not None,
    "two roles": lambda f: len(f.profiles) == 2,
}


# Generate only (no shrinking, fixed seed): we ask what turns up, not for a minimal case.
SURVEY = settings(
    max_examples=300, database=None, derandomize=True, phases=[Phase.generate], deadline=None
)


def _survey(
    strategy: st.SearchStrategy[Any], features: dict[str, Callable[[Any], bool]]
) -> set[str]:
    """The features that turn up in a few hundred examples of *strategy*."""
    seen: set[str] = set()

    @SURVEY
    @given(strategy)
    def collect(value: Any) -> None:
        seen.update(name for name, has in features.items() if has(value))

    collect()
    return seen


def test_generated_families_exercise_what_real_families_have() -> None:
    """The family strategy produces every feature real families have."""
    assert set(FEATURES) - _survey(jst.families(), FEATURES) == set()


@given(jst.families(), st.data())
def test_ratings_rate_known_criteria_with_known_levels(
    family: ja.Family, data: st.DataObject
) -> None:
    """Ratings name the family's criteria and levels; complete ones rate all; no spans when spans=False."""
    codes = set(family.scale.codes)
    partial = data.draw(jst.ratings(family, spans=False))
    assert partial
    assert set(partial) <= {c.code for c in family.criteria}
    assert set(partial.values()) <= codes
    complete = data.draw(jst.ratings(family, complete=True))
    assert set(complete) == {c.code for c in family.criteria}
    for value in complete.values():
        assert (value in codes) or (isinstance(value, tuple) and set(value) <= codes)


def test_ratings_include_spans_and_spellings() -> None:
    """The ratings strategy produces spans, and with spellings=True names, aliases and Rating objects."""
    family = ja.load_family(EXAMPLE)
    spans = {"a span": lambda r: any(isinstance(v, tuple) for v in r.values())}
    assert _survey(jst.ratings(family), spans) == set(spans)
    spellings: dict[str, Callable[[Any], bool]] = {
        "an alias in capitals": lambda r: "WAARDE 2" in r.values(),
        "a name": lambda r: any(isinstance(v, str) and "niveau" in v.lower() for v in r.values()),
        "a dotted span": lambda r: any(isinstance(v, str) and ".." in v for v in r.values()),
        "a Rating": lambda r: any(isinstance(v, ja.Rating) for v in r.values()),
        "a Level": lambda r: any(isinstance(v, ja.Level) for v in r.values()),
        "a list": lambda r: any(isinstance(v, list) for v in r.values()),
    }
    assert _survey(jst.ratings(family, spellings=True), spellings) == set(spellings)


def test_rules_can_be_limited_to_monotone_ones() -> None:
    """rules(monotone=True) never gives the mode; rules(monotone=False) gives only it."""
    no_db = settings(database=None)
    assert find(jst.rules(monotone=False), lambda r: True, settings=no_db).name == "mode"
    with pytest.raises(Exception, match="No examples found"):
        find(jst.rules(monotone=True), lambda r: r.name == "mode", settings=no_db)


@given(jst.scales(min_levels=2, max_levels=4), st.data())
def test_scales_and_levels(scale: ja.Scale, data: st.DataObject) -> None:
    """Scales respect their bounds, and levels() draws a level of the scale."""
    assert 2 <= len(scale) <= 4
    assert data.draw(jst.levels(scale)) in scale.levels


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: jst.scales(min_levels=3, max_levels=2), "Cannot have max_levels=2 < min_levels=3"),
        (lambda: jst.scales(min_levels=0), "Cannot have min_levels=0 < 1"),
        (lambda: jst.families(max_criteria=-1), "Cannot have max_criteria=-1 < min_criteria=1"),
    ],
)
def test_bad_arguments_fail_at_the_call(make: Callable[[], Any], message: str) -> None:
    """Out-of-range bounds raise InvalidArgument when the strategy is made, not when drawn."""
    with pytest.raises(InvalidArgument, match=message):
        make()


def test_a_family_without_criteria_cannot_be_rated() -> None:
    """ratings() of a family without criteria raises InvalidArgument."""
    family = find(jst.families(min_criteria=0, max_criteria=0), lambda f: True)
    with pytest.raises(InvalidArgument, match="it has no criteria"):
        jst.ratings(family)


@pytest.mark.parametrize(
    "cls", [ja.Family, ja.Scale, ja.Level, ja.Text, ja.Rule, ja.Classification, ja.JobProfile]
)
def test_from_type_works_without_set_up(cls: type) -> None:
    """st.from_type draws the library's types with no registration by the user."""

    @settings(max_examples=10, database=None)
    @given(st.from_type(cls))
    def check(value: Any) -> None:
        if cls is ja.Rule:
            assert value.name in ja.rule_names()
        else:
            assert isinstance(value, cls)

    check()


def test_the_hypothesis_hook_imports_the_kit_only_when_asked() -> None:
    """Importing hypothesis registers the types but imports jobarchitecture.strategies only on first use."""
    code = (
        "import sys, warnings; warnings.simplefilter('error'); "
        "import hypothesis; from hypothesis import strategies as st; "
        "before = 'jobarchitecture.strategies' in sys.modules; "
        "import jobarchitecture as ja; "
        "st.from_type(ja.Family).validate(); "
        "print(before, 'jobarchitecture.strategies' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
