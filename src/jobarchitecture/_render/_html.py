"""HTML: job profiles, level comparisons and families as pages, through Jinja2
templates (``templates/``) with autoescaping on.

Jinja2 is the optional extra ``jobarchitecture[html]``, imported on first use.
The page data comes from :mod:`.._profile` and :mod:`.._compare`; this module
only lays it out (merging adjacent cells, marking text that falls back to Dutch).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .._compare import glued
from .._errors import MissingExtraError
from .._model import Descriptor, Family, Join, Text, check_lang
from ._labels import labels, role_name
from ._shown import Shown

# A slash between letters ("werking/dienstverlening") is no line-break opportunity,
# so such a compound sets the width of its table column: printed, the criteria
# table of organisatieondersteuning ran 60-300 px past the page. <wbr> lets it
# break after the slash and leaves the text as it is (search, copying).
_SLASH = re.compile(r"(?<=[^\W\d_])/(?=[^\W\d_])")

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

    from .._compare import Comparison, DescriptorChange, WordRun
    from .._profile import JobProfile


@functools.cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the bundled templates (autoescape on, undefined names fail).

    Raises:
        MissingExtraError: Jinja2 is not installed (``pip install 'jobarchitecture[html]'``).
    """
    try:
        import jinja2
    except ImportError as exc:
        raise MissingExtraError("html", "jinja2", "HTML output") from exc
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("jobarchitecture._render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["role_name"] = role_name  # one rule for every renderer: what names a role
    return env


def stylesheet() -> str:
    """The CSS of every page (screen and print)."""
    from importlib import resources

    return (resources.files("jobarchitecture._render") / "templates" / "style.css").read_text(
        "utf-8"
    )


def _breakable(text: str) -> Markup:
    """*text* escaped, with its line breaks and a break opportunity after a slash between letters."""
    from markupsafe import Markup, escape

    body = str(escape(text)).replace("\n", "<br>")
    return Markup(_SLASH.sub("/<wbr>", body))


@attrs.frozen
class _Page:
    """What one page's rendering needs besides its data: the language, the
    helpers the templates call, and the texts shown (:class:`Shown`), which say
    whether any fell back to Dutch."""

    lang: str
    shown: Shown = attrs.field(
        default=attrs.Factory(lambda self: Shown(self.lang), takes_self=True)
    )

    @property
    def fallbacks(self) -> int:
        """How many texts so far fell back to Dutch."""
        return self.shown.dutch

    def text(self, value: Text | str | None) -> Markup:
        """*value* in the page's language, escaped; marked ``lang="nl"`` where it falls back."""
        from markupsafe import Markup

        if value is None:
            return Markup("")
        if isinstance(value, str):
            return _breakable(value)
        dutch = self.shown.falls_back(value)
        body = _breakable(self.shown.text(value))
        return self._dutch_text(body) if dutch else body

    def _dutch_text(self, body: Markup) -> Markup:
        """*body*, shown in Dutch for want of a translation: tagged ``lang="nl"`` and marked NL."""
        from markupsafe import Markup, escape

        title = escape(labels(self.lang)["fallback"])
        return Markup(
            f'<span lang="nl" class="fallback" title="{title}">{body}'
            '<abbr class="fallback-mark" aria-hidden="true">NL</abbr></span>'
        )

    def change(self, change: DescriptorChange) -> Markup:
        """The word difference of *change* in the page's language, marked where it is Dutch."""
        dutch = self.lang != "nl" and not change.has(self.lang)
        body = self.runs(self.shown.change(change))
        return self._dutch_text(body) if dutch else body

    def runs(self, runs: Iterable[WordRun]) -> Markup:
        """Word runs of a comparison: inserted words in ``<ins>``, deleted ones in ``<del>``."""
        from markupsafe import Markup, escape

        w = labels(self.lang)
        out = []
        previous = ""
        for run in runs:
            if glued(previous, run):
                out.append(Markup(" "))
            previous = run.kind if run.text[-1:].strip() else ""
            body = Markup(escape(run.text)).replace("\n", Markup("<br>"))
            if run.kind == "insert":
                out.append(Markup(f'<ins title="{escape(w["inserted"])}">{body}</ins>'))
            elif run.kind == "delete":
                out.append(Markup(f'<del title="{escape(w["deleted"])}">{body}</del>'))
            else:
                out.append(body)
        return Markup("").join(out)

    def join(self, descriptor: Descriptor) -> str:
        """The connective between the descriptor's clauses (EN / OF) in the page's language."""
        return labels(self.lang)["and" if descriptor.join is Join.ALL else "or"]

    def sentence(self, activity: Text, connector: str, outcome: Text) -> Markup:
        """A purpose or result area: activity, connector, outcome."""
        from markupsafe import Markup, escape

        from .._model import connective

        word = connective(activity, connector, outcome, self.lang)
        # The connector stays Dutch, like the sentence, unless both halves are translated.
        dutch = self.lang != "nl" and not (activity.has(self.lang) and outcome.has(self.lang))
        tag = ' lang="nl"' if dutch else ""
        conn = Markup(f' <em class="connector"{tag}>{escape(word)}</em> ' if word else " ")
        return self.text(activity) + conn + self.text(outcome)


@attrs.frozen
class Cell:
    """One cell of a table row laid out from level spans.

    Attributes:
        levels: The level codes the cell covers (its ``colspan`` is their number).
        item: What the cell shows (a descriptor, a profile entry), or None for an empty cell.
    """

    levels: tuple[str, ...]
    item: Any = None

    @property
    def span(self) -> int:
        """The cell's colspan (or rowspan)."""
        return len(self.levels)


def cells(
    codes: Sequence[str], items: Iterable[Any], levels: Callable[[Any], Sequence[str]]
) -> list[Cell]:
    """Lay *items* out over the level *codes*: one cell per item over its levels,
    an empty cell for each level no item covers."""
    by_first: dict[str, Any] = {}
    for item in items:
        lv = tuple(levels(item))
        if lv:
            by_first.setdefault(lv[0], item)
    out: list[Cell] = []
    i = 0
    while i < len(codes):
        item = by_first.get(codes[i])
        if item is None:
            out.append(Cell((codes[i],)))
            i += 1
            continue
        covered = tuple(c for c in codes[i:] if c in levels(item))
        out.append(Cell(covered or (codes[i],), item))
        i += max(1, len(covered))
    return out


def family_grid(family: Family) -> list[dict[str, Any]]:
    """Each competency profile as rows of cells over the levels (the source's grid)."""
    codes = family.scale.codes
    grids = []
    for prof in family.profiles:
        rows = []
        seen: dict[str, list[Any]] = {}
        for entry in prof.entries:
            seen.setdefault(entry.competency, []).append(entry)
        for code, entries in seen.items():
            comp = family.competencies.get(code)
            core = any(e.core for e in entries)
            rows.append(
                {
                    "code": code,
                    "name": comp.name if comp is not None else Text(code),
                    "cluster": comp.cluster if comp is not None else None,
                    "core": core,
                    "cells": [] if core else cells(codes, entries, lambda e: e.levels),
                    "competency": comp,
                }
            )
        grids.append({"profile": prof, "rows": rows})
    return grids


def profile_context(
    job: JobProfile,
    change: Comparison | None = None,
    links: dict[str, tuple[Text | str, str] | None] | None = None,
    roles: Sequence[tuple[JobProfile, Comparison | None]] = (),
) -> dict[str, Any]:
    """What ``profile.html`` needs: the profile, and the comparison with the level
    below (*change*) whose differences it highlights, with links up and down;
    *roles* adds the competency profiles of the family's other roles."""

    def role(job: JobProfile, change: Comparison | None) -> dict[str, Any]:
        changes = {} if change is None else {c.code: c for c in change.competencies}
        return {"job": job, "change": change, "comp_changes": changes}

    return {
        "job": job,
        "change": change,
        "links": links,
        "roles": [role(job, change)] + [role(j, c) for j, c in roles],
        "diffs": {} if change is None else {c.code: c for c in change.criteria},
        "req_diffs": {} if change is None else {r.code: r for r in change.requirements},
        "comp_changes": {} if change is None else {c.code: c for c in change.competencies},
        "added_codes": set() if change is None else {a.text.nl for a in change.added_result_areas},
    }


def family_context(family: Family, links: dict[str, str] | None = None) -> dict[str, Any]:
    """What ``family.html`` needs: the family, its competency grids and the cell layout."""
    return {
        "family": family,
        "grids": family_grid(family),
        "cells": cells,
        "levels_of": lambda d: d.levels,
        "links": links,
    }


def render_page(template: str, lang: str, **context: Any) -> str:
    """Render *template* in *lang* with *context* (and the page helpers).

    ``site`` (default False) links the shared stylesheet and the search scripts
    under ``root``; otherwise the page is standalone, its CSS inline.

    Raises:
        MissingExtraError: Jinja2 is not installed.
        LanguageError: *lang* is not one of nl, fr, en.
    """
    context.setdefault("site", False)
    context.setdefault("root", "")
    context.setdefault("nav", None)
    css = "" if context["site"] else stylesheet()
    tmpl = environment().get_template(template)
    page = _Page(check_lang(lang))
    html = tmpl.render(lang=lang, w=labels(lang), page=page, css=css, notice=False, **context)
    if not page.fallbacks:
        return html
    # Text fell back to Dutch: render again with the notice on top, where a
    # reader sees it before the first Dutch paragraph (the count is known only now).
    page = _Page(lang)
    return tmpl.render(lang=lang, w=labels(lang), page=page, css=css, notice=True, **context)


def render_html(
    obj: JobProfile | Comparison | Family | str | os.PathLike[str], lang: str = "nl"
) -> str:
    """*obj* (a job profile, a level comparison or a family) as one standalone HTML page in *lang*.

    A family may also be given by an installed family's code or a family file.

    Raises:
        MissingExtraError: Jinja2 is not installed (``pip install 'jobarchitecture[html]'``).
        LanguageError: *lang* is not one of nl, fr, en.
        UnknownFamilyError, FamilyError: a code or file names no family that loads.
        TypeError: *obj* is none of these.
    """
    from .._compare import Comparison
    from .._profile import JobProfile

    if isinstance(obj, str | os.PathLike):
        from .._resolve import as_family

        obj = as_family(obj)

    if isinstance(obj, JobProfile):
        return render_page("profile.html", lang, **profile_context(obj))
    if isinstance(obj, Comparison):
        return render_page("comparison.html", lang, cmp=obj)
    if isinstance(obj, Family):
        return render_page("family.html", lang, **family_context(obj))
    raise TypeError(
        f"cannot render {type(obj).__name__} as HTML (a JobProfile, Comparison or Family)"
    )
