"""Ready-made law checks for classification rules, for a rule author's own test suite.

Install with ``pip install 'jobarchitecture[testing]'`` (it needs hypothesis).
Each check takes a rule (an object or a name) and returns a hypothesis test: put
it in a test module under a ``test_`` name and pytest runs it, or call it
yourself inside a plain test (not inside a ``@given`` test: hypothesis refuses a
``@given`` test inside another; draw :func:`rankings` in your own ``@given``
instead). It fails with hypothesis's smallest counterexample::

    from jobarchitecture import testing as jt

    test_my_rule_is_monotone = jt.monotone(MyRule())
    test_my_rule_is_bounded = jt.bounded(MyRule())
    test_my_rule_declares_true_laws = jt.declared_laws(MyRule())

The checks call the rule directly with level ranks and weights, as
:func:`jobarchitecture.classify` does. The ratings are drawn where laws break:
few criteria and levels, each level held by zero to three criteria, so ties and
near-ties are common (the built-in ``mode`` rule's non-monotonicity is found
within hypothesis's default 100 examples). Weights are halves and small integers,
so weighted sums are exact.

This is a module beside :mod:`jobarchitecture.strategies` rather than part of
it: the strategies draw data (families, ratings), these consume a rule and
*are* tests; a user imports one without the other's names.
"""

from __future__ import annotations

import functools
import itertools
import operator
import warnings
from collections.abc import Callable, Sequence
from typing import Any

try:
    import hypothesis
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised in a subprocess
    raise ImportError(
        "jobarchitecture.testing needs hypothesis: install the extra with "
        "pip install 'jobarchitecture[testing]'"
    ) from exc

from . import strategies as jst
from ._classify import Classification, classify
from ._classify._rules import (
    BUILTINS,
    LAWS,
    SHADOW_REASON,
    Rule,
    laws_of,
    origin_of,
    resolve_rule,
    shadowing,
)
from ._errors import RatingError
from ._model import Family

__all__ = [
    "bounded",
    "declared_laws",
    "monotone",
    "order_invariant",
    "rankings",
    "to_reach_minimal",
    "unanimity",
]

#: Weights the checks draw: exact in binary, zero included (a criterion that does not count).
_WEIGHTS = st.sampled_from((1.0, 0.5, 2.0, 0.0, 3.0))

Ranking = tuple[list[int], list[float]]
#: What every check returns: a hypothesis test taking no arguments.
Test = Callable[[], None]


@st.composite
def _rankings(draw: st.DrawFn, max_levels: int, max_per_level: int) -> Ranking:
    levels = draw(st.integers(1, max_levels))
    # Counts per level around one base count rather than free ranks: ties and
    # near-ties between levels, where laws break, are then the common case.
    base = draw(st.integers(1, max_per_level))
    counts = [max(0, min(max_per_level, base + draw(st.integers(-1, 1)))) for _ in range(levels)]
    ranks = [rank for rank, count in enumerate(counts) for _ in range(count)]
    if not ranks:
        ranks = [draw(st.integers(0, levels - 1))]
    ranks = list(draw(st.permutations(ranks)))
    if draw(st.booleans()):
        weights = [1.0] * len(ranks)
    else:
        weights = draw(st.lists(_WEIGHTS, min_size=len(ranks), max_size=len(ranks)))
    return ranks, weights


def rankings(*, max_levels: int = 4, max_per_level: int = 3) -> st.SearchStrategy[Ranking]:
    """``(ranks, weights)`` as a rule receives them: at least one rank, weights >= 0.

    Args:
        max_levels: The ranks lie in ``0 .. max_levels - 1``.
        max_per_level: At most this many criteria share one rank.
    """
    if max_levels < 1 or max_per_level < 1:
        raise hypothesis.errors.InvalidArgument(
            f"Cannot have max_levels={max_levels} or max_per_level={max_per_level} below 1"
        )
    return _rankings(max_levels, max_per_level)


def _resolve(rule: Rule | str) -> Rule:
    resolved = resolve_rule(rule)
    if isinstance(rule, str):
        # A plugin rule named like a built-in is never used: a check by that name
        # tests the built-in, which is not what its author meant to test.
        for origin in shadowing(rule):
            warnings.warn(
                f"rule {rule!r} from {origin} {SHADOW_REASON}: this check tests the "
                "built-in rule; rename the plugin's rule, or pass the rule object",
                UserWarning,
                stacklevel=3,
            )
    return resolved


