"""The result of a classification: :class:`Classification` and its parts, in words and as data."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .._errors import (
    CLASSIFICATION_SOURCE,
    ClassificationError,
    Problem,
    RatingError,
    UnknownLevelError,
    capped,
    listed,
    shown,
)
from .._model import Criterion, Descriptor, Family, Level, Scale, check_lang
from . import _rules
from ._rules import Rule

if TYPE_CHECKING:
    from ._change import Change

#: Separates the ends of a span written as one string: ``"C..B"``.
SPAN_SEPARATOR = ".."


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


#: The engine module, whose _fill and _fill_warnings fill a result's lazy fields.
#: Set by the engine when it is imported (it imports this module, so it cannot
#: be imported from here), which is before any result with lazy fields exists:
#: an import statement per read cost about 1 us.
_ENGINE: list[Any] = []

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
#: The fields the fast path also leaves empty: known from the family and rule.
_HEAD = frozenset({"family", "level_span", "rule"})


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
        warnings: Reasons for a human to look again (English, with the
            criteria's Dutch names; :meth:`explain` gives them in Dutch, French
            or English): criteria more than one level apart (committee review
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
            # self._lazy is always set (None unless classify() made the result);
            # read as a slot, it costs a third of object.__getattribute__.
            # (warnings are read through _Warnings, below: never an empty slot)
            if name in _LAZY or name in _HEAD:
                lazy = self._lazy
                if lazy is not None:
                    engine = _ENGINE[0]
                    fill = engine._fill_head if name in _HEAD else engine._fill
                    fill(self, lazy)
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

    @property
    def warning_codes(self) -> tuple[str, ...]:
        """One stable code per warning, in the order of :attr:`warnings`.

        The codes are the same in every language: ``apart`` (criteria more than one level apart),
        ``span`` (a span rating gives a span of levels), ``span_same`` (a span
        rating gives one level either way), ``inverted`` (the rule is not
        monotone for these spans) or ``unrated`` (half or more unrated)."""
        # Decided as the warnings are, without wording them (wording them again
        # tripled to_dict()), from the ranks classify() left when it did.
        lazy = self._lazy
        if lazy is not None:
            plan, keys, lows, highs = lazy[:4]
            spanned = highs is not None and any(a != b for a, b in zip(lows, highs))  # noqa: B905
            width = max(lows if highs is None else highs) - min(lows)
            rated, unrated = len(keys), plan.m - len(keys)
        else:
            evidence = self.evidence
            if not evidence:
                return ()
            rank = {code: i for i, code in enumerate(self.scale)}
            spanned = any(e.low != e.high for e in evidence)
            width = max(rank[e.high] for e in evidence) - min(rank[e.low] for e in evidence)
            rated, unrated = len(evidence), len(self.unrated)
        return _warning_kinds(width, spanned, self.level, self.level_span, rated, unrated)

    def to_dict(
        self, lang: str | None = None, family: Family | str | os.PathLike[str] | None = None
    ) -> dict[str, Any]:
        """The classification as JSON-safe data; :meth:`from_dict` reads it back equal.

        Args:
            lang: None (default): ``warnings`` as :attr:`warnings` holds them
                (English). ``nl``, ``fr`` or ``en``: worded in that language,
                as :meth:`explain` words them (criterion names from *family*
                where it has them); read back, a result then carries those words.
                ``warning_codes`` and every other code are the same in any language.
            family: The family for the names, as :meth:`explain` takes it.

        Raises:
            LanguageError: *lang* is not None, ``nl``, ``fr`` or ``en``.
            ValueError: with *lang*, *family* is another family than the one classified.
        """
        if lang is None:
            warnings = list(self.warnings)
        else:
            name = _Localiser(self, check_lang(lang), family).name
            warnings = [text for _, text in _warning_items_of(self, lang, name)]
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
            "warnings": warnings,
            "warning_codes": list(self.warning_codes),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Classification:
        """Read a classification written by :meth:`to_dict` (e.g. after ``json.loads``).

        Every part is checked, so that one error lists every problem at once.

        Raises:
            ClassificationError: keys are missing or unknown, or values have the
                wrong type; its :attr:`~ClassificationError.problems` name each
                one's path (``$.evidence[2].low: expected str, got 3``).
        """
        problems: list[Problem] = []
        r = _Reader(data, "$", _DICT_KEYS, problems)
        if r.data is None:
            raise ClassificationError(problems)
        if "warning_codes" in r.data:
            r.strs("warning_codes")
        fields = {
            "family": r.text("family"),
            "level": r.text("level"),
            "level_span": r.opt_pair("level_span"),
            "rule": r.text("rule"),
            "scale": r.strs("scale"),
            "weights": r.weights("weights"),
            "evidence": r.tables("evidence", Evidence, _EVIDENCE_TYPES),
            "spread": r.pair("spread"),
            "agreement": r.number("agreement"),
            "unrated": r.strs("unrated"),
            "added_result_areas": r.tables("added_result_areas", AddedResultArea, _ADDED_TYPES),
            "warnings": r.strs("warnings"),
        }
        _check_consistent(fields, r)
        if problems:
            from .._limits import Limits  # only on the error path

            limit = Limits.from_env().max_problems
            raise ClassificationError(capped(problems, limit, CLASSIFICATION_SOURCE))
        return cls(**fields)

    # words ----------------------------------------------------------------

    def explain(
        self, lang: str = "nl", family: Family | str | os.PathLike[str] | None = None
    ) -> str:
        """The classification in words, in Dutch (``nl``), French (``fr``) or English (``en``).

        Fixed wording is wholly in *lang*. Criterion names (the rated, the
        unrated and those that add result areas alike), descriptors and
        result areas come from the family in *lang* where it has them, and fall
        back to Dutch item by item: from *family*, else from the family this
        result was classified with, else from the installed family of that
        code; a result read back with :meth:`from_dict` and no such family
        shows the Dutch text it carries (and the unrated criteria's codes). *family* may be given as a
        :class:`Family`, a family code or a file path, as to :func:`classify`.

        Raises:
            LanguageError: *lang* is not one of ``nl``, ``fr``, ``en``.
            ValueError: *family* is another family than the one classified.
            UnknownFamilyError, TypeError: *family* names no family, or is none
                of a Family, a code or a path.
        """
        w = _WORDS[check_lang(lang)]
        words = _Localiser(self, lang, family)
        k = len(self.evidence)
        total = k + len(self.unrated)
        agree = round(self.agreement * k)
        level = self.level
        # The agreement counts the ratings that hold self.level: with a result
        # C..B, "at the result" would leave the reader to guess which end.
        share = w["share"]
        if self.level_span is not None and self.level_span[0] != self.level_span[1]:
            level = f"{self.level_span[0]}{SPAN_SEPARATOR}{self.level_span[1]}"
            share = w["share_low"]
        lazy = self._lazy
        summary = _rules.describe(lazy[5] if lazy is not None else self.rule, lang)
        rule = repr(self.rule) + (f" ({summary})" if summary else "")
        low, high = self.spread
        spread = "range" if low != high else "range_one" if k == 1 else "range_same"
        # The name people know the family by, with the code tools take.
        named = words.family
        called = self.family if not named or named == self.family else f"{named} ({self.family})"
        lines = [
            w["head"].format(family=called, level=level, rule=rule),
            w["count_one" if k == 1 else "counts"].format(
                k=k,
                total=total,
                # "from C to C" reads as a mistake when every rating is the same level.
                range=w[spread].format(low=low, high=high),
                share=share.format(agree=agree, pct=round(100 * self.agreement), level=self.level),
            ),
            "",
            w["evidence"],
        ]
        for e in self.evidence:
            lines.append(f"- {words.name(e)}{w['colon']} {e.rating}")
            text = words.descriptor(e.criterion, e.low, e.descriptor)
            lines.extend(f"    {line}" for line in text.splitlines())
            if e.high_descriptor is not None:
                lines.append(f"  {w['upto'].format(level=e.high)}")
                text = words.descriptor(e.criterion, e.high, e.high_descriptor)
                lines.extend(f"    {line}" for line in text.splitlines())
        # Named as the evidence above names them: prose, not the codes a table lists.
        unrated = words.names(self.unrated)
        if unrated:
            lines += ["", w["unrated"].format(codes=", ".join(unrated))]
        if self.added_result_areas:
            lines += ["", w["added"]]
            for a in self.added_result_areas:
                extra = w["alternative"] if a.alternative else ""
                (name,) = words.names((a.criterion,))
                # A clause of two sentences on two lines stays inside its item.
                text = words.clause(a).replace("\n", "\n  ")
                lines.append(f"- {text} ({name}, {a.level}{extra})")
        warnings = _warnings(self, lang, words.name, unrated)
        if warnings:
            lines += ["", w["warnings"]]
            lines.extend(f"- {line}" for line in warnings)
        return "\n".join(lines)

    # what if --------------------------------------------------------------

    def to_reach(self, target: str | Level) -> tuple[Change, ...]:
        """The smallest change of ratings that makes the rule give *target*.

        A change sets one criterion, rated or not, to a single level. With span
        ratings, the target counts as reached when the lower and the upper ends
        both give it. "Smallest" means, in this order: the fewest level steps
        in total (a rating moved from *r* to *v* is ``|r - v|`` steps; a span
        ``lo..hi`` set to *v* is ``(|lo - v| + |hi - v|) / 2``; rating an
        unrated criterion is one step); then the fewest criteria changed; then
        the earliest criteria in the family's order. Exact and polynomial for
        every built-in rule, span ratings included, except ``mode`` with spans
        over three or more levels; those, and third-party rules, are searched
        exhaustively (see ``SEARCH_BUDGET``).

        Args:
            target: A level code of the family's scale (any case), or a Level.

        Returns:
            The changes in the family's criterion order; empty when the result
            already is *target*.

        Raises:
            UnknownLevelError: *target* is not a level of the scale.
            RatingError: no change of ratings makes the rule give *target*.
            RuleError: an exhaustive search would exceed ``SEARCH_BUDGET``.
        """
        # The search is imported by its first caller: a cold classify needs none of it.
        from ._reach import _target_rank

        scale = self.scale
        lazy = self._lazy
        if lazy is not None and not isinstance(target, Level):
            target = lazy[0].scale.level(target)  # any name ratings accept (Scale.level)
        t = _target_rank(scale, target)
        rule: Rule = lazy[5] if lazy is not None else _rules.get_rule(self.rule)
        codes = [c for c, _ in self.weights]
        weights = [w for _, w in self.weights]
        rank = {code: i for i, code in enumerate(scale)}
        pos = {c: i for i, c in enumerate(codes)}
        current: list[tuple[int, int] | None] = [None] * len(codes)
        for e in self.evidence:
            current[pos[e.criterion]] = (rank[e.low], rank[e.high])
        chosen = smallest_change(current, weights, rule, t, len(scale))
        from ._change import Change  # created by its first caller too (0.3 ms)

        if chosen is None:
            raise RatingError(
                f"no change of ratings makes rule {self.rule!r} give level {scale[t]!r}"
            )

        def written(cur: tuple[int, int] | None) -> str | None:
            return None if cur is None else str(Rating(scale[cur[0]], scale[cur[1]]))

        return tuple(
            Change(codes[i], written(current[i]), scale[chosen[i]]) for i in sorted(chosen)
        )


class _Warnings:
    """The ``warnings`` field of :class:`Classification`, read without an empty slot.

    classify() leaves the warnings to be worded on first read, and batch output
    reads them alone. Behind an empty slot that first read made CPython raise and
    catch an AttributeError before ``__getattr__`` ran: 0.6-0.9x of the fair
    baseline in bench/bench_classify.py, as much as wording them. Here the
    state says whether they are worded: a result from classify() keeps them as
    the eighth item of its lazy state, any other (the constructor, from_dict)
    in the slot. A read costs a Python call (about 0.1x) instead of a slot read.
    """

    __slots__ = ("_get", "_set", "slot")

    def __init__(self, slot: Any) -> None:
        self.slot = slot
        self._get = slot.__get__
        self._set = slot.__set__

    def __get__(self, obj: Classification | None, cls: type | None = None) -> Any:
        if obj is None:
            return self.slot  # the class's attribute, as attrs and autodoc expect
        lazy = obj._lazy
        if lazy is None:
            return self._get(obj)
        if len(lazy) > 7:
            return lazy[7]
        ranked: list[int] | None = lazy[6]
        if ranked is None:
            return _ENGINE[0]._fill_warnings(obj, lazy)
        # classify's fast path: every criterion rated by exact codes, no spans, the
        # lower median, the ranks kept sorted. The only warning there can be is
        # "apart", worded here as _warning_lines words it, without its generators
        # and format: inline, since a call cost a tenth of the fair baseline.
        lo = ranked[0]
        hi = ranked[-1]
        if hi - lo <= 1:
            found: tuple[str, ...] = ()
        else:
            plan = lazy[0]
            pieces = plan.apart
            if pieces is None:
                pieces = plan.apart = _apart_pieces(plan.codes)
            head, at_lo, at_hi = pieces
            # One loop for both ends: cheaper than two joins over compress(map(...)),
            # two comprehensions or bytes.translate masks (bench/README.md).
            low: list[str] = []
            high: list[str] = []
            # Equal lengths by construction; strict=True cost a fifth of the wording.
            for name, rank in zip(plan.crit_names_nl, lazy[2]):  # noqa: B905
                if rank == lo:
                    low.append(name)
                elif rank == hi:
                    high.append(name)
            found = (f"{head}{', '.join(low)}{at_lo[lo]}{', '.join(high)}{at_hi[hi]}",)
        # The family, span and rule stay empty until read (_fill_head): setting
        # them here cost 0.25x the fair baseline, for reads that seldom follow.
        _set_lazy(obj, lazy + (found,))  # noqa: RUF005 (a third cheaper than unpacking)
        return found

    def __set__(self, obj: Classification, value: Any) -> None:
        self._set(obj, value)  # the constructor's; frozen results refuse it before


_set_lazy = Classification.__dict__["_lazy"].__set__
# Replaces the slot's member descriptor in the class (kept as _Warnings.slot).
type.__setattr__(Classification, "warnings", _Warnings(Classification.__dict__["warnings"]))


def _apart_pieces(codes: tuple[str, ...]) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The English "apart" template cut around its names: the text before the
    lowest names, then per rank what follows them, and what follows the highest."""
    template = _WORDS["en"]["apart"]
    head, _, rest = template.partition("{low}")
    at, _, rest = rest.partition("{lo}")
    between, _, rest = rest.partition("{high}")
    after, _, tail = rest.partition("{hi}")
    # Cut in the order the English template names them; a test words both ways.
    return (
        head,
        tuple(f"{at}{code}{between}" for code in codes),
        tuple(f"{after}{code}{tail}" for code in codes),
    )


def smallest_change(
    current: Sequence[tuple[int, int] | None], weights: Sequence[float], rule: Rule, t: int, n: int
) -> dict[int, int] | None:
    """:func:`._reach.smallest_change`, imported on the first call: the search
    module costs a cold ``classify`` its import, and no result needs it until
    :meth:`Classification.to_reach`."""
    from ._reach import smallest_change as search

    return search(current, weights, rule, t, n)


# words ---------------------------------------------------------------------


class _Localiser:
    """The family's own text in one language for a result's items, Dutch where missing."""

    def __init__(
        self, result: Classification, lang: str, family: Family | str | os.PathLike[str] | None
    ) -> None:
        self.lang = lang
        self.scale: Scale | None = None
        self.criteria: dict[str, Criterion] = {}
        #: The family's name in *lang*, when the family is at hand.
        self.family: str | None = None
        if family is not None and not isinstance(family, Family):
            from .._resolve import as_family

            family = as_family(family)
        if family is not None and family.code != result.family:
            # Its names would silently not be used: the caller meant another result.
            raise ValueError(
                f"'family' must be the family classified, {result.family!r} "
                f"(got family {family.code!r})"
            )
        found = family if family is not None else _family_of(result)
        if found is not None and found.code == result.family:
            self.scale = found.scale
            self.criteria = {c.code: c for c in found.criteria}
            self.family = found.name.get(lang)

    def name(self, e: Evidence) -> str:
        crit = self.criteria.get(e.criterion)
        return e.name if crit is None else crit.name.get(self.lang)

    def names(self, codes: Iterable[str]) -> tuple[str, ...]:
        """The names in *lang* of the criteria *codes* (unrated ones, which carry no
        name), each its code where the family is not at hand."""
        found = self.criteria
        return tuple(
            code if code not in found else found[code].name.get(self.lang) for code in codes
        )

    def _at(self, criterion: str, level: str) -> Descriptor | None:
        crit = self.criteria.get(criterion)
        if crit is None or self.scale is None:
            return None
        try:
            return crit.at(level, self.scale)
        except UnknownLevelError:
            return None  # an installed family of that code that differs: keep the stored text

    def descriptor(self, criterion: str, level: str, stored: str) -> str:
        d = self._at(criterion, level)
        return stored if d is None else d.text(self.lang)

    def clause(self, a: AddedResultArea) -> str:
        d = self._at(a.criterion, a.level)
        for clause in () if d is None else d.clauses:
            if clause.text.nl == a.text:
                return clause.text.get(self.lang)
        return a.text


def _family_of(result: Classification) -> Family | None:
    """The family *result* was classified with, if it lives, else the installed one."""
    lazy = result._lazy
    if lazy is not None:
        family: Family | None = lazy[0].ref()
        if family is not None:
            return family
    from .._errors import JobArchitectureError
    from .._registry import get_family

    try:
        return get_family(result.family)
    except JobArchitectureError:
        return None  # explained from the Dutch text the result carries


_WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "colon": ":",
        "head": "Functiefamilie {family}: niveau {level} volgens regel {rule}.",
        "counts": "{k} van de {total} criteria beoordeeld, {range}; {share}.",
        "count_one": "1 van de {total} criteria beoordeeld, {range}; {share}.",
        "share": "{agree} ({pct}%) op het resultaat",
        "share_low": "{agree} ({pct}%) op {level}",
        "range": "van {low} tot {high}",
        "range_same": "alle op {low}",
        "range_one": "op {low}",
        "evidence": "Onderbouwing per criterium:",
        "upto": "tot {level}:",
        "unrated": "Niet beoordeeld: {codes}.",
        "added": "Resultaatgebieden toegevoegd door (RG)-omschrijvingen:",
        "alternative": ", alternatief binnen een OF-omschrijving",
        "warnings": "Waarschuwingen:",
        "apart": "de criteria liggen meer dan één niveau uit elkaar ({low} op {lo}; "
        "{high} op {hi}): commissie-advies aangeraden",
        "apart_one": "{name} is beoordeeld van {lo} tot {hi}, meer dan één niveau uit "
        "elkaar: commissie-advies aangeraden",
        "span": "beoordeling als bereik ({spans}): het resultaat is het bereik {a}..{b}; "
        "kies één niveau",
        "span_same": "beoordeling als bereik ({spans}): het resultaat is hoe dan ook {level}",
        "inverted": "regel {rule!r} is hier niet monotoon: de ondergrenzen van de "
        "beoordelingen geven {level}, de bovengrenzen {other}",
        "many_unrated": "{u} van de {total} criteria niet beoordeeld ({codes}): het "
        "resultaat steunt op {k} {criteria}",
        "unrated_one": "1 van de {total} criteria niet beoordeeld ({codes}): het "
        "resultaat steunt op {k} {criteria}",
        "criterion": "criterium",
        "criteria": "criteria",
    },
    "fr": {
        "colon": " :",
        "head": "Famille de fonctions {family} : niveau {level} selon la règle {rule}.",
        "counts": "{k} critères sur {total} évalués, {range} ; {share}.",
        "count_one": "1 critère sur {total} évalué, {range} ; {share}.",
        "share": "{agree} ({pct} %) au résultat",
        "share_low": "{agree} ({pct} %) à {level}",
        "range": "de {low} à {high}",
        "range_same": "tous à {low}",
        "range_one": "à {low}",
        "evidence": "Justification par critère :",
        "upto": "jusqu'à {level} :",
        "unrated": "Non évalués : {codes}.",
        "added": "Domaines de résultats ajoutés par des descripteurs (RG) :",
        "alternative": ", une option d'un descripteur OU",
        "warnings": "Avertissements :",
        "apart": "les critères sont à plus d'un niveau d'écart ({low} à {lo} ; "
        "{high} à {hi}) : avis d'une commission conseillé",
        "apart_one": "{name} est évalué de {lo} à {hi}, à plus d'un niveau d'écart : "
        "avis d'une commission conseillé",
        "span": "évaluation en étendue ({spans}) : le résultat est l'étendue {a}..{b} ; "
        "choisissez un niveau",
        "span_same": "évaluation en étendue ({spans}) : le résultat est {level} dans tous les cas",
        "inverted": "la règle {rule!r} n'est pas monotone ici : les bornes inférieures des "
        "évaluations donnent {level}, les bornes supérieures {other}",
        "many_unrated": "{u} critères sur {total} non évalués ({codes}) : le résultat "
        "repose sur {k} {criteria}",
        "unrated_one": "1 critère sur {total} non évalué ({codes}) : le résultat "
        "repose sur {k} {criteria}",
        "criterion": "critère",
        "criteria": "critères",
    },
    "en": {
        "colon": ":",
        "head": "Family {family}: level {level} by rule {rule}.",
        "counts": "{k} of {total} criteria rated, {range}; {share}.",
        "count_one": "1 of {total} criteria rated, {range}; {share}.",
        "share": "{agree} ({pct}%) at the result",
        "share_low": "{agree} ({pct}%) at {level}",
        "range": "from {low} to {high}",
        "range_same": "all at {low}",
        "range_one": "at {low}",
        "evidence": "Evidence per criterion:",
        "upto": "up to {level}:",
        "unrated": "Not rated: {codes}.",
        "added": "Result areas added by (RG) descriptors:",
        "alternative": ", one option of an OR descriptor",
        "warnings": "Warnings:",
        "apart": "criteria are more than one level apart ({low} at {lo}; {high} at {hi}): "
        "committee review advised",
        "apart_one": "{name} is rated from {lo} to {hi}, more than one level apart: "
        "committee review advised",
        "span": "ratings given as a span ({spans}): the result is the span {a}..{b}; "
        "decide on one level",
        "span_same": "ratings given as a span ({spans}): the result is {level} either way",
        "inverted": "rule {rule!r} is not monotone here: the lower ends of the ratings "
        "give {level}, the upper ends {other}",
        "many_unrated": "{u} of {total} criteria not rated ({codes}): the result rests on "
        "{k} {criteria}",
        "unrated_one": "1 of {total} criteria not rated ({codes}): the result rests on "
        "{k} {criteria}",
        "criterion": "criterion",
        "criteria": "criteria",
    },
}


