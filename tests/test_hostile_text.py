"""Nothing an editor types becomes markup, a link, an id or template code, on any page.

One build of the real content with hostile text added to a chapter and to a checklist; the
copy lives outside git, so it also shows that pages then carry no last-changed date.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from .support.build import build_site, copy_project
from .support.html import Page, page, staff_text

pytestmark = [
    pytest.mark.build,
    pytest.mark.xdist_group("hostile_text"),
]  # its tests share a build: one worker

HOSTILE_ENTRY = """
  - id: hostile-section
    title: "<b>加粗标题</b> {{ config.site_name }}"
    entries:
      - kind: phrase
        id: hostile-phrase
        text: "<script>alert('x')</script>"
        reason: "{{ config.site_name }} {% raw %} *强调* [链接](http://evil.example) { #fake }"
        alternatives:
          - "<img src=x onerror=alert(1)>"
          - "&lt;已转义&gt; 与 & 符号"
        keywords: ["{{ 7*7 }}"]
        asked: ["{{ 6*7 }} <i>只给搜索用的问法</i>"]
        source: seed-003
"""
# The editors' marker after a phrase: the title shows it in the editor view only.
MARKED_ENTRY = """
  - id: marked-section
    title: 催签字
    entries:
      - kind: phrase
        id: marked-phrase
        text: 您先签个字就行。【推断】
        reason: 客户还没看清内容就催着签，出了问题客户会说被骗了。
        alternatives:
          - 我先把这几项给您讲一遍，您看清楚再签。
        source: editors
        editor_note: 测试用：句末的标记只给编辑看
