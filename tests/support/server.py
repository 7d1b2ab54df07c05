"""A loopback static file server for built sites, with the MIME types a browser needs and the
site's own 404.html for an address it lacks (as GitHub Pages, which publishes the handbook)."""

from __future__ import annotations

import functools
import io
import sys
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

# A browser that never searches need not build the search index (0.4 s of CPU, 1.5 s after
# every page load): pages of a context carrying this cookie get no index, as if offline.
NO_SEARCH_COOKIE = "hb-test-no-search"
SEARCH_INDEX = "/search/handbook_index.json"


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

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        # What the server answered, for a test that counts downloads (see SiteServer.answered).
        answered = getattr(self.server, "answered", None)
        if answered is not None:
            answered.append((self.path, int(code) if str(code).isdigit() else 0))

    def send_head(self) -> Any:
        if self.path.endswith(SEARCH_INDEX) and NO_SEARCH_COOKIE in self.headers.get("Cookie", ""):
            self.send_error(404)
            return None
        not_found = Path(self.directory) / "404.html"
        if not Path(self.translate_path(self.path)).exists() and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()


class ReusableServer(ThreadingHTTPServer):
    allow_reuse_address = True  # a stopped site can start again on its port (same site_url)
    daemon_threads = True
    answered: list[tuple[str, int]]  # (path, status) of every request, in order

    def server_activate(self) -> None:
        self.answered = []
        super().server_activate()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that moves on mid-download closes the connection; that is not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


ORIGINS: set[str] = set()  # of every server this process started: what a browser may have seen


@dataclass
class SiteServer:
    """Serves `root` at `url`; `stop()` cuts the network, `start()` brings it back."""

    root: Path
    port: int
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def page_url(self, path: str = "") -> str:
        return f"{self.url}/{path.lstrip('/')}"

    def start(self) -> SiteServer:
        handler = functools.partial(QuietHandler, directory=str(self.root))
        self.server = ReusableServer(("127.0.0.1", self.port), handler)
        self.port = self.server.server_address[1]
        ORIGINS.add(self.url)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    @property
    def answered(self) -> list[tuple[str, int]]:
        """(path, status) of every request since the server (re)started, in order."""
        return self.server.answered if isinstance(self.server, ReusableServer) else []

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


def serve(root: Path) -> SiteServer:
    """Serve `root` on a free port (bound before anything is built into it)."""
    return SiteServer(root, 0).start()