class _Checked:
    """A rule as the checks call it: a result that is no rank, or an exception, names the rule.

    A rule returning ``1.5`` is between its ratings and no lower than before, so
    without this the law checks would pass a rule that ``classify`` rejects. The
    failure names where the rule comes from (its distribution, once installed), as
    ``classify``'s ``RuleError`` does.
    """

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.name = rule.name

    @functools.cached_property
    def source(self) -> str:
        # Looked up once, on the first failure: shrinking fails many times over.
        if self.rule in BUILTINS.values():
            return ""
        return f"; the rule is from {origin_of(self.rule)}"

    def __call__(self, ranks: Sequence[int], weights: Sequence[float]) -> int:
        try:
            got = self.rule(ranks, weights)
        except Exception as exc:
            exc.add_note(
                f"rule {self.name!r} raised this for ranks {list(ranks)}, "
                f"weights {list(weights)}{self.source}"
            )
            raise
        try:
            value = operator.index(got)
        except TypeError:
            value = None
        if value is None or isinstance(got, bool):
            raise AssertionError(
                f"rule {self.name!r} returned {got!r} for ranks {list(ranks)}, weights "
                f"{list(weights)}: expected a level rank, an int{self.source}"
            )
        return value


def _named(test: Any, rule: Rule | _Checked, law: str, doc: str) -> Test:
    name = f"test_{rule.name}_{law}"
    test.__name__ = test.__qualname__ = name
    test.__doc__ = doc
    inner = getattr(getattr(test, "hypothesis", None), "inner_test", None)
    if inner is not None:
        # hypothesis reports the failing case under the decorated function's own
        # name: "test_mode_is_monotone(case=...)", not "test(case=...)", so that a
        # failure inside declared_laws() says which law it is.
        inner.__name__ = inner.__qualname__ = name
    return test  # type: ignore[no-any-return]


def _settings(given: Any, settings: hypothesis.settings | None) -> Test:
    return given if settings is None else settings(given)  # type: ignore[no-any-return]


def unanimity(rule: Rule | str, *, settings: hypothesis.settings | None = None) -> Test:
    """A test that *rule* gives level L whenever every rating is L (unanimous)."""
    r = _Checked(_resolve(rule))

    @hypothesis.given(rankings(), st.integers(0, 5))
    def test(case: Ranking, level: int) -> None:
        ranks, weights = case
        same = [level] * len(ranks)
        got = r(same, weights)
        assert got == level, (
            f"rule {r.name!r} gives {got} for ranks {same}, weights {weights}{r.source}"
        )

    return _settings(_named(test, r, "is_unanimous", "Every rating at L gives L."), settings)


def bounded(rule: Rule | str, *, settings: hypothesis.settings | None = None) -> Test:
    """A test that *rule*'s result lies between the lowest and the highest rating (bounded)."""
    r = _Checked(_resolve(rule))

    @hypothesis.given(rankings())
    def test(case: Ranking) -> None:
        ranks, weights = case
        got = r(ranks, weights)
        assert min(ranks) <= got <= max(ranks), (
            f"rule {r.name!r} gives {got} for ranks {ranks}, weights {weights}: "
            f"outside {min(ranks)}..{max(ranks)}{r.source}"
        )

    doc = "The result lies within the ratings' spread."
    return _settings(_named(test, r, "is_bounded", doc), settings)


def monotone(rule: Rule | str, *, settings: hypothesis.settings | None = None) -> Test:
    """A test that raising one rating never lowers *rule*'s result (monotone)."""
    r = _Checked(_resolve(rule))

    @hypothesis.given(rankings())
    def test(case: Ranking) -> None:
        ranks, weights = case
        before = r(ranks, weights)
        # Every rating raised by one and by two levels, rather than one drawn raise:
        # a near-tie tips only for a few of them, and each example tries them all.
        for i, by in itertools.product(range(len(ranks)), (1, 2)):
            raised = [*ranks]
            raised[i] += by
            after = r(raised, weights)
            assert after >= before, (
                f"rule {r.name!r} is not monotone: ranks {ranks} give {before}, but raising "
                f"rating {i} to {raised[i]} ({raised}) gives {after} (weights {weights}){r.source}"
            )

    doc = "Raising one rating never lowers the result."
    return _settings(_named(test, r, "is_monotone", doc), settings)


def order_invariant(rule: Rule | str, *, settings: hypothesis.settings | None = None) -> Test:
    """A test that reordering the ratings (with their weights) never changes *rule*'s result."""
    r = _Checked(_resolve(rule))

    @hypothesis.given(rankings())
    def test(case: Ranking) -> None:
        ranks, weights = case
        before = r(ranks, weights)
        # Every swap of two ratings (with their weights), rather than one drawn
        # order: any reordering is a chain of swaps, so a rule that depends on the
        # order has an arrangement where one swap shows it, and with nothing else
        # drawn hypothesis shrinks the case to the fewest ratings.
        for i, j in itertools.combinations(range(len(ranks)), 2):
            moved = [*ranks], [*weights]
            moved[0][i], moved[0][j] = ranks[j], ranks[i]
            moved[1][i], moved[1][j] = weights[j], weights[i]
            after = r(*moved)
            assert before == after, (
                f"rule {r.name!r} depends on the order: ranks {ranks}, weights {weights} give "
                f"{before}; reordered {moved[0]}, {moved[1]} give {after}{r.source}"
            )

    doc = "Reordering the ratings does not change the result."
    return _settings(_named(test, r, "is_order_invariant", doc), settings)