"""
ASKED = "{{ 6*7 }} <i>只给搜索用的问法</i>"
HOSTILE_ITEM = "<script>alert(1)</script> {{ config }} *强调*"  # ≤ 50 characters: an item
CHECKLIST = "banqian-zhunbei"
# Titles of generated pages go into the nav of every page and the page's <title>.
HOSTILE_CHECKLIST_TITLE = "班前准备 <img src=x onerror=alert(3)> {{ 7*7 }}"
HOSTILE_QUIZ_TITLE = "禁语自测 </style><script>alert(2)</script> {% raw %}{{ config.site_name }}"
HOSTILE_CHAPTER_TITLE = "禁语速查 </title><script>alert(4)</script> {{ 7*7 }}"


@pytest.fixture(scope="session")  # once per worker, however tests interleave
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    phrasing = project / "content" / "phrasing.yml"
    text = phrasing.read_text(encoding="utf-8")
    text = text.replace("title: 禁语速查\n", f'title: "{HOSTILE_CHAPTER_TITLE}"\n', 1)
    phrasing.write_text(text + HOSTILE_ENTRY + MARKED_ENTRY, encoding="utf-8")
    checklists = project / "content" / "checklists.yml"
    text = checklists.read_text(encoding="utf-8")
    first_item = text.index("        text: ", text.index(f"id: {CHECKLIST}"))
    line_end = text.index("\n", first_item)
    text = text[:first_item] + f'        text: "{HOSTILE_ITEM}"' + text[line_end:]
    text = text.replace("    title: 班前准备\n", f'    title: "{HOSTILE_CHECKLIST_TITLE}"\n', 1)
    checklists.write_text(text, encoding="utf-8")
    quizzes = project / "content" / "quizzes.yml"
    text = quizzes.read_text(encoding="utf-8")
    quizzes.write_text(
        text.replace("    title: 禁语自测\n", f'    title: "{HOSTILE_QUIZ_TITLE}"\n', 1), "utf-8"
    )
    built = build_site(project, project / "site")
    assert built.ok, built.log
    return project / "site"


def test_html_and_jinja_in_a_chapter_render_as_inert_text(site: Path) -> None:
    html = page(site, "phrasing")
    # What the reader sees is exactly what the editor typed ...
    for typed in (
        "<b>加粗标题</b> {{ config.site_name }}",
        "<script>alert('x')</script>",
        "{{ config.site_name }} {% raw %} *强调* [链接](http://evil.example) { #fake }",
        "<img src=x onerror=alert(1)>",
        "&lt;已转义&gt; 与 & 符号",
        "{{ 7*7 }}",
    ):
        assert typed in html.text, typed
    # ... and none of it became markup, a link, an id or a template result.
    assert "<script>alert" not in html.source
    assert "<img src=x" not in html.source
    assert "<b>加粗标题" not in html.source
    assert "evil.example" not in {a.get("href", "") for a in html.attrs("a")}
    assert "fake" not in html.ids
    assert "营业厅服务手册 {% raw %}" not in html.text


def test_how_staff_ask_is_searched_verbatim_and_shown_nowhere(site: Path) -> None:
    index = json.loads((site / "search" / "handbook_index.json").read_text(encoding="utf-8"))
    docs = {doc["location"]: doc for doc in index["docs"]}
    assert docs["phrasing/#hostile-phrase"]["q"] == ASKED
    shown = [
        html.relative_to(site).as_posix()
        for html in site.rglob("*.html")
        # (but the YAML itself, which the editor view's file:line links open)
        if "只给搜索用的问法" in html.read_text(encoding="utf-8")
        and not html.relative_to(site).as_posix().startswith("_content/")
    ]
    assert shown == [], "asked is for search only: no page or printout shows it"


def test_the_read_only_copy_of_a_content_file_shows_its_lines_as_they_are(site: Path) -> None:
    """A preview without a repository opens `_content/<file>.yml.html` for 编辑 and file:line:
    each line as the editor wrote it, HTML and Jinja included, with its number to land on."""
    copy = page(site, "_content/checklists.yml.html")
    written = (site.parent / "content" / "checklists.yml").read_text(encoding="utf-8")
    line = f'        text: "{HOSTILE_ITEM}"'
    number = written.splitlines().index(line) + 1
    assert f"{number}{line}{number + 1}" in copy.text  # each line after its number
    assert "<script>alert" not in copy.source
    assert f'<span id="L{number}"><a href="#L{number}">' in copy.source


def test_html_and_jinja_in_a_checklist_render_as_inert_text(site: Path) -> None:
    for url in (f"checklists/{CHECKLIST}", "checklists/print"):
        html = page(site, url)
        assert HOSTILE_ITEM in html.text, url
        assert "<script>alert" not in html.source, url


def test_titles_of_chapters_checklists_and_quizzes_are_text_in_every_nav_and_title(
    site: Path,
) -> None:
    """Their pages are generated and their titles set in the nav, which Material prints as HTML
    and mkdocs-macros renders as a template when it holds {{ or {%: a quiz title once ran
    code at build time, and an <img> in a checklist title reached every page."""
    for html_file in site.rglob("*.html"):
        source = html_file.read_text(encoding="utf-8")
        assert "<img src=x onerror=alert(3)>" not in source, html_file
        assert "<script>alert(2)" not in source, html_file
        assert "<script>alert(4)" not in source, html_file
    phrasing = page(site, "phrasing")  # any page: its nav lists every checklist and quiz
    assert HOSTILE_CHECKLIST_TITLE in phrasing.text
    assert HOSTILE_QUIZ_TITLE in phrasing.text
    assert HOSTILE_CHAPTER_TITLE in phrasing.text
    for url, title in (
        ("phrasing", HOSTILE_CHAPTER_TITLE),
        ("quizzes/zice-jinyu", HOSTILE_QUIZ_TITLE),
        (f"checklists/{CHECKLIST}", HOSTILE_CHECKLIST_TITLE),
    ):
        head = re.search(r"<title>(.*?)</title>", page(site, url).source, re.S)
        assert head is not None and html.unescape(head.group(1)) == f"{title} - 营业厅服务手册"
    # A worksheet's later pages carry its title in their top margin: a CSS string in a <style>,
    # a printed part's (it has two) in a custom property; the saved file's name in an attribute.
    quiz = page(site, "quizzes/zice-jinyu").source
    margin = re.search(
        r'@page hb-worksheet \{ @top-left \{ content: var\(--hb-paper-title, "(.*?)"\);', quiz
    )
    part = re.search(r'--hb-paper-title: "(.*?)";', quiz)
    assert margin is not None and part is not None
    for written, meant in ((margin, HOSTILE_QUIZ_TITLE), (part, f"{HOSTILE_QUIZ_TITLE} · 第 1 份")):
        unescaped = re.sub(r"\\([0-9a-f]+) ", lambda m: chr(int(m.group(1), 16)), written.group(1))
        assert unescaped == meant
    named = re.search(r'<option value="1" data-title-sheet="(.*?)"', quiz)
    assert (
        named is not None
        and html.unescape(named.group(1)) == f"{HOSTILE_QUIZ_TITLE} 第 1 份（试卷）"
    )


def test_an_editors_marker_reaches_neither_the_contents_nor_the_checker(site: Path) -> None:
    """【推断】 after a phrase is the editors' flag: the contents lists and the checker's data
    (what it finds, what it says it found) carry the phrase as staff say it."""
    seen = staff_text(site / "phrasing" / "index.html")  # the contents lists included
    assert "您先签个字就行。" in seen
    assert "【推断】" not in seen
    spec = json.loads((site / "checker" / "phrases.json").read_text(encoding="utf-8"))
    marked = next(phrase for phrase in spec["phrases"] if phrase["id"] == "marked-phrase")
    assert marked["text"] == "您先签个字就行。"
    assert not any("推断" in regex for regex in marked["match"])
    assert "您先签个字就行" in marked["match"]  # the phrase still finds itself


def test_outside_git_the_date_is_left_out(site: Path) -> None:
    assert "hb-updated" not in Page(site / "phrasing" / "index.html").source
