"""Draw the web-app icons (PNG) from overrides/assets/icons/favicon.svg with Chromium.

Usage: .venv/bin/python scripts/make_icons.py   (the PNGs are committed; run again after
changing the SVG). Writes icon-192.png and icon-512.png (the SVG as it is),
icon-maskable-512.png (full-bleed background, glyph inside the safe zone) and
apple-touch-icon.png (180 px, opaque: iOS rounds the corners itself).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS

ICONS = ROOT / "overrides" / "assets" / "icons"


def full_bleed(svg: str, glyph_scale: float) -> str:
    """The SVG's rounded square as a plain square, with the glyph shrunk about the centre."""
    fill = re.search(r'<rect[^>]*fill="([^"]+)"', svg)
    paths = re.findall(r"<path[^>]*/>", svg)
    offset = 12 * (1 - glyph_scale)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
        f'<rect width="24" height="24" fill="{fill.group(1) if fill else "#3f51b5"}"/>'
        f'<g transform="translate({offset} {offset}) scale({glyph_scale})">{"".join(paths)}</g>'
        "</svg>"
    )


def main() -> None:
    svg = (ICONS / "favicon.svg").read_text(encoding="utf-8")
    icons = {
        "icon-192.png": (192, svg, True),
        "icon-512.png": (512, svg, True),
        # Maskable: the launcher may cut a circle; keep the glyph within the central 80%.
        "icon-maskable-512.png": (512, full_bleed(svg, 0.75), False),
        "apple-touch-icon.png": (180, full_bleed(svg, 0.9), False),
    }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for name, (size, source, transparent) in icons.items():
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(
                "<style>html,body{margin:0;background:transparent}svg{display:block;"
                f"width:{size}px;height:{size}px}}</style>{source}"
            )
            page.screenshot(path=str(ICONS / name), omit_background=transparent)
            page.close()
            print(ICONS / name)
        browser.close()


if __name__ == "__main__":
    main()
