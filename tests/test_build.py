"""The real content builds with --strict, and the HTML says what the YAML says."""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
from html import escape
from pathlib import Path

import pytest

from macros.content.chapter_pages import nav_files, read_nav
from macros.content.handbook import Handbook
from macros.content.model import Procedure
from macros.render import printouts
from macros.render.renderer import STEP_INDEX_FROM
from macros.site.bundles import BUNDLES, COMMON_CSS, COMMON_JS, WIDGETS, bundle_text
from macros.site.minify import MINIFIERS

from .support import ROOT
from .support.build import build_site, mkdocs_env
from .support.fixture import fixture_handbook, site_name
from .support.git import IDENTITY
from .support.html import Page, misnested_paragraphs, page
from .support.server import SiteServer

pytestmark = pytest.mark.build


def test_every_entry_has_its_anchor_on_its_chapter_page(
    built_site: Path, handbook: Handbook
) -> None:
    for stem, chapter in handbook.chapters.items():
        html = page(built_site, stem)
        for section in chapter.sections:
            assert section.id in html.ids, f"{stem}: section {section.id}"
            for entry in section.entries:
                assert entry.id in html.ids, f"{stem}: entry {entry.id}"
                if isinstance(entry, Procedure):
                    for step in entry.steps:
                        assert step.id in html.ids, f"{stem}: step {step.id}"


def test_a_long_procedure_lists_its_steps_at_its_top_each_a_link_to_its_place(
    built_site: Path, handbook: Handbook
) -> None:
    """Mid-complaint, step 5 of 投诉七步 was four phone screens below its title."""
    procedures = [p for p in handbook.entries("procedure") if isinstance(p, Procedure)]
    assert any(len(p.steps) >= STEP_INDEX_FROM for p in procedures)
    for procedure in procedures:
        source = page(built_site, handbook.chapter_of_id[procedure.id]).source
        card = source[source.index(f'id="{procedure.id}"') :]
        card = card[: card.index("</article>")]
        index = re.search(r'<nav [^>]*class="hb-step-index"[^>]*>(.*?)</nav>', card, re.S)
        if len(procedure.steps) < STEP_INDEX_FROM:
            assert index is None, procedure.id
            continue
        assert index is not None, procedure.id
        assert re.findall(r'href="#([^"]+)"', index.group(1)) == [s.id for s in procedure.steps]
        names = re.findall(r'class="hb-step-index__name">([^<]*)<', index.group(1))
        assert names == [escape(s.name, quote=False) for s in procedure.steps], procedure.id
        assert card.index("hb-step-index") < card.index('class="hb-steps"')
        # Named after its procedure: two on a page were two landmarks called 跳到某一步.
        assert f'aria-label="跳到“{escape(procedure.title)}”的某一步"' in index.group(0)


def test_every_entry_links_what_it_names_as_related_under_its_own_text(
    fixture_site: SiteServer,
) -> None:
    """相关 on a procedure too (a late callback leads to calling out, and to a threat to go
    higher), as on a topic and a forbidden phrase: the fixture has one of each."""
    handbook = fixture_handbook()
    named = [e for e in handbook.entries() if getattr(e, "related", None)]
    assert {e.kind for e in named} >= {"phrase", "topic", "procedure"}
    for entry in named:
        source = page(fixture_site.root, handbook.chapter_of_id[entry.id]).source
        card = source[source.index(f'id="{entry.id}"') :]
        card = card[: card.index("</article>")]
        chips = re.search(r'<p class="hb-chip-links hb-related">(.*?)</p>', card, re.S)
        assert chips is not None, entry.id
        hrefs = [href.partition("#")[2] for href in re.findall(r'href="([^"]+)"', chips.group(1))]
        assert hrefs == list(entry.related), entry.id


