"""The site's generated reference covers the code: every public name, command,
option, schema key and bundled family, so nothing new can be left out."""

from __future__ import annotations

import argparse
import html
import importlib
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import jobarchitecture as ja
from jobarchitecture import strategies, testing

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
jadocs = importlib.import_module("jadocs")


def _documented(rst: str) -> list[str]:
    """The fully qualified names an API page's directives document, in order."""
    names = re.findall(r"^\.\. auto(?:class|function):: (\S+)", rst, flags=re.M)
    for name, module in re.findall(r"^\.\. py:data:: (\S+)\n   :module: (\S+)", rst, flags=re.M):
        names.append(f"{module}.{name}")
    return names


def test_api_reference_lists_every_public_name_once() -> None:
    """The API page documents exactly the names of the three __all__ lists, each once."""
    documented = _documented(jadocs.api_rst())
    expected = [f"jobarchitecture.{n}" for n in ja.__all__]
    expected += [f"jobarchitecture.strategies.{n}" for n in strategies.__all__]
    expected += [f"jobarchitecture.testing.{n}" for n in testing.__all__]
    assert sorted(documented) == sorted(expected)
    assert jadocs.public_names() == expected


def test_api_reference_groups_an_unknown_module_under_its_own_docstring() -> None:
    """A name from a module the grouping does not know still gets a section, named by that module."""
    assert jadocs._section("jobarchitecture._io") == (
        (importlib.import_module("jobarchitecture._io").__doc__ or "")
        .strip()
        .splitlines()[0]
        .rstrip(".")
    )
    assert jadocs._section("jobarchitecture._classify._engine") == "Classification"
    assert jadocs._section(None) == jadocs.CONSTANTS


def test_build_warns_for_a_name_without_entry(caplog: pytest.LogCaptureFixture) -> None:
    """The build check warns (an error under -W) for each public name the site has no entry for."""

    objects = {name: None for name in jadocs.public_names() if not name.endswith(".classify")}

    class Env:
        def get_domain(self, name: str) -> SimpleNamespace:
            return SimpleNamespace(objects=objects)

    with caplog.at_level("WARNING"):
        jadocs._check_reference(None, Env())
    assert [r.getMessage() for r in caplog.records] == [
        "public name jobarchitecture.classify has no entry in the API reference"
    ]


def test_command_reference_covers_every_command_and_option() -> None:
    """Every command of the parser and every one of its options and arguments is on the page."""
    from jobarchitecture._cli._parser import COMMANDS, build_parser

    page = jadocs.commands_rst()
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert list(COMMANDS) == list(sub.choices)
    for name, command in sub.choices.items():
        section = page.split(f".. program:: jobarchitecture {name}\n", 1)[1].split(".. program::")[
            0
        ]
        for action in command._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            label = action.option_strings[0] if action.option_strings else action.metavar
            assert f".. option:: {label}" in section, f"{name}: {label}"


def test_schema_reference_covers_every_object_and_key() -> None:
    """Every object of the family schema and every key of each is on the page."""
    schema = ja.family_schema()
    page = jadocs.schema_rst()
    for name, sub in [("Family", schema), *schema["$defs"].items()]:
        assert f".. _schema-{name.lower()}:" in page
        meaning = jadocs.field_docs(getattr(ja, name))
        for key, value in sub.get("properties", {}).items():
            assert f"``{key}``" in page
            assert meaning.get(key) or value.get("description"), f"{name}.{key} is not explained"


def _plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.mark.parametrize("code", ja.Registry(paths=[]).codes())
def test_family_page_has_the_family_word_for_word(code: str) -> None:
    """A family's page has its name, sources, levels, every descriptor's text and every inferred span's reason."""
    family = ja.Registry(paths=[]).get(code)
    page = _plain(jadocs.family_markdown(family))
    assert page.startswith(f"# {family.name.get('nl')}\n")
    for source in family.sources:
        assert source.title in page
    for level in family.scale:
        assert level.name.get("nl") in page
    for item in (*family.criteria, *family.requirements):
        assert item.name.get("nl") in page
        for d in item.descriptors:
            for clause in d.clauses:
                for para in clause.text.get("nl").split("\n"):
                    assert para in page
            if d.inferred:
                assert d.inferred in page
    for profile in family.profiles:
        for entry in profile.entries:
            if entry.inferred:
                assert entry.inferred in page
    for competency in family.competencies.competencies:
        assert competency.name.get("nl") in page


