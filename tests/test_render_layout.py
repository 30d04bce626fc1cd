"""How documents are laid out for a reader: what an HR officer sees printed or on a
small screen (column widths, centred marks), asserted where a file can tell it."""

from __future__ import annotations

from pathlib import Path

import pytest

import jobarchitecture as ja


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_docx_competency_table_gives_the_core_mark_a_narrow_centred_column(
    lang: str, tmp_path: Path
) -> None:
    """The Word profile's competency table shares the page by what its columns hold:
    the core mark (K) gets a narrow column, centred, and the competency and cluster
    names the rest, not a third of the page each (names wrapped over three lines
    beside an almost empty K column)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    path = tmp_path / "p.docx"
    ja.write_docx(ja.profile("ondersteuners", "C"), path, lang=lang)
    document = docx.Document(str(path))
    table = document.tables[0]
    section = document.sections[-1]
    room = section.page_width - section.left_margin - section.right_margin
    widths = [column.width for column in table.columns]
    assert None not in widths
    assert abs(sum(widths) - room) <= 635 * len(widths)  # the text width, to a twip a column
    name, cluster, core = widths
    assert core < room / 5
    assert core < min(name, cluster)
    marks = [row.cells[2].paragraphs[0] for row in table.rows[1:]]
    assert {p.text for p in marks} <= {"", "K"}
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in marks)
