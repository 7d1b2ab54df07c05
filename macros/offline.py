"""Service worker and web-app manifest for offline use (issue 7). Stub until implemented."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig


def write_service_worker(config: MkDocsConfig) -> None:
    """Called last after the build, when every file of the site is final."""
