"""The job-architecture model: frozen, slotted attrs classes.

Every class here is plain data. Checks that span several objects (unique codes,
spans that cover the scale, references that resolve) live in ``_validate`` so
that a half-written family can still be built, inspected and reported on.

The classes a classification never reads (requirements, competencies and their
profiles, notes, sources, translations, references) are in ``_extra``, created
on first use and answering here by name as well (:data:`EXTRA`).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import attrs

from ._errors import LanguageError, UnknownLevelError, UnknownRoleError, closest

if TYPE_CHECKING:
    from . import _extra

    # Re-exported by name: other modules import them from here.
    from ._extra import BehaviouralLevel as BehaviouralLevel
    from ._extra import Competency as Competency
    from ._extra import CompetencyCluster as CompetencyCluster
    from ._extra import CompetencyProfile as CompetencyProfile
    from ._extra import Note as Note
    from ._extra import ProfileEntry as ProfileEntry
    from ._extra import Reference as Reference
    from ._extra import Requirement as Requirement
    from ._extra import Source as Source
    from ._extra import Translation as Translation
else:

    class _Later:
        """Stands for the module ``_extra`` until one of its classes is first asked for.

        The annotations of this module's classes name those classes through it
        (``tuple[_extra.Note, ...]``), so that ``typing.get_type_hints`` and
        cattrs resolve them before and after they are created.
        """

        def __getattr__(self, name: str) -> Any:
            from . import _extra as module

            return getattr(module, name)

    _extra = _Later()

#: The classes that neither classifying nor listing families needs: each costs
#: a cold start about 0.6 ms to create (attrs compiles its methods), so they are
#: made in ``_extra`` when first asked for, here or through the package.
EXTRA = (
    "BehaviouralLevel",
    "Competency",
    "CompetencyCluster",
    "CompetencyProfile",
    "Note",
    "ProfileEntry",
    "Reference",
    "Requirement",
    "Source",
    "Translation",
)


def __getattr__(name: str) -> Any:
    # `from ._model import Note` and pickles that name `jobarchitecture._model.Note`
    # (written before the class moved) come here.
    if name in EXTRA:
        from . import _extra as module

        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Languages a text may carry. Dutch is the source language and always present.
LANGUAGES: tuple[str, ...] = ("nl", "fr", "en")


def check_lang(lang: object) -> str:
    """Return *lang* when it is one of :data:`LANGUAGES`.

    Raises:
        LanguageError: it is not; every human-readable output checks its ``lang`` here.
    """
    if lang not in LANGUAGES:
        raise LanguageError(lang, LANGUAGES)
    return lang


#: The family file format version this core reads and writes.
FORMAT_VERSION = 1


@attrs.frozen
class Text:
    """Localised text (tekst): Dutch source with optional French and English.

    In a family file a plain string stands for ``{nl = "..."}``.

    Attributes:
        nl: The Dutch text, the source language; never empty.
        fr: The French text, if there is one.
        en: The English text, if there is one.
    """

    nl: str
    fr: str | None = None
    en: str | None = None

    def get(self, lang: str = "nl") -> str:
        """Return the text in *lang*, falling back to Dutch when it is missing.

        Raises:
            LanguageError: *lang* is not one of ``nl``, ``fr``, ``en``.
        """
        value: str | None = getattr(self, check_lang(lang))
        return self.nl if value is None else value

    def has(self, lang: str) -> bool:
        """True when the text is written in *lang* itself, not by falling back to Dutch.

        Raises:
            LanguageError: *lang* is not one of ``nl``, ``fr``, ``en``.
        """
        return getattr(self, check_lang(lang)) is not None

    def __str__(self) -> str:
        return self.nl


def _text(value: Text | str) -> Text:
    return value if isinstance(value, Text) else Text(value)


def _opt_text(value: Text | str | None) -> Text | None:
    return None if value is None else _text(value)


def _texts(values: Iterable[Text | str]) -> tuple[Text, ...]:
    return tuple(_text(v) for v in values)


def _strs(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


# Named converters, one per element type: the attrs mypy plugin types __init__
# from a converter's signature, so `Family(criteria=[...])` type-checks with a
# list, which a bare `converter=tuple` would not allow.
def _ints(values: Iterable[int]) -> tuple[int, ...]:
    return tuple(values)


def _behaviours(values: Iterable[BehaviouralLevel]) -> tuple[BehaviouralLevel, ...]:
    return tuple(values)


def _clusters(values: Iterable[CompetencyCluster]) -> tuple[CompetencyCluster, ...]:
    return tuple(values)


def _competencies(values: Iterable[Competency]) -> tuple[Competency, ...]:
    return tuple(values)


def _entries(values: Iterable[ProfileEntry]) -> tuple[ProfileEntry, ...]:
    return tuple(values)


def _result_areas(values: Iterable[ResultArea]) -> tuple[ResultArea, ...]:
    return tuple(values)


def _criteria(values: Iterable[Criterion]) -> tuple[Criterion, ...]:
    return tuple(values)


def _requirements(values: Iterable[Requirement]) -> tuple[Requirement, ...]:
    return tuple(values)


def _profiles(values: Iterable[CompetencyProfile]) -> tuple[CompetencyProfile, ...]:
    return tuple(values)


def _notes(values: Iterable[Note]) -> tuple[Note, ...]:
    return tuple(values)


def _sources(values: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(values)


def _translations(values: Iterable[Translation]) -> tuple[Translation, ...]:
    return tuple(values)


def _references(values: Iterable[Reference]) -> tuple[Reference, ...]:
    return tuple(values)


class ReferenceSource(enum.Enum):
    """Where a classification reference comes from (herkomst van een verwijzing)."""

    #: Printed in the family's source document.
    DOCUMENT = "document"
    #: Chosen by the plugin's maintainers; their reasoning is in the plugin's README.
    EDITORIAL = "editorial"


def counted(n: int, one: str, many: str | None = None) -> str:
    """``"1 criterion"``, ``"5 criteria"``: *n* and the noun in the number it takes."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _norm(name: str) -> str:
    """Fold a name for lookup: case, spaces, dashes and underscores do not matter.

    They are dropped, not merely collapsed, so that ``Schaal10``, ``schaal 10``
    and ``schaal-10`` are one name, as users write all three.
    """
    return re.sub(r"[\s\-_\u2010-\u2015]+", "", name.casefold())


