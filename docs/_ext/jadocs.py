"""Sphinx extension for the jobarchitecture site: pages generated from the code.

At ``builder-inited`` it writes, from the installed library and plugins:

- ``_generated/api.rst``: an autodoc entry for every name in
  ``jobarchitecture.__all__``, ``jobarchitecture.strategies.__all__`` and
  ``jobarchitecture.testing.__all__``, grouped by the private module that
  defines it, so a name added to any ``__all__`` appears without anyone editing
  a page;
- ``_generated/commands.rst``: every command, argument and option, read from
  the argparse parser the CLI itself uses;
- ``_generated/schema.rst``: every object of the family format, read from
  ``jobarchitecture.family_schema()``;
- ``_generated/errors.rst``: the exception hierarchy;
- ``families/CODE.md``: one page per installed family.

It also adds ``optional-toctree`` (a toctree that leaves out pages that do not
exist yet, so the site builds on every branch; with ``:others: FOLDER/ …`` it
also takes every page that no entry of the same source file names, except those
in the folders given) and, after reading, warns for
any public name that did not get a reference entry (an error under ``-W``).
"""

from __future__ import annotations

import argparse
import inspect
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.directives.other import TocTree
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Private module (longest prefix wins) -> section of the API reference.
SECTIONS: dict[str, str] = {
    "jobarchitecture._model": "Families and their parts",
    "jobarchitecture._format": "Reading, writing and checking families",
    "jobarchitecture._validate": "Reading, writing and checking families",
    "jobarchitecture._schema": "Reading, writing and checking families",
    "jobarchitecture._registry": "Installed families: the registry",
    "jobarchitecture._classify": "Classification",
    "jobarchitecture._classify._rules": "Classification rules",
    "jobarchitecture._profile": "Job profiles",
    "jobarchitecture._errors": "Errors",
}
CONSTANTS = "Constants"


# --------------------------------------------------------------------------- API


#: The public modules beside ``jobarchitecture`` itself, each a section of its own.
MODULES = ("jobarchitecture.strategies", "jobarchitecture.testing")


def public_names() -> list[str]:
    """Every name the reference must document, fully qualified."""
    import importlib

    import jobarchitecture as ja

    names = [f"jobarchitecture.{n}" for n in ja.__all__]
    for module in MODULES:
        names += [f"{module}.{n}" for n in importlib.import_module(module).__all__]
    return names


def _defining_module(owner: Any, name: str, obj: Any) -> str | None:
    """The private module that defines *obj*, for a constant too (which has no ``__module__``)."""
    if inspect.isclass(obj) or inspect.isroutine(obj):
        return str(obj.__module__)
    lazy: dict[str, str] = getattr(owner, "_LAZY", {})
    if name in lazy:
        return str(owner.__name__) + lazy[name]
    import sys

    for mod_name, mod in sorted(sys.modules.items()):
        if mod_name.startswith(owner.__name__ + "._") and getattr(mod, name, None) is obj:
            return mod_name
    return None


def _section(module: str | None) -> str:
    if module is None:
        return CONSTANTS
    best = max(
        (p for p in SECTIONS if module == p or module.startswith(p + ".")), key=len, default=None
    )
    if best is not None:
        return SECTIONS[best]
    import importlib

    doc = inspect.getdoc(importlib.import_module(module)) or module
    return doc.splitlines()[0].rstrip(".")


def _attribute_doc(module: str | None, name: str) -> str:
    """The ``#:`` comment above a constant in *module*, read from the source."""
    if module is None:
        return ""
    from sphinx.pycode import ModuleAnalyzer

    try:
        docs = ModuleAnalyzer.for_module(module).find_attr_docs()
    except Exception:  # a module without source (compiled) has no comments to read
        return ""
    return "\n".join(docs.get(("", name), [])).strip()


def _heading(title: str, char: str) -> list[str]:
    return [title, char * len(title), ""]


