"""Playwright driving Debian's Chromium against the built site on a loopback server.

Never downloads a browser. Without /usr/bin/chromium the browser tests are skipped on a
developer's machine and fail in CI (CI=true), where a missing browser must not pass quietly.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, run_build

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}


class QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - the stdlib API is a class attribute
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".json": "application/json",
        ".webmanifest": "application/manifest+json",
        ".svg": "image/svg+xml",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class SiteServer:
    root: Path
    url: str
    server: ThreadingHTTPServer

    def page_url(self, path: str = "") -> str:
        return f"{self.url}/{path.lstrip('/')}"


def serve(root: Path) -> SiteServer:
    handler = functools.partial(QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return SiteServer(root, f"http://127.0.0.1:{server.server_address[1]}", server)


@pytest.fixture(scope="session")
def served_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, SiteServer]]:
    """The real content, built once per test session with --strict, for a loopback server that
    serves it (the server is bound first, so the build knows its address)."""
    site = tmp_path_factory.mktemp("site")
    server = serve(site)
    result = run_build(ROOT, site, site_url=f"{server.url}/")
    assert result.returncode == 0, (
        f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    )
    yield site, server
    server.server.shutdown()


@pytest.fixture(scope="session")
def site(served_build: tuple[Path, SiteServer]) -> SiteServer:
    """The real site on a loopback server, built for that address (instant navigation works)."""
    return served_build[1]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: apt-get install -y chromium fonts-noto-cjk"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@dataclass
class ConsoleLog:
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def console() -> ConsoleLog:
    return ConsoleLog()


def _watched_page(browser: Any, console: ConsoleLog, **options: Any) -> tuple[Any, Any]:
    """A page in a fresh context that records console errors and uncaught exceptions."""
    context = browser.new_context(locale="zh-CN", **options)
    page = context.new_page()
    page.on(
        "console", lambda message: message.type == "error" and console.errors.append(message.text)
    )
    page.on("pageerror", lambda error: console.errors.append(str(error)))
    return context, page


@pytest.fixture
def phone(browser: Any, console: ConsoleLog) -> Iterator[Any]:
    """A fresh phone-sized page (390x844, touch) that records console errors."""
    context, page = _watched_page(
        browser, console, viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    yield page
    context.close()


@pytest.fixture
def desktop(browser: Any, console: ConsoleLog) -> Iterator[Any]:
    context, page = _watched_page(browser, console, viewport={"width": 1280, "height": 900})
    yield page
    context.close()
