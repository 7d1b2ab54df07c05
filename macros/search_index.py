"""Search index additions for Chinese queries (issue 6). Stub until implemented."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig


def augment(config: MkDocsConfig) -> None:
    """Called after the build, before the offline cache list is written."""
