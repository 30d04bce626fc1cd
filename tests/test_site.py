"""The static site and the publishing commands: links that resolve, the function
house's merged cells, refusing foreign output directories, and one-line errors."""

from __future__ import annotations

import itertools
import json
import os
import re
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import pytest

import jobarchitecture as ja
from jobarchitecture._render import _site

if TYPE_CHECKING:
    from conftest import Run

BUNDLED = ("ondersteuners", "managementondersteuning", "adviseurs", "organisatieondersteuning")


class Links(HTMLParser):
    """Every href/src, every id, the <html lang> and the house's level cells of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.lang: str | None = None
        self.house: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(a[key] or "")
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "td" and "level-cell" in (a.get("class") or ""):
            self.house.append(a)


def read(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text("utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the four bundled families, in English."""
    out = tmp_path_factory.mktemp("site") / "out"
    ja.build_site(out, [ja.get_family(code) for code in BUNDLED], lang="en")
    return out


def test_every_internal_link_resolves(site: Path) -> None:
    """Every href and src of every page points to a file of the site (and an id on it, if any)."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 1 + sum(1 + len(ja.get_family(c).scale) for c in BUNDLED)
    for page in pages:
        parsed = read(page)
        assert parsed.links, page
        for link in parsed.links:
            parts = urlsplit(link)
            assert not parts.scheme, f"{page}: external or absolute link {link}"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page}: {link}"
            assert site.resolve() in target.parents
            if parts.fragment:
                assert parts.fragment in read(target).ids, f"{page}: {link}"


def test_search_index_links_resolve(site: Path) -> None:
    """Each search entry links to a page of the site, and every task of every family is searchable."""
    script = (site / "assets" / "search-index.js").read_text("ascii")
    urls = re.findall(r'"url": "([^"]+)"', script)
    assert urls
    for url in urls:
        path, _, fragment = url.partition("#")
        assert (site / path).is_file(), url
        if fragment:
            assert fragment in read(site / path).ids
    import json

    entries = json.loads(script.removeprefix("window.JA_SEARCH = ").rstrip().rstrip(";"))
    text = " ".join(e["text"] for e in entries)
    for code in BUNDLED:
        for area in ja.get_family(code).result_areas:
            for task in area.tasks:
                assert " ".join(task.get("en").split()) in text


def test_every_page_has_its_language_and_no_external_resource(site: Path) -> None:
    """Each page is marked lang="en" and loads nothing from outside the site."""
    for page in site.rglob("*.html"):
        assert read(page).lang == "en"
        assert not re.search(r"""(src|href)=["'](https?:)?//""", page.read_text("utf-8"))
    assert "fetch(" not in (site / "assets" / "search.js").read_text("utf-8")


def test_the_house_merges_the_cells_of_two_class_bands(site: Path) -> None:
    """A level covering two functieklassen is one cell over two rows, and links to its profile."""
    cells = read(site / "index.html").house
    expected = {
        (code, lvl.code): max(len(lvl.classes), 1)
        for code in BUNDLED
        for lvl in ja.get_family(code).scale.levels
    }
    found = {(c["data-family"], c["data-level"]): int(c.get("rowspan") or 1) for c in cells}
    assert found == expected


def test_level_pages_link_up_and_down_and_mark_differences(site: Path) -> None:
    """A middle level links to the levels below and above and marks words that differ from below."""
    family = ja.get_family("ondersteuners")
    html = (site / "ondersteuners" / "C.html").read_text("utf-8")
    assert 'href="D.html"' in html
    assert 'href="B.html"' in html
    assert "<ins" in html
    assert "<del" in html
    lowest = (site / "ondersteuners" / "D.html").read_text("utf-8")
    assert "<ins" not in lowest
    assert family.scale.levels[0].name.get("en") in lowest


