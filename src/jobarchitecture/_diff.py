"""``diff(old, new)``: the semantic difference between two versions of a family.

A change is found by code, not by position: criteria, result areas, levels,
requirements, competencies, roles, notes and references are matched by their
codes, descriptors by the levels they span, and example tasks and notes (which
have no code) by their text, so reordering any of them is not a change. The
order of the scale's levels is meaningful (it ranks them) and is reported.

Each change has a stable path, ``$.criteria[kennis].descriptors[C]`` or
``$.result_areas[contactpersoon].tasks[6]``, and a kind:

- ``added`` / ``removed``: an item (or an optional value) exists on one side only;
- ``renamed``: a name or title changed;
- ``reworded``: any other text changed; :meth:`FamilyChange.words` gives the word-level difference;
- ``changed``: a value that is not text (a flag, a weight, a join, markers);
- ``span``: descriptors cover different spans of levels (cells merged or split);
- ``reordered``: the scale's levels are in another order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from . import _model as m
from ._format import unstructure

#: Every kind of change, and the kind that mirrors it when old and new swap.
KINDS: dict[str, str] = {
    "added": "removed",
    "removed": "added",
    "renamed": "renamed",
    "reworded": "reworded",
    "changed": "changed",
    "span": "span",
    "reordered": "reordered",
}

_TOKEN = re.compile(r"\w+|[^\w\s]|\s+")

# The only positions in a path: texts without a code, matched by text (see
# _Differ.texts); everything else in brackets is a code or a span.
_POSITION = re.compile(r"(\.tasks|\.purpose\.notes)\[(\d+)\]$")


def _readable(path: str) -> str:
    return _POSITION.sub(lambda m: f"{m.group(1)} #{int(m.group(2)) + 1}", path)


@attrs.frozen
class FamilyChange:
    """One difference between two versions of a family (wijziging).

    Attributes:
        kind: One of :data:`KINDS`: ``added``, ``removed``, ``renamed``,
            ``reworded``, ``changed``, ``span``, ``reordered``.
        path: Where the change is, by code: ``$.criteria[kennis].descriptors[C]``;
            for a removed or reworded task, its place in the old version.
        old: The old value as plain data (as in a family file); None when added.
        new: The new value as plain data; None when removed.
        new_path: The place in the new version, only when it differs from *path*
            (a reworded task that also moved).
    """

    kind: str
    path: str
    old: Any = None
    new: Any = None
    new_path: str | None = None

    def readable_paths(self) -> tuple[str, str | None]:
        """:attr:`path` and :attr:`new_path` as people count: a position from 1.

        The paths count an example task's or a purpose note's position from 0,
        as JSON does (``$.result_areas[onthaal].tasks[0]``, the first task);
        for people it reads ``$.result_areas[onthaal].tasks #1``. The text and
        Markdown outputs show these; ``to_dict`` keeps the paths.
        """
        return _readable(self.path), None if self.new_path is None else _readable(self.new_path)

    def mirrored(self) -> FamilyChange:
        """The same change seen from the other side (old and new swapped)."""
        if self.new_path is None:
            return FamilyChange(KINDS[self.kind], self.path, self.new, self.old)
        return FamilyChange(KINDS[self.kind], self.new_path, self.new, self.old, self.path)

    def words(self, lang: str = "nl") -> tuple[tuple[str, str], ...]:
        """The word-level difference of a text change in *lang*, as segments.

        Each segment is ``("=", text)`` (kept), ``("-", text)`` (old only) or
        ``("+", text)`` (new only); joining the ``=`` and ``-`` segments gives the
        old text, the ``=`` and ``+`` segments the new. Empty when the change is not
        a text change (``renamed`` / ``reworded``).

        Raises:
            LanguageError: *lang* is not one of ``nl``, ``fr``, ``en``.
        """
        m.check_lang(lang)
        if self.kind not in ("renamed", "reworded"):
            return ()
        return word_diff(_lang_text(self.old, lang), _lang_text(self.new, lang))

    def level_words(self, lang: str = "nl") -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
        """The word differences of a ``span`` change, level by level.

        Each level whose text differs between the versions, with the word-level
        difference there (as :meth:`words`); empty for any other kind of change.

        A cell split or merged is rarely only that: the new cell of one level
        usually says something else too, and a reader of ``C..B -> C | B`` alone
        would not know.

        Raises:
            LanguageError: *lang* is not one of ``nl``, ``fr``, ``en``.
        """
        m.check_lang(lang)
        if self.kind != "span":
            return ()
        olds, news = _descriptor_list(self.old), _descriptor_list(self.new)
        levels = list(dict.fromkeys(c for d in [*news, *olds] for c in d.get("levels", [])))
        out = []
        for code in levels:
            before = _level_text(olds, code, lang)
            after = _level_text(news, code, lang)
            if before != after:
                out.append((code, word_diff(before, after)))
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        """The change as JSON-safe data; ``words`` per language that differs."""
        out: dict[str, Any] = {"kind": self.kind, "path": self.path}
        if self.new_path is not None:
            out["new_path"] = self.new_path
        out["old"] = self.old
        out["new"] = self.new
        if self.kind in ("renamed", "reworded"):
            out["words"] = {
                lang: [list(seg) for seg in self.words(lang)]
                for lang in m.LANGUAGES
                if (lang == "nl" or _has_lang(self.old, lang) or _has_lang(self.new, lang))
                and _lang_text(self.old, lang) != _lang_text(self.new, lang)
            }
        return out


def _changes(values: Iterable[FamilyChange]) -> tuple[FamilyChange, ...]:
    return tuple(values)


@attrs.frozen
class FamilyDiff:
    """The changes from one version of a family to another (verschil tussen versies).

    Empty (false) when the versions are equal; iterating gives the changes in
    document order.

    Attributes:
        old: What the old version is (a family code or a file).
        new: What the new version is.
        changes: The changes, in document order (old version's order, then
            what only the new version has).
    """

    old: str
    new: str
    changes: tuple[FamilyChange, ...] = attrs.field(converter=_changes)

    def __iter__(self) -> Iterator[FamilyChange]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def mirrored(self) -> FamilyDiff:
        """The difference the other way round: ``diff(b, a)`` for ``diff(a, b)``."""
        return FamilyDiff(self.new, self.old, tuple(c.mirrored() for c in self.changes))

    def to_dict(self) -> dict[str, Any]:
        """The diff as JSON-safe data with stable keys."""
        return {
            "old": self.old,
            "new": self.new,
            "equal": not self.changes,
            "changes": [c.to_dict() for c in self.changes],
        }

    def to_markdown(self, lang: str = "nl") -> str:
        """The diff as a Markdown list, for a changelog.

        One item per change, struck-through old words and bold new words for text.

        Raises:
            LanguageError: *lang* is not one of ``nl``, ``fr``, ``en``.
        """
        return to_markdown(self, lang)


# --- word-level difference ------------------------------------------------


def _has_lang(value: Any, lang: str) -> bool:
    return isinstance(value, dict) and lang in value


def _lang_text(value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        got = value.get(lang, value.get("nl", ""))
        return got if isinstance(got, str) else ""
    return ""


def _descriptor_list(value: Any) -> list[dict[str, Any]]:
    items = value if isinstance(value, list) else [value]
    return [d for d in items if isinstance(d, dict)]


def _level_text(descriptors: list[dict[str, Any]], level: str, lang: str) -> str:
    """The text of the descriptor (plain data) covering *level*, clauses joined by EN / OF."""
    for d in descriptors:
        if level in d.get("levels", []):
            clauses = [c.get("text") if isinstance(c, dict) else c for c in d.get("clauses", [])]
            sep = f"\n{m.Join(d.get('join', 'and')).word(lang)}\n"
            return sep.join(_lang_text(c, lang) for c in clauses)
    return ""


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """The word-level difference of two texts as ``(op, text)`` segments.

    Words, punctuation marks and runs of whitespace are the units; ``op`` is
    ``=`` (in both), ``-`` (old only) or ``+`` (new only).
    """
    import difflib  # only when a text changed

    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    segments: list[tuple[str, str]] = []

    def emit(op: str, tokens: Sequence[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if segments and segments[-1][0] == op:
            segments[-1] = (op, segments[-1][1] + text)
        else:
            segments.append((op, text))

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            emit("=", a[i1:i2])
        else:
            emit("-", a[i1:i2])
            emit("+", b[j1:j2])
    return tuple(segments)


# --- comparison -----------------------------------------------------------


class _Differ:
    def __init__(self, old: m.Family, new: m.Family) -> None:
        self.changes: list[FamilyChange] = []
        old_ranks = {lvl.code: lvl.rank for lvl in old.scale.levels}
        new_ranks = {lvl.code: lvl.rank for lvl in new.scale.levels}

        # Symmetric in old and new, so that diff(b, a) names spans as diff(a, b) does.
        def order(code: str) -> tuple[int, int, str]:
            ranks = [r[code] for r in (old_ranks, new_ranks) if code in r]
            return (min(ranks), max(ranks), code)

        self.level_order = order

    def add(self, kind: str, path: str, old: Any = None, new: Any = None) -> None:
        self.changes.append(
            FamilyChange(
                kind,
                path,
                None if old is None else unstructure(old),
                None if new is None else unstructure(new),
            )
        )

    def objects(self, old: Any, new: Any, path: str) -> None:
        """Compare two model objects of one class, field by field."""
        for f in attrs.fields(type(old)):
            if not f.init or f.name == "rank":
                continue
            a, b = getattr(old, f.name), getattr(new, f.name)
            if a == b:
                continue
            where = f"{path}.{f.name}"
            special = _FIELDS.get((type(old), f.name))
            if special is not None:
                special(self, a, b, where)
            else:
                self.value(a, b, where, f.name)

    def value(self, a: Any, b: Any, path: str, name: str) -> None:
        if a is None:
            self.add("added", path, new=b)
        elif b is None:
            self.add("removed", path, old=a)
        elif isinstance(a, m.Text):
            self.add("renamed" if name in ("name", "title") else "reworded", path, a, b)
        elif attrs.has(type(a)) and type(a) is type(b):
            self.objects(a, b, path)
        else:
            self.add("changed", path, a, b)

    def keyed(
        self,
        old: Sequence[Any],
        new: Sequence[Any],
        path: str,
        key: Callable[[Any], str],
    ) -> None:
        """Match items by *key*; report the added, the removed and what changed."""
        new_by_key = {key(x): x for x in new}
        old_keys = {key(x) for x in old}
        for item in old:
            where = f"{path}[{key(item)}]"
            other = new_by_key.get(key(item))
            if other is None:
                self.add("removed", where, old=item)
            elif other != item:
                self.objects(item, other, where)
        for item in new:
            if key(item) not in old_keys:
                self.add("added", f"{path}[{key(item)}]", new=item)

    def texts(self, old: Sequence[m.Text], new: Sequence[m.Text], path: str) -> None:
        """Match texts without codes (tasks, notes): equal texts first, then the
        most similar of the rest as rewordings; the others are added or removed."""
        free_old = list(range(len(old)))
        free_new = list(range(len(new)))
        # Equal texts at the same place first, so that rewording one of two
        # equal tasks is reported where it happened.
        for i in list(free_old):
            if i in free_new and old[i] == new[i]:
                free_old.remove(i)
                free_new.remove(i)
        for i in list(free_old):
            for j in free_new:
                if old[i] == new[j]:
                    free_old.remove(i)
                    free_new.remove(j)
                    break
        candidates = []
        for i in free_old:
            for j in free_new:
                score = _similarity(old[i].nl, new[j].nl)
                if score * 2 >= 1:
                    # (i + j, |i - j|) breaks ties the same way whichever side is old.
                    candidates.append((-score, i + j, abs(i - j), i, j))
        candidates.sort(key=lambda c: c[:3])
        paired: list[tuple[int, int]] = []
        for *_, i, j in candidates:
            if i in free_old and j in free_new:
                free_old.remove(i)
                free_new.remove(j)
                paired.append((i, j))
        for i, j in paired:
            self.changes.append(
                FamilyChange(
                    "reworded",
                    f"{path}[{i}]",
                    unstructure(old[i]),
                    unstructure(new[j]),
                    None if i == j else f"{path}[{j}]",
                )
            )
        for i in free_old:
            self.add("removed", f"{path}[{i}]", old=old[i])
        for j in free_new:
            self.add("added", f"{path}[{j}]", new=new[j])

    def levels(self, old: Sequence[m.Level], new: Sequence[m.Level], path: str) -> None:
        self.keyed(old, new, path, lambda lvl: lvl.code)
        new_codes = {lvl.code for lvl in new}
        old_codes = {lvl.code for lvl in old}
        common_old = [lvl.code for lvl in old if lvl.code in new_codes]
        common_new = [lvl.code for lvl in new if lvl.code in old_codes]
        if common_old != common_new:
            self.changes.append(FamilyChange("reordered", path, common_old, common_new))

    def span_key(self, codes: Iterable[str]) -> str:
        ordered = sorted(set(codes), key=self.level_order)
        return ordered[0] if len(ordered) == 1 else f"{ordered[0]}..{ordered[-1]}"

    def descriptors(
        self, old: Sequence[m.Descriptor], new: Sequence[m.Descriptor], path: str
    ) -> None:
        """Match descriptors by span; descriptors whose spans overlap but differ
        are one ``span`` change per connected group of overlapping spans."""
        new_by_span = {d.levels: d for d in new}
        old_spans = {d.levels for d in old}
        rest_old = [d for d in old if d.levels not in new_by_span]
        rest_new = [d for d in new if d.levels not in old_spans]
        for d in old:
            other = new_by_span.get(d.levels)
            if other is not None and other != d:
                self.descriptor(d, other, f"{path}[{_span(d.levels)}]")
        # Group the unmatched descriptors of both sides by shared levels.
        groups: list[_Group] = []
        for side, items in ((0, rest_old), (1, rest_new)):
            for d in items:
                merged = _Group(set(d.levels), [], [])
                (merged.news if side else merged.olds).append(d)
                for g in [g for g in groups if g.levels & merged.levels]:
                    groups.remove(g)
                    merged.levels |= g.levels
                    merged.olds += g.olds
                    merged.news += g.news
                groups.append(merged)
        for g in sorted(groups, key=lambda g: self.span_key(g.levels)):
            olds, news = g.olds, g.news
            # One descriptor alone is named by its own span, as it is written.
            alone = (olds + news)[0].levels if len(olds) + len(news) == 1 else None
            where = f"{path}[{_span(alone) if alone else self.span_key(g.levels)}]"
            if not news:
                self.add("removed", where, old=olds[0] if len(olds) == 1 else olds)
            elif not olds:
                self.add("added", where, new=news[0] if len(news) == 1 else news)
            else:
                self.add("span", where, _in_order(olds, old), _in_order(news, new))

    def descriptor(self, old: m.Descriptor, new: m.Descriptor, path: str) -> None:
        old_texts = tuple(c.text for c in old.clauses)
        new_texts = tuple(c.text for c in new.clauses)
        if old_texts != new_texts:
            self.add("reworded", path, _joined(old), _joined(new))
        old_flags = [c.result_area for c in old.clauses]
        new_flags = [c.result_area for c in new.clauses]
        # With another number of clauses the rewording already shows the (RG) marks.
        if len(old_flags) == len(new_flags) and old_flags != new_flags:
            self.add("changed", f"{path}.result_area", old_flags, new_flags)
        if old.join != new.join:
            self.add("changed", f"{path}.join", old.join, new.join)
        if old.inferred != new.inferred:
            self.value(old.inferred, new.inferred, f"{path}.inferred", "inferred")

    def entries(
        self, old: Sequence[m.ProfileEntry], new: Sequence[m.ProfileEntry], path: str
    ) -> None:
        """Profile markers, grouped by competency; their order does not matter."""

        def grouped(entries: Sequence[m.ProfileEntry]) -> dict[str, list[Any]]:
            out: dict[str, list[Any]] = {}
            for e in entries:
                out.setdefault(e.competency, []).append(unstructure(e))
            return {k: sorted(v, key=repr) for k, v in out.items()}

        a, b = grouped(old), grouped(new)
        for code, items in a.items():
            where = f"{path}[{code}]"
            if code not in b:
                self.changes.append(FamilyChange("removed", where, items, None))
            elif b[code] != items:
                self.changes.append(FamilyChange("changed", where, items, b[code]))
        for code, items in b.items():
            if code not in a:
                self.changes.append(FamilyChange("added", f"{path}[{code}]", None, items))


@attrs.define
class _Group:
    """Unmatched descriptors of both sides whose spans overlap."""

    levels: set[str]
    olds: list[m.Descriptor]
    news: list[m.Descriptor]


def _span(levels: Sequence[str]) -> str:
    return levels[0] if len(levels) == 1 else f"{levels[0]}..{levels[-1]}"


def _in_order(items: Sequence[m.Descriptor], original: Sequence[m.Descriptor]) -> list[Any]:
    return [d for d in original if any(d is x for x in items)]


def _joined(d: m.Descriptor) -> m.Text:
    """The clauses' text as one Text, joined by EN / OF, without (RG) marks."""

    def lang(code: str) -> str | None:
        if code != "nl" and not any(c.text.has(code) for c in d.clauses):
            return None
        sep = f"\n{d.join.dutch}\n" if code == "nl" else f"\n{d.join.value.upper()}\n"
        return sep.join(c.text.get(code) for c in d.clauses)

    return m.Text(lang("nl") or "", lang("fr"), lang("en"))


