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


class _RuleHelp(str):
    """The --rule help, naming every rule; plugin rules are looked up only when shown."""

    __slots__ = ()

    @staticmethod
    def text(names: Sequence[str]) -> str:
        return (
            f"how the ratings combine into a level: {', '.join(names)} "
            "(default: the family's, else lower_median)"
        )

    def __mod__(self, params: object) -> str:
        # argparse formats help with `%` only when it shows it: the moment to
        # ask for installed plugin rules, which a plain classify never pays for.
        from .._classify._rules import rule_names

        return self.text(rule_names())


def _rule(p: argparse.ArgumentParser) -> None:
    from .._classify._rules import BUILTINS

    p.add_argument("--rule", metavar="RULE", help=_RuleHelp(_RuleHelp.text(list(BUILTINS))))


def _families(p: argparse.ArgumentParser) -> None:
    _lang(p)
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
        help="a criterion (code or name, any case) and its level (code, name, alias or function class); "
        "a span of adjacent levels as LOW..HIGH; nothing after = leaves it unrated; "
        "quote one with spaces: 'kennis=niveau c'",
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
    p.add_argument("level", metavar="LEVEL", help="a level (code, name, alias or function class)")
    p.add_argument("--role", metavar="ROLE", help="the competency profile's role (default: first)")
    p.add_argument(
        "--format",
        choices=("markdown", "json", "html", "docx"),
        help="the output format (default: from the suffix of -o, .md .json .html .docx, "
        "else markdown; html needs jobarchitecture[html], docx jobarchitecture[docx])",
    )
    p.add_argument("--json", action="store_true", help="the same as --format json")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="the file to write (default: stdout; docx needs one)"
    )
    p.add_argument(
        "--template",
        metavar="FILE.docx",
        help="with --format docx: take styles, page set-up and letterhead from this "
        "Word document or template (.docx, .dotx)",
    )
    _lang(p)


def _compare(p: argparse.ArgumentParser) -> None:
    _family(p)
    p.add_argument(
        "first", metavar="LEVEL", help="the first level (code, name, alias or function class)"
    )
    p.add_argument("second", metavar="LEVEL", help="the level to compare it with")
    p.add_argument("--role", metavar="ROLE", help="the competency profile's role (default: first)")
    _lang(p)
    _json(p)


def _site(p: argparse.ArgumentParser) -> None:
    p.add_argument("outdir", metavar="OUTDIR", help="the directory to write the site to")
    p.add_argument(
        "families",
        metavar="FAMILY",
        nargs="*",
        # A default, else argparse names FAMILY among the required arguments
        # when OUTDIR is missing.
        default=[],
        help="family codes or files, in column order (default: every installed family)",
    )
    _lang(p)
    p.add_argument(
        "--force",
        action="store_true",
        help="replace OUTDIR even when it holds files this command did not write",
    )


def _batch(p: argparse.ArgumentParser) -> None:
    _family(p)
    p.add_argument("input", metavar="INPUT", help="a .csv or .xlsx file, or - for stdin (CSV)")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default="-",
        help="the CSV, or .xlsx workbook, to write (default: CSV on stdout)",
    )
    _rule(p)
    p.add_argument(
        "--delimiter",
        metavar="CHAR",
        help="the field separator of the input and the output "
        "(default: an Excel 'sep=;' first line, else detected among , ; and tab in the header)",
    )
    p.add_argument(
        "--encoding",
        metavar="NAME",
        default="utf-8",
        help="the CSV input's encoding (default: utf-8, with or without BOM, or "
        "utf-16 when the input starts with its BOM; Excel's plain 'CSV' is cp1252)",
    )
    p.add_argument("--sheet", metavar="NAME", help="the worksheet of an .xlsx input")
    p.add_argument(
        "--json", action="store_true", help="write JSON Lines, one object per row, not CSV"
    )
    p.add_argument("--complete", action="store_true", help="require a rating for every criterion")
    p.add_argument(
        "--lang",
        choices=LANGS,
        default="nl",
        help="language of the warnings (default: nl, as every other command)",
    )
    p.add_argument(
        "--ignore-unknown-columns",
        action="store_true",
        help="carry through a column that looks like a criterion but matches none "
        "(default: an error)",
    )