def test_a_changed_behavioural_level_reads_on_one_line(site: Path) -> None:
    """On a level page, a competency whose behavioural level changed from the level
    below says "(1 → 2)" with no line break inside: in its narrow column it wrapped to
    "(1 →" over "2)"."""
    html = (site / "adviseurs" / "15-16.html").read_text("utf-8")
    assert "(1\u00a0→\u00a02)" in html or "(1&nbsp;→&nbsp;2)" in html
    assert "(1 → 2)" not in html


def test_a_level_pages_competency_changes_are_worded_as_its_other_differences(
    site: Path,
) -> None:
    """The competency table's column of changes is headed with the level's name, as
    every other "What differs from …" on the page ("What differs from Level D", not
    "… from D"), and the competencies dropped under it start a sentence with a capital
    ("Dropped: …", not "dropped: …")."""
    html = (site / "ondersteuners" / "C.html").read_text("utf-8")
    assert '<th scope="col">What differs from Level D</th>' in html
    assert "What differs from D<" not in html
    assert "<p>Dropped: <del>" in html
    assert "<p>dropped" not in html


def test_a_rebuild_replaces_the_site(site: Path, tmp_path: Path) -> None:
    """Building again into a directory the command wrote needs no --force and drops old pages."""
    out = tmp_path / "out"
    ja.build_site(out, [ja.get_family("ondersteuners"), ja.get_family("adviseurs")])
    ja.build_site(out, [ja.get_family("ondersteuners")])
    assert not (out / "adviseurs").exists()
    assert (out / "ondersteuners" / "index.html").is_file()


def test_a_foreign_directory_is_refused_unless_forced(tmp_path: Path) -> None:
    """A directory with files the command did not write is left alone, unless force replaces it."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    family = ja.get_family("ondersteuners")
    with pytest.raises(ja.OutputDirectoryError, match=r"notes\.txt") as info:
        ja.build_site(out, [family])
    assert info.value.foreign == ("notes.txt",)
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    ja.build_site(out, [family], force=True)
    assert not (out / "notes.txt").exists()
    (out / "assets" / "extra.css").write_text("added by hand")
    with pytest.raises(ja.OutputDirectoryError, match=r"extra\.css"):
        ja.build_site(out, [family])


def test_a_failure_leaves_the_old_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When a page fails to render, the previous site stays as it was and no temporary is left."""
    out = tmp_path / "out"
    family = ja.get_family("ondersteuners")
    ja.build_site(out, [family])
    before = sorted(p.relative_to(out) for p in out.rglob("*"))

    def broken(*args: object, **kwargs: object) -> list[dict[str, str]]:
        raise RuntimeError("disk full")

    monkeypatch.setattr(_site, "_search_entries", broken)
    with pytest.raises(RuntimeError):
        ja.build_site(out, [ja.get_family("adviseurs")])
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_every_installed_family_by_default(tmp_path: Path) -> None:
    """Without families, the site has a page for every installed family."""
    out = tmp_path / "out"
    ja.build_site(out)
    for code in BUNDLED:
        assert (out / code / "index.html").is_file()


# ---------------------------------------------------------------- command line


def test_site_command_writes_the_site(cli: Callable[..., Run], tmp_path: Path) -> None:
    """`site OUTDIR FAMILY --lang fr` writes a French site of that family and says where."""
    out = tmp_path / "web"
    run = cli("site", str(out), "ondersteuners", "--lang", "fr")
    assert run.code == 0, run.err
    assert str(out) in run.out
    assert read(out / "index.html").lang == "fr"
    assert (out / "ondersteuners" / "B.html").is_file()