def _similarity(a: str, b: str) -> float:
    """Dice's coefficient of the two texts' words: 1 the same words, 0 none in common."""
    wa, wb = a.split(), b.split()
    if not wa and not wb:
        return 1.0
    pool = list(wb)
    common = 0
    for w in wa:
        if w in pool:
            pool.remove(w)
            common += 1
    return 2 * common / (len(wa) + len(wb))


def _by(attr: str) -> Callable[[Any], str]:
    return lambda x: str(getattr(x, attr))


def _reference_key(ref: m.Reference) -> str:
    return f"{ref.scheme}:{ref.code}"


_Field = Callable[[_Differ, Any, Any, str], None]

# Collections matched by code (or span, or text), not by position.
_FIELDS: dict[tuple[type, str], _Field] = {
    (m.Family, "result_areas"): lambda d, a, b, p: d.keyed(a, b, p, _by("code")),
    (m.Family, "criteria"): lambda d, a, b, p: d.keyed(a, b, p, _by("code")),
    (m.Family, "requirements"): lambda d, a, b, p: d.keyed(a, b, p, _by("code")),
    (m.Family, "profiles"): lambda d, a, b, p: d.keyed(a, b, p, _by("role")),
    (m.Family, "notes"): lambda d, a, b, p: d.keyed(a, b, p, _by("code")),
    (m.Family, "sources"): lambda d, a, b, p: d.keyed(a, b, p, _by("reference")),
    (m.Family, "translations"): lambda d, a, b, p: d.keyed(a, b, p, _by("lang")),
    (m.Family, "references"): lambda d, a, b, p: d.keyed(a, b, p, _reference_key),
    (m.Level, "references"): lambda d, a, b, p: d.keyed(a, b, p, _reference_key),
    (m.Scale, "levels"): lambda d, a, b, p: d.levels(a, b, p),
    (m.Criterion, "descriptors"): lambda d, a, b, p: d.descriptors(a, b, p),
    (m.Requirement, "descriptors"): lambda d, a, b, p: d.descriptors(a, b, p),
    (m.ResultArea, "tasks"): lambda d, a, b, p: d.texts(a, b, p),
    (m.Purpose, "notes"): lambda d, a, b, p: d.texts(a, b, p),
    (m.CompetencyProfile, "notes"): lambda d, a, b, p: d.texts(a, b, p),
    (m.CompetencyProfile, "entries"): lambda d, a, b, p: d.entries(a, b, p),
    (m.CompetencyDictionary, "clusters"): lambda d, a, b, p: d.keyed(a, b, p, _by("code")),
    (m.CompetencyDictionary, "competencies"): lambda d, a, b, p: d.keyed(a, b, p, _by("code")),
    (m.Competency, "levels"): lambda d, a, b, p: d.keyed(a, b, p, _by("number")),
}


