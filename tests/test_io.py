"""Atomic outputs: a target is replaced only by a complete file, never by half of one."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from jobarchitecture._io import atomic_binary, atomic_directory, atomic_output, atomic_path


def test_success_replaces_the_target_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    """A completed write replaces the old content and leaves only the target behind."""
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    with atomic_output(target) as f:
        f.write("new\n")
    assert target.read_text() == "new\n"
    assert os.listdir(tmp_path) == ["out.csv"]


@pytest.mark.parametrize("exc", [RuntimeError("boom"), KeyboardInterrupt(), SystemExit(143)])
def test_failure_leaves_the_old_target_untouched(tmp_path: Path, exc: BaseException) -> None:
    """An exception midway, an interrupt included, leaves the old file and no temporary one."""
    target = tmp_path / "out.csv"
    target.write_text("old\n")

    def write_half() -> None:
        with atomic_output(target) as f:
            f.write("half")
            raise exc

    with pytest.raises(type(exc)):
        write_half()
    assert target.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["out.csv"]


def test_failure_without_a_target_leaves_nothing(tmp_path: Path) -> None:
    """A failed first write creates no file at all."""

    def write_half() -> None:
        with atomic_binary(tmp_path / "x.xlsx") as f:
            f.write(b"PK")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_half()
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("writer", [atomic_output, atomic_binary, atomic_path])
def test_a_directory_target_is_refused_naming_it(tmp_path: Path, writer: Any) -> None:
    """Writing over a directory raises IsADirectoryError naming that directory, and
    leaves no temporary file beside it."""
    target = tmp_path / "out"
    target.mkdir()
    with pytest.raises(IsADirectoryError) as caught, writer(target):
        pass
    assert caught.value.filename == str(target)
    assert sorted(os.listdir(tmp_path)) == ["out"]
    assert os.listdir(target) == []


def test_a_new_file_gets_the_usual_mode_and_a_replaced_one_keeps_its_own(tmp_path: Path) -> None:
    """The file's permissions are those open() would give, not mkstemp's 0600."""
    umask = os.umask(0o022)
    try:
        with atomic_path(tmp_path / "new.docx") as tmp:
            tmp.write_bytes(b"x")
        assert (tmp_path / "new.docx").stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.txt"
        kept.write_text("a")
        kept.chmod(0o600)
        with atomic_output(kept) as f:
            f.write("b")
        assert kept.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(umask)


def test_directory_is_replaced_whole_or_not_at_all(tmp_path: Path) -> None:
    """A site directory is swapped in complete; a failure keeps the old one."""
    site = tmp_path / "site"
    with atomic_directory(site) as d:
        (d / "index.html").write_text("one")

    def write_half() -> None:
        with atomic_directory(site) as d:
            (d / "index.html").write_text("two")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_half()
    assert (site / "index.html").read_text() == "one"
    with atomic_directory(site) as d:
        (d / "index.html").write_text("three")
    assert (site / "index.html").read_text() == "three"
    assert sorted(os.listdir(tmp_path)) == ["site"]