@attrs.frozen(order=False)
class Level:
    """One level of a scale (niveau, klasse, functieklasse).

    Levels compare by ``rank``, their position in the scale (0 = lowest), not
    field by field; ranks are assigned by :class:`Scale`. Comparing levels of
    different scales is meaningless and not detected.

    Attributes:
        code: Short code used in files and ratings: ``"D"``, ``"A2"``, ``"13/14"``.
        name: Label, e.g. ``"Niveau D"``, ``"Functieklasse 13/14"``.
        aliases: Other names for this level (``"Waarde 2"``, ``"FK 13/14"``);
            matched case-insensitively.
        classes: The function classes this level covers, lowest first
            (functieklassen ``(13, 14)``), or empty.
        rank: Position in the scale; set by the scale, not written to files.
        references: Outside classifications of this level (ISCO-08, ESCO ...).
    """

    code: str
    name: Text = attrs.field(converter=_text)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    classes: tuple[int, ...] = attrs.field(default=(), converter=_ints)
    rank: int = attrs.field(default=0, kw_only=True)
    references: tuple[_extra.Reference, ...] = attrs.field(
        default=(), converter=_references, kw_only=True
    )

    def _check(self, other: object) -> Level:
        if not isinstance(other, Level):
            raise TypeError(f"cannot compare Level with {type(other).__name__}")
        return other

    def __lt__(self, other: object) -> bool:
        return self.rank < self._check(other).rank

    def __le__(self, other: object) -> bool:
        return self.rank <= self._check(other).rank

    def __gt__(self, other: object) -> bool:
        return self.rank > self._check(other).rank

    def __ge__(self, other: object) -> bool:
        return self.rank >= self._check(other).rank

    def names(self) -> tuple[str, ...]:
        """Every name this level answers to: code, Dutch name and aliases."""
        return (self.code, self.name.nl, *self.aliases)


