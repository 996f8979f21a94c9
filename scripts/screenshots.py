"""The README's screenshots (docs/screenshots/), of a running `make run` (seed_demo's Werkprogramma 2024 data),
in Debian's Chromium through Playwright (never a downloaded browser):

    make run PORT=8765 &   # or any server of the demo data
    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8765
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PASSWORD = "wpsite-demo"  # noqa: S105 (seed_demo's documented demo password)
DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 375, "height": 812}
# (file, user, path, viewport, full page up to this height or None for the first screen)
SHOTS = [
    ("login", None, "/accounts/login/", DESKTOP, None),
    ("dashboard", "medewerker", "/", DESKTOP, None),
    ("dashboard-narrow", "medewerker", "/", NARROW, 1600),
    ("register", "medewerker", "/commitments/", DESKTOP, None),
    ("register-narrow", "medewerker", "/commitments/", NARROW, 1600),
    ("detail", "medewerker", "/commitments/WP2024-012/", DESKTOP, 1800),
    ("detail-narrow", "medewerker", "/commitments/WP2024-012/", NARROW, 2400),
    ("review-queue", "reviewer", "/reviews/", DESKTOP, None),
    ("review-queue-narrow", "reviewer", "/reviews/", NARROW, 1600),
    ("review", "reviewer", "/commitments/WP2024-012/review/", DESKTOP, 1600),
    ("overview", "manager", "/overview/2024/", DESKTOP, None),
    ("overview-narrow", "manager", "/overview/2024/", NARROW, 1600),
]


def main(base):
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        for name, user, path, viewport, height in SHOTS:
            context = browser.new_context(viewport=viewport, locale="nl-NL")
            page = context.new_page()
            if user:
                page.goto(base + "/accounts/login/")
                page.fill("input[name=username]", user)
                page.fill("input[name=password]", PASSWORD)
                page.click("main form [type=submit]")
                page.wait_for_load_state()
            page.goto(base + path)
            if height:
                full = page.evaluate("document.documentElement.scrollHeight")
                page.set_viewport_size({"width": viewport["width"], "height": min(full, height)})
            page.screenshot(path=OUT / f"{name}.png")
            context.close()
            print(OUT / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")