def test_family_pages_are_generated_for_the_installed_families(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Generation writes one page per installed plugin's family (not path families) and removes the page of one gone."""
    (tmp_path / "extra.toml").write_text(
        (ROOT / "examples" / "voorbeeld.toml")
        .read_text(encoding="utf-8")
        .replace('code = "voorbeeld"', 'code = "extra"'),
        encoding="utf-8",
    )
    monkeypatch.setenv("JOBARCHITECTURE_PATH", str(tmp_path / "extra.toml"))
    (tmp_path / "families").mkdir()
    (tmp_path / "families" / "verdwenen.md").write_text("# old\n", encoding="utf-8")
    jadocs.generate(tmp_path)
    installed = ja.Registry(paths=[]).codes()
    assert {"ondersteuners", "adviseurs"} <= set(installed)
    assert sorted(p.stem for p in (tmp_path / "families").glob("*.md")) == sorted(installed)
    for name in ("api", "commands", "schema", "errors"):  # the reference pages too
        assert (tmp_path / "_generated" / f"{name}.rst").read_text(encoding="utf-8")


_MD = MarkdownIt("commonmark")


@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"])))
def test_escaped_text_renders_as_itself(text: str) -> None:
    """Any one-line text, escaped for Markdown, renders as exactly that text: no markup, nothing lost."""
    text = text.strip()
    rendered = _MD.renderInline(jadocs.md(text))
    assert "<" not in rendered.replace("&lt;", "")
    assert html.unescape(rendered) == text


def test_every_environment_variable_is_documented() -> None:
    """Each environment variable the library or CLI reads has a row on the environment page."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src").rglob("*.py"))
    names = set(re.findall(r'environ(?:\.get)?[\[(]"([A-Z_]+)"', source))
    names |= set(re.findall(r'^[A-Z_]+_ENV = "([A-Z_]+)"', source, flags=re.M))
    page = (ROOT / "docs" / "reference" / "environment.md").read_text(encoding="utf-8")
    assert names >= {"JOBARCHITECTURE_PATH", "JOBARCHITECTURE_STRICT", "NO_COLOR"}
    for name in names:
        assert f"| `{name}` |" in page, name


def test_cross_references_in_pages_name_public_objects() -> None:
    """Every {py:...} reference on a hand-written page names an object that exists (a typo would render as plain text)."""
    pages = [
        p
        for p in (ROOT / "docs").rglob("*.md")
        if p.relative_to(ROOT / "docs").parts[0] not in {"_build", "_generated", "families"}
    ]
    targets = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        targets += [(page.name, t) for t in re.findall(r"\{py:\w+\}`~?([\w.]+)`", text)]
    assert targets
    for page, target in targets:
        obj: object = importlib.import_module(target.split(".")[0])
        for part in target.split(".")[1:]:
            assert hasattr(obj, part), f"{page}: {target} does not exist"
            obj = getattr(obj, part)


def test_error_hierarchy_lists_every_public_error_with_its_builtin() -> None:
    """The errors page names every public JobArchitectureError subclass once, with the built-ins it also is."""
    page = jadocs.errors_rst()
    errors = [
        getattr(ja, n)
        for n in ja.__all__
        if isinstance(getattr(ja, n), type) and issubclass(getattr(ja, n), ja.JobArchitectureError)
    ]
    for error in errors:
        line = next(
            line for line in page.splitlines() if f"`~jobarchitecture.{error.__name__}`" in line
        )
        for base in error.__bases__[1:]:
            assert f"``{base.__name__}``" in line
    assert len([line for line in page.splitlines() if line.strip()]) == len(errors)


def test_broken_plugin_gets_a_warning_not_a_page(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A plugin that fails to load is left out of the family pages with one warning line naming it."""
    real = ja.Registry.get

    def get(self: ja.Registry, code: str) -> ja.Family:
        if code == "adviseurs":
            raise ja.PluginError(code, "jobarchitecture-adviseurs 1.0.0", "$.name: missing")
        return real(self, code)

    monkeypatch.setattr(ja.Registry, "get", get)
    with caplog.at_level("WARNING"):
        codes = [f.code for f in jadocs.bundled_families()]
    assert "adviseurs" not in codes
    assert "ondersteuners" in codes
    assert [r.getMessage() for r in caplog.records] == [
        "family 'adviseurs' has no page: family 'adviseurs' from jobarchitecture-adviseurs 1.0.0 "
        "is broken: $.name: missing"
    ]


def test_optional_toctree_builds_with_pages_missing_and_places_strays(tmp_path: Path) -> None:
    """A site whose index names a page not written yet builds warning-free and still lists an unnamed page."""
    from sphinx.application import Sphinx

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / 'docs' / '_ext')!r})\n"
        "extensions = ['myst_parser', 'jadocs']\nexclude_patterns = ['_generated']\n"
        "jadocs_check_reference = False\n",
        encoding="utf-8",
    )
    (src / "index.md").write_text(
        "# Index\n\n```{optional-toctree}\nhere\nnot_yet\n```\n\n"
        "```{optional-toctree}\n:others: families/\n```\n\n"
        "```{toctree}\n:glob:\nfamilies/*\n```\n",
        encoding="utf-8",
    )
    (src / "here.md").write_text("# Here\n", encoding="utf-8")
    (src / "sub").mkdir()
    (src / "sub" / "stray.md").write_text("# Stray\n", encoding="utf-8")
    app = Sphinx(
        str(src),
        str(src),
        str(tmp_path / "out"),
        str(tmp_path / "doctrees"),
        "html",
        warningiserror=True,
        status=None,
        freshenv=True,
    )
    app.build()
    assert app.statuscode == 0
    included = app.env.toctree_includes["index"]
    assert "here" in included
    assert "sub/stray" in included
    assert "not_yet" not in included
    assert "families/ondersteuners" in included
    assert included.count("families/ondersteuners") == 1