def _ranked(levels: Iterable[Level]) -> tuple[Level, ...]:
    return tuple(
        lvl if lvl.rank == i else attrs.evolve(lvl, rank=i) for i, lvl in enumerate(levels)
    )


@attrs.frozen
class Scale:
    """An ordered scale of levels, lowest first (niveaus, klassen, functieklassen).

    Attributes:
        name: What the scale's steps are called: ``"Niveau"``, ``"Functieklasse"``.
        levels: The levels, lowest first; their ranks are set from this order.
    """

    name: Text = attrs.field(converter=_text)
    levels: tuple[Level, ...] = attrs.field(converter=_ranked)
    _index: dict[str, Level] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, Level] = {}
        # Codes win over names and aliases, so a later alias cannot shadow a code.
        for lvl in reversed(self.levels):
            for name in reversed(lvl.names()[1:]):
                index[_norm(name)] = lvl
        for lvl in reversed(self.levels):
            index[_norm(lvl.code)] = lvl
        # French and English names after them, as for criteria: a translation never
        # shadows a code, a Dutch name or an alias ("Level C", as --lang en shows it).
        for lang in ("fr", "en"):
            for lvl in self.levels:
                other = getattr(lvl.name, lang)
                if other:
                    index.setdefault(_norm(other), lvl)
        # A function class (functieklasse 14) finds the band that covers it (13/14),
        # but never shadows a code, name or alias. A class may be written with
        # the scale's name or with any prefix the levels' own names put before
        # their codes ("FK 13/14" makes "FK 14" a name of the band too).
        prefixes = {_norm(t) for t in (self.name.nl, self.name.fr, self.name.en) if t}
        for lvl in self.levels:
            code = _norm(lvl.code)
            for label in (*lvl.names()[1:], lvl.name.fr, lvl.name.en):
                if not label:
                    continue
                folded = _norm(label)
                if folded.endswith(code) and len(folded) > len(code):
                    prefixes.add(folded[: -len(code)])
        for lvl in self.levels:
            for number in lvl.classes:
                for prefix in ("", *sorted(prefixes)):
                    index.setdefault(prefix + str(number), lvl)
        object.__setattr__(self, "_index", index)

    def __iter__(self) -> Iterator[Level]:
        return iter(self.levels)

    def __len__(self) -> int:
        return len(self.levels)

    @property
    def codes(self) -> tuple[str, ...]:
        """The level codes, lowest first."""
        return tuple(lvl.code for lvl in self.levels)

    def find(self, name: str) -> Level | None:
        """Return the level named *name* (see :meth:`level`), or None."""
        if not isinstance(name, str):
            return None  # levels are named by strings (12 is not the code "12")
        return self._index.get(_norm(name))

    def level(self, name: str | Level) -> Level:
        """Return the level named *name*: the one resolver every level argument goes through.

        A level answers to its code, its Dutch name, its aliases, its French and
        English names and the function classes (functieklassen) it covers (``"14"`` or
        ``"Functieklasse 14"`` finds the band ``13/14``); case, spaces, dashes and
        underscores do not matter. Codes win over Dutch names and aliases, those over
        French and English names, and all of them over classes.

        Raises:
            UnknownLevelError: no level has that name; the error lists the codes
                and the closest match.
        """
        if isinstance(name, Level):
            name = name.code
        found = self.find(name)
        if found is None:
            # "C..B" where one level is wanted (a target, a profile, a comparison).
            span = isinstance(name, str) and name.count("..") == 1
            span = span and all(self.find(end) is not None for end in name.split(".."))
            raise UnknownLevelError(name, self.codes, self.closest(name), span=span)
        return found

    def closest(self, name: object) -> str | None:
        """The level code whose names are closest to *name*, or None (also for a non-string)."""
        codes = {k: lvl.code for k, lvl in self._index.items()}
        return closest(name, codes, _norm, answer=codes)

    def rank(self, name: str | Level) -> int:
        """The rank (0 = lowest) of the level named *name*."""
        return self.level(name).rank

    def span(self, low: str | Level, high: str | Level) -> tuple[Level, ...]:
        """The levels from *low* to *high* inclusive.

        Raises:
            UnknownLevelError: either end names no level.
            RatingError: *high* is below *low* (a ValueError too).
        """
        from ._errors import RatingError

        lo, hi = self.level(low), self.level(high)
        if hi.rank < lo.rank:
            raise RatingError(
                f"span {lo.code!r}..{hi.code!r} runs backwards ({hi.code!r} is below "
                f"{lo.code!r}): write the lower level first, {hi.code!r}..{lo.code!r}"
            )
        return self.levels[lo.rank : hi.rank + 1]


