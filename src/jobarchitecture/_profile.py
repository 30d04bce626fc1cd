"""``profile()``: the job profile of a family at one level, for one role.

A job profile (functieprofiel) gathers what the family says about a function at
a level: the purpose, the result areas (with those that (RG) descriptors add at
that level), every criterion's descriptor there, the competency profile of the
role at that level, the per-level requirements, and the family's notes that
apply to them. It renders as Markdown and as JSON-safe data.
"""

from __future__ import annotations

import os
from typing import Any

import attrs

from ._classify import AddedResultArea
from ._errors import UnknownRoleError
from ._extra import Note
from ._format import unstructure
from ._model import (
    Descriptor,
    Family,
    Join,
    Level,
    Purpose,
    ResultArea,
    Text,
    counted,
)
from ._resolve import as_family


@attrs.frozen
class DescriptorAtLevel:
    """A criterion's or requirement's descriptor at the profile's level.

    Attributes:
        code: The criterion's or requirement's code.
        name: Its name.
        descriptor: The descriptor covering the level.
        group: The requirement's table (``"Vaktechnische competenties"``); None for criteria.
        note: A qualifier or instruction printed with the name.
    """

    code: str
    name: Text
    descriptor: Descriptor
    group: Text | None = None
    note: Text | None = None


@attrs.frozen
class CompetencyAtLevel:
    """A competency in the role's profile at the level.

    Attributes:
        code: The competency's code.
        name: Its name.
        cluster: Its cluster's name, if the dictionary has clusters.
        core: A core competency (kerncompetentie, ``K``).
        behavioural_level: The required behavioural level, where the source gives one.
        behaviour: That behavioural level's text.
        definition: The competency's definition.
    """

    code: str
    name: Text
    cluster: Text | None = None
    core: bool = False
    behavioural_level: int | None = None
    behaviour: Text | None = None
    definition: Text | None = None


@attrs.frozen(repr=False)
class JobProfile:
    """The job profile (functieprofiel) of a family at one level.

    Its repr is a summary, as :class:`Family`'s is; in a notebook (IPython,
    Jupyter) it shows as its Markdown rendering (:func:`render_markdown`).

    Attributes:
        family: The family's code.
        family_name: The family's name.
        government: The government or framework.
        level: The level's code, as :attr:`Classification.level` is: the two compare
            and round-trip through JSON alike.
        level_name: The level's name (``"Functieklasse 13/14"``).
        role: The competency profile's role code; None when the family has no profiles.
        role_name: The role's name.
        purpose: The family's purpose (doel).
        result_areas: The family's result areas (resultaatgebieden).
        added_result_areas: Result areas added by (RG) descriptors at this level.
        criteria: Every criterion's descriptor at this level.
        competencies: The role's competencies at this level, core ones included.
        requirements: The requirements with a descriptor at this level.
        notes: The family's notes that apply to this profile: every note, except a
            definition (a note with a ``term``) whose term none of the profile's
            texts uses. A descriptor's ``specialisatie*`` thus comes with what
            ``*`` means, and a level without the word does not.
    """

    family: str
    family_name: Text
    government: Text
    level: str
    level_name: Text
    role: str | None
    role_name: Text | None
    purpose: Purpose
    result_areas: tuple[ResultArea, ...]
    added_result_areas: tuple[AddedResultArea, ...]
    criteria: tuple[DescriptorAtLevel, ...]
    competencies: tuple[CompetencyAtLevel, ...]
    requirements: tuple[DescriptorAtLevel, ...]
    notes: tuple[Note, ...] = ()

    def __repr__(self) -> str:
        role = "" if self.role is None else f", role {self.role!r}"
        return (
            f"<JobProfile {self.family!r} at {self.level!r} {self.level_name.nl!r}{role}: "
            f"{counted(len(self.criteria), 'criterion', 'criteria')}, "
            f"{counted(len(self.competencies), 'competency', 'competencies')}, "
            f"{counted(len(self.requirements), 'requirement')}>"
        )

    def _repr_markdown_(self) -> str:
        from ._render._markdown import render_markdown

        return render_markdown(self)

    def ratings(self, *, spans: bool = False) -> dict[str, str | tuple[str, str]]:
        """The ratings this profile implies: every criterion at :attr:`level`.

        Args:
            spans: Rate each criterion with the whole span of its descriptor
                (``(low, high)``) instead, as a rater reading only the text would.
        """
        if not spans:
            return {c.code: self.level for c in self.criteria}
        out: dict[str, str | tuple[str, str]] = {}
        for c in self.criteria:
            levels = c.descriptor.levels
            out[c.code] = levels[0] if len(levels) == 1 else (levels[0], levels[-1])
        return out

    def competency_columns(self) -> tuple[str, ...]:
        """Which of a competency's optional parts any competency here has, in table order.

        Among ``"cluster"``, ``"core"`` and ``"behavioural_level"``: what a table of
        :attr:`competencies` needs a column for. A Flemish profile has neither
        clusters nor core competencies, a federal one no behavioural levels, and
        every renderer leaves out the columns this does not name.
        """
        filled = {
            "cluster": any(c.cluster for c in self.competencies),
            "core": any(c.core for c in self.competencies),
            "behavioural_level": any(c.behavioural_level is not None for c in self.competencies),
        }
        return tuple(name for name, has in filled.items() if has)

    def to_dict(self) -> dict[str, Any]:
        """The profile as JSON-safe data; texts as in family files (a string or nl/fr/en)."""
        return {
            "family": self.family,
            "family_name": unstructure(self.family_name),
            "government": unstructure(self.government),
            "level": self.level,
            "level_name": unstructure(self.level_name),
            "role": self.role,
            "role_name": None if self.role_name is None else unstructure(self.role_name),
            "purpose": unstructure(self.purpose),
            "result_areas": [unstructure(r) for r in self.result_areas],
            "added_result_areas": [attrs.asdict(a) for a in self.added_result_areas],
            "criteria": [_unstructure(c) for c in self.criteria],
            "competencies": [_unstructure(c) for c in self.competencies],
            "requirements": [_unstructure(r) for r in self.requirements],
            "notes": [_unstructure(n) for n in self.notes],
        }

    def to_markdown(self, lang: str = "nl") -> str:
        """The profile as a Markdown document in *lang* (nl, fr or en; missing text falls back to nl).

        Raises:
            LanguageError: *lang* is not one of nl, fr, en.
        """
        from ._render._markdown import profile_markdown

        return profile_markdown(self, lang)


