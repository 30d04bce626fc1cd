"""The argument parser (argparse, standard library) and the dispatch to the
command modules, each imported only when its command runs."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from ._common import PROG

LANGS = ("nl", "fr", "en")


class UsageError(Exception):
    """Bad command-line arguments; the message is one line."""


class _Formatter(argparse.HelpFormatter):
    # argparse builds a formatter for every add_argument() and imports shutil
    # (and with it bz2, lzma, zlib) just to ask for the terminal width.
    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = _columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


def _columns() -> int:
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    # argparse prints the usage and exits; one line and exit code 2 from main() instead.
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _debug(p: argparse.ArgumentParser) -> None:
    # SUPPRESS: `--debug` before the command is not reset by the command's parser.
    p.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show the traceback of an error",
    )


def _json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON (stable keys) instead of text")


def _lang(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang",
        choices=LANGS,
        default="nl",
        help="language of the text; a missing translation falls back to Dutch (default: nl)",
    )


def _family(p: argparse.ArgumentParser) -> None:
    p.add_argument("family", metavar="FAMILY", help="a family code, or a .toml/.json family file")


def _rule(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--rule",
        metavar="RULE",
        help="how the ratings combine into a level (default: the family's, else lower_median)",
    )


def _families(p: argparse.ArgumentParser) -> None:
    _json(p)


def _show(p: argparse.ArgumentParser) -> None:
    _family(p)
    _lang(p)
    _json(p)


def _classify(p: argparse.ArgumentParser) -> None:
    _family(p)
    p.add_argument(
        "ratings",
        metavar="CRITERION=LEVEL",
        nargs="+",
        help="a criterion (code or name, any case) and its level (code, name or alias); "
        "a span of adjacent levels as LOW..HIGH",
    )
    _rule(p)
    p.add_argument("--explain", action="store_true", help="explain the result in words")
    p.add_argument("--complete", action="store_true", help="fail when a criterion is unrated")
    p.add_argument(
        "--target", metavar="LEVEL", help="also list the fewest rating changes that reach LEVEL"
    )
    _lang(p)
    _json(p)


def _profile(p: argparse.ArgumentParser) -> None:
    _family(p)
    p.add_argument("level", metavar="LEVEL", help="a level (code, name or alias)")
    p.add_argument("--role", metavar="ROLE", help="the competency profile's role (default: first)")
    p.add_argument(
        "--format", choices=("markdown", "json"), default="markdown", help="(default: markdown)"
    )
    p.add_argument("--json", action="store_true", help="the same as --format json")
    _lang(p)


def _batch(p: argparse.ArgumentParser) -> None:
    _family(p)
    p.add_argument("input", metavar="INPUT", help="a .csv or .xlsx file, or - for stdin (CSV)")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUTPUT",
        default="-",
        help="the CSV, or .xlsx workbook, to write (default: CSV on stdout)",
    )
    _rule(p)
    p.add_argument(
        "--delimiter",
        metavar="CHAR",
        help="the field separator of the input and the output "
        "(default: detected among , ; and tab in the header)",
    )
    p.add_argument(
        "--encoding",
        metavar="NAME",
        default="utf-8",
        help="the CSV input's encoding (default: utf-8, with or without BOM; "
        "Excel's plain 'CSV' is cp1252)",
    )
    p.add_argument("--sheet", metavar="NAME", help="the worksheet of an .xlsx input")
    p.add_argument(
        "--json", action="store_true", help="write JSON Lines, one object per row, not CSV"
    )
    p.add_argument("--complete", action="store_true", help="require a rating for every criterion")
    p.add_argument(
        "--lang",
        choices=LANGS,
        default=None,
        help="language of the warnings column (default: English; fr falls back to Dutch)",
    )
    p.add_argument(
        "--ignore-unknown-columns",
        action="store_true",
        help="carry through a column that looks like a criterion but matches none "
        "(default: an error)",
    )


def _validate(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths", metavar="PATH", nargs="+", help="a family file, or a directory to search"
    )
    _json(p)


def _schema(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="accepted for symmetry: it is always JSON")


def _new_plugin(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", metavar="NAME", help="the family's code (made into a slug)")
    p.add_argument(
        "--dir", metavar="DIR", default=".", help="where to create NAME/ (default: here)"
    )
    _json(p)


_Builder = Callable[[argparse.ArgumentParser], None]

#: Command -> (its module in this package, one-line help, the builder of its arguments).
COMMANDS: dict[str, tuple[str, str, _Builder]] = {
    "families": (
        "_cmd_families",
        "List the installed families, and the broken plugins with their reasons.",
        _families,
    ),
    "show": ("_cmd_show", "Show a whole family, readable.", _show),
    "classify": (
        "_cmd_classify",
        "Place a function in a level from its criterion ratings, with the evidence.",
        _classify,
    ),
    "profile": (
        "_cmd_profile",
        "The job profile of a level: result areas, criteria, competencies.",
        _profile,
    ),
    "classify-batch": (
        "_cmd_batch",
        "Classify one function per row of a CSV or .xlsx file; append the columns "
        "level, level_span, spread, warnings and error.",
        _batch,
    ),
    "validate": (
        "_cmd_validate",
        "Check family files and directories; list every problem with file and path.",
        _validate,
    ),
    "schema": ("_cmd_schema", "Print the JSON Schema of the family file format.", _schema),
    "new-plugin": (
        "_cmd_new_plugin",
        "Scaffold a family plugin distribution that installs and is discovered as is.",
        _new_plugin,
    ),
}


def _version() -> str:
    from .. import __version__

    return f"{PROG} {__version__}"


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of command *only* alone.

    Building only the command that runs keeps start-up cheap: the eight
    sub-parsers together cost more than ``families`` needs for its own work.
    """
    parser = _Parser(
        prog=PROG,
        description="Public-sector job architectures: families, classification, profiles.",
        epilog="Exit codes: 0 success, 1 problems found, 2 usage or input error, "
        "70 internal error. Run 'jobarchitecture COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=_version())
    _debug(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (_, help_, build) in COMMANDS.items():
        if only is not None and name != only:
            continue
        p = sub.add_parser(name, help=help_, description=help_)
        build(p)
        _debug(p)
    return parser


def run(argv: Sequence[str]) -> int:
    """Parse *argv* and run its command; return the exit code.

    Raises:
        UsageError: the arguments are wrong.
    """
    named = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(named if named in COMMANDS else None)
    args = parser.parse_args(argv)
    if args.command is None:
        raise UsageError(f"missing command ({', '.join(COMMANDS)}) (see '{PROG} --help')")
    module = importlib.import_module(f".{COMMANDS[args.command][0]}", __package__)
    code: int = module.run(args)
    return code
