"""The front door: one public namespace, matching __all__, importing little."""

from __future__ import annotations

import subprocess
import sys

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
        assert issubclass(err, ValueError | LookupError | RuntimeError), err


def test_import_is_light() -> None:
    """Importing the core loads neither hypothesis, the CLI, nor the entry-point machinery."""
    code = (
        "import sys, jobarchitecture; "
        "heavy = [m for m in ('hypothesis', 'jobarchitecture._cli', 'importlib.metadata', 'csv') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