def test_site_command_names_the_page_to_open_as_a_path(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """OUTDIR typed with a trailing slash (as shells complete it) names site/index.html."""
    run = cli("site", f"{tmp_path / 'web'}{os.sep}", "ondersteuners")
    assert run.code == 0, run.err
    assert f"(open {tmp_path / 'web' / 'index.html'})" in run.out


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_site_directory_can_be_served(cli: Callable[..., Run], tmp_path: Path) -> None:
    """A new OUTDIR gets the mode mkdir would give it (0755 under umask 022), so a web
    server running as another user can read it; a rebuilt one keeps its own mode."""
    out = tmp_path / "web"
    umask = os.umask(0o022)
    try:
        assert cli("site", str(out), "ondersteuners").code == 0
        assert out.stat().st_mode & 0o777 == 0o755
        out.chmod(0o750)
        assert cli("site", str(out), "ondersteuners").code == 0
        assert out.stat().st_mode & 0o777 == 0o750
    finally:
        os.umask(umask)


def test_site_command_refuses_a_foreign_directory(cli: Callable[..., Run], tmp_path: Path) -> None:
    """A foreign OUTDIR is one error line and exit 2; --force replaces it."""
    out = tmp_path / "web"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    run = cli("site", str(out), "ondersteuners")
    assert run.code == 2
    assert len(run.err_lines) == 1
    assert "--force" in run.err
    assert (out / "keep.txt").exists()
    assert cli("site", str(out), "ondersteuners", "--force").code == 0


def test_site_command_says_a_file_outdir_is_not_a_directory(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """OUTDIR naming a file is refused as a file, not as a directory of foreign files."""
    out = tmp_path / "web.html"
    out.write_text("mine")
    run = cli("site", str(out), "ondersteuners")
    assert run.code == 2
    assert run.err_lines == [
        f"jobarchitecture: error: {out}: is a file, not a directory; choose a directory, "
        "or pass --force to replace the file"
    ]
    assert out.read_text() == "mine"
    assert cli("site", str(out), "ondersteuners", "--force").code == 0
    assert (out / "index.html").is_file()


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("nl", "Beide zijn niveau C: er verschilt niets."),
        ("fr", "Les deux sont le niveau C : rien ne diffère."),
        ("en", "Both are level C: nothing differs."),
    ],
)
def test_compare_a_level_with_itself_says_so_in_one_line(
    cli: Callable[..., Run], lang: str, line: str
) -> None:
    """`compare F C "niveau c"` (one level twice) is the title and one line saying
    nothing differs, not every criterion marked "same descriptor" (then, where the
    title's family name is Dutch, the notice that says so); --json keeps the data."""
    from jobarchitecture._render._labels import LABELS

    run = cli("compare", "ondersteuners", "C", "niveau c", "--lang", lang)
    assert run.code == 0
    title, blank, said, *notice = run.out.splitlines()
    assert title.startswith("# OS")
    assert (blank, said) == ("", line)
    dutch = not ja.get_family("ondersteuners").name.has(lang) and lang != "nl"
    assert notice == (["", f"*{LABELS[lang]['fallback_doc']}*"] if dutch else [])
    data = json.loads(cli("compare", "ondersteuners", "C", "C", "--json").out)
    assert all(c["same"] for c in data["criteria"])


def test_profile_takes_its_format_from_the_output_name(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """`profile -o p.json` writes JSON and `-o p.html` HTML without --format; a
    --format (or --json) the name contradicts is one line, exit 2, and no file."""
    assert cli("profile", "ondersteuners", "C", "-o", str(tmp_path / "p.json")).code == 0
    data = json.loads((tmp_path / "p.json").read_text("utf-8"))
    assert data == ja.profile("ondersteuners", "C").to_dict()
    assert cli("profile", "ondersteuners", "C", "-o", str(tmp_path / "p.html")).code == 0
    assert (tmp_path / "p.html").read_text("utf-8").lstrip().lower().startswith("<!doctype html")
    for args, said in [
        (("-o", "p.docx", "--format", "markdown"), "cannot write markdown to 'p.docx'"),
        (("-o", "p.md", "--json"), "cannot write json to 'p.md': the suffix .md is for markdown"),
        (("--json", "--format", "html"), "--json is the same as --format json"),
    ]:
        given = [str(tmp_path / a) if a.startswith("p.") else a for a in args]
        run = cli("profile", "ondersteuners", "C", *given)
        assert run.code == 2
        assert len(run.err_lines) == 1
        assert said in run.err
    assert sorted(p.name for p in tmp_path.glob("p.*")) == ["p.html", "p.json"]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["compare", "nope", "D", "C"], "unknown family 'nope'"),
        (["compare", "ondersteuners", "D", "E"], "unknown level 'E'"),
        (["compare", "ondersteuners", "D", "C", "--role", "nobody"], "unknown role 'nobody'"),
        (["profile", "ondersteuners", "Z", "--format", "html"], "unknown level 'Z'"),
        (["profile", "ondersteuners", "C", "--format", "docx"], "needs -o"),
        (["profile", "ondersteuners", "C", "--template", "t.docx"], "--template is for"),
        (["site", "OUT", "nope"], "unknown family 'nope'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    cli: Callable[..., Run], args: list[str], needle: str, tmp_path: Path
) -> None:
    """Unknown families, levels, roles and wrong options end in one error line and exit 2."""
    args = [str(tmp_path / "OUT") if a == "OUT" else a for a in args]
    run = cli(*args)
    assert run.code == 2
    assert len(run.err_lines) == 1
    assert needle in run.err
    assert not (tmp_path / "OUT").exists()