def _resolve(value: m.Family | str | Path) -> tuple[m.Family, str]:
    """The family *value* names, as every function taking a family reads it, and its name."""
    if isinstance(value, m.Family):
        return value, value.code
    from ._resolve import as_family

    return as_family(value), str(value)


def diff(old: m.Family | str | Path, new: m.Family | str | Path) -> FamilyDiff:
    """The semantic difference from *old* to *new*.

    Args:
        old, new: Families, the codes of installed families, or family files
            (a :class:`~pathlib.Path`, or a string ending in ``.toml`` / ``.json``,
            containing a ``/``, or naming an existing file that is no family's code).

    Returns:
        The changes, each with its kind and path; empty when the versions are equal.

    Raises:
        FamilyError: a file cannot be read or has problems.
        UnknownFamilyError: no installed family has that code.
    """
    a, old_name = _resolve(old)
    b, new_name = _resolve(new)
    differ = _Differ(a, b)
    if a != b:
        differ.objects(a, b, "$")
    return FamilyDiff(old_name, new_name, tuple(differ.changes))


# --- Markdown -------------------------------------------------------------

#: The changelog's fixed words per language (the family text is the diff's own
#: *lang*, falling back to Dutch): headings per kind of change, in this order.
_WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "## Wijzigingen van {old} naar {new}",
        "none": "Geen wijzigingen.",
        "now": "nu",
        "colon": ":",
        "added": "Toegevoegd",
        "removed": "Verwijderd",
        "renamed": "Hernoemd",
        "reworded": "Herschreven",
        "changed": "Gewijzigd",
        "span": "Bereiken gewijzigd",
        "reordered": "Herschikt",
    },
    "fr": {
        "title": "## Modifications de {old} à {new}",
        "none": "Aucune modification.",
        "now": "désormais",
        "colon": " :",
        "added": "Ajouts",
        "removed": "Suppressions",
        "renamed": "Renommages",
        "reworded": "Reformulations",
        "changed": "Modifications",
        "span": "Étendues modifiées",
        "reordered": "Nouvel ordre",
    },
    "en": {
        "title": "## Changes from {old} to {new}",
        "none": "No changes.",
        "now": "now",
        "colon": ":",
        "added": "Added",
        "removed": "Removed",
        "renamed": "Renamed",
        "reworded": "Reworded",
        "changed": "Changed",
        "span": "Spans changed",
        "reordered": "Reordered",
    },
}
_KINDS = ("added", "removed", "renamed", "reworded", "changed", "span", "reordered")


