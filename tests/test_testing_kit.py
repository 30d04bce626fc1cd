"""The law checks of jobarchitecture.testing, as a rule author calls them on a rule."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Sequence
from typing import Any

import hypothesis
import pytest

import jobarchitecture as ja
from jobarchitecture import testing as jt
from jobarchitecture._classify import _rules

#: The default number of examples, stated so that a test profile cannot raise it.
DEFAULT = hypothesis.settings(max_examples=100, database=None)


class _Rule:
    name = "own"
    monotone = False

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        raise NotImplementedError


class First(_Rule):
    """The first rating: depends on the order."""

    name = "first"

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        return ranks[0]


class AboveTheTop(_Rule):
    """One more than the highest rating: out of bounds and not unanimous."""

    name = "above"
    monotone = True

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        return max(ranks) + 1


class ClaimsMonotone(_Rule):
    """The mode, wrongly declaring itself monotone."""

    name = "claims_monotone"
    monotone = True
    laws = ("monotone",)

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        return _rules.BUILTINS["mode"](ranks, weights)


@pytest.mark.parametrize("seed", range(6))
def test_monotone_finds_the_modes_counterexample_within_100_examples(seed: int) -> None:
    """monotone() finds that the mode is not monotone within 100 examples, whatever the seed."""
    check = hypothesis.seed(seed)(jt.monotone("mode", settings=DEFAULT))
    with pytest.raises(AssertionError, match="rule 'mode' is not monotone"):
        check()


def test_monotone_finds_the_modes_counterexample_derandomized() -> None:
    """monotone() finds the mode's counterexample with derandomize, as a CI profile runs it."""
    check = jt.monotone("mode", settings=hypothesis.settings(DEFAULT, derandomize=True))
    with pytest.raises(AssertionError, match="rule 'mode' is not monotone"):
        check()


@pytest.mark.parametrize("rule", list(_rules.BUILTINS))
def test_every_builtin_rule_passes_the_checks_of_the_laws_it_declares(rule: str) -> None:
    """declared_laws() passes for each built-in rule (mode declares no monotonicity)."""
    jt.declared_laws(rule, settings=DEFAULT)()


@pytest.mark.parametrize(
    ("check", "rule", "message"),
    [
        (jt.order_invariant, First(), "rule 'first' depends on the order"),
        (jt.bounded, AboveTheTop(), "rule 'above' gives .* outside"),
        (jt.unanimity, AboveTheTop(), "rule 'above' gives"),
        (jt.declared_laws, ClaimsMonotone(), "rule 'claims_monotone' is not monotone"),
    ],
)
def test_a_check_fails_for_a_rule_that_breaks_its_law(
    check: jt.Test, rule: ja.Rule, message: str
) -> None:
    """Each check fails, naming the rule and the law, for a rule that breaks the law."""
    with pytest.raises(AssertionError, match=message):
        check(rule, settings=DEFAULT)()  # type: ignore[call-arg]


def test_a_check_is_a_named_test_pytest_collects() -> None:
    """A check returns a test function named after the rule and the law, with a docstring."""
    test = jt.monotone("minimum")
    assert test.__name__ == "test_minimum_is_monotone"
    assert test.__doc__


def test_a_failing_check_reports_its_case_under_its_own_name() -> None:
    """hypothesis's failing case names the check's test (the rule and the law), also
    when declared_laws() runs it among others: not an anonymous "test(...)"."""
    with pytest.raises(AssertionError) as info:
        jt.declared_laws(ClaimsMonotone(), settings=DEFAULT)()
    notes = "\n".join(getattr(info.value, "__notes__", []))
    assert "test_claims_monotone_is_monotone(" in notes
    assert "test(" not in notes


@pytest.mark.parametrize("rule", list(_rules.BUILTINS))
def test_to_reach_minimal_passes_for_every_builtin(rule: str) -> None:
    """to_reach_minimal() passes for every built-in rule: to_reach gives the smallest change."""
    jt.to_reach_minimal(rule, settings=hypothesis.settings(DEFAULT, max_examples=30))()


def test_to_reach_minimal_catches_a_change_that_is_not_the_smallest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """to_reach_minimal() fails when to_reach proposes more than the smallest change."""

    def everything(
        current: Sequence[object], weights: object, rule: object, t: int, n: int
    ) -> dict[int, int]:
        return dict.fromkeys(range(len(current)), t)

    monkeypatch.setattr("jobarchitecture._classify._result.smallest_change", everything)
    # Without shrinking: each shrink step runs the brute force again.
    no_shrink = hypothesis.settings(DEFAULT, phases=[hypothesis.Phase.generate])
    check = jt.to_reach_minimal("upper_median", settings=no_shrink)
    with pytest.raises(AssertionError, match=r"to_reach\(.*\) proposes"):
        check()


@pytest.mark.parametrize("module", ["jobarchitecture.testing", "jobarchitecture.strategies"])
def test_without_hypothesis_the_kit_says_which_extra_to_install(module: str) -> None:
    """Importing the kit without hypothesis raises ImportError naming jobarchitecture[testing]."""
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        f"try:\n    import {module}\n"
        "except ImportError as exc:\n    print(exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == (
        f"{module} needs hypothesis: install the extra with pip install 'jobarchitecture[testing]'"
    )


class Mean(_Rule):
    """The mean of the ratings: between them and monotone, but no rank."""

    name = "mean"
    monotone = True
    laws = ("unanimous", "bounded", "monotone", "order_invariant")

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        return sum(ranks) / len(ranks)  # type: ignore[return-value]