def test_an_objection_card_gives_the_reply_before_its_type_and_methods(
    built_site: Path, handbook: Handbook
) -> None:
    """The customer is waiting: what to say comes right under what they said."""
    objections = handbook.entries("objection")
    assert objections
    for entry in objections:
        source = page(built_site, handbook.chapter_of_id[entry.id]).source
        card = source[source.index(f'id="{entry.id}"') :]
        reply, meta = card.find('class="hb-do"'), card.find("hb-objection-meta")
        assert 0 <= reply < meta, entry.id


def test_no_block_is_written_inside_a_paragraph(built_site: Path) -> None:
    """Markdown wraps an HTML element in <p> when it follows another on the same line of a
    template; the browser then splits that paragraph, and the empty ones it leaves stood
    between a label and what it keeps with it on paper (a title alone at a page's foot)."""
    found = {
        path.relative_to(built_site).as_posix(): problems[:3]
        for path in sorted(built_site.rglob("*.html"))
        if (problems := misnested_paragraphs(path))
    }
    assert not found


def test_every_chapter_is_in_the_navigation(built_site: Path, handbook: Handbook) -> None:
    pages = set(nav_files(read_nav(ROOT / "mkdocs.yml")))
    for stem in handbook.chapters:
        assert f"{stem}.md" in pages, f"content/{stem}.yml has no nav entry"


def test_a_chapter_is_titled_once_in_its_yaml(built_site: Path, handbook: Handbook) -> None:
    """mkdocs.yml names a chapter's file only: the nav and the page's <title> use the title
    of content/<stem>.yml, so renaming a chapter is one edit (it used to leave the nav and
    <title> on the old name)."""
    nav = read_nav(ROOT / "mkdocs.yml")
    assert {f"{stem}.md" for stem in handbook.chapters} <= {i for i in nav if isinstance(i, str)}
    home = page(built_site, "").text
    for stem, chapter in handbook.chapters.items():
        head = re.search(r"<title>(.*?)</title>", page(built_site, stem).source)
        assert head is not None and head.group(1) == f"{chapter.title} - 营业厅服务手册", stem
        assert chapter.title in home, f"{stem}: not in the nav"


def test_trainers_find_every_printout_and_search_never_lands_on_one(built_site: Path) -> None:
    course = page(built_site, "course")
    links = {a.get("href") for a in course.attrs("a")}
    for printout in ("../phrasing/print/", "../checklists/print/", "../quizzes/"):
        assert printout in links, printout
    phrasing = page(built_site, "phrasing")
    assert "print/" in {a.get("href") for a in phrasing.attrs("a")}  # 打印速查表, at the top
    # The list is in the course page's contents (a trainer looked there and missed it).
    contents = [a.get("href") for a in course.attrs("a") if a.get("href", "").startswith("#")]
    anchor = f"#{printouts.LIST_TITLE}"
    assert anchor in contents and printouts.LIST_TITLE in course.ids, contents
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if d["location"].startswith("phrasing/print/")]


def test_edit_button_opens_the_yaml_the_page_is_made_from(
    built_site: Path, handbook: Handbook
) -> None:
    for stem in handbook.chapters:
        html = page(built_site, stem)
        edits = [a["href"] for a in html.attrs("a") if a.get("rel") == "edit"]
        assert edits == [f"../_content/{stem}.yml.html"], stem
        # A page of the file (a raw .yml is downloaded, not shown), every line at its anchor,
        # saying where the file is changed.
        served = Page(built_site / "_content" / f"{stem}.yml.html")
        lines = (ROOT / "content" / f"{stem}.yml").read_text(encoding="utf-8").splitlines()
        assert [a["id"] for a in served.attrs("span")] == [
            f"L{n}" for n in range(1, len(lines) + 1)
        ]
        assert lines[1].strip() in served.text
        assert f"请在编辑器里打开仓库中的 content/{stem}.yml" in served.text


def test_entry_shows_its_source_and_yaml_line(built_site: Path, handbook: Handbook) -> None:
    entry = next(handbook.entries("phrase"))
    html = page(built_site, "phrasing")
    source_title = handbook.sources[entry.source[0]].title
    block = html.source.split(f'id="{entry.id}"', 1)[1].split("</article>", 1)[0]
    assert source_title in block
    assert f"content&#47;phrasing&#46;yml&#58;{entry.where.line}" in block
    assert f'href="../_content/phrasing.yml.html#L{entry.where.line}"' in block  # at its line