def _unstructure(obj: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for f in attrs.fields(type(obj)):
        value = getattr(obj, f.name)
        if value is None or (f.default is not attrs.NOTHING and value == f.default):
            continue
        data[f.name] = unstructure(value)
    return data


def profile(
    family: Family | str | os.PathLike[str], level: str | Level, role: str | None = None
) -> JobProfile:
    """The job profile of *family* at *level* for *role*.

    Args:
        family: The job family, an installed family's code, or a family file's path.
        level: Any name the scale resolves (:meth:`Scale.level`: code, name,
            alias or function class, any case), or a Level of its scale.
        role: The competency profile's role (code or name, any case); None for the
            family's first profile.

    Raises:
        UnknownLevelError: *level* is not a level of the family's scale.
        UnknownRoleError: *role* names no competency profile of the family.
    """
    family = as_family(family)
    lvl = family.scale.level(level)
    if role is not None and not family.profiles:
        raise UnknownRoleError(role, ())
    competency_profile = family.profile_for(role)
    criteria: list[DescriptorAtLevel] = []
    added: list[AddedResultArea] = []
    for c in family.criteria:
        d = c.at(lvl)
        if d is None:
            continue  # an invalid family; validate() reports it
        criteria.append(DescriptorAtLevel(c.code, c.name, d, note=c.note))
        alternative = d.join is Join.ANY and len(d.clauses) > 1
        added.extend(
            AddedResultArea(c.code, lvl.code, clause.text.nl, alternative)
            for clause in d.clauses
            if clause.result_area
        )
    requirements = [
        DescriptorAtLevel(r.code, r.name, d, group=r.group, note=r.note)
        for r in family.requirements
        if (d := r.at(lvl)) is not None
    ]
    competencies: list[CompetencyAtLevel] = []
    if competency_profile is not None:
        clusters = {c.code: c.name for c in family.competencies.clusters}
        for entry in competency_profile.at(lvl):
            comp = family.competencies.get(entry.competency)
            behaviour = None
            if comp is not None and entry.behavioural_level is not None:
                found = comp.behaviour(entry.behavioural_level)
                behaviour = None if found is None else found.text
            competencies.append(
                CompetencyAtLevel(
                    entry.competency,
                    comp.name if comp is not None else Text(entry.competency),
                    clusters.get(comp.cluster) if comp is not None and comp.cluster else None,
                    entry.core,
                    entry.behavioural_level,
                    behaviour,
                    comp.definition if comp is not None else None,
                )
            )
    texts = _dutch_texts(family, criteria, requirements)
    notes = tuple(
        n for n in family.notes if n.term is None or n.term.casefold() in texts.casefold()
    )
    return JobProfile(
        family=family.code,
        family_name=family.name,
        government=family.government,
        level=lvl.code,
        level_name=lvl.name,
        role=None if competency_profile is None else competency_profile.role,
        role_name=None if competency_profile is None else competency_profile.name,
        purpose=family.purpose,
        result_areas=family.result_areas,
        added_result_areas=tuple(added),
        criteria=tuple(criteria),
        competencies=tuple(competencies),
        requirements=tuple(requirements),
        notes=notes,
    )


def _dutch_texts(
    family: Family,
    criteria: list[DescriptorAtLevel],
    requirements: list[DescriptorAtLevel],
) -> str:
    """Every Dutch text a profile shows of *family* at a level, in one string.

    Dutch because a note's ``term`` is the source document's own word.
    """
    purpose = family.purpose
    parts = [purpose.activity.nl, purpose.outcome.nl, *(n.nl for n in purpose.notes)]
    for area in family.result_areas:
        parts += [area.title.nl, area.activity.nl, area.outcome.nl, *(t.nl for t in area.tasks)]
        if area.context is not None:
            parts.append(area.context.nl)
    for d in (*criteria, *requirements):
        parts += [d.name.nl, d.descriptor.text("nl")]
        parts += [t.nl for t in (d.group, d.note) if t is not None]
    return "\n".join(parts)
