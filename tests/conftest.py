import os

import pytest
from playwright.sync_api import sync_playwright

from spiders.browser import launch_options

pytest_plugins = ["fixtureweb.pytest_plugin"]


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the session's synchronous Playwright tests, chosen as the product chooses
    it (CERTSWEEP_CHROMIUM, else Playwright's own, else Debian's); each context picks its proxy."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(**launch_options(os.environ.get("CERTSWEEP_CHROMIUM"), None))
        yield chromium
        chromium.close()
