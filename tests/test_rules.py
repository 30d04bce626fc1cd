"""Classification rules: the built-ins' definitions and laws, lookup, and third-party plugins."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture import strategies as jst
from jobarchitecture._classify import _rules

RANKS = st.lists(st.integers(0, 5), min_size=1, max_size=9)


def _family(levels: Sequence[str] = ("D", "C", "B"), criteria: int = 3, **kw: Any) -> ja.Family:
    """A family whose criteria have one descriptor per level."""
    return ja.Family(
        code="test",
        name="Test",
        government="Test",
        scale=ja.Scale("Niveau", [ja.Level(c, f"Niveau {c}") for c in levels]),
        purpose=ja.Purpose("doen", "iets te bereiken"),
        criteria=[
            ja.Criterion(
                f"c{i}",
                f"Criterium {i}",
                [ja.Descriptor([c], [f"c{i} op {c}"]) for c in levels],
                weight=kw.get("weights", [1.0] * criteria)[i],
            )
            for i in range(criteria)
        ],
        rule=kw.get("rule"),
    )


@pytest.mark.parametrize(
    ("rule", "ranks", "expected"),
    [
        ("lower_median", [0, 1, 2, 3], 1),
        ("lower_median", [0, 2], 0),
        ("lower_median", [2, 0, 1], 1),
        ("upper_median", [0, 1, 2, 3], 2),
        ("upper_median", [0, 2], 2),
        ("upper_median", [2, 0, 1], 1),
        ("minimum", [2, 0, 1], 0),
        ("maximum", [2, 0, 1], 2),
        ("mode", [0, 2, 2, 1], 2),
        ("mode", [0, 0, 2, 2], 0),
        ("weighted", [0, 1, 2, 3], 1),
    ],
)
def test_builtin_rules_on_examples(rule: str, ranks: list[int], expected: int) -> None:
    """Each built-in rule gives its documented level on small examples (ties included)."""
    assert ja.get_rule(rule)(ranks, [1.0] * len(ranks)) == expected


@given(RANKS)
def test_lower_median_is_the_highest_level_more_than_half_reach(ranks: list[int]) -> None:
    """The lower median is the highest rank that more than half of the ratings reach."""
    result = ja.get_rule("lower_median")(ranks, [1.0] * len(ranks))
    assert 2 * sum(r >= result for r in ranks) > len(ranks)
    assert 2 * sum(r >= result + 1 for r in ranks) <= len(ranks)


@given(RANKS)
def test_upper_median_is_the_highest_level_at_least_half_reach(ranks: list[int]) -> None:
    """The upper median is the highest rank that at least half of the ratings reach."""
    result = ja.get_rule("upper_median")(ranks, [1.0] * len(ranks))
    assert 2 * sum(r >= result for r in ranks) >= len(ranks)
    assert 2 * sum(r >= result + 1 for r in ranks) < len(ranks)


@given(RANKS)
def test_weighted_with_equal_weights_is_the_lower_median(ranks: list[int]) -> None:
    """With all weights equal the weighted rule gives the lower median."""
    weighted, lower = ja.get_rule("weighted"), ja.get_rule("lower_median")
    assert weighted(ranks, [2.5] * len(ranks)) == lower(ranks, [1.0] * len(ranks))


def test_weighted_rule_lets_heavy_criteria_decide() -> None:
    """A criterion with more than half of the weight decides the weighted rule alone."""
    weighted = ja.get_rule("weighted")
    assert weighted([0, 0, 2], [1.0, 1.0, 3.0]) == 2
    assert weighted([0, 0, 2], [1.0, 1.0, 2.0]) == 0  # exactly half: the lower level


def test_weighted_rule_without_weight_counts_every_criterion() -> None:
    """When the rated criteria weigh nothing, the weighted rule falls back to the lower median."""
    assert ja.get_rule("weighted")([2, 0, 1], [0.0, 0.0, 0.0]) == 1


def test_mode_breaks_ties_downwards() -> None:
    """On a tie between the most frequent ratings, the mode takes the lowest."""
    assert ja.get_rule("mode")([2, 2, 0, 0, 1], [1.0] * 5) == 0


def test_mode_is_not_monotone() -> None:
    """Raising one criterion from C to B lowers the mode from C to D: the counterexample."""
    family = _family(criteria=5)
    before = {"c0": "D", "c1": "D", "c2": "C", "c3": "C", "c4": "C"}
    raised = {**before, "c4": "B"}
    assert ja.classify(family, before, "mode").level == "C"
    assert ja.classify(family, raised, "mode").level == "D"
    assert ja.get_rule("mode").monotone is False


@given(rule=jst.rules(monotone=True), ranks=RANKS, data=st.data())
def test_monotone_rules_never_drop_when_a_rank_rises(
    rule: ja.Rule, ranks: list[int], data: st.DataObject
) -> None:
    """For a monotone built-in rule, raising any one rank never lowers the result."""
    weights = data.draw(
        st.lists(st.sampled_from([0.5, 1.0, 2.0]), min_size=len(ranks), max_size=len(ranks))
    )
    i = data.draw(st.integers(0, len(ranks) - 1))
    raised = [*ranks]
    raised[i] = data.draw(st.integers(ranks[i], 6))
    assert rule(raised, weights) >= rule(ranks, weights)


@given(rule=jst.rules(), ranks=RANKS)
def test_every_builtin_gives_one_of_the_ranks(rule: ja.Rule, ranks: list[int]) -> None:
    """Every built-in rule returns one of the ranks it was given."""
    assert rule(ranks, [1.0] * len(ranks)) in ranks


def test_rules_are_found_by_name_in_any_case() -> None:
    """get_rule matches names ignoring case, with '-' or a space for '_'."""
    lower = ja.get_rule("lower_median")
    assert ja.get_rule("Lower-Median") is lower
    assert ja.get_rule(" lower median ") is lower
    assert repr(lower) == "<rule 'lower_median'>"


def test_unknown_rule_lists_the_names_and_the_closest() -> None:
    """An unknown rule name raises UnknownRuleError (a LookupError) with every name and the closest."""
    with pytest.raises(ja.UnknownRuleError) as info:
        ja.get_rule("lower_medain")
    assert isinstance(info.value, LookupError)
    assert info.value.closest == "lower_median"
    assert str(info.value).startswith("unknown rule 'lower_medain' (lower_median, upper_median,")
    assert str(info.value).endswith("did you mean 'lower_median'?")


def test_rule_names_put_the_default_first() -> None:
    """rule_names lists the six built-ins, the default first."""
    names = ja.rule_names()
    assert names[:6] == ("lower_median", "upper_median", "minimum", "maximum", "weighted", "mode")
    assert names[0] == ja.DEFAULT_RULE


def test_the_family_names_its_preferred_rule() -> None:
    """Without a rule argument, classify uses the family's rule, else the lower median."""
    ratings = {"c0": "D", "c1": "B", "c2": "B"}
    assert ja.classify(_family(), {"c0": "D", "c1": "D", "c2": "B"}).rule == "lower_median"
    assert ja.classify(_family(rule="minimum"), ratings).level == "D"
    assert ja.classify(_family(rule="minimum"), ratings, "maximum").level == "B"


