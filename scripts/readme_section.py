"""Rewrite one figures section of README.md, between `<!-- NAME:begin -->` and `<!-- NAME:end -->`.

Shared by the benchmark scripts, so the README always shows their latest measurements.
"""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def rewrite_section(name: str, body: str, readme: Path = README) -> None:
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    text = readme.read_text(encoding="utf-8")
    if begin not in text or end not in text:
        raise SystemExit(f"{readme.name} has no {begin} … {end} markers")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    readme.write_text(f"{head}{begin}\n{body}\n{end}{tail}", encoding="utf-8")
    print(f"{readme.name} updated between {begin} and {end}")


def publish(name: str, body: str, *, readme_too: bool) -> None:
    """Print a benchmark's report and, unless asked not to, put it into the README."""
    print(body)
    if readme_too:
        rewrite_section(name, body)