def _warnings(
    c: Classification,
    lang: str,
    name: Callable[[Evidence], str] | None = None,
    unrated: tuple[str, ...] | None = None,
) -> list[str]:
    """The warnings of *c* in *lang*, computed from its fields (so they survive JSON);
    *name* gives a criterion's name (default: the Dutch name the evidence holds),
    *unrated* how to list the unrated criteria (default: their codes)."""
    return [text for _, text in _warning_items_of(c, lang, name, unrated)]


def _warning_items_of(
    c: Classification,
    lang: str,
    name: Callable[[Evidence], str] | None = None,
    unrated: tuple[str, ...] | None = None,
) -> list[tuple[str, str]]:
    """The warnings of *c* as (code, text in *lang*), as :func:`_warnings` words them."""
    label = _dutch_name if name is None else name
    lazy = c._lazy
    # The family's rank table when classify() left it; rebuilt only for a result
    # read back from data.
    rank = lazy[0].level_rank if lazy is not None else {code: i for i, code in enumerate(c.scale)}
    rated = [(label(e), rank[e.low], rank[e.high]) for e in c.evidence]
    return _warning_items(lang, c.scale, rated, c.level, c.level_span, c.rule, c.unrated, unrated)


def _warning_lines(
    lang: str,
    scale: tuple[str, ...],
    rated: list[tuple[str, int, int]],
    level: str,
    level_span: tuple[str, str] | None,
    rule: str,
    unrated: tuple[str, ...],
) -> list[str]:
    """The warnings, from the rated criteria as (name, low rank, high rank) in the family's order."""
    return [
        text for _, text in _warning_items(lang, scale, rated, level, level_span, rule, unrated)
    ]


