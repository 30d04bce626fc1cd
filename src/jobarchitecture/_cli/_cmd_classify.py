"""``jobarchitecture classify FAMILY CRITERION=LEVEL …``: one function's level,
with the evidence per criterion, the spread, added result areas and warnings."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ._common import (
    EXIT_OK,
    CommandError,
    Style,
    load_family,
    one_line,
    with_other_families,
    write,
    write_json,
)

if TYPE_CHECKING:
    import argparse

    from .._classify import Change, Classification
    from .._errors import UnknownLevelError
    from .._model import Criterion, Family, Level


def parse_ratings(family: Family, items: Sequence[str]) -> dict[str, str]:
    """``CRITERION=LEVEL`` arguments as ``{criterion code: level}``.

    The criterion may be its code or its name (any case); the level is passed
    on as written (a code, name or alias, or a span ``LOW..HIGH``); an empty
    level (``kennis=``) means not rated.

    Raises:
        CommandError: an argument has no ``=``, or one criterion is rated twice.
        UnknownCriterionError: no criterion has that code or name.
    """
    ratings: dict[str, str] = {}
    given: dict[str, str] = {}
    for item in items:
        name, sep, level = item.partition("=")
        # `criterion=` (nothing after =) leaves it unrated, as "" does in Python.
        if not sep or not name.strip():
            raise CommandError(f"expected CRITERION=LEVEL, got {item!r}")
        code = family.criterion(name.strip()).code
        if code in ratings:
            raise CommandError(f"criterion {code!r} is rated twice ({given[code]!r} and {item!r})")
        ratings[code] = level.strip()
        given[code] = item
    return ratings


def every_problem(family: Family, items: Sequence[str], seen: set[str] | None = None) -> list[str]:
    """What is wrong with each ``CRITERION=LEVEL`` argument, one line each, in order.

    Only on the way to an error, so that a rater who mistyped two ratings learns
    of both at once: each argument is checked alone, with the message
    ``classify`` gives for it, and a hint where one helps (a span mistyped, a
    level of another family), the message without it added to *seen*.
    """
    seen = set() if seen is None else seen
    import shlex  # the error path only, as re below: a cold classify pays neither

    from .._classify import classify
    from .._errors import JobArchitectureError, UnknownLevelError

    problems: list[str] = []
    given: dict[str, str] = {}
    for group, item in _rejoined(family, items):
        if group != [item]:
            # The shell split a rating at its spaces, or the '=' was forgotten:
            # say so once, not as an unknown level 'niveau' and a rating 'c'.
            got = " ".join(repr(part) for part in group)
            # As the shell takes it back: in quotes, even where it needs none.
            quoted = shlex.quote(item) if "'" in item else f"'{item}'"
            if len(group) > 1 and " " in item:
                hint = f"quote a rating of several words as one argument: {quoted}"
            else:
                hint = f"did you mean {quoted}?"
            problems.append(f"expected CRITERION=LEVEL, got {got}; {hint}")
            continue
        name, sep, level = item.partition("=")
        if not sep or not name.strip():
            problems.append(f"expected CRITERION=LEVEL, got {item!r}")
            continue
        several = _split(family, item)
        if several is not None:
            try:  # what classify said of it: this line says it better
                code = family.criterion(name.strip()).code
                classify(family, {code: level.strip()}, "minimum")
            except JobArchitectureError as exc:
                seen.add(str(exc))
            # Quoted together, or written as a Python dict's items: one per argument.
            each = " ".join(shlex.quote(rating) for rating in several)
            problems.append(
                f"expected one CRITERION=LEVEL per argument, got {item!r}; "
                f"write each as its own: {each}"
            )
            continue
        try:
            code = family.criterion(name.strip()).code
        except JobArchitectureError as exc:
            problems.append(str(exc))
            continue
        if code in given:
            problems.append(f"criterion {code!r} is rated twice ({given[code]!r} and {item!r})")
            continue
        given[code] = item
        if level.strip():
            try:  # a built-in rule: the level is read the same whatever the rule
                classify(family, {code: level.strip()}, "minimum")
            except UnknownLevelError as exc:
                seen.add(str(exc))
                hinted = _as_span(family, exc, level.strip())
                problems.append(
                    str(hinted) if hinted is not exc else with_other_families(family, exc)
                )
            except JobArchitectureError as exc:
                problems.append(str(exc))
    return problems


# What a hurried rater types between the two ends of a span, for "did you mean 'C..B'?".
_SPAN_TYPOS = r"\s*(?:\.{3,}|\.|…|,|;|[-–—]|\s(?:tot|to|à)\s)\s*|\s+"


def _as_span(family: Family, exc: UnknownLevelError, written: str) -> UnknownLevelError:
    """*exc* with ``did you mean 'C..B'?`` when the level *written* is two levels
    joined by something other than ``..`` (``C.B``, ``C-B``, ``C...B``, ``C tot
    B``): a span mistyped, which the nearest single level would misread."""
    if exc.span:
        return exc
    import re  # the error path only

    seps = list(re.finditer(_SPAN_TYPOS, written, re.IGNORECASE))
    if not any("/" in code for code in family.scale.codes):  # 13/14 is one level
        seps += re.finditer(r"\s*/\s*", written)
    for sep in seps:
        ends = written[: sep.start()], written[sep.end() :]
        first, second = (family.scale.find(end) for end in ends)
        if first is None or second is None or first == second:
            continue
        from .._classify._result import SPAN_SEPARATOR
        from .._errors import UnknownLevelError

        low, high = sorted((first, second), key=lambda level: level.rank)
        meant = f"{low.code}{SPAN_SEPARATOR}{high.code}"
        return UnknownLevelError(written, exc.options, meant, criterion=exc.criterion)
    return exc


# Beyond these, a rating split by the shell is not looked for (error path only).
_MAX_WORDS = 64
_MAX_GROUP = 12


def _readings(words: Sequence[str]) -> list[str]:
    """The ratings *words* may have meant as one argument, written as ``classify``
    takes them (no spaces around ``=``): joined by spaces; or, when none holds an
    ``=``, with a ``:`` read as one (``kennis:C``), or with the ``=`` put back
    after each word in turn (``kennis`` ``C``: the ``=`` forgotten)."""
    joined = " ".join(words)
    if "=" in joined:
        name, _, level = joined.partition("=")
        return [f"{name.strip()}={level.strip()}"]
    readings = []
    if ":" in joined:
        name, _, level = joined.partition(":")
        readings.append(f"{name.strip()}={level.strip()}")
    readings += [f"{' '.join(words[:k])}={' '.join(words[k:])}" for k in range(1, len(words))]
    return readings


def _valid(family: Family, rating: str) -> bool:
    """Whether *rating* is one ``CRITERION=LEVEL`` that ``classify`` takes."""
    from .._classify import classify
    from .._errors import JobArchitectureError

    name, sep, level = rating.partition("=")
    if not sep or not name.strip() or "=" in level:
        return False
    try:
        code = family.criterion(name.strip()).code
        if level.strip():
            classify(family, {code: level.strip()}, "minimum")
    except JobArchitectureError:
        return False
    return True


def _split(family: Family, item: str) -> list[str] | None:
    """The ratings one argument holds when it holds several (``kennis=C
    documenten=B`` quoted as one, or ``kennis=C,documenten=B``), or None."""
    if item.count("=") < 2:
        return None
    import re  # the error path only

    parts = [part for part in re.split(r"[,;]\s*|\s+", item) if part]
    ratings = [meant for _, meant in _rejoined(family, parts)]
    if len(ratings) < 2 or not all(_valid(family, rating) for rating in ratings):
        return None
    return ratings


def _rejoined(family: Family, items: Sequence[str]) -> list[tuple[list[str], str]]:
    """*items* grouped into ratings as the rater meant them, each with its reading:
    each argument alone, unless joining neighbours makes every argument part of a
    valid ``CRITERION=LEVEL`` (``Kennis=niveau`` ``c``, an unquoted
    ``Kennis=niveau c``; ``kennis`` ``C``, the ``=`` forgotten)."""
    alone = [([item], item) for item in items]
    if all("=" in item and " =" not in item for item in items) or len(items) > _MAX_WORDS:
        return alone

    def valid(rating: str) -> bool:
        return _valid(family, rating)

    # best[i]: the grouping of items[:i] with the fewest lines to report (an
    # argument that is wrong alone, or a group that is one rating joined), or None.
    best: list[tuple[int, list[tuple[list[str], str]]] | None] = [(0, [])] + [None] * len(items)
    for end in range(1, len(items) + 1):
        for start in range(max(0, end - _MAX_GROUP), end):
            before = best[start]
            if before is None:
                continue
            words = list(items[start:end])
            meant = next((r for r in _readings(words) if valid(r)), None)
            cost = 1  # a line: the group as it was meant
            if len(words) == 1 and meant == words[0]:
                cost = 0  # a valid rating as it stands
            elif len(words) == 1 and meant is None:
                meant = words[0]  # wrong alone: its own line
            if meant is None:
                continue
            here = best[end]
            if here is None or before[0] + cost < here[0]:
                best[end] = (before[0] + cost, [*before[1], (words, meant)])
    found = best[-1]
    return alone if found is None else found[1]


def _span(pair: Sequence[str] | None) -> str:
    if not pair:
        return ""
    return pair[0] if pair[0] == pair[-1] else f"{pair[0]}..{pair[-1]}"


def _text(criterion: Criterion, level: str, lang: str) -> str:
    descriptor = criterion.at(level, None)
    return "" if descriptor is None else one_line(descriptor.text(lang))


# The fixed words of the table output, per language; family text falls back to Dutch.
LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "percent": "{pct}%",
        "colon": ":",
        "span": "bereik {span}: een beoordeling omvat meerdere niveaus",
        "spread": "spreiding",
        "rule": "regel",
        "agreement": "overeenstemming",
        "criterion": "CRITERIUM",
        "rating": "BEOORDELING",
        "descriptor": "OMSCHRIJVING",
        "unrated": "niet beoordeeld",
        "unrated_one": "niet beoordeeld",
        "added": "toegevoegde resultaatgebieden (RG):",
        "at": "op",
        "alternative": "één van de alternatieven: OF",
        "warnings": "waarschuwingen:",
        "no_change": "om {target} te bereiken: geen wijziging nodig",
        "changes": "om {target} te bereiken, wijzig {n} beoordelingen:",
        "change": "om {target} te bereiken, wijzig 1 beoordeling:",
    },
    "fr": {
        "percent": "{pct} %",
        "colon": " :",
        "span": "étendue {span} : une évaluation couvre plusieurs niveaux",
        "spread": "dispersion",
        "rule": "règle",
        "agreement": "concordance",
        "criterion": "CRITÈRE",
        "rating": "ÉVALUATION",
        "descriptor": "DESCRIPTION",
        "unrated": "non évalués",
        "unrated_one": "non évalué",
        "added": "domaines de résultats ajoutés (RG) :",
        "at": "à",
        "alternative": "une des alternatives : OU",
        "warnings": "avertissements :",
        "no_change": "pour atteindre {target} : aucun changement nécessaire",
        "changes": "pour atteindre {target}, changer {n} évaluations :",
        "change": "pour atteindre {target}, changer 1 évaluation :",
    },
    "en": {
        "percent": "{pct}%",
        "colon": ":",
        "span": "span {span}: a rating spans levels",
        "spread": "spread",
        "rule": "rule",
        "agreement": "agreement",
        "criterion": "CRITERION",
        "rating": "RATING",
        "descriptor": "DESCRIPTOR",
        "unrated": "unrated",
        "unrated_one": "not rated",
        "added": "added result areas (RG):",
        "at": "at",
        "alternative": "one of the alternatives: OR",
        "warnings": "warnings:",
        "no_change": "to reach {target}: no change needed",
        "changes": "to reach {target}, change {n} ratings:",
        "change": "to reach {target}, change 1 rating:",
    },
}


def render(
    family: Family, result: Classification, lang: str, style: Style, width: int | None = None
) -> str:
    """The classification as text for people: level, evidence table, the rest, in *lang*.

    With the terminal's *width*, a head or a list of unrated criteria too wide
    for it puts its second part on a line of its own, indented, rather than let
    the wrapping break it at the left margin.
    """
    from .._classify._result import _Localiser, _warnings
    from .._model import check_lang
    from ._common import table

    w = LABELS[check_lang(lang)]
    words = _Localiser(result, lang, family)
    lines: list[str] = []
    level = family.scale.level(result.level)
    head = f"{family.code}{w['colon']} {style.bold(result.level)}  {level.name.get(lang)}"
    plain = f"{family.code}{w['colon']} {result.level}  {level.name.get(lang)}"
    # A span that gives one level either way (C..B rated, C both ways) is no
    # span of the result: the warnings say the rating was a span.
    if result.level_span is not None and result.level_span[0] != result.level_span[1]:
        note = f"({w['span'].format(span=_span(result.level_span))})"
        fits = width is None or len(plain) + 2 + len(note) <= width
        head += f"  {note}" if fits else f"\n  {note}"
    lines.append(head)
    facts = [f"{w['spread']} {_span(result.spread)}", f"{w['rule']} {result.rule}"]
    # French sets a space before %, as explain() does.
    percent = w["percent"].format(pct=round(100 * result.agreement))
    if result.level_span is not None and result.level_span[0] != result.level_span[1]:
        # The share holds result.level: with a span in the head, say which end.
        percent += f" {w['at']} {result.level}"
    facts.append(f"{w['agreement']} {percent}")
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
    out += table(rows, [w["criterion"], w["rating"], w["descriptor"]], style)
    tail: list[str] = []
    if result.unrated:
        line = f"{w['unrated']}{w['colon']} {', '.join(result.unrated)}"
        if width is not None and len(line) > width:  # the list under its label
            line = f"{w['unrated']}{w['colon']}\n  {', '.join(result.unrated)}"
        tail.append(line)
    if result.added_result_areas:
        tail.append(style.bold(w["added"]))
        for area in result.added_result_areas:
            alt = f"  ({w['alternative']})" if area.alternative else ""
            text = one_line(words.clause(area))
            tail.append(f"  - {area.criterion} {w['at']} {area.level}{w['colon']} {text}{alt}")
    warnings = _warnings(result, lang, words.name)
    if warnings:
        tail.append(style.yellow(w["warnings"]))
        tail.extend(f"  - {one_line(line)}" for line in warnings)
    if tail:
        out += "\n" + "\n".join(tail) + "\n"
    return out


def reach_text(
    family: Family,
    result: Classification,
    target: str,
    changes: Sequence[Change],
    lang: str,
    sentences: bool,
) -> str:
    """What ``--target`` prints: the changes that reach *target*, in *lang*.

    Under the table (*sentences* false) by code, as its rows are; under
    ``--explain`` by name and set out as its paragraphs are.
    """
    w = LABELS[lang]
    if not changes:
        head = w["no_change"].format(target=target)
    else:
        # One form per number, not "rating(s)".
        key = "change" if len(changes) == 1 else "changes"
        head = w[key].format(target=target, n=len(changes))
    unrated = "-"  # under the table, as an empty cell
    if not sentences:
        rows = [(c.criterion, c) for c in changes]
        bullet = "  - "
    else:
        unrated = w["unrated_one"]
        from .._classify._result import _Localiser

        names = _Localiser(result, lang, family).names(c.criterion for c in changes)
        rows = list(zip(names, changes, strict=True))
        bullet = "- "
        head = head[:1].upper() + head[1:]
    lines = [head]
    for name, c in rows:
        lines.append(f"{bullet}{name}{w['colon']} {c.from_level or unrated} -> {c.to_level}")
    return "\n".join(lines) + "\n"


def target_level(family: Family, name: str) -> Level:
    """The level ``--target`` names, by any name a rating takes (resolved by the scale).

    Raises:
        CommandError: no level has that name; the line names the option, as
            argparse's own do (``argument --target: unknown level 'E' (D, C, B)``).
    """
    from .._errors import UnknownLevelError

    try:
        return family.scale.level(name)
    except UnknownLevelError as exc:
        raise CommandError(f"argument --target: {with_other_families(family, exc)}") from exc


def run(args: argparse.Namespace) -> int:
    """Classify the ratings given on the command line."""
    from .._classify import classify

    # The part of the family a classification reads: its other classes stay uncreated.
    family = load_family(args.family, classifying=True)
    parsed = False
    try:
        ratings = parse_ratings(family, args.ratings)
        parsed = True
        missing = [c.code for c in family.criteria if not ratings.get(c.code)]
        if args.complete and missing and len(missing) < len(family.criteria):
            # classify() says so in Python's words, complete=True: here, the option's.
            raise CommandError(
                f"ratings are incomplete (--complete): not rated: {', '.join(missing)}"
            )
        result = classify(family, ratings, args.rule, complete=args.complete)
    except Exception as exc:
        from .._errors import JobArchitectureError

        if not isinstance(exc, CommandError | JobArchitectureError):
            raise  # a bug, reported as one
        # One line per mistyped rating, not only the first of them; and the
        # error that stopped classify (an unknown rule, say) when it is another.
        seen: set[str] = set()
        problems = every_problem(family, args.ratings, seen)
        if args.rule is not None:
            from .._classify._rules import get_rule

            try:
                get_rule(args.rule)
            except JobArchitectureError as bad_rule:
                problems.append(str(bad_rule))
        if args.target is not None:
            try:
                target_level(family, args.target)
            except CommandError as bad_target:
                problems.append(str(bad_target))
        # every_problem words each argument's mistake (a rating split by the
        # shell as one line), so the first of them, as parsing met it, is no other.
        if (parsed or not problems) and str(exc) not in {*problems, *seen}:
            problems.append(str(exc))
        if problems != [str(exc)]:
            raise CommandError(*problems) from exc
        raise
    if args.rule is not None:  # the rule listing is read only for a rule named here
        from ._cmd_rules import warn_shadowing

        warn_shadowing(args.rule)
    explanation = result.explain(args.lang, family) if args.explain else None
    target = None if args.target is None else target_level(family, args.target)
    changes = result.to_reach(target) if target is not None else None
    if args.json:
        # Codes stay codes; the warnings, words for people, follow --lang.
        data: dict[str, Any] = result.to_dict(args.lang, family)
        data.setdefault("level", result.level)
        data.setdefault(
            "level_span", None if result.level_span is None else list(result.level_span)
        )
        if explanation is not None:
            data["explanation"] = explanation
        if changes is not None and target is not None:
            data["to_reach"] = {
                "target": target.code,
                "changes": [
                    {"criterion": c.criterion, "from": c.from_level, "to": c.to_level}
                    for c in changes
                ],
            }
        write_json(data)
        return EXIT_OK
    style = Style(sys.stdout)
    from ._common import terminal_width, wrap_lines

    width = terminal_width(sys.stdout) if style.tty else None
    # The explanation says all the table says, in sentences: one or the other.
    out = (
        explanation.rstrip("\n") + "\n"
        if explanation is not None
        else render(family, result, args.lang, style, width)
    )
    if changes is not None and target is not None:
        out += "\n" + reach_text(family, result, target.code, changes, args.lang, args.explain)
    if width is not None:  # the table fits already; the sentences around it are wrapped
        out = wrap_lines(out, width)
    write(out)
    return EXIT_OK
