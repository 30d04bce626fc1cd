"""The cold start's shortcuts change nothing: escaping without a pattern, classes made on first use."""

from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

import jobarchitecture as ja
from jobarchitecture._cli._common import _STYLE, for_terminal
from jobarchitecture._errors import CONTROL_CHARACTERS, escape_controls, listed, shown

# Text with the characters that matter drawn often: controls, bidi overrides,
# surrogates, non-printable spaces, the styles Style writes.
_awkward = st.text(
    st.sampled_from(
        [
            *("a", "é", " ", "\n", "\t", "\r", "\x00", "\x1b", "\x7f", "\x85", "\x9b", "\xa0"),
            *("\u2028", "\u202e", "\u2067", "\ud800", "\u200b", "[", "m", "1"),
        ]
    )
    | st.characters()
)
_TERMINAL = re.compile(
    f"({_STYLE})|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@given(_awkward)
def test_escaping_controls_equals_the_pattern(text: str) -> None:
    """escape_controls gives what substituting the control pattern gives, for any text."""
    assert escape_controls(text) == re.sub(CONTROL_CHARACTERS, _escaped, text)


@given(
    _awkward | st.builds(lambda a, b: f"{a}\x1b[1m{b}\x1b[0m", _awkward, _awkward), st.booleans()
)
def test_text_for_the_terminal_equals_the_pattern(text: str, styled: bool) -> None:
    """for_terminal gives what substituting its pattern gives, styles kept only when styled."""

    def escape(match: re.Match[str]) -> str:
        if styled and match.group(1):
            return match.group()
        return re.sub(CONTROL_CHARACTERS, _escaped, match.group())

    assert for_terminal(text, styled) == _TERMINAL.sub(escape, text)


@given(st.lists(_awkward, max_size=5))
def test_listed_options_show_raw_only_without_controls(options: list[str]) -> None:
    """An option is listed raw exactly when it is short and holds no control character."""
    expected = ", ".join(
        o if len(o) <= 80 and not re.search(CONTROL_CHARACTERS, o) else shown(o) for o in options
    )
    assert listed(options, limit=10) == expected


def test_a_cold_classify_creates_no_class_it_does_not_use() -> None:
    """Classifying and explaining creates neither the what-if, rule-listing nor broken-plugin classes."""
    code = (
        "import sys, jobarchitecture as ja; "
        "r = ja.classify(ja.get_family('ondersteuners'), {'kennis': 'C', 'contacten': 'B'}); "
        "r.explain('en'); "
        "print(','.join(m for m in ('jobarchitecture._classify._change', "
        "'jobarchitecture._classify._ruleinfo', 'jobarchitecture._broken', "
        "'jobarchitecture._classify._reach', 'signal') if m in sys.modules) or 'ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_classes_made_on_first_use_are_the_public_ones() -> None:
    """Change, RuleInfo, BrokenFamily and SEARCH_BUDGET resolve, by the front door and their packages."""
    from jobarchitecture._classify import SEARCH_BUDGET, Change

    assert ja.Change is Change
    assert ja.RuleInfo(name="x", source="built-in").usable
    assert str(ja.BrokenFamily("c", "o", "r")) == "c: o: r"
    assert SEARCH_BUDGET > 0
    result = ja.classify(ja.get_family("ondersteuners"), {"kennis": "C"})
    assert all(isinstance(c, Change) for c in result.to_reach("B"))
