"""``jobarchitecture profile FAMILY LEVEL``: the job profile of one level."""

from __future__ import annotations

import argparse

from ._common import EXIT_OK, load_family, write, write_json


def run(args: argparse.Namespace) -> int:
    """Print the profile as Markdown (default) or JSON."""
    from .._profile import profile

    family = load_family(args.family)
    job = profile(family, args.level, args.role)
    if args.json or args.format == "json":
        write_json(job.to_dict())
    else:
        text = job.to_markdown(args.lang)
        write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK
