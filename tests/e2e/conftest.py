"""Browser tests: Debian's Chromium (never a downloaded browser), driven by Playwright, against a live server.

Playwright's sync API keeps an asyncio loop running in the thread that drives it, and Django's ORM refuses to work in
such a thread (SynchronousOnlyOperation). So the browser lives in a thread of its own: a test prepares data with the
ORM in the main thread as usual, and hands the browser functions of a page to run in its thread.

One Chromium serves the whole session; each test gets fresh browser contexts (no cookies, no cache).
"""

import os
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

CHROMIUM = Path(os.environ.get("WPSITE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 375, "height": 812}


class Browser:
    """Chromium in a thread of its own. `open()` gives a tab whose `do(steps)` runs `steps(page)` in that thread."""

    def __init__(self):
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chromium")
        self._call(self._launch)

    def _call(self, function, *args):
        return self._thread.submit(function, *args).result()

    def _launch(self):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._chromium = self._playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

    def close(self):
        def stop():
            self._chromium.close()
            self._playwright.stop()

        self._call(stop)
        self._thread.shutdown()

    @contextmanager
    def open(self, base_url, *, viewport=DESKTOP, locale="nl-NL", cookies=(), name="page"):
        """A tab in a fresh context. `locale` sets the browser's Accept-Language; a failing step leaves a
        screenshot `failure-<name>.png` beside the others."""
        tab = Tab(self, base_url, viewport, locale, list(cookies), name)
        try:
            yield tab
        finally:
            self._call(tab._close)


class Tab:
    def __init__(self, browser, base_url, viewport, locale, cookies, name):
        self._browser, self.name = browser, name

        def create():
            self._context = browser._chromium.new_context(
                base_url=base_url, viewport=viewport, locale=locale, accept_downloads=True
            )
            self._context.set_default_timeout(10_000)
            if cookies:
                self._context.add_cookies(cookies)
            self.page = self._context.new_page()

        browser._call(create)

    def do(self, steps, *args):
        """Run `steps(page, *args)` in the browser's thread and return what it returns."""

        def run():
            try:
                return steps(self.page, *args)
            except Exception:
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                self.page.screenshot(path=SCREENSHOTS / f"failure-{self.name}.png", full_page=True)
                raise

        return self._browser._call(run)

    def _close(self):
        self._context.close()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(
            f"No Chromium at {CHROMIUM}: the browser tests need Debian's package `chromium` "
            "(apt-get install chromium; .ci/run installs it), or WPSITE_CHROMIUM pointing at another Chromium."
        )
    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.skip("Playwright is not installed: pip install -r requirements-dev.txt")
    chromium = Browser()
    yield chromium
    chromium.close()


@pytest.fixture
def session_for(live_server):
    """The session cookie of a logged-in user, for a tab that starts logged in (the login form has its own tests)."""

    def cookies(user):
        client = Client()
        client.force_login(user)
        name = settings.SESSION_COOKIE_NAME
        return [{"name": name, "value": client.cookies[name].value, "url": live_server.url}]

    return cookies


@pytest.fixture
def open_tab(browser, live_server, session_for, request):
    """`open_tab(user, ...)`: a tab for the user (None: not logged in), closed after the test."""
    with ExitStack() as stack:

        def open_(user=None, **options):
            options.setdefault("name", request.node.name)
            cookies = session_for(user) if user else ()
            return stack.enter_context(browser.open(live_server.url, cookies=cookies, **options))

        yield open_
