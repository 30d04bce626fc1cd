"""``jobarchitecture compare FAMILY LEVEL LEVEL``: what differs between two levels."""

from __future__ import annotations

import argparse

from ._common import EXIT_OK, load_family, write, write_json


def run(args: argparse.Namespace) -> int:
    """Print the comparison as Markdown (inserted words bold, deleted struck through) or JSON."""
    from .._compare import compare
    from .._render._markdown import comparison_markdown

    family = load_family(args.family)
    result = compare(family, args.first, args.second, role=args.role)
    if args.json:
        write_json(result.to_dict(args.lang))
    else:
        write(comparison_markdown(result, args.lang))
    return EXIT_OK
