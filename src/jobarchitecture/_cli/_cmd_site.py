"""``jobarchitecture site OUTDIR [FAMILY…]``: the static site of the function house."""

from __future__ import annotations

import argparse

from ._common import EXIT_OK, load_families, write


def run(args: argparse.Namespace) -> int:
    """Write the site; every family installed when none is named."""
    from .._render._site import build_site

    families = load_families(args.families) or None
    files = build_site(args.outdir, families, lang=args.lang, force=args.force)
    write(f"wrote {len(files)} files to {args.outdir} (open {args.outdir}/index.html)\n")
    return EXIT_OK
