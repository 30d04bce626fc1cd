"""The commonest command line, ``classify FAMILY CRITERION=LEVEL … [--explain]``,
read without argparse.

Importing argparse (with gettext and locale) and building the ``classify``
parser costs a cold start about 5 ms, a twelfth of the whole command. This
reads only the plainest form: the command, the family and one or more ratings
(no argument starting with ``-``), then none or more of the flags that take no
value. It gives the namespace argparse would give for that form, option for
option (``tests/test_cold_classify.py`` compares the two); anything else (another
option, an option before the ratings, ``--help``, a mistake) is left to
argparse, which answers it as always.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace

#: The flags read here, each the namespace field it sets to True.
FLAGS = {"--explain": "explain", "--complete": "complete", "--json": "json"}


def quick_classify(argv: Sequence[str]) -> SimpleNamespace | None:
    """The namespace of a plain ``classify`` command line *argv*, or None for argparse."""
    if not argv or argv[0] != "classify":
        return None
    end = 1
    while end < len(argv) and not argv[end].startswith("-"):
        end += 1
    flags = argv[end:]
    if end < 3 or not all(flag in FLAGS for flag in flags):
        return None
    # Options after the ratings only: argparse would refuse ratings after an option.
    args = SimpleNamespace(
        command="classify",
        family=argv[1],
        ratings=list(argv[2:end]),
        rule=None,
        explain=False,
        complete=False,
        target=None,
        lang="nl",
        json=False,
    )
    for flag in flags:
        setattr(args, FLAGS[flag], True)
    return args
