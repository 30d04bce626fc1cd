"""``classify()``: ratings of a family's criteria to a level, with the evidence.

A rating names a level per criterion (by code, name or alias, any case), or a
span of adjacent levels when a rater cannot decide. A rule (``_rules``) combines
the ranks into one level; for span ratings it is applied to the lower ends and to
the upper ends. The result keeps everything a committee needs to check it: the
descriptor text per criterion, the spread, the agreement, what was not rated,
the result areas that (RG) descriptors add, and warnings.

Cost: each family is indexed once (kept while the family lives). ``classify``
itself only resolves the ratings and applies the rule; the evidence, spread,
agreement and warnings of a result are computed the first time one of them is
read, so a caller who only wants the level pays for the level.
"""

from __future__ import annotations

import difflib
import itertools
import math
import operator
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from . import _rules
from ._errors import (
    ClassificationError,
    JobArchitectureError,
    RatingError,
    RuleError,
    UnknownCriterionError,
    UnknownLevelError,
)
from ._model import Criterion, Descriptor, Family, Join, Level, _norm
from ._rules import Rule

#: Separates the ends of a span written as one string: ``"C..B"``.
SPAN_SEPARATOR = ".."

#: Searching all rating changes for a third-party rule stops beyond this many candidates.
SEARCH_BUDGET = 200_000


@attrs.frozen
class Rating:
    """A criterion's rating (beoordeling): one level, or a span of adjacent levels.

    Attributes:
        low: Code of the lowest level of the span.
        high: Code of the highest level; the same as *low* for a single level.
    """

    low: str
    high: str = attrs.field()

    @high.default
    def _single(self) -> str:
        return self.low

    @property
    def is_span(self) -> bool:
        """True when the rating covers more than one level."""
        return self.low != self.high

    def __str__(self) -> str:
        return self.low if self.low == self.high else f"{self.low}{SPAN_SEPARATOR}{self.high}"


@attrs.frozen
class Evidence:
    """Why a criterion counts where it does: its rating and the descriptor there.

    Attributes:
        criterion: The criterion's code.
        name: The criterion's name (nl).
        low: The rated level (the lowest, for a span).
        high: The highest rated level; equal to *low* unless the rating is a span.
        descriptor: The descriptor text (nl) at *low*, clauses joined by EN / OF.
        result_area: A descriptor in the rating carries (RG).
        high_descriptor: The descriptor text at *high*, when a span reaches a
            different descriptor; otherwise None.
    """

    criterion: str
    name: str
    low: str
    high: str
    descriptor: str
    result_area: bool = False
    high_descriptor: str | None = None

    @property
    def rating(self) -> Rating:
        """The rating as a :class:`Rating`."""
        return Rating(self.low, self.high)


@attrs.frozen
class AddedResultArea:
    """A result area added by an (RG) clause of a descriptor.

    Attributes:
        criterion: The criterion whose descriptor carries it.
        level: The level of that descriptor (the lowest rated one, for a span).
        text: The clause (nl).
        alternative: The clause is one option of an OF descriptor, so whether it
            applies depends on which option the function fulfils.
    """

    criterion: str
    level: str
    text: str
    alternative: bool = False


@attrs.frozen
class Change:
    """One change of a rating: set *criterion* from *from_level* to *to_level*.

    Attributes:
        criterion: The criterion's code.
        from_level: The current rating (``"C"`` or a span ``"C..B"``), None when unrated.
        to_level: The level to rate it at.
    """

    criterion: str
    from_level: str | None
    to_level: str

    def __str__(self) -> str:
        return f"{self.criterion}: {self.from_level or '-'} -> {self.to_level}"


#: The fields classify() leaves empty until one of them is read.
_LAZY = frozenset(
    {
        "scale",
        "weights",
        "evidence",
        "spread",
        "agreement",
        "unrated",
        "added_result_areas",
        "warnings",
    }
)


