"""Which browser to launch and how: Playwright's own when installed, else Debian's Chromium."""
import os
from pathlib import Path

DEBIAN_CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium phones home at start-up; on a closed network that is a stream of
# refused connections, and in production it is traffic the proxy should not see.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic", "--no-default-browser-check", "--disable-domain-reliability",
                 "--disable-client-side-phishing-detection", "--disable-default-apps",
                 "--disable-extensions", "--metrics-recording-only", "--disable-breakpad",
                 "--safebrowsing-disable-auto-update"]
# No --disable-features here: Chromium keeps only the last one given, and Playwright's own list
# turns off HttpsUpgrades, without which every http:// navigation would silently become https://.


# Every browser context: fake portals often have self-signed or mismatched certificates, so
# record but fetch anyway; a source with a login adds its storage_state.
BROWSER_CONTEXT = {"ignore_https_errors": True, "locale": "zh-CN",
                   "viewport": {"width": 1280, "height": 900}}


def chromium_executable(configured: str | None = None) -> str | None:
    """None means "Playwright's bundled browser"; a path means that executable."""
    if configured:
        return configured
    cache = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH", Path.home() / ".cache/ms-playwright"))
    if any(cache.glob("chromium-*/chrome-linux*/chrome")):
        return None
    return DEBIAN_CHROMIUM


def browser_available(configured: str | None = None) -> bool:
    executable = chromium_executable(configured)
    return executable is None or Path(executable).exists()


def launch_options(configured: str | None, proxy: str | None) -> dict:
    options = {"headless": True, "args": CHROMIUM_ARGS}
    executable = chromium_executable(configured)
    if executable:
        options["executable_path"] = executable
    if proxy:
        # Route localhost through the proxy too: a fixture or intranet proxy may serve it.
        options["proxy"] = {"server": proxy, "bypass": "<-loopback>"}
    return options
