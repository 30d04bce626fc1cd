"""``compare()``: two levels of a family side by side (niveauvergelijking).

The data behind every "what changes from one level to the next" view: per
criterion and requirement the descriptor at each level (or the one descriptor
that spans both) with a word-level difference, the result areas that (RG)
descriptors add or drop, and the competencies that enter, leave or change
behavioural level. Renderers only decide how this is shown.
"""

from __future__ import annotations

import os
import re
from typing import Any, Literal

import attrs

from ._errors import UnknownRoleError
from ._model import Descriptor, Family, Join, Level, Text, check_lang, counted
from ._profile import CompetencyAtLevel, JobProfile, profile
from ._resolve import as_family

#: What a run of words is, from the first level's text to the second's.
RunKind = Literal["equal", "insert", "delete"]

#: How a competency differs between the two levels.
CompetencyChangeKind = Literal["entering", "leaving", "level"]


@attrs.frozen
class WordRun:
    """A run of words in a word-level difference.

    Both texts share it (``equal``), or only the second (``insert``) or only the
    first (``delete``) has it; the text keeps its spacing.
    """

    kind: RunKind
    text: str


def _tokens(text: str) -> list[str]:
    # A word with the spacing after it, so that joining the runs gives the text back.
    return re.findall(r"\S+\s*|\s+", text)


def _spaced(old: str, new: str) -> str:
    # The new text's word with its spacing, or the old one's where the new word
    # ends its text, so that runs joined in either order keep words apart.
    word = new.rstrip()
    return word + (new[len(word) :] or old[len(old.rstrip()) :])


def glued(previous: str, run: WordRun) -> bool:
    """True when a deleted run ending in a word meets an inserted one starting with one.

    Each run keeps its own text's spacing, so the old text's last word and the
    new text's first would read as one word; renderers set a space between.
    """
    return previous == "delete" and run.kind == "insert" and bool(run.text[:1].strip())


def word_diff(old: str, new: str) -> tuple[WordRun, ...]:
    """The word-level difference from *old* to *new* as runs of equal, inserted and deleted words.

    The equal and deleted runs spell *old* word for word, the equal and inserted
    runs *new* (equal runs carry *new*'s spacing). A lone shared word between two
    changes ("van", "de") is counted as changed, so that a rewritten sentence
    reads as one deletion and one insertion rather than confetti.
    """
    import difflib  # only when comparing; keeps `import jobarchitecture` light

    a, b = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(None, [t.strip() for t in a], [t.strip() for t in b])
    ops: list[tuple[str, int, int, int, int]] = list(matcher.get_opcodes())
    for k in range(1, len(ops) - 1):
        tag, i1, i2, j1, j2 = ops[k]
        lone = tag == "equal" and i2 - i1 == 1
        if lone and ops[k - 1][0] != "equal" and ops[k + 1][0] != "equal":
            ops[k] = ("replace", i1, i2, j1, j2)
    merged: list[tuple[str, int, int, int, int]] = []
    for op in ops:
        if merged and op[0] != "equal" and merged[-1][0] != "equal":
            last = merged[-1]
            merged[-1] = ("replace", last[1], op[2], last[3], op[4])
        else:
            merged.append(op)
    runs: list[WordRun] = []
    for kind, i1, i2, j1, j2 in merged:
        if kind == "equal":
            runs.append(WordRun("equal", "".join(map(_spaced, a[i1:i2], b[j1:j2]))))
            continue
        if i2 > i1:
            runs.append(WordRun("delete", "".join(a[i1:i2])))
        if j2 > j1:
            runs.append(WordRun("insert", "".join(b[j1:j2])))
    return tuple(runs)


