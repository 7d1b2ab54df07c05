"""Offline copy of the handbook: the web-app manifest and a service worker with a precache list.

Runs last after each build, when every file of the site is final. The service worker
(`sw.js`, source in `macros/site/sw.js`) gets the list of every file a reader can need
with a hash of each, and a build hash over all of them that names its cache: a new build gets
a new cache, filled completely before it is used, so pages of two builds never mix.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from mkdocs.config.defaults import MkDocsConfig

from .search_index import HANDBOOK_INDEX, material_index_path

log = logging.getLogger("mkdocs.plugins.handbook.offline")

SW_SOURCE: Final = Path(__file__).parent / "sw.js"
MANIFEST: Final = "manifest.webmanifest"
SHORT_NAME: Final = "服务手册"  # fits under a home-screen icon

# Never needed by a reader: source maps (developer tools), the pre-compressed sitemap, the
# YAML copies behind "edit" (editors work online), and the service worker itself.
# What no page uses: Material's own search worker (config.search names ours, main.html) and
# its PNG favicon (ours is the SVG); 52 KB every phone downloaded for nothing.
NOT_CACHED: Final = (
    "*.map",
    "sitemap.xml.gz",
    "_content/*",
    "sw.js",
    "assets/javascripts/workers/search.*.min.js",
    "assets/images/favicon.png",
)
LUNR_DIR: Final = "assets/javascripts/lunr"
# Saved first, alone, before the rest (sw.js, `precache`): what the first search needs, which
# on a weak line had waited a minute behind the whole copy.
SAVED_FIRST: Final = (
    f"search/{HANDBOOK_INDEX}",
    "assets/javascripts/workers/search-core.js",  # the engine, which the worker imports
)


@dataclass(frozen=True)
class CachedFile:
    url: str  # as pages link to it, relative to the site root: `phrasing/`, `assets/…`
    path: str  # the file to download: `phrasing/index.html`
    sha: str  # first 16 hex digits of its SHA-256
    size: int  # bytes: the copy's progress counts them (small files went by in a flash)

    def as_json(self) -> list[str | int]:
        return [self.url, self.path, self.sha, self.size]


# Under `mkdocs serve`: a worker that keeps nothing and removes any earlier one (its file says why).
PREVIEW_SOURCE: Final = Path(__file__).parent / "sw-preview.js"


def write_service_worker(config: MkDocsConfig, *, preview: bool = False) -> None:
    """Called last after the build, when every file of the site is final."""
    site = Path(config.site_dir)
    if preview:
        (site / "sw.js").write_text(PREVIEW_SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
        return
    files = precache_list(site)
    build = build_hash(files)
    (site / "sw.js").write_text(service_worker(build, files), encoding="utf-8")
    log.debug("offline copy: %d files, build %s", len(files), build)


def url_of(path: str) -> str:
    """Pages are linked as directories (`phrasing/`), everything else by its file name."""
    if path == "index.html":
        return "./"
    if path.endswith("/index.html"):
        return path[: -len("index.html")]
    return path


def precache_list(site: Path) -> list[CachedFile]:
    files = []
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        path = file.relative_to(site).as_posix()
        if any(fnmatch.fnmatch(path, pattern) for pattern in NOT_CACHED):
            continue
        data = file.read_bytes()
        sha = hashlib.sha256(data).hexdigest()[:16]
        files.append(CachedFile(url_of(path), path, sha, len(data)))
    return files


def build_hash(files: list[CachedFile]) -> str:
    digest = hashlib.sha256()
    for file in files:
        digest.update(f"{file.url}\0{file.sha}\n".encode())
    return digest.hexdigest()[:16]


def service_worker(build: str, files: list[CachedFile]) -> str:
    first = [file.url for file in files if file.url in SAVED_FIRST]
    data = {"hash": build, "files": [file.as_json() for file in files], "first": first}
    header = "const BUILD = " + json.dumps(data, separators=(",", ":")) + ";\n"
    return header + SW_SOURCE.read_text(encoding="utf-8")


def lunr_files_needed(languages: list[str]) -> set[str]:
    """The files Material's search worker imports for these languages (see its `setupSearchLanguages`)."""
    needed = set()
    for lang in languages:
        if lang == "ja":
            needed.add("tinyseg.js")
        elif lang in ("hi", "th"):
            needed.add("wordcut.js")
        if lang != "en":
            needed.add(f"min/lunr.{lang}.min.js")
    if len(languages) > 1:
        needed.add("min/lunr.multi.min.js")
    if needed:
        needed.add("min/lunr.stemmer.support.min.js")
    return needed


def remove_unused_lunr(site: Path) -> None:
    """Delete the lunr language files the search index does not ask for (about 1.2 MB)."""
    index = material_index_path(site)
    lunr = site / LUNR_DIR
    if not index.is_file() or not lunr.is_dir():
        return
    languages = json.loads(index.read_text(encoding="utf-8"))["config"]["lang"]
    needed = lunr_files_needed(languages)
    for file in lunr.rglob("*.js"):
        if file.relative_to(lunr).as_posix() not in needed:
            file.unlink()
    for folder in sorted(lunr.rglob("*"), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def theme_color(config: MkDocsConfig) -> str:
    """The header colour (`extra.theme_color` in mkdocs.yml), also used by `overrides/main.html`."""
    return str(config.extra["theme_color"])


def manifest(config: MkDocsConfig) -> dict[str, object]:
    icons = "assets/icons/"
    return {
        "id": "./",
        "name": config.site_name,
        "short_name": SHORT_NAME,
        "description": config.site_description or config.site_name,
        "lang": "zh-CN",
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": theme_color(config),
        "icons": [
            {"src": icons + "icon-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": icons + "icon-512.png", "sizes": "512x512", "type": "image/png"},
            {
                "src": icons + "icon-maskable-512.png",
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
            {"src": icons + "favicon.svg", "sizes": "any", "type": "image/svg+xml"},
        ],
    }


def write_manifest(config: MkDocsConfig, site: Path) -> None:
    text = json.dumps(manifest(config), ensure_ascii=False, indent=2) + "\n"
    (site / MANIFEST).write_text(text, encoding="utf-8")
