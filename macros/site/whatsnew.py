"""What changed since a phone's last visit: the build's side.

The build serves the content manifest (`macros/content/manifest.py`) at MANIFEST_URL, where
the service worker keeps it with the rest of the offline copy, and names the manifest's stamp
in the first lines of the common script (`window.hbContent`, bundles.common_head), which
every page loads; the pages themselves do not carry it, so an edit to one entry changes only
the pages that show the entry. The common script (assets/js/whatsnew-loader.js) compares
that stamp with the one the phone stored and only then loads assets/whatsnew.js, which
fetches the manifest: a page itself never carries it.
"""

from __future__ import annotations

from typing import Any, Final

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from ..content.chapter_pages import nav_files
from ..content.manifest import manifest_json

MANIFEST_URL: Final = "assets/whatsnew.json"


def nav_order(config: MkDocsConfig) -> list[str]:
    """Group keys in the order the nav lists their pages: `phrasing.md` → phrasing,
    `checklists/index.md` → checklists."""
    return [
        page.removesuffix("/index.md").removesuffix(".md")
        for page in nav_files(config.nav or [])
        if page.endswith(".md")
    ]


def manifest_file(config: MkDocsConfig, manifest: dict[str, Any]) -> File:
    return File.generated(config, MANIFEST_URL, content=manifest_json(manifest))
