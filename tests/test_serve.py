"""`mkdocs serve` (the README's serve command) rebuilds when content or the macros change.

It serves the fixture handbook (tests/fixtures/handbook: the real code and config, a small
content), which rebuilds in a second where the real content takes several.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .support.browser import PHONE_CONTEXT, WITH_WORKER, WatchedBrowser
from .support.build import mkdocs_env
from .support.fixture import fixture_project

pytestmark = pytest.mark.build


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, text: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if text in last:
                return last
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared at {url}")


# `python -m mkdocs`, but with Ctrl-C handled as in an editor's terminal: a suite started in the
# background (`cmd &` in a script) ignores SIGINT, and an ignored signal stays ignored in every
# process started from it, so Ctrl-C would never reach the server.
MKDOCS_WITH_CTRL_C = (
    "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "from mkdocs.__main__ import cli; sys.exit(cli())"
)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """The server, stopped as an editor stops it (Ctrl-C); it must leave no temporary site
    folder behind, neither its own nor those of the processes it replaced on a code edit."""
    project = fixture_project(tmp_path / "project")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    log = tmp_path / "serve.log"
    port = free_port()
    with log.open("w", encoding="utf-8") as errors:
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                MKDOCS_WITH_CTRL_C,
                "serve",
                "--strict",
                "-a",
                f"127.0.0.1:{port}",
            ],
            cwd=project,
            env={**mkdocs_env(), "TMPDIR": str(temporary)},
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
    try:
        yield project, f"http://127.0.0.1:{port}/"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            raise AssertionError(
                "mkdocs serve did not stop on Ctrl-C; its log ends:\n"
                + log.read_text(encoding="utf-8")[-3000:]
            ) from None
    assert list(temporary.iterdir()) == []


# The page registers sw.js after load; wait for that worker's end, then list what is left.
WORKERS_AND_COPIES_LEFT = """async () => {
  const registration = await navigator.serviceWorker.register("../sw.js");
  const worker = registration.installing || registration.waiting || registration.active;
  while (worker.state !== "activated" && worker.state !== "redundant") {
    await new Promise((done) => worker.addEventListener("statechange", done, { once: true }));
  }
  for (let i = 0; i < 50 && (await navigator.serviceWorker.getRegistrations()).length; i++) {
    await new Promise((done) => setTimeout(done, 100));
  }
  return [(await navigator.serviceWorker.getRegistrations()).length, ...(await caches.keys())];
}"""


@pytest.mark.long
@pytest.mark.browser
def test_an_editors_preview_follows_every_edit_and_shows_slips_in_the_page(
    served: tuple[Path, str], browser: WatchedBrowser
) -> None:
    """One preview session, as an editor has it: content, template and code edits show up;
    a slip makes every page say what is wrong (the check's own Chinese messages) above the
    last content that passed, and saving the fix brings the page back."""
    project, url = served
    wait_for(f"{url}phrasing/", "禁语速查")

    # The preview keeps no offline copy: every save changes the pages (the foot said 网络断了
    # on every page, the copy never matching its list).
    context = browser.new_context(**PHONE_CONTEXT, **WITH_WORKER)
    page = context.new_page()
    page.goto(f"{url}phrasing/", wait_until="load")
    assert page.evaluate(WORKERS_AND_COPIES_LEFT) == [0]
    expect(page.locator(".hb-offline-status")).to_be_hidden()
    expect(page.locator(".hb-toast")).to_have_count(0)
    context.close()

    content = project / "content" / "phrasing.yml"
    text = content.read_text(encoding="utf-8")
    content.write_text(
        text.replace("title: 禁语速查", "title: 禁语速查（已改）", 1), encoding="utf-8"
    )
    wait_for(f"{url}phrasing/", "禁语速查（已改）")

    template = project / "macros" / "render" / "templates" / "_editor_meta.html"  # 来源：…
    template.write_text(
        template.read_text(encoding="utf-8").replace("来源：", "出处：", 1), encoding="utf-8"
    )
    wait_for(f"{url}phrasing/", "出处：")

    basics = project / "content" / "basics.yml"
    good = basics.read_text(encoding="utf-8")
    assert "        summary: " in good
    basics.write_text(good.replace("        summary: ", "        summary：", 1), encoding="utf-8")
    page = wait_for(f"{url}basics/", "内容检查发现 1 个问题")
    assert "用了全角冒号“：”" in page and "content/basics.yml:" in page
    assert "服务基础" in page  # the last content that passed, still readable
    assert "内容检查发现" in wait_for(f"{url}phrasing/", "禁语速查")  # on every page
    basics.write_text(good, encoding="utf-8")
    deadline = time.monotonic() + 90
    while "内容检查发现" in fetch(f"{url}basics/"):
        assert time.monotonic() < deadline, "the problems never went away"
        time.sleep(0.2)

    # A Python file of macros/ changed: the server restarts itself with the new code.
    module = project / "macros" / "render" / "renderer.py"
    source = module.read_text(encoding="utf-8")
    label = 'label = f"{place.where.file}:{place.where.line}"'  # renderer.editor_meta
    assert label in source
    module.write_text(source.replace(label, label[:-1] + '（新代码）"'), encoding="utf-8")
    wait_for(f"{url}phrasing/", "（新代码）")
