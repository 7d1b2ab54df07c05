"""A loopback web server that compresses text with gzip, as any real host does.

Lighthouse's simulated slow network is computed from the bytes actually transferred, so an
uncompressed local server would make every page look three times heavier than it is.
"""

from __future__ import annotations

import functools
import gzip
import io
import sys
import threading
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.support.server import QuietHandler  # the tests' static handler and MIME types
from tests.support.traffic import COMPRESSED, GZIP_LEVEL  # compressed as the tests count it


class _Handler(QuietHandler):
    """The tests' static handler, answering with gzip like a real host."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        if not self.path.split("?", 1)[0].endswith(("/", path.name)):
            return super().send_head()  # the directory redirect
        body = gzip.compress(path.read_bytes(), GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@dataclass
class Server:
    root: Path
    url: str
    server: ThreadingHTTPServer

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def start(root: Path) -> Server:
    handler = functools.partial(_Handler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return Server(root, f"http://127.0.0.1:{server.server_address[1]}", server)