class Join(enum.Enum):
    """How a descriptor's clauses combine: EN (all must hold) or OF (one suffices)."""

    ALL = "and"
    ANY = "or"

    @property
    def dutch(self) -> str:
        """The Dutch connective as printed in the source: ``EN`` or ``OF``."""
        return "EN" if self is Join.ALL else "OF"

    def word(self, lang: str = "nl") -> str:
        """The connective in *lang*: ``EN``/``OF``, ``ET``/``OU`` or ``AND``/``OR``.

        Raises:
            LanguageError: *lang* is not one of ``nl``, ``fr``, ``en``.
        """
        return _JOIN_WORDS[check_lang(lang)][self is Join.ANY]


_JOIN_WORDS = {"nl": ("EN", "OF"), "fr": ("ET", "OU"), "en": ("AND", "OR")}
#: Each language's connective, folded, to the join it is: ``"of"`` -> ``"or"``.
JOINS: dict[str, str] = {
    word.casefold(): (Join.ANY if i else Join.ALL).value
    for words in _JOIN_WORDS.values()
    for i, word in enumerate(words)
}

#: How the Dutch connectors between activity and outcome read in French and English.
CONNECTORS: dict[str, dict[str, str]] = {
    "teneinde": {"fr": "afin de", "en": "in order to"},
    "met als doel": {"fr": "dans le but de", "en": "with the aim of"},
}


def sentence(activity: Text, connector: str, outcome: Text, lang: str = "nl") -> str:
    """``activity connector outcome`` in *lang*, as a purpose or result area reads.

    The connector is the one :func:`connective` gives.

    Raises:
        LanguageError: *lang* is not one of ``nl``, ``fr``, ``en``.
    """
    word = connective(activity, connector, outcome, lang)
    return " ".join(x for x in (activity.get(lang), word, outcome.get(lang)) if x)


def connective(activity: Text, connector: str, outcome: Text, lang: str = "nl") -> str:
    """The connector between *activity* and *outcome* as it reads in *lang*.

    The connector is translated (:data:`CONNECTORS`) only when both halves are
    written in *lang*: a Dutch sentence with "in order to" in the middle helps
    nobody. It is not repeated when the translated outcome already starts with
    it or with its last word (an outcome written as "to guarantee ..." after
    "in order to"): then it is shortened or empty.

    Raises:
        LanguageError: *lang* is not one of ``nl``, ``fr``, ``en``.
    """
    check_lang(lang)
    word = connector
    if lang != "nl" and activity.has(lang) and outcome.has(lang):
        word = CONNECTORS.get(connector, {}).get(lang, connector)
    folded = outcome.get(lang).casefold()
    if folded.startswith(word.casefold() + " "):
        return ""
    *head, last = word.split(" ")
    if head and folded.startswith(last.casefold() + " "):
        return " ".join(head)
    return word