@attrs.frozen
class Classification:
    """The result of :func:`classify`: a level, and everything that supports it.

    Attributes:
        family: The family's code.
        level: The resulting level's code; for span ratings, the level the rule
            gives for the lower ends of the spans.
        level_span: ``(low, high)`` when any rating is a span: the rule applied to
            the lower ends and to the upper ends (ordered low to high); else None.
        rule: The rule's name.
        scale: The family's level codes, lowest first.
        weights: ``(criterion, weight)`` for every criterion, as the rule saw them.
        evidence: One entry per rated criterion, in the family's order.
        spread: The lowest and the highest rated level.
        agreement: The share of rated criteria whose rating contains :attr:`level`.
        unrated: Codes of the criteria not rated, in the family's order.
        added_result_areas: Result areas added by (RG) descriptors at the rated levels.
        warnings: Reasons for a human to look again (English; see :meth:`explain`
            for Dutch): criteria more than one level apart (committee review
            advised), span ratings, many unrated criteria.

    Serialise with :meth:`to_dict` / :meth:`from_dict`; :meth:`explain` puts it in
    words; :meth:`to_reach` says what would have to change for another level.
    """

    family: str
    level: str
    level_span: tuple[str, str] | None
    rule: str
    scale: tuple[str, ...]
    weights: tuple[tuple[str, float], ...]
    evidence: tuple[Evidence, ...]
    spread: tuple[str, str]
    agreement: float
    unrated: tuple[str, ...]
    added_result_areas: tuple[AddedResultArea, ...] = ()
    warnings: tuple[str, ...] = ()
    # What classify() knew, kept until the fields above are first read.
    _lazy: tuple[Any, ...] | None = attrs.field(
        default=None, init=False, eq=False, repr=False, hash=False
    )

    if not TYPE_CHECKING:
        # Only reached when a slot is still empty: fill them all from _lazy.
        # Hidden from mypy, so that a misspelt attribute stays a type error.
        def __getattr__(self, name: str) -> Any:
            if name in _LAZY:
                lazy = object.__getattribute__(self, "_lazy")
                if lazy is not None:
                    _fill(self, lazy)
                    return object.__getattribute__(self, name)
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        # The lazy state holds a weak reference to the family; pickle the data instead.
        return (Classification.from_dict, (self.to_dict(),))

    @property
    def rated(self) -> tuple[str, ...]:
        """Codes of the rated criteria, in the family's order."""
        return tuple(e.criterion for e in self.evidence)

    def ratings(self) -> dict[str, str]:
        """The ratings, criterion code to ``"C"`` or ``"C..B"``: classify them again to repeat."""
        return {e.criterion: str(e.rating) for e in self.evidence}

    # serialisation --------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The classification as JSON-safe data; :meth:`from_dict` reads it back equal."""
        return {
            "family": self.family,
            "level": self.level,
            "level_span": None if self.level_span is None else list(self.level_span),
            "rule": self.rule,
            "scale": list(self.scale),
            "weights": dict(self.weights),
            "evidence": [
                {
                    "criterion": e.criterion,
                    "name": e.name,
                    "low": e.low,
                    "high": e.high,
                    "descriptor": e.descriptor,
                    "result_area": e.result_area,
                    "high_descriptor": e.high_descriptor,
                }
                for e in self.evidence
            ],
            "spread": list(self.spread),
            "agreement": self.agreement,
            "unrated": list(self.unrated),
            "added_result_areas": [
                {
                    "criterion": a.criterion,
                    "level": a.level,
                    "text": a.text,
                    "alternative": a.alternative,
                }
                for a in self.added_result_areas
            ],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Classification:
        """Read a classification written by :meth:`to_dict` (e.g. after ``json.loads``).

        Raises:
            ClassificationError: a key is missing or unknown, or a value has the
                wrong type; the message names its path.
        """
        r = _Reader(data, "$", _DICT_KEYS)
        span = r.opt_pair("level_span")
        weights = r.get("weights", Mapping)
        return cls(
            family=r.text("family"),
            level=r.text("level"),
            level_span=span,
            rule=r.text("rule"),
            scale=r.strs("scale"),
            weights=tuple(
                (_check(k, str, f"$.weights key {k!r}"), _number(v, f"$.weights.{k}"))
                for k, v in weights.items()
            ),
            evidence=tuple(
                Evidence(**_Reader(e, f"$.evidence[{i}]", _EVIDENCE_KEYS).fields(_EVIDENCE_TYPES))
                for i, e in enumerate(r.get("evidence", list))
            ),
            spread=r.pair("spread"),
            agreement=_number(r.get("agreement", object), "$.agreement"),
            unrated=r.strs("unrated"),
            added_result_areas=tuple(
                AddedResultArea(
                    **_Reader(a, f"$.added_result_areas[{i}]", _ADDED_KEYS).fields(_ADDED_TYPES)
                )
                for i, a in enumerate(r.get("added_result_areas", list))
            ),
            warnings=r.strs("warnings"),
        )

    # words ----------------------------------------------------------------

    def explain(self, lang: str = "nl") -> str:
        """The classification in words, in Dutch (``nl``) or English (``en``).

        Raises:
            ValueError: *lang* is neither ``nl`` nor ``en``.
        """
        if lang not in _WORDS:
            raise ValueError(f"'lang' must be one of nl, en (got {lang!r})")
        w = _WORDS[lang]
        k = len(self.evidence)
        total = k + len(self.unrated)
        agree = round(self.agreement * k)
        level = self.level
        if self.level_span is not None and self.level_span[0] != self.level_span[1]:
            level = f"{self.level_span[0]}{SPAN_SEPARATOR}{self.level_span[1]}"
        summary = _rules.describe(self.rule, lang)
        rule = repr(self.rule) + (f" ({summary})" if summary else "")
        lines = [
            w["head"].format(family=self.family, level=level, rule=rule),
            w["counts"].format(
                k=k,
                total=total,
                low=self.spread[0],
                high=self.spread[1],
                agree=agree,
                pct=round(100 * self.agreement),
            ),
            "",
            w["evidence"],
        ]
        for e in self.evidence:
            lines.append(f"- {e.name}: {e.rating}")
            lines.extend(f"    {line}" for line in e.descriptor.splitlines())
            if e.high_descriptor is not None:
                lines.append(f"  {w['upto'].format(level=e.high)}")
                lines.extend(f"    {line}" for line in e.high_descriptor.splitlines())
        if self.unrated:
            lines += ["", w["unrated"].format(codes=", ".join(self.unrated))]
        if self.added_result_areas:
            lines += ["", w["added"]]
            for a in self.added_result_areas:
                extra = w["alternative"] if a.alternative else ""
                lines.append(f"- {a.text} ({a.criterion}, {a.level}{extra})")
        warnings = _warnings(self, lang)
        if warnings:
            lines += ["", w["warnings"]]
            lines.extend(f"- {line}" for line in warnings)
        return "\n".join(lines)

    # what if --------------------------------------------------------------

    def to_reach(self, target: str | Level) -> tuple[Change, ...]:
        """The fewest rating changes that make the rule give *target*.

        A change sets one criterion, rated or not, to a single level. With span
        ratings, the target counts as reached when the lower and the upper ends
        both give it. Exact for the built-in rules; a third-party rule is
        searched exhaustively (see ``SEARCH_BUDGET``).

        Args:
            target: A level code of the family's scale (any case), or a Level.

        Returns:
            The changes in the family's criterion order; empty when the result
            already is *target*.

        Raises:
            UnknownLevelError: *target* is not a level of the scale.
            RatingError: no change of ratings makes the rule give *target*.
            RuleError: a third-party rule's search space exceeds the budget.
        """
        scale = self.scale
        t = _target_rank(scale, target)
        lazy = self._lazy
        rule: Rule = lazy[5] if lazy is not None else _rules.get_rule(self.rule)
        codes = [c for c, _ in self.weights]
        weights = [w for _, w in self.weights]
        rank = {code: i for i, code in enumerate(scale)}
        pos = {c: i for i, c in enumerate(codes)}
        current: list[tuple[int, int] | None] = [None] * len(codes)
        for e in self.evidence:
            current[pos[e.criterion]] = (rank[e.low], rank[e.high])
        if isinstance(rule, _rules._Builtin):
            chosen = _fewest_changes(current, weights, rule, t)
        else:
            chosen = _search_changes(current, weights, rule, t, len(scale))
        if chosen is None:
            raise RatingError(
                f"no change of ratings makes rule {self.rule!r} give level {scale[t]!r}"
            )

        def written(cur: tuple[int, int] | None) -> str | None:
            return None if cur is None else str(Rating(scale[cur[0]], scale[cur[1]]))

        return tuple(Change(codes[i], written(current[i]), scale[t]) for i in sorted(chosen))


# the family index ----------------------------------------------------------


class _Plan:
    """Everything classify needs from one family, computed once."""

    __slots__ = (
        "__weakref__",
        "code",
        "codes",
        "crit_codes",
        "crit_index",
        "crit_names",
        "crit_set",
        "criteria",
        "default",
        "evidence",
        "family_rule",
        "level_rank",
        "m",
        "n",
        "ones",
        "rank_get",
        "ref",
        "scale",
        "table",
        "unit",
        "weight_pairs",
        "weights",
    )

    def __init__(self, family: Family) -> None:
        self.ref: weakref.ref[Family] | None = None
        self.code = family.code
        self.scale = family.scale
        self.codes = family.scale.codes
        self.n = len(self.codes)
        self.level_rank = {lvl.code: lvl.rank for lvl in family.scale.levels}
        self.criteria: tuple[Criterion, ...] = family.criteria
        self.m = len(self.criteria)
        self.crit_codes = tuple(c.code for c in self.criteria)
        self.crit_index = {c: i for i, c in enumerate(self.crit_codes)}
        names: dict[str, int] = {}
        for i, c in enumerate(self.criteria):
            names.setdefault(_norm(c.name.nl), i)
        for i, c in enumerate(self.criteria):
            names[_norm(c.code)] = i  # codes win over names
        self.crit_names = names
        self.crit_set = frozenset(self.crit_codes)
        self.rank_get = self.level_rank.__getitem__
        self.weights = tuple(float(c.weight) for c in self.criteria)
        self.unit = all(w == 1.0 for w in self.weights)
        self.ones = [(1.0,) * k for k in range(self.m + 1)]
        self.weight_pairs = tuple(zip(self.crit_codes, self.weights, strict=True))
        self.family_rule = family.rule
        self.default: Rule | None = None
        # Evidence depends only on (criterion, low, high): made once, shared by results.
        self.evidence: dict[tuple[int, int, int], tuple[Evidence, tuple[AddedResultArea, ...]]] = {}
        # table[i][rank]: (descriptor, its text, RG) of criterion i at that level.
        self.table = [[self._at(c, lvl.code) for lvl in family.scale.levels] for c in self.criteria]

    @staticmethod
    def _at(criterion: Criterion, code: str) -> tuple[Descriptor | None, str, bool]:
        d = criterion.at(code)
        # A valid family covers every level; an invalid one still classifies.
        return (None, "", False) if d is None else (d, d.text("nl"), d.result_area)

    def evidence_for(
        self, i: int, lo: int, hi: int
    ) -> tuple[Evidence, tuple[AddedResultArea, ...]]:
        """The evidence of criterion *i* rated *lo*..*hi*, and the result areas it adds."""
        codes = self.codes
        row = self.table[i]
        crit = self.criteria[i]
        # The distinct descriptors over the rated span, each with its first rated level.
        distinct: list[tuple[Descriptor | None, str, bool, int]] = []
        for r in range(lo, hi + 1):
            d, text, rg = row[r]
            if not distinct or distinct[-1][0] is not d:
                distinct.append((d, text, rg, r))
        evidence = Evidence(
            crit.code,
            crit.name.nl,
            codes[lo],
            codes[hi],
            distinct[0][1],
            any(x[2] for x in distinct),
            distinct[-1][1] if len(distinct) > 1 else None,
        )
        added: list[AddedResultArea] = []
        for d, _, rg, r in distinct:
            if rg and d is not None:
                alternative = d.join is Join.ANY and len(d.clauses) > 1
                added.extend(
                    AddedResultArea(crit.code, codes[r], clause.text.nl, alternative)
                    for clause in d.clauses
                    if clause.result_area
                )
        return evidence, tuple(added)

    def default_rule(self) -> Rule:
        if self.default is None:
            self.default = _rules.get_rule(self.family_rule or _rules.DEFAULT_RULE)
        return self.default

    def criterion(self, key: str) -> int:
        i = self.crit_index.get(key)
        if i is None:
            i = self.crit_names.get(_norm(key))
        if i is None:
            match = difflib.get_close_matches(_norm(key), list(self.crit_names), n=1, cutoff=0.5)
            raise UnknownCriterionError(
                key, self.crit_codes, self.crit_codes[self.crit_names[match[0]]] if match else None
            )
        return i

    def level(self, ci: int, value: str | Level) -> int:
        name = value.code if isinstance(value, Level) else value
        if not isinstance(name, str):
            raise RatingError(
                f"rating of criterion {self.crit_codes[ci]!r} must name levels "
                f"(got {type(name).__name__} {name!r})",
                self.crit_codes[ci],
            )
        rank = self.level_rank.get(name)
        if rank is None:
            found = self.scale.find(name)
            if found is None:
                raise UnknownLevelError(
                    name, self.codes, self.scale.closest(name), criterion=self.crit_codes[ci]
                )
            rank = found.rank
        return rank

    def span(self, ci: int, low: str | Level, high: str | Level) -> tuple[int, int]:
        lo, hi = self.level(ci, low), self.level(ci, high)
        if hi < lo:
            raise RatingError(
                f"Cannot have high={self.codes[hi]!r} < low={self.codes[lo]!r} "
                f"(criterion {self.crit_codes[ci]!r})",
                self.crit_codes[ci],
            )
        return lo, hi

    def value(self, ci: int, value: object) -> tuple[int, int] | None:
        """The (low, high) ranks of one rating value, or None when it is not rated."""
        code = self.crit_codes[ci]
        if value is None:
            return None
        if isinstance(value, Rating):
            return self.span(ci, value.low, value.high)
        if isinstance(value, Level):
            r = self.level(ci, value)
            return r, r
        if isinstance(value, str):
            if not value.strip():
                return None
            rank = self.level_rank.get(value)
            if rank is None:
                found = self.scale.find(value)
                if found is None and SPAN_SEPARATOR in value:
                    low, _, high = value.partition(SPAN_SEPARATOR)
                    return self.span(ci, low.strip(), high.strip())
                rank = self.level(ci, value)
            return rank, rank
        if isinstance(value, Sequence):
            items = list(value)
            if not items:
                raise RatingError(f"rating of criterion {code!r} is an empty span", code)
            ranks = [self.level(ci, v) for v in items]
            lo, hi = ranks[0], ranks[-1]
            if hi < lo:
                raise RatingError(
                    f"Cannot have high={self.codes[hi]!r} < low={self.codes[lo]!r} "
                    f"(criterion {code!r})",
                    code,
                )
            if len(ranks) > 2 and ranks != list(range(lo, lo + len(ranks))):
                listed = ", ".join(self.codes[r] for r in ranks)
                raise RatingError(
                    f"span ({listed}) of criterion {code!r} is not adjacent levels, lowest first",
                    code,
                )
            return lo, hi
        raise RatingError(
            f"rating of criterion {code!r} must be a level, a 'low..high' string or a "
            f"(low, high) pair (got {type(value).__name__} {value!r})",
            code,
        )

    def weight_vector(self, weights: Mapping[str, float]) -> tuple[float, ...]:
        if not isinstance(weights, Mapping):
            raise RatingError(
                f"'weights' must map criteria to numbers (got {type(weights).__name__})"
            )
        out = list(self.weights)
        for key, value in weights.items():
            i = self.criterion(key)
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
                or value < 0
            ):
                code = self.crit_codes[i]
                raise RatingError(
                    f"weight of criterion {code!r} must be a finite number >= 0 (got {value!r})",
                    code,
                )
            out[i] = float(value)
        return tuple(out)