def _entries(owner: Any, prefix: str) -> Iterator[tuple[str, list[str]]]:
    """(section, rST lines) for every name in *owner*'s ``__all__``."""
    for name in owner.__all__:
        obj = getattr(owner, name)
        qual = f"{prefix}.{name}"
        module = _defining_module(owner, name, obj)
        if inspect.isclass(obj):
            lines = [f".. autoclass:: {qual}", "   :members:"]
            if issubclass(obj, BaseException):
                lines.append("   :show-inheritance:")
            yield (_section(module) if not issubclass(obj, BaseException) else "Errors"), lines
        elif inspect.isroutine(obj):
            yield _section(module), [f".. autofunction:: {qual}"]
        else:
            doc = _attribute_doc(module, name) or _attribute_doc(owner.__name__, name)
            lines = [f".. py:data:: {name}", f"   :module: {prefix}", f"   :value: {obj!r}", ""]
            lines += [f"   {line}" for line in doc.splitlines()]
            yield CONSTANTS, lines


def api_rst() -> str:
    """The API reference page body (rST)."""
    import importlib

    import jobarchitecture as ja

    out: list[str] = [".. py:module:: jobarchitecture", "   :no-index:", ""]
    grouped: dict[str, list[list[str]]] = {}
    for section, lines in _entries(ja, "jobarchitecture"):
        grouped.setdefault(section, []).append(lines)
    order = [*dict.fromkeys(SECTIONS.values()), CONSTANTS]
    for section in sorted(grouped, key=lambda s: (order.index(s) if s in order else len(order), s)):
        out += _heading(section, "-")
        for lines in grouped[section]:
            out += [*lines, ""]
    titles = {
        "jobarchitecture.strategies": "Strategies for property tests",
        "jobarchitecture.testing": "Law checks for your own rules",
    }
    for module in MODULES:
        out += _heading(f"{titles[module]}: ``{module}``", "-")
        out += [f".. automodule:: {module}", "   :no-index:", ""]
        for _, lines in _entries(importlib.import_module(module), module):
            out += [*lines, ""]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- CLI


class _FixedWidth(argparse.HelpFormatter):
    # The page must not depend on the width of the terminal that built it.
    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=88, max_help_position=30)


def _rst_escape(text: str) -> str:
    return re.sub(r"([\\`*_|])", r"\\\1", text)


def _help(action: argparse.Action) -> str:
    text = action.help or ""
    if "%(" in text:
        text = text % {**vars(action), "prog": ""}
    text = _rst_escape(text)
    # Options named in the help as literals: smart quotes would make "--format" "–format".
    text = re.sub(r"(?<![\w`-])(--?[a-z][\w-]*)", r"``\1``", text)
    if action.choices is not None and not isinstance(action, argparse._SubParsersAction):
        choices = ", ".join(f"``{c}``" for c in action.choices)
        text = (text.rstrip(".") + ". " if text else "") + f"One of {choices}."
    return text


def _option_line(action: argparse.Action) -> str:
    if not action.option_strings:
        return str(action.metavar or action.dest)
    if action.nargs == 0:
        return ", ".join(action.option_strings)
    metavar = action.metavar or action.dest.upper()
    return ", ".join(f"{o} {metavar}" for o in action.option_strings)


def _parser_lines(parser: argparse.ArgumentParser, program: str) -> list[str]:
    parser.formatter_class = _FixedWidth
    out = [f".. program:: {program}", ""]
    out += ["::", ""] + [f"   {line}" for line in parser.format_usage().strip().splitlines()] + [""]
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
            continue
        if action.help == argparse.SUPPRESS:
            continue
        out += [f".. option:: {_option_line(action)}", "", f"   {_help(action)}", ""]
    return out


def commands_rst() -> str:
    """The command reference page body (rST), from the CLI's own parser."""
    from jobarchitecture._cli._parser import COMMANDS, build_parser

    parser = build_parser()
    out = _heading("``jobarchitecture``", "-")
    out += [_rst_escape(parser.description or ""), ""]
    out += _parser_lines(parser, "jobarchitecture")
    out += [_rst_escape(parser.epilog or ""), ""]
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name in COMMANDS:
        p = sub.choices[name]
        out += [f".. _command-{name}:", ""]
        out += _heading(f"``jobarchitecture {name}``", "-")
        out += [_rst_escape(p.description or ""), ""]
        out += _parser_lines(p, f"jobarchitecture {name}")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------ schema


