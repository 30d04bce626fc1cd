"""Shared pytest fixtures for the core and the plugin test suites."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# No per-example deadline: on a shared 2-core CI machine wall-clock limits make
# property tests flaky, and speed is measured in bench/, never asserted in tests.
settings.register_profile("jobarchitecture", deadline=None)
settings.register_profile("thorough", deadline=None, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "jobarchitecture"))

_DEFAULT_SEEDS = Path(__file__).resolve().parent.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The folder of the source documents (``../shared/seeds``, or ``JOBARCHITECTURE_SEEDS``).

    Missing seeds skip the fidelity tests on a developer's machine but fail them
    under CI, where ``../shared`` is always beside the clone.
    """
    path = Path(os.environ.get("JOBARCHITECTURE_SEEDS", _DEFAULT_SEEDS))
    if not path.is_dir():
        message = f"{_NO_SEEDS} at {path} (set JOBARCHITECTURE_SEEDS)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session", autouse=True)
def _family_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The family cache of the test session: a fresh directory, never the user's own."""
    with pytest.MonkeyPatch.context() as mp:
        path = tmp_path_factory.mktemp("family-cache")
        mp.setenv("JOBARCHITECTURE_CACHE_DIR", str(path))
        mp.delenv("JOBARCHITECTURE_NO_CACHE", raising=False)
        yield path


_NO_SEEDS = "seed documents not found"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Report every skip for missing seeds at one place, so that `-ra` folds them
    into one summary line (``SKIPPED [39] conftest.py: seed documents not found``)
    instead of one line per fidelity test."""
    report = yield
    longrepr = report.longrepr
    if report.skipped and isinstance(longrepr, tuple) and _NO_SEEDS in str(longrepr[2]):
        report.longrepr = (__file__, _SKIP_LINE, longrepr[2])
    return report


# The line of `def seeds_dir`, where the skip comes from.
_SKIP_LINE = next(
    i
    for i, line in enumerate(Path(__file__).read_text(encoding="utf-8").splitlines(), 1)
    if "def seeds_dir" in line
)
