"""Our widget styles and scripts, served as one CSS and one JS file.

The sources stay one file per widget in overrides/assets/ (easy to read and lint); a phone on
shop Wi-Fi fetches two files instead of nine, and one gzip stream compresses them a fifth
better than nine separate ones. The build leaves the sources out of the site and writes each
bundle in their place; mkdocs.yml lists the bundles. The offline registration (offline.js) and
the search worker are loaded on their own and stay separate.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Final

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

# Bundle → its sources under the theme's custom_dir, in the order they must run.
BUNDLES: Final[MappingProxyType[str, tuple[str, ...]]] = MappingProxyType(
    {
        "assets/handbook.css": (
            "assets/css/handbook.css",
            "assets/css/checklist.css",
            "assets/css/quiz.css",
            "assets/css/checker.css",
            "assets/css/paper.css",
        ),
        "assets/handbook.js": (
            "assets/js/back-to-top.js",  # first: search.js and quiz.js use these two
            "assets/js/anchors.js",
            "assets/js/checklist.js",
            "assets/js/quiz.js",
            "assets/js/checker-core.js",  # before checker.js, which uses it
            "assets/js/checker.js",
            "assets/js/search.js",
            "assets/js/view.js",
            "assets/js/paper.js",
        ),
    }
)
# What ends one file and starts the next: a lone ";" keeps JS files from running together.
JOINER: Final = MappingProxyType({".css": "\n", ".js": "\n;\n"})


def bundle_text(custom: Path, bundle: str) -> str:
    joiner = JOINER[Path(bundle).suffix]
    return joiner.join(
        (custom / source).read_text(encoding="utf-8") for source in BUNDLES[bundle]
    )


def replace_sources(files: Files, config: MkDocsConfig, custom: Path) -> None:
    """Leave the bundled sources out of the site and add each bundle in their place."""
    sources = {source for group in BUNDLES.values() for source in group}
    for file in [f for f in files if f.src_uri in sources]:
        files.remove(file)
    for bundle in BUNDLES:
        files.append(File.generated(config, bundle, content=bundle_text(custom, bundle)))