def _type(schema: dict[str, Any]) -> str:
    """A short, linked description of a JSON Schema's type."""
    if "$ref" in schema:
        target = schema["$ref"].rsplit("/", 1)[-1]
        # A link to the section's id: labels inside an included rST file in a
        # MyST page are not registered as cross-reference targets.
        return f"`{target} <#schema-{target.lower()}>`__"
    if "anyOf" in schema:
        return " or ".join(_type(s) for s in schema["anyOf"])
    if "const" in schema:
        return f"``{schema['const']!r}``"
    if "enum" in schema:
        return "one of " + ", ".join(f"``{v!r}``" for v in schema["enum"])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"array of {_type(schema.get('items', {}))}"
    if isinstance(kind, list):
        return " or ".join(kind)
    return str(kind)


def field_docs(cls: type) -> dict[str, str]:
    """The ``Attributes:`` section of *cls*'s docstring: field name -> its description."""
    doc = inspect.getdoc(cls) or ""
    fields: dict[str, str] = {}
    inside = False
    current = ""
    for line in doc.splitlines():
        if line.strip() == "Attributes:":
            inside = True
            continue
        if not inside:
            continue
        if line and not line.startswith(" "):
            break  # the next section, or prose after the list
        entry = re.match(r"^    (\w+): (.*)$", line)
        if entry is not None:
            current = entry.group(1)
            fields[current] = entry.group(2).strip()
        elif line.startswith("        ") and current:
            fields[current] += " " + line.strip()
    return fields


def _model_class(name: str) -> type | None:
    import jobarchitecture as ja

    cls = getattr(ja, name, None)
    return cls if inspect.isclass(cls) else None


def _object_lines(
    title: str, anchor: str, schema: dict[str, Any], cls: type | None = None
) -> list[str]:
    out = [f".. _schema-{anchor}:", "", *_heading(title, "-")]
    if schema.get("description"):
        out += [_rst_escape(schema["description"]), ""]
    props: dict[str, Any] = schema.get("properties", {})
    if not props:
        return [*out, f"Type: {_type(schema)}.", ""]
    required = set(schema.get("required", ()))
    # The schema says what a value is; the model's docstring says what it means.
    meaning = field_docs(cls) if cls is not None else {}
    out += [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 18 24 8 50",
        "",
        "   * - key",
        "     - type",
        "     - required",
        "     - meaning",
    ]
    for key, sub in props.items():
        out += [
            f"   * - ``{key}``",
            f"     - {_type(sub)}",
            f"     - {'yes' if key in required else ''}",
            f"     - {' '.join(filter(None, [meaning.get(key, ''), _rst_escape(sub.get('description', ''))]))}",
        ]
    return [*out, ""]


def schema_rst() -> str:
    """The family format reference page body (rST), from the JSON Schema."""
    import json

    import jobarchitecture as ja

    schema = ja.family_schema()
    out = [
        f"Schema ``{schema.get('$schema', '')}``, identifier ``{schema.get('$id', '')}``.",
        "",
    ]
    out += _object_lines("Family (the top level)", "family", schema, _model_class("Family"))
    for name, sub in schema.get("$defs", {}).items():
        out += _object_lines(name, name.lower(), sub, _model_class(name))
    out += _heading("The whole schema", "-")
    out += [".. code-block:: json", ""]
    out += [f"   {line}" for line in json.dumps(schema, indent=2, ensure_ascii=False).splitlines()]
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------ errors


def errors_rst() -> str:
    """The exception hierarchy (rST): every public error, its built-in bases and summary."""
    import jobarchitecture as ja

    errors = [
        getattr(ja, n)
        for n in ja.__all__
        if inspect.isclass(getattr(ja, n)) and issubclass(getattr(ja, n), ja.JobArchitectureError)
    ]

    def children(parent: type) -> list[type]:
        return [e for e in errors if e.__bases__[0] is parent]

    out: list[str] = []

    def walk(cls: type, depth: int) -> None:
        others = [b.__name__ for b in cls.__bases__[1:]]
        also = f" (also {', '.join(f'``{o}``' for o in others)})" if others else ""
        summary = (inspect.getdoc(cls) or "").splitlines()[0]
        out.append(f"{'  ' * depth}- :class:`~jobarchitecture.{cls.__name__}`{also}: {summary}")
        out.append("")
        for child in children(cls):
            walk(child, depth + 1)

    walk(ja.JobArchitectureError, 0)
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------- families

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$:&])")


