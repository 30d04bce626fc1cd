"""The classification engine: the per-family index and :func:`classify`."""

from __future__ import annotations

import operator
import os
import sys
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import itemgetter as _ranks_of
from typing import Any

from .._errors import (
    JobArchitectureError,
    RatingError,
    RuleError,
    UnknownCriterionError,
    UnknownLevelError,
    closest,
    listed,
    shown,
    typed,
)
from .._model import Criterion, Descriptor, Family, Join, Level, _norm
from . import _result, _rules
from ._result import (
    SPAN_SEPARATOR,
    AddedResultArea,
    Classification,
    Evidence,
    Rating,
    _warning_lines,
)
from ._rules import Rule, _LowerMedian

#: Cells of table input (``classify-batch``'s CSV and ``.xlsx``,
#: :func:`~jobarchitecture.classify_table`'s DataFrames) that HR spreadsheets
#: write for "not applicable": *n.v.t.* / *nvt* (niet van toepassing), *s.o.*
#: (sans objet), *n/a*, *n.a.* and dashes. Compared after stripping and case
#: folding, each is read as an empty cell (not rated), unless the family has a
#: level of that name. :func:`~jobarchitecture.classify` itself takes none of
#: them: a caller in Python writes None.
NOT_APPLICABLE: frozenset[str] = frozenset(
    {"-", "\u2013", "\u2014", "n.v.t.", "nvt", "n/a", "n.a.", "s.o."}
)
#: The markers as compared: without their dots, slashes and spaces, so that
#: "N.V.T", "nvt." and "n. v. t." are the n.v.t. people meant.
_NOT_APPLICABLE_KEYS = frozenset(m.replace(".", "").replace("/", "") for m in NOT_APPLICABLE)


# the family index ----------------------------------------------------------


