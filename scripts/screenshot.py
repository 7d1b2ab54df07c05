"""Screenshot pages of a built site at phone size, for looking at what we build.

Usage: .venv/bin/python scripts/screenshot.py SITE_DIR OUT_DIR PATH [PATH ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.support.server import serve


def main(site_dir: str, out_dir: str, *paths: str) -> None:
    server = serve(Path(site_dir))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(
            viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True
        )
        for path in paths:
            page.goto(server.page_url(path), wait_until="networkidle")
            name = path.strip("/").replace("/", "_").replace("#", "_") or "home"
            page.screenshot(path=str(out / f"{name}.png"), full_page="--full" in sys.argv)
            print(out / f"{name}.png")
        browser.close()
    server.stop()


if __name__ == "__main__":
    main(*[a for a in sys.argv[1:] if not a.startswith("--")])