def md(text: str) -> str:
    """*text* as literal Markdown: every character that could be markup is escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _span(levels: Iterable[str]) -> str:
    return ", ".join(levels)


def _table(headers: list[str], rows: list[list[str]], always: int = 1) -> list[str]:
    """A Markdown table of *rows* (raw text, escaped here) without the columns no row fills.

    The first *always* columns stay even when empty.
    """
    keep = [i for i in range(len(headers)) if i < always or any(row[i] for row in rows)]
    out = ["| " + " | ".join(headers[i] for i in keep) + " |", "|" + "---|" * len(keep)]
    out += ["| " + " | ".join(md(row[i]) for i in keep) + " |" for row in rows]
    return [*out, ""]


def _descriptor_lines(d: Any, inferred: list[tuple[str, str, str]], where: str) -> list[str]:
    join = f" ({d.join.dutch})" if len(d.clauses) > 1 else ""
    out = [f"- **{md(_span(d.levels))}**{md(join)}", ""]
    for i, clause in enumerate(d.clauses):
        rg = " **(RG)**" if clause.result_area else ""
        sep = f"*{d.join.dutch}* " if i else ""
        for j, para in enumerate(clause.text.get("nl").split("\n")):
            if para.strip():
                out += [f"  {sep if j == 0 else ''}{md(para)}{rg if j == 0 else ''}", ""]
    if d.inferred:
        # The reason sits with the descriptor: a reader judging the span needs it there.
        out += [f"  *Span inferred:* {md(d.inferred)}", ""]
        inferred.append((where, _span(d.levels), d.inferred))
    return out


def family_markdown(family: Any) -> str:
    """One bundled family as a Markdown page: everything a reader of the source would look up."""
    nl = "nl"
    out = [f"# {md(family.name.get(nl))}", ""]
    out += [
        f"Code `{family.code}` · {md(family.government.get(nl))} · data version {md(family.version or '?')}"
        f" · levels {md(' < '.join(family.scale.codes))}",
        "",
        "Generated from the installed plugin when the site was built: the text is the "
        "data's, word for word (Dutch, the source language).",
        "",
    ]
    out += ["## Source documents (bronnen)", ""]
    for s in family.sources:
        out += [f"- **{md(s.title)}** (`{s.reference}`)", ""]
        if s.note:
            out += [f"  {md(s.note)}", ""]
    for t in family.translations:
        out += [f"Translations ({t.lang}): {md(t.note)}", ""]
    out += ["## Levels", "", f"Scale: {md(family.scale.name.get(nl))}, lowest first.", ""]
    rows = [
        [lv.code, lv.name.get(nl), ", ".join(lv.aliases), ", ".join(str(c) for c in lv.classes)]
        for lv in family.scale
    ]
    out += _table(["code", "name", "aliases", "function classes"], rows, always=2)
    p = family.purpose
    out += [
        "## Purpose (doel)",
        "",
        md(f"{p.activity.get(nl)} {p.connector} {p.outcome.get(nl)}"),
        "",
    ]
    out += [md(n.get(nl)) + "\n" for n in p.notes]
    if family.result_areas:
        out += ["## Result areas (resultaatgebieden)", ""]
        for ra in family.result_areas:
            extra = " (facultatief)" if ra.optional else ""
            number = f"{ra.number}. " if ra.number is not None else ""
            out += [f"### {md(number + ra.title.get(nl) + extra)}", ""]
            out += [md(f"{ra.activity.get(nl)} {ra.connector} {ra.outcome.get(nl)}"), ""]
            if ra.context is not None:
                out += [f"Context: {md(ra.context.get(nl))}", ""]
            out += [f"- {md(t.get(nl))}" for t in ra.tasks] + [""]
    inferred: list[tuple[str, str, str]] = []
    out += ["## Criteria (onderscheidende criteria, indelingscriteria)", ""]
    for c in family.criteria:
        out += [
            f"### {md(c.name.get(nl))}",
            "",
            f"Code `{c.code}`" + (f", weight {c.weight:g}" if c.weight != 1 else "") + ".",
            "",
        ]
        if c.note is not None:
            out += [md(c.note.get(nl)), ""]
        for d in c.descriptors:
            out += _descriptor_lines(d, inferred, f"criterion {c.name.get(nl)}")
    if family.requirements:
        out += ["## Requirements", "", "Not used to classify.", ""]
        for r in family.requirements:
            out += [f"### {md(r.name.get(nl))}", "", f"Code `{r.code}`, {md(r.group.get(nl))}.", ""]
            if r.note is not None:
                out += [md(r.note.get(nl)), ""]
            for d in r.descriptors:
                out += _descriptor_lines(d, inferred, f"requirement {r.name.get(nl)}")
    if family.profiles or family.competencies.competencies:
        out += ["## Competencies (competenties)", ""]
        for prof in family.profiles:
            out += [f"### Profile: {md(prof.name.get(nl))}", "", f"Role `{prof.role}`.", ""]
            rows = []
            for e in prof.entries:
                comp = family.competencies.get(e.competency)
                name = comp.name.get(nl) if comp is not None else e.competency
                levels = _span(e.levels) + (" (span inferred)" if e.inferred else "")
                bl = "" if e.behavioural_level is None else str(e.behavioural_level)
                rows.append([name, levels, bl, "K" if e.core else ""])
                if e.inferred:
                    inferred.append(
                        (f"profile {prof.name.get(nl)}, {name}", _span(e.levels), e.inferred)
                    )
            out += _table(["competency", "levels", "behavioural level", "core (K)"], rows)
            out += [md(n.get(nl)) + "\n" for n in prof.notes]
        if family.competencies.competencies:
            out += ["### The competency dictionary", ""]
            clusters = [(cl.code, cl.name.get(nl)) for cl in family.competencies.clusters]
            for code, title in [*clusters, (None, "Other competencies")]:
                members = [c for c in family.competencies.competencies if c.cluster == code]
                if not members:
                    continue
                if clusters:
                    out += [f"#### {md(title)}", ""]
                for comp in members:
                    out += [f"- **{md(comp.name.get(nl))}**", ""]
                    if comp.definition is not None:
                        out += [f"  {md(comp.definition.get(nl))}", ""]
                    out += [f"  {b.number}. {md(b.text.get(nl))}" for b in comp.levels]
                    out += [""] if comp.levels else []
    out += ["## Inferred spans", ""]
    if inferred:
        out += [
            "Where the source lost a table's structure (merged cells), the data infers the "
            "span and says why:",
            "",
        ]
        for where, span, reason in inferred:
            out += [f"- **{md(where)}**, {md(span)}: {md(reason)}", ""]
    else:
        out += ["None: every span is stated by the source.", ""]
    if family.notes:
        out += ["## Notes", ""]
        for n in family.notes:
            label = n.marker or n.term or n.code
            out += [f"- {md(label)}: {md(n.text.get(nl))}", ""]
    return "\n".join(out).rstrip("\n") + "\n"


# ------------------------------------------------------------------- generation


def _write(path: Path, text: str) -> None:
    # Unchanged files keep their time stamp, so Sphinx does not reread them.
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    from jobarchitecture._io import atomic_output

    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path) as f:
        f.write(text)


def bundled_families() -> list[Any]:
    """The families of the installed plugins (not those on ``JOBARCHITECTURE_PATH``).

    A broken plugin is left out with one warning line saying why (an error under ``-W``).
    """
    import jobarchitecture as ja

    registry = ja.Registry(paths=[], strict=False)
    families = []
    for code in registry.codes():
        try:
            families.append(registry.get(code))
        except ja.JobArchitectureError as exc:
            for line in str(exc).splitlines():
                logger.warning("family %r has no page: %s", code, line)
    return families


def generate(srcdir: Path) -> None:
    """Write every generated page under *srcdir* (the docs directory)."""
    generated = srcdir / "_generated"
    _write(generated / "api.rst", api_rst())
    _write(generated / "commands.rst", commands_rst())
    _write(generated / "schema.rst", schema_rst())
    _write(generated / "errors.rst", errors_rst())
    pages = srcdir / "families"
    families = bundled_families()
    codes = {f.code for f in families}
    for old in pages.glob("*.md"):
        if old.stem not in codes:
            old.unlink()
    for family in families:
        _write(pages / f"{family.code}.md", family_markdown(family))


def _on_builder_inited(app: Sphinx) -> None:
    generate(Path(app.srcdir))


class OptionalTocTree(TocTree):
    """A toctree whose entries are left out while their page does not exist.

    Other branches add pages (``concepts``, ``tables`` …); the index names them
    all and the site builds, warnings as errors, before and after they land.
    """

    option_spec = {**TocTree.option_spec, "others": directives.unchanged}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        env = self.state.document.settings.env
        _optional_docs(env).add(env.docname)
        content: StringList = self.content
        kept = [line for line in content if not line.strip() or _exists(env, line.strip())]
        if "others" in self.options:
            # A page that a later branch adds and nobody has placed yet still gets
            # into the site (here) rather than failing the build as an orphan.
            source = Path(env.doc2path(env.docname)).read_text(encoding="utf-8")
            named = {line.strip() for line in source.splitlines()}
            # The option's value: folders whose pages another toctree lists (a glob).
            skip = tuple(self.options["others"].split())
            kept += sorted(
                d
                for d in env.found_docs
                if d != env.docname and d not in named and not (skip and d.startswith(skip))
            )
        self.content = StringList(kept)
        return super().run()


def _optional_docs(env: BuildEnvironment) -> set[str]:
    """The documents with an optional toctree: what they list changes when pages come or go."""
    if not hasattr(env, "jadocs_optional"):
        env.jadocs_optional = set()  # type: ignore[attr-defined]
    docs: set[str] = env.jadocs_optional  # type: ignore[attr-defined]
    return docs


def _reread_optional(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    return sorted(_optional_docs(env)) if added or removed else []


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    _optional_docs(env).update(_optional_docs(other))


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _optional_docs(env).discard(docname)


def _exists(env: BuildEnvironment, entry: str) -> bool:
    target = re.sub(r"^.*<(.+)>$", r"\1", entry)  # "Title <page>"
    return target in env.found_docs


def _check_reference(app: Sphinx | None, env: BuildEnvironment) -> None:
    if app is not None and not app.config.jadocs_check_reference:
        return
    objects = env.get_domain("py").objects  # type: ignore[attr-defined]
    missing = [name for name in public_names() if name not in objects]
    for name in missing:
        logger.warning("public name %s has no entry in the API reference", name)


def _resolve_private(app: Sphinx, env: BuildEnvironment, node: Any, contnode: Any) -> Any:
    # Annotations name the defining private module (jobarchitecture._model.Family);
    # the reference documents the public name, so point there.
    target: str = node.get("reftarget", "")
    match = re.fullmatch(r"jobarchitecture\.(?:_\w+\.)+(\w+)", target)
    if node.get("refdomain") != "py" or match is None:
        return None
    import jobarchitecture as ja

    name = match.group(1)
    if name not in ja.__all__:
        return None
    node["reftarget"] = f"jobarchitecture.{name}"
    domain = env.get_domain("py")
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], node["reftarget"], node, contnode
    )


def setup(app: Sphinx) -> dict[str, Any]:
    # Off only for a site that is not this project's (the extension's own tests).
    app.add_config_value("jadocs_check_reference", True, "env", bool)
    app.connect("builder-inited", _on_builder_inited)
    app.connect("env-check-consistency", _check_reference)
    app.connect("missing-reference", _resolve_private)
    app.add_directive("optional-toctree", OptionalTocTree)
    app.connect("env-get-outdated", _reread_optional)
    app.connect("env-merge-info", _merge)
    app.connect("env-purge-doc", _purge)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
