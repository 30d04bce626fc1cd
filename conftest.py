"""Shared pytest fixtures for the core and the plugin test suites."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

_DEFAULT_SEEDS = Path(__file__).resolve().parent.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The folder of the source documents (``../shared/seeds``, or ``JOBARCHITECTURE_SEEDS``).

    Missing seeds skip the fidelity tests on a developer's machine but fail them
    under CI, where ``../shared`` is always beside the clone.
    """
    path = Path(os.environ.get("JOBARCHITECTURE_SEEDS", _DEFAULT_SEEDS))
    if not path.is_dir():
        message = f"seed documents not found at {path} (set JOBARCHITECTURE_SEEDS)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path
