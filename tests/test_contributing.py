"""CONTRIBUTING.md's worked examples work as written: a new editor who copies them gets a valid
handbook with the new phrase on its page and in the phrase checker, the new standard, procedure,
checklist item and quiz question."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .support import ROOT
from .support.build import build_site, copy_project
from .support.contributing import HEADINGS, apply_examples, example
from .support.html import page
from .support.server import SiteServer, serve

pytestmark = pytest.mark.xdist_group("contributing")  # its tests share a build: one worker

PHRASE, STANDARD, PROCEDURE, ITEM, QUESTION, APPROVED = (example(kind) for kind in HEADINGS)


@pytest.fixture(scope="session")  # once per worker, however tests interleave
def edited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with the worked examples pasted where CONTRIBUTING says, as text
    (comments, schema line and order of the files untouched), as an editor would."""
    project = copy_project(tmp_path_factory.mktemp("edited") / "project", tests=True)
    apply_examples(project)
    return project


@pytest.fixture(scope="session")  # once per worker, however tests interleave
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
    # Nor a hint more than the content has without them: the quiz example's right option,
    # twice as long as the wrong ones, was told 不看内容也能猜到答案.
    before = macros(ROOT, "check", str(ROOT / "content"))
    hints = [re.findall(r"另有 (\d+) 条建议", r.stdout) for r in (before, result)]
    assert hints[0] == hints[1], result.stdout


def test_the_new_phrase_is_found_by_the_command(edited: Path, tmp_path: Path) -> None:
    transcript = tmp_path / "t.txt"
    transcript.write_text("你在这签个字就行了，别的不用看。\n", encoding="utf-8")
    result = macros(edited, "phrases", "--content", str(edited / "content"), str(transcript))
    assert result.returncode == 1
    assert f"{transcript}:1:1: 你在这签个字就行" in result.stdout
    assert PHRASE["alternatives"][0] in result.stdout


@pytest.mark.build
def test_the_examples_appear_on_the_site(edited_site: SiteServer) -> None:
    site = edited_site.root
    phrasing = page(site, "phrasing")
    assert PHRASE["id"] in phrasing.ids and PHRASE["reason"] in phrasing.text
    assert APPROVED["id"] in phrasing.ids and APPROVED["use"] in phrasing.text
    assert STANDARD["id"] in page(site, "standards").ids
    communication = page(site, "communication")
    steps = [step["id"] for step in PROCEDURE["steps"]]
    assert {PROCEDURE["id"], *steps} <= set(communication.ids)
    assert all(step["say"][0] in communication.text for step in PROCEDURE["steps"])
    assert f'data-item="{ITEM["id"]}"' in page(site, "checklists/banqian-zhunbei").source
    assert f'data-question="{QUESTION["id"]}"' in page(site, "quizzes/zice-guifan").source
    # The question's wrong option says why in the answer key.
    guifan = page(site, "quizzes/zice-guifan").text
    whys = [o["why"] for o in QUESTION["options"] if "why" in o]
    assert whys and all(why in guifan for why in whys)
    # Its 禁语自测 question offers the near misses the example wrote as the wrong replies.
    quiz = page(site, "quizzes/zice-jinyu").text
    assert all(miss["text"] in quiz for miss in PHRASE["near_misses"])


@pytest.mark.browser
def test_the_new_phrase_is_marked_in_the_phrase_checker(
    edited_site: SiteServer, phone: Any
) -> None:

    phone.goto(edited_site.page_url("checker/"))
    box = phone.locator("textarea")
    box.fill("你在这签个字就行了")
    box.press("End")
    mark = phone.locator("mark").first
    mark.wait_for()
    assert mark.inner_text() == "你在这签个字就行"
    assert PHRASE["alternatives"][0] in phone.locator("main").inner_text()


# The content checks CI runs on the real content: the edited copy must pass them all, not only
# `macros check` (last round the documented example failed two of them).
CONTENT_TESTS = (  # the rules CI holds content to; the copy's site is built by the tests above
    "tests/unit/test_seed_facts.py",
    "tests/test_inventory_coverage.py",
    "tests/test_checker_corpus.py",
    "tests/test_checker_tone.py::test_the_weights_were_learned_from_the_corpus_as_it_is",
    "tests/test_checker_patterns.py::test_nothing_the_handbook_tells_staff_to_say_is_flagged",
    "tests/test_schema.py",
    "tests/test_loader.py::test_real_content_loads",
)


@pytest.mark.build
def test_the_edited_copy_passes_the_content_tests(edited: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-x",
            "-n",
            "0",  # a handful of fast tests: worker processes would cost more than they save
            "-m",
            "not browser",
            "-k",  # what the schema and the loader reject: code, tested on the fixture content
            "not what_the_loader_rejects",
            *CONTENT_TESTS,
        ],
        cwd=edited,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_the_windows_steps_install_the_handbook_plugin_as_the_scripts_do() -> None:
    """Windows has no scripts/serve: the guide's PowerShell lines must install the project
    itself too, as scripts/_setup.sh does (MkDocs finds the handbook plugin through the
    project's entry point; without it the preview stops with “plugin is not installed”)."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    found = re.search(r"```powershell\n(.*?)```", guide, re.S)
    assert found, "CONTRIBUTING.md has the Windows steps in a powershell block"
    steps = found.group(1)
    assert "-e ." in (ROOT / "scripts" / "_setup.sh").read_text(encoding="utf-8")
    assert re.search(r"pip install (--no-deps )?-e \.", steps), steps
    assert "pip install -r requirements.txt" in steps, steps
    # ... and preview as scripts/serve does: strict, without Material's end-of-life banner
    assert "mkdocs serve --strict" in steps and "NO_MKDOCS_2_WARNING" in steps, steps
