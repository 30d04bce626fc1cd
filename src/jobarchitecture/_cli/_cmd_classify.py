"""``jobarchitecture classify FAMILY CRITERION=LEVEL …``: one function's level,
with the evidence per criterion, the spread, added result areas and warnings."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ._common import EXIT_OK, CommandError, Style, load_family, one_line, write, write_json

if TYPE_CHECKING:
    from .._classify import Classification
    from .._model import Criterion, Family


def parse_ratings(family: Family, items: Sequence[str]) -> dict[str, str]:
    """``CRITERION=LEVEL`` arguments as ``{criterion code: level}``.

    The criterion may be its code or its name (any case); the level is passed
    on as written (a code, name or alias, or a span ``LOW..HIGH``).

    Raises:
        CommandError: an argument has no ``=``, or one criterion is rated twice.
        UnknownCriterionError: no criterion has that code or name.
    """
    ratings: dict[str, str] = {}
    given: dict[str, str] = {}
    for item in items:
        name, sep, level = item.partition("=")
        if not sep or not name.strip() or not level.strip():
            raise CommandError(f"expected CRITERION=LEVEL, got {item!r}")
        code = family.criterion(name.strip()).code
        if code in ratings:
            raise CommandError(f"criterion {code!r} is rated twice ({given[code]!r} and {item!r})")
        ratings[code] = level.strip()
        given[code] = item
    return ratings


def _span(pair: Sequence[str] | None) -> str:
    if not pair:
        return ""
    return pair[0] if pair[0] == pair[-1] else f"{pair[0]}..{pair[-1]}"


def _text(criterion: Criterion, level: str, lang: str) -> str:
    descriptor = criterion.at(level)
    return "" if descriptor is None else one_line(descriptor.text(lang))


def render(family: Family, result: Classification, lang: str, style: Style) -> str:
    """The classification as text for people: level, evidence table, the rest."""
    from ._common import table

    lines: list[str] = []
    level = family.scale.level(result.level)
    head = f"{family.code}: {style.bold(result.level)}  {level.name.get(lang)}"
    if result.level_span is not None:
        head += f"  (span {_span(result.level_span)}: a rating spans levels)"
    lines.append(head)
    facts = [f"spread {_span(result.spread)}", f"rule {result.rule}"]
    facts.append(f"agreement {result.agreement:.0%}")
    lines.append(" · ".join(facts))
    lines.append("")
    rows = []
    for ev in result.evidence:
        criterion = family.criterion(ev.criterion)
        rows.append([ev.criterion, _span((ev.low, ev.high)), _text(criterion, ev.low, lang)])
        if ev.high_descriptor is not None:
            # A span that reaches another descriptor: show where it ends too.
            rows.append(["", f"..{ev.high}", _text(criterion, ev.high, lang)])
    out = "\n".join(lines) + "\n"
    out += table(rows, ["CRITERION", "RATING", "DESCRIPTOR"], style)
    tail: list[str] = []
    if result.unrated:
        tail.append(f"unrated: {', '.join(result.unrated)}")
    if result.added_result_areas:
        tail.append(style.bold("added result areas (RG):"))
        for area in result.added_result_areas:
            alt = "  (one of the alternatives: OF)" if area.alternative else ""
            tail.append(f"  - {area.criterion} at {area.level}: {one_line(area.text)}{alt}")
    if result.warnings:
        tail.append(style.yellow("warnings:"))
        tail.extend(f"  - {one_line(w)}" for w in result.warnings)
    if tail:
        out += "\n" + "\n".join(tail) + "\n"
    return out


def run(args: argparse.Namespace) -> int:
    """Classify the ratings given on the command line."""
    from .._classify import classify
    from ._cmd_rules import warn_shadowing

    family = load_family(args.family)
    ratings = parse_ratings(family, args.ratings)
    result = classify(family, ratings, args.rule, complete=args.complete)
    warn_shadowing(args.rule)
    # The explanation exists in Dutch and English; French falls back to Dutch.
    explanation = result.explain("en" if args.lang == "en" else "nl") if args.explain else None
    changes = result.to_reach(args.target) if args.target is not None else None
    if args.json:
        data: dict[str, Any] = result.to_dict()
        data.setdefault("level", result.level)
        data.setdefault(
            "level_span", None if result.level_span is None else list(result.level_span)
        )
        if explanation is not None:
            data["explanation"] = explanation
        if changes is not None:
            data["to_reach"] = {
                "target": family.scale.level(args.target).code,
                "changes": [
                    {"criterion": c.criterion, "from": c.from_level, "to": c.to_level}
                    for c in changes
                ],
            }
        write_json(data)
        return EXIT_OK
    style = Style(sys.stdout)
    # The explanation says all the table says, in sentences: one or the other.
    out = (
        explanation.rstrip("\n") + "\n"
        if explanation is not None
        else render(family, result, args.lang, style)
    )
    if changes is not None:
        target = family.scale.level(args.target).code
        if not changes:
            out += f"\nto reach {target}: no change needed\n"
        else:
            out += f"\nto reach {target}, change {len(changes)} rating(s):\n"
            out += "".join(f"  - {c.criterion}: {c.from_level} -> {c.to_level}\n" for c in changes)
    write(out)
    return EXIT_OK