def _warning_items(
    lang: str,
    scale: tuple[str, ...],
    rated: list[tuple[str, int, int]],
    level: str,
    level_span: tuple[str, str] | None,
    rule: str,
    unrated: tuple[str, ...],
    unrated_names: tuple[str, ...] | None = None,
) -> list[tuple[str, str]]:
    """The warnings as (code, text in *lang*); arguments as :func:`_warning_lines` takes
    them, and *unrated_names* to list the unrated criteria by (default: *unrated*)."""
    if not rated:
        return []
    w = _WORDS[lang]
    lo = min(r[1] for r in rated)
    hi = max(r[2] for r in rated)
    spanned = [(name, low, high) for name, low, high in rated if low != high]
    spans = ", ".join(
        f"{name} {scale[low]}{SPAN_SEPARATOR}{scale[high]}" for name, low, high in spanned
    )
    total = len(rated) + len(unrated)
    out: list[tuple[str, str]] = []
    for kind in _warning_kinds(hi - lo, bool(spanned), level, level_span, len(rated), len(unrated)):
        if kind == "apart":
            lows = [name for name, low, _ in rated if low == lo]
            highs = [name for name, _, high in rated if high == hi]
            if len(lows) == 1 and lows == highs:
                # One criterion's span is the whole spread: "Kennis at D; Kennis at B"
                # would read as two criteria.
                text = w["apart_one"].format(name=lows[0], lo=scale[lo], hi=scale[hi])
            else:
                text = w["apart"].format(
                    low=", ".join(lows), lo=scale[lo], high=", ".join(highs), hi=scale[hi]
                )
        elif kind in ("span", "span_same"):
            assert level_span is not None  # a span warning is given only for a level span
            a, b = level_span
            text = w[kind].format(spans=spans, a=a, b=b, level=a)
        elif kind == "inverted":
            assert level_span is not None
            text = w["inverted"].format(rule=rule, level=level, other=level_span[0])
        else:  # unrated
            text = w["unrated_one" if len(unrated) == 1 else "many_unrated"].format(
                u=len(unrated),
                total=total,
                codes=", ".join(unrated if unrated_names is None else unrated_names),
                k=len(rated),
                criteria=w["criterion"] if len(rated) == 1 else w["criteria"],
            )
        out.append((kind, text))
    return out