def summary(value: Any, lang: str = "nl") -> str:
    """A short, one-line rendering of a change's old or new value: the text in
    *lang*, the spans of descriptors (``D..C | B``), or compact JSON."""
    import json

    if isinstance(value, str | dict) and (text := _lang_text(value, lang)):
        return " ".join(text.split())
    items = value if isinstance(value, list) else [value]
    if items and all(isinstance(d, dict) and "levels" in d and "clauses" in d for d in items):
        return " | ".join(
            d["levels"][0] if len(d["levels"]) == 1 else f"{d['levels'][0]}..{d['levels'][-1]}"
            for d in items
        )
    if isinstance(value, dict) and isinstance(value.get("code"), str):
        name = value.get("name", value.get("title"))
        label = _lang_text(name, lang) if name is not None else ""
        return f"{value['code']}" + (f" ({label})" if label else "")
    return json.dumps(value, ensure_ascii=False)


def _md_value(value: Any, lang: str) -> str:
    if isinstance(value, str | dict) and _lang_text(value, lang):
        return _md_escape(summary(value, lang))
    return "`" + summary(value, lang).replace("`", "'") + "`"


def _md_escape(text: str, *, keep_edges: bool = False) -> str:
    inner = " ".join(text.split())
    if keep_edges and inner != text:
        inner = (" " if text[:1].isspace() else "") + inner
        inner += " " if text[-1:].isspace() and inner.strip() else ""
    text = inner
    return re.sub(r"([\\`*_~\[\]<>|])", r"\\\1", text)