@attrs.frozen
class DescriptorChange:
    """A criterion's or requirement's descriptors at the two levels.

    Attributes:
        code: The criterion's or requirement's code.
        name: Its name.
        first: The descriptor at the first level (None when the family lacks one).
        second: The descriptor at the second level.
        group: The requirement's table; None for criteria.
        note: A qualifier printed with the name.
    """

    code: str
    name: Text
    first: Descriptor | None
    second: Descriptor | None
    group: Text | None = None
    note: Text | None = None

    @property
    def same(self) -> bool:
        """True when one descriptor spans both levels ("same descriptor")."""
        return self.first is not None and self.first == self.second

    @property
    def changed(self) -> bool:
        """True when the two levels' texts differ."""
        return _text(self.first, "nl") != _text(self.second, "nl")

    def has(self, lang: str) -> bool:
        """True when every clause at both levels is written in *lang*.

        Then :meth:`diff` in *lang* holds no text fallen back to Dutch (Dutch
        always is written).

        Raises:
            LanguageError: *lang* is not one of nl, fr, en.
        """
        check_lang(lang)
        return all(
            clause.text.has(lang)
            for d in (self.first, self.second)
            if d is not None
            for clause in d.clauses
        )

    def diff(self, lang: str = "nl") -> tuple[WordRun, ...]:
        """The word-level difference from the first level's text to the second's, in *lang*.

        Raises:
            LanguageError: *lang* is not one of nl, fr, en.
        """
        check_lang(lang)
        return word_diff(_text(self.first, lang), _text(self.second, lang))


def _text(descriptor: Descriptor | None, lang: str) -> str:
    return "" if descriptor is None else descriptor.text(lang)


@attrs.frozen
class ResultAreaChange:
    """A result area that an (RG) clause adds at one level and not at the other.

    Attributes:
        criterion: The code of the criterion whose descriptor carries the clause.
        criterion_name: That criterion's name.
        text: The clause (without the ``(RG)`` mark).
        alternative: The clause is one option of an OF descriptor.
    """

    criterion: str
    criterion_name: Text
    text: Text
    alternative: bool = False


@attrs.frozen
class CompetencyChange:
    """A competency that enters or leaves the profile, or changes behavioural level.

    Attributes:
        code: The competency's code.
        name: Its name.
        change: ``entering`` (only at the second level), ``leaving`` (only at the
            first) or ``level`` (its behavioural level differs).
        first: The competency at the first level, if it is there.
        second: The competency at the second level, if it is there.
    """

    code: str
    name: Text
    change: CompetencyChangeKind
    first: CompetencyAtLevel | None
    second: CompetencyAtLevel | None


@attrs.frozen(repr=False)
class Comparison:
    """Two levels of a family side by side (from *first* to *second*).

    Its repr is a summary, as :class:`Family`'s is; in a notebook (IPython,
    Jupyter) it shows as its Markdown rendering (:func:`render_markdown`).

    Attributes:
        family: The family's code.
        family_name: Its name.
        first: The first level.
        second: The second level.
        role: The competency profile's role code; None when the family has none.
        role_name: The role's name.
        criteria: Every criterion, in family order.
        requirements: Every requirement with a descriptor at either level.
        added_result_areas: (RG) clauses at the second level that the first lacks.
        dropped_result_areas: (RG) clauses at the first level that the second lacks.
        competencies: Competencies entering, leaving or changing level, in profile order.
    """

    family: str
    family_name: Text
    first: Level
    second: Level
    role: str | None
    role_name: Text | None
    criteria: tuple[DescriptorChange, ...]
    requirements: tuple[DescriptorChange, ...]
    added_result_areas: tuple[ResultAreaChange, ...]
    dropped_result_areas: tuple[ResultAreaChange, ...]
    competencies: tuple[CompetencyChange, ...]

    def __repr__(self) -> str:
        changed = sum(1 for c in self.criteria if c.changed)
        return (
            f"<Comparison {self.family!r} from {self.first.code!r} to {self.second.code!r}: "
            f"{changed} of {counted(len(self.criteria), 'criterion', 'criteria')} changed, "
            f"{counted(len(self.competencies), 'competency change', 'competency changes')}>"
        )

    def _repr_markdown_(self) -> str:
        from ._render._markdown import render_markdown

        return render_markdown(self)

    @property
    def same_level(self) -> bool:
        """Whether both sides are one level (``compare(f, "C", "niveau c")``): nothing differs."""
        return self.first.code == self.second.code

    def to_dict(self, lang: str = "nl") -> dict[str, Any]:
        """The comparison as JSON-safe data, texts and word differences in *lang*.

        Raises:
            LanguageError: *lang* is not one of nl, fr, en.
        """
        check_lang(lang)

        def descriptor(d: Descriptor | None) -> dict[str, Any] | None:
            if d is None:
                return None
            return {"levels": list(d.levels), "text": d.text(lang), "inferred": d.inferred}

        def change(c: DescriptorChange) -> dict[str, Any]:
            return {
                "code": c.code,
                "name": c.name.get(lang),
                "same": c.same,
                "changed": c.changed,
                "first": descriptor(c.first),
                "second": descriptor(c.second),
                "diff": [[r.kind, r.text] for r in c.diff(lang)],
            }

        def competency(c: CompetencyChange) -> dict[str, Any]:
            return {
                "code": c.code,
                "name": c.name.get(lang),
                "change": c.change,
                "first": None if c.first is None else c.first.behavioural_level,
                "second": None if c.second is None else c.second.behavioural_level,
            }

        def rg(a: ResultAreaChange) -> dict[str, Any]:
            return {
                "criterion": a.criterion,
                "text": a.text.get(lang),
                "alternative": a.alternative,
            }

        return {
            "family": self.family,
            "lang": lang,
            "first": self.first.code,
            "second": self.second.code,
            "role": self.role,
            "criteria": [change(c) for c in self.criteria],
            "requirements": [change(r) for r in self.requirements],
            "added_result_areas": [rg(a) for a in self.added_result_areas],
            "dropped_result_areas": [rg(a) for a in self.dropped_result_areas],
            "competencies": [competency(c) for c in self.competencies],
        }