def _warning_kinds(
    width: int,
    spanned: bool,
    level: str,
    level_span: tuple[str, str] | None,
    rated: int,
    unrated: int,
) -> tuple[str, ...]:
    """Which warnings apply, as codes: what :func:`_warning_items` words and
    :attr:`Classification.warning_codes` gives without wording them.

    *width* is the highest rated rank less the lowest, *spanned* whether any
    rating is a span, *rated* and *unrated* how many criteria are each.
    """
    kinds: list[str] = []
    if width > 1:
        kinds.append("apart")
    if spanned and level_span is not None:
        kinds.append("span" if level_span[0] != level_span[1] else "span_same")
        if level != level_span[0]:
            kinds.append("inverted")
    if unrated and 2 * unrated >= rated + unrated:
        kinds.append("unrated")
    return tuple(kinds)


def _dutch_name(e: Evidence) -> str:
    return e.name


# reading to_dict() output --------------------------------------------------

# Derived from the class, so a new field cannot be forgotten here.
# warning_codes is derived from the rest: accepted, and checked to be strings.
_DICT_KEYS = frozenset(f.name for f in attrs.fields(Classification) if f.init) | {"warning_codes"}
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


#: What a reader returns for a part it found wrong (and noted): never put in a result.
_BAD: Any = object()


