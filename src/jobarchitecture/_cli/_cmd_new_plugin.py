"""``jobarchitecture new-plugin NAME``: scaffold a family plugin distribution.

The scaffold installs and is discovered as is: its family file is a skeleton
that validates, with every placeholder marked ``TODO`` to replace.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import unicodedata
from pathlib import Path

from .. import __version__
from ._common import EXIT_OK, CommandError, Style, write, write_json


def slug(name: str) -> str:
    """*name* as a family code: ASCII lower case, digits and ``_`` (accents dropped)."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", ascii_.lower()).strip("_")


def requirement() -> str:
    """The dependency on this jobarchitecture: this minor release up to the next
    breaking one (the next minor while the major version is 0)."""
    major, minor = (int(x) for x in re.findall(r"\d+", __version__)[:2])
    upper = f"0.{minor + 1}" if major == 0 else f"{major + 1}"
    return f"jobarchitecture>={major}.{minor},<{upper}"


PYPROJECT = """\
[build-system]
requires = ["hatchling>=1.25"]
build-backend = "hatchling.build"

[project]
name = "{dist}"
version = "0.1.0"
description = "Job family {code} for jobarchitecture: data only."
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["{requirement}"]

[project.optional-dependencies]
test = ["pytest>=8"]

# The entry point's name is the family code; its value is the package that holds
# family.toml (read with importlib.resources). No Python code is needed.
[project.entry-points."jobarchitecture.families"]
{code} = "{package}"

[tool.hatch.build.targets.wheel]
packages = ["src/{package}"]

[tool.pytest.ini_options]
testpaths = ["tests"]
"""

INIT = '''\
"""Data-only jobarchitecture plugin: the family {code!r} is in family.toml beside this file."""
'''

FAMILY = """\
# The family {code!r} for jobarchitecture. Every "TODO:" is a placeholder to
# replace with the source document's text (Dutch, word for word). The format is
# described in jobarchitecture's docs/format.md; `jobarchitecture schema` prints
# its JSON Schema for editors. Check this file with:
#     jobarchitecture validate src/{package}/family.toml
code = "{code}"  # must equal the entry point's name in pyproject.toml
name = "TODO: official name of the family (functiefamilie)"
government = "TODO: government or framework"
version = "1"
format_version = 1

[[sources]]
title = "TODO: the document this family is taken from"
reference = "TODO: its file name or URL"

# The ordered levels, lowest first (niveaus, klassen, functieklassen).
[scale]
name = "Niveau"

[[scale.levels]]
code = "L1"
name = "TODO: Niveau 1 (lowest)"

[[scale.levels]]
code = "L2"
name = "TODO: Niveau 2"

# Doel: activity "teneinde" / "met als doel" outcome.
[purpose]
activity = "TODO: what the functions of this family do"
connector = "teneinde"
outcome = "TODO: why they do it."

# Resultaatgebieden, in source order.
[[result_areas]]
code = "todo_result_area"
title = "TODO: Als ..."
activity = "TODO: activity"
connector = "teneinde"
outcome = "TODO: outcome."
tasks = ["TODO: an example task"]

# Onderscheidende criteria: descriptors cover every level exactly once; a
# descriptor may span adjacent levels (levels = ["L1", "L2"]).
[[criteria]]
code = "todo_criterion"
name = "TODO: name of the criterion"

[[criteria.descriptors]]
levels = ["L1"]
clauses = ["TODO: what the criterion says at level L1."]

[[criteria.descriptors]]
levels = ["L2"]
clauses = ["TODO: what the criterion says at level L2."]
"""

README = """\
# {dist}

The job family `{code}` (TODO: official name) as a data-only plugin for
jobarchitecture, the library of typed, testable job architectures (it is
found through the entry-point group `jobarchitecture.families`).

## Install

jobarchitecture is not on a package index yet: build its wheels once in your
clone of it (`python3 -m uv build --all-packages --out-dir dist` there), then
install this plugin, editable, finding jobarchitecture in that `dist/`
(here `../jobarchitecture/dist`; use the path of your clone). Run these in the
virtual environment that has jobarchitecture, activated (for the one
jobarchitecture's README makes, `. ~/venvs/ja/bin/activate`), so that `pip`,
`jobarchitecture` and `pytest` are its own:

```sh
pip install --find-links ../jobarchitecture/dist -e '.[test]'
jobarchitecture families
jobarchitecture show {code}
```

Once jobarchitecture is on PyPI, drop `--find-links …`: `pip install -e '.[test]'`.

## Edit

The family is `src/{package}/family.toml`. Replace every `TODO:` with the source
document's text, then check it:

```console
jobarchitecture validate src/{package}/family.toml
```

## Test

```sh
pytest
```
"""

TEST = '''\
"""The family ships inside the distribution, loads without problems and is found
through its entry point."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import jobarchitecture as ja

CODE = "{code}"


def test_family_is_discovered_and_valid() -> None:
    """The installed entry point gives the family {code!r}, and it has no problems."""
    assert files("{package}").joinpath("family.toml").is_file()
    family = ja.get_family(CODE)
    assert family.code == CODE
    assert ja.validate(family) == []


def test_the_plugins_own_files_are_valid() -> None:
    """The source tree, as `jobarchitecture validate src` checks it: the family file
    is valid and has the code its entry point in pyproject.toml installs it under."""
    assert ja.validate(Path(__file__).resolve().parents[1] / "src") == []
'''


def scaffold(name: str, directory: Path) -> tuple[str, Path, list[Path]]:
    """Write the plugin distribution for *name* under *directory*.

    Returns:
        The family code, the distribution's directory and the files written.

    Raises:
        CommandError: *name* has no letters or digits, an installed family
            already has its code, *directory* is a file, or the target exists
            and is not empty.
    """
    code = slug(name)
    if not code:
        raise CommandError(f"cannot make a family code from {name!r}: use letters and digits")
    package = f"jobarchitecture_{code}"
    dist = f"jobarchitecture-{code.replace('_', '-')}"
    _refuse_installed(code, dist)
    root = directory / code
    if directory.exists() and not directory.is_dir():
        raise CommandError(f"--dir {directory} is a file, not a directory; choose another --dir")
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise CommandError(f"{root} already exists and is not empty; choose another --dir")
    values = {
        "code": code,
        "package": package,
        "dist": dist,
        "requirement": requirement(),
    }
    files = {
        Path("pyproject.toml"): PYPROJECT,
        Path("README.md"): README,
        Path("src", package, "__init__.py"): INIT,
        Path("src", package, "family.toml"): FAMILY,
        Path("tests", "test_family.py"): TEST,
    }
    from .._io import atomic_directory

    # Built beside the target and renamed into place: an interrupted or failed
    # scaffold leaves no half plugin that would install and then not load.
    with atomic_directory(root) as tmp:
        for relative, template in files.items():
            target = tmp / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(template.format(**values), encoding="utf-8")
    return code, root, [root / relative for relative in files]


def _refuse_installed(code: str, dist: str) -> None:
    """Refuse a code that an installed family (or a distribution of the scaffold's
    name) already has.

    Installing the scaffold would then replace that distribution (``pip`` sees one
    name) or make two sources claim one code, which breaks the family for
    everyone in the environment; far better to say so before anything is written.
    """
    from importlib import metadata

    from .._errors import DuplicateFamilyError
    from .._registry import default_registry

    registry = default_registry()
    try:
        codes = registry.codes()
    except DuplicateFamilyError:
        # Strict mode raises once discovery is complete; the codes are known.
        codes = registry.codes()
    if code in codes:
        info = registry.info(code)
        if info.origin == "path":
            raise CommandError(
                f"family code {code!r} is already that of {info.location} on JOBARCHITECTURE_PATH: "
                "the two would claim one code once the plugin is installed; choose another name"
            )
        raise CommandError(
            f"family code {code!r} is already installed, from {info.describe()}: "
            "a plugin of that name would replace it or clash with it; choose another name "
            "(or uninstall it first)"
        )
    try:
        installed = metadata.distribution(dist)
    except metadata.PackageNotFoundError:
        return
    raise CommandError(
        f"distribution {dist} {installed.version} is already installed: a plugin for "
        f"{code!r} would replace it; choose another name (or uninstall it first)"
    )


def _place(name: str, directory: str | None) -> tuple[str, Path]:
    """NAME and --dir as (name, directory). NAME may be a path, as ``cargo new``
    takes one: its last part is the name and the rest the directory (a slugged
    path, ``tmp_plugins_griffie`` in the current directory, surprised users)."""
    seps = [s for s in (os.sep, os.altsep, "/") if s]
    if not any(s in name for s in seps):
        return name, Path(directory or ".")
    if directory is not None:
        raise CommandError(
            f"NAME {name!r} is a path and --dir is given too: give the directory once "
            f"(new-plugin {Path(name).name} --dir DIR, or new-plugin {name})"
        )
    path = Path(name)
    return path.name, path.parent


def run(args: argparse.Namespace) -> int:
    """Scaffold the plugin and list what was written."""
    name, where = _place(args.name, args.dir)
    code, root, written = scaffold(name, where)
    if args.json:
        write_json(
            {
                "code": code,
                "directory": str(root),
                "distribution": f"jobarchitecture-{code.replace('_', '-')}",
                "package": f"jobarchitecture_{code}",
                "files": [str(p) for p in written],
            }
        )
        return EXIT_OK
    write("".join(f"{p}\n" for p in written))
    style = Style(sys.stderr)
    if style.tty:
        sys.stderr.write(
            f"{style.green('created')} the plugin {code!r} in {root}. Next:\n"
            f"  cd {root} && pip install --find-links DIST -e '.[test]' && pytest\n"
            "  (DIST: the dist/ of jobarchitecture's wheels; see the plugin's README)\n"
        )
    return EXIT_OK
