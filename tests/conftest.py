import os

import pytest
from playwright.sync_api import sync_playwright

from spiders.browser import launch_options

pytest_plugins = ["fixtureweb.pytest_plugin"]


@pytest.fixture(scope="module")
def browser():
    """One Chromium for a test module's synchronous Playwright tests, chosen as the product chooses
    it (CERTSWEEP_CHROMIUM, else Playwright's own, else Debian's); each context picks its proxy.
    Per module, not per session: while sync Playwright runs, its event loop is the thread's
    running loop, and the asyncio tests after it (asyncio.run, an async browser) could not start."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(**launch_options(os.environ.get("CERTSWEEP_CHROMIUM"), None))
        yield chromium
        chromium.close()