def _check_consistent(fields: dict[str, Any], r: _Reader) -> None:
    """Note what well-typed *fields* say against each other: levels outside the
    scale, an end above its other end, a criterion both rated and unrated. Such
    a result would fail later, on the first read of its warnings or words."""
    scale = fields["scale"]
    if scale is _BAD:
        return
    if not scale:
        r.note("$.scale", "expected at least one level")
        return
    rank: dict[str, int] = {}
    for i, code in enumerate(scale):
        if code in rank:
            r.note(f"$.scale[{i}]", f"level {shown(code)} is given twice")
        rank.setdefault(code, i)
    known = listed([shown(c) for c in scale])

    def level(value: Any, path: str) -> int | None:
        if value is _BAD:
            return None
        if value not in rank:
            r.note(path, f"level {shown(value)} is not in $.scale ({known})")
            return None
        return rank[value]

    def ends(pair: Any, path: str, names: tuple[str, str] = ("[0]", "[1]")) -> None:
        if pair is _BAD or pair is None:
            return
        lo = level(pair[0], path + names[0])
        hi = level(pair[1], path + names[1])
        if lo is not None and hi is not None and hi < lo:
            r.note(path, f"runs backwards: {shown(pair[1])} is below {shown(pair[0])}")

    level(fields["level"], "$.level")
    ends(fields["level_span"], "$.level_span")
    ends(fields["spread"], "$.spread")
    rated: set[str] = set()
    if fields["evidence"] is not _BAD:
        for i, e in enumerate(fields["evidence"]):
            ends((e.low, e.high), f"$.evidence[{i}]", (".low", ".high"))
            if e.criterion in rated:
                r.note(f"$.evidence[{i}].criterion", f"{shown(e.criterion)} is rated twice")
            rated.add(e.criterion)
    if fields["unrated"] is not _BAD:
        for i, code in enumerate(fields["unrated"]):
            if code in rated:
                r.note(f"$.unrated[{i}]", f"{shown(code)} is also in $.evidence")
    agreement = fields["agreement"]
    if agreement is not _BAD and not 0.0 <= agreement <= 1.0:
        r.note("$.agreement", f"expected a share from 0 to 1, got {shown(agreement)}")


