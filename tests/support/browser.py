"""Debian's Chromium, as the tests and the benchmark scripts drive it (never a downloaded browser)."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .server import NO_SEARCH_COOKIE

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Work the tests never need: extensions, background throttling of timers. No
    # --disable-features here: Chromium keeps the last one given, so it would replace
    # Playwright's own list (PaintHolding, HttpsUpgrades, MediaRouter, OptimizationHints, …).
    "--disable-extensions",
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--mute-audio",
]
PHONE = {"width": 390, "height": 844}
PHONE_CONTEXT: dict[str, Any] = {
    "viewport": PHONE,
    "device_scale_factor": 1,  # layout is in CSS pixels; twice the pixels only costs paint time
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP_CONTEXT: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}
# Pages register the service worker, which then downloads the whole site in the background
# (CPU the suite pays for) and says so in a toast over the page: only the tests of what it
# does ask for it; every other context blocks it.
NO_WORKER: dict[str, Any] = {"service_workers": "block"}
WITH_WORKER: dict[str, Any] = {"service_workers": "allow"}

# Material's instant navigation takes over only the links listed in sitemap.xml, which it
# fetches after the page has loaded: a tap before that reloads the page in full.
SITEMAP_FETCHED = """() => performance.getEntriesByType("resource")
  .some((entry) => new URL(entry.name).pathname.endsWith("/sitemap.xml"))"""
TWO_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"

# What a screen reader hears of a toast: [role, words] as each goes into the page (a live
# region must be there before its words: window.hbToast). As a page's init script, or evaluated.
WATCH_TOASTS = """window.hbLive = []; new MutationObserver((records) => { for (const r of records)
  for (const n of r.addedNodes) if (n.classList?.contains("hb-toast"))
    window.hbLive.push([n.getAttribute("role"), n.textContent]); })
  .observe(document, { childList: true, subtree: true });"""


def count_rewrites(page: Any, selector: str) -> Callable[[], int]:
    """From now on, how many times the element's contents were written (each burst of
    changes in one task counts once): a live region rewritten with the same words is read
    out again, a whole text re-rendered costs a frame."""
    seen = page.evaluate_handle(
        """(selector) => { const seen = { count: 0 };
          new MutationObserver(() => seen.count++).observe(
            document.querySelector(selector), { childList: true, subtree: true });
          return seen; }""",
        selector,
    )
    return lambda: int(seen.evaluate("(seen) => seen.count"))


@contextmanager
def restyles(page: Any, trace: Path) -> Iterator[list[int]]:
    """How many elements each of the page's style updates touched while the block ran, from
    Chromium's trace (not a timing: a page-wide restyle is the cost on a slow phone)."""
    counts: list[int] = []
    browser = page.context.browser
    browser.start_tracing(page=page, path=str(trace), categories=["devtools.timeline"])
    try:
        yield counts
    finally:
        browser.stop_tracing()
    for event in json.loads(trace.read_text(encoding="utf-8"))["traceEvents"]:
        if event["name"] == "UpdateLayoutTree" and "elementCount" in event.get("args", {}):
            counts.append(event["args"]["elementCount"])


def wait_for_instant_navigation(page: Any) -> None:
    """Wait until a tap on a page link is taken over by instant navigation (the sitemap has
    arrived and been read)."""
    page.wait_for_function(SITEMAP_FETCHED)
    page.evaluate(TWO_FRAMES)


def keys_heard(page: Any) -> None:
    """Wait until what only a keyboard needs has come (assets/js/keyboard.js, which the page
    loads once it is in): a test's first key may follow the load by a millisecond."""
    page.wait_for_function("() => window.hbKeyboard")


def deliver_until(page: Any, done: Callable[[], bool], what: str, seconds: float = 10) -> None:
    """Let Playwright deliver the browser's events (route handlers and listeners run only
    then) until `done()`, which reads what they recorded on the Python side."""
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, what
        page.wait_for_timeout(20)


# Instant navigation changes the address at the tap (or Back) and the page only once it has
# fetched the new one: a test that waits for the address alone goes on with the old page.
MARK_PAGE = "() => { window.__hbLeft = document.querySelector('[data-md-component=container]') }"
PAGE_REPLACED = """() => {
  const now = document.querySelector('[data-md-component=container]');
  return now !== null && now !== window.__hbLeft;
}"""


@contextmanager
def leaving_page(page: Any) -> Iterator[None]:
    """Wait, after what the block does (a tap on a link to another page, Back), until the new
    page is in, whether instant navigation swapped it in or the browser loaded it."""
    page.evaluate(MARK_PAGE)
    yield
    page.wait_for_function(PAGE_REPLACED)


@dataclass
class ConsoleLog:
    """Console errors and uncaught exceptions of every page a test opened."""

    errors: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=list)

    def allow(self, pattern: str) -> None:
        """A test that provokes an error on purpose says which one."""
        self.allowed.append(re.compile(pattern))

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.allowed)]


