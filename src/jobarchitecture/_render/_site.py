"""The static site: the function house (functiehuis), a page per family and a
page per level, with client-side search; no server, no external resources.

Layout of the output directory::

    index.html                 the function house: one matrix per scale family
    FAMILY/index.html          the family's source tables
    FAMILY/LEVEL.html          the job profile of a level, differences from the level below marked
    assets/style.css           screen and print styles
    assets/search.js           the search box
    assets/search-index.js     every text, as a script (file:// refuses fetch())
    .jobarchitecture-site      the files this command wrote, one per line

The directory is built beside its target and moved into place when complete
(:func:`jobarchitecture._io.atomic_directory`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from .._errors import OutputDirectoryError
from .._io import atomic_directory
from .._model import Family, Level, Text, check_lang
from ._labels import labels

#: The file that lists what the site command wrote; an OUTDIR without it (or
#: with files it does not list) is someone else's and is refused unless forced.
MANIFEST = ".jobarchitecture-site"

#: The federal levels and classes, lowest first (niveaus D, C, B; klassen A1–A5).
FEDERAL_LEVELS = ("D", "C", "B", "A1", "A2", "A3", "A4", "A5")

#: The Flemish functieklassen.
FLEMISH_CLASSES = tuple(range(7, 21))


def level_file(level: Level) -> str:
    """The file name of a level's page: ``13/14`` becomes ``13-14.html``."""
    return re.sub(r"[^A-Za-z0-9_.-]", "-", level.code) + ".html"


@attrs.frozen
class HouseCell:
    """A cell of the function house: *level* of *family* over *span* rows, or
    an empty cell (``level`` None)."""

    family: str
    level: Level | None = None
    span: int = 1
    href: str = ""


def _is_flemish(family: Family) -> bool:
    return bool(family.scale.levels) and all(lvl.classes for lvl in family.scale.levels)


def _is_federal(family: Family) -> bool:
    return bool(family.scale.levels) and all(
        lvl.code in FEDERAL_LEVELS for lvl in family.scale.levels
    )


def house(families: Sequence[Family], lang: str) -> list[dict[str, Any]]:
    """The function house: one matrix per scale family, highest level on top.

    Federal families share the rows D, C, B, A1–A5; Flemish ones the
    functieklassen 7–20 (a band of two classes is one cell over two rows);
    any other family gets a matrix of its own levels.
    """
    w = labels(lang)
    flemish = [f for f in families if _is_flemish(f)]
    federal = [f for f in families if f not in flemish and _is_federal(f)]
    other = [f for f in families if f not in flemish and f not in federal]
    out = []
    if federal:
        rows: list[tuple[str, dict[str, HouseCell | None]]] = []
        for code in reversed(FEDERAL_LEVELS):
            cells: dict[str, HouseCell | None] = {}
            for f in federal:
                lvl = f.scale.find(code)
                cells[f.code] = _cell(f, lvl) if lvl is not None else HouseCell(f.code)
            rows.append((code, cells))
        out.append(_matrix(w["scale_federal"], w["level"], federal, rows))
    if flemish:
        classes = {c for f in flemish for lvl in f.scale.levels for c in lvl.classes}
        low, high = min(min(classes), FLEMISH_CLASSES[0]), max(max(classes), FLEMISH_CLASSES[-1])
        rows = []
        for number in range(high, low - 1, -1):
            cells = {}
            for f in flemish:
                lvl = next((x for x in f.scale.levels if number in x.classes), None)
                if lvl is None:
                    cells[f.code] = HouseCell(f.code)
                elif number == max(lvl.classes):
                    # The band's top class starts its merged cell; the rows below it are covered.
                    cells[f.code] = _cell(f, lvl, max(lvl.classes) - min(lvl.classes) + 1)
                else:
                    cells[f.code] = None
            rows.append((str(number), cells))
        out.append(_matrix(w["scale_flemish"], w["level"], flemish, rows))
    for f in other:
        rows = [(lvl.code, {f.code: _cell(f, lvl)}) for lvl in reversed(f.scale.levels)]
        out.append(
            _matrix(
                f"{w['scale_other']}{w['colon']} {f.scale.name.get(lang)}", w["level"], [f], rows
            )
        )
    return out


def _cell(family: Family, level: Level, span: int = 1) -> HouseCell:
    return HouseCell(family.code, level, span, f"{family.code}/{level_file(level)}")


def _matrix(
    title: str,
    row_label: str,
    families: Sequence[Family],
    rows: Iterable[tuple[str, dict[str, HouseCell | None]]],
) -> dict[str, Any]:
    return {
        "title": title,
        "row_label": row_label,
        "columns": [{"family": f, "href": f"{f.code}/index.html"} for f in families],
        "rows": [
            {"label": label, "cells": [cells[f.code] for f in families]} for label, cells in rows
        ],
    }


def _words(*texts: Text | str | None, lang: str) -> str:
    parts = []
    for t in texts:
        if t is None:
            continue
        parts.append(t if isinstance(t, str) else t.get(lang))
    return " ".join(" ".join(parts).split())


