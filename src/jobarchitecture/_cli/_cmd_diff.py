"""``jobarchitecture diff OLD NEW``: what changed between two versions of a family."""

from __future__ import annotations

import argparse
from typing import Any

import attrs

from ._common import EXIT_OK, EXIT_PROBLEMS, load_families, one_line, write, write_json


def _short(value: Any, lang: str) -> str:
    from .._diff import summary

    shown = summary(value, lang)
    return shown if len(shown) <= 100 else shown[:99] + "…"


def _line(change: Any, lang: str) -> str:
    path, new_path = change.readable_paths()  # positions from 1, for people
    where = path + (f" -> {new_path}" if new_path else "")
    if change.kind in ("renamed", "reworded"):
        marks = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
        body = "".join(marks[op].format(text) for op, text in change.words(lang))
        return f"{change.kind}\t{where}\t{one_line(body)}"
    if change.kind == "added":
        return f"added\t{where}\t{_short(change.new, lang)}"
    if change.kind == "removed":
        return f"removed\t{where}\t{_short(change.old, lang)}"
    return f"{change.kind}\t{where}\t{_short(change.old, lang)} -> {_short(change.new, lang)}"


def run(args: argparse.Namespace) -> int:
    """Print the changes (text, Markdown or JSON); exit 0 when equal, 1 when not."""
    from .._diff import diff

    old, new = load_families([args.old, args.new])
    result = diff(old, new)
    result = attrs.evolve(result, old=args.old, new=args.new)
    if args.json:
        write_json(result.to_dict())
    elif args.markdown:
        write(result.to_markdown(args.lang))
    else:
        write("".join(_line(c, args.lang) + "\n" for c in result))
    return EXIT_PROBLEMS if result else EXIT_OK