@attrs.frozen
class Clause:
    """One clause of a descriptor.

    Attributes:
        text: The clause, word for word from the source, without the ``(RG)`` mark.
        result_area: ``(RG)``: at this level the clause is added to the function's
            result areas (resultaatgebieden).
    """

    text: Text = attrs.field(converter=_text)
    result_area: bool = False


def _clause(value: Clause | Text | str) -> Clause:
    return value if isinstance(value, Clause) else Clause(value)


def _clauses(values: Iterable[Clause | Text | str]) -> tuple[Clause, ...]:
    return tuple(_clause(v) for v in values)


@attrs.frozen
class Descriptor:
    """What a criterion (or requirement) says for a contiguous span of levels.

    Attributes:
        levels: Codes of the levels this descriptor covers, lowest first and
            contiguous; more than one when the source merges cells or repeats text.
        clauses: The descriptor's clauses; more than one when the source joins
            them with EN or OF.
        join: How the clauses combine (EN = all, OF = any); default EN
            (:attr:`Join.ALL`), which a single clause is too.
        inferred: Why the span was inferred, when the source text lost it
            (a merged cell, a lone tab); None when the source states it.
    """

    levels: tuple[str, ...] = attrs.field(converter=_strs)
    clauses: tuple[Clause, ...] = attrs.field(converter=_clauses)
    join: Join = Join.ALL
    inferred: str | None = None

    @property
    def result_area(self) -> bool:
        """True when any clause carries (RG)."""
        return any(c.result_area for c in self.clauses)

    def text(self, lang: str = "nl") -> str:
        """The descriptor as one string in *lang*, one clause per line.

        Clauses are joined by EN / OF (ET / OU, AND / OR), each falling back to Dutch.

        Raises:
            LanguageError: *lang* is not one of ``nl``, ``fr``, ``en``.
        """
        sep = f"\n{self.join.word(lang)}\n"
        return sep.join(c.text.get(lang) + (" (RG)" if c.result_area else "") for c in self.clauses)


def _descriptors(values: Iterable[Descriptor]) -> tuple[Descriptor, ...]:
    return tuple(values)


def _covering(
    descriptors: tuple[Descriptor, ...], level: str | Level, scale: Scale | None
) -> Descriptor | None:
    known = isinstance(level, Level) or scale is not None
    if isinstance(level, Level):
        code = level.code
    elif scale is not None:
        code = scale.level(level).code
    else:
        code = level
    for d in descriptors:
        if code in d.levels:
            return d
    if known:
        return None  # a level the (invalid) criterion leaves uncovered
    codes = [c for d in descriptors for c in d.levels]
    if not isinstance(code, str):
        raise UnknownLevelError(code, tuple(codes))  # "levels are named by strings"
    # Not a code as written: fold it as the scale would, and say so when it is no level.
    key = _norm(code)
    for d in descriptors:
        if any(_norm(c) == key for c in d.levels):
            return d
    raise UnknownLevelError(code, tuple(codes), closest(code, codes, _norm))


@attrs.frozen
class Criterion:
    """A distinguishing or classifying criterion (onderscheidend criterium, indelingscriterium).

    It has one descriptor per level; a descriptor may span adjacent levels.

    Attributes:
        code: Slug, unique in the family: ``"kennis"``.
        name: ``"Kennis"``.
        descriptors: Cover every level of the scale exactly once.
        note: A qualifier printed with the name, e.g. ``"(≠ hiërarchische aansturing)"``.
        weight: Weight for the weighted rule (default 1).
    """

    code: str
    name: Text = attrs.field(converter=_text)
    descriptors: tuple[Descriptor, ...] = attrs.field(converter=_descriptors)
    note: Text | None = attrs.field(default=None, converter=_opt_text)
    weight: float = 1.0

    def at(self, level: str | Level, scale: Scale | None = None) -> Descriptor | None:
        """The descriptor covering *level*.

        Args:
            level: A Level, or a level's name. With *scale*, any name the scale
                resolves (:meth:`Scale.level`: code, name, alias, class); without,
                a level code, ignoring case, spaces and dashes.
            scale: The family's scale, to resolve names and aliases.

        Returns:
            The descriptor, or None when *level* is a level that no descriptor
            covers (only in an invalid family).

        Raises:
            UnknownLevelError: *level* names no level.
        """
        return _covering(self.descriptors, level, scale)


