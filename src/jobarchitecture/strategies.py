"""Hypothesis strategies for property-testing job families, ratings and rules.

Install with ``pip install jobarchitecture[testing]``. Every family drawn is
valid (``validate(family) == []``) and uses what real families use: descriptors
spanning several levels, EN / OF clauses, (RG) clauses, level aliases, optional
French and English text, competency profiles with core entries, requirements.

With hypothesis installed, ``st.from_type(Family)`` (and ``Scale``, ``Level``,
``Rule``, ``Classification``, ``JobProfile``) draws from here without set-up.

Example::

    from hypothesis import given, strategies as st
    from jobarchitecture import classify, strategies as jst

    family_and_ratings = jst.families().flatmap(
        lambda f: st.tuples(st.just(f), jst.ratings(f, complete=True))
    )

    @given(family_and_ratings)
    def test_my_rule_stays_within_the_spread(pair):
        family, ratings = pair
        result = classify(family, ratings, rule=MyRule())
        scale = family.scale
        assert scale.rank(result.spread[0]) <= scale.rank(result.level)
        assert scale.rank(result.level) <= scale.rank(result.spread[1])
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterable, Sequence
from typing import Any

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as exc:  # pragma: no cover - exercised in a subprocess
    raise ImportError(
        "jobarchitecture.strategies needs hypothesis: install the extra with "
        "pip install 'jobarchitecture[testing]'"
    ) from exc

from ._classify import Classification, Rating, classify
from ._classify._rules import BUILTINS, Rule
from ._model import (
    BehaviouralLevel,
    Clause,
    Competency,
    CompetencyCluster,
    CompetencyDictionary,
    CompetencyProfile,
    Criterion,
    Descriptor,
    Family,
    Join,
    Level,
    Note,
    ProfileEntry,
    Purpose,
    Reference,
    ReferenceSource,
    Requirement,
    ResultArea,
    Scale,
    Source,
    Text,
    Translation,
)
from ._profile import JobProfile, profile

__all__ = [
    "classifications",
    "families",
    "job_profiles",
    "levels",
    "ratings",
    "rules",
    "scales",
    "texts",
]

_PHRASES = (
    "Kennis",
    "Dossiers beheren",
    "Advies geven aan klanten",
    "Procedures opvolgen en/of verbeteren",
    "Een team coördineren",
    "Het budget beheren met als doel het optimaal aan te wenden",
    "Beleid voorbereiden – op vraag van de cliënt",
    "Eén domein (facultatief)",
    "Vragen beantwoorden teneinde de dienstverlening te verzekeren",
)
_SLUG = string.ascii_lowercase + string.digits


def _text_from(i: int) -> Text:
    # One draw per text: the number picks the phrase, a suffix that keeps
    # texts apart, and whether French and English are there.
    phrase = _PHRASES[i % len(_PHRASES)]
    nl = phrase if i < len(_PHRASES) else f"{phrase} {i // len(_PHRASES)}"
    extra = (i // 7) % 4
    return Text(nl, f"fr: {nl}" if extra & 1 else None, f"en: {nl}" if extra & 2 else None)


def texts() -> st.SearchStrategy[Text]:
    """Localised text: Dutch always, French and English sometimes."""
    return st.integers(0, 10_000).map(_text_from)


def _seq(items: Iterable[Any]) -> Any:
    # The model's tuple fields convert with ``converter=tuple``, which mypy types
    # as Iterable[_T_co] with nothing to bind _T_co to: hand them Any.
    return tuple(items)


# Strategies are built once: building and validating one per draw costs more
# than the draw. Helpers below take ``draw`` instead of being composites for
# the same reason.
_BOOL = st.booleans()
_TEXT = st.integers(0, 10_000).map(_text_from)
_OPT_TEXT = st.none() | _TEXT
_JOIN = st.sampled_from(Join)
_CONNECTOR = st.sampled_from(["teneinde", "met als doel"])
_INFERRED = st.none() | st.just("merged cell: span inferred from the layout")
_PROFILE_INFERRED = st.none() | st.just("span inferred from a lone tab")
# Weights the weighted rule sums exactly (no rounding): halves and small integers.
_WEIGHTS = st.sampled_from([1.0, 0.5, 1.5, 2.0, 3.0])
_CODE_POOL = (
    "D",
    "C",
    "B",
    "A",
    "A1",
    "A2",
    "A3",
    "A4",
    "A5",
    "12",
    "13/14",
    "15/16",
    "17/18",
    "19",
)
_LEVEL_CODE = st.sampled_from(_CODE_POOL) | st.text(
    alphabet=string.ascii_uppercase + string.digits + "/", min_size=1, max_size=4
)
_SCALE_NAME = st.sampled_from(["Niveau", "Klasse", "Functieklasse"])
# Shapes of real references (ISCO-08 unit groups, an ESCO URI, another scheme);
# the codes are drawn, not looked up, so they claim nothing about any level.
_REFERENCE = st.one_of(
    st.builds(
        Reference,
        st.just("ISCO-08"),
        st.integers(1000, 9999).map(str),
        st.sampled_from(ReferenceSource),
        st.none() | st.just("Clerical support workers"),
        st.none()
        | st.just(
            "https://ilostat.ilo.org/methods/concepts-and-definitions/classification-occupation/"
        ),
        st.none() | st.just("editorial mapping: closest unit group"),
    ),
    st.builds(
        Reference,
        st.just("ESCO"),
        st.uuids().map(lambda u: f"http://data.europa.eu/esco/occupation/{u}"),
        st.sampled_from(ReferenceSource),
        st.none() | st.just("general office clerk"),
    ),
    st.builds(
        Reference,
        st.just("Federale functieclassificatie"),
        st.text(_SLUG, min_size=1, max_size=6),
        st.just(ReferenceSource.DOCUMENT),
    ),
)
_REFERENCES = st.lists(_REFERENCE, max_size=2, unique_by=lambda r: (r.scheme, r.code)).map(tuple)


@functools.cache
def _ints(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(low, high)


def _mask(draw: st.DrawFn, bits: int, *, nonzero: bool = False) -> int:
    """A bit mask of *bits* bits; shrinks towards fewest bits set."""
    if bits == 0:
        return 0
    return draw(_ints(1 if nonzero else 0, (1 << bits) - 1))


def _slugs(prefix: str, n: int) -> list[str]:
    return [f"{prefix}{i}" for i in range(1, n + 1)]


def _bounds(low_name: str, low: int, high_name: str, high: int, minimum: int) -> None:
    if low < minimum:
        raise InvalidArgument(f"Cannot have {low_name}={low} < {minimum}")
    if high < low:
        raise InvalidArgument(f"Cannot have {high_name}={high} < {low_name}={low}")


def scales(*, min_levels: int = 1, max_levels: int = 6) -> st.SearchStrategy[Scale]:
    """A scale of *min_levels* to *max_levels* levels with unique codes, names and aliases.

    Some levels have aliases (``"Waarde 2"``, ``"FK 13/14"``) and function classes.

    Raises:
        InvalidArgument: the bounds are below 1 or out of order.
    """
    _bounds("min_levels", min_levels, "max_levels", max_levels, 1)
    return _scales(min_levels, max_levels)


@st.composite
def _scales(draw: st.DrawFn, min_levels: int, max_levels: int) -> Scale:
    codes = draw(
        st.lists(_LEVEL_CODE, min_size=min_levels, max_size=max_levels, unique_by=str.casefold)
    )
    name = draw(_SCALE_NAME)
    aliases = _mask(draw, 2 * len(codes))
    widths = _mask(draw, len(codes))
    next_class = draw(_ints(0, 20))  # 0: no function classes
    references = _mask(draw, len(codes))
    levels = []
    for i, code in enumerate(codes):
        names = [f"Waarde {i + 1}"] if aliases >> (2 * i) & 1 else []
        if aliases >> (2 * i + 1) & 1:
            names.append(f"FK {code}")
        classes: list[int] = []
        if next_class:
            width = 1 + (widths >> i & 1)
            classes = list(range(next_class, next_class + width))
            next_class += width
        refs = draw(_REFERENCES) if references >> i & 1 else ()
        levels.append(Level(code, f"{name} {code}", names, _seq(classes), references=refs))
    return Scale(name, levels)


def levels(scale: Scale) -> st.SearchStrategy[Level]:
    """A level of *scale*."""
    return st.sampled_from(scale.levels)


def _partition(draw: st.DrawFn, n: int) -> list[tuple[int, int]]:
    """Contiguous spans (first, last) covering 0..n-1 in order."""
    cuts = _mask(draw, n - 1)
    bounds = [0, *(i + 1 for i in range(n - 1) if cuts >> i & 1), n]
    return [(bounds[i], bounds[i + 1] - 1) for i in range(len(bounds) - 1)]


def _some(draw: st.DrawFn, items: Sequence[Any]) -> list[Any]:
    """A non-empty subsequence of *items*."""
    keep = _mask(draw, len(items), nonzero=True)
    return [x for i, x in enumerate(items) if keep >> i & 1]


def _descriptors(draw: st.DrawFn, codes: Sequence[str], *, cover: bool) -> list[Descriptor]:
    spans = _partition(draw, len(codes))
    if not cover:
        spans = _some(draw, spans)
    out = []
    for first, last in spans:
        n = draw(_ints(1, 3))
        rg = _mask(draw, n)
        clauses = [Clause(draw(_TEXT), bool(rg >> k & 1)) for k in range(n)]
        out.append(Descriptor(codes[first : last + 1], clauses, draw(_JOIN), draw(_INFERRED)))
    return out


def _criteria(
    draw: st.DrawFn, codes: Sequence[str], min_criteria: int, max_criteria: int, weights: bool
) -> list[Criterion]:
    n = draw(_ints(min_criteria, max_criteria))
    # Distinct names: two criteria of one name are a validation problem (a
    # rating by that name would be ambiguous).
    names = draw(_distinct_texts(n))
    return [
        Criterion(
            code,
            name,
            _descriptors(draw, codes, cover=True),
            draw(_OPT_TEXT),
            draw(_WEIGHTS) if weights else 1.0,
        )
        for code, name in zip(_slugs("criterium-", n), names, strict=True)
    ]


@functools.cache
def _distinct_texts(n: int) -> st.SearchStrategy[list[Text]]:
    return st.lists(st.integers(0, 10_000), min_size=n, max_size=n, unique=True).map(
        lambda numbers: [_text_from(i) for i in numbers]
    )


def _competencies(draw: st.DrawFn) -> CompetencyDictionary:
    clusters = [
        CompetencyCluster(code, draw(_TEXT)) for code in _slugs("cluster-", draw(_ints(0, 2)))
    ]
    competencies = []
    for i, code in enumerate(_slugs("competentie-", draw(_ints(0, 4)))):
        cluster = draw(_ints(0, len(clusters)))  # 0: none
        competencies.append(
            Competency(
                code,
                draw(_TEXT),
                clusters[cluster - 1].code if cluster else None,
                i + 1 if draw(_BOOL) else None,
                draw(_OPT_TEXT),
                _seq(BehaviouralLevel(k, draw(_TEXT)) for k in range(1, draw(_ints(0, 3)) + 1)),
            )
        )
    return CompetencyDictionary(_seq(clusters), _seq(competencies))


def _profiles(
    draw: st.DrawFn, codes: Sequence[str], dictionary: CompetencyDictionary
) -> list[CompetencyProfile]:
    out: list[CompetencyProfile] = []
    if not dictionary.competencies:
        return out
    for role in _slugs("rol-", draw(_ints(0, 2))):
        entries: list[ProfileEntry] = []
        for comp in dictionary.competencies:
            # 0: absent, 1: core (every level), 2: at some spans of levels.
            kind = draw(_ints(0, 2))
            numbers = len(comp.levels)

            def behaviour() -> int | None:
                chosen = draw(_ints(0, numbers))  # noqa: B023 (called in this iteration)
                return chosen or None

            if kind == 1:
                entries.append(ProfileEntry(comp.code, (), behaviour(), True))
            elif kind == 2:
                entries.extend(
                    ProfileEntry(
                        comp.code,
                        codes[first : last + 1],
                        behaviour(),
                        False,
                        draw(_PROFILE_INFERRED),
                    )
                    for first, last in _some(draw, _partition(draw, len(codes)))
                )
        notes = [draw(_TEXT)] if draw(_BOOL) else []
        out.append(CompetencyProfile(role, draw(_TEXT), _seq(entries), notes))
    return out


def _result_areas(draw: st.DrawFn) -> list[ResultArea]:
    numbered = draw(_BOOL)
    return [
        ResultArea(
            code,
            draw(_TEXT),
            draw(_TEXT),
            draw(_TEXT),
            draw(_CONNECTOR),
            [draw(_TEXT) for _ in range(draw(_ints(0, 3)))],
            i + 1 if numbered else None,
            draw(_BOOL),
            draw(_OPT_TEXT),
        )
        for i, code in enumerate(_slugs("resultaatgebied-", draw(_ints(0, 3))))
    ]


_FAMILY_CODE = st.text(_SLUG, min_size=1, max_size=8)
_GOVERNMENT = st.sampled_from(["Federale overheid", "Vlaamse overheid"])
_GROUP = st.sampled_from(["Vaktechnische competenties", "Opleidingsniveau en ervaring"])
_REQUIREMENT_NOTE = st.none() | st.just("Nog functie- en entiteitspecifiek maken")
_RULE_NAME = st.none() | st.sampled_from(sorted(BUILTINS))


def families(
    *,
    min_levels: int = 1,
    max_levels: int = 5,
    min_criteria: int = 1,
    max_criteria: int = 6,
    weights: bool = True,
) -> st.SearchStrategy[Family]:
    """A valid job family.

    Args:
        min_levels, max_levels: Bounds on the number of levels of its scale.
        min_criteria, max_criteria: Bounds on the number of criteria.
        weights: Give some criteria weights other than 1 (halves and small
            integers, so that weighted sums are exact).

    Raises:
        InvalidArgument: a bound is out of range or the bounds are out of order.
    """
    _bounds("min_levels", min_levels, "max_levels", max_levels, 1)
    _bounds("min_criteria", min_criteria, "max_criteria", max_criteria, 0)
    return _families(min_levels, max_levels, min_criteria, max_criteria, weights)


@st.composite
def _families(
    draw: st.DrawFn,
    min_levels: int,
    max_levels: int,
    min_criteria: int,
    max_criteria: int,
    weights: bool,
) -> Family:
    scale = draw(scales(min_levels=min_levels, max_levels=max_levels))
    codes = scale.codes
    dictionary = _competencies(draw)
    requirements = [
        Requirement(
            code,
            draw(_TEXT),
            draw(_GROUP),
            _descriptors(draw, codes, cover=False),
            draw(_REQUIREMENT_NOTE),
        )
        for code in _slugs("vereiste-", draw(_ints(0, 2)))
    ]
    extras = _mask(draw, 4)
    return Family(
        code=draw(_FAMILY_CODE),
        name=draw(_TEXT),
        government=draw(_GOVERNMENT),
        scale=scale,
        purpose=Purpose(
            draw(_TEXT),
            draw(_TEXT),
            draw(_CONNECTOR),
            [draw(_TEXT) for _ in range(draw(_ints(0, 2)))],
        ),
        result_areas=_seq(_result_areas(draw)),
        criteria=_seq(_criteria(draw, codes, min_criteria, max_criteria, weights)),
        requirements=_seq(requirements),
        competencies=dictionary,
        profiles=_seq(_profiles(draw, codes, dictionary)),
        notes=_seq([Note("noot-1", draw(_TEXT), "*", "specialisatie")] if extras & 1 else []),
        sources=_seq([Source("Bronbestand", "bron.txt", None)] if extras & 2 else []),
        translations=_seq(
            [Translation("en", "own translation, not official")] if extras & 4 else []
        ),
        rule=draw(_RULE_NAME),
        references=draw(_REFERENCES) if extras & 8 else (),
    )


def _spelling(level: Level) -> st.SearchStrategy[str]:
    # Any name the level answers to, in any case: code, name or alias.
    return st.sampled_from(level.names()).flatmap(
        lambda name: st.sampled_from([name, name.upper(), name.lower()])
    )


def ratings(
    family: Family,
    *,
    complete: bool = False,
    spans: bool = True,
    spellings: bool = False,
) -> st.SearchStrategy[dict[str, Any]]:
    """Ratings for *family*: criterion code to a level code or a ``(low, high)`` span.

    Args:
        family: A family with at least one criterion.
        complete: Rate every criterion; otherwise at least one, in any order.
        spans: Rate some criteria with a span of adjacent levels.
        spellings: Name levels by code, name or alias in any case, and spans
            also as ``"low..high"``, a list of levels or a :class:`Rating`.

    Raises:
        InvalidArgument: *family* has no criteria or no levels.
    """
    if not family.criteria or not family.scale.levels:
        raise InvalidArgument(
            f"Cannot rate family {family.code!r}: it has no criteria or no levels"
        )
    return _ratings(family, complete, spans, spellings)


@st.composite
def _ratings(
    draw: st.DrawFn, family: Family, complete: bool, spans: bool, spellings: bool
) -> dict[str, Any]:
    codes = [c.code for c in family.criteria]
    # Any order: a rule must not depend on the order in which ratings arrive.
    order = draw(st.permutations(codes))
    chosen = order if complete else _some(draw, order)
    levels_ = family.scale.levels
    top = len(levels_) - 1
    out: dict[str, Any] = {}
    for code in chosen:
        low = draw(_ints(0, top))
        high = low
        if spans and low < top and draw(_ints(0, 3)) == 3:
            high = draw(_ints(low + 1, top))
        lo, hi = levels_[low], levels_[high]
        if not spellings:
            out[code] = lo.code if low == high else (lo.code, hi.code)
        elif low == high:
            out[code] = draw(_spelling(lo) | st.just(lo))
        else:
            form = draw(_ints(0, 3))
            a, b = draw(_spelling(lo)), draw(_spelling(hi))
            out[code] = (
                (a, b),
                [lv.code for lv in levels_[low : high + 1]],
                f"{a}..{b}",
                Rating(lo.code, hi.code),
            )[form]
    return out


def rules(*, monotone: bool | None = None) -> st.SearchStrategy[Rule]:
    """A built-in rule; only monotone ones (or only the others) when *monotone* is given."""
    chosen = [r for r in BUILTINS.values() if monotone is None or r.monotone == monotone]
    return st.sampled_from(chosen)


def classifications(
    family: Family | None = None, *, rule: st.SearchStrategy[Rule] | None = None
) -> st.SearchStrategy[Classification]:
    """Results of :func:`classify` for generated ratings (of *family*, or a generated family)."""
    rule_strategy = rules() if rule is None else rule

    def of(f: Family) -> st.SearchStrategy[Classification]:
        return st.builds(classify, st.just(f), ratings(f), rule_strategy)

    if family is not None:
        return of(family)
    return families().flatmap(of)


def job_profiles(family: Family | None = None) -> st.SearchStrategy[JobProfile]:
    """Job profiles at a generated level (of *family*, or a generated family)."""

    def of(f: Family) -> st.SearchStrategy[JobProfile]:
        return levels(f.scale).map(lambda lvl: profile(f, lvl))

    if family is not None:
        return of(family)
    return families().flatmap(of)
