"""What the exports share: which languages a family is written in, the texts a
level's occupation is responsible for, and the labels of the tables."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from .. import _model as m
from .._render._labels import labels


def _texts(obj: Any) -> Iterator[m.Text]:
    if isinstance(obj, m.Text):
        yield obj
    elif attrs.has(type(obj)):
        for f in attrs.fields(type(obj)):
            if f.init:
                yield from _texts(getattr(obj, f.name))
    elif isinstance(obj, tuple):
        for item in obj:
            yield from _texts(item)


def languages(family: m.Family) -> tuple[str, ...]:
    """Dutch, then every language some text of *family* is written in."""
    found = {lang for t in _texts(family) for lang in ("fr", "en") if t.has(lang)}
    return ("nl", *(lang for lang in m.LANGUAGES[1:] if lang in found))


def label(key: str, lang: str) -> str:
    """The label *key* in *lang*, from the one catalogue of fixed words the
    documents share (:mod:`jobarchitecture._render._labels`): a column of the
    workbook names a concept in the words a document's heading does."""
    return labels(lang)[key]


def responsibilities(family: m.Family, level: m.Level, lang: str) -> list[str]:
    """What a function at *level* is responsible for, in *lang*: every result
    area (title: activity, connector, outcome), then each (RG) clause of a
    descriptor covering the level (added to the result areas there). Empty
    when *lang* is not Dutch and some part is not written in it."""
    out: list[str] = []
    for area in family.result_areas:
        parts = (area.title, area.activity, area.outcome)
        if lang != "nl" and not all(p.has(lang) for p in parts):
            return []
        out.append(f"{area.title.get(lang)}: {area.sentence(lang)}")
    for criterion in family.criteria:
        d = criterion.at(level)
        for clause in d.clauses if d is not None else ():
            if clause.result_area:
                if lang != "nl" and not clause.text.has(lang):
                    return []
                out.append(clause.text.get(lang))
    return out