def _rg(job: JobProfile) -> dict[str, ResultAreaChange]:
    out: dict[str, ResultAreaChange] = {}
    for c in job.criteria:
        alternative = c.descriptor.join is Join.ANY and len(c.descriptor.clauses) > 1
        for clause in c.descriptor.clauses:
            if clause.result_area:
                out[clause.text.nl] = ResultAreaChange(c.code, c.name, clause.text, alternative)
    return out


def compare(
    family: Family | str | os.PathLike[str],
    first: str | Level,
    second: str | Level,
    *,
    role: str | None = None,
) -> Comparison:
    """Compare *family* at level *first* with level *second* (usually the next one up).

    Args:
        family: The job family, an installed family's code, or a family file.
        first: A level code, name or alias (any case), or a Level of its scale.
        second: Another (or the same) level.
        role: The competency profile's role (code or name); None for the first profile.

    Raises:
        UnknownLevelError: a level is not in the family's scale.
        UnknownRoleError: *role* names no competency profile of the family.
        UnknownFamilyError, FamilyError: *family* names no family that loads.
    """
    family = as_family(family)
    if role is not None and not family.profiles:
        raise UnknownRoleError(role, ())
    a, b = family.scale.level(first), family.scale.level(second)
    job_a, job_b = profile(family, a, role), profile(family, b, role)
    criteria = tuple(
        DescriptorChange(c.code, c.name, c.at(a), c.at(b), note=c.note) for c in family.criteria
    )
    requirements = tuple(
        DescriptorChange(r.code, r.name, r.at(a), r.at(b), group=r.group, note=r.note)
        for r in family.requirements
        if r.at(a) is not None or r.at(b) is not None
    )
    rg_a, rg_b = _rg(job_a), _rg(job_b)
    comps_a = {c.code: c for c in job_a.competencies}
    comps_b = {c.code: c for c in job_b.competencies}
    competencies: list[CompetencyChange] = []
    order = list(comps_a) + [code for code in comps_b if code not in comps_a]
    for code in order:
        ca, cb = comps_a.get(code), comps_b.get(code)
        if ca is None and cb is not None:
            competencies.append(CompetencyChange(code, cb.name, "entering", None, cb))
        elif cb is None and ca is not None:
            competencies.append(CompetencyChange(code, ca.name, "leaving", ca, None))
        elif ca is not None and cb is not None and ca.behavioural_level != cb.behavioural_level:
            competencies.append(CompetencyChange(code, cb.name, "level", ca, cb))
    return Comparison(
        family=family.code,
        family_name=family.name,
        first=a,
        second=b,
        role=job_b.role,
        role_name=job_b.role_name,
        criteria=criteria,
        requirements=requirements,
        added_result_areas=tuple(v for k, v in rg_b.items() if k not in rg_a),
        dropped_result_areas=tuple(v for k, v in rg_a.items() if k not in rg_b),
        competencies=tuple(competencies),
    )