class _Reader:
    """Reads one table of :meth:`Classification.to_dict` output.

    A problem is noted in *problems* and the part read as :data:`_BAD`, and
    reading goes on, so that the parts around a bad one are checked too.
    """

    def __init__(self, data: Any, path: str, keys: frozenset[str], problems: list[Problem]) -> None:
        self.problems = problems
        self.path = path
        self.data: Mapping[Any, Any] | None = None
        if not isinstance(data, Mapping):
            self.note(path, f"expected a table, got {type(data).__name__}")
            return
        # repr() orders keys of any type (a Python caller's 1 beside "level").
        extra = sorted((k for k in data if k not in keys), key=repr)
        if extra:
            self.note(path, f"unknown key(s) {listed([shown(k) for k in extra])}")
        self.data = data

    def note(self, path: str, message: str) -> Any:
        self.problems.append(Problem(CLASSIFICATION_SOURCE, path, message))
        return _BAD

    def check(self, value: Any, kind: type | tuple[type, ...], path: str) -> Any:
        if isinstance(value, kind):
            return value
        names = " or ".join(k.__name__ for k in kind) if isinstance(kind, tuple) else kind.__name__
        return self.note(path, f"expected {names}, got {shown(value)}")

    def number(self, key: str) -> Any:
        value = self.get(key, object)
        return _BAD if value is _BAD else self.as_number(value, f"{self.path}.{key}")

    def as_number(self, value: Any, path: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return self.note(path, f"expected a number, got {shown(value)}")
        return float(value)

    def get(self, key: str, kind: Any) -> Any:
        assert self.data is not None
        if key not in self.data:
            return self.note(f"{self.path}.{key}", "required key missing")
        return self.check(self.data[key], kind, f"{self.path}.{key}")

    def text(self, key: str) -> Any:
        return self.get(key, str)

    def strs(self, key: str) -> Any:
        items = self.get(key, list)
        if items is _BAD:
            return _BAD
        path = f"{self.path}.{key}"
        out = tuple(self.check(v, str, f"{path}[{i}]") for i, v in enumerate(items))
        return _BAD if any(v is _BAD for v in out) else out

    def pair(self, key: str) -> Any:
        items = self.strs(key)
        if items is _BAD:
            return _BAD
        if len(items) != 2:
            return self.note(f"{self.path}.{key}", f"expected 2 levels, got {len(items)}")
        return items[0], items[1]

    def opt_pair(self, key: str) -> Any:
        assert self.data is not None
        if self.data.get(key, ...) is None:
            return None
        return self.pair(key)

    def weights(self, key: str) -> Any:
        weights = self.get(key, Mapping)
        if weights is _BAD:
            return _BAD
        out = tuple(
            (
                self.check(k, str, f"{self.path}.{key} key {shown(k)}"),
                self.as_number(v, f"{self.path}.{key}.{k}"),
            )
            for k, v in weights.items()
        )
        return _BAD if any(v is _BAD for pair in out for v in pair) else out

    def tables(
        self, key: str, cls: Callable[..., Any], types: Mapping[str, tuple[type, ...]]
    ) -> Any:
        items = self.get(key, list)
        if items is _BAD:
            return _BAD
        out = []
        for i, item in enumerate(items):
            part = _Reader(item, f"{self.path}.{key}[{i}]", frozenset(types), self.problems)
            fields = part.fields(types)
            out.append(_BAD if fields is _BAD else cls(**fields))
        return _BAD if any(v is _BAD for v in out) else tuple(out)

    def fields(self, types: Mapping[str, tuple[type, ...]]) -> Any:
        if self.data is None:
            return _BAD
        out = {}
        for key, kind in types.items():
            if key in self.data:
                out[key] = self.check(self.data[key], kind, f"{self.path}.{key}")
            elif type(None) not in kind and kind != (bool,):
                out[key] = self.note(f"{self.path}.{key}", "required key missing")
        return _BAD if any(v is _BAD for v in out.values()) else out