@pytest.mark.parametrize("check", [jt.bounded, jt.monotone, jt.order_invariant])
def test_a_rule_returning_a_non_rank_fails_every_check(check: Callable[..., Any]) -> None:
    """A rule returning a float fails the law checks, as classify() rejects it, even where
    the float lies within the spread and never drops, with the smallest such case (0.0)."""
    with pytest.raises(AssertionError) as info:
        check(Mean(), settings=DEFAULT)()
    assert str(info.value).splitlines()[0] == (
        "rule 'mean' returned 0.0 for ranks [0], weights [1.0]: expected a level rank, "
        "an int; the rule is from tests.test_testing_kit.Mean"
    )


class Fragile(_Rule):
    """The lower median, but it cannot handle a single rating."""

    name = "fragile"
    monotone = True

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        return sorted(ranks)[(len(ranks) - 1) // 2] // (len(ranks) - 1) * len(ranks)


def test_a_rule_that_raises_gets_a_note_naming_it_and_its_input() -> None:
    """An exception from the rule reaches the test as it is, with a note naming the rule,
    where it comes from and the ranks and weights it raised for."""
    with pytest.raises(ZeroDivisionError) as info:
        jt.monotone(Fragile(), settings=DEFAULT)()
    assert (
        "rule 'fragile' raised this for ranks [0], weights [1.0]; "
        "the rule is from tests.test_testing_kit.Fragile"
    ) in info.value.__notes__


class _Dist:
    name = "mijnregels"
    version = "2.1"


class _EntryPoint:
    name = "claims_monotone"
    value = "mijnregels:ClaimsMonotone"
    dist = _Dist()

    def load(self) -> Any:
        return ClaimsMonotone


def test_a_failing_check_on_an_installed_rule_names_its_distribution(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A law check on an installed rule, by name, names the distribution it comes from."""
    monkeypatch.setattr(_rules, "_plugins", _rules._RuleSet(entry_points=[_EntryPoint()]))
    with pytest.raises(AssertionError) as info:
        jt.declared_laws("claims_monotone", settings=DEFAULT)()
    first = str(info.value).splitlines()[0]
    assert first.startswith("rule 'claims_monotone' is not monotone: ranks [")
    assert first.endswith(
        "; the rule is from mijnregels 2.1 (claims_monotone = mijnregels:ClaimsMonotone)"
    )


def test_a_failing_check_on_a_builtin_names_no_source() -> None:
    """A built-in rule needs no source: the message ends with the counterexample."""
    with pytest.raises(AssertionError) as info:
        jt.monotone("mode", settings=DEFAULT)()
    assert str(info.value).splitlines()[0].endswith("])")


def test_a_check_on_the_rule_object_of_an_installed_rule_names_its_distribution(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """jt.monotone(MyRule()) names the distribution whose entry point of that name points
    into the rule's module: an editable install maps no module to its distribution."""
    ep = _EntryPoint()
    ep.value = f"{ClaimsMonotone.__module__}:ClaimsMonotone"
    monkeypatch.setattr(_rules, "_plugins", _rules._RuleSet(entry_points=[ep]))
    with pytest.raises(AssertionError) as info:
        jt.monotone(ClaimsMonotone(), settings=DEFAULT)()
    first = str(info.value).splitlines()[0]
    assert first.endswith(f"; the rule is from mijnregels 2.1 (claims_monotone = {ep.value})")


class SortsRanksOnly(_Rule):
    """A weighted median that sorts the ranks but leaves the weights where they were."""

    name = "sorts_ranks_only"

    def __call__(self, ranks: Sequence[int], weights: Sequence[float], /) -> int:
        total, acc = sum(weights), 0.0
        for rank, weight in zip(sorted(ranks), weights, strict=True):
            acc += weight
            if 2 * acc >= total > 0:
                return rank
        return min(ranks)


@pytest.mark.parametrize("seed", range(6))
def test_order_invariant_shrinks_to_the_smallest_counterexample(seed: int) -> None:
    """order_invariant() reports two ratings and one swap, whatever the seed, for a rule
    that depends on the order only through unequal weights."""
    check = hypothesis.seed(seed)(jt.order_invariant(SortsRanksOnly(), settings=DEFAULT))
    with pytest.raises(AssertionError) as info:
        check()
    first = str(info.value).splitlines()[0]
    assert first.startswith(
        "rule 'sorts_ranks_only' depends on the order: ranks [0, 1], weights [1.0, 0.5] "
        "give 0; reordered [1, 0], [0.5, 1.0] give 1"
    )


def test_a_check_by_a_builtin_name_a_plugin_tries_to_take_warns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """jt.declared_laws("minimum") with a plugin claiming "minimum" warns that it checks the
    built-in, not the plugin its author meant."""
    ep = _EntryPoint()
    ep.name = "minimum"
    monkeypatch.setattr(_rules, "_plugins", _rules._RuleSet(entry_points=[ep]))
    with pytest.warns(UserWarning, match="this check tests the built-in rule") as caught:
        jt.declared_laws("minimum")
    assert str(caught[0].message) == (
        "rule 'minimum' from mijnregels 2.1 (minimum = mijnregels:ClaimsMonotone) takes the "
        "name of a built-in rule, so the built-in rule is used instead: this check tests the "
        "built-in rule; rename the plugin's rule, or pass the rule object"
    )
    assert caught[0].filename == __file__