LOADING_ATTRS = {
    "script": "src",
    "link": "href",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
}
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    """No CDN, no Google Fonts: every resource a page loads comes from the site itself."""
    offenders = []
    for path in built_site.rglob("*.html"):
        html = Page(path)
        for tag, attr in LOADING_ATTRS.items():
            for attrs in html.attrs(tag):
                value = attrs.get(attr, "")
                if EXTERNAL.match(value) and not (
                    tag == "link" and attrs.get("rel") == "canonical"
                ):
                    offenders.append(f"{path.relative_to(built_site)}: <{tag} {attr}={value}>")
        for attrs in html.attrs("a"):
            if EXTERNAL.match(attrs.get("href", "")):
                offenders.append(f"{path.relative_to(built_site)}: <a href={attrs['href']}>")
    for path in built_site.rglob("*.css"):
        for match in re.finditer(
            r"(?:url\(|@import)\s*['\"]?((?:https?:)?//[^'\")\s]+)",
            path.read_text(encoding="utf-8"),
        ):
            offenders.append(f"{path.relative_to(built_site)}: {match.group(1)}")
    assert offenders == []


# Strings in Material's JavaScript bundle that name other hosts but are never requested with
# this configuration: polyfills/diagram libraries fetched only when a page needs them (no
# mermaid here; every supported browser has ResizeObserver) and repository facts fetched only
# when `repo_url` is set (it is not). The browser test proves no request leaves the site.
BUNDLE_HOSTS_NEVER_REQUESTED = {"unpkg.com", "api.github.com"}


def test_no_script_fetches_from_another_host(built_site: Path) -> None:
    offenders = []
    for path in built_site.rglob("*.js"):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in re.finditer(
            r"""(?:fetch|importScripts|import|_t|watchScript|requestJSON)\(\s*[`'"](https?://[^/`'"]+)""",
            text,
        ):
            host = match.group(1).split("//")[1]
            if host not in BUNDLE_HOSTS_NEVER_REQUESTED:
                offenders.append(f"{path.relative_to(built_site)}: {match.group(0)}")
        for match in re.finditer(r"""[`'"]https?://([^/`'"$]+)""", text):
            host = match.group(1)
            if host not in BUNDLE_HOSTS_NEVER_REQUESTED and not host.endswith("w3.org"):
                offenders.append(f"{path.relative_to(built_site)}: {host}")
    assert offenders == []


def own_assets(site: Path, url: str) -> list[str]:
    """The project's stylesheets and scripts a page lists, as site paths in page order (not
    Material's, nor the icons)."""
    html = page(site, url)
    refs = [a["href"] for a in html.attrs("link") if a.get("rel") == "stylesheet"]
    refs += [a["src"] for a in html.attrs("script") if a.get("src")]
    folder = url if url.endswith("/") else posixpath.dirname(url)  # 404.html: at the root
    paths = [posixpath.normpath(posixpath.join("/", folder, ref)).lstrip("/") for ref in refs]
    material = ("assets/stylesheets/", "assets/javascripts/")
    return [p for p in paths if p.startswith("assets/") and not p.startswith(material)]


def widgets_marked_in(html: Page) -> list[str]:
    """The widgets whose data attributes a page's markup carries."""
    names = {name for _tag, attrs in html.tags for name in attrs}
    return [name for name, widget in WIDGETS.items() if names & set(widget.hooks)]


