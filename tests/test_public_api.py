"""The front door: one public namespace, matching __all__, importing little."""

from __future__ import annotations

import subprocess
import sys

import pytest

import jobarchitecture as ja


def test_all_matches_public_names() -> None:
    """__all__ lists exactly the public names of the package, sorted."""
    public = {n for n in dir(ja) if not n.startswith("_") or n == "__version__"}
    submodules = {"strategies"}  # a public submodule, imported on demand only
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
        assert issubclass(err, ValueError | LookupError | RuntimeError | ImportError), err


def test_import_is_light() -> None:
    """Importing the core loads neither hypothesis, the CLI, classification, logging nor the entry-point machinery."""
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


def test_unknown_attribute_is_an_attribute_error() -> None:
    """A misspelt name on the package raises AttributeError naming it."""
    with pytest.raises(AttributeError, match="has no attribute 'clasify'"):
        ja.clasify  # noqa: B018
