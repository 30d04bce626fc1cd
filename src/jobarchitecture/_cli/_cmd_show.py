"""``jobarchitecture show FAMILY``: the whole family, readable, or as JSON."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .._model import Descriptor, Family, Text, check_lang
from .._render._labels import LABELS as RENDERED
from ._common import EXIT_OK, Style, load_family, write, write_json

#: The words of the readable output that only show has, per language; the data
#: itself falls back to Dutch.
_OWN: dict[str, dict[str, str]] = {
    "nl": {
        "semicolon": "; ",
        "scale": "Niveaus",
        "profiles": "Competentieprofielen",
        "competencies": "Competenties",
        "translations": "Vertalingen",
        "inferred": "bereik afgeleid",  # as the documents' "Bereik afgeleid (…)"
        "weight": "gewicht",
        "version": "versie",
        "rule": "regel",
        "aliases": "ook",
        "class": "functieklasse",
        "classes": "functieklassen",
    },
    "fr": {
        "semicolon": " ; ",
        "scale": "Niveaux",
        "profiles": "Profils de compétences",
        "competencies": "Compétences",
        "translations": "Traductions",
        "inferred": "étendue déduite",
        "weight": "poids",
        "version": "version",
        "rule": "règle",
        "aliases": "aussi",
        "class": "classe de fonction",
        "classes": "classes de fonction",
    },
    "en": {
        "semicolon": "; ",
        "scale": "Levels",
        "profiles": "Competency profiles",
        "competencies": "Competencies",
        "translations": "Translations",
        "inferred": "span inferred",
        "weight": "weight",
        "version": "version",
        "rule": "rule",
        "aliases": "also",
        "class": "function class",
        "classes": "function classes",
    },
}

#: The words show shares with the HTML, Markdown and DOCX output (its headings,
#: "optional", "context"), taken from the renderers' table: one term per
#: language wherever a family is read.
SHARED = (
    "colon",
    "purpose",
    "result_areas",
    "criteria",
    "requirements",
    "notes",
    "sources",
    "tasks",
    "optional",
    "context",
)

#: Every word of the readable output, per language.
LABELS: dict[str, dict[str, str]] = {
    lang: {
        **own,
        **{key: RENDERED[lang][key] for key in SHARED},
        # Inline, after a competency's levels: the renderers' column header, in lower case.
        "behaviour": RENDERED[lang]["behaviour"].lower(),
    }
    for lang, own in _OWN.items()
}


def span(levels: Sequence[str]) -> str:
    """A span of level codes as ``LOW..HIGH`` (one code alone when it is one level)."""
    if not levels:
        return ""
    return levels[0] if len(levels) == 1 else f"{levels[0]}..{levels[-1]}"


class _Writer:
    def __init__(self, lang: str, style: Style) -> None:
        self.lang = lang
        self.style = style
        self.label = LABELS[lang]
        self.lines: list[str] = []

    def t(self, text: Text | None) -> str:
        return "" if text is None else text.get(self.lang)

    def add(self, indent: int, text: str = "") -> None:
        # Texts may hold paragraph breaks; continuation lines keep the indent.
        pad = " " * indent
        for i, line in enumerate(text.split("\n") or [""]):
            self.lines.append((pad + line if i == 0 or line else "").rstrip())

    def heading(self, key: str) -> None:
        self.lines.append("")
        self.lines.append(self.style.bold(self.label[key].upper()))

    def descriptor(self, indent: int, width: int, d: Descriptor) -> None:
        head = span(d.levels).ljust(width)
        join = d.join.word(self.lang)
        pad = " " * (indent + width + 2)
        for i, clause in enumerate(d.clauses):
            text = self.t(clause.text) + ("  (RG)" if clause.result_area else "")
            lead = " " * indent + head + "  " if i == 0 else pad
            if i:
                self.lines.append(pad + self.style.dim(join))
            first, *rest = text.split("\n")
            self.lines.append((lead + first).rstrip())
            self.lines.extend((pad + line).rstrip() if line else "" for line in rest)
        if d.inferred:
            self.lines.append(
                pad
                + self.style.dim(f"({self.label['inferred']}{self.label['colon']} {d.inferred})")
            )


def render(family: Family, lang: str = "nl", style: Style | None = None) -> str:
    """The family as readable text in *lang* (missing translations fall back to Dutch)."""
    w = _Writer(check_lang(lang), style or Style(sys.stdout))
    lab = w.label
    f = family
    w.lines.append(w.style.bold(w.t(f.name)) + f"  [{f.code}]")
    facts = [w.t(f.government), f"{lab['version']} {f.version}"]
    if f.rule:
        facts.append(f"{lab['rule']}{lab['colon']} {f.rule}")
    w.lines.append(" · ".join(facts))

    w.heading("purpose")
    w.add(2, f.purpose.sentence(lang))
    for paragraph in f.purpose.notes:
        w.add(2, w.t(paragraph))

    w.heading("scale")
    width = max((len(lvl.code) for lvl in f.scale), default=1)
    w.add(2, f"{w.t(f.scale.name)}{lab['colon']} " + " < ".join(f.scale.codes))
    for lvl in f.scale:
        extra = []
        if lvl.aliases:
            extra.append(f"{lab['aliases']}{lab['colon']} {', '.join(lvl.aliases)}")
        if lvl.classes:
            noun = lab["class"] if len(lvl.classes) == 1 else lab["classes"]
            extra.append(f"{noun} {', '.join(map(str, lvl.classes))}")
        tail = f"  ({lab['semicolon'].join(extra)})" if extra else ""
        w.add(2, f"{lvl.code.ljust(width)}  {w.t(lvl.name)}{tail}")

    if f.result_areas:
        w.heading("result_areas")
        for i, area in enumerate(f.result_areas, 1):
            number = area.number if area.number is not None else i
            optional = f"  ({lab['optional']})" if area.optional else ""
            w.add(2, w.style.bold(f"{number}. {w.t(area.title)}") + f"  [{area.code}]{optional}")
            w.add(5, area.sentence(lang))
            if area.context is not None:
                w.add(5, f"{lab['context']}{lab['colon']} {w.t(area.context)}")
            if area.tasks:
                w.add(5, f"{lab['tasks']}{lab['colon']}")
                for task in area.tasks:
                    w.add(7, f"- {w.t(task)}")

    if f.criteria:
        w.heading("criteria")
        width = max(len(span(d.levels)) for c in f.criteria for d in c.descriptors)
        for c in f.criteria:
            qualifier = f"  {w.t(c.note)}" if c.note is not None else ""
            weight = f"  ({lab['weight']} {c.weight:g})" if c.weight != 1 else ""
            w.add(2, w.style.bold(w.t(c.name)) + f"  [{c.code}]{qualifier}{weight}")
            for d in c.descriptors:
                w.descriptor(4, width, d)

    if f.requirements:
        w.heading("requirements")
        groups: dict[str, list[int]] = {}
        for i, r in enumerate(f.requirements):
            groups.setdefault(w.t(r.group), []).append(i)
        width = max(len(span(d.levels)) for r in f.requirements for d in r.descriptors)
        for group, indexes in groups.items():
            w.add(2, w.style.bold(group))
            for i in indexes:
                r = f.requirements[i]
                instruction = f"  ({w.t(r.note)})" if r.note is not None else ""
                w.add(4, f"{w.t(r.name)}  [{r.code}]{instruction}")
                for d in r.descriptors:
                    w.descriptor(6, width, d)

    if f.profiles:
        w.heading("profiles")
        competencies = {c.code: c for c in f.competencies.competencies}
        clusters = {c.code: w.t(c.name) for c in f.competencies.clusters}
        for p in f.profiles:
            w.add(2, w.style.bold(w.t(p.name)) + f"  [{p.role}]")
            names = {
                e.competency: (
                    w.t(competencies[e.competency].name)
                    if e.competency in competencies
                    else e.competency
                )
                for e in p.entries
            }
            width = max((len(n) for n in names.values()), default=0)
            cluster: str | None = None
            for e in p.entries:
                comp = competencies.get(e.competency)
                if comp is not None and comp.cluster != cluster and comp.cluster in clusters:
                    cluster = comp.cluster
                    w.add(4, clusters[cluster])
                marks = "K" if e.core else " ".join(e.levels)
                if e.behavioural_level is not None:
                    marks += f"  ({lab['behaviour']} {e.behavioural_level})"
                if e.inferred:
                    marks += "  " + w.style.dim(f"({lab['inferred']}{lab['colon']} {e.inferred})")
                w.add(6, f"{names[e.competency].ljust(width)}  {marks}")
            for legend in p.notes:
                w.add(4, w.style.dim(w.t(legend)))

    described = [c for c in f.competencies.competencies if c.definition or c.levels]
    if described:
        w.heading("competencies")
        for comp in described:
            w.add(2, w.style.bold(w.t(comp.name)) + f"  [{comp.code}]")
            if comp.definition is not None:
                w.add(4, w.t(comp.definition))
            for b in comp.levels:
                w.add(4, f"{b.number} = {w.t(b.text)}")

    if f.notes:
        w.heading("notes")
        for fn in f.notes:
            lead = " ".join(x for x in (fn.marker, fn.term and f"{fn.term}{lab['colon']}") if x)
            w.add(2, f"{lead} {w.t(fn.text)}" if lead else w.t(fn.text))

    if f.sources:
        w.heading("sources")
        for s in f.sources:
            w.add(2, f"- {s.title} ({s.reference})")
            if s.note:
                w.add(4, s.note)

    if f.translations:
        w.heading("translations")
        for tr in f.translations:
            w.add(2, f"{tr.lang}{lab['colon']} {tr.note}")
    return "\n".join(w.lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Print the family named by ``args.family``."""
    family = load_family(args.family)
    if args.json:
        from .._format import family_to_data

        write_json(family_to_data(family))
    else:
        style = Style(sys.stdout)
        text = render(family, args.lang, style)
        if style.tty:  # a narrow terminal breaks lines between words, keeping the layout
            from ._common import terminal_width, wrap_lines

            text = wrap_lines(text, terminal_width(sys.stdout))
        write(text)
    return EXIT_OK