def test_each_page_loads_the_common_bundles_and_only_the_widgets_it_has(
    built_site: Path, handbook: Handbook
) -> None:
    """On first load a phone fetches our common CSS and JS plus the bundles of the widgets on
    that page, nothing of the others (the own JS + CSS budget, README Performance)."""
    checklist = handbook.checklists.checklists[0].id
    quiz = handbook.quizzes.quizzes[0].id
    expected = {
        # The chapters' styles ahead (search lands there); how many items 今日复习 has today.
        "": ["chapter", "review-feed", "review-queue"],
        "phrasing/": ["chapter", "paper", "review-feed"],  # 打印本章; a phrase enters 今日复习
        "phrasing/print/": ["chapter", "paper"],  # 打印速查表
        "course/": ["chapter", "paper"],  # 打印本章
        "checklists/": ["checklist-index"],  # today's progress, 最近记录: no form
        f"checklists/{checklist}/": ["paper", "checklist"],
        "checklists/print/": ["paper", "checklist"],
        "quizzes/": ["quiz"],
        f"quizzes/{quiz}/": ["paper", "quiz", "review-feed"],  # 打印试卷, 打印答案
        "checker/": ["checker", "review-feed"],
        "review/": ["review-feed", "review-queue", "review"],
        "practice/": ["review-feed", "review-queue", "practice"],
    }
    pages = [
        path.parent.relative_to(built_site).as_posix() + "/"
        for path in built_site.rglob("index.html")
        if not path.relative_to(built_site).as_posix().startswith("_")
    ]
    assert set(expected) - {"", *pages} == set()
    used = set()
    for url in ["" if u == "./" else u for u in pages]:
        html = page(built_site, url)
        widgets = widgets_marked_in(html)
        if url in expected:
            assert widgets == expected[url], url
        used.update(widgets)
        listed = own_assets(built_site, url)
        scripts = [WIDGETS[name].js for name in widgets if WIDGETS[name].js]
        # One file, not two, where another of them holds a bundle whole (the feed inside the
        # queue's, a quiz's and 今日复习's; paper.js inside a quiz's and a checklist's).
        scripts = [
            s for s in scripts if not any(set(BUNDLES[s]) < set(BUNDLES[o]) for o in scripts)
        ]
        assert listed == [
            COMMON_CSS,
            *[WIDGETS[name].css for name in widgets if WIDGETS[name].css],
            COMMON_JS,
            *scripts,
        ], url
        # What the loader fetches after instant navigation (assets/js/widgets.js): the same.
        said = [attrs["data-hb-bundles"] for _tag, attrs in html.tags if "data-hb-bundles" in attrs]
        choices = " ".join(said).split()
        wanted = sorted(choice.split("|")[0] for choice in choices)
        assert wanted == sorted(set(listed) - {COMMON_CSS, COMMON_JS}), url
        for choice in choices:  # a bundle holding it, run already, will do (the queue's)
            needed, *holders = choice.split("|")
            assert holders == [b for b in BUNDLES if set(BUNDLES[needed]) < set(BUNDLES[b])]
        if "assets/review-feed.js" in listed:
            assert "assets/review-queue.js" in " ".join(choices), url
    assert used == set(WIDGETS), "a widget no page has"
    assert own_assets(built_site, "404.html") == [COMMON_CSS, COMMON_JS]


def test_bundles_are_built_from_their_sources_and_precached(built_site: Path) -> None:
    precached = json.loads(
        (built_site / "sw.js")
        .read_text(encoding="utf-8")
        .split("\n", 1)[0]
        .removeprefix("const BUILD = ")
        .removesuffix(";")
    )["files"]
    manifest = (built_site / "assets" / "whatsnew.json").read_text(encoding="utf-8")
    stamp = json.loads(manifest)["stamp"]  # named in the common script (bundles.common_head)
    for bundle, sources in BUNDLES.items():
        for source in sources:
            assert not (built_site / source).exists(), f"{source} is served twice"
        expected = MINIFIERS[Path(bundle).suffix](bundle_text(ROOT / "overrides", bundle, stamp))
        assert (built_site / bundle).read_text(encoding="utf-8").strip() == expected.strip()
        assert bundle in {path for _url, path, _sha, _size in precached}, (
            f"{bundle} not kept offline"
        )
    named = {bundle for widget in WIDGETS.values() for bundle in (widget.js, widget.css)}
    assert named - {""} <= set(BUNDLES)


