"""The docs stand alone: no pointer to team-only files; the concepts page and README example run.

That every public name is documented is checked against the generated API
reference (tests/test_docs_reference.py).
"""

from __future__ import annotations

import re

import pytest

import jobarchitecture as ja

from .conftest import ROOT

DOCS = sorted((ROOT / "docs").glob("*.md"))


def _all_docs() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in DOCS)


def test_the_docs_never_point_to_the_team_brief() -> None:
    """No docs page or README sends users to DOMAIN.md, which they do not have."""
    pages = [*DOCS, ROOT / "README.md", *sorted(ROOT.glob("plugins/*/README.md"))]
    assert [p.name for p in pages if "DOMAIN.md" in p.read_text(encoding="utf-8")] == []


def test_the_concepts_page_examples_run() -> None:
    """The Python examples of docs/concepts.md run top to bottom in a fresh namespace."""
    text = (ROOT / "docs" / "concepts.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    assert len(blocks) >= 5
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, "docs/concepts.md", "exec"), namespace)
    assert namespace["result"] == ja.classify(
        "ondersteuners", {"kennis": "C", "documenten": "C", "contacten": "B"}
    )


def test_the_readme_library_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's "Using the library" example runs as written, from a clone's root."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"## Using the library\n\n```python\n(.*?)```", text, re.DOTALL)
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    exec(compile(block, "README.md", "exec"), namespace)
    assert namespace["own"] == ja.load_family("examples/voorbeeld.toml")
    assert "Evidence per criterion:" in capsys.readouterr().out
