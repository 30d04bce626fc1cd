"""How much room a text takes in a worksheet cell, in Excel's default font, Calibri 11.

Excel does not grow a row for wrapped text it did not write itself, so the xlsx
export sets each row's height, and it needs to know how many lines each cell's
text wraps to. Counting characters overestimates it by a third: Calibri is narrow
and proportional (an ``i`` is under half an ``n``). So the text is wrapped here as
Excel wraps it, word by word, with Calibri's advance widths, which are also those
of Carlito, the metric-compatible font LibreOffice shows in its place.
"""

from __future__ import annotations

import math
import unicodedata

#: Calibri's advance widths in 1/2048 em, for the characters " " to "~".
_REGULAR = (
    (463, 667, 821, 1020, 1038, 1464, 1397, 452, 621, 621, 1020, 1020, 511, 627, 517, 791)
    + (1038,) * 10
    + (548, 548, 1020, 1020, 1020, 949, 1831, 1185, 1114, 1092, 1260, 1000, 941, 1292, 1276)
    + (516, 653, 1064, 861, 1751, 1322, 1356, 1058, 1378, 1112, 941, 998, 1314, 1162, 1822)
    + (1063, 998, 959, 628, 791, 628, 1020, 1020, 596, 981, 1076, 866, 1076, 1019, 625, 964)
    + (1076, 470, 490, 931, 470, 1636, 1076, 1080, 1076, 1076, 714, 801, 686, 1076, 925, 1464)
    + (887, 927, 809, 644, 943, 644, 1020)
)
_BOLD = (
    (463, 667, 898, 1020, 1038, 1493, 1443, 478, 638, 638, 1020, 1020, 528, 627, 547, 880)
    + (1038,) * 10
    + (565, 565, 1020, 1020, 1020, 949, 1840, 1241, 1148, 1084, 1291, 999, 940, 1305, 1292)
    + (546, 678, 1120, 866, 1790, 1349, 1385, 1090, 1405, 1153, 968, 1014, 1337, 1211, 1856)
    + (1128, 1064, 979, 665, 880, 665, 1020, 1020, 615, 1011, 1099, 857, 1099, 1031, 648, 971)
    + (1099, 503, 523, 983, 503, 1666, 1099, 1101, 1099, 1099, 728, 817, 710, 1099, 969, 1526)
    + (941, 970, 814, 704, 973, 704, 1020)
)
#: Characters past ASCII that family texts use (an accented letter is as wide as
#: its letter); any other is taken as wide as an ``m``, so that a row is rather a
#: line too high than a line short.
_OTHER = {"…": 1457, "’": 528, "‘": 528, "“": 891, "”": 891, "«": 1103, "»": 1103, "—": 1854}
_WIDEST = 1790

#: Pixels per em at which Excel draws an 11 pt font on a 96 dpi screen (14.7,
#: rounded to whole pixels as Windows does), and the width of Calibri 11's widest
#: digit there, the unit of a column's width. Drawn so, Excel wraps a little
#: sooner than LibreOffice, which keeps the fraction: a row fit to Excel's screen
#: has a line or two to spare there, and no text cut off at either.
_EM, _DIGIT = 15, 7

#: A cell's padding in pixels (two on each side and one for the grid line, as
#: ECMA-376 counts them), and two more so that a rounding of glyphs to whole
#: pixels does not push the last word of a full line onto one more.
_PADDING = 7

#: The height of a line of Calibri 11 in a wrapped cell, in points.
LINE = 15


def _char(ch: str, table: tuple[int, ...]) -> int:
    code = ord(ch)
    if 32 <= code <= 126:
        return table[code - 32]
    if ch in _OTHER:
        return _OTHER[ch]
    base = unicodedata.normalize("NFD", ch)[0]
    if base != ch and 32 <= ord(base) <= 126:
        return table[ord(base) - 32]
    if unicodedata.category(ch) in ("Pd", "Sm", "Po"):  # – ≠ • · and their like
        return 1020
    return _WIDEST


def text_px(text: str, bold: bool = False) -> float:
    """The width of *text* on one line, in pixels at 96 dpi."""
    table = _BOLD if bold else _REGULAR
    return sum(_char(ch, table) for ch in text) * _EM / 2048


def column_px(width: float) -> int:
    """The width in pixels of a column *width* units wide (ECMA-376, 18.3.1.13)."""
    return int((256 * width + 128 // _DIGIT) / 256 * _DIGIT)


def units_for(text: str, bold: bool = False) -> int:
    """The narrowest column width, in whole units, that holds *text* on one line."""
    return -(-(int(text_px(text, bold)) + 1 + _PADDING) // _DIGIT)


def lines(text: str, width: float, bold: bool = False) -> int:
    """How many lines *text* wraps to in a cell *width* units wide: at spaces, a
    word wider than the cell broken where it reaches the edge, and every line
    break kept."""
    room = max(column_px(width) - _PADDING, 1)
    space = text_px(" ", bold)
    count = 0
    for paragraph in text.split("\n"):
        count += 1
        used = 0.0
        for word in paragraph.split():
            need = text_px(word, bold)
            if used and used + space + need <= room:
                used += space + need
                continue
            if used:
                count += 1
            if need > room:  # a word alone wider than the cell, on as many lines as it takes
                full = math.ceil(need / room) - 1
                count += full
                need -= full * room
            used = need
    return count