def test_the_missing_page_says_so_in_chinese_and_leads_home_to_phrases_and_search(
    built_site: Path,
) -> None:
    """Offline, the service worker shows this page for pages not yet saved on the phone."""
    missing = page(built_site, "404.html")
    assert "Not found" not in missing.text
    assert "找不到这个页面" in missing.text and "没有网络" in missing.text
    links = missing.attrs("a")
    home = next(a["href"] for a in links if "md-logo" in a.get("class", ""))  # Material's home
    buttons = [a["href"] for a in links if "md-button" in a.get("class", "")]
    assert buttons[0] == home and buttons[1].endswith("phrasing/")  # 回到首页, 禁语速查
    assert {"class": "md-button", "for": "__search"} in missing.attrs("label")  # 搜索


def test_material_is_told_not_to_use_google_fonts() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^\s+font: false", config, re.M)


def test_serve_watches_content_and_macros() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    watch = config.split("\nwatch:\n", 1)[1].split("\n\n", 1)[0]
    assert "  - content" in watch and "  - macros" in watch


def test_each_page_says_when_its_content_last_changed(
    project_copy: Path, tmp_path: Path, handbook: Handbook
) -> None:
    env = {
        **mkdocs_env(),
        "GIT_AUTHOR_DATE": "2025-03-04T10:00:00",
        "GIT_COMMITTER_DATE": "2025-03-04T10:00:00",
    }
    identity = list(IDENTITY)
    subprocess.run(["git", "init", "-q"], cwd=project_copy, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project_copy, check=True)
    subprocess.run(
        ["git", *identity, "commit", "-q", "-m", "base"], cwd=project_copy, check=True, env=env
    )
    later = {**env, "GIT_COMMITTER_DATE": "2025-05-06T10:00:00"}
    quizzes = project_copy / "content" / "quizzes.yml"
    quizzes.write_text(quizzes.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    subprocess.run(
        ["git", *identity, "commit", "-q", "-am", "quiz edit"],
        cwd=project_copy,
        check=True,
        env=later,
    )
    site = tmp_path / "site"
    built = build_site(project_copy, site)
    assert built.ok, built.log
    assert '内容更新于 <time datetime="2025-03-04">' in page(site, "phrasing").source
    assert '内容更新于 <time datetime="2025-05-06">' in page(site, "quizzes").source

    # What a page prints (its margin) and reports (报告错误) names the version of the content it
    # shows, not the build's: a commit to another file leaves the page byte for byte as it
    # was, and phones do not download it again.
    def commit(revision: str) -> str:
        return subprocess.run(
            ["git", "log", "-1", "--format=%cs · %h", revision],
            cwd=project_copy,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    base, edit = commit("HEAD~1"), commit("HEAD")
    phrasing = page(site, "phrasing")
    title = handbook.chapters["phrasing"].title
    assert phrasing.print_footer == f"{site_name()} · {title} · 内容版本 {base}"
    assert edit not in phrasing.source
    checklist = page(site, "checklists")
    assert checklist.print_footer.endswith(f" · 内容版本 {base}") and edit not in checklist.source
    assert page(site, "quizzes").print_footer.endswith(f" · 内容版本 {edit}")
    assert page(site, ".").print_footer.startswith(f"{site_name()} · 内容版本 ")  # no page name


def test_every_page_lets_a_keyboard_skip_to_its_content(built_site: Path) -> None:
    """Material writes 跳到正文 from a page's contents; a checklist's title, written as HTML
    inside its form, had none, so a keyboard tabbed through the header on every visit."""
    missing = []
    for path in sorted(built_site.rglob("index.html")):
        text = path.read_text(encoding="utf-8")
        skip = re.search(r'<a href="#([^"]+)" class="md-skip">', text)
        if not skip or f'id="{skip[1]}"' not in text:
            missing.append(path.relative_to(built_site).as_posix())
    assert missing == []