class SharedContext:
    """One browser context that the tests of a worker take turns on, and one page in it that
    they take turns on too: a new context costs a second of CPU (a renderer process, fonts,
    storage), a new page in a warm one a quarter of a second (a renderer process of its own),
    a return to about:blank a tenth of that. Between tests, `clean` clears what a test can
    leave behind: the page's document (about:blank), storage of every origin, cookies, offline
    mode, other pages.

    A test that changes the context itself in a way `clean` cannot undo (a fake clock, an
    init script or a route for every page, permissions) leaves it `tainted`: the context is
    closed after that test and the next test gets a new one. One that changes the page in such
    a way (a listener, an init script or route of the page's own, its viewport) leaves the page
    tainted: the next test gets a new page. Print emulation (`emulate_media(media=...)`, many
    tests) is switched off again instead. A test that needs options of its own (service
    workers, a time zone) makes its own context with `browser.new_context`.
    """

    LASTING = (  # BrowserContext methods whose effect outlives the test
        "add_init_script",
        "route",
        "route_from_har",
        "route_web_socket",
        "grant_permissions",
        "set_geolocation",
        "set_extra_http_headers",
        "expose_binding",
        "expose_function",
    )
    PAGE_LASTING = (  # Page methods whose effect outlives the document
        *LASTING,
        "on",
        "once",
        "set_viewport_size",
        "add_locator_handler",
        "set_default_timeout",
        "set_default_navigation_timeout",
    )
    CLOCK = ("install", "fast_forward", "pause_at", "resume", "run_for")
    CLOCK += ("set_fixed_time", "set_system_time")

    def __init__(self, browser: Any, options: dict[str, Any]) -> None:
        self.log = ConsoleLog()
        self.tainted = False
        self.context = browser.new_context(locale="zh-CN", **options)
        self.context.on("console", self._on_console)
        self.context.on("weberror", lambda error: self.log.errors.append(str(error.error)))
        self._page: Any = None
        self._page_tainted = False
        self._media_emulated = False
        # A CDP session on a page of its own clears storage: one on the test page would make
        # Chromium drop the page's media emulation at its next navigation. Made at the first
        # `clean` (a context tainted in its first test is closed without one).
        self._janitor: Any = None
        self._janitor_page: Any = None
        self._watch(self.context, self.LASTING, "tainted")
        self._watch(self.context.clock, self.CLOCK, "tainted")

    def _watch(self, owner: Any, names: tuple[str, ...], flag: str) -> None:
        for name in names:
            if hasattr(owner, name):
                setattr(owner, name, self._tainting(getattr(owner, name), flag))

    def _tainting(self, method: Any, flag: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            setattr(self, flag, True)
            return method(*args, **kwargs)

        return call

    def _emulating(self, method: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            if args or set(kwargs) - {"media"}:
                self._page_tainted = True  # colour scheme, motion, …: a new page is simpler
            else:
                self._media_emulated = True
            return method(*args, **kwargs)

        return call

    def _on_console(self, message: Any) -> None:
        if message.type == "error":
            self.log.errors.append(message.text)

    def _fresh_page(self) -> Any:
        self._page = self.context.new_page()
        self._page_tainted = False
        self._media_emulated = False
        self._watch(self._page, self.PAGE_LASTING, "_page_tainted")
        self._page.emulate_media = self._emulating(self._page.emulate_media)
        return self._page

    def new_page(self, log: ConsoleLog, *, searches: bool, origins: list[str]) -> Any:
        """The page for one test, reporting to its console log. Unless the test `searches`,
        the servers of `origins` hold back the search index (tests/support/server.py)."""
        self.log = log
        if not searches:
            self.context.add_cookies(
                [{"name": NO_SEARCH_COOKIE, "value": "1", "url": o} for o in origins]
            )
        if self._page is None or self._page.is_closed():
            return self._fresh_page()
        # In front, as a new page would be: a page made or closed since (the janitor's, one
        # the last test opened) leaves Chromium delaying this one's animation frames and
        # timers by up to a second.
        self._page.bring_to_front()
        return self._page

    def clean(self, origins: list[str]) -> None:
        if self._janitor is None:
            self._janitor_page = self.context.new_page()
            self._janitor = self.context.new_cdp_session(self._janitor_page)
        for page in self.context.pages:
            if page is not self._page and page is not self._janitor_page:
                page.close()
        if self._page is not None and not self._page.is_closed() and not self._page_tainted:
            self._page.goto("about:blank")  # the test's document goes, with its scripts
            if self._media_emulated:
                self._page.emulate_media(media="null")  # as a new page: no media emulation
                self._media_emulated = False
        else:
            if self._page is not None and not self._page.is_closed():
                self._page.close()
            self._page = None  # the next test gets a new one
        self.context.set_offline(False)
        self.context.clear_cookies()
        for origin in origins:
            self._janitor.send(
                "Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"}
            )
        self.log = ConsoleLog()  # errors after the test are no test's


class WatchedBrowser:
    """The browser, but every context it opens reports console errors to `log` and, unless
    asked `WITH_WORKER`, blocks the service worker."""

    def __init__(self, browser: Any, log: ConsoleLog) -> None:
        self._browser = browser
        self.log = log

    def new_context(self, **options: Any) -> Any:
        options.setdefault("locale", "zh-CN")
        options = {**NO_WORKER, **options}
        context = self._browser.new_context(**options)

        def on_console(message: Any) -> None:
            if message.type == "error":
                self.log.errors.append(message.text)

        context.on("console", on_console)
        context.on("weberror", lambda error: self.log.errors.append(str(error.error)))
        return context

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)
