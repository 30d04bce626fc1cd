"""JSON-LD: a family as a schema.org ``ItemList`` with one ``Occupation`` per level.

The context is inline (``@vocab`` schema.org and a few term definitions), so a
JSON-LD processor expands the document without fetching anything. Texts are
language maps (``{"nl": ..., "en": ...}``) with every language the text is
written in; nothing falls back to Dutch under another language's tag.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import quote

from .. import _model as m
from .._resolve import as_family
from ._labels import languages, responsibilities

#: The inline context: schema.org terms; texts are language maps, the list of
#: occupations keeps its order, sameAs and inCodeSet are IRIs where given.
CONTEXT: dict[str, Any] = {
    "@vocab": "https://schema.org/",
    "name": {"@container": "@language"},
    "description": {"@container": "@language"},
    "responsibilities": {"@container": "@language"},
    "qualifications": {"@container": "@language"},
    "educationRequirements": {"@container": "@language"},
    "experienceRequirements": {"@container": "@language"},
    "itemListElement": {"@container": "@list"},
    "sameAs": {"@type": "@id"},
    "url": {"@type": "@id"},
}

#: The code sets a reference scheme is written as, where the scheme is known.
CODE_SETS: dict[str, dict[str, Any]] = {
    "ISCO-08": {
        "@type": "CategoryCodeSet",
        "@id": "https://www.ilo.org/public/english/bureau/stat/isco/isco08/",
        "name": {"en": "International Standard Classification of Occupations (ISCO-08)"},
    },
}


_PROVENANCE = {
    m.ReferenceSource.DOCUMENT: "Stated in the source document.",
    m.ReferenceSource.EDITORIAL: "Editorial mapping by the family plugin's maintainers, not an official classification.",
}


def _text(text: m.Text | None, langs: tuple[str, ...]) -> dict[str, str]:
    if text is None:
        return {}
    return {lang: text.get(lang) for lang in langs if lang == "nl" or text.has(lang)}


def _texts(values: list[m.Text], langs: tuple[str, ...]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for lang in langs:
        if lang == "nl" or all(v.has(lang) for v in values):
            out[lang] = [v.get(lang) for v in values]
    return {k: v for k, v in out.items() if v}


def _purpose(purpose: m.Purpose, langs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for lang in langs:
        if lang == "nl" or (purpose.activity.has(lang) and purpose.outcome.has(lang)):
            out[lang] = purpose.sentence(lang)
    return out


def _reference(ref: m.Reference) -> tuple[str, Any]:
    """``("sameAs", uri)`` for ESCO, ``("occupationalCategory", CategoryCode)`` otherwise."""
    if ref.scheme == "ESCO":
        return "sameAs", ref.code
    code: dict[str, Any] = {
        "@type": "CategoryCode",
        "codeValue": ref.code,
        "inCodeSet": CODE_SETS.get(
            ref.scheme, {"@type": "CategoryCodeSet", "name": {"@none": ref.scheme}}
        ),
    }
    if ref.label is not None:
        # The scheme's own label, in a language the reference does not record:
        # "@none" keeps it untagged rather than claiming one.
        code["name"] = {"@none": ref.label}
    if ref.url is not None:
        code["url"] = ref.url
    # Editorial mappings say so: a reader must not take them for official codes.
    code["description"] = {"en": _PROVENANCE[ref.source] + (f" {ref.note}" if ref.note else "")}
    return "occupationalCategory", code


def _requirements(
    family: m.Family, level: m.Level, langs: tuple[str, ...]
) -> dict[str, dict[str, list[str]]]:
    """Requirements at *level*, by schema.org property: education when the row
    is about opleiding, experience when about ervaring (both for a row about
    both), qualifications otherwise."""
    out: dict[str, list[m.Text]] = {}
    for req in family.requirements:
        d = req.at(level)
        if d is None:
            continue
        label = f"{req.name.nl} {req.group.nl}".casefold()
        props = [
            prop
            for word, prop in (
                ("opleiding", "educationRequirements"),
                ("ervaring", "experienceRequirements"),
            )
            if word in label
        ] or ["qualifications"]
        text = m.Text(
            d.text("nl"),
            d.text("fr") if all(c.text.has("fr") for c in d.clauses) else None,
            d.text("en") if all(c.text.has("en") for c in d.clauses) else None,
        )
        for prop in props:
            out.setdefault(prop, []).append(text)
    return {prop: _texts(values, langs) for prop, values in out.items()}


def _skills(family: m.Family, level: m.Level, langs: tuple[str, ...]) -> list[dict[str, Any]]:
    """The competencies of every role's profile at *level*, in dictionary order."""
    wanted = {e.competency for p in family.profiles for e in p.at(level)}
    clusters = {c.code: c for c in family.competencies.clusters}
    out = []
    for comp in family.competencies.competencies:
        if comp.code not in wanted:
            continue
        term: dict[str, Any] = {
            "@type": "DefinedTerm",
            "termCode": comp.code,
            "name": _text(comp.name, langs),
        }
        if comp.definition is not None:
            term["description"] = _text(comp.definition, langs)
        cluster = clusters.get(comp.cluster or "")
        if cluster is not None:
            term["inDefinedTermSet"] = {
                "@type": "DefinedTermSet",
                "identifier": cluster.code,
                "name": _text(cluster.name, langs),
            }
        out.append(term)
    return out