_PLANS: dict[int, _Plan] = {}


def _plan(family: Family) -> _Plan:
    """The index of *family*, built on first use and dropped when the family is."""
    plan = _PLANS.get(id(family))
    if plan is not None and plan.ref is not None and plan.ref() is family:
        return plan
    if not isinstance(family, Family):
        raise TypeError(f"'family' must be a Family (got {type(family).__name__})")
    plan = _Plan(family)
    key = id(family)

    def forget(ref: weakref.ref[Family]) -> None:
        if (p := _PLANS.get(key)) is not None and p.ref is ref:
            del _PLANS[key]

    # Keyed by identity: hashing a family hashes all of it, on every call.
    plan.ref = weakref.ref(family, forget)
    _PLANS[key] = plan
    return plan


# classify ------------------------------------------------------------------

_new = object.__new__
_set_family = Classification.__dict__["family"].__set__
_set_level = Classification.__dict__["level"].__set__
_set_span = Classification.__dict__["level_span"].__set__
_set_rule = Classification.__dict__["rule"].__set__
_set_lazy = Classification.__dict__["_lazy"].__set__
_TRUSTED = frozenset(type(r) for r in _rules.BUILTINS.values())


def _checked(rule: Rule, rank: Any, n: int) -> int:
    # A third-party rule may return a numpy integer; anything else is a bug in it.
    try:
        value = operator.index(rank)
    except TypeError:
        value = -1
    if not 0 <= value < n or isinstance(rank, bool):
        raise RuleError(rule.name, f"returned {rank!r}, expected a level rank from 0 to {n - 1}")
    return value