def declared_laws(rule: Rule | str, *, settings: hypothesis.settings | None = None) -> Test:
    """A test that *rule* obeys every law it declares in ``laws`` (see ``jobarchitecture.LAWS``)."""
    r = _resolve(rule)
    checks = {
        "unanimous": unanimity,
        "bounded": bounded,
        "monotone": monotone,
        "order_invariant": order_invariant,
    }
    assert set(checks) == set(LAWS)
    tests = [checks[law](r, settings=settings) for law in laws_of(r)]

    def test() -> None:
        for one in tests:
            one()

    return _named(test, r, "obeys_its_laws", "The rule obeys every law it declares.")


# to_reach ------------------------------------------------------------------


def _reached(result: Classification, target: str) -> bool:
    return result.level == target and result.level_span in (None, (target, target))


def _half_steps(family: Family, rating: Any, level: int) -> int:
    if rating is None:
        return 2  # rating an unrated criterion is one step
    low, high = (rating, rating) if isinstance(rating, str) else rating
    rank = family.scale.rank
    return abs(rank(low) - level) + abs(rank(high) - level)


def _smallest(
    family: Family, ratings: dict[str, Any], rule: Rule, target: str
) -> tuple[Any, ...] | None:
    """By brute force: the smallest change reaching *target*, ordered as to_reach defines."""
    codes = [c.code for c in family.criteria]
    levels = family.scale.codes
    t = family.scale.rank(target)
    best: tuple[Any, ...] | None = None
    for combo in itertools.product([None, *range(len(levels))], repeat=len(codes)):
        changed = {i: v for i, v in enumerate(combo) if v is not None}
        if any(
            ratings.get(codes[i]) in (levels[v], (levels[v], levels[v])) for i, v in changed.items()
        ):
            continue  # setting a rating to itself is no change
        new = {**ratings, **{codes[i]: levels[v] for i, v in changed.items()}}
        try:
            if not _reached(classify(family, new, rule), target):
                continue
        except RatingError:
            continue  # the rule refuses this rating set
        order = sorted(changed)
        key = (
            sum(_half_steps(family, ratings.get(codes[i]), changed[i]) for i in order),
            len(order),
            tuple(order),
            tuple(abs(changed[i] - t) for i in order),
            tuple(changed[i] for i in order),
        )
        best = key if best is None or key < best else best
    return best


def to_reach_minimal(
    rule: Rule | str,
    *,
    max_levels: int = 3,
    max_criteria: int = 4,
    settings: hypothesis.settings | None = None,
) -> Test:
    """A test that ``to_reach`` gives the smallest change for *rule*, checked by brute force.

    Smallest: the fewest level steps, then the fewest criteria, then the
    earliest criteria in the family's order (see ``Classification.to_reach``).
    Families are small (brute force tries every change): at most *max_levels*
    levels and *max_criteria* criteria.
    """
    r = _resolve(rule)

    @hypothesis.given(jst.families(max_levels=max_levels, max_criteria=max_criteria), st.data())
    def test(family: Family, data: st.DataObject) -> None:
        hypothesis.assume(family.criteria)
        ratings = data.draw(jst.ratings(family), label="ratings")
        target = data.draw(jst.levels(family.scale), label="target").code
        try:
            result = classify(family, ratings, r)
        except RatingError:
            hypothesis.reject()  # the rule refuses these ratings: nothing to reach from
        best = _smallest(family, ratings, r, target)
        try:
            changes = result.to_reach(target)
        except RatingError:
            assert best is None, f"to_reach found no way to {target}, brute force found {best}"
            return
        assert best is not None, f"to_reach proposes {changes} but nothing reaches {target}"
        codes = [c.code for c in family.criteria]
        got = (
            sum(
                _half_steps(family, ratings.get(c.criterion), family.scale.rank(c.to_level))
                for c in changes
            ),
            len(changes),
            tuple(codes.index(c.criterion) for c in changes),
        )
        assert got == best[:3], (
            f"to_reach({target!r}) proposes {[str(c) for c in changes]} "
            f"(steps x2, count, positions {got}); the smallest is {best[:3]}"
        )

    base = settings or hypothesis.settings()
    # Brute force takes longer than hypothesis's default deadline on slow machines.
    chosen = hypothesis.settings(base, deadline=None)
    doc = "to_reach gives the smallest change, by brute force on small families."
    return _settings(_named(test, r, "to_reach_is_minimal", doc), chosen)