class _Plan:
    """Everything classify needs from one family, computed once."""

    __slots__ = (
        "__weakref__",
        "apart",
        "code",
        "codes",
        "crit_codes",
        "crit_index",
        "crit_names",
        "crit_names_nl",
        "crit_set",
        "criteria",
        "default",
        "evidence",
        "family_rule",
        "fast",
        "hits",
        "in_order",
        "level_rank",
        "m",
        "mid",
        "n",
        "ones",
        "rank_get",
        "ref",
        "remember",
        "results",
        "scale",
        "table",
        "unit",
        "warned",
        "weight_pairs",
        "weights",
    )

    def __init__(self, family: Family, ref: weakref.ref[Family] | None = None) -> None:
        # Given by _plan, whose callback forgets the index with its family.
        self.ref = weakref.ref(family) if ref is None else ref
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
        # Raters may name a criterion in any language: Dutch names first, then
        # French and English, so a translation never shadows a Dutch name.
        for lang in ("nl", "fr", "en"):
            for i, c in enumerate(self.criteria):
                name = getattr(c.name, lang)
                if name is not None:
                    names.setdefault(_norm(name), i)
        for i, c in enumerate(self.criteria):
            names[_norm(c.code)] = i  # codes win over names
        self.crit_names = names
        self.crit_names_nl = tuple(c.name.nl for c in self.criteria)
        self.crit_set = frozenset(self.crit_codes)
        # A complete rating set's values in the family's order, in one C call that
        # also checks the keys (with len == m, a KeyError unless exactly the codes);
        # itemgetter of one key gives a bare value, so only for two or more.
        self.in_order = _ranks_of(*self.crit_codes) if self.m > 1 else None
        self.mid = (self.m - 1) // 2
        # What classify's fast path reads, once the family's own rule is known to
        # be the lower median (and the family has two criteria or more); else None.
        self.fast: (
            tuple[
                Callable[[Mapping[str, Any]], tuple[Any, ...]],
                int,
                dict[tuple[Any, ...], Classification],
                dict[str, int],
                tuple[str, ...],
                int,
                tuple[str, ...],
                Rule,
            ]
            | None
        ) = None
        # The "apart" warning's fixed pieces around the level codes, made on first use.
        self.apart: tuple[str, tuple[str, ...], tuple[str, ...]] | None = None
        self.rank_get = self.level_rank.__getitem__
        self.weights = tuple(float(c.weight) for c in self.criteria)
        self.unit = all(w == 1.0 for w in self.weights)
        # Unit weights per number of rated criteria, made on first use: made for
        # every count up front they were quadratic in criteria.
        self.ones: dict[int, tuple[float, ...]] = {}
        self.weight_pairs = tuple(zip(self.crit_codes, self.weights, strict=True))
        self.family_rule = family.rule
        self.default: Rule | None = None
        # Evidence depends only on (criterion, low, high): made once, shared by results.
        self.evidence: dict[tuple[int, int, int], tuple[Evidence, tuple[AddedResultArea, ...]]] = {}
        self.warned: dict[tuple[Any, ...], tuple[str, ...]] = {}
        # Results of the default rule per exact rating pattern (classify's fast path).
        # Keyed by the values in the family's order for a complete rating set, else
        # by (criteria, values) as given. Cleared in place, never replaced: the
        # fast tuple (self.fast) holds it.
        self.results: dict[tuple[Any, ...], Classification] = {}
        # Whether remembering pays for this family, and the hits since the last full round.
        self.remember = True
        self.hits = 0
        # table[i][rank]: (descriptor, its text, RG) of criterion i at that level.
        self.table = [self._row(c, self.codes) for c in self.criteria]

    @staticmethod
    def _row(
        criterion: Criterion, codes: Sequence[str]
    ) -> list[tuple[Descriptor | None, str, bool]]:
        # One pass over the descriptors, not Criterion.at per level: that scans
        # them all for each level, quadratic in levels (121 ms at 1,000 levels).
        # The first descriptor naming a level covers it, as in Criterion.at.
        covering: dict[str, tuple[Descriptor | None, str, bool]] = {}
        for d in criterion.descriptors:
            entry = None
            for code in d.levels:
                if code not in covering:
                    if entry is None:
                        entry = (d, d.text("nl"), d.result_area)
                    covering[code] = entry
        # A valid family covers every level; an invalid one still classifies.
        missing: tuple[Descriptor | None, str, bool] = (None, "", False)
        return [covering.get(code, missing) for code in codes]

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
            if type(self.default) is _LowerMedian and self.in_order is not None:
                self.fast = (
                    self.in_order,
                    self.m,
                    self.results,
                    self.level_rank,
                    self.codes,
                    self.mid,
                    self.crit_codes,
                    self.default,
                )
        return self.default

    def criterion(self, key: str) -> int:
        i = self.crit_index.get(key)
        if i is None:
            i = self.crit_names.get(_norm(key))
        if i is None:
            names = {name: self.crit_codes[j] for name, j in self.crit_names.items()}
            hint = closest(key, names, _norm, answer=names)
            raise UnknownCriterionError(key, self.crit_codes, hint)
        return i

    def level(self, ci: int, value: str | Level) -> int:
        name = value.code if isinstance(value, Level) else value
        if not isinstance(name, str):
            raise RatingError(
                f"rating of criterion {self.crit_codes[ci]!r} must name levels (got {typed(name)})",
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

    def not_applicable(self, cell: str) -> bool:
        """Whether the table cell *cell* is a marker of :data:`NOT_APPLICABLE` that
        names no level of the family (a level so named keeps its name)."""
        return (
            "".join(cell.casefold().replace(".", "").replace("/", "").split())
            in _NOT_APPLICABLE_KEYS
            and cell not in self.level_rank
            and self.scale.find(cell) is None
        )

    def span(self, ci: int, low: str | Level, high: str | Level) -> tuple[int, int]:
        lo, hi = self.level(ci, low), self.level(ci, high)
        if hi < lo:
            raise self.backwards(self.crit_codes[ci], lo, hi)
        return lo, hi

    def backwards(self, code: str, lo: int, hi: int) -> RatingError:
        """The error of a span written highest first, saying how to write it."""
        a, b = self.codes[lo], self.codes[hi]
        return RatingError(
            f"span {a}{SPAN_SEPARATOR}{b} of criterion {code!r} runs backwards ({b} is below "
            f"{a}): write the lower level first, {b}{SPAN_SEPARATOR}{a}",
            code,
        )

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
                    low, _, high = (part.strip() for part in value.partition(SPAN_SEPARATOR))
                    if not low or not high:
                        # "..B" would otherwise be "unknown level ''".
                        end = "lower" if not low else "upper"
                        raise RatingError(
                            f"span {shown(value)} of criterion {code!r} has no {end} level: "
                            f"write both ends, as in {self.codes[0]}{SPAN_SEPARATOR}"
                            f"{self.codes[-1]}",
                            code,
                        )
                    return self.span(ci, low, high)
                rank = self.level(ci, value)
            return rank, rank
        if isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
            items = list(value)
            if not items:
                raise RatingError(f"rating of criterion {code!r} is an empty span", code)
            ranks = [self.level(ci, v) for v in items]
            lo, hi = ranks[0], ranks[-1]
            # Three levels or more list the span: checked first, since "write the lower
            # level first, hi..lo" is wrong advice for (C, B, D).
            if len(ranks) > 2 and ranks != list(range(lo, lo + len(ranks))):
                given = listed([self.codes[r] for r in ranks])  # cut after a few
                raise RatingError(
                    f"span ({given}) of criterion {code!r} is not adjacent levels, lowest first",
                    code,
                )
            if hi < lo:
                raise self.backwards(code, lo, hi)
            return lo, hi
        raise RatingError(
            f"rating of criterion {code!r} must be a level, a 'low..high' string or a "
            f"(low, high) pair (got {typed(value)})",
            code,
        )

    def weight_vector(self, weights: Mapping[Any, Any]) -> tuple[float, ...]:
        if not isinstance(weights, Mapping):
            raise RatingError(
                f"'weights' must map criteria to numbers (got {type(weights).__name__})"
            )
        import math  # a shared library: only weights given by the caller need it

        out = list(self.weights)
        for key, value in weights.items():
            if not isinstance(key, str):
                raise RatingError(f"weights name criteria by strings (got {typed(key)})")
            i = self.criterion(key)
            try:
                finite = isinstance(value, int | float) and math.isfinite(value)
            except OverflowError:  # an int beyond a float's range
                finite = False
            if isinstance(value, bool) or not finite or value < 0:
                code = self.crit_codes[i]
                raise RatingError(
                    f"weight of criterion {code!r} must be a finite number >= 0 (got {shown(value)})",
                    code,
                )
            out[i] = float(value)
        return tuple(out)


_PLANS: dict[int, _Plan] = {}
#: The plan classify() used last: a batch classifies one family call after call,
#: and checking this one costs 0.1x the fair baseline less than the id() and the
#: dict lookup of _PLANS. Dropped with its family, as _PLANS's entry is.
_last: _Plan | None = None


def _plan(family: Family | str | os.PathLike[str]) -> _Plan:
    """The index of *family*, built on first use and dropped when the family is."""
    plan = _PLANS.get(id(family))
    if plan is not None and plan.ref() is family:
        return plan
    if not isinstance(family, Family):
        from .._resolve import as_family

        family = as_family(family)
        plan = _PLANS.get(id(family))
        if plan is not None and plan.ref() is family:
            return plan
    key = id(family)

    def forget(ref: weakref.ref[Family]) -> None:
        global _last
        if (p := _PLANS.get(key)) is not None and p.ref is ref:
            del _PLANS[key]
        if _last is not None and _last.ref is ref:
            _last = None

    # Keyed by identity: hashing a family hashes all of it, on every call.
    plan = _Plan(family, weakref.ref(family, forget))
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
_UNWEIGHTED = frozenset(type(r) for r in _rules.BUILTINS.values() if not r.weighted)


def _checked(rule: Rule, rank: Any, n: int) -> int:
    # A third-party rule may return a numpy integer; anything else is a bug in it.
    try:
        value = operator.index(rank)
    except TypeError:
        value = -1
    if not 0 <= value < n or isinstance(rank, bool):
        # Named by its distribution, as a rule that raises is (_rules.call): the
        # user running `classify` did not write the rule and must know whose it is.
        raise RuleError(
            rule.name,
            f"returned {rank!r}, expected a level rank from 0 to {n - 1}",
            _rules.origin_of(rule),
        )
    return value


def _rule_rank(
    plan: _Plan,
    rule: Rule,
    lows: tuple[int, ...],
    keys: tuple[str, ...],
    wvec: tuple[float, ...] | None,
) -> int:
    """The rank *rule* gives the exact-code ratings *keys* rated *lows*, with their weights."""
    k = len(lows)
    if wvec is None and plan.unit:
        weights: Sequence[float] | None = plan.ones.get(k)
        if weights is None:
            weights = plan.ones[k] = (1.0,) * k
    else:
        wv = plan.weights if wvec is None else wvec
        index = plan.crit_index
        weights = [wv[index[c]] for c in keys]
    if type(rule) in _TRUSTED:
        return rule(lows, weights)
    return _checked(rule, _rules.call(rule, lows, weights), plan.n)


def _set_head(c: Classification, family: str, span: tuple[str, str] | None, rule: str) -> None:
    _set_family(c, family)
    _set_span(c, span)
    _set_rule(c, rule)


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
            # All ranks in one C call; itemgetter of one key gives a bare value.
            values = ratings.values()
            if len(values) > 1:
                lows = _ranks_of(*values)(plan.level_rank)
            else:
                lows = tuple(map(plan.rank_get, values))
        except (KeyError, TypeError):
            pass
        else:
            k = len(lows)
            if k and (not complete or k == plan.m):
                kind = type(rule)
                if kind is _LowerMedian:
                    # The default rule, inline: calling it costs as much as the sort.
                    rank = sorted(lows)[(k - 1) // 2]
                elif kind in _UNWEIGHTED and wvec is None:
                    rank = rule(lows, ())  # the other built-ins ignore the weights
                else:
                    rank = _rule_rank(plan, rule, lows, tuple(ratings), wvec)
                c = _new(Classification)
                _set_level(c, plan.codes[rank])
                # family, level_span and rule wait in _lazy too (_fill_head): with
                # exact codes and a built-in rule they are the family's code, None
                # and the rule's name; two slots set instead of five.
                _set_lazy(c, (plan, tuple(ratings), lows, None, wvec, rule, None))
                if kind not in _TRUSTED:
                    _set_head(c, plan.code, None, rule.name)
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
            raise RatingError(f"criteria are named by strings (got {typed(key)})")
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
    rank = (
        rule(lows, weights) if trusted else _checked(rule, _rules.call(rule, lows, weights), plan.n)
    )
    span: tuple[str, str] | None = None
    spans = lows != highs
    if spans:
        high = (
            rule(highs, weights)
            if trusted
            else _checked(rule, _rules.call(rule, highs, weights), plan.n)
        )
        span = (plan.codes[min(rank, high)], plan.codes[max(rank, high)])
    c = _new(Classification)
    _set_level(c, plan.codes[rank])
    _set_head(c, plan.code, span, rule.name)
    keys = tuple(plan.crit_codes[i] for i in index)
    _set_lazy(c, (plan, keys, tuple(lows), tuple(highs) if spans else None, wvec, rule, None))
    return c


def _fill(c: Classification, lazy: tuple[Any, ...]) -> None:
    """Compute the evidence, spread, agreement, unrated, added areas and warnings."""
    plan: _Plan
    plan, keys, lows, highs, wvec, _ = lazy[:6]
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
    if len(lazy) < 8:  # not read before
        c.warnings  # noqa: B018 (worded and kept by the read)


def _fill_head(c: Classification, lazy: tuple[Any, ...]) -> None:
    """Set the family, level span and rule that the fast path left in *lazy*."""
    plan: _Plan = lazy[0]
    _set_head(c, plan.code, None, lazy[5].name)


#: Warnings remembered per family index, at most this many rating patterns.
_WARNED_MAX = 4096
#: Results of the default rule remembered per family index, at most this many.
_RESULTS_MAX = 4096


def _fill_warnings(c: Classification, lazy: tuple[Any, ...]) -> tuple[str, ...]:
    """Compute the warnings alone, from the ranks: no evidence, no per-call rank table.

    For any result but those of classify's fast path (worded by
    ``Classification.warnings`` itself). A batch repeats few rating patterns (3
    levels and 7 criteria make 2,187), so the warnings are remembered per
    pattern, as evidence is; the key holds all they depend on. Without spans
    that is the rated criteria and their ranks alone: the level, span and rule
    are worded only for span ratings.
    """
    plan: _Plan
    plan, keys, lows, highs, _, rule = lazy[:6]
    trusted = type(rule) in _TRUSTED
    if highs is None:
        memo_key: tuple[Any, ...] = (keys, lows)
        level_span = None
        rule_name = rule.name if trusted else c.rule
    else:
        level_span = c.level_span
        rule_name = c.rule
        memo_key = (keys, lows, highs, c.level, level_span, rule_name)
    worded = plan.warned.get(memo_key)
    if worded is None:
        worded = _word_warnings(plan, keys, lows, highs, c.level, level_span, rule_name)
        if len(plan.warned) >= _WARNED_MAX:
            plan.warned.clear()  # bounded: a stream of ever new patterns stays small
        plan.warned[memo_key] = worded
    # Kept where Classification.warnings looks first; the family, span and rule
    # the fast paths left empty stay so until read (_fill_head), as there.
    _set_lazy(c, lazy + (worded,))  # noqa: RUF005 (a third cheaper than unpacking)
    return worded


def _word_warnings(
    plan: _Plan,
    keys: tuple[str, ...],
    lows: Sequence[int],
    highs: Sequence[int] | None,
    level: str,
    level_span: tuple[str, str] | None,
    rule: str,
) -> tuple[str, ...]:
    unrated = plan.m - len(keys)  # rated keys are distinct criteria (checked by classify)
    spans = highs is not None
    # What every warning depends on, checked before anything is built.
    if (
        max(highs if highs is not None else lows) - min(lows) <= 1
        and not (spans and level_span is not None)
        and not (unrated and 2 * unrated >= plan.m)
    ):
        return ()
    index = plan.crit_index
    ordered = sorted(
        zip(map(index.__getitem__, keys), lows, highs if highs is not None else lows, strict=True)
    )
    names = plan.crit_names_nl
    rated = [(names[i], lo, hi) for i, lo, hi in ordered]
    given = {i for i, _, _ in ordered}
    missing = tuple(code for i, code in enumerate(plan.crit_codes) if i not in given)
    return tuple(_warning_lines("en", plan.codes, rated, level, level_span, rule, missing))


_result._ENGINE[:] = [sys.modules[__name__]]


def classify(
    family: Family | str | os.PathLike[str],
    ratings: Mapping[str, Any],
    rule: str | Rule | None = None,
    *,
    complete: bool = False,
    weights: Mapping[str, float] | None = None,
) -> Classification:
    """Classify a function of *family* from its criterion ratings.

    Args:
        family: The job family (a valid one; see :func:`validate`), an installed
            family's code, or the path of a family file.
        ratings: Criterion (code or name, any case) to rating: a level by code,
            name or alias, any case (``"C"``, ``"waarde 2"``, ``"13/14"``); a span
            of adjacent levels as ``"C..B"``, ``("C", "B")`` or a :class:`Rating`;
            or None / ``""`` for not rated.
        rule: A rule name (see :func:`rule_names`), a :class:`Rule`, or None for
            the family's preferred rule, else ``"lower_median"``.
        complete: Require a rating for every criterion.
        weights: Criterion to weight, overriding the family's weights (>= 0);
            only for a rule that reads weights (``weighted``).

    Returns:
        The :class:`Classification`; its evidence is computed on first access.
        Results are immutable, and the same rating pattern may give the same
        object again (results are remembered per pattern, as the warnings are).

    Raises:
        UnknownCriterionError: a criterion is unknown (lists codes and the closest).
        UnknownLevelError: a level is unknown (lists codes and the closest).
        RatingError: nothing rated, incomplete with *complete*, a criterion rated
            twice, a backwards span, a bad weight, weights for a rule that ignores
            them, or a value of the wrong type.
        UnknownRuleError: no rule has that name.
        RuleError: a third-party rule is broken or returned a non-rank.
    """
    global _last
    plan = _last
    if plan is None or plan.ref() is not family:
        _last = plan = _plan(family)
    # The commonest call, inline (the call of _run alone cost a tenth of the
    # fair baseline in bench/bench_classify.py): the family's rule is the lower
    # median, every criterion rated by exact codes. Its result depends on the
    # rating pattern alone and is immutable, so it is remembered per pattern: a
    # batch repeats few patterns (3 levels and 7 criteria make 2,187).
    if rule is None and weights is None and type(ratings) is dict:
        fast = plan.fast
        if fast is None and plan.default is None:
            plan.default_rule()  # on a family's first call: sets plan.fast
            fast = plan.fast
        if fast is not None:
            # One unpacking instead of an attribute read per use (about 0.05x of
            # the fair baseline). plan.remember changes, so it is read each time.
            in_order, m, results, rank, codes, mid, criteria, default = fast
            if len(ratings) == m:
                # The values in the family's order are the whole pattern and the
                # memo's key; with len == m, in_order is also the key check (a
                # KeyError unless exactly the codes), and the criteria are the
                # plan's own tuple.
                remember = plan.remember
                try:
                    values = in_order(ratings)
                    found = results.get(values) if remember else None
                    if found is None:
                        lows = _ranks_of(*values)(rank)
                except (KeyError, TypeError):  # not exactly the codes; a span, a Level
                    return _run(plan, ratings, default, complete, None)
                if found is not None:
                    plan.hits += 1
                    return found
                c = _new(Classification)
                ranked = sorted(lows)
                _set_level(c, codes[ranked[mid]])
                # The sorted ranks too (a seventh item): the warnings' lowest and
                # highest rank, for which min and max cost half the fair baseline.
                _set_lazy(c, (plan, criteria, lows, None, None, default, ranked))
                if remember:
                    if len(results) < _RESULTS_MAX:
                        results[values] = c
                    else:
                        _remember(plan, values, c)
                return c
    if rule is None:
        r = plan.default if plan.default is not None else plan.default_rule()
    elif type(rule) is str:
        r = _rules.get_rule(rule)
    else:
        r = _rules.resolve_rule(rule)
    if weights is not None:
        return _run(plan, ratings, r, complete, _weights(plan, r, weights))
    # The lower median of exact codes otherwise: remembered per (criteria, values).
    if type(r) is _LowerMedian and type(ratings) is dict and len(ratings) > 1:
        key = (tuple(ratings), tuple(ratings.values()))
        found = None
        if plan.remember:
            try:
                found = plan.results.get(key)
            except TypeError:  # an unhashable value, such as a list span
                return _run(plan, ratings, r, complete, None)
            if found is not None:
                plan.hits += 1
                if not complete or len(key[0]) == plan.m:
                    return found
        if found is None and plan.crit_set.issuperset(ratings):
            try:
                lows = _ranks_of(*key[1])(plan.level_rank)
            except (KeyError, TypeError):
                pass
            else:
                k = len(lows)
                c = _new(Classification)
                _set_level(c, plan.codes[sorted(lows)[(k - 1) // 2]])
                _set_lazy(c, (plan, key[0], lows, None, None, r, None))
                if plan.remember:
                    _remember(plan, key, c)
                if not complete or k == plan.m:
                    return c
    return _run(plan, ratings, r, complete, None)


def _remember(plan: _Plan, key: tuple[Any, ...], c: Classification) -> None:
    """Remember *c* for its rating pattern *key*, bounded; stop when patterns seldom repeat."""
    results = plan.results
    if len(results) >= _RESULTS_MAX:
        # A miss costs about 0.8x the fair baseline of bench/bench_classify.py (building,
        # hashing and storing its key): after a full round with fewer hits than a quarter
        # of what it stored, this family's patterns do not repeat enough to pay for it.
        if 4 * plan.hits < len(results):
            plan.remember = False
        results.clear()  # bounded, as the remembered warnings are
        plan.hits = 0
        if not plan.remember:
            return
    results[key] = c


def _weights(plan: _Plan, rule: Rule, weights: Mapping[str, float]) -> tuple[float, ...]:
    # Silently ignored weights would look like they counted; a rule that says it
    # does not read them (the built-ins other than `weighted`) refuses them.
    if getattr(rule, "weighted", None) is False:
        name = getattr(rule, "name", type(rule).__name__)
        raise RatingError(
            f"rule {name!r} does not use weights; pass weights only with a rule that "
            "does (e.g. 'weighted')"
        )
    return plan.weight_vector(weights)


def classify_many(
    family: Family | str | os.PathLike[str],
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
        TypeError: *rows* is not iterable (at the call).
    """
    plan = _plan(family)
    r = plan.default_rule() if rule is None else _rules.resolve_rule(rule)
    wvec = None if weights is None else _weights(plan, r, weights)
    try:
        rows = iter(rows)
    except TypeError:
        # At the call, naming the argument: iterating it later says only "'NoneType'
        # object is not iterable", from inside the generator.
        raise TypeError(
            f"'rows' must be an iterable of rating mappings (got {type(rows).__name__})"
        ) from None
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
