"""Offline browsing in tests: a built site on a server that can be cut, and what pages asked for."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.site import offline

from .server import SiteServer

READY = """async () => {
  const registration = await navigator.serviceWorker.ready;
  return !!(registration.active && navigator.serviceWorker.controller);
}"""


def site_pages(site: Path) -> list[str]:
    """URLs (relative to the site root) of every page a reader can open."""
    return sorted(
        offline.url_of(p.relative_to(site).as_posix())
        for p in site.rglob("index.html")
        if not p.relative_to(site).as_posix().startswith("_")
    )


@dataclass
class LiveSite:
    """A built site on a server that the test can stop (no network) and start again."""

    server: SiteServer

    @property
    def root(self) -> Path:
        return self.server.root

    def url_of(self, address: str) -> str:
        """The site-root URL (`phrasing/`) of an address in the browser."""
        return address.removeprefix(self.server.url + "/").split("#", 1)[0]

    def title_of(self, url: str) -> str:
        source = (self.root / url / "index.html").read_text(encoding="utf-8")
        match = re.search(r"<title>(.*?)</title>", source)
        assert match is not None, url
        return html.unescape(match.group(1))


@dataclass
class Traffic:
    """What a page asked for: everything must be answered, by the service worker when offline."""

    failed: list[str]
    answered: list[tuple[str, bool]]

    @classmethod
    def watch(cls, page: Any) -> Traffic:
        traffic = cls([], [])
        page.on("requestfailed", traffic._failed)
        page.on("response", lambda r: traffic.answered.append((r.url, r.from_service_worker)))
        return traffic

    def _failed(self, request: Any) -> None:
        # ERR_ABORTED: the test moved on to the next page before the request finished; that
        # says nothing about the offline copy (a missing file fails with ERR_FAILED).
        if "ERR_ABORTED" not in str(request.failure):
            self.failed.append(f"{request.url} {request.failure}")

    def clear(self) -> None:
        self.failed.clear()
        self.answered.clear()


def visit_once_and_wait_for_the_offline_copy(page: Any, live: LiveSite) -> None:
    page.goto(live.server.page_url(), wait_until="load")
    page.wait_for_function(READY, timeout=30_000)


# assets/offline.js (the taps it takes over while no copy is saved) has run: widgets.js loads it
# once the page is in, and hbScript settles for a script once it has run (or failed).
OFFLINE_SCRIPT_RAN = """async () => {
  let script;
  while (!(script = [...document.scripts].find((s) => s.src.endsWith("offline.js"))))
    await new Promise((done) => setTimeout(done, 20));
  await window.hbScript(script.src);
}"""


def wait_for_the_offline_script(page: Any) -> None:
    """A tap right after the page is in may come before assets/offline.js has run: the browser
    then followed the link to its own error page (seen once in CI, under load)."""
    page.evaluate(OFFLINE_SCRIPT_RAN)


def go_offline(live: LiveSite, context: Any) -> None:
    """The network goes away: the server stops and the browser is told it is offline."""
    live.server.stop()
    context.set_offline(True)


def tap_next(page: Any) -> str | None:
    """Tap the "next page" link at the bottom of the page; returns its address, or None at the end."""
    link = page.locator("a.md-footer__link--next")
    if link.count() == 0:
        return None
    href = link.evaluate("a => a.href")
    link.click()
    return str(href)


def wait_for_page(page: Any, live: LiveSite, url: str, title: str | None = None) -> None:
    """Instant navigation fires no load event: wait for the address, then the new title."""
    page.wait_for_url(lambda address: live.url_of(address) == url, wait_until="commit")
    page.wait_for_function("title => document.title === title", arg=title or live.title_of(url))
