"""``jobarchitecture diff OLD NEW``: what changed between two versions of a family."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any

import attrs

from .._errors import escape_controls
from ._common import EXIT_OK, EXIT_PROBLEMS, Style, load_families, one_line, write, write_json

#: The word marks of text output, as ``git diff --word-diff=plain`` writes them.
_PLAIN = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}


def _short(value: Any, lang: str) -> str:
    from .._diff import summary

    shown = summary(value, lang)
    return shown if len(shown) <= 100 else shown[:99] + "…"


def _flat(text: str) -> str:
    """*text* on one line, as :func:`one_line` makes it, but keeping a space at either end."""
    return escape_controls(re.sub(r"\s+", " ", text))


def _line(change: Any, lang: str, marks: dict[str, str] = _PLAIN) -> str:
    path, new_path = change.readable_paths()  # positions from 1, for people
    where = path + (f" -> {new_path}" if new_path else "")
    if change.kind in ("renamed", "reworded"):
        words = change.words(lang)
        if marks is _PLAIN:
            body = one_line("".join(marks[op].format(text) for op, text in words))
        else:
            # Each piece flattened alone: one_line would escape the terminal's marks.
            body = "".join(marks[op].format(_flat(text)) for op, text in words).strip()
        return f"{change.kind}\t{where}\t{body}"
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
        # On a colour terminal, inserted words bold green and deleted ones struck
        # through in red, as ``git diff --word-diff=color`` shows them.
        styled = Style(sys.stdout).word_marks()
        marks = _PLAIN
        if styled is not None:
            (i0, i1), (d0, d1) = styled
            marks = {"=": "{}", "-": d0 + "{}" + d1, "+": i0 + "{}" + i1}
        write("".join(_line(c, args.lang, marks) + "\n" for c in result))
    return EXIT_PROBLEMS if result else EXIT_OK
