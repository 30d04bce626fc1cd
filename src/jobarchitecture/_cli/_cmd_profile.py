"""``jobarchitecture profile FAMILY LEVEL``: the job profile of one level."""

from __future__ import annotations

import argparse

from ._common import EXIT_OK, CommandError, load_family, write, write_json

#: The formats of a profile, and the suffixes of -o that select each.
FORMATS: dict[str, tuple[str, ...]] = {
    "markdown": (".md", ".markdown"),
    "json": (".json",),
    "html": (".html", ".htm"),
    "docx": (".docx",),
}


def _format(args: argparse.Namespace) -> str:
    """The format asked for (--json, --format), else the one -o's suffix names, else
    markdown; a format that -o's suffix contradicts is an error."""
    from .._io import format_mismatch, named_format

    if args.json and args.format not in (None, "json"):
        raise CommandError(f"--json is the same as --format json (got --format {args.format})")
    asked: str | None = "json" if args.json else args.format
    if args.output in (None, "", "-"):
        return asked or "markdown"
    named = named_format(args.output, FORMATS)
    if asked is not None and named is not None and named != asked:
        raise CommandError(format_mismatch(args.output, asked, named, FORMATS[asked]))
    return asked or named or "markdown"


def run(args: argparse.Namespace) -> int:
    """Print the profile as Markdown (default) or JSON, or write it as HTML or DOCX."""
    from .._profile import profile

    fmt = _format(args)
    if fmt == "docx" and args.output in (None, "", "-"):
        raise CommandError(
            "--format docx needs -o FILE.docx (a Word file is not written to stdout)"
        )
    if args.template and fmt != "docx":
        raise CommandError(f"--template is for --format docx (got --format {fmt})")
    from .._errors import UnknownLevelError
    from ._common import with_other_families

    family = load_family(args.family)
    try:
        job = profile(family, args.level, args.role)
    except UnknownLevelError as exc:
        message = with_other_families(family, exc)  # a level of the family meant instead
        if message != str(exc):
            raise CommandError(message) from exc
        raise
    if fmt == "docx":
        from .._render._docx import write_docx

        write_docx(job, args.output, lang=args.lang, template=args.template)
        return EXIT_OK
    if fmt == "json":
        import json

        text = json.dumps(job.to_dict(), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "html":
        from .._render._html import render_html

        text = render_html(job, args.lang)
    else:
        text = job.to_markdown(args.lang)
    if not text.endswith("\n"):
        text += "\n"
    if args.output and args.output != "-":
        from .._io import atomic_output

        with atomic_output(args.output) as stream:
            stream.write(text)
    elif fmt == "json":
        write_json(job.to_dict())
    else:
        write(text)
    return EXIT_OK
