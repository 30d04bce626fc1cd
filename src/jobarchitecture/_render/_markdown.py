"""Markdown: job profiles and level comparisons as Markdown text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from .._model import Descriptor, Join
from ._labels import labels, role_name
from ._shown import Shown

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


def profile_markdown(job: JobProfile, lang: str = "nl") -> str:
    """*job* as a Markdown document in *lang* (nl, fr or en; missing text falls back to nl).

    Raises:
        LanguageError: *lang* is not one of nl, fr, en.
    """
    w = labels(lang)  # the renderers' one catalogue of fixed words
    t = Shown(lang)  # every family text shown, and how many are Dutch
    out: list[str] = [f"# {t.text(job.family_name)} — {t.text(job.level_name)}", ""]
    facts = [
        f"**{w['family']}{w['colon']}** {t.text(job.family_name)} ({t.text(job.government)})",
        f"**{w['level']}{w['colon']}** {t.text(job.level_name)}{_code_after(job.level, job.level_name.get(lang))}",
    ]
    role = role_name(job.role_name)  # none for a profile that names no role
    if role is not None:
        facts.append(f"**{w['role']}{w['colon']}** {t.text(role)}")
    out += ["  \n".join(facts), ""]
    notice = len(out)  # where the notice goes, once the whole document is written
    out += [f"## {w['purpose']}", ""]
    purpose = job.purpose
    out.append(t.sentence(purpose.activity, purpose.connector, purpose.outcome))
    out.extend(f"\n{t.text(note)}" for note in purpose.notes)
    if job.result_areas or job.added_result_areas:
        out += ["", f"## {w['result_areas']}"]
    for area in job.result_areas:
        title = t.text(area.title)
        if area.number is not None:
            title = f"{area.number}. {title}"
        if area.optional:
            title += f" ({w['optional']})"
        out += ["", f"### {title}", ""]
        out.append(t.sentence(area.activity, area.connector, area.outcome))
        if area.context is not None:
            out += ["", f"*{w['context']}{w['colon']}* {t.text(area.context)}"]
        if area.tasks:
            out += ["", f"{w['tasks']}{w['colon']}", ""]
            out.extend(f"- {t.text(task)}" for task in area.tasks)
    added = [c for c in job.criteria if c.descriptor.result_area]
    if added:
        out += ["", f"### {w['added']}", ""]
        for c in added:
            alternative = c.descriptor.join is Join.ANY and len(c.descriptor.clauses) > 1
            extra = f"; {w['alternative']}" if alternative else ""
            out.extend(
                f"- {t.text(clause.text)} ({t.text(c.name)}{extra})"
                for clause in c.descriptor.clauses
                if clause.result_area
            )
    if job.criteria:
        out += ["", f"## {w['criteria']}"]
    for c in job.criteria:
        name = t.text(c.name) + (f" {t.text(c.note)}" if c.note else "")
        out += ["", f"### {name}", "", _descriptor(c.descriptor, t)]
    if job.competencies:
        heading = w["competencies"]
        if role is not None:
            heading += f"{w['colon']} {t.text(role)}"
        out += ["", f"## {heading}", ""]
        shown = job.competency_columns()
        keep = [0] + [
            i for i, k in enumerate(("cluster", "core", "behavioural_level"), 1) if k in shown
        ]
        rows = []
        for comp in job.competencies:
            behaviour = ""
            if comp.behavioural_level is not None:
                behaviour = str(comp.behavioural_level)
                if comp.behaviour is not None:
                    behaviour += f" — {t.text(comp.behaviour)}"
            cluster = t.text(comp.cluster) if comp.cluster and 1 in keep else ""
            rows.append(
                [t.text(comp.name), cluster, w["core_short"] if comp.core else "", behaviour]
            )
        headers = [w["competency"], w["cluster"], w["core"], w["behaviour"]]
        out.append("| " + " | ".join(headers[i] for i in keep) + " |")
        out.append("|" + "---|" * len(keep))
        out.extend("| " + " | ".join(_cell(row[i]) for i in keep) + " |" for row in rows)
    if job.requirements:
        out += ["", f"## {w['requirements']}"]
        group: str | None = None
        for r in job.requirements:
            title = t.text(r.group) if r.group else ""
            if title != group:
                out += ["", f"### {title}"]
                group = title
            note = f" *({t.text(r.note)})*" if r.note else ""
            # A row named as its table is not named twice, once as the heading.
            named = r.name.get(lang) != title
            name = f"**{t.text(r.name)}**" if named else ""
            if name or note:
                out += ["", f"{name}{note}".strip()]
            out += ["", _descriptor(r.descriptor, t)]
    if job.notes:
        out += ["", f"## {w['notes']}", ""]
        for n in job.notes:
            # A backslash keeps a marker such as "*" from starting emphasis.
            marker = n.marker.replace("*", "\\*") + " " if n.marker else ""
            term = f"**{n.term}**{w['colon']} " if n.term else ""
            out.append(f"- {marker}{term}{t.text(n.text)}")
    if t.dutch:
        out[notice:notice] = [f"*{w['fallback_doc']}*", ""]
    return "\n".join(out).rstrip() + "\n"


def _descriptor(descriptor: Descriptor, t: Shown) -> str:
    # Markdown joins adjacent lines; a blank line keeps EN / OF on a line of their own.
    return t.descriptor(descriptor).replace("\n", "\n\n")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def comparison_markdown(cmp: Comparison, lang: str = "nl", *, marks: Marks = MARKDOWN) -> str:
    """A level comparison as Markdown in *lang*: inserted words in bold, deleted ones struck through.

    *marks* replaces Markdown's ``**`` and ``~~`` around inserted and deleted words.

    Raises:
        LanguageError: *lang* is not one of nl, fr, en.
    """
    w = labels(lang)
    t = Shown(lang)
    first, second = t.text(cmp.first.name), t.text(cmp.second.name)
    out = [f"# {t.text(cmp.family_name)}{w['colon']} {first} → {second}", ""]
    if cmp.same_level:
        # Every criterion would read "same descriptor": say it once.
        out.append(w["same_level"].format(code=cmp.first.code))
    else:
        out.append(w["legend_diff"])
        _comparison_body(cmp, t, out, marks)
    if t.dutch:
        out[3:3] = ["", f"*{w['fallback_doc']}*"]  # under the legend
    return "\n".join(out).rstrip() + "\n"


def _comparison_body(cmp: Comparison, t: Shown, out: list[str], marks: Marks) -> None:
    w = labels(t.lang)

    def changes(rows: Sequence[DescriptorChange], title: str) -> None:
        if not rows:
            return
        out.extend(["", f"## {title}"])
        for c in rows:
            out.extend(["", f"### {t.text(c.name)}", ""])
            if c.same:
                out.append(f"*{w['same']}* ({cmp.first.code}–{cmp.second.code})")
            elif not c.changed:
                out.append(f"*{w['no_change']}*")
            else:
                out.append(_runs(t.change(c), marks))

    changes(cmp.criteria, w["criteria"])
    if cmp.added_result_areas or cmp.dropped_result_areas:
        out.extend(["", f"## {w['result_areas']} ({w['rg']})", ""])
        out.extend(
            f"- {_marked(t.text(a.text), marks.insert)} ({w['entering']})"
            for a in cmp.added_result_areas
        )
        out.extend(
            f"- {_marked(t.text(a.text), marks.delete)} ({w['leaving']})"
            for a in cmp.dropped_result_areas
        )
    if cmp.competencies:
        out.extend(["", f"## {w['competencies']}", ""])
        for cc in cmp.competencies:
            if cc.change == "entering":
                out.append(f"- {_marked(t.text(cc.name), marks.insert)} ({w['entering']})")
            elif cc.change == "leaving":
                out.append(f"- {_marked(t.text(cc.name), marks.delete)} ({w['leaving']})")
            else:
                a = cc.first.behavioural_level if cc.first else None
                b = cc.second.behavioural_level if cc.second else None
                out.append(f"- {t.text(cc.name)}{w['colon']} {w['level_change']} {a} → {b}")
    changes([r for r in cmp.requirements if r.changed], w["requirements"])


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