@attrs.frozen
class ResultArea:
    """A result area (resultaatgebied): activity ``teneinde`` / ``met als doel`` outcome.

    Attributes:
        code: Slug, unique in the family.
        title: As printed: ``"Als administratief ondersteuner"`` or ``"PROBLEEMANALYSE"``.
        activity: What is done (before the connector).
        outcome: Why (after the connector).
        connector: The connective in the source (default ``"teneinde"``; or
            ``"met als doel"``); translated when rendered (:data:`CONNECTORS`).
        tasks: Example tasks (voorbeelden van taken / activiteiten), in order.
        number: The area's number in the source (Flemish ``1.``), if any.
        optional: ``(facultatief)``.
        context: Context note (``Context: ...``).
    """

    code: str
    title: Text = attrs.field(converter=_text)
    activity: Text = attrs.field(converter=_text)
    outcome: Text = attrs.field(converter=_text)
    connector: str = "teneinde"
    tasks: tuple[Text, ...] = attrs.field(default=(), converter=_texts)
    number: int | None = None
    optional: bool = False
    context: Text | None = attrs.field(default=None, converter=_opt_text)

    def sentence(self, lang: str = "nl") -> str:
        """``activity connector outcome`` in *lang* (see :func:`sentence`)."""
        return sentence(self.activity, self.connector, self.outcome, lang)


@attrs.frozen
class Purpose:
    """The family's purpose (doel): activity, connector, outcome, and notes.

    Attributes:
        activity: The activity half (before ``teneinde`` / ``met als doel``).
        outcome: The outcome half.
        connector: The connective (default ``"teneinde"``; or ``"met als doel"``);
            translated when rendered (:data:`CONNECTORS`).
        notes: Paragraphs that qualify the purpose (scope, definitions).
    """

    activity: Text = attrs.field(converter=_text)
    outcome: Text = attrs.field(converter=_text)
    connector: str = "teneinde"
    notes: tuple[Text, ...] = attrs.field(default=(), converter=_texts)

    def sentence(self, lang: str = "nl") -> str:
        """``activity connector outcome`` in *lang* (see :func:`sentence`)."""
        return sentence(self.activity, self.connector, self.outcome, lang)


@attrs.frozen
class CompetencyDictionary:
    """The competencies a family's profiles draw on, grouped in clusters if any.

    Attributes:
        clusters: The clusters (competentieclusters), in source order; may be empty.
        competencies: Every competency the profiles refer to.
    """

    clusters: tuple[_extra.CompetencyCluster, ...] = attrs.field(default=(), converter=_clusters)
    competencies: tuple[_extra.Competency, ...] = attrs.field(default=(), converter=_competencies)

    def get(self, code: str) -> Competency | None:
        """The competency with *code*, or None."""
        for c in self.competencies:
            if c.code == code:
                return c
        return None


if TYPE_CHECKING:  # no class to create at import: a cold start pays for each

    class _HasName(Protocol):
        @property
        def name(self) -> Text: ...


_Named = TypeVar("_Named", bound="_HasName")


def _named(items: Sequence[_Named], wanted: str, code: Callable[[_Named], str]) -> _Named | None:
    """The first of *items* whose code, else whose name in Dutch, then French, then
    English, is *wanted* (in any case, spaces and dashes aside), or None."""
    key = _norm(wanted)
    for item in items:
        if _norm(code(item)) == key:
            return item
    for lang in LANGUAGES:
        for item in items:
            name = getattr(item.name, lang)
            if name is not None and _norm(name) == key:
                return item
    return None


def _meant(wanted: str, items: Sequence[_Named], code: Callable[[_Named], str]) -> str | None:
    """The code of the item a mistyped *wanted* most likely meant, by code or Dutch name."""
    names = {code(item): code(item) for item in items}
    names.update({item.name.nl: code(item) for item in items})
    return closest(wanted, names, _norm, answer=names)


