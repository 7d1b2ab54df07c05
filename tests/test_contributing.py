"""CONTRIBUTING.md's worked examples work as written: a new editor who copies them gets a valid
handbook with the new phrase on its page and in the phrase checker, the new standard, checklist
item and quiz question."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from .support import ROOT
from .support.build import build_site, copy_project
from .support.html import page
from .support.server import SiteServer, serve

pytestmark = pytest.mark.xdist_group("contributing")  # its tests share a build: one worker

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def example(heading: str) -> Any:
    """The first ```yaml block under the `## <heading>` section, parsed."""
    section = GUIDE.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block, heading
    return yaml.safe_load(textwrap.dedent(block.group(1)))[0]


PHRASE = example("三、例子：新增一条禁语")
STANDARD = example("四、例子：新增一条服务规范")
ITEM = example("五、例子：给检查表加一项")
QUESTION = example("六、例子：加一道自测题")


def edit(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def section(data: Any, ident: str) -> Any:
    return next(s for s in data["sections"] if s["id"] == ident)


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with the four examples applied, as an editor would."""
    project = copy_project(tmp_path_factory.mktemp("edited") / "project")
    content = project / "content"
    edit(content / "phrasing.yml", lambda d: section(d, "fuwu-jinyan")["entries"].append(PHRASE))
    edit(content / "standards.yml", lambda d: d["sections"][0]["entries"].append(STANDARD))
    edit(
        content / "checklists.yml",
        lambda d: next(c for c in d["checklists"] if c["id"] == "banqian-zhunbei")["items"].append(
            ITEM
        ),
    )
    edit(content / "quizzes.yml", lambda d: d["questions"].append(QUESTION))
    return project


@pytest.fixture(scope="module")
def edited_site(edited: Path) -> Iterator[SiteServer]:
    server = serve(edited / "site")
    built = build_site(edited, edited / "site", site_url=f"{server.url}/")
    assert built.ok, built.log
    yield server
    server.stop()


def macros(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "macros", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_examples_pass_the_check(edited: Path) -> None:
    result = macros(edited, "check", str(edited / "content"))
    assert result.returncode == 0, result.stderr


def test_the_new_phrase_is_found_by_the_command(edited: Path, tmp_path: Path) -> None:
    transcript = tmp_path / "t.txt"
    transcript.write_text("你怎么不早说啊，我这就帮您办。\n", encoding="utf-8")
    result = macros(edited, "phrases", "--content", str(edited / "content"), str(transcript))
    assert result.returncode == 1
    assert f"{transcript}:1:1: 你怎么不早说" in result.stdout
    assert PHRASE["alternatives"][0] in result.stdout


@pytest.mark.build
def test_the_examples_appear_on_the_site(edited_site: SiteServer) -> None:
    site = edited_site.root
    phrasing = page(site, "phrasing")
    assert PHRASE["id"] in phrasing.ids and PHRASE["reason"] in phrasing.text
    assert STANDARD["id"] in page(site, "standards").ids
    assert f'data-item="{ITEM["id"]}"' in page(site, "checklists/banqian-zhunbei").source
    assert f'data-question="{QUESTION["id"]}"' in page(site, "quizzes/zice-guifan").source


@pytest.mark.browser
def test_the_new_phrase_is_marked_in_the_phrase_checker(
    edited_site: SiteServer, phone: Any
) -> None:

    phone.goto(edited_site.page_url("checker/"))
    box = phone.locator("textarea")
    box.fill("你怎么不早说啊")
    box.press("End")
    mark = phone.locator("mark").first
    mark.wait_for()
    assert mark.inner_text() == "你怎么不早说"
    assert PHRASE["alternatives"][0] in phone.locator("main").inner_text()