def _run(
    plan: _Plan,
    ratings: Mapping[str, Any],
    rule: Rule,
    complete: bool,
    wvec: tuple[float, ...] | None,
) -> Classification:
    # Fast path: a dict of exact criterion codes to exact level codes, checked in
    # C (a set inclusion and a map). Anything else takes the slow path, which
    # also produces the errors.
    if type(ratings) is dict and plan.crit_set.issuperset(ratings):
        try:
            lows = list(map(plan.rank_get, ratings.values()))
        except (KeyError, TypeError):
            pass
        else:
            k = len(lows)
            if k and (not complete or k == plan.m):
                keys = tuple(ratings)
                if wvec is None and plan.unit:
                    weights: Sequence[float] = plan.ones[k]
                else:
                    wv = plan.weights if wvec is None else wvec
                    index = plan.crit_index
                    weights = [wv[index[c]] for c in keys]
                rank = rule(lows, weights)
                if type(rule) not in _TRUSTED:
                    rank = _checked(rule, rank, plan.n)
                c = _new(Classification)
                _set_family(c, plan.code)
                _set_level(c, plan.codes[rank])
                _set_span(c, None)
                _set_rule(c, rule.name)
                _set_lazy(c, (plan, keys, lows, None, wvec, rule))
                return c
    return _run_slow(plan, ratings, rule, complete, wvec)