def _id(*parts: str) -> str:
    return "urn:jobarchitecture:" + ":".join(quote(p, safe="") for p in parts)


def to_jsonld(family: m.Family | str | os.PathLike[str]) -> dict[str, Any]:
    """Return *family* as a JSON-LD document: one schema.org ``Occupation`` per level.

    *family* is a Family, an installed family's code or a family file.

    The family is an ``ItemList`` whose ``itemListElement`` holds one
    ``Occupation`` per level, lowest first.

    Each occupation has ``name``, ``description`` (the family's purpose),
    ``identifier`` (``family:level``), ``occupationalCategory`` (a
    ``CategoryCode`` per ISCO-08 or other reference of the family or level),
    ``sameAs`` (ESCO URIs), ``responsibilities`` (the result areas and the (RG)
    clauses at the level), ``skills`` (``DefinedTerm``s of the competency
    profiles at the level) and, where the family has them, ``qualifications``,
    ``educationRequirements`` and ``experienceRequirements``. Texts are
    language maps with every language they are written in. The list is also a
    ``CreativeWork``, whose ``inLanguage`` lists the family's languages, with
    its ``version`` and ``sourceOrganization``: every property is one that
    schema.org declares for the type it is on.
    """
    family = as_family(family)
    langs = languages(family)
    occupations = []
    for level in family.scale.levels:
        occupation: dict[str, Any] = {
            "@type": "Occupation",
            "@id": _id(family.code, level.code),
            "identifier": f"{family.code}:{level.code}",
            "name": _text(level.name, langs),
            "description": _purpose(family.purpose, langs),
        }
        for ref in (*family.references, *level.references):
            prop, value = _reference(ref)
            occupation.setdefault(prop, []).append(value)
        duties = {lang: responsibilities(family, level, lang) for lang in langs}
        duties = {lang: v for lang, v in duties.items() if v}
        if duties:
            occupation["responsibilities"] = duties
        skills = _skills(family, level, langs)
        if skills:
            occupation["skills"] = skills
        occupation.update(_requirements(family, level, langs))
        occupations.append(occupation)
    return {
        "@context": CONTEXT,
        # Also a CreativeWork: schema.org declares inLanguage, version and
        # sourceOrganization on CreativeWork, not on ItemList (an Intangible).
        "@type": ["ItemList", "CreativeWork"],
        "@id": _id(family.code),
        "identifier": family.code,
        "name": _text(family.name, langs),
        "description": _purpose(family.purpose, langs),
        "inLanguage": list(langs),
        "version": family.version,
        "sourceOrganization": {
            "@type": "GovernmentOrganization",
            "name": _text(family.government, langs),
        },
        "numberOfItems": len(occupations),
        "itemListElement": occupations,
    }


def dumps_jsonld(family: m.Family | str | os.PathLike[str]) -> str:
    """:func:`to_jsonld` as indented JSON text, non-ASCII kept as is."""
    import json

    return json.dumps(to_jsonld(family), ensure_ascii=False, indent=2) + "\n"