def _md_words(change: FamilyChange, lang: str) -> str:
    return _md_segments(change.words(lang))


def _md_segments(segments: Iterable[tuple[str, str]]) -> str:
    parts: list[str] = []
    previous = "="
    for op, text in segments:
        if op == "=":
            parts.append(_md_escape(text, keep_edges=True))
        else:
            # A change of whitespace alone (a paragraph break) is shown, not lost.
            shown = _md_escape(text) or ("↵" if "\n" in text else "␣")
            mark = "~~" if op == "-" else "**"
            before = " " if text[:1].isspace() and text.strip() else ""
            after = " " if text[-1:].isspace() and text.strip() else ""
            lead = " " if previous != "=" and not before else ""
            parts.append(f"{lead}{before}{mark}{shown}{mark}{after}")
        previous = op
    return "".join(parts).strip()


def to_markdown(d: FamilyDiff, lang: str = "nl") -> str:
    """*d* as Markdown for a changelog: a heading, then the changes grouped by kind.

    Raises:
        LanguageError: *lang* is not one of ``nl``, ``fr``, ``en``.
    """
    w = _WORDS[m.check_lang(lang)]
    lines = [w["title"].format(old=f"`{d.old}`", new=f"`{d.new}`"), ""]
    if not d.changes:
        lines.append(w["none"])
        return "\n".join(lines) + "\n"
    for kind in _KINDS:
        changes = [c for c in d.changes if c.kind == kind]
        if not changes:
            continue
        lines += [f"### {w[kind]}", ""]
        for c in changes:
            path, new_path = c.readable_paths()
            where = f"`{path}`" + (f" ({w['now']} `{new_path}`)" if new_path else "")
            if kind in ("renamed", "reworded"):
                body = _md_words(c, lang)
            elif kind == "added":
                body = _md_value(c.new, lang)
            elif kind == "removed":
                body = _md_value(c.old, lang)
            else:
                body = f"{_md_value(c.old, lang)} → {_md_value(c.new, lang)}"
            lines.append(f"- {where}{w['colon']} {body}")
            for level, words in c.level_words(lang):
                lines.append(f"  - {_md_escape(level)}{w['colon']} {_md_segments(words)}")
        lines.append("")
    return "\n".join(lines)
