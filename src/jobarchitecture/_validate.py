"""``validate(family)``: every semantic problem of a family, not just the first."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from . import _model as m
from ._errors import Problem

_CODE = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")
_ISCO = re.compile(r"^[0-9]{1,4}$")
_ESCO = "http://data.europa.eu/esco/"


def _walk_texts(obj: Any, path: str) -> Iterator[tuple[str, m.Text]]:
    """Every Text inside *obj*, with its path."""
    if isinstance(obj, m.Text):
        yield path, obj
    elif attrs.has(type(obj)):
        for f in attrs.fields(type(obj)):
            if f.init:
                yield from _walk_texts(getattr(obj, f.name), f"{path}.{f.name}")
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from _walk_texts(item, f"{path}[{i}]")


class _Checker:
    def __init__(self, family: m.Family, source: str) -> None:
        self.family = family
        self.source = source
        self.problems: list[Problem] = []
        self.ranks = {lvl.code: lvl.rank for lvl in family.scale.levels}

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(self.source, path, message))

    def unique(self, path: str, codes: Sequence[str], what: str) -> None:
        counts = Counter(codes)
        for i, code in enumerate(codes):
            if not _CODE.match(code):
                self.add(
                    f"{path}[{i}]",
                    f"{what} code {code!r} must be lower-case letters, digits, '_' or '-'",
                )
            if counts[code] > 1 and codes.index(code) != i:
                self.add(f"{path}[{i}]", f"duplicate {what} code {code!r}")

    def levels_field(
        self, path: str, levels: Sequence[str], *, allow_empty: bool = False
    ) -> list[int]:
        """Check a span of level codes; return the ranks of the known ones."""
        if not levels and not allow_empty:
            self.add(path, "expected at least one level")
        ranks = []
        for j, code in enumerate(levels):
            if code in self.ranks:
                ranks.append(self.ranks[code])
            else:
                closest = self.family.scale.closest(code)
                hint = f"; did you mean {closest!r}?" if closest else ""
                self.add(
                    f"{path}[{j}]",
                    f"unknown level {code!r} (levels: {', '.join(self.family.scale.codes)}){hint}",
                )
        if len(ranks) == len(levels) and ranks:
            if len(set(ranks)) != len(ranks):
                self.add(path, f"level listed twice in span {list(levels)}")
            elif ranks != list(range(min(ranks), max(ranks) + 1)):
                self.add(
                    path,
                    f"span {list(levels)} is not contiguous and ascending "
                    "(expected adjacent levels, lowest first)",
                )
        return ranks

    def descriptors(self, path: str, descriptors: Sequence[m.Descriptor], *, cover: bool) -> None:
        if not descriptors:
            self.add(f"{path}.descriptors", "expected at least one descriptor")
            return
        seen: dict[str, int] = {}
        last = -1
        for i, d in enumerate(descriptors):
            dpath = f"{path}.descriptors[{i}]"
            ranks = self.levels_field(f"{dpath}.levels", d.levels)
            if ranks and min(ranks) < last:
                self.add(
                    f"{dpath}.levels", "descriptors out of order (expected lowest levels first)"
                )
            if ranks:
                last = max(last, max(ranks))
            if not d.clauses:
                self.add(f"{dpath}.clauses", "expected at least one clause")
            if d.inferred is not None and not d.inferred.strip():
                self.add(f"{dpath}.inferred", "an inferred span needs its reason")
            for code in d.levels:
                if code in seen and code in self.ranks:
                    self.add(
                        f"{dpath}.levels",
                        f"level {code!r} is already covered by descriptors[{seen[code]}]",
                    )
                seen.setdefault(code, i)
        if cover:
            for lvl in self.family.scale.levels:
                if lvl.code not in seen:
                    self.add(
                        f"{path}.descriptors",
                        f"level {lvl.code!r} is not covered by any descriptor",
                    )

    def run(self) -> list[Problem]:
        f = self.family
        if not _CODE.match(f.code):
            self.add(
                "$.code", f"family code {f.code!r} must be lower-case letters, digits, '_' or '-'"
            )
        if f.format_version != m.FORMAT_VERSION:
            self.add("$.format_version", f"expected {m.FORMAT_VERSION} (got {f.format_version})")
        self.scale()
        for path, text in _walk_texts(f, "$"):
            if not text.nl.strip():
                self.add(
                    f"{path}.nl" if text.fr or text.en else path,
                    "Dutch text (nl) must not be empty",
                )
            for lang in ("fr", "en"):
                value = getattr(text, lang)
                if value is not None and not value.strip():
                    self.add(f"{path}.{lang}", f"{lang} text is empty (omit it instead)")
        self.unique("$.result_areas", [r.code for r in f.result_areas], "result area")
        self.unique("$.criteria", [c.code for c in f.criteria], "criterion")
        self.unique("$.requirements", [r.code for r in f.requirements], "requirement")
        self.unique("$.notes", [n.code for n in f.notes], "note")
        self.unique("$.profiles", [p.role for p in f.profiles], "role")
        for i, c in enumerate(f.criteria):
            self.descriptors(f"$.criteria[{i}]", c.descriptors, cover=True)
            if c.weight < 0:
                self.add(f"$.criteria[{i}].weight", f"weight must be >= 0 (got {c.weight})")
        for i, r in enumerate(f.requirements):
            self.descriptors(f"$.requirements[{i}]", r.descriptors, cover=False)
        self.competencies()
        self.mistakes()
        for i, t in enumerate(f.translations):
            if t.lang not in ("fr", "en"):
                self.add(f"$.translations[{i}].lang", f"expected 'fr' or 'en' (got {t.lang!r})")
        self.references("$.references", f.references)
        for i, lvl in enumerate(f.scale.levels):
            self.references(f"$.scale.levels[{i}].references", lvl.references)
        return self.problems

    def references(self, path: str, refs: Sequence[m.Reference]) -> None:
        seen: set[tuple[str, str]] = set()
        for i, ref in enumerate(refs):
            where = f"{path}[{i}]"
            if not ref.scheme.strip():
                self.add(f"{where}.scheme", "scheme must not be empty")
            if ref.scheme == "ISCO-08" and not _ISCO.match(ref.code):
                self.add(f"{where}.code", f"ISCO-08 code must be 1 to 4 digits (got {ref.code!r})")
            elif ref.scheme == "ESCO" and not ref.code.startswith(_ESCO):
                self.add(
                    f"{where}.code", f"ESCO code must be a URI starting {_ESCO} (got {ref.code!r})"
                )
            elif not ref.code.strip():
                self.add(f"{where}.code", "code must not be empty")
            if (ref.scheme, ref.code) in seen:
                self.add(where, f"duplicate reference {ref.scheme} {ref.code!r}")
            seen.add((ref.scheme, ref.code))

    def scale(self) -> None:
        scale = self.family.scale
        if not scale.levels:
            self.add("$.scale.levels", "expected at least one level")
        self.unique_levels(scale.levels)
        owner: dict[str, str] = {}
        previous: int | None = None
        for i, lvl in enumerate(scale.levels):
            for name in lvl.names():
                key = m._norm(name)
                if key in owner and owner[key] != lvl.code:
                    self.add(
                        f"$.scale.levels[{i}]",
                        f"name {name!r} also names level {owner[key]!r}",
                    )
                owner.setdefault(key, lvl.code)
            cls = list(lvl.classes)
            if cls and cls != list(range(cls[0], cls[0] + len(cls))):
                self.add(f"$.scale.levels[{i}].classes", f"classes {cls} are not consecutive")
            if cls and previous is not None and cls[0] <= previous:
                self.add(f"$.scale.levels[{i}].classes", "classes must rise with the levels")
            if cls:
                previous = cls[-1]

    def unique_levels(self, levels: Iterable[m.Level]) -> None:
        codes = [lvl.code for lvl in levels]
        counts = Counter(codes)
        for i, code in enumerate(codes):
            if not code.strip():
                self.add(f"$.scale.levels[{i}].code", "level code must not be empty")
            if counts[code] > 1 and codes.index(code) != i:
                self.add(f"$.scale.levels[{i}].code", f"duplicate level code {code!r}")

    def mistakes(self) -> None:
        _mistakes(self)

    def competencies(self) -> None:
        f = self.family
        dictionary = f.competencies
        self.unique("$.competencies.clusters", [c.code for c in dictionary.clusters], "cluster")
        self.unique(
            "$.competencies.competencies", [c.code for c in dictionary.competencies], "competency"
        )
        clusters = {c.code for c in dictionary.clusters}
        known = {c.code: c for c in dictionary.competencies}
        for i, c in enumerate(dictionary.competencies):
            path = f"$.competencies.competencies[{i}]"
            if c.cluster is not None and c.cluster not in clusters:
                self.add(
                    f"{path}.cluster",
                    f"unknown cluster {c.cluster!r} "
                    f"(clusters: {', '.join(sorted(clusters)) or 'none'}){_hint(c.cluster, clusters)}",
                )
            numbers = [b.number for b in c.levels]
            if len(set(numbers)) != len(numbers):
                self.add(f"{path}.levels", f"behavioural level numbers repeat: {numbers}")
        for i, p in enumerate(f.profiles):
            spans: dict[str, list[set[int]]] = {}
            for j, e in enumerate(p.entries):
                path = f"$.profiles[{i}].entries[{j}]"
                comp = known.get(e.competency)
                if comp is None:
                    self.add(
                        f"{path}.competency",
                        f"unknown competency {e.competency!r}{_hint(e.competency, known)}",
                    )
                if not e.levels and not e.core:
                    self.add(f"{path}.levels", "expected at least one level (or core = true)")
                ranks = self.levels_field(f"{path}.levels", e.levels, allow_empty=True)
                if (
                    e.behavioural_level is not None
                    and comp is not None
                    and comp.levels
                    and comp.behaviour(e.behavioural_level) is None
                ):
                    self.add(
                        f"{path}.behavioural_level",
                        f"competency {comp.code!r} has no behavioural level "
                        f"{e.behavioural_level} (has {[b.number for b in comp.levels]})",
                    )
                for other in spans.get(e.competency, []):
                    if other & set(ranks):
                        self.add(
                            f"{path}.levels",
                            f"competency {e.competency!r} is listed twice at one level",
                        )
                spans.setdefault(e.competency, []).append(set(ranks))


def _hint(name: str, options: Iterable[str]) -> str:
    """``; did you mean 'x'?`` for the option closest to *name*, or nothing."""
    import difflib  # only on the error path

    match = difflib.get_close_matches(name, list(options), n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""


#: Clause texts that are the source's structure, not its words: the connectives
#: of the three languages, which belong in `join`.
_CONNECTIVES = frozenset({"en", "of", "et", "ou", "and", "or"})
_RG_MARK = re.compile(r"\(\s*RG\s*\)\s*$", re.IGNORECASE)


def _mistakes(checker: _Checker) -> None:
    """What authors get wrong that the structure allows: names that collide,
    rules and connectors that do not exist, structure written as text."""
    f = checker.family
    codes = {m._norm(c.code): i for i, c in enumerate(f.criteria)}
    owner: dict[str, int] = {}
    for i, c in enumerate(f.criteria):
        for lang in m.LANGUAGES:
            name = getattr(c.name, lang)
            if name is None:
                continue
            key = m._norm(name)
            first = owner.setdefault(key, i)
            other = codes.get(key, i)
            if first != i or other != i:
                j, what = (first, "name") if first != i else (other, "code")
                checker.add(
                    f"$.criteria[{i}].name",
                    f"criterion name {name!r} is also the {what} of criteria[{j}] "
                    f"({f.criteria[j].code!r}); ratings by name would be ambiguous",
                )
    if f.rule is not None:
        from ._classify._rules import get_rule
        from ._errors import RuleError, UnknownRuleError

        try:
            get_rule(f.rule)
        except UnknownRuleError as exc:
            checker.add("$.rule", str(exc))
        except RuleError:
            # The rule is installed but broken: the rule's own report says why,
            # and a broken plugin elsewhere must not make this family unloadable.
            pass
    connectors = sorted(m.CONNECTORS)
    sentences: list[tuple[str, m.Purpose | m.ResultArea]] = [("$.purpose", f.purpose)]
    sentences += [(f"$.result_areas[{i}]", r) for i, r in enumerate(f.result_areas)]
    for path, part in sentences:
        if part.connector not in m.CONNECTORS:
            checker.add(
                f"{path}.connector",
                f"unknown connector {part.connector!r} (connectors: "
                f"{', '.join(repr(c) for c in connectors)}){_hint(part.connector, connectors)}",
            )
    tables: list[tuple[str, int, tuple[m.Descriptor, ...]]] = [
        ("criteria", i, c.descriptors) for i, c in enumerate(f.criteria)
    ]
    tables += [("requirements", i, r.descriptors) for i, r in enumerate(f.requirements)]
    for kind, i, descriptors in tables:
        for j, d in enumerate(descriptors):
            for k, clause in enumerate(d.clauses):
                _clause_text(checker, f"$.{kind}[{i}].descriptors[{j}].clauses[{k}]", clause)


def _clause_text(checker: _Checker, path: str, clause: m.Clause) -> None:
    for lang in m.LANGUAGES:
        text = getattr(clause.text, lang)
        if text is None:
            continue
        mark = _RG_MARK.search(text)
        if text.strip().casefold() in _CONNECTIVES:
            checker.add(
                path,
                f"clause text {text.strip()!r} is a connective, not a clause: put the "
                "clauses either side in one descriptor with join = 'and' (EN) or 'or' (OF)",
            )
        elif mark is not None:
            checker.add(
                path,
                f"clause text ends in {mark.group(0).strip()!r}: write the clause as "
                "{ text = '...', result_area = true } without the mark",
            )


def validate(family: m.Family | str | os.PathLike[str], source: str | None = None) -> list[Problem]:
    """Every problem of *family*: codes, spans, coverage, references, Dutch text.

    Checks: codes are unique slugs; each criterion's descriptors cover every
    level exactly once with contiguous spans, lowest first; requirements use
    known, contiguous, non-overlapping spans; profile entries name known
    competencies, levels and behavioural levels; Dutch text is never empty.

    Args:
        family: The family to check, an installed family's code, or the path
            of a family file (whose unreadable or malformed parts are problems
            too, not exceptions).
        source: Named in each problem (default: the file, else ``<family>``).

    Returns:
        The problems, in document order; empty when the family is valid.

    Raises:
        UnknownFamilyError: no installed family has that code.
    """
    if not isinstance(family, m.Family):
        from ._errors import FamilyError
        from ._format import load_family
        from ._resolve import as_family, looks_like_path

        if isinstance(family, str | os.PathLike) and looks_like_path(family):
            try:
                load_family(os.fspath(family))
            except FamilyError as exc:
                if source is None:
                    return list(exc.problems)
                return [attrs.evolve(p, source=source) for p in exc.problems]
            return []
        family = as_family(family)
    return _Checker(family, "<family>" if source is None else source).run()
