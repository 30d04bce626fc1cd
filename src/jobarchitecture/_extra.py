"""The model classes that neither classifying nor listing families needs.

Requirements, competencies and their profiles, notes, sources, translations and
outside references: plain data like the rest of :mod:`jobarchitecture._model`,
kept apart only so that a cold ``jobarchitecture classify`` (whose cached family
holds none of them) does not pay for creating their classes. They are created
the first time one of them is asked for: through the package, through
``_model``'s module ``__getattr__`` (which also serves pickles naming
``jobarchitecture._model.Note``), or by reading a family file.
"""

from __future__ import annotations

import attrs

from ._errors import UnknownLevelError
from ._model import (
    Descriptor,
    Level,
    ReferenceSource,
    Scale,
    Text,
    _behaviours,
    _covering,
    _descriptors,
    _entries,
    _norm,
    _opt_text,
    _strs,
    _text,
    _texts,
)


def _reference_source(value: ReferenceSource | str) -> ReferenceSource:
    return ReferenceSource(value)


@attrs.frozen
class Reference:
    """A reference to an outside classification (verwijzing).

    An ISCO-08 code, an ESCO occupation, or any other scheme.

    Attributes:
        scheme: The classification: ``"ISCO-08"``, ``"ESCO"``, or another name.
        code: The code in that scheme (``"4110"``), or the URI for ESCO.
        source: Where the reference comes from: the source document, or an
            editorial mapping by the plugin's maintainers (nothing here is
            official unless the document says so).
        label: The scheme's own name for the code, as the scheme prints it
            (ISCO-08's is English), not a translation.
        url: Where a reader can check it.
        note: Why it was chosen, for an editorial mapping.
    """

    scheme: str
    code: str
    source: ReferenceSource = attrs.field(converter=_reference_source)
    label: str | None = None
    url: str | None = None
    note: str | None = None


@attrs.frozen
class Requirement:
    """A per-level requirement laid out like a criterion, not used to classify.

    Vaktechnische competenties; opleidingsniveau en ervaring.

    Attributes:
        code: Slug, unique in the family.
        name: Row label, e.g. ``"Vakkennis/ leiding geven"``.
        group: Table it belongs to, e.g. ``"Vaktechnische competenties"``.
        descriptors: As for criteria.
        note: Instruction or qualifier, e.g. ``"Nog functie- en entiteitspecifiek maken"``.
    """

    code: str
    name: Text = attrs.field(converter=_text)
    group: Text = attrs.field(converter=_text)
    descriptors: tuple[Descriptor, ...] = attrs.field(converter=_descriptors)
    note: Text | None = attrs.field(default=None, converter=_opt_text)

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
class Note:
    """A footnote, definition or instruction of the source document.

    Attributes:
        code: Slug, unique among the family's notes.
        text: The note word for word.
        marker: The mark that refers to it in the text, e.g. ``"*"``.
        term: The term it defines, if it is a definition (``"specialisatie"``).
    """

    code: str
    text: Text = attrs.field(converter=_text)
    marker: str | None = None
    term: str | None = None


@attrs.frozen
class Source:
    """A source document the family was taken from.

    Attributes:
        title: What the document is.
        reference: Where it is (a file name, a URL).
        note: How it was used (e.g. which wording wins where sources differ).
    """

    title: str
    reference: str
    note: str | None = None


@attrs.frozen
class CompetencyCluster:
    """A cluster of a competency dictionary (federal: ``Omgaan met informatie`` ...).

    Attributes:
        code: Slug.
        name: Cluster name, with French and English where known.
    """

    code: str
    name: Text = attrs.field(converter=_text)


@attrs.frozen
class BehaviouralLevel:
    """A numbered behavioural level (gedragsniveau) of a competency: ``1 = ...``.

    Attributes:
        number: The level's number, 1 the most elementary.
        text: What the behaviour at that level is.
    """

    number: int
    text: Text = attrs.field(converter=_text)


@attrs.frozen
class Competency:
    """A competency of the dictionary (competentiewoordenboek).

    Attributes:
        code: Slug, unique in the dictionary.
        name: ``"Informatie analyseren"``.
        cluster: Code of its cluster, if the dictionary has clusters.
        order: Position in its cluster, 1 = most elementary, if the source orders them.
        definition: The competency's definition, if the source gives one.
        levels: Numbered behavioural levels, lowest first.
    """

    code: str
    name: Text = attrs.field(converter=_text)
    cluster: str | None = None
    order: int | None = None
    definition: Text | None = attrs.field(default=None, converter=_opt_text)
    levels: tuple[BehaviouralLevel, ...] = attrs.field(default=(), converter=_behaviours)

    def behaviour(self, number: int) -> BehaviouralLevel | None:
        """The behavioural level numbered *number*, or None."""
        for b in self.levels:
            if b.number == number:
                return b
        return None


@attrs.frozen
class ProfileEntry:
    """One competency in a competency profile (competentieprofiel).

    Attributes:
        competency: Code of the competency in the family's dictionary.
        levels: Codes of the levels at whose base profile (basisprofiel) it
            belongs, contiguous; empty for a core competency, which every level has.
        behavioural_level: The required behavioural level, where the source gives one.
        core: ``K``: a core competency (kerncompetentie).
        inferred: Why the span was inferred, when the source text lost it.
    """

    competency: str
    levels: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    behavioural_level: int | None = None
    core: bool = False
    inferred: str | None = None

    def applies_to(self, level: str | Level) -> bool:
        """True when this entry is in the profile at *level*."""
        code = level.code if isinstance(level, Level) else level
        return self.core or code in self.levels


@attrs.frozen
class CompetencyProfile:
    """The competency profile of one role (rol).

    Attributes:
        role: Slug of the role, unique in the family.
        name: ``"Ondersteunend/Expert"``.
        entries: The competencies, in source order.
        notes: Legend lines and remarks printed with the profile.
    """

    role: str
    name: Text = attrs.field(converter=_text)
    entries: tuple[ProfileEntry, ...] = attrs.field(default=(), converter=_entries)
    notes: tuple[Text, ...] = attrs.field(default=(), converter=_texts)

    def at(self, level: str | Level, scale: Scale | None = None) -> tuple[ProfileEntry, ...]:
        """The entries in the profile at *level* (core competencies included).

        Args:
            level: A Level, or a level's name: with *scale*, any name the scale
                resolves (:meth:`Scale.level`); without, a level code, ignoring
                case, spaces and dashes.
            scale: The family's scale, to resolve names, aliases and classes.

        Raises:
            UnknownLevelError: *scale* is given and has no such level.
        """
        if isinstance(level, Level):
            code = level.code
        elif scale is not None:
            code = scale.level(level).code
        elif not isinstance(level, str):
            codes = tuple(dict.fromkeys(c for e in self.entries for c in e.levels))
            raise UnknownLevelError(level, codes)  # "levels are named by strings"
        else:
            key = _norm(level)
            known = {_norm(c): c for e in self.entries for c in e.levels}
            code = known.get(key, level)
        return tuple(e for e in self.entries if e.applies_to(code))


@attrs.frozen
class Translation:
    """Where a language's text in a family comes from.

    Attributes:
        lang: ``"fr"`` or ``"en"``.
        note: Provenance, e.g. "own translation, not official".
    """

    lang: str
    note: str
