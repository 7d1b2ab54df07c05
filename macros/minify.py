"""Minify the project's own JavaScript and CSS in the built site (in place, same names).

Staff load the handbook over weak shop Wi-Fi; comments and indentation in our widget files cost
about a fifth of their gzip size. Source files in overrides/ stay readable; only the copies in
site/ are minified, after the build and before the offline cache list is computed.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig

MINIFIERS = {
    ".js": lambda text: rjsmin.jsmin(text, keep_bang_comments=False),
    ".css": lambda text: rcssmin.cssmin(text, keep_bang_comments=False),
}


def own_assets(config: MkDocsConfig) -> list[Path]:
    """Site paths of the JS and CSS files that come from our overrides/ folder."""
    custom = Path(config.theme.custom_dir)
    site = Path(config.site_dir)
    found = []
    for source in sorted(custom.rglob("*")):
        if source.suffix in MINIFIERS and source.is_file():
            target = site / source.relative_to(custom)
            if target.is_file():
                found.append(target)
    return found


def minify_assets(config: MkDocsConfig) -> None:
    for path in own_assets(config):
        text = path.read_text(encoding="utf-8")
        path.write_text(MINIFIERS[path.suffix](text).strip() + "\n", encoding="utf-8")
