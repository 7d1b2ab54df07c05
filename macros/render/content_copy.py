"""Read-only copies of the content files for a preview without a repository: "edit this" and an
entry's file:line open `_content/<file>.yml.html` at the line (a raw .yml was downloaded, not
shown, and an editor could change that copy in vain)."""

from __future__ import annotations

from pathlib import Path

import jinja2


def write_copies(templates: jinja2.Environment, content_dir: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    template = templates.get_template("content_copy/page.html")
    for path in sorted(content_dir.glob("*.yml")):
        text = path.read_text(encoding="utf-8", errors="replace")
        page = template.render(file=f"content/{path.name}", lines=text.splitlines())
        (target / f"{path.name}.html").write_text(page, encoding="utf-8")
