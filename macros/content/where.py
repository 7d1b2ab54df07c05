"""Where a value came from: a content file, a line and column, and its key path."""

from __future__ import annotations

from dataclasses import dataclass

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """Render `("sections", 0, "title")` as `sections[0].title`, the way editors read YAML."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass(frozen=True)
class Where:
    file: str
    line: int = 0
    column: int = 0
    path: Path = ()

    @classmethod
    def unknown(cls) -> Where:
        return cls(file="")

    def within(self, *keys: str | int) -> Where:
        """A value inside the object at this place: its key path, still the object's line (the
        file's own line for it: yaml_source.on_its_line)."""
        return Where(self.file, self.line, self.column, (*self.path, *keys))

    def __str__(self) -> str:
        place = self.file
        if self.line:
            place += f":{self.line}"
            if self.column:
                place += f":{self.column}"
        return place