def _run_slow(
    plan: _Plan,
    ratings: Mapping[str, Any],
    rule: Rule,
    complete: bool,
    wvec: tuple[float, ...] | None,
) -> Classification:
    if not isinstance(ratings, Mapping):
        raise RatingError(f"'ratings' must map criteria to levels (got {type(ratings).__name__})")
    seen: dict[int, str] = {}
    index: list[int] = []
    lows: list[int] = []
    highs: list[int] = []
    for key, value in ratings.items():
        if not isinstance(key, str):
            raise RatingError(f"criteria are named by strings (got {type(key).__name__} {key!r})")
        ci = plan.criterion(key)
        if ci in seen:
            code = plan.crit_codes[ci]
            raise RatingError(
                f"criterion {code!r} is rated twice (as {seen[ci]!r} and {key!r})", code
            )
        seen[ci] = key
        rated = plan.value(ci, value)
        if rated is not None:
            index.append(ci)
            lows.append(rated[0])
            highs.append(rated[1])
    if not index:
        raise RatingError(f"no criterion is rated (criteria: {', '.join(plan.crit_codes)})")
    if complete and len(index) < plan.m:
        given = set(index)
        missing = [c for i, c in enumerate(plan.crit_codes) if i not in given]
        raise RatingError(
            f"ratings are incomplete (complete=True): not rated: {', '.join(missing)}"
        )
    wv = plan.weights if wvec is None else wvec
    weights = [wv[i] for i in index]
    trusted = type(rule) in _TRUSTED
    rank = rule(lows, weights)
    if not trusted:
        rank = _checked(rule, rank, plan.n)
    span: tuple[str, str] | None = None
    spans = lows != highs
    if spans:
        high = rule(highs, weights)
        if not trusted:
            high = _checked(rule, high, plan.n)
        span = (plan.codes[min(rank, high)], plan.codes[max(rank, high)])
    c = _new(Classification)
    _set_family(c, plan.code)
    _set_level(c, plan.codes[rank])
    _set_span(c, span)
    _set_rule(c, rule.name)
    keys = tuple(plan.crit_codes[i] for i in index)
    _set_lazy(c, (plan, keys, lows, highs if spans else None, wvec, rule))
    return c