def _search_entries(family: Family, lang: str) -> list[dict[str, str]]:
    from .._profile import profile

    name = family.name.get(lang)
    base = f"{family.code}/"
    entries = [
        {
            "url": base + "index.html",
            "title": name,
            "text": _words(
                family.name,
                family.government,
                family.purpose.activity,
                family.purpose.outcome,
                *family.purpose.notes,
                *(n.text for n in family.notes),
                lang=lang,
            ),
        }
    ]
    entries.extend(
        {
            "url": f"{base}index.html#ra-{area.code}",
            "title": f"{name} — {area.title.get(lang)}",
            "text": _words(
                area.title, area.activity, area.outcome, area.context, *area.tasks, lang=lang
            ),
        }
        for area in family.result_areas
    )
    for lvl in family.scale.levels:
        job = profile(family, lvl)
        entries.append(
            {
                "url": base + level_file(lvl),
                "title": f"{name} — {lvl.name.get(lang)}",
                "text": _words(
                    lvl.name,
                    *(c.name for c in job.criteria),
                    *(cl.text for c in job.criteria for cl in c.descriptor.clauses),
                    *(c.name for c in job.competencies),
                    *(c.behaviour for c in job.competencies),
                    *(cl.text for r in job.requirements for cl in r.descriptor.clauses),
                    lang=lang,
                ),
            }
        )
    return entries


def _foreign_files(outdir: Path) -> list[str]:
    """The files in *outdir* that the manifest of a previous run does not list."""
    if not outdir.is_dir():
        return []
    present = sorted(
        p.relative_to(outdir).as_posix() for p in outdir.rglob("*") if p.is_file() or p.is_symlink()
    )
    listed: set[str] = set()
    manifest = outdir / MANIFEST
    if manifest.is_file():
        listed = set(manifest.read_text("utf-8").splitlines()) | {MANIFEST}
    return [p for p in present if p not in listed]


def build_site(
    outdir: str | os.PathLike[str],
    families: Sequence[Family | str | os.PathLike[str]] | None = None,
    *,
    lang: str = "nl",
    force: bool = False,
) -> list[Path]:
    """Write the static site of *families* (every installed family when None) to *outdir*.

    Args:
        outdir: The directory to write; built beside it and moved into place when complete.
        families: The families (each a Family, an installed family's code or a
            family file), in column order.
        lang: The language of every page (nl, fr or en; missing text falls back to Dutch, marked).
        force: Replace *outdir* even when it holds files this function did not write.

    Returns:
        The files written, relative to *outdir*.

    Raises:
        OutputDirectoryError: *outdir* holds files a previous run did not write, and not *force*.
        MissingExtraError: Jinja2 is not installed (``jobarchitecture[html]``).
        LanguageError: *lang* is not one of nl, fr, en.
        UnknownFamilyError, FamilyError: a family names no family that loads.
    """
    from .._compare import compare
    from .._profile import profile
    from ._html import environment, family_context, profile_context, render_page, stylesheet

    check_lang(lang)
    environment()  # a missing extra fails before anything is written
    if families is None:
        from .._registry import default_registry

        families = list(default_registry().families())
    from .._resolve import as_family

    # Resolved before anything is touched; a family named twice is one column, at
    # its first place.
    unique: dict[str, Family] = {}
    for named in families:
        family = as_family(named)
        unique.setdefault(family.code, family)
    chosen = list(unique.values())
    target = Path(outdir)
    if target.exists() and not target.is_dir():
        if not force:
            raise OutputDirectoryError(str(target), ())  # a file where the directory goes
        target.unlink()
    foreign = _foreign_files(target)
    if foreign and not force:
        raise OutputDirectoryError(str(target), foreign)
    pages: dict[str, str] = {}
    index: list[dict[str, str]] = []
    for family in chosen:
        levels = family.scale.levels
        links = {lvl.code: level_file(lvl) for lvl in levels}
        nav = [(family.name.get(lang), "index.html")]
        pages[f"{family.code}/index.html"] = render_page(
            "family.html", lang, site=True, root="../", nav=None, **family_context(family, links)
        )
        for i, lvl in enumerate(levels):
            below = levels[i - 1] if i > 0 else None
            above = levels[i + 1] if i + 1 < len(levels) else None
            updown: dict[str, tuple[Text | str, str] | None] = {
                "below": None if below is None else (below.name, level_file(below)),
                "above": None if above is None else (above.name, level_file(above)),
            }
            change = None if below is None else compare(family, below, lvl)
            # Every role's competency profile at this level, the first role's in full.
            roles = [
                (
                    profile(family, lvl, p.role),
                    None if below is None else compare(family, below, lvl, role=p.role),
                )
                for p in family.profiles[1:]
            ]
            pages[f"{family.code}/{level_file(lvl)}"] = render_page(
                "profile.html",
                lang,
                site=True,
                root="../",
                nav=nav,
                **profile_context(profile(family, lvl), change, updown, roles),
            )
        index.extend(_search_entries(family, lang))
    pages["index.html"] = render_page(
        "index.html", lang, site=True, root="", matrices=house(chosen, lang)
    )
    assets = {
        "assets/style.css": stylesheet(),
        "assets/search.js": _asset("search.js"),
        # ensure_ascii: the script is read in whatever encoding the browser guesses.
        "assets/search-index.js": "window.JA_SEARCH = "
        + json.dumps(index, ensure_ascii=True, indent=0)
        + ";\n",
    }
    files = {**pages, **assets}
    with atomic_directory(target) as tmp:
        for rel, text in files.items():
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
        (tmp / MANIFEST).write_text("".join(f"{rel}\n" for rel in sorted(files)), "utf-8")
    return sorted(Path(rel) for rel in files)


def _asset(name: str) -> str:
    from importlib import resources

    return (resources.files("jobarchitecture._render") / "templates" / name).read_text("utf-8")