def test_an_unknown_family_rule_is_reported_when_classifying() -> None:
    """A family naming an unknown rule fails classify with UnknownRuleError."""
    with pytest.raises(ja.UnknownRuleError, match="unknown rule 'nope'"):
        ja.classify(_family(rule="nope"), {"c0": "D"})


# third-party rules ---------------------------------------------------------


class _Top:
    """A third-party rule: the second highest rank."""

    name = "second_highest"
    monotone = True

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        s = sorted(ranks)
        return s[-2] if len(s) > 1 else s[0]


class _Dist:
    name = "plugin-dist"
    version = "1.0"


class _EntryPoint:
    def __init__(self, name: str, obj: Any, value: str = "plugin:rule") -> None:
        self.name = name
        self.value = value
        self.dist = _Dist()
        self._obj = obj

    def load(self) -> Any:
        if isinstance(self._obj, Exception):
            raise self._obj
        return self._obj


@pytest.fixture
def plugins(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Install fake entry points as the rule plugins for one test."""

    def install(*eps: _EntryPoint) -> None:
        monkeypatch.setattr(_rules, "_plugins", _rules._RuleSet(entry_points=eps))

    return install


def test_a_plugin_rule_is_found_and_used(plugins: Any) -> None:
    """A rule class from the entry-point group is instantiated once and used by name."""
    plugins(_EntryPoint("second_highest", _Top))
    assert "second_highest" in ja.rule_names()
    rule = ja.get_rule("second_highest")
    assert ja.get_rule("second_highest") is rule
    result = ja.classify(_family(), {"c0": "D", "c1": "C", "c2": "B"}, "second_highest")
    assert (result.level, result.rule) == ("C", "second_highest")


def test_a_rule_object_can_be_passed_directly() -> None:
    """classify accepts any object with name, monotone and __call__, registered or not."""
    result = ja.classify(_family(), {"c0": "D", "c1": "C", "c2": "B"}, _Top())
    assert (result.level, result.rule) == ("C", "second_highest")
    # Raising D or C to B makes B the second highest; C is one step away, D two (found by search).
    assert result.to_reach("B") == (ja.Change("c1", "C", "B"),)


def test_something_that_is_not_a_rule_is_a_type_error() -> None:
    """Passing a non-rule object as the rule raises TypeError naming what is expected."""
    with pytest.raises(TypeError, match="'rule' must be a rule name or an object with"):
        ja.classify(_family(), {"c0": "D"}, 42)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("obj", "reason"),
    [
        (ImportError("no module named 'x'"), "cannot load: ImportError: no module named 'x'"),
        (object(), "expected an object with a str 'name', a bool 'monotone'"),
        (
            type("Other", (_Top,), {"name": "other"}),
            "the entry point is named 'second_highest' but the rule calls itself 'other'",
        ),
    ],
)
def test_a_broken_plugin_rule_says_why(plugins: Any, obj: Any, reason: str) -> None:
    """A plugin rule that cannot load, is no rule or misnames itself raises RuleError with the reason."""
    plugins(_EntryPoint("second_highest", obj))
    with pytest.raises(ja.RuleError) as info:
        ja.get_rule("second_highest")
    assert reason in str(info.value)
    assert isinstance(info.value, RuntimeError)


def test_two_plugins_claiming_one_rule_name_are_refused(plugins: Any) -> None:
    """Two entry points with one rule name raise RuleError naming both, never a silent pick."""
    plugins(_EntryPoint("second_highest", _Top, "a:r"), _EntryPoint("second_highest", _Top, "b:r"))
    with pytest.raises(ja.RuleError, match="2 plugins claim this name") as info:
        ja.get_rule("second_highest")
    assert "a:r" in str(info.value)
    assert "b:r" in str(info.value)


def test_a_plugin_cannot_replace_a_builtin_rule(
    plugins: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """A plugin named like a built-in rule is ignored, with a logged reason."""
    plugins(_EntryPoint("minimum", _Top))
    with caplog.at_level(logging.WARNING, logger="jobarchitecture"):
        assert ja.rule_names().count("minimum") == 1
    assert ja.get_rule("minimum") is _rules.BUILTINS["minimum"]
    assert "rule 'minimum' from plugin-dist 1.0 (minimum = plugin:rule) ignored" in caplog.text


def test_a_rule_returning_a_non_rank_is_reported() -> None:
    """A third-party rule returning something other than a level rank raises RuleError."""

    class Bad(_Top):
        name = "bad"

        def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
            return 7

    with pytest.raises(
        ja.RuleError,
        match=r"rule 'bad' from tests\.test_rules\..*Bad is broken: "
        r"returned 7, expected a level rank from 0 to 2",
    ):
        ja.classify(_family(), {"c0": "D"}, Bad())


def test_plugin_entry_points_are_read_once_and_lazily(monkeypatch: pytest.MonkeyPatch) -> None:
    """Built-in names never read entry points; the first unknown name reads them once."""
    calls: list[str] = []

    def fake_entry_points(group: str) -> list[_EntryPoint]:
        calls.append(group)
        return [_EntryPoint("second_highest", _Top)]

    monkeypatch.setattr("jobarchitecture._entrypoints.entry_points", fake_entry_points)
    monkeypatch.setattr(_rules, "_plugins", _rules._RuleSet())
    ja.get_rule("lower_median")
    assert calls == []
    ja.get_rule("second_highest")
    ja.get_rule("second_highest")
    ja.rule_names()
    assert calls == ["jobarchitecture.rules"]


def test_a_non_monotone_rule_can_invert_a_span_and_says_so() -> None:
    """When the mode gives the upper ends a lower level than the lower ends, the span is ordered and a warning explains."""
    family = _family(criteria=5)
    ratings = {"c0": "D", "c1": "D", "c2": "C", "c3": "C", "c4": "C..B"}
    result = ja.classify(family, ratings, "mode")
    assert (result.level, result.level_span) == ("C", ("D", "C"))
    assert (
        "rule 'mode' is not monotone here: the lower ends of the ratings give C, the upper ends D"
        in result.warnings
    )
    assert "regel 'mode' is hier niet monotoon" in result.explain("nl")