@attrs.frozen(repr=False)
class Family:
    """A job family (functiefamilie).

    Its repr is a summary (code, name, levels and how many criteria, result areas
    and profiles): attrs' repr of every field ran to 32,000 characters for
    ``adviseurs``, a screenful per look in a REPL or a notebook.

    Attributes:
        code: Slug, the family's key in the registry: ``"ondersteuners"``.
        name: Official name: ``"OS – Ondersteuners"``.
        government: Which government or framework: ``"Federale overheid"``.
        scale: The ordered levels.
        purpose: Doel.
        result_areas: Resultaatgebieden, in source order.
        criteria: Onderscheidende criteria / indelingscriteria, in source order.
        requirements: Per-level requirements not used to classify.
        competencies: The competency dictionary the profiles draw on.
        profiles: Competency profiles, one per role.
        notes: Footnotes, definitions and instructions.
        sources: The documents this family was taken from.
        translations: Provenance of non-Dutch text.
        rule: Name of the classification rule the family prefers, if any.
        version: The family data's own version.
        format_version: Version of the file format.
        references: Outside classifications of the whole family (ISCO-08, ESCO ...).
    """

    code: str
    name: Text = attrs.field(converter=_text)
    government: Text = attrs.field(converter=_text)
    scale: Scale
    purpose: Purpose
    result_areas: tuple[ResultArea, ...] = attrs.field(default=(), converter=_result_areas)
    criteria: tuple[Criterion, ...] = attrs.field(default=(), converter=_criteria)
    requirements: tuple[_extra.Requirement, ...] = attrs.field(default=(), converter=_requirements)
    competencies: CompetencyDictionary = attrs.field(factory=CompetencyDictionary)
    profiles: tuple[_extra.CompetencyProfile, ...] = attrs.field(default=(), converter=_profiles)
    notes: tuple[_extra.Note, ...] = attrs.field(default=(), converter=_notes)
    sources: tuple[_extra.Source, ...] = attrs.field(default=(), converter=_sources)
    translations: tuple[_extra.Translation, ...] = attrs.field(default=(), converter=_translations)
    rule: str | None = None
    version: str = "1"
    format_version: int = FORMAT_VERSION
    references: tuple[_extra.Reference, ...] = attrs.field(
        default=(), converter=_references, kw_only=True
    )

    def __repr__(self) -> str:
        levels = ", ".join(self.scale.codes)
        return (
            f"<Family {self.code!r} {self.name.nl!r}: levels {levels}; "
            f"{counted(len(self.criteria), 'criterion', 'criteria')}, "
            f"{counted(len(self.result_areas), 'result area')}, "
            f"{counted(len(self.profiles), 'profile')}>"
        )

    def criterion(self, code: str) -> Criterion:
        """The criterion with *code*, or whose name in any language matches (any case).

        Raises:
            UnknownCriterionError: none matches; lists the codes and the closest.
        """
        from ._errors import UnknownCriterionError

        found = _named(self.criteria, code, lambda c: c.code)
        if found is not None:
            return found
        raise UnknownCriterionError(
            code,
            tuple(c.code for c in self.criteria),
            _meant(code, self.criteria, lambda c: c.code),
        )

    def profile_for(self, role: str | None = None) -> CompetencyProfile | None:
        """The competency profile of *role* (the first profile when None), or None.

        *role* is a profile's role code or its name in any language, in any case.

        Raises:
            LookupError: *role* names no profile of this family.
        """
        if not self.profiles:
            return None
        if role is None:
            return self.profiles[0]
        if not isinstance(role, str):
            raise UnknownRoleError(role, tuple(p.role for p in self.profiles))
        found = _named(self.profiles, role, lambda p: p.role)
        if found is not None:
            return found
        raise UnknownRoleError(
            role,
            tuple(p.role for p in self.profiles),
            _meant(role, self.profiles, lambda p: p.role),
        )