def _validate(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths",
        metavar="PATH",
        nargs="+",
        help="a family file, a directory to search, or an installed family's code",
    )
    _json(p)


def _schema(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="accepted for symmetry: it is always JSON")


def _rules(p: argparse.ArgumentParser) -> None:
    _lang(p)
    _json(p)


def _new_plugin(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "name",
        metavar="NAME",
        help="the family's code (made into a slug), or a path whose last part is it",
    )
    p.add_argument(
        "--dir", metavar="DIR", default=None, help="where to create NAME/ (default: here)"
    )
    _json(p)


def _export(p: argparse.ArgumentParser) -> None:
    _family(p)
    p.add_argument(
        "--format",
        choices=("jsonld", "xlsx", "csv"),
        help="the output format: jsonld (schema.org Occupations), xlsx (a workbook for "
        "reviewers) or csv (the criteria matrix) (default: from the suffix of -o)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="the file to write (default: stdout)")
    p.add_argument(
        "--delimiter",
        metavar="CHAR",
        help="csv: the field separator (default: ,; Belgian Excel: ;)",
    )
    p.add_argument(
        "--bom",
        action="store_true",
        help="csv: start with a UTF-8 byte order mark, so that Excel shows accents "
        "(default: plain UTF-8, for other tools)",
    )
    _lang(p)


def _diff(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "old", metavar="OLD", help="the old version: a family code, or a .toml/.json file"
    )
    p.add_argument(
        "new", metavar="NEW", help="the new version: a family code, or a .toml/.json file"
    )
    p.add_argument("--markdown", action="store_true", help="print a Markdown list for a changelog")
    _lang(p)
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
    "compare": (
        "_cmd_compare",
        "What differs between two levels: descriptors word by word, (RG) result "
        "areas, competencies, requirements.",
        _compare,
    ),
    "site": (
        "_cmd_site",
        "Write a static website: the function house, a page per family and per level, search.",
        _site,
    ),
    "classify-batch": (
        "_cmd_batch",
        "Classify one function per row of a CSV or .xlsx file; append the columns "
        "level, level_span, spread, warnings and error.",
        _batch,
    ),
    "validate": (
        "_cmd_validate",
        "Check family files, directories and installed families; list every problem "
        "with file and path.",
        _validate,
    ),
    "schema": ("_cmd_schema", "Print the JSON Schema of the family file format.", _schema),
    "rules": (
        "_cmd_rules",
        "List the classification rules with their laws and source, and broken rule plugins.",
        _rules,
    ),
    "new-plugin": (
        "_cmd_new_plugin",
        "Scaffold a family plugin distribution that installs and is discovered as is.",
        _new_plugin,
    ),
    "export": (
        "_cmd_export",
        "Export a family as JSON-LD (schema.org), an xlsx workbook for reviewers, or CSV.",
        _export,
    ),
    "diff": (
        "_cmd_diff",
        "What changed between two versions of a family, by code; exit 1 when they differ.",
        _diff,
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
        epilog="--json, --lang and --debug may also come before COMMAND. "
        "Exit codes: 0 success, 1 problems found, 2 usage or input error, "
        "70 internal error, 130 interrupted, 143 terminated. "
        "Run 'jobarchitecture COMMAND --help' for a command's options.",
    )
    parser.add_argument("-V", "--version", action="version", version=_version())
    _debug(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (_, help_, build) in COMMANDS.items():
        if only is not None and name != only:
            continue
        p = sub.add_parser(name, help=help_, description=help_)
        build(p)
        _debug(p)
    return parser


#: Options every command takes that may also come before the command name, and
#: whether each takes a value.
GLOBAL_OPTIONS = {"--json": False, "--debug": False, "--lang": True}


def _hoist(argv: Sequence[str]) -> list[str]:
    """*argv* with the global options written before the command moved after it,
    so ``jobarchitecture --json families`` means ``jobarchitecture families --json``.

    The other options before the command (``--help``, ``--version``, a mistake)
    stay in front, for the main parser to answer; without a command the global
    options are dropped, so that ``--lang fr --help`` shows the help and
    ``--lang fr`` alone is a missing command, never a command called ``fr``.
    """
    args = list(argv)
    moved: list[str] = []
    kept: list[str] = []
    i = 0
    while i < len(args) and args[i].startswith("-"):
        name, eq, _ = args[i].partition("=")
        if name not in GLOBAL_OPTIONS:
            kept.append(args[i])
            i += 1
            continue
        width = 2 if GLOBAL_OPTIONS[name] and not eq else 1
        moved += args[i : i + width]
        i += width
    if i >= len(args):
        return kept
    return [*kept, args[i], *moved, *args[i + 1 :]]


def _unknown_command(name: str) -> str:
    from .._errors import closest

    match = closest(name, list(COMMANDS))
    hint = f"; did you mean {match!r}?" if match else ""
    return f"unknown command {name!r} (commands: {', '.join(COMMANDS)}){hint} (see '{PROG} --help')"


def _option_hint(parser: argparse.ArgumentParser, command: str | None, extra: list[str]) -> str:
    """``; did you mean '--explain'?`` for the first mistyped option of *extra*, or ""."""
    from .._errors import closest

    if command is not None:
        for action in parser._actions:  # the command's own parser lists its options
            if isinstance(action, argparse._SubParsersAction) and command in action.choices:
                parser = action.choices[command]
    options = [o for a in parser._actions for o in a.option_strings if o.startswith("--")]
    for arg in extra:
        if arg.startswith("--"):
            match = closest(arg.partition("=")[0], options)
            if match is not None:
                return f"; did you mean {match!r}?"
    return ""


def _level_hint(args: argparse.Namespace, extra: list[str]) -> str:
    """``; quote a level of several words: 'functieklasse 14'`` when the words
    argparse could not place make, after ``profile``'s LEVEL, one level of the
    family (the shell split it at its spaces), or ""."""
    if args.command != "profile" or not extra or any(word.startswith("-") for word in extra):
        return ""
    from .._errors import JobArchitectureError
    from ._common import load_family

    meant = " ".join([args.level, *extra])
    try:
        found = load_family(args.family, classifying=True).scale.find(meant)
    except JobArchitectureError:
        return ""  # the family's own error comes once the level is quoted
    if found is None:
        return ""
    return f"; quote a level of several words: {meant!r}"


def run(argv: Sequence[str]) -> int:
    """Parse *argv* and run its command; return the exit code.

    Raises:
        UsageError: the arguments are wrong.
    """
    argv = _hoist(argv)
    named = next((a for a in argv if not a.startswith("-")), None)
    if named is not None and named not in COMMANDS:
        raise UsageError(_unknown_command(named))
    parser = build_parser(named)
    # Known arguments first: an unknown option after the command is the
    # command's, and its help is the one that lists what it takes.
    args, extra = parser.parse_known_args(argv)
    where = PROG if args.command is None else f"{PROG} {args.command}"
    if extra:
        hint = _option_hint(parser, args.command, extra) or _level_hint(args, extra)
        raise UsageError(f"unrecognized arguments: {' '.join(extra)}{hint} (see '{where} --help')")
    if args.command is None:
        raise UsageError(f"missing command ({', '.join(COMMANDS)}) (see '{PROG} --help')")
    module = importlib.import_module(f".{COMMANDS[args.command][0]}", __package__)
    code: int = module.run(args)
    return code