def test_bad_template_is_one_line_and_nothing_written(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """An unreadable --template is one error line, exit 2, and no output file."""
    bad = tmp_path / "org.docx"
    bad.write_text("plain text")
    out = tmp_path / "p.docx"
    run = cli(
        "profile", "ondersteuners", "C", "--format", "docx", "-o", str(out), "--template", str(bad)
    )
    assert run.code == 2
    assert len(run.err_lines) == 1
    assert "org.docx" in run.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["families", "org.docx"]


def test_missing_extra_is_one_line(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without Jinja2, `profile --format html` names the extra to install and exits 2."""
    import sys

    from jobarchitecture._render import _html

    monkeypatch.setitem(sys.modules, "jinja2", None)
    _html.environment.cache_clear()
    try:
        run = cli(
            "profile", "ondersteuners", "C", "--format", "html", "-o", str(tmp_path / "p.html")
        )
    finally:
        _html.environment.cache_clear()
    assert run.code == 2
    assert "jobarchitecture[html]" in run.err
    assert not (tmp_path / "p.html").exists()


def test_profile_command_writes_html_and_docx(cli: Callable[..., Run], tmp_path: Path) -> None:
    """`profile --format html|docx -o FILE` writes a page and a Word file of that level."""
    import docx

    html, word = tmp_path / "p.html", tmp_path / "p.docx"
    assert cli("profile", "voorbeeld", "C", "--format", "html", "-o", str(html)).code == 0
    assert "Niveau C" in html.read_text("utf-8")
    assert cli("profile", "voorbeeld", "C", "--format", "docx", "-o", str(word)).code == 0
    assert any("Niveau C" in p.text for p in docx.Document(str(word)).paragraphs)


def test_compare_command_text_and_json(cli: Callable[..., Run]) -> None:
    """`compare` prints the differences as Markdown, and --json as data with the word runs."""
    import json

    run = cli("compare", "voorbeeld", "D", "C", "--lang", "en")
    assert run.code == 0
    assert "~~" in run.out
    data = json.loads(cli("compare", "voorbeeld", "D", "C", "--json").out)
    assert [c["code"] for c in data["criteria"]] == [
        c.code
        for c in ja.load_family(
            Path(__file__).parent.parent / "examples" / "voorbeeld.toml"
        ).criteria
    ]


def test_a_level_page_shows_every_roles_competencies(site: Path) -> None:
    """For a family with several roles, a level's page has each role's competency profile."""
    family = ja.get_family("ondersteuners")
    # As a reader sees it: <wbr> (a break opportunity after a slash) shows nothing.
    html = (site / "ondersteuners" / "C.html").read_text("utf-8").replace("<wbr>", "")
    assert len(family.profiles) > 1
    for prof in family.profiles:
        assert prof.name.get("en") in html
        for entry in prof.at("C"):
            comp = family.competencies.get(entry.competency)
            assert comp is not None
            assert comp.name.get("en") in html


def test_a_family_named_twice_is_one_column(tmp_path: Path) -> None:
    """Naming a family twice gives one column, in the order the families were first named."""
    out = tmp_path / "out"
    a, b = ja.get_family("adviseurs"), ja.get_family("organisatieondersteuning")
    ja.build_site(out, [b, a, b])
    headers = [link for link in read(out / "index.html").links if link.endswith("/index.html")]
    assert headers == [f"{b.code}/index.html", f"{a.code}/index.html"]


def test_a_competency_table_has_a_change_column_only_when_something_changed(
    site: Path,
) -> None:
    """A level page's competency table has the column "What differs from …" only when a
    competency of that role enters or changes there; otherwise a line says nothing
    differs, and no column stands empty (adviseurs 13/14 against 12)."""
    from jobarchitecture._render._labels import LABELS

    w = LABELS["en"]
    for code in BUNDLED:
        family = ja.get_family(code)
        for low, level in itertools.pairwise(family.scale.levels):
            html = (site / code / _site.level_file(level)).read_text("utf-8")
            tables = re.findall(r'<table class="competencies">(.*?)</table>', html, re.S)
            roles = [p.role for p in family.profiles]
            assert len(tables) == len(roles)
            for role, table in zip(roles, tables, strict=True):
                cmp = ja.compare(family, low, level, role=role)
                changed = [c for c in cmp.competencies if c.change != "leaving"]
                column = w["changed_from"].format(level=low.name.get("en"))
                assert (column in table) == bool(changed), (code, level.code, role)
                # The change column's cells, each named by its header for a phone.
                head = re.escape(column)
                cells = re.findall(rf'<td data-label="{head}[^"]*">(.*?)</td>', table, re.S)
                assert not changed or any(cell.strip() for cell in cells)
    html = (site / "adviseurs" / "13-14.html").read_text("utf-8")
    assert f"{w['colon']} {w['no_change']}</p>" in html


def test_a_line_may_break_after_a_slash_between_words_and_nowhere_else(site: Path) -> None:
    """'operations/services' may wrap after its slash (unbroken, such a compound set the
    width of the criteria table's first column, which then ran past a printed page);
    a level's '15/16' stays whole."""
    html = (site / "organisatieondersteuning" / "index.html").read_text("utf-8")
    assert "operations/<wbr>services" in html
    assert "operations/services" not in html
    assert "15/16" in html
    assert not re.search(r"\d/<wbr>", html)


def test_site_without_outdir_names_only_outdir(cli: Callable[..., Run]) -> None:
    """`site` alone says OUTDIR is missing, not FAMILY, which is optional."""
    run = cli("site")
    assert run.code == 2
    assert run.err_lines == [
        "jobarchitecture: error: the following arguments are required: OUTDIR "
        "(see 'jobarchitecture site --help')"
    ]


def test_compare_on_a_colour_terminal_colours_the_words_the_legend_speaks_of(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A terminal shows Markdown raw, so on a colour terminal `compare` shows inserted words
    bold green and deleted ones struck through in red, as its legend says, instead of
    ``**``/``~~``; the text is the Markdown's otherwise, and NO_COLOR keeps the Markdown."""
    import re

    markdown = cli("compare", "ondersteuners", "D", "C", "--lang", "en").out
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    shown = cli("compare", "ondersteuners", "D", "C", "--lang", "en").out
    assert "~~" not in shown
    assert "**" not in shown
    assert "\x1b[9m\x1b[31m" in shown
    assert "\x1b[1m\x1b[32m" in shown
    assert "highlighted" in shown
    ansi = re.compile(r"\x1b\[[0-9;]*m")
    assert ansi.sub("", shown) == markdown.replace("**", "").replace("~~", "")
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli("compare", "ondersteuners", "D", "C", "--lang", "en").out == markdown
