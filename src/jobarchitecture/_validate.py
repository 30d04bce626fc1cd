"""``validate(family)``: every semantic problem of a family, not just the first."""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from . import _model as m
from ._errors import FUZZY_LENGTH, LISTED, Problem, closest, listed, not_shown, shown

if TYPE_CHECKING:
    from pathlib import Path

    from ._limits import Limits

#: "Did you mean" is worked out for this many distinct unknown level codes per
#: family; each costs a fuzzy match against every level name, so an unbounded
#: number would cost unknown codes x level names.
_HINTS = 20
# Line breaks separate paragraphs and tabs are harmless; every other control
# character in family text would reach a terminal through show and profile.
# A lone surrogate (JSON allows "\\ud800") cannot even be written back as UTF-8.
_TEXT_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

_CODE = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")
#: What joins the two ends of a span written as one text: "D..C" (as show prints
#: it), "D-C", "D – C", "D tot C".
_SPAN_MARK = re.compile(r"\s*(?:\.\.+|[-–—]|\s(?:tot|à|to)\s)\s*")
_ISCO = re.compile(r"^[0-9]{1,4}$")
_ESCO = "http://data.europa.eu/esco/"


def _walk(root: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every Text and every string inside *root* (a Text's strings too), with its
    path, in document order.

    A stack, not recursion: nested generators cost each item once per level,
    and a family with 80,000 notes has hundreds of thousands of items.
    """
    stack: list[tuple[str, Any]] = [(path, root)]
    pop, push = stack.pop, stack.append
    while stack:
        where, obj = pop()
        if isinstance(obj, str):
            yield where, obj
        elif isinstance(obj, tuple):
            for i in range(len(obj) - 1, -1, -1):
                item = obj[i]
                if item is not None and not isinstance(item, int | float):
                    push((f"{where}[{i}]", item))
        else:
            names = _fields(type(obj))
            if names is None:
                continue
            if isinstance(obj, m.Text):
                yield where, obj
            for name in reversed(names):
                value = getattr(obj, name)
                if value is not None and not isinstance(value, int | float):
                    push((f"{where}.{name}", value))


_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _fields(cls: type) -> tuple[str, ...] | None:
    # None for what is neither a string, a tuple nor an attrs class (enums).
    names = _FIELDS.get(cls, ())
    if names == ():
        names = tuple(f.name for f in attrs.fields(cls) if f.init) if attrs.has(cls) else None
        _FIELDS[cls] = names
    return names


_STEP = re.compile(r"\.(\w+)|\[(\d+)\]")


def _is_table(value: object) -> bool:
    """Whether *value* is written as a table (``[scale]``) or an array of tables
    (``[[criteria]]``) rather than inline (a string, a Text, a list of clauses)."""
    if isinstance(value, tuple):
        value = value[0] if value else None
    return attrs.has(type(value)) and not isinstance(value, m.Text | m.Clause)


def _position(family: m.Family, path: str) -> tuple[int, ...]:
    """Where *path* is in a family file written in the format's order: a table's
    own keys before its tables (as TOML requires), then each in the order of the
    model's fields, the items of a list in turn; a problem of a whole table or
    list (a level no descriptor covers) after those inside it, which are most
    often its cause (a descriptor naming an unknown level)."""
    obj: Any = family
    key: list[int] = []
    for name, index in _STEP.findall(path):
        if name:
            names = _fields(type(obj)) or ()
            value = getattr(obj, name, None) if name in names else None
            key += (int(_is_table(value)), names.index(name) if name in names else len(names))
            obj = value
        else:
            i = int(index)
            key.append(i)
            obj = obj[i] if isinstance(obj, tuple) and i < len(obj) else None
    # Above any position a step can have: a path sorts after every path inside it.
    key.append(sys.maxsize)
    return tuple(key)


class _Checker:
    def __init__(self, family: m.Family, source: str, max_problems: int | None) -> None:
        self.family = family
        self.source = source
        self.problems: list[Problem] = []
        self.max_problems = max_problems
        self.more = 0
        # A level code given twice is one problem (unique_levels); a span is
        # read with the first of the two, as the scale names it, not the second.
        self.ranks: dict[str, int] = {}
        for lvl in family.scale.levels:
            self.ranks.setdefault(lvl.code, lvl.rank)
        self.codes = listed(list(self.ranks))
        self.hints: dict[str, str | None] = {}

    def add(self, path: str, message: str) -> None:
        if self.full():
            self.more += 1
            return
        self.problems.append(Problem(self.source, path, message))

    def full(self) -> bool:
        """True once the problems to report are found: the rest are only counted,
        and hot loops skip writing messages nobody will read."""
        return self.max_problems is not None and len(self.problems) >= self.max_problems

    def closest(self, code: str) -> str | None:
        if code not in self.hints:
            if len(self.hints) >= _HINTS or len(code) > FUZZY_LENGTH:
                return None
            self.hints[code] = self.family.scale.closest(code)
        return self.hints[code]

    def unique(self, path: str, codes: Sequence[str], what: str) -> None:
        first: dict[str, int] = {}
        for i, code in enumerate(codes):
            if not _CODE.match(code):
                self.add(
                    f"{path}[{i}]",
                    f"{what} code {shown(code)} must be lower-case letters, digits, '_' or '-'",
                )
            if (at := first.setdefault(code, i)) != i:
                # Which one has it already: the two tables may be pages apart.
                items = path.rpartition(".")[2]
                self.add(
                    f"{path}[{i}]",
                    f"duplicate {what} code {shown(code)}: {items}[{at}] already has it",
                )

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
            elif self.full():
                self.more += 1
            else:
                span = self.written_span(code)
                closest = None if span else self.closest(code)
                if span:
                    hint = f": a span is written as its levels, lowest first, {shown(span)}"
                else:
                    hint = f"; did you mean {shown(closest)}?" if closest else ""
                self.add(
                    f"{path}[{j}]", f"unknown level {shown(code)} (levels: {self.codes}){hint}"
                )
        if len(ranks) == len(levels) and ranks:
            self.span(path, levels, ranks)
        return ranks

    def written_span(self, code: str) -> list[str] | None:
        """The levels of a span written as one text ("D..C", "D-B", "A1 tot A3", as
        ``show`` prints a span), lowest first; None when *code* is no such text."""
        if len(code) > FUZZY_LENGTH:
            return None
        ends = [e.strip() for e in _SPAN_MARK.split(code.strip())]
        if len(ends) != 2 or not all(e in self.ranks for e in ends):
            return None
        low, high = sorted(self.ranks[e] for e in ends)
        return list(self.family.scale.codes[low : high + 1])

    def span(self, path: str, levels: Sequence[str], ranks: list[int]) -> None:
        """One problem for a span of known levels that is not adjacent levels,
        lowest first, saying how to write it."""
        written = shown(list(levels))
        ordered = sorted(ranks)
        if len(set(ranks)) != len(ranks):
            twice = next(c for c, n in Counter(levels).items() if n > 1)
            self.add(path, f"level {shown(twice)} listed twice in span {written}")
        elif ordered == list(range(ordered[0], ordered[-1] + 1)):
            if ranks != ordered:
                # The levels are right but written highest first: say the order to write.
                codes = self.family.scale.codes
                fixed = [codes[r] for r in ordered]
                how = "runs backwards" if ranks == ordered[::-1] else "is out of order"
                self.add(
                    path,
                    f"span {written} {how} ({shown(fixed[0])} is below "
                    f"{shown(levels[0])}): write the lowest level first, {shown(fixed)}",
                )
        else:
            codes = self.family.scale.codes
            whole = range(ordered[0], ordered[-1] + 1)
            present = set(ranks)
            skipped = [codes[r] for r in whole if r not in present]
            what = "level" if len(skipped) == 1 else "levels"
            self.add(
                path,
                f"span {written} skips {what} {', '.join(shown(c) for c in skipped[:LISTED])}"
                f"{', ...' if len(skipped) > LISTED else ''} (expected adjacent levels, "
                f"lowest first, e.g. {shown([codes[r] for r in whole])})",
            )

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
                # seen[code] == i is a level listed twice in this span, reported above.
                if code in seen and seen[code] != i and code in self.ranks:
                    self.add(
                        f"{dpath}.levels",
                        f"level {shown(code)} is already covered by descriptors[{seen[code]}]",
                    )
                seen.setdefault(code, i)
        if cover:
            for lvl in self.family.scale.levels:
                if lvl.code not in seen:
                    self.add(
                        f"{path}.descriptors",
                        f"level {shown(lvl.code)} is not covered by any descriptor",
                    )

    def run(self) -> list[Problem]:
        f = self.family
        if not _CODE.match(f.code):
            self.add(
                "$.code",
                f"family code {shown(f.code)} must be lower-case letters, digits, '_' or '-'",
            )
        if f.format_version != m.FORMAT_VERSION:
            self.add(
                "$.format_version", f"expected {m.FORMAT_VERSION} (got {shown(f.format_version)})"
            )
        self.scale()
        for path, text in _walk(f, "$"):
            if isinstance(text, str):
                found = _TEXT_CONTROL.search(text)
                if found:
                    self.add(
                        path,
                        f"control character or lone surrogate U+{ord(found.group()):04X} at "
                        f"character {found.start()} (only line breaks and tabs are allowed in text)",
                    )
                continue
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
                self.add(
                    f"$.translations[{i}].lang", f"expected 'fr' or 'en' (got {shown(t.lang)})"
                )
        self.references("$.references", f.references)
        for i, lvl in enumerate(f.scale.levels):
            self.references(f"$.scale.levels[{i}].references", lvl.references)
        # Found check by check (every duplicate code, then every span, ...), but
        # read top to bottom: in the order of the file, as its lines ascend.
        self.problems.sort(key=lambda p: _position(f, p.path))
        if self.more and self.max_problems is not None:  # only a cap leaves problems out
            self.problems.append(not_shown(self.source, self.more, self.max_problems))
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
        # Each name (normalised) to the level that gave it first, and how.
        owner: dict[str, tuple[str, str, str, str]] = {}
        previous: int | None = None
        for i, lvl in enumerate(scale.levels):
            given = [("code", "code", lvl.code), ("name", "name", lvl.name.nl)]
            given += [(f"aliases[{k}]", "alias", a) for k, a in enumerate(lvl.aliases)]
            for field, kind, name in given:
                key = m._norm(name)
                here = (lvl.code, f"$.scale.levels[{i}].{field}", kind, name)
                there = owner.setdefault(key, here)
                if there[0] != lvl.code:
                    # Blame the alias or name, not the code: codes are the source's.
                    one, other = (
                        (there, here) if kind == "code" and there[2] != "code" else (here, there)
                    )
                    self.add(
                        one[1],
                        f"{one[2]} {shown(one[3])} of level {shown(one[0])} also names level "
                        f"{shown(other[0])} (its {other[2]} {shown(other[3])}): "
                        "a name or alias may name one level only",
                    )
            cls = list(lvl.classes)
            if cls and cls != list(range(cls[0], cls[0] + len(cls))):
                self.add(
                    f"$.scale.levels[{i}].classes", f"classes {shown(cls)} are not consecutive"
                )
            if cls and previous is not None and cls[0] <= previous:
                self.add(f"$.scale.levels[{i}].classes", "classes must rise with the levels")
            if cls:
                previous = cls[-1]

    def unique_levels(self, levels: Iterable[m.Level]) -> None:
        first: dict[str, int] = {}
        for i, lvl in enumerate(levels):
            if not lvl.code.strip():
                self.add(f"$.scale.levels[{i}].code", "level code must not be empty")
            if (at := first.setdefault(lvl.code, i)) != i:
                self.add(
                    f"$.scale.levels[{i}].code",
                    f"duplicate level code {shown(lvl.code)}: levels[{at}] already has it",
                )

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
                    f"unknown cluster {shown(c.cluster)} "
                    f"(clusters: {listed(sorted(clusters)) or 'none'}){_hint(c.cluster, clusters)}",
                )
            numbers = [b.number for b in c.levels]
            if len(set(numbers)) != len(numbers):
                self.add(f"{path}.levels", f"behavioural level numbers repeat: {shown(numbers)}")
        for i, p in enumerate(f.profiles):
            # The ranks each competency is listed at so far: one set, not one per
            # entry, so that an entry is checked in constant time, not against all.
            spans: dict[str, set[int]] = {}
            for j, e in enumerate(p.entries):
                path = f"$.profiles[{i}].entries[{j}]"
                comp = known.get(e.competency)
                if comp is None:
                    self.add(
                        f"{path}.competency",
                        f"unknown competency {shown(e.competency)} "
                        f"(competencies: {listed(list(known)) or 'none'})"
                        f"{_hint(e.competency, known)}",
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
                        f"competency {shown(comp.code)} has no behavioural level "
                        f"{shown(e.behavioural_level)} (has {shown([b.number for b in comp.levels])})",
                    )
                listed_at = spans.setdefault(e.competency, set())
                if not listed_at.isdisjoint(ranks):
                    self.add(
                        f"{path}.levels",
                        f"competency {shown(e.competency)} is listed twice at one level",
                    )
                listed_at.update(ranks)


def _hint(name: str, options: Iterable[str]) -> str:
    """``; did you mean 'x'?`` for the option closest to *name*, or nothing."""
    match = closest(name, options, cutoff=0.6)
    return f"; did you mean {shown(match)}?" if match else ""


#: Clause texts that are the source's structure, not its words: the connectives
#: of the three languages, which belong in `join`, with the join each one means.
_CONNECTIVES = m.JOINS
_RG_MARK = re.compile(r"\(\s*RG\s*\)\s*$", re.IGNORECASE)


def _mistakes(checker: _Checker) -> None:
    """What authors get wrong that the structure allows: names that collide,
    rules and connectors that do not exist, structure written as text."""
    f = checker.family
    # A code given twice is one problem, which unique() reports. A criterion and
    # its duplicate are one criterion here (the first of them), so that their
    # names meeting each other's code or name is not a second problem.
    first_with: dict[str, int] = {}
    one = [first_with.setdefault(c.code, i) for i, c in enumerate(f.criteria)]
    codes: dict[str, list[int]] = {}
    for i, c in enumerate(f.criteria):
        codes.setdefault(m._norm(c.code), []).append(i)
    owner: dict[str, int] = {}
    for i, c in enumerate(f.criteria):
        for lang in m.LANGUAGES:
            name = getattr(c.name, lang)
            if name is None:
                continue
            key = m._norm(name)
            first = owner.setdefault(key, i)
            other = next((k for k in codes.get(key, ()) if one[k] != one[i]), i)
            if one[first] != one[i] or other != i:
                j, what = (first, "name") if one[first] != one[i] else (other, "code")
                checker.add(
                    f"$.criteria[{i}].name",
                    f"criterion name {shown(name)} is also the {what} of criteria[{j}] "
                    f"({shown(f.criteria[j].code)}); ratings by name would be ambiguous",
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
                f"unknown connector {shown(part.connector)} (connectors: "
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
        join = _CONNECTIVES.get(text.strip().casefold())
        if join is not None:
            # The clauses either side are almost always already in this
            # descriptor (["a", "OF", "b"]): say the one edit that fixes it.
            means = "one clause suffices, OF" if join == "or" else "every clause holds, EN"
            default = ", the default" if join == "and" else ""
            checker.add(
                path,
                f"clause text {shown(text.strip())} is a connective, not a clause: remove it "
                f'and write join = "{join}" on the descriptor ({means}{default})',
            )
        elif mark is not None:
            checker.add(
                path,
                f"clause text ends in {mark.group(0).strip()!r}: write the clause as "
                "{ text = '...', result_area = true } without the mark",
            )


def validate(
    family: m.Family | str | os.PathLike[str],
    source: str | None = None,
    *,
    max_problems: int | None = None,
) -> list[Problem]:
    """Every problem of *family*: codes, spans, coverage, references, Dutch text.

    Checks: codes are unique slugs; each criterion's descriptors cover every
    level exactly once with contiguous spans, lowest first; requirements use
    known, contiguous, non-overlapping spans; profile entries name known
    competencies, levels and behavioural levels; Dutch text is never empty.

    Args:
        family: The family to check, an installed family's code, the path of a
            family file (whose unreadable or malformed parts, and those of an
            installed family's data file, are problems too, not exceptions; a
            plugin's ``family.toml`` or ``family.json`` must also have the code
            of the entry point that names its package in the nearest
            ``pyproject.toml`` above it, the name it is installed under, and
            an entry point naming a package the project lacks is a problem of
            that ``pyproject.toml``), or a
            directory, checked as ``jobarchitecture validate DIR`` checks it:
            its own ``*.toml`` / ``*.json`` files, each of which must be named
            after its code as on ``JOBARCHITECTURE_PATH``, and every
            ``family.toml`` / ``family.json`` below it (a plugin's), skipping
            hidden directories, ``build``, ``dist`` and caches. A name that is
            no family's code and no path (``"."``) is the directory of that name.
        source: Named in each problem (default: the file, else ``<family>``);
            not with a directory, whose problems each name their own file.
        max_problems: Keep this many problems and add one that counts the rest
            (default: keep all). A file's problems are kept as
            ``JOBARCHITECTURE_MAX_PROBLEMS`` says instead.

    Returns:
        The problems, in document order, those of a table or list after those
        inside it (a directory's file by file, in the
        order of their paths); empty when the family is valid. A directory
        that cannot be listed, or holds no family file, is one problem: ``no
        family files (*.toml, *.json) in directory DIR`` (naming the files
        below it that are not named ``family.toml`` / ``family.json``).

    Raises:
        UnknownFamilyError: no installed family has that code.
        PluginError: the installed family is broken otherwise (its plugin cannot
            be imported, its data has another code).
        LimitsError: a ``JOBARCHITECTURE_MAX_*`` variable is not a positive
            number (when *family* is a path).
        TypeError: *source* is given with a directory (whose problems each name
            their own file), or *family* is none of the kinds above.
    """
    if isinstance(family, m.Family):
        return _Checker(family, "<family>" if source is None else source, max_problems).run()
    from ._errors import FamilyError, UnknownFamilyError
    from ._resolve import as_family, looks_like_path

    if isinstance(family, str | os.PathLike) and looks_like_path(family):
        return _path_problems(os.fspath(family), source)
    try:
        found = as_family(family)
    except UnknownFamilyError:
        # No family has that code, but a directory has that name (".", in a
        # plugin): it was meant, as `jobarchitecture validate .` means it.
        if not (isinstance(family, str) and os.path.isdir(family)):
            raise
        return _path_problems(family, source)
    except FamilyError as exc:
        # An installed family's broken data file is reported like a file named.
        return _named(exc.problems, source)
    return _Checker(found, "<family>" if source is None else source, max_problems).run()


def _path_problems(path: str, source: str | None) -> list[Problem]:
    """The problems of the family file or directory *path*, as ``jobarchitecture
    validate PATH`` lists them."""
    if os.path.isdir(path):
        if source is not None:
            # An argument that cannot go with the other, as a wrong type is
            # (as_family): the caller's mistake, not a problem of the data.
            raise TypeError(
                f"'source' cannot go with a directory (got source={source!r}; "
                "each problem names its own file)"
            )
        return _directory_problems(path)
    from pathlib import Path

    from ._limits import Limits

    return _named(_file_problems(Path(path), Limits.from_env()), source)


def _named(problems: Sequence[Problem], source: str | None) -> list[Problem]:
    """*problems*, each naming *source* instead of its own file when one is given."""
    if source is None:
        return list(problems)
    return [attrs.evolve(p, source=source) for p in problems]


def unregistered(path: str | os.PathLike[str], code: str) -> list[Problem]:
    """A problem when a plugin's ``family.toml`` has another code than the entry
    point that names its package in the plugin's ``pyproject.toml``.

    The entry point's name is the code the installed family is found by, so the
    plugin would install broken; its own directory is where to say so, before
    anything is installed. The nearest ``pyproject.toml`` above the file is read;
    one that cannot be read, or that has no entry point in the families' group,
    says nothing, and so does a file not named ``family.toml`` or ``family.json``
    (the only names a plugin's data file has). When no entry point names this
    package, each one naming a package the project does not have is a problem
    of ``pyproject.toml`` (a misspelt package would install and not import). :func:`validate` runs this check
    on every such file it is given by path.

    Args:
        path: The family file.
        code: The ``code`` the file gives its family.
    """
    import tomllib
    from pathlib import Path

    from ._registry import DATA_FILES, GROUP

    path = Path(path)
    if path.name not in DATA_FILES:
        return []
    # The path as given first, so that the message names the project as the user
    # would; then the real directories above, for a path given relative to inside it.
    above = (*path.parents, *path.resolve().parents)
    project = next((d / "pyproject.toml" for d in above if (d / "pyproject.toml").is_file()), None)
    if project is None:
        return []
    try:
        points = tomllib.loads(project.read_text(encoding="utf-8"))["project"]["entry-points"][
            GROUP
        ]
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError):
        return []
    if not isinstance(points, dict):
        return []
    package = path.resolve().parent.parts
    names = []
    for name, value in points.items():
        # A value "pkg.module:build" builds the family in code: not this file.
        dotted = value.strip().split(".") if isinstance(value, str) and ":" not in value else []
        if dotted and tuple(dotted) == package[-len(dotted) :]:
            names.append(name)
    if not names:
        return _unnamed(path, project, points)
    if code in names:
        return []
    return [
        Problem(
            str(path),
            "$.code",
            f"family code {code!r} is not the name of its entry point {names[0]!r} in "
            f'{project} (expected code = "{names[0]}": the installed family is found by '
            "its entry point's name)",
        )
    ]


def _unnamed(path: Path, project: Path, points: dict[Any, Any]) -> list[Problem]:
    """A problem for each entry point of *project* naming a package that the
    project does not have, when none names the package of the family file *path*.

    That is a misspelt package ("jobarchitecture_tyop"): the plugin would install
    and then fail to import. An entry point naming another package the project
    has (a project with several families), or built in code ("pkg:build"), is
    not this file's concern.
    """
    from pathlib import Path

    from ._registry import GROUP

    root = project.parent
    inside = path.resolve().parent.relative_to(root.resolve()).parts
    expected = ".".join(inside[1:] if inside[:1] == ("src",) else inside)
    problems = []
    for name, value in points.items():
        if not isinstance(value, str) or ":" in value or not value.strip():
            continue
        parts = value.strip().split(".")
        if any((base / Path(*parts)).is_dir() for base in (root / "src", root)):
            continue
        problems.append(
            Problem(
                str(project),
                f'project.entry-points."{GROUP}".{name}',
                f'entry point {name} = "{value}" names no package of this project, so the '
                f'installed family could not be imported (expected {name} = "{expected}", '
                f"the package that holds {path.name})",
                _key_line(project, name),
            )
        )
    return problems


def _key_line(project: Path, name: str) -> int | None:
    """The line of *project* where the entry point *name* of the families' group
    is written, if it can be found."""
    from ._lines import key_lines
    from ._registry import GROUP

    try:
        text = project.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    table = f"$.project.entry-points.{GROUP}"
    return key_lines(text, table).get(f"{table}.{name}")


#: Files that sit beside families but are never families.
_NOT_FAMILIES = frozenset({"pyproject.toml", "package.json", "tsconfig.json"})
#: Directories never searched: version control, virtual environments, caches.
_SKIP_DIRS = frozenset({"node_modules", "__pycache__", "site-packages", "build", "dist"})


def _family_files(directory: Path) -> list[Path]:
    """The family files of *directory*: its own ``*.toml`` / ``*.json`` (the
    ``JOBARCHITECTURE_PATH`` layout) and every ``family.toml`` / ``family.json``
    below it (the plugin layout), sorted, without hidden directories.

    Raises:
        OSError: *directory* cannot be listed.
    """
    from pathlib import Path

    from ._format import SUFFIXES
    from ._registry import DATA_FILES

    found = {
        p
        for p in directory.iterdir()
        if p.is_file() and p.suffix.lower() in SUFFIXES and p.name not in _NOT_FAMILIES
    }
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
        found.update(Path(root, name) for name in files if name in DATA_FILES)
    return sorted(found)


def _misnamed(path: Path, code: str, *, in_directory: bool) -> list[Problem]:
    """A problem when a directory's family file is not named after its code.

    On ``JOBARCHITECTURE_PATH`` a file is found by its name (``ondersteuners.toml``
    for family ``ondersteuners``); a plugin's ``family.toml`` is found by its
    entry point, so any code suits it.
    """
    from ._registry import DATA_FILES

    if not in_directory or path.name in DATA_FILES or path.stem == code:
        return []
    return [
        Problem(
            str(path),
            "$.code",
            f"file name {path.name!r} does not match the family code {code!r} "
            f"(expected {code}{path.suffix}, as JOBARCHITECTURE_PATH looks it up by name)",
        )
    ]


def _file_problems(path: Path, limits: Limits, *, in_directory: bool = False) -> list[Problem]:
    """Every problem of the family file *path*, as ``jobarchitecture validate`` lists it.

    Its own problems (it cannot be read, parsed or validated), else the problems
    of its name: a directory's file named after another code (*in_directory*),
    a plugin's file with another code than its entry point. Nothing is raised:
    an unexpected error is this file's problem, so that the next file is still
    checked.
    """
    from ._errors import FamilyError, JobArchitectureError, escape_controls
    from ._format import load_family

    try:
        family = load_family(path, limits=limits)
    except FamilyError as exc:
        return list(exc.problems)
    except (JobArchitectureError, RecursionError, MemoryError, ValueError) as exc:
        # Not expected from load_family; one line, as the command prints it.
        message = escape_controls(" ".join(str(exc).split()))
        return [Problem(str(path), "$", f"{type(exc).__name__}: {message}")]
    found = _misnamed(path, family.code, in_directory=in_directory)
    found += unregistered(path, family.code)
    return _at_code_line(path, found) if found else found


def _at_code_line(path: Path, problems: list[Problem]) -> list[Problem]:
    """*problems* of the TOML file *path*'s ``$.code``, at the line that sets it, as
    the loader's problems of a top-level key are (the file is read again: rare)."""
    from ._lines import key_lines

    if path.suffix.lower() != ".toml":
        return problems
    try:
        line = key_lines(path.read_text(encoding="utf-8")).get("$.code")
    except (OSError, UnicodeDecodeError):
        return problems
    return [
        attrs.evolve(p, line=line) if p.path == "$.code" and p.source == str(path) else p
        for p in problems
    ]


#: How many misnamed family files a directory's problem names.
_NAMED = 3


def _no_family_files(directory: str) -> Problem:
    """The problem of a directory that holds no family file, naming a file below
    it that looks like one but is not named ``family.toml`` / ``family.json``
    (a plugin's ``familie.toml``), the likely reason."""
    message = f"no family files (*.toml, *.json) in directory {directory}"
    misnamed = _misnamed_below(directory)
    if misnamed:
        shown_files = ", ".join(misnamed[:_NAMED]) + (", ..." if len(misnamed) > _NAMED else "")
        message += (
            " (below it, only family.toml or family.json are family files, as in a plugin's "
            f"package; not {shown_files})"
        )
    return Problem(directory, "$", message)


def _misnamed_below(directory: str) -> list[str]:
    """The ``*.toml`` / ``*.json`` files in the directories below *directory*
    (searched as :func:`_family_files` searches them), relative to it; none when
    it cannot be listed."""
    from ._format import SUFFIXES

    found: list[str] = []
    # os.walk skips what it cannot list; its first directory is *directory* itself,
    # whose own files would have been family files.
    walk = os.walk(directory)
    next(walk, None)
    for root, dirs, files in walk:
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
        found += [
            os.path.relpath(os.path.join(root, name), directory)
            for name in sorted(files)
            if os.path.splitext(name)[1].lower() in SUFFIXES and name not in _NOT_FAMILIES
        ]
        if len(found) > _NAMED:
            break
    return found


def _directory_problems(directory: str) -> list[Problem]:
    """Every problem of every family file in *directory*, as ``jobarchitecture
    validate DIR`` lists them; one problem when it cannot be listed or holds none.

    Raises:
        LimitsError: a ``JOBARCHITECTURE_MAX_*`` variable is not a positive number.
    """
    from pathlib import Path

    from ._errors import unreadable
    from ._limits import Limits

    # Read once: a bad JOBARCHITECTURE_MAX_* is one error, not one per file.
    limits = Limits.from_env()
    try:
        found = _family_files(Path(directory))
    except OSError as exc:
        return [unreadable(directory, exc)]
    if not found:
        return [_no_family_files(directory)]
    return [p for file in found for p in _file_problems(file, limits, in_directory=True)]
