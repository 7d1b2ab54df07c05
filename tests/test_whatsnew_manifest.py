"""The content manifest a phone compares to mark what changed since its last visit.

It hashes what staff see of each entry, checklist, step and item (macros/content/manifest.py)
with the change summary's notion of a node (changes.py): edits staff see change the hash of the
node and of the entry or checklist it sits in, nothing else; editors' fields change nothing;
a node under a new id keeps its hash, as the summary pairs renamed nodes by their data.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.content.handbook import Handbook
from macros.content.loader import load_content
from macros.content.manifest import CHECKLISTS_GROUP, content_manifest
from macros.content.model import Checklist, Entry, Procedure

from .support import ROOT
from .support.build import build_site
from .support.fixture import CONTENT, fixture_handbook, fixture_project
from .support.git import IDENTITY
from .support.html import Page

Edit = Callable[[dict[str, Any]], None]


def units(manifest: dict[str, Any]) -> dict[str, list[Any]]:
    return {unit[0]: unit[1:] for unit in manifest["units"]}


def hashes(manifest: dict[str, Any]) -> dict[str, str]:
    return {ident: unit[0] for ident, unit in units(manifest).items()}


def edited(tmp_path: Path, name: str, edit: Edit) -> dict[str, Any]:
    """The manifest of the fixture content after `edit` changed content/`name` (its YAML data)."""
    content = tmp_path / "content"
    if not content.exists():
        content.mkdir()
        for path in CONTENT.glob("*.yml"):
            (content / path.name).write_bytes(path.read_bytes())
    data = yaml.safe_load((content / name).read_text(encoding="utf-8"))
    edit(data)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (content / name).write_text(text, encoding="utf-8")
    return content_manifest(load_content(content))


def changed(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    """Ids whose hash differs, and ids only one side has."""
    old, new = hashes(before), hashes(after)
    return {i for i in old.keys() | new.keys() if old.get(i) != new.get(i)}


def entry(data: dict[str, Any], ident: str) -> dict[str, Any]:
    return next(e for s in data["sections"] for e in s["entries"] if e["id"] == ident)


def checklist(data: dict[str, Any], ident: str) -> dict[str, Any]:
    return next(c for c in data["checklists"] if c["id"] == ident)


BOOK = fixture_handbook()
PROCEDURE = next(e for e in BOOK.entries() if isinstance(e, Procedure))
STEP = PROCEDURE.steps[1]
PHRASE = next(BOOK.entries("phrase"))
CHAPTER = BOOK.chapter_of_id[PROCEDURE.id]
PHRASE_CHAPTER = BOOK.chapter_of_id[PHRASE.id]
FIRST = BOOK.checklists.checklists[0]
UNLINKED = "ni-bie-jidong"  # a phrase nothing else names: its id can change alone


@pytest.fixture(scope="module")
def original() -> dict[str, Any]:
    return content_manifest(BOOK)


def test_every_entry_checklist_step_and_item_is_listed_once_with_its_title_and_url(
    handbook: Handbook,
) -> None:
    manifest = content_manifest(handbook, ["phrasing", "complaints", "checklists"])
    listed = [unit[0] for unit in manifest["units"]]
    assert len(listed) == len(set(listed))
    groups = [key for key, _title in manifest["groups"]]
    assert groups[:3] == ["phrasing", "complaints", "checklists"]
    assert set(groups) == {*handbook.chapters, CHECKLISTS_GROUP}
    expected: set[str] = set()
    found = units(manifest)
    for node in [*handbook.entries(), *handbook.checklists.checklists]:
        assert isinstance(node, Entry | Checklist)
        expected.add(node.id)
        _hash, title, url, group = found[node.id]
        assert url == handbook.url_of(node.id)
        assert "【" not in title and title
        assert manifest["groups"][group][0] == (
            CHECKLISTS_GROUP if isinstance(node, Checklist) else handbook.chapter_of_id[node.id]
        )
        parts = node.items if isinstance(node, Checklist) else list(node.children())
        for part in parts:
            expected.add(part.id)  # type: ignore[attr-defined]
            assert found[part.id][2] == node.id  # type: ignore[attr-defined]
    assert set(listed) == expected
    # In nav order: a group's units come together, groups in the order given.
    order = [unit[4] for unit in manifest["units"] if len(unit) == 5]
    assert order == sorted(order)
    assert all(re.fullmatch(r"[0-9a-f]{8}", h) for h in hashes(manifest).values())


def test_the_same_content_gives_the_same_manifest(original: dict[str, Any]) -> None:
    assert content_manifest(load_content(CONTENT)) == original


@pytest.mark.parametrize(
    ("name", "edit"),
    [
        ("basics.yml", lambda d: entry(d, PROCEDURE.id).update(editor_note="编辑改了说明")),
        ("basics.yml", lambda d: entry(d, PROCEDURE.id).update(keywords=["新关键词"])),
        ("basics.yml", lambda d: entry(d, PROCEDURE.id).update(asked=["客户来了怎么接待"])),
        ("basics.yml", lambda d: entry(d, PROCEDURE.id)["steps"][1].update(asked=["倾听怎么做"])),
        ("phrasing.yml", lambda d: entry(d, PHRASE.id).update(patterns=["你*弄错"])),
        ("phrasing.yml", lambda d: entry(d, PHRASE.id).update(exceptions=["你弄错了吗"])),
        (  # shown in the quiz only, never on the card a 新/已更新 mark leads to
            "phrasing.yml",
            lambda d: entry(d, PHRASE.id).update(
                near_misses=[{"text": "您再仔细看看单子。", "why": "还是把错推给客户"}]
            ),
        ),
        ("sources.yml", lambda d: d["sources"][0].update(description="另一份课件")),
        (
            "phrasing.yml",
            lambda d: entry(d, PHRASE.id).update(
                reason=entry(d, PHRASE.id)["reason"] + "【补充】",
                source=["ceshi-kejian", "editors"],
                editor_note="补了一句",
            ),
        ),
        ("checklists.yml", lambda d: checklist(d, FIRST.id).update(asked=["开门前做什么"])),
    ],
    ids=[
        "editor-note",
        "keywords",
        "asked",
        "step-asked",
        "patterns",
        "exceptions",
        "near-misses",
        "sources",
        "marker",
        "checklist-asked",
    ],
)
def test_what_staff_never_see_changes_nothing(
    tmp_path: Path, original: dict[str, Any], name: str, edit: Edit
) -> None:
    after = edited(tmp_path, name, edit)
    assert changed(original, after) == set()
    assert after["stamp"] == original["stamp"]


def test_a_changed_step_marks_itself_and_its_procedure_only(
    tmp_path: Path, original: dict[str, Any]
) -> None:
    def reword(data: dict[str, Any]) -> None:
        entry(data, PROCEDURE.id)["steps"][1]["name"] = "认真倾听需求"

    after = edited(tmp_path, "basics.yml", reword)
    assert changed(original, after) == {STEP.id, PROCEDURE.id}
    assert units(after)[STEP.id][1] == "认真倾听需求"
    assert after["stamp"] != original["stamp"]


def test_reordered_steps_change_the_procedure_not_the_steps(
    tmp_path: Path, original: dict[str, Any]
) -> None:
    def swap(data: dict[str, Any]) -> None:
        steps = entry(data, PROCEDURE.id)["steps"]
        steps[0], steps[1] = steps[1], steps[0]

    assert changed(original, edited(tmp_path, "basics.yml", swap)) == {PROCEDURE.id}


def test_checklist_items_added_removed_and_reworded(
    tmp_path: Path, original: dict[str, Any]
) -> None:
    items = [item.id for item in FIRST.items]

    def edit(data: dict[str, Any]) -> None:
        found = checklist(data, FIRST.id)["items"]
        found[0]["text"] = "工装和工牌再检查一遍。"
        del found[1]
        found.append({"id": "banqian-xinxiang", "text": "新增一项。", "refs": ["yibiao-guifan"]})

    after = edited(tmp_path, "checklists.yml", edit)
    assert changed(original, after) == {FIRST.id, items[0], items[1], "banqian-xinxiang"}
    assert units(after)["banqian-xinxiang"] == [
        hashes(after)["banqian-xinxiang"],
        "新增一项。",
        FIRST.id,
    ]


def test_a_critical_flag_is_news_for_staff(tmp_path: Path, original: dict[str, Any]) -> None:
    item = FIRST.items[1]
    assert not item.critical

    def edit(data: dict[str, Any]) -> None:
        checklist(data, FIRST.id)["items"][1]["critical"] = True

    assert changed(original, edited(tmp_path, "checklists.yml", edit)) == {FIRST.id, item.id}


def test_an_entry_under_a_new_id_keeps_its_hash_as_the_change_summary_pairs_it(
    tmp_path: Path, original: dict[str, Any]
) -> None:
    """changes.py reports a node under a new id with the same data as one node renamed; the
    phone pairs them the same way, by hash (the id is not hashed)."""

    def rename(data: dict[str, Any]) -> None:
        entry(data, UNLINKED)["id"] = "bie-jidong"

    after = edited(tmp_path, "phrasing.yml", rename)
    assert hashes(after)["bie-jidong"] == hashes(original)[UNLINKED]
    assert UNLINKED not in hashes(after)


def test_a_new_entry_is_listed_with_its_chapter(tmp_path: Path, original: dict[str, Any]) -> None:
    def add(data: dict[str, Any]) -> None:
        data["sections"][0]["entries"].append(
            {
                "kind": "topic",
                "id": "xin-tiaomu",
                "title": "新条目",
                "items": ["一点"],
                "source": "ceshi-kejian",
            }
        )

    after = edited(tmp_path, "basics.yml", add)
    assert changed(original, after) == {"xin-tiaomu"}
    _hash, title, url, group = units(after)["xin-tiaomu"]
    assert (title, url, after["groups"][group][0]) == ("新条目", "basics/#xin-tiaomu", "basics")


def test_the_site_serves_the_manifest_and_the_common_script_names_its_stamp(
    built_site: Path, handbook: Handbook
) -> None:
    served = json.loads((built_site / "assets" / "whatsnew.json").read_text(encoding="utf-8"))
    nav = ["phrasing", "complaints", "objections", "closing", "communication", "selling"]
    assert [key for key, _title in served["groups"]][: len(nav)] == nav
    assert served == content_manifest(handbook, [key for key, _title in served["groups"]])
    # The stamp is named once, in the common script every page loads, not in the pages.
    common = (built_site / "assets" / "handbook.js").read_text(encoding="utf-8")
    assert f'hbContent="{served["stamp"]}"' in common.replace(" ", "")
    pages = [p for p in built_site.rglob("index.html") if "_content" not in p.parts]
    assert pages and not any(served["stamp"] in p.read_text(encoding="utf-8") for p in pages)
    worker = (built_site / "sw.js").read_text(encoding="utf-8").split("\n", 1)[0]
    assert '"assets/whatsnew.json"' in worker, "not kept for offline use"
    assert '"assets/whatsnew.js"' in worker and '"assets/whatsnew.css"' in worker


def test_the_home_page_has_the_list_hidden_until_there_is_news(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    section = re.search(r"<div class=\"hb-whatsnew-slot\"[^>]*><section[^>]*>", home)
    assert section is not None, "the list sits in the row the page keeps for it"
    assert " hidden" in section.group(0) and "data-search-exclude" in section.group(0)
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "上次来过之后" not in index


def test_the_real_content_manifest_stays_small(handbook: Handbook) -> None:
    """Fetched once per build (from the offline copy) and kept in localStorage."""
    text = json.dumps(content_manifest(handbook), ensure_ascii=False, separators=(",", ":"))
    assert len(text.encode("utf-8")) < 64 * 1024
    assert (ROOT / "macros" / "content" / "manifest.py").is_file()


def test_a_one_entry_edit_changes_only_the_pages_that_show_it(tmp_path: Path) -> None:
    """Phones download again only the files whose bytes changed (the service worker compares
    each file's hash, macros/site/offline.py): a commit that edits one phrase must leave
    every page that does not show it byte for byte as it was, so a typo fix does not send each
    phone the whole handbook again (the weak-network audit: 38 of 70 files, 641 KB gzip). And
    a page that did change names a new content version on paper (the version is the page's
    own, macros/site/pages.py dated_by: a quiz dated too narrowly would print an old one)."""
    project = fixture_project(tmp_path / "project")
    sites = {name: tmp_path / name for name in ("before", "after")}
    identity = list(IDENTITY)

    def commit(message: str) -> str:
        subprocess.run(["git", "add", "-A"], cwd=project, check=True)
        subprocess.run(["git", *identity, "commit", "-qm", message], cwd=project, check=True)
        return subprocess.run(
            ["git", "log", "-1", "--format=%cs · %h"],
            cwd=project,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    commit("base")
    built = build_site(project, sites["before"], "http://127.0.0.1:8000/")
    assert built.ok, built.log
    phrasing = project / "content" / "phrasing.yml"
    data = yaml.safe_load(phrasing.read_text(encoding="utf-8"))
    added = "客户只会更着急。"
    data["sections"][0]["entries"][1]["reason"] += added
    phrasing.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    edit = commit("one reason")
    built = build_site(project, sites["after"], "http://127.0.0.1:8000/")
    assert built.ok, built.log

    def pages(site: Path) -> dict[str, str]:
        return {
            p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
            for p in site.rglob("*.html")
            if "_content" not in p.parts
        }

    before, after = pages(sites["before"]), pages(sites["after"])
    assert before.keys() == after.keys()
    changed = {page for page in after if after[page] != before[page]}
    showing = {page for page in after if added in after[page]}
    assert "phrasing/index.html" in showing
    assert showing <= changed
    footers = {page: Page(sites["after"] / page).print_footer for page in changed}
    assert [page for page, footer in footers.items() if not footer] == [], "printed, no footer"
    stale = [page for page, footer in footers.items() if not footer.endswith(f"内容版本 {edit}")]
    assert stale == [], "changed, but prints the old content version"
    # The other chapter, its quiz and the checklists: made from files the commit left alone.
    others = {"basics/index.html", "quizzes/zice-jichu/index.html", "checklists/index.html"}
    assert others <= after.keys() and not others & changed, "pages not showing the entry changed"
