"""``jobarchitecture site OUTDIR [FAMILY…]``: the static site of the function house."""

from __future__ import annotations

import argparse
import os

from ._common import EXIT_OK, load_families, write


def run(args: argparse.Namespace) -> int:
    """Write the site; every family installed when none is named."""
    from .._render._site import build_site

    families = load_families(args.families) or None
    files = build_site(args.outdir, families, lang=args.lang, force=args.force)
    # os.path.join: "site/" as typed gives "site/index.html", not "site//index.html".
    index = os.path.join(args.outdir, "index.html")
    write(f"wrote {len(files)} files to {args.outdir} (open {index})\n")
    return EXIT_OK
