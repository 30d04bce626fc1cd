"""``jobarchitecture compare FAMILY LEVEL LEVEL``: what differs between two levels."""

from __future__ import annotations

import argparse
import sys

from ._common import EXIT_OK, Style, load_family, write, write_json


def run(args: argparse.Namespace) -> int:
    """Print the comparison as Markdown (inserted words bold, deleted struck through) or JSON.

    On a colour terminal the inserted words are bold green and the deleted ones
    struck through in red, instead of Markdown's marks, which a terminal shows raw.
    """
    from .._compare import compare
    from .._render._markdown import MARKDOWN, Marks, comparison_markdown

    family = load_family(args.family)
    result = compare(family, args.first, args.second, role=args.role)
    if args.json:
        write_json(result.to_dict(args.lang))
    else:
        styled = Style(sys.stdout).word_marks()
        marks = MARKDOWN if styled is None else Marks(*styled)
        write(comparison_markdown(result, args.lang, marks=marks))
    return EXIT_OK
