"""``jobarchitecture export FAMILY --format jsonld|xlsx|csv [-o FILE]``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._common import EXIT_OK, CommandError, isatty, load_family, write


def run(args: argparse.Namespace) -> int:
    """Write the export to *-o FILE*, or to stdout (text formats; xlsx only when
    stdout is not a terminal)."""
    from .._export import export, format_for, render

    family = load_family(args.family)
    output = args.output
    delimiter = None if args.delimiter is None else args.delimiter.replace("\\t", "\t")
    csv: dict[str, Any] = {"delimiter": delimiter, "bom": args.bom}
    if output not in (None, "-"):
        export(family, output, format=args.format, lang=args.lang, **csv)
        return EXIT_OK
    if args.format is None:
        raise CommandError("--format is needed when writing to stdout (jsonld, xlsx or csv)")
    content = render(family, format_for("", args.format), args.lang, **csv)
    if isinstance(content, bytes):
        if isatty(sys.stdout):
            raise CommandError("xlsx is binary: write it to a file with -o FILE.xlsx")
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
    elif isatty(sys.stdout):
        write(content.replace("\r\n", "\n"))  # for eyes: controls escaped, no stray CRs
    else:
        # A file format for other programs, byte for byte (CSV's CRLF included);
        # family text has no control characters once validated.
        sys.stdout.write(content)
    return EXIT_OK