def _fill(c: Classification, lazy: tuple[Any, ...]) -> None:
    """Compute the evidence, spread, agreement, unrated, added areas and warnings."""
    plan: _Plan
    plan, keys, lows, highs, wvec, _ = lazy
    if highs is None:
        highs = lows
    codes = plan.codes
    index = plan.crit_index
    order = sorted(range(len(keys)), key=lambda j: index[keys[j]])
    evidence: list[Evidence] = []
    added: list[AddedResultArea] = []
    cache = plan.evidence
    for j in order:
        i = index[keys[j]]
        key = (i, lows[j], highs[j])
        found = cache.get(key)
        if found is None:
            found = cache[key] = plan.evidence_for(*key)
        evidence.append(found[0])
        added.extend(found[1])
    rated = {index[k] for k in keys}
    level = plan.level_rank[c.level]
    agree = sum(1 for lo, hi in zip(lows, highs, strict=True) if lo <= level <= hi)
    values: dict[str, Any] = {
        "scale": codes,
        "weights": plan.weight_pairs
        if wvec is None
        else tuple(zip(plan.crit_codes, wvec, strict=True)),
        "evidence": tuple(evidence),
        "spread": (codes[min(lows)], codes[max(highs)]),
        "agreement": agree / len(lows),
        "unrated": tuple(code for i, code in enumerate(plan.crit_codes) if i not in rated),
        "added_result_areas": tuple(added),
    }
    for name, value in values.items():
        object.__setattr__(c, name, value)
    object.__setattr__(c, "warnings", tuple(_warnings(c, "en")))


def classify(
    family: Family,
    ratings: Mapping[str, Any],
    rule: str | Rule | None = None,
    *,
    complete: bool = False,
    weights: Mapping[str, float] | None = None,
) -> Classification:
    """Classify a function of *family* from its criterion ratings.

    Args:
        family: The job family (a valid one; see :func:`validate`).
        ratings: Criterion (code or name, any case) to rating: a level by code,
            name or alias, any case (``"C"``, ``"waarde 2"``, ``"13/14"``); a span
            of adjacent levels as ``"C..B"``, ``("C", "B")`` or a :class:`Rating`;
            or None / ``""`` for not rated.
        rule: A rule name (see :func:`rule_names`), a :class:`Rule`, or None for
            the family's preferred rule, else ``"lower_median"``.
        complete: Require a rating for every criterion.
        weights: Criterion to weight, overriding the family's weights (>= 0).

    Returns:
        The :class:`Classification`; its evidence is computed on first access.

    Raises:
        UnknownCriterionError: a criterion is unknown (lists codes and the closest).
        UnknownLevelError: a level is unknown (lists codes and the closest).
        RatingError: nothing rated, incomplete with *complete*, a criterion rated
            twice, a backwards span, a bad weight or a value of the wrong type.
        UnknownRuleError: no rule has that name.
        RuleError: a third-party rule is broken or returned a non-rank.
    """
    plan = _PLANS.get(id(family))
    if plan is None or plan.ref is None or plan.ref() is not family:
        plan = _plan(family)
    if rule is None:
        r = plan.default if plan.default is not None else plan.default_rule()
    elif type(rule) is str:
        r = _rules.get_rule(rule)
    else:
        r = _rules.resolve_rule(rule)
    wvec = None if weights is None else plan.weight_vector(weights)
    return _run(plan, ratings, r, complete, wvec)


def classify_many(
    family: Family,
    rows: Iterable[Mapping[str, Any]],
    rule: str | Rule | None = None,
    *,
    complete: bool = False,
    weights: Mapping[str, float] | None = None,
) -> Iterator[Classification | JobArchitectureError]:
    """Classify many rating sets of one family, streaming: one result per row, in order.

    A row that cannot be classified yields its error instead of a result, so one
    bad row never stops the batch. The arguments are those of :func:`classify`;
    the family, rule and weights are resolved once, before the first row.

    Raises:
        UnknownRuleError, RuleError, RatingError: at the call, for the rule or weights.
    """
    plan = _plan(family)
    r = plan.default_rule() if rule is None else _rules.resolve_rule(rule)
    wvec = None if weights is None else plan.weight_vector(weights)
    return _many(plan, rows, r, complete, wvec)


def _many(
    plan: _Plan,
    rows: Iterable[Mapping[str, Any]],
    rule: Rule,
    complete: bool,
    wvec: tuple[float, ...] | None,
) -> Iterator[Classification | JobArchitectureError]:
    for row in rows:
        try:
            yield _run(plan, row, rule, complete, wvec)
        except JobArchitectureError as exc:
            yield exc


# to_reach ------------------------------------------------------------------


def _target_rank(scale: Sequence[str], target: str | Level) -> int:
    name = target.code if isinstance(target, Level) else target
    for i, code in enumerate(scale):
        if code == name:
            return i
    folded = {_norm(code): i for i, code in enumerate(scale)}
    if isinstance(name, str) and _norm(name) in folded:
        return folded[_norm(name)]
    match = difflib.get_close_matches(_norm(str(name)), list(folded), n=1, cutoff=0.5)
    raise UnknownLevelError(str(name), tuple(scale), scale[folded[match[0]]] if match else None)


def _reaches(
    current: Sequence[tuple[int, int] | None],
    weights: Sequence[float],
    rule: Rule,
    t: int,
    changed: Mapping[int, int],
) -> bool:
    lows: list[int] = []
    highs: list[int] = []
    ws: list[float] = []
    for i, cur in enumerate(current):
        if i in changed:
            lo = hi = changed[i]
        elif cur is None:
            continue
        else:
            lo, hi = cur
        lows.append(lo)
        highs.append(hi)
        ws.append(weights[i])
    if not lows:
        return False
    try:
        return bool(rule(lows, ws) == t and (lows == highs or rule(highs, ws) == t))
    except JobArchitectureError:
        return False  # a rule may refuse some rating sets; those do not reach


def _fewest_changes(
    current: Sequence[tuple[int, int] | None],
    weights: Sequence[float],
    rule: Rule,
    t: int,
) -> list[int] | None:
    """The fewest criteria to set to *t* so that *rule* gives *t*, for the built-in rules.

    Why this is exact for them: (1) if some changes reach *t*, setting each
    changed criterion to *t* instead also does (for the order-statistic rules a
    rating moved to *t* only helps "at least t" and "at most t"; for the mode it
    adds to t's count and takes from a rival's); so every change goes to *t*.
    (2) Criteria with the same current rating differ only in weight, and a
    heavier one helps at least as much, so within such a group the heaviest go
    first. What remains is how many to take from each group, tried in order of
    the total.
    """
    groups: dict[tuple[int, int] | None, list[int]] = {}
    for i, cur in enumerate(current):
        if cur != (t, t):
            groups.setdefault(cur, []).append(i)
    members = [sorted(g, key=lambda i: (-weights[i], i)) for g in groups.values()]
    sizes = [len(g) for g in members]
    for total in range(sum(sizes) + 1):
        for counts in _compositions(total, sizes):
            chosen = [i for g, n in zip(members, counts, strict=True) for i in g[:n]]
            if _reaches(current, weights, rule, t, dict.fromkeys(chosen, t)):
                return chosen
    return None


def _compositions(total: int, sizes: Sequence[int]) -> Iterator[tuple[int, ...]]:
    """Every tuple of counts with 0 <= counts[i] <= sizes[i] summing to *total*."""
    if not sizes:
        if total == 0:
            yield ()
        return
    rest = sum(sizes[1:])
    for first in range(max(0, total - rest), min(sizes[0], total) + 1):
        for tail in _compositions(total - first, sizes[1:]):
            yield (first, *tail)


def _search_changes(
    current: Sequence[tuple[int, int] | None],
    weights: Sequence[float],
    rule: Rule,
    t: int,
    n: int,
) -> list[int] | None:
    """Exhaustive search for a rule whose structure is unknown: every subset, every level."""
    m = len(current)
    if (n + 1) ** m > SEARCH_BUDGET:
        raise RuleError(
            rule.name,
            f"to_reach searches all rating changes for a third-party rule, and "
            f"{m} criteria x {n} levels exceed the budget of {SEARCH_BUDGET:,} candidates",
        )
    for k in range(m + 1):
        for subset in itertools.combinations(range(m), k):
            options = [[r for r in range(n) if current[i] != (r, r)] for i in subset]
            for levels in itertools.product(*options):
                changed = dict(zip(subset, levels, strict=True))
                if _reaches(current, weights, rule, t, changed):
                    return list(subset)
    return None


# words ---------------------------------------------------------------------

_WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "head": "Functiefamilie {family}: niveau {level} volgens regel {rule}.",
        "counts": "{k} van de {total} criteria beoordeeld, van {low} tot {high}; "
        "{agree} ({pct}%) op het resultaat.",
        "evidence": "Onderbouwing per criterium:",
        "upto": "tot {level}:",
        "unrated": "Niet beoordeeld: {codes}.",
        "added": "Resultaatgebieden toegevoegd door (RG)-omschrijvingen:",
        "alternative": ", alternatief binnen een OF-omschrijving",
        "warnings": "Waarschuwingen:",
        "apart": "de criteria liggen meer dan één niveau uit elkaar ({low} op {lo}; "
        "{high} op {hi}): commissie-advies aangeraden",
        "span": "beoordeling als bereik ({spans}): het resultaat is het bereik {a}..{b}; "
        "kies één niveau",
        "span_same": "beoordeling als bereik ({spans}): het resultaat is hoe dan ook {level}",
        "inverted": "regel {rule!r} is hier niet monotoon: de ondergrenzen van de "
        "beoordelingen geven {level}, de bovengrenzen {other}",
        "many_unrated": "{u} van de {total} criteria niet beoordeeld ({codes}): het "
        "resultaat steunt op {k} {criteria}",
        "criterion": "criterium",
        "criteria": "criteria",
    },
    "en": {
        "head": "Family {family}: level {level} by rule {rule}.",
        "counts": "{k} of {total} criteria rated, from {low} to {high}; "
        "{agree} ({pct}%) at the result.",
        "evidence": "Evidence per criterion:",
        "upto": "up to {level}:",
        "unrated": "Not rated: {codes}.",
        "added": "Result areas added by (RG) descriptors:",
        "alternative": ", one option of an OF descriptor",
        "warnings": "Warnings:",
        "apart": "criteria are more than one level apart ({low} at {lo}; {high} at {hi}): "
        "committee review advised",
        "span": "ratings given as a span ({spans}): the result is the span {a}..{b}; "
        "decide on one level",
        "span_same": "ratings given as a span ({spans}): the result is {level} either way",
        "inverted": "rule {rule!r} is not monotone here: the lower ends of the ratings "
        "give {level}, the upper ends {other}",
        "many_unrated": "{u} of {total} criteria not rated ({codes}): the result rests on "
        "{k} {criteria}",
        "criterion": "criterion",
        "criteria": "criteria",
    },
}


