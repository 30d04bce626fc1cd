"""The front door: one public namespace, matching __all__, importing little."""

from __future__ import annotations

import subprocess
import sys

import pytest

import jobarchitecture as ja


def test_all_matches_public_names() -> None:
    """__all__ lists exactly the public names of the package, sorted."""
    public = {n for n in dir(ja) if not n.startswith("_") or n == "__version__"}
    submodules = {"strategies", "testing"}  # public submodules, imported on demand only
    assert set(ja.__all__) == public - submodules

    # isort-style, as ruff's RUF022 keeps it: CONSTANTS, then Classes, then functions.
    def kind(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert list(ja.__all__) == sorted(ja.__all__, key=kind)


def test_every_error_has_the_root_and_a_builtin() -> None:
    """Every exception is a JobArchitectureError and also the built-in it behaves like."""
    errors = [
        getattr(ja, n) for n in ja.__all__ if n.endswith("Error") and n != "JobArchitectureError"
    ]
    assert errors
    for err in errors:
        assert issubclass(err, ja.JobArchitectureError), err
        assert issubclass(err, ValueError | LookupError | RuntimeError | ImportError | OSError), err


def test_import_is_light() -> None:
    """Importing the core loads neither hypothesis, the CLI, classification, logging, the entry-point machinery nor the file format."""
    heavy = (
        "hypothesis",
        "jobarchitecture._cli",
        "jobarchitecture._classify",
        "jobarchitecture._schema",
        "importlib.metadata",
        "importlib.resources",
        "csv",
        "logging",
        "difflib",
        "tomllib",
        "jobarchitecture._compare",
        "jobarchitecture._render",
        "jinja2",
        "markupsafe",
        "docx",
        "selenium",
        "cattrs",
        "jobarchitecture._format",
        "jobarchitecture._diff",
        "jobarchitecture._export",
        "openpyxl",
        "pyld",
        "tomli_w",
        # the documentation site's dependencies, installed with dev
        "sphinx",
        "docutils",
        "myst_parser",
        "narwhals",
        "numpy",
        "pandas",
        "polars",
        "pyarrow",
    )
    code = f"import sys, jobarchitecture; print(','.join(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_lazy_names_resolve_on_first_use() -> None:
    """Names loaded on demand (classify, profile, rules, schema) resolve and are listed by dir()."""
    code = (
        "import sys, jobarchitecture as ja; assert 'jobarchitecture._classify' not in sys.modules; "
        "assert {'classify', 'profile', 'get_rule', 'family_schema'} <= set(dir(ja)); "
        "from jobarchitecture import classify; assert classify is ja.classify; "
        "assert ja.profile.__module__ == 'jobarchitecture._profile'; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_exports_and_diff_load_on_first_use() -> None:
    """export, to_jsonld, to_xlsx, to_csv and diff resolve on first use; exporting JSON-LD or CSV loads neither openpyxl nor pyld."""
    code = (
        "import sys, jobarchitecture as ja; "
        "assert {'export', 'to_jsonld', 'to_xlsx', 'to_csv', 'diff', 'FamilyDiff'} <= set(dir(ja)); "
        "f = ja.get_family('ondersteuners'); ja.to_jsonld(f); ja.to_csv(f); ja.diff(f, f); "
        "print(','.join(m for m in ('openpyxl', 'pyld') if m in sys.modules) or 'ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_unknown_attribute_is_an_attribute_error() -> None:
    """A misspelt name on the package raises AttributeError naming it."""
    with pytest.raises(AttributeError, match="has no attribute 'clasify'"):
        ja.clasify  # noqa: B018


def test_renderers_import_their_extras_only_when_used() -> None:
    """compare, the renderers and the site resolve lazily; Markdown needs neither Jinja2 nor python-docx."""
    code = (
        "import sys, jobarchitecture as ja; "
        "f = ja.get_family('ondersteuners'); "
        "ja.render_markdown(ja.compare(f, 'D', 'C')); ja.render_markdown(ja.profile(f, 'C')); "
        "assert {'build_site', 'render_html', 'write_docx'} <= set(dir(ja)); "
        "print(','.join(m for m in ('jinja2', 'docx') if m in sys.modules) or 'ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_file_format_names_resolve_on_first_use() -> None:
    """load_family, validate and the other format functions load the file format (and cattrs) only when used."""
    code = (
        "import sys, jobarchitecture as ja; assert 'cattrs' not in sys.modules; "
        "from jobarchitecture import load_family, validate; "
        "assert load_family is ja.load_family and 'cattrs' in sys.modules; "
        "assert ja.dumps_family.__module__ == 'jobarchitecture._format'; "
        "assert validate.__module__ == 'jobarchitecture._validate'; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_the_testing_kit_lists_its_public_names() -> None:
    """jobarchitecture.testing's __all__ lists exactly its public functions, sorted."""
    import types

    from jobarchitecture import testing

    public = {
        n
        for n, v in vars(testing).items()
        if not n.startswith("_")
        and callable(v)
        and getattr(v, "__module__", None) == testing.__name__
    }
    assert set(testing.__all__) == public
    assert list(testing.__all__) == sorted(testing.__all__)
    assert not any(isinstance(getattr(testing, n), types.ModuleType) for n in testing.__all__)


def test_limits_are_a_frozen_slotted_value() -> None:
    """Limits is a frozen, slotted attrs class whose defaults are what docs/limits.md states."""
    import attrs

    limits = ja.Limits()
    assert attrs.has(ja.Limits)
    assert not hasattr(limits, "__dict__")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        limits.max_depth = 1  # type: ignore[misc]
    assert (limits.max_file_size, limits.max_depth, limits.max_problems) == (16 * 2**20, 64, 100)
