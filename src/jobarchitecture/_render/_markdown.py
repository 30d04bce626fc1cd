"""Markdown: job profiles and level comparisons as Markdown text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from .._model import Descriptor, Join, Text
from ._labels import labels, role_name

if TYPE_CHECKING:
    from .._compare import Comparison, DescriptorChange, WordRun
    from .._profile import JobProfile


class Marks(NamedTuple):
    """How a comparison marks inserted and deleted words: (opening, closing) each.

    Markdown's are ``**`` and ``~~``; the command line passes a terminal's bold
    green and struck-through red instead, so that the legend's "highlighted" and
    "struck through" hold where the text is read (a terminal shows no Markdown).
    """

    insert: tuple[str, str] = ("**", "**")
    delete: tuple[str, str] = ("~~", "~~")


MARKDOWN = Marks()


def _falls_back(parts: Iterable[object], lang: str) -> bool:
    """Whether any text in *parts* (attrs objects, tuples, texts) has no *lang* and
    so is shown in Dutch: then the document says so once, as the HTML page and the
    Word document do, rather than turn Dutch without a word."""
    import attrs

    if lang == "nl":
        return False
    stack: list[Any] = list(parts)
    while stack:
        obj = stack.pop()
        if isinstance(obj, Text):
            if not obj.has(lang):
                return True
        elif isinstance(obj, tuple | list):
            stack.extend(obj)
        elif attrs.has(type(obj)):
            stack.extend(getattr(obj, f.name) for f in attrs.fields(type(obj)))
    return False


def profile_markdown(job: JobProfile, lang: str = "nl") -> str:
    """*job* as a Markdown document in *lang* (nl, fr or en; missing text falls back to nl).

    Raises:
        LanguageError: *lang* is not one of nl, fr, en.
    """
    w = labels(lang)  # the renderers' one catalogue of fixed words
    out: list[str] = [f"# {job.family_name.get(lang)} — {job.level_name.get(lang)}", ""]
    facts = [
        f"**{w['family']}{w['colon']}** {job.family_name.get(lang)} ({job.government.get(lang)})",
        f"**{w['level']}{w['colon']}** {job.level_name.get(lang)}{_code_after(job.level, job.level_name.get(lang))}",
    ]
    role = role_name(job.role_name)  # none for a profile that names no role
    if role is not None:
        facts.append(f"**{w['role']}{w['colon']}** {role.get(lang)}")
    out += ["  \n".join(facts), ""]
    if _falls_back([job], lang):
        out += [f"*{w['fallback_doc']}*", ""]
    out += [f"## {w['purpose']}", ""]
    out.append(job.purpose.sentence(lang))
    out.extend(f"\n{note.get(lang)}" for note in job.purpose.notes)
    if job.result_areas or job.added_result_areas:
        out += ["", f"## {w['result_areas']}"]
    for area in job.result_areas:
        title = area.title.get(lang)
        if area.number is not None:
            title = f"{area.number}. {title}"
        if area.optional:
            title += f" ({w['optional']})"
        out += ["", f"### {title}", ""]
        out.append(area.sentence(lang))
        if area.context is not None:
            out += ["", f"*{w['context']}{w['colon']}* {area.context.get(lang)}"]
        if area.tasks:
            out += ["", f"{w['tasks']}{w['colon']}", ""]
            out.extend(f"- {task.get(lang)}" for task in area.tasks)
    added = [c for c in job.criteria if c.descriptor.result_area]
    if added:
        out += ["", f"### {w['added']}", ""]
        for c in added:
            alternative = c.descriptor.join is Join.ANY and len(c.descriptor.clauses) > 1
            extra = f"; {w['alternative']}" if alternative else ""
            out.extend(
                f"- {clause.text.get(lang)} ({c.name.get(lang)}{extra})"
                for clause in c.descriptor.clauses
                if clause.result_area
            )
    if job.criteria:
        out += ["", f"## {w['criteria']}"]
    for c in job.criteria:
        name = c.name.get(lang) + (f" {c.note.get(lang)}" if c.note else "")
        out += ["", f"### {name}", "", _descriptor(c.descriptor, lang)]
    if job.competencies:
        heading = w["competencies"]
        if role is not None:
            heading += f"{w['colon']} {role.get(lang)}"
        out += ["", f"## {heading}", ""]
        rows = []
        for comp in job.competencies:
            behaviour = ""
            if comp.behavioural_level is not None:
                behaviour = str(comp.behavioural_level)
                if comp.behaviour is not None:
                    behaviour += f" — {comp.behaviour.get(lang)}"
            rows.append(
                [
                    comp.name.get(lang),
                    comp.cluster.get(lang) if comp.cluster else "",
                    w["core_short"] if comp.core else "",
                    behaviour,
                ]
            )
        headers = [w["competency"], w["cluster"], w["core"], w["behaviour"]]
        shown = job.competency_columns()
        keep = [0] + [
            i for i, k in enumerate(("cluster", "core", "behavioural_level"), 1) if k in shown
        ]
        out.append("| " + " | ".join(headers[i] for i in keep) + " |")
        out.append("|" + "---|" * len(keep))
        out.extend("| " + " | ".join(_cell(row[i]) for i in keep) + " |" for row in rows)
    if job.requirements:
        out += ["", f"## {w['requirements']}"]
        group: str | None = None
        for r in job.requirements:
            title = r.group.get(lang) if r.group else ""
            if title != group:
                out += ["", f"### {title}"]
                group = title
            note = f" *({r.note.get(lang)})*" if r.note else ""
            # A row named as its table is not named twice, once as the heading.
            name = "" if r.name.get(lang) == title else f"**{r.name.get(lang)}**"
            if name or note:
                out += ["", f"{name}{note}".strip()]
            out += ["", _descriptor(r.descriptor, lang)]
    if job.notes:
        out += ["", f"## {w['notes']}", ""]
        for n in job.notes:
            # A backslash keeps a marker such as "*" from starting emphasis.
            marker = n.marker.replace("*", "\\*") + " " if n.marker else ""
            term = f"**{n.term}**{w['colon']} " if n.term else ""
            out.append(f"- {marker}{term}{n.text.get(lang)}")
    return "\n".join(out).rstrip() + "\n"


def _descriptor(descriptor: Descriptor, lang: str) -> str:
    # Markdown joins adjacent lines; a blank line keeps EN / OF on a line of their own.
    return descriptor.text(lang).replace("\n", "\n\n")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def comparison_markdown(cmp: Comparison, lang: str = "nl", *, marks: Marks = MARKDOWN) -> str:
    """A level comparison as Markdown in *lang*: inserted words in bold, deleted ones struck through.

    *marks* replaces Markdown's ``**`` and ``~~`` around inserted and deleted words.

    Raises:
        LanguageError: *lang* is not one of nl, fr, en.
    """
    w = labels(lang)
    first, second = cmp.first.name.get(lang), cmp.second.name.get(lang)
    out = [f"# {cmp.family_name.get(lang)}{w['colon']} {first} → {second}", ""]
    if cmp.same_level:
        # Every criterion would read "same descriptor": say it once.
        return "\n".join([*out, w["same_level"].format(code=cmp.first.code)]) + "\n"
    out.append(w["legend_diff"])
    shown = [cmp.criteria, cmp.requirements, cmp.competencies]
    if _falls_back([*shown, cmp.added_result_areas, cmp.dropped_result_areas], lang):
        out += ["", f"*{w['fallback_doc']}*"]

    def changes(rows: Sequence[DescriptorChange], title: str) -> None:
        if not rows:
            return
        out.extend(["", f"## {title}"])
        for c in rows:
            out.extend(["", f"### {c.name.get(lang)}", ""])
            if c.same:
                out.append(f"*{w['same']}* ({cmp.first.code}–{cmp.second.code})")
            elif not c.changed:
                out.append(f"*{w['no_change']}*")
            else:
                out.append(_runs(c.diff(lang), marks))

    changes(cmp.criteria, w["criteria"])
    if cmp.added_result_areas or cmp.dropped_result_areas:
        out.extend(["", f"## {w['result_areas']} (RG)", ""])
        out.extend(
            f"- {_marked(a.text.get(lang), marks.insert)} ({w['entering']})"
            for a in cmp.added_result_areas
        )
        out.extend(
            f"- {_marked(a.text.get(lang), marks.delete)} ({w['leaving']})"
            for a in cmp.dropped_result_areas
        )
    if cmp.competencies:
        out.extend(["", f"## {w['competencies']}", ""])
        for cc in cmp.competencies:
            if cc.change == "entering":
                out.append(f"- {_marked(cc.name.get(lang), marks.insert)} ({w['entering']})")
            elif cc.change == "leaving":
                out.append(f"- {_marked(cc.name.get(lang), marks.delete)} ({w['leaving']})")
            else:
                a = cc.first.behavioural_level if cc.first else None
                b = cc.second.behavioural_level if cc.second else None
                out.append(f"- {cc.name.get(lang)}{w['colon']} {w['level_change']} {a} → {b}")
    changes([r for r in cmp.requirements if r.changed], w["requirements"])
    return "\n".join(out).rstrip() + "\n"


def _marked(text: str, mark: tuple[str, str]) -> str:
    return f"{mark[0]}{text}{mark[1]}"


def _runs(runs: Iterable[WordRun], marks: Marks = MARKDOWN) -> str:
    from .._compare import glued  # one rule for every renderer

    parts = []
    previous = ""
    for run in runs:
        if glued(previous, run):
            parts.append(" ")
        previous = run.kind if run.text[-1:].strip() else ""
        text = run.text.replace("\n", " ")
        core, tail = text.rstrip(), text[len(text.rstrip()) :]
        if not core or run.kind == "equal":
            parts.append(text)
        else:
            parts.append(
                _marked(core, marks.insert if run.kind == "insert" else marks.delete) + tail
            )
    return "".join(parts)


def render_markdown(obj: JobProfile | Comparison, lang: str = "nl") -> str:
    """*obj* (a job profile or a level comparison) as Markdown in *lang*.

    Raises:
        LanguageError: *lang* is not one of nl, fr, en.
        TypeError: *obj* is neither.
    """
    from .._compare import Comparison
    from .._profile import JobProfile

    if isinstance(obj, JobProfile):
        return profile_markdown(obj, lang)
    if isinstance(obj, Comparison):
        return comparison_markdown(obj, lang)
    raise TypeError(f"cannot render {type(obj).__name__} as Markdown (a JobProfile or Comparison)")


def _code_after(code: str, name: str) -> str:
    """`` (code)`` after a level's name, unless the name already says it ("Niveau C")."""
    return "" if code in name else f" ({code})"