def _warnings(c: Classification, lang: str) -> list[str]:
    """The warnings of *c* in *lang*, computed from its fields (so they survive JSON)."""
    w = _WORDS[lang]
    rank = {code: i for i, code in enumerate(c.scale)}
    ev = c.evidence
    out: list[str] = []
    if not ev:
        return out
    lo = min(rank[e.low] for e in ev)
    hi = max(rank[e.high] for e in ev)
    if hi - lo > 1:
        out.append(
            w["apart"].format(
                low=", ".join(e.name for e in ev if rank[e.low] == lo),
                lo=c.scale[lo],
                high=", ".join(e.name for e in ev if rank[e.high] == hi),
                hi=c.scale[hi],
            )
        )
    spans = ", ".join(f"{e.name} {e.rating}" for e in ev if e.low != e.high)
    if spans and c.level_span is not None:
        a, b = c.level_span
        if a != b:
            out.append(w["span"].format(spans=spans, a=a, b=b))
        else:
            out.append(w["span_same"].format(spans=spans, level=a))
        if c.level != a:
            out.append(w["inverted"].format(rule=c.rule, level=c.level, other=a))
    total = len(ev) + len(c.unrated)
    if c.unrated and 2 * len(c.unrated) >= total:
        out.append(
            w["many_unrated"].format(
                u=len(c.unrated),
                total=total,
                codes=", ".join(c.unrated),
                k=len(ev),
                criteria=w["criterion"] if len(ev) == 1 else w["criteria"],
            )
        )
    return out


# reading to_dict() output --------------------------------------------------

# Derived from the class, so a new field cannot be forgotten here.
_DICT_KEYS = frozenset(f.name for f in attrs.fields(Classification) if f.init)
_EVIDENCE_TYPES: dict[str, tuple[type, ...]] = {
    "criterion": (str,),
    "name": (str,),
    "low": (str,),
    "high": (str,),
    "descriptor": (str,),
    "result_area": (bool,),
    "high_descriptor": (str, type(None)),
}
_EVIDENCE_KEYS = frozenset(_EVIDENCE_TYPES)
_ADDED_TYPES: dict[str, tuple[type, ...]] = {
    "criterion": (str,),
    "level": (str,),
    "text": (str,),
    "alternative": (bool,),
}
_ADDED_KEYS = frozenset(_ADDED_TYPES)


def _check(value: Any, kind: type | tuple[type, ...], path: str) -> Any:
    if not isinstance(value, kind):
        names = " or ".join(k.__name__ for k in kind) if isinstance(kind, tuple) else kind.__name__
        raise ClassificationError(path, f"expected {names}, got {value!r}")
    return value


def _number(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ClassificationError(path, f"expected a number, got {value!r}")
    return float(value)


class _Reader:
    def __init__(self, data: Any, path: str, keys: frozenset[str]) -> None:
        if not isinstance(data, Mapping):
            raise ClassificationError(path, f"expected a table, got {type(data).__name__}")
        extra = sorted(set(data) - keys)
        if extra:
            raise ClassificationError(path, f"unknown key(s) {', '.join(map(repr, extra))}")
        self.data = data
        self.path = path

    def get(self, key: str, kind: Any) -> Any:
        if key not in self.data:
            raise ClassificationError(f"{self.path}.{key}", "required key missing")
        return _check(self.data[key], kind, f"{self.path}.{key}")

    def text(self, key: str) -> str:
        value: str = self.get(key, str)
        return value

    def strs(self, key: str) -> tuple[str, ...]:
        items = self.get(key, list)
        return tuple(_check(v, str, f"{self.path}.{key}[{i}]") for i, v in enumerate(items))

    def pair(self, key: str) -> tuple[str, str]:
        items = self.strs(key)
        if len(items) != 2:
            raise ClassificationError(f"{self.path}.{key}", f"expected 2 levels, got {len(items)}")
        return items[0], items[1]

    def opt_pair(self, key: str) -> tuple[str, str] | None:
        if self.data.get(key, ...) is None:
            return None
        return self.pair(key)

    def fields(self, types: Mapping[str, tuple[type, ...]]) -> dict[str, Any]:
        out = {}
        for key, kind in types.items():
            if key in self.data:
                out[key] = _check(self.data[key], kind, f"{self.path}.{key}")
            elif type(None) not in kind and kind != (bool,):
                raise ClassificationError(f"{self.path}.{key}", "required key missing")
        return out
